//! Scoring what a reader is shown: the whole analysis run on the plain text of a
//! CoNLL file, its name mentions read back onto the file's tokens and graded by the
//! same scorer as the tagger ([`conll::Score`]).
//!
//! `lede eval` scores the tagger alone, on the file's own tokens and sentences. The
//! app does more before and after it: it finds the sentences and tokens itself,
//! takes the first lines for a title and a dateline, leaves page chrome out, and its
//! rules relabel, merge and add mentions (named storms, news organisations, places
//! of the gazetteer...). compromise is scored on the text too (tests/e2e/bench/accuracy.mjs),
//! so this is the like-for-like figure beside it.

use super::conll::{self, Score, Sentence};
use crate::analysis::mention::Label;
use crate::analysis::{analyze, Analysis, Options};

/// One sentence as text, the way tests/e2e/bench/corpus.mjs writes it for compromise:
/// a space between tokens, none before closing punctuation or "'s", none after "(".
/// Returns the text and each token's byte offset in it.
pub fn detokenize(tokens: &[String]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(tokens.len());
    for t in tokens {
        let closing = matches!(t.as_str(), "," | "." | ";" | ":" | ")" | "?" | "!" | "'s");
        if !text.is_empty() && !closing && !text.ends_with('(') {
            text.push(' ');
        }
        offsets.push(text.len());
        text.push_str(t);
    }
    (text, offsets)
}

/// A document's text: its sentences detokenized, a paragraph each, as a reader would
/// paste a wire story. Returns the text and, per sentence, its tokens' offsets.
pub fn document_text(doc: &[&Sentence]) -> (String, Vec<Vec<usize>>) {
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(doc.len());
    for s in doc {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let (line, at) = detokenize(&s.tokens);
        let base = text.len();
        text.push_str(&line);
        offsets.push(at.into_iter().map(|o| o + base).collect());
    }
    (text, offsets)
}

/// The CoNLL type of a mention's label (PER, ORG, LOC, MISC as label indices of
/// B- tags), or None for dates, numbers and amounts, which CoNLL does not tag.
/// Countries and cities (GPE) are LOC in CoNLL; nationalities and groups (NORP) MISC.
fn conll_type(label: Label) -> Option<usize> {
    match label {
        Label::Person => Some(1),
        Label::Org => Some(3),
        Label::Gpe | Label::Loc => Some(5),
        Label::Norp | Label::Misc => Some(7),
        _ => None,
    }
}

/// The labels the analysis gives each token (IOB2 label indices): a token takes a
/// mention's type when the mention covers it whole, as accuracy.mjs reads compromise.
pub fn shown_labels(analysis: &Analysis, doc: &[&Sentence], offsets: &[Vec<usize>]) -> Vec<Vec<usize>> {
    // Mention spans in the input's offsets, in order.
    let spans: Vec<(usize, usize, usize)> = analysis
        .mentions
        .iter()
        .filter(|m| !m.span.is_empty())
        .filter_map(|m| Some((analysis.to_source(m.span.start), analysis.to_source(m.span.end - 1) + 1, conll_type(m.label)?)))
        .collect();
    let mut out = Vec::with_capacity(doc.len());
    let mut next = 0; // the first mention that does not end before this sentence
    for (s, at) in doc.iter().zip(offsets) {
        let mut labels = vec![0; s.tokens.len()];
        while next < spans.len() && at.first().is_some_and(|&first| spans[next].1 <= first) {
            next += 1;
        }
        for &(start, end, ty) in spans[next..].iter().take_while(|m| at.last().is_some_and(|&last| m.0 <= last)) {
            let mut covered: Vec<usize> =
                (0..at.len()).filter(|&i| at[i] >= start && at[i] + s.tokens[i].len() <= end && labels[i] == 0).collect();
            // CoNLL splits an abbreviation's point off at the end of a sentence ("Lear
            // Corp ."); in the text it is the abbreviation's own ("Lear Corp."), and the
            // mention rightly keeps it. The file's "." token is not part of the name.
            if covered.len() > 1 && covered.last().is_some_and(|&i| s.tokens[i] == ".") {
                covered.pop();
            }
            for (k, &i) in covered.iter().enumerate() {
                labels[i] = if k == 0 { ty } else { ty + 1 };
            }
        }
        out.push(labels);
    }
    out
}

/// Scores the whole analysis of each document's text against its gold labels.
pub fn evaluate(docs: &[Vec<&Sentence>]) -> Score {
    let mut score = Score::default();
    for doc in docs {
        let (text, offsets) = document_text(doc);
        let analysis = analyze(&text, &Options::default());
        for (s, pred) in doc.iter().zip(shown_labels(&analysis, doc, &offsets)) {
            score.add(&s.labels, &pred);
        }
    }
    score
}

/// Every chunk the whole analysis got wrong, in the format of `lede eval --errors`
/// (so the two lists can be compared line by line to see what the rules change).
pub fn errors(docs: &[Vec<&Sentence>]) -> Vec<String> {
    let mut out = Vec::new();
    for doc in docs {
        let (text, offsets) = document_text(doc);
        let analysis = analyze(&text, &Options::default());
        for (s, pred) in doc.iter().zip(shown_labels(&analysis, doc, &offsets)) {
            out.extend(conll::chunk_errors(s, &pred));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(line: &str) -> Sentence {
        conll::read(&line.split(' ').map(|w| w.replace('/', " _ _ ")).collect::<Vec<_>>().join("\n")).remove(0)
    }

    #[test]
    fn detokenizes_as_the_browser_benchmark_does() {
        let tokens: Vec<String> = ["Peter", "Blackburn", "(", "EU", ")", "said", "it", "'s", "fine", "."].map(String::from).to_vec();
        let (text, at) = detokenize(&tokens);
        assert_eq!(text, "Peter Blackburn (EU) said it's fine.");
        for (o, t) in at.iter().zip(&tokens) {
            assert_eq!(&text[*o..*o + t.len()], t);
        }
    }

    #[test]
    fn reads_the_mentions_back_onto_the_tokens() {
        let doc = [
            sentence("Peter/I-PER Blackburn/I-PER said/O the/O European/I-ORG Commission/I-ORG met/O in/O Brussels/I-LOC ./O"),
            sentence("German/I-MISC officials/O met/O Angela/I-PER Merkel/I-PER on/O Monday/O ./O"),
        ];
        let doc: Vec<&Sentence> = doc.iter().collect();
        let (text, offsets) = document_text(&doc);
        let analysis = analyze(&text, &Options::default());
        let shown = shown_labels(&analysis, &doc, &offsets);
        let mut score = Score::default();
        for (s, p) in doc.iter().zip(&shown) {
            score.add(&s.labels, p);
        }
        // Monday is a DATE mention, which CoNLL does not tag: it stays O.
        assert_eq!(shown[1][6], 0);
        assert_eq!(score.overall().2, 1.0, "{shown:?} on {text:?}");
    }
}
