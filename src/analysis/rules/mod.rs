//! The rules around the tagger: its chunks read as names (NORP out of MISC, GPE out of LOC,
//! titles apart from names), refined and completed by the table of name rules
//! ([`table::RULES`]), merged with the dates and numbers, and linked into entities within
//! the article, places with their gazetteer facts.
//!
//! [`apply`] is the stage's entry point; [`apply_rules`] runs it on chunks given by hand,
//! which is how `tests/rules/` tests each rule without the tagger's weights.

pub mod chunks;
mod document;
mod link;
pub mod table;

use super::mention::{Entity, Label, Mention, Source};
use super::ner::lexicon::Lexicon;
use super::ner::truecase::case_name;
use super::ner::{Chunk, Tagged, Tok};
use super::parse::Article;
use super::span::Span;
use super::util::order;
use chunks::Candidate;
use document::{may_change, Part};
use table::{NameRule, Overlap, Pattern, RULES};

/// Refines the tagger's chunks in `tagged` by the rules, adds the names the lists and the
/// article's parts give and the `values` (dates and numbers), and links the mentions into
/// entities. Returns both sorted by position.
pub fn apply(text: &str, article: &Article, tagged: &Tagged, values: Vec<Mention>) -> (Vec<Mention>, Vec<Entity>) {
    let (mentions, mut entities) = apply_rules(text, article, tagged.lexicon, &tagged.sentences, &tagged.chunks, values);
    if tagged.caseless {
        // The names as a reader would write them, not as pasted ("sam altman").
        for e in entities.iter_mut().filter(|e| e.label.is_name()) {
            e.name = case_name(tagged.lexicon, &e.name);
        }
    }
    (mentions, entities)
}

/// [`apply`] on `chunks` of `sents`, however they were found.
pub fn apply_rules(
    text: &str,
    article: &Article,
    lex: &Lexicon,
    sents: &[Vec<Tok>],
    chunks: &[Chunk],
    values: Vec<Mention>,
) -> (Vec<Mention>, Vec<Entity>) {
    let mut candidates: Vec<Candidate> = chunks.iter().filter_map(|c| chunks::read(lex, sents, c)).collect();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut values = Some(values);
    let mut merged = false;
    for rule in &RULES {
        if on_chunks(&rule.pattern) {
            for c in &mut candidates {
                chunk_row(rule, sents, c);
            }
            continue;
        }
        // The chunk rows are done: the chunks become mentions, beside the values.
        if let Some(values) = values.take() {
            mentions = finish(std::mem::take(&mut candidates), sents);
            mentions.extend(values);
        }
        match &rule.pattern {
            Pattern::Credits => document::parsed(rule, Part::Credits, lex, text, article, &mut mentions),
            Pattern::Dateline => document::parsed(rule, Part::Dateline, lex, text, article, &mut mentions),
            Pattern::Phrases { list, single } => document::phrase_row(rule, list, single, lex, text, sents, &mut mentions),
            Pattern::Name(list) => document::relabel_names(rule, Some(list), text, article, &mut mentions),
            Pattern::Outlet => document::relabel_names(rule, None, text, article, &mut mentions),
            Pattern::StormName { kinds } => document::relabel_storm_names(rule, kinds, text, &mut mentions),
            Pattern::SameName => {
                if !merged {
                    merge(text, &mut mentions);
                    merged = true;
                }
                link::propagate(rule, text, sents, &mut mentions);
            }
            Pattern::Storm { .. } | Pattern::LastWord(_) | Pattern::Whole(_) | Pattern::AfterRole { .. } => {}
        }
    }
    if let Some(values) = values.take() {
        mentions = finish(candidates, sents);
        mentions.extend(values);
    }
    if !merged {
        merge(text, &mut mentions);
    }
    let entities = link::link(text, lex, &mut mentions);
    (mentions, entities)
}

/// Whether a pattern reads one chunk at a time.
fn on_chunks(pattern: &Pattern) -> bool {
    matches!(pattern, Pattern::Storm { .. } | Pattern::LastWord(_) | Pattern::Whole(_) | Pattern::AfterRole { .. })
}

/// Applies a row that reads chunks to one.
fn chunk_row(rule: &NameRule, sents: &[Vec<Tok>], c: &mut Candidate) {
    if !may_change(&rule.over, &c.mention) {
        return;
    }
    let sent = &sents[c.sentence];
    let matched = match &rule.pattern {
        Pattern::Storm { kinds, not } => match chunks::storm_start(kinds, not, sent, c.start, c.end) {
            Some(start) if rule.overlap == Overlap::Override => {
                // The kind of storm is part of the name.
                c.start = start;
                c.mention.span = Span::new(sent[start].span.start, sent[c.end - 1].span.end);
                true
            }
            Some(_) => true,
            None => false,
        },
        Pattern::LastWord(list) => chunks::last_word_is(list, &c.words(sents)),
        Pattern::Whole(list) => chunks::whole_is(list, &c.words(sents)),
        Pattern::AfterRole { roles, unless } => chunks::after_role(roles, unless, sent, c.start, c.end),
        _ => false,
    };
    if matched {
        if let Some(label) = rule.label {
            c.mention.label = label;
        }
        c.mention.source = Source::Rule { rule: rule.id };
    }
}

/// The chunks as mentions, a person's with the role the text gives them.
fn finish(candidates: Vec<Candidate>, sents: &[Vec<Tok>]) -> Vec<Mention> {
    candidates
        .into_iter()
        .map(|c| {
            let mut m = c.mention;
            if m.label == Label::Person {
                m.role = chunks::role_of(&sents[c.sentence], c.start, c.end, c.role_start);
            }
            m
        })
        .collect()
}

/// Mentions in text order, the first of overlapping ones kept (the longest where they start
/// together), and people side by side joined ("Kim" + "Jong Un").
fn merge(text: &str, mentions: &mut Vec<Mention>) {
    order::sort_by_key(mentions, |m| order::pair(m.span.start, order::descending(m.span.end)));
    mentions.dedup_by(|b, a| a.span.overlaps(b.span));
    link::join_adjacent_people(text, mentions);
}
