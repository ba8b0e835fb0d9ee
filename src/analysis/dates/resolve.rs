//! Dates and times resolved against the article's own timestamp.
//!
//! News writing points backwards: a bare weekday is the most recent such day
//! on or before publication, a bare month the most recent such month, unless the
//! text says "next". Relative phrases ("a day after", "yesterday", "last week")
//! are resolved from the publication date or from the date their sentence
//! already names. The core never reads a clock: without a timestamp in the
//! article (or one passed in), relative dates stay unresolved.

use crate::analysis::mention::{Label, Mention};
use crate::analysis::span::{overlaps_sorted, Span};
use crate::analysis::text::segment::lowercase;
use crate::analysis::util::order;
use crate::analysis::util::timestamp::{
    day_of_month, month_from_name, numeric_date, parse_timestamp, weekday_from_name, Date, NumericDate,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    Day,
    Month,
    Year,
    Week,
    Time,
    Duration,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    pub kind: TimeKind,
    /// ISO 8601: "2023-10-26", "2023-09", "2023", "2023-W42", "T10:15", "P20M"; None when unresolved.
    pub value: Option<String>,
    /// The date the value stands for (the first day of a month or week), for ordering.
    pub sort_date: Option<Date>,
    /// Which rule produced the value.
    pub rule: DateRule,
    /// The rule's reading of this mention, for a reader: "weekday: the most recent on or
    /// before publication", "\"a day after\", relative to the date in the same sentence".
    pub note: String,
    /// The sentence that mentions it.
    pub sentence: Span,
}

/// How a date or time was resolved, or why it was not (snake_case in the JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRule {
    /// "20-month", "three weeks": a length of time, not a point.
    Duration,
    /// "two days ago", "a week later": counted from the publication date.
    OffsetFromPublication,
    /// "10:15", "3 p.m.".
    ClockTime,
    /// A date or a month with its year, as printed.
    DateAsWritten,
    /// "03/04/2023" where either number could be the month.
    AmbiguousNumericDate,
    /// A month (and day) without a year: the most recent on or before publication.
    MonthWithoutYear,
    /// "February 30".
    NotARealDate,
    /// "next Friday": the coming one.
    WeekdayNext,
    /// "last Friday": the previous one.
    WeekdayLast,
    /// "Friday": the most recent on or before publication.
    WeekdayRecent,
    /// "today", "yesterday", "tomorrow", "tonight".
    RelativeDay,
    /// "last week", "next month", "this year".
    RelativePeriod,
    /// "1996".
    YearAsWritten,
    /// "two days before X": from the publication date.
    BeforePublication,
    /// "a day after X": from the date the same sentence names.
    RelativeToSentenceDate,
    /// "a day after X" with no date in the sentence: from the publication date.
    RelativeToPublication,
    /// A relative date with no publication date to resolve it against.
    NoPublicationDate,
    /// A mention the rules tagged as a date but cannot read.
    NotUnderstood,
}

fn month_start(d: Date) -> Date {
    Date { day: 1, ..d }
}

fn iso_week(d: Date) -> String {
    // ISO week: the Thursday of this week decides the year.
    let thursday = d.add_days(3 - i64::from(d.weekday()));
    let jan1 = Date { year: thursday.year, month: 1, day: 1 };
    let week = (thursday.to_days() - jan1.to_days()) / 7 + 1;
    format!("{}-W{:02}", thursday.year, week)
}

fn word_number(w: &str) -> Option<i64> {
    let w = lowercase(w);
    let words = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if w == "an" {
        return Some(1);
    }
    words.iter().position(|x| *x == w).map(|i| i.max(1) as i64).or_else(|| w.parse().ok())
}

fn unit_days(unit: &str) -> Option<(i64, char)> {
    let u = lowercase(unit.trim_end_matches('s'));
    Some(match u.as_ref() {
        "day" => (1, 'D'),
        "week" => (7, 'W'),
        "month" => (30, 'M'),
        "year" => (365, 'Y'),
        _ => return None,
    })
}

/// Resolves the DATE and TIME mentions of `text` and finds the relative phrases
/// ("a day after") the entity rules do not tag. `reference` is the publication date.
pub fn resolve(text: &str, sentences: &[Span], mentions: &[Mention], reference: Option<Date>) -> Vec<TimeExpr> {
    let mut out: Vec<TimeExpr> = Vec::new();
    for m in mentions.iter().filter(|m| matches!(m.label, Label::Date | Label::Time)) {
        let k = sentences.partition_point(|s| s.start <= m.span.start);
        let sentence = k.checked_sub(1).map(|k| sentences[k]).filter(|s| s.contains(m.span)).unwrap_or(m.span);
        let (kind, value, sort_date, rule, note) = resolve_one(text, m.span, sentence, reference);
        out.push(TimeExpr { span: m.span, kind, value, sort_date, rule, note, sentence });
    }
    // "a day after", "two days before", "a week earlier": relative to the date the sentence names.
    let taken: Vec<Span> = out.iter().map(|t| t.span).collect();
    for s in sentences {
        // Each word's offset is where its slice starts in the sentence's (searching for it
        // again cost 1% of the whole analysis).
        let body = s.of(text);
        let words: Vec<(usize, &str)> =
            body.split_whitespace().map(|w| (s.start + (w.as_ptr() as usize - body.as_ptr() as usize), w)).collect();
        for k in 0..words.len().saturating_sub(2) {
            let (Some(n), Some((days, _))) = (word_number(words[k].1), unit_days(words[k + 1].1)) else { continue };
            let dir = words[k + 2].1.trim_end_matches([',', '.', ';']).to_lowercase();
            let sign = match dir.as_str() {
                "after" | "later" => -1,
                "before" | "earlier" | "ago" => 1,
                _ => continue,
            };
            let span = Span::new(words[k].0, words[k + 2].0 + words[k + 2].1.trim_end_matches([',', '.', ';']).len());
            if overlaps_sorted(&taken, span) {
                continue;
            }
            // "a day after X" in a sentence about Thursday: X happened the day before Thursday.
            let anchor = out[out.len().saturating_sub(8)..]
                .iter()
                .filter(|t| t.sentence == *s && t.kind == TimeKind::Day && t.span.end <= span.start)
                .filter_map(|t| t.sort_date)
                .next_back();
            let (base, rule, note) = match (dir.as_str(), anchor) {
                ("ago", _) => (reference, DateRule::BeforePublication, "before publication"),
                (_, Some(a)) => (Some(a), DateRule::RelativeToSentenceDate, "relative to the date in the same sentence"),
                _ => (reference, DateRule::RelativeToPublication, "relative to publication"),
            };
            let date = base.map(|b| if dir == "ago" { b.add_days(-n * days) } else { b.add_days(sign * n * days) });
            out.push(TimeExpr {
                span,
                kind: TimeKind::Day,
                value: date.map(Date::iso),
                sort_date: date,
                rule,
                note: format!("\"{} {} {}\", {note}", words[k].1, words[k + 1].1, dir),
                sentence: *s,
            });
        }
    }
    order::sort_by_key(&mut out, |t| t.span.start as u64);
    out
}

/// A mention's reading: its kind, value, the date it stands for, the rule and its note.
type Reading = (TimeKind, Option<String>, Option<Date>, DateRule, String);

fn resolve_one(text: &str, span: Span, sentence: Span, reference: Option<Date>) -> Reading {
    let raw = span.of(text);
    let words: Vec<&str> = raw.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let lower = raw.to_lowercase();
    // The word before the mention, in lowercase (only it: lowercasing the sentence up to
    // every mention was quadratic in a long sentence).
    let prev_word = lowercase(text[sentence.start..span.start].split_whitespace().last().unwrap_or(""));
    let unresolved =
        |kind, why: &str| (kind, None, None, DateRule::NoPublicationDate, format!("{why}; no publication date to resolve against"));

    // Durations: "20-month", "three weeks".
    let dur = |n: i64, unit: char| (TimeKind::Duration, Some(format!("P{n}{unit}")), None, DateRule::Duration, "duration".to_string());
    if let Some((num, unit)) = raw.split_once('-') {
        if let (Some(n), Some((_, u))) = (word_number(num), unit_days(unit)) {
            return dur(n, u);
        }
    }
    if words.len() == 2 && !matches!(prev_word.as_ref(), "last" | "next" | "this" | "past") {
        if let (Some(n), Some((_, u))) = (word_number(words[0]), unit_days(words[1])) {
            if !matches!(words[0].to_lowercase().as_str(), "last" | "next" | "this" | "past") {
                return dur(n, u);
            }
        }
    }
    // "N days ago".
    if words.len() == 3 && matches!(words[2], "ago" | "earlier" | "later") {
        if let (Some(n), Some((d, _))) = (word_number(words[0]), unit_days(words[1])) {
            let sign = if words[2] == "later" { 1 } else { -1 };
            return match reference {
                Some(r) => {
                    let date = r.add_days(sign * n * d);
                    (TimeKind::Day, Some(date.iso()), Some(date), DateRule::OffsetFromPublication, format!("{raw} from publication"))
                }
                None => unresolved(TimeKind::Day, "relative"),
            };
        }
    }
    // Clock times.
    if raw.contains(':') || lower.ends_with("a.m.") || lower.ends_with("p.m.") {
        let digits = words[0];
        let (h, m) = digits.split_once(':').map_or((digits, "00"), |(h, m)| (h, m));
        let mut h: u32 = h.parse().unwrap_or(0);
        if lower.contains("p.m.") && h < 12 {
            h += 12;
        }
        return (TimeKind::Time, Some(format!("T{h:02}:{m}")), None, DateRule::ClockTime, "clock time".into());
    }
    // ISO dates.
    if let Some(d) = parse_timestamp(raw) {
        return (TimeKind::Day, Some(d.date.iso()), Some(d.date), DateRule::DateAsWritten, "date as written".into());
    }
    if numeric_date(raw) == NumericDate::Ambiguous {
        return (TimeKind::Day, None, None, DateRule::AmbiguousNumericDate, "day and month could be either way round".into());
    }
    // Month [day] [, year] or day [of] month [year].
    let month_at = match words.as_slice() {
        [m, ..] if month_from_name(m).is_some() => Some(0),
        [d, of, m, ..] if day_of_month(d).is_some() && of.eq_ignore_ascii_case("of") && month_from_name(m).is_some() => Some(2),
        [d, m, ..] if day_of_month(d).is_some() && month_from_name(m).is_some() => Some(1),
        _ => None,
    };
    if let Some(at) = month_at {
        let month = month_from_name(words[at]).unwrap_or(1);
        let day = if at == 0 { words.get(1).and_then(|w| day_of_month(w)) } else { day_of_month(words[0]) };
        let year = words.iter().skip(at + 1).find_map(|w| w.parse::<i32>().ok().filter(|y| *y > 31));
        let year_or = |r: Option<Date>| -> Option<i32> {
            year.or_else(|| {
                let r = r?;
                // Biased to the past: a month after publication's is last year's.
                let this_year = if month > r.month || (Some(month) == Some(r.month) && day.is_some_and(|d| d > r.day + 7)) {
                    r.year - 1
                } else {
                    r.year
                };
                Some(if prev_word == "next" { this_year + 1 } else { this_year })
            })
        };
        let (rule, note) = if year.is_some() {
            (DateRule::DateAsWritten, "date as written")
        } else {
            (DateRule::MonthWithoutYear, "month without a year: the most recent on or before publication")
        };
        return match (year_or(reference), day) {
            (Some(y), Some(d)) => match Date::new(y, month, d) {
                Some(date) => (TimeKind::Day, Some(date.iso()), Some(date), rule, note.into()),
                None => (TimeKind::Day, None, None, DateRule::NotARealDate, "not a real date".into()),
            },
            (Some(y), None) => {
                let date = Date { year: y, month, day: 1 };
                (TimeKind::Month, Some(format!("{y:04}-{month:02}")), Some(date), rule, note.into())
            }
            (None, _) => unresolved(if day.is_some() { TimeKind::Day } else { TimeKind::Month }, "month without a year"),
        };
    }
    // Weekdays.
    if let Some(wd) = weekday_from_name(raw) {
        let Some(r) = reference else { return unresolved(TimeKind::Day, "weekday") };
        let back = (i64::from(r.weekday()) - i64::from(wd)).rem_euclid(7);
        let (date, rule, note) = if prev_word == "next" {
            (r.add_days(if back == 0 { 7 } else { 7 - back }), DateRule::WeekdayNext, "weekday after \"next\": the coming one")
        } else if prev_word == "last" {
            (r.add_days(-(if back == 0 { 7 } else { back })), DateRule::WeekdayLast, "weekday after \"last\": the previous one")
        } else {
            (r.add_days(-back), DateRule::WeekdayRecent, "weekday: the most recent on or before publication")
        };
        return (TimeKind::Day, Some(date.iso()), Some(date), rule, note.into());
    }
    // Relative days.
    let rel_day = match lower.as_str() {
        "today" | "tonight" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(off) = rel_day {
        return match reference {
            Some(r) => {
                let d = r.add_days(off);
                (TimeKind::Day, Some(d.iso()), Some(d), DateRule::RelativeDay, format!("\"{lower}\" from publication"))
            }
            None => unresolved(TimeKind::Day, "relative day"),
        };
    }
    // "last week", "next month", "this year".
    if words.len() == 2 {
        let dir = words[0].to_lowercase();
        let unit = words[1].to_lowercase();
        if let Some(r) = reference {
            let step: i32 = match dir.as_str() {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            let (rule, note) = (DateRule::RelativePeriod, format!("\"{lower}\" from publication"));
            match unit.as_str() {
                "week" => {
                    let d = r.add_days(7 * i64::from(step));
                    return (TimeKind::Week, Some(iso_week(d)), Some(d.add_days(-i64::from(d.weekday()))), rule, note);
                }
                "month" => {
                    let total = r.year * 12 + r.month as i32 - 1 + step;
                    let d = Date { year: total.div_euclid(12), month: total.rem_euclid(12) as u32 + 1, day: 1 };
                    return (TimeKind::Month, Some(format!("{:04}-{:02}", d.year, d.month)), Some(month_start(d)), rule, note);
                }
                "year" => {
                    let y = r.year + step;
                    return (TimeKind::Year, Some(y.to_string()), Some(Date { year: y, month: 1, day: 1 }), rule, note);
                }
                _ => {}
            }
        } else {
            return unresolved(TimeKind::Day, "relative period");
        }
    }
    // A year.
    if let Ok(y) = raw.parse::<i32>() {
        return (
            TimeKind::Year,
            Some(y.to_string()),
            Some(Date { year: y, month: 1, day: 1 }),
            DateRule::YearAsWritten,
            "year as written".into(),
        );
    }
    (TimeKind::Day, None, None, DateRule::NotUnderstood, "not understood".into())
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, Options};

    fn values(input: &str) -> Vec<(String, Option<String>)> {
        let a = analyze(input, &Options::default());
        a.times.iter().map(|t| (t.span.of(&a.text).to_string(), t.value.clone())).collect()
    }

    #[test]
    fn resolved_against_publication() {
        let v = values(
            "Title\n\n**2023-10-26 10:15**\n\nRussia said on Thursday it would act, a day after the talks. Yesterday was calm. \
             Last week was not. They met in September and will meet next Tuesday. The 20-month war goes on. On Oct. 30 and \
             Dec. 5 there were talks. Three days ago it rained.",
        );
        let want = [
            ("Thursday", Some("2023-10-26")),
            ("a day after", Some("2023-10-25")),
            ("Yesterday", Some("2023-10-25")),
            ("Last week", Some("2023-W42")),
            ("September", Some("2023-09")),
            ("Tuesday", Some("2023-10-31")),
            ("20-month", Some("P20M")),
            ("Oct. 30", Some("2023-10-30")),
            ("Dec. 5", Some("2022-12-05")),
            ("Three days ago", Some("2023-10-23")),
        ];
        let want: Vec<(String, Option<String>)> = want.iter().map(|(a, b)| (a.to_string(), b.map(str::to_string))).collect();
        assert_eq!(v, want);
    }

    #[test]
    fn without_a_timestamp_relative_dates_stay_unresolved() {
        let v = values("Title\n\nHe left on Thursday, on September 13, 2023.");
        assert_eq!(v, [("Thursday".to_string(), None), ("September 13, 2023".to_string(), Some("2023-09-13".to_string()))]);
    }
}
