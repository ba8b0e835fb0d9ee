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
    // One sweep: the marks by start, and those begun and not yet ended. Testing every mark
    // against every segment was quadratic in a long block (a pasted CSV of one block held
    // the page for 2 s); the active marks are few, however long the block.
    let mut by_start: Vec<usize> = (0..marks.len()).collect();
    by_start.sort_by_key(|&i| marks[i].0.start);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    cuts.windows(2)
        .map(|w| {
            let span = Span::new(w[0], w[1]);
            while let Some(&i) = by_start.get(next).filter(|&&i| marks[i].0.start <= span.start) {
                active.push(i);
                next += 1;
            }
            active.retain(|&i| marks[i].0.end > span.start);
            // In the order `marks` gives them, as the rendering nests them.
            let mut here: Vec<usize> = active.iter().copied().filter(|&i| marks[i].0.contains(span)).collect();
            here.sort_unstable();
            Segment { span, marks: here.into_iter().map(|i| marks[i].1).collect() }
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
    fn segments_hold_exactly_the_marks_that_cover_them() {
        // Three thousand random arrangements of up to five marks over eight positions (nested,
        // overlapping, touching, empty, outside the block), against testing each mark on each
        // segment.
        let spans: Vec<Span> = (0..7).flat_map(|a| (a..8).map(move |b| Span::new(a, b))).collect();
        let mut seed = 7u64;
        for _ in 0..3000 {
            let marks: Vec<(Span, Mark)> = (0..(seed % 6) as usize)
                .map(|k| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (spans[(seed >> 33) as usize % spans.len()], Mark::Link(k))
                })
                .collect();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let block = Span::new(1, 6);
            let got = segments(block, &marks);
            for seg in &got {
                let covering: Vec<Mark> = marks.iter().filter(|(s, _)| s.contains(seg.span)).map(|(_, m)| *m).collect();
                assert_eq!(seg.marks, covering, "{marks:?} at {:?}", seg.span);
            }
            assert_eq!(got.first().map(|s| s.span.start), Some(1));
            assert!(got.windows(2).all(|w| w[0].span.end == w[1].span.start));
        }
    }

    #[test]
    fn empty_block_has_one_empty_segment_or_none() {
        assert!(segments(Span::new(3, 3), &[]).is_empty());
    }
}
