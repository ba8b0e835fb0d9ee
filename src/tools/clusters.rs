//! `lede clusters`: the word clusters behind `model/clusters.tsv`, by spherical k-means
//! over pre-trained word vectors (see [`crate::analysis::ner::clusters`] for what a
//! cluster path is and how the tagger reads it).

use crate::analysis::ner::clusters::{Path, BITS, BRANCH, DEPTH};

/// k-means rounds per split (assignments barely move after ten).
const ROUNDS: usize = 12;

/// Clusters `vectors` (one per word, all the same length) into a tree; returns
/// each word's [`Path`]. Deterministic: the same vectors give the same paths.
pub fn cluster(vectors: &[Vec<f32>]) -> Vec<Path> {
    let unit: Vec<Vec<f32>> = vectors.iter().map(|v| normalized(v)).collect();
    let mut paths = vec![0u16; unit.len()];
    let all: Vec<usize> = (0..unit.len()).collect();
    split(&unit, &all, 0, 0, &mut paths);
    paths.iter_mut().for_each(|p| *p += 1);
    paths
}

fn normalized(v: &[f32]) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        v.to_vec()
    } else {
        v.iter().map(|x| x / norm).collect()
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Splits the words `members` into BRANCH groups, writes the group into level
/// `level` of their paths, and recurses.
fn split(unit: &[Vec<f32>], members: &[usize], level: usize, path: u16, paths: &mut [u16]) {
    if level == DEPTH || members.is_empty() {
        return;
    }
    let groups = kmeans(unit, members);
    let shift = BITS * (DEPTH - 1 - level);
    for (g, group) in groups.iter().enumerate() {
        let p = path | ((g as u16) << shift);
        for &m in group {
            paths[m] = p;
        }
        split(unit, group, level + 1, p, paths);
    }
}

/// Spherical k-means over `members`. The first centroids are members spread
/// evenly through the list (it is in frequency order, so each starts from a
/// word of different frequency); ties go to the lower group.
fn kmeans(unit: &[Vec<f32>], members: &[usize]) -> Vec<Vec<usize>> {
    let k = BRANCH.min(members.len());
    let mut centroids: Vec<Vec<f32>> = (0..k).map(|g| unit[members[g * members.len() / k]].clone()).collect();
    let mut assign = vec![0usize; members.len()];
    for _ in 0..ROUNDS {
        for (a, &m) in assign.iter_mut().zip(members) {
            let mut best = (f32::NEG_INFINITY, 0);
            for (g, c) in centroids.iter().enumerate() {
                let s = dot(&unit[m], c);
                if s > best.0 {
                    best = (s, g);
                }
            }
            *a = best.1;
        }
        let dim = unit[members[0]].len();
        let mut sums = vec![vec![0f32; dim]; k];
        for (&a, &m) in assign.iter().zip(members) {
            for (s, x) in sums[a].iter_mut().zip(&unit[m]) {
                *s += x;
            }
        }
        for (c, s) in centroids.iter_mut().zip(sums) {
            // An empty group keeps its centroid.
            if s.iter().any(|x| *x != 0.0) {
                *c = normalized(&s);
            }
        }
    }
    let mut groups = vec![Vec::new(); BRANCH];
    for (&a, &m) in assign.iter().zip(members) {
        groups[a].push(m);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ner::clusters::prefix;

    #[test]
    fn words_used_alike_share_a_path() {
        // Two tight bunches of directions, far apart.
        let mut vectors = Vec::new();
        for i in 0..40 {
            let e = i as f32 * 0.001;
            vectors.push(if i % 2 == 0 { vec![1.0, e, 0.0] } else { vec![0.0, e, 1.0] });
        }
        let paths = cluster(&vectors);
        assert!(paths.iter().all(|&p| p != 0), "every word has a path");
        let first = |i: usize| prefix(paths[i], 1);
        // The bunches are split finer (there are more groups than bunches), but no
        // group, coarse or fine, mixes them.
        for i in (0..40).step_by(2) {
            for j in (1..40).step_by(2) {
                assert_ne!(first(i), first(j), "{i} and {j}");
            }
        }
        assert_eq!(cluster(&vectors), paths, "deterministic");
        assert_eq!(prefix(paths[0], DEPTH), paths[0]);
        assert_eq!(prefix(0, 1), 0, "no cluster has no prefix");
    }
}
