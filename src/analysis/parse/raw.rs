//! Raw blocks: what every reader makes of its input kind, for the classifier to sort.

use super::article::Via;
use crate::analysis::span::Span;

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
    pub fn text(&self) -> String {
        self.inlines.iter().map(|i| i.text.as_str()).collect()
    }
    pub fn all_strong(&self) -> bool {
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
    pub fn only_image(&self) -> Option<usize> {
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
    /// What a whole web page states about its article, when the input was one.
    pub page: Option<Box<PageFacts>>,
}

/// One value a page states and where: `source` is its span in the (repaired) input, the
/// attribute's value, the JSON-LD string or the element's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stated {
    pub value: String,
    pub source: Span,
    pub via: Via,
}

/// The metadata of a web page, each field the value of highest precedence
/// ([`super::meta`]), for the classifier to prefer over what the text's lines say.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageFacts {
    /// The headline: the first block is its heading.
    pub title: Option<Stated>,
    pub byline: Option<Stated>,
    pub published: Option<Stated>,
    pub publisher: Option<Stated>,
    pub url: Option<Stated>,
    pub image: Option<Stated>,
    /// False for a page without an article (a home page, a search page): no title is taken.
    pub article: bool,
    /// A whole page (not a fragment copied from one): a title is only what the page states
    /// or its headings, never a line of its text.
    pub whole_page: bool,
    /// The blocks that are a figure's caption (`<figcaption>`), in order: in a page, only
    /// those caption the lead image; the paragraph after a picture without one is the story's.
    pub captions: Vec<usize>,
}
