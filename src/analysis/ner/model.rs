//! The tagger's model: hashed features → one weight per label, and greedy
//! left-to-right decoding with IOB2 constraints.

use super::features::{allowed, dynamic_features, static_features, word_forms, DocContext, NUM_LABELS};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already hashes: hashing them again would only cost time.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n);
    }
}

type KeyIndex = HashMap<u32, u32, BuildHasherDefault<IdentityHasher>>;
use super::lexicon::Lexicon;

const MAGIC: &[u8; 8] = b"LEDENER1";

/// Averaged-perceptron weights by feature hash (sorted for the file, indexed for lookups).
#[derive(Clone, Default)]
pub struct Model {
    pub keys: Vec<u32>,
    pub weights: Vec<[f32; NUM_LABELS]>,
    index: KeyIndex,
}

impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        self.keys == other.keys && self.weights == other.weights
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Model({} features)", self.keys.len())
    }
}

impl Model {
    fn new(keys: Vec<u32>, weights: Vec<[f32; NUM_LABELS]>) -> Model {
        let index = keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect();
        Model { keys, weights, index }
    }

    pub fn from_map(mut entries: Vec<(u32, [f32; NUM_LABELS])>) -> Model {
        entries.sort_by_key(|e| e.0);
        Model::new(entries.iter().map(|e| e.0).collect(), entries.into_iter().map(|e| e.1).collect())
    }

    /// Adds the weights of `features` to `scores`.
    pub fn score(&self, features: &[u32], scores: &mut [f32; NUM_LABELS]) {
        for f in features {
            if let Some(&i) = self.index.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.weights[i as usize]) {
                    *s += w;
                }
            }
        }
    }

    /// The quantization step: the largest weight maps to ±32767.
    pub fn step(&self) -> f32 {
        let max = self.weights.iter().flatten().fold(0f32, |m, w| m.max(w.abs()));
        if max == 0.0 {
            1.0
        } else {
            max / 32767.0
        }
    }

    /// The same model with every weight rounded to what [`to_bytes`](Self::to_bytes)
    /// stores, and features whose weights all round to zero dropped.
    pub fn quantized(&self) -> Model {
        let step = self.step();
        let entries = self
            .keys
            .iter()
            .zip(&self.weights)
            .filter_map(|(k, w)| {
                let q = w.map(|x| quantize(x, step) as f32 * step);
                q.iter().any(|x| *x != 0.0).then_some((*k, q))
            })
            .collect();
        Model::from_map(entries)
    }

    /// Serializes: magic, count, step, keys as delta varints, then per feature a
    /// 9-bit mask of non-zero labels and those weights as i16 multiples of the step.
    pub fn to_bytes(&self) -> Vec<u8> {
        let step = self.step();
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&step.to_le_bytes());
        let mut prev = 0u32;
        for &k in &self.keys {
            write_varint(&mut out, k - prev);
            prev = k;
        }
        for w in &self.weights {
            let q: Vec<i16> = w.iter().map(|x| quantize(*x, step)).collect();
            let mask: u16 = q.iter().enumerate().filter(|(_, v)| **v != 0).fold(0, |m, (i, _)| m | 1 << i);
            out.extend_from_slice(&mask.to_le_bytes());
            for v in q.iter().filter(|v| **v != 0) {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (n, rest) = rest.split_first_chunk::<4>().map(|(h, r)| (u32::from_le_bytes(*h) as usize, r))?;
        let (step, mut rest) = rest.split_first_chunk::<4>().map(|(h, r)| (f32::from_le_bytes(*h), r))?;
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let (d, r) = read_varint(rest)?;
            prev = prev.checked_add(d)?;
            keys.push(prev);
            rest = r;
        }
        let mut weights = Vec::with_capacity(n);
        for _ in 0..n {
            let (mask, r) = rest.split_first_chunk::<2>()?;
            let mask = u16::from_le_bytes(*mask);
            rest = r;
            let mut w = [0f32; NUM_LABELS];
            for (i, slot) in w.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    let (v, r) = rest.split_first_chunk::<2>()?;
                    *slot = f32::from(i16::from_le_bytes(*v)) * step;
                    rest = r;
                }
            }
            weights.push(w);
        }
        rest.is_empty().then(|| Model::new(keys, weights))
    }
}

pub fn quantize(x: f32, step: f32) -> i16 {
    (x / step).round().clamp(-32767.0, 32767.0) as i16
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(b: &[u8]) -> Option<(u32, &[u8])> {
    let mut v = 0u32;
    for (i, &byte) in b.iter().enumerate().take(5) {
        v |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((v, &b[i + 1..]));
        }
    }
    None
}

/// The label of each token and the model's confidence in it (a softmax over
/// the allowed labels' scores).
pub fn tag_sentence(model: &Model, lex: &Lexicon, sent: &[&str], doc: &mut DocContext) -> Vec<(usize, f32)> {
    let feats = static_features(sent, lex, doc);
    let forms = word_forms(sent);
    let mut out = Vec::with_capacity(sent.len());
    let (mut prev, mut prev2) = (0usize, 0usize);
    let mut dynamic = Vec::with_capacity(8);
    for i in 0..sent.len() {
        dynamic.clear();
        dynamic_features(sent, &forms, i, prev, prev2, doc, &mut dynamic);
        let mut scores = [0f32; NUM_LABELS];
        model.score(&feats[i], &mut scores);
        model.score(&dynamic, &mut scores);
        let (label, confidence) = best_allowed(&scores, prev, may_continue(sent[i]));
        if sent[i].chars().next().is_some_and(char::is_uppercase) {
            doc.last_label.insert(forms.0[i].clone(), label);
        }
        out.push((label, confidence));
        prev2 = prev;
        prev = label;
    }
    out
}

/// Whether a token may continue a name (be I-X): not a plain lowercase word,
/// unless it is one of the connectors names use ("Duke of Norfolk", "van der Sar").
pub fn may_continue(token: &str) -> bool {
    const CONNECTORS: [&str; 28] = [
        "of", "and", "the", "for", "de", "la", "le", "du", "des", "del", "della", "dello", "di", "da", "van", "von", "der", "den", "al",
        "el", "bin", "ibn", "y", "e", "on", "&", "'s", "in",
    ];
    let lower_word = token.chars().next().is_some_and(char::is_lowercase) && token.chars().all(|c| c.is_alphabetic() || c == '-');
    !lower_word || CONNECTORS.contains(&token) || token.len() > 1 && token.contains('-') && token.chars().any(char::is_uppercase)
}

pub fn best_allowed(scores: &[f32; NUM_LABELS], prev: usize, can_continue: bool) -> (usize, f32) {
    let allowed = |prev: usize, l: usize| allowed(prev, l) && (can_continue || l == 0 || l % 2 == 1);
    let mut best = 0;
    for l in 1..NUM_LABELS {
        if allowed(prev, l) && scores[l] > scores[best] {
            best = l;
        }
    }
    let max = scores[best];
    let total: f32 = (0..NUM_LABELS).filter(|&l| allowed(prev, l)).map(|l| ((scores[l] - max) / 4.0).exp()).sum();
    (best, 1.0 / total.max(1.0))
}

/// Tags a whole document (its sentences, in order), then makes the types of
/// repeated names agree: a name's chunks take the type the document gives it
/// most confidently (counting a multi-word name's last word for that word alone,
/// so "Peskov" follows "Dmitry Peskov"). Returns labels and confidences per token.
pub fn tag_document(model: &Model, lex: &Lexicon, sentences: &[Vec<&str>]) -> Vec<Vec<(usize, f32)>> {
    tag_document_with_progress(model, lex, sentences, &mut |_, _| {})
}

/// How many sentences are tagged between two progress reports (a few milliseconds of work).
const PROGRESS_EVERY: usize = 200;

/// [`tag_document`], calling `progress(done, total)` every few hundred sentences, so a long
/// article can show how far the tagger has come.
pub fn tag_document_with_progress(
    model: &Model,
    lex: &Lexicon,
    sentences: &[Vec<&str>],
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<Vec<(usize, f32)>> {
    use super::conll::chunks;
    use std::collections::HashMap;
    let mut doc = DocContext::new(sentences.iter().map(Vec::as_slice));
    let total = sentences.len();
    let mut tagged: Vec<Vec<(usize, f32)>> = Vec::with_capacity(total);
    for (i, s) in sentences.iter().enumerate() {
        if i % PROGRESS_EVERY == 0 && i > 0 {
            progress(i, total);
        }
        tagged.push(tag_sentence(model, lex, s, &mut doc));
    }
    // Votes: name (lowercase) → confidence summed per type (PER, ORG, LOC, MISC).
    let mut votes: HashMap<String, [f32; 4]> = HashMap::new();
    for (s, tags) in sentences.iter().zip(&tagged) {
        let labels: Vec<usize> = tags.iter().map(|t| t.0).collect();
        for (ty, a, b) in chunks(&labels) {
            let conf = tags[a..b].iter().map(|t| t.1).fold(1.0f32, f32::min);
            votes.entry(s[a..b].join(" ").to_lowercase()).or_default()[ty] += conf;
            if b - a > 1 {
                votes.entry(s[b - 1].to_lowercase()).or_default()[ty] += conf * 0.5;
            }
        }
    }
    for (s, tags) in sentences.iter().zip(tagged.iter_mut()) {
        let labels: Vec<usize> = tags.iter().map(|t| t.0).collect();
        for (ty, a, b) in chunks(&labels) {
            let Some(v) = votes.get(&s[a..b].join(" ").to_lowercase()) else { continue };
            let best = (0..4).max_by(|&x, &y| v[x].total_cmp(&v[y])).unwrap_or(ty);
            if best != ty && v[best] > 1.5 * v[ty] {
                for (k, t) in tags[a..b].iter_mut().enumerate() {
                    t.0 = if k == 0 { 1 + 2 * best } else { 2 + 2 * best };
                }
            }
        }
    }
    tagged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let m = Model::from_map(vec![
            (7, [0.5, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.25]),
            (3, [0.0; NUM_LABELS]),
            (u32::MAX, [1.0; NUM_LABELS]),
        ])
        .quantized();
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.keys, [7, u32::MAX], "all-zero features are dropped");
        assert!(Model::from_bytes(b"garbage").is_none());
    }
}
