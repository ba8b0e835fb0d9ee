//! Feature extraction, shared by training and tagging so the two can never
//! drift apart. Features are hashed (FNV-1a, 32 bits) from a template number
//! and string parts; the model stores weights by hash.

use super::clusters::{prefix, DEPTH};
use super::labels::{LABELS, NUM_LABELS};
use super::lexicon::{Facts, Lexicon, CITY, COUNTRY, DEMONYM, FIRST, LAST, REGION};
use crate::analysis::text::segment::push_lowercase;
use crate::analysis::util::hash::FastMap;

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

/// The run of capitalised words a capitalised token stands in ("Air France", "Norwich
/// City"), found once per run and kept for its other words: scanning the run from each
/// of its words was quadratic in a long list of names.
#[derive(Default)]
struct CapitalRun {
    start: usize,
    end: usize,
}

impl CapitalRun {
    /// The run `start..end` around token `i` of `n`, which must be capitalised (`capital(i)`).
    fn around(&mut self, i: usize, n: usize, capital: impl Fn(usize) -> bool) -> (usize, usize) {
        if !(self.start..self.end).contains(&i) {
            let (mut a, mut b) = (i, i + 1);
            while a > 0 && capital(a - 1) {
                a -= 1;
            }
            while b < n && capital(b) {
                b += 1;
            }
            *self = CapitalRun { start: a, end: b };
        }
        (self.start, self.end)
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

/// Facts about a document used by the non-local features, by word. Every distinct
/// string of the document (each token as written and in lowercase) gets an id once,
/// kept in its sentence's [`Forms`]; the tagger then reaches what the document knows
/// of a word by index, where it used to hash the string five times per token.
#[derive(Default)]
pub struct DocContext {
    ids: FastMap<String, u32>,
    words: Vec<Word>,
}

/// What a document knows of one string (a token as written, or its lowercase form).
#[derive(Default)]
struct Word {
    /// Some token is written exactly so and starts in lowercase.
    lower_seen: bool,
    /// (A lowercase form.) Some token with it is in title case, not first in its sentence.
    title_seen: bool,
    /// (A lowercase form.) Context aggregation: hashed features of every place the
    /// document uses a capitalised word with it (the words around it and its position
    /// in a run of capitalised words), sorted and deduplicated.
    contexts: Vec<u32>,
    /// (A lowercase form.) The last label the tagger gave a capitalised word with it.
    last_label: Option<usize>,
    /// (A lowercase form.) The lexicon's facts (a cache, filled while tagging).
    facts: Option<Option<Facts>>,
    /// (As written.) The tagger's scores of its [`word_features`] and contexts (a cache).
    scores: Option<[f32; NUM_LABELS]>,
}

/// The id of a string a document does not contain (a token of another document).
const UNKNOWN: u32 = u32::MAX;

impl DocContext {
    /// Collects the document's vocabulary from its sentences (token strings), and
    /// gives back each sentence's [`Forms`], with the document's ids in them.
    pub fn new(sentences: &[&[&str]]) -> (Self, Vec<Forms>) {
        let mut forms: Vec<Forms> = sentences.iter().map(|s| word_forms(s)).collect();
        let mut ctx = DocContext::default();
        for (&sent, forms) in sentences.iter().zip(forms.iter_mut()) {
            ctx.intern_sentence(sent, forms);
        }
        for (&sent, forms) in sentences.iter().zip(&forms) {
            ctx.collect_sentence(sent, forms);
        }
        ctx.finish();
        (ctx, forms)
    }

    /// The same document facts as [`DocContext::new`], without keeping every sentence's
    /// [`Forms`]: each is made, read and dropped in turn, and [`DocContext::forms`] makes it
    /// again when the sentence is tagged. A long document's forms were most of the tagger's
    /// memory. The ids are given in the same order, so the facts are the same.
    pub fn build(sentences: &[&[&str]]) -> Self {
        let mut ctx = DocContext::default();
        for &sent in sentences {
            let mut forms = word_forms(sent);
            ctx.intern_sentence(sent, &mut forms);
            ctx.collect_sentence(sent, &forms);
        }
        ctx.finish();
        ctx
    }

    /// A sentence's [`Forms`], with the ids this document gave its strings.
    pub fn forms(&self, sent: &[&str]) -> Forms {
        let mut forms = word_forms(sent);
        let id = |s: &str| self.ids.get(s).copied().unwrap_or(UNKNOWN);
        forms.ids = (0..sent.len())
            .map(|i| {
                let written = id(sent[i]);
                let lower = if forms.lower(i) == sent[i] { written } else { id(forms.lower(i)) };
                (written, lower)
            })
            .collect();
        forms
    }

    /// Gives each string of `sent` (as written, in lowercase) an id, kept in `forms`.
    fn intern_sentence(&mut self, sent: &[&str], forms: &mut Forms) {
        forms.ids = (0..sent.len())
            .map(|i| {
                let written = self.intern(sent[i]);
                let lower = if forms.lower(i) == sent[i] { written } else { self.intern(forms.lower(i)) };
                (written, lower)
            })
            .collect();
    }

    /// How many distinct strings the document has (its ids are `0..ids()`).
    pub fn ids(&self) -> usize {
        self.words.len()
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.words.push(Word::default());
        id
    }

    fn word(&self, id: u32) -> Option<&Word> {
        self.words.get(id as usize)
    }

    fn word_mut(&mut self, id: u32) -> Option<&mut Word> {
        self.words.get_mut(id as usize)
    }

    /// What the sentence says of each word (the ids are in `forms`): where it is written in
    /// lowercase or in title case, and the contexts of its capitalised uses.
    fn collect_sentence(&mut self, sent: &[&str], forms: &Forms) {
        {
            let all_caps = forms.all_caps;
            let capital = |i: usize| sent[i].chars().next().is_some_and(char::is_uppercase);
            let mut capital_run = CapitalRun::default();
            for (i, w) in sent.iter().enumerate() {
                let (written, lower) = forms.ids[i];
                let first = w.chars().next().unwrap_or(' ');
                if first.is_lowercase() {
                    self.words[written as usize].lower_seen = true;
                } else if first.is_uppercase() && i > 0 && !all_caps && w.chars().skip(1).any(char::is_lowercase) {
                    self.words[lower as usize].title_seen = true;
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
                    let (a, b) = capital_run.around(i, sent.len(), capital);
                    let list = &mut self.words[lower as usize].contexts;
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
    }

    /// Sorts and dedups each word's contexts, once every sentence is collected.
    fn finish(&mut self) {
        for word in &mut self.words {
            word.contexts.sort_unstable();
            word.contexts.dedup();
        }
    }

    /// The context aggregation features of token `i` (empty unless it is capitalised).
    /// They belong with the static features; the tagger scores them once per word and document.
    pub fn contexts_of(&self, sent: &[&str], forms: &Forms, i: usize) -> &[u32] {
        if !sent[i].chars().next().is_some_and(char::is_uppercase) {
            return &[];
        }
        self.word(forms.lower_id(i)).map_or(&[], |w| w.contexts.as_slice())
    }

    /// The label the tagger last gave a capitalised word with token `i`'s lowercase form.
    pub fn last_label(&self, forms: &Forms, i: usize) -> Option<usize> {
        self.word(forms.lower_id(i)).and_then(|w| w.last_label)
    }

    /// Remembers `label` as the last one given token `i` (a capitalised word).
    pub fn set_last_label(&mut self, forms: &Forms, i: usize, label: usize) {
        if let Some(w) = self.word_mut(forms.lower_id(i)) {
            w.last_label = Some(label);
        }
    }

    /// The lexicon's facts of token `i`'s lowercase form, looked up once per document.
    pub fn facts(&mut self, lex: &Lexicon, forms: &Forms, i: usize) -> Option<Facts> {
        match self.word_mut(forms.lower_id(i)) {
            Some(w) => *w.facts.get_or_insert_with(|| lex.get_lowercase(forms.lower(i))),
            None => lex.get_lowercase(forms.lower(i)),
        }
    }

    /// The cached scores of token `i`'s word features and contexts, made by `make` once
    /// per distinct written word.
    pub fn word_scores(&mut self, forms: &Forms, i: usize, make: impl FnOnce(&Self) -> [f32; NUM_LABELS]) -> [f32; NUM_LABELS] {
        let id = forms.written_id(i);
        if let Some(s) = self.word(id).and_then(|w| w.scores) {
            return s;
        }
        let s = make(self);
        if let Some(w) = self.word_mut(id) {
            w.scores = Some(s);
        }
        s
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
pub fn static_features(sent: &[&str], forms: &Forms, lex: &Lexicon, doc: &DocContext) -> Vec<Vec<u32>> {
    let wanted = vec![true; sent.len()];
    let single = single_facts(&wanted, |i| lex.get_lowercase(forms.lower(i)));
    let mut all = vec![Vec::new(); sent.len()];
    context_features(sent, forms, lex, doc, &wanted, &single, |i, f| {
        all[i] = (0..AROUND_TEMPLATES).map(|k| around_feature(forms, i, k)).collect();
        all[i].extend_from_slice(f);
    });
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
/// `lookup(i)` only where a wanted token can see them (the features use a token's
/// neighbours' facts too).
pub fn single_facts(wanted: &[bool], mut lookup: impl FnMut(usize) -> Option<Facts>) -> Vec<Option<Facts>> {
    let n = wanted.len();
    let near_wanted = |i: usize| wanted[i.saturating_sub(1)..(i + 2).min(n)].iter().any(|w| *w);
    (0..n).map(|i| if near_wanted(i) { lookup(i) } else { None }).collect()
}

/// The context templates that read one token around the word: (template, offset,
/// whether they read its short shape rather than its lowercase form).
const AROUND: [(u8, isize, bool); 6] = [(7, -1, false), (8, 1, false), (9, -2, false), (10, 2, false), (11, -1, true), (12, 1, true)];

/// How many templates [`around_feature`] has.
pub const AROUND_TEMPLATES: usize = AROUND.len();

/// What template `k` of [`around_feature`] reads at token `i` (see [`previous_label_reads`]).
pub fn around_reads(forms: &Forms, i: usize, k: usize) -> Reads {
    let (_, offset, shape) = AROUND[k];
    let j = i as isize + offset;
    if j < 0 {
        Reads::Start
    } else if j as usize >= forms.len() {
        Reads::End
    } else if shape {
        Reads::Word(forms.written_id(j as usize))
    } else {
        Reads::Word(forms.lower_id(j as usize))
    }
}

/// Context feature `k` of token `i` that reads one token around it: the words one and
/// two either side, the shapes one either side. They come before the rest of
/// [`context_features`], which leaves them out so that the tagger can keep their weights
/// by word.
pub fn around_feature(forms: &Forms, i: usize, k: usize) -> u32 {
    let (template, offset, shape) = AROUND[k];
    let j = i as isize + offset;
    let h = Hasher::new(template);
    let read = match around_reads(forms, i, k) {
        Reads::Start | Reads::End if shape => "<b>",
        Reads::Start => "<s>",
        Reads::End => "</s>",
        _ if shape => forms.short(j as usize),
        _ => forms.lower(j as usize),
    };
    h.add(read).done()
}

/// [`static_features`] without the [`word_features`] and the [`around_feature`]s: what
/// depends on the sentence and the document around the word. Calls `each(i, features)` for each
/// token `i` that is `wanted`, in order, with one buffer reused for every token (a
/// list per token cost an allocation per capitalised word). `forms` come from
/// [`word_forms`], `single` from [`single_facts`].
pub fn context_features(
    sent: &[&str],
    forms: &Forms,
    lex: &Lexicon,
    doc: &DocContext,
    wanted: &[bool],
    single: &[Option<Facts>],
    mut each: impl FnMut(usize, &[u32]),
) {
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
    let mut f = Vec::with_capacity(48);
    let mut capital_run = CapitalRun::default();
    for i in 0..n {
        if !wanted[i] {
            continue;
        }
        let ii = i as isize;
        let w = sent[i];
        let lw = forms.lower(i);
        let shape_i = forms.short(i);
        f.clear();
        let h = Hasher::new;
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
            let (a, b) = capital_run.around(i, n, |k| sent[k].chars().next().is_some_and(char::is_uppercase));
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
            // Token `i`'s lowercase form, as some token wrote it (lowercase-initial), and
            // as title case elsewhere.
            let lower = doc.word(forms.lower_id(i));
            if lower.is_some_and(|w| w.lower_seen) {
                f.push(h(24).add(if i == 0 { "initial" } else { "inner" }).done());
            }
            if lower.is_some_and(|w| w.title_seen) {
                f.push(h(25).add(if caps_sentence { "caps" } else { "mixed" }).done());
            }
        }
        each(i, &f);
    }
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
    /// Whether each token [`may_continue`](super::labels::may_continue) a name.
    pub continues: Vec<bool>,
    /// Each token's ids (as written, in lowercase) in its [`DocContext`]; empty
    /// until [`DocContext::new`] fills them.
    ids: Vec<(u32, u32)>,
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
    fn written_id(&self, i: usize) -> u32 {
        self.ids.get(i).map_or(UNKNOWN, |id| id.0)
    }
    fn lower_id(&self, i: usize) -> u32 {
        self.ids.get(i).map_or(UNKNOWN, |id| id.1)
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
    let continues = sent.iter().map(|w| super::labels::may_continue(w)).collect();
    Forms { buf, ends, all_caps: is_all_caps_sentence(sent), continues, ids: Vec::new() }
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
    for k in 0..PREVIOUS_LABEL_TEMPLATES {
        out.extend(previous_label_feature(forms, i, prev, k));
    }
}

/// How many templates [`previous_label_features`] has.
pub const PREVIOUS_LABEL_TEMPLATES: usize = 5;

/// What template `k` of [`previous_label_features`] reads at token `i` besides the label.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reads {
    /// Nothing: the same feature at every token.
    Nothing,
    /// A word of the document, by its id in the [`DocContext`] (as written for the
    /// shape, which the written word decides; in lowercase otherwise).
    Word(u32),
    /// Before the sentence's start.
    Start,
    /// The end of the sentence.
    End,
    /// The template has no feature here (the word before the first).
    Absent,
}

/// What template `k` of [`previous_label_features`] reads at token `i`: two tokens that
/// read the same have the same feature for the same label, so a decoder may keep its
/// weights by what it reads (see `model::WordRows`). `Word` needs the ids of
/// [`DocContext::new`]; without them this is `Word(UNKNOWN)`.
pub fn previous_label_reads(forms: &Forms, i: usize, k: usize) -> Reads {
    match k {
        0 => Reads::Nothing,
        1 => Reads::Word(forms.lower_id(i)),
        2 => Reads::Word(forms.written_id(i)),
        3 if i + 1 < forms.len() => Reads::Word(forms.lower_id(i + 1)),
        3 => Reads::End,
        _ if i > 0 => Reads::Word(forms.lower_id(i - 1)),
        _ => Reads::Absent,
    }
}

/// Feature `k` of [`previous_label_features`] of token `i` after label `prev`.
pub fn previous_label_feature(forms: &Forms, i: usize, prev: usize, k: usize) -> Option<u32> {
    let h = Hasher::new([40, 42, 43, 45, 46][k]).add(LABELS[prev]);
    Some(match (k, previous_label_reads(forms, i, k)) {
        (_, Reads::Absent) => return None,
        (0, _) => h.done(),
        (1, _) => h.add(forms.lower(i)).done(),
        (2, _) => h.add(forms.short(i)).done(),
        (3, Reads::End) => h.add("</s>").done(),
        (3, _) => h.add(forms.lower(i + 1)).done(),
        _ => h.add(forms.lower(i - 1)).done(),
    })
}

/// The label the document last gave this capitalised word, which depends on
/// earlier sentences, not on this one's labels.
pub fn document_label_feature(sent: &[&str], forms: &Forms, i: usize, doc: &DocContext) -> Option<u32> {
    document_label(sent, forms, i, doc).map(document_label_feature_of)
}

/// The label [`document_label_feature`] reads: the one the document last gave token `i`,
/// if it is capitalised.
pub fn document_label(sent: &[&str], forms: &Forms, i: usize, doc: &DocContext) -> Option<usize> {
    if !sent[i].chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    doc.last_label(forms, i)
}

/// The [`document_label_feature`] of a word the document last labelled `label`.
pub fn document_label_feature_of(label: usize) -> u32 {
    Hasher::new(44).add(LABELS[label]).done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_carries_the_contexts_of_its_other_uses() {
        let said: [&str; 3] = ["Petofi", "said", "."];
        let board: [&str; 6] = ["the", "board", "of", "Petofi", "Ltd", "met"];
        let (doc, forms) = DocContext::new(&[&said[..], &board[..]]);
        let petofi = doc.contexts_of(&said, &forms[0], 0);
        assert_eq!(petofi, doc.contexts_of(&board, &forms[1], 3), "one list per word");
        // From the second sentence: the word before, the word after, a run's first and last words.
        for want in [Hasher::new(26).add("of"), Hasher::new(27).add("ltd"), Hasher::new(28).add("first"), Hasher::new(30).add("ltd")] {
            assert!(petofi.contains(&want.done()));
        }
        // From the first: a sentence start, followed by "said".
        assert!(petofi.contains(&Hasher::new(26).add("<s>").done()));
        assert!(petofi.contains(&Hasher::new(27).add("said").done()));
        assert!(petofi.windows(2).all(|w| w[0] < w[1]), "sorted without repeats, so training is deterministic");
        assert!(doc.contexts_of(&board, &forms[1], 1).is_empty(), "lowercase words have no aggregated contexts");
    }

    #[test]
    fn headlines_in_capitals_add_no_contexts() {
        let headline: [&str; 4] = ["PETOFI", "PROFIT", "FALLS", "SHARPLY"];
        let (doc, forms) = DocContext::new(&[&headline[..]]);
        assert!((0..headline.len()).all(|i| doc.contexts_of(&headline, &forms[0], i).is_empty()));
    }

    #[test]
    fn a_capitalised_run_is_found_once_for_all_its_words() {
        // Every pattern of capitals over eight tokens, the runs asked for in order and backwards.
        for pattern in 0u32..256 {
            let capital = |k: usize| pattern & (1 << k) != 0;
            let scanned = |i: usize| {
                let (mut a, mut b) = (i, i + 1);
                while a > 0 && capital(a - 1) {
                    a -= 1;
                }
                while b < 8 && capital(b) {
                    b += 1;
                }
                (a, b)
            };
            let mut forward = CapitalRun::default();
            let mut backward = CapitalRun::default();
            for i in (0..8).filter(|&i| capital(i)) {
                assert_eq!(forward.around(i, 8, capital), scanned(i), "{pattern:08b} token {i}");
            }
            for i in (0..8).rev().filter(|&i| capital(i)) {
                assert_eq!(backward.around(i, 8, capital), scanned(i), "{pattern:08b} token {i}");
            }
        }
    }
}
