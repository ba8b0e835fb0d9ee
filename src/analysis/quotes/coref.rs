//! Who a source phrase stands for. A name is its entity. A pronoun is the most salient
//! compatible name before it: in number ("he" a person, "they" a group or an organisation)
//! and in gender (a person's likely gender from their first name by the US Census 1990
//! lists, kept in the lexicon, or from an honorific or a gendered title; "unknown" when
//! there is none, and an unknown gender agrees with either pronoun). A definite role noun
//! ("the spokesman", "the Florida senator") is the last person the article gave that role.

use super::speaker::Head;
use super::words::source_noun_row;
use crate::analysis::lists::SPEAKER_NOUNS;
use crate::analysis::mention::{Entity, Label, Mention};
use crate::analysis::ner::{self, lexicon};
use crate::analysis::span::{overlaps_sorted, Span};
use crate::analysis::util::hash::FastMap;

/// How many sentences back a pronoun looks for its antecedent.
const PRONOUN_REACH: usize = 4;

/// What the article says about its people, for resolving pronouns and roles.
pub struct People<'a> {
    sentences: &'a [Span],
    mentions: &'a [Mention],
    /// Each entity's likely gender: [`lexicon::MALE`], [`lexicon::FEMALE`] or [`lexicon::UNKNOWN_GENDER`].
    gender: Vec<u8>,
    /// The name mentions outside quotes that can stand for a pronoun, in text order.
    candidates: Vec<usize>,
    /// The sentence of each candidate (same order).
    candidate_sentence: Vec<usize>,
    /// Roles the article gives people: (where, the role's head noun, entity), in text order.
    roles: Vec<(usize, String, usize)>,
    /// Roles found at attributions as the quotes are read (appositions), in text order.
    found_roles: Vec<(usize, String, usize)>,
    /// People by the last word of their name, lowercase ("mook" → Robby Mook); None where
    /// two people share it.
    surnames: FastMap<String, Option<usize>>,
}

/// The role a title or role noun stands for ("sen" → "senator"), lowercase, without its point.
fn canonical(word: &str) -> String {
    let w = word.trim_end_matches('.').to_lowercase();
    match source_noun_row(&w).and_then(|r| r.get(3)).filter(|s| !s.is_empty()) {
        Some(same) => same.to_string(),
        None => w,
    }
}

/// The head noun of a role ("Sanders' campaign manager" → "manager", "a spokesman for the
/// campaign" → "spokesman", "Florida Sen." → "senator"): its last person noun or title before
/// any preposition, else its last word.
pub fn role_head(role: &str) -> Option<String> {
    let words: Vec<&str> = role.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')).collect();
    let end = words.iter().position(|w| matches!(*w, "of" | "for" | "at" | "from" | "with" | "in" | "on" | "who")).unwrap_or(words.len());
    let noun = |w: &&&str| matches!(SPEAKER_NOUNS.mark(&w.trim_end_matches('.').to_lowercase()), Some("person" | "title"));
    let head = words[..end].iter().rev().find(noun).or_else(|| words[..end].last())?;
    Some(canonical(head)).filter(|h| !h.is_empty())
}

/// The gender a word gives the person it stands before or for ("mr", "spokeswoman").
fn word_gender(word: &str) -> u8 {
    let w = word.trim_end_matches('.').to_lowercase();
    match source_noun_row(&w).and_then(|r| r.get(2).copied()) {
        Some("male") => lexicon::MALE,
        Some("female") => lexicon::FEMALE,
        _ => lexicon::UNKNOWN_GENDER,
    }
}

/// The last word before `pos` in `text` (within 30 bytes), without its point.
fn word_before(text: &str, pos: usize) -> &str {
    let from = pos.saturating_sub(30);
    let from = (from..pos).find(|&i| text.is_char_boundary(i)).unwrap_or(pos);
    let s = text[from..pos].trim_end();
    s.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").trim_end_matches('.')
}

/// Merges one piece of gender evidence into what is known (conflicting evidence is unknown).
fn merge(known: &mut Option<u8>, g: u8) {
    if g == lexicon::UNKNOWN_GENDER {
        return;
    }
    *known = match *known {
        None => Some(g),
        Some(k) if k == g => Some(k),
        Some(_) => Some(lexicon::UNKNOWN_GENDER),
    };
}

impl<'a> People<'a> {
    /// Reads the people of an article: `quoted` are the quoted runs, sorted (names inside
    /// them are not antecedents).
    pub fn new(text: &'a str, sentences: &'a [Span], mentions: &'a [Mention], entities: &[Entity], quoted: &[Span]) -> People<'a> {
        let lex = ner::tagger().map(|t| &t.lexicon);
        let mut evidence: Vec<Option<u8>> = vec![None; entities.len()];
        let mut surnames: FastMap<String, Option<usize>> = FastMap::default();
        for (e, ent) in entities.iter().enumerate().filter(|(_, e)| e.label == Label::Person) {
            if let Some(last) = ent.name.split_whitespace().last() {
                surnames.entry(last.to_lowercase()).and_modify(|s| *s = s.filter(|&s| s == e)).or_insert(Some(e));
            }
            // A first name only counts before a last name: "Clinton" alone has none.
            let mut names = ent.name.split_whitespace();
            if let (Some(first), Some(_)) = (names.next(), names.next()) {
                if let Some(f) = lex.and_then(|l| l.get(first)).filter(|f| f.has(lexicon::FIRST)) {
                    merge(&mut evidence[e], f.gender);
                }
            }
        }
        let mut candidates = Vec::new();
        let mut roles = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            if !matches!(m.label, Label::Person | Label::Org | Label::Gpe | Label::Norp) || overlaps_sorted(quoted, m.span) {
                continue;
            }
            candidates.push(i);
            if m.label == Label::Person {
                if let Some(e) = evidence.get_mut(m.entity) {
                    merge(e, word_gender(word_before(text, m.span.start)));
                    if let Some(role) = m.role {
                        let role = role.of(text);
                        role.split_whitespace().for_each(|w| merge(e, word_gender(w)));
                        if let Some(head) = role_head(role) {
                            roles.push((m.span.start, head, m.entity));
                        }
                    }
                }
            }
        }
        let sentence_of = |pos: usize| sentences.partition_point(|s| s.start <= pos).saturating_sub(1);
        let candidate_sentence = candidates.iter().map(|&i| sentence_of(mentions[i].span.start)).collect();
        let gender = evidence.into_iter().map(|g| g.unwrap_or(lexicon::UNKNOWN_GENDER)).collect();
        People { sentences, mentions, gender, candidates, candidate_sentence, roles, found_roles: Vec::new(), surnames }
    }

    /// The likely gender of entity `e`.
    pub fn gender(&self, e: usize) -> u8 {
        self.gender.get(e).copied().unwrap_or(lexicon::UNKNOWN_GENDER)
    }

    /// Records that the article gives entity `e` the role `role` at `at` (an apposition read
    /// at an attribution), so a later "the spokesman" finds them.
    pub fn add_role(&mut self, at: usize, role: &str, e: usize) {
        if let Some(head) = role_head(role) {
            if self.found_roles.last().is_none_or(|r| r.0 <= at) {
                self.found_roles.push((at, head, e));
            }
        }
        for w in role.split_whitespace() {
            let g = word_gender(w);
            if g != lexicon::UNKNOWN_GENDER && self.gender.get(e) == Some(&lexicon::UNKNOWN_GENDER) {
                self.gender[e] = g;
            }
        }
    }

    fn sentence_of(&self, pos: usize) -> usize {
        self.sentences.partition_point(|s| s.start <= pos).saturating_sub(1)
    }

    /// The entity a pronoun at `at` stands for, and how sure that is: the most salient
    /// compatible name in its sentence or the `PRONOUN_REACH` (four) sentences before it. Salience falls
    /// with distance and rises for a sentence's first name (its likely subject) and for the
    /// last speaker. "I" and "we" are the writer's or a quote's, never resolved here.
    pub fn pronoun(&self, head: Head, word: &str, at: usize, last_speaker: Option<usize>) -> Option<(usize, f32)> {
        let Head::Pronoun { gender, number } = head else { return None };
        if matches!(word, "i" | "we") {
            return None;
        }
        let here = self.sentence_of(at);
        let k = self.candidates.partition_point(|&i| self.mentions[i].span.start < at);
        let mut best: Vec<(usize, i32)> = Vec::new();
        for c in (0..k).rev() {
            let sentence = self.candidate_sentence[c];
            let distance = here.saturating_sub(sentence);
            if distance > PRONOUN_REACH {
                break;
            }
            let m = &self.mentions[self.candidates[c]];
            let compatible = match number {
                "one" => {
                    let g = self.gender(m.entity);
                    m.label == Label::Person
                        && match gender {
                            "male" => g != lexicon::FEMALE,
                            "female" => g != lexicon::MALE,
                            _ => true,
                        }
                }
                "many" => matches!(m.label, Label::Org | Label::Norp | Label::Gpe),
                _ => matches!(m.label, Label::Org | Label::Gpe),
            };
            if !compatible {
                continue;
            }
            let first_of_sentence = c == 0 || self.candidate_sentence[c - 1] != sentence;
            let mut score = 100 - 20 * distance as i32;
            if first_of_sentence {
                score += 25;
            }
            if Some(m.entity) == last_speaker {
                score += 30;
            }
            match best.iter_mut().find(|(e, _)| *e == m.entity) {
                Some(b) => b.1 = b.1.max(score),
                None => best.push((m.entity, score)),
            }
        }
        best.sort_by_key(|b| std::cmp::Reverse(b.1));
        let (e, top) = *best.first()?;
        let confidence = match best.get(1) {
            None => 0.9,
            Some(&(_, second)) if top - second >= 30 => 0.8,
            Some(_) => 0.55,
        };
        Some((e, confidence))
    }

    /// The last person before `at` whose role has the head noun `head` ("spokesman").
    pub fn role(&self, head: &str, at: usize) -> Option<usize> {
        let head = canonical(head);
        let last = |list: &[(usize, String, usize)]| {
            let k = list.partition_point(|r| r.0 < at);
            list[..k].iter().rev().find(|r| r.1 == head).map(|r| (r.0, r.2))
        };
        match (last(&self.roles), last(&self.found_roles)) {
            (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
            (a, b) => a.or(b).map(|r| r.1),
        }
    }

    /// The one person whose name ends with the last word of `name` ("Robby Mook" for "Mook").
    pub fn by_surname(&self, name: &str) -> Option<usize> {
        let last = name.split_whitespace().last()?.to_lowercase();
        self.surnames.get(&last).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_heads() {
        assert_eq!(role_head("Sanders' campaign manager").as_deref(), Some("manager"));
        assert_eq!(role_head("a spokesman for the campaign").as_deref(), Some("spokesman"));
        assert_eq!(role_head("Florida Sen.").as_deref(), Some("senator"));
        assert_eq!(role_head("Kremlin spokesman").as_deref(), Some("spokesman"));
    }

    #[test]
    fn the_word_before_a_name() {
        let text = "said Mrs. Clinton";
        let at = text.find("Clinton").unwrap();
        assert_eq!(word_before(text, at), "Mrs");
        assert_eq!(word_gender(word_before(text, at)), lexicon::FEMALE);
        assert_eq!(word_before("Clinton", 0), "");
    }
}
