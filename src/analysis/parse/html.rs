//! Pasted or dropped HTML into raw blocks, without ever building markup.
//!
//! A small tokenizer reads tags, attributes, comments and text with their byte
//! offsets; a walker keeps headings, paragraphs, list items, links, images and
//! figcaptions, and drops scripts, styles, forms, navigation chrome and every
//! attribute but `href`, `src`, `alt`, `content`, `property`, `name`, `datetime`.
//! Nothing here is executed or re-emitted as HTML: the output is plain text pieces.
//! Why not html5ever: it would add a few hundred KB to the wasm for a job that
//! needs no tree, only the text in document order with its source offsets.

use super::raw::{Inline, RawBlock, RawDoc, RawKind};
use super::urls::clean_url;
use crate::analysis::span::Span;
use crate::analysis::text::repair::find_entities;

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Open { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    Close { name: String },
    Text(&'a str),
}

/// Tokens with their byte spans. Malformed markup degrades to text, never to an error.
fn tokenize(input: &str) -> Vec<(Token<'_>, Span)> {
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    let mut raw_text_until: Option<String> = None; // inside <script>/<style>: skip to the close tag
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if let Some(close) = &raw_text_until {
            let rest = input[i..].to_ascii_lowercase();
            if rest.starts_with(close.as_str()) {
                raw_text_until = None;
                text_start = i;
            } else {
                i += 1;
                continue;
            }
        }
        // Comments and doctypes.
        if input[i..].starts_with("<!--") {
            push_text(&mut out, input, text_start, i);
            let end = input[i + 4..].find("-->").map_or(input.len(), |k| i + 4 + k + 3);
            i = end;
            text_start = i;
            continue;
        }
        if input[i..].starts_with("<!") || input[i..].starts_with("<?") {
            push_text(&mut out, input, text_start, i);
            i = input[i..].find('>').map_or(input.len(), |k| i + k + 1);
            text_start = i;
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len =
            input[name_start..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':')).unwrap_or(input.len() - name_start);
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i += 1; // a lone '<' is text
            continue;
        }
        let name = input[name_start..name_start + name_len].to_ascii_lowercase();
        let (attrs, end, self_closing) = read_attributes(input, name_start + name_len);
        push_text(&mut out, input, text_start, i);
        let span = Span::new(i, end);
        if closing {
            out.push((Token::Close { name }, span));
        } else {
            if matches!(name.as_str(), "script" | "style" | "textarea" | "title" | "noscript" | "template" | "xmp") && !self_closing {
                raw_text_until = Some(format!("</{name}"));
            }
            out.push((Token::Open { name, attrs, self_closing }, span));
        }
        i = end;
        text_start = i;
    }
    if raw_text_until.is_none() {
        push_text(&mut out, input, text_start, input.len());
    }
    out
}

fn push_text<'a>(out: &mut Vec<(Token<'a>, Span)>, input: &'a str, start: usize, end: usize) {
    if start < end {
        out.push((Token::Text(&input[start..end]), Span::new(start, end)));
    }
}

/// Reads attributes after a tag name; returns them, the offset after '>', and whether the tag closed itself.
fn read_attributes(input: &str, mut i: usize) -> (Vec<(String, String)>, usize, bool) {
    let bytes = input.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, bytes.len(), false);
        }
        if bytes[i] == b'>' {
            let self_closing = i > 0 && bytes[i - 1] == b'/';
            return (attrs, i + 1, self_closing);
        }
        let name_end =
            input[i..].find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/').map_or(bytes.len(), |k| i + k);
        let name = input[i..name_end].to_ascii_lowercase();
        i = name_end.max(i + 1);
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i] as char;
                let end = input[i + 1..].find(q).map_or(bytes.len(), |k| i + 1 + k);
                value = decode(&input[(i + 1).min(end)..end]);
                i = (end + 1).min(bytes.len());
            } else {
                let end = input[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(bytes.len(), |k| i + k);
                value = decode(&input[i..end]);
                i = end;
            }
        }
        attrs.push((name, value));
    }
}

fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (span, d) in find_entities(s) {
        out.push_str(&s[last..span.start]);
        out.push_str(&d);
        last = span.end;
    }
    out.push_str(&s[last..]);
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Elements whose content is never article text.
const DROPPED: [&str; 17] = [
    "script", "style", "noscript", "template", "iframe", "svg", "math", "nav", "footer", "aside", "form", "button", "select", "textarea",
    "object", "title", "head",
];

fn block_kind(name: &str) -> Option<RawKind> {
    Some(match name {
        "h1" => RawKind::Heading(1),
        "h2" => RawKind::Heading(2),
        "h3" | "h4" | "h5" | "h6" => RawKind::Heading(3),
        "p" | "div" | "section" | "article" | "main" | "figure" | "figcaption" | "td" | "th" | "dd" | "dt" | "header" | "caption" => {
            RawKind::Paragraph
        }
        "li" => RawKind::ListItem,
        "blockquote" => RawKind::Quote,
        "pre" => RawKind::Code,
        _ => return None,
    })
}

/// The raw blocks of an HTML document or fragment, plus `<meta>` facts
/// (og:title, article:published_time, og:url, og:site_name) as header lines.
pub(crate) fn html_blocks(input: &str) -> RawDoc {
    let mut doc = RawDoc::default();
    let mut current: Option<RawBlock> = None;
    let mut skip_depth: Vec<String> = Vec::new();
    let mut strong = 0usize;
    let mut link: Option<usize> = None;
    let mut meta: Vec<(String, String, Span)> = Vec::new();
    let close_block = |current: &mut Option<RawBlock>, doc: &mut RawDoc| {
        if let Some(b) = current.take() {
            if b.inlines.iter().any(|i| !i.text.trim().is_empty() || i.image.is_some()) {
                doc.blocks.push(b);
            }
        }
    };
    for (token, span) in tokenize(input) {
        match token {
            Token::Open { name, attrs, self_closing } => {
                // <meta> facts count even inside <head>, whose text is dropped.
                if name == "meta" {
                    let key = attr(&attrs, "property").or_else(|| attr(&attrs, "name")).unwrap_or("").to_ascii_lowercase();
                    if let Some(v) = attr(&attrs, "content") {
                        meta.push((key, v.to_string(), span));
                    }
                    continue;
                }
                if !skip_depth.is_empty() {
                    if DROPPED.contains(&name.as_str()) && !self_closing {
                        skip_depth.push(name);
                    }
                    continue;
                }
                if DROPPED.contains(&name.as_str()) && !self_closing {
                    skip_depth.push(name);
                    continue;
                }
                match name.as_str() {
                    "b" | "strong" => strong += 1,
                    "a" => {
                        doc.links.push(clean_url(attr(&attrs, "href").unwrap_or("")));
                        link = Some(doc.links.len() - 1);
                    }
                    "br" => {
                        if let Some(b) = current.as_mut() {
                            b.inlines.push(Inline { text: " ".into(), source: span, strong: strong > 0, link, image: None });
                        }
                    }
                    "img" => {
                        let src = clean_url(attr(&attrs, "src").unwrap_or(""));
                        doc.images.push((src, span));
                        let alt = attr(&attrs, "alt").unwrap_or("").to_string();
                        close_block(&mut current, &mut doc);
                        let image = Some(doc.images.len() - 1);
                        doc.blocks.push(RawBlock {
                            kind: RawKind::Paragraph,
                            inlines: vec![Inline { text: alt, source: span, strong: false, link: None, image }],
                            source: span,
                        });
                    }
                    _ => {
                        if let Some(kind) = block_kind(&name) {
                            close_block(&mut current, &mut doc);
                            current = Some(RawBlock { kind, inlines: Vec::new(), source: span });
                        }
                    }
                }
            }
            Token::Close { name } => {
                if let Some(top) = skip_depth.last() {
                    if *top == name {
                        skip_depth.pop();
                    }
                    continue;
                }
                match name.as_str() {
                    "b" | "strong" => strong = strong.saturating_sub(1),
                    "a" => link = None,
                    _ if block_kind(&name).is_some() => close_block(&mut current, &mut doc),
                    _ => {}
                }
            }
            Token::Text(raw) => {
                if !skip_depth.is_empty() {
                    continue;
                }
                let text = collapse_whitespace(&decode(raw));
                if text.trim().is_empty() && current.is_none() {
                    continue;
                }
                let block = current.get_or_insert_with(|| RawBlock { kind: RawKind::Paragraph, inlines: Vec::new(), source: span });
                block.inlines.push(Inline { text, source: span, strong: strong > 0, link, image: None });
            }
        }
    }
    close_block(&mut current, &mut doc);
    prepend_meta(&mut doc, &meta);
    doc
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Turns the page's `<meta>` facts into header lines the classifier already knows,
/// when the body does not state them: a title heading, bold site name, timestamp and URL.
fn prepend_meta(doc: &mut RawDoc, meta: &[(String, String, Span)]) {
    let get = |keys: &[&str]| meta.iter().find(|(k, v, _)| keys.contains(&k.as_str()) && !v.trim().is_empty());
    let has_h1 = doc.blocks.iter().any(|b| b.kind == RawKind::Heading(1));
    let mut head = Vec::new();
    let line = |kind: RawKind, (_, v, s): &(String, String, Span), strong: bool| RawBlock {
        kind,
        inlines: vec![Inline { text: v.trim().to_string(), source: *s, strong, link: None, image: None }],
        source: *s,
    };
    if !has_h1 {
        if let Some(m) = get(&["og:title", "twitter:title"]) {
            head.push(line(RawKind::Heading(1), m, false));
        }
    }
    for keys in [&["og:site_name"][..], &["article:published_time", "date", "pubdate"][..], &["og:url"][..]] {
        if let Some(m) = get(keys) {
            head.push(line(RawKind::Paragraph, m, true));
        }
    }
    if head.is_empty() {
        return;
    }
    // The title goes first; the header lines go right after it.
    let h1 = doc.blocks.iter().position(|b| b.kind == RawKind::Heading(1)).map_or(0, |i| i + 1);
    let at = if has_h1 { h1 } else { 0 };
    doc.blocks.splice(at..at, head);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_reads_tags_attributes_and_text() {
        let t = tokenize("<p class=x>Hi <a href=\"/u?a=1&amp;b=2\">there</a></p>");
        assert!(matches!(&t[0].0, Token::Open { name, .. } if name == "p"));
        assert_eq!(t[1].0, Token::Text("Hi "));
        match &t[2].0 {
            Token::Open { attrs, .. } => assert_eq!(attr(attrs, "href"), Some("/u?a=1&b=2")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn scripts_styles_and_chrome_are_dropped() {
        let doc = html_blocks(
            "<nav><a href=/>Home</a></nav><script>alert('<p>x</p>')</script><style>p{}</style>\
             <h1>Title</h1><p onclick=\"evil()\">Body <b>text</b>.</p><footer>Cookies</footer>",
        );
        let texts: Vec<String> = doc.blocks.iter().map(|b| b.inlines.iter().map(|i| i.text.as_str()).collect()).collect();
        assert_eq!(texts, ["Title", "Body text."]);
    }

    #[test]
    fn malformed_markup_never_fails() {
        for s in ["<", "<p", "<p>unclosed", "</div>", "<<>>", "<a href='x>y", "<!-- never closed", "<script>no end"] {
            let _ = html_blocks(s);
        }
    }
}
