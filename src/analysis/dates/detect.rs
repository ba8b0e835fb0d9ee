//! Dates, times and the numbers that share their grammar, found by rule in each sentence's
//! tokens: "5 days" is a date (a duration), "5 km" a quantity, "$5" money, "1996" a year.
//!
//! The grammar is one table, [`GRAMMAR`]: at each token the rows are tried in order, and the
//! first that matches takes the tokens it spans (so "14 June 1958" is one date, not a number
//! and a date). Its words are the lists of `lists/values.tsv`.

use crate::analysis::lists::{CURRENCIES, DURATIONS, NUMBER_WORDS, ORDINALS, RELATIVE_DAYS, SCALES, UNITS};
use crate::analysis::mention::{Label, Mention, Rule, Source};
use crate::analysis::ner::Tok;
use crate::analysis::span::Span;
use crate::analysis::text::segment::lowercase;
use crate::analysis::util::timestamp::{day_of_month, month_from_name, numeric_date, weekday_from_name, NumericDate};
use std::borrow::Cow;

/// DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL mentions in `sentences`
/// (each sentence's tokens, in the casing the tagger read them), in text order.
pub fn find(sentences: &[Vec<Tok>]) -> Vec<Mention> {
    sentences.iter().flat_map(|s| sentence_values(s)).collect()
}

/// One row of the grammar: what it makes (None: what it matches is no value, and is
/// skipped) and where a match at token `i` ends (exclusive), if it matches there.
pub struct Row {
    pub makes: Option<(Label, Rule)>,
    pub at: fn(&Sentence, usize) -> Option<usize>,
}

/// The value grammar, in the order its rows are tried at each token.
pub static GRAMMAR: [Row; 20] = [
    Row { makes: Some((Label::Date, Rule::MonthName)), at: month_name },
    Row { makes: Some((Label::Date, Rule::DayAndMonth)), at: day_and_month },
    Row { makes: Some((Label::Date, Rule::Weekday)), at: weekday },
    Row { makes: Some((Label::Date, Rule::RelativeDay)), at: relative_day },
    Row { makes: Some((Label::Date, Rule::RelativePeriod)), at: relative_period },
    Row { makes: Some((Label::Date, Rule::Duration)), at: hyphenated_duration },
    Row { makes: Some((Label::Date, Rule::IsoDate)), at: iso_date },
    Row { makes: Some((Label::Date, Rule::NumericDate)), at: numeric_date_token },
    Row { makes: Some((Label::Date, Rule::Year)), at: year },
    Row { makes: Some((Label::Time, Rule::ClockTime)), at: clock_time },
    Row { makes: Some((Label::Time, Rule::ClockTime)), at: hour_and_meridiem },
    Row { makes: Some((Label::Money, Rule::CurrencySign)), at: currency_sign },
    // A reference mark, "[4]", is not a number the article states.
    Row { makes: None, at: reference_mark },
    Row { makes: Some((Label::Percent, Rule::Percent)), at: number_percent },
    Row { makes: Some((Label::Money, Rule::CurrencyName)), at: number_currency },
    Row { makes: Some((Label::Quantity, Rule::Unit)), at: number_unit },
    Row { makes: Some((Label::Date, Rule::Duration)), at: number_duration },
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

fn sentence_values(toks: &[Tok]) -> Vec<Mention> {
    let s = Sentence { toks, lower: toks.iter().map(|t| lowercase(&t.text)).collect() };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match GRAMMAR.iter().find_map(|row| (row.at)(&s, i).map(|end| (row, end.min(s.len())))) {
            Some((row, end)) => {
                if let Some((label, rule)) = row.makes {
                    out.push(Mention::new(Span::new(toks[i].span.start, toks[end - 1].span.end), label, Source::Rule { rule }));
                }
                // A skipped match moves one token on.
                i = if row.makes.is_some() { end } else { i + 1 };
            }
            None => i += 1,
        }
    }
    out
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

/// Past a year after a date's month and day ("…, 2023" or "… 2023") from `end`, if there is one.
fn after_year(s: &Sentence, end: usize) -> usize {
    let year = |k: usize| s.is_number(k) && s.word(k).len() == 4;
    if end < s.len() && s.word(end) == "," && year(end + 1) {
        end + 2
    } else if year(end) {
        end + 1
    } else {
        end
    }
}

/// "September", "Oct. 26", "September 13, 2023", "June 14th": a capitalised month's name
/// (longer than three letters, or abbreviated with a point, or before a number), and "May"
/// only before a number.
fn month_name(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    let month = w.chars().next().is_some_and(char::is_uppercase)
        && month_from_name(w).is_some()
        && (w.len() > 3 || w.ends_with('.') || s.is_number(i + 1))
        && w != "May"
        || (w == "May" && s.is_number(i + 1));
    if !month {
        return None;
    }
    let mut end = i + 1;
    if end < s.len() && (s.is_number(end) && s.word(end).len() <= 2 || day_of_month(s.word(end)).is_some()) {
        end += 1;
    }
    Some(after_year(s, end))
}

/// "14 June 1958", "3 Oct.", "the 14th of June": a day of the month before a capitalised
/// month's name (which "May" is only after a day).
fn day_and_month(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    if !(w.as_bytes().first().is_some_and(u8::is_ascii_digit) && day_of_month(w).is_some()) {
        return None;
    }
    let at = if s.lower(i + 1) == "of" { i + 2 } else { i + 1 };
    let m = s.word(at);
    (at < s.len() && m.starts_with(|c: char| c.is_ascii_uppercase()) && month_from_name(m).is_some()).then(|| after_year(s, at + 1))
}

/// "Thursday" (a weekday's whole name: "Sun" and "Wed" are words too).
fn weekday(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    (w.len() >= 6 && weekday_from_name(w).is_some()).then_some(i + 1)
}

/// "yesterday", "tonight", "weekend".
fn relative_day(s: &Sentence, i: usize) -> Option<usize> {
    RELATIVE_DAYS.contains(s.lower(i)).then_some(i + 1)
}

/// "last week", "next month", "this year", "past days".
fn relative_period(s: &Sentence, i: usize) -> Option<usize> {
    (matches!(s.lower(i), "last" | "next" | "this" | "past") && i + 1 < s.len() && DURATIONS.contains(s.lower(i + 1))).then_some(i + 2)
}

/// "20-month", "three-year": a number and a unit of time in one word.
fn hyphenated_duration(s: &Sentence, i: usize) -> Option<usize> {
    let l = s.lower(i);
    let found = l.contains('-')
        && DURATIONS.entries().iter().any(|d| l.strip_suffix(d).is_some_and(|rest| rest.ends_with('-')))
        && l.split('-').next().is_some_and(|p| is_number(p) || NUMBER_WORDS.contains(p));
    found.then_some(i + 1)
}

/// "2023-10-26".
fn iso_date(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    (w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-' && is_number(&w.replace('-', ""))).then_some(i + 1)
}

/// "14/06/2023", "14.06.2023", "6/14/23".
fn numeric_date_token(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    (w.as_bytes().first().is_some_and(u8::is_ascii_digit) && w.len() >= 6 && numeric_date(w) != NumericDate::No).then_some(i + 1)
}

/// "1996", "2023": four digits from 1900 to 2099.
fn year(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    (w.len() == 4 && is_number(w) && (w.starts_with("19") || w.starts_with("20"))).then_some(i + 1)
}

/// "10:15", "10:15 a.m.", "18:00 GMT".
fn clock_time(s: &Sentence, i: usize) -> Option<usize> {
    let w = s.word(i);
    if !(w.contains(':') && w.split(':').all(|p| p.len() == 2 || p.len() == 1) && w.split(':').all(is_number)) {
        return None;
    }
    let zone = i + 1 < s.len() && matches!(s.lower(i + 1), "a.m." | "p.m." | "am" | "pm" | "gmt" | "utc" | "et");
    Some(if zone { i + 2 } else { i + 1 })
}

/// "3 p.m.".
fn hour_and_meridiem(s: &Sentence, i: usize) -> Option<usize> {
    (is_number(s.word(i)) && i + 1 < s.len() && matches!(s.lower(i + 1), "a.m." | "p.m.")).then_some(i + 2)
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

/// "three weeks", "two days ago", "a decade later" is not one ("a" is no number).
fn number_duration(s: &Sentence, i: usize) -> Option<usize> {
    let end = number_end(s, i)?;
    if !(end < s.len() && DURATIONS.contains(s.lower(end))) {
        return None;
    }
    let end = end + 1;
    Some(if end < s.len() && matches!(s.lower(end), "ago" | "earlier" | "later") { end + 1 } else { end })
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
