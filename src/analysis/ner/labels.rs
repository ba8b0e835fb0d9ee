//! The tagger's labels: IOB2 tags over the four CoNLL types, and the chunks (names) a
//! sequence of them spells.

use crate::analysis::lists::NAME_CONNECTORS;

pub const LABELS: [&str; 9] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
pub const NUM_LABELS: usize = LABELS.len();

/// Whether `label` may follow `prev` in IOB2 (I-X only after B-X or I-X).
pub fn allowed(prev: usize, label: usize) -> bool {
    if label == 0 || label % 2 == 1 {
        return true;
    }
    prev == label || prev + 1 == label
}

/// The four types of name the tagger knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Organisation,
    Location,
    Misc,
}

impl Kind {
    /// The type of chunk `ty` (the index [`chunks`] gives: the order of [`LABELS`]).
    pub fn of_chunk(ty: usize) -> Kind {
        match ty {
            0 => Kind::Person,
            1 => Kind::Organisation,
            2 => Kind::Location,
            _ => Kind::Misc,
        }
    }
}

/// Chunks (type, start, end) of a label sequence.
pub fn chunks(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        let l = labels[i];
        if l == 0 {
            i += 1;
            continue;
        }
        let ty = (l - 1) / 2;
        let mut j = i + 1;
        while j < labels.len() && labels[j] == 2 + 2 * ty {
            j += 1;
        }
        out.push((ty, i, j));
        i = j;
    }
    out
}

/// Whether a token may continue a name (be I-X): not a plain lowercase word,
/// unless it is one of the connectors names use ("Duke of Norfolk", "van der Sar").
pub fn may_continue(token: &str) -> bool {
    let lower_word = token.chars().next().is_some_and(char::is_lowercase) && token.chars().all(|c| c.is_alphabetic() || c == '-');
    !lower_word || NAME_CONNECTORS.contains(token) || token.len() > 1 && token.contains('-') && token.chars().any(char::is_uppercase)
}
