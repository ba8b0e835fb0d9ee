//! Parsing: the seed format, any Markdown, plain text and pasted HTML into one article
//! model.
//!
//! Every input kind is first read into raw blocks (a block kind plus inline pieces of
//! text, each with its span in the source) by its reader: [`markdown`], [`plain`] or
//! [`html`]. One classifier ([`classify`]) then picks the title, the metadata lines, the
//! lead image, its caption and the credits line out of those blocks, helped by what it knows
//! of page chrome ([`chrome`]), credits ([`credits`]) and datelines ([`dateline`]), and
//! lays the rest out as the analysis text: blocks joined by blank lines, every piece
//! remembering where it came from. [`mod@write`] writes the model back as Markdown.

pub mod article;
pub mod chrome;
pub mod classify;
pub mod credits;
pub mod dateline;
pub mod dom;
pub mod html;
pub mod jsonld;
pub mod markdown;
pub mod meta;
pub mod page;
pub mod plain;
pub mod raw;
pub mod urls;
pub mod write;

use super::text::repair::OffsetMap;

pub use article::{Article, ArticleUrl, Block, BlockKind, Caption, Dateline, Field, Image, InputFormat, Link, Piece, Published, Via};
pub use credits::{Credits, PhotoCredit};
pub use urls::{domain_of, is_safe_url};

/// Guesses the input's format from its first characters and its markup.
pub fn detect_format(input: &str) -> InputFormat {
    // A byte-order mark is no text: a page saved with one is still a page.
    let head = input.trim_start_matches('\u{feff}').trim_start();
    let lower: String = head.chars().take(2000).collect::<String>().to_ascii_lowercase();
    let html_tags = ["<html", "<!doctype", "<p>", "<p ", "<div", "<article", "<h1", "<body", "<span", "<meta", "<figure", "<section"];
    if head.starts_with('<') && html_tags.iter().any(|t| lower.contains(t)) {
        return InputFormat::Html;
    }
    let markdown = input.lines().take(400).any(|l| {
        let l = l.trim_start();
        l.starts_with("# ") || l.starts_with("## ") || l.starts_with("**") || l.starts_with("![") || l.contains("](")
    });
    if markdown {
        InputFormat::Markdown
    } else {
        InputFormat::PlainText
    }
}

/// Parses `input` (already repaired; `map` leads back to the input as given).
/// Returns the analysis text and the article model whose spans point into it.
/// `known_word` tells whether a word is a word, for joining words that plain text wrapped
/// by hand hyphenated at a line's end (the tagger's lexicon; none in the page's own bundle,
/// which parses pasted HTML only).
pub fn parse(input: &str, format: InputFormat, map: &OffsetMap, known_word: Option<fn(&str) -> bool>) -> (String, Article) {
    let doc = match format {
        InputFormat::Markdown => markdown::markdown_blocks(input),
        InputFormat::PlainText => plain::plain_blocks(input, known_word),
        InputFormat::Html => page::html_blocks(input),
    };
    classify::classify(doc, format, map)
}
