//! Every hand-written word list the stages read, each a file of this folder, and the one
//! loader that reads them.
//!
//! A list file starts with a header of `#` lines saying what its entries are for, their
//! format and where they came from (`Source:`); then one entry per line, its columns
//! separated by tabs. A [`List`] is the file's first column, or, for a file whose second
//! column names a kind (`roles.tsv`, `values.tsv`), the entries of one kind. Lists are
//! compiled in (`include_str!`, without their headers: `build.rs` strips them) and read once,
//! when first asked.
//!
//! What stays in code is not a word list but a fixed table of a standard: calendar names
//! (`util::timestamp`), HTML's elements and character references (`parse::html`,
//! `text::repair`), email header fields (`parse::chrome`), the tagger's labels.

use crate::analysis::util::hash::{FastMap, FastSet};
use std::sync::OnceLock;

/// A word list: the entries of one file, or of one kind in it.
pub struct List {
    /// The file's name in this folder, for messages and tests.
    pub file: &'static str,
    text: &'static str,
    /// The kind (second column) whose entries this list holds; None: every entry.
    kind: Option<&'static str>,
    rows: OnceLock<Vec<Vec<&'static str>>>,
    entries: OnceLock<Vec<&'static str>>,
    set: OnceLock<FastSet<&'static str>>,
    marks: OnceLock<FastMap<&'static str, &'static str>>,
}

impl List {
    const fn new(file: &'static str, text: &'static str, kind: Option<&'static str>) -> List {
        List { file, text, kind, rows: OnceLock::new(), entries: OnceLock::new(), set: OnceLock::new(), marks: OnceLock::new() }
    }

    /// Every entry line (not a comment, not empty) of the file, split into its columns, in
    /// file order.
    pub fn rows(&'static self) -> &'static [Vec<&'static str>] {
        self.rows.get_or_init(|| {
            let lines = self.text.lines().filter(|l| !l.is_empty() && !l.starts_with('#'));
            let rows = lines.map(|l| l.split('\t').collect::<Vec<_>>());
            rows.filter(|cols| self.kind.is_none_or(|kind| cols.get(1) == Some(&kind))).collect()
        })
    }

    /// The entries (first column), in file order.
    pub fn entries(&'static self) -> &'static [&'static str] {
        self.entries.get_or_init(|| self.rows().iter().map(|cols| cols[0]).collect())
    }

    /// Whether `word` is an entry, exactly (a set, built once).
    pub fn contains(&'static self, word: &str) -> bool {
        self.set.get_or_init(|| self.entries().iter().copied().collect()).contains(word)
    }

    /// The second column of `entry`'s row in a file of plain entries (a mark such as "place
    /// after the"), if it has one.
    pub fn mark(&'static self, entry: &str) -> Option<&'static str> {
        let marks = self.marks.get_or_init(|| self.rows().iter().filter_map(|cols| Some((cols[0], *cols.get(1)?))).collect());
        marks.get(entry).copied()
    }

    /// The header's lines, without their `#`, read from the source file (the compiled-in text
    /// has none).
    #[cfg(test)]
    fn header(&self) -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/analysis/lists").join(self.file);
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines().take_while(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().to_string()).collect()
    }
}

macro_rules! lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal $(, $kind:literal)?;)*) => {
        $($(#[$doc])* pub static $name: List =
            List::new($file, include_str!(concat!(env!("OUT_DIR"), "/lists/", $file)), lists!(@kind $($kind)?));)*
        /// Every list, for the tests that check their headers.
        pub static ALL: &[&List] = &[$(&$name),*];
    };
    (@kind) => { None };
    (@kind $kind:literal) => { Some($kind) };
}

lists! {
    // Names (rules/).
    /// Titles and roles before a person's name: "president", "kremlin spokesman".
    TITLES = "roles.tsv", "title";
    /// Companies and organisations of today's news.
    ORGANISATIONS = "organisations.txt";
    /// Political parties.
    POLITICAL_PARTIES = "political_parties.txt";
    /// Buildings that stand for the institution in them: "Kremlin".
    SEATS = "seats.txt";
    /// Last words of a facility's name: "Airport".
    FACILITIES = "facilities.txt";
    /// Last words of an organisation's name: "Agency".
    ORGANISATION_WORDS = "organisation_words.txt";
    /// Kinds of storm before a storm's name: "Hurricane".
    STORM_KINDS = "storm_kinds.txt";
    /// Words that make a storm's kind part of an institution's name: "Center".
    STORM_INSTITUTIONS = "storm_institutions.txt";
    /// Nationality adjectives and demonyms, with a country code (read by `lede train` into the lexicon).
    DEMONYMS = "demonyms.tsv";
    // Outlets (parse/ and rules/).
    /// News organisations, wire services and photo agencies (see [`Outlets`]).
    OUTLETS = "outlets.tsv";
    // Values (dates/).
    /// Number words: "two", "dozens".
    NUMBER_WORDS = "values.tsv", "number";
    /// Ordinal words: "first".
    ORDINALS = "values.tsv", "ordinal";
    /// Scales after a number: "million".
    SCALES = "values.tsv", "scale";
    /// Currency names after a number: "dollars".
    CURRENCIES = "values.tsv", "currency";
    /// Units after a number: "km".
    UNITS = "values.tsv", "unit";
    /// The time grammar's rows: rule, TIMEX3 type, pattern, reading (see `dates::grammar`).
    TIME_GRAMMAR = "time_grammar.tsv";
    /// The time grammar's word classes: "october" a month, "last" a deictic shift of -1.
    TIME_WORDS = "time_words.tsv";
    /// Words that tell whether a sentence speaks of the future or the past: "will", "said".
    TENSE_CUES = "tense_cues.tsv";
    // Quotes (quotes/).
    /// The attribution grammar's words, each with its kind: cue verbs ("said"), verbs of a
    /// clause that can hold quoted words ("called"), cue nouns, adverbs, "according to".
    CUES = "cues.tsv";
    /// Reporting verbs that frame a whole quote: "said".
    SPEECH_VERBS = "cues.tsv", "verb";
    /// Pronouns that can be a reporting verb's subject: "he".
    SPEAKER_PRONOUNS = "speaker_pronouns.txt";
    /// Nouns that name a source, with their kind, gender and the role a title stands for:
    /// "spokesman", "statement", "sen" (every kind: they make the name before them the speaker).
    SPEAKER_NOUNS = "source_nouns.tsv";
    /// Words next to a quoted phrase that make it a title, a name or a slogan: "so-called".
    PHRASE_MARKERS = "phrase_markers.tsv";
    /// Words that open a bare reported clause: "the".
    CLAUSE_OPENERS = "clause_openers.txt";
    /// Finite verbs of a reported clause: "would".
    FINITE_VERBS = "finite_verbs.txt";
    // Pages (parse/).
    /// A page's controls: "share".
    CONTROLS = "controls.txt";
    /// How longer controls start: "listen to this article".
    CONTROL_OPENINGS = "control_openings.txt";
    /// Lines after which a page lists other stories: "related topics".
    END_MARKERS = "end_markers.txt";
    /// Class and id hints of a whole page's elements, by kind (see `page_hints.tsv`).
    PAGE_HINTS = "page_hints.tsv";
    /// Caption and photo credit labels, each with its part.
    CAPTION_LABELS = "caption_labels.tsv";
    /// A reporter's job: "correspondent".
    STAFF_WORDS = "roles.tsv", "staff";
    /// Words that open a reporter's role after the name: "senior".
    DESK_WORDS = "roles.tsv", "desk";
    /// Credits lines' phrases and the roles they name: "editing by" → "Editing".
    CREDIT_PHRASES = "credit_phrases.tsv";
    /// How a contributors line ends: " contributed to this report".
    CONTRIBUTORS_ENDINGS = "contributors_endings.txt";
    // Text (text/), the tagger (ner/) and key phrases (about/).
    /// Abbreviations that keep their point: "Mr", "Oct".
    ABBREVIATIONS = "abbreviations.txt";
    /// Lowercase words a name can hold: "of", "van".
    NAME_CONNECTORS = "name_connectors.txt";
    /// Function words that open a sentence: "The".
    SENTENCE_OPENERS = "sentence_openers.txt";
    /// Small words a title-case headline keeps lowercase: "of".
    HEADLINE_SMALL_WORDS = "headline_small_words.txt";
    /// Words that never start or end a key phrase.
    STOPWORDS = "stopwords.txt";
}

/// A list's entries as phrases of words, to be found among a sentence's words: those of one
/// word in a set, those of several keyed by their first word, the longest first.
pub struct Phrases {
    single: FastSet<&'static str>,
    multi: FastMap<&'static str, Vec<Vec<&'static str>>>,
}

impl Phrases {
    /// The entries of `list`, split into words by `words` (the tokenizer of the text they
    /// will be found in: "McDonald's" is two tagger tokens).
    pub fn new(list: &'static List, words: impl Fn(&'static str) -> Vec<&'static str>) -> Phrases {
        let mut p = Phrases { single: FastSet::default(), multi: FastMap::default() };
        for &entry in list.entries() {
            match words(entry).as_slice() {
                [] => {}
                [_] => {
                    p.single.insert(entry);
                }
                all @ [first, ..] => p.multi.entry(first).or_default().push(all.to_vec()),
            }
        }
        for list in p.multi.values_mut() {
            // The longest first: "Social Democratic and Labour Party" before "Social Democrats".
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        p
    }

    /// The ranges `a..b` of `words` that are entries: at each word that starts with a letter,
    /// the longest entry of several words that starts there, else a one-word entry that
    /// `single` accepts (given the word and its index); matches do not overlap.
    pub fn find<W: AsRef<str>>(&self, words: &[W], single: impl Fn(&str, usize) -> bool) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let word = words[i].as_ref();
            let len = if !word.starts_with(|c: char| c.is_alphabetic()) {
                None
            } else {
                let phrase = self.multi.get(word).and_then(|list| {
                    list.iter().find(|entry| {
                        words.len() >= i + entry.len() && words[i..i + entry.len()].iter().zip(entry.iter()).all(|(t, w)| t.as_ref() == *w)
                    })
                });
                phrase.map(Vec::len).or_else(|| (self.single.contains(word) && single(word, i)).then_some(1))
            };
            match len {
                Some(len) => {
                    found.push((i, i + len));
                    i += len;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// The outlets of `outlets.tsv`, indexed: by name and alias, by name and alias in capitals,
/// and by domain.
pub struct Outlets {
    names: FastSet<&'static str>,
    upper: FastSet<String>,
    domains: FastMap<&'static str, &'static str>,
}

impl Outlets {
    /// The index, built once.
    pub fn get() -> &'static Outlets {
        static OUTLETS_INDEX: OnceLock<Outlets> = OnceLock::new();
        OUTLETS_INDEX.get_or_init(|| {
            let mut o = Outlets { names: FastSet::default(), upper: FastSet::default(), domains: FastMap::default() };
            for cols in OUTLETS.rows() {
                let name = cols[0];
                let split = |k: usize| cols.get(k).into_iter().flat_map(|c| c.split(',')).map(str::trim).filter(|s| !s.is_empty());
                for n in std::iter::once(name).chain(split(2)) {
                    o.names.insert(n);
                    o.upper.insert(n.to_uppercase());
                }
                for d in split(1) {
                    o.domains.insert(d, name);
                }
            }
            o
        })
    }

    /// Whether `name` is an outlet's name or alias, as articles write it ("Al Jazeera").
    pub fn is_outlet(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Whether `name`, in any case, is an outlet's name or alias ("REUTERS", "AP Photo").
    pub fn is_outlet_any_case(&self, name: &str) -> bool {
        self.upper.contains(&name.to_uppercase())
    }

    /// The outlet whose site `site` is ("bbc.co.uk" → "BBC").
    pub fn by_site(&self, site: &str) -> Option<&'static str> {
        self.domains.get(site).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_says_where_its_entries_came_from_and_has_some() {
        for list in ALL {
            assert!(list.header().iter().any(|l| l.contains("Source:")), "{} has no Source: line in its header", list.file);
            assert!(!list.entries().is_empty(), "{} (kind {:?}) has no entries", list.file, list.kind);
            assert!(list.entries().iter().all(|e| *e == e.trim() && !e.is_empty()), "{} has an entry with spaces at its edges", list.file);
        }
    }

    #[test]
    fn kinds_select_their_rows() {
        assert!(TITLES.contains("president") && !TITLES.contains("reporter"));
        assert!(STAFF_WORDS.contains("reporter") && !STAFF_WORDS.contains("president"));
        assert!(CURRENCIES.contains("pounds") && UNITS.contains("pounds"));
    }

    #[test]
    fn phrases_longest_first_and_singles_on_demand() {
        let words = |e: &'static str| e.split(' ').collect();
        let parties = Phrases::new(&POLITICAL_PARTIES, words);
        let sent: Vec<&str> = "the Social Democrats and Labour Party won as Labour gained".split(' ').collect();
        assert_eq!(parties.find(&sent, |_, _| false), vec![(1, 3), (4, 6)]);
        assert_eq!(parties.find(&sent, |w, _| w == "Labour"), vec![(1, 3), (4, 6), (8, 9)]);
    }

    #[test]
    fn outlets_by_name_alias_case_and_site() {
        let o = Outlets::get();
        assert!(o.is_outlet("Al Jazeera") && o.is_outlet("The Associated Press") && !o.is_outlet("al jazeera"));
        assert!(o.is_outlet_any_case("REUTERS") && o.is_outlet_any_case("AP PHOTO"));
        assert_eq!(o.by_site("bbc.com"), Some("BBC"));
        assert_eq!(o.by_site("apnews.com"), Some("Associated Press"));
    }
}
