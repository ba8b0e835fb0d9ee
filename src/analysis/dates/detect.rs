//! Dates, times and the numbers that share their grammar, found by rule in each sentence's
//! tokens: "5 days" is a date (a duration), "5 km" a quantity, "$5" money, "1996" a year.

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

const NUMBER_WORDS: [&str; 20] = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "thousands",
    "dozen",
    "dozens",
];
const ORDINALS: [&str; 12] =
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last", "final"];
const SCALES: [&str; 6] = ["million", "billion", "trillion", "thousand", "hundred", "mln"];
const CURRENCIES: [&str; 14] =
    ["dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan", "rubles", "roubles", "won", "rupees", "francs", "cents", "pence"];
const UNITS: [&str; 24] = [
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "mile",
    "metres",
    "meters",
    "feet",
    "foot",
    "tonnes",
    "tons",
    "kg",
    "kilograms",
    "pounds",
    "barrels",
    "acres",
    "hectares",
    "degrees",
    "litres",
    "liters",
    "gallons",
    "mph",
    "sq",
    "square",
];
const DURATIONS: [&str; 8] = ["day", "days", "week", "weeks", "month", "months", "year", "years"];
const RELATIVE_DAYS: [&str; 5] = ["today", "yesterday", "tomorrow", "tonight", "weekend"];

/// "1st", "22nd", "103rd", "4th".
fn is_numeric_ordinal(l: &str) -> bool {
    let digits = l.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &l[digits.len()..];
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// Where the month's name is after a day of the month at `i` ("14 June", "14th of
/// June"): a capitalised name, which "May" is only after a day.
fn month_after_day(sent: &[Tok], lw: &[Cow<str>], i: usize) -> Option<usize> {
    let at = if lw.get(i + 1).is_some_and(|w| w == "of") { i + 2 } else { i + 1 };
    let w = sent.get(at)?.text.as_ref();
    (w.starts_with(|c: char| c.is_ascii_uppercase()) && month_from_name(w).is_some()).then_some(at)
}

/// Past a year after a date's month and day ("…, 2023" or "… 2023") from `end`, if there is one.
fn after_year(sent: &[Tok], end: usize) -> usize {
    let year = |k: usize| sent.get(k).is_some_and(|t| is_number(&t.text) && t.text.len() == 4);
    if sent.get(end).is_some_and(|t| t.text == ",") && year(end + 1) {
        end + 2
    } else if year(end) {
        end + 1
    } else {
        end
    }
}

fn is_number(w: &str) -> bool {
    let w = w.trim_start_matches(['$', '€', '£', '¥']);
    !w.is_empty() && w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL mentions, by rule.
fn sentence_values(sent: &[Tok]) -> Vec<Mention> {
    let mut out = Vec::new();
    let n = sent.len();
    // Lowercase forms, borrowed where the token has no capital (most do not).
    let lw: Vec<Cow<str>> = sent.iter().map(|t| lowercase(&t.text)).collect();
    let mut i = 0;
    while i < n {
        let w = sent[i].text.as_ref();
        let l = &*lw[i];
        let mut end = i + 1;
        // The cheap tests of each branch come first: most tokens are lowercase words.
        let found: Option<(Label, Rule)> = if w.chars().next().is_some_and(char::is_uppercase)
            && month_from_name(w).is_some()
            && (w.len() > 3 || w.ends_with('.') || i + 1 < n && is_number(&sent[i + 1].text))
            && w != "May"
            || (w == "May" && i + 1 < n && is_number(&sent[i + 1].text))
        {
            // "September", "Oct. 26", "September 13, 2023", "June 14th"
            if end < n && (is_number(&sent[end].text) && sent[end].text.len() <= 2 || day_of_month(&sent[end].text).is_some()) {
                end += 1;
            }
            end = after_year(sent, end);
            Some((Label::Date, Rule::MonthName))
        } else if let Some(month) =
            (w.as_bytes()[0].is_ascii_digit() && day_of_month(w).is_some()).then(|| month_after_day(sent, &lw, i)).flatten()
        {
            // "14 June 1958", "3 Oct.", "the 14th of June"
            end = after_year(sent, month + 1);
            Some((Label::Date, Rule::DayAndMonth))
        } else if w.len() >= 6 && weekday_from_name(w).is_some() {
            Some((Label::Date, Rule::Weekday))
        } else if RELATIVE_DAYS.contains(&l) {
            Some((Label::Date, Rule::RelativeDay))
        } else if matches!(l, "last" | "next" | "this" | "past") && i + 1 < n && DURATIONS.contains(&&*lw[i + 1]) {
            end = i + 2;
            Some((Label::Date, Rule::RelativePeriod))
        } else if l.contains('-')
            && DURATIONS.iter().any(|d| l.ends_with(&format!("-{d}")))
            && l.split('-').next().is_some_and(|p| is_number(p) || NUMBER_WORDS.contains(&p))
        {
            Some((Label::Date, Rule::Duration))
        } else if w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-' && is_number(&w.replace('-', "")) {
            Some((Label::Date, Rule::IsoDate))
        } else if w.as_bytes()[0].is_ascii_digit() && w.len() >= 6 && numeric_date(w) != NumericDate::No {
            // "14/06/2023", "14.06.2023", "6/14/23"
            Some((Label::Date, Rule::NumericDate))
        } else if w.len() == 4 && is_number(w) && (w.starts_with("19") || w.starts_with("20")) {
            Some((Label::Date, Rule::Year))
        } else if w.contains(':') && w.split(':').all(|p| p.len() == 2 || p.len() == 1) && w.split(':').all(is_number) {
            if end < n && matches!(&*lw[end], "a.m." | "p.m." | "am" | "pm" | "gmt" | "utc" | "et") {
                end += 1;
            }
            Some((Label::Time, Rule::ClockTime))
        } else if is_number(w) && end < n && matches!(&*lw[end], "a.m." | "p.m.") {
            end += 1;
            Some((Label::Time, Rule::ClockTime))
        } else if w.starts_with(['$', '€', '£', '¥']) && is_number(w)
            || (matches!(w, "$" | "€" | "£" | "¥") && end < n && is_number(&sent[end].text))
        {
            if matches!(w, "$" | "€" | "£" | "¥") {
                end += 1;
            }
            if end < n && SCALES.contains(&&*lw[end]) {
                end += 1;
            }
            Some((Label::Money, Rule::CurrencySign))
        } else if is_number(w) && i > 0 && sent[i - 1].text == "[" && sent.get(i + 1).is_some_and(|t| t.text == "]") {
            // A reference mark, "[4]", is not a number the article states.
            None
        } else if is_number(w) || NUMBER_WORDS.contains(&l) {
            while end < n && SCALES.contains(&&*lw[end]) {
                end += 1;
            }
            if end < n && (lw[end] == "%" || lw[end] == "percent") {
                end += 1;
                Some((Label::Percent, Rule::Percent))
            } else if end + 1 < n && lw[end] == "per" && lw[end + 1] == "cent" {
                end += 2;
                Some((Label::Percent, Rule::Percent))
            } else if end < n && CURRENCIES.contains(&&*lw[end]) {
                end += 1;
                Some((Label::Money, Rule::CurrencyName))
            } else if end < n && UNITS.contains(&&*lw[end]) {
                end += 1;
                Some((Label::Quantity, Rule::Unit))
            } else if end < n && DURATIONS.contains(&&*lw[end]) {
                end += 1;
                if end < n && matches!(&*lw[end], "ago" | "earlier" | "later") {
                    end += 1;
                }
                Some((Label::Date, Rule::Duration))
            } else {
                Some((Label::Cardinal, Rule::Number))
            }
        } else if w.ends_with('%') && is_number(w.trim_end_matches('%')) {
            Some((Label::Percent, Rule::Percent))
        } else if ORDINALS[..10].contains(&l) || is_numeric_ordinal(l) {
            Some((Label::Ordinal, Rule::Ordinal))
        } else {
            None
        };
        let end = end.min(n);
        match found {
            Some((label, rule)) => {
                out.push(Mention::new(Span::new(sent[i].span.start, sent[end - 1].span.end), label, Source::Rule { rule }));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}
