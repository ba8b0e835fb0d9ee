//! Calendar arithmetic and timestamp parsing, with no clock and no dependency:
//! the core never reads the time of day, it only parses what the text says.

use serde::{Deserialize, Serialize};

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The months' names, lowercase, January first.
pub const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// The month a name or abbreviation stands for ("Oct", "Oct.", "October", "Sept").
pub fn month_from_name(word: &str) -> Option<u32> {
    // Compared without lowercasing into a new string: the entity rules ask this of every token.
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > "september".len() {
        return None;
    }
    if w.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() == 3 && m.as_bytes()[..3].eq_ignore_ascii_case(w.as_bytes())))
        .map(|i| i as u32 + 1)
}

/// A day of the month as written next to a month's name: "14", "3rd", "31st".
pub fn day_of_month(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A point in time as an article states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateTime {
    pub date: Date,
    /// Hours and minutes, when the text gives a time.
    pub time: Option<(u32, u32, u32)>,
    /// Offset from UTC in minutes, when the text gives a zone.
    pub offset_minutes: Option<i32>,
}

impl DateTime {
    /// ISO 8601: "2023-10-26", "2023-10-26T10:15:00", "2023-10-26T10:15:00+01:00".
    pub fn iso(&self) -> String {
        let mut s = self.date.iso();
        if let Some((h, m, sec)) = self.time {
            s.push_str(&format!("T{h:02}:{m:02}:{sec:02}"));
            if let Some(off) = self.offset_minutes {
                if off == 0 {
                    s.push('Z');
                } else {
                    let sign = if off < 0 { '-' } else { '+' };
                    s.push_str(&format!("{sign}{:02}:{:02}", off.abs() / 60, off.abs() % 60));
                }
            }
        }
        s
    }
}

/// Parses the timestamp formats news sites print: ISO 8601 ("2023-10-26 10:15",
/// "2023-10-26T10:15:00Z"), "October 26, 2023 10:15 AM GMT+1", "Oct. 26, 2023",
/// "26 October 2023 10:15 BST", "Thursday, October 26, 2023", with an optional
/// "Published"/"Updated" lead. Returns None when the text is not one timestamp.
pub fn parse_timestamp(raw: &str) -> Option<DateTime> {
    let mut s = raw.trim();
    for lead in ["published:", "published", "updated:", "updated", "posted:", "posted", "last updated", "on "] {
        if s.len() > lead.len() && s.get(..lead.len()).is_some_and(|head| head.eq_ignore_ascii_case(lead)) {
            s = s[lead.len()..].trim_start();
        }
    }
    parse_iso(s).or_else(|| parse_written(s)).or_else(|| parse_numeric(s)).or_else(|| parse_time_first(s))
}

/// The time before the date, as CNN prints it: "11:32 PM EDT, Wed October 9, 2024".
fn parse_time_first(s: &str) -> Option<DateTime> {
    let (clock, date) = s.split_once(", ")?;
    if !clock.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let day = parse_written(date).or_else(|| parse_iso(date)).filter(|d| d.time.is_none())?;
    at_clock(day.date, clock).filter(|t| t.time.is_some())
}

/// How a date written in numbers alone reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericDate {
    /// The day: "14/06/2023" (the 14th cannot be a month), "14.06.2023" (dots are
    /// written day first), "6/14/23" (nor can the 14th here).
    Day(Date),
    /// "06/07/2023": the 6th of July in Europe, June 7th in the US.
    Ambiguous,
    /// Not a date in numbers.
    No,
}

/// A date written in numbers: day, month and year (two or four digits) joined by "/",
/// "." or "-". With slashes the order is known only when one of the first two numbers is
/// over 12; dots and dashes are read day first (as written where they are used).
pub fn numeric_date(word: &str) -> NumericDate {
    let Some(sep) = word.chars().find(|c| matches!(c, '/' | '.' | '-')) else { return NumericDate::No };
    let parts: Vec<&str> = word.split(sep).collect();
    let [a, b, y] = parts.as_slice() else { return NumericDate::No };
    let (Some(a), Some(b), Some(y)) = (num(a).filter(|_| a.len() <= 2), num(b).filter(|_| b.len() <= 2), num(y)) else {
        return NumericDate::No;
    };
    let year = match y {
        _ if (1000..=9999).contains(&y) && parts[2].len() == 4 => y as i32,
        // Two digits: this century up to 69, then the last.
        _ if parts[2].len() == 2 => {
            if y < 70 {
                2000 + y as i32
            } else {
                1900 + y as i32
            }
        }
        _ => return NumericDate::No,
    };
    let (day, month) = match sep {
        '/' if a > 12 => (a, b),
        '/' if b > 12 => (b, a),
        '/' if a >= 1 && b >= 1 => return NumericDate::Ambiguous,
        _ => (a, b),
    };
    Date::new(year, month, day).map_or(NumericDate::No, NumericDate::Day)
}

/// "14/06/2023 10:15", "14.06.2023 10:15 Uhr": a numeric date ([`numeric_date`]) and an
/// optional time.
fn parse_numeric(s: &str) -> Option<DateTime> {
    let (first, rest) = s.split_once(' ').unwrap_or((s, ""));
    let NumericDate::Day(date) = numeric_date(first.trim_end_matches(',')) else { return None };
    at_clock(date, rest.trim().trim_end_matches("Uhr").trim())
}

/// `date` with the time and zone that `rest` gives ("10:15 AM GMT+1"), or alone when `rest`
/// is empty; None when `rest` is something else.
fn at_clock(date: Date, rest: &str) -> Option<DateTime> {
    if rest.is_empty() {
        return Some(DateTime { date, time: None, offset_minutes: None });
    }
    let (time, zone) = parse_clock(rest)?;
    let offset_minutes = if zone.is_empty() { None } else { Some(parse_zone(zone)?) };
    Some(DateTime { date, time: Some(time), offset_minutes })
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn parse_iso(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = Date::new(num(s.get(0..4)?)? as i32, num(s.get(5..7)?)?, num(s.get(8..10)?)?)?;
    at_clock(date, s.get(10..)?.trim_start_matches(['T', ' ']))
}

/// "10:15", "10:15:30", "10:15 AM", "10:15:30.123Z": the time and the rest (the zone).
fn parse_clock(s: &str) -> Option<((u32, u32, u32), &str)> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(s.len());
    let clock = &s[..end];
    // "10.15 BST", as The Guardian prints its times: a dot between hours and minutes.
    let dotted = !clock.contains(':') && clock.split_once('.').is_some_and(|(h, m)| (1..=2).contains(&h.len()) && m.len() == 2);
    let mut parts = clock.split(if dotted { '.' } else { ':' });
    let mut h = num(parts.next()?)?;
    let m = num(parts.next()?)?;
    let sec = parts.next().map(|p| num(p.split('.').next().unwrap_or(p))).unwrap_or(Some(0))?;
    let mut rest = s[end..].trim_start();
    let lower = rest.to_ascii_lowercase();
    for (mark, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if lower.starts_with(mark) {
            if h > 12 {
                return None;
            }
            h = if pm { h % 12 + 12 } else { h % 12 };
            rest = rest[mark.len()..].trim_start();
            break;
        }
    }
    (h < 24 && m < 60 && sec < 61).then_some(((h, m, sec), rest.trim()))
}

/// "Z", "UTC", "GMT", "GMT+1", "+01:00", "-0500", "BST", "EST", "EDT", "CET", "MSK".
fn parse_zone(z: &str) -> Option<i32> {
    let z = z.trim().trim_start_matches('(').trim_end_matches(')');
    let named = [
        ("Z", 0),
        ("UTC", 0),
        ("GMT", 0),
        ("BST", 60),
        ("CET", 60),
        ("CEST", 120),
        ("EET", 120),
        ("MSK", 180),
        ("EST", -300),
        ("EDT", -240),
        ("CST", -360),
        ("CDT", -300),
        ("MST", -420),
        ("MDT", -360),
        ("PST", -480),
        ("PDT", -420),
        ("JST", 540),
        ("KST", 540),
        ("IST", 330),
        ("AEST", 600),
        ("AEDT", 660),
        ("ET", -300),
        ("PT", -480),
    ];
    if let Some(&(_, off)) = named.iter().find(|(n, _)| n.eq_ignore_ascii_case(z)) {
        return Some(off);
    }
    let z = z.trim_start_matches("UTC").trim_start_matches("GMT");
    let (sign, digits) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' | b'\xe2' => (-1, z.trim_start_matches(['-', '−'])),
        _ => return None,
    };
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (num(&digits)?, 0),
        4 => (num(digits.get(..2)?)?, num(digits.get(2..)?)?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h as i32 * 60 + m as i32))
}

/// "October 26, 2023 10:15 AM GMT+1", "26 Oct 2023", "Thursday, October 26, 2023".
fn parse_written(s: &str) -> Option<DateTime> {
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let mut i = 0;
    // An optional weekday.
    if words.first().is_some_and(|w| weekday_from_name(w).is_some()) {
        i += 1;
    }
    let (month, day) = match (words.get(i).and_then(|w| month_from_name(w)), words.get(i + 1)) {
        (Some(m), Some(d)) => (m, num(d.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))?),
        _ => {
            let d = num(words.get(i)?.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))?;
            (month_from_name(words.get(i + 1)?)?, d)
        }
    };
    let year = num(words.get(i + 2)?)? as i32;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let date = Date::new(year, month, day)?;
    let rest: Vec<&str> = words[i + 3..].iter().copied().filter(|w| !w.eq_ignore_ascii_case("at")).collect();
    at_clock(date, &rest.join(" "))
}

/// The weekdays' names, lowercase, Monday first (as [`Date::weekday`] counts).
pub const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// 0 = Monday ... 6 = Sunday, from a weekday's name or abbreviation.
pub fn weekday_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']);
    if w.len() < 3 || w.len() > "wednesday".len() {
        return None;
    }
    DAYS.iter()
        .position(|d| d.eq_ignore_ascii_case(w) || (w.len() <= 5 && d.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())))
        .map(|i| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_weekday_names_in_any_case_and_abbreviated() {
        let months = [("October", Some(10)), ("Oct.", Some(10)), ("OCT", Some(10)), ("Sept.", Some(9)), ("SEPT", Some(9))];
        let more = [("may", Some(5)), ("Mayor", None), ("Septembers", None), ("De", None), ("Décembre", None), ("", None)];
        for (word, month) in months.into_iter().chain(more) {
            assert_eq!(month_from_name(word), month, "{word}");
        }
        let days = [("Wednesday", Some(2)), ("Wed.", Some(2)), ("THURS", Some(3)), ("Thursd", None), ("Mo", None), ("Sundays", None)];
        for (word, day) in days {
            assert_eq!(weekday_from_name(word), day, "{word}");
        }
    }

    #[test]
    fn civil_days_round_trip() {
        let d = Date::new(2023, 10, 26).unwrap();
        assert_eq!(d.weekday(), 3, "a Thursday");
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.add_days(-1).iso(), "2023-10-25");
        assert_eq!(Date::new(2024, 2, 29).unwrap().add_days(1).iso(), "2024-03-01");
        assert!(Date::new(2023, 2, 29).is_none());
    }

    #[test]
    fn timestamps_in_common_formats() {
        let cases = [
            ("2023-10-26 10:15", "2023-10-26T10:15:00"),
            ("2023-10-26T10:15:00Z", "2023-10-26T10:15:00Z"),
            ("2023-10-26T10:15:00+01:00", "2023-10-26T10:15:00+01:00"),
            ("October 26, 2023 10:15 AM GMT+1", "2023-10-26T10:15:00+01:00"),
            ("Updated Oct. 26, 2023 at 3:05 p.m. EDT", "2023-10-26T15:05:00-04:00"),
            ("26 October 2023", "2023-10-26"),
            ("Wed 14 Jun 2023 10.15 BST", "2023-06-14T10:15:00+01:00"),
            ("Updated 11:32 PM EDT, Wed October 9, 2024", "2024-10-09T23:32:00-04:00"),
            ("Published On 12 Jan 2025", "2025-01-12"),
            ("14/06/2023 10:15", "2023-06-14T10:15:00"),
            ("6/14/23", "2023-06-14"),
            ("14.06.2023 10:15 Uhr", "2023-06-14T10:15:00"),
            ("Thursday, October 26, 2023", "2023-10-26"),
            ("Published 26th Oct 2023 10:15 BST", "2023-10-26T10:15:00+01:00"),
        ];
        for (raw, iso) in cases {
            assert_eq!(parse_timestamp(raw).map(|t| t.iso()), Some(iso.to_string()), "{raw}");
        }
        // Day and month could be either way round; 31/31 is no date.
        for raw in ["Reuters", "2023-13-40", "October 2023 was cold", "", "10:15", "06/07/2023", "31/31/2023", "1.5.20.1"] {
            assert_eq!(parse_timestamp(raw), None, "{raw}");
        }
    }
}
