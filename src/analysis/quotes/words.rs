//! The words around a quote, as the attribution grammar reads them: each with its span,
//! its lowercase form, the punctuation that follows it and the mention it belongs to.

use crate::analysis::lists::{List, CUES, PHRASE_MARKERS, SPEAKER_NOUNS, SPEAKER_PRONOUNS};
use crate::analysis::mention::Mention;
use crate::analysis::span::Span;
use crate::analysis::util::hash::FastMap;
use std::sync::OnceLock;

/// The rows of `list` by their first column, built once: the stage looks words up in them
/// for every word near a quote, so by hash, never by a scan of the list.
fn index(
    list: &'static List,
    cell: &'static OnceLock<FastMap<&'static str, &'static [&'static str]>>,
) -> &'static FastMap<&'static str, &'static [&'static str]> {
    cell.get_or_init(|| {
        let mut map = FastMap::default();
        for r in list.rows() {
            map.entry(r[0]).or_insert(r.as_slice());
        }
        map
    })
}

/// The row of `cues.tsv` for `word` (lowercase): word, kind, and "listener" for a verb whose
/// next noun phrase is who was spoken to.
pub fn cue_row(word: &str) -> Option<&'static [&'static str]> {
    static CELL: OnceLock<FastMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    index(&CUES, &CELL).get(word).copied()
}

/// The row of `source_nouns.tsv` for `word` (lowercase, without a point): noun, kind, gender, same as.
pub fn source_noun_row(word: &str) -> Option<&'static [&'static str]> {
    static CELL: OnceLock<FastMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    index(&SPEAKER_NOUNS, &CELL).get(word).copied()
}

/// The row of `speaker_pronouns.txt` for `word`: pronoun, gender, number.
fn pronoun_row(word: &str) -> Option<&'static [&'static str]> {
    static CELL: OnceLock<FastMap<&'static str, &'static [&'static str]>> = OnceLock::new();
    index(&SPEAKER_PRONOUNS, &CELL).get(word).copied()
}

/// Whether `word` (lowercase) marks the quoted phrase on its `side` ("before" or "after") as a
/// title, a name or a slogan (`phrase_markers.tsv`; a word may be a marker on both sides).
pub fn is_phrase_marker(word: &str, side: &str) -> bool {
    static CELL: OnceLock<FastMap<(&'static str, &'static str), ()>> = OnceLock::new();
    let map = CELL.get_or_init(|| PHRASE_MARKERS.rows().iter().filter_map(|r| Some(((r[0], *r.get(1)?), ()))).collect());
    map.contains_key(&(word, side))
}

/// Whether `word` (lowercase, without a point) is an honorific ("mr"): a title that gives a
/// gender but stands for no role.
pub fn is_honorific(word: &str) -> bool {
    source_noun_row(word).is_some_and(|r| r[1] == "title" && r.get(3).is_none_or(|s| s.is_empty()))
}

/// One word of a window.
#[derive(Debug, Clone)]
pub struct Word {
    pub span: Span,
    pub lower: String,
    /// The punctuation right after the word, spaces skipped (',' in "Trump, who"), if any.
    pub after: Option<char>,
    /// From the word's end to the next word's start (or the window's end).
    pub gap: Span,
    /// Whether the word is written with a capital letter first.
    pub capital: bool,
    /// The index (into the stage's mentions) of the name mention this word is part of.
    pub mention: Option<usize>,
}

impl Word {
    /// The kind of cue this word is, if it is one, as the text writes it: a capitalised word
    /// is a cue only at a sentence's start ("Post" in "the Post said" is the newspaper).
    pub fn cue(&self, first: bool) -> Option<&'static str> {
        if self.capital && !first {
            return None;
        }
        CUES.mark(&self.lower)
    }

    pub fn is_cue(&self, kind: &str, first: bool) -> bool {
        self.cue(first) == Some(kind)
    }

    /// Whether the word may stand between a source and its cue: an adverb of the list
    /// ("also", "has") or any lowercase word in "-ly" that names no one ("gingerly",
    /// "angrily"; not "ally" or "family", which are source nouns).
    pub fn is_adverb(&self) -> bool {
        self.is_cue("adverb", false)
            || !self.capital
                && self.lower.len() >= 5
                && self.lower.ends_with("ly")
                && self.cue(false).is_none()
                && self.source_noun().is_none()
                && self.pronoun().is_none()
    }

    /// Whether the punctuation between this word and the next holds `c`.
    pub fn gap_has(&self, text: &str, c: char) -> bool {
        self.gap.of(text).contains(c)
    }

    /// Whether nothing but spaces stands between this word and the next.
    pub fn plain_gap(&self, text: &str) -> bool {
        self.gap.of(text).chars().all(char::is_whitespace)
    }

    /// The pronoun's row (gender, number) if the word is a subject pronoun.
    pub fn pronoun(&self) -> Option<&'static [&'static str]> {
        // "He's predicting": the pronoun and its verb in one word.
        let w = ["’s", "'s", "’d", "'d", "’ll", "'ll"].iter().find_map(|c| self.lower.strip_suffix(c)).unwrap_or(&self.lower);
        pronoun_row(w)
    }

    /// The kind of source this noun names ("person", "organisation", "document", "title").
    pub fn source_noun(&self) -> Option<&'static str> {
        SPEAKER_NOUNS.mark(self.lower.trim_end_matches('.'))
    }
}

/// Words that open a noun phrase.
pub const DETERMINERS: [&str; 20] = [
    "the", "a", "an", "one", "some", "his", "her", "its", "their", "our", "this", "that", "these", "those", "another", "several", "many",
    "two", "three", "other",
];

/// Whether `w` opens a noun phrase.
pub fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(&w)
}

/// Words that never belong to a source's noun phrase: they join clauses or open a phrase of
/// their own ("and", "in", "to").
pub fn is_boundary(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "but"
            | "or"
            | "while"
            | "as"
            | "because"
            | "when"
            | "if"
            | "after"
            | "before"
            | "since"
            | "though"
            | "although"
            | "whether"
            | "than"
            | "in"
            | "on"
            | "at"
            | "to"
            | "by"
            | "into"
            | "about"
            | "over"
            | "during"
            | "where"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "what"
            | "with"
            | "how"
            | "why"
            | "that"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "not"
    )
}

/// Whether `w` is a preposition that ties an affiliation or a description to a source
/// ("Morgan of the Sierra Club", "a spokesman for the campaign", "people familiar with").
pub fn is_link(w: &str) -> bool {
    matches!(w, "of" | "for" | "at" | "from" | "with" | "to" | "familiar" | "close" | "briefed" | "knowledgeable" | "in" | "on")
}

/// The words of `window` in `text`: runs of letters, digits and the characters a word can
/// hold ("'", "’", "-", "."), a trailing point kept out ("said." → "said"), with the name
/// mentions they belong to (`mentions` sorted by start).
pub fn words(text: &str, window: Span, mentions: &[Mention]) -> Vec<Word> {
    let s = window.of(text);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.' || c == '@' || c == '#';
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                start = None;
                let t = s[st..i].trim_end_matches('.').trim_end_matches(['\'', '’']);
                let t = t.trim_end_matches('-');
                let w = t.trim_start_matches(['\'', '’', '-', '.']);
                if w.is_empty() || !w.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let off = t.len() - w.len();
                let span = Span::new(window.start + st + off, window.start + st + off + w.len());
                out.push(Word {
                    span,
                    lower: w.to_lowercase(),
                    after: None,
                    gap: Span::new(span.end, span.end),
                    capital: w.starts_with(char::is_uppercase),
                    mention: None,
                });
            }
            _ => {}
        }
    }
    // What follows each word, up to the next: the first punctuation mark, if any.
    for k in 0..out.len() {
        let end = out.get(k + 1).map_or(window.end, |n| n.span.start);
        out[k].gap = Span::new(out[k].span.end, end.max(out[k].span.end));
        out[k].after = out[k].gap.of(text).chars().find(|c| !c.is_whitespace());
    }
    // The mentions, found by search: both lists are in text order.
    let first = mentions.partition_point(|m| m.span.end <= window.start);
    let mut m = first;
    for w in &mut out {
        while m < mentions.len() && mentions[m].span.end <= w.span.start {
            m += 1;
        }
        // A possessive is its name's: "Trump's" is Trump's mention and an "'s".
        let stem = w.span.end - ["'s", "’s", "'", "’"].iter().find(|p| w.lower.ends_with(*p)).map_or(0, |p| p.len());
        if let Some(found) = mentions.get(m).filter(|x| x.span.start <= w.span.start && stem <= x.span.end) {
            if found.label.is_name() {
                w.mention = Some(m);
            }
        }
    }
    out
}

/// How many bytes on each side of a quote may hold its attribution: forty words of news are
/// well under it, and text without spaces (a line of punctuation and quote marks) has no
/// words to count, which made reading the words before every quote quadratic.
pub const ATTRIBUTION_BYTES: usize = 1000;

/// The end of `span` holding at most its last `n` whitespace-separated words, and at most
/// [`ATTRIBUTION_BYTES`].
pub fn last_words(text: &str, span: Span, n: usize) -> Span {
    let mut start = span.end.saturating_sub(ATTRIBUTION_BYTES).max(span.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let span = Span::new(start, span.end);
    let s = span.of(text);
    after_words(s.char_indices().rev(), n).map_or(span, |(i, c)| Span::new(span.start + i + c.len_utf8(), span.end))
}

/// The start of `span` holding at most its first `n` whitespace-separated words, and at
/// most [`ATTRIBUTION_BYTES`].
pub fn first_words(text: &str, span: Span, n: usize) -> Span {
    let mut end = span.start.saturating_add(ATTRIBUTION_BYTES).min(span.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let span = Span::new(span.start, end.max(span.start));
    let s = span.of(text);
    after_words(s.char_indices(), n).map_or(span, |(i, _)| Span::new(span.start, span.start + i))
}

/// The whitespace character (and its position) that ends the `n`th word of `chars`, read in
/// either direction; `None` when they hold `n` words or fewer with nothing after.
fn after_words(chars: impl Iterator<Item = (usize, char)>, n: usize) -> Option<(usize, char)> {
    let (mut words, mut in_word) = (0, false);
    for (i, c) in chars {
        if c.is_whitespace() {
            if in_word && words == n {
                return Some((i, c));
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::mention::{Label, Source};

    #[test]
    fn the_words_nearest_a_quote() {
        let text = "  one two\tthree  four ";
        let all = Span::new(0, text.len());
        assert_eq!(last_words(text, all, 2).of(text), "three  four ");
        assert_eq!(first_words(text, all, 2).of(text), "  one two");
        // Fewer words than asked: the whole span.
        assert_eq!(last_words(text, all, 9), all);
        assert_eq!(first_words(text, all, 9), all);
        // As many as asked: the span ends with the last one (starts with the first).
        assert_eq!(first_words(text, all, 4).of(text), "  one two\tthree  four");
        assert_eq!(last_words(text, all, 4).of(text), "one two\tthree  four ");
        assert_eq!(last_words(text, Span::new(3, 3), 1), Span::new(3, 3));
        // Multi-byte whitespace and words.
        let text = "Évian\u{3000}säger  dît";
        let all = Span::new(0, text.len());
        assert_eq!(last_words(text, all, 1).of(text), "dît");
        assert_eq!(first_words(text, all, 1).of(text), "Évian");
    }

    #[test]
    fn words_carry_their_punctuation_and_mention() {
        let text = "“No,” said Sen. Pat Toomey (R-Pa.), the €5 man.";
        let at = text.find("Pat").unwrap();
        let m = Mention::new(Span::new(at, at + "Pat Toomey".len()), Label::Person, Source::Model { confidence: 1.0 });
        let w = words(text, Span::new(0, text.len()), &[m]);
        let got: Vec<(&str, Option<char>, Option<usize>)> = w.iter().map(|w| (w.span.of(text), w.after, w.mention)).collect();
        assert_eq!(
            got,
            [
                ("No", Some(','), None),
                ("said", None, None),
                ("Sen", Some('.'), None),
                ("Pat", None, Some(0)),
                ("Toomey", Some('('), Some(0)),
                ("R-Pa", Some('.'), None),
                ("the", Some('€'), None),
                ("5", None, None),
                ("man", Some('.'), None)
            ]
        );
        assert!(w[2].capital && !w[1].capital);
        assert_eq!(w[1].cue(false), Some("verb"));
    }
}
