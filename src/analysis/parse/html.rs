//! HTML's tokens with their byte offsets: tags, attributes, comments and text.
//!
//! A small tokenizer reads tags, attributes (each value with its span), comments and text;
//! raw text (the contents of `<script>`, `<style>`, `<title>` and the like) is one text token,
//! so a JSON-LD script or the page's title can be read while nothing else in a script is.
//! Nothing here is executed or re-emitted as HTML. The tree ([`super::dom`]), the main
//! content ([`super::page`]) and the metadata ([`super::meta`]) are built from these tokens.
//! Why not html5ever: see docs/pages.md (it would add 170 KB gzipped to the worker for a job
//! that needs only elements, their text and their offsets).

use crate::analysis::span::Span;
use crate::analysis::text::repair::find_entities;

/// One attribute: its lowercase name, its value with character references decoded, and
/// where the value is in the input (empty at the name's end for an attribute without one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Attr {
    pub name: String,
    pub value: String,
    pub span: Span,
}

#[derive(Debug, PartialEq)]
pub(crate) enum Token<'a> {
    Open { name: String, attrs: Vec<Attr>, self_closing: bool },
    Close { name: String },
    Text(&'a str),
}

/// Elements whose content is raw text: read to their closing tag, never as markup.
pub(crate) const RAW_TEXT: [&str; 7] = ["script", "style", "textarea", "title", "noscript", "template", "xmp"];

/// Tokens with their byte spans. Malformed markup degrades to text, never to an error. Linear:
/// inside raw text, each `<` is compared in place with the closing tag it waits for.
pub(crate) fn tokenize(input: &str) -> Vec<(Token<'_>, Span)> {
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    // Inside <script>, <style>...: the closing tag's name, waited for.
    let mut raw_text_until: Option<&'static str> = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if let Some(name) = raw_text_until {
            let end = i + 2 + name.len();
            let closes = bytes.get(i + 1) == Some(&b'/')
                && bytes.get(i + 2..end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
                && bytes.get(end).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
            if !closes {
                i += 1;
                continue;
            }
            raw_text_until = None;
        }
        // Comments and doctypes.
        if bytes[i..].starts_with(b"<!--") {
            push_text(&mut out, input, text_start, i);
            let end = input[i + 4..].find("-->").map_or(input.len(), |k| i + 4 + k + 3);
            i = end;
            text_start = i;
            continue;
        }
        if bytes[i..].starts_with(b"<!") || bytes[i..].starts_with(b"<?") {
            push_text(&mut out, input, text_start, i);
            i = input[i..].find('>').map_or(input.len(), |k| i + k + 1);
            text_start = i;
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b':'))
            .unwrap_or(bytes.len().saturating_sub(name_start));
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
            if !self_closing {
                raw_text_until = RAW_TEXT.iter().find(|t| **t == name).copied();
            }
            out.push((Token::Open { name, attrs, self_closing }, span));
        }
        i = end;
        text_start = i;
    }
    push_text(&mut out, input, text_start, input.len());
    out
}

fn push_text<'a>(out: &mut Vec<(Token<'a>, Span)>, input: &'a str, start: usize, end: usize) {
    if start < end {
        out.push((Token::Text(&input[start..end]), Span::new(start, end)));
    }
}

/// Reads attributes after a tag name; returns them, the offset after '>', and whether the tag closed itself.
fn read_attributes(input: &str, mut i: usize) -> (Vec<Attr>, usize, bool) {
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
        let mut span = Span::new(name_end, name_end);
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i] as char;
                let end = input[i + 1..].find(q).map_or(bytes.len(), |k| i + 1 + k);
                span = Span::new((i + 1).min(end), end);
                value = decode(span.of(input));
                i = (end + 1).min(bytes.len());
            } else {
                let end = input[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(bytes.len(), |k| i + k);
                span = Span::new(i, end);
                value = decode(span.of(input));
                i = end;
            }
        }
        // Only the attributes something reads are kept: a page's inline styles and data
        // attributes would otherwise be most of its memory.
        if KEPT_ATTRIBUTES.contains(&name.as_str()) {
            attrs.push(Attr { name, value, span });
        }
    }
}

/// The attributes the tree keeps.
const KEPT_ATTRIBUTES: [&str; 27] = [
    "href",
    "src",
    "data-src",
    "data-original",
    "alt",
    "content",
    "property",
    "name",
    "datetime",
    "class",
    "id",
    "role",
    "itemprop",
    "itemtype",
    "rel",
    "type",
    "hidden",
    "aria-hidden",
    "style",
    "http-equiv",
    "charset",
    "pubdate",
    "aria-modal",
    "title",
    "datatable",
    "summary",
    "value",
];

/// `s` with its character references decoded ("&amp;" → "&").
pub(crate) fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
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

/// The value of attribute `name`, if the tag has it.
#[cfg(test)]
pub(crate) fn attr<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a str> {
    attrs.iter().find(|a| a.name == name).map(|a| a.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_reads_tags_attributes_and_text() {
        let input = "<p class=x>Hi <a href=\"/u?a=1&amp;b=2\">there</a></p>";
        let t = tokenize(input);
        assert!(matches!(&t[0].0, Token::Open { name, .. } if name == "p"));
        assert_eq!(t[1].0, Token::Text("Hi "));
        match &t[2].0 {
            Token::Open { attrs, .. } => {
                assert_eq!(attr(attrs, "href"), Some("/u?a=1&b=2"));
                assert_eq!(attrs[0].span.of(input), "/u?a=1&amp;b=2");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn raw_text_is_one_token_up_to_its_closing_tag() {
        let t = tokenize("<script type=\"application/ld+json\">{\"a\": \"<b>\"}</scriptx></SCRIPT ><p>x");
        assert_eq!(t[1].0, Token::Text("{\"a\": \"<b>\"}</scriptx>"));
        assert_eq!(t[2].0, Token::Close { name: "script".into() });
        assert!(matches!(&t[3].0, Token::Open { name, .. } if name == "p"));
    }

    #[test]
    fn malformed_markup_never_fails() {
        for s in ["<", "<p", "<p>unclosed", "</div>", "<<>>", "<a href='x>y", "<!-- never closed", "<script>no end", "</", "<a b=", "é<"] {
            let _ = tokenize(s);
        }
    }
}
