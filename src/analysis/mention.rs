//! The mention model every stage after the tagger shares: a [`Mention`] is a span of the
//! analysis text with a [`Label`] and the [`Source`] that decided it; mentions of one name
//! merge into an [`Entity`].

use super::span::Span;
use serde::{Deserialize, Serialize};

/// Entity types, OntoNotes-style where the model's four CoNLL types are refined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "NORP")]
    Norp,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "GPE")]
    Gpe,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
    #[serde(rename = "DATE")]
    Date,
    #[serde(rename = "TIME")]
    Time,
    #[serde(rename = "MONEY")]
    Money,
    #[serde(rename = "PERCENT")]
    Percent,
    #[serde(rename = "QUANTITY")]
    Quantity,
    #[serde(rename = "CARDINAL")]
    Cardinal,
    #[serde(rename = "ORDINAL")]
    Ordinal,
}

impl Label {
    pub const ALL: [Label; 13] = [
        Label::Person,
        Label::Norp,
        Label::Org,
        Label::Gpe,
        Label::Loc,
        Label::Misc,
        Label::Date,
        Label::Time,
        Label::Money,
        Label::Percent,
        Label::Quantity,
        Label::Cardinal,
        Label::Ordinal,
    ];

    /// The short code: "PER", "GPE", ...
    pub fn code(self) -> &'static str {
        match self {
            Label::Person => "PER",
            Label::Norp => "NORP",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
            Label::Cardinal => "CARDINAL",
            Label::Ordinal => "ORDINAL",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Label::Person => "Person",
            Label::Norp => "Nationality or group",
            Label::Org => "Organization",
            Label::Gpe => "Country, city or state",
            Label::Loc => "Location",
            Label::Misc => "Other name",
            Label::Date => "Date",
            Label::Time => "Time",
            Label::Money => "Money",
            Label::Percent => "Percent",
            Label::Quantity => "Quantity",
            Label::Cardinal => "Number",
            Label::Ordinal => "Ordinal",
        }
    }

    /// Names (people, places, organizations, groups) as opposed to values.
    pub fn is_name(self) -> bool {
        matches!(self, Label::Person | Label::Norp | Label::Org | Label::Gpe | Label::Loc | Label::Misc)
    }
}

/// Why a mention was tagged.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Source {
    /// The statistical tagger, with its confidence (0..1, the lowest over the mention's tokens).
    Model { confidence: f32 },
    /// A gazetteer entry (the lexicon) decided or refined the type.
    Gazetteer { confidence: f32 },
    /// A rule: a row of the name rules' table (`rules::table`) or of the value grammar
    /// (`dates::detect`).
    Rule { rule: Rule },
}

/// Every rule that makes or relabels a mention, by the id the JSON gives it (snake_case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    // Names: the rows of `rules::table::RULES`.
    NamedStorm,
    FacilityName,
    SeatOfInstitution,
    OrganisationWord,
    NameAfterRole,
    CreditLine,
    Dateline,
    PoliticalParty,
    KnownOrganisation,
    NewsOrganisation,
    SameNameElsewhere,
    // Values: the rows of the time grammar (`lists/time_grammar.tsv`), then of the numbers'
    // (`dates::detect::GRAMMAR`).
    MonthName,
    DayAndMonth,
    Weekday,
    RelativeDay,
    RelativePeriod,
    Duration,
    IsoDate,
    NumericDate,
    Year,
    ClockTime,
    Offset,
    Quarter,
    Season,
    PartOfDay,
    Decade,
    VagueReference,
    Frequency,
    ReferenceTime,
    CurrencySign,
    Percent,
    CurrencyName,
    Unit,
    Number,
    Ordinal,
}

impl Rule {
    /// Every rule, in the order of the enum.
    pub const ALL: [Rule; 35] = [
        Rule::NamedStorm,
        Rule::FacilityName,
        Rule::SeatOfInstitution,
        Rule::OrganisationWord,
        Rule::NameAfterRole,
        Rule::CreditLine,
        Rule::Dateline,
        Rule::PoliticalParty,
        Rule::KnownOrganisation,
        Rule::NewsOrganisation,
        Rule::SameNameElsewhere,
        Rule::MonthName,
        Rule::DayAndMonth,
        Rule::Weekday,
        Rule::RelativeDay,
        Rule::RelativePeriod,
        Rule::Duration,
        Rule::IsoDate,
        Rule::NumericDate,
        Rule::Year,
        Rule::ClockTime,
        Rule::Offset,
        Rule::Quarter,
        Rule::Season,
        Rule::PartOfDay,
        Rule::Decade,
        Rule::VagueReference,
        Rule::Frequency,
        Rule::ReferenceTime,
        Rule::CurrencySign,
        Rule::Percent,
        Rule::CurrencyName,
        Rule::Unit,
        Rule::Number,
        Rule::Ordinal,
    ];

    /// What the rule does, in a few words for a reader ("seat of an institution").
    pub fn describe(self) -> &'static str {
        match self {
            Rule::NamedStorm => "named storm",
            Rule::FacilityName => "facility name",
            Rule::SeatOfInstitution => "seat of an institution",
            Rule::OrganisationWord => "organisation word",
            Rule::NameAfterRole => "name after a role",
            Rule::CreditLine => "credit line",
            Rule::Dateline => "dateline",
            Rule::PoliticalParty => "political party",
            Rule::KnownOrganisation => "known organisation",
            Rule::NewsOrganisation => "news organisation",
            Rule::SameNameElsewhere => "same name elsewhere in the article",
            Rule::MonthName => "month name",
            Rule::DayAndMonth => "day and month",
            Rule::Weekday => "weekday",
            Rule::RelativeDay => "relative day",
            Rule::RelativePeriod => "relative period",
            Rule::Duration => "duration",
            Rule::IsoDate => "ISO date",
            Rule::NumericDate => "numeric date",
            Rule::Year => "year",
            Rule::ClockTime => "clock time",
            Rule::Offset => "time before or after another",
            Rule::Quarter => "quarter or half of a year",
            Rule::Season => "season",
            Rule::PartOfDay => "part of a day",
            Rule::Decade => "decade or century",
            Rule::VagueReference => "vague reference to now, the past or the future",
            Rule::Frequency => "recurring time",
            Rule::ReferenceTime => "the time the text last named",
            Rule::CurrencySign => "currency sign",
            Rule::Percent => "percent",
            Rule::CurrencyName => "currency name",
            Rule::Unit => "unit",
            Rule::Number => "number",
            Rule::Ordinal => "ordinal",
        }
    }
}

/// The value of a `by` field.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum By {
    Model,
    Gazetteer,
    Rule,
}

/// The shape `#[serde(tag = "by")]` gives (`{"by": "model", "confidence": 0.9}`), with `by`
/// as a unit variant, not a string: the JS API's serializer (serde-wasm-bindgen) then makes
/// a JS string once per variant instead of once per mention (decoding strings fell from 3.4%
/// to 1% of the page's call on 1 MB, by tests/e2e/bench/profile.mjs). A [`Rule`] is one too.
impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Source", 2)?;
        match self {
            Source::Model { confidence } => {
                out.serialize_field("by", &By::Model)?;
                out.serialize_field("confidence", confidence)?;
            }
            Source::Gazetteer { confidence } => {
                out.serialize_field("by", &By::Gazetteer)?;
                out.serialize_field("confidence", confidence)?;
            }
            Source::Rule { rule } => {
                out.serialize_field("by", &By::Rule)?;
                out.serialize_field("rule", rule)?;
            }
        }
        out.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub label: Label,
    /// Index into `Analysis::entities`.
    pub entity: usize,
    pub source: Source,
    /// A title or role the text gives this person right before the name
    /// ("President", "Kremlin spokesman").
    pub role: Option<Span>,
}

impl Mention {
    /// A mention not yet linked to an entity, with no role.
    pub fn new(span: Span, label: Label, source: Source) -> Mention {
        Mention { span, label, entity: 0, source, role: None }
    }
}

/// What the gazetteer knows about a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// "country", "city" or "region".
    pub kind: String,
    pub country: Option<String>,
    /// For a capital city: the country it is the capital of.
    pub capital_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name: the longest form the article uses.
    pub name: String,
    pub label: Label,
    /// Indices into `Analysis::mentions`, in text order.
    pub mentions: Vec<usize>,
    pub count: usize,
    pub first: Span,
    pub place: Option<Place>,
    /// The first role the article gives a person.
    pub role: Option<String>,
}
