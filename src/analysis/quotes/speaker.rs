//! The source of an attribution as the text names it, read from the words next to its cue:
//! a name with the title before it, an apposition after it and the organisation it belongs
//! to ("company CEO Andy Vesey", "Leslie Wimes, a South Florida-based president",
//! "Mr. Morgan of the Sierra Club": the person is the source, the organisation their
//! affiliation), a pronoun ("he"), or a noun phrase without a name ("the spokesman", "a senior
//! official", "people familiar with the matter", "the statement").

use super::words::{is_boundary, is_determiner, is_link, Word};
use crate::analysis::mention::{Label, Mention};
use crate::analysis::ner::{self, lexicon};
use crate::analysis::span::Span;

/// What names the source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Head {
    /// A name: the index of its mention.
    Name(usize),
    /// A pronoun, with the gender ("male", "female" or "" for any) and number ("one", "many"
    /// or "thing") it agrees with.
    Pronoun { gender: &'static str, number: &'static str },
    /// A noun phrase without a name: its head noun, the noun's kind (person, organisation,
    /// document) and whether a definite determiner opens it ("the spokesman").
    Noun { head: Span, kind: &'static str, definite: bool },
    /// Capitalised words the tagger did not read as a name, in the place of one ("Robby
    /// Mook", or "Mook" when the lexicon knows it as a name): the span is the name.
    Proper,
}

/// A source phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Phrase {
    /// The words naming the source: the name (its title and apposition left out), the
    /// pronoun, or the whole noun phrase.
    pub span: Span,
    /// The whole phrase: the name with its title, apposition and affiliation.
    pub extent: Span,
    pub head: Head,
    /// The role the phrase gives: a title before the name ("company CEO") or an apposition
    /// ("a South Florida-based president").
    pub role: Option<Span>,
    /// The mention of the organisation the phrase ties the source to ("the Sierra Club").
    pub affiliation: Option<usize>,
}

impl Phrase {
    /// Whether the phrase names a person (a person's name, a pronoun, a person noun).
    pub fn is_person(&self, mentions: &[Mention]) -> bool {
        match self.head {
            Head::Name(m) => mentions.get(m).is_some_and(|m| m.label == Label::Person),
            Head::Pronoun { number, .. } => number == "one",
            Head::Noun { kind, .. } => matches!(kind, "person" | "title"),
            Head::Proper => true,
        }
    }
}

/// Whether a mention of `label` can be a source.
pub fn is_speaker_label(label: Label) -> bool {
    matches!(label, Label::Person | Label::Org | Label::Gpe | Label::Norp)
}

/// The first and last word of the mention word `i` is part of.
fn mention_words(words: &[Word], i: usize) -> (usize, usize) {
    let m = words[i].mention;
    let mut a = i;
    while a > 0 && words[a - 1].mention == m {
        a -= 1;
    }
    let mut b = i;
    while b + 1 < words.len() && words[b + 1].mention == m {
        b += 1;
    }
    (a, b)
}

/// Whether `w` can stand in a title or a noun phrase before its head: not a verb of the
/// grammar, a pronoun or a word that joins clauses.
fn is_modifier(w: &Word) -> bool {
    !is_boundary(&w.lower) && !matches!(w.cue(false), Some("verb" | "clause" | "mental" | "phrase")) && w.pronoun().is_none()
}

/// The span of words `a..=b`.
fn span(words: &[Word], a: usize, b: usize) -> Span {
    Span::new(words[a].span.start, words[b].span.end)
}

/// The first organisation mention among words `a..b`.
fn organisation_in(words: &[Word], a: usize, b: usize, mentions: &[Mention]) -> Option<usize> {
    words[a..b.min(words.len())].iter().filter_map(|w| w.mention).find(|&m| matches!(mentions[m].label, Label::Org))
}

/// Whether an apposition (words `a..=b`) gives a role: it opens with a determiner or holds
/// a person noun or title ("a spokesman for the campaign", "Sanders' campaign manager"), and is
/// not a setting ("in a statement") or a relative clause ("who ...").
fn is_role(words: &[Word], a: usize, b: usize) -> bool {
    let first = &words[a].lower;
    if is_boundary(first) || matches!(first.as_str(), "during" | "speaking" | "according" | "however" | "meanwhile" | "too") {
        return false;
    }
    is_determiner(first) || words[a..=b].iter().any(|w| matches!(w.source_noun(), Some("person" | "title")))
}

/// The source phrase that ends right before word `k` (its cue): the cue's subject. Adverbs
/// and auxiliaries may stand between ("Trump has also said"), and so may an apposition or a
/// relative clause between commas ("Jeff Weaver, Sanders' campaign manager, said") or a
/// parenthesis ("Sen. Pat Toomey (R-Pa.) said").
pub fn before(text: &str, words: &[Word], k: usize, mentions: &[Mention]) -> Option<Phrase> {
    let mut e = k.min(words.len());
    // An adverb in "-ly" only after what can be a source: "Cruz gingerly said", not "the
    // rally said".
    let subject_before =
        |i: usize| i > 0 && (words[i - 1].mention.is_some() || words[i - 1].pronoun().is_some() || words[i - 1].source_noun().is_some());
    while e > 0
        && words[e - 1].plain_gap(text)
        && (words[e - 1].is_cue("adverb", false) || words[e - 1].is_adverb() && subject_before(e - 1))
    {
        e -= 1;
    }
    // "Cruz himself said".
    if e > 1 && matches!(words[e - 1].lower.as_str(), "himself" | "herself" | "themselves" | "itself") {
        e -= 1;
    }
    if e == 0 {
        return None;
    }
    if words[e - 1].gap_has(text, ')') {
        let open = (e.saturating_sub(6)..e - 1).rev().find(|&i| words[i].gap_has(text, '('))?;
        e = open + 1;
    }
    let mut role = None;
    let mut affiliation = None;
    if words[e - 1].gap_has(text, ',') {
        // The apposition runs back to an earlier comma; an age or a second apposition may stand
        // before it ("Ramil Carr, 31, a Philadelphia photographer, said").
        let mut end = e - 1;
        for _ in 0..3 {
            let Some(c) = (end.saturating_sub(25)..end).rev().find(|&i| words[i].gap_has(text, ',')) else { break };
            if role.is_none() && is_role(words, c + 1, end) {
                role = Some(span(words, c + 1, end));
                affiliation = organisation_in(words, c + 1, end + 1, mentions);
            }
            e = c + 1;
            // A place after a preposition is where the source is from, not the source: the
            // loop goes on past "from Sumter, South Carolina,".
            let place_after_preposition = |p: &Phrase| {
                let Head::Name(m) = p.head else { return false };
                if words[e - 1].mention != Some(m) {
                    return false;
                }
                let (first, _) = mention_words(words, e - 1);
                matches!(mentions[m].label, Label::Gpe | Label::Loc)
                    && first > 0
                    && matches!(words[first - 1].lower.as_str(), "from" | "in" | "of" | "at" | "near")
            };
            if ending_at(text, words, e, mentions, 0).is_some_and(|p| !place_after_preposition(&p)) {
                break;
            }
            end = c;
        }
    }
    // "a White House official who spoke anonymously to discuss internal strategy said": the
    // phrase before a relative clause without commas.
    let relative = || {
        let who = (e.saturating_sub(15)..e)
            .rev()
            .take_while(|&i| i + 1 == e || words[i].plain_gap(text))
            .find(|&i| matches!(words[i].lower.as_str(), "who" | "which"))?;
        ending_at(text, words, who, mentions, 1)
    };
    let mut p = ending_at(text, words, e, mentions, 0).or_else(relative)?;
    if p.role.is_none() {
        p.role = role;
    }
    p.affiliation = p.affiliation.or(affiliation);
    Some(p)
}

/// The source phrase whose last word is `words[e - 1]`.
fn ending_at(text: &str, words: &[Word], e: usize, mentions: &[Mention], depth: usize) -> Option<Phrase> {
    let i = e.checked_sub(1)?;
    let w = &words[i];
    if let Some(row) = w.pronoun() {
        let object = i > 0 && matches!(words[i - 1].lower.as_str(), "to" | "with" | "for" | "of" | "by" | "from");
        return (!object).then_some(Phrase {
            span: w.span,
            extent: w.span,
            head: Head::Pronoun { gender: row.get(1).copied().unwrap_or(""), number: row.get(2).copied().unwrap_or("one") },
            role: None,
            affiliation: None,
        });
    }
    // "Trump, who said": the relative pronoun stands for the name before the comma.
    if w.lower == "who" && i > 0 && words[i - 1].gap_has(text, ',') && depth == 0 {
        return ending_at(text, words, i, mentions, depth + 1);
    }
    if let Some(m) = w.mention {
        let label = mentions[m].label;
        let (first, _) = mention_words(words, i);
        if label == Label::Person {
            let (role, affiliation) = title_before(text, words, first, mentions);
            let extent = Span::new(role.map_or(mentions[m].span.start, |r| r.start), w.span.end);
            return Some(Phrase { span: mentions[m].span, extent, head: Head::Name(m), role, affiliation });
        }
        if !is_speaker_label(label) {
            return None;
        }
        // "Mr. Morgan of the Sierra Club", "a spokesman for committee Democrats": the person
        // before the preposition speaks, the organisation is theirs.
        let mut j = first;
        if j > 0 && words[j - 1].lower == "the" {
            j -= 1;
        }
        if j > 1
            && matches!(words[j - 1].lower.as_str(), "of" | "for" | "at" | "from" | "with")
            && words[j - 2].plain_gap(text)
            && depth < 2
        {
            if let Some(mut p) = ending_at(text, words, j - 1, mentions, depth + 1).filter(|p| p.is_person(mentions)) {
                p.affiliation = Some(m);
                p.extent.end = w.span.end;
                if matches!(p.head, Head::Noun { .. }) {
                    p.span.end = w.span.end;
                }
                return Some(p);
            }
        }
        // "a South Carolina Democrat", "one New Hampshire Republican": names before the head
        // modify it, back to a determiner.
        let mut a = j;
        while a > 0 && j - a < 5 && words[a - 1].plain_gap(text) {
            let x = &words[a - 1];
            if is_determiner(&x.lower) {
                a -= 1;
                break;
            }
            if !x.mention.is_some_and(|n| n != m && matches!(mentions[n].label, Label::Gpe | Label::Loc | Label::Norp)) {
                break;
            }
            a -= 1;
        }
        if a < j && is_determiner(&words[a].lower) {
            j = a;
        }
        let extent = Span::new(words[j].span.start, w.span.end);
        return Some(Phrase { span: mentions[m].span, extent, head: Head::Name(m), role: None, affiliation: None });
    }
    noun_phrase_ending(text, words, e, mentions).or_else(|| untagged_name(text, words, e))
}

/// [`untagged_name`] starting at `words[s]`, read forward ("said Robby Mook").
fn untagged_name_from(text: &str, words: &[Word], s: usize) -> Option<Phrase> {
    let capitalised =
        |w: &Word| w.capital && w.mention.is_none() && w.pronoun().is_none() && w.source_noun().is_none() && w.cue(true).is_none();
    let mut b = s;
    if !capitalised(words.get(s)?) {
        return None;
    }
    while b + 1 < words.len() && b - s < 3 && words[b].plain_gap(text) && capitalised(&words[b + 1]) {
        b += 1;
    }
    untagged_name(text, &words[..=b], b + 1).filter(|p| p.span.start == words[s].span.start)
}

/// Capitalised words ending at `words[e - 1]` that stand where a name would: two to four of
/// them ("Robby Mook"), or one the lexicon knows as a first or last name ("Mook"). A title or
/// honorific before them is left out.
fn untagged_name(text: &str, words: &[Word], e: usize) -> Option<Phrase> {
    let i = e.checked_sub(1)?;
    let capitalised =
        |w: &Word| w.capital && w.mention.is_none() && w.pronoun().is_none() && w.source_noun().is_none() && w.cue(true).is_none();
    if !capitalised(&words[i]) {
        return None;
    }
    let mut a = i;
    while a > 0 && i - a < 3 && words[a - 1].plain_gap(text) && capitalised(&words[a - 1]) {
        a -= 1;
    }
    if a == i {
        let known = ner::tagger().and_then(|t| t.lexicon.get(&words[i].lower)).is_some_and(|f| f.has(lexicon::FIRST | lexicon::LAST));
        if !known {
            return None;
        }
    }
    let name = span(words, a, i);
    Some(Phrase { span: name, extent: name, head: Head::Proper, role: None, affiliation: None })
}

/// The title or role written before a person's name (words `..first`): "company CEO",
/// "NASA's Science Mission Directorate associate administrator", "Florida Sen.", with the
/// organisation it names. None when the words before are no title (a verb, a determiner).
fn title_before(text: &str, words: &[Word], first: usize, mentions: &[Mention]) -> (Option<Span>, Option<usize>) {
    let mut a = first;
    while a > 0 && first - a < 7 {
        let w = &words[a - 1];
        if !(w.plain_gap(text) || w.after == Some('.') && w.source_noun() == Some("title")) {
            break;
        }
        if is_determiner(&w.lower) || !is_modifier(w) {
            break;
        }
        a -= 1;
    }
    if a == first {
        return (None, None);
    }
    // An honorific alone ("Mr.") gives a gender, not a role.
    let honorific = |w: &Word| super::words::is_honorific(&w.lower);
    let titled = words[a..first].iter().any(|w| (!w.capital || w.source_noun().is_some()) && !honorific(w));
    if !titled {
        return (None, None);
    }
    (Some(span(words, a, first - 1)), organisation_in(words, a, first, mentions))
}

/// A noun phrase without a name ending at `words[e - 1]`: its head is the nearest person,
/// organisation or document noun, the words after it a post-modifier opened by a preposition
/// ("people familiar with the matter"), the words before it modifiers back to a determiner.
fn noun_phrase_ending(text: &str, words: &[Word], e: usize, mentions: &[Mention]) -> Option<Phrase> {
    let mut head = None;
    for i in (e.saturating_sub(7)..e).rev() {
        let w = &words[i];
        if i + 1 < e && !w.plain_gap(text) {
            break;
        }
        if matches!(w.cue(false), Some("verb" | "clause" | "mental")) && i + 1 < e {
            break;
        }
        if let Some(kind) = w.source_noun().filter(|k| *k != "title") {
            if i + 1 == e || is_link(&words[i + 1].lower) {
                head = Some((i, kind));
                break;
            }
        }
    }
    let (h, kind) = head?;
    let mut s = h;
    while s > 0 && h - s < 5 {
        let w = &words[s - 1];
        if !w.plain_gap(text) {
            break;
        }
        if is_determiner(&w.lower) {
            s -= 1;
            break;
        }
        if !is_modifier(w) {
            break;
        }
        s -= 1;
    }
    let det = words[s].lower.as_str();
    let definite = matches!(det, "the" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their");
    Some(Phrase {
        span: span(words, s, e - 1),
        extent: span(words, s, e - 1),
        head: Head::Noun { head: words[h].span, kind, definite },
        role: None,
        affiliation: organisation_in(words, s, e, mentions),
    })
}

/// The source phrase that starts at word `s`, after its cue ("said Peskov", "said Foreign
/// Minister Sergei Lavrov", "said Leslie Wimes, a South Florida-based president", "read the
/// statement", "said ACLU executive director Anthony Romero", "said one district GOP leader").
/// A person's name wins over the organisation before it (their affiliation), a noun over the
/// names that modify it. None when the words after the cue are no source ("said in a
/// statement").
pub fn after(text: &str, words: &[Word], s: usize, mentions: &[Mention]) -> Option<Phrase> {
    let w = words.get(s)?;
    if let Some(row) = w.pronoun().filter(|r| r[0] != "it" && r[0] != "i") {
        return Some(Phrase {
            span: w.span,
            extent: w.span,
            head: Head::Pronoun { gender: row.get(1).copied().unwrap_or(""), number: row.get(2).copied().unwrap_or("one") },
            role: None,
            affiliation: None,
        });
    }
    let t = if is_determiner(&w.lower) { s + 1 } else { s };
    let limit = (s + 10).min(words.len());
    // The first name that may own what follows it, and the last noun seen.
    let mut owner: Option<(usize, usize)> = None;
    let mut noun: Option<(usize, &'static str)> = None;
    // The last of the names that follow each other from the first.
    let mut head: Option<(usize, usize)> = None;
    let mut i = s;
    while i < limit {
        let w = &words[i];
        if let Some(m) = w.mention {
            let (_, last) = mention_words(words, i);
            let label = mentions[m].label;
            if label == Label::Person {
                // "Clinton ally James Carville": a later name is the speaker's.
                let (name, at) = match later_name(text, words, last, mentions) {
                    Some(later) => later,
                    None => (person(words, m, mentions, i), i),
                };
                return Some(finish(text, words, name, s, t, at, owner.map(|o| o.0), mentions));
            }
            // Other names ("Democratic" as MISC) modify what follows them.
            if is_speaker_label(label) {
                owner = owner.or(Some((m, last)));
                // ... and a name right after names is their head: "a South Carolina Democrat",
                // "the Russian Foreign Ministry".
                head = match head {
                    Some((_, end)) if end + 1 != i => head,
                    _ => Some((m, last)),
                };
            }
            i = last + 1;
            if !words[last].plain_gap(text) {
                break;
            }
            continue;
        }
        if i == s && is_determiner(&w.lower) {
            i += 1;
            continue;
        }
        if let Some(name) = untagged_name_from(text, words, i) {
            return Some(finish(text, words, name, s, t, i, owner.map(|o| o.0), mentions));
        }
        if let Some(kind) = w.source_noun().filter(|k| *k != "title") {
            noun = Some((i, kind));
        } else if !is_modifier(w) {
            break;
        }
        let title_point = w.after == Some('.') && w.source_noun() == Some("title");
        i += 1;
        if !w.plain_gap(text) && !title_point {
            break;
        }
    }
    if let Some((h, kind)) = noun {
        let definite = matches!(words[s].lower.as_str(), "the" | "this" | "that" | "these" | "those" | "his" | "her" | "its" | "their");
        let mut end = h;
        // A post-modifier: "a spokesman for the campaign", "people familiar with the talks".
        if words[h].plain_gap(text) && words.get(h + 1).is_some_and(|n| is_link(&n.lower)) {
            end = (h + 1..words.len().min(h + 8)).find(|&j| !words[j].plain_gap(text)).unwrap_or(words.len() - 1);
        }
        let owner = owner.map(|o| o.0).filter(|&m| mentions[m].label == Label::Org);
        return Some(Phrase {
            span: span(words, s, end),
            extent: span(words, s, end),
            head: Head::Noun { head: words[h].span, kind, definite },
            role: None,
            affiliation: owner.or_else(|| organisation_in(words, s, end + 1, mentions)),
        });
    }
    let (m, last) = head.or(owner)?;
    let mut p = Phrase { span: mentions[m].span, extent: span(words, s, last), head: Head::Name(m), role: None, affiliation: None };
    apposition_after(text, words, last, &mut p, mentions);
    Some(p)
}

/// The phrase of the person mention `m` whose first word is `i`.
fn person(words: &[Word], m: usize, mentions: &[Mention], i: usize) -> Phrase {
    let (_, last) = mention_words(words, i);
    Phrase { span: mentions[m].span, extent: span(words, i, last), head: Head::Name(m), role: None, affiliation: None }
}

/// A person's name after the name ending at word `last`, the words between being a role
/// ("Clinton ally James Carville", "Ayotte campaign manager Jon Kohan"): the phrase and its first word.
fn later_name(text: &str, words: &[Word], last: usize, mentions: &[Mention]) -> Option<(Phrase, usize)> {
    let mut j = last + 1;
    let mut role = false;
    while j < words.len() && j <= last + 5 && words[j - 1].plain_gap(text) {
        let w = &words[j];
        if let Some(m) = w.mention.filter(|&m| mentions[m].label == Label::Person) {
            return role.then(|| (person(words, m, mentions, j), j));
        }
        if role {
            if let Some(p) = untagged_name_from(text, words, j) {
                return Some((p, j));
            }
        }
        if !is_modifier(w) || w.mention.is_some() {
            return None;
        }
        role |= w.source_noun().is_some();
        j += 1;
    }
    None
}

/// A person's phrase found after a cue (its name's first word at `at`), with the title before
/// it (words `t..at`), the owner before that as its affiliation, and the apposition after it.
#[allow(clippy::too_many_arguments)]
fn finish(text: &str, words: &[Word], mut p: Phrase, s: usize, t: usize, at: usize, owner: Option<usize>, mentions: &[Mention]) -> Phrase {
    p.role = (at > t).then(|| span(words, t, at - 1));
    p.affiliation = owner.filter(|&m| mentions[m].label == Label::Org).or_else(|| organisation_in(words, t, at, mentions));
    p.extent.start = words[s].span.start;
    let last = words.iter().rposition(|w| w.span.end <= p.span.end).unwrap_or(at);
    apposition_after(text, words, last, &mut p, mentions);
    p
}

/// What follows a name after its cue: "of the Sierra Club" (the affiliation) and ", a
/// South Florida-based president of ..." (the role), up to the next comma or the end.
fn apposition_after(text: &str, words: &[Word], last: usize, p: &mut Phrase, mentions: &[Mention]) {
    let mut j = last;
    if words[j].plain_gap(text) && words.get(j + 1).is_some_and(|w| matches!(w.lower.as_str(), "of" | "at" | "for" | "from")) {
        let mut k = j + 2;
        if words.get(k).is_some_and(|w| w.lower == "the") {
            k += 1;
        }
        if let Some(m) = words.get(k).and_then(|w| w.mention).filter(|&m| matches!(mentions[m].label, Label::Org | Label::Gpe)) {
            p.affiliation = Some(m);
            j = mention_words(words, k).1;
            p.extent.end = words[j].span.end;
        }
    }
    if words[j].gap_has(text, ',') && j + 1 < words.len() {
        let end = (j + 1..words.len().min(j + 21))
            .find(|&i| !words[i].plain_gap(text) && !words[i].gap_has(text, '-'))
            .unwrap_or(words.len() - 1);
        if is_role(words, j + 1, end) {
            p.extent.end = words[end].span.end;
            p.role = p.role.or(Some(span(words, j + 1, end)));
            p.affiliation = p.affiliation.or(organisation_in(words, j + 1, end + 1, mentions));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;
    use crate::analysis::mention::Source;

    /// The phrase before the word `cue` of `text`, with `names` as (text, label) mentions.
    fn before_cue(text: &str, cue: &str, names: &[(&str, Label)]) -> Option<(String, Option<String>, Option<String>)> {
        let mentions: Vec<Mention> = names
            .iter()
            .map(|(n, l)| {
                let at = text.find(n).unwrap();
                Mention::new(Span::new(at, at + n.len()), *l, Source::Model { confidence: 1.0 })
            })
            .collect();
        let w = words(text, Span::new(0, text.len()), &mentions);
        let k = w.iter().position(|w| w.lower == cue).unwrap();
        let p = before(text, &w, k, &mentions)?;
        Some((
            p.span.of(text).to_string(),
            p.role.map(|r| r.of(text).to_string()),
            p.affiliation.map(|m| mentions[m].span.of(text).to_string()),
        ))
    }

    #[test]
    fn the_person_speaks_and_the_organisation_is_theirs() {
        let got = before_cue("Mr. Morgan of the Sierra Club said", "said", &[("Morgan", Label::Person), ("Sierra Club", Label::Org)]);
        assert_eq!(got, Some(("Morgan".into(), None, Some("Sierra Club".into()))));
        let got = before_cue("company CEO Andy Vesey said", "said", &[("Andy Vesey", Label::Person)]);
        assert_eq!(got, Some(("Andy Vesey".into(), Some("company CEO".into()), None)));
        let got = before_cue(
            "Jeff Weaver, Sanders' campaign manager, said",
            "said",
            &[("Jeff Weaver", Label::Person), ("Sanders", Label::Person)],
        );
        assert_eq!(got, Some(("Jeff Weaver".into(), Some("Sanders' campaign manager".into()), None)));
        let got = before_cue("Mitch McConnell, R-Ky., said", "said", &[("Mitch McConnell", Label::Person), ("R-Ky", Label::Org)]);
        assert_eq!(got.map(|g| g.0), Some("Mitch McConnell".into()));
        let got = before_cue("Sen. Pat Toomey (R-Pa.) said", "said", &[("Pat Toomey", Label::Person)]);
        assert_eq!(got.map(|g| g.0), Some("Pat Toomey".into()));
    }

    #[test]
    fn noun_phrases_and_pronouns() {
        assert_eq!(
            before_cue("people familiar with the matter said", "said", &[]).map(|g| g.0),
            Some("people familiar with the matter".into())
        );
        assert_eq!(
            before_cue("a senior administration official said", "said", &[]).map(|g| g.0),
            Some("a senior administration official".into())
        );
        assert_eq!(before_cue("Then he also said", "said", &[]).map(|g| g.0), Some("he".into()));
        assert_eq!(before_cue("the talks went on and said", "said", &[]), None);
    }
}
