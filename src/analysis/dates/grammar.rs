//! The time grammar: the rows of `lists/time_grammar.tsv`, each a pattern of words and word
//! classes, the TIMEX3 type its match gets and the reading that gives it a value, in the style
//! of HeidelTime's and SUTime's resource files. A new expression is a new row.
//!
//! A pattern is words separated by spaces, each element one of:
//! - `word`: the word itself, in lowercase (`-` is a hyphen inside a word: "third-quarter" is
//!   `third - quarter`);
//! - `@class`: a word (or words) of a class of `lists/time_words.tsv` ("@month"), or of a
//!   class read by code ([`Builtin`]: `@number`, `@year`, `@day`, `@clock`...);
//! - `a|b|@c`: any of them; `!x` among them: not `x` (`@month|!may`);
//! - a final `?`: the element may be left out;
//! - a leading `<` or `>`: a word that must come right before or after the match, outside it.
//!
//! What each class matches sets a field of [`Fields`] (a month its month, `@number` a count);
//! the row's reading (its fourth column: a name and `key=value` settings) says what the
//! fields mean, and `resolve` turns them into a value. At each token the rows are all tried
//! and the longest match wins (the earlier row on a tie).

use crate::analysis::lists::{List, NUMBER_WORDS, ORDINALS, SCALES, TIME_GRAMMAR, TIME_WORDS};
use crate::analysis::mention::Rule;
use crate::analysis::util::hash::FastMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The TIMEX3 type of a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// "DATE", "TIME", "DURATION" or "SET".
    pub fn code(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A unit of time as the grammar's words name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Quarter,
    Decade,
    Century,
    Weekend,
}

impl Unit {
    fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "Y" => Unit::Year,
            "M" => Unit::Month,
            "W" => Unit::Week,
            "D" => Unit::Day,
            "H" => Unit::Hour,
            "MIN" => Unit::Minute,
            "S" => Unit::Second,
            "Q" => Unit::Quarter,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "WE" => Unit::Weekend,
            _ => return None,
        })
    }
}

/// How many units: a number, or an unsaid one ("several years", "a few days").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Count {
    N(f64),
    Vague,
}

/// Where an offset counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// The time of writing: "two years ago".
    Writing,
    /// The time the text last named: "a year earlier".
    Reference,
    /// The date the same sentence names before it: "a day after" (the event it follows).
    Sentence,
}

/// What a match says, field by field; a row's reading says what they mean together.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Fields {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: Option<u32>,
    /// TIMEX3's SP, SU, FA or WI.
    pub season: Option<&'static str>,
    pub quarter: Option<u32>,
    pub half: Option<u32>,
    /// The decade as TIMEX3 writes it: 199 for the 1990s.
    pub decade: Option<i32>,
    /// A decade without its century: 9 for "the nineties" and "the '90s".
    pub decade_of_century: Option<i32>,
    /// The century as TIMEX3 writes it: 19 for the 20th century.
    pub century: Option<i32>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    /// "AM" or "PM".
    pub meridiem: Option<&'static str>,
    /// The zone's offset from UTC, "-05:00".
    pub zone: Option<&'static str>,
    /// TIMEX3's MO, MI, AF, EV, NI or DT.
    pub part_of_day: Option<&'static str>,
    /// Days from the time of writing: yesterday is -1.
    pub relative_day: Option<i32>,
    pub count: Option<Count>,
    pub unit: Option<Unit>,
    /// "last" -1, "this" 0, "next" 1: from the time of writing.
    pub shift: Option<i32>,
    /// "previous" -1, "same" 0, "following" 1: from the time the text last named.
    pub anaphoric: Option<i32>,
    pub ordinal: Option<u32>,
    /// TIMEX3's mod: START, MID, END, APPROX, LESS_THAN...
    pub modifier: Option<&'static str>,
    /// A vague reference: PRESENT_REF, PAST_REF or FUTURE_REF.
    pub reference: Option<&'static str>,
    /// A set's value: "P1D".
    pub frequency: Option<&'static str>,
    /// An offset's direction: -1 before, 1 after.
    pub direction: Option<i32>,
    pub from: Option<From>,
    /// "fiscal 1989", "the fiscal year".
    pub fiscal: bool,
    /// The unit the value is at when the words say so apart from the count ("the year-ago
    /// quarter" is a quarter).
    pub grain: Option<Unit>,
}

/// What a row's fields mean together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A point or period of the calendar, named or relative ("Oct. 26", "last year",
    /// "Friday night", "the third quarter", "the 1990s").
    Date,
    /// So many units before or after a time ("two years ago", "a day after").
    Offset,
    /// A length of time ("three weeks", "the past two years").
    Duration,
    /// A recurring time ("every Thursday", "annually").
    Set,
    /// A vague reference to now, the past or the future ("now", "recently").
    Vague,
    /// The time the text last named, at a unit ("the quarter", "that year").
    Anaphor,
}

/// The classes read by code rather than from a word list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// A number in digits or words ("24", "2.5", "twenty-four", "a hundred"): a count.
    Number,
    /// Four digits from 1900 to 2099 ("1996"), or a year in words ("nineteen ninety-six").
    Year,
    /// Two digits that end a year's range ("58" in "1957-58").
    Year2,
    /// A day of the month: "14", "3rd", "eighth", "twenty-first".
    Day,
    /// An ordinal: "third", "20th".
    Ordinal,
    /// Hours and minutes: "10:35", "18:00".
    Clock,
    /// An hour from 1 to 12 before "a.m." or "p.m.".
    Hour,
    /// A decade in digits: "1990s", "'90s", "90s".
    Decade,
    /// "2023-10-26".
    IsoDate,
    /// "14/06/2023", "6/14/23" (only when the day and month cannot be swapped).
    NumericDate,
    /// An amount before "a year" or "per day": a token with a digit ("$5", "20%") or a scale
    /// ("million").
    Amount,
}

/// A word class of `time_words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    Month,
    Weekday,
    Weekdays,
    Season,
    PartOfDay,
    ClockWord,
    RelativeDay,
    Meridiem,
    Zone,
    Unit,
    Units,
    Deictic,
    Anaphoric,
    Edge,
    Modifier,
    Count,
    DecadeWord,
    Reference,
    Frequency,
}

impl WordClass {
    fn from_name(name: &str) -> Option<WordClass> {
        Some(match name {
            "month" => WordClass::Month,
            "weekday" => WordClass::Weekday,
            "weekdays" => WordClass::Weekdays,
            "season" => WordClass::Season,
            "part_of_day" => WordClass::PartOfDay,
            "clock_word" => WordClass::ClockWord,
            "relative_day" => WordClass::RelativeDay,
            "meridiem" => WordClass::Meridiem,
            "zone" => WordClass::Zone,
            "unit" => WordClass::Unit,
            "units" => WordClass::Units,
            "deictic" => WordClass::Deictic,
            "anaphoric" => WordClass::Anaphoric,
            "edge" => WordClass::Edge,
            "modifier" => WordClass::Modifier,
            "count" => WordClass::Count,
            "decade_word" => WordClass::DecadeWord,
            "reference" => WordClass::Reference,
            "frequency" => WordClass::Frequency,
            _ => return None,
        })
    }

    /// Months and weekdays are names: "may" and "march" are verbs.
    fn capitalised(self) -> bool {
        matches!(self, WordClass::Month | WordClass::Weekday | WordClass::Weekdays)
    }
}

/// One alternative of a pattern's element.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Alt {
    Word(&'static str),
    Class(WordClass),
    Builtin(Builtin),
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
struct Elem {
    alts: Vec<Alt>,
    not: Vec<&'static str>,
    optional: bool,
}

/// A row of the grammar.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The rule id the row's mentions and times carry.
    pub rule: Rule,
    pub kind: TimexType,
    pub reading: Reading,
    /// The fields the reading's settings fix ("dir=-1").
    pub set: Fields,
    /// Words that must come right before the match.
    before: Option<Elem>,
    /// Words that must come right after the match.
    after: Option<Elem>,
    pattern: Vec<Elem>,
    /// The row as written, for messages.
    pub source: &'static str,
}

/// A word the grammar reads: a token of the tagger, or a part of one split at its hyphens.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// As the tagger read it (truecased where the text had no case).
    pub text: &'a str,
    pub lower: String,
    /// Whether it starts a tagger token (matches start only there).
    pub starts_token: bool,
}

/// An entry of a word class: its class, its value, its words.
type Entry = (WordClass, &'static str, Vec<&'static str>);

/// The rule ids the grammar's rows may name, by their JSON id.
fn rule_by_id(id: &str) -> Option<Rule> {
    Rule::ALL.into_iter().find(|r| serde_json::to_value(r).ok().and_then(|v| v.as_str().map(|s| s == id)).unwrap_or(false))
}

/// The grammar, read once: its rows, each word class's entries, and the rows indexed by the
/// words and classes they can start with.
pub struct Grammar {
    pub rows: Vec<Row>,
    /// Rows that cannot be read, with why (a test fails on any).
    pub problems: Vec<String>,
    /// Class entries by their first word, longest first.
    words: FastMap<&'static str, Vec<Entry>>,
    /// Number and ordinal words with their values.
    numbers: FastMap<&'static str, f64>,
    ordinals: FastMap<&'static str, u32>,
    /// Rows whose first element is a word (by the word) or starts with a class or builtin
    /// (tried where a word can start them, [`First`]), in row order.
    by_word: FastMap<&'static str, Vec<usize>>,
    by_class: Vec<(usize, First)>,
}

/// What can start a row whose first element is or may be a class or builtin: the words,
/// classes (a bit per [`WordClass`]) and builtins of its leading elements, up to the first
/// that is not optional. A word that is none of them cannot start the row, so the row is not
/// walked there: walking every such row at every word made the time grammar most of the
/// analysis's time.
#[derive(Debug, Default)]
struct First {
    words: Vec<&'static str>,
    classes: u32,
    builtins: Vec<Builtin>,
}

impl Grammar {
    /// The grammar of `lists/time_grammar.tsv`, read once.
    pub fn get() -> &'static Grammar {
        static GRAMMAR: OnceLock<Grammar> = OnceLock::new();
        GRAMMAR.get_or_init(|| Grammar::read(&TIME_GRAMMAR, &TIME_WORDS))
    }

    fn read(rows: &'static List, words: &'static List) -> Grammar {
        let mut g = Grammar {
            rows: Vec::new(),
            problems: Vec::new(),
            words: FastMap::default(),
            numbers: FastMap::default(),
            ordinals: FastMap::default(),
            by_word: FastMap::default(),
            by_class: Vec::new(),
        };
        for cols in words.rows() {
            let (Some(class), Some(value)) = (cols.get(1).and_then(|c| WordClass::from_name(c)), cols.get(2)) else {
                g.problems.push(format!("time_words.tsv: {:?} has no known class and value", cols.join("\t")));
                continue;
            };
            let parts: Vec<&'static str> = cols[0].split(' ').collect();
            g.words.entry(parts[0]).or_default().push((class, value, parts));
        }
        for list in g.words.values_mut() {
            list.sort_by_key(|(_, _, w)| std::cmp::Reverse(w.len()));
        }
        for cols in NUMBER_WORDS.rows().iter().chain(SCALES.rows()) {
            if let Some(v) = cols.get(2).and_then(|v| v.parse().ok()) {
                g.numbers.insert(cols[0], v);
            }
        }
        for cols in ORDINALS.rows() {
            if let Some(v) = cols.get(2).and_then(|v| v.parse().ok()) {
                g.ordinals.insert(cols[0], v);
            }
        }
        for (n, cols) in rows.rows().iter().enumerate() {
            let line = rows.rows()[n].join("\t");
            match parse_row(cols) {
                Ok(row) => g.rows.push(row),
                Err(why) => g.problems.push(format!("time_grammar.tsv: {why} in {line:?}")),
            }
        }
        for (k, row) in g.rows.iter().enumerate() {
            let mut firsts = Vec::new();
            let mut first = First::default();
            let mut any_class = false;
            for e in &row.pattern {
                for a in &e.alts {
                    match *a {
                        Alt::Word(w) => firsts.push(w),
                        Alt::Class(c) => {
                            first.classes |= 1 << c as u32;
                            any_class = true;
                        }
                        Alt::Builtin(b) => {
                            first.builtins.push(b);
                            any_class = true;
                        }
                    }
                }
                if !e.optional {
                    break;
                }
            }
            if any_class {
                first.words = firsts;
                g.by_class.push((k, first));
            } else {
                for w in firsts {
                    let rows = g.by_word.entry(w).or_default();
                    if rows.last() != Some(&k) {
                        rows.push(k);
                    }
                }
            }
        }
        g
    }

    /// The rows to try at `words[i]`, in row order: those its word starts, and those whose
    /// leading classes or builtins it can be.
    fn candidates(&self, words: &[Word], i: usize) -> Vec<usize> {
        let lower = words[i].lower.as_str();
        let mut classes = 0u32;
        for key in [Some(lower), lower.strip_suffix('.')].into_iter().flatten() {
            for (c, _, _) in self.words.get(key).into_iter().flatten() {
                classes |= 1 << *c as u32;
            }
        }
        // Each builtin is tried once at this word.
        let mut seen: Vec<(Builtin, bool)> = Vec::new();
        let mut builtin = |b: Builtin| match seen.iter().find(|(x, _)| *x == b) {
            Some(&(_, m)) => m,
            None => {
                let mut out = Vec::new();
                self.builtin_at(b, words, i, &mut out);
                seen.push((b, !out.is_empty()));
                !out.is_empty()
            }
        };
        let mut rows: Vec<usize> = Vec::new();
        for (k, first) in &self.by_class {
            if first.classes & classes != 0 || first.words.contains(&lower) || first.builtins.iter().any(|&b| builtin(b)) {
                rows.push(*k);
            }
        }
        if let Some(more) = self.by_word.get(lower) {
            rows.extend(more);
            rows.sort_unstable();
            rows.dedup();
        }
        rows
    }

    /// The longest match of any row at `words[i]`: the row's index, the end (exclusive) and
    /// the fields it sets. Only at a word that starts a tagger token.
    pub fn longest(&self, words: &[Word], i: usize) -> Option<(usize, usize, Fields)> {
        // A time starts on a word of its own, not on the comma or hyphen an optional element
        // could take.
        if !words.get(i).is_some_and(|w| w.starts_token && !matches!(w.lower.as_str(), "," | "-")) {
            return None;
        }
        let mut best: Option<(usize, usize, Fields)> = None;
        for k in self.candidates(words, i) {
            let row = &self.rows[k];
            if let Some(before) = &row.before {
                if i == 0 || self.element(before, words, i - 1).is_empty() {
                    continue;
                }
            }
            let mut ends = Vec::new();
            self.walk(row, 0, words, i, row.set, &mut ends);
            for (end, fields) in ends {
                // A match ends on a word of its own, not on the comma or "of" an optional
                // element left waiting ("Sept. 30," "the third quarter of").
                let mut end = end;
                while end > i && matches!(words[end - 1].lower.as_str(), "," | "of" | "-" | "and" | "or") {
                    end -= 1;
                }
                if end <= i {
                    continue;
                }
                if let Some(after) = &row.after {
                    if self.element(after, words, end).is_empty() {
                        continue;
                    }
                }
                if best.is_none_or(|(_, e, _)| end > e) {
                    best = Some((k, end, fields));
                }
            }
        }
        best
    }

    /// Every end of `row`'s pattern from element `e` at word `i`, with the fields set on the way.
    fn walk(&self, row: &Row, e: usize, words: &[Word], i: usize, fields: Fields, out: &mut Vec<(usize, Fields)>) {
        let Some(elem) = row.pattern.get(e) else {
            out.push((i, fields));
            return;
        };
        for (len, set) in self.element(elem, words, i) {
            let mut f = fields;
            set.apply(&mut f);
            self.walk(row, e + 1, words, i + len, f, out);
        }
        if elem.optional {
            self.walk(row, e + 1, words, i, fields, out);
        }
    }

    /// The ways `elem` matches at word `i`: how many words each takes and what it sets.
    fn element(&self, elem: &Elem, words: &[Word], i: usize) -> Vec<(usize, Setter)> {
        let Some(w) = words.get(i) else { return Vec::new() };
        if elem.not.iter().any(|n| *n == w.lower) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for alt in &elem.alts {
            match *alt {
                Alt::Word(x) => {
                    if w.lower == x {
                        out.push((1, Setter::None));
                    }
                }
                Alt::Class(class) => self.class_at(class, words, i, &mut out),
                Alt::Builtin(b) => self.builtin_at(b, words, i, &mut out),
            }
        }
        out
    }

    /// The entries of `class` that start at word `i`.
    fn class_at(&self, class: WordClass, words: &[Word], i: usize, out: &mut Vec<(usize, Setter)>) {
        let w = &words[i];
        let key = w.lower.as_str();
        let keys = [Some(key), key.strip_suffix('.')];
        for key in keys.into_iter().flatten() {
            let Some(entries) = self.words.get(key) else { continue };
            for (c, value, parts) in entries {
                if *c != class {
                    continue;
                }
                if class.capitalised() && !w.text.starts_with(|c: char| c.is_uppercase()) {
                    continue;
                }
                let fits = parts.iter().enumerate().skip(1).all(|(k, p)| words.get(i + k).is_some_and(|x| x.lower == *p));
                if fits {
                    out.push((parts.len(), Setter::Class(class, value)));
                }
            }
            if !out.is_empty() {
                return;
            }
        }
    }

    /// Where builtin class `b` matches at word `i`.
    fn builtin_at(&self, b: Builtin, words: &[Word], i: usize, out: &mut Vec<(usize, Setter)>) {
        let w = words[i].lower.as_str();
        match b {
            Builtin::Number => {
                if let Some(n) = digits_number(w) {
                    // "2 1/2 years": the whole number and a fraction in three words.
                    let digit = |k: usize| words.get(k).and_then(|x| x.lower.parse::<u32>().ok());
                    if let (Some(a), true, Some(b)) = (digit(i + 1), words.get(i + 2).is_some_and(|x| x.lower == "/"), digit(i + 3)) {
                        if a < b && b > 0 {
                            out.push((4, Setter::Count(n + f64::from(a) / f64::from(b))));
                            return;
                        }
                    }
                    out.push((1, Setter::Count(n)));
                    return;
                }
                self.number_words(words, i, out);
            }
            Builtin::Year => {
                if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                    let y: i32 = w.parse().unwrap_or(0);
                    // Older years are too often plain numbers ("1500 troops").
                    if (1900..2100).contains(&y) {
                        out.push((1, Setter::Year(y)));
                    }
                } else {
                    self.spoken_year(words, i, out);
                }
            }
            Builtin::Year2 => {
                if w.len() == 2 && w.bytes().all(|b| b.is_ascii_digit()) {
                    out.push((1, Setter::None));
                }
            }
            Builtin::Day => {
                if let Some(d) = day_digits(w) {
                    out.push((1, Setter::Day(d)));
                } else {
                    self.ordinal_words(words, i, 31, &mut |len, n| out.push((len, Setter::Day(n))));
                }
            }
            Builtin::Ordinal => {
                if let Some(n) = ordinal_digits(w) {
                    out.push((1, Setter::Ordinal(n)));
                } else {
                    self.ordinal_words(words, i, 99, &mut |len, n| out.push((len, Setter::Ordinal(n))));
                }
            }
            Builtin::Clock => {
                if let Some((h, m)) = clock(w) {
                    out.push((1, Setter::Clock(h, m)));
                }
            }
            Builtin::Hour => {
                if let Ok(h) = w.parse::<u32>() {
                    if (1..=12).contains(&h) && w.len() <= 2 {
                        out.push((1, Setter::Clock(h, 0)));
                    }
                }
            }
            Builtin::Decade => {
                if let Some(d) = decade(w) {
                    out.push((1, d));
                }
            }
            Builtin::IsoDate => {
                if is_iso_date(w) {
                    if let (Ok(y), Ok(m), Ok(d)) = (w[..4].parse(), w[5..7].parse(), w[8..].parse()) {
                        out.push((1, Setter::Date(y, m, d)));
                    }
                }
            }
            Builtin::Amount => {
                if w.bytes().any(|b| b.is_ascii_digit()) || SCALES.contains(w) {
                    out.push((1, Setter::None));
                }
            }
            Builtin::NumericDate => {
                use crate::analysis::util::timestamp::{numeric_date, NumericDate};
                if w.len() >= 6 && w.as_bytes()[0].is_ascii_digit() {
                    match numeric_date(w) {
                        NumericDate::Day(d) => out.push((1, Setter::Date(d.year, d.month, d.day))),
                        NumericDate::Ambiguous => out.push((1, Setter::Ambiguous)),
                        NumericDate::No => {}
                    }
                }
            }
        }
    }

    /// Numbers in words: "twenty", "twenty four", "twenty-four", "a hundred", "two thousand".
    fn number_words(&self, words: &[Word], i: usize, out: &mut Vec<(usize, Setter)>) {
        let value = |k: usize| self.number_at(words, k);
        let scale = |k: usize| matches!(value(k), Some(100.0 | 1000.0));
        let (mut k, mut group) = match value(i) {
            Some(v) => (i + 1, v),
            // "a hundred years": the scale follows.
            None if matches!(words[i].lower.as_str(), "a" | "one") && scale(i + 1) => (i + 1, 1.0),
            None => return,
        };
        if (20.0..100.0).contains(&group) {
            // "twenty four", "twenty-four".
            let next = if words.get(k).is_some_and(|w| w.lower == "-") { k + 1 } else { k };
            if let Some(u) = value(next).filter(|u| *u < 10.0) {
                group += u;
                k = next + 1;
            }
        }
        let mut total = 0.0;
        while scale(k) {
            if value(k) == Some(100.0) {
                group *= 100.0;
            } else {
                total += group * 1000.0;
                group = 0.0;
            }
            k += 1;
        }
        out.push((k - i, Setter::Count(total + group)));
    }

    /// The number word at `k` ("one" too, which is no number of its own in values.tsv: "one of
    /// them").
    fn number_at(&self, words: &[Word], k: usize) -> Option<f64> {
        let w = words.get(k)?;
        if w.lower == "one" {
            return Some(1.0);
        }
        self.numbers.get(w.lower.as_str()).copied()
    }

    /// "nineteen ninety-six", "nineteen eighty", "two thousand".
    fn spoken_year(&self, words: &[Word], i: usize, out: &mut Vec<(usize, Setter)>) {
        let value = |k: usize| self.number_at(words, k);
        // "two thousand", "two thousand and one".
        if value(i) == Some(2.0) && value(i + 1) == Some(1000.0) {
            let and = if words.get(i + 2).is_some_and(|w| w.lower == "and") { i + 3 } else { i + 2 };
            match value(and).filter(|u| *u < 20.0) {
                Some(u) => out.push((and + 1 - i, Setter::Year(2000 + u as i32))),
                None => out.push((2, Setter::Year(2000))),
            }
            return;
        }
        let Some(century) = value(i).filter(|v| (10.0..20.0).contains(v)) else { return };
        let Some(tens) = value(i + 1).filter(|v| (20.0..100.0).contains(v) && *v % 10.0 == 0.0) else { return };
        let mut year = century * 100.0 + tens;
        let mut len = 2;
        let next = if words.get(i + 2).is_some_and(|w| w.lower == "-") { i + 3 } else { i + 2 };
        if let Some(u) = value(next).filter(|u| *u < 10.0) {
            year += u;
            len = next + 1 - i;
        }
        out.push((len, Setter::Year(year as i32)));
    }

    /// Ordinals in words up to `max`: "eighth", "twenty-first", "twenty first".
    fn ordinal_words(&self, words: &[Word], i: usize, max: u32, push: &mut dyn FnMut(usize, u32)) {
        let w = words[i].lower.as_str();
        if let Some(&n) = self.ordinals.get(w) {
            if n <= max {
                push(1, n);
            }
            return;
        }
        let Some(tens) = self.numbers.get(w).copied().filter(|v| (20.0..100.0).contains(v) && *v % 10.0 == 0.0) else { return };
        let next = if words.get(i + 1).is_some_and(|w| w.lower == "-") { i + 2 } else { i + 1 };
        if let Some(&u) = words.get(next).and_then(|x| self.ordinals.get(x.lower.as_str())).filter(|u| **u < 10) {
            let n = tens as u32 + u;
            if n <= max {
                push(next + 1 - i, n);
            }
        }
    }
}

/// What one element's match sets in the fields.
#[derive(Debug, Clone, Copy)]
enum Setter {
    None,
    Class(WordClass, &'static str),
    Count(f64),
    Year(i32),
    Day(u32),
    Ordinal(u32),
    Clock(u32, u32),
    Decade(i32),
    DecadeOfCentury(i32),
    Date(i32, u32, u32),
    /// A date in numbers whose day and month could be either way round.
    Ambiguous,
}

impl Setter {
    /// Sets what is not set yet (the first word of a kind counts).
    fn apply(self, f: &mut Fields) {
        fn put<T>(slot: &mut Option<T>, v: T) {
            if slot.is_none() {
                *slot = Some(v);
            }
        }
        match self {
            Setter::None => {}
            Setter::Count(n) => put(&mut f.count, Count::N(n)),
            Setter::Year(y) => put(&mut f.year, y),
            Setter::Day(d) => put(&mut f.day, d),
            Setter::Ordinal(n) => put(&mut f.ordinal, n),
            Setter::Clock(h, m) => {
                put(&mut f.hour, h);
                put(&mut f.minute, m);
            }
            Setter::Decade(d) => put(&mut f.decade, d),
            Setter::DecadeOfCentury(d) => put(&mut f.decade_of_century, d),
            Setter::Date(y, m, d) => {
                put(&mut f.year, y);
                put(&mut f.month, m);
                put(&mut f.day, d);
            }
            Setter::Ambiguous => put(&mut f.reference, AMBIGUOUS),
            Setter::Class(class, v) => {
                let int = || v.parse::<i32>().ok();
                match class {
                    WordClass::Month => {
                        if let Some(m) = int() {
                            put(&mut f.month, m as u32);
                        }
                    }
                    WordClass::Weekday => {
                        if let Some(d) = int() {
                            put(&mut f.weekday, d as u32);
                        }
                    }
                    WordClass::Weekdays => {
                        if let Some(d) = int() {
                            put(&mut f.weekday, d as u32);
                        }
                        put(&mut f.count, Count::Vague);
                    }
                    WordClass::Season => put(&mut f.season, v),
                    WordClass::PartOfDay => put(&mut f.part_of_day, v),
                    WordClass::ClockWord => {
                        if let Some(h) = int() {
                            put(&mut f.hour, h as u32);
                            put(&mut f.minute, 0);
                        }
                    }
                    WordClass::RelativeDay => {
                        if let Some(d) = int() {
                            put(&mut f.relative_day, d);
                        }
                    }
                    WordClass::Meridiem => put(&mut f.meridiem, v),
                    WordClass::Zone => put(&mut f.zone, v),
                    WordClass::Unit => {
                        if let Some(u) = Unit::from_code(v) {
                            put(&mut f.unit, u);
                        }
                    }
                    WordClass::Units => {
                        if let Some(u) = Unit::from_code(v) {
                            put(&mut f.unit, u);
                        }
                        put(&mut f.count, Count::Vague);
                    }
                    WordClass::Deictic => {
                        if let Some(s) = int() {
                            put(&mut f.shift, s);
                        }
                    }
                    WordClass::Anaphoric => {
                        if let Some(s) = int() {
                            put(&mut f.anaphoric, s);
                        }
                    }
                    WordClass::Edge | WordClass::Modifier => put(&mut f.modifier, v),
                    WordClass::Count => put(&mut f.count, int().map_or(Count::Vague, |n| Count::N(f64::from(n)))),
                    WordClass::DecadeWord => {
                        if let Some(d) = int() {
                            put(&mut f.decade_of_century, d);
                        }
                    }
                    WordClass::Reference => put(&mut f.reference, v),
                    WordClass::Frequency => put(&mut f.frequency, v),
                }
            }
        }
    }
}

/// The reference a numeric date whose day and month could be swapped carries, so that
/// resolution leaves it unresolved and says why.
pub const AMBIGUOUS: &str = "AMBIGUOUS";

/// "2023-10-26".
fn is_iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit())
}

/// "24", "2.5", "1,000".
fn digits_number(w: &str) -> Option<f64> {
    if !w.starts_with(|c: char| c.is_ascii_digit()) || !w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    w.replace(',', "").parse().ok()
}

/// "14", "3rd", "31st".
fn day_digits(w: &str) -> Option<u32> {
    crate::analysis::util::timestamp::day_of_month(w)
}

/// "3rd", "20th".
fn ordinal_digits(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

/// "10:35", "7:15", "18:00" (not a race's "3:07:35").
fn clock(w: &str) -> Option<(u32, u32)> {
    let (h, m) = w.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !h.bytes().all(|b| b.is_ascii_digit()) || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60).then_some((h, m))
}

/// "1990s" (199), "'90s" and "90s" (the ninth decade of a century the text leaves unsaid).
fn decade(w: &str) -> Option<Setter> {
    let digits = w.strip_suffix('s')?.trim_start_matches(['\'', '’']);
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.ends_with('0') {
        return None;
    }
    match digits.len() {
        4 => Some(Setter::Decade(digits[..3].parse().ok()?)),
        2 => Some(Setter::DecadeOfCentury(digits[..1].parse().ok()?)),
        _ => None,
    }
}

/// Reads one row: `rule`, `type`, `pattern`, `reading`.
fn parse_row(cols: &[&'static str]) -> Result<Row, String> {
    let [rule, kind, pattern, reading, ..] = cols else { return Err("fewer than four columns".into()) };
    let rule = rule_by_id(rule).ok_or_else(|| format!("no rule {rule:?}"))?;
    let kind = match *kind {
        "DATE" => TimexType::Date,
        "TIME" => TimexType::Time,
        "DURATION" => TimexType::Duration,
        "SET" => TimexType::Set,
        other => return Err(format!("no TIMEX3 type {other:?}")),
    };
    let mut settings = reading.split(' ').filter(|s| !s.is_empty());
    let reading = match settings.next() {
        Some("date") => Reading::Date,
        Some("offset") => Reading::Offset,
        Some("duration") => Reading::Duration,
        Some("set") => Reading::Set,
        Some("vague") => Reading::Vague,
        Some("anaphor") => Reading::Anaphor,
        other => return Err(format!("no reading {other:?}")),
    };
    let mut set = Fields::default();
    for s in settings {
        let (key, value) = s.split_once('=').unwrap_or((s, ""));
        let int = || value.parse::<i32>().map_err(|_| format!("{key} takes a number, not {value:?}"));
        match key {
            "dir" => set.direction = Some(int()?),
            "shift" => set.shift = Some(int()?),
            "anaphoric" => set.anaphoric = Some(int()?),
            "day" => set.relative_day = Some(int()?),
            "n" => set.count = Some(Count::N(f64::from(int()?))),
            "unit" => set.unit = Some(Unit::from_code(value).ok_or_else(|| format!("no unit {value:?}"))?),
            "part" => set.part_of_day = Some(value),
            "mod" => set.modifier = Some(value),
            "value" => set.reference = Some(value),
            "every" => set.frequency = Some(value),
            "quarter" => set.quarter = Some(int()? as u32),
            "half" => set.half = Some(int()? as u32),
            "fiscal" => set.fiscal = true,
            "grain" => set.grain = Some(Unit::from_code(value).ok_or_else(|| format!("no unit {value:?}"))?),
            "from" => {
                set.from = Some(match value {
                    "writing" => From::Writing,
                    "reference" => From::Reference,
                    "sentence" => From::Sentence,
                    _ => return Err(format!("no anchor {value:?}")),
                })
            }
            _ => return Err(format!("no setting {key:?}")),
        }
    }
    let mut elems = Vec::new();
    let (mut before, mut after) = (None, None);
    for raw in pattern.split(' ').filter(|s| !s.is_empty()) {
        let (raw, place) = match raw.as_bytes()[0] {
            b'<' => (&raw[1..], -1),
            b'>' => (&raw[1..], 1),
            _ => (raw, 0),
        };
        let (raw, optional) = match raw.strip_suffix('?') {
            Some(r) if !r.is_empty() => (r, true),
            _ => (raw, false),
        };
        let mut elem = Elem { alts: Vec::new(), not: Vec::new(), optional };
        for alt in raw.split('|') {
            if let Some(word) = alt.strip_prefix('!') {
                elem.not.push(word);
            } else if let Some(name) = alt.strip_prefix('@') {
                elem.alts.push(match builtin(name) {
                    Some(b) => Alt::Builtin(b),
                    None => Alt::Class(WordClass::from_name(name).ok_or_else(|| format!("no class @{name}"))?),
                });
            } else {
                elem.alts.push(Alt::Word(alt));
            }
        }
        match place {
            -1 if elems.is_empty() && before.is_none() => before = Some(elem),
            1 => after = Some(elem),
            0 if after.is_none() => elems.push(elem),
            _ => return Err("context words only at the pattern's edges".into()),
        }
    }
    if elems.is_empty() || elems.iter().all(|e| e.optional) {
        return Err("a pattern needs a word it cannot leave out".into());
    }
    Ok(Row { rule, kind, reading, set, before, after, pattern: elems, source: pattern })
}

fn builtin(name: &str) -> Option<Builtin> {
    Some(match name {
        "number" => Builtin::Number,
        "year" => Builtin::Year,
        "year2" => Builtin::Year2,
        "day" => Builtin::Day,
        "ordinal" => Builtin::Ordinal,
        "clock" => Builtin::Clock,
        "hour" => Builtin::Hour,
        "decade" => Builtin::Decade,
        "iso_date" => Builtin::IsoDate,
        "numeric_date" => Builtin::NumericDate,
        "amount" => Builtin::Amount,
        _ => return None,
    })
}

/// The words of one sentence as the grammar reads them: each tagger token, split at its
/// hyphens ("third-quarter" → "third", "-", "quarter") unless it is a number's sign. Returns
/// the words and, for each, the byte range it covers in the token's text.
pub fn words<'a>(tokens: impl Iterator<Item = &'a str>) -> Vec<(Word<'a>, usize, usize, usize)> {
    let mut out = Vec::new();
    for (t, text) in tokens.enumerate() {
        let mut start = 0;
        let bytes = text.as_bytes();
        // A date in numbers ("2023-10-26", "26-10-2023") stays whole.
        let date = text.len() >= 8
            && (is_iso_date(text)
                || crate::analysis::util::timestamp::numeric_date(text) != crate::analysis::util::timestamp::NumericDate::No);
        // "year-earlier", "year-ago" and "year-end" are words of their own: "a year-earlier
        // loss" is no year's length.
        let compound = text.rsplit_once('-').is_some_and(|(_, last)| matches!(last.to_lowercase().as_str(), "earlier" | "ago" | "end"));
        let splittable = text.len() > 1 && text.contains('-') && !text.starts_with('-') && !date && !compound;
        for (k, &b) in bytes.iter().enumerate() {
            if splittable && b == b'-' {
                if k > start {
                    out.push((word(&text[start..k], start == 0), t, start, k));
                }
                out.push((word(&text[k..k + 1], false), t, k, k + 1));
                start = k + 1;
            }
        }
        if start < text.len() {
            out.push((word(&text[start..], start == 0), t, start, text.len()));
        }
    }
    out
}

fn word(text: &str, starts_token: bool) -> Word<'_> {
    Word { text, lower: text.to_lowercase(), starts_token }
}
