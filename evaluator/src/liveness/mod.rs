//! Liveness checking as TLC does it (`tlc2.tool.liveness`): the fairness
//! conjuncts of the SPECIFICATION and the negation of the temporal parts of
//! the PROPERTYs, `F /\ (~P1 \/ ~P2 \/ ...)`, in disjunctive normal form;
//! each disjunct split into a tableau formula and `<>[]`/`[]<>` conditions;
//! disjuncts with the same tableau formula checked on one behaviour graph
//! (state graph x tableau) by its strongly connected components.
//!
//! The state graph is built by a second breadth-first pass after the
//! safety search, with the same workers ([`graph`]); the verdict and the
//! counterexample do not depend on their number.

pub mod check;
pub mod formula;
pub mod graph;
pub mod lasso;
pub mod scc;
pub mod tableau;

use crate::eval::{err, EResult, EvalError};
use crate::explore::{Explorer, Step};
use crate::model::Model;
use formula::{classify, dnf, negate, nnf, Converter, Disjunct, Live};
use std::time::{Duration, Instant};

/// Disjuncts beyond which the normal form is refused.
const MAX_DISJUNCTS: usize = 1 << 16;

/// What a model asks of the liveness checker, normalised.
pub struct Plan {
    /// Atoms.
    pub atoms: formula::Atoms,
    /// Groups of disjuncts with the same tableau formula.
    pub groups: Vec<(Vec<Live>, Vec<Disjunct>)>,
    /// Which atoms the groups read (the others were simplified away).
    pub used: Vec<bool>,
}

/// Whether the model has anything for the liveness checker: temporal parts
/// in its properties (fairness alone checks nothing).
pub fn has_liveness(model: &Model) -> bool {
    model.properties.iter().any(|p| !p.temporal.is_empty())
}

/// Normalises the model's fairness and temporal properties.
pub fn plan(model: &Model) -> EResult<Plan> {
    let mut cv = Converter::new(&model.program);
    let mut conj = vec![];
    for (e, nslots) in &model.fairness {
        conj.push(cv.convert(e, &[], *nslots)?);
    }
    let mut negs = vec![];
    for p in &model.properties {
        for e in &p.temporal {
            negs.push(negate(cv.convert(e, &[], p.nslots)?));
        }
    }
    let span = model
        .properties
        .iter()
        .find(|p| !p.temporal.is_empty())
        .map(|p| p.span)
        .unwrap_or_default();
    conj.push(Live::Or(negs));
    let f = nnf(Live::And(conj));
    let disjuncts = match dnf(&f, MAX_DISJUNCTS) {
        Ok(d) => d,
        Err(m) => return err(span, format!("the liveness formula is too large: {m}")),
    };
    let mut groups: Vec<(Vec<Live>, Vec<Disjunct>)> = vec![];
    for c in disjuncts {
        let d = match classify(&cv.atoms, c) {
            Ok(d) => d,
            Err(m) => return err(span, m),
        };
        match groups.iter_mut().find(|(tf, _)| *tf == d.tableau) {
            Some((_, ds)) => ds.push(d),
            None => groups.push((d.tableau.clone(), vec![d])),
        }
    }
    let mut ids = vec![];
    for (tf, ds) in &groups {
        tf.iter().for_each(|f| formula::atoms_of(f, &mut ids));
        for d in ds {
            for f in d.ea.iter().chain(&d.ae_state).chain(&d.ae_action) {
                formula::atoms_of(f, &mut ids);
            }
        }
    }
    let mut used = vec![false; cv.atoms.list.len()];
    for i in ids {
        used[i as usize] = true;
    }
    Ok(Plan {
        atoms: cv.atoms,
        groups,
        used,
    })
}

/// A behaviour violating a property.
#[derive(Clone, Debug)]
pub struct Counterexample {
    /// The states, each with the action that led to it.
    pub steps: Vec<Step>,
    /// The index of the state the cycle goes back to; None: the last
    /// state stutters forever.
    pub back_to: Option<usize>,
    /// The action of the step back to that state.
    pub back_action: Option<crate::machine::label::ActionLabel>,
}

/// The result of the liveness check.
#[derive(Debug)]
pub struct LiveReport {
    /// None: every property holds.
    pub violation: Option<Counterexample>,
    /// Distinct states of the state graph.
    pub states: usize,
    /// Nodes of the largest behaviour graph.
    pub nodes: usize,
    /// Time taken.
    pub elapsed: Duration,
}

/// Checks the liveness of `model` as planned by [`plan`] (after a
/// successful safety search by `ex`) with `workers` threads.
pub fn check(
    model: &Model,
    plan: &Plan,
    ex: &Explorer<'_>,
    workers: usize,
) -> Result<LiveReport, Box<EvalError>> {
    let start = Instant::now();
    let g = graph::build(
        ex,
        &model.program,
        &plan.atoms.list,
        &plan.used,
        plan.atoms.step_twins(),
        model.view.is_none() && model.symmetry.is_empty(),
        workers,
    )?;
    let ev = check::Eval {
        g: &g,
        atoms: &plan.atoms,
    };
    let mut nodes = 0;
    for (tf, ds) in &plan.groups {
        let tab = if tf.is_empty() {
            None
        } else {
            match tableau::Tableau::build(tf) {
                Ok(t) => Some(t),
                Err(m) => {
                    let span = model.properties.first().map(|p| p.span).unwrap_or_default();
                    return err(span, m);
                }
            }
        };
        let p = check::product(&g, tab.as_ref());
        nodes = nodes.max(p.nodes.len());
        for d in ds {
            if let Some(found) = check::search(&ev, &p, tab.as_ref(), d) {
                let l = lasso::lasso(&ev, &p, tab.as_ref(), d, &found);
                let mut ids = l.states.clone();
                ids.extend(l.back.map(|b| l.states[b]));
                let mut steps = replay(ex, &g, &ids)?;
                let back_action = match l.back {
                    Some(_) => steps.pop().and_then(|s| s.action),
                    None => None,
                };
                return Ok(LiveReport {
                    violation: Some(Counterexample {
                        steps,
                        back_to: l.back,
                        back_action,
                    }),
                    states: g.fps.len(),
                    nodes,
                    elapsed: start.elapsed(),
                });
            }
        }
    }
    Ok(LiveReport {
        violation: None,
        states: g.fps.len(),
        nodes,
        elapsed: start.elapsed(),
    })
}

/// The states of a path of state ids, found again by enumeration, with
/// the actions taken.
fn replay(ex: &Explorer<'_>, g: &graph::StateGraph, ids: &[u32]) -> EResult<Vec<Step>> {
    let mut out: Vec<Step> = vec![];
    for (k, &id) in ids.iter().enumerate() {
        let fp = g.fps[id as usize];
        let step = if k == 0 {
            let mut found = None;
            for s in ex.initial_states()? {
                if ex.fingerprint(&s)? == fp {
                    found = Some(Step {
                        state: s,
                        action: None,
                    });
                    break;
                }
            }
            found
        } else {
            let prev = &out[k - 1].state;
            let mut found = None;
            for st in ex.successors_of(prev)? {
                if ex.fingerprint(&st.state)? == fp {
                    found = Some(st);
                    break;
                }
            }
            found
        };
        match step {
            Some(s) => out.push(s),
            None => {
                return err(
                    parser::span::Span::default(),
                    "internal error: a state of the liveness counterexample cannot be found again",
                )
            }
        }
    }
    Ok(out)
}
