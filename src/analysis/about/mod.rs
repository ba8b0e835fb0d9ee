//! What the article is about: key phrases (YAKE, Campos et al. 2020: a
//! single-document statistical method, no corpus or model needed, so it suits a
//! page) and an extractive summary (the most central sentences by TextRank over
//! word overlap).

use super::lists::STOPWORDS;
use super::parse::{Block, BlockKind};
use super::span::{within, Span};
use super::text::segment::push_lowercase;
use super::util::hash::{FastMap, FastSet};
use serde::{Deserialize, Serialize};

fn stopwords() -> FastSet<&'static str> {
    STOPWORDS.entries().iter().copied().collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyphrase {
    pub phrase: String,
    /// YAKE score: lower is more relevant.
    pub score: f64,
    /// Where the phrase occurs (case-insensitive).
    pub occurrences: Vec<Span>,
}

fn body(blocks: &[Block]) -> impl Iterator<Item = &Block> {
    blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Title | BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote | BlockKind::Heading))
}

/// The id of word `w`: ids are given in order of first appearance (0, 1, 2...).
fn intern(ids: &mut FastMap<String, u32>, w: &str) -> u32 {
    if let Some(&id) = ids.get(w) {
        return id;
    }
    let id = ids.len() as u32;
    ids.insert(w.to_string(), id);
    id
}

/// Calls `f` with each word of sentence `s` (letters and digits) and its lowercase form, lowercased into
/// `buf` (no allocation per word: key phrases read every word of a long text).
fn for_each_word(text: &str, s: Span, buf: &mut String, mut f: impl FnMut(Span, &str)) {
    let slice = s.of(text);
    let mut start = None;
    for (i, c) in slice.char_indices().chain(std::iter::once((slice.len(), ' '))) {
        let inside = c.is_alphanumeric() || ((c == '-' || c == '\'' || c == '’') && start.is_some());
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                let w = slice[st..i].trim_end_matches(['-', '\'', '’']);
                let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
                if !w.is_empty() {
                    buf.clear();
                    push_lowercase(w, buf);
                    f(Span::new(s.start + st, s.start + st + w.len()), buf);
                }
                start = None;
            }
            _ => {}
        }
    }
}

/// The top `n` key phrases (1 to 3 words) of the body text. A phrase never cuts
/// through one of `units` (entity mentions): "ties with North" is not a phrase.
pub fn keyphrases(text: &str, blocks: &[Block], sentences: &[Span], units: &[Span], n: usize) -> Vec<Keyphrase> {
    let stop = stopwords();
    let body_blocks: Vec<Span> = body(blocks).map(|b| b.span).collect();
    let in_body = |s: &Span| within(&body_blocks, Span::new(0, s.start + 1), |b| *b).last().is_some_and(|b| b.contains(*s));
    let body_sentences: Vec<Span> = sentences.iter().copied().filter(in_body).collect();
    // Words interned to ids (in order of first appearance), so the statistics and candidate
    // phrases below are keyed by integers, not strings: on 1 MB of text this took a fifth of
    // the whole analysis with string keys.
    let mut ids: FastMap<String, u32> = FastMap::default();
    let mut vocab: Vec<String> = Vec::new();
    let mut buf = String::new();
    let sents: Vec<Vec<(Span, u32)>> = body_sentences
        .iter()
        .map(|s| {
            let mut sent = Vec::new();
            for_each_word(text, *s, &mut buf, |span, w| {
                let id = intern(&mut ids, w);
                if id as usize == vocab.len() {
                    vocab.push(w.to_string());
                }
                sent.push((span, id));
            });
            sent
        })
        .collect();
    let vocab: Vec<&str> = vocab.iter().map(String::as_str).collect();
    // Per-word statistics. The distinct neighbours of each word are counted from sorted
    // (word, neighbour) pairs rather than a set per word: one allocation, not two per word.
    #[derive(Default, Clone)]
    struct W {
        tf: f64,
        upper: f64,
        sentences: Vec<usize>,
        neighbours: usize,
    }
    let mut stats: Vec<W> = vec![W::default(); vocab.len()];
    let mut pairs: Vec<u64> = Vec::new();
    let pair = |side: u64, w: u32, other: u32| (u64::from(w) << 32) | (side << 31) | u64::from(other);
    for (si, sent) in sents.iter().enumerate() {
        for (k, (span, w)) in sent.iter().enumerate() {
            let e = &mut stats[*w as usize];
            e.tf += 1.0;
            let first = span.of(text).chars().next().unwrap_or(' ');
            if first.is_uppercase() && k > 0 {
                e.upper += 1.0;
            }
            if e.sentences.last() != Some(&si) {
                e.sentences.push(si);
            }
            if k > 0 {
                pairs.push(pair(0, *w, sent[k - 1].1));
            }
            if let Some(r) = sent.get(k + 1) {
                pairs.push(pair(1, *w, r.1));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for p in &pairs {
        stats[(p >> 32) as usize].neighbours += 1;
    }
    if stats.is_empty() {
        return Vec::new();
    }
    // Sums in alphabetical order of the words, so the floating-point result never depends on
    // the order words first appear in.
    let mut alphabetical: Vec<u32> = (0..vocab.len() as u32).collect();
    alphabetical.sort_unstable_by_key(|&i| vocab[i as usize]);
    let content: Vec<f64> = alphabetical.iter().filter(|&&i| !stop.contains(vocab[i as usize])).map(|&i| stats[i as usize].tf).collect();
    let mean = content.iter().sum::<f64>() / content.len().max(1) as f64;
    let sd = (content.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / content.len().max(1) as f64).sqrt();
    let max_tf = stats.iter().map(|s| s.tf).fold(1.0, f64::max);
    let total = sents.len().max(1) as f64;
    let word_score: Vec<f64> = stats
        .iter()
        .map(|s| {
            let casing = s.upper.max(0.0) / (1.0 + s.tf.ln());
            let median_pos = s.sentences[s.sentences.len() / 2] as f64;
            let position = (3.0 + median_pos).ln().ln();
            let frequency = s.tf / (mean + sd).max(1.0);
            let relatedness = 1.0 + s.neighbours as f64 / (2.0 * s.tf) * (s.tf / max_tf);
            let spread = s.sentences.len() as f64 / total;
            (relatedness * position) / (casing + frequency / relatedness + spread / relatedness)
        })
        .collect();
    // Candidate phrases: 1-3 words, no stopword at either end, no digits-only words.
    let can_end: Vec<bool> =
        vocab.iter().map(|w| !stop.contains(*w) && w.chars().any(char::is_alphabetic) && w.chars().count() > 2).collect();
    const NONE: u32 = u32::MAX;
    // Each candidate's words, first occurrence and count; every occurrence goes to one
    // list in text order, read back only for the `n` phrases kept (a list per candidate
    // was an allocation for each of the hundreds of thousands a long text has).
    // One-word candidates are found by word id; longer ones through a map whose entries
    // (16 bytes) are kept small: a long text has hundreds of thousands of them, and their
    // lookups are cache misses.
    let mut single: Vec<u32> = vec![NONE; vocab.len()];
    let mut index: FastMap<[u32; 3], u32> = FastMap::default();
    let mut candidates: Vec<([u32; 3], Span, usize)> = Vec::new();
    let mut occurrences: Vec<(u32, Span)> = Vec::new();
    for (sent, s) in sents.iter().zip(&body_sentences) {
        // The units that start inside this sentence (those before it all start before any
        // of its phrases ends): a binary search in these few, not in all of the text's.
        let first_unit = units.partition_point(|u| u.start < s.start);
        let in_sentence = &units[first_unit..first_unit + units[first_unit..].partition_point(|u| u.start < s.end)];
        for len in 1..=3 {
            for k in 0..sent.len().saturating_sub(len - 1) {
                let ws = &sent[k..k + len];
                if !can_end[ws[0].1 as usize] || !can_end[ws[len - 1].1 as usize] {
                    continue;
                }
                // The words must be adjacent in the text (no punctuation between).
                let joined = Span::new(ws[0].0.start, ws[len - 1].0.end);
                if len > 1 && joined.of(text).contains([',', ';', ':', '.', '"', '“', '”', '(', ')']) {
                    continue;
                }
                let cuts = |u: &Span| u.overlaps(joined) && !joined.contains(*u);
                let k = first_unit + in_sentence.partition_point(|u| u.start < joined.end);
                if units[k.saturating_sub(4)..k].iter().any(cuts) {
                    continue;
                }
                let mut key = [NONE; 3];
                for (slot, w) in key.iter_mut().zip(ws) {
                    *slot = w.1;
                }
                let slot = match len {
                    1 => &mut single[key[0] as usize],
                    _ => index.entry(key).or_insert(NONE),
                };
                if *slot == NONE {
                    *slot = candidates.len() as u32;
                    candidates.push((key, joined, 0));
                }
                let i = *slot as usize;
                candidates[i].2 += 1;
                occurrences.push((i as u32, joined));
            }
        }
    }
    let scores: Vec<f64> = candidates
        .iter()
        .map(|(key, _, count)| {
            let ws = key.iter().filter(|&&w| w != NONE).map(|&w| word_score[w as usize]);
            let (prod, sum) = ws.fold((1.0, 0.0), |(p, s), x| (p * x, s + x));
            prod / (*count as f64 * (1.0 + sum))
        })
        .collect();
    // Best first; ties by the phrase as shown, then by its words, so the order is total.
    // Sorted by index, with strings borrowed from the text: a long document has hundreds
    // of thousands of candidates, and only `n` become keyphrases.
    let words = |key: &[u32; 3]| key.iter().filter(|&&w| w != NONE).map(|&w| vocab[w as usize]).collect::<Vec<_>>();
    let cmp = |&a: &usize, &b: &usize| {
        let (ka, kb) = (&candidates[a], &candidates[b]);
        scores[a].total_cmp(&scores[b]).then_with(|| ka.1.of(text).cmp(kb.1.of(text))).then_with(|| words(&ka.0).cmp(&words(&kb.0)))
    };
    // Only the best few are read: they are selected first and sorted alone (the order is
    // total, so this is the full sort's prefix); the rest is sorted only if the dropping
    // of repeats below runs through them all.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let head = (n * 16).min(order.len());
    if head < order.len() {
        order.select_nth_unstable_by(head, cmp);
    }
    order[..head].sort_by(cmp);
    let mut rest_sorted = head == order.len();
    // Drop phrases that repeat a better one ("north korea" after "north korea's leader").
    let mut out: Vec<Keyphrase> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    let mut kept: Vec<u32> = Vec::new();
    for k in 0..order.len() {
        if k == head && !rest_sorted {
            order[head..].sort_by(cmp);
            rest_sorted = true;
        }
        let i = order[k];
        // One space between words, as a phrase broken across lines of wrapped text is shown.
        let phrase = candidates[i].1.of(text).split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = phrase.to_lowercase();
        if taken.iter().any(|t| t.contains(&lower) || lower.contains(t.as_str())) {
            continue;
        }
        taken.push(lower);
        out.push(Keyphrase { phrase, score: scores[i], occurrences: Vec::with_capacity(candidates[i].2) });
        kept.push(i as u32);
        if out.len() == n {
            break;
        }
    }
    for (c, span) in occurrences {
        if let Some(k) = kept.iter().position(|&i| i == c) {
            out[k].occurrences.push(span);
        }
    }
    out
}

/// How many values two sorted lists without repeats share.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How many sentences the summary ranks: TextRank compares every pair, so a
/// long document is summarized from its first sentences (news puts the point first).
pub const SUMMARY_WINDOW: usize = 300;

/// The `n` most central body sentences (TextRank over shared content words), in text order.
pub fn summary(text: &str, blocks: &[Block], sentences: &[Span], n: usize) -> Vec<Span> {
    let stop = stopwords();
    let paragraphs: Vec<Span> =
        blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote)).map(|b| b.span).collect();
    let in_body = |s: &Span| within(&paragraphs, Span::new(0, s.start + 1), |b| *b).last().is_some_and(|b| b.contains(*s));
    let body_sentences: Vec<Span> = sentences.iter().copied().filter(in_body).take(SUMMARY_WINDOW).collect();
    // Each sentence's distinct content words, as sorted ids: the similarity compares every
    // pair of sentences (45,000 pairs at the window's 300), and sorted ids intersect by
    // one merge, without hashing a string.
    let mut ids: FastMap<String, u32> = FastMap::default();
    let mut buf = String::new();
    let bags: Vec<Vec<u32>> = body_sentences
        .iter()
        .map(|s| {
            let mut bag = Vec::new();
            for_each_word(text, *s, &mut buf, |_, w| {
                if !stop.contains(w) {
                    bag.push(intern(&mut ids, w));
                }
            });
            bag.sort_unstable();
            bag.dedup();
            bag
        })
        .collect();
    let m = bags.len();
    if m <= n {
        return body_sentences;
    }
    let mut sim = vec![vec![0.0f64; m]; m];
    for i in 0..m {
        for j in i + 1..m {
            if bags[i].len() > 1 && bags[j].len() > 1 {
                let shared = shared_count(&bags[i], &bags[j]) as f64;
                // The same value both ways: floating-point addition commutes.
                sim[i][j] = shared / ((bags[i].len() as f64).ln() + (bags[j].len() as f64).ln());
                sim[j][i] = sim[i][j];
            }
        }
    }
    let out_sum: Vec<f64> = sim.iter().map(|r| r.iter().sum()).collect();
    // What each sentence j with links passes to sentence i per unit of its rank, by i:
    // computed once, read in order, for the 30 iterations below.
    let linked: Vec<usize> = (0..m).filter(|&j| out_sum[j] > 0.0).collect();
    let passes: Vec<Vec<f64>> = (0..m).map(|i| linked.iter().map(|&j| sim[j][i] / out_sum[j]).collect()).collect();
    let mut rank = vec![1.0f64; m];
    for _ in 0..30 {
        let next: Vec<f64> = passes.iter().map(|p| 0.15 + 0.85 * p.iter().zip(&linked).map(|(w, &j)| w * rank[j]).sum::<f64>()).collect();
        rank = next;
    }
    // A small lead bias: news puts the point first.
    for (i, r) in rank.iter_mut().enumerate() {
        *r *= 1.0 + 0.3 / (1.0 + i as f64);
    }
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| rank[b].total_cmp(&rank[a]).then(a.cmp(&b)));
    let mut chosen: Vec<usize> = order.into_iter().take(n).collect();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| body_sentences[i]).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::shared_count;
    use proptest::prelude::*;

    proptest! {
        /// The merge counts what a set intersection counts.
        #[test]
        fn shared_count_is_the_size_of_the_intersection(a in prop::collection::btree_set(0u32..40, 0..20), b in prop::collection::btree_set(0u32..40, 0..20)) {
            let (x, y): (Vec<u32>, Vec<u32>) = (a.iter().copied().collect(), b.iter().copied().collect());
            prop_assert_eq!(shared_count(&x, &y), a.intersection(&b).count());
            prop_assert_eq!(shared_count(&y, &x), a.intersection(&b).count());
        }
    }

    #[test]
    fn shared_count_of_disjoint_and_empty_lists() {
        assert_eq!(shared_count(&[1, 3, 5], &[2, 4, 6]), 0);
        assert_eq!(shared_count(&[], &[1]), 0);
        assert_eq!(shared_count(&[1, 2, 3], &[1, 2, 3]), 3);
    }
}
