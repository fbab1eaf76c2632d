//! Explicit-state model checking: breadth-first search from the initial
//! states with a set of canonical fingerprints.
//!
//! The search goes level by level. Within a level the states are expanded
//! in parallel, and the new states are then committed in the order a
//! single-threaded search would have found them (by parent index, then by
//! successor number), so the figures, the states kept under SYMMETRY and
//! the counterexamples are the same for every number of workers.

use crate::eval::{Ctx, EResult, EvalError};
use crate::inputs::StepCache;
use crate::ir::{Expr, Kind};
use crate::machine::state::fingerprint as state_fp;
use crate::machine::walk::{self, Emit, Successor, Walk};
use crate::machine::Spec;
use crate::model::{holds, Model};
use crate::value::Value;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use crate::machine::State;
pub use limits::{resident_memory, Limits, Stop};

mod limits;

/// Options of a run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Worker threads.
    pub workers: usize,
    /// Check for deadlock (overrides the config when set).
    pub check_deadlock: Option<bool>,
    /// Report progress on stderr every this often (None: never).
    pub progress: Option<Duration>,
    /// When to stop a search that has not ended by itself.
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            workers: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            check_deadlock: None,
            progress: None,
            limits: Limits::default(),
        }
    }
}

/// The figures TLC prints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// States generated (every successor computed, and the initial states).
    pub generated: u64,
    /// Distinct states found.
    pub distinct: u64,
    /// States left on the queue when the search stopped.
    pub left_on_queue: u64,
    /// Depth of the search (number of BFS levels).
    pub depth: u32,
}

/// One step of a counterexample.
#[derive(Clone, Debug)]
pub struct Step {
    /// The state.
    pub state: State,
    /// The action that led to it (None for the initial state), with the
    /// values of its parameters.
    pub action: Option<crate::machine::ActionLabel>,
}

/// Why the search stopped.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// Every reachable state was explored and nothing was violated.
    Ok,
    /// An invariant is false in the last state of the trace.
    Invariant {
        /// Its index in [`Model::invariants`].
        index: usize,
        /// A shortest behaviour reaching the violation.
        trace: Vec<Step>,
    },
    /// A property's safety part is violated.
    Property {
        /// Its index in [`Model::properties`].
        index: usize,
        /// Which part: "initial", "action", "always".
        part: &'static str,
        /// The behaviour up to the violating state or step.
        trace: Vec<Step>,
    },
    /// A state without successors.
    Deadlock {
        /// A shortest behaviour reaching it.
        trace: Vec<Step>,
    },
    /// Evaluation failed.
    Error {
        /// The error.
        error: EvalError,
        /// The behaviour up to the state where it happened (may be empty).
        trace: Vec<Step>,
    },
}

/// Result of a run.
#[derive(Clone, Debug)]
pub struct Report {
    /// Figures.
    pub stats: Stats,
    /// Verdict.
    pub outcome: Outcome,
    /// Wall time.
    pub elapsed: Duration,
    /// Set when a limit stopped the search before it ended (the outcome is
    /// then `Ok`: nothing was violated in the states explored).
    pub stopped: Option<Stop>,
}

/// The explorer.
pub struct Explorer<'m> {
    model: &'m Model,
    opts: Options,
    /// The model's state machine.
    spec: Spec<'m>,
    /// For each property, a cache of each of its actions' values by the
    /// values of their inputs (None: not cacheable).
    step_caches: Vec<Vec<Option<StepCache>>>,
    /// Each invariant as a list of conjuncts, each with a cache of its
    /// values by the values of the variables it reads, and the frame size
    /// they need.
    invariant_parts: Vec<(Vec<CachedPart>, u32)>,
    /// Caches of the expensive parts of `Next` by their inputs.
    action_caches: crate::inputs::ActionCaches,
}

/// A conjunct of an invariant and its cache (None: not cacheable).
type CachedPart = (Expr, Option<StepCache>);

/// The fingerprints met, each with its parent's (`u64::MAX` for an
/// initial state), in shards by fingerprint: the new states of a level are
/// added to the shards in parallel.
pub struct Seen {
    shards: Vec<FxHashMap<u64, u64>>,
}

const SEEN_SHARDS: usize = 64;

impl Seen {
    fn new() -> Seen {
        Seen {
            shards: (0..SEEN_SHARDS).map(|_| FxHashMap::default()).collect(),
        }
    }

    fn shard(fp: u64) -> usize {
        (fp >> 58) as usize % SEEN_SHARDS
    }

    /// Whether `fp` was met.
    pub fn contains(&self, fp: u64) -> bool {
        self.shards[Seen::shard(fp)].contains_key(&fp)
    }

    /// The parent of `fp`.
    pub fn parent(&self, fp: u64) -> Option<u64> {
        self.shards[Seen::shard(fp)].get(&fp).copied()
    }

    fn insert(&mut self, fp: u64, parent: u64) {
        self.shards[Seen::shard(fp)].insert(fp, parent);
    }
}

struct Candidate {
    fp: u64,
    key: (u32, u32),
    state: State,
}

enum Found {
    Deadlock,
    Error(EvalError),
    /// A step property violated by the step to this state (and whether
    /// that state is new).
    Property(usize, State, bool),
    /// An invariant violated by a new successor (checked before the step's
    /// properties, as TLC does).
    Invariant(Outcome, u64),
}

/// What expanding a chunk of the frontier found.
struct Expansion {
    out: FxHashMap<u64, Candidate>,
    /// The candidates of `out` by shard of fingerprint (filled at the end).
    buckets: Vec<Vec<Candidate>>,
    /// Successors generated by each state of the chunk (in order).
    generated: Vec<u32>,
    /// The first problem, at (parent index, successor number).
    problem: Option<((u32, u32), Found)>,
}

impl<'m> Explorer<'m> {
    /// An explorer for `model`.
    pub fn new(model: &'m Model, opts: Options) -> Explorer<'m> {
        let spec = Spec::new(model);
        let step_caches = model
            .properties
            .iter()
            .map(|p| {
                p.actions
                    .iter()
                    .map(|a| StepCache::new(&model.program, a, true))
                    .collect()
            })
            .collect();
        let invariant_parts = model
            .invariants
            .iter()
            .map(|c| {
                let mut parts = vec![];
                let mut nslots = c.nslots;
                conjuncts(&model.program, &c.expr, &mut parts, &mut nslots);
                let parts = parts
                    .into_iter()
                    .map(|e| {
                        let cache = StepCache::new(&model.program, &e, false);
                        (e, cache)
                    })
                    .collect();
                (parts, nslots)
            })
            .collect();
        Explorer {
            model,
            opts,
            spec,
            step_caches,
            invariant_parts,
            action_caches: crate::inputs::ActionCaches::new(&model.program, &model.next),
        }
    }

    /// The model's state machine.
    pub fn spec(&self) -> &Spec<'m> {
        &self.spec
    }

    /// The canonical fingerprint of a state (see [`Spec::fingerprint`]).
    pub fn fingerprint(&self, s: &[Value]) -> EResult<u64> {
        self.spec.fingerprint(s)
    }

    /// The initial states, in enumeration order (with repetitions).
    pub fn initial_states(&self) -> EResult<Vec<State>> {
        self.spec.initial_states()
    }

    /// The successors of `s`, in enumeration order, with the outermost
    /// action that produced each.
    pub fn successors_of(&self, s: &[Value]) -> EResult<Vec<Step>> {
        let mut out = vec![];
        self.spec.successors(s, None, &mut |t: Successor<'_>| {
            out.push(Step {
                state: State::from(t.state),
                action: t.action(),
            });
            Ok(true)
        })?;
        Ok(out)
    }

    /// The successors of `s` that the search keeps (action constraints and
    /// CONSTRAINTs applied), each with its canonical fingerprint, in
    /// enumeration order: the edges of the state graph, for the liveness
    /// checker (`crate::liveness::graph`).
    pub fn graph_successors(&self, s: &[Value]) -> EResult<Vec<(u64, State)>> {
        let _run = self.spec.session().enter();
        let m = self.model;
        let mut ctx = Ctx::for_successors(&m.program, s, m.next_slots);
        ctx.set_state_key(state_fp(s));
        ctx.set_action_caches(&self.action_caches);
        let mut out = vec![];
        let how = Walk {
            caches: Some(&self.action_caches),
            ..Walk::default()
        };
        walk::walk(
            &mut ctx,
            &m.next,
            &how,
            &mut Emit(|t: Successor<'_>| {
                if self.action_ok(s, t.state)? && self.in_model(t.state)? {
                    out.push((self.fingerprint(t.state)?, State::from(t.state)));
                }
                Ok(true)
            }),
        )?;
        Ok(out)
    }

    /// Whether `s` satisfies the CONSTRAINTs.
    pub fn in_model(&self, s: &[Value]) -> EResult<bool> {
        for c in &self.model.constraints {
            if !holds(&self.model.program, c, s)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn action_ok(&self, s: &[Value], t: &[Value]) -> EResult<bool> {
        for c in &self.model.action_constraints {
            let mut ctx = Ctx::with_next(&self.model.program, s, t, c.nslots);
            if !ctx.eval_bool(&c.expr)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Checks the properties' step parts on (s, t); returns the index of a
    /// violated property. `ctx` is reused for every step from `s`.
    fn step_properties<'c>(
        &'c self,
        ctx: &mut Option<Ctx<'c>>,
        s: &'c [Value],
        t: &[Value],
    ) -> EResult<Option<usize>> {
        if self.model.properties.iter().all(|p| p.actions.is_empty()) {
            return Ok(None);
        }
        let nslots = self
            .model
            .properties
            .iter()
            .map(|p| p.nslots)
            .max()
            .unwrap_or(0);
        let c = ctx.get_or_insert_with(|| {
            let mut c = Ctx::with_next(&self.model.program, s, t, nslots);
            c.set_state_key(state_fp(s));
            c
        });
        c.reset_next(t);
        c.set_next_key(state_fp(t));
        for (i, p) in self.model.properties.iter().enumerate() {
            for (a, cache) in p.actions.iter().zip(&self.step_caches[i]) {
                let ok = match cache {
                    Some(cache) => cache.eval_bool(c, a)?,
                    None => c.eval_bool(a)?,
                };
                if !ok {
                    return Ok(Some(i));
                }
            }
        }
        Ok(None)
    }

    /// Checks invariants and `[]P` properties in a new state.
    fn state_checks(&self, s: &[Value]) -> EResult<Option<Outcome>> {
        let prog = &self.model.program;
        for (i, (parts, nslots)) in self.invariant_parts.iter().enumerate() {
            let mut ctx = Ctx::new(prog, s, *nslots);
            ctx.set_state_key(state_fp(s));
            for (e, cache) in parts {
                let ok = match cache {
                    Some(cache) => cache.eval_bool(&mut ctx, e)?,
                    None => ctx.eval_bool(e)?,
                };
                if !ok {
                    return Ok(Some(Outcome::Invariant {
                        index: i,
                        trace: vec![],
                    }));
                }
            }
        }
        for (i, p) in self.model.properties.iter().enumerate() {
            for a in &p.always {
                let mut ctx = Ctx::new(&self.model.program, s, p.nslots);
                if !ctx.eval_bool(a)? {
                    return Ok(Some(Outcome::Property {
                        index: i,
                        part: "always",
                        trace: vec![],
                    }));
                }
            }
        }
        Ok(None)
    }

    fn init_properties(&self, s: &[Value]) -> EResult<Option<usize>> {
        for (i, p) in self.model.properties.iter().enumerate() {
            for a in &p.init {
                let mut ctx = Ctx::new(&self.model.program, s, p.nslots);
                if !ctx.eval_bool(a)? {
                    return Ok(Some(i));
                }
            }
        }
        Ok(None)
    }

    /// Expands the states of a chunk of the frontier (the first at index
    /// `offset`): the new candidates (deduplicated by fingerprint, smallest
    /// key kept), the successors generated per state, and the first problem.
    /// States after the first problem found anywhere (`stop`, a frontier
    /// index) are not expanded; states before it always are, so the result
    /// does not depend on the number of workers.
    fn expand(
        &self,
        frontier: &[State],
        offset: usize,
        seen: &Seen,
        stop: &AtomicUsize,
    ) -> Expansion {
        let _run = self.spec.session().enter();
        let mut x = Expansion {
            out: FxHashMap::default(),
            buckets: vec![],
            generated: Vec::with_capacity(frontier.len()),
            problem: None,
        };
        let deadlock = self
            .opts
            .check_deadlock
            .unwrap_or(self.model.check_deadlock);
        for (k, s) in frontier.iter().enumerate() {
            let idx = offset + k;
            if idx > stop.load(Ordering::Relaxed) {
                break;
            }
            let mut n = 0u32;
            let mut problem = None;
            let m = self.model;
            let mut prop_ctx: Option<Ctx<'_>> = None;
            let mut ctx = Ctx::for_successors(&m.program, s, m.next_slots);
            ctx.set_state_key(state_fp(s));
            ctx.set_action_caches(&self.action_caches);
            let out = &mut x.out;
            let how = Walk {
                caches: Some(&self.action_caches),
                ..Walk::default()
            };
            let r = walk::walk(
                &mut ctx,
                &m.next,
                &how,
                &mut Emit(|t: Successor<'_>| {
                    n += 1;
                    if !self.action_ok(s, t.state)? {
                        return Ok(true);
                    }
                    let fp = self.fingerprint(t.state)?;
                    let new = !seen.contains(fp);
                    if let Some(p) = self.step_properties(&mut prop_ctx, s, t.state)? {
                        // TLC checks a new state's invariants before the step.
                        if new {
                            if let Some(o) = self.state_checks(t.state)? {
                                problem = Some(Found::Invariant(o, fp));
                                return Ok(false);
                            }
                        }
                        problem = Some(Found::Property(p, State::from(t.state), new));
                        return Ok(false);
                    }
                    if !new {
                        return Ok(true);
                    }
                    let key = (idx as u32, n);
                    match out.get(&fp) {
                        Some(c) if c.key <= key => {}
                        _ => {
                            if !self.in_model(t.state)? {
                                return Ok(true);
                            }
                            out.insert(
                                fp,
                                Candidate {
                                    fp,
                                    key,
                                    state: crate::intern::share_state(t.state),
                                },
                            );
                        }
                    }
                    Ok(true)
                }),
            );
            x.generated.push(n);
            let found = match r {
                Err(e) => Some(Found::Error(*e)),
                Ok(()) => match problem {
                    Some(p) => Some(p),
                    None if n == 0 && deadlock => Some(Found::Deadlock),
                    None => None,
                },
            };
            if let Some(f) = found {
                stop.fetch_min(idx, Ordering::Relaxed);
                x.problem = Some(((idx as u32, n), f));
                break;
            }
        }
        // Sorted out here, in parallel, so that merging the expansions of
        // a level only appends vectors.
        x.buckets = (0..SEEN_SHARDS).map(|_| vec![]).collect();
        for (fp, c) in std::mem::take(&mut x.out) {
            x.buckets[Seen::shard(fp)].push(c);
        }
        x
    }

    /// Runs the search.
    pub fn run(&self) -> Report {
        let _run = self.spec.session().enter();
        let start = Instant::now();
        let mut stats = Stats::default();
        // fingerprint -> parent fingerprint (u64::MAX for initial states)
        let mut seen = Seen::new();
        let done = |stats: Stats, outcome: Outcome| Report {
            stats,
            outcome,
            elapsed: start.elapsed(),
            stopped: None,
        };
        let inits = match self.initial_states() {
            Ok(i) => i,
            Err(e) => {
                return done(
                    stats,
                    Outcome::Error {
                        error: *e,
                        trace: vec![],
                    },
                )
            }
        };
        let mut frontier: Vec<State> = vec![];
        let mut fps: Vec<u64> = vec![];
        for s in inits {
            stats.generated += 1;
            let fp = match self.fingerprint(&s) {
                Ok(f) => f,
                Err(e) => {
                    return done(
                        stats,
                        Outcome::Error {
                            error: *e,
                            trace: vec![step0(&s)],
                        },
                    )
                }
            };
            if seen.contains(fp) {
                continue;
            }
            match self.in_model(&s) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    return done(
                        stats,
                        Outcome::Error {
                            error: *e,
                            trace: vec![step0(&s)],
                        },
                    )
                }
            }
            seen.insert(fp, u64::MAX);
            stats.distinct += 1;
            let trace = || vec![step0(&s)];
            match self.state_checks(&s) {
                Ok(None) => {}
                Ok(Some(o)) => return done(stats, with_trace(o, trace())),
                Err(e) => {
                    return done(
                        stats,
                        Outcome::Error {
                            error: *e,
                            trace: trace(),
                        },
                    )
                }
            }
            match self.init_properties(&s) {
                Ok(None) => {}
                Ok(Some(i)) => {
                    return done(
                        stats,
                        Outcome::Property {
                            index: i,
                            part: "initial",
                            trace: trace(),
                        },
                    )
                }
                Err(e) => {
                    return done(
                        stats,
                        Outcome::Error {
                            error: *e,
                            trace: trace(),
                        },
                    )
                }
            }
            fps.push(fp);
            frontier.push(s);
        }
        if !frontier.is_empty() {
            stats.depth = 1;
        }
        let workers = self.opts.workers.max(1);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(workers).build();
        let mut last_progress = Instant::now();
        let mut last_memory = Instant::now();
        while !frontier.is_empty() {
            let stop = AtomicUsize::new(usize::MAX);
            let chunk = (frontier.len() / (workers * 32)).clamp(1, 4096);
            let chunks: Vec<(usize, &[State])> = frontier
                .chunks(chunk)
                .enumerate()
                .map(|(i, c)| (i * chunk, c))
                .collect();
            let results: Vec<Expansion> = match &pool {
                Ok(p) if workers > 1 => p.install(|| {
                    use rayon::prelude::*;
                    chunks
                        .par_iter()
                        .map(|(off, c)| self.expand(c, *off, &seen, &stop))
                        .collect()
                }),
                _ => chunks
                    .iter()
                    .map(|(off, c)| self.expand(c, *off, &seen, &stop))
                    .collect(),
            };
            // The expanded states are no longer needed: they are freed on
            // an idle worker while this thread merges the successors.
            drop(chunks);
            let level_len = frontier.len();
            let expanded = std::mem::take(&mut frontier);
            match &pool {
                Ok(p) if workers > 1 => p.spawn(move || drop(expanded)),
                _ => drop(expanded),
            }
            // The first problem in search order (parent, successor number).
            let mut problem: Option<((u32, u32), Found)> = None;
            let mut per_state: Vec<u32> = Vec::with_capacity(frontier.len());
            // The successors new to the level, by shard of fingerprint.
            let mut buckets: Vec<Vec<Candidate>> = (0..SEEN_SHARDS).map(|_| vec![]).collect();
            for x in results {
                per_state.extend(&x.generated);
                if let Some((key, f)) = x.problem {
                    if problem.as_ref().is_none_or(|(k, _)| key < *k) {
                        problem = Some((key, f));
                    }
                }
                for (b, mut add) in buckets.iter_mut().zip(x.buckets) {
                    if b.is_empty() {
                        *b = add;
                    } else {
                        b.append(&mut add);
                    }
                }
            }
            let limit = problem
                .as_ref()
                .map(|(k, _)| *k)
                .unwrap_or((u32::MAX, u32::MAX));
            // Each new state once, reached first in search order (before
            // the problem, if any).
            let first_reached = |b: &mut Vec<Candidate>| {
                b.retain(|c| c.key < limit);
                b.sort_unstable_by_key(|c| (c.fp, c.key));
                b.dedup_by_key(|c| c.fp);
            };
            match &pool {
                Ok(p) if workers > 1 => p.install(|| {
                    use rayon::prelude::*;
                    buckets.par_iter_mut().for_each(first_reached)
                }),
                _ => buckets.iter_mut().for_each(first_reached),
            }
            // States generated up to the problem (all of them if none).
            let gen_before = |key: (u32, u32)| -> u64 {
                let full: u64 = per_state
                    .iter()
                    .take(key.0 as usize)
                    .map(|&g| g as u64)
                    .sum();
                if (key.0 as usize) < per_state.len() {
                    full + key.1 as u64
                } else {
                    full
                }
            };
            let mut new: Vec<Candidate> = buckets.into_iter().flatten().collect();
            match &pool {
                Ok(p) if workers > 1 => p.install(|| {
                    use rayon::prelude::*;
                    new.par_sort_unstable_by_key(|c| c.key)
                }),
                _ => new.sort_unstable_by_key(|c| c.key),
            }
            // Invariants of the new states, checked in parallel; the first
            // violation in search order is reported.
            let check = |c: &Candidate| {
                let _run = self.spec.session().enter();
                self.state_checks(&c.state)
            };
            let verdicts: Vec<EResult<Option<Outcome>>> = match &pool {
                Ok(p) if workers > 1 && new.len() > 64 => p.install(|| {
                    use rayon::prelude::*;
                    new.par_iter().map(check).collect()
                }),
                _ => new.iter().map(check).collect(),
            };
            let mut next_frontier = Vec::with_capacity(new.len());
            let mut next_fps = Vec::with_capacity(new.len());
            if verdicts.iter().all(|v| matches!(v, Ok(None))) {
                // No violation: the new states are added to the shards of
                // `seen` in parallel.
                let mut adds: Vec<Vec<(u64, u64)>> = (0..SEEN_SHARDS).map(|_| vec![]).collect();
                for c in &new {
                    adds[Seen::shard(c.fp)].push((c.fp, fps[c.key.0 as usize]));
                }
                let add = |(m, a): (&mut FxHashMap<u64, u64>, Vec<(u64, u64)>)| {
                    m.reserve(a.len());
                    m.extend(a);
                };
                match &pool {
                    Ok(p) if workers > 1 => p.install(|| {
                        use rayon::prelude::*;
                        seen.shards.par_iter_mut().zip(adds).for_each(add)
                    }),
                    _ => seen.shards.iter_mut().zip(adds).for_each(add),
                }
                stats.distinct += new.len() as u64;
                for c in new.drain(..) {
                    next_fps.push(c.fp);
                    next_frontier.push(c.state);
                }
            }
            // Else in search order, up to the first violation.
            for (c, verdict) in new.into_iter().zip(verdicts) {
                let parent = fps[c.key.0 as usize];
                seen.insert(c.fp, parent);
                stats.distinct += 1;
                let bad = match verdict {
                    Ok(None) => None,
                    Ok(Some(o)) => Some(o),
                    Err(e) => Some(Outcome::Error {
                        error: *e,
                        trace: vec![],
                    }),
                };
                if let Some(o) = bad {
                    stats.generated += gen_before(c.key);
                    stats.left_on_queue =
                        (level_len - c.key.0 as usize - 1 + next_frontier.len()) as u64;
                    stats.depth += 1;
                    let trace = self.trace_to(&seen, c.fp);
                    return done(stats, with_trace(o, trace));
                }
                next_fps.push(c.fp);
                next_frontier.push(c.state);
            }
            if let Some((key, f)) = problem {
                stats.generated += gen_before(key);
                let at = key.0 as usize;
                stats.left_on_queue = (level_len - at - 1 + next_frontier.len()) as u64;
                let trace = self.trace_to(&seen, fps[at]);
                let outcome = match f {
                    Found::Deadlock => Outcome::Deadlock { trace },
                    Found::Error(e) => Outcome::Error { error: e, trace },
                    Found::Invariant(o, fp) => {
                        let parent = fps[at];
                        seen.insert(fp, parent);
                        stats.distinct += 1;
                        stats.depth += 1;
                        with_trace(o, self.trace_to(&seen, fp))
                    }
                    Found::Property(i, t, new) => {
                        // TLC stores a new target state before checking the
                        // step's properties.
                        if new {
                            stats.distinct += 1;
                            stats.depth += 1;
                        }
                        let mut trace = trace;
                        trace.push(self.step_between(trace.last().map(|s| &*s.state), t));
                        Outcome::Property {
                            index: i,
                            part: "action",
                            trace,
                        }
                    }
                };
                return done(stats, outcome);
            }
            stats.generated += per_state.iter().map(|&g| g as u64).sum::<u64>();
            frontier = next_frontier;
            fps = next_fps;
            if !frontier.is_empty() {
                stats.depth += 1;
            }
            if !frontier.is_empty() {
                let memory = last_memory.elapsed() >= Duration::from_millis(200);
                if memory {
                    last_memory = Instant::now();
                }
                if let Some(stop) = self.opts.limits.reached(&stats, memory) {
                    stats.left_on_queue = frontier.len() as u64;
                    let mut r = done(stats, Outcome::Ok);
                    r.stopped = Some(stop);
                    return r;
                }
            }
            if let Some(every) = self.opts.progress {
                if last_progress.elapsed() >= every {
                    last_progress = Instant::now();
                    let secs = start.elapsed().as_secs_f64().max(1e-9);
                    eprintln!(
                        "progress: depth {}, {} states generated ({:.0}/s), {} distinct, {} on queue",
                        stats.depth,
                        stats.generated,
                        stats.generated as f64 / secs,
                        stats.distinct,
                        frontier.len()
                    );
                }
            }
        }
        done(stats, Outcome::Ok)
    }

    /// A step from `from` (None: initial) to `to`, with the action name
    /// found by re-running the successor function.
    fn step_between(&self, from: Option<&[Value]>, to: State) -> Step {
        if let Some(s) = from {
            if let Ok(succ) = self.successors_of(s) {
                if let Some(st) = succ.into_iter().find(|x| x.state == to) {
                    return st;
                }
            }
        }
        Step {
            state: to,
            action: None,
        }
    }

    /// A shortest behaviour to the state with fingerprint `fp`, rebuilt by
    /// following parent fingerprints and re-running the successor function.
    pub fn trace_to(&self, seen: &Seen, fp: u64) -> Vec<Step> {
        let mut chain = vec![fp];
        let mut cur = fp;
        while let Some(p) = seen.parent(cur) {
            if p == u64::MAX {
                break;
            }
            chain.push(p);
            cur = p;
            if chain.len() > 1_000_000 {
                break;
            }
        }
        chain.reverse();
        let mut out: Vec<Step> = vec![];
        let Ok(inits) = self.initial_states() else {
            return out;
        };
        let Some(first) = inits
            .into_iter()
            .find(|s| self.fingerprint(s).ok() == Some(chain[0]))
        else {
            return out;
        };
        out.push(step0(&first));
        for want in &chain[1..] {
            let Some(prev) = out.last() else { break };
            let Ok(succ) = self.successors_of(&prev.state) else {
                break;
            };
            let Some(st) = succ
                .into_iter()
                .find(|t| self.fingerprint(&t.state).ok() == Some(*want))
            else {
                break;
            };
            out.push(st);
        }
        out
    }
}

/// The conjuncts of a state predicate, in evaluation order: `A /\ B` and
/// the bodies of zero-argument definitions are split (TLC evaluates them
/// left to right and stops at the first false one, as the caller does).
/// `nslots` grows to the frame size every conjunct needs.
fn conjuncts(prog: &crate::lower::Program, e: &Expr, out: &mut Vec<Expr>, nslots: &mut u32) {
    match &e.kind {
        Kind::And(items) => {
            for x in items {
                conjuncts(prog, x, out, nslots);
            }
        }
        Kind::Call(id, args) if args.is_empty() => {
            let d = &prog.defs[*id as usize];
            if d.nparams == 0 && d.fun_bounds.is_none() && !d.pure {
                *nslots = (*nslots).max(d.nslots);
                conjuncts(prog, &d.body, out, nslots);
            } else {
                out.push(e.clone());
            }
        }
        _ => out.push(e.clone()),
    }
}

fn step0(s: &State) -> Step {
    Step {
        state: s.clone(),
        action: None,
    }
}

fn with_trace(o: Outcome, trace: Vec<Step>) -> Outcome {
    match o {
        Outcome::Invariant { index, .. } => Outcome::Invariant { index, trace },
        Outcome::Property { index, part, .. } => Outcome::Property { index, part, trace },
        Outcome::Deadlock { .. } => Outcome::Deadlock { trace },
        Outcome::Error { error, .. } => Outcome::Error { error, trace },
        Outcome::Ok => Outcome::Ok,
    }
}
