//! Fingerprints: the 64-bit hash of a value, the same on every run and
//! every machine, cached in sets and functions ([`FpCache`]); the
//! elements of a set and the pairs of a function are combined by addition.

use super::{Domain, FnV, SetV, Value};
use std::cmp::Ordering;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering as AtomicOrdering};
use std::sync::OnceLock;

/// The fingerprint data of a set or function: the sum of its elements'
/// (or pairs') terms, and whether it contains model values.
#[derive(Clone, Copy, Debug)]
pub struct FpData {
    /// Sum of the element terms (the fingerprint is `mix(mix(tag, len), sum)`).
    pub sum: u64,
    /// Whether a model value occurs in the value.
    pub mv: bool,
}

/// A cached fingerprint, and the fingerprints under each permutation of a
/// symmetry group; ignored by comparisons. 40 bytes (every set and
/// function of every state has one): the fingerprint data in two atomics
/// (two threads computing it at once store the same data), the group sums
/// in one allocation whose first word is the group's id.
#[derive(Default)]
pub struct FpCache {
    sum: AtomicU64,
    /// `READY`, and `MV` when the value contains model values.
    flags: AtomicU8,
    group: OnceLock<Box<[u64]>>,
}

const READY: u8 = 1;
const MV: u8 = 2;
/// The value is the one the sharing table holds (see `intern`).
const SHARED: u8 = 4;

impl FpCache {
    /// A cache already holding `data`.
    pub fn with(data: FpData) -> FpCache {
        let c = FpCache::default();
        c.set(data);
        c
    }

    /// The cached data, if computed.
    #[inline]
    pub fn get(&self) -> Option<FpData> {
        let f = self.flags.load(AtomicOrdering::Acquire);
        (f & READY != 0).then(|| FpData {
            sum: self.sum.load(AtomicOrdering::Relaxed),
            mv: f & MV != 0,
        })
    }

    /// Stores the data.
    pub fn set(&self, data: FpData) {
        self.sum.store(data.sum, AtomicOrdering::Relaxed);
        let f = READY | if data.mv { MV } else { 0 };
        self.flags.fetch_or(f, AtomicOrdering::Release);
    }

    /// Marks the value as the one the sharing table holds.
    pub fn mark_shared(&self) {
        self.flags.fetch_or(SHARED, AtomicOrdering::Relaxed);
    }

    /// Whether the value is the one the sharing table holds.
    #[inline]
    pub fn is_shared(&self) -> bool {
        self.flags.load(AtomicOrdering::Relaxed) & SHARED != 0
    }

    /// The data, computed by `f` if not cached yet.
    #[inline]
    fn get_or_init(&self, f: impl FnOnce() -> FpData) -> FpData {
        if let Some(d) = self.get() {
            return d;
        }
        let d = f();
        self.set(d);
        d
    }

    /// Sets the sums under each permutation of group `id` (pre-mix).
    pub fn set_group(&self, id: u32, sums: &[u64]) {
        let v: Box<[u64]> = std::iter::once(id as u64)
            .chain(sums.iter().copied())
            .collect();
        let _ = self.group.set(v);
    }

    /// A copy of this cache, for an equal value built anew (the
    /// fingerprints of equal values are equal).
    pub fn copied(&self) -> FpCache {
        let c = FpCache::default();
        if let Some(d) = self.get() {
            c.set(d);
        }
        if let Some(g) = self.group.get() {
            let _ = c.group.set(g.clone());
        }
        c
    }

    /// The sums under each permutation of group `id`, if cached.
    pub fn group_sums(&self, id: u32) -> Option<&[u64]> {
        match self.group.get() {
            Some(v) if v.first() == Some(&(id as u64)) => Some(&v[1..]),
            _ => None,
        }
    }
}

const SET_TERM: u64 = 0x5e7;

/// The term a set element adds to its set's sum.
#[inline]
pub fn set_term(fp: u64) -> u64 {
    mix(fp, SET_TERM)
}

impl Clone for FpCache {
    /// A clone starts empty: a cloned set or function is usually cloned in
    /// order to be changed, and its fingerprint with it.
    fn clone(&self) -> FpCache {
        FpCache::default()
    }
}
impl PartialEq for FpCache {
    fn eq(&self, _: &FpCache) -> bool {
        true
    }
}
impl Eq for FpCache {}
impl PartialOrd for FpCache {
    fn partial_cmp(&self, other: &FpCache) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for FpCache {
    fn cmp(&self, _: &FpCache) -> Ordering {
        Ordering::Equal
    }
}
impl std::hash::Hash for FpCache {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

impl Value {
    /// The 64-bit fingerprint of a normalized value: the same on every run
    /// and every machine. Sets and functions cache theirs, so the shared
    /// parts of successive states are not hashed again. The elements of a
    /// set, and the pairs of a function, are combined by addition, so that
    /// the fingerprint of a value under a symmetry permutation can be
    /// computed without building and re-sorting the permuted value.
    pub fn fingerprint(&self) -> u64 {
        self.fp_flag().0
    }

    /// The fingerprint and whether the value contains model values.
    pub fn fp_flag(&self) -> (u64, bool) {
        match self {
            Value::Model(m) => (mix(1, m.text_hash()), true),
            Value::Bool(b) => (mix(2, *b as u64), false),
            Value::Int(i) => (mix(3, *i as u64), false),
            Value::Str(s) => (mix(4, s.text_hash()), false),
            Value::Set(s) => {
                let d = s.fp_data();
                (mix(mix(5, s.0.len() as u64), d.sum), d.mv)
            }
            Value::Fn(f) => {
                let d = f.fp_data();
                (mix(mix(6, f.values.len() as u64), d.sum), d.mv)
            }
            Value::Lazy(l) => match Value::Lazy(l.clone()).normalize() {
                Ok(v) => v.fp_flag(),
                Err(_) => (mix(7, 0), false),
            },
        }
    }
}

impl SetV {
    /// The fingerprint data (computed once).
    pub fn fp_data(&self) -> FpData {
        self.1.get_or_init(|| {
            let mut sum = 0u64;
            let mut mv = false;
            for e in &self.0 {
                let (h, m) = e.fp_flag();
                sum = sum.wrapping_add(set_term(h));
                mv |= m;
            }
            FpData { sum, mv }
        })
    }
}

impl FnV {
    /// The fingerprint data (computed once).
    pub fn fp_data(&self) -> FpData {
        self.fp.get_or_init(|| {
            let mut sum = 0u64;
            let mut mv = false;
            for (i, v) in self.values.iter().enumerate() {
                let (k, km) = match &self.domain {
                    Domain::Seq(_) => (mix(3, i as u64 + 1), false),
                    Domain::Keys(k) => k[i].fp_flag(),
                };
                let (h, vm) = v.fp_flag();
                sum = sum.wrapping_add(mix(k, h));
                mv |= km | vm;
            }
            FpData { sum, mv }
        })
    }
}

/// Combines a running hash with a word (a bijective 64-bit finalizer).
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    let mut k = h ^ x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k.wrapping_add(0x2545_F491_4F6C_DD1D)
}
