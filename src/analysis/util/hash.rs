//! A fast hasher for maps keyed by integers: the tagger's feature hashes and the
//! key-phrase statistics' word ids. The standard SipHash resists collision attacks
//! on strings, which integer keys from our own code do not need, and costs several
//! times more per lookup.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Fx-style: each word is mixed in with a rotation, an xor and one multiplication.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const K: u64 = 0x9e37_79b9_7f4a_7c15;

impl FastHasher {
    fn add(&mut self, n: u64) {
        // The multiplication also spreads a u32 key over 64 bits: hashbrown takes its 7-bit
        // tag from the top bits, and with those all zero every probe would match every slot.
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_differ_in_any_word_hash_apart() {
        let hash = |key: [u32; 3]| {
            let mut h = FastHasher::default();
            std::hash::Hash::hash(&key, &mut h);
            h.finish()
        };
        let a = hash([1, 2, 3]);
        for other in [[0, 2, 3], [1, 0, 3], [1, 2, 0], [3, 2, 1]] {
            assert_ne!(a, hash(other));
        }
        let mut map: FastMap<[u32; 3], usize> = FastMap::default();
        map.insert([1, 2, 3], 7);
        assert_eq!(map.get(&[1, 2, 3]), Some(&7));
        assert_eq!(map.get(&[1, 2, 4]), None);
    }
}
