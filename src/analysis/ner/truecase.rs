//! Truecasing for text without case: a paste in all lowercase (a transcript, a
//! chat export) or all capitals. The tagger leans on capitals, so such text is
//! given the casing the training text uses for each word before it is tagged; the
//! spans still point into the text as written.
//!
//! The map is built by `lede train` from `eng.train` (each word's most frequent form
//! away from sentence starts and capitalised headlines) into `model/truecase.bin`:
//! an `fst` map from the lowercase word to a bit mask of its upper-case letters.
//! Words the training text never shows are capitalised when the gazetteers know them.

use super::conll::Sentence;
use super::features::is_all_caps_sentence;
use super::lexicon::Lexicon;
use fst::{Map, MapBuilder};
use std::collections::{BTreeMap, HashMap};

const MAGIC: &[u8; 8] = b"LEDETC01";

/// The casing of the training text's words.
pub struct Truecaser {
    map: Map<Vec<u8>>,
}

impl std::fmt::Debug for Truecaser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Truecaser({} words)", self.map.len())
    }
}

/// Which characters (by position, the first 64) are upper case.
fn mask_of(word: &str) -> u64 {
    word.chars().take(64).enumerate().filter(|(_, c)| c.is_uppercase()).fold(0, |m, (i, _)| m | 1 << i)
}

fn apply_mask(lower: &str, mask: u64) -> String {
    lower.chars().enumerate().map(|(i, c)| if i < 64 && mask & (1 << i) != 0 { c.to_uppercase().next().unwrap_or(c) } else { c }).collect()
}

/// Builds the map's bytes from training sentences.
pub fn build(sentences: &[Sentence]) -> Result<Vec<u8>, String> {
    let mut forms: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
    for s in sentences {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
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
    let best: BTreeMap<String, u64> = forms
        .into_iter()
        .filter_map(|(lower, counts)| {
            let top = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
            // Keys and forms must agree letter for letter ("İ" lowercases to two characters).
            (top.0.chars().count() == lower.chars().count()).then(|| (lower, mask_of(top.0)))
        })
        .collect();
    let mut builder = MapBuilder::new(MAGIC.to_vec()).map_err(|e| e.to_string())?;
    for (k, v) in &best {
        builder.insert(k.as_bytes(), *v).map_err(|e| e.to_string())?;
    }
    builder.into_inner().map_err(|e| e.to_string())
}

impl Truecaser {
    /// Reads a map written by [`build`]; None if the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Truecaser> {
        let rest = bytes.strip_prefix(MAGIC)?;
        Some(Truecaser { map: Map::new(rest.to_vec()).ok()? })
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// One sentence's tokens as the training text would case them: a known word
    /// takes its usual form, an unknown one is capitalised when the gazetteers
    /// know it, and the first word starts with a capital.
    pub fn apply(&self, lex: &Lexicon, sent: &[&str]) -> Vec<String> {
        sent.iter()
            .enumerate()
            .map(|(i, w)| {
                let lower = w.to_lowercase();
                let mask = match self.map.get(lower.as_bytes()) {
                    Some(m) => m,
                    None if lex.get(&lower).is_some_and(|f| f.is_name()) => 1,
                    None => 0,
                };
                let mask = if i == 0 { mask | 1 } else { mask };
                if lower.chars().count() != w.chars().count() {
                    return w.to_string();
                }
                apply_mask(&lower, mask)
            })
            .collect()
    }
}

impl Truecaser {
    /// A name found in text without case, written the way a reader expects it:
    /// each word in its usual form when that form has capitals ("NATO", "McDonald"),
    /// the small words names are built with in lowercase ("Bank of England"), any
    /// other word capitalised ("sam altman" → "Sam Altman").
    pub fn case_name(&self, name: &str) -> String {
        let word = |w: &str| {
            let lower = w.to_lowercase();
            match self.map.get(lower.as_bytes()) {
                Some(mask) if mask != 0 && lower.chars().count() == w.chars().count() => apply_mask(&lower, mask),
                _ if super::model::may_continue(&lower) && lower.chars().all(char::is_alphabetic) => lower,
                _ => {
                    let mut chars = lower.chars();
                    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
                }
            }
        };
        name.split(' ').map(word).collect::<Vec<_>>().join(" ")
    }
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
pub fn truecase_document(truecaser: &Truecaser, lex: &Lexicon, sentences: &[Vec<&str>]) -> Option<Vec<Vec<String>>> {
    is_caseless(sentences).then(|| sentences.iter().map(|s| truecaser.apply(lex, s)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence {
        let tokens: Vec<String> = text.split(' ').map(String::from).collect();
        Sentence { labels: vec![0; tokens.len()], tokens }
    }

    #[test]
    fn words_take_their_usual_form() {
        let bytes = build(&[
            sentence("Officials in Moscow said NATO would meet ."),
            sentence("The Moscow office of NATO said it will meet McDonald ."),
            sentence("MOSCOW SAYS NATO WILL MEET"),
        ])
        .unwrap();
        let tc = Truecaser::from_bytes(&bytes).unwrap();
        let lex = &crate::analysis::ner::tagger().expect("the bundled lexicon").lexicon;
        let out = tc.apply(lex, &["officials", "in", "moscow", "said", "nato", "will", "meet", "mcdonald", "."]);
        assert_eq!(out, ["Officials", "in", "Moscow", "said", "NATO", "will", "meet", "McDonald", "."]);
        // Not in the training text, but the gazetteers know it.
        assert_eq!(tc.apply(lex, &["in", "pyongyang"]), ["In", "Pyongyang"]);
        assert!(Truecaser::from_bytes(b"LEDELEX1").is_none());
        assert_eq!(tc.case_name("nato"), "NATO");
        assert_eq!(tc.case_name("sam altman"), "Sam Altman");
        assert_eq!(tc.case_name("OFFICE OF MCDONALD"), "Office of McDonald");
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
