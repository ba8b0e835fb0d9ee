//! Sorting by a numeric key without a copy of the sort for every call site.
//!
//! The standard library's sorts are generic over the element and the comparison, so every
//! `sort_by_key` with its own closure compiled its own stable sort into the wasm: twelve of
//! them, 65 KB of the worker's code. [`sort_by_key`] sorts `(key, index)` pairs instead,
//! with one sort shared by every caller, then moves the elements into that order.

/// Sorts `v` by `key`, stably (equal keys keep their order: the index breaks the tie).
pub fn sort_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut keys: Vec<(u64, u32)> = v.iter().enumerate().map(|(i, x)| (key(x), i as u32)).collect();
    if keys.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    sort_pairs(&mut keys);
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(keys.iter().filter_map(|&(_, i)| slots[i as usize].take()));
}

/// The one sort every caller shares (never inlined, so it stays one copy).
#[inline(never)]
fn sort_pairs(keys: &mut [(u64, u32)]) {
    keys.sort_unstable();
}

/// Two positions as one key, the first deciding: `pair(a, b)` orders as `(a, b)` does.
pub fn pair(first: usize, second: usize) -> u64 {
    (first as u64) << 32 | (second as u64 & 0xFFFF_FFFF)
}

/// A position (below 2^32) as one that sorts the larger first, for [`pair`].
pub fn descending(x: usize) -> usize {
    (u32::MAX as usize).saturating_sub(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let words = ["delta", "alpha", "charlie", "bravo", "alpha", "echo", "bravo", "alpha"];
        for key in [|w: &&str| w.len() as u64, |w: &&str| u64::from(w.as_bytes()[0]), |w: &&str| pair(w.len(), 0)] {
            let mut ours: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
            let mut std = ours.clone();
            sort_by_key(&mut ours, |(_, w)| key(w));
            std.sort_by_key(|(_, w)| key(w));
            assert_eq!(ours, std);
        }
        let mut v = vec![(3, 1), (1, 9), (3, 0), (1, 2)];
        sort_by_key(&mut v, |&(a, b)| pair(a, descending(b)));
        assert_eq!(v, [(1, 9), (1, 2), (3, 1), (3, 0)]);
    }
}
