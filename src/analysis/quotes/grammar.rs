//! The grammar of attribution: how a source, a cue and a quote stand together. Each form
//! is a row of [`GRAMMAR`], tried in order on the words around a quote; the first that
//! finds a source attributes it. The words are data (`lists/cues.tsv`: cue verbs, the verbs
//! of a clause that can hold quoted words, cue nouns, adverbs, "according to"); the
//! source's phrase is read by [`super::speaker`]. Each row has a file of cases in
//! `tests/quotes/<id>.txt`.

use super::speaker::{self, Head, Phrase};
use super::words::Word;
use super::How;
use crate::analysis::mention::Mention;
use crate::analysis::span::Span;

/// What stands around one quote.
pub struct Context<'a> {
    pub text: &'a str,
    /// The stage's mentions (the words' `mention` indexes them).
    pub mentions: &'a [Mention],
    /// The words of the quote's sentence before its opening mark (words inside other quotes
    /// left out), at most [`super::ATTRIBUTION_WORDS`].
    pub before: Vec<Word>,
    /// Whether `before` starts where its sentence does (a capitalised first word can be a cue).
    pub from_start: bool,
    /// The words after the closing mark, to the end of the sentence they are in and before
    /// any next quote, at most [`super::ATTRIBUTION_WORDS`].
    pub after: Vec<Word>,
    /// The last character before the opening mark in its sentence, spaces skipped: ':' in
    /// `said: "`; None at the sentence's start.
    pub intro: Option<char>,
    /// The first character after the closing mark, spaces skipped: ',' in `", he said`.
    pub outro: Option<char>,
    /// The last character inside the quote, spaces skipped: ',' in `"We will win,"`.
    pub last: Option<char>,
}

/// A source found for a quote, and the cue that says so.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub phrase: Phrase,
    pub cue: Span,
}

/// A form of attribution.
pub struct Row {
    pub id: How,
    /// How sure the form is of its source, before the source is resolved to someone.
    pub confidence: f32,
    /// Whether the form frames a whole quote ("Peskov said: "...""), not a few words inside a
    /// sentence of the writer's ("called it "crooked"").
    pub frames: bool,
    find: fn(&Context) -> Option<Found>,
}

/// The forms, in the order they are tried: those next to the quote first.
pub static GRAMMAR: [Row; 7] = [
    Row { id: How::VerbBefore, confidence: 0.95, frames: true, find: verb_before },
    Row { id: How::Colon, confidence: 0.85, frames: true, find: colon },
    Row { id: How::AccordingTo, confidence: 0.9, frames: true, find: according_to },
    Row { id: How::VerbAfter, confidence: 0.95, frames: true, find: verb_after },
    Row { id: How::Dash, confidence: 0.8, frames: true, find: dash },
    Row { id: How::ReportingClause, confidence: 0.85, frames: false, find: reporting_clause },
    Row { id: How::CueNoun, confidence: 0.75, frames: false, find: cue_noun },
];

/// The first row that finds a source for the quote, and what it found.
pub fn attribute(ctx: &Context) -> Option<(&'static Row, Found)> {
    GRAMMAR.iter().find_map(|row| row.apply(ctx).map(|f| (row, f)))
}

impl Row {
    /// This row alone on `ctx`.
    pub fn apply(&self, ctx: &Context) -> Option<Found> {
        (self.find)(ctx)
    }
}

/// Whether a cue's next noun phrase is its listener, not its source ("told reporters").
fn takes_listener(w: &Word) -> bool {
    super::words::cue_row(&w.lower).is_some_and(|r| r.get(2) == Some(&"listener"))
}

/// `<source> <verb> [words] [:|,] "quote"`: "Peskov said: "...""; "Reid said in an interview
/// Tuesday: "...""; "He told reporters, "..."". The verb is at most eight words before the
/// quote; words between it and the quote end on a colon or a comma.
fn verb_before(ctx: &Context) -> Option<Found> {
    let w = &ctx.before;
    let n = w.len();
    let k = (n.saturating_sub(9)..n).rev().find(|&k| w[k].is_cue("verb", k == 0 && ctx.from_start))?;
    if k + 1 < n && !matches!(ctx.intro, Some(':' | ',')) {
        return None;
    }
    let phrase = subject(ctx, k).or_else(|| if takes_listener(&w[k]) { None } else { speaker::after(ctx.text, w, k + 1, ctx.mentions) })?;
    Some(Found { phrase, cue: w[k].span })
}

/// The subject of the cue at word `k` of the words before the quote: the phrase before it,
/// or, for a participle after a comma ("Trump attacked the press, calling Clinton
/// "crooked"") or a second verb ("Trump leaned in and boomed: "..."") the sentence's subject.
fn subject(ctx: &Context, k: usize) -> Option<Phrase> {
    let w = &ctx.before;
    let participle = w[k].lower.ends_with("ing") && k > 0 && w[k - 1].gap_has(ctx.text, ',');
    let coordinated = k > 0 && matches!(w[k - 1].lower.as_str(), "and" | "but" | "then");
    if coordinated {
        clause_subject(ctx, k).or_else(|| sentence_subject(ctx, k)).or_else(|| speaker::before(ctx.text, w, k, ctx.mentions))
    } else if participle {
        sentence_subject(ctx, k).or_else(|| speaker::before(ctx.text, w, k, ctx.mentions))
    } else {
        let phrase = speaker::before(ctx.text, w, k, ctx.mentions);
        // A participle after an object names the sentence's subject's words: "she released a
        // statement saying", "his campaign sent a text message to supporters saying".
        let object = |p: &Phrase| {
            matches!(p.head, Head::Noun { .. }) && w[k].lower.ends_with("ing") && p.extent.start > w[0].span.start && {
                let at = w.partition_point(|x| x.span.start < p.extent.start);
                at > 0 && w[at - 1].plain_gap(ctx.text) && !matches!(w[at - 1].lower.as_str(), "and" | "or" | "but")
            }
        };
        match phrase {
            Some(p) if object(&p) => sentence_subject(ctx, k).or(Some(p)),
            other => other,
        }
    }
}

/// `<name>: "quote"`: "Trump: "I am going to do very well."" The name (or pronoun) is all
/// there is before the colon.
fn colon(ctx: &Context) -> Option<Found> {
    let w = &ctx.before;
    if ctx.intro != Some(':') || w.is_empty() || !ctx.from_start {
        return None;
    }
    let phrase = speaker::before(ctx.text, w, w.len(), ctx.mentions)?;
    let named = matches!(phrase.head, Head::Name(_) | Head::Pronoun { .. });
    (named && phrase.extent.start <= w[0].span.start)
        .then_some(Found { phrase, cue: Span::new(w[w.len() - 1].span.end, w[w.len() - 1].span.end) })
}

/// "according to <source>", before the quote ("According to Trump, "..."") or right after it
/// (""...," according to Jens Stoltenberg").
fn according_to(ctx: &Context) -> Option<Found> {
    let at = |w: &[Word], k: usize| w[k].lower == "according" && w.get(k + 1).is_some_and(|t| t.lower == "to");
    let found = |w: &[Word], k: usize| {
        let phrase = speaker::after(ctx.text, w, k + 2, ctx.mentions)?;
        Some(Found { phrase, cue: Span::new(w[k].span.start, w[k + 1].span.end) })
    };
    let after = &ctx.after;
    if let Some(k) = (0..after.len().min(3)).find(|&k| at(after, k)) {
        return found(after, k);
    }
    let before = &ctx.before;
    let k = (0..before.len()).rev().find(|&k| at(before, k))?;
    found(before, k)
}

/// `"quote," <source> <verb>` or `"quote," <verb> <source>`: ""...," Peskov said"; ""...,"
/// said Leslie Wimes, a South Florida-based president"; ""...," Jeff Weaver, Sanders'
/// campaign manager, said". The source opens the words after the quote. After a quote that
/// ends its own sentence with a point, only a short attribution follows it ("Trump said.").
fn verb_after(ctx: &Context) -> Option<Found> {
    let w = &ctx.after;
    let first = w.first()?;
    if first.is_cue("verb", false) {
        if takes_listener(first) {
            return None;
        }
        let phrase = speaker::after(ctx.text, w, 1, ctx.mentions)?;
        return Some(Found { phrase, cue: first.span });
    }
    let k = (1..w.len().min(25)).find(|&k| w[k].is_cue("verb", false))?;
    let phrase = speaker::before(ctx.text, w, k, ctx.mentions)?;
    // The phrase opens the words after the quote, past a determiner ("his friend Mahamat
    // Saleh Oumar told").
    let opening = if super::words::is_determiner(&first.lower) { w[1].span.start } else { first.span.start };
    if phrase.extent.start > opening {
        return None;
    }
    // ""We will win." Clinton said the plan had failed" reports something else.
    if ctx.last == Some('.') && w.len() > k + 5 {
        return None;
    }
    Some(Found { phrase, cue: w[k].span })
}

/// `"quote" — <name>`: a dash and a name ending the sentence ("“...” ― Steve Quinlan").
fn dash(ctx: &Context) -> Option<Found> {
    if !matches!(ctx.outro, Some('—' | '―' | '–' | '-')) || ctx.after.is_empty() || ctx.after.len() > 12 {
        return None;
    }
    let phrase = speaker::after(ctx.text, &ctx.after, 0, ctx.mentions)?;
    let named = matches!(phrase.head, Head::Name(_));
    named.then_some(Found { phrase, cue: Span::new(ctx.after[0].span.start, ctx.after[0].span.start) })
}

/// `<source> <verb> ... "quote"`: the quote is in the complement of a reporting clause, and
/// its words are the clause's subject's: "Christie blasted Clinton as a "disgrace""; "Ryan
/// said he was "not ready""; "Trump attacked the press, calling Clinton "crooked"". The verb is
/// the nearest cue verb before the quote, at most 25 words back in its sentence.
fn reporting_clause(ctx: &Context) -> Option<Found> {
    let w = &ctx.before;
    let n = w.len();
    let cue = |k: usize| w[k].cue(k == 0 && ctx.from_start);
    let mut k = (n.saturating_sub(25)..n).rev().find(|&k| matches!(cue(k), Some("verb" | "clause" | "mental" | "noun")))?;
    if w[k..].iter().any(|x| x.gap_has(ctx.text, ';')) {
        return None;
    }
    // A cue noun, or a cue after a possessive ("Trump's promise to"), is the next row's,
    // unless a verb before it reports it ("Hollande described Trump's remarks as "hurtful"").
    if cue(k) == Some("noun") || k > 0 && is_possessive(&w[k - 1]) {
        let outer = (n.saturating_sub(25)..k)
            .rev()
            .find(|&j| matches!(cue(j), Some("verb" | "clause" | "mental")) && !(j > 0 && is_possessive(&w[j - 1])));
        k = outer.filter(|&j| subject(ctx, j).is_some())?;
    }
    // A thought is reported by whoever said it: "Aides said he believes the race is "winnable"".
    if cue(k) == Some("mental") {
        if let Some(outer) = (n.saturating_sub(25)..k).rev().find(|&j| cue(j) == Some("verb")) {
            if subject(ctx, outer).is_some() {
                k = outer;
            }
        }
    }
    let phrase = subject(ctx, k)?;
    Some(Found { phrase, cue: w[k].span })
}

/// The subject of the sentence the words before the quote start: its first name or pronoun,
/// among its first four words and before word `k`.
fn sentence_subject(ctx: &Context, k: usize) -> Option<Phrase> {
    let w = &ctx.before;
    if !ctx.from_start {
        return None;
    }
    let s = (0..k.min(6)).find(|&i| w[i].mention.is_some() || w[i].pronoun().is_some())?;
    let e = match w[s].mention {
        Some(m) => subject_end(ctx, s, (s..k).take_while(|&i| w[i].mention == Some(m)).last().unwrap_or(s) + 1, k),
        None => s + 1,
    };
    speaker::before(ctx.text, &w[..e], e, ctx.mentions)
}

/// Where the subject's noun phrase ends when a name opens it (words `s..e`, before word `k`):
/// a name that is a modifier gives way to the head after it ("The Florida senator", "Vermont
/// Sen. Bernie Sanders", "Democratic presidential candidate Sen. Bernie Sanders (I-Vt.)"). The
/// phrase runs on over names, source nouns and titles; until it has a head other than its
/// first name, also over two lowercase words ("presidential"). A person's name opening the
/// sentence is its own head ("Trump attacked the press").
fn subject_end(ctx: &Context, s: usize, e: usize, k: usize) -> usize {
    let w = &ctx.before;
    let person = |i: usize| w[i].mention.is_some_and(|m| ctx.mentions[m].label == crate::analysis::mention::Label::Person);
    let mut end = e;
    let mut loose = 0;
    let mut j = e;
    while j < k && j - s < 10 {
        let prev = &w[j - 1];
        let joined = prev.plain_gap(ctx.text) || prev.after == Some('.') && prev.source_noun() == Some("title");
        let x = &w[j];
        if !joined || x.pronoun().is_some() || super::words::is_boundary(&x.lower) || x.cue(false).is_some() || x.lower == "'s" {
            break;
        }
        if x.mention.is_some() || x.source_noun().is_some() {
            end = j + 1;
            loose = 0;
        } else if x.capital || end > e || person(s) || super::words::is_determiner(&x.lower) || loose == 2 {
            break;
        } else {
            loose += 1;
        }
        j += 1;
    }
    end
}

/// The subject of the clause a second verb at word `k` shares ("when Cruz knocked Rubio on
/// trade and called him a "moderate""): the nearest name or pronoun before it that opens a
/// clause (at the sentence's start, after a comma or after a word that joins clauses).
fn clause_subject(ctx: &Context, k: usize) -> Option<Phrase> {
    let w = &ctx.before;
    let opens =
        |j: usize| if j == 0 { ctx.from_start } else { super::words::is_boundary(&w[j - 1].lower) || w[j - 1].gap_has(ctx.text, ',') };
    let j = (k.saturating_sub(20)..k.saturating_sub(1)).rev().find(|&j| {
        let first = w[j].mention.is_none_or(|m| j == 0 || w[j - 1].mention != Some(m));
        let person =
            w[j].mention.is_some_and(|m| ctx.mentions[m].label == crate::analysis::mention::Label::Person) || w[j].pronoun().is_some();
        person && first && opens(j)
    })?;
    let e = match w[j].mention {
        Some(m) => (j..k).take_while(|&i| w[i].mention == Some(m)).last().unwrap_or(j) + 1,
        None => j + 1,
    };
    speaker::before(ctx.text, &w[..e], e, ctx.mentions)
}

/// Whether `w` is a possessive that can own a cue: "his", "her", "their", "its", "Trump's".
fn is_possessive(w: &Word) -> bool {
    matches!(w.lower.as_str(), "his" | "her" | "their" | "its")
        || (w.mention.is_some() && (w.lower.ends_with("'s") || w.lower.ends_with("’s")))
}

/// `<possessive> <cue> ... "quote"`: "Trump's promise to "make America great again""; "his
/// description of Clinton as "crooked"". The cue is at most twelve words before the quote.
fn cue_noun(ctx: &Context) -> Option<Found> {
    let w = &ctx.before;
    let n = w.len();
    for k in (n.saturating_sub(12).max(1)..n).rev() {
        if !matches!(w[k].cue(false), Some("noun" | "verb" | "clause" | "mental")) {
            continue;
        }
        let owner = &w[k - 1];
        let gender = match owner.lower.as_str() {
            "his" => Some(("male", "one")),
            "her" => Some(("female", "one")),
            "their" => Some(("", "many")),
            "its" => Some(("", "thing")),
            _ => None,
        };
        let head = match (gender, owner.mention) {
            (Some((gender, number)), _) => Head::Pronoun { gender, number },
            (None, Some(m)) if owner.lower.ends_with('s') && (owner.lower.ends_with("'s") || owner.lower.ends_with("’s")) => {
                Head::Name(m)
            }
            _ => continue,
        };
        let span = match head {
            Head::Name(m) => ctx.mentions[m].span,
            _ => owner.span,
        };
        return Some(Found { phrase: Phrase { span, extent: owner.span, head, role: None, affiliation: None }, cue: w[k].span });
    }
    None
}
