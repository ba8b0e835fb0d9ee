//! The entities layer: model mentions (PER, ORG, LOC, MISC) refined by rules
//! (NORP out of MISC, GPE out of LOC, titles and roles apart from names),
//! numeric and temporal mentions by rule, then mentions merged into entities
//! within the article and places linked to their gazetteer entry.

use super::mention::{Entity, Label, Mention, Place, Rule, Source};
use super::ner::labels::Kind;
use super::ner::lexicon::{Facts, Lexicon, CAPITAL, CITY, COUNTRY, DEMONYM};
use super::ner::tokens::tagger_tokens;
use super::ner::truecase::case_name;
use super::ner::{Tagged, Tok};
use super::parse::{is_news_outlet, Article};
use super::span::{overlaps_sorted, Span};
use super::text::segment::{push_lowercase, push_lowercase_words};
use super::util::hash::{FastMap, FastSet};
use super::util::order;

use super::lists::{ORGANISATIONS, POLITICAL_PARTIES, ROLES};

fn is_role(phrase: &str) -> bool {
    // Asked for every word before every name: a set, built once, not a scan of the list.
    static SET: std::sync::OnceLock<FastSet<&'static str>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| ROLES.lines().filter(|l| !l.starts_with('#')).collect());
    set.contains(phrase.to_lowercase().as_str())
}

/// Refines the tagger's chunks in `tagged` by the rules, adds the names the lists find and the
/// `values` (dates and numbers), and links the mentions into entities. Returns both sorted
/// by position.
pub fn apply(text: &str, article: &Article, tagged: &Tagged, values: Vec<Mention>) -> (Vec<Mention>, Vec<Entity>) {
    let (lex, sents) = (tagged.lexicon, &tagged.sentences);
    let mut mentions: Vec<Mention> = Vec::new();
    for c in &tagged.chunks {
        let label = match c.kind {
            Kind::Person => Label::Person,
            Kind::Organisation => Label::Org,
            Kind::Location => Label::Loc,
            Kind::Misc => Label::Misc,
        };
        mentions.extend(refine(lex, &sents[c.sentence], c.start, c.end, label, c.confidence));
    }
    mentions.extend(values);
    credits_mentions(lex, text, article, &mut mentions);
    party_mentions(sents, &mut mentions);
    organisation_mentions(lex, text, sents, &mut mentions);
    relabel_known_names(text, article, &mut mentions);
    order::sort_by_key(&mut mentions, |m| order::pair(m.span.start, order::descending(m.span.end)));
    mentions.dedup_by(|b, a| a.span.overlaps(b.span));
    join_adjacent_people(text, &mut mentions);
    propagate(text, sents, &mut mentions);
    let mut entities = link(text, lex, &mut mentions);
    if tagged.caseless {
        // The names as a reader would write them, not as pasted ("sam altman").
        for e in entities.iter_mut().filter(|e| e.label.is_name()) {
            e.name = case_name(lex, &e.name);
        }
    }
    (mentions, entities)
}

fn mention(span: Span, label: Label, source: Source) -> Mention {
    Mention::new(span, label, source)
}

/// Applies the rules around the model to one model chunk `sent[a..b]`.
fn refine(lex: &Lexicon, sent: &[Tok], mut a: usize, mut b: usize, mut label: Label, confidence: f32) -> Option<Mention> {
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
        return Some(mention(span, Label::Misc, Source::Rule { rule: Rule::NamedStorm }));
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
    let facts: Option<Facts> = lex.get(&joined);
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
        source = Source::Rule { rule: Rule::SeatOfInstitution };
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
        source = Source::Rule { rule: Rule::FacilityName };
    }
    // A name that ends on a word for an organisation is one, whatever the tagger
    // read in it: "a statement released by Warner Bros.", "the official Iraqi News
    // Agency" (where "official" looks like a role).
    let organisation = phrase.len() >= 2 && ORGANISATION_WORDS.contains(&phrase[phrase.len() - 1].trim_end_matches('.'));
    if organisation && matches!(label, Label::Person) {
        label = Label::Org;
        source = Source::Rule { rule: Rule::OrganisationWord };
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
        source = Source::Rule { rule: Rule::NameAfterRole };
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

/// A hand-written list of names (`lists/*.txt`: one per line, exact case): those of one
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

/// `lists/organisations.txt`: companies and organisations of today's news that the
/// tagger's 1996 training text hardly names.
fn organisations() -> &'static NameList {
    static LIST: std::sync::OnceLock<NameList> = std::sync::OnceLock::new();
    LIST.get_or_init(|| NameList::new(ORGANISATIONS))
}

/// `lists/political_parties.txt`.
fn parties() -> &'static NameList {
    static LIST: std::sync::OnceLock<NameList> = std::sync::OnceLock::new();
    LIST.get_or_init(|| NameList::new(POLITICAL_PARTIES))
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
fn organisation_mentions(lex: &Lexicon, text: &str, sents: &[Vec<Tok>], mentions: &mut Vec<Mention>) {
    let list = organisations();
    let usually_lowercase = |w: &str| lex.get(w).and_then(|f| f.case) == Some(0);
    let mut added = Vec::new();
    let mut reach = None;
    for sent in sents {
        // Capitalised inside a sentence, even such a word is the name ("the Fed chair").
        for (a, b) in list.find(sent, |w, i| i > 0 || !usually_lowercase(w)) {
            let span = Span::new(sent[a].span.start, sent[b - 1].span.end);
            let reach = reach.get_or_insert_with(|| Reach::new(mentions, |_| true));
            if reach.overlapping(mentions, span).is_none() && !place_after_the(text, span) {
                added.push(mention(span, Label::Org, Source::Rule { rule: Rule::KnownOrganisation }));
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
    let party = || Source::Rule { rule: Rule::PoliticalParty };
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
        .filter(|m| matches!(&m.source, Source::Rule { rule: Rule::NamedStorm }))
        .filter_map(|m| storm_name(m.span.of(text)))
        .collect();
    for m in mentions.iter_mut().filter(|m| matches!(m.source, Source::Model { .. } | Source::Gazetteer { .. })) {
        let name = m.span.of(text);
        if matches!(m.source, Source::Gazetteer { .. }) {
            // "Labour", which the gazetteer has as a group of people.
            if m.label != Label::Org && parties().single.contains(name) {
                m.label = Label::Org;
                m.source = Source::Rule { rule: Rule::PoliticalParty };
            }
            continue;
        }
        // "the Guardian": the tagger leaves the article out of the name.
        let after_the = text[..m.span.start].ends_with("The ") || text[..m.span.start].ends_with("the ");
        let outlet = is_news_outlet(name) || after_the && is_news_outlet(&format!("The {name}"));
        if m.label != Label::Org && (outlet || publisher == Some(name)) {
            m.label = Label::Org;
            m.source = Source::Rule { rule: Rule::NewsOrganisation };
        } else if m.label != Label::Org && organisations().all.contains(name) && !place_after_the(text, m.span) {
            m.label = Label::Org;
            m.source = Source::Rule { rule: Rule::KnownOrganisation };
        } else if m.label != Label::Org && parties().single.contains(name) {
            // "AfD" as a place.
            m.label = Label::Org;
            m.source = Source::Rule { rule: Rule::PoliticalParty };
        } else if storms.contains(name) {
            m.label = Label::Misc;
            m.source = Source::Rule { rule: Rule::NamedStorm };
        }
    }
}

/// Credit lines are parsed, not tagged: the model was trained on prose, and the
/// parser already knows that "Sputnik" is the agency, "Artem Geodakyan" the
/// photographer and "Mark Trevelyan" a writer. Their parts replace model mentions.
fn credits_mentions(lex: &Lexicon, text: &str, article: &Article, mentions: &mut Vec<Mention>) {
    let mut parts: Vec<(Span, Label, Rule)> = Vec::new();
    let mut zones: Vec<Span> = Vec::new();
    let agency_like = |name: &str| name.split_whitespace().count() == 1 || name.chars().all(|c| !c.is_lowercase());
    if let Some(credits) = &article.credits {
        // The roles' spans, not the line's: what a contributors line says before its names
        // ("Associated Press writers ...") is left to the tagger.
        zones.extend(credits.roles.iter().map(|r| r.span));
        for role in &credits.roles {
            for p in &role.people {
                parts.push((p.span, if agency_like(&p.name) { Label::Org } else { Label::Person }, Rule::CreditLine));
            }
            for p in &role.places {
                parts.push((p.span, place_label(lex, &p.name), Rule::CreditLine));
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
                parts.push((Span::new(credit.span.start + k, credit.span.start + k + name.len()), label, Rule::CreditLine));
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
        let mut names: Vec<(&str, Label)> = d.place.split(", ").map(|p| (p, place_label(lex, p))).collect();
        names.extend(d.agency.as_deref().map(|a| (a, Label::Org)));
        let mut from = 0;
        for (name, label) in names {
            if let Some(k) = raw.get(from..).and_then(|r| r.find(name)).map(|k| k + from) {
                let span = Span::new(d.span.start + k, d.span.start + k + name.len());
                from = k + name.len();
                zones.push(span);
                parts.push((span, label, Rule::Dateline));
            }
        }
    }
    mentions.retain(|m| !zones.iter().any(|z| z.overlaps(m.span)));
    for (span, label, rule) in parts {
        let words = span.of(text).split_whitespace().count();
        if (1..=5).contains(&words) {
            mentions.push(mention(span, label, Source::Rule { rule }));
        }
    }
}

/// A place named by parsed metadata (a credits line, a dateline): GPE when the
/// gazetteers know it as a country, city or state, else LOC.
fn place_label(lex: &Lexicon, name: &str) -> Label {
    if lex.get(name).is_some_and(|f| f.is_place()) {
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
                    added.push(mention(span, label, Source::Rule { rule: Rule::SameNameElsewhere }));
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
fn link(text: &str, lex: &Lexicon, mentions: &mut [Mention]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    // Indexes, so linking stays linear on long texts.
    let mut exact: FastMap<(String, Label), usize> = FastMap::default();
    let mut any_label: FastMap<String, usize> = FastMap::default();
    let mut person_words: FastMap<String, Vec<usize>> = FastMap::default();
    let mut org_initials: FastMap<String, usize> = FastMap::default();
    let mut by_country: FastMap<u8, usize> = FastMap::default();
    // Named storms by their own names: "Milton" is "Hurricane Milton".
    let mut storms: FastMap<String, usize> = FastMap::default();
    let country = |s: &str| lex.get(s).filter(|f| f.has(COUNTRY)).map(|f| f.country);
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
            e.place = lex.get(&e.name).filter(|f| f.is_place()).map(|f| place_of(lex, f));
        }
    }
    entities
}

fn place_of(lex: &Lexicon, f: Facts) -> Place {
    let country = lex.country(f).map(|c| c.name.clone());
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
