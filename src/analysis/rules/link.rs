//! Mentions merged, then linked: people side by side joined, a name's other mentions found
//! ([`propagate`], the rule `same_name_elsewhere`), and mentions merged into entities with
//! their places' facts.

use super::chunks::storm_name;
use super::table::NameRule;
use crate::analysis::lists::STORM_KINDS;
use crate::analysis::mention::{Entity, Label, Mention, Place, Source};
use crate::analysis::ner::lexicon::{Facts, Lexicon, CAPITAL, CITY, COUNTRY};
use crate::analysis::ner::Tok;
use crate::analysis::span::{overlaps_sorted, Span};
use crate::analysis::text::segment::{push_lowercase, push_lowercase_words};
use crate::analysis::util::hash::{FastMap, FastSet};
use crate::analysis::util::order;

/// "Kim" + "Jong Un" tagged as two people side by side are one name.
pub(super) fn join_adjacent_people(text: &str, mentions: &mut Vec<Mention>) {
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
pub(super) fn propagate(rule: &NameRule, text: &str, sents: &[Vec<Tok>], mentions: &mut Vec<Mention>) {
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
                    added.push(Mention::new(span, rule.label.unwrap_or(label), Source::Rule { rule: rule.id }));
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
pub(super) fn link(text: &str, lex: &Lexicon, mentions: &mut [Mention]) -> Vec<Entity> {
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
                        if let Some(own) = storm_name(&STORM_KINDS, &surface) {
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
