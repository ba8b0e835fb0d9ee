//! Quotes and who said them.
//!
//! Direct quotes are found by their marks (straight and curly, double and single),
//! including quotes that run over several paragraphs (an opening mark with no
//! closing one at the paragraph's end, and the next paragraph opening again),
//! and quotes split by an attribution ("..., he said. "..."). Each is attributed
//! by a reporting verb before or after it, carrying pronouns ("He added:") and
//! roles ("the spokesman said") over to the speaker they stand for. Indirect
//! speech ("Russia said on Thursday that ...") is found by its verb and "that".

use super::lists::{CLAUSE_OPENERS, FINITE_VERBS, SPEAKER_NOUNS, SPEAKER_PRONOUNS, SPEECH_VERBS};
use super::mention::{Entity, Label, Mention};
use super::parse::{Block, BlockKind};
use super::span::{overlaps_sorted, within, Span};
use super::util::order;
use super::util::timestamp::weekday_from_name;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Speech in quotation marks.
    Direct,
    /// A short quoted phrase or a scare quote ("'in all areas'").
    Phrase,
    /// Reported speech without quotation marks ("Russia said that ...").
    Indirect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// From the first quoted character to the last (marks excluded); may cross paragraphs.
    pub span: Span,
    /// The quoted stretches, one per paragraph or per side of an interrupting attribution.
    pub parts: Vec<Span>,
    /// The speaker as the text names them at the attribution ("Peskov", "He").
    pub speaker_span: Option<Span>,
    /// The speaker's entity (index into `Analysis::entities`).
    pub speaker: Option<usize>,
    /// The speaker's role as the article gives it ("Kremlin spokesman").
    pub role: Option<String>,
    /// The reporting verb ("said", "added", "according to").
    pub cue: Option<Span>,
    /// How the speaker was found.
    pub how: Option<How>,
}

/// How a quote's speaker was found (snake_case in the JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// A reporting verb before the quote and its subject: "Peskov said: "..."".
    VerbBefore,
    /// A reporting verb after the quote: ""...," Peskov said".
    VerbAfter,
    /// A pronoun subject ("he said"), resolved to the person it stands for.
    Pronoun,
    /// A role noun subject ("the spokesman said"), resolved to the person with that role.
    Role,
    /// A paragraph that is only a quote goes on with the last speaker.
    CarriedOver,
    /// "according to" a name.
    AccordingTo,
}

impl How {
    /// In a few words for a reader ("verb before").
    pub fn describe(self) -> &'static str {
        match self {
            How::VerbBefore => "verb before",
            How::VerbAfter => "verb after",
            How::Pronoun => "pronoun",
            How::Role => "role",
            How::CarriedOver => "carried over",
            How::AccordingTo => "according to",
        }
    }
}

/// Whether `w` (with any trailing punctuation) is a speech verb. Called on every
/// word of every sentence, so it compares in place instead of lowercasing a copy.
fn is_verb(w: &str) -> bool {
    let w = w.trim_end_matches([':', ',', '.', ';']).as_bytes();
    let mut lower = [0u8; 16];
    let Some(buf) = lower.get_mut(..w.len()) else { return false };
    buf.copy_from_slice(w);
    buf.make_ascii_lowercase();
    std::str::from_utf8(buf).is_ok_and(|w| SPEECH_VERBS.contains(w))
}

fn words_with_spans(text: &str, span: Span) -> Vec<Span> {
    let s = span.of(text);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.';
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                let t = s[st..i].trim_end_matches('.').trim_end_matches(['\'', '’']);
                let w = t.trim_start_matches(['\'', '’']);
                if !w.is_empty() {
                    let off = t.len() - w.len();
                    out.push(Span::new(span.start + st + off, span.start + st + off + w.len()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A run of quoted text found by its marks within one block.
#[derive(Debug, Clone, Copy)]
struct Marked {
    inner: Span,
    /// The opening mark's position (so a quote can be told from its surroundings).
    open: usize,
    close: Option<usize>,
    single: bool,
}

fn is_opening_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '“' | '—' | '-')) && next.is_some_and(|n| n.is_alphanumeric())
}

fn is_closing_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | ',' | '!' | '?'))
        && next.is_none_or(|n| n.is_whitespace() || matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '”'))
}

/// Quoted runs in `block` (double quotes first; single quotes where no double quote covers them).
fn marked_runs(text: &str, block: Span) -> Vec<Marked> {
    let s = block.of(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mark_len = |at: usize| s[at..].chars().next().map_or(1, char::len_utf8);
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let is_open = c == '“' || (c == '"' && open.is_none() && prev.is_none_or(|p| !p.is_alphanumeric() || p == ' '));
        let is_close = c == '”' || (c == '"' && open.is_some());
        if is_close && open.is_some() {
            let o = open.take().unwrap_or(0);
            out.push(Marked {
                inner: Span::new(block.start + o + mark_len(o), block.start + i),
                open: block.start + o,
                close: Some(block.start + i),
                single: false,
            });
        } else if is_open {
            open = Some(i);
        }
    }
    if let Some(o) = open {
        // No closing mark before the paragraph's end: the quote runs on.
        let len = s[o..].chars().next().map_or(1, char::len_utf8);
        out.push(Marked { inner: Span::new(block.start + o + len, block.end), open: block.start + o, close: None, single: false });
    }
    // Single quotes outside the double-quoted runs (disjoint and in order, so the only
    // one that can cover a mark is the last opened before it).
    let doubles = out.len();
    let mut sopen: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '\'' && c != '‘' && c != '’' {
            continue;
        }
        let at = block.start + i;
        let d = out[..doubles].partition_point(|m| m.open <= at);
        if d > 0 && out[d - 1].close.is_none_or(|cl| at <= cl) {
            continue;
        }
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        if sopen.is_none() && (c == '‘' || c == '\'') && is_opening_single(prev, next) {
            sopen = Some(i);
        } else if let Some(o) = sopen {
            if (c == '’' || c == '\'')
                && is_closing_single(prev, next)
                && !(prev == Some('s') && next.is_some_and(char::is_whitespace) && i - o > 40)
            {
                let len = s[o..].chars().next().map_or(1, char::len_utf8);
                out.push(Marked {
                    inner: Span::new(block.start + o + len, block.start + i),
                    open: block.start + o,
                    close: Some(at),
                    single: true,
                });
                sopen = None;
            }
        }
    }
    order::sort_by_key(&mut out, |m| m.open as u64);
    out
}

/// How many words on each side of a quote may hold its attribution. The speech verb
/// nearest the quote is taken, with its subject within six words of it, so a verb further
/// than this is never the one; the bound keeps a block with thousands of quotes and no
/// sentence break (pasted JSON, a CSV) linear instead of scanning the text before every quote.
const ATTRIBUTION_WORDS: usize = 40;

/// How many bytes on each side of a quote may hold its attribution: forty words of news are
/// well under it, and text without spaces (a line of punctuation and quote marks) has no
/// words to count, which made reading the words before every quote quadratic.
const ATTRIBUTION_BYTES: usize = 1000;

/// The end of `span` holding at most its last `n` whitespace-separated words, and at most
/// [`ATTRIBUTION_BYTES`].
fn last_words(text: &str, span: Span, n: usize) -> Span {
    let mut start = span.end.saturating_sub(ATTRIBUTION_BYTES).max(span.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let span = Span::new(start, span.end);
    let s = span.of(text);
    after_words(s.char_indices().rev(), n).map_or(span, |(i, c)| Span::new(span.start + i + c.len_utf8(), span.end))
}

/// The start of `span` holding at most its first `n` whitespace-separated words, and at
/// most [`ATTRIBUTION_BYTES`].
fn first_words(text: &str, span: Span, n: usize) -> Span {
    let mut end = span.start.saturating_add(ATTRIBUTION_BYTES).min(span.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let span = Span::new(span.start, end.max(span.start));
    let s = span.of(text);
    after_words(s.char_indices(), n).map_or(span, |(i, _)| Span::new(span.start, span.start + i))
}

/// The whitespace character (and its position) that ends the `n`th word of `chars`, read in
/// either direction; `None` when they hold `n` words or fewer with nothing after.
fn after_words(chars: impl Iterator<Item = (usize, char)>, n: usize) -> Option<(usize, char)> {
    let (mut words, mut in_word) = (0, false);
    for (i, c) in chars {
        if c.is_whitespace() {
            if in_word && words == n {
                return Some((i, c));
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    None
}

/// The entity of the last person mention lying within `since`, from `people` sorted by end.
fn last_person_within(people: &[&Mention], since: Span) -> Option<usize> {
    let k = people.partition_point(|m| m.span.end <= since.end);
    people[..k].iter().rev().take_while(|m| m.span.end > since.start).find(|m| m.span.start >= since.start).map(|m| m.entity)
}

/// Where an appositive ends the words before the verb at `k` ("Jerome H. Powell, the Fed
/// chair, said"): the index of the word whose comma opens it ("Powell,"), when the word before
/// the verb closes it with a comma and a determiner opens it, within ten words.
fn appositive_before(text: &str, words: &[Span], k: usize) -> Option<usize> {
    // Words hold no commas: the comma is the character after one.
    let comma_after = |j: usize| text[words[j].end..].starts_with(',');
    if k < 3 || !comma_after(k - 1) {
        return None;
    }
    let j = (k.saturating_sub(10)..k - 2).rev().find(|&j| comma_after(j))?;
    matches!(words[j + 1].of(text).to_lowercase().as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their").then_some(j)
}

/// The attribution found for a quote.
#[derive(Debug, Clone)]
struct Attribution {
    speaker_span: Span,
    cue: Span,
    how: How,
}

/// Finds `<speaker> <verb>` or `<verb> <speaker>` in `window` (text outside the quote).
fn attribution_in(text: &str, window: Span, mentions: &[Mention], before: bool) -> Option<Attribution> {
    let words = words_with_spans(text, window);
    let mentions = within(mentions, window, |m| m.span);
    // "according to X"
    for k in 0..words.len().saturating_sub(2) {
        if words[k].of(text).eq_ignore_ascii_case("according") && words[k + 1].of(text).eq_ignore_ascii_case("to") {
            let rest = Span::new(words[k + 2].start, window.end);
            if let Some(m) = mentions.iter().find(|m| rest.contains(m.span) && m.label.is_name()) {
                return Some(Attribution { speaker_span: m.span, cue: Span::new(words[k].start, words[k + 1].end), how: How::AccordingTo });
            }
        }
    }
    let verb_positions: Vec<usize> = (0..words.len()).filter(|&k| is_verb(words[k].of(text))).collect();
    // Nearest the quote first.
    let ordered: Vec<usize> = if before { verb_positions.into_iter().rev().collect() } else { verb_positions };
    for k in ordered {
        let verb = words[k];
        // Subject before the verb: the closest name mention or pronoun ending right before it.
        let lo = if k >= 6 { words[k - 6].start } else { window.start };
        let left = Span::new(lo, verb.start);
        // "Jerome H. Powell, the Fed chair, said": the name before the appositive.
        let named = appositive_before(text, &words, k).and_then(|j| {
            mentions.iter().rfind(|m| is_speaker_label(m.label) && m.span.end > words[j].start && m.span.end <= words[j].end)
        });
        let subject =
            named.or_else(|| mentions.iter().filter(|m| left.contains(m.span) && is_speaker_label(m.label)).max_by_key(|m| m.span.end));
        if let Some(m) = subject {
            return Some(Attribution { speaker_span: m.span, cue: verb, how: if before { How::VerbBefore } else { How::VerbAfter } });
        }
        if k > 0 {
            let w = words[k - 1].of(text).to_lowercase();
            if SPEAKER_PRONOUNS.contains(&w) {
                return Some(Attribution { speaker_span: words[k - 1], cue: verb, how: How::Pronoun });
            }
            // "the spokesman said": a role noun.
            if k > 1 && matches!(words[k - 2].of(text).to_lowercase().as_str(), "the" | "a" | "an") {
                return Some(Attribution { speaker_span: words[k - 1], cue: verb, how: How::Role });
            }
        }
        // Subject after the verb: "said Peskov", "said the spokesman".
        let hi = words.get(k + 5).map_or(window.end, |w| w.end);
        let right = Span::new(verb.end, hi);
        if let Some(m) = mentions.iter().filter(|m| right.contains(m.span) && is_speaker_label(m.label)).min_by_key(|m| m.span.start) {
            return Some(Attribution { speaker_span: m.span, cue: verb, how: if before { How::VerbBefore } else { How::VerbAfter } });
        }
        if let Some(w) = words.get(k + 1) {
            if SPEAKER_PRONOUNS.contains(&w.of(text).to_lowercase()) {
                return Some(Attribution { speaker_span: *w, cue: verb, how: How::Pronoun });
            }
        }
    }
    None
}

fn is_speaker_label(l: Label) -> bool {
    matches!(l, Label::Person | Label::Org | Label::Gpe | Label::Norp)
}

/// Finds quotes in `text`. `sentences` and `mentions` are sorted; the entities give roles.
pub fn find(text: &str, blocks: &[Block], sentences: &[Span], mentions: &[Mention], entities: &[Entity]) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut last_speaker: Option<usize> = None;
    let mut last_speaker_at = 0usize; // where the last attributed quote ended
    let mut continuing: Option<usize> = None; // index of a quote running over paragraphs
    let prose = |b: &&Block| {
        matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Title | BlockKind::Quote | BlockKind::ListItem | BlockKind::Caption | BlockKind::ImageAlt
        )
    };
    // The entities' roles in lowercase, each once, with the first entity that has it (for
    // "the spokesman said"): every entity's role lowercased for every such quote was quadratic.
    let mut roles: Vec<(String, usize)> = Vec::new();
    for (e, role) in entities.iter().enumerate().filter_map(|(e, ent)| Some((e, ent.role.as_deref()?.to_lowercase()))) {
        if !roles.iter().any(|(r, _)| *r == role) {
            roles.push((role, e));
        }
    }
    // The people named, by where their mention ends (for the last one named before a speaker).
    let mut people: Vec<&Mention> = mentions.iter().filter(|m| m.label == Label::Person).collect();
    order::sort_by_key(&mut people, |m| order::pair(m.span.end, m.span.start));
    for block in blocks.iter().filter(prose) {
        let runs = marked_runs(text, block.span);
        let mut covered: Vec<Span> = Vec::new();
        for (ri, run) in runs.iter().enumerate() {
            // A run that continues the previous paragraph's open quote.
            if let Some(qi) = continuing {
                if ri == 0 && text[block.span.start..run.open].trim().is_empty() {
                    let q = &mut quotes[qi];
                    q.parts.push(run.inner);
                    q.span.end = run.inner.end;
                    covered.push(run.inner);
                    if run.close.is_some() {
                        continuing = None;
                    }
                    continue;
                }
            }
            continuing = None;
            let content = run.inner.of(text);
            let words = content.split_whitespace().count();
            let k = sentences.partition_point(|s| s.start <= run.open);
            let sentence = k.checked_sub(1).map(|k| sentences[k]).filter(|s| run.open < s.end).unwrap_or(block.span);
            // What stands around the quote in its sentence.
            let before = Span::new(sentence.start.max(block.span.start), run.open);
            let after_start = run.close.map_or(run.inner.end, |c| c + text[c..].chars().next().map_or(1, char::len_utf8));
            let next_open = runs.get(ri + 1).map_or(block.span.end, |n| n.open);
            let after = Span::new(after_start.min(next_open), sentence.end.max(after_start).min(next_open).max(after_start.min(next_open)));
            // Where the attribution is looked for: the words nearest the quote on each side.
            let (before_near, after_near) = (last_words(text, before, ATTRIBUTION_WORDS), first_words(text, after, ATTRIBUTION_WORDS));
            let intro = text[before.start..before.end].trim_end();
            let speechlike = !run.single
                && (words >= 5 || intro.ends_with(':') || intro.ends_with(',') || content.trim_end().ends_with(['.', '!', '?', ',']));
            let kind = if speechlike { QuoteKind::Direct } else { QuoteKind::Phrase };
            // A quote split by its attribution: "..., he said. "..." joins the first part.
            if kind == QuoteKind::Direct {
                if let Some(prev) =
                    quotes.last_mut().filter(|q| q.kind == QuoteKind::Direct && q.parts.last().is_some_and(|p| block.span.contains(*p)))
                {
                    let gap = Span::new(prev.parts.last().map_or(run.open, |p| p.end), run.open);
                    let gap_text = gap.of(text);
                    let gap_words = gap_text.split_whitespace().count();
                    if gap_words <= 8
                        && gap_text.split_whitespace().any(is_verb)
                        && prev.parts.last().is_some_and(|p| p.of(text).trim_end().ends_with(','))
                    {
                        prev.parts.push(run.inner);
                        prev.span.end = run.inner.end;
                        covered.push(run.inner);
                        if run.close.is_none() {
                            continuing = Some(quotes.len() - 1);
                        }
                        continue;
                    }
                }
            }
            let attribution =
                attribution_in(text, before_near, mentions, true).or_else(|| attribution_in(text, after_near, mentions, false));
            let mut q = Quote {
                kind,
                span: run.inner,
                parts: vec![run.inner],
                speaker_span: None,
                speaker: None,
                role: None,
                cue: None,
                how: None,
            };
            match attribution {
                Some(a) => {
                    q.speaker_span = Some(a.speaker_span);
                    q.cue = Some(a.cue);
                    q.how = Some(a.how);
                    // The person a pronoun stands for: one named since the last speaker spoke, else that speaker.
                    let since = Span::new(last_speaker_at.min(a.speaker_span.start), a.speaker_span.start);
                    let recent_person = last_person_within(&people, since);
                    q.speaker = resolve(text, &a, mentions, &roles, recent_person.or(last_speaker), recent_person);
                }
                None if kind == QuoteKind::Direct && intro.is_empty() && after.of(text).trim().is_empty() => {
                    // A paragraph that is only a quote: the last speaker goes on.
                    q.speaker = last_speaker;
                    q.how = last_speaker.map(|_| How::CarriedOver);
                }
                None => {}
            }
            if let Some(e) = q.speaker {
                q.role = entities.get(e).and_then(|e| e.role.clone());
                if kind == QuoteKind::Direct {
                    last_speaker = Some(e);
                    last_speaker_at = run.inner.end;
                }
            }
            covered.push(run.inner);
            if run.close.is_none() {
                continuing = Some(quotes.len());
            }
            quotes.push(q);
        }
        // Indirect speech: "<speaker> <verb> [on Thursday] that <clause>".
        for s in within(sentences, block.span, |s| *s).iter().filter(|s| block.span.contains(**s)) {
            if overlaps_sorted(&covered, *s) {
                continue;
            }
            if let Some(q) = indirect(text, *s, mentions, entities) {
                quotes.push(q);
            }
        }
    }
    order::sort_by_key(&mut quotes, |q| q.span.start as u64);
    quotes
}

/// Resolves an attribution's speaker to an entity.
fn resolve(
    text: &str,
    a: &Attribution,
    mentions: &[Mention],
    roles: &[(String, usize)],
    last_speaker: Option<usize>,
    last_person: Option<usize>,
) -> Option<usize> {
    if let Some(m) = within(mentions, a.speaker_span, |m| m.span).iter().find(|m| m.span == a.speaker_span) {
        return Some(m.entity);
    }
    let w = a.speaker_span.of(text).to_lowercase();
    match a.how {
        How::Pronoun if matches!(w.as_str(), "he" | "she" | "they" | "we" | "i") => last_speaker.or(last_person),
        How::Role => {
            // "the spokesman": the entity whose role names it, else the last speaker.
            roles.iter().find(|(r, _)| r.contains(&w)).map(|(_, e)| *e).or(last_speaker)
        }
        _ => None,
    }
}

/// Indirect speech in `sentence`: "`<speaker> <verb> [on Thursday] that <clause>`", or without
/// "that" after the verbs that take a bare clause ("Sunak said the two countries would hold
/// a summit"; see [`bare_clause`]). The speaker is the last name in the six words before the
/// verb, or, where those words are a relative clause ("Sunak, who arrived in Washington on
/// Wednesday, said"), before "who"; at most two words may come between it and the verb, and
/// it does not follow a preposition.
fn indirect(text: &str, sentence: Span, mentions: &[Mention], entities: &[Entity]) -> Option<Quote> {
    let words = words_with_spans(text, sentence);
    let mentions = within(mentions, sentence, |m| m.span);
    for k in 0..words.len() {
        if !is_verb(words[k].of(text)) {
            continue;
        }
        // "that" within the next four words (after a time phrase like "on Thursday").
        let that = (k + 1..(k + 5).min(words.len())).find(|&j| words[j].of(text).eq_ignore_ascii_case("that"));
        let Some(clause_start) = that.map(|j| j + 1).or_else(|| bare_clause(text, &words, k)) else { continue };
        let who = (k.saturating_sub(12)..k).rfind(|&j| matches!(words[j].of(text), "who" | "which"));
        let subject_end = who.or_else(|| appositive_before(text, &words, k).map(|j| j + 1)).unwrap_or(k);
        let subject_zone = Span::new(words[subject_end.saturating_sub(6)].start, words[subject_end].start);
        let Some(m) = mentions.iter().filter(|m| subject_zone.contains(m.span) && is_speaker_label(m.label)).max_by_key(|m| m.span.end)
        else {
            continue;
        };
        // The name is the subject, or names it: nothing comes between, or at most two words
        // ending in a speaker's noun ("Yonhap news agency said", "Russia's foreign ministry
        // said"), and nothing after a nationality ("Dutch police said" is not the Dutch).
        // Otherwise it belongs to another phrase ("traders said", "Banisadr's testimony and
        // said", "East Jerusalem in 1967, says").
        let gap = words[..subject_end].iter().rev().take_while(|w| w.start >= m.span.end).count();
        let head = words[subject_end - 1].of(text).trim_end_matches(',');
        if gap > 0 && (gap > 2 || m.label == Label::Norp || !SPEAKER_NOUNS.contains(&head.to_lowercase())) {
            continue;
        }
        // A place after a preposition says where the speakers are ("Traders in London said").
        let before = words.partition_point(|w| w.end <= m.span.start).checked_sub(1).map(|j| words[j].of(text));
        if before.is_some_and(|w| matches!(w, "in" | "at" | "from" | "near" | "across" | "outside" | "inside")) {
            continue;
        }
        let Some(first) = words.get(clause_start) else { continue };
        let clause = Span::new(first.start, sentence.end);
        let clause = Span::new(clause.start, clause.start + clause.of(text).trim_end_matches(['.', '!', '?']).len());
        return Some(Quote {
            kind: QuoteKind::Indirect,
            span: clause,
            parts: vec![clause],
            speaker_span: Some(m.span),
            speaker: Some(m.entity),
            role: entities.get(m.entity).and_then(|e| e.role.clone()),
            cue: Some(words[k]),
            how: Some(How::VerbBefore),
        });
    }
    None
}

/// Where the reported clause starts after the verb at `k` when no "that" follows it: "said
/// [on Thursday] the talks would go on". Only "said", "says" and "added" take one here, the
/// verb ends no phrase (no comma or colon after it), the clause opens with a determiner, a
/// pronoun or a capitalised word, and a finite verb ("would", "was", "has"...) comes within
/// its first eight words. "said in a statement", "said on Friday." and "said, adding" are
/// not clauses.
fn bare_clause(text: &str, words: &[Span], k: usize) -> Option<usize> {
    if !matches!(words[k].of(text), "said" | "says" | "added") {
        return None;
    }
    // A time phrase: "on Thursday", "Thursday", "yesterday".
    let mut j = k + 1;
    let on = words.get(j).is_some_and(|w| w.of(text) == "on");
    j += usize::from(on);
    let day = |w: &str| w.len() >= 6 && weekday_from_name(w).is_some() || matches!(w, "yesterday" | "today");
    if words.get(j).is_some_and(|w| day(w.of(text))) {
        j += 1;
    } else if on {
        return None;
    }
    let first = words.get(j)?.of(text);
    let lower = first.to_lowercase();
    let opens = CLAUSE_OPENERS.contains(&lower) || first.starts_with(|c: char| c.is_uppercase());
    // Nothing but spaces between the verb and the clause: "said, adding" and "said: the" are other forms.
    let between = Span::new(words[k].end, words[j].start).of(text);
    let plain = between.chars().all(|c| c.is_whitespace() || c.is_alphanumeric())
        && !words[k..j].iter().any(|w| w.of(text).ends_with(['.', ',', ':', ';']));
    let finite = words[j..].iter().take(8).any(|w| FINITE_VERBS.contains(&w.of(text).trim_end_matches([',', '.']).to_lowercase()));
    (opens && plain && finite && words.len() >= j + 4).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::mention::Source;

    #[test]
    fn the_words_nearest_a_quote() {
        let text = "  one two\tthree  four ";
        let all = Span::new(0, text.len());
        assert_eq!(last_words(text, all, 2).of(text), "three  four ");
        assert_eq!(first_words(text, all, 2).of(text), "  one two");
        // Fewer words than asked: the whole span.
        assert_eq!(last_words(text, all, 9), all);
        assert_eq!(first_words(text, all, 9), all);
        // As many as asked: the span ends with the last one (starts with the first).
        assert_eq!(first_words(text, all, 4).of(text), "  one two\tthree  four");
        assert_eq!(last_words(text, all, 4).of(text), "one two\tthree  four ");
        assert_eq!(last_words(text, Span::new(3, 3), 1), Span::new(3, 3));
        // Multi-byte whitespace and words.
        let text = "Évian\u{3000}säger  dît";
        let all = Span::new(0, text.len());
        assert_eq!(last_words(text, all, 1).of(text), "dît");
        assert_eq!(first_words(text, all, 1).of(text), "Évian");
    }

    #[test]
    fn the_last_person_named_within_a_span_is_found_by_search() {
        // Disjoint mentions, people and not, in text order.
        let mention = |start: usize, label: Label, entity: usize| Mention {
            span: Span::new(start, start + 3),
            label,
            entity,
            source: Source::Model { confidence: 1.0 },
            role: None,
        };
        let mentions: Vec<Mention> = (0..60).map(|k| mention(k * 5, if k % 3 == 0 { Label::Person } else { Label::Org }, k)).collect();
        let mut people: Vec<&Mention> = mentions.iter().filter(|m| m.label == Label::Person).collect();
        people.sort_by_key(|m| (m.span.end, m.span.start));
        for start in 0..300 {
            for end in start..300 {
                let since = Span::new(start, end);
                // What the quote finder did before: every mention within, the last person ending by `end`.
                let scanned =
                    within(&mentions, since, |m| m.span).iter().rfind(|m| m.label == Label::Person && m.span.end <= end).map(|m| m.entity);
                assert_eq!(last_person_within(&people, since), scanned, "{since:?}");
            }
        }
    }
}
