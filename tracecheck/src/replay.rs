//! Replay: a trace conforms if some behaviour of the spec has states that
//! match the logged events in order. The checker keeps the set of spec
//! states consistent with the events seen so far (deduplicated by
//! fingerprint), and for each event keeps the successors that agree with
//! everything logged, allowing stuttering and up to `max_hidden` unlogged
//! steps. When an event logs the whole state, `Next` is decided directly on
//! the pair of states, without enumerating successors.

mod explain;
mod typing;

use crate::action::{Filter, Why};
use crate::event::{Event, UpdateOp};
use evaluator::eval::{values_equal, EvalError};
use evaluator::machine::state::fingerprint as state_fp;
use evaluator::machine::{Spec, State};
use evaluator::model::Model;
use evaluator::value::Value;
use rustc_hash::FxHashMap;
use std::time::{Duration, Instant};

/// Replay options.
#[derive(Clone, Debug)]
pub struct Options {
    /// Unlogged spec steps allowed before each event.
    pub max_hidden: usize,
    /// Largest candidate set allowed.
    pub max_candidates: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_hidden: 0,
            max_candidates: 100_000,
        }
    }
}

/// Figures of a run.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Events checked.
    pub events: usize,
    /// Largest candidate set.
    pub peak_candidates: usize,
    /// Events decided on the fast path (full state, direct check).
    pub fast_path: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// How a trace fails.
#[derive(Clone, Debug)]
pub struct Failure {
    /// Index of the first event that does not conform.
    pub index: usize,
    /// The event.
    pub event: Event,
    /// The spec states it could follow (up to 5).
    pub previous: Vec<State>,
    /// How many such states there were.
    pub candidates: usize,
    /// For the logged action, or each action that could have fired: why it
    /// does not produce the logged state.
    pub why: Vec<Why>,
    /// Differences between the logged values and the nearest state the spec
    /// allows: (variable/path, logged, allowed).
    pub diffs: Vec<(String, String, String)>,
    /// A short summary.
    pub summary: String,
}

/// The outcome of a replay.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// Some behaviour of the spec matches every event.
    Conforms(Summary),
    /// The first event no behaviour matches.
    Fails(Box<Failure>, Summary),
    /// The checker could not decide (evaluation error, candidate bound).
    Error(String, Option<Box<EvalError>>, Summary),
}

/// A difference: what, the logged value, the value the spec allows.
type Diff = (String, String, String);

/// An incremental replay (see [`Checker::replay`]).
pub struct Replay<'c, 'm> {
    checker: &'c Checker<'m>,
    candidates: Vec<State>,
    index: usize,
    sum: Summary,
    start: Instant,
    /// The shapes of the spec's values, learnt for the events whose values
    /// need typing.
    shapes: Option<typing::Shapes>,
}

impl Replay<'_, '_> {
    /// Checks the next event; `Err` is the final verdict (a failure or an
    /// error).
    pub fn step(&mut self, e: &Event) -> Result<(), Verdict> {
        let typed;
        let e = if e.is_untyped() || e.action_hint {
            typed = self.typed(e)?;
            &typed
        } else {
            e
        };
        let r = if self.index == 0 && e.action.is_some() {
            // A log of steps only: its first event is a step from an
            // initial state.
            let any = Event::new(&e.file, e.line, e.span);
            match self.checker.first(&any, &mut self.sum) {
                Ok(inits) => {
                    self.index = 1;
                    self.checker.next_candidates(1, e, &inits, &mut self.sum)
                }
                Err(v) => Err(v),
            }
        } else if self.index == 0 {
            self.checker.first(e, &mut self.sum)
        } else {
            self.checker
                .next_candidates(self.index, e, &self.candidates, &mut self.sum)
        };
        match r {
            Ok(c) => {
                self.candidates = c;
                self.index += 1;
                self.sum.events += 1;
                self.sum.peak_candidates = self.sum.peak_candidates.max(self.candidates.len());
                Ok(())
            }
            Err(mut v) => {
                let elapsed = self.start.elapsed();
                match &mut v {
                    Verdict::Conforms(s) | Verdict::Fails(_, s) | Verdict::Error(_, _, s) => {
                        s.events = self.sum.events;
                        s.peak_candidates = self.sum.peak_candidates;
                        s.fast_path = self.sum.fast_path;
                        s.elapsed = elapsed;
                    }
                }
                Err(v)
            }
        }
    }

    /// The verdict once every event conformed.
    pub fn finish(mut self) -> Verdict {
        self.sum.elapsed = self.start.elapsed();
        Verdict::Conforms(self.sum)
    }
}

/// The trace checker for one model.
pub struct Checker<'m> {
    model: &'m Model,
    /// The model's state machine.
    spec: Spec<'m>,
    opts: Options,
    slots: FxHashMap<String, usize>,
    /// The named actions of Next (at any depth) and their parameters.
    actions: FxHashMap<String, Vec<String>>,
    /// The variables bound inside each action that are not its
    /// parameters (see [`crate::bind`]).
    inner: FxHashMap<String, Vec<String>>,
}

/// `v` with the value at `path` changed by `op` (None if the path does not
/// exist or the op does not apply).
fn apply_update(v: &Value, path: &[Value], op: &UpdateOp) -> Option<Value> {
    match path.split_first() {
        None => match op {
            UpdateOp::Set(x) => Some(x.clone()),
            UpdateOp::Add(x) => {
                let s = v.clone().normalize().ok()?;
                let mut el = s.elements().ok()?.into_owned();
                el.push(x.clone());
                Some(Value::set_from(el))
            }
            UpdateOp::Remove(x) => {
                let s = v.clone().normalize().ok()?;
                let el: Vec<Value> = s
                    .elements()
                    .ok()?
                    .iter()
                    .filter(|e| *e != x)
                    .cloned()
                    .collect();
                Some(Value::set_from(el))
            }
            UpdateOp::Keep => Some(v.clone()),
        },
        Some((k, rest)) => {
            let Value::Fn(f) = v else { return None };
            let i = f.domain.position(k)?;
            let new = apply_update(&f.values[i], rest, op)?;
            let mut values = f.values.clone();
            values[i] = new;
            Some(Value::func_on(f.domain.clone(), values))
        }
    }
}

/// The value at `path` inside `v`.
fn at_path(v: &Value, path: &[Value]) -> Option<Value> {
    let mut cur = v.clone();
    for k in path {
        let Value::Fn(f) = &cur else { return None };
        cur = f.get(k)?.clone();
    }
    Some(cur)
}

fn short(v: &Value) -> String {
    crate::clip(v.to_string(), 160)
}

fn path_text(var: &str, path: &[Value]) -> String {
    let mut s = var.to_string();
    for k in path {
        s.push_str(&format!("[{k}]"));
    }
    s
}

impl<'m> Checker<'m> {
    /// A checker for `model`.
    pub fn new(model: &'m Model, opts: Options) -> Checker<'m> {
        let slots = model
            .program
            .vars
            .iter()
            .enumerate()
            .map(|(i, v)| (v.clone(), i))
            .collect();
        let spec = Spec::new(model);
        let actions: FxHashMap<String, Vec<String>> = spec
            .actions()
            .iter()
            .map(|a| (a.name.to_string(), a.params.clone()))
            .collect();
        let inner = spec
            .actions()
            .iter()
            .map(|a| {
                let own = &a.params;
                let names = a.bound_inside.iter().filter(|n| !own.contains(n));
                (a.name.to_string(), names.cloned().collect())
            })
            .collect();
        Checker {
            model,
            spec,
            opts,
            slots,
            actions,
            inner,
        }
    }

    /// Checks that every variable the events name is a variable of the
    /// spec, and that the first event logs no updates.
    pub fn validate(&self, events: &[Event]) -> Result<(), (usize, String)> {
        for (i, e) in events.iter().enumerate() {
            self.validate_event(e, i == 0).map_err(|m| (i, m))?;
        }
        Ok(())
    }

    /// [`Checker::validate`] for one event (`first`: it is the first).
    pub fn validate_event(&self, e: &Event, first: bool) -> Result<(), String> {
        let vars = e.state.iter().chain(&e.updates).map(|f| &f.var);
        for var in vars.chain(e.untyped.iter().map(|(v, _)| v)) {
            if !self.slots.contains_key(var) {
                return Err(format!(
                    "`{}` is not a variable of the spec (its variables: {})",
                    var,
                    self.model.program.vars.join(", ")
                ));
            }
        }
        // `unchanged` says that no step happened: true of the initial state.
        let changes = e.updates.iter().any(|f| !matches!(f.op, UpdateOp::Keep));
        if first && changes && e.action.is_none() {
            return Err("the first event describes the initial state: it cannot log updates (unless it logs the action of a first step)".into());
        }
        if let Some(a) = &e.action {
            let Some(params) = self.actions.get(a) else {
                if e.action_hint {
                    return Ok(());
                }
                let mut names: Vec<&String> = self.actions.keys().collect();
                names.sort();
                return Err(format!(
                    "`{a}` is not an action of the spec's next-state relation (its actions: {})",
                    names
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            };
            let inner = self.inner.get(a).map(Vec::as_slice).unwrap_or_default();
            let names = e.params.iter().map(|(p, _)| p);
            for p in names.chain(e.untyped_params.iter().map(|(p, _)| p)) {
                if !params.contains(p) && !inner.contains(p) {
                    let mut known = format!(
                        "its parameters: {}",
                        if params.is_empty() {
                            "none".to_string()
                        } else {
                            params.join(", ")
                        }
                    );
                    if !inner.is_empty() {
                        known.push_str(&format!(
                            "; the variables bound inside it: {}",
                            inner.join(", ")
                        ));
                    }
                    return Err(format!(
                        "`{p}` is neither a parameter of the action `{a}` nor a variable bound inside it by `\\E` ({known})"
                    ));
                }
            }
        } else if !e.params.is_empty() {
            return Err("`params` without an `action`".into());
        }
        Ok(())
    }

    /// Whether state `t` (reached from `prev`) agrees with everything `e`
    /// logs; on disagreement, the first difference.
    fn matches(
        &self,
        e: &Event,
        prev: Option<&[Value]>,
        t: &[Value],
    ) -> Result<(), (String, String, String)> {
        for f in &e.state {
            let UpdateOp::Set(want) = &f.op else { continue };
            let slot = self.slots[&f.var];
            let got = at_path(&t[slot], &f.path);
            let ok = got
                .as_ref()
                .is_some_and(|g| values_equal(g, want).unwrap_or(false));
            if !ok {
                return Err((
                    path_text(&f.var, &f.path),
                    short(want),
                    got.map(|g| short(&g))
                        .unwrap_or_else(|| "(no such entry)".into()),
                ));
            }
        }
        if let Some(prev) = prev {
            for (slot, var) in self.updated_vars(e) {
                let want = match self.apply_updates(e, &var, &prev[slot]) {
                    Some(w) => w,
                    None => {
                        return Err((
                            var.clone(),
                            "an update that does not apply to the previous value".into(),
                            short(&prev[slot]),
                        ))
                    }
                };
                if !values_equal(&t[slot], &want).unwrap_or(false) {
                    return Err((var.clone(), short(&want), short(&t[slot])));
                }
            }
        }
        Ok(())
    }

    /// The variables an event updates, with their slots, in slot order.
    fn updated_vars(&self, e: &Event) -> Vec<(usize, String)> {
        let mut v: Vec<(usize, String)> = e
            .updates
            .iter()
            .map(|f| (self.slots[&f.var], f.var.clone()))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The new value of `var`: its previous value with the event's updates
    /// applied in order (None if an update does not apply).
    fn apply_updates(&self, e: &Event, var: &str, prev: &Value) -> Option<Value> {
        let mut cur = prev.clone();
        for f in e.updates.iter().filter(|f| f.var == var) {
            cur = apply_update(&cur, &f.path, &f.op)?;
        }
        Some(cur)
    }

    /// The next state when the event determines every variable from the
    /// previous state `prev` (whole values and updates), else None.
    fn determined(&self, e: &Event, prev: &[Value]) -> Option<Vec<Value>> {
        let n = self.slots.len();
        let mut t: Vec<Option<Value>> = vec![None; n];
        for f in &e.state {
            if let (UpdateOp::Set(v), true) = (&f.op, f.path.is_empty()) {
                t[self.slots[&f.var]] = Some(v.clone());
            }
        }
        for (slot, var) in self.updated_vars(e) {
            if t[slot].is_none() {
                t[slot] = Some(self.apply_updates(e, &var, &prev[slot])?);
            }
        }
        t.into_iter().collect()
    }

    /// The previous state with everything the event logs applied, and which
    /// variables the event logs (wholly or at a path).
    fn hypothesis(&self, e: &Event, prev: &[Value]) -> (Vec<Value>, Vec<bool>) {
        let mut t = prev.to_vec();
        let mut logged = vec![false; t.len()];
        for f in &e.state {
            let slot = self.slots[&f.var];
            if let Some(v) = apply_update(&t[slot], &f.path, &f.op) {
                t[slot] = v;
            }
            logged[slot] = true;
        }
        for (slot, var) in self.updated_vars(e) {
            if let Some(v) = self.apply_updates(e, &var, &prev[slot]) {
                t[slot] = v;
            }
            logged[slot] = true;
        }
        (t, logged)
    }

    fn full_state(&self, e: &Event) -> Vec<Value> {
        let mut t = vec![Value::FALSE; self.slots.len()];
        for f in &e.state {
            if let (UpdateOp::Set(v), true) = (&f.op, f.path.is_empty()) {
                t[self.slots[&f.var]] = v.clone();
            }
        }
        t
    }

    /// What the event's label asks of its step: the action (any named
    /// operator `Next` reaches), the values of its own parameters, and the
    /// values of variables bound inside it, which restrict its `\E`.
    pub(crate) fn label(&self, e: &Event) -> Option<Filter> {
        let a = e.action.as_ref()?;
        let own = self.actions.get(a);
        let (params, inner): (Vec<_>, Vec<_>) = e
            .params
            .iter()
            .cloned()
            .partition(|(p, _)| own.is_some_and(|o| o.contains(p)));
        Some(Filter {
            name: a.clone(),
            params,
            inner,
        })
    }

    /// Replays `events`.
    pub fn run(&self, events: &[Event]) -> Verdict {
        let mut r = self.replay();
        for e in events {
            if let Err(v) = r.step(e) {
                return v;
            }
        }
        r.finish()
    }

    /// An incremental replay: feed events one by one (constant memory for
    /// long logs).
    pub fn replay(&self) -> Replay<'_, 'm> {
        Replay {
            checker: self,
            candidates: vec![],
            index: 0,
            sum: Summary::default(),
            start: Instant::now(),
            shapes: None,
        }
    }

    fn first(&self, first: &Event, sum: &mut Summary) -> Result<Vec<State>, Verdict> {
        let inits = self.spec.initial_states().map_err(|e| {
            Verdict::Error("evaluating the initial states".into(), Some(e), sum.clone())
        })?;
        let mut candidates: Vec<State> = vec![];
        let mut seen = rustc_hash::FxHashSet::default();
        let mut nearest: Option<(String, String, String)> = None;
        for s in &inits {
            match self.matches(first, None, s) {
                Ok(()) => {
                    if seen.insert(state_fp(s)) {
                        candidates.push(s.clone());
                    }
                }
                Err(d) => {
                    nearest.get_or_insert(d);
                }
            }
        }
        if candidates.is_empty() {
            let f = Failure {
                index: 0,
                event: first.clone(),
                previous: vec![],
                candidates: 0,
                why: vec![],
                diffs: nearest.into_iter().collect(),
                summary: format!(
                    "no initial state of the spec matches the first event ({} initial state{} examined)",
                    inits.len(),
                    if inits.len() == 1 { "" } else { "s" }
                ),
            };
            return Err(Verdict::Fails(Box::new(f), sum.clone()));
        }
        Ok(candidates)
    }

    /// Checks event number `i` (0-based, not the first) against the
    /// candidates; returns the new candidates.
    fn next_candidates(
        &self,
        i: usize,
        e: &Event,
        candidates: &[State],
        sum: &mut Summary,
    ) -> Result<Vec<State>, Verdict> {
        let m = self.model;
        let filter = self.label(e);
        // Fast path: the event determines the whole next state.
        let determined = match candidates {
            [c] => self.determined(e, c),
            _ if e.is_full(&m.program.vars) => Some(self.full_state(e)),
            _ => None,
        };
        if let Some(t) = determined {
            let mut ok = false;
            if self
                .matches(e, candidates.first().map(|c| &c[..]), &t)
                .is_ok()
                || candidates.len() > 1
            {
                for c in candidates {
                    if **c == *t && filter.is_none() {
                        ok = true;
                        break;
                    }
                    match self.spec.step_holds(c, &t, filter.as_ref()) {
                        Ok(true) => {
                            ok = true;
                            break;
                        }
                        Ok(false) => {}
                        Err(err) => {
                            return Err(Verdict::Error(
                                format!("evaluating Next at event {} (line {})", i + 1, e.line),
                                Some(err),
                                sum.clone(),
                            ));
                        }
                    }
                }
            }
            if ok {
                sum.fast_path += 1;
                return Ok(vec![State::from(t)]);
            }
            if self.opts.max_hidden == 0 {
                let f = self.failure(i, e, filter.as_ref(), candidates, Some(&t));
                return Err(Verdict::Fails(Box::new(f), sum.clone()));
            }
        }
        // Candidate sets: successors that match, within hidden steps.
        let mut next: Vec<State> = vec![];
        let mut next_seen = rustc_hash::FxHashSet::default();
        let mut frontier = candidates.to_vec();
        let mut visited = rustc_hash::FxHashSet::default();
        for c in &frontier {
            visited.insert(state_fp(c));
        }
        for depth in 0..=self.opts.max_hidden {
            let mut new_frontier = vec![];
            for c in &frontier {
                // Stuttering: the event logs no change.
                if depth == 0
                    && filter.is_none()
                    && self.matches(e, Some(c), c).is_ok()
                    && next_seen.insert(state_fp(c))
                {
                    next.push(c.clone());
                }
                let error = |err: Box<EvalError>| {
                    Verdict::Error(
                        format!("computing successors at event {} (line {})", i + 1, e.line),
                        Some(err),
                        sum.clone(),
                    )
                };
                // The event's own step: the successors of its action.
                let mut hidden = vec![];
                let keep_all = depth < self.opts.max_hidden && filter.is_none();
                self.spec
                    .next_states(c, filter.as_ref(), &mut |t| {
                        if self.matches(e, Some(c), t).is_ok() && next_seen.insert(state_fp(t)) {
                            next.push(State::from(t));
                        }
                        if keep_all {
                            hidden.push(State::from(t));
                        }
                        Ok(true)
                    })
                    .map_err(error)?;
                if depth < self.opts.max_hidden {
                    // Hidden steps are any steps, whatever the event's
                    // label.
                    if filter.is_some() {
                        self.spec
                            .next_states(c, None, &mut |t| {
                                hidden.push(State::from(t));
                                Ok(true)
                            })
                            .map_err(error)?;
                    }
                    for t in hidden {
                        if visited.insert(state_fp(&t)) {
                            new_frontier.push(t);
                        }
                    }
                }
                if next.len() + new_frontier.len() > self.opts.max_candidates {
                    return Err(Verdict::Error(
                        format!(
                            "more than {} candidate states at event {} (line {}): the log constrains the spec too little; log more variables, allow fewer hidden steps, or raise --max-candidates",
                            self.opts.max_candidates,
                            i + 1,
                            e.line
                        ),
                        None,
                        sum.clone(),
                    ));
                }
            }
            frontier = new_frontier;
            if frontier.is_empty() {
                break;
            }
        }
        if next.is_empty() {
            let t = e.is_full(&m.program.vars).then(|| self.full_state(e));
            let f = self.failure(i, e, filter.as_ref(), candidates, t.as_deref());
            return Err(Verdict::Fails(Box::new(f), sum.clone()));
        }
        Ok(next)
    }
}
