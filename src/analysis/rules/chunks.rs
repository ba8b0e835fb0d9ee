//! The tagger's chunks as the rules read them, the patterns that match one chunk, and the
//! roles before and after a person's name.

use crate::analysis::lists::{List, TITLES};
use crate::analysis::mention::{Label, Mention, Source};
use crate::analysis::ner::labels::Kind;
use crate::analysis::ner::lexicon::{Lexicon, DEMONYM};
use crate::analysis::ner::{Chunk, Tok};
use crate::analysis::span::Span;

/// A chunk on its way to a mention: the mention so far, and the tokens it spans.
pub(super) struct Candidate {
    pub mention: Mention,
    pub sentence: usize,
    /// The name's tokens: `start..end` of the sentence.
    pub start: usize,
    pub end: usize,
    /// The first of the role words taken off the front of a person's chunk, if any.
    pub role_start: Option<usize>,
}

impl Candidate {
    /// The name's words as the tagger read them.
    pub fn words<'s>(&self, sents: &'s [Vec<Tok>]) -> Vec<&'s str> {
        sents[self.sentence][self.start..self.end].iter().map(|t| t.text.as_ref()).collect()
    }
}

/// Whether `phrase` (any case) is a role of `roles` (of [`TITLES`] for the role words a
/// person's chunk begins with). Asked for every word before every name: a set lookup.
fn is_role(roles: &'static List, phrase: &str) -> bool {
    roles.contains(&phrase.to_lowercase())
}

/// A chunk read for the rules: punctuation at its edges is no part of a name; a title the
/// tagger swallowed into a person's name ("President Vladimir Putin") is taken off as the
/// person's role; a name the gazetteers know as a nationality or group is NORP (out of MISC
/// or LOC), as a country, city or state GPE (out of LOC), by the gazetteer. None when no
/// word is left.
pub(super) fn read(lex: &Lexicon, sents: &[Vec<Tok>], chunk: &Chunk) -> Option<Candidate> {
    let sent = &sents[chunk.sentence];
    let (mut a, mut b) = (chunk.start, chunk.end);
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
    let mut label = match chunk.kind {
        Kind::Person => Label::Person,
        Kind::Organisation => Label::Org,
        Kind::Location => Label::Loc,
        Kind::Misc => Label::Misc,
    };
    let mut role_start = None;
    if label == Label::Person {
        while a + 1 < b
            && (is_role(&TITLES, &sent[a].text) || sent[a].text.contains('.') && is_role(&TITLES, &sent[a].text.replace('.', "")))
        {
            role_start.get_or_insert(a);
            a += 1;
        }
    }
    let confidence = chunk.confidence;
    let mut source = Source::Model { confidence };
    let joined = sent[a..b].iter().map(|t| t.text.as_ref()).collect::<Vec<_>>().join(" ");
    if let Some(f) = lex.get(&joined) {
        if f.has(DEMONYM) && matches!(label, Label::Misc | Label::Loc) {
            label = Label::Norp;
            source = Source::Gazetteer { confidence };
        } else if f.is_place() && label == Label::Loc {
            label = Label::Gpe;
            source = Source::Gazetteer { confidence };
        }
    }
    let span = Span::new(sent[a].span.start, sent[b - 1].span.end);
    Some(Candidate { mention: Mention::new(span, label, source), sentence: chunk.sentence, start: a, end: b, role_start })
}

/// Where a named storm starts when the chunk `sent[a..b]` is one, or its name after a kind
/// of storm of `kinds` ("Hurricane Milton", "Milton" after "Hurricane", "Tropical Storm
/// Debby"): the name is one or two capitalised words, none of which is in `not` (they make
/// it an institution or a time named after storms: "the National Hurricane Center").
pub(super) fn storm_start(kinds: &'static List, not: &'static List, sent: &[Tok], a: usize, b: usize) -> Option<usize> {
    let is_kind = |i: usize| kinds.contains(&sent[i].text);
    let kind = if is_kind(a) && b - a >= 2 {
        a
    } else if a > 0 && is_kind(a - 1) {
        a - 1
    } else {
        return None;
    };
    let name = &sent[kind + 1..b];
    if !(1..=2).contains(&name.len())
        || !name.iter().all(|t| t.text.starts_with(char::is_uppercase))
        || name.iter().any(|t| not.contains(&t.text))
    {
        return None;
    }
    let qualified =
        kind > 0 && matches!((sent[kind - 1].text.as_ref(), sent[kind].text.as_ref()), ("Tropical", "Storm") | ("Super", "Typhoon"));
    Some(if qualified { kind - 1 } else { kind })
}

/// The storm's own name in a named storm ("Milton" in "Hurricane Milton"), `kinds` its kinds.
pub(super) fn storm_name<'n>(kinds: &'static List, name: &'n str) -> Option<&'n str> {
    let rest = name.strip_prefix("Tropical ").or_else(|| name.strip_prefix("Super ")).unwrap_or(name);
    let (kind, own) = rest.split_once(' ')?;
    kinds.contains(kind).then_some(own)
}

/// Whether a chunk of two words or more ends on an entry of `list` (compared without a
/// final point: "Warner Bros.").
pub(super) fn last_word_is(list: &'static List, words: &[&str]) -> bool {
    words.len() >= 2 && words.last().is_some_and(|w| list.contains(w.trim_end_matches('.')))
}

/// Whether a chunk's words, joined by spaces, are an entry of `list`.
pub(super) fn whole_is(list: &'static List, words: &[&str]) -> bool {
    list.contains(&words.join(" "))
}

/// Whether the chunk `sent[a..b]` is a name right after a role ("Tesla chief executive Elon
/// Musk", "President Trump"): capitalised, at most three words, not ending on a word of
/// `unless` (an organisation's: "the official Iraqi News Agency").
pub(super) fn after_role(roles: &'static List, unless: &'static List, sent: &[Tok], a: usize, b: usize) -> bool {
    let words: Vec<&str> = sent[a..b].iter().map(|t| t.text.as_ref()).collect();
    let capitalised = words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    capitalised && !last_word_is(unless, &words) && words.len() <= 3 && role_before(roles, sent, a).is_some()
}

/// The role ([`TITLES`]) the text gives the person at tokens `start..end`: right before the name
/// ("Kremlin spokesman"), else the title taken off the front of the chunk (`role_start`),
/// else in an appositive after it ("Yvette Cooper, the home secretary,").
pub(super) fn role_of(sent: &[Tok], start: usize, end: usize, role_start: Option<usize>) -> Option<Span> {
    role_before(&TITLES, sent, start)
        .or_else(|| role_start.map(|s| Span::new(sent[s].span.start, sent[start - 1].span.end)))
        .or_else(|| role_after(sent, end))
}

/// A role right before a name: "spokesman", "Kremlin spokesman", "Russia's President",
/// "North Korean leader".
fn role_before(roles: &'static List, sent: &[Tok], name_start: usize) -> Option<Span> {
    let mut i = name_start;
    let mut found = None;
    while i > 0 {
        let one = &sent[i - 1].text;
        let two = (i >= 2).then(|| format!("{} {}", sent[i - 2].text, sent[i - 1].text));
        if two.as_deref().is_some_and(|p| is_role(roles, p)) {
            found = Some(i - 2);
            i -= 2;
        } else if is_role(roles, one) {
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
        if w == "'s" || w == "’s" || w.chars().next().is_some_and(char::is_uppercase) && !is_role(roles, w) && s - 1 > 0 {
            s -= 1;
        } else if s - 1 == 0 && w.chars().next().is_some_and(char::is_uppercase) && !is_role(roles, w) {
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
    (is_role(&TITLES, last) || two.as_deref().is_some_and(|p| is_role(&TITLES, p)))
        .then(|| Span::new(sent[start].span.start, sent[close - 1].span.end))
}
