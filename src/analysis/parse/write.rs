//! The article model written back as Markdown in the seed format: what the editor
//! shows when a web page is pasted (its HTML is parsed, never inserted as markup),
//! and a form that parses back into the same article.

use super::article::{Article, BlockKind, InputFormat};
use crate::analysis::span::Span;
use crate::analysis::text::repair::{self, RepairOptions};

/// Escapes the characters Markdown would read as markup in running text, and an `&` that
/// would read back as a character reference ("&mp;" is "∓").
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#') || (c == '&' && starts_reference(&s[i..])) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest`, which starts with `&`, starts with what Markdown reads as a character
/// reference: "&name;", "&#38;" or "&#x26;". Any such name counts, known or not: an escaped
/// `&` reads back as itself either way.
fn starts_reference(rest: &str) -> bool {
    let body = &rest[1..];
    let body = body.strip_prefix('#').map_or(body, |b| b.strip_prefix(['x', 'X']).unwrap_or(b));
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    n > 0 && body.as_bytes().get(n) == Some(&b';')
}

/// `url` as a Markdown link destination that reads back as `url` and nothing else: as it is
/// when it can be, else in angle brackets (so spaces and parentheses need no escape), with the characters that could end it
/// or open markup escaped, and a line break or another control character, which no
/// destination can hold, percent-encoded.
fn destination(url: &str) -> String {
    // Control characters percent-encoded first, as a browser would send them; then the
    // angle-bracket form only where the URL still needs it, so that the Markdown read back
    // writes the same destination again.
    let encoded = percent_encoded(url, char::is_control);
    let reference = |i: usize, c: char| c == '&' && starts_reference(&encoded[i..]);
    // Most URLs need nothing of this, and read better bare.
    if !encoded.is_empty()
        && !encoded.char_indices().any(|(i, c)| matches!(c, '<' | '>' | '\\' | '(' | ')') || c.is_whitespace() || reference(i, c))
    {
        return encoded;
    }
    let mut out = String::with_capacity(encoded.len() + 2);
    out.push('<');
    for (i, c) in encoded.char_indices() {
        if matches!(c, '<' | '>' | '\\') || reference(i, c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('>');
    out
}

/// A web page's HTML (a paste or a dropped file) as Markdown. Only repair and parsing run,
/// not the tagger, so the page can convert a paste at once without the analysis worker.
pub fn html_to_markdown(html: &str) -> String {
    let repaired = repair::repair(html, RepairOptions { plain_text: false });
    let (text, article) = super::parse(&repaired.text, InputFormat::Html, &repaired.map, None);
    markdown(&text, &article)
}

/// `url` with the characters `which` picks percent-encoded (their UTF-8 bytes), as a browser
/// sends them.
fn percent_encoded(url: &str, which: fn(char) -> bool) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if which(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The article `art`, whose spans point into `source`, as Markdown: title, bold metadata
/// lines, the lead image, caption, body blocks with their links, and the credits line.
///
/// The Markdown is repaired once more (as reading it repairs it), so that it reads back as
/// itself: markup can keep apart what the Markdown joins. In "Ð¡&#39;older" the mojibake
/// becomes a Cyrillic "С" beside an entity, a word of its own, while the Markdown's
/// "С'older" is one word of mixed scripts, which repair makes "C'older".
pub fn markdown(source: &str, art: &Article) -> String {
    let written = unrepaired_markdown(source, art);
    let repaired = repair::repair(&written, RepairOptions { plain_text: false });
    if repaired.findings.is_empty() {
        written
    } else {
        repaired.text
    }
}

fn unrepaired_markdown(source: &str, art: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = &art.title {
        parts.push(format!("# {}", escape(&t.value)));
    }
    for value in [
        art.publisher.as_ref().map(|p| p.value.clone()),
        art.published.as_ref().map(|p| p.raw.clone()),
        // Its white space encoded: a metadata line with a space in it would not read back as
        // the article's URL ("https://a.example/b c").
        art.url.as_ref().map(|u| percent_encoded(&u.url, |c| c.is_whitespace() || c.is_control())),
    ]
    .into_iter()
    .flatten()
    {
        // The dateline's agency is the publisher's fallback; it is already in the body.
        if art.publisher.as_ref().is_some_and(|p| p.value == value && p.span.is_some()) {
            continue;
        }
        parts.push(format!("**{}**", escape(&value)));
    }
    // Bold, as the seed format's metadata lines are, so that it reads back as the byline.
    if let Some(b) = &art.byline {
        parts.push(format!("**By {}**", escape(&b.value)));
    }
    for block in &art.blocks {
        let text = |span: Span| -> String {
            // Links inside the block become [text](url); the rest is escaped text.
            let mut out = String::new();
            let mut pos = span.start;
            for l in art.links.iter().filter(|l| span.contains(l.span)) {
                out.push_str(&escape(&source[pos..l.span.start]));
                out.push_str(&format!("[{}]({})", escape(l.span.of(source)), destination(&l.url)));
                pos = l.span.end;
            }
            out.push_str(&escape(&source[pos..span.end]));
            out
        };
        match block.kind {
            BlockKind::Title => {}
            BlockKind::ImageAlt => {
                let url = art.image.as_ref().filter(|i| i.alt_span == Some(block.span)).map_or("", |i| i.url.as_str());
                parts.push(format!("![{}]({})", escape(block.span.of(source)), destination(url)));
            }
            BlockKind::Heading => parts.push(format!("## {}", text(block.span))),
            BlockKind::ListItem => parts.push(format!("- {}", text(block.span))),
            BlockKind::Quote => parts.push(format!("> {}", text(block.span))),
            BlockKind::Code => parts.push(format!("```\n{}\n```", block.span.of(source))),
            BlockKind::Caption | BlockKind::Paragraph | BlockKind::Credits => parts.push(text(block.span)),
        }
    }
    parts.join("\n\n")
}
