//! Parsing: the seed format, any Markdown, plain text and pasted HTML into one
//! article model.
//!
//! Every input kind is first read into `RawBlock`s (a block kind plus inline
//! pieces of text, each with its span in the source). One classifier then picks
//! the title, the metadata lines, the lead image, its caption and the credits
//! line out of those blocks, and lays the rest out as the analysis text: blocks
//! joined by blank lines, every piece remembering where it came from.

pub mod chrome;
pub mod credits;
pub mod html;
pub mod write;

use super::lists::{Outlets, CREDIT_PHRASES};
use super::span::Span;
use super::text::repair::OffsetMap;
use super::util::order;
use super::util::timestamp::parse_timestamp;
use chrome::{
    caption_label, is_control, is_email_header, is_end_marker, looks_like_name, name_before_role, run_on_credit, staff_role, CaptionPart,
};
use credits::{contributors, parse_credits, parse_photo_credit, Credits, PhotoCredit};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// What the input looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// Markdown, including the seed articles' export format.
    Markdown,
    PlainText,
    Html,
}

/// Guesses the input's format from its first characters and its markup.
pub fn detect_format(input: &str) -> InputFormat {
    let head = input.trim_start();
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

/// A metadata value and where it was in the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub value: String,
    /// Byte span in the input as given.
    pub source: Span,
    /// Byte span in the analysis text, when the value is part of it (the title is).
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// As printed: "2023-10-26 10:15".
    pub raw: String,
    /// ISO 8601: "2023-10-26T10:15:00" (with the offset when the text gives a zone).
    pub iso: String,
    pub source: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleUrl {
    pub url: String,
    /// Host without "www.": "reuters.com".
    pub domain: String,
    pub source: Span,
}

/// "MOSCOW, Oct 26 (Reuters) -": where and when the story was filed, and by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    pub span: Span,
    pub place: String,
    pub date: Option<String>,
    pub agency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub alt: String,
    /// The alt text's span in the analysis text.
    pub alt_span: Option<Span>,
    pub source: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Caption {
    /// The whole caption block, credit included.
    pub span: Span,
    pub credit: Option<PhotoCredit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The anchor text in the analysis text.
    pub span: Span,
    pub text: String,
    pub url: String,
    pub domain: Option<String>,
    /// True when the link points into the article's own site.
    pub internal: bool,
    /// True for http, https and mailto links: the only ones the UI makes clickable (see [`is_safe_url`]).
    pub safe: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Heading,
    ImageAlt,
    Caption,
    Paragraph,
    ListItem,
    Quote,
    Code,
    Credits,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

/// One stretch of the analysis text and the stretch of the input it came from.
/// Lengths differ where the source had markup or escapes (`\*`, `&amp;`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: Span,
    /// In the input as given.
    pub source: Span,
    /// In the repaired input the parser read (for mapping repair findings).
    #[serde(skip)]
    pub repaired: Span,
}

/// Everything the parser learned about the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub format: InputFormat,
    pub title: Option<Field>,
    pub publisher: Option<Field>,
    pub byline: Option<Field>,
    pub published: Option<Published>,
    pub url: Option<ArticleUrl>,
    pub dateline: Option<Dateline>,
    pub image: Option<Image>,
    pub caption: Option<Caption>,
    pub links: Vec<Link>,
    pub credits: Option<Credits>,
    pub blocks: Vec<Block>,
    /// Maps the analysis text back to the input: sorted, disjoint pieces.
    pub source_map: Vec<Piece>,
    /// Words that text wrapped by hand hyphenated at a line's end and the parser joined
    /// ("arrange-" / "ment"): where each was in the repaired input, reported as findings.
    #[serde(skip)]
    pub joined_words: Vec<Span>,
}

impl Article {
    /// The input offset of analysis-text offset `pos` (the nearest piece's edge
    /// when `pos` falls between pieces).
    pub fn to_source(&self, pos: usize) -> usize {
        let i = self.source_map.partition_point(|p| p.text.end <= pos);
        match self.source_map.get(i) {
            Some(p) if p.text.start <= pos => {
                if p.text.len() == p.source.len() {
                    p.source.start + (pos - p.text.start)
                } else {
                    p.source.start
                }
            }
            // Between pieces (a block separator) or past the end: the previous piece's end.
            _ => match i.checked_sub(1).and_then(|k| self.source_map.get(k)) {
                Some(prev) => prev.source.end,
                None => self.source_map.first().map_or(0, |p| p.source.start),
            },
        }
    }

    /// The analysis-text span of `repaired`, a span of the repaired input the
    /// parser read, if that part of the input is in the text.
    pub fn repaired_to_text(&self, repaired: Span) -> Option<Span> {
        let first = self.source_map.iter().find(|p| p.repaired.end > repaired.start)?;
        let last = self.source_map.iter().rev().find(|p| p.repaired.start < repaired.end)?;
        let exact = |p: &Piece| p.text.len() == p.repaired.len();
        let start = if exact(first) && repaired.start >= first.repaired.start {
            first.text.start + (repaired.start - first.repaired.start)
        } else {
            first.text.start
        };
        let end = if exact(last) && repaired.end <= last.repaired.end {
            last.text.start + (repaired.end - last.repaired.start)
        } else {
            last.text.end
        };
        (start < end).then_some(Span::new(start, end))
    }
}

// ---- raw blocks ------------------------------------------------------------

/// A piece of inline text with its source span (in the repaired input).
#[derive(Debug, Clone)]
pub(crate) struct Inline {
    pub text: String,
    pub source: Span,
    pub strong: bool,
    pub link: Option<usize>,
    pub image: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawKind {
    Heading(u8),
    Paragraph,
    ListItem,
    Quote,
    Code,
}

#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub kind: RawKind,
    pub inlines: Vec<Inline>,
    pub source: Span,
}

impl RawBlock {
    fn text(&self) -> String {
        self.inlines.iter().map(|i| i.text.as_str()).collect()
    }
    fn all_strong(&self) -> bool {
        let mut any = false;
        for i in &self.inlines {
            if i.text.trim().is_empty() {
                continue;
            }
            if !i.strong {
                return false;
            }
            any = true;
        }
        any
    }
    fn only_image(&self) -> Option<usize> {
        let mut img = None;
        for i in &self.inlines {
            match i.image {
                Some(k) => img = Some(k),
                None if i.text.trim().is_empty() => {}
                None => return None,
            }
        }
        img
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RawDoc {
    pub blocks: Vec<RawBlock>,
    /// Words hyphenated across a line break that were joined (plain text wrapped by hand).
    pub joined_words: Vec<Span>,
    /// Link targets, indexed by `Inline::link`.
    pub links: Vec<String>,
    /// Image sources and their spans, indexed by `Inline::image`.
    pub images: Vec<(String, Span)>,
}

fn markdown_blocks(input: &str) -> RawDoc {
    let mut doc = RawDoc::default();
    let mut current: Option<RawBlock> = None;
    let mut strong = 0usize;
    let mut link: Option<usize> = None;
    let mut image: Option<usize> = None;
    let mut quote_depth = 0usize;
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let open = |current: &mut Option<RawBlock>, doc: &mut RawDoc, kind: RawKind, at: usize| {
        if let Some(b) = current.take() {
            if !b.inlines.is_empty() {
                doc.blocks.push(b);
            }
        }
        *current = Some(RawBlock { kind, inlines: Vec::new(), source: Span::new(at, at) });
    };
    for (event, range) in Parser::new_ext(input, opts).into_offset_iter() {
        let src = Span::new(range.start, range.end);
        match event {
            Event::Start(Tag::Heading { level, .. }) => open(&mut current, &mut doc, RawKind::Heading(level as u8), src.start),
            Event::Start(Tag::Paragraph) => {
                let kind = match current.as_ref().map(|b| (b.kind, b.inlines.is_empty())) {
                    Some((RawKind::ListItem, true)) => RawKind::ListItem,
                    _ if quote_depth > 0 => RawKind::Quote,
                    _ => RawKind::Paragraph,
                };
                open(&mut current, &mut doc, kind, src.start);
            }
            Event::Start(Tag::Item) => open(&mut current, &mut doc, RawKind::ListItem, src.start),
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => open(&mut current, &mut doc, RawKind::Code, src.start),
            Event::Start(Tag::TableCell) => open(&mut current, &mut doc, RawKind::Paragraph, src.start),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableCell) => {
                if let Some(mut b) = current.take() {
                    b.source.end = src.end;
                    if !b.inlines.is_empty() {
                        doc.blocks.push(b);
                    }
                }
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                doc.links.push(dest_url.to_string());
                link = Some(doc.links.len() - 1);
            }
            Event::End(TagEnd::Link) => link = None,
            Event::Start(Tag::Image { dest_url, .. }) => {
                doc.images.push((dest_url.to_string(), src));
                image = Some(doc.images.len() - 1);
                // An image with empty alt text still needs a place in its block.
                current
                    .get_or_insert_with(|| RawBlock { kind: RawKind::Paragraph, inlines: Vec::new(), source: src })
                    .inlines
                    .push(Inline { text: String::new(), source: Span::new(src.start, src.start), strong: strong > 0, link, image });
            }
            Event::End(TagEnd::Image) => image = None,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let block = current.get_or_insert_with(|| RawBlock { kind: RawKind::Paragraph, inlines: Vec::new(), source: src });
                block.inlines.push(Inline { text: t.to_string(), source: src, strong: strong > 0, link, image });
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.inlines.push(Inline { text: " ".into(), source: src, strong: strong > 0, link, image });
                }
            }
            // Raw HTML inside Markdown is dropped: it is never rendered, and its text
            // is rarely article prose.
            _ => {}
        }
    }
    if let Some(b) = current.take() {
        if !b.inlines.is_empty() {
            doc.blocks.push(b);
        }
    }
    doc
}

/// Plain text: each line is a block of its own (a paragraph, or a title, byline, timestamp
/// or URL for the classifier), as a web page copied as plain text separates paragraphs by
/// one line break, and blank lines do not matter. Text wrapped by hand (an email, a copy
/// from a PDF: see [`wrap_width`]) instead joins a line to the next exactly when the next
/// line's first word would not have fitted on it, so a sentence broken across lines stays
/// whole and a title or byline keeps its own line; a blank line always ends a paragraph.
/// Text whose lines are mostly longer than [`WRAPPED_LINE_CHARS`] was not wrapped by hand.
fn plain_blocks(input: &str, known_word: Option<fn(&str) -> bool>) -> RawDoc {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in input.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let (non_empty, long) = lines
        .iter()
        .map(|(_, l)| l.trim())
        .filter(|l| !l.is_empty())
        .fold((0usize, 0usize), |(n, long), l| (n + 1, long + usize::from(l.chars().nth(WRAPPED_LINE_CHARS).is_some())));
    let line_per_paragraph = long * 2 >= non_empty;
    let wrapped_at = if line_per_paragraph { None } else { wrap_width(&lines) };
    let mut doc = RawDoc::default();
    // The paragraph being built, as pieces of the input: one, unless a word broken across
    // lines was joined, which leaves its hyphen and line break out.
    let mut para: Vec<Span> = Vec::new();
    let flush = |para: &mut Vec<Span>, doc: &mut RawDoc| {
        let (Some(first), Some(last)) = (para.first(), para.last()) else { return };
        let source = Span::new(first.start, last.end);
        let inlines =
            para.iter().map(|s| Inline { text: s.of(input).to_string(), source: *s, strong: false, link: None, image: None }).collect();
        doc.blocks.push(RawBlock { kind: RawKind::Paragraph, inlines, source });
        para.clear();
    };
    for (n, &(start, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut para, &mut doc);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (start + lead, start + lead + trimmed.len());
        if let Some(width) = wrapped_at {
            match para.last_mut() {
                // After a joined word, the piece this line starts is still empty.
                Some(piece) if piece.end <= s => piece.end = e,
                _ => para.push(Span::new(s, e)),
            }
            let next = lines.get(n + 1);
            let next_word = next.and_then(|(_, l)| l.split_whitespace().next());
            let soft_break = next_word.is_some_and(|w| line.trim_end().chars().count() + 1 + w.chars().count() > width);
            if !soft_break {
                flush(&mut para, &mut doc);
            } else if let (Some(known), Some(&(next_start, next_line))) = (known_word, next) {
                if let Some(head_start) = broken_word(trimmed, next_line, known) {
                    // The piece ends before the hyphen; the next line starts a new one.
                    if let Some(piece) = para.last_mut() {
                        piece.end = e - 1;
                    }
                    let next_lead = next_line.len() - next_line.trim_start().len();
                    para.push(Span::new(next_start + next_lead, next_start + next_lead));
                    let tail_end = next_line.trim_start().find(|c: char| !c.is_alphabetic()).unwrap_or(next_line.trim().len());
                    doc.joined_words.push(Span::new(s + head_start, next_start + next_lead + tail_end));
                }
            }
            continue;
        }
        // Not wrapped by hand: a line is a paragraph, or a title, byline or timestamp.
        flush(&mut para, &mut doc);
        para.push(Span::new(s, e));
        flush(&mut para, &mut doc);
    }
    flush(&mut para, &mut doc);
    doc
}

/// Where the word starts in `line` when `line` ends with a word hyphenated before the line
/// break and `next` goes on with the rest of it ("...a new border arrange-" / "ment, Home"),
/// in type set by a program. The hyphen is a compound's, and stays, when the part after it is
/// a word and the whole is not ("well-" / "known", "self-" / "driving"). A part after it that
/// is no word ("ment", "skiy") is a syllable, and is joined even when the whole is unknown (a
/// name: "Zelen-" / "skiy"). A hyphen after a space is a dash ("the plan -" / "which").
fn broken_word(line: &str, next: &str, known: fn(&str) -> bool) -> Option<usize> {
    let before = line.strip_suffix('-')?;
    let head_start = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last()?.0;
    let head = &before[head_start..];
    let next = next.trim_start();
    let tail = &next[..next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len())];
    if head.chars().count() < 2 || tail.is_empty() || !tail.chars().all(char::is_lowercase) {
        return None;
    }
    (!known(tail) || known(&format!("{head}{tail}"))).then_some(head_start)
}

/// A line longer than this many characters was not wrapped by hand (text is wrapped at
/// 72 to 80 columns).
const WRAPPED_LINE_CHARS: usize = 100;

/// The width text was wrapped at by hand, if it was: the longest line up to
/// [`WRAPPED_LINE_CHARS`] characters, when at least three lines, and two in five of all,
/// come within [`WRAP_SLACK`] of it, and at least two lines, and one in five, start with a
/// lowercase letter (a sentence going on from the line before). A wrapped paragraph's
/// lines all end near the width; a list of headlines, names or records may too, but its
/// lines start with capitals, digits or quotes. One-line paragraphs of similar length are
/// kept apart by blank lines anyway.
fn wrap_width(lines: &[(usize, &str)]) -> Option<usize> {
    let lines: Vec<&str> = lines.iter().map(|(_, l)| l.trim_end()).filter(|l| !l.trim_start().is_empty()).collect();
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let width = widths.iter().copied().filter(|&w| w <= WRAPPED_LINE_CHARS).max()?;
    let near = widths.iter().filter(|&&w| w <= width && w + WRAP_SLACK >= width).count();
    let going_on = lines.iter().filter(|l| l.trim_start().starts_with(char::is_lowercase)).count();
    let wrapped = width >= MIN_WRAP_WIDTH && near >= 3 && near * 5 >= lines.len() * 2 && going_on >= 2 && going_on * 5 >= lines.len();
    wrapped.then_some(width)
}

/// How far short of the width a wrapped line may end: a line breaks before a word that
/// does not fit, and English words with their space are rarely longer than this.
const WRAP_SLACK: usize = 15;

/// Narrower lines are a list or verse, not text wrapped to a page.
const MIN_WRAP_WIDTH: usize = 40;

// ---- classification ---------------------------------------------------------

/// Lays out the analysis text as blocks joined by blank lines, remembering sources.
struct TextBuilder<'m> {
    text: String,
    pieces: Vec<Piece>,
    blocks: Vec<Block>,
    map: &'m OffsetMap,
}

impl TextBuilder<'_> {
    /// Appends a block made of `inlines` (trimmed at its edges); returns its span and,
    /// for each inline, its span in the text.
    fn push_block(&mut self, kind: BlockKind, inlines: &[Inline]) -> Option<(Span, Vec<Span>)> {
        let joined: String = inlines.iter().map(|i| i.text.as_str()).collect();
        let lead = joined.len() - joined.trim_start().len();
        let keep = joined.trim().len();
        if keep == 0 {
            return None;
        }
        if !self.blocks.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        let mut at = 0; // position within `joined`
        let mut spans = Vec::with_capacity(inlines.len());
        for inline in inlines {
            let (s, e) = (at, at + inline.text.len());
            at = e;
            // Clip to the trimmed range.
            let cs = s.clamp(lead, lead + keep);
            let ce = e.clamp(lead, lead + keep);
            let text_span = Span::new(start + cs - lead, start + ce - lead);
            spans.push(text_span);
            if ce > cs {
                let piece_text = &inline.text[cs - s..ce - s];
                self.text.push_str(piece_text);
                let source = if inline.text.len() == inline.source.len() {
                    Span::new(inline.source.start + (cs - s), inline.source.start + (ce - s))
                } else {
                    inline.source
                };
                let original = self.map.span_to_original(source);
                self.pieces.push(Piece { text: text_span, source: original, repaired: source });
            }
        }
        let span = Span::new(start, self.text.len());
        self.blocks.push(Block { kind, span });
        Some((span, spans))
    }
}

/// Parses `input` (already repaired; `map` leads back to the input as given).
/// Returns the analysis text and the article model whose spans point into it.
/// `known_word` tells whether a word is a word, for joining words that plain text wrapped
/// by hand hyphenated at a line's end (the tagger's lexicon; none in the page's own bundle,
/// which parses pasted HTML only).
pub fn parse(input: &str, format: InputFormat, map: &OffsetMap, known_word: Option<fn(&str) -> bool>) -> (String, Article) {
    let doc = match format {
        InputFormat::Markdown => markdown_blocks(input),
        InputFormat::PlainText => plain_blocks(input, known_word),
        InputFormat::Html => html::html_blocks(input),
    };
    classify(doc, format, map)
}

fn original(map: &OffsetMap, span: Span) -> Span {
    map.span_to_original(span)
}

fn source_of(block: &RawBlock) -> Span {
    let s = block.inlines.first().map_or(block.source.start, |i| i.source.start);
    let e = block.inlines.last().map_or(block.source.end, |i| i.source.end);
    Span::new(s, e.max(s))
}

fn is_credits_line(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    CREDIT_PHRASES.entries().iter().any(|l| lower.starts_with(l)) || text.len() <= 400 && contributors(text).is_some()
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")) && !s.contains(char::is_whitespace)
}

fn classify(mut doc: RawDoc, format: InputFormat, map: &OffsetMap) -> (String, Article) {
    let joined_words = std::mem::take(&mut doc.joined_words);
    let mut b = TextBuilder { text: String::new(), pieces: Vec::new(), blocks: Vec::new(), map };
    let mut article = Article {
        format,
        title: None,
        publisher: None,
        byline: None,
        published: None,
        url: None,
        dateline: None,
        image: None,
        caption: None,
        links: Vec::new(),
        credits: None,
        blocks: Vec::new(),
        source_map: Vec::new(),
        joined_words: Vec::new(),
    };
    // The story ends where a page lists other stories ("Related topics"), in its second half.
    let short = |bl: &RawBlock| bl.inlines.iter().map(|i| i.text.len()).sum::<usize>() <= 40;
    let tail =
        doc.blocks.iter().enumerate().position(|(i, bl)| i > 0 && i * 2 >= doc.blocks.len() && short(bl) && is_end_marker(&bl.text()));
    let blocks = &doc.blocks[..tail.unwrap_or(doc.blocks.len())];
    let credits_index = blocks.iter().rposition(|bl| is_credits_line(&bl.text())).filter(|&i| i + 3 >= blocks.len() && i > 0);
    let mut link_spans: Vec<Option<Span>> = vec![None; doc.links.len()];
    let mut in_header = true;
    let mut after_image = false;
    let mut body_started = false;
    // Whether the story's first paragraph has passed (where a dateline would be).
    let mut lead_seen = false;
    // Page controls before the title ("Share" over the headline).
    let mut leading_controls = 0;
    // A reporter's role line under a byline's name, filed with the name.
    let mut role_line = None;
    // Whether the title was an email's subject ("Fwd: ..."), which the article may repeat.
    let mut reply_marks = false;
    // "Fwd:" and "Re:" mark a subject only in an email, whose header ("From: ...",
    // "---------- Forwarded message") comes within its first lines; a headline may start
    // with "Re:" too.
    let email = blocks.iter().take(40).any(|b| b.text().lines().any(|l| is_email_header(l.trim())));
    // A labelled photo credit ("Image source, Getty Images") waiting for its caption.
    let mut pending_credit: Option<PhotoCredit> = None;

    for (index, block) in blocks.iter().enumerate() {
        let text = block.text();
        let trimmed = text.trim();
        if is_control(trimmed) {
            leading_controls += usize::from(index == leading_controls);
            continue;
        }
        if role_line == Some(index) {
            continue;
        }
        // "Source: CNN" in the header, "Source: Al Jazeera and news agencies" after the story:
        // the publisher.
        if let Some(rest) = trimmed.get(..7).filter(|h| h.eq_ignore_ascii_case("source:")).map(|_| trimmed[7..].trim()) {
            if (1..=8).contains(&rest.split_whitespace().count()) {
                if article.publisher.is_none() {
                    let name = rest.split(" and ").next().unwrap_or(rest);
                    article.publisher = Some(Field { value: name.to_string(), source: original(map, source_of(block)), span: None });
                }
                continue;
            }
        }
        let caption_here = after_image;
        after_image = false;

        // The title: the first heading, or the first short line of plain text.
        if article.title.is_none() && in_header && !body_started {
            let is_heading = matches!(block.kind, RawKind::Heading(_));
            // Without a heading, a short first line that does not end a sentence.
            let plain_title = index == leading_controls
                && (!matches!(format, InputFormat::Markdown) || !trimmed.ends_with(['.', '!', '?', ':', ';', ',']))
                && trimmed.chars().count() <= 200
                && !looks_like_url(trimmed)
                && parse_timestamp(trimmed).is_none();
            if is_heading || plain_title {
                // An email's subject line: the title without "Fwd:" or "Re:", which the
                // text leaves out too.
                let marks = if email { trimmed.len() - without_reply_marks(trimmed).len() } else { 0 };
                let lead = text.len() - text.trim_start().len();
                let inlines = if marks > 0 { without_label(&block.inlines, lead + marks) } else { block.inlines.clone() };
                if let Some((span, _)) = b.push_block(BlockKind::Title, &inlines) {
                    let value = span.of(&b.text).to_string();
                    article.title = Some(Field { value, source: original(map, source_of(block)), span: Some(span) });
                }
                reply_marks = marks > 0;
                continue;
            }
        }
        // The title again, as a forwarded article repeats the email's subject.
        if reply_marks && in_header && !body_started && article.title.as_ref().is_some_and(|t| t.value == trimmed) {
            continue;
        }

        // A labelled caption or photo credit, or a caption with its credit run on, as a page
        // copied as text has them; in the header too (it does not end it).
        if let Some((part, label)) = caption_label(trimmed) {
            let inlines = without_label(&block.inlines, text.len() - text.trim_start().len() + label);
            if let Some((span, spans)) = b.push_block(BlockKind::Caption, &inlines) {
                note_links(&mut link_spans, block, &spans);
                match part {
                    CaptionPart::Caption if article.caption.is_none() => {
                        let credit = pending_credit.take().or_else(|| parse_photo_credit(&b.text, span));
                        article.caption = Some(Caption { span, credit });
                    }
                    CaptionPart::Credit => {
                        let credit = labelled_photo_credit(&b.text, span);
                        match article.caption.as_mut() {
                            Some(c) if c.credit.is_none() => c.credit = Some(credit),
                            _ => pending_credit = Some(credit),
                        }
                    }
                    CaptionPart::Caption => {}
                }
            }
            continue;
        }
        if let Some((_, credit_at)) = run_on_credit(trimmed) {
            if let Some((span, spans)) = b.push_block(BlockKind::Caption, &block.inlines) {
                note_links(&mut link_spans, block, &spans);
                if article.caption.is_none() {
                    let shown = span.of(&b.text);
                    // The caption's text as pushed is the block's, trimmed: find the credit in it.
                    let at = shown.len() - (trimmed.len() - credit_at);
                    let credit = labelled_photo_credit(&b.text, Span::new(span.start + at, span.end));
                    article.caption = Some(Caption { span, credit: Some(credit) });
                }
            }
            continue;
        }

        // Metadata lines right under the title: bold lines in the seed format,
        // short lines in plain text.
        if in_header && !body_started && block.only_image().is_none() {
            // A byline as a name over the reporter's role ("Osmond Chia" / "Business reporter,
            // BBC News"); the role line may name the publisher.
            if let (None, Some(name)) = (&article.byline, name_before_role(trimmed)) {
                // The role on the same line: "Peter Walker Senior political correspondent".
                article.byline = Some(Field { value: name.to_string(), source: original(map, source_of(block)), span: None });
                continue;
            }
            if article.byline.is_none() && looks_like_name(trimmed) {
                if let Some(outlet) = blocks.get(index + 1).and_then(|next| staff_role(&next.text()).map(|o| o.map(str::to_string))) {
                    let source = original(map, source_of(block));
                    article.byline = Some(Field { value: trimmed.to_string(), source, span: None });
                    if let (None, Some(outlet)) = (&article.publisher, outlet) {
                        let source = original(map, source_of(&blocks[index + 1]));
                        article.publisher = Some(Field { value: outlet, source, span: None });
                    }
                    role_line = Some(index + 1);
                    continue;
                }
            }
            let meta_like = block.all_strong()
                || (!matches!(format, InputFormat::Markdown) && trimmed.chars().count() < 120)
                || looks_like_url(trimmed)
                || parse_timestamp(trimmed).is_some();
            if meta_like && take_metadata(&mut article, block, trimmed, map) {
                continue;
            }
            // A standfirst under the title when the byline or timestamp comes after it, or a line
            // between them ("Reporting from Washington"): a paragraph of the story, and the
            // header goes on.
            // (Not one that opens with a dateline: that is the story's first paragraph.)
            let standfirst = article.title.is_some() && trimmed.chars().count() < 300;
            if standfirst
                && blocks.iter().skip(index + 1).take(2).any(|next| is_header_line(&next.text()))
                && find_dateline(&text, Span::new(0, text.len())).is_none()
            {
                if let Some((_, spans)) = b.push_block(BlockKind::Paragraph, &block.inlines) {
                    note_links(&mut link_spans, block, &spans);
                }
                continue;
            }
        }

        // The lead image, its alt text in the text, and the caption after it.
        if let Some(k) = block.only_image() {
            let (url, src) = &doc.images[k];
            let alt_span = b.push_block(BlockKind::ImageAlt, &block.inlines).map(|(s, _)| s);
            if article.image.is_none() {
                article.image = Some(Image {
                    url: url.clone(),
                    alt: alt_span.map(|s| s.of(&b.text).to_string()).unwrap_or_default(),
                    alt_span,
                    source: original(map, *src),
                });
                after_image = true;
            }
            continue;
        }
        in_header = false;

        if caption_here && article.caption.is_none() && !matches!(block.kind, RawKind::Heading(_)) {
            if let Some((span, spans)) = b.push_block(BlockKind::Caption, &block.inlines) {
                note_links(&mut link_spans, block, &spans);
                let credit = parse_photo_credit(&b.text, span);
                article.caption = Some(Caption { span, credit });
            }
            continue;
        }

        if Some(index) == credits_index {
            if let Some((span, spans)) = b.push_block(BlockKind::Credits, &block.inlines) {
                note_links(&mut link_spans, block, &spans);
                article.credits = Some(parse_credits(&b.text, span));
            }
            continue;
        }

        let kind = match block.kind {
            RawKind::Heading(_) => BlockKind::Heading,
            RawKind::Paragraph => BlockKind::Paragraph,
            RawKind::ListItem => BlockKind::ListItem,
            RawKind::Quote => BlockKind::Quote,
            RawKind::Code => BlockKind::Code,
        };
        if let Some((span, spans)) = b.push_block(kind, &block.inlines) {
            note_links(&mut link_spans, block, &spans);
            // The dateline opens the story's first paragraph; a short line before it ("Published
            // 3 hours ago", "Listen to this article") does not hide it.
            if !lead_seen && kind == BlockKind::Paragraph {
                article.dateline = find_dateline(&b.text, span);
                lead_seen = article.dateline.is_some() || span.of(&b.text).split_whitespace().nth(MAX_STRAY_LINE_WORDS).is_some();
            }
            body_started = true;
        }
    }

    // A credit line without a caption line stands for the caption.
    if let (None, Some(credit)) = (&article.caption, pending_credit) {
        article.caption = Some(Caption { span: credit.span, credit: Some(credit) });
    }

    let site = article.url.as_ref().map(|u| site_of(&u.domain));
    for (i, span) in link_spans.into_iter().enumerate() {
        let Some(span) = span else { continue };
        let url = doc.links[i].clone();
        let domain = domain_of(&url);
        let internal = match (&domain, &site) {
            (None, _) => !url.contains(':'), // a relative link stays on the site
            (Some(d), Some(s)) => site_of(d) == *s,
            (Some(_), None) => false,
        };
        let safe = is_safe_url(&url);
        article.links.push(Link { span, text: span.of(&b.text).to_string(), url, domain, internal, safe });
    }
    order::sort_by_key(&mut article.links, |l| order::pair(l.span.start, l.span.end));
    article.blocks = b.blocks;
    article.source_map = b.pieces;
    article.joined_words = joined_words;
    if article.publisher.is_none() {
        article.publisher = publisher_fallback(&article);
    }
    (b.text, article)
}

/// Whether `line` is one a header holds: a timestamp, a byline (with "By", or a name with
/// its role), or a page control.
fn is_header_line(line: &str) -> bool {
    let t = line.trim();
    parse_timestamp(t).is_some()
        || t.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("by "))
        || name_before_role(t).is_some()
        || looks_like_name(t)
        || is_control(t)
}

/// `inlines` without their first `cut` bytes (a caption's label), when the first inline holds
/// them as the input has them; otherwise all of them, label included.
fn without_label(inlines: &[Inline], cut: usize) -> Vec<Inline> {
    let mut out = inlines.to_vec();
    if let Some(first) = out.first_mut() {
        if first.text.len() > cut && first.text.len() == first.source.len() && first.text.is_char_boundary(cut) {
            first.text.drain(..cut);
            first.source = Span::new(first.source.start + cut, first.source.end);
        }
    }
    out
}

/// A labelled photo credit ("Image source, Getty Images"): read as a caption's credit, or,
/// when it is not one of the forms that reads (a name alone, "BBC"), taken as it is: two
/// words or more name the photographer, one the agency.
fn labelled_photo_credit(text: &str, span: Span) -> PhotoCredit {
    parse_photo_credit(text, span).unwrap_or_else(|| {
        let raw = span.of(text).trim_end_matches('.').to_string();
        let person = raw.split_whitespace().count() >= 2;
        PhotoCredit {
            span: Span::new(span.start, span.start + raw.len()),
            agency: (!person).then(|| raw.clone()),
            photographer: person.then(|| raw.clone()),
            raw,
            pool: false,
            handout: false,
            file_photo: false,
            distributor: None,
        }
    })
}

fn note_links(link_spans: &mut [Option<Span>], block: &RawBlock, spans: &[Span]) {
    for (inline, span) in block.inlines.iter().zip(spans) {
        if let Some(k) = inline.link {
            if span.is_empty() {
                continue;
            }
            let entry = &mut link_spans[k];
            *entry = Some(match *entry {
                Some(s) => Span::new(s.start.min(span.start), s.end.max(span.end)),
                None => *span,
            });
        }
    }
}

/// Files a header line under the metadata field it belongs to; false when it is none.
fn take_metadata(article: &mut Article, block: &RawBlock, trimmed: &str, map: &OffsetMap) -> bool {
    let source = original(map, source_of(block));
    if looks_like_url(trimmed) && article.url.is_none() {
        let url = if trimmed.starts_with("www.") { format!("https://{trimmed}") } else { trimmed.to_string() };
        let domain = domain_of(&url).unwrap_or_default();
        article.url = Some(ArticleUrl { url, domain, source });
        return true;
    }
    if let Some(ts) = parse_timestamp(trimmed) {
        // The first timestamp is the publication's; a second (the update, or the same date
        // again, as Al Jazeera repeats it) is the header's too.
        if article.published.is_none() {
            article.published = Some(Published { raw: trimmed.to_string(), iso: ts.iso(), source });
        }
        return true;
    }
    let lower = trimmed.to_lowercase();
    if article.byline.is_none() && lower.starts_with("by ") && trimmed.split_whitespace().count() <= 12 {
        // "By Mary Gilbert and Taylor Ward, CNN", "By Jane Smith, Al Jazeera": an outlet in
        // capitals, or a known one, after the last comma.
        let names = trimmed[3..].trim();
        let (names, outlet) = match names.rsplit_once(", ") {
            Some((n, o)) if o.len() >= 2 && o.chars().all(|c| c.is_uppercase() || c == ' ') || Outlets::get().is_outlet(o) => (n, Some(o)),
            _ => (names, None),
        };
        if let (None, Some(o)) = (&article.publisher, outlet) {
            article.publisher = Some(Field { value: o.to_string(), source, span: None });
        }
        article.byline = Some(Field { value: names.to_string(), source, span: None });
        return true;
    }
    let words = trimmed.split_whitespace().count();
    if article.publisher.is_none() && (1..=5).contains(&words) && block.all_strong() {
        article.publisher = Some(Field { value: trimmed.to_string(), source, span: None });
        return true;
    }
    false
}

/// A paragraph of more words than this before a dateline is the story itself.
const MAX_STRAY_LINE_WORDS: usize = 12;

/// Finds a wire-style dateline at the start of the first body paragraph:
/// "MOSCOW, Oct 26 (Reuters) -", "WASHINGTON (AP) —", "LONDON, Oct 26 -".
fn find_dateline(text: &str, para: Span) -> Option<Dateline> {
    let s = para.of(text);
    let head: &str = &s[..s.char_indices().nth(120).map_or(s.len(), |(i, _)| i)];
    // The dash, or a line that ends with one ("Siesta Key, Florida CNN —" over the story).
    let ends_with_dash =
        [" -", " —", " –", " --"].iter().find(|d| head.len() == s.len() && head.ends_with(*d)).map(|d| (head.len() - d.len(), d.len() + 1));
    let dash = [" - ", " — ", " – ", " -- "].iter().filter_map(|d| head.find(d).map(|i| (i, d.len()))).min().or(ends_with_dash)?;
    let before = &head[..dash.0];
    let (lead, agency) = match (before.rfind('('), before.ends_with(')')) {
        (Some(open), true) => (before[..open].trim_end(), Some(before[open + 1..before.len() - 1].trim().to_string())),
        // CNN's own: "Siesta Key, Florida CNN —", the place as written.
        _ if before.ends_with(" CNN") => (&before[..before.len() - 4], Some("CNN".to_string())),
        _ => (before, None),
    };
    let as_written = agency.as_deref() == Some("CNN") && !before.ends_with(')');
    let (place, date) = match lead.split_once(',') {
        // After CNN's place its state or country, not a date.
        _ if as_written => (lead.trim(), None),
        Some((p, d)) => (p.trim(), Some(d.trim().to_string()).filter(|d| !d.is_empty())),
        None => (lead.trim(), None),
    };
    // The place is in capitals: "MOSCOW", "NEW YORK", "ST. PETERSBURG" (CNN's as written).
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) && !as_written || place.split_whitespace().count() > 4 {
        return None;
    }
    if date.as_deref().is_some_and(|d| d.split_whitespace().count() > 4) {
        return None;
    }
    Some(Dateline { span: Span::new(para.start, para.start + dash.0 + dash.1 - 1), place: place.to_string(), date, agency })
}

/// Host of an absolute URL, lowercased, without "www." or a port; None for relative URLs.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// The registrable part of a domain, roughly: the last two labels, or three
/// under two-letter country second levels ("bbc.co.uk").
fn site_of(domain: &str) -> String {
    let labels: Vec<&str> = domain.split('.').collect();
    let n = labels.len();
    let keep = if n >= 3 && labels[n - 1].len() == 2 && matches!(labels[n - 2], "co" | "com" | "org" | "net" | "ac" | "gov" | "ne" | "or") {
        3
    } else {
        2
    };
    labels[n.saturating_sub(keep)..].join(".")
}

/// Whether the app may make `url` a clickable link: http, https and mailto only.
/// A relative URL is not: in lede's page it would point at lede, not at the article's site.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// An email subject without the marks a reply or a forward adds ("Fwd: Re: Ministers agree").
fn without_reply_marks(subject: &str) -> &str {
    let mut s = subject;
    while let Some(rest) = ["fwd:", "fw:", "re:", "aw:", "wg:", "tr:"]
        .iter()
        .find(|m| s.get(..m.len()).is_some_and(|h| h.eq_ignore_ascii_case(m)))
        .map(|m| s[m.len()..].trim_start())
    {
        s = rest;
    }
    if s.is_empty() {
        subject
    } else {
        s
    }
}

/// The publisher, when no line names it: the outlet whose site the URL is on (`lists/outlets.tsv`),
/// or the dateline's agency.
fn publisher_fallback(article: &Article) -> Option<Field> {
    if let Some(u) = &article.url {
        if let Some(name) = Outlets::get().by_site(&site_of(&u.domain)) {
            return Some(Field { value: name.to_string(), source: u.source, span: None });
        }
    }
    let d = article.dateline.as_ref()?;
    let source = Span::new(article.to_source(d.span.start), article.to_source(d.span.end));
    Some(Field { value: d.agency.clone()?, source, span: Some(d.span) })
}

#[cfg(test)]
mod tests {
    use super::broken_word;

    #[test]
    fn a_word_broken_across_lines_is_joined_unless_a_compound_or_a_dash() {
        let known = |w: &str| ["government", "decision", "well", "known", "self", "driving"].contains(&w.to_lowercase().as_str());
        let at = |line: &str, next: &str| broken_word(line, next, known);
        assert_eq!(at("the new govern-", "ment said"), Some(8), "the whole is a word");
        assert_eq!(at("President Zelen-", "skiy, who"), Some(10), "the part after is no word: a syllable");
        assert_eq!(at("the well-", "known plan"), None, "a compound");
        assert_eq!(at("a self-", "driving car"), None, "a compound");
        assert_eq!(at("the plan -", "which failed"), None, "a dash");
        assert_eq!(at("Jean-", "Claude said"), None, "a capital goes on a name");
        assert_eq!(at("2019-", "2020"), None);
        assert_eq!(at("a-", "b"), None, "one letter is not a word's head");
    }
}
