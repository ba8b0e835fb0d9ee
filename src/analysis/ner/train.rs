//! Training the averaged perceptron. Deterministic: the same data and options
//! give the same model, byte for byte (a fixed-seed shuffle, no hash-order output).

use super::conll::{Score, Sentence};
use super::features::{dynamic_features, static_features, word_forms, DocContext, NUM_LABELS};
use super::lexicon::Lexicon;
use super::model::{best_allowed, may_continue, tag_document, Model};
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
    fn default() -> Self {
        TrainOptions { epochs: 12, seed: 0x1ede, prune_below: 0.8 }
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
            let ctx = DocContext::new(toks.iter().map(Vec::as_slice));
            toks.iter().map(|t| static_features(t, lex, &ctx)).collect()
        })
        .collect();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &d in &order {
            let doc = &docs[d];
            let toks: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
            let mut ctx = DocContext::new(toks.iter().map(Vec::as_slice));
            for (si, sent) in doc.iter().enumerate() {
                let forms = word_forms(&toks[si]);
                let (mut prev, mut prev2) = (0usize, 0usize);
                let mut dynamic = Vec::with_capacity(8);
                for i in 0..sent.tokens.len() {
                    p.step += 1;
                    dynamic.clear();
                    dynamic_features(&toks[si], &forms, i, prev, prev2, &ctx, &mut dynamic);
                    let feats = &cached[d][si][i];
                    let mut scores = [0f32; NUM_LABELS];
                    p.score(feats, &mut scores);
                    p.score(&dynamic, &mut scores);
                    let (guess, _) = best_allowed(&scores, prev, may_continue(&sent.tokens[i]));
                    let gold = sent.labels[i];
                    if guess != gold {
                        p.update(feats, gold, 1.0);
                        p.update(&dynamic, gold, 1.0);
                        p.update(feats, guess, -1.0);
                        p.update(&dynamic, guess, -1.0);
                    } else {
                        correct += 1;
                    }
                    total += 1;
                    if sent.tokens[i].chars().next().is_some_and(char::is_uppercase) {
                        ctx.last_label.insert(sent.tokens[i].to_lowercase(), guess);
                    }
                    prev2 = prev;
                    prev = guess;
                }
            }
        }
        progress(epoch + 1, correct as f64 / total.max(1) as f64);
    }
    p.averaged(opts.prune_below)
}

/// Tags `docs` with `model` and scores the result against their gold labels.
pub fn evaluate(model: &Model, lex: &Lexicon, docs: &[Vec<&Sentence>]) -> Score {
    let mut score = Score::default();
    for doc in docs {
        let toks: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        let tagged = tag_document(model, lex, &toks);
        for (sent, pred) in doc.iter().zip(tagged) {
            let pred: Vec<usize> = pred.into_iter().map(|(l, _)| l).collect();
            score.add(&sent.labels, &pred);
        }
    }
    score
}

/// Every chunk the tagger got wrong, one line each: `missed`, `spurious` or
/// `wrong`, the gold and predicted chunks, and the sentence with the chunk in brackets.
pub fn errors(model: &Model, lex: &Lexicon, docs: &[Vec<&Sentence>]) -> Vec<String> {
    use super::conll::chunks;
    const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
    let mut out = Vec::new();
    for doc in docs {
        let toks: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        for (sent, pred) in doc.iter().zip(tag_document(model, lex, &toks)) {
            let pred: Vec<usize> = pred.into_iter().map(|(l, _)| l).collect();
            let (gold, found) = (chunks(&sent.labels), chunks(&pred));
            let show = |a: usize, b: usize| {
                let mut words: Vec<String> = sent.tokens.clone();
                words[a] = format!("[{}", words[a]);
                words[b - 1] = format!("{}]", words[b - 1]);
                words.join(" ")
            };
            for g in gold.iter().filter(|g| !found.contains(g)) {
                let kind = match found.iter().find(|p| p.1 < g.2 && g.1 < p.2) {
                    Some(p) => format!("wrong    {} as {} {:?}", TYPES[g.0], TYPES[p.0], sent.tokens[p.1..p.2].join(" ")),
                    None => format!("missed   {}", TYPES[g.0]),
                };
                out.push(format!("{kind}\t{}", show(g.1, g.2)));
            }
            for p in found.iter().filter(|p| !gold.iter().any(|g| g.1 < p.2 && p.1 < g.2)) {
                out.push(format!("spurious {}\t{}", TYPES[p.0], show(p.1, p.2)));
            }
        }
    }
    out
}
