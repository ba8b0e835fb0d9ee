//! The entities layer: model mentions (PER, ORG, LOC, MISC) refined by rules
//! (NORP out of MISC, GPE out of LOC, titles and roles apart from names),
//! numeric and temporal mentions by rule, then mentions merged into entities
//! within the article and places linked to their gazetteer entry.

use super::article::{is_news_outlet, Article};
use super::hash::{FastMap, FastSet};
use super::ner::conll::chunks;
use super::ner::features::LABELS;
use super::ner::lexicon::{Facts, CAPITAL, CITY, COUNTRY, DEMONYM};
use super::ner::model::tag_document_with_progress;
use super::ner::tokens::tagger_tokens;
use super::ner::truecase::{case_name, recase_titles, truecase_document};
use super::ner::{tagger, Tagger};
use super::order;
use super::segment::{lowercase, push_lowercase, push_lowercase_words};
use super::span::{overlaps_sorted, Span};
use super::timestamp::{day_of_month, month_from_name, numeric_date, weekday_from_name, NumericDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
    /// A rule, named (by a constant, except when read back from JSON).
    Rule { rule: Cow<'static, str> },
}

/// The value of a `by` field.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum By {
    Model,
    Gazetteer,
    Rule,
}

/// A string that is usually a constant, serialized as a unit variant when it is one.
/// JSON is the same either way; the JS API's serializer (serde-wasm-bindgen) makes a
/// JS string once per constant instead of once per mention (decoding strings fell from
/// 3.4% to 1% of the page's call on 1 MB, by tests/e2e/bench/profile.mjs).
struct Constant<'a>(&'a Cow<'static, str>);

impl Serialize for Constant<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cow::Borrowed(s) => serializer.serialize_unit_variant("Constant", 0, s),
            Cow::Owned(s) => serializer.serialize_str(s),
        }
    }
}

/// The shape `#[serde(tag = "by")]` gives (`{"by": "model", "confidence": 0.9}`), with
/// `by` and a rule's name as `Constant`s.
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
                out.serialize_field("rule", &Constant(rule))?;
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

const ROLES: &str = include_str!("ner/data/roles.txt");

fn is_role(phrase: &str) -> bool {
    // Asked for every word before every name: a set, built once, not a scan of the list.
    static SET: std::sync::OnceLock<FastSet<&'static str>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| ROLES.lines().filter(|l| !l.starts_with('#')).collect());
    set.contains(phrase.to_lowercase().as_str())
}

/// A token: its span and its text, borrowed from the analysis text unless truecasing
/// rewrote it (a quarter of a million tokens in 1 MB: one allocation each was 3% of the analysis).
struct Tok<'a> {
    span: Span,
    text: Cow<'a, str>,
}

/// Finds mentions and entities in `text`. Returns them sorted by position.
pub fn find(text: &str, article: &Article, sentences: &[Span]) -> (Vec<Mention>, Vec<Entity>) {
    find_with_progress(text, article, sentences, &mut |_, _| {})
}

/// [`find`], reporting `progress(sentences tagged, sentences)` while the tagger runs.
pub fn find_with_progress(
    text: &str,
    article: &Article,
    sentences: &[Span],
    progress: &mut dyn FnMut(usize, usize),
) -> (Vec<Mention>, Vec<Entity>) {
    let Some(t) = tagger() else {
        return (Vec::new(), Vec::new());
    };
    let mut sents: Vec<Vec<Tok>> = sentences
        .iter()
        .map(|s| tagger_tokens(text, *s).into_iter().map(|sp| Tok { span: sp, text: Cow::Borrowed(sp.of(text)) }).collect())
        .collect();
    // Text without case (all lowercase, all capitals) is tagged and refined in the casing
    // the training text uses; spans still point into the text as written.
    let written: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(|t| t.text.as_ref()).collect()).collect();
    let cased = truecase_document(&t.lexicon, &written);
    let caseless = cased.is_some();
    if let Some(cased) = cased {
        for (sent, cased) in sents.iter_mut().zip(cased) {
            for (tok, c) in sent.iter_mut().zip(cased) {
                tok.text = Cow::Owned(c);
            }
        }
    } else {
        // A headline in title case, in a document with case, likewise.
        for (i, cased) in recase_titles(&t.lexicon, &written) {
            for (tok, c) in sents[i].iter_mut().zip(cased) {
                tok.text = Cow::Owned(c);
            }
        }
    }
    let strs: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(|t| t.text.as_ref()).collect()).collect();
    let document = tag_document_with_progress(&t.model, &t.lexicon, &strs, progress);
    progress(strs.len(), strs.len());
    let mut mentions: Vec<Mention> = Vec::new();
    for (si, sent) in sents.iter().enumerate() {
        if sent.is_empty() {
            continue;
        }
        let tagged = &document[si];
        let labels: Vec<usize> = tagged.iter().map(|(l, _)| *l).collect();
        for (ty, a, b) in chunks(&labels) {
            let confidence = tagged[a..b].iter().map(|(_, c)| *c).fold(1.0f32, f32::min);
            let label = match LABELS[1 + 2 * ty] {
                "B-PER" => Label::Person,
                "B-ORG" => Label::Org,
                "B-LOC" => Label::Loc,
                _ => Label::Misc,
            };
            mentions.extend(refine(t, sent, a, b, label, confidence));
        }
        mentions.extend(numeric_mentions(sent));
    }
    credits_mentions(t, text, article, &mut mentions);
    party_mentions(&sents, &mut mentions);
    organisation_mentions(t, text, &sents, &mut mentions);
    relabel_known_names(text, article, &mut mentions);
    order::sort_by_key(&mut mentions, |m| order::pair(m.span.start, order::descending(m.span.end)));
    mentions.dedup_by(|b, a| a.span.overlaps(b.span));
    join_adjacent_people(text, &mut mentions);
    propagate(text, &sents, &mut mentions);
    let mut entities = link(text, t, &mut mentions);
    if caseless {
        // The names as a reader would write them, not as pasted ("sam altman").
        for e in entities.iter_mut().filter(|e| e.label.is_name()) {
            e.name = case_name(&t.lexicon, &e.name);
        }
    }
    (mentions, entities)
}

fn mention(span: Span, label: Label, source: Source) -> Mention {
    Mention { span, label, entity: 0, source, role: None }
}

/// Applies the rules around the model to one model chunk `sent[a..b]`.
fn refine(t: &Tagger, sent: &[Tok], mut a: usize, mut b: usize, mut label: Label, confidence: f32) -> Option<Mention> {
    // Punctuation at a chunk's edges is never part of a name.
    let punct = |t: &Tok| !t.text.chars().any(char::is_alphanumeric);
    while a < b && punct(&sent[a]) {
        a += 1;
    }
    while b > a && punct(&sent[b - 1]) {
        b -= 1;
    }
    if a == b {
        return None;
    }
    // A named storm is an event, whatever the tagger made of its name ("Hurricane Milton"
    // as a person called Milton): the kind of storm is part of the name.
    if let Some(start) = storm_start(sent, a, b) {
        let span = Span::new(sent[start].span.start, sent[b - 1].span.end);
        return Some(mention(span, Label::Misc, Source::Rule { rule: "named storm".into() }));
    }
    // A title the model swallowed: "President Vladimir Putin" → role + person.
    let mut role_start = None;
    if label == Label::Person {
        while a + 1 < b && (is_role(&sent[a].text) || sent[a].text.contains('.') && is_role(&sent[a].text.replace('.', ""))) {
            role_start.get_or_insert(a);
            a += 1;
        }
    }
    let span = Span::new(sent[a].span.start, sent[b - 1].span.end);
    let phrase: Vec<&str> = sent[a..b].iter().map(|t| t.text.as_ref()).collect();
    let joined = phrase.join(" ");
    let facts: Option<Facts> = t.lexicon.get(&joined);
    let mut source = Source::Model { confidence };
    if let Some(f) = facts {
        // Nationalities and groups out of MISC; countries, cities and states out of LOC.
        if f.has(DEMONYM) && matches!(label, Label::Misc | Label::Loc) {
            label = Label::Norp;
            source = Source::Gazetteer { confidence };
        } else if f.is_place() && label == Label::Loc {
            label = Label::Gpe;
            source = Source::Gazetteer { confidence };
        }
    }
    // Buildings that stand for the institution in them: "the Kremlin said".
    const SEATS: [&str; 10] = [
        "Kremlin",
        "White House",
        "Pentagon",
        "Downing Street",
        "Elysee",
        "Elysee Palace",
        "Blue House",
        "Whitehall",
        "Vatican",
        "Capitol Hill",
    ];
    if matches!(label, Label::Loc | Label::Gpe | Label::Misc) && SEATS.contains(&joined.as_str()) {
        label = Label::Org;
        source = Source::Rule { rule: "seat of an institution".into() };
    }
    // Facilities are places: "Vostochny Cosmodrome", "Heathrow Airport", "Red Square".
    const FACILITIES: [&str; 16] = [
        "Cosmodrome",
        "Airport",
        "Airbase",
        "Stadium",
        "Bridge",
        "Square",
        "Palace",
        "Station",
        "Dam",
        "Harbour",
        "Harbor",
        "Port",
        "Canal",
        "Strait",
        "Peninsula",
        "Base",
    ];
    if matches!(label, Label::Org | Label::Misc | Label::Person) && phrase.len() >= 2 && FACILITIES.contains(&phrase[phrase.len() - 1]) {
        label = Label::Loc;
        source = Source::Rule { rule: "facility name".into() };
    }
    // A name that ends on a word for an organisation is one, whatever the tagger
    // read in it: "a statement released by Warner Bros.", "the official Iraqi News
    // Agency" (where "official" looks like a role).
    let organisation = phrase.len() >= 2 && ORGANISATION_WORDS.contains(&phrase[phrase.len() - 1].trim_end_matches('.'));
    if organisation && matches!(label, Label::Person) {
        label = Label::Org;
        source = Source::Rule { rule: "organisation word".into() };
    }
    // A name right after a role is a person's: "Tesla chief executive Elon Musk",
    // "President Trump". The tagger, with neither name in its data, can read the
    // first as a firm from "Tesla chief executive"; the role settles it.
    let capitalised = phrase.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if matches!(label, Label::Org | Label::Misc | Label::Loc)
        && matches!(source, Source::Model { .. })
        && capitalised
        && !organisation
        && phrase.len() <= 3
        && role_before(sent, a).is_some()
    {
        label = Label::Person;
        source = Source::Rule { rule: "name after a role".into() };
    }
    let mut m = mention(span, label, source);
    if label == Label::Person {
        m.role = role_before(sent, a)
            .or_else(|| role_start.map(|s| Span::new(sent[s].span.start, sent[a - 1].span.end)))
            .or_else(|| role_after(sent, b));
    }
    Some(m)
}

/// Last words that make a name an organisation's (checked without a final point).
const ORGANISATION_WORDS: [&str; 30] = [
    "Agency",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Bros",
    "Co",
    "Commission",
    "Committee",
    "Company",
    "Corp",
    "Corporation",
    "Council",
    "Federation",
    "Foundation",
    "Group",
    "Inc",
    "Institute",
    "LLC",
    "Ltd",
    "Ministry",
    "Organisation",
    "Organization",
    "Party",
    "Plc",
    "PLC",
    "Society",
    "Union",
    "University",
    "Airlines",
];

/// A role right before a name: "spokesman", "Kremlin spokesman", "Russia's President",
/// "North Korean leader".
fn role_before(sent: &[Tok], name_start: usize) -> Option<Span> {
    let mut i = name_start;
    let mut found = None;
    while i > 0 {
        let one = &sent[i - 1].text;
        let two = (i >= 2).then(|| format!("{} {}", sent[i - 2].text, sent[i - 1].text));
        if two.as_deref().is_some_and(is_role) {
            found = Some(i - 2);
            i -= 2;
        } else if is_role(one) {
            found = Some(i - 1);
            i -= 1;
        } else {
            break;
        }
    }
    let start = found?;
    // After "to" the word is a verb: "is to coach Nice", "to head the bank".
    if start > 0 && sent[start - 1].text.eq_ignore_ascii_case("to") {
        return None;
    }
    // Capitalised modifiers before the role ("Kremlin", "North Korean", "Russia 's").
    let mut s = start;
    while s > 0 {
        let w = &sent[s - 1].text;
        if w == "'s" || w == "’s" || w.chars().next().is_some_and(char::is_uppercase) && !is_role(w) && s - 1 > 0 {
            s -= 1;
        } else if s - 1 == 0 && w.chars().next().is_some_and(char::is_uppercase) && !is_role(w) {
            s -= 1;
            break;
        } else {
            break;
        }
    }
    Some(Span::new(sent[s].span.start, sent[name_start - 1].span.end))
}

/// A role in an appositive right after a name: "Yvette Cooper, the home secretary,",
/// "Jerome H. Powell, the Fed chair,". The role runs from after the determiner to the comma
/// (or the sentence's end) within six words, and its last word, or last two, is a role.
fn role_after(sent: &[Tok], name_end: usize) -> Option<Span> {
    if sent.get(name_end)?.text != "," {
        return None;
    }
    if !matches!(sent.get(name_end + 1)?.text.to_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their") {
        return None;
    }
    let start = name_end + 2;
    let close = (start..(start + 6).min(sent.len())).find(|&k| matches!(sent[k].text.as_ref(), "," | "." | ";"))?;
    if close == start {
        return None;
    }
    let last = &sent[close - 1].text;
    let two = (close - 1 > start).then(|| format!("{} {}", sent[close - 2].text, last));
    (is_role(last) || two.as_deref().is_some_and(is_role)).then(|| Span::new(sent[start].span.start, sent[close - 1].span.end))
}

/// Words that name a kind of storm before the storm's own name.
const STORM_KINDS: [&str; 4] = ["Hurricane", "Typhoon", "Cyclone", "Storm"];

/// Where a named storm starts when the chunk `sent[a..b]` is one, or its name after a kind
/// ("Hurricane Milton", "Milton" after "Hurricane", "Tropical Storm Debby"): the name is one
/// or two capitalised words.
fn storm_start(sent: &[Tok], a: usize, b: usize) -> Option<usize> {
    let is_kind = |i: usize| STORM_KINDS.contains(&sent[i].text.as_ref());
    let kind = if is_kind(a) && b - a >= 2 {
        a
    } else if a > 0 && is_kind(a - 1) {
        a - 1
    } else {
        return None;
    };
    let name = &sent[kind + 1..b];
    // Not an institution or a time named after storms: "the National Hurricane Center".
    const NOT_NAMES: [&str; 9] = ["Center", "Centre", "Season", "Warning", "Watch", "Hunters", "Relief", "Fund", "Agency"];
    if !(1..=2).contains(&name.len())
        || !name.iter().all(|t| t.text.starts_with(char::is_uppercase))
        || name.iter().any(|t| NOT_NAMES.contains(&t.text.as_ref()))
    {
        return None;
    }
    let qualified =
        kind > 0 && matches!((sent[kind - 1].text.as_ref(), sent[kind].text.as_ref()), ("Tropical", "Storm") | ("Super", "Typhoon"));
    Some(if qualified { kind - 1 } else { kind })
}

/// The storm's own name in a named storm ("Milton" in "Hurricane Milton").
fn storm_name(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("Tropical ").or_else(|| name.strip_prefix("Super ")).unwrap_or(name);
    let (kind, own) = rest.split_once(' ')?;
    STORM_KINDS.contains(&kind).then_some(own)
}

/// A hand-written list of names (`ner/data/*.txt`: one per line, exact case): those of one
/// word, and those of several as tagger tokens, keyed by their first token.
struct NameList {
    all: FastSet<&'static str>,
    single: FastSet<&'static str>,
    phrases: FastMap<&'static str, Vec<Vec<&'static str>>>,
}

impl NameList {
    fn new(list: &'static str) -> NameList {
        let mut n = NameList { all: FastSet::default(), single: FastSet::default(), phrases: FastMap::default() };
        for name in list.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            n.all.insert(name);
            let words: Vec<&'static str> = tagger_tokens(name, Span::new(0, name.len())).iter().map(|s| s.of(name)).collect();
            match words.as_slice() {
                [] => {}
                [_] => {
                    n.single.insert(name);
                }
                [first, ..] => n.phrases.entry(first).or_default().push(words),
            }
        }
        for list in n.phrases.values_mut() {
            // The longest first: "Social Democratic and Labour Party" before "Social Democrats".
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        n
    }

    /// The token ranges of `sent` that are names of several words on the list, and those
    /// of one word that `single` accepts (given the word and its index in the sentence).
    fn find(&self, sent: &[Tok], single: impl Fn(&str, usize) -> bool) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < sent.len() {
            let word = sent[i].text.as_ref();
            let len = if !word.starts_with(|c: char| c.is_alphabetic()) {
                None
            } else {
                let phrase = self.phrases.get(word).and_then(|list| {
                    list.iter().find(|words| {
                        sent.len() >= i + words.len() && sent[i..i + words.len()].iter().zip(words.iter()).all(|(t, w)| t.text == *w)
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

/// `ner/data/organisations.txt`: companies and organisations of today's news that the
/// tagger's 1996 training text hardly names.
fn organisations() -> &'static NameList {
    static LIST: std::sync::OnceLock<NameList> = std::sync::OnceLock::new();
    LIST.get_or_init(|| NameList::new(include_str!("ner/data/organisations.txt")))
}

/// `ner/data/political_parties.txt`.
fn parties() -> &'static NameList {
    static LIST: std::sync::OnceLock<NameList> = std::sync::OnceLock::new();
    LIST.get_or_init(|| NameList::new(include_str!("ner/data/political_parties.txt")))
}

/// Whether a listed organisation's name at `span` is rather the place it shares a name
/// with: "the Amazon" is the river ("the Fed" is the bank).
fn place_after_the(text: &str, span: Span) -> bool {
    const ALSO_PLACES: [&str; 1] = ["Amazon"];
    let before = &text[..span.start];
    ALSO_PLACES.contains(&span.of(text)) && (before.ends_with("the ") || before.ends_with("The "))
}

/// Today's organisations the tagger missed ("Apple said in June", "Musk's own startup,
/// xAI,"), where no other mention covers them. A word that the training text usually
/// writes in lowercase ("zoom", "arm", "stripe") is left to the tagger at the start of a
/// sentence, and so is "the Amazon": both are more often something else.
fn organisation_mentions(t: &Tagger, text: &str, sents: &[Vec<Tok>], mentions: &mut Vec<Mention>) {
    let list = organisations();
    let usually_lowercase = |w: &str| t.lexicon.get(w).and_then(|f| f.case) == Some(0);
    let mut added = Vec::new();
    let mut reach = None;
    for sent in sents {
        // Capitalised inside a sentence, even such a word is the name ("the Fed chair").
        for (a, b) in list.find(sent, |w, i| i > 0 || !usually_lowercase(w)) {
            let span = Span::new(sent[a].span.start, sent[b - 1].span.end);
            let reach = reach.get_or_insert_with(|| Reach::new(mentions, |_| true));
            if reach.overlapping(mentions, span).is_none() && !place_after_the(text, span) {
                added.push(mention(span, Label::Org, Source::Rule { rule: "known organisation".into() }));
            }
        }
    }
    mentions.extend(added);
}

/// Mentions sorted by where they start, each with the one reaching farthest among those
/// up to it: whether some mention overlaps or holds a span is then a binary search, where
/// a scan of every mention for every listed name the text has would be quadratic (a
/// pasted list of thousands of party names).
struct Reach {
    starts: Vec<usize>,
    farthest: Vec<usize>,
}

impl Reach {
    fn new(mentions: &[Mention], keep: impl Fn(&Mention) -> bool) -> Reach {
        let mut order: Vec<usize> = (0..mentions.len()).filter(|&i| keep(&mentions[i])).collect();
        order::sort_by_key(&mut order, |&i| mentions[i].span.start as u64);
        let starts = order.iter().map(|&i| mentions[i].span.start).collect();
        let mut farthest = Vec::with_capacity(order.len());
        for &i in &order {
            let best = farthest.last().copied().filter(|&b: &usize| mentions[b].span.end >= mentions[i].span.end).unwrap_or(i);
            farthest.push(best);
        }
        Reach { starts, farthest }
    }

    /// The mention reaching farthest among those starting before `end` (or at it, with `at`).
    fn farthest_from(&self, end: usize, at: bool) -> Option<usize> {
        let n = self.starts.partition_point(|&s| s < end || at && s == end);
        n.checked_sub(1).map(|k| self.farthest[k])
    }

    /// A mention overlapping `span`, if any.
    fn overlapping(&self, mentions: &[Mention], span: Span) -> Option<usize> {
        self.farthest_from(span.end, false).filter(|&i| mentions[i].span.end > span.start)
    }

    /// A mention longer than `span` that holds it, if any.
    fn holding(&self, mentions: &[Mention], span: Span) -> Option<usize> {
        self.farthest_from(span.start, true).filter(|&i| mentions[i].span.end >= span.end && mentions[i].span != span)
    }
}

/// Party names of several words, wherever the text has them: the tagger, which has
/// seen few, reads "Reform UK" as the UK, "Alternative for Germany" as Germany and
/// "Sinn Fein" as a person. Mentions they overlap give way to them, but a longer name
/// that holds one is kept as an organisation ("Kurdistan Democratic Party"), and a name
/// right before one joins it ("Scottish" + "Labour Party").
fn party_mentions(sents: &[Vec<Tok>], mentions: &mut Vec<Mention>) {
    // (span, end of the token before it) of each party name of several words the text has.
    let mut found: Vec<(Span, Option<usize>)> = Vec::new();
    for sent in sents {
        for (a, b) in parties().find(sent, |_, _| false) {
            found.push((Span::new(sent[a].span.start, sent[b - 1].span.end), a.checked_sub(1).map(|p| sent[p].span.end)));
        }
    }
    if found.is_empty() {
        return;
    }
    let party = || Source::Rule { rule: "political party".into() };
    let names = Reach::new(mentions, |m| m.label.is_name());
    // Names other than people's, by where they end: the one right before a party's name.
    let ends: FastMap<usize, usize> =
        mentions.iter().enumerate().filter(|(_, m)| m.label.is_name() && m.label != Label::Person).map(|(i, m)| (m.span.end, i)).collect();
    let mut added: Vec<Mention> = Vec::with_capacity(found.len());
    for (mut span, before) in found {
        if let Some(i) = names.holding(mentions, span) {
            let m = &mut mentions[i];
            if m.label != Label::Org {
                m.label = Label::Org;
                m.source = party();
            }
            continue;
        }
        if let Some(&i) = before.and_then(|b| ends.get(&b)) {
            if mentions[i].span.end < span.start {
                span.start = mentions[i].span.start;
            }
        }
        added.push(mention(span, Label::Org, party()));
    }
    let taken = Reach::new(&added, |_| true);
    mentions.retain(|m| taken.overlapping(&added, m.span).is_none());
    mentions.extend(added);
}

/// A news organisation the article names, which the tagger can read as a person or a place
/// ("Speaking to Al Jazeera", "Reuters reported"): one of the well-known outlets, or the
/// article's own publisher. And a storm's name alone after the article named the storm
/// ("Milton strengthened"), which the tagger reads as a person's. A political party or one of
/// today's organisations the tagger read as something else.
fn relabel_known_names(text: &str, article: &Article, mentions: &mut [Mention]) {
    let publisher = article.publisher.as_ref().map(|p| p.value.as_str());
    let storms: FastSet<&str> = mentions
        .iter()
        .filter(|m| matches!(&m.source, Source::Rule { rule } if rule == "named storm"))
        .filter_map(|m| storm_name(m.span.of(text)))
        .collect();
    for m in mentions.iter_mut().filter(|m| matches!(m.source, Source::Model { .. } | Source::Gazetteer { .. })) {
        let name = m.span.of(text);
        if matches!(m.source, Source::Gazetteer { .. }) {
            // "Labour", which the gazetteer has as a group of people.
            if m.label != Label::Org && parties().single.contains(name) {
                m.label = Label::Org;
                m.source = Source::Rule { rule: "political party".into() };
            }
            continue;
        }
        // "the Guardian": the tagger leaves the article out of the name.
        let after_the = text[..m.span.start].ends_with("The ") || text[..m.span.start].ends_with("the ");
        let outlet = is_news_outlet(name) || after_the && is_news_outlet(&format!("The {name}"));
        if m.label != Label::Org && (outlet || publisher == Some(name)) {
            m.label = Label::Org;
            m.source = Source::Rule { rule: "news organisation".into() };
        } else if m.label != Label::Org && organisations().all.contains(name) && !place_after_the(text, m.span) {
            m.label = Label::Org;
            m.source = Source::Rule { rule: "known organisation".into() };
        } else if m.label != Label::Org && parties().single.contains(name) {
            // "AfD" as a place.
            m.label = Label::Org;
            m.source = Source::Rule { rule: "political party".into() };
        } else if storms.contains(name) {
            m.label = Label::Misc;
            m.source = Source::Rule { rule: "named storm".into() };
        }
    }
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
fn numeric_mentions(sent: &[Tok]) -> Vec<Mention> {
    let mut out = Vec::new();
    let n = sent.len();
    // Lowercase forms, borrowed where the token has no capital (most do not).
    let lw: Vec<Cow<str>> = sent.iter().map(|t| lowercase(&t.text)).collect();
    let mut i = 0;
    let rule = |name: &'static str| Source::Rule { rule: name.into() };
    while i < n {
        let w = sent[i].text.as_ref();
        let l = &*lw[i];
        let mut end = i + 1;
        // The cheap tests of each branch come first: most tokens are lowercase words.
        let found: Option<(Label, &str)> = if w.chars().next().is_some_and(char::is_uppercase)
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
            Some((Label::Date, "month name"))
        } else if let Some(month) =
            (w.as_bytes()[0].is_ascii_digit() && day_of_month(w).is_some()).then(|| month_after_day(sent, &lw, i)).flatten()
        {
            // "14 June 1958", "3 Oct.", "the 14th of June"
            end = after_year(sent, month + 1);
            Some((Label::Date, "day and month"))
        } else if w.len() >= 6 && weekday_from_name(w).is_some() {
            Some((Label::Date, "weekday"))
        } else if RELATIVE_DAYS.contains(&l) {
            Some((Label::Date, "relative day"))
        } else if matches!(l, "last" | "next" | "this" | "past") && i + 1 < n && DURATIONS.contains(&&*lw[i + 1]) {
            end = i + 2;
            Some((Label::Date, "relative period"))
        } else if l.contains('-')
            && DURATIONS.iter().any(|d| l.ends_with(&format!("-{d}")))
            && l.split('-').next().is_some_and(|p| is_number(p) || NUMBER_WORDS.contains(&p))
        {
            Some((Label::Date, "duration"))
        } else if w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-' && is_number(&w.replace('-', "")) {
            Some((Label::Date, "ISO date"))
        } else if w.as_bytes()[0].is_ascii_digit() && w.len() >= 6 && numeric_date(w) != NumericDate::No {
            // "14/06/2023", "14.06.2023", "6/14/23"
            Some((Label::Date, "numeric date"))
        } else if w.len() == 4 && is_number(w) && (w.starts_with("19") || w.starts_with("20")) {
            Some((Label::Date, "year"))
        } else if w.contains(':') && w.split(':').all(|p| p.len() == 2 || p.len() == 1) && w.split(':').all(is_number) {
            if end < n && matches!(&*lw[end], "a.m." | "p.m." | "am" | "pm" | "gmt" | "utc" | "et") {
                end += 1;
            }
            Some((Label::Time, "clock time"))
        } else if is_number(w) && end < n && matches!(&*lw[end], "a.m." | "p.m.") {
            end += 1;
            Some((Label::Time, "clock time"))
        } else if w.starts_with(['$', '€', '£', '¥']) && is_number(w)
            || (matches!(w, "$" | "€" | "£" | "¥") && end < n && is_number(&sent[end].text))
        {
            if matches!(w, "$" | "€" | "£" | "¥") {
                end += 1;
            }
            if end < n && SCALES.contains(&&*lw[end]) {
                end += 1;
            }
            Some((Label::Money, "currency sign"))
        } else if is_number(w) && i > 0 && sent[i - 1].text == "[" && sent.get(i + 1).is_some_and(|t| t.text == "]") {
            // A reference mark, "[4]", is not a number the article states.
            None
        } else if is_number(w) || NUMBER_WORDS.contains(&l) {
            while end < n && SCALES.contains(&&*lw[end]) {
                end += 1;
            }
            if end < n && (lw[end] == "%" || lw[end] == "percent") {
                end += 1;
                Some((Label::Percent, "percent"))
            } else if end + 1 < n && lw[end] == "per" && lw[end + 1] == "cent" {
                end += 2;
                Some((Label::Percent, "percent"))
            } else if end < n && CURRENCIES.contains(&&*lw[end]) {
                end += 1;
                Some((Label::Money, "currency name"))
            } else if end < n && UNITS.contains(&&*lw[end]) {
                end += 1;
                Some((Label::Quantity, "unit"))
            } else if end < n && DURATIONS.contains(&&*lw[end]) {
                end += 1;
                if end < n && matches!(&*lw[end], "ago" | "earlier" | "later") {
                    end += 1;
                }
                Some((Label::Date, "duration"))
            } else {
                Some((Label::Cardinal, "number"))
            }
        } else if w.ends_with('%') && is_number(w.trim_end_matches('%')) {
            Some((Label::Percent, "percent"))
        } else if ORDINALS[..10].contains(&l) || is_numeric_ordinal(l) {
            Some((Label::Ordinal, "ordinal"))
        } else {
            None
        };
        let end = end.min(n);
        match found {
            Some((label, name)) => {
                out.push(mention(Span::new(sent[i].span.start, sent[end - 1].span.end), label, rule(name)));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Credit lines are parsed, not tagged: the model was trained on prose, and the
/// parser already knows that "Sputnik" is the agency, "Artem Geodakyan" the
/// photographer and "Mark Trevelyan" a writer. Their parts replace model mentions.
fn credits_mentions(t: &Tagger, text: &str, article: &Article, mentions: &mut Vec<Mention>) {
    let mut parts: Vec<(Span, Label, &str)> = Vec::new();
    let mut zones: Vec<Span> = Vec::new();
    let agency_like = |name: &str| name.split_whitespace().count() == 1 || name.chars().all(|c| !c.is_lowercase());
    if let Some(credits) = &article.credits {
        // The roles' spans, not the line's: what a contributors line says before its names
        // ("Associated Press writers ...") is left to the tagger.
        zones.extend(credits.roles.iter().map(|r| r.span));
        for role in &credits.roles {
            for p in &role.people {
                parts.push((p.span, if agency_like(&p.name) { Label::Org } else { Label::Person }, "credit line"));
            }
            for p in &role.places {
                parts.push((p.span, place_label(t, &p.name), "credit line"));
            }
        }
    }
    if let Some(credit) = article.caption.as_ref().and_then(|c| c.credit.as_ref()) {
        zones.push(credit.span);
        let raw = credit.span.of(text);
        let mut find = |name: &Option<String>, label: Label, as_printed_upper: bool| {
            let Some(name) = name else { return };
            let hit = raw.find(name.as_str()).or_else(|| as_printed_upper.then(|| raw.find(&name.to_uppercase())).flatten());
            if let Some(k) = hit {
                parts.push((Span::new(credit.span.start + k, credit.span.start + k + name.len()), label, "credit line"));
            }
        };
        find(&credit.agency, Label::Org, true);
        find(&credit.photographer, Label::Person, false);
        find(&credit.distributor, Label::Org, true);
    }
    // A dateline ("SEATTLE (Reuters) -") names a place and an agency; in capitals and
    // before "(Reuters)", the tagger (trained on "SEATTLE 1996-08-22") reads the place
    // as an organisation. Its date stays with the numbers and dates found elsewhere.
    if let Some(d) = &article.dateline {
        let raw = d.span.of(text);
        // "Siesta Key, Florida": two places, each its own mention, so the first links with
        // the story's other "Siesta Key"s.
        let mut names: Vec<(&str, Label)> = d.place.split(", ").map(|p| (p, place_label(t, p))).collect();
        names.extend(d.agency.as_deref().map(|a| (a, Label::Org)));
        let mut from = 0;
        for (name, label) in names {
            if let Some(k) = raw.get(from..).and_then(|r| r.find(name)).map(|k| k + from) {
                let span = Span::new(d.span.start + k, d.span.start + k + name.len());
                from = k + name.len();
                zones.push(span);
                parts.push((span, label, "dateline"));
            }
        }
    }
    mentions.retain(|m| !zones.iter().any(|z| z.overlaps(m.span)));
    for (span, label, rule) in parts {
        let words = span.of(text).split_whitespace().count();
        if (1..=5).contains(&words) {
            mentions.push(mention(span, label, Source::Rule { rule: rule.into() }));
        }
    }
}

/// A place named by parsed metadata (a credits line, a dateline): GPE when the
/// gazetteers know it as a country, city or state, else LOC.
fn place_label(t: &Tagger, name: &str) -> Label {
    if t.lexicon.get(name).is_some_and(|f| f.is_place()) {
        Label::Gpe
    } else {
        Label::Loc
    }
}

/// "Kim" + "Jong Un" tagged as two people side by side are one name.
fn join_adjacent_people(text: &str, mentions: &mut Vec<Mention>) {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions.drain(..) {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.span.end..m.span.start).unwrap_or("x");
            if last.label == Label::Person && m.label == Label::Person && gap == " " {
                last.span.end = m.span.end;
                continue;
            }
        }
        out.push(m);
    }
    *mentions = out;
}

/// Tags other occurrences of a name the article already tagged ("Peskov" alone
/// after "Dmitry Peskov"): one name keeps one type within an article.
fn propagate(text: &str, sents: &[Vec<Tok>], mentions: &mut Vec<Mention>) {
    // Names by their words in lowercase (their written forms differ in case only), with the
    // lengths of the names each first word starts, longest first; people by their last word.
    // A token looks up the phrase of each length its word starts, not every name starting
    // with it: a list of "Bank of ..." or "John ..." names compared each with all the others.
    let mut by_phrase: FastMap<String, Vec<(Vec<String>, Label)>> = FastMap::default();
    let mut lengths: FastMap<String, Vec<usize>> = FastMap::default();
    let mut by_last: FastMap<String, Label> = FastMap::default();
    for m in mentions.iter().filter(|m| m.label.is_name()) {
        let words: Vec<String> = m.span.of(text).split_whitespace().map(str::to_string).collect();
        let Some(first) = words.first() else { continue };
        if m.label == Label::Person && words.len() >= 2 {
            by_last.entry(words[words.len() - 1].to_lowercase()).or_insert(Label::Person);
        }
        let lens = lengths.entry(first.to_lowercase()).or_default();
        if !lens.contains(&words.len()) {
            lens.push(words.len());
        }
        let mut phrase = String::new();
        push_lowercase_words(&words, &mut phrase);
        let variants = by_phrase.entry(phrase).or_default();
        if !variants.iter().any(|(w, _)| *w == words) {
            variants.push((words, m.label));
        }
    }
    for lens in lengths.values_mut() {
        lens.sort_unstable_by(|a, b| b.cmp(a));
    }
    let taken: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    let mut added: Vec<Mention> = Vec::new();
    let mut key = String::new();
    let mut phrase = String::new();
    for sent in sents {
        for (i, tok) in sent.iter().enumerate() {
            if !tok.text.chars().next().is_some_and(char::is_uppercase) || overlaps_sorted(&taken, tok.span) {
                continue;
            }
            let shouting = tok.text.chars().all(|c| !c.is_lowercase());
            // Capitals match any case: headlines shout the names the body writes.
            let same = |t: &Tok, w: &String| {
                t.text == *w || (t.text.chars().all(|c| !c.is_lowercase()) && t.text.to_lowercase() == w.to_lowercase())
            };
            key.clear();
            push_lowercase(&tok.text, &mut key);
            // The longest name written here, in the order the article first named each.
            let mut hit = None;
            for &len in lengths.get(key.as_str()).map_or(&[][..], Vec::as_slice) {
                let Some(toks) = sent.get(i..i + len) else { continue };
                phrase.clear();
                push_lowercase_words(toks.iter().map(|t| &t.text), &mut phrase);
                hit = by_phrase.get(phrase.as_str()).and_then(|variants| {
                    variants
                        .iter()
                        .find(|(words, _)| toks.iter().zip(words).all(|(t, w)| same(t, w)))
                        .map(|(_, label)| (Span::new(tok.span.start, toks[len - 1].span.end), *label))
                });
                if hit.is_some() {
                    break;
                }
            }
            // A person's last name alone ("Peskov", or "PESKOV" in a headline).
            if hit.is_none() && (shouting || tok.text.chars().skip(1).any(char::is_lowercase)) {
                hit = by_last.get(key.as_str()).map(|l| (tok.span, *l));
            }
            if let Some((span, label)) = hit {
                if !added.last().is_some_and(|m| m.span.overlaps(span)) && !overlaps_sorted(&taken, span) {
                    added.push(mention(span, label, Source::Rule { rule: "same name elsewhere in the article".into() }));
                }
            }
        }
    }
    mentions.extend(added);
    order::sort_by_key(mentions, |m| m.span.start as u64);
}

/// The person whose name is longer than `words` and has every one of them ("Peskov" for
/// "Dmitry Peskov"): the first such among those indexed under the first word. Candidates
/// come from the word with the fewest people (a roster of Johns made "John" thousands long),
/// and the first word's order decides only between several.
fn longer_person_name(words: &[&str], person_words: &FastMap<String, Vec<usize>>, entities: &[Entity]) -> Option<usize> {
    let lists: Option<Vec<&Vec<usize>>> = words.iter().map(|w| person_words.get(&w.to_lowercase())).collect();
    let lists = lists?;
    let fewest = lists.iter().min_by_key(|l| l.len())?;
    let has_all = |e: usize| {
        let name = &entities[e].name;
        entities[e].label == Label::Person
            && words.len() < name.split_whitespace().count()
            && words.iter().all(|w| name.split_whitespace().any(|x| x.eq_ignore_ascii_case(w)))
    };
    let mut matching = fewest.iter().copied().filter(|&e| has_all(e));
    let first = matching.next()?;
    if matching.next().is_none() {
        return Some(first);
    }
    lists[0].iter().copied().find(|&e| has_all(e))
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "of" | "the" | "and" | "for" | "&"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Merges mentions into entities: exact names, people's short forms ("Putin" →
/// "Vladimir Putin", "Kim" → "Kim Jong Un"), acronyms ("EU" → "European Union"),
/// and places the gazetteer says are the same country ("U.S." and "United States").
fn link(text: &str, t: &Tagger, mentions: &mut [Mention]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    // Indexes, so linking stays linear on long texts.
    let mut exact: FastMap<(String, Label), usize> = FastMap::default();
    let mut any_label: FastMap<String, usize> = FastMap::default();
    let mut person_words: FastMap<String, Vec<usize>> = FastMap::default();
    let mut org_initials: FastMap<String, usize> = FastMap::default();
    let mut by_country: FastMap<u8, usize> = FastMap::default();
    // Named storms by their own names: "Milton" is "Hurricane Milton".
    let mut storms: FastMap<String, usize> = FastMap::default();
    let country = |s: &str| t.lexicon.get(s).filter(|f| f.has(COUNTRY)).map(|f| f.country);
    // Each person by each word of its names, in the order the words were first indexed.
    // A set says what is indexed already: searching the list itself was quadratic in a
    // roster of names that share a word.
    let mut person_indexed: FastSet<(String, usize)> = FastSet::default();
    let mut index_person = |person_words: &mut FastMap<String, Vec<usize>>, name: &str, e: usize| {
        for w in name.split_whitespace() {
            let w = w.to_lowercase();
            if person_indexed.insert((w.clone(), e)) {
                person_words.entry(w).or_default().push(e);
            }
        }
    };
    // Longest names first, so short forms find the entity they abbreviate.
    let mut by_length: Vec<usize> = (0..mentions.len()).collect();
    order::sort_by_key(&mut by_length, |&i| {
        order::pair(order::descending(mentions[i].span.of(text).split_whitespace().count()), mentions[i].span.start)
    });
    for i in by_length {
        let m = &mentions[i];
        // A name broken across two lines of wrapped text is the same name.
        let words: Vec<&str> = m.span.of(text).split_whitespace().collect();
        let surface = words.join(" ");
        let key = if m.label.is_name() { surface.to_lowercase() } else { format!("{}:{}", m.label.code(), surface.to_lowercase()) };
        let found = exact
            .get(&(key.clone(), m.label))
            .copied()
            .or_else(|| {
                if !m.label.is_name() {
                    return None;
                }
                match m.label {
                    // A short form of a person's name; the model's ORG or MISC for a lone
                    // surname (common in capitalised headlines) yields to the person.
                    Label::Person | Label::Org | Label::Misc => {
                        let person = longer_person_name(&words, &person_words, &entities);
                        let acronym = || {
                            let is_acronym =
                                words.len() == 1 && surface.len() >= 2 && surface.chars().all(|c| c.is_uppercase() || c == '.');
                            is_acronym.then(|| org_initials.get(&surface.replace('.', "")).copied()).flatten()
                        };
                        person.or_else(|| if m.label == Label::Person { None } else { acronym() })
                    }
                    Label::Gpe | Label::Loc => country(&surface).and_then(|c| by_country.get(&c).copied()),
                    _ => None,
                }
            })
            .or_else(|| if m.label == Label::Misc { storms.get(&surface).copied() } else { None })
            .or_else(|| any_label.get(&key).copied());
        match found {
            Some(e) => {
                let ent = &mut entities[e];
                ent.mentions.push(i);
                // The canonical name: the longest form, in mixed case rather than capitals.
                let shouting = |s: &str| s.chars().any(char::is_alphabetic) && s.chars().all(|c| !c.is_lowercase());
                if surface.len() > ent.name.len() && ent.label == m.label
                    || (surface.len() == ent.name.len() && shouting(&ent.name) && !shouting(&surface))
                {
                    ent.name = surface.clone();
                }
                if m.label == Label::Person && ent.label != Label::Person {
                    ent.label = Label::Person;
                }
                if ent.label == Label::Person {
                    let name = ent.name.clone();
                    index_person(&mut person_words, &name, e);
                }
            }
            None => {
                let e = entities.len();
                entities.push(Entity {
                    name: surface.clone(),
                    label: m.label,
                    mentions: vec![i],
                    count: 0,
                    first: m.span,
                    place: None,
                    role: None,
                });
                exact.entry((key.clone(), m.label)).or_insert(e);
                any_label.entry(key).or_insert(e);
                match m.label {
                    Label::Person => index_person(&mut person_words, &surface, e),
                    Label::Org if words.len() >= 2 => {
                        org_initials.entry(initials(&surface)).or_insert(e);
                    }
                    Label::Gpe | Label::Loc => {
                        if let Some(c) = country(&surface) {
                            by_country.entry(c).or_insert(e);
                        }
                    }
                    Label::Misc => {
                        if let Some(own) = storm_name(&surface) {
                            storms.entry(own.to_string()).or_insert(e);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    // Entities in order of first mention; mentions point back at them.
    for e in &mut entities {
        e.mentions.sort_unstable();
        e.first = mentions[e.mentions[0]].span;
        e.count = e.mentions.len();
    }
    order::sort_by_key(&mut entities, |e| e.first.start as u64);
    for (idx, e) in entities.iter_mut().enumerate() {
        for &mi in &e.mentions {
            mentions[mi].entity = idx;
            mentions[mi].label = e.label;
            if e.role.is_none() {
                if let Some(r) = mentions[mi].role {
                    e.role = Some(r.of(text).to_string());
                }
            }
        }
        if matches!(e.label, Label::Gpe | Label::Loc) {
            e.place = t.lexicon.get(&e.name).filter(|f| f.is_place()).map(|f| place_of(t, f));
        }
    }
    entities
}

fn place_of(t: &Tagger, f: Facts) -> Place {
    let country = t.lexicon.country(f).map(|c| c.name.clone());
    let kind = if f.has(COUNTRY) {
        "country"
    } else if f.has(CITY) {
        "city"
    } else {
        "region"
    };
    let capital_of = if f.has(CAPITAL) { country.clone() } else { None };
    Place { kind: kind.to_string(), country, capital_of }
}
