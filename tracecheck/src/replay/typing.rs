//! Typing the values of traces that do not say which TLA+ value they
//! hold (TLC's, see [`crate::shape`]) against the spec's states, as the
//! replay reaches them.

use super::{Replay, Verdict};
use crate::event::{Event, Field, UpdateOp};
use crate::shape::{decode, Shape};
use evaluator::value::Value;
use rustc_hash::FxHashMap;

/// The shapes of the spec's values seen so far: of each variable (by
/// slot), and of each parameter of each action.
pub(super) struct Shapes {
    vars: Vec<Shape>,
    params: FxHashMap<(String, String), Shape>,
}

/// The most candidate states whose successors are examined to learn
/// shapes at one event.
const LEARN_FROM: usize = 1000;

impl Shapes {
    fn learn_state(&mut self, s: &[Value]) {
        for (shape, v) in self.vars.iter_mut().zip(s) {
            shape.learn(v);
        }
    }
}

impl Replay<'_, '_> {
    /// `e` with its values typed against the spec's states (see
    /// [`crate::shape`]): shaped like the values seen in the initial
    /// states, in the states kept for the previous event and in their
    /// successors (learnt only when a value cannot be typed with what was
    /// seen before). An action hint that names no action of the spec is
    /// dropped, and so is a parameter whose arrays cannot be typed.
    pub(super) fn typed(&mut self, e: &Event) -> Result<Event, Verdict> {
        let checker = self.checker;
        let mut ev = e.clone();
        if ev.action_hint
            && ev
                .action
                .as_ref()
                .is_some_and(|a| !checker.actions.contains_key(a))
        {
            ev.action = None;
            ev.untyped_params.clear();
        }
        if !ev.is_untyped() {
            return Ok(ev);
        }
        if self.shapes.is_none() {
            let mut shapes = Shapes {
                vars: vec![Shape::Unknown; checker.slots.len()],
                params: FxHashMap::default(),
            };
            let inits = checker.spec.initial_states().map_err(|e| {
                Verdict::Error(
                    "evaluating the initial states".into(),
                    Some(e),
                    self.sum.clone(),
                )
            })?;
            for s in &inits {
                shapes.learn_state(s);
            }
            self.shapes = Some(shapes);
        }
        let mut learnt = false;
        loop {
            let shapes = self.shapes.as_ref().expect("shapes are learnt above");
            let mut unsure = false;
            let mut state = vec![];
            for (var, j) in &ev.untyped {
                let Some(&slot) = checker.slots.get(var) else {
                    continue;
                };
                let d = decode(j, &shapes.vars[slot]);
                unsure |= d.unsure;
                state.push(Field {
                    var: var.clone(),
                    path: vec![],
                    op: UpdateOp::Set(d.value),
                });
            }
            let mut params = vec![];
            if let Some(a) = &ev.action {
                for (p, j) in &ev.untyped_params {
                    let shape = shapes.params.get(&(a.clone(), p.clone()));
                    let d = decode(j, shape.unwrap_or(&Shape::Unknown));
                    unsure |= d.unsure;
                    params.push((p.clone(), d.value, d.unsure));
                }
            }
            if unsure && !learnt && !self.candidates.is_empty() {
                learnt = true;
                let shapes = self.shapes.as_mut().expect("shapes are learnt above");
                for c in self.candidates.iter().take(LEARN_FROM) {
                    shapes.learn_state(c);
                    if let Ok(succ) = checker.spec.transitions(c, None) {
                        for t in &succ {
                            shapes.learn_state(&t.state);
                            // Every operator on the path: a label may
                            // name any of them.
                            for f in &t.path {
                                for (p, v) in &f.params {
                                    shapes
                                        .params
                                        .entry((f.name.to_string(), p.clone()))
                                        .or_default()
                                        .learn(v);
                                }
                            }
                        }
                    }
                }
                continue;
            }
            ev.state.extend(state);
            ev.params.extend(
                params
                    .into_iter()
                    .filter(|(_, _, unsure)| !unsure)
                    .map(|(p, v, _)| (p, v)),
            );
            ev.untyped.clear();
            ev.untyped_params.clear();
            return Ok(ev);
        }
    }
}
