//! What an expression reads from a step, and the caches
//! ([`StepCache`], [`ActionCaches`]) made for the expressions worth caching
//! by everything they read (the cache's storage is in [`crate::cache`]).
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
pub use crate::cache::StepCache;
use crate::cache::{ACTION_CAPACITY, LET_CAPACITY};
use crate::ir::{DefId, Expr, Kind};
use crate::program::Program;
use parser::span::Span;
use rustc_hash::{FxHashMap, FxHashSet};

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

/// The reads of an expression from the frame it is evaluated in: the frame
/// slots (parameters, bound names) that it, or a LET definition bound
/// outside it that it reads, reads. Names bound inside it are not inputs.
#[derive(Default)]
struct FrameWalk {
    /// Slots bound by the enclosing constructs inside the expression.
    bound: Vec<u32>,
    /// LET definitions (by slot) bound inside, already walked.
    entered: FxHashSet<u32>,
    slots: FxHashSet<u32>,
    lets: FxHashSet<u32>,
    out: Vec<Expr>,
}

impl FrameWalk {
    fn bounds(&mut self, bs: &[crate::ir::Bound]) -> usize {
        for b in bs {
            if let Some(s) = &b.set {
                self.go(s);
            }
        }
        let n = self.bound.len();
        for b in bs {
            self.bound.extend(&b.slots);
        }
        n
    }

    fn go(&mut self, e: &Expr) {
        match &e.kind {
            Kind::Local(s) => {
                if !self.bound.contains(s) && self.slots.insert(*s) {
                    self.out.push(e.clone());
                }
            }
            Kind::LetRef(d) => {
                if d.slot == u32::MAX {
                    // A substituted argument: an expression of this frame.
                    self.go(&d.def);
                } else if self.bound.contains(&d.slot) {
                    if self.entered.insert(d.slot) {
                        self.go(&d.def);
                    }
                } else if self.lets.insert(d.slot) {
                    // A LET defined outside: its reads are the inputs (the
                    // definition is not evaluated for a look-up that hits).
                    // Its free names are all bound outside `e`.
                    let inner = std::mem::take(&mut self.bound);
                    self.go(&d.def);
                    self.bound = inner;
                }
            }
            Kind::Let(defs, body) => {
                let n = self.bound.len();
                self.bound.extend(defs.iter().map(|d| d.slot));
                for d in defs {
                    if self.entered.insert(d.slot) {
                        self.go(&d.def);
                    }
                }
                self.go(body);
                self.bound.truncate(n);
            }
            Kind::Quant(_, bs, body) | Kind::SetMap(body, bs) | Kind::FnCons(bs, body) => {
                let n = self.bounds(bs);
                self.go(body);
                self.bound.truncate(n);
            }
            Kind::Choose(b, body) | Kind::SetFilter(b, body) => {
                let n = self.bounds(std::slice::from_ref(b));
                self.go(body);
                self.bound.truncate(n);
            }
            Kind::RecFn(slot, bs, body) => {
                let n = self.bounds(bs);
                self.bound.push(*slot);
                self.go(body);
                self.bound.truncate(n);
            }
            Kind::Except(base, updates, at) => {
                self.go(base);
                for (keys, val) in updates {
                    for k in keys {
                        if let crate::ir::Key::Index(xs) = k {
                            xs.iter().for_each(|x| self.go(x));
                        }
                    }
                    self.bound.push(*at);
                    self.go(val);
                    self.bound.pop();
                }
            }
            Kind::Lambda(params, body) => {
                let n = self.bound.len();
                self.bound.extend(params);
                self.go(body);
                self.bound.truncate(n);
            }
            // The arguments shown for an inlined action are its LET-bound
            // parameters, read (if at all) through the body.
            Kind::Named(_, _, body) => self.go(body),
            // A called definition runs in a frame of its own.
            Kind::Call(_, args) => args.iter().for_each(|a| self.go(a)),
            _ => e.for_each_child(&mut |c| self.go(c)),
        }
    }
}

/// Caches for the parts of the actions of a model that are worth caching
/// by their inputs: the expensive right-hand sides of `x' = e`, the
/// expensive conditions and the LET definitions that build values, each
/// keyed by the variables it reads and the values of the frame names it
/// reads (`[state EXCEPT ![q][p] = ...]` is computed once per distinct
/// `state`, `q`, `p`, ...). Made for one model
/// run: the expressions are found by address in the model's IR, which
/// outlives the caches. Each cache turns itself off when its inputs rarely
/// repeat.
pub struct ActionCaches {
    index: FxHashMap<usize, usize>,
    /// Whether each cache is that of a LET definition.
    is_let: Vec<bool>,
    cells: Vec<std::sync::OnceLock<Option<StepCache>>>,
}

impl ActionCaches {
    /// The caches for the expressions of `next` and of the program's
    /// definitions.
    pub fn new(prog: &Program, next: &Expr) -> ActionCaches {
        let mut found: Vec<usize> = vec![];
        let mut lets: Vec<usize> = vec![];
        let mut visit = |e: &Expr| {
            e.walk(&mut |n| match &n.kind {
                Kind::Eq(lhs, rhs)
                    if matches!(lhs.kind, Kind::PrimeVar(_)) && worth_caching(rhs) =>
                {
                    found.push(&**rhs as *const Expr as usize);
                }
                Kind::And(items) => {
                    for x in items {
                        if worth_caching(x) {
                            found.push(x as *const Expr as usize);
                        }
                    }
                }
                Kind::If(c, _, _) if worth_caching_condition(c) => {
                    found.push(&**c as *const Expr as usize);
                }
                Kind::Let(defs, _) => {
                    for d in defs {
                        if d.slot != u32::MAX && builds_value(&d.def) {
                            lets.push(&*d.def as *const Expr as usize);
                        }
                    }
                }
                _ => {}
            });
        };
        visit(next);
        for d in &prog.defs {
            visit(&d.body);
        }
        let mut index = FxHashMap::default();
        let mut is_let = vec![];
        for (addr, l) in found
            .into_iter()
            .map(|a| (a, false))
            .chain(lets.into_iter().map(|a| (a, true)))
        {
            let n = index.len();
            if let std::collections::hash_map::Entry::Vacant(v) = index.entry(addr) {
                v.insert(n);
                is_let.push(l);
            }
        }
        let cells = (0..index.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        ActionCaches {
            index,
            is_let,
            cells,
        }
    }

    /// The cache for `e`, if it is one of the cached expressions and can
    /// be cached.
    pub fn get(&self, prog: &Program, e: &Expr) -> Option<&StepCache> {
        let i = *self.index.get(&(e as *const Expr as usize))?;
        self.cells[i]
            .get_or_init(|| {
                let mut c = StepCache::for_frame_expr(prog, e)?;
                if self.is_let[i] {
                    // Its hits are mostly near in time (the same message
                    // built again from the next state or in the next
                    // action), and its keys may hold whole message sets.
                    c.capacity = LET_CAPACITY;
                }
                Some(c)
            })
            .as_ref()
            .filter(|c| !c.is_off())
    }
}

/// Whether an action part is worth a cache look-up: it does not read the
/// next state, and it binds names over a set or copies a function (EXCEPT).
fn worth_caching(e: &Expr) -> bool {
    e.has_costly_node(&|k| matches!(k, Kind::Except(..))) && !e.mentions_next()
}

/// Whether the condition of an IF in an action is worth a cache look-up:
/// a large one, or one that reads the next state (whose values the
/// evaluator copies rather than borrows), such as TPaxos's test of
/// whether a received message shows an out-of-date view.
fn worth_caching_condition(c: &Expr) -> bool {
    let mut nodes = 0;
    c.walk(&mut |_| nodes += 1);
    nodes >= 32 || (nodes >= 12 && c.mentions_next())
}

/// Whether a LET definition of an action builds a value worth a cache
/// look-up (a record, a set, a changed function: a message to send); such
/// a definition may read the next state (`state'[q]`), which is then one
/// of its inputs.
fn builds_value(e: &Expr) -> bool {
    e.has_costly_node(&|k| {
        matches!(
            k,
            Kind::Except(..)
                | Kind::Record(..)
                | Kind::Cup(..)
                | Kind::Cap(..)
                | Kind::SetMinus(..)
        )
    })
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
        Some(cache_of(&w.out))
    }

    /// A cache for `e` evaluated in a frame (see [`ActionCaches`]): keyed
    /// by the variables and state functions it reads and by the frame
    /// names bound outside it. None if it reads the next state or
    /// something that is not a function of those.
    pub fn for_frame_expr(prog: &Program, e: &Expr) -> Option<StepCache> {
        let mut w = Walk {
            prog,
            defs: false,
            out: vec![],
            seen: FxHashSet::default(),
            ok: true,
        };
        w.go(e, false);
        if !w.ok {
            return None;
        }
        let mut f = FrameWalk::default();
        f.go(e);
        let mut c = cache_of(&w.out);
        c.inputs.extend(f.out);
        c.capacity = ACTION_CAPACITY;
        if c.inputs.is_empty() {
            return None;
        }
        Some(c)
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
        Some(cache_of(&w.out))
    }
}

/// A cache keyed by the values of `inputs`.
fn cache_of(inputs: &[Input]) -> StepCache {
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
    StepCache::with_inputs(inputs)
}
