//! The report of a failure: which actions come closest to the logged
//! step, measured from the candidate states (see [`Checker::failure`]).

use super::{at_path, path_text, short, Checker, Diff, Failure};
use crate::action::{self, Filter, Why};
use crate::event::{Event, UpdateOp};
use evaluator::eval::values_equal;
use evaluator::machine::label::reported;
use evaluator::machine::{Frame, State};
use evaluator::value::Value;

impl Checker<'_> {
    /// Builds the report of a failure at event `i`: every binding of every
    /// action (of the logged one, when labelled) is explained from each of
    /// the first [`EXPLAIN_FROM`] candidate states, and the cheapest
    /// explanations (fewest false guards plus differing values, see
    /// [`Why::cost`]) come first. The summary names the closest action
    /// (with its parameters), or, when several are equally cheap, all of
    /// them: "N actions are equally close: A(..) (..), B(..) (..)".
    pub(super) fn failure(
        &self,
        i: usize,
        e: &Event,
        label: Option<&Filter>,
        candidates: &[State],
        t: Option<&[Value]>,
    ) -> Failure {
        // The filters to explain: the logged action's, or each action
        // that is under no other.
        let filters: Vec<Filter> = match label {
            Some(f) => vec![f.clone()],
            None => self
                .spec
                .actions()
                .iter()
                .filter(|a| a.top)
                .map(|a| Filter::named(a.name.to_string()))
                .collect(),
        };
        let examined = &candidates[..candidates.len().min(EXPLAIN_FROM)];
        // The best explanation of each binding (the action that names the
        // step and its own parameters) over the candidates, with the
        // candidate.
        let mut best: Vec<(String, Why, usize)> = vec![];
        let keep = |key: String, w: Why, ci: usize, best: &mut Vec<(String, Why, usize)>| match best
            .iter_mut()
            .find(|(k, _, _)| *k == key)
        {
            Some(slot) if w.rank() < slot.1.rank() => *slot = (key, w, ci),
            Some(_) => {}
            None => best.push((key, w, ci)),
        };
        // The nearest successor (fewest differing logged leaves), for the
        // differences shown.
        let mut nearest: Option<(usize, usize, State)> = None;
        for (ci, c) in examined.iter().enumerate() {
            // This candidate's explanation of each binding.
            let mut here: Vec<(String, Why)> = vec![];
            for f in &filters {
                let ws = match t {
                    Some(t) => action::explain_bindings(&self.spec, c, t, f, None),
                    None => {
                        // A hypothetical next state: the previous one with
                        // the logged values; effects on unlogged variables
                        // are not counted.
                        let (hyp, logged) = self.hypothesis(e, c);
                        action::explain_bindings(&self.spec, c, &hyp, f, Some(&logged))
                    }
                };
                for w in ws {
                    let key = self.head(&w.action, &w.bindings);
                    match here.iter_mut().find(|(k, _)| *k == key) {
                        Some(slot) if w.rank() < slot.1.rank() => slot.1 = w,
                        Some(_) => {}
                        None => here.push((key, w)),
                    }
                }
            }
            // An enabled binding is as far from the log as its nearest
            // successor: its effects computed by the spec, not evaluated
            // against the logged (possibly wrong) next state.
            let Ok(succ) = self.spec.transitions(c, label) else {
                for (key, w) in here {
                    keep(key, w, ci, &mut best);
                }
                continue;
            };
            let mut exact: Vec<(String, &Frame, usize)> = vec![];
            for s in &succ {
                let d = self.log_distance(e, c, &s.state);
                let from = label.and_then(|f| f.position(&s.path)).unwrap_or(0);
                if let Some(frame) = reported(&s.path, from) {
                    let key = self.head(&frame.name, &frame.params);
                    match exact.iter_mut().find(|(k, _, _)| *k == key) {
                        Some(slot) => slot.2 = slot.2.min(d),
                        None => exact.push((key, frame, d)),
                    }
                }
                if nearest.as_ref().is_none_or(|(n, _, _)| d < *n) {
                    nearest = Some((d, ci, s.state.clone()));
                }
            }
            for (key, frame, d) in exact {
                let slot = match here.iter().position(|(k, _)| *k == key) {
                    Some(i) => i,
                    None => {
                        let w = Why::new(frame.name.to_string(), frame.params.clone());
                        here.push((key.clone(), w));
                        here.len() - 1
                    }
                };
                let w = &mut here[slot].1;
                // The successor's distance is exact: it replaces an
                // evaluation of the binding's effects against the log,
                // which can only have missed some (effects on unlogged
                // variables), and shows the binding enabled.
                if d < w.cost() || w.guards_false == 0 {
                    w.guards_false = 0;
                    w.effects_false = usize::from(d > 0);
                    w.distance = d;
                }
            }
            for (key, w) in here {
                keep(key, w, ci, &mut best);
            }
        }
        // A step missing from the log: when nothing explains the event with
        // at most one difference, the steps of the spec two steps away
        // that the event matches exactly.
        let cheapest = best.iter().map(|(_, w, _)| w.cost()).min();
        if self.opts.max_hidden == 0 && cheapest.is_none_or(|c| c > 1) {
            for (key, w, ci) in
                self.missing_step(e, label, &examined[..examined.len().min(SEARCH_FROM)])
            {
                keep(key, w, ci, &mut best);
            }
        }
        best.sort_by_key(|(_, w, _)| w.rank());
        // The equally cheapest explanations, then the best of each other
        // action.
        let cheapest = best.first().map(|(_, w, _)| w.cost());
        let tied: Vec<&(String, Why, usize)> = best
            .iter()
            .filter(|(_, w, _)| Some(w.cost()) == cheapest)
            .collect();
        // An action explained only by a step missing before it also gets
        // its best explanation without one: what is false of the step as
        // logged.
        let mut why: Vec<Why> = tied.iter().map(|(_, w, _)| w.clone()).collect();
        for (_, w, _) in &best {
            let same = |x: &&Why| x.action == w.action;
            let direct = why.iter().filter(same).any(|x| x.missing_steps == 0);
            if !why.iter().any(|x| same(&x)) || (w.missing_steps == 0 && !direct) {
                why.push(w.clone());
            }
        }
        why.sort_by_key(|w| w.rank());
        if why.is_empty() && !examined.is_empty() {
            if let Some(name) = &e.action {
                let bindings = label.map(|f| f.params.clone()).unwrap_or_default();
                why.push(Why {
                    message: Some(format!(
                        "the spec's next-state action has no action `{name}` with these parameters"
                    )),
                    ..Why::new(name.clone(), bindings)
                });
            }
        }
        // The spec states shown: the one of the best explanation first.
        let first = tied.first().map_or(0, |(_, _, ci)| *ci);
        let mut previous: Vec<State> = examined.get(first).cloned().into_iter().collect();
        previous.extend(
            candidates
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != first)
                .map(|(_, c)| c.clone())
                .take(4),
        );
        let diffs = match &nearest {
            Some((_, ci, s)) => self.diffs(e, &examined[*ci], s),
            None => vec![],
        };
        let mut summary = match (&e.action, t) {
            (Some(a), _) => format!("the logged step is not an allowed `{a}` step"),
            (None, Some(_)) => {
                "no action of the spec leads from the previous state to the logged state"
                    .to_string()
            }
            (None, None) => "no step of the spec agrees with the logged values".to_string(),
        };
        let described: Vec<String> = tied
            .iter()
            .take(6)
            .map(|(k, w, _)| format!("{k} ({})", cost_text(w)))
            .collect();
        match tied.len() {
            0 => {}
            1 => summary.push_str(&format!("; the closest action is {}", described[0])),
            n => {
                summary.push_str(&format!(
                    "; {n} actions are equally close: {}",
                    described.join(", ")
                ));
                if n > described.len() {
                    summary.push_str(", ...");
                }
            }
        }
        Failure {
            index: i,
            event: e.clone(),
            previous,
            candidates: candidates.len(),
            why,
            diffs,
            summary,
        }
    }

    /// `Action(p = v, ...)` with the action's own parameters.
    fn head(&self, action: &str, bindings: &[(String, Value)]) -> String {
        let own = self.actions.get(action);
        let ps: Vec<String> = bindings
            .iter()
            .filter(|(n, _)| own.is_some_and(|o| o.contains(n)))
            .map(|(n, v)| format!("{n} = {}", short(v)))
            .collect();
        if ps.is_empty() {
            action.to_string()
        } else {
            format!("{action}({})", ps.join(", "))
        }
    }

    /// The differences between the logged values and the step `c -> s` of
    /// the spec, leaf by leaf.
    fn diffs(&self, e: &Event, c: &[Value], s: &[Value]) -> Vec<Diff> {
        let mut out = vec![];
        for f in &e.state {
            let UpdateOp::Set(want) = &f.op else { continue };
            let what = path_text(&f.var, &f.path);
            match at_path(&s[self.slots[&f.var]], &f.path) {
                Some(got) => leaf_diffs(what, want, &got, &mut out),
                None => out.push((what, short(want), "(no such entry)".into())),
            }
        }
        for (slot, var) in self.updated_vars(e) {
            match self.apply_updates(e, &var, &c[slot]) {
                Some(want) => leaf_diffs(var, &want, &s[slot], &mut out),
                None => out.push((
                    var,
                    "an update that does not apply to the previous value".into(),
                    short(&c[slot]),
                )),
            }
        }
        out
    }

    /// Explanations with one step missing from the log: for each
    /// candidate, the steps `c -> t1 -> t2` of the spec whose second step
    /// is one the event allows (its label) and agrees with everything it
    /// logs; the second step is explained, the first named as missing.
    fn missing_step(
        &self,
        e: &Event,
        label: Option<&Filter>,
        candidates: &[State],
    ) -> Vec<(String, Why, usize)> {
        let mut out: Vec<(String, Why, usize)> = vec![];
        for (ci, c) in candidates.iter().enumerate() {
            let Ok(first) = self.spec.transitions(c, None) else {
                continue;
            };
            for t1 in &first {
                let Ok(second) = self.spec.transitions(&t1.state, label) else {
                    continue;
                };
                for t2 in &second {
                    if self.log_distance(e, &t1.state, &t2.state) > 0 {
                        continue;
                    }
                    let from = label.and_then(|f| f.position(&t2.path)).unwrap_or(0);
                    let (Some(f1), Some(f2)) = (t1.path.first(), reported(&t2.path, from)) else {
                        continue;
                    };
                    let hidden = self.head(&f1.name, &f1.params);
                    let key = format!("{} after {hidden}", self.head(&f2.name, &f2.params));
                    if out.iter().any(|(k, _, _)| *k == key) {
                        continue;
                    }
                    let why = Why {
                        message: Some(format!(
                            "the logged values are those of this step after a step the log does not show, {hidden} (see --max-hidden-steps)"
                        )),
                        missing_steps: 1,
                        ..Why::new(f2.name.to_string(), f2.params.clone())
                    };
                    out.push((key, why, ci));
                }
            }
        }
        out
    }

    /// How many logged leaves the step `c -> s` disagrees with.
    fn log_distance(&self, e: &Event, c: &[Value], s: &[Value]) -> usize {
        let mut d = 0;
        for f in &e.state {
            let UpdateOp::Set(want) = &f.op else { continue };
            d += match at_path(&s[self.slots[&f.var]], &f.path) {
                Some(got) => action::distance(&got, want),
                None => 1,
            };
        }
        for (slot, var) in self.updated_vars(e) {
            d += match self.apply_updates(e, &var, &c[slot]) {
                Some(want) => action::distance(&s[slot], &want),
                None => 1,
            };
        }
        d
    }
}

/// The most candidate states from which a failure is explained.
const EXPLAIN_FROM: usize = 1000;

/// The most candidate states from which a missing step is looked for (two
/// steps of the spec from each).
const SEARCH_FROM: usize = 64;

/// "1 false guard", "2 differing values", ...
fn cost_text(w: &Why) -> String {
    let mut parts = vec![];
    if w.missing_steps > 0 {
        parts.push(format!(
            "{} missing step{} before it",
            w.missing_steps,
            if w.missing_steps == 1 { "" } else { "s" }
        ));
    }
    if w.guards_false > 0 {
        parts.push(format!(
            "{} false guard{}",
            w.guards_false,
            if w.guards_false == 1 { "" } else { "s" }
        ));
    }
    if w.distance > 0 || (parts.is_empty() && w.missing_steps == 0) {
        parts.push(format!(
            "{} differing value{}",
            w.distance,
            if w.distance == 1 { "" } else { "s" }
        ));
    }
    parts.join(", ")
}

/// The differences between a logged value and the spec's, down to the
/// entries of functions and records with the same domain.
fn leaf_diffs(what: String, logged: &Value, allowed: &Value, out: &mut Vec<Diff>) {
    if values_equal(logged, allowed).unwrap_or(false) {
        return;
    }
    if let (Value::Fn(f), Value::Fn(g)) = (logged, allowed) {
        if f.domain == g.domain && !f.values.is_empty() {
            for ((k, x), y) in f.iter().zip(&g.values) {
                let sub = match &k {
                    Value::Str(s)
                        if s.as_str().chars().all(|c| c.is_alphanumeric() || c == '_') =>
                    {
                        format!("{what}.{}", s.as_str())
                    }
                    _ => format!("{what}[{k}]"),
                };
                leaf_diffs(sub, x, y, out);
            }
            return;
        }
    }
    out.push((what, short(logged), short(allowed)));
}
