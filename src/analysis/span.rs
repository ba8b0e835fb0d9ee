//! The one span type every layer uses: UTF-8 byte offsets into one text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a text. Every layer of an
/// [`Analysis`](super::Analysis) (blocks, sentences, tokens, links, entities,
/// findings) is expressed with it, always relative to `Analysis::text`
/// unless the field says otherwise (`source` spans point into the input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The slice of `text` this span covers, or "" when the span does not fit
    /// the text (the core never panics on a stale span).
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// This span moved right by `by` bytes.
    pub const fn shift(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// Whether `span` overlaps any of `sorted`: disjoint spans sorted by start.
/// Binary search, so layers of a long text are checked in O(log n).
pub fn overlaps_sorted(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|s| s.start < span.end);
    i > 0 && sorted[i - 1].end > span.start
}

/// The items whose key span lies within `outer`, from a slice sorted by span start.
pub fn within<T>(sorted: &[T], outer: Span, key: impl Fn(&T) -> Span) -> &[T] {
    let a = sorted.partition_point(|t| key(t).start < outer.start);
    let b = sorted.partition_point(|t| key(t).start < outer.end);
    &sorted[a..b.max(a)]
}

/// Shrinks `span` so it excludes leading and trailing whitespace of `text`.
pub fn trim(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    Span::new(span.start + lead, span.start + lead + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_is_safe_on_bad_spans() {
        let text = "a€b";
        assert_eq!(Span::new(1, 4).of(text), "€");
        assert_eq!(Span::new(1, 2).of(text), "", "not a char boundary");
        assert_eq!(Span::new(3, 99).of(text), "", "past the end");
    }

    #[test]
    fn sorted_lookups() {
        let spans = [Span::new(0, 3), Span::new(5, 8), Span::new(10, 12)];
        assert!(overlaps_sorted(&spans, Span::new(7, 9)));
        assert!(!overlaps_sorted(&spans, Span::new(3, 5)));
        assert!(!overlaps_sorted(&[], Span::new(0, 1)));
        assert_eq!(within(&spans, Span::new(4, 12), |s| *s), &spans[1..]);
    }

    #[test]
    fn trim_keeps_multibyte_edges() {
        let text = "  €uro ";
        assert_eq!(trim(text, Span::new(0, text.len())).of(text), "€uro");
    }
}
