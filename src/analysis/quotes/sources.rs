//! Who the article relies on: its quotes grouped by source, each with role and
//! affiliation, how many quotes and quoted words, named or not, and its share of all quoted
//! words.

use super::{Quote, QuoteKind};
use crate::analysis::mention::{Entity, Label};
use crate::analysis::util::hash::FastMap;
use serde::{Deserialize, Serialize};

/// What kind of source a quote is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Person,
    Organisation,
    /// A group of people: a nationality, a party's members, "protesters".
    Group,
    /// A statement, a letter, a report: words quoted from a text.
    Document,
}

impl SourceKind {
    /// In a word for a reader.
    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Organisation => "organisation",
            SourceKind::Group => "group",
            SourceKind::Document => "document",
        }
    }
}

/// One source the article quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotedSource {
    /// The entity's name, or the words that describe a source the article does not name
    /// ("a senior official", "people familiar with the matter").
    pub name: String,
    /// The source's entity (index into `Analysis::entities`); None for an unnamed source.
    pub entity: Option<usize>,
    pub kind: SourceKind,
    /// Whether the article names the source (false: an anonymous or unresolved one).
    pub named: bool,
    /// The first role the article gives the source at a quote, or the entity's role.
    pub role: Option<String>,
    /// The organisation the source speaks for, where the attribution says ("of the Sierra Club").
    pub affiliation: Option<String>,
    /// The source's quotes (indices into `Analysis::quotes`), direct, partial and reported.
    pub quotes: Vec<usize>,
    /// How many of them are in the source's own words (direct or partial).
    pub quoted: usize,
    /// The words in those quotes.
    pub words: usize,
    /// Those words' share of all the quoted words of the article's sources, from 0 to 1.
    pub share: f32,
}

/// The kind of source an unnamed description is, by its head noun's kind.
fn kind_of_noun(kind: &str) -> SourceKind {
    match kind {
        "organisation" => SourceKind::Organisation,
        "document" => SourceKind::Document,
        _ => SourceKind::Person,
    }
}

/// The sources of `quotes`, most quoted words first, and each quote's source set to its
/// index among them. `described` gives, for a quote without a speaker, the description of
/// its source and the kind of its head noun, if the attribution had one.
pub fn summarize(text: &str, quotes: &mut [Quote], entities: &[Entity], described: &[Option<(String, &'static str)>]) -> Vec<QuotedSource> {
    let mut out: Vec<QuotedSource> = Vec::new();
    // The source of each key: an entity, or a description in lowercase.
    let mut by_entity: Vec<Option<usize>> = vec![None; entities.len()];
    let mut by_description: FastMap<String, usize> = FastMap::default();
    for (qi, q) in quotes.iter_mut().enumerate() {
        let own = matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial);
        if !own && q.kind != QuoteKind::Indirect {
            continue;
        }
        let si = if let Some(e) = q.speaker.filter(|&e| e < entities.len()) {
            *by_entity[e].get_or_insert_with(|| {
                let ent = &entities[e];
                let kind = match ent.label {
                    Label::Person => SourceKind::Person,
                    Label::Norp => SourceKind::Group,
                    _ => SourceKind::Organisation,
                };
                out.push(QuotedSource {
                    name: ent.name.clone(),
                    entity: Some(e),
                    kind,
                    named: true,
                    role: None,
                    affiliation: None,
                    quotes: Vec::new(),
                    quoted: 0,
                    words: 0,
                    share: 0.0,
                });
                out.len() - 1
            })
        } else if let Some((description, noun)) = described.get(qi).and_then(|d| d.as_ref()) {
            let key = description.to_lowercase();
            match by_description.get(&key) {
                Some(&si) => si,
                None => {
                    out.push(QuotedSource {
                        name: description.clone(),
                        entity: None,
                        kind: kind_of_noun(noun),
                        // A name the tagger missed is still a name.
                        named: *noun == "name",
                        role: None,
                        affiliation: None,
                        quotes: Vec::new(),
                        quoted: 0,
                        words: 0,
                        share: 0.0,
                    });
                    by_description.insert(key, out.len() - 1);
                    out.len() - 1
                }
            }
        } else {
            continue;
        };
        let s = &mut out[si];
        s.quotes.push(qi);
        if s.role.is_none() {
            s.role = q.role.clone();
        }
        if s.affiliation.is_none() {
            s.affiliation = q.affiliation.clone();
        }
        if own {
            s.quoted += 1;
            s.words += q.parts.iter().map(|p| p.of(text).split_whitespace().count()).sum::<usize>();
        }
        q.source = Some(si);
    }
    let total: usize = out.iter().map(|s| s.words).sum();
    for s in &mut out {
        s.share = if total == 0 { 0.0 } else { ((s.words as f64 / total as f64) * 1000.0).round() as f32 / 1000.0 };
    }
    // Most quoted words first, then most quotes, then first quoted.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(out[i].words), std::cmp::Reverse(out[i].quotes.len()), out[i].quotes.first().copied()));
    let mut new_index = vec![0; out.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for q in quotes.iter_mut() {
        q.source = q.source.map(|s| new_index[s]);
    }
    let mut sorted: Vec<Option<QuotedSource>> = out.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| sorted[i].take()).collect()
}
