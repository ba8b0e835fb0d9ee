//! Times resolved as a reader resolves them: each time the grammar found gets its TIMEX3
//! value against an anchor, in text order.
//!
//! - The anchor of a relative time is the time of writing (the publication date, or the
//!   reference date passed in), except where the text sets its own: "a year earlier" counts
//!   from the time the text last named, "the quarter" is the quarter it last named, "a day
//!   after" counts from the date its sentence names.
//! - A time the text leaves open ("Friday", "April 7", "the third quarter") takes its
//!   direction from the words around it: "last" and "next", else the tense of the nearest verb
//!   ("will testify Thursday" is the coming Thursday, "said Thursday" the last one), else the
//!   nearest such time (a weekday: the last one).
//! - The value has the granularity the text gives ("six years ago" is a year, "two months
//!   ago" a month); clock times are bound to their day; parts of the day, seasons, quarters,
//!   halves, decades and centuries have their TIMEX3 forms; vague references (PRESENT_REF,
//!   PAST_REF, FUTURE_REF, "PXY") stay vague.
//!
//! The core never reads a clock: without a time of writing, relative times stay unresolved
//! and say why; absolute ones still resolve.

use super::detect::{Tense, Timex};
use super::grammar::{Count, Fields, From, Grammar, Reading, TimexType, Unit, AMBIGUOUS};
use crate::analysis::mention::{Mention, Rule};
use crate::analysis::span::{overlaps_sorted, Span};
use crate::analysis::util::timestamp::{days_in_month, Date};
use serde::{Deserialize, Serialize};

/// The granularity of a time's value, which the timeline draws differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    Day,
    Month,
    Year,
    Week,
    Time,
    Duration,
    Weekend,
    Quarter,
    Half,
    Season,
    Decade,
    Century,
    /// PRESENT_REF, PAST_REF, FUTURE_REF: now, the past, the future.
    Vague,
    /// A recurring time: "every Thursday", "annually".
    Set,
}

/// What a relative time was counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorBy {
    /// The article's publication date.
    Publication,
    /// The reference date passed in (the article states none).
    ReferenceDate,
    /// A time the text named before it.
    Text,
}

/// The time a relative time was resolved against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    /// Its TIMEX3 value: "2023-10-26", "1989-Q3".
    pub value: String,
    pub by: AnchorBy,
    /// Where the text names it (when `by` is `text`).
    pub span: Option<Span>,
}

/// Whether a time lies before, around or after the time of writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    Past,
    Present,
    /// After the time of writing: a scheduled or expected event.
    Future,
}

/// The time of writing: the date relative times count from, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Writing {
    pub date: Date,
    pub by: AnchorBy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub span: Span,
    /// The TIMEX3 type: DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    /// The granularity of the value.
    pub kind: TimeKind,
    /// The TIMEX3 value: "2023-10-26", "2023-09", "2023-W42", "1989-Q3", "2023-10-26T10:15",
    /// "1998-02-12TEV", "199", "P20M", "PXY", "XXXX-WXX-4", "PRESENT_REF"; None when a
    /// relative time has nothing to resolve against.
    pub value: Option<String>,
    /// TIMEX3's mod: "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN"...
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    /// The first day the value stands for, for ordering (None for durations, sets and vague
    /// references).
    pub sort_date: Option<Date>,
    /// Before, around or after the time of writing (None for durations and sets, or with no
    /// time of writing).
    pub when: Option<When>,
    /// What a relative time was resolved against (None for a time as written).
    pub anchor: Option<Anchor>,
    /// Which rule gave the value, or why there is none.
    pub rule: DateRule,
    /// The rule's reading of this time, for a reader: "weekday, past tense: the last one on
    /// or before publication".
    pub note: String,
    /// The sentence that mentions it.
    pub sentence: Span,
    /// The rule of the time grammar that found it.
    pub found_by: Rule,
}

impl TimeExpr {
    /// The TIMEX3 type as written: "DATE", "TIME", "DURATION" or "SET".
    pub fn kind_code(&self) -> &'static str {
        self.timex_type.code()
    }
}

/// How a time was resolved, or why it was not (snake_case in the JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRule {
    /// "20-month", "three weeks", "the past two years": a length of time, not a point.
    Duration,
    /// "two days ago", and "a year earlier" where the text has named no time before: counted
    /// from the time of writing.
    OffsetFromPublication,
    /// "a year earlier", "the year-ago quarter": counted from the time the text last named.
    OffsetFromReference,
    /// "10:15 a.m.": a clock time, on the day its text names or the day of writing.
    ClockTime,
    /// A date, month, quarter or season with its year, as printed.
    DateAsWritten,
    /// "03/04/2023" where either number could be the month.
    AmbiguousNumericDate,
    /// A month (and day) without a year: the year the tense or the nearest gives.
    MonthWithoutYear,
    /// A quarter, half or season without a year: the year the tense or the nearest gives.
    PeriodWithoutYear,
    /// "February 30".
    NotARealDate,
    /// "next Friday": the coming one.
    WeekdayNext,
    /// "last Friday": the previous one.
    WeekdayLast,
    /// "Friday" in the past tense, or with no tense: the most recent on or before.
    WeekdayRecent,
    /// "Friday" in the future tense: the coming one, on or after.
    WeekdayComing,
    /// "today", "yesterday", "tomorrow", "tonight", "this morning".
    RelativeDay,
    /// "last week", "next month", "this year", "the past year".
    RelativePeriod,
    /// "1996".
    YearAsWritten,
    /// "the 1990s", "the nineties", "the 20th century".
    DecadeOrCentury,
    /// "a day after X": from the date the same sentence names.
    RelativeToSentenceDate,
    /// "a day after X" with no date in the sentence: from the time of writing.
    RelativeToPublication,
    /// "the quarter", "that year", "the following month": the time the text last named.
    ReferenceTime,
    /// "now", "recently", "the future", "recent years": vague, kept as such.
    VagueReference,
    /// "every Thursday", "annually".
    Recurring,
    /// A relative time with no time of writing to resolve it against.
    NoPublicationDate,
    /// A time the grammar found that cannot be read.
    NotUnderstood,
}

/// A point or period of the calendar, at the granularity the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Point {
    Day(Date),
    /// An ISO week: its year and number.
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, &'static str),
    Year(i32),
    /// 199 for the 1990s.
    Decade(i32),
    /// 19 for the 20th century.
    Century(i32),
}

/// Seasons and the month each starts in, for ordering.
const SEASONS: [(&str, u32); 4] = [("SP", 3), ("SU", 6), ("FA", 9), ("WI", 12)];

/// The ISO week of `d`: its year and number.
fn iso_week(d: Date) -> (i32, u32) {
    // The Thursday of a week decides its year.
    let thursday = d.add_days(3 - i64::from(d.weekday()));
    let jan1 = Date { year: thursday.year, month: 1, day: 1 };
    (thursday.year, ((thursday.to_days() - jan1.to_days()) / 7 + 1) as u32)
}

/// The Monday of ISO week `week` of `year`.
fn week_start(year: i32, week: u32) -> Date {
    let jan4 = Date { year, month: 1, day: 4 };
    jan4.add_days(-i64::from(jan4.weekday()) + 7 * (i64::from(week) - 1))
}

/// `d` moved by `n` months, its day kept where the month has it.
fn add_months(d: Date, n: i64) -> Date {
    let total = i64::from(d.year) * 12 + i64::from(d.month) - 1 + n;
    let (year, month) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
    Date { year, month, day: d.day.min(days_in_month(year, month)) }
}

/// `d` moved by `n` units.
fn shift(d: Date, unit: Unit, n: i64) -> Date {
    match unit {
        Unit::Year => add_months(d, 12 * n),
        Unit::Month => add_months(d, n),
        Unit::Quarter => add_months(d, 3 * n),
        Unit::Decade => add_months(d, 120 * n),
        Unit::Century => add_months(d, 1200 * n),
        Unit::Week | Unit::Weekend => d.add_days(7 * n),
        Unit::Day => d.add_days(n),
        Unit::Hour | Unit::Minute | Unit::Second => d,
    }
}

impl Point {
    /// The point of granularity `like` that holds `d`.
    fn holding(d: Date, like: Point) -> Point {
        match like {
            Point::Day(_) => Point::Day(d),
            Point::Week(..) => {
                let (y, w) = iso_week(d);
                Point::Week(y, w)
            }
            Point::Weekend(..) => {
                let (y, w) = iso_week(d);
                Point::Weekend(y, w)
            }
            Point::Month(..) => Point::Month(d.year, d.month),
            Point::Quarter(..) => Point::Quarter(d.year, (d.month - 1) / 3 + 1),
            Point::Half(..) => Point::Half(d.year, (d.month - 1) / 6 + 1),
            Point::Season(..) => {
                let k = SEASONS.iter().rposition(|(_, m)| *m <= d.month).unwrap_or(3);
                // January and February are the winter that began in December.
                let year = if d.month < 3 { d.year - 1 } else { d.year };
                Point::Season(year, SEASONS[k].0)
            }
            Point::Year(_) => Point::Year(d.year),
            Point::Decade(_) => Point::Decade(d.year.div_euclid(10)),
            Point::Century(_) => Point::Century(d.year.div_euclid(100)),
        }
    }

    /// The period a unit names that holds `d`: "this week" is a week.
    fn period(d: Date, unit: Unit) -> Point {
        match unit {
            Unit::Week => Point::holding(d, Point::Week(0, 1)),
            _ => Point::of_unit(d, unit),
        }
    }

    /// The point of the granularity a unit counts in that holds `d` (so many hours from a day
    /// are a day).
    fn of_unit(d: Date, unit: Unit) -> Point {
        let like = match unit {
            Unit::Year => Point::Year(0),
            Unit::Month => Point::Month(0, 1),
            Unit::Quarter => Point::Quarter(0, 1),
            Unit::Decade => Point::Decade(0),
            Unit::Century => Point::Century(0),
            Unit::Weekend => Point::Weekend(0, 1),
            Unit::Week => Point::Week(0, 1),
            Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => Point::Day(d),
        };
        Point::holding(d, like)
    }

    /// Its first day.
    fn start(self) -> Date {
        let first = |year: i32, month: u32| Date { year, month, day: 1 };
        match self {
            Point::Day(d) => d,
            Point::Week(y, w) => week_start(y, w),
            Point::Weekend(y, w) => week_start(y, w).add_days(5),
            Point::Month(y, m) => first(y, m),
            Point::Quarter(y, q) => first(y, 3 * (q - 1) + 1),
            Point::Half(y, h) => first(y, 6 * (h - 1) + 1),
            Point::Season(y, s) => first(y, SEASONS.iter().find(|(c, _)| *c == s).map_or(1, |(_, m)| *m)),
            Point::Year(y) => first(y, 1),
            Point::Decade(d) => first(d * 10, 1),
            Point::Century(c) => first(c * 100, 1),
        }
    }

    /// The day after its last.
    fn end(self) -> Date {
        match self {
            Point::Day(d) => d.add_days(1),
            Point::Week(..) => self.start().add_days(7),
            Point::Weekend(..) => self.start().add_days(2),
            Point::Month(..) => add_months(self.start(), 1),
            Point::Quarter(..) | Point::Season(..) => add_months(self.start(), 3),
            Point::Half(..) => add_months(self.start(), 6),
            Point::Year(..) => add_months(self.start(), 12),
            Point::Decade(..) => add_months(self.start(), 120),
            Point::Century(..) => add_months(self.start(), 1200),
        }
    }

    /// Its rank among granularities, finest first.
    fn rank(self) -> u8 {
        match self {
            Point::Day(_) => 0,
            Point::Weekend(..) => 1,
            Point::Week(..) => 2,
            Point::Month(..) => 3,
            Point::Quarter(..) | Point::Season(..) => 4,
            Point::Half(..) => 5,
            Point::Year(_) => 6,
            Point::Decade(_) => 7,
            Point::Century(_) => 8,
        }
    }

    fn kind(self) -> TimeKind {
        match self {
            Point::Day(_) => TimeKind::Day,
            Point::Week(..) => TimeKind::Week,
            Point::Weekend(..) => TimeKind::Weekend,
            Point::Month(..) => TimeKind::Month,
            Point::Quarter(..) => TimeKind::Quarter,
            Point::Half(..) => TimeKind::Half,
            Point::Season(..) => TimeKind::Season,
            Point::Year(_) => TimeKind::Year,
            Point::Decade(_) => TimeKind::Decade,
            Point::Century(_) => TimeKind::Century,
        }
    }

    /// Its TIMEX3 value.
    fn value(self) -> String {
        match self {
            Point::Day(d) => d.iso(),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Season(y, s) => format!("{y:04}-{s}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }

    /// The same kind of point `n` units away.
    fn moved(self, unit: Unit, n: i64) -> Point {
        Point::holding(shift(self.start(), unit, n), self)
    }
}

/// A time of day on a point: a clock time or a part of the day.
#[derive(Debug, Clone, Copy, PartialEq)]
enum OfDay {
    Clock(u32, u32),
    Part(&'static str),
}

impl OfDay {
    fn of(f: &Fields) -> Option<OfDay> {
        if let Some(h) = f.hour {
            let h = match f.meridiem {
                Some("PM") if h < 12 => h + 12,
                Some("AM") if h == 12 => 0,
                _ => h,
            };
            return Some(OfDay::Clock(h, f.minute.unwrap_or(0)));
        }
        f.part_of_day.map(OfDay::Part)
    }

    fn suffix(self) -> String {
        match self {
            OfDay::Clock(h, m) => format!("T{h:02}:{m:02}"),
            OfDay::Part(p) => format!("T{p}"),
        }
    }
}

/// How to choose among the occurrences of a time the text leaves open ("Friday", "June").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// "last": strictly before the anchor's own.
    Before,
    /// "next": strictly after the anchor's own.
    After,
    /// "this": the one in the anchor's year (or week).
    This,
    /// The past tense: the latest on or before the anchor.
    OnOrBefore,
    /// The future tense: the earliest on or after the anchor.
    OnOrAfter,
    /// No tense: the nearest to the anchor.
    Nearest,
}

impl Direction {
    /// What a note says of it, counting from `from`.
    fn note(self, what: &str, from: &str) -> String {
        match self {
            Direction::Before => format!("{what} after \"last\": the one before {from}"),
            Direction::After => format!("{what} after \"next\": the one after {from}"),
            Direction::This => format!("{what} after \"this\": the one of {from}"),
            Direction::OnOrBefore => format!("{what} in the past tense: the last one on or before {from}"),
            Direction::OnOrAfter => format!("{what} in the future tense: the next one on or after {from}"),
            Direction::Nearest => format!("{what} with no tense: the nearest to {from}"),
        }
    }
}

/// What the text has named so far: the last point of each granularity, with where it is.
#[derive(Debug, Default)]
struct Memory {
    /// By rank (see [`Point::rank`]).
    last: [Option<(Point, Span)>; 9],
    /// The last point named at all.
    any: Option<(Point, Span)>,
    /// The last quarter named as a quarter ("the third quarter", not a day in one).
    quarter: Option<(Point, Span)>,
}

impl Memory {
    /// Remembers a point the text names, and the coarser points it lies in.
    fn named(&mut self, p: Point, span: Span) {
        self.any = Some((p, span));
        if let Point::Quarter(..) = p {
            self.quarter = Some((p, span));
        }
        let d = p.start();
        for like in [
            Point::Day(d),
            Point::Weekend(0, 1),
            Point::Week(0, 1),
            Point::Month(0, 1),
            Point::Quarter(0, 1),
            Point::Half(0, 1),
            Point::Year(0),
            Point::Decade(0),
            Point::Century(0),
        ] {
            // A season is no quarter: it leaves the last quarter named as it was.
            let season_quarter = like.rank() == 4 && matches!(p, Point::Season(..));
            if like.rank() >= p.rank() && !season_quarter {
                self.last[like.rank() as usize] = Some((Point::holding(d, like), span));
            }
        }
    }
}

/// The state of resolution as it goes through the text.
struct Context {
    writing: Option<Writing>,
    memory: Memory,
    /// The current sentence, and the last day its text has named.
    sentence: Span,
    sentence_day: Option<(Date, Span)>,
    /// The last day the current sentence names with its month ("on Aug. 7"): the story's
    /// time, which a weekday after it counts from.
    sentence_date: Option<(Date, Span)>,
    /// The last point its text has named in the current sentence, finer than a year.
    sentence_point: Option<(Point, Span)>,
}

/// A time's reading before it is written out.
struct Resolved {
    point: Option<Point>,
    of_day: Option<OfDay>,
    /// A value that is no point (a duration, a set, a vague reference).
    other: Option<(String, TimeKind)>,
    rule: DateRule,
    note: String,
    anchor: Option<Anchor>,
}

impl Resolved {
    fn point(point: Point, rule: DateRule, note: impl Into<String>, anchor: Option<Anchor>) -> Resolved {
        Resolved { point: Some(point), of_day: None, other: None, rule, note: note.into(), anchor }
    }

    fn other(value: String, kind: TimeKind, rule: DateRule, note: impl Into<String>) -> Resolved {
        Resolved { point: None, of_day: None, other: Some((value, kind)), rule, note: note.into(), anchor: None }
    }

    fn unresolved(rule: DateRule, note: impl Into<String>) -> Resolved {
        Resolved { point: None, of_day: None, other: None, rule, note: note.into(), anchor: None }
    }

    /// Unresolved for want of a time of writing.
    fn no_writing(what: &str) -> Resolved {
        Resolved::unresolved(DateRule::NoPublicationDate, format!("{what}; no publication date to resolve against"))
    }
}

impl Context {
    fn writing_anchor(&self) -> Option<Anchor> {
        self.writing.map(|w| Anchor { value: w.date.iso(), by: w.by, span: None })
    }

    fn text_anchor(p: Point, span: Span) -> Anchor {
        Anchor { value: p.value(), by: AnchorBy::Text, span: Some(span) }
    }

    /// "publication" or "the reference date", for notes.
    fn writing_name(&self) -> &'static str {
        match self.writing.map(|w| w.by) {
            Some(AnchorBy::ReferenceDate) => "the reference date",
            _ => "publication",
        }
    }
}

/// Resolves the times `times` found (in text order) in `text`, dropping those a name
/// overlaps ("Friday" in "Man Friday"). `writing` is the time of writing.
pub fn resolve(sentences: &[Span], mentions: &[Mention], times: &[Timex], writing: Option<Writing>) -> Vec<TimeExpr> {
    let grammar = Grammar::get();
    let names: Vec<Span> = mentions.iter().filter(|m| m.label.is_name()).map(|m| m.span).collect();
    let mut ctx = Context {
        writing,
        memory: Memory::default(),
        sentence: Span::default(),
        sentence_day: None,
        sentence_date: None,
        sentence_point: None,
    };
    let mut out = Vec::with_capacity(times.len());
    for t in times {
        let Some(row) = grammar.rows.get(t.row) else { continue };
        if overlaps_sorted(&names, t.span) {
            continue;
        }
        let k = sentences.partition_point(|s| s.start <= t.span.start);
        let sentence = k.checked_sub(1).map(|k| sentences[k]).filter(|s| s.contains(t.span)).unwrap_or(t.span);
        if sentence != ctx.sentence {
            ctx.sentence = sentence;
            ctx.sentence_day = None;
            ctx.sentence_date = None;
            ctx.sentence_point = None;
        }
        let r = read(row.reading, &t.fields, t.tense, &ctx);
        let modifier = t.fields.modifier.map(str::to_string);
        let (value, kind, sort_date, when) = match (r.point, r.other) {
            (Some(p), _) => {
                let value = match r.of_day {
                    Some(o) => format!("{}{}", Point::Day(p.start()).value(), o.suffix()),
                    None => p.value(),
                };
                let kind = if r.of_day.is_some() { TimeKind::Time } else { p.kind() };
                let when = ctx.writing.map(|w| {
                    if p.end() <= w.date {
                        When::Past
                    } else if p.start() > w.date {
                        When::Future
                    } else {
                        When::Present
                    }
                });
                (Some(value), kind, Some(p.start()), when)
            }
            (None, Some((value, kind))) => {
                let when = match value.as_str() {
                    "PRESENT_REF" => Some(When::Present),
                    "PAST_REF" => Some(When::Past),
                    "FUTURE_REF" => Some(When::Future),
                    _ => None,
                };
                (Some(value), kind, None, when)
            }
            (None, None) => (None, unresolved_kind(row.reading, row.kind, &t.fields), None, None),
        };
        let timex_type = match (row.kind, r.of_day) {
            (TimexType::Date, Some(_)) => TimexType::Time,
            (kind, _) => kind,
        };
        out.push(TimeExpr {
            span: t.span,
            timex_type,
            kind,
            value,
            modifier,
            sort_date,
            when,
            anchor: r.anchor,
            rule: r.rule,
            note: r.note,
            sentence,
            found_by: row.rule,
        });
        if let Some(p) = r.point {
            // Times counted from another the text named do not move the reference time:
            // after "the quarter … a year earlier", "the quarter" is still the same.
            let compared = matches!(t.fields.from, Some(From::Reference | From::Sentence))
                || matches!(r.rule, DateRule::OffsetFromReference | DateRule::RelativeToSentenceDate | DateRule::ReferenceTime);
            if !compared {
                ctx.memory.named(p, t.span);
            }
            if let (Point::Day(d), true) = (p, t.fields.month.is_some() && t.fields.day.is_some()) {
                ctx.sentence_date = Some((d, t.span));
            }
            if p.rank() < 6 {
                ctx.sentence_point = Some((p, t.span));
            }
            // A clock time bound to the day of writing names no day of its own.
            if let (Point::Day(d), false) = (p, r.rule == DateRule::ClockTime) {
                ctx.sentence_day = Some((d, t.span));
            }
        }
    }
    out
}

/// The granularity an unresolved time would have had.
fn unresolved_kind(reading: Reading, kind: TimexType, f: &Fields) -> TimeKind {
    match (reading, kind) {
        (Reading::Duration, _) => TimeKind::Duration,
        (Reading::Set, _) => TimeKind::Set,
        (_, TimexType::Time) => TimeKind::Time,
        _ if f.hour.is_some() || f.part_of_day.is_some() => TimeKind::Time,
        _ if f.day.is_some() || f.weekday.is_some() || f.relative_day.is_some() => TimeKind::Day,
        _ if f.month.is_some() => TimeKind::Month,
        _ => match f.unit {
            Some(Unit::Week) => TimeKind::Week,
            Some(Unit::Month) => TimeKind::Month,
            Some(Unit::Quarter) => TimeKind::Quarter,
            Some(Unit::Year) => TimeKind::Year,
            _ => TimeKind::Day,
        },
    }
}

/// One time's reading.
fn read(reading: Reading, f: &Fields, tense: Tense, ctx: &Context) -> Resolved {
    match reading {
        Reading::Duration => duration(f),
        Reading::Set => set(f),
        Reading::Vague => match f.reference {
            Some(v) => Resolved::other(v.to_string(), TimeKind::Vague, DateRule::VagueReference, "a vague reference, kept as such"),
            None => Resolved::unresolved(DateRule::NotUnderstood, "not understood"),
        },
        Reading::Offset => offset(f, ctx),
        Reading::Anaphor => anaphor(f, ctx),
        Reading::Date => {
            let of_day = OfDay::of(f);
            let has_date = f.year.is_some()
                || f.month.is_some()
                || f.weekday.is_some()
                || f.relative_day.is_some()
                || f.unit.is_some()
                || f.season.is_some()
                || f.decade.is_some()
                || f.decade_of_century.is_some();
            match of_day {
                // A clock time alone ("10:15 a.m."): on the day the sentence names, else the day of writing.
                Some(o) if !has_date => clock_alone(o, ctx),
                _ => {
                    let mut r = date(f, tense, ctx);
                    if r.point.is_some() {
                        r.of_day = of_day;
                    }
                    r
                }
            }
        }
    }
}

/// A clock time with no day of its own: bound to the day its sentence names, else to the day
/// of writing.
fn clock_alone(o: OfDay, ctx: &Context) -> Resolved {
    if let Some((d, at)) = ctx.sentence_day {
        let mut r = Resolved::point(
            Point::Day(d),
            DateRule::ClockTime,
            "clock time, on the day its sentence names",
            Some(Context::text_anchor(Point::Day(d), at)),
        );
        r.of_day = Some(o);
        return r;
    }
    match ctx.writing {
        Some(w) => {
            let note = format!("clock time, on the day of {}", ctx.writing_name());
            let mut r = Resolved::point(Point::Day(w.date), DateRule::ClockTime, note, ctx.writing_anchor());
            r.of_day = Some(o);
            r
        }
        None => {
            let value = o.suffix();
            Resolved::other(value, TimeKind::Time, DateRule::ClockTime, "clock time; no publication date to bind it to a day")
        }
    }
}

/// A count as a number, if it is one.
fn count_of(f: &Fields) -> Option<f64> {
    match f.count {
        Some(Count::N(n)) => Some(n),
        _ => None,
    }
}

/// TIMEX3's letters for a unit in a duration, and whether they follow a "T".
fn duration_unit(u: Unit) -> (&'static str, bool) {
    match u {
        Unit::Year => ("Y", false),
        Unit::Month => ("M", false),
        Unit::Week => ("W", false),
        Unit::Day => ("D", false),
        Unit::Hour => ("H", true),
        Unit::Minute => ("M", true),
        Unit::Second => ("S", true),
        Unit::Quarter => ("Q", false),
        Unit::Decade => ("DE", false),
        Unit::Century => ("CE", false),
        Unit::Weekend => ("WE", false),
    }
}

/// "P3M", "PT24H", "P20Y" (two decades), "PXY" (several years).
fn duration(f: &Fields) -> Resolved {
    let Some(unit) = f.unit else { return Resolved::unresolved(DateRule::NotUnderstood, "a duration without a unit") };
    let value = match f.count {
        Some(Count::N(n)) => {
            // Decades and centuries as years; a fraction as the next unit down.
            let (n, unit) = match unit {
                Unit::Decade => (n * 10.0, Unit::Year),
                Unit::Century => (n * 100.0, Unit::Year),
                _ => (n, unit),
            };
            let (letters, t) = duration_unit(unit);
            let t = if t { "T" } else { "" };
            let (whole, frac) = (n.trunc(), n.fract());
            match unit {
                _ if frac == 0.0 => format!("P{t}{whole}{letters}"),
                Unit::Year => format!("P{whole}Y{}M", (frac * 12.0).round()),
                Unit::Day => format!("P{whole}DT{}H", (frac * 24.0).round()),
                Unit::Hour => format!("PT{whole}H{}M", (frac * 60.0).round()),
                _ => format!("P{t}{n}{letters}"),
            }
        }
        _ => {
            let (letters, t) = duration_unit(unit);
            format!("P{}X{letters}", if t { "T" } else { "" })
        }
    };
    let note = if matches!(f.count, Some(Count::N(_))) { "a length of time" } else { "a length of time the text leaves vague" };
    Resolved::other(value, TimeKind::Duration, DateRule::Duration, note)
}

/// "P1D" (daily), "XXXX-WXX-4" (every Thursday), "XXXX-07" (each July), "P1Y" (each year).
fn set(f: &Fields) -> Resolved {
    let value = if let Some(v) = f.frequency {
        v.to_string()
    } else if let Some(d) = f.weekday {
        let mut v = format!("XXXX-WXX-{d}");
        if let Some(p) = f.part_of_day {
            v.push_str(&format!("T{p}"));
        }
        v
    } else if let Some(m) = f.month {
        format!("XXXX-{m:02}")
    } else if let Some(s) = f.season {
        format!("XXXX-{s}")
    } else if let Some(unit) = f.unit {
        let (letters, t) = duration_unit(unit);
        format!("P{}1{letters}", if t { "T" } else { "" })
    } else {
        return Resolved::unresolved(DateRule::NotUnderstood, "a recurring time without a period");
    };
    Resolved::other(value, TimeKind::Set, DateRule::Recurring, "a recurring time")
}

/// "two years ago", "a year earlier", "a day after", "the year-ago quarter".
fn offset(f: &Fields, ctx: &Context) -> Resolved {
    let Some(unit) = f.unit else { return Resolved::unresolved(DateRule::NotUnderstood, "an offset without a unit") };
    let dir = i64::from(f.direction.unwrap_or(-1));
    let from = f.from.unwrap_or(From::Writing);
    let Some(n) = count_of(f) else {
        // "several years ago": vague.
        let value = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return Resolved::other(value.into(), TimeKind::Vague, DateRule::VagueReference, "so many units the text leaves vague: kept vague");
    };
    // Whole units: "2 1/2 years" counts as its months.
    let (n, unit) =
        if n.fract() != 0.0 && unit == Unit::Year { ((n * 12.0).round() as i64, Unit::Month) } else { (n.round() as i64, unit) };
    // The text's own time: for "earlier" and "later" the last it named; for "ago", a time finer
    // than the unit its sentence named ("third-quarter profit … a year ago" is that quarter's).
    let unit_rank = Point::of_unit(Date { year: 2000, month: 1, day: 1 }, unit).rank();
    let in_sentence = ctx.sentence_point.filter(|(p, _)| p.rank() < unit_rank);
    // "Profit rose … from $5 million a year ago": in a story of a quarter's results, the same
    // quarter a year before.
    let quarter = if unit == Unit::Year { ctx.memory.quarter } else { None };
    let text_point = match from {
        From::Sentence => ctx.sentence_day.map(|(d, s)| (Point::Day(d), s)),
        // "ago" counts from the time of writing, save for a quarter's results.
        From::Writing => in_sentence.filter(|(p, _)| matches!(p, Point::Quarter(..))).or(quarter),
        // A year earlier than what: the quarter, else the time of writing's year; a shorter
        // span earlier than the time the text last named.
        From::Reference => in_sentence.or(quarter).or(if unit_rank < 6 { ctx.memory.any } else { None }),
    };
    if let Some((p, at)) = text_point {
        let point = if p.rank() <= Point::of_unit(p.start(), unit).rank() {
            p.moved(unit, dir * n)
        } else {
            Point::of_unit(shift(p.start(), unit, dir * n), unit)
        };
        let (rule, note) = match from {
            From::Sentence => (DateRule::RelativeToSentenceDate, "relative to the date in the same sentence"),
            _ => (DateRule::OffsetFromReference, "counted from the time the text named before it"),
        };
        return Resolved::point(point, rule, note, Some(Context::text_anchor(p, at)));
    }
    let Some(w) = ctx.writing else { return Resolved::no_writing("relative") };
    let point = match f.grain {
        // "The year-ago quarter" with no quarter named: the last whole quarter's.
        Some(Unit::Quarter) => Point::holding(w.date, Point::Quarter(0, 1)).moved(Unit::Quarter, -1).moved(unit, dir * n),
        _ => Point::of_unit(shift(w.date, unit, dir * n), unit),
    };
    let (rule, note) = match from {
        From::Sentence => (DateRule::RelativeToPublication, format!("relative to {}", ctx.writing_name())),
        _ => (DateRule::OffsetFromPublication, format!("counted from {}", ctx.writing_name())),
    };
    Resolved::point(point, rule, note, ctx.writing_anchor())
}

/// "the quarter", "that year", "the following month", "the morning": the time the text last
/// named at that unit, else the time of writing's.
fn anaphor(f: &Fields, ctx: &Context) -> Resolved {
    let unit = f.unit.unwrap_or(Unit::Day);
    let like = Point::period(Date { year: 2000, month: 1, day: 1 }, unit);
    let moved = |p: Point| match f.anaphoric {
        Some(s) if s != 0 => p.moved(unit, i64::from(s)),
        _ => p,
    };
    // "the quarter" is the last one named as a quarter, not the quarter a day lies in.
    let last = if unit == Unit::Quarter { ctx.memory.quarter } else { ctx.memory.last.get(like.rank() as usize).copied().flatten() };
    let mut r = match last {
        Some((p, at)) => {
            Resolved::point(moved(p), DateRule::ReferenceTime, "the time the text last named", Some(Context::text_anchor(p, at)))
        }
        None => match ctx.writing {
            Some(w) => {
                // "the quarter" with none named: the last whole one before writing.
                let p = if unit == Unit::Quarter {
                    Point::holding(w.date, like).moved(Unit::Quarter, -1)
                } else {
                    Point::holding(w.date, like)
                };
                let note = format!("the text names none before it: that of {}", ctx.writing_name());
                Resolved::point(moved(p), DateRule::ReferenceTime, note, ctx.writing_anchor())
            }
            None => return Resolved::no_writing("a reference to a time named before"),
        },
    };
    r.of_day = f.part_of_day.map(OfDay::Part);
    r
}

/// A date: as written, or relative to the time of writing, in a direction.
fn date(f: &Fields, tense: Tense, ctx: &Context) -> Resolved {
    if f.reference == Some(AMBIGUOUS) {
        return Resolved::unresolved(DateRule::AmbiguousNumericDate, "day and month could be either way round");
    }
    let quarter = f.quarter.or_else(|| f.ordinal.filter(|q| (1..=4).contains(q) && f.unit == Some(Unit::Quarter)));
    // Decades and centuries.
    if let Some(d) = f.decade {
        return Resolved::point(Point::Decade(d), DateRule::DecadeOrCentury, "decade as written", None);
    }
    if let (Some(n), Some(Unit::Century)) = (f.ordinal, f.unit) {
        return Resolved::point(Point::Century(n as i32 - 1), DateRule::DecadeOrCentury, "century as written", None);
    }
    if let Some(d) = f.decade_of_century {
        let Some(w) = ctx.writing else { return Resolved::no_writing("a decade without its century") };
        // The latest such decade not after the time of writing's.
        let now = w.date.year.div_euclid(10);
        let mut decade = now - now.rem_euclid(10) + d;
        if decade > now {
            decade -= 10;
        }
        let note = format!("decade without its century: the last one up to {}", ctx.writing_name());
        return Resolved::point(Point::Decade(decade), DateRule::DecadeOrCentury, note, ctx.writing_anchor());
    }
    // The year, as written or from "this year", "last year".
    let year = f.year.or_else(|| {
        let shift = f.shift?;
        (f.unit == Some(Unit::Year)).then_some(())?;
        ctx.writing.map(|w| w.date.year + shift)
    });
    let relative_year = f.year.is_none() && year.is_some();
    if let Some(y) = year {
        let (rule, note) = if relative_year {
            (DateRule::RelativePeriod, format!("the year from {}", ctx.writing_name()))
        } else if f.month.is_some() || quarter.is_some() || f.season.is_some() || f.half.is_some() {
            (DateRule::DateAsWritten, "date as written".to_string())
        } else {
            (DateRule::YearAsWritten, if f.fiscal { "fiscal year as written".to_string() } else { "year as written".to_string() })
        };
        let anchor = if relative_year { ctx.writing_anchor() } else { None };
        let point = match (f.month, f.day, quarter, f.half, f.season) {
            (Some(m), Some(d), ..) => match Date::new(y, m, d) {
                Some(date) => Point::Day(date),
                None => return Resolved::unresolved(DateRule::NotARealDate, "not a real date"),
            },
            (Some(m), None, ..) => Point::Month(y, m),
            (None, _, Some(q), ..) => Point::Quarter(y, q),
            (None, _, None, Some(h), _) => Point::Half(y, h),
            (None, _, None, None, Some(s)) => Point::Season(y, s),
            _ => Point::Year(y),
        };
        return Resolved::point(point, rule, note, anchor);
    }
    let Some(w) = ctx.writing else {
        let what = if f.weekday.is_some() {
            "weekday"
        } else if f.month.is_some() {
            "month without a year"
        } else if f.relative_day.is_some() {
            "relative day"
        } else {
            "relative"
        };
        return Resolved::no_writing(what);
    };
    // Days named from today.
    if let Some(d) = f.relative_day {
        let day = w.date.add_days(i64::from(d));
        return Resolved::point(Point::Day(day), DateRule::RelativeDay, format!("from {}", ctx.writing_name()), ctx.writing_anchor());
    }
    // "last week", "this quarter", "next month", "the past year".
    let cyclic = f.month.is_some() || f.weekday.is_some() || quarter.is_some() || f.half.is_some() || f.season.is_some();
    if let (Some(unit), Some(s), false) = (f.unit, f.shift, cyclic) {
        if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
            return Resolved::unresolved(DateRule::NotUnderstood, "a period shorter than a day");
        }
        let p = Point::period(w.date, unit).moved(unit, i64::from(s));
        return Resolved::point(p, DateRule::RelativePeriod, format!("from {}", ctx.writing_name()), ctx.writing_anchor());
    }
    // Cyclic times without a year: "Friday", "June 14", "the third quarter", "the weekend".
    let direction = match (f.shift, f.anaphoric, tense) {
        (Some(s), ..) if s < 0 => Direction::Before,
        (Some(s), ..) if s > 0 => Direction::After,
        (Some(_), ..) => Direction::This,
        (None, Some(s), _) if s < 0 => Direction::Before,
        (None, Some(s), _) if s > 0 => Direction::After,
        (None, _, Tense::Past) => Direction::OnOrBefore,
        // A quarter is reported after it ends: "expects to report third-quarter profit".
        (None, _, Tense::Future) if quarter.is_some() || f.half.is_some() => Direction::Nearest,
        (None, _, Tense::Future) => Direction::OnOrAfter,
        (None, _, Tense::Unknown) if f.weekday.is_some() || f.unit == Some(Unit::Weekend) => Direction::OnOrBefore,
        (None, _, Tense::Unknown) => Direction::Nearest,
    };
    // The anchor: "the previous Friday" counts from the day the text last named; a weekday or
    // a date in a sentence that names a day before it, from that day (the story's time).
    let (anchor_day, anchor) = match (f.anaphoric, ctx.sentence_date) {
        (Some(_), _) => match ctx.memory.last[0] {
            Some((Point::Day(d), at)) => (d, Some(Context::text_anchor(Point::Day(d), at))),
            _ => (w.date, ctx.writing_anchor()),
        },
        (None, Some((d, at))) if f.weekday.is_some() && f.month.is_none() && f.shift.is_none() => {
            (d, Some(Context::text_anchor(Point::Day(d), at)))
        }
        _ => (w.date, ctx.writing_anchor()),
    };
    let from = if anchor.as_ref().is_some_and(|a| a.by == AnchorBy::Text) { "the day the text named" } else { ctx.writing_name() };
    let (candidates, rule, what): (Vec<Point>, DateRule, &str) = if let Some(wd) = f.weekday {
        let base = anchor_day.add_days(-i64::from(anchor_day.weekday()));
        let days = (-2..=2).map(|k| Point::Day(base.add_days(7 * k + i64::from(wd) - 1))).collect();
        let rule = match direction {
            Direction::Before => DateRule::WeekdayLast,
            Direction::After => DateRule::WeekdayNext,
            Direction::OnOrAfter => DateRule::WeekdayComing,
            _ => DateRule::WeekdayRecent,
        };
        (days, rule, "weekday")
    } else if let Some(m) = f.month {
        let y = anchor_day.year;
        let points = (y - 1..=y + 1)
            .filter_map(|y| match f.day {
                Some(d) => Date::new(y, m, d).map(Point::Day),
                None => Some(Point::Month(y, m)),
            })
            .collect::<Vec<_>>();
        if points.is_empty() {
            return Resolved::unresolved(DateRule::NotARealDate, "not a real date");
        }
        (points, DateRule::MonthWithoutYear, "month without a year")
    } else if let Some(q) = quarter {
        let y = anchor_day.year;
        ((y - 1..=y + 1).map(|y| Point::Quarter(y, q)).collect(), DateRule::PeriodWithoutYear, "quarter without a year")
    } else if let Some(h) = f.half {
        let y = anchor_day.year;
        ((y - 1..=y + 1).map(|y| Point::Half(y, h)).collect(), DateRule::PeriodWithoutYear, "half without a year")
    } else if let Some(s) = f.season {
        let y = anchor_day.year;
        ((y - 1..=y + 1).map(|y| Point::Season(y, s)).collect(), DateRule::PeriodWithoutYear, "season without a year")
    } else if f.unit == Some(Unit::Weekend) {
        let weeks = (-2..=2).map(|k| Point::holding(anchor_day.add_days(7 * k), Point::Weekend(0, 1))).collect();
        (weeks, DateRule::RelativePeriod, "weekend")
    } else {
        return Resolved::unresolved(DateRule::NotUnderstood, "not understood");
    };
    // "this Friday": the one of the anchor's week (the middle candidate).
    let this_week = (f.weekday.is_some() && direction == Direction::This).then(|| candidates[2]);
    // A month or a season the tense points to that lies further than the reach of a year's
    // news is not what the text means: "payable Dec. 15" in a story that "declared" it in
    // October is the coming one. Weekdays keep the tense.
    let direction = match direction {
        Direction::OnOrBefore | Direction::OnOrAfter if f.weekday.is_none() => {
            let far =
                choose(&candidates, anchor_day, direction, f.day.is_some()).is_none_or(|p| distance(&p, anchor_day) > TENSE_REACH_DAYS);
            if far {
                Direction::Nearest
            } else {
                direction
            }
        }
        d => d,
    };
    let Some(point) = this_week.or_else(|| choose(&candidates, anchor_day, direction, f.day.is_some())) else {
        return Resolved::unresolved(DateRule::NotUnderstood, "not understood");
    };
    Resolved::point(point, rule, direction.note(what, from), anchor)
}

/// How far from the time of writing a month or a season the tense points to may lie (in days).
const TENSE_REACH_DAYS: i64 = 270;

/// Days from `anchor` to `p` (0 when `p` holds it).
fn distance(p: &Point, anchor: Date) -> i64 {
    let (a, s, e) = (anchor.to_days(), p.start().to_days(), p.end().to_days());
    if a < s {
        s - a
    } else if a >= e {
        a - e + 1
    } else {
        0
    }
}

/// The candidate `direction` picks around `anchor` (candidates in time order). A date in the
/// past tense may lie a few days after the anchor (a story written ahead of its date).
fn choose(candidates: &[Point], anchor: Date, direction: Direction, is_day: bool) -> Option<Point> {
    let own = |p: &Point| p.start() <= anchor && anchor < p.end();
    let leeway = if is_day { 7 } else { 0 };
    // "last February" said in March is a year ago ("last month" would say the other).
    let month = |p: &Point| matches!(p, Point::Month(..));
    match direction {
        Direction::Before => {
            candidates.iter().rev().find(|p| p.end() <= anchor && !own(p) && !(month(p) && p.end() > anchor.add_days(-28))).copied()
        }
        Direction::After => {
            candidates.iter().find(|p| p.start() > anchor && !own(p) && !(month(p) && p.start() < anchor.add_days(28))).copied()
        }
        Direction::This => candidates.iter().find(|p| p.start().year == anchor.year || own(p)).copied(),
        Direction::OnOrBefore => candidates.iter().rev().find(|p| p.start() <= anchor.add_days(leeway)).copied(),
        Direction::OnOrAfter => candidates.iter().find(|p| p.end() > anchor).copied(),
        Direction::Nearest => candidates
            .iter()
            .min_by_key(|p| {
                let (a, s, e) = (anchor.to_days(), p.start().to_days(), p.end().to_days());
                // Past ones win a tie: news mostly looks back.
                if a < s {
                    2 * (s - a) + 1
                } else if a >= e {
                    2 * (a - e + 1)
                } else {
                    0
                }
            })
            .copied(),
    }
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
             Last week was not. They met in September and will meet next Tuesday. The 20-month war goes on. On Oct. 30 there were \
             talks and on Dec. 5 there will be more. Three days ago it rained.",
        );
        let want = [
            ("Thursday", Some("2023-10-26")),
            ("a day after", Some("2023-10-25")),
            ("Yesterday", Some("2023-10-25")),
            ("Last week", Some("2023-W42")),
            ("September", Some("2023-09")),
            ("next Tuesday", Some("2023-10-31")),
            ("20-month", Some("P20M")),
            ("Oct. 30", Some("2023-10-30")),
            ("Dec. 5", Some("2023-12-05")),
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
