//! A cache of values keyed by the values of an expression's inputs (see
//! [`crate::inputs`]), shared by the worker threads: sharded, bounded, and
//! switched off when its look-ups rarely hit. Only the storage is here:
//! which inputs an expression has is found in [`crate::inputs`], and the
//! look-up during evaluation is [`StepCache::eval_with`] in [`crate::eval`].

use crate::ir::Expr;
use crate::value::Value;
use parking_lot::Mutex;
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The most entries a cache keeps (it starts again when full).
const CAPACITY: usize = 1 << 20;
/// The most entries a cache of an action part keeps: its keys may hold
/// values that the search would otherwise free (a whole `msgs` set), so
/// it is smaller.
pub const ACTION_CAPACITY: usize = 1 << 16;
/// The most entries the cache of a LET definition keeps.
pub const LET_CAPACITY: usize = 1 << 14;
/// After this many look-ups a cache that hits less often than `MIN_HITS`
/// (a fraction) stops caching (its inputs take about as many values as
/// there are steps).
const TRIAL: u64 = 1 << 16;
const MIN_HITS: (u64, u64) = (1, 8);
const SHARDS: usize = 16;

/// The values of an expression's inputs, with their combined fingerprint.
struct InputValues {
    hash: u64,
    values: Box<[Value]>,
}

/// One cache shard: entries found by the inputs' combined fingerprint.
type Shard = hashbrown::HashTable<(InputValues, Value)>;

/// A cache of the boolean value of one expression (an action, or a state
/// predicate) keyed by the values of all its inputs; shared by the worker
/// threads.
pub struct StepCache {
    /// The inputs, as expressions to evaluate (`x`, `f`, `x'`, `f'`).
    pub(crate) inputs: Vec<Expr>,
    shards: Vec<Mutex<Shard>>,
    lookups: AtomicU64,
    hits: AtomicU64,
    off: AtomicBool,
    /// The most entries kept.
    pub(crate) capacity: usize,
}

impl StepCache {
    /// A cache keyed by the values of `inputs` (expressions to evaluate),
    /// keeping at most `CAPACITY` entries.
    pub fn with_inputs(inputs: Vec<Expr>) -> StepCache {
        StepCache {
            inputs,
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            lookups: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            off: AtomicBool::new(false),
            capacity: CAPACITY,
        }
    }

    /// The inputs, as expressions to evaluate.
    pub fn inputs(&self) -> &[Expr] {
        &self.inputs
    }

    /// Whether the cache has switched itself off.
    pub fn is_off(&self) -> bool {
        self.off.load(Ordering::Relaxed)
    }

    /// The value kept for the input values `values` (whose combined
    /// fingerprint is `hash`), if any. Counts the look-up during the trial
    /// and, at its end, switches the cache off if it hit too rarely.
    pub fn lookup<V: Deref<Target = Value>>(&self, hash: u64, values: &[V]) -> Option<Value> {
        let shard = &self.shards[(hash >> 59) as usize % SHARDS];
        // The counters decide whether the cache pays off; after the trial
        // they are only read, so worker threads do not contend on them.
        let counting = self.lookups.load(Ordering::Relaxed) < TRIAL;
        let n = if counting {
            self.lookups.fetch_add(1, Ordering::Relaxed) + 1
        } else {
            0
        };
        let hit = shard
            .lock()
            .find(hash, |e| same(e, hash, values))
            .map(|(_, v)| v.clone());
        if hit.is_some() && counting {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        // The end of the trial (whether its last look-up hits or not).
        let (num, den) = MIN_HITS;
        if n == TRIAL && self.hits.load(Ordering::Relaxed) * den < n * num {
            self.off.store(true, Ordering::Relaxed);
            for s in &self.shards {
                s.lock().clear();
            }
        }
        hit
    }

    /// Keeps `v` as the value for the input values `values` (combined
    /// fingerprint `hash`), unless an entry is there already; `own` turns
    /// an input value into one the cache can keep.
    pub fn insert<V: Deref<Target = Value>>(
        &self,
        hash: u64,
        values: impl IntoIterator<Item = V> + AsRef<[V]>,
        own: impl Fn(V) -> Value,
        v: Value,
    ) {
        let mut m = self.shards[(hash >> 59) as usize % SHARDS].lock();
        if m.len() >= self.capacity / SHARDS {
            m.clear();
        }
        if m.find(hash, |e| same(e, hash, values.as_ref())).is_none() {
            let key = InputValues {
                hash,
                values: values.into_iter().map(own).collect(),
            };
            m.insert_unique(hash, (key, v), |e| e.0.hash);
        }
    }
}

/// Whether the entry `e` is that of the input values `values`.
fn same<V: Deref<Target = Value>>(e: &(InputValues, Value), hash: u64, values: &[V]) -> bool {
    e.0.hash == hash
        && e.0.values.len() == values.len()
        && e.0.values.iter().zip(values).all(|(k, v)| *k == **v)
}

impl std::fmt::Debug for StepCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StepCache")
            .field("inputs", &self.inputs.len())
            .field("lookups", &self.lookups)
            .field("hits", &self.hits)
            .finish()
    }
}
