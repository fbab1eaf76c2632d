//! Fingerprints under a symmetry group: the fingerprints of a value under
//! each permutation of model values, computed without building the
//! permuted values, and kept up to date incrementally by set operations
//! under the group of the thread's run.

use super::fingerprint::{mix, set_term, FpData};
use super::intern::ModelValue;
use super::{Domain, FnV, SetV, Value};
use smallvec::SmallVec;
use std::sync::Arc;

/// A symmetry group: permutations of model values (the identity first).
#[derive(Debug)]
pub struct Group {
    id: u32,
    /// The permutations, as (from, to) pairs; the identity is empty.
    pub perms: Vec<Vec<(ModelValue, ModelValue)>>,
    /// For each model value moved by some permutation (by intern id), its
    /// fingerprint under each permutation.
    images: Vec<Option<Box<[u64]>>>,
}

/// Permutation buffers on the stack for groups of up to this size.
type Sums = SmallVec<[u64; 8]>;

impl Group {
    /// A group with a fresh identity (caches are per group).
    pub fn new(perms: Vec<Vec<(ModelValue, ModelValue)>>) -> Group {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let mut g = Group {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            perms,
            images: vec![],
        };
        let moved: Vec<ModelValue> = g.perms.iter().flatten().map(|(a, _)| *a).collect();
        for m in moved {
            let i = m.id() as usize;
            if g.images.len() <= i {
                g.images.resize(i + 1, None);
            }
            if g.images[i].is_none() {
                let fps = (0..g.perms.len())
                    .map(|k| mix(1, g.image(k, m).text_hash()))
                    .collect();
                g.images[i] = Some(fps);
            }
        }
        g
    }

    /// The group's identity (the key of the sums cached under it).
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Number of permutations.
    pub fn len(&self) -> usize {
        self.perms.len()
    }

    /// Whether the group is empty.
    pub fn is_empty(&self) -> bool {
        self.perms.is_empty()
    }

    fn image(&self, i: usize, m: ModelValue) -> ModelValue {
        self.perms[i]
            .iter()
            .find(|(a, _)| *a == m)
            .map(|(_, b)| *b)
            .unwrap_or(m)
    }
}

thread_local! {
    /// The symmetry group of the run this thread works for (installed by
    /// [`crate::session::Session::enter`] for the run's duration): set
    /// operations keep the fingerprint sums under its permutations up to
    /// date incrementally. Only a speed-up: a value whose sums are missing
    /// has them computed from its elements when they are asked for, with
    /// the group that asks.
    static CURRENT_GROUP: std::cell::RefCell<Option<Arc<Group>>> =
        const { std::cell::RefCell::new(None) };
}

/// Makes `g` the group of this thread's run (see `CURRENT_GROUP`) and
/// returns the group it replaces, to be put back when the run leaves the
/// thread.
pub fn install_group(g: Option<Arc<Group>>) -> Option<Arc<Group>> {
    CURRENT_GROUP.with(|c| std::mem::replace(&mut *c.borrow_mut(), g))
}

/// The group of this thread's run, if it has one.
fn current_group() -> Option<Arc<Group>> {
    CURRENT_GROUP.with(|c| c.borrow().clone())
}

/// Fills the fingerprint caches of `result`, which is `base` with the
/// elements `delta` added (or removed), from `base`'s caches, when those are
/// computed: O(|delta|) instead of O(|result|).
pub fn derive_fp(base: &SetV, result: &SetV, delta: &[&Value], added: bool) {
    if added {
        derive_fp_delta(base, result, &[], delta)
    } else {
        derive_fp_delta(base, result, delta, &[])
    }
}

/// [`derive_fp`] for `result` = `base` without the elements `removed` and
/// with the elements `added` (which `base` does not hold).
pub fn derive_fp_delta(base: &SetV, result: &SetV, removed: &[&Value], added: &[&Value]) {
    let Some(d) = base.1.get() else { return };
    let mut sum = d.sum;
    let mut mv = d.mv;
    for (delta, add) in [(removed, false), (added, true)] {
        for e in delta {
            let (h, m) = e.fp_flag();
            let t = set_term(h);
            sum = if add {
                sum.wrapping_add(t)
            } else {
                sum.wrapping_sub(t)
            };
            mv |= m;
        }
    }
    // After a removal `mv` may be true with no model value left: that is
    // only slower (the permuted fingerprints are then all equal), not wrong.
    result.1.set(FpData { sum, mv });
    if !mv {
        return;
    }
    let Some(g) = current_group() else { return };
    let Some(sums) = base.1.group_sums(g.id) else {
        return;
    };
    let mut sums: Sums = SmallVec::from_slice(sums);
    let mut tmp: Sums = smallvec::smallvec![0u64; g.len()];
    for (delta, add) in [(removed, false), (added, true)] {
        for e in delta {
            e.group_fps(&g, &mut tmp);
            for (s, t) in sums.iter_mut().zip(&tmp) {
                let t = set_term(*t);
                *s = if add {
                    s.wrapping_add(t)
                } else {
                    s.wrapping_sub(t)
                };
            }
        }
    }
    result.1.set_group(g.id, &sums);
}

impl Value {
    /// The fingerprints of the value under every permutation of `g`
    /// (index 0 is the identity), written to `out`; computed without
    /// building the permuted values, and cached in shared sets and
    /// functions.
    pub fn group_fps(&self, g: &Group, out: &mut [u64]) {
        let (h, mv) = self.fp_flag();
        if !mv {
            out.fill(h);
            return;
        }
        match self {
            Value::Model(m) => match g.images.get(m.id() as usize) {
                Some(Some(fps)) => out.copy_from_slice(fps),
                _ => out.fill(h),
            },
            Value::Set(s) => {
                let sums = s.group_sums(g);
                let head = mix(5, s.0.len() as u64);
                for (o, sum) in out.iter_mut().zip(sums.iter()) {
                    *o = mix(head, *sum);
                }
            }
            Value::Fn(f) => {
                let sums = f.group_sums(g);
                let head = mix(6, f.values.len() as u64);
                for (o, sum) in out.iter_mut().zip(sums.iter()) {
                    *o = mix(head, *sum);
                }
            }
            _ => out.fill(h),
        }
    }
}

impl SetV {
    /// The element sums under each permutation of `g` (computed once).
    pub fn group_sums(&self, g: &Group) -> &[u64] {
        if self.1.group_sums(g.id).is_none() {
            let mut sums: Sums = smallvec::smallvec![0u64; g.len()];
            let mut tmp: Sums = smallvec::smallvec![0u64; g.len()];
            for e in &self.0 {
                e.group_fps(g, &mut tmp);
                for (s, t) in sums.iter_mut().zip(&tmp) {
                    *s = s.wrapping_add(set_term(*t));
                }
            }
            self.1.set_group(g.id, &sums);
        }
        self.1.group_sums(g.id).unwrap_or(&[])
    }
}

impl FnV {
    /// The pair sums under each permutation of `g` (computed once).
    pub fn group_sums(&self, g: &Group) -> &[u64] {
        if self.fp.group_sums(g.id).is_none() {
            let n = g.len();
            let mut sums: Sums = smallvec::smallvec![0u64; n];
            let mut kt: Sums = smallvec::smallvec![0u64; n];
            let mut vt: Sums = smallvec::smallvec![0u64; n];
            for (i, v) in self.values.iter().enumerate() {
                match &self.domain {
                    Domain::Seq(_) => kt.fill(mix(3, i as u64 + 1)),
                    Domain::Keys(k) => k[i].group_fps(g, &mut kt),
                }
                v.group_fps(g, &mut vt);
                for j in 0..n {
                    sums[j] = sums[j].wrapping_add(mix(kt[j], vt[j]));
                }
            }
            self.fp.set_group(g.id, &sums);
        }
        self.fp.group_sums(g.id).unwrap_or(&[])
    }
}
