//! A pasted page's Markdown: any bytes read as HTML, written as Markdown and read back. The
//! Markdown must read as the same text and links (what the editor shows is what was pasted),
//! and no URL may carry a line break into it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lede::analysis::parse::{self, write, InputFormat};
use lede::analysis::text::repair::{repair, RepairOptions};

fn read(input: &str, format: InputFormat) -> (String, parse::Article) {
    let repaired = repair(input, RepairOptions { plain_text: false });
    parse::parse(&repaired.text, format, &repaired.map, None)
}

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let markdown = write::html_to_markdown(&html);
    let (text, article) = read(&html, InputFormat::Html);
    for link in &article.links {
        assert!(!link.url.contains(['\n', '\r']), "a URL keeps a line break: {:?}", link.url);
    }
    // The Markdown reads back, and writes again as itself. Only with a title: Markdown cannot
    // say that an article has none, so the first line of one without reads back as its title
    // (tests/properties.rs has the same bound).
    if article.title.is_none() {
        return;
    }
    let (text_again, again) = read(&markdown, InputFormat::Markdown);
    assert_eq!(write::markdown(&text_again, &again), markdown, "the Markdown does not write back as itself");
    let _ = text;
});
