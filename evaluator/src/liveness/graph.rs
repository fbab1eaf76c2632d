//! The state graph for liveness checking, stored compactly: one id per
//! distinct state (its fingerprint kept for the counterexample), the
//! successor ids in compressed rows with a stuttering self-loop on every
//! state (as TLC's `LiveCheck` adds one), the values of the state atoms per
//! state and of the action atoms per edge as bits. The states themselves
//! are dropped once expanded.
//!
//! It is built breadth-first, a level at a time: the states of a level are
//! expanded by the workers (successors, fingerprints, atoms), and the
//! results are committed in order, so ids and edges do not depend on the
//! number of workers.

use super::formula::{Atom, AtomKind};
use crate::eval::{EResult, EvalError};
use crate::explore::{Explorer, State};
use crate::ir::Kind;
use crate::lower::Program;
use rustc_hash::FxHashMap;

/// The state graph.
#[derive(Debug, Default)]
pub struct StateGraph {
    /// Fingerprint of each state.
    pub fps: Vec<u64>,
    /// Ids of the initial states.
    pub initial: Vec<u32>,
    /// Row starts into `succ` (one more than states).
    pub offsets: Vec<u32>,
    /// Successor ids (distinct, the state itself included).
    pub succ: Vec<u32>,
    /// Words of atom bits per state and per edge.
    pub words: usize,
    /// State and ENABLED atoms, per state.
    pub state_bits: Vec<u64>,
    /// Action atoms, per edge (parallel to `succ`).
    pub edge_bits: Vec<u64>,
}

impl StateGraph {
    /// The edges of state `s`: (edge index, successor).
    pub fn edges(&self, s: u32) -> impl Iterator<Item = (usize, u32)> + '_ {
        let (a, b) = (
            self.offsets[s as usize] as usize,
            self.offsets[s as usize + 1] as usize,
        );
        (a..b).map(move |e| (e, self.succ[e]))
    }

    /// The value of atom `a` in state `s`.
    pub fn state_atom(&self, s: u32, a: u32) -> bool {
        let w = self.state_bits[s as usize * self.words + a as usize / 64];
        w >> (a % 64) & 1 == 1
    }

    /// The value of atom `a` on edge `e`.
    pub fn edge_atom(&self, e: usize, a: u32) -> bool {
        let w = self.edge_bits[e * self.words + a as usize / 64];
        w >> (a % 64) & 1 == 1
    }
}

/// What a worker computes for one state.
struct Expanded {
    bits: Vec<u64>,
    /// Distinct successors in order (the state itself first), with the
    /// state when it may be new, and the action bits of the edge.
    succ: Vec<(u64, Option<State>, Vec<u64>)>,
}

fn set_bit(bits: &mut [u64], a: usize) {
    bits[a / 64] |= 1 << (a % 64);
}

/// What the workers share.
struct Job<'a, 'm> {
    ex: &'a Explorer<'m>,
    prog: &'a Program,
    atoms: &'a [Atom],
    used: &'a [bool],
    twins: &'a [Option<u32>],
    exact: bool,
    words: usize,
}

fn expand(job: &Job<'_, '_>, fp: u64, s: &State) -> EResult<Expanded> {
    let Job {
        ex,
        prog,
        atoms,
        used,
        twins,
        exact,
        words,
    } = *job;
    // <<A>>_v on the steps from s: the successors of s under it, found
    // once by enumeration, instead of evaluating it on every step (when
    // fingerprints identify states: no VIEW, no SYMMETRY).
    let mut targets: Vec<Option<Vec<u64>>> = vec![None; atoms.len()];
    if exact {
        let fpf = |t: &[crate::value::Value]| ex.fingerprint(t);
        for (i, a) in atoms.iter().enumerate() {
            let wanted = used[i] || twins.contains(&Some(i as u32));
            if wanted && a.kind == AtomKind::Action && matches!(a.expr.kind, Kind::AngleAction(..))
            {
                // (An action the enumerator cannot run on its own is
                // evaluated on each step instead.)
                targets[i] = a.step_targets(prog, s, &fpf).ok();
            }
        }
    }
    let mut list: Vec<(u64, State)> = vec![(fp, s.clone())];
    for (f, t) in ex.graph_successors(s)? {
        if !list.iter().any(|(g, _)| *g == f) {
            list.push((f, t));
        }
    }
    let mut bits = vec![0u64; words];
    for (i, a) in atoms.iter().enumerate() {
        if !used[i] || a.kind == AtomKind::Action {
            continue;
        }
        let value = match twins[i].and_then(|j| targets[j as usize].as_ref()) {
            Some(ts) => !ts.is_empty(),
            None => match a.eval_state(prog, s) {
                Ok(v) => v,
                // ENABLED of an action the enumerator cannot run on its own
                // (it leaves a variable without a value, or primes an
                // expression substituted by INSTANCE): whether one of the
                // steps of the state graph from s is a step of it.
                Err(e) if a.kind == AtomKind::Enabled => {
                    let mut any = false;
                    for (_, t) in &list {
                        if a.eval_step(prog, s, t).map_err(|_| e.clone())? {
                            any = true;
                            break;
                        }
                    }
                    any
                }
                Err(e) => return Err(e),
            },
        };
        if value {
            set_bit(&mut bits, i);
        }
    }
    let mut succ = Vec::with_capacity(list.len());
    for (k, (f, t)) in list.into_iter().enumerate() {
        let mut eb = vec![0u64; words];
        for (i, a) in atoms.iter().enumerate() {
            if !used[i] || a.kind != AtomKind::Action {
                continue;
            }
            // On the stuttering step, <<A>>_v is false and [A]_v true.
            let value = match (&a.expr.kind, k) {
                (Kind::AngleAction(..), 0) => false,
                (Kind::BoxAction(..), 0) => true,
                _ => match &targets[i] {
                    Some(ts) => ts.binary_search(&f).is_ok(),
                    None => a.eval_step(prog, s, &t)?,
                },
            };
            if value {
                set_bit(&mut eb, i);
            }
        }
        succ.push((f, Some(t), eb));
    }
    Ok(Expanded { bits, succ })
}

/// Builds the state graph of the explorer's model with `workers` threads
/// (`exact`: fingerprints identify states, no VIEW nor SYMMETRY).
pub fn build(
    ex: &Explorer<'_>,
    prog: &Program,
    atoms: &[Atom],
    used: &[bool],
    twins: Vec<Option<u32>>,
    exact: bool,
    workers: usize,
) -> Result<StateGraph, Box<EvalError>> {
    let words = atoms.len().div_ceil(64).max(1);
    let twins: &[Option<u32>] = &twins;
    let mut g = StateGraph {
        words,
        offsets: vec![0],
        ..StateGraph::default()
    };
    let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut level: Vec<(u64, State)> = vec![];
    for s in ex.initial_states()? {
        let fp = ex.fingerprint(&s)?;
        if ids.contains_key(&fp) || !ex.in_model(&s)? {
            continue;
        }
        let id = g.fps.len() as u32;
        ids.insert(fp, id);
        g.fps.push(fp);
        g.initial.push(id);
        level.push((fp, s));
    }
    let workers = workers.max(1);
    let job = &Job {
        ex,
        prog,
        atoms,
        used,
        twins,
        exact,
        words,
    };
    while !level.is_empty() {
        let chunk = level.len().div_ceil(workers).max(1);
        let results: Vec<EResult<Vec<Expanded>>> = std::thread::scope(|sc| {
            let handles: Vec<_> = level
                .chunks(chunk)
                .map(|part| {
                    sc.spawn(move || {
                        part.iter()
                            .map(|(fp, s)| expand(job, *fp, s))
                            .collect::<EResult<Vec<_>>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut next = vec![];
        for r in results {
            for x in r? {
                g.state_bits.extend_from_slice(&x.bits);
                for (f, t, eb) in x.succ {
                    let id = match ids.get(&f) {
                        Some(i) => *i,
                        None => {
                            let i = g.fps.len() as u32;
                            ids.insert(f, i);
                            g.fps.push(f);
                            if let Some(t) = t {
                                next.push((f, t));
                            }
                            i
                        }
                    };
                    g.succ.push(id);
                    g.edge_bits.extend_from_slice(&eb);
                }
                g.offsets.push(g.succ.len() as u32);
            }
        }
        level = next;
    }
    Ok(g)
}
