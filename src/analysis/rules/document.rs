//! The rows that read the whole article: its parsed parts (credits, dateline), the phrases of
//! a list wherever the text has them, and the tagger's names a list knows.

use super::chunks::storm_name;
use super::table::{From, NameRule, Over, Overlap, Single};
use crate::analysis::lists::{List, Outlets, Phrases};
use crate::analysis::mention::{Label, Mention, Rule, Source};
use crate::analysis::ner::lexicon::Lexicon;
use crate::analysis::ner::tokens::tagger_tokens;
use crate::analysis::ner::Tok;
use crate::analysis::parse::Article;
use crate::analysis::span::Span;
use crate::analysis::util::hash::{FastMap, FastSet};
use crate::analysis::util::order;
use std::sync::OnceLock;

/// Whether a row may change `m`.
pub(super) fn may_change(over: &Over, m: &Mention) -> bool {
    let from = match over.from {
        From::Model => matches!(m.source, Source::Model { .. }),
        From::Tagger => matches!(m.source, Source::Model { .. } | Source::Gazetteer { .. }),
        From::Any => true,
    };
    from && over.labels.contains(&m.label)
}

/// The part of the article a parsed row reads.
pub(super) enum Part {
    Credits,
    Dateline,
}

/// The names the parser read in the credits line and photo credit, or in the dateline,
/// replacing every mention they overlap (what a credits line says before its names,
/// "Associated Press writers ...", is left to the tagger). A part of more than five words is
/// no name.
pub(super) fn parsed(rule: &NameRule, part: Part, lex: &Lexicon, text: &str, article: &Article, mentions: &mut Vec<Mention>) {
    let mut parts: Vec<(Span, Label)> = Vec::new();
    let mut zones: Vec<Span> = Vec::new();
    match part {
        Part::Credits => {
            let agency_like = |name: &str| name.split_whitespace().count() == 1 || name.chars().all(|c| !c.is_lowercase());
            if let Some(credits) = &article.credits {
                zones.extend(credits.roles.iter().map(|r| r.span));
                for role in &credits.roles {
                    for p in &role.people {
                        parts.push((p.span, if agency_like(&p.name) { Label::Org } else { Label::Person }));
                    }
                    for p in &role.places {
                        parts.push((p.span, place_label(lex, &p.name)));
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
                        parts.push((Span::new(credit.span.start + k, credit.span.start + k + name.len()), label));
                    }
                };
                find(&credit.agency, Label::Org, true);
                find(&credit.photographer, Label::Person, false);
                find(&credit.distributor, Label::Org, true);
            }
        }
        Part::Dateline => {
            // Its date stays with the dates found elsewhere.
            if let Some(d) = &article.dateline {
                let raw = d.span.of(text);
                // "Siesta Key, Florida": two places, each its own mention, so the first links
                // with the story's other "Siesta Key"s.
                let mut names: Vec<(&str, Label)> = d.place.split(", ").map(|p| (p, place_label(lex, p))).collect();
                names.extend(d.agency.as_deref().map(|a| (a, Label::Org)));
                let mut from = 0;
                for (name, label) in names {
                    if let Some(k) = raw.get(from..).and_then(|r| r.find(name)).map(|k| k + from) {
                        let span = Span::new(d.span.start + k, d.span.start + k + name.len());
                        from = k + name.len();
                        zones.push(span);
                        parts.push((span, label));
                    }
                }
            }
        }
    }
    if zones.is_empty() {
        return;
    }
    mentions.retain(|m| !zones.iter().any(|z| z.overlaps(m.span)));
    for (span, label) in parts {
        let words = span.of(text).split_whitespace().count();
        if (1..=5).contains(&words) {
            mentions.push(Mention::new(span, rule.label.unwrap_or(label), Source::Rule { rule: rule.id }));
        }
    }
}

/// A place named by parsed metadata (a credits line, a dateline): GPE when the gazetteers
/// know it as a country, city or state, else LOC.
fn place_label(lex: &Lexicon, name: &str) -> Label {
    if lex.get(name).is_some_and(|f| f.is_place()) {
        Label::Gpe
    } else {
        Label::Loc
    }
}

/// The entries of `list` as phrases of tagger tokens, built once per list.
fn phrases(list: &'static List) -> &'static Phrases {
    static BUILT: OnceLock<std::sync::Mutex<FastMap<&'static str, &'static Phrases>>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    let mut built = built.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    built.entry(list.file).or_insert_with(|| {
        let words = |e: &'static str| tagger_tokens(e, Span::new(0, e.len())).iter().map(|s| s.of(e)).collect();
        Box::leak(Box::new(Phrases::new(list, words)))
    })
}

/// The spans of `list`'s phrases in the sentences, each with the end of the token before it.
fn found_phrases<'a>(
    list: &'static List,
    lex: &'a Lexicon,
    single: &'a Single,
    sents: &'a [Vec<Tok>],
) -> impl Iterator<Item = (Span, Option<usize>)> + 'a {
    let phrases = phrases(list);
    // Capitalised inside a sentence, even a word usually written in lowercase is the name
    // ("the Fed chair").
    let usually_lowercase = move |w: &str| lex.get(w).and_then(|f| f.case) == Some(0);
    let accept = move |w: &str, i: usize| match single {
        Single::Never => false,
        Single::UnlessLowercaseWordStarts => i > 0 || !usually_lowercase(w),
    };
    sents.iter().flat_map(move |sent| {
        phrases
            .find(sent, accept)
            .into_iter()
            .map(|(a, b)| (Span::new(sent[a].span.start, sent[b - 1].span.end), a.checked_sub(1).map(|p| sent[p].span.end)))
    })
}

/// A [`Pattern::Phrases`](super::table::Pattern::Phrases) row: its list's phrases wherever the
/// text has them, added as the row's `overlap` says (`Keep` or `Join`).
pub(super) fn phrase_row(
    rule: &NameRule,
    list: &'static List,
    single: &Single,
    lex: &Lexicon,
    text: &str,
    sents: &[Vec<Tok>],
    mentions: &mut Vec<Mention>,
) {
    let found: Vec<(Span, Option<usize>)> =
        found_phrases(list, lex, single, sents).filter(|(span, _)| !place_after_the(list, text, *span)).collect();
    if found.is_empty() {
        return;
    }
    let label = rule.label.unwrap_or(Label::Org);
    let made = || Source::Rule { rule: rule.id };
    match rule.overlap {
        Overlap::Join => join(label, made, found, mentions),
        _ => {
            let reach = Reach::new(mentions, |_| true);
            let added: Vec<Mention> = found
                .into_iter()
                .filter(|(span, _)| reach.overlapping(mentions, *span).is_none())
                .map(|(span, _)| Mention::new(span, label, made()))
                .collect();
            mentions.extend(added);
        }
    }
}

/// Mentions a phrase overlaps give way to it, but a longer name that holds one is relabelled
/// instead ("Kurdistan Democratic Party"), and a name right before one joins it ("Scottish" +
/// "Labour Party").
fn join(label: Label, made: impl Fn() -> Source, found: Vec<(Span, Option<usize>)>, mentions: &mut Vec<Mention>) {
    let names = Reach::new(mentions, |m| m.label.is_name());
    // Names other than people's, by where they end: the one right before a phrase.
    let ends: FastMap<usize, usize> =
        mentions.iter().enumerate().filter(|(_, m)| m.label.is_name() && m.label != Label::Person).map(|(i, m)| (m.span.end, i)).collect();
    let mut added: Vec<Mention> = Vec::with_capacity(found.len());
    for (mut span, before) in found {
        if let Some(i) = names.holding(mentions, span) {
            let m = &mut mentions[i];
            if m.label != label {
                m.label = label;
                m.source = made();
            }
            continue;
        }
        if let Some(&i) = before.and_then(|b| ends.get(&b)) {
            if mentions[i].span.end < span.start {
                span.start = mentions[i].span.start;
            }
        }
        added.push(Mention::new(span, label, made()));
    }
    let taken = Reach::new(&added, |_| true);
    mentions.retain(|m| taken.overlapping(&added, m.span).is_none());
    mentions.extend(added);
}

/// Whether the entry of `list` at `span` is one the list marks "place after the" and "the"
/// comes before it: "the Amazon" is the river ("the Fed" is the bank).
fn place_after_the(list: &'static List, text: &str, span: Span) -> bool {
    let before = &text[..span.start];
    (before.ends_with("the ") || before.ends_with("The ")) && list.mark(span.of(text)) == Some("place after the")
}

/// A row that relabels the tagger's names: [`Pattern::Name`](super::table::Pattern::Name)
/// with `list`, [`Pattern::Outlet`](super::table::Pattern::Outlet) with None.
pub(super) fn relabel_names(rule: &NameRule, list: Option<&'static List>, text: &str, article: &Article, mentions: &mut [Mention]) {
    let Some(label) = rule.label else { return };
    let publisher = article.publisher.as_ref().map(|p| p.value.as_str());
    let outlets = Outlets::get();
    for m in mentions.iter_mut().filter(|m| may_change(&rule.over, m)) {
        let name = m.span.of(text);
        let matched = match list {
            Some(list) => list.contains(name) && !place_after_the(list, text, m.span),
            None => {
                // "the Guardian": the tagger leaves the article out of the name.
                let after_the = text[..m.span.start].ends_with("The ") || text[..m.span.start].ends_with("the ");
                outlets.is_outlet(name) || after_the && outlets.is_outlet(&format!("The {name}")) || publisher == Some(name)
            }
        };
        if matched {
            m.label = label;
            m.source = Source::Rule { rule: rule.id };
        }
    }
}

/// A [`Pattern::StormName`](super::table::Pattern::StormName) row: the tagger's names that are
/// the own name of a storm the article named.
pub(super) fn relabel_storm_names(rule: &NameRule, kinds: &'static List, text: &str, mentions: &mut [Mention]) {
    let Some(label) = rule.label else { return };
    let storms: FastSet<&str> = mentions
        .iter()
        .filter(|m| matches!(&m.source, Source::Rule { rule: Rule::NamedStorm }))
        .filter_map(|m| storm_name(kinds, m.span.of(text)))
        .collect();
    if storms.is_empty() {
        return;
    }
    for m in mentions.iter_mut().filter(|m| may_change(&rule.over, m)) {
        if storms.contains(m.span.of(text)) {
            m.label = label;
            m.source = Source::Rule { rule: rule.id };
        }
    }
}

/// Mentions sorted by where they start, each with the one reaching farthest among those up
/// to it: whether some mention overlaps or holds a span is then a binary search, where a scan
/// of every mention for every listed name the text has would be quadratic (a pasted list of
/// thousands of party names).
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
