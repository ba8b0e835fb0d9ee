//! The article model the parser fills: the metadata fields, the blocks of the analysis
//! text and the source map back to the input.

use crate::analysis::span::Span;
use serde::{Deserialize, Serialize};

pub use super::credits::{Credits, PhotoCredit};

/// What the input looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// Markdown, including the seed articles' export format.
    Markdown,
    PlainText,
    Html,
}

/// Where a metadata value came from: a line of the text, or, in a web page, what the page
/// states about itself (in this order of precedence) or its markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// A line of the article's text: a heading, a bold line, "By ...", a timestamp.
    Text,
    /// The page's JSON-LD (schema.org `NewsArticle` and its kin).
    JsonLd,
    /// `<link rel="canonical">`.
    CanonicalLink,
    /// OpenGraph and `article:*` tags (`og:title`, `article:published_time`).
    OpenGraph,
    /// Twitter card tags (`twitter:title`).
    TwitterCard,
    /// Other `<meta>` tags: `author`, `date`, Parse.ly's `parsely-*`.
    MetaTag,
    /// Dublin Core tags (`dc.title`, `dcterms.created`).
    DublinCore,
    /// schema.org microdata (`itemprop="author"`, `itemprop="datePublished"`).
    Microdata,
    /// A `<time datetime>` element.
    TimeElement,
    /// A link marked `rel="author"`.
    RelAuthor,
    /// An element whose class or id says it holds the byline ("byline", "author").
    BylineElement,
    /// The page's `<title>`, its site's name removed.
    TitleElement,
    /// The main content's first-level heading.
    Heading,
    /// The outlet whose site the URL is on (`lists/outlets.tsv`).
    OutletList,
    /// The dateline's agency.
    Dateline,
}

/// A metadata value and where it was in the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub value: String,
    /// Byte span in the input as given.
    pub source: Span,
    /// Byte span in the analysis text, when the value is part of it (the title is).
    pub span: Option<Span>,
    /// Where the value came from.
    pub via: Via,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// As printed: "2023-10-26 10:15".
    pub raw: String,
    /// ISO 8601: "2023-10-26T10:15:00" (with the offset when the text gives a zone).
    pub iso: String,
    pub source: Span,
    /// Where the timestamp came from.
    pub via: Via,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleUrl {
    pub url: String,
    /// Host without "www.": "reuters.com".
    pub domain: String,
    pub source: Span,
    /// Where the address came from.
    pub via: Via,
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
    /// Where the image came from: the text (the first image of the story) or the page's metadata.
    pub via: Via,
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
    /// True for http, https and mailto links: the only ones the UI makes clickable (see [`super::is_safe_url`]).
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
    /// A web page that holds no article (a home page, a list, a search page): its text is
    /// kept whole and no title is taken from it; the analysis says so in its diagnostics.
    #[serde(skip)]
    pub not_an_article: bool,
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

    /// An index of the source map by where each piece was in the repaired input, to map
    /// many spans of it to the analysis text (each repair finding's, say) in O(log n) each.
    pub fn repaired_index(&self) -> RepairedIndex<'_> {
        let pieces = &self.source_map;
        let sorted = pieces.windows(2).all(|w| w[0].repaired.start <= w[1].repaired.start && w[0].repaired.end <= w[1].repaired.end);
        RepairedIndex { pieces, sorted }
    }
}

/// The source map's pieces, searched by their spans in the repaired input ([`Article::repaired_index`]).
pub struct RepairedIndex<'a> {
    pieces: &'a [Piece],
    /// Whether the pieces' repaired spans rise with the text's (they do but where a page's
    /// metadata, read from its head, is laid out before its title): a binary search then
    /// finds what a scan from the first piece would.
    sorted: bool,
}

impl RepairedIndex<'_> {
    /// The analysis-text span of `repaired`, a span of the repaired input the parser read, if
    /// that part of the input is in the text: from the first piece ending after its start to
    /// the last piece starting before its end.
    pub fn to_text(&self, repaired: Span) -> Option<Span> {
        let (first, last) = if self.sorted {
            let first = self.pieces.get(self.pieces.partition_point(|p| p.repaired.end <= repaired.start))?;
            let last = self.pieces.partition_point(|p| p.repaired.start < repaired.end).checked_sub(1).map(|k| &self.pieces[k])?;
            (first, last)
        } else {
            (
                self.pieces.iter().find(|p| p.repaired.end > repaired.start)?,
                self.pieces.iter().rev().find(|p| p.repaired.start < repaired.end)?,
            )
        };
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
