//! Truecasing for text without case: a paste in all lowercase (a transcript, a
//! chat export) or all capitals. The tagger leans on capitals, so such text is
//! given the casing the training text uses for each word before it is tagged; the
//! spans still point into the text as written.
//!
//! `lede train` takes each word's most frequent form in `eng.train` (away from
//! sentence starts and capitalised headlines) as a bit mask of its upper-case
//! letters, kept in the lexicon beside the word's other facts ([`Facts::case`]).
//! Words the training text never shows are capitalised when the gazetteers know them.

use super::features::is_all_caps_sentence;
use super::lexicon::{Lexicon, CASE_CHARS};
use crate::analysis::lists::HEADLINE_SMALL_WORDS;
use crate::analysis::util::hash::FastMap;
use std::collections::{BTreeMap, HashMap};

#[cfg(doc)]
use super::lexicon::Facts;

/// Which characters (by position, the first [`CASE_CHARS`]) are upper case.
fn mask_of(word: &str) -> u32 {
    word.chars().take(CASE_CHARS).enumerate().filter(|(_, c)| c.is_uppercase()).fold(0, |m, (i, _)| m | 1 << i)
}

fn apply_mask(lower: &str, mask: u32) -> String {
    lower
        .chars()
        .enumerate()
        .map(|(i, c)| if i < CASE_CHARS && mask & (1 << i) != 0 { c.to_uppercase().next().unwrap_or(c) } else { c })
        .collect()
}

/// The training text's casing: each word (lowercase) → the capitals of its most
/// frequent form. For [`super::lexicon::build_lexicon`].
pub fn casing<'a>(sentences: impl IntoIterator<Item = &'a [String]>) -> BTreeMap<String, u32> {
    let mut forms: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
    for s in sentences {
        let toks: Vec<&str> = s.iter().map(String::as_str).collect();
        if toks.is_empty() || is_all_caps_sentence(&toks) {
            continue;
        }
        for t in &toks[1..] {
            if t.chars().any(char::is_alphabetic) {
                *forms.entry(t.to_lowercase()).or_default().entry(t).or_default() += 1;
            }
        }
    }
    // The most frequent form; ties go to the first in byte order, so the bytes are deterministic.
    forms
        .into_iter()
        .filter_map(|(lower, counts)| {
            let top = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
            // Keys and forms must agree letter for letter ("İ" lowercases to two characters).
            (top.0.chars().count() == lower.chars().count()).then(|| (lower, mask_of(top.0)))
        })
        .collect()
}

/// One sentence's tokens as the training text would case them: a known word
/// takes its usual form, an unknown one is capitalised when the gazetteers
/// know it, and the first word starts with a capital.
pub fn apply(lex: &Lexicon, sent: &[&str]) -> Vec<String> {
    sent.iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            let mask = match lex.get(&lower) {
                Some(f) if f.case.is_some() => f.case.unwrap_or(0),
                Some(f) if f.is_name() => 1,
                _ => 0,
            };
            let mask = if i == 0 { mask | 1 } else { mask };
            if lower.chars().count() != w.chars().count() {
                return w.to_string();
            }
            apply_mask(&lower, mask)
        })
        .collect()
}

/// A name found in text without case, written the way a reader expects it:
/// each word in its usual form when that form has capitals ("NATO", "McDonald"),
/// the small words names are built with in lowercase ("Bank of England"), any
/// other word capitalised ("sam altman" → "Sam Altman").
pub fn case_name(lex: &Lexicon, name: &str) -> String {
    let word = |w: &str| {
        let lower = w.to_lowercase();
        match lex.get(&lower).and_then(|f| f.case) {
            Some(mask) if mask != 0 && lower.chars().count() == w.chars().count() => apply_mask(&lower, mask),
            _ if super::labels::may_continue(&lower) && lower.chars().all(char::is_alphabetic) => lower,
            _ => {
                let mut chars = lower.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
            }
        }
    };
    name.split(' ').map(word).collect::<Vec<_>>().join(" ")
}

/// Whether a document has lost its case: enough letters, and almost none of them
/// upper case (or almost none lower case).
pub fn is_caseless(sentences: &[Vec<&str>]) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for w in sentences.iter().flatten() {
        for c in w.chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    let letters = upper + lower;
    letters >= 20 && (upper * 100 <= letters || lower * 20 <= letters)
}

/// The document truecased when it has lost its case, or None when it has not.
pub fn truecase_document(lex: &Lexicon, sentences: &[Vec<&str>]) -> Option<Vec<Vec<String>>> {
    is_caseless(sentences).then(|| sentences.iter().map(|s| apply(lex, s)).collect())
}

/// Whether a sentence is a headline in title case ("Fed Holds Rates Steady as Inflation
/// Cools"): four words or more, each capitalised but for the small words headlines keep
/// in lowercase, at least two of them after the first words the training text writes
/// in lowercase, and neither a list (two commas or more) nor a line of figures. The
/// tagger, which saw few such lines, reads "Inflation Cools" as an organisation.
pub fn is_title_case(lex: &Lexicon, sent: &[&str]) -> bool {
    let words: Vec<&str> = sent.iter().copied().filter(|w| w.chars().all(char::is_alphabetic)).collect();
    let figures = sent.iter().filter(|w| w.contains(|c: char| c.is_ascii_digit())).count();
    if words.len() < 4
        || figures * 4 > sent.len()
        || sent.iter().filter(|w| **w == ",").count() > 1
        || is_all_caps_sentence(sent)
        || !words.iter().all(|w| w.contains(char::is_uppercase) || HEADLINE_SMALL_WORDS.contains(w))
    {
        return false;
    }
    let usually_lowercase =
        words[1..].iter().filter(|w| w.starts_with(char::is_uppercase) && lex.get(w).and_then(|f| f.case) == Some(0)).count();
    usually_lowercase >= 2
}

/// The title-case headlines of a document (see [`is_title_case`]) recased, by index:
/// each word as the rest of the document writes it away from a sentence's start ("Trump",
/// "Fed", "inflation"), else as the training text usually does, else as written (a word
/// neither knows is more often a name than not); the first word starts with a capital.
pub fn recase_titles(lex: &Lexicon, sentences: &[Vec<&str>]) -> Vec<(usize, Vec<String>)> {
    let titles: Vec<usize> = (0..sentences.len()).filter(|&i| is_title_case(lex, &sentences[i])).collect();
    if titles.is_empty() {
        return Vec::new();
    }
    // How the rest of the document writes each word: the capitals of its most frequent
    // form, capitals first on a tie ("Trump" once and "trump" once is the name).
    let mut forms: FastMap<String, Vec<(u32, usize)>> = FastMap::default();
    for (i, s) in sentences.iter().enumerate() {
        if titles.binary_search(&i).is_ok() || is_all_caps_sentence(s) {
            continue;
        }
        for w in s.iter().skip(1).filter(|w| w.chars().any(char::is_alphabetic)) {
            let (lower, mask) = (w.to_lowercase(), mask_of(w));
            if lower.chars().count() != w.chars().count() {
                continue;
            }
            let counts = forms.entry(lower).or_default();
            match counts.iter_mut().find(|c| c.0 == mask) {
                Some(c) => c.1 += 1,
                None => counts.push((mask, 1)),
            }
        }
    }
    let usual = |lower: &str| forms.get(lower).and_then(|counts| counts.iter().max_by_key(|c| (c.1, c.0)).map(|c| c.0));
    titles
        .into_iter()
        .map(|i| {
            let lower: Vec<String> = sentences[i].iter().map(|w| w.to_lowercase()).collect();
            let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
            // A place of several words keeps its capitals ("New York", "Hong Kong").
            let mut keep = vec![false; lower.len()];
            for k in 0..lower.len() {
                lex.phrases_at(&lower_refs[k..], 4, |len, f| {
                    if len >= 2 && f.is_name() {
                        keep[k..k + len].iter_mut().for_each(|x| *x = true);
                    }
                });
            }
            let cased = sentences[i]
                .iter()
                .zip(&lower)
                .enumerate()
                .map(|(k, (w, lower))| {
                    let mask = if keep[k] { None } else { usual(lower).or_else(|| lex.get_lowercase(lower).and_then(|f| f.case)) };
                    match mask {
                        Some(mask) if lower.chars().count() == w.chars().count() => apply_mask(lower, if k == 0 { mask | 1 } else { mask }),
                        _ => w.to_string(),
                    }
                })
                .collect();
            (i, cased)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    /// A lexicon with the casing of `sentences` and one gazetteer entry, Pyongyang.
    fn lexicon(sentences: &[Vec<String>]) -> Lexicon {
        let read = |name: &str| {
            Ok(match name {
                "countries.tsv" => "iso2\tiso3\tname\tcapital\nKP\tPRK\tNorth Korea\tPyongyang\n",
                _ => "header\n",
            }
            .to_string())
        };
        let bytes = super::super::lexicon::build_lexicon(&read, &[], "", &casing(sentences.iter().map(Vec::as_slice))).unwrap();
        Lexicon::from_bytes(&bytes).unwrap()
    }

    #[test]
    fn words_take_their_usual_form() {
        let lex = lexicon(&[
            sentence("Officials in Moscow said NATO would meet ."),
            sentence("The Moscow office of NATO said it will meet McDonald ."),
            sentence("MOSCOW SAYS NATO WILL MEET"),
        ]);
        let out = apply(&lex, &["officials", "in", "moscow", "said", "nato", "will", "meet", "mcdonald", "."]);
        assert_eq!(out, ["Officials", "in", "Moscow", "said", "NATO", "will", "meet", "McDonald", "."]);
        // Not in the training text, but the gazetteers know it.
        assert_eq!(apply(&lex, &["in", "pyongyang"]), ["In", "Pyongyang"]);
        assert_eq!(case_name(&lex, "nato"), "NATO");
        assert_eq!(case_name(&lex, "sam altman"), "Sam Altman");
        assert_eq!(case_name(&lex, "OFFICE OF MCDONALD"), "Office of McDonald");
    }

    #[test]
    fn only_documents_without_case_are_truecased() {
        let lower: Vec<&str> = "north korea 's leader met the russian president in moscow on tuesday .".split(' ').collect();
        let upper: Vec<&str> = "NORTH KOREA 'S LEADER MET THE RUSSIAN PRESIDENT IN MOSCOW ON TUESDAY .".split(' ').collect();
        let normal: Vec<&str> = "North Korea 's leader met the Russian president in Moscow on Tuesday .".split(' ').collect();
        assert!(is_caseless(&[lower]));
        assert!(is_caseless(&[upper]));
        assert!(!is_caseless(&[normal]));
        assert!(!is_caseless(&[vec!["ok"]]), "too few letters to tell");
    }
}
