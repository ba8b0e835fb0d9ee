//! CoNLL-2003 files: reading them, and scoring chunks the way conlleval does
//! (an entity counts when its type and both edges match exactly).

use crate::analysis::ner::labels::{chunks, LABELS};
use std::collections::BTreeMap;

/// One sentence: tokens and their gold labels (as label indices).
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub labels: Vec<usize>,
}

/// Reads `TOKEN POS CHUNK NER` lines (blank lines between sentences). IOB1 tags
/// are converted to IOB2. `-DOCSTART-` lines become document breaks (an empty sentence).
pub fn read(text: &str) -> Vec<Sentence> {
    read_column(text, 0)
}

/// Like [`read`], with the labels from the column `from_end` places before the
/// last (0 = the last column): a "token gold prediction" file is read twice,
/// with 1 for the gold labels and 0 for the predictions.
pub fn read_column(text: &str, from_end: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence { tokens: Vec::new(), labels: Vec::new() };
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(&mut cur, Sentence { tokens: Vec::new(), labels: Vec::new() }));
            }
            if cols.first() == Some(&"-DOCSTART-") {
                out.push(Sentence { tokens: Vec::new(), labels: Vec::new() });
            }
            continue;
        }
        let tag = cols[cols.len().saturating_sub(1 + from_end)];
        let mut label = LABELS.iter().position(|l| *l == tag).unwrap_or(0);
        // IOB1 → IOB2: an I- that starts a chunk becomes B-.
        if label % 2 == 0 && label != 0 {
            let prev = cur.labels.last().copied().unwrap_or(0);
            if prev != label && prev + 1 != label {
                label -= 1;
            }
        }
        cur.tokens.push(cols[0].to_string());
        cur.labels.push(label);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Splits sentences into documents: at `-DOCSTART-` breaks when the file has
/// them, otherwise before the headline that precedes each wire dateline
/// ("BRUSSELS 1996-08-22").
pub fn documents(sentences: &[Sentence]) -> Vec<Vec<&Sentence>> {
    if sentences.iter().any(|s| s.tokens.is_empty()) {
        return sentences.split(|s| s.tokens.is_empty()).filter(|d| !d.is_empty()).map(|d| d.iter().collect()).collect();
    }
    let is_dateline = |s: &Sentence| {
        s.tokens.len() <= 6
            && s.tokens.last().is_some_and(|t| t.len() == 10 && t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-')
            && s.tokens[0].chars().all(|c| !c.is_lowercase())
    };
    let mut starts = vec![0];
    for (i, s) in sentences.iter().enumerate() {
        if is_dateline(s) && i > 0 {
            // The headline (and a short byline) come right before the dateline.
            let mut start = i - 1;
            if start > 0 && sentences[start].tokens.len() <= 4 && sentences[start - 1].tokens.len() <= 20 {
                start -= 1;
            }
            if start > *starts.last().unwrap_or(&0) {
                starts.push(start);
            }
        }
    }
    starts.push(sentences.len());
    starts.windows(2).map(|w| sentences[w[0]..w[1]].iter().collect()).collect()
}

/// Every chunk of `pred` that is wrong against the sentence's gold labels, one line
/// each: `missed`, `spurious` or `wrong`, the chunks' types, and the sentence with
/// the chunk in brackets (what `lede eval --errors` prints).
pub fn chunk_errors(sent: &Sentence, pred: &[usize]) -> Vec<String> {
    const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
    let (gold, found) = (chunks(&sent.labels), chunks(pred));
    let show = |a: usize, b: usize| {
        let mut words: Vec<String> = sent.tokens.clone();
        words[a] = format!("[{}", words[a]);
        words[b - 1] = format!("{}]", words[b - 1]);
        words.join(" ")
    };
    let mut out = Vec::new();
    for g in gold.iter().filter(|g| !found.contains(g)) {
        let kind = match found.iter().find(|p| p.1 < g.2 && g.1 < p.2) {
            Some(p) => format!("wrong    {} as {} {:?}", TYPES[g.0], TYPES[p.0], sent.tokens[p.1..p.2].join(" ")),
            None => format!("missed   {}", TYPES[g.0]),
        };
        out.push(format!("{kind}\t{}", show(g.1, g.2)));
    }
    for p in found.iter().filter(|p| !gold.iter().any(|g| g.1 < p.2 && p.1 < g.2)) {
        out.push(format!("spurious {}\t{}", TYPES[p.0], show(p.1, p.2)));
    }
    out
}

/// Precision, recall and F1 overall and per type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub per_type: BTreeMap<String, (usize, usize, usize)>, // (correct, predicted, gold)
    pub tokens: usize,
    pub correct_tokens: usize,
}

impl Score {
    pub fn add(&mut self, gold: &[usize], pred: &[usize]) {
        let g = chunks(gold);
        let p = chunks(pred);
        const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
        for c in &g {
            self.per_type.entry(TYPES[c.0].into()).or_default().2 += 1;
        }
        for c in &p {
            let e = self.per_type.entry(TYPES[c.0].into()).or_default();
            e.1 += 1;
            if g.contains(c) {
                e.0 += 1;
            }
        }
        self.tokens += gold.len();
        self.correct_tokens += gold.iter().zip(pred).filter(|(a, b)| a == b).count();
    }

    fn prf((c, p, g): (usize, usize, usize)) -> (f64, f64, f64) {
        let pr = if p == 0 { 0.0 } else { c as f64 / p as f64 };
        let re = if g == 0 { 0.0 } else { c as f64 / g as f64 };
        let f = if pr + re == 0.0 { 0.0 } else { 2.0 * pr * re / (pr + re) };
        (pr, re, f)
    }

    pub fn overall(&self) -> (f64, f64, f64) {
        let t = self.per_type.values().fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        Self::prf(t)
    }

    /// A conlleval-style report.
    pub fn report(&self) -> String {
        let t = self.per_type.values().fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        let (p, r, f) = Self::prf(t);
        let acc = if self.tokens == 0 { 0.0 } else { self.correct_tokens as f64 / self.tokens as f64 };
        let mut s = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\naccuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            self.tokens,
            t.2,
            t.1,
            t.0,
            100.0 * acc,
            100.0 * p,
            100.0 * r,
            100.0 * f
        );
        for (ty, &counts) in &self.per_type {
            let (p, r, f) = Self::prf(counts);
            s.push_str(&format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                ty,
                100.0 * p,
                100.0 * r,
                100.0 * f,
                counts.1
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_scores() {
        let text = "EU NNP B-NP I-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP I-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
        let s = read(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].labels, [3, 0, 7], "IOB1 chunk starts become B-");
        let mut score = Score::default();
        score.add(&s[1].labels, &[1, 2]);
        score.add(&s[0].labels, &[3, 0, 0]);
        let (p, r, f) = score.overall();
        assert_eq!((p, r), (1.0, 2.0 / 3.0));
        assert!((f - 0.8).abs() < 1e-9);
    }
}
