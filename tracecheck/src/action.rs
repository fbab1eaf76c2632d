//! Explaining why a pair of states (s, t) is not a step of a named action:
//! the walk of the spec's state machine ([`Spec::visit_targets`]) goes down
//! to each use of the action, and every conjunct of its body is assessed
//! (not stopping at the first false one), through `\/` and operators at
//! any depth, down to the innermost alternative's first false guard, with
//! the values involved.

use evaluator::eval::Ctx;
use evaluator::ir::{Expr, Kind, Quant};
use evaluator::machine::{Reached, Spec};
use evaluator::value::Value;
use parser::span::Span;

pub use evaluator::machine::label::agrees;
pub use evaluator::machine::Filter;

/// Why a step fails an action.
#[derive(Clone, Debug)]
pub struct Why {
    /// The action and the parameter values of the binding examined.
    pub action: String,
    /// Parameter values (of the action, and of enclosing `\E` bindings).
    pub bindings: Vec<(String, Value)>,
    /// The first false conjunct.
    pub conjunct: Option<Span>,
    /// Values of its sub-expressions, as (span, value) pairs.
    pub values: Vec<(Span, String)>,
    /// A message when the failure is not a false conjunct (an error).
    pub message: Option<String>,
    /// How many conjuncts held (to rank explanations).
    pub score: usize,
    /// False conditions on the current state (guards).
    pub guards_false: usize,
    /// False conjuncts that involve the next state (effects).
    pub effects_false: usize,
    /// How far the step is from one of this binding: the values its false
    /// effects disagree on, counted leaf by leaf (entries of functions and
    /// records, elements of sets; see [`distance`]), 1 for a false effect
    /// of another form.
    pub distance: usize,
    /// Steps the log does not show that this explanation needs before the
    /// step (0, or 1: the logged values are those of this step after
    /// another one, named in `message`).
    pub missing_steps: usize,
}

impl Why {
    /// An explanation of `action` with `bindings` that has found nothing
    /// wrong yet.
    pub fn new(action: String, bindings: Vec<(String, Value)>) -> Why {
        Why {
            action,
            bindings,
            conjunct: None,
            values: vec![],
            message: None,
            score: 0,
            guards_false: 0,
            effects_false: 0,
            distance: 0,
            missing_steps: 0,
        }
    }

    /// How many things must be wrong for this binding to have taken the
    /// logged step: its false guards, the logged values its effects
    /// disagree with, and the steps missing from the log before it.
    /// Explanations of equal cost fit the log equally well.
    pub fn cost(&self) -> usize {
        self.guards_false + self.distance + self.missing_steps
    }

    /// Ranking key: the cheapest explanation first; among equals, the one
    /// whose effects match the log best (a step the log shows exactly but
    /// whose guard is false, the usual shape of an implementation bug,
    /// before an enabled step with a differing value, the usual shape of a
    /// wrong log entry), then more true conjuncts.
    pub fn rank(&self) -> (usize, usize, std::cmp::Reverse<usize>) {
        (self.cost(), self.distance, std::cmp::Reverse(self.score))
    }
}

/// The number of leaves on which a logged value differs from the value
/// the spec expects. Equal values: 0. Functions and records: the sum over
/// their common keys, plus the leaves of the values at keys only one of
/// them has. Sets: the elements only in one of them are paired with the
/// nearest ones only in the other (an element with one field changed
/// costs 1, not a removal and an addition); an expected element left
/// unpaired costs as little as changing it into an element the log has
/// (a logged element changed into a copy of another is one change), and a
/// logged element left unpaired, its leaves. Other values: 1.
pub fn distance(expected: &Value, logged: &Value) -> usize {
    if evaluator::eval::values_equal(expected, logged).unwrap_or(false) {
        return 0;
    }
    match (expected, logged) {
        (Value::Fn(f), Value::Fn(g)) => {
            let mut d = 0;
            for (k, x) in f.iter() {
                d += match g.get(&k) {
                    Some(y) => distance(x, y),
                    None => size(x),
                };
            }
            d + g
                .iter()
                .filter(|(k, _)| f.get(k).is_none())
                .map(|(_, y)| size(y))
                .sum::<usize>()
        }
        _ if expected.is_set() && logged.is_set() => {
            let (Ok(x), Ok(y)) = (expected.clone().normalize(), logged.clone().normalize()) else {
                return 1;
            };
            let (Ok(xs), Ok(ys)) = (x.elements(), y.elements()) else {
                return 1;
            };
            let only = |p: &[Value], q: &[Value]| -> Vec<Value> {
                p.iter()
                    .filter(|e| q.binary_search(e).is_err())
                    .cloned()
                    .collect()
            };
            let (xo, yo) = (only(&xs, &ys), only(&ys, &xs));
            let mut used = vec![false; yo.len()];
            let mut d = 0;
            for e in &xo {
                let near = yo
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !used[*i])
                    .map(|(i, f)| (distance(e, f), i))
                    .min();
                match near {
                    Some((n, i)) if n < size(e) + size(&yo[i]) => {
                        used[i] = true;
                        d += n;
                    }
                    _ => {
                        let merged = ys.iter().map(|f| distance(e, f)).min();
                        d += merged.map_or(size(e), |m| m.min(size(e)));
                    }
                }
            }
            let unpaired: usize = yo
                .iter()
                .zip(&used)
                .filter(|(_, u)| !**u)
                .map(|(f, _)| size(f))
                .sum();
            (d + unpaired).max(1)
        }
        _ => 1,
    }
}

/// The number of leaves of a value (at least 1).
fn size(v: &Value) -> usize {
    let n = match v {
        Value::Fn(f) => f.values.iter().map(size).sum(),
        Value::Set(s) => s.0.iter().map(size).sum(),
        _ => 1,
    };
    n.max(1)
}

/// The explanation of each use of the action the filter names, reached
/// from `s` with its conditions on the way true in the step (s, t), in
/// walk order: its own parameters, and the first false conjunct of its
/// body (of the innermost alternative that comes closest, see
/// [`Why::rank`]). `logged`: the variables the log gives in `t` (None:
/// all); effects on the others are not counted.
pub fn explain_bindings(
    spec: &Spec<'_>,
    s: &[Value],
    t: &[Value],
    filter: &Filter,
    logged: Option<&[bool]>,
) -> Vec<Why> {
    let assessor = Assessor {
        logged,
        inner: &filter.inner,
    };
    let mut all = vec![];
    let mut blocked: Vec<Why> = vec![];
    // An error on the way to the action leaves the explanations found.
    let _ = spec.visit_targets(s, t, filter, &mut |ctx, reached, path| {
        match reached {
            Reached::Target(body) => {
                let Some(frame) = path.last() else {
                    return true;
                };
                let mut why = Why::new(frame.name.to_string(), frame.params.clone());
                assessor.assess(ctx, body, false, &mut why);
                all.push(why);
            }
            Reached::Blocked(cond) => {
                // The action is out of reach: the condition on the way to
                // it is its false guard.
                if blocked.iter().all(|w| w.conjunct != Some(cond.span)) {
                    let mut why = Why::new(filter.name.clone(), filter.params.clone());
                    let vals = operand_values(ctx, cond);
                    record(&mut why, cond, false, None, vals);
                    blocked.push(why);
                }
            }
        }
        true
    });
    if all.is_empty() {
        all = blocked;
    }
    all
}

/// How conjuncts are assessed: which next-state values are known, and the
/// logged values of variables bound inside the action.
struct Assessor<'a> {
    /// The variables known in the next state (None: all).
    logged: Option<&'a [bool]>,
    /// Logged values of variables bound by `\E` inside the action.
    inner: &'a [(String, Value)],
}

impl Assessor<'_> {
    /// Evaluates every conjunct of an action body (not stopping at the
    /// first false one): counts the true conjuncts, the false guards and
    /// the false effects, and records the first false guard (or, if every
    /// guard holds, the first false effect) with its operands' values.
    /// Effects on variables the log does not give are not counted. An `\E`
    /// inside the body is assessed for every binding, and an action-level
    /// `\/` for every alternative; the best counts. `alternative`: `e` is
    /// reached through a `\/` since the last named operator, which then
    /// names the explanation (the innermost alternative).
    fn assess(&self, ctx: &mut Ctx<'_>, e: &Expr, alternative: bool, why: &mut Why) {
        match &e.kind {
            Kind::And(items) => {
                for x in items {
                    self.assess(ctx, x, alternative, why);
                }
            }
            Kind::Let(defs, body) => {
                for d in defs {
                    ctx.set_slot_none(d.slot);
                }
                self.assess(ctx, body, alternative, why)
            }
            Kind::Named(name, params, body) => {
                if alternative {
                    // The innermost alternative names the explanation,
                    // with its own parameters.
                    let mut bindings = vec![];
                    for (p, pe) in params {
                        if pe.mentions_next() {
                            continue;
                        }
                        if let Ok(v) = ctx.eval(pe) {
                            bindings.push((p.clone(), v));
                        }
                    }
                    why.action = name.to_string();
                    why.bindings = bindings;
                }
                self.assess(ctx, body, false, why)
            }
            Kind::LetRef(d) if !d.memo || d.slot == u32::MAX => {
                self.assess(ctx, &d.def, alternative, why)
            }
            Kind::If(cond, a, b) => match ctx.eval_bool(cond) {
                Ok(true) => self.assess(ctx, a, alternative, why),
                Ok(false) => self.assess(ctx, b, alternative, why),
                Err(err) => record(why, cond, false, Some(err.message.clone()), vec![]),
            },
            Kind::Case(arms, other) if e.mentions_next() => {
                for (g, x) in arms {
                    match ctx.eval_bool(g) {
                        Ok(true) => return self.assess(ctx, x, alternative, why),
                        Ok(false) => {}
                        Err(err) => {
                            return record(why, g, false, Some(err.message.clone()), vec![])
                        }
                    }
                }
                match other {
                    Some(o) => self.assess(ctx, o, alternative, why),
                    None => record(
                        why,
                        e,
                        false,
                        Some("no guard of the CASE is true and there is no OTHER".into()),
                        vec![],
                    ),
                }
            }
            Kind::Or(items) if e.mentions_next() => {
                // Each alternative on its own; the one that comes closest
                // is the explanation.
                let base = why.clone();
                let mut best: Option<Why> = None;
                for x in items {
                    let mut w = base.clone();
                    self.assess(ctx, x, true, &mut w);
                    if best.as_ref().is_none_or(|b| w.rank() < b.rank()) {
                        best = Some(w);
                    }
                }
                if let Some(w) = best {
                    *why = w;
                }
            }
            Kind::Quant(Quant::Exists, bounds, body) => {
                self.exists(ctx, e, bounds, body, alternative, why)
            }
            _ => self.conjunct(ctx, e, why),
        }
    }

    /// Assesses `\E bounds : body` (the expression `e`) for every binding
    /// that agrees with the logged values of the names it binds; the best
    /// binding counts.
    fn exists(
        &self,
        ctx: &mut Ctx<'_>,
        e: &Expr,
        bounds: &[evaluator::ir::Bound],
        body: &Expr,
        alternative: bool,
        why: &mut Why,
    ) {
        let base = why.clone();
        let mut best: Option<Why> = None;
        let r = ctx.for_each_binding(bounds, e.span, &mut |cx| {
            let mut w = base.clone();
            for b in bounds {
                for (name, slot) in b.names.iter().zip(&b.slots) {
                    if let Ok(v) = cx.eval(&Expr::new(Kind::Local(*slot), e.span)) {
                        if let Some((_, want)) = self.inner.iter().find(|(n, _)| n == name) {
                            if !agrees(want, &v) {
                                return Ok(true);
                            }
                        }
                        w.bindings.retain(|(n, _)| n != name);
                        w.bindings.push((name.clone(), v));
                    }
                }
            }
            self.assess(cx, body, alternative, &mut w);
            let perfect = w.guards_false == base.guards_false
                && w.effects_false == base.effects_false
                && w.distance == base.distance;
            if best.as_ref().is_none_or(|b| w.rank() < b.rank()) {
                best = Some(w);
            }
            Ok(!perfect)
        });
        // Without a binding, the logged changes of the variables the body
        // primes are all unexplained.
        match (r, best) {
            (Err(err), _) => {
                why.distance += self.changes(ctx, body);
                record(why, e, false, Some(err.message.clone()), vec![])
            }
            (Ok(_), Some(w)) => *why = w,
            (Ok(_), None) => {
                why.distance += self.changes(ctx, body);
                match self.unmatched_log(ctx, bounds) {
                    Some((set, name, logged, vals)) => {
                        why.bindings.retain(|(n, _)| *n != name);
                        why.bindings.push((name.clone(), logged));
                        record(
                            why,
                            set,
                            false,
                            Some(format!(
                                "the logged `{name}` is not in the set `\\E {name}` ranges over (no element of it agrees with the logged value)"
                            )),
                            vals,
                        )
                    }
                    None => record(
                        why,
                        e,
                        false,
                        Some("the set it ranges over is empty".into()),
                        vec![],
                    ),
                }
            }
        }
    }

    /// Assesses a conjunct that is not split further: a guard, or an
    /// effect (which needs the next state).
    fn conjunct(&self, ctx: &mut Ctx<'_>, e: &Expr, why: &mut Why) {
        let effect = e.mentions_next();
        if effect && !self.primes_known(e) {
            // `UNCHANGED <<x, y>>` with only some of them logged: the
            // logged ones still count.
            if let Kind::Unchanged(_) = &e.kind {
                let d = self.changes(ctx, e);
                if d > 0 {
                    why.distance += d;
                    record(why, e, true, None, vec![]);
                } else {
                    why.score += 1;
                }
            }
            return;
        }
        match ctx.eval_bool(e) {
            Ok(true) => why.score += 1,
            Ok(false) => {
                let vals = operand_values(ctx, e);
                if effect {
                    why.distance += effect_distance(ctx, e);
                }
                record(why, e, effect, None, vals);
            }
            Err(err) => {
                if effect {
                    why.distance += 1 + self.changes(ctx, e);
                }
                record(why, e, effect, Some(err.message.clone()), vec![])
            }
        }
    }

    /// Whether the log gives the next value of the variable in `slot`.
    fn known(&self, slot: u32) -> bool {
        self.logged
            .is_none_or(|mask| mask.get(slot as usize).copied().unwrap_or(false))
    }

    /// Whether every variable that `e` primes is known in the next state.
    fn primes_known(&self, e: &Expr) -> bool {
        if self.logged.is_none() {
            return true;
        }
        let mut ok = true;
        e.walk(&mut |x| match &x.kind {
            Kind::PrimeVar(s) if !self.known(*s) => ok = false,
            // `x'` of an expression, `UNCHANGED <<x, y>>`: known when
            // every variable in it is (and no definition hides some).
            Kind::Prime(inner) | Kind::Unchanged(inner) => inner.walk(&mut |y| match &y.kind {
                Kind::Var(s) if !self.known(*s) => ok = false,
                Kind::Call(..) => ok = false,
                _ => {}
            }),
            _ => {}
        });
        ok
    }

    /// How many leaves of the variables that `e` primes differ between
    /// the current state and the logged next state (variables the log
    /// does not have are taken as unchanged).
    fn changes(&self, ctx: &mut Ctx<'_>, e: &Expr) -> usize {
        let mut slots = vec![];
        e.walk(&mut |x| match &x.kind {
            Kind::PrimeVar(s) => slots.push(*s),
            Kind::Prime(inner) | Kind::Unchanged(inner) => inner.walk(&mut |y| {
                if let Kind::Var(s) = y.kind {
                    slots.push(s);
                }
            }),
            _ => {}
        });
        slots.sort_unstable();
        slots.dedup();
        let mut d = 0;
        for s in slots {
            if !self.known(s) {
                continue;
            }
            let now = ctx.eval(&Expr::new(Kind::Var(s), e.span));
            let next = ctx.eval(&Expr::new(Kind::PrimeVar(s), e.span));
            if let (Ok(a), Ok(b)) = (now, next) {
                d += distance(&a, &b);
            }
        }
        d
    }

    /// For a quantifier with no binding: the first bound of a name with a
    /// logged value that no element of its set agrees with (the set, the
    /// name, the logged value, and the set's value for the report).
    #[allow(clippy::type_complexity)]
    fn unmatched_log<'e>(
        &self,
        ctx: &mut Ctx<'_>,
        bounds: &'e [evaluator::ir::Bound],
    ) -> Option<(&'e Expr, String, Value, Vec<(Span, String)>)> {
        for b in bounds {
            let Some(set) = b.set.as_deref() else {
                continue;
            };
            let logged: Vec<&(String, Value)> = self
                .inner
                .iter()
                .filter(|(n, _)| b.names.contains(n))
                .collect();
            if logged.is_empty() {
                continue;
            }
            let Ok(sv) = ctx.eval(set) else { continue };
            let Ok(elems) = sv
                .clone()
                .normalize()
                .and_then(|n| n.elements().map(|e| e.into_owned()))
            else {
                continue;
            };
            for (name, v) in logged {
                if !elems.iter().any(|x| agrees(v, x)) {
                    return Some((
                        set,
                        name.clone(),
                        v.clone(),
                        vec![(set.span, clip(sv.to_string()))],
                    ));
                }
            }
        }
        None
    }
}

/// How many logged values a false effect disagrees with: for `x' = e`,
/// the distance between the value of `e` and the next value of `x`; for
/// `UNCHANGED <<x, y>>`, between the current and next values; 1 for other
/// forms.
fn effect_distance(ctx: &mut Ctx<'_>, e: &Expr) -> usize {
    // (expected, logged)
    let pair = match &e.kind {
        Kind::Eq(a, b) if matches!(a.kind, Kind::PrimeVar(_)) => (ctx.eval(b), ctx.eval(a)),
        Kind::Eq(a, b) if matches!(b.kind, Kind::PrimeVar(_)) => (ctx.eval(a), ctx.eval(b)),
        Kind::Unchanged(x) => {
            let next = Expr::new(Kind::Prime(x.clone()), e.span);
            (ctx.eval(x), ctx.eval(&next))
        }
        _ => return 1,
    };
    match pair {
        (Ok(a), Ok(b)) => distance(&a, &b).max(1),
        _ => 1,
    }
}

/// A value's text, cut to about 200 bytes (at a character boundary).
fn clip(mut s: String) -> String {
    if s.len() > 200 {
        let mut end = 197;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push_str("...");
    }
    s
}

/// Records a false conjunct: the first false guard is the one reported;
/// a false effect is reported only while no guard is false.
fn record(
    why: &mut Why,
    e: &Expr,
    effect: bool,
    message: Option<String>,
    values: Vec<(Span, String)>,
) {
    let replace = if effect {
        why.guards_false == 0 && why.effects_false == 0
    } else {
        why.guards_false == 0
    };
    if effect {
        why.effects_false += 1;
    } else {
        why.guards_false += 1;
    }
    if replace {
        why.conjunct = Some(e.span);
        why.values = values;
        why.message = message;
    }
}

/// The values of the operands of a comparison (or of the operands of the
/// formula a `~` negates).
fn operand_values(ctx: &mut Ctx<'_>, e: &Expr) -> Vec<(Span, String)> {
    let ops: Vec<&Expr> = match &e.kind {
        Kind::Eq(a, b)
        | Kind::Neq(a, b)
        | Kind::In(a, b)
        | Kind::NotIn(a, b)
        | Kind::Subseteq(a, b) => {
            vec![&**a, &**b]
        }
        Kind::Builtin(_, args) if args.len() == 2 => args.iter().collect(),
        Kind::Not(x) => return operand_values(ctx, x),
        Kind::Quant(..) | Kind::Call(..) | Kind::Or(_) => vec![],
        _ => vec![],
    };
    let mut out = vec![];
    for o in ops {
        if matches!(o.kind, Kind::Const(_)) {
            continue;
        }
        if let Ok(v) = ctx.eval(o) {
            out.push((o.span, clip(v.to_string())));
        }
    }
    out
}
