//! A time's value as a reader says it: "Thu 26 Oct 2023", "September 2023", "Q3 1989",
//! "the 1990s", "20 months", "every Thursday", "the past". The timeline shows these; the
//! TIMEX3 value stays beside them for whoever wants it.

use super::resolve::{TimeExpr, TimeKind};
use crate::analysis::util::timestamp::{Date, DAYS, MONTHS};

impl TimeExpr {
    /// The value as a reader says it, with its mod ("early 2023", "about 20 months"); None when
    /// the time has no value (a relative time with nothing to count from).
    pub fn label(&self) -> Option<String> {
        let value = self.value.as_deref()?;
        let said = if self.kind == TimeKind::Set { every(value) } else { say(value) };
        let said = said.unwrap_or_else(|| value.to_string());
        let before = match self.modifier.as_deref() {
            Some("START") => "early ",
            Some("MID") => "mid-",
            Some("END") => "late ",
            Some("APPROX") => "about ",
            Some("LESS_THAN") => "less than ",
            Some("MORE_THAN") => "more than ",
            Some("EQUAL_OR_LESS") => "at most ",
            Some("EQUAL_OR_MORE") => "at least ",
            _ => "",
        };
        Some(format!("{before}{said}"))
    }

    /// How many days the value stands for from its first day (`sort_date`): 1 for a day or a
    /// clock time, the month's days for a month... None for durations, sets and vague times.
    pub fn days(&self) -> Option<i64> {
        let first = self.sort_date?;
        let next = |y: i32, m: u32| Date::new(y + (m / 12) as i32, m % 12 + 1, 1).map_or(30, |d| d.to_days() - first.to_days());
        Some(match self.kind {
            TimeKind::Day | TimeKind::Time => 1,
            TimeKind::Weekend => 2,
            TimeKind::Week => 7,
            TimeKind::Month => next(first.year, first.month),
            TimeKind::Quarter | TimeKind::Season => next(first.year, first.month + 2),
            TimeKind::Half => next(first.year, first.month + 5),
            TimeKind::Year => next(first.year, 12),
            TimeKind::Decade => 3652,
            TimeKind::Century => 36524,
            TimeKind::Duration | TimeKind::Vague | TimeKind::Set => return None,
        })
    }
}

/// The time of writing the times were resolved against (the publication date, or the
/// reference date given when the article states none), read from their anchors.
pub fn writing_date(times: &[TimeExpr]) -> Option<Date> {
    use super::resolve::AnchorBy;
    let anchor =
        times.iter().filter_map(|t| t.anchor.as_ref()).find(|a| matches!(a.by, AnchorBy::Publication | AnchorBy::ReferenceDate))?;
    let mut parts = anchor.value.get(..10)?.split('-').map(num);
    Date::new(parts.next()?? as i32, parts.next()??, parts.next()??)
}

/// "october" → "October" (ASCII only: Unicode's case tables would cost the page's bundle 10 KB
/// gzipped for twelve month and seven day names).
fn capital(word: &str) -> String {
    let mut s = word.to_string();
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// A number of the value, or None for "X" and anything else.
fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// A point or period: "2023-10-26", "2023-09", "2023-W42", "1989-Q3", "1989-H1", "2012-SU",
/// "199", "19", "2023-10-26T10:15", "1998-02-12TEV", "PRESENT_REF".
fn say(value: &str) -> Option<String> {
    match value {
        "PRESENT_REF" => return Some("now".into()),
        "PAST_REF" => return Some("the past".into()),
        "FUTURE_REF" => return Some("the future".into()),
        _ => {}
    }
    if value.starts_with('P') {
        return length(value);
    }
    let (date, time) = value.split_once('T').unwrap_or((value, ""));
    let time = match time {
        "" => String::new(),
        "MO" => " morning".into(),
        "AF" => " afternoon".into(),
        "EV" => " evening".into(),
        "NI" => " night".into(),
        clock => format!(", {clock}"),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let year = parts.first().copied().unwrap_or("");
    let said = match (parts.len(), year.len()) {
        (0 | 1, 0) => return (!time.is_empty()).then(|| time.trim_start_matches([',', ' ']).to_string()),
        (1, 4) => year.to_string(),
        (1, 3) => format!("the {year}0s"),
        (1, 2) => {
            let n = num(year)? + 1;
            let suffix = match (n % 10, n % 100) {
                (1, 11..=13) | (2, 11..=13) | (3, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("the {n}{suffix} century")
        }
        (2, 4) => {
            let part = parts[1];
            let year = if year == "XXXX" { String::new() } else { format!(" {year}") };
            match part {
                "SP" => format!("spring{year}"),
                "SU" => format!("summer{year}"),
                "FA" => format!("autumn{year}"),
                "WI" => format!("winter{year}"),
                "H1" => format!("first half of{year}"),
                "H2" => format!("second half of{year}"),
                _ if part.starts_with('Q') => format!("Q{}{year}", &part[1..]),
                _ if part.starts_with('W') => format!("week {}{}", part[1..].trim_start_matches('0'), year.replacen(' ', " of ", 1)),
                _ => format!("{}{year}", capital(MONTHS.get(num(part)?.checked_sub(1)? as usize)?)),
            }
        }
        (3, 4) if parts[2] == "WE" => format!("the weekend of week {} of {year}", parts[1].trim_start_matches('W')),
        (3, 4) => {
            let (m, d) = (num(parts[1])?, num(parts[2])?);
            let month = capital(MONTHS.get(m.checked_sub(1)? as usize)?);
            match num(year).and_then(|y| Date::new(y as i32, m, d)) {
                Some(date) => format!("{} {d} {} {year}", capital(&DAYS[date.weekday() as usize][..3]), &month[..3]),
                None => format!("{d} {month}"),
            }
        }
        _ => return None,
    };
    Some(format!("{said}{time}"))
}

/// A length of time: "P20M" → "20 months", "PT24H" → "24 hours", "PXY" → "years",
/// "PT1M30S" → "1 minute 30 seconds", "P1DE" → "1 decade".
fn length(value: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut in_time = false;
    let mut rest = value.strip_prefix('P')?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('T') {
            in_time = true;
            rest = r;
            continue;
        }
        let n = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'X')).filter(|&n| n > 0)?;
        let (count, r) = rest.split_at(n);
        let (unit, r) = if let Some(r) = r.strip_prefix("DE") {
            ("decade", r)
        } else if let Some(r) = r.strip_prefix("CE") {
            ("century", r)
        } else {
            let u = r.chars().next()?;
            let unit = match (u, in_time) {
                ('Y', _) => "year",
                ('M', false) => "month",
                ('W', _) => "week",
                ('D', _) => "day",
                ('Q', _) => "quarter",
                ('L', _) => "millennium",
                ('H', _) => "hour",
                ('M', true) => "minute",
                ('S', _) => "second",
                _ => return None,
            };
            (unit, &r[1..])
        };
        let plural = match unit {
            "century" => "centuries",
            "millennium" => "millennia",
            _ => "",
        };
        out.push(match count {
            "X" if plural.is_empty() => format!("{unit}s"),
            "X" => plural.to_string(),
            "1" => format!("1 {unit}"),
            _ if plural.is_empty() => format!("{count} {unit}s"),
            _ => format!("{count} {plural}"),
        });
        rest = r;
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// A recurring time: "XXXX-WXX-4" → "every Thursday", "P1W" → "every week", "P2D" → "every 2
/// days", "XXXX-SU" → "every summer".
fn every(value: &str) -> Option<String> {
    if let Some(day) = value.strip_prefix("XXXX-WXX-") {
        let (day, part) = day.split_once('T').map_or((day, ""), |(d, t)| (d, t));
        let name = capital(DAYS.get(num(day)?.checked_sub(1)? as usize)?);
        let part = say(&format!("T{part}")).filter(|_| !part.is_empty()).map(|p| format!(" {p}")).unwrap_or_default();
        return Some(format!("every {name}{part}"));
    }
    if value.starts_with('P') {
        let said = length(value)?;
        return Some(match said.strip_prefix("1 ") {
            Some(unit) => format!("every {unit}"),
            None => format!("every {said}"),
        });
    }
    Some(format!("every {}", say(value)?.trim_start_matches("the ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_and_periods() {
        for (value, said) in [
            ("2023-10-26", "Thu 26 Oct 2023"),
            ("2023-09", "September 2023"),
            ("2023", "2023"),
            ("2023-W42", "week 42 of 2023"),
            ("2023-W42-WE", "the weekend of week 42 of 2023"),
            ("1989-Q3", "Q3 1989"),
            ("1989-H1", "first half of 1989"),
            ("2012-SU", "summer 2012"),
            ("199", "the 1990s"),
            ("19", "the 20th century"),
            ("20", "the 21st century"),
            ("2023-10-26T10:15", "Thu 26 Oct 2023, 10:15"),
            ("1998-02-12TEV", "Thu 12 Feb 1998 evening"),
            ("PRESENT_REF", "now"),
            ("PAST_REF", "the past"),
            ("XXXX-10-26", "26 October"),
            ("P20M", "20 months"),
            ("PT24H", "24 hours"),
            ("PXY", "years"),
            ("PXCE", "centuries"),
            ("PT1M30S", "1 minute 30 seconds"),
            ("P1DE", "1 decade"),
            ("P2.5Y", "2.5 years"),
        ] {
            assert_eq!(say(value).as_deref(), Some(said), "{value}");
        }
        // Not a value lede writes: left to the caller, which shows it as it is.
        for value in ["", "2023-13", "P", "PZ", "1989-Q3-X-Y"] {
            assert_eq!(say(value), None, "{value}");
        }
    }

    #[test]
    fn recurring_times() {
        for (value, said) in [
            ("XXXX-WXX-4", "every Thursday"),
            ("XXXX-WXX-2TNI", "every Tuesday night"),
            ("P1W", "every week"),
            ("P2D", "every 2 days"),
            ("XXXX-SU", "every summer"),
        ] {
            assert_eq!(every(value).as_deref(), Some(said), "{value}");
        }
    }
}
