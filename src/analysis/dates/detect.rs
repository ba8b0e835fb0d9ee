//! Dates, times and the numbers that share their grammar, found by rule in each sentence's
//! tokens: "5 days" is a date (a duration), "5 km" a quantity, "$5" money, "1996" a year.
//!
//! At each token the time grammar ([`super::grammar`], the rows of
//! `lists/time_grammar.tsv`) is tried first, its longest match taking the tokens it spans (so
//! "14 June 1958" is one date, not a number and a date); then the rows of [`GRAMMAR`], the
//! numbers, in order. Their words are the lists of `lists/values.tsv` and
//! `lists/time_words.tsv`. Each time found is kept with the fields its row read and the tense
//! around it, for `resolve`.

use super::grammar::{self, Fields, Grammar, Reading, TimexType};
use crate::analysis::lists::{CURRENCIES, NUMBER_WORDS, ORDINALS, SCALES, TENSE_CUES, UNITS};
use crate::analysis::mention::{Label, Mention, Rule, Source};
use crate::analysis::ner::Tok;
use crate::analysis::span::Span;
use crate::analysis::text::segment::lowercase;
use std::borrow::Cow;

/// What the grammar found: the value mentions (dates, times, money, numbers...) for the
/// rules, and the times with what their rows read, for resolution.
#[derive(Debug, Default)]
pub struct Found {
    pub values: Vec<Mention>,
    pub times: Vec<Timex>,
}

/// A time the grammar found, not yet resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timex {
    pub span: Span,
    /// The row of the time grammar that matched (an index into `Grammar::rows`).
    pub row: usize,
    pub fields: Fields,
    /// Whether the words around it speak of the future or the past.
    pub tense: Tense,
}

/// The tense of the nearest verb or cue word around a time in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tense {
    #[default]
    Unknown,
    Past,
    Future,
}

/// DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL mentions in `sentences`
/// (each sentence's tokens, in the casing the tagger read them), in text order.
pub fn find(sentences: &[Vec<Tok>]) -> Vec<Mention> {
    scan(sentences).values
}

/// The value mentions of `sentences` and the times among them (and the vague references,
/// "now", "recently", that are times but no mentions), in text order.
pub fn scan(sentences: &[Vec<Tok>]) -> Found {
    let mut found = Found::default();
    for s in sentences {
        sentence_values(s, &mut found);
    }
    found
}

/// One row of the grammar of numbers: what it makes (None: what it matches is no value, and
/// is skipped) and where a match at token `i` ends (exclusive), if it matches there.
pub struct Row {
    pub makes: Option<(Label, Rule)>,
    pub at: fn(&Sentence, usize) -> Option<usize>,
}

/// The grammar of numbers, in the order its rows are tried at each token (after the time
/// grammar).
pub static GRAMMAR: [Row; 8] = [
    Row { makes: Some((Label::Money, Rule::CurrencySign)), at: currency_sign },
    // A reference mark, "[4]", is not a number the article states.
    Row { makes: None, at: reference_mark },
    Row { makes: Some((Label::Percent, Rule::Percent)), at: number_percent },
    Row { makes: Some((Label::Money, Rule::CurrencyName)), at: number_currency },
    Row { makes: Some((Label::Quantity, Rule::Unit)), at: number_unit },
    Row { makes: Some((Label::Cardinal, Rule::Number)), at: number },
    Row { makes: Some((Label::Percent, Rule::Percent)), at: percent_sign },
    Row { makes: Some((Label::Ordinal, Rule::Ordinal)), at: ordinal },
];

/// A sentence's tokens as the grammar reads them: as the tagger read them, and in lowercase.
pub struct Sentence<'s, 'a> {
    toks: &'s [Tok<'a>],
    /// Lowercase forms, borrowed where the token has no capital (most do not).
    lower: Vec<Cow<'s, str>>,
}

impl Sentence<'_, '_> {
    fn len(&self) -> usize {
        self.toks.len()
    }

    /// Token `i` as the tagger read it ("" past the end).
    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text.as_ref())
    }

    /// Token `i` in lowercase ("" past the end).
    fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", |l| l.as_ref())
    }

    fn is_number(&self, i: usize) -> bool {
        i < self.len() && is_number(self.word(i))
    }
}

fn sentence_values(toks: &[Tok], found: &mut Found) {
    let s = Sentence { toks, lower: toks.iter().map(|t| lowercase(&t.text)).collect() };
    let g = Grammar::get();
    // The grammar's words (tokens split at their hyphens), and where each token's first is.
    let words = grammar::words(toks.iter().map(|t| t.text.as_ref()));
    let mut first_word = vec![usize::MAX; toks.len()];
    for (k, w) in words.iter().enumerate().rev() {
        first_word[w.1] = k;
    }
    let grammar_words: Vec<grammar::Word> = words.iter().map(|w| w.0.clone()).collect();
    let mut i = 0;
    while i < s.len() {
        if let Some((row, end, fields)) = g.longest(&grammar_words, first_word[i]) {
            // A match ends with the token its last word is part of ("8-month-old").
            let end_tok = words[end - 1].1 + 1;
            let span = Span::new(toks[i].span.start, toks[end_tok - 1].span.end);
            let r = &g.rows[row];
            if r.reading != Reading::Vague {
                let label = if r.kind == TimexType::Time || fields.hour.is_some() { Label::Time } else { Label::Date };
                found.values.push(Mention::new(span, label, Source::Rule { rule: r.rule }));
            }
            found.times.push(Timex { span, row, fields, tense: tense(&s, i, end_tok) });
            i = end_tok;
            continue;
        }
        match GRAMMAR.iter().find_map(|row| (row.at)(&s, i).map(|end| (row, end.min(s.len())))) {
            Some((row, end)) => {
                if let Some((label, rule)) = row.makes {
                    found.values.push(Mention::new(Span::new(toks[i].span.start, toks[end - 1].span.end), label, Source::Rule { rule }));
                }
                // A skipped match moves one token on.
                i = if row.makes.is_some() { end } else { i + 1 };
            }
            None => i += 1,
        }
    }
}

/// How far from a time a cue word still tells its tense (in tokens).
const TENSE_REACH: usize = 12;

/// The tense of the nearest cue to tokens `start..end` of `s`: a word of `tense_cues.tsv`, or
/// a past form in "-ed"; the one before wins a tie.
fn tense(s: &Sentence, start: usize, end: usize) -> Tense {
    let cue = |k: usize| -> Option<Tense> {
        let l = s.lower(k);
        match TENSE_CUES.mark(l) {
            Some("future") => Some(Tense::Future),
            Some("past") => Some(Tense::Past),
            _ if l.len() > 4 && l.ends_with("ed") && l.chars().all(|c| c.is_ascii_alphabetic()) => Some(Tense::Past),
            _ => None,
        }
    };
    // A plan made in the past, "had been due to expire Friday", "as previously scheduled", is
    // for a day now past.
    let plan_past = |k: usize| (k.saturating_sub(4)..k).any(|j| matches!(s.lower(j), "had" | "previously"));
    let plan = |k: usize| matches!(s.lower(k), "due" | "scheduled" | "expected" | "slated" | "set");
    // "to resume Monday", "to meet on Friday": an infinitive looks ahead.
    let verb_at = if start >= 1 && s.lower(start - 1) == "on" { start.checked_sub(3) } else { start.checked_sub(2) };
    if let Some(k) = verb_at.filter(|&k| s.lower(k) == "to" && s.lower(k + 1).chars().all(|c| c.is_ascii_lowercase())) {
        return if plan_past(k) { Tense::Past } else { Tense::Future };
    }
    for d in 1..=TENSE_REACH {
        if let Some(k) = start.checked_sub(d) {
            if let Some(t) = cue(k) {
                return if t == Tense::Future && plan(k) && plan_past(k) { Tense::Past } else { t };
            }
        }
        if end + d - 1 < s.len() {
            if let Some(t) = cue(end + d - 1) {
                return t;
            }
        }
    }
    Tense::Unknown
}

fn is_number(w: &str) -> bool {
    let w = w.trim_start_matches(['$', '€', '£', '¥']);
    !w.is_empty() && w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// "1st", "22nd", "103rd", "4th".
fn is_numeric_ordinal(l: &str) -> bool {
    let digits = l.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &l[digits.len()..];
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// "$5", "$ 5 million", "€3.2bn" (a sign, then a number and a scale).
fn currency_sign(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    let sign = matches!(w, "$" | "€" | "£" | "¥");
    if !(w.starts_with(['$', '€', '£', '¥']) && is_number(w) || sign && s.is_number(i + 1)) {
        return None;
    }
    let end = if sign { i + 2 } else { i + 1 };
    Some(if end < s.len() && SCALES.contains(s.lower(end)) { end + 1 } else { end })
}

/// "\[4\]".
fn reference_mark(s: &Sentence, i: usize) -> Option<usize> {
    (is_number(s.word(i)) && i > 0 && s.word(i - 1) == "[" && i + 1 < s.len() && s.word(i + 1) == "]").then_some(i + 1)
}

/// Where a number ("5", "2.5", "two", "dozens") and its scales ("million") end.
fn number_end(s: &Sentence, i: usize) -> Option<usize> {
    if !(is_number(s.word(i)) || NUMBER_WORDS.contains(s.lower(i))) {
        return None;
    }
    let mut end = i + 1;
    while end < s.len() && SCALES.contains(s.lower(end)) {
        end += 1;
    }
    Some(end)
}

/// "5%", "5 percent", "5 per cent".
fn number_percent(s: &Sentence, i: usize) -> Option<usize> {
    let end = number_end(s, i)?;
    if end < s.len() && matches!(s.lower(end), "%" | "percent") {
        Some(end + 1)
    } else {
        (end + 1 < s.len() && s.lower(end) == "per" && s.lower(end + 1) == "cent").then_some(end + 2)
    }
}

/// "5 million dollars".
fn number_currency(s: &Sentence, i: usize) -> Option<usize> {
    let end = number_end(s, i)?;
    (end < s.len() && CURRENCIES.contains(s.lower(end))).then_some(end + 1)
}

/// "40 km", "3,000 tonnes".
fn number_unit(s: &Sentence, i: usize) -> Option<usize> {
    let end = number_end(s, i)?;
    (end < s.len() && UNITS.contains(s.lower(end))).then_some(end + 1)
}

/// "5", "two million".
fn number(s: &Sentence, i: usize) -> Option<usize> {
    number_end(s, i)
}

/// "5%" in one token.
fn percent_sign(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    (w.ends_with('%') && is_number(w.trim_end_matches('%'))).then_some(i + 1)
}

/// "first" to "tenth", "1st", "22nd".
fn ordinal(s: &Sentence, i: usize) -> Option<usize> {
    let l = s.lower(i);
    (ORDINALS.contains(l) || is_numeric_ordinal(l)).then_some(i + 1)
}
