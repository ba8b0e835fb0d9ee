//! Reported speech without quotation marks: "Russia said on Thursday that ...", "Sunak said
//! the two countries would hold a summit".

use super::speaker::is_speaker_label;
use super::{How, Quote, QuoteKind, Resolution};
use crate::analysis::lists::{CLAUSE_OPENERS, FINITE_VERBS, SPEAKER_NOUNS, SPEECH_VERBS};
use crate::analysis::mention::{Entity, Label, Mention};
use crate::analysis::span::{within, Span};
use crate::analysis::util::timestamp::weekday_from_name;

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

/// Indirect speech in `sentence`: "`<speaker> <verb> [on Thursday] that <clause>`", or without
/// "that" after the verbs that take a bare clause ("Sunak said the two countries would hold
/// a summit"; see `bare_clause`). The speaker is the last name in the six words before the
/// verb, or, where those words are a relative clause ("Sunak, who arrived in Washington on
/// Wednesday, said"), before "who"; at most two words may come between it and the verb, and
/// it does not follow a preposition.
pub fn find(text: &str, sentence: Span, mentions: &[Mention], entities: &[Entity]) -> Option<Quote> {
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
            role: entities.get(m.entity).and_then(|e| e.role.clone()).filter(|r| !super::is_honorific(r)),
            affiliation: None,
            cue: Some(words[k]),
            how: Some(How::VerbBefore),
            resolution: Some(Resolution::Name),
            confidence: Some(0.8),
            source: None,
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
