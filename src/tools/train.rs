//! Training the averaged perceptron, structured: each sentence is decoded with the
//! tagger's own beam search and, where the gold sequence falls out of the beam, the
//! gold prefix is rewarded and the best guess penalised (early update). Deterministic:
//! the same data and options give the same model, byte for byte (a fixed-seed
//! shuffle, no hash-order output).

use super::conll::{Score, Sentence};
use crate::analysis::ner::features::{
    document_label_feature_of, dynamic_features, label_pair_feature, previous_label_features, static_features, DocContext, Forms,
};
use crate::analysis::ner::labels::NUM_LABELS;
use crate::analysis::ner::lexicon::Lexicon;
use crate::analysis::ner::model::{beam_search, tag_document, LabelWeights, Model};
use crate::analysis::ner::truecase::truecase_document;
use crate::analysis::ner::Tagger;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features whose averaged weights all stay below this (in absolute value)
    /// are dropped from the saved model.
    pub prune_below: f32,
}

impl Default for TrainOptions {
    /// The shipped model's settings. With the word clusters, pruning at 1.6 instead of
    /// 1.0 costs about 0.05 F1 and a quarter of the model's size, which keeps the first
    /// load under 2 MB. The seed (the order documents are read in) is the best of
    /// four on the dev split (92.71 to 92.99), and also the best of them on the
    /// recent-news set (85.44 to 88.68): docs/experiments.md gives the spread.
    fn default() -> Self {
        TrainOptions { epochs: 12, seed: 1, prune_below: 1.6 }
    }
}

#[derive(Default, Clone)]
struct Weight {
    w: [f32; NUM_LABELS],
    total: [f64; NUM_LABELS],
    stamp: [u32; NUM_LABELS],
}

struct Perceptron {
    weights: HashMap<u32, Weight>,
    step: u32,
}

impl Perceptron {
    fn score(&self, feats: &[u32], scores: &mut [f32; NUM_LABELS]) {
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (s, x) in scores.iter_mut().zip(&w.w) {
                    *s += x;
                }
            }
        }
    }

    fn update(&mut self, feats: &[u32], label: usize, delta: f32) {
        for f in feats {
            let w = self.weights.entry(*f).or_default();
            w.total[label] += f64::from(self.step - w.stamp[label]) * f64::from(w.w[label]);
            w.stamp[label] = self.step;
            w.w[label] += delta;
        }
    }

    /// Adds `delta` to the weights of every feature of the labelled prefix `labels`
    /// (static features and those that depend on the labels before each token).
    fn update_sequence(&mut self, feats: &[Vec<u32>], sent: &[&str], forms: &Forms, labels: &[usize], ctx: &DocContext, delta: f32) {
        let mut dynamic = Vec::with_capacity(8);
        for (i, &label) in labels.iter().enumerate() {
            let prev = if i > 0 { labels[i - 1] } else { 0 };
            let prev2 = if i > 1 { labels[i - 2] } else { 0 };
            dynamic.clear();
            dynamic_features(sent, forms, i, prev, prev2, ctx, &mut dynamic);
            self.update(&feats[i], label, delta);
            self.update(&dynamic, label, delta);
        }
    }

    fn averaged(&self, prune_below: f32) -> Model {
        let t = f64::from(self.step.max(1));
        let entries = self
            .weights
            .iter()
            .filter_map(|(k, w)| {
                let mut avg = [0f32; NUM_LABELS];
                for l in 0..NUM_LABELS {
                    let total = w.total[l] + f64::from(self.step - w.stamp[l]) * f64::from(w.w[l]);
                    avg[l] = (total / t) as f32;
                }
                avg.iter().any(|x| x.abs() >= prune_below).then_some((*k, avg))
            })
            .collect();
        // Store exactly what the file will hold, so a model read back equals the one trained.
        Model::from_map(entries).quantized()
    }
}

/// A small deterministic PRNG (xorshift64*), so training needs no random source.
/// Training's [`LabelWeights`]: looked up in the weights as they are at this step.
struct Current<'a> {
    p: &'a Perceptron,
    forms: &'a Forms,
    buf: &'a mut Vec<u32>,
}

impl LabelWeights for Current<'_> {
    fn add_pair(&mut self, prev2: usize, prev: usize, scores: &mut [f32; NUM_LABELS]) {
        self.p.score(&[label_pair_feature(prev2, prev)], scores);
    }

    fn add_previous(&mut self, i: usize, prev: usize, scores: &mut [f32; NUM_LABELS]) {
        self.buf.clear();
        previous_label_features(self.forms, i, prev, self.buf);
        self.p.score(self.buf, scores);
    }

    fn add_document_label(&mut self, label: usize, scores: &mut [f32; NUM_LABELS]) {
        self.p.score(&[document_label_feature_of(label)], scores);
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains on `docs` (documents of gold sentences). `progress` hears each epoch's
/// token accuracy on the training data.
pub fn train(docs: &[Vec<&Sentence>], lex: &Lexicon, opts: TrainOptions, mut progress: impl FnMut(usize, f64)) -> Model {
    let mut p = Perceptron { weights: HashMap::new(), step: 0 };
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = Rng(opts.seed | 1);
    // Static features do not change between epochs: compute them once.
    let cached: Vec<Vec<Vec<Vec<u32>>>> = docs
        .iter()
        .map(|doc| {
            let toks: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
            let slices: Vec<&[&str]> = toks.iter().map(Vec::as_slice).collect();
            let (ctx, forms) = DocContext::new(&slices);
            toks.iter()
                .zip(&forms)
                .map(|(t, forms)| {
                    let mut feats = static_features(t, forms, lex, &ctx);
                    for (i, f) in feats.iter_mut().enumerate() {
                        f.extend_from_slice(ctx.contexts_of(t, forms, i));
                    }
                    feats
                })
                .collect()
        })
        .collect();
    let mut buf = Vec::with_capacity(8);
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &d in &order {
            let doc = &docs[d];
            let toks: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
            let slices: Vec<&[&str]> = toks.iter().map(Vec::as_slice).collect();
            let (mut ctx, all_forms) = DocContext::new(&slices);
            for (si, sent) in doc.iter().enumerate() {
                let forms = &all_forms[si];
                let feats = &cached[d][si];
                let statics: Vec<[f32; NUM_LABELS]> = feats
                    .iter()
                    .map(|f| {
                        let mut s = [0f32; NUM_LABELS];
                        p.score(f, &mut s);
                        s
                    })
                    .collect();
                let mut weights = Current { p: &p, forms, buf: &mut buf };
                let decoded = beam_search(&mut weights, &toks[si], forms, &statics, &ctx, Some(&sent.labels));
                let guess = &decoded.labels;
                p.step += 1;
                if guess[..] != sent.labels[..guess.len()] {
                    // Gold up to where the search stopped, against the best guess there.
                    p.update_sequence(feats, &toks[si], forms, &sent.labels[..guess.len()], &ctx, 1.0);
                    p.update_sequence(feats, &toks[si], forms, guess, &ctx, -1.0);
                }
                correct += guess.iter().zip(&sent.labels).filter(|(a, b)| a == b).count();
                total += sent.labels.len();
                for (i, &label) in guess.iter().enumerate() {
                    if sent.tokens[i].chars().next().is_some_and(char::is_uppercase) {
                        ctx.set_last_label(forms, i, label);
                    }
                }
            }
        }
        progress(epoch + 1, correct as f64 / total.max(1) as f64);
    }
    p.averaged(opts.prune_below)
}

/// Tags a document the way the analysis does: truecased first when it has lost its case.
fn tag_as_written(tagger: &Tagger, toks: &[Vec<&str>]) -> Vec<Vec<(usize, f32)>> {
    match truecase_document(&tagger.lexicon, toks) {
        Some(cased) => {
            let cased: Vec<Vec<&str>> = cased.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
            tag_document(&tagger.model, &tagger.lexicon, &cased)
        }
        None => tag_document(&tagger.model, &tagger.lexicon, toks),
    }
}

/// Tags `docs` with `model` and scores the result against their gold labels.
pub fn evaluate(tagger: &Tagger, docs: &[Vec<&Sentence>]) -> Score {
    let mut score = Score::default();
    for doc in docs {
        let toks: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        let tagged = tag_as_written(tagger, &toks);
        for (sent, pred) in doc.iter().zip(tagged) {
            let pred: Vec<usize> = pred.into_iter().map(|(l, _)| l).collect();
            score.add(&sent.labels, &pred);
        }
    }
    score
}

/// Every chunk the tagger got wrong, one line each: `missed`, `spurious` or
/// `wrong`, the gold and predicted chunks, and the sentence with the chunk in brackets.
pub fn errors(tagger: &Tagger, docs: &[Vec<&Sentence>]) -> Vec<String> {
    let mut out = Vec::new();
    for doc in docs {
        let toks: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        for (sent, pred) in doc.iter().zip(tag_as_written(tagger, &toks)) {
            let pred: Vec<usize> = pred.into_iter().map(|(l, _)| l).collect();
            out.extend(super::conll::chunk_errors(sent, &pred));
        }
    }
    out
}
