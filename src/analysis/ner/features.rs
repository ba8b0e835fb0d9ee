//! Feature extraction, shared by training and tagging so the two can never
//! drift apart. Features are hashed (FNV-1a, 32 bits) from a template number
//! and string parts; the model stores weights by hash.

use super::clusters::{prefix, DEPTH};
use super::lexicon::{Facts, Lexicon, CITY, COUNTRY, DEMONYM, FIRST, LAST, REGION};
use crate::analysis::hash::{FastMap, FastSet};
use crate::analysis::segment::push_lowercase;

pub const LABELS: [&str; 9] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
pub const NUM_LABELS: usize = LABELS.len();

/// Whether `label` may follow `prev` in IOB2 (I-X only after B-X or I-X).
pub fn allowed(prev: usize, label: usize) -> bool {
    if label == 0 || label % 2 == 1 {
        return true;
    }
    prev == label || prev + 1 == label
}

#[derive(Clone, Copy)]
struct Hasher(u32);

impl Hasher {
    fn new(template: u8) -> Self {
        Hasher((0x811c_9dc5u32 ^ u32::from(template)).wrapping_mul(0x0100_0193))
    }
    fn add(mut self, s: &str) -> Self {
        for b in s.bytes() {
            self.0 = (self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0193);
        self
    }
    fn num(mut self, n: u16) -> Self {
        for b in n.to_le_bytes() {
            self.0 = (self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        self
    }
    fn done(self) -> u32 {
        self.0
    }
}

/// Small numbers as the strings the feature hashes were trained with.
const DIGITS: [&str; 5] = ["0", "1", "2", "3", "4"];

fn shape_of(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

fn shape(word: &str) -> String {
    word.chars().take(12).map(shape_of).collect()
}

/// The shape with runs collapsed ("Xxxxx" → "Xx"), from the first 12 characters.
fn short_shape(word: &str) -> String {
    let mut out = String::with_capacity(4);
    push_short_shape(word, &mut out);
    out
}

fn push_short_shape(word: &str, out: &mut String) {
    let mut last = None;
    for c in word.chars().take(12).map(shape_of) {
        if last != Some(c) {
            out.push(c);
            last = Some(c);
        }
    }
}

/// Facts about a document used by the non-local features: which words it uses
/// in lowercase and which in title case.
#[derive(Default)]
pub struct DocContext {
    lower_seen: FastSet<String>,
    title_seen: FastSet<String>,
    /// The last label the tagger gave each capitalised word in this document.
    pub last_label: FastMap<String, usize>,
    /// Context aggregation: for each capitalised word (lowercased), hashed
    /// features of every place the document uses it (the words around it and
    /// its position in a run of capitalised words), sorted and deduplicated.
    contexts: FastMap<String, Vec<u32>>,
    /// The tagger's scores of each word's [`word_features`] and `contexts`, by the
    /// word as written (a cache, filled while tagging).
    pub word_scores: FastMap<String, [f32; NUM_LABELS]>,
    /// The lexicon's facts of each lowercase word (a cache, filled while tagging).
    pub facts: FastMap<String, Option<Facts>>,
}

impl DocContext {
    /// Collects the document's vocabulary from its sentences (token strings).
    pub fn new<'a>(sentences: impl Iterator<Item = &'a [&'a str]>) -> Self {
        let sentences: Vec<&[&str]> = sentences.collect();
        let forms: Vec<Forms> = sentences.iter().map(|s| word_forms(s)).collect();
        DocContext::with_forms(&sentences, &forms)
    }

    /// [`DocContext::new`] given each sentence's [`Forms`] (the tagger needs them too,
    /// and makes them once).
    pub fn with_forms(sentences: &[&[&str]], forms: &[Forms]) -> Self {
        let mut ctx = DocContext::default();
        for (&sent, forms) in sentences.iter().zip(forms) {
            let all_caps = forms.all_caps;
            let capital = |i: usize| sent[i].chars().next().is_some_and(char::is_uppercase);
            for (i, w) in sent.iter().enumerate() {
                let first = w.chars().next().unwrap_or(' ');
                // Look before inserting: most words are already there, and a key costs an allocation.
                if first.is_lowercase() {
                    if !ctx.lower_seen.contains(*w) {
                        ctx.lower_seen.insert(w.to_string());
                    }
                } else if first.is_uppercase()
                    && i > 0
                    && !all_caps
                    && w.chars().skip(1).any(char::is_lowercase)
                    && !ctx.title_seen.contains(forms.lower(i))
                {
                    ctx.title_seen.insert(forms.lower(i).to_string());
                }
                if first.is_uppercase() && !all_caps {
                    let before = if i == 0 { "<s>" } else { forms.lower(i - 1) };
                    let after = if i + 1 < sent.len() { forms.lower(i + 1) } else { "</s>" };
                    let run = match (i > 0 && capital(i - 1), i + 1 < sent.len() && capital(i + 1)) {
                        (false, false) => "single",
                        (false, true) => "first",
                        (true, true) => "inner",
                        (true, false) => "last",
                    };
                    let (mut a, mut b) = (i, i + 1);
                    while a > 0 && capital(a - 1) {
                        a -= 1;
                    }
                    while b < sent.len() && capital(b) {
                        b += 1;
                    }
                    let list = match ctx.contexts.get_mut(forms.lower(i)) {
                        Some(list) => list,
                        None => ctx.contexts.entry(forms.lower(i).to_string()).or_default(),
                    };
                    if list.len() < 64 {
                        list.push(Hasher::new(26).add(before).done());
                        list.push(Hasher::new(27).add(after).done());
                        list.push(Hasher::new(28).add(run).done());
                        if b - a > 1 {
                            list.push(Hasher::new(29).add(forms.lower(a)).done());
                            list.push(Hasher::new(30).add(forms.lower(b - 1)).done());
                        }
                    }
                }
            }
        }
        for list in ctx.contexts.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        ctx
    }
}

impl DocContext {
    /// The context aggregation features of a token (`word` as written, `lower` its
    /// lowercase form): empty unless the word is capitalised. They belong with the
    /// static features; the tagger scores them once per word and document.
    pub fn contexts_of(&self, word: &str, lower: &str) -> &[u32] {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return &[];
        }
        self.contexts.get(lower).map_or(&[], Vec::as_slice)
    }
}

/// A headline in capitals: most of its letters are upper case.
pub fn is_all_caps_sentence(sent: &[&str]) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for w in sent {
        for c in w.chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    upper > 6 && upper > lower * 3
}

/// The longest gazetteer match covering each token: (facts, position in the
/// match: 0 = first, 1 = inside, 2 = last, 3 = single, length).
pub fn gazetteer_matches(sent: &[&str], forms: &Forms, lex: &Lexicon) -> Vec<Option<(Facts, u8, u8)>> {
    let mut out = vec![None; sent.len()];
    let lower: Vec<&str> = (0..forms.len()).map(|k| forms.lower(k)).collect();
    let mut i = 0;
    while i < sent.len() {
        let mut found = None;
        // Only phrases that start with a capital (or a digit) can be names.
        if sent[i].chars().next().is_some_and(char::is_uppercase) {
            // The longest name among the phrases of one to four words starting here.
            lex.phrases_at(&lower[i..], 4, |len, f| {
                if f.is_name() {
                    found = Some((f, len));
                }
            });
        }
        match found {
            Some((f, len)) => {
                for k in 0..len {
                    let pos = if len == 1 {
                        3
                    } else if k == 0 {
                        0
                    } else if k + 1 == len {
                        2
                    } else {
                        1
                    };
                    out[i + k] = Some((f, pos, len as u8));
                }
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

const KIND_NAMES: [(u8, &str); 6] =
    [(FIRST, "first"), (LAST, "last"), (COUNTRY, "country"), (CITY, "city"), (REGION, "region"), (DEMONYM, "demonym")];

/// The static features of every token of a sentence (those that do not depend
/// on the tagger's own previous decisions).
pub fn static_features(sent: &[&str], lex: &Lexicon, doc: &DocContext) -> Vec<Vec<u32>> {
    let forms = word_forms(sent);
    let wanted = vec![true; sent.len()];
    let single = single_facts(&forms, &wanted, |w| lex.get_lowercase(w));
    let mut all = context_features(sent, &forms, lex, doc, &wanted, &single);
    for (i, (f, w)) in all.iter_mut().zip(sent).enumerate() {
        word_features(w, forms.lower(i), f);
    }
    all
}

/// The features of a word on its own: the word, its lowercase form, shapes,
/// prefixes and suffixes, all capitals. The tagger scores them once per distinct
/// word of a document.
pub fn word_features(w: &str, lw: &str, f: &mut Vec<u32>) {
    let h = Hasher::new;
    f.push(h(0).done());
    f.push(h(1).add(w).done());
    f.push(h(2).add(lw).done());
    f.push(h(3).add(&shape(w)).done());
    f.push(h(4).add(&short_shape(w)).done());
    // Prefixes and suffixes of one to four characters, sliced without allocating.
    let count = lw.chars().count();
    let cuts: Vec<usize> = lw.char_indices().map(|(b, _)| b).chain(std::iter::once(lw.len())).collect();
    for k in 1..=4.min(count) {
        f.push(h(5).add(DIGITS[k]).add(&lw[..cuts[k]]).done());
        f.push(h(6).add(DIGITS[k]).add(&lw[cuts[count - k]..]).done());
    }
    if w.len() > 1 && w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_alphabetic) {
        f.push(h(20).done());
    }
}

/// Each token's single-word lexicon facts (by its lowercase form), looked up with
/// `lookup` only where a wanted token can see them (the features use a token's
/// neighbours' facts too).
pub fn single_facts(forms: &Forms, wanted: &[bool], mut lookup: impl FnMut(&str) -> Option<Facts>) -> Vec<Option<Facts>> {
    let n = forms.len();
    let near_wanted = |i: usize| wanted[i.saturating_sub(1)..(i + 2).min(n)].iter().any(|w| *w);
    (0..n).map(|i| if near_wanted(i) { lookup(forms.lower(i)) } else { None }).collect()
}

/// [`static_features`] without the [`word_features`]: what depends on the
/// sentence and the document around the word. Only the tokens `wanted` get
/// features (the others an empty list); `forms` come from [`word_forms`],
/// `single` from [`single_facts`].
pub fn context_features(
    sent: &[&str],
    forms: &Forms,
    lex: &Lexicon,
    doc: &DocContext,
    wanted: &[bool],
    single: &[Option<Facts>],
) -> Vec<Vec<u32>> {
    let n = sent.len();
    let gaz = gazetteer_matches(sent, forms, lex);
    let caps_sentence = forms.all_caps;
    let word = |i: isize| -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= n {
            "</s>"
        } else {
            forms.lower(i as usize)
        }
    };
    let shp = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            "<b>"
        } else {
            forms.short(i as usize)
        }
    };
    let mut all = Vec::with_capacity(n);
    for i in 0..n {
        if !wanted[i] {
            all.push(Vec::new());
            continue;
        }
        let ii = i as isize;
        let w = sent[i];
        let lw = forms.lower(i);
        let shape_i = forms.short(i);
        let mut f = Vec::with_capacity(48);
        let h = Hasher::new;
        f.push(h(7).add(word(ii - 1)).done());
        f.push(h(8).add(word(ii + 1)).done());
        f.push(h(9).add(word(ii - 2)).done());
        f.push(h(10).add(word(ii + 2)).done());
        f.push(h(11).add(shp(ii - 1)).done());
        f.push(h(12).add(shp(ii + 1)).done());
        f.push(h(13).add(shp(ii - 1)).add(shape_i).done());
        f.push(h(14).add(shape_i).add(shp(ii + 1)).done());
        f.push(h(15).add(word(ii - 1)).add(lw).done());
        f.push(h(16).add(lw).add(word(ii + 1)).done());
        f.push(h(17).add(shp(ii - 1)).add(shape_i).add(shp(ii + 1)).done());
        f.push(h(34).add(word(ii - 1)).add(word(ii + 1)).done());
        f.push(h(35).add(word(ii - 2)).add(word(ii - 1)).done());
        f.push(h(36).add(word(ii + 1)).add(word(ii + 2)).done());
        if i == 0 {
            f.push(h(18).add(shape_i).done());
        }
        if caps_sentence {
            f.push(h(19).add(shape_i).done());
        }
        // Gazetteers: the phrase match covering this token, and single-word facts around it.
        if let Some((facts, pos, len)) = gaz[i] {
            for (bit, name) in KIND_NAMES {
                if facts.has(bit) {
                    f.push(h(21).add(name).add(DIGITS[usize::from(pos)]).done());
                    f.push(h(22).add(name).add(DIGITS[usize::from(len.min(3))]).done());
                }
            }
        }
        for (offset, facts) in [(-1isize, ii - 1), (0, ii), (1, ii + 1)] {
            if facts < 0 || facts as usize >= n {
                continue;
            }
            if let Some(fa) = single[facts as usize] {
                for (bit, name) in KIND_NAMES {
                    if fa.has(bit) {
                        f.push(h(23).add(["-1", "0", "1"][(offset + 1) as usize]).add(name).done());
                    }
                }
            }
        }
        // Word clusters: the word's path at every depth, its neighbours' leaves
        // ("none": a word the vectors never saw). Adding the neighbours' coarse groups
        // cost 0.5 F1 on the dev split in one run.
        let cluster = |k: isize| if k < 0 || k as usize >= n { None } else { Some(single[k as usize].map_or(0, |f| f.cluster)) };
        match cluster(ii) {
            Some(c) if c != 0 => {
                for depth in 1..=DEPTH {
                    f.push(h(50).num(depth as u16).num(prefix(c, depth)).done());
                }
            }
            _ => f.push(h(50).done()),
        }
        for (template, k) in [(51, ii - 1), (52, ii + 1)] {
            match cluster(k) {
                Some(c) if c != 0 => f.push(h(template).num(c).done()),
                Some(_) => f.push(h(template).num(0).done()),
                None => {}
            }
        }
        // The run of capitalised words this one stands in ("Air France", "Norwich City"):
        // its first and last words say what kind of name it is.
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() && !caps_sentence {
            let capital = |k: usize| sent[k].chars().next().is_some_and(char::is_uppercase);
            let (mut a, mut b) = (i, i + 1);
            while a > 0 && capital(a - 1) {
                a -= 1;
            }
            while b < n && capital(b) {
                b += 1;
            }
            if b - a > 1 {
                f.push(h(31).add(DIGITS[(b - a).min(4)]).add(DIGITS[(i - a).min(4)]).done());
                if a != i {
                    f.push(h(32).add(forms.lower(a)).done());
                }
                if b - 1 != i {
                    f.push(h(33).add(forms.lower(b - 1)).done());
                }
            }
        }
        // Non-local: how the document writes this word elsewhere.
        if first.is_uppercase() {
            if doc.lower_seen.contains(lw) {
                f.push(h(24).add(if i == 0 { "initial" } else { "inner" }).done());
            }
            if doc.title_seen.contains(lw) {
                f.push(h(25).add(if caps_sentence { "caps" } else { "mixed" }).done());
            }
        }
        all.push(f);
    }
    all
}

/// The lowercase form and short shape of each token of a sentence, which the
/// label-dependent features need at every step. Both live in one buffer: two
/// allocations per token made the tagger spend a tenth of its time in malloc.
pub struct Forms {
    buf: String,
    /// Where each token's lowercase form ends in `buf`; its short shape follows it.
    ends: Vec<(u32, u32)>,
    /// Whether the sentence is a headline in capitals ([`is_all_caps_sentence`]).
    pub all_caps: bool,
    /// Whether each token [`may_continue`](super::model::may_continue) a name.
    pub continues: Vec<bool>,
}

impl Forms {
    pub fn lower(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1].1 as usize };
        &self.buf[start..self.ends[i].0 as usize]
    }
    pub fn short(&self, i: usize) -> &str {
        &self.buf[self.ends[i].0 as usize..self.ends[i].1 as usize]
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// [`Forms`] of a sentence's tokens.
pub fn word_forms(sent: &[&str]) -> Forms {
    let mut buf = String::with_capacity(sent.iter().map(|w| w.len() + 4).sum());
    let mut ends = Vec::with_capacity(sent.len());
    for w in sent {
        push_lowercase(w, &mut buf);
        let lower_end = buf.len() as u32;
        push_short_shape(w, &mut buf);
        ends.push((lower_end, buf.len() as u32));
    }
    let continues = sent.iter().map(|w| super::model::may_continue(w)).collect();
    Forms { buf, ends, all_caps: is_all_caps_sentence(sent), continues }
}

/// Features that depend on the labels already given: the previous two labels,
/// combined with the word and shape, and the document's last label for this word.
/// `lower` and `shapes` come from [`word_forms`].
pub fn dynamic_features(sent: &[&str], forms: &Forms, i: usize, prev: usize, prev2: usize, doc: &DocContext, out: &mut Vec<u32>) {
    out.push(label_pair_feature(prev2, prev));
    previous_label_features(forms, i, prev, out);
    out.extend(document_label_feature(sent, forms, i, doc));
}

/// The feature of the previous two labels, the same for every token (so the
/// decoder scores each pair once per sentence).
pub fn label_pair_feature(prev2: usize, prev: usize) -> u32 {
    Hasher::new(41).add(LABELS[prev2]).add(LABELS[prev]).done()
}

/// The features of the previous label, alone and with the word, its shape and
/// the words either side (the decoder scores them once per previous label).
pub fn previous_label_features(forms: &Forms, i: usize, prev: usize, out: &mut Vec<u32>) {
    let p = LABELS[prev];
    out.push(Hasher::new(40).add(p).done());
    out.push(Hasher::new(42).add(p).add(forms.lower(i)).done());
    out.push(Hasher::new(43).add(p).add(forms.short(i)).done());
    out.push(Hasher::new(45).add(p).add(if i + 1 < forms.len() { forms.lower(i + 1) } else { "</s>" }).done());
    if i > 0 {
        out.push(Hasher::new(46).add(p).add(forms.lower(i - 1)).done());
    }
}

/// The label the document last gave this capitalised word, which depends on
/// earlier sentences, not on this one's labels.
pub fn document_label_feature(sent: &[&str], forms: &Forms, i: usize, doc: &DocContext) -> Option<u32> {
    if !sent[i].chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    doc.last_label.get(forms.lower(i)).map(|&l| Hasher::new(44).add(LABELS[l]).done())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_carries_the_contexts_of_its_other_uses() {
        let said: [&str; 3] = ["Petofi", "said", "."];
        let board: [&str; 6] = ["the", "board", "of", "Petofi", "Ltd", "met"];
        let doc = DocContext::new([&said[..], &board[..]].into_iter());
        let petofi = &doc.contexts["petofi"];
        // From the second sentence: the word before, the word after, a run's first and last words.
        for want in [Hasher::new(26).add("of"), Hasher::new(27).add("ltd"), Hasher::new(28).add("first"), Hasher::new(30).add("ltd")] {
            assert!(petofi.contains(&want.done()));
        }
        // From the first: a sentence start, followed by "said".
        assert!(petofi.contains(&Hasher::new(26).add("<s>").done()));
        assert!(petofi.contains(&Hasher::new(27).add("said").done()));
        assert!(petofi.windows(2).all(|w| w[0] < w[1]), "sorted without repeats, so training is deterministic");
        assert!(!doc.contexts.contains_key("board"), "lowercase words have no aggregated contexts");
    }

    #[test]
    fn headlines_in_capitals_add_no_contexts() {
        let headline: [&str; 4] = ["PETOFI", "PROFIT", "FALLS", "SHARPLY"];
        let doc = DocContext::new([&headline[..]].into_iter());
        assert!(doc.contexts.is_empty());
    }
}
