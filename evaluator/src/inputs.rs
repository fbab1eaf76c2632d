//! What an expression reads from a step, and a cache of its values keyed
//! by everything it reads.
//!
//! The inputs of an expression are the state variables and the state
//! functions (zero-argument definitions whose value depends on the state,
//! such as a refinement mapping's `votes == [a \in Acceptor |-> ...]`) it
//! reads, in the current or in the next state; constants are fixed for a
//! run and bound names are bound inside the expression. Two steps that
//! give the same values to every input give the expression the same value,
//! so a step property (`[][V!Next]_v`, checked on every transition) is
//! evaluated once per distinct tuple of input values instead of once per
//! transition: many transitions of an implementation map to the same
//! transition of the specification it refines.
//!
//! An expression with an input that is not a function of the step
//! (`ENABLED`, temporal operators, `TLCGet`, printing) has no inputs and
//! is never cached.

use crate::builtins::Builtin;
use crate::eval::{vspan, Ctx, EResult};
use crate::ir::{DefId, Expr, Kind};
use crate::lower::Program;
use crate::value::{mix, Value};
use parking_lot::Mutex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use tla_parser::span::Span;

/// One input: a variable or a state function, in the current (false) or
/// the next (true) state.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Input {
    Var(u32, bool),
    Def(DefId, bool),
}

struct Walk<'p> {
    prog: &'p Program,
    /// Whether state functions are inputs (else their bodies are read).
    defs: bool,
    out: Vec<Input>,
    seen: FxHashSet<(DefId, bool)>,
    ok: bool,
}

impl Walk<'_> {
    fn add(&mut self, i: Input) {
        if !self.out.contains(&i) {
            self.out.push(i);
        }
    }

    fn go(&mut self, e: &Expr, primed: bool) {
        if !self.ok {
            return;
        }
        match &e.kind {
            Kind::Var(i) => self.add(Input::Var(*i, primed)),
            Kind::PrimeVar(i) if !primed => self.add(Input::Var(*i, true)),
            Kind::Prime(x) if !primed => self.go(x, true),
            Kind::Unchanged(x) if !primed => {
                self.go(x, false);
                self.go(x, true);
            }
            Kind::BoxAction(a, v) | Kind::AngleAction(a, v) if !primed => {
                self.go(a, false);
                self.go(v, false);
                self.go(v, true);
            }
            Kind::PrimeVar(_)
            | Kind::Prime(_)
            | Kind::Unchanged(_)
            | Kind::BoxAction(..)
            | Kind::AngleAction(..)
            | Kind::Enabled(_)
            | Kind::Temporal(..)
            | Kind::Unsupported(_) => self.ok = false,
            Kind::Builtin(b, _)
                if !b.is_pure() || matches!(b, Builtin::Print | Builtin::PrintT) =>
            {
                self.ok = false
            }
            Kind::Call(id, args) => {
                for a in args {
                    self.go(a, primed);
                }
                let d = &self.prog.defs[*id as usize];
                if d.pure {
                    // Depends on its arguments only.
                    return;
                }
                if self.defs
                    && args.is_empty()
                    && d.nparams == 0
                    && d.fun_bounds.is_none()
                    && !d.body.mentions_next()
                {
                    self.add(Input::Def(*id, primed));
                    return;
                }
                if self.seen.insert((*id, primed)) {
                    self.go(&d.body, primed);
                    for b in d.fun_bounds.iter().flatten() {
                        if let Some(s) = &b.set {
                            self.go(s, primed);
                        }
                    }
                }
            }
            _ => e.for_each_child(&mut |c| self.go(c, primed)),
        }
    }
}

/// The most entries a cache keeps (it starts again when full).
const CAPACITY: usize = 1 << 20;
/// After this many look-ups a cache that hits less than one time in
/// `MIN_HIT_RATIO` stops caching (its inputs take about as many values as
/// there are steps).
const TRIAL: u64 = 1 << 16;
const MIN_HIT_RATIO: u64 = 8;
const SHARDS: usize = 16;

/// The values of an expression's inputs, with their combined fingerprint.
struct Key {
    hash: u64,
    values: Box<[Value]>,
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.hash == other.hash && self.values == other.values
    }
}
impl Eq for Key {}
impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u64(self.hash)
    }
}

/// A cache of the boolean value of one expression (an action, or a state
/// predicate) keyed by the values of all its inputs; shared by the worker
/// threads.
pub struct StepCache {
    /// The inputs, as expressions to evaluate (`x`, `f`, `x'`, `f'`).
    inputs: Vec<Expr>,
    shards: Vec<Mutex<FxHashMap<Key, Value>>>,
    lookups: AtomicU64,
    hits: AtomicU64,
    off: AtomicBool,
}

impl StepCache {
    /// A cache for `e`, or None if `e` reads something else than its
    /// inputs (or nothing at all: then there is nothing to gain). With
    /// `defs`, state functions are inputs (worth it when computing them is
    /// needed anyway, as for `[A]_v`); otherwise the inputs are variables
    /// only (for a state predicate whose cost is in its state functions).
    pub fn new(prog: &Program, e: &Expr, defs: bool) -> Option<StepCache> {
        let mut w = Walk {
            prog,
            defs,
            out: vec![],
            seen: FxHashSet::default(),
            ok: true,
        };
        w.go(e, false);
        if !w.ok || w.out.is_empty() {
            return None;
        }
        Some(StepCache::with_inputs(&w.out))
    }

    fn with_inputs(inputs: &[Input]) -> StepCache {
        let span = Span::default();
        let inputs = inputs
            .iter()
            .map(|i| {
                let (kind, primed) = match *i {
                    Input::Var(s, p) => (Kind::Var(s), p),
                    Input::Def(d, p) => (Kind::Call(d, vec![]), p),
                };
                let x = Expr::new(kind, span);
                if primed {
                    Expr::new(Kind::Prime(Box::new(x)), span)
                } else {
                    x
                }
            })
            .collect();
        StepCache {
            inputs,
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            lookups: AtomicU64::new(0),
            hits: AtomicU64::new(0),
            off: AtomicBool::new(false),
        }
    }

    /// A cache for calls of the operator `id` (its value is a function of
    /// its arguments and of the inputs of its body); None if the operator
    /// reads something else, or reads nothing from the state.
    pub fn for_def(prog: &Program, id: DefId) -> Option<StepCache> {
        let d = &prog.defs[id as usize];
        if d.pure || d.fun_bounds.is_some() || d.body.mentions_next() {
            return None;
        }
        let mut w = Walk {
            prog,
            defs: true,
            out: vec![],
            seen: FxHashSet::default(),
            ok: true,
        };
        w.seen.insert((id, false));
        w.go(&d.body, false);
        if !w.ok || w.out.is_empty() {
            return None;
        }
        Some(StepCache::with_inputs(&w.out))
    }

    /// The value of `e` (the expression the cache was made for) in `ctx`.
    pub fn eval_bool(&self, ctx: &mut Ctx<'_>, e: &Expr) -> EResult<bool> {
        let v = self.eval_with(ctx, vec![], &mut |c| c.eval_bool(e).map(Value::Bool))?;
        vspan(v.as_bool(), e.span)
    }

    /// Whether the cache has switched itself off.
    pub fn is_off(&self) -> bool {
        self.off.load(Ordering::Relaxed)
    }

    /// The value `compute` gives in `ctx`, cached by the values of the
    /// inputs (and of `extra`, the values of the arguments of a call:
    /// `compute` may depend only on them and the inputs).
    pub fn eval_with(
        &self,
        ctx: &mut Ctx<'_>,
        extra: Vec<Value>,
        compute: &mut dyn FnMut(&mut Ctx<'_>) -> EResult<Value>,
    ) -> EResult<Value> {
        if self.off.load(Ordering::Relaxed) {
            return compute(ctx);
        }
        let mut values = extra;
        values.reserve(self.inputs.len());
        let mut hash = mix(9, self.inputs.len() as u64);
        for v in &values {
            hash = mix(hash, v.fingerprint());
        }
        for x in &self.inputs {
            // An input that cannot be evaluated here may be one that the
            // expression does not need in this state: compute it directly.
            let Ok(v) = ctx.eval(x) else {
                return compute(ctx);
            };
            let Ok(v) = v.normalize() else {
                return compute(ctx);
            };
            hash = mix(hash, v.fingerprint());
            values.push(v);
        }
        let key = Key {
            hash,
            values: values.into_boxed_slice(),
        };
        let shard = &self.shards[(hash >> 59) as usize % SHARDS];
        // The counters decide whether the cache pays off; after the trial
        // they are only read, so worker threads do not contend on them.
        let counting = self.lookups.load(Ordering::Relaxed) < TRIAL;
        let n = if counting {
            self.lookups.fetch_add(1, Ordering::Relaxed) + 1
        } else {
            0
        };
        if let Some(v) = shard.lock().get(&key) {
            if counting {
                self.hits.fetch_add(1, Ordering::Relaxed);
            }
            return Ok(v.clone());
        }
        if n == TRIAL && self.hits.load(Ordering::Relaxed) * MIN_HIT_RATIO < n {
            self.off.store(true, Ordering::Relaxed);
            for s in &self.shards {
                s.lock().clear();
            }
            return compute(ctx);
        }
        let v = compute(ctx)?;
        let mut m = shard.lock();
        if m.len() >= CAPACITY / SHARDS {
            m.clear();
        }
        m.insert(key, v.clone());
        Ok(v)
    }
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
