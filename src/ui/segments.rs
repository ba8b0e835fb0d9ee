//! Cuts a block of the analysis text into segments at every mark boundary, so
//! overlapping layers (a link, a repair finding, later entities and quotes) can
//! be rendered as nested elements. Pure: tested natively.

use crate::analysis::Span;

/// What a mark over the text is: an index into one of the analysis' layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Link(usize),
    Quote(usize),
    Mention(usize),
    Time(usize),
    Finding(usize),
}

/// A stretch of text with the marks that cover all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub span: Span,
    pub marks: Vec<Mark>,
}

/// Segments of `block`: consecutive, covering it exactly, each with the marks
/// (of `marks`) that cover it. Marks outside the block are ignored.
pub fn segments(block: Span, marks: &[(Span, Mark)]) -> Vec<Segment> {
    let mut cuts = vec![block.start, block.end];
    for (s, _) in marks {
        for p in [s.start, s.end] {
            if block.start < p && p < block.end {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let span = Span::new(w[0], w[1]);
            let marks = marks.iter().filter(|(s, _)| s.contains(span)).map(|(_, m)| *m).collect();
            Segment { span, marks }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_marks_cut_segments() {
        let marks = [(Span::new(2, 6), Mark::Link(0)), (Span::new(4, 8), Mark::Finding(0))];
        let got = segments(Span::new(0, 10), &marks);
        let spans: Vec<(usize, usize, usize)> = got.iter().map(|s| (s.span.start, s.span.end, s.marks.len())).collect();
        assert_eq!(spans, [(0, 2, 0), (2, 4, 1), (4, 6, 2), (6, 8, 1), (8, 10, 0)]);
    }

    #[test]
    fn empty_block_has_one_empty_segment_or_none() {
        assert!(segments(Span::new(3, 3), &[]).is_empty());
    }
}
