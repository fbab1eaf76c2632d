//! Sharing of the parts of queued states: the sets and functions inside
//! a state's values (messages, views, records) are replaced by an equal
//! one met before, so that the many states holding the same message hold
//! one copy of it (with its cached fingerprints).
//!
//! The values of the variables themselves are not shared through the
//! table (they are mostly different in every state, and the table keeps
//! what it holds). A shard of the table that is full starts again empty:
//! the values it held stay shared by the states holding them (and marked
//! so), and the values met from then on are shared among themselves.
//!
//! The table belongs to a run ([`crate::session::Session`]), which installs
//! it on the threads it works on; outside a run nothing is shared (values
//! are kept as they are), so no value outlives the run that met it.

use crate::value::{FnV, SetV, Value};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use std::cell::RefCell;
use std::sync::Arc;

const SHARDS: usize = 64;
/// The most values the table keeps.
const CAPACITY: usize = 1 << 22;

/// The shared values of one run, by fingerprint.
pub struct Table {
    shards: Vec<Mutex<FxHashMap<u64, SmallVec<[Value; 1]>>>>,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }
}

thread_local! {
    /// The table of the run this thread works for.
    static CURRENT: RefCell<Option<Arc<Table>>> = const { RefCell::new(None) };
}

/// Makes `t` the table of this thread's run and returns the table it
/// replaces, to be put back when the run leaves the thread.
pub fn install(t: Option<Arc<Table>>) -> Option<Arc<Table>> {
    CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), t))
}

/// The table of this thread's run.
fn current() -> Option<Arc<Table>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// The shared value equal to `v` (a set or a function whose parts are
/// shared already), `v` itself if there is none.
fn lookup(t: &Table, v: Value) -> Value {
    let fp = v.fingerprint();
    let mut shard = t.shards[(fp as usize) % SHARDS].lock();
    if let Some(list) = shard.get(&fp) {
        if let Some(x) = list.iter().find(|x| **x == v) {
            return x.clone();
        }
    }
    if shard.len() >= CAPACITY / SHARDS {
        shard.clear();
    }
    if let Some(c) = cache(&v) {
        c.mark_shared();
    }
    shard.entry(fp).or_default().push(v.clone());
    v
}

/// The fingerprint cache of a set or function.
fn cache(v: &Value) -> Option<&crate::value::FpCache> {
    match v {
        Value::Set(s) => Some(&s.1),
        Value::Fn(f) => Some(&f.fp),
        _ => None,
    }
}

/// Whether `v` is the very value the table holds for it (marked so when
/// the table took it).
fn is_shared(v: &Value) -> bool {
    cache(v).is_some_and(|c| c.is_shared())
}

/// `v` with its parts shared (and `v` itself when `top` is false).
fn share(t: &Table, v: &Value, top: bool) -> Value {
    let compound = matches!(v, Value::Set(_) | Value::Fn(_));
    if !compound {
        return v.clone();
    }
    if !top && is_shared(v) {
        return v.clone();
    }
    let rebuilt = match v {
        Value::Set(s) => {
            let parts: Vec<Value> = s.0.iter().map(|e| share(t, e, false)).collect();
            if parts.iter().zip(&s.0).all(|(a, b)| same(a, b)) {
                v.clone()
            } else {
                Value::Set(Arc::new(SetV(parts, s.1.copied())))
            }
        }
        Value::Fn(f) => {
            let parts: Vec<Value> = f.values.iter().map(|e| share(t, e, false)).collect();
            if parts.iter().zip(&f.values).all(|(a, b)| same(a, b)) {
                v.clone()
            } else {
                let mut g = FnV::new(f.domain.clone(), parts);
                g.fp = f.fp.copied();
                Value::Fn(Arc::new(g))
            }
        }
        _ => v.clone(),
    };
    if top {
        rebuilt
    } else {
        lookup(t, rebuilt)
    }
}

/// Whether two values are the same object (or equal scalars).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Set(x), Value::Set(y)) => Arc::ptr_eq(x, y),
        (Value::Fn(x), Value::Fn(y)) => Arc::ptr_eq(x, y),
        (Value::Lazy(x), Value::Lazy(y)) => Arc::ptr_eq(x, y),
        _ => a == b,
    }
}

/// A state to keep on the queue, its parts shared with those of the
/// states met before.
pub fn share_state(s: &[Value]) -> Arc<[Value]> {
    match current() {
        Some(t) => s.iter().map(|v| share(&t, v, true)).collect(),
        None => s.into(),
    }
}

/// `v` with its parts shared, and itself the table's copy if it is a set
/// or a function: for the values that caches hand out again and again, so
/// that the states holding them need no look-up when they are queued.
pub fn share_value(v: &Value) -> Value {
    match current() {
        Some(t) => share(&t, v, false),
        None => v.clone(),
    }
}
