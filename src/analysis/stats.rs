//! Counts and readability: Flesch reading ease and Flesch-Kincaid grade for the
//! article and for each paragraph.

use super::parse::{Block, BlockKind};
use super::span::{within, Span};
use serde::{Deserialize, Serialize};

/// Words per minute for reading time; the commonly cited adult silent-reading mean.
const WORDS_PER_MINUTE: f64 = 238.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// 206.835 − 1.015 (words/sentences) − 84.6 (syllables/words); higher is easier.
    pub flesch_reading_ease: f64,
    /// 0.39 (words/sentences) + 11.8 (syllables/words) − 15.59: a US school grade.
    pub flesch_kincaid_grade: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParagraphStats {
    pub span: Span,
    #[serde(flatten)]
    pub readability: Readability,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Stats {
    /// Body paragraphs (list items and block quotes count; title, caption and credits do not).
    pub paragraphs: usize,
    /// Over the body paragraphs.
    #[serde(flatten)]
    pub readability: Readability,
    /// Every word of the text, title and caption included.
    pub total_words: usize,
    pub reading_minutes: f64,
    pub per_paragraph: Vec<ParagraphStats>,
}

fn is_body(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote)
}

/// A word: a token with a letter or digit in it.
pub fn is_word(token: &str) -> bool {
    if token.is_ascii() {
        return token.bytes().any(|b| b.is_ascii_alphanumeric());
    }
    token.chars().any(char::is_alphanumeric)
}

/// Syllables in an English word, by vowel groups (a silent final "e" does not count).
/// One pass over the lowercase letters, remembering the last three: no allocation, as
/// every word of the text is counted.
pub fn syllables(word: &str) -> usize {
    // ASCII words (nearly all) skip the Unicode case and letter tables: the same letters.
    if word.is_ascii() {
        syllables_of(word.bytes().filter(u8::is_ascii_alphabetic).map(|b| char::from(b.to_ascii_lowercase())))
    } else {
        syllables_of(word.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphabetic()))
    }
}

/// [`syllables`] of a word's lowercase letters.
fn syllables_of(letters: impl Iterator<Item = char>) -> usize {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'à'..='ÿ');
    let (mut count, mut prev, mut n) = (0, false, 0);
    // The last three letters, the most recent last.
    let mut last = [' '; 3];
    for c in letters {
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
        n += 1;
        last = [last[1], last[2], c];
    }
    if n == 0 {
        return 1; // numbers and symbols read as one
    }
    let [third, second, first] = last;
    if n > 2 && first == 'e' && !vowel(second) && second != 'l' && count > 1 {
        count -= 1;
    }
    if n > 3 && second == 'e' && first == 'd' && !matches!(third, 't' | 'd') && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Sentences, words and syllables of a run of text.
fn counts(text: &str, sentences: &[Span], tokens: &[Span]) -> (usize, usize, usize) {
    let (mut words, mut syl) = (0, 0);
    for w in tokens.iter().map(|t| t.of(text)).filter(|t| is_word(t)) {
        words += 1;
        syl += syllables(w);
    }
    (sentences.len(), words, syl)
}

fn readability((s, w, syl): (usize, usize, usize)) -> Readability {
    if s == 0 || w == 0 {
        return Readability { sentences: s, words: w, syllables: syl, ..Default::default() };
    }
    let wps = w as f64 / s as f64;
    let spw = syl as f64 / w as f64;
    let round = |x: f64| (x * 10.0).round() / 10.0;
    Readability {
        sentences: s,
        words: w,
        syllables: syl,
        flesch_reading_ease: round(206.835 - 1.015 * wps - 84.6 * spw),
        flesch_kincaid_grade: round(0.39 * wps + 11.8 * spw - 15.59),
    }
}

/// Statistics of `text` from its blocks, sentences and tokens (all sorted).
pub fn compute(text: &str, blocks: &[Block], sentences: &[Span], tokens: &[Span]) -> Stats {
    let mut per_paragraph = Vec::new();
    // The body's counts are the sums of its paragraphs' (each word is counted once).
    let mut body = (0, 0, 0);
    for b in blocks.iter().filter(|b| is_body(b.kind)) {
        let c = counts(text, within(sentences, b.span, |s| *s), within(tokens, b.span, |s| *s));
        per_paragraph.push(ParagraphStats { span: b.span, readability: readability(c) });
        body = (body.0 + c.0, body.1 + c.1, body.2 + c.2);
    }
    let total_words = tokens.iter().filter(|t| is_word(t.of(text))).count();
    Stats {
        paragraphs: per_paragraph.len(),
        readability: readability(body),
        total_words,
        reading_minutes: ((total_words as f64 / WORDS_PER_MINUTE) * 10.0).round() / 10.0,
        per_paragraph,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllable_counts() {
        for (w, n) in
            [("the", 1), ("Russia", 2), ("neighbour", 2), ("relations", 3), ("programme", 2), ("table", 2), ("discussed", 2), ("2023", 1)]
        {
            assert_eq!(syllables(w), n, "{w}");
        }
    }
}
