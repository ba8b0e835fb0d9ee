//! Raw blocks: what every reader makes of its input kind, for the classifier to sort.

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
}
