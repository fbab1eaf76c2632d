//! Deciding whether a pair of states (s, t) satisfies the next-state action,
//! optionally restricted to one named action with some parameters, without
//! enumerating successors; and explaining why it does not: the first false
//! conjunct of the binding that got furthest, with the values involved.

use evaluator::eval::{Ctx, EResult};
use evaluator::ir::{Expr, Kind, Quant};
use evaluator::value::Value;
use parser::span::Span;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Restriction to a named action.
#[derive(Clone, Debug)]
pub struct Filter {
    /// The action (operator) name.
    pub name: String,
    /// Values of some of its parameters.
    pub params: Vec<(String, Value)>,
}

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

/// Caches whether IR nodes contain a named action (per action name, by
/// node address: the IR outlives the checker).
#[derive(Default)]
pub struct Contains {
    memo: FxHashMap<String, FxHashMap<usize, bool>>,
}

impl Contains {
    /// Whether `e` contains `Named(name, ...)`.
    pub fn named(&mut self, e: &Expr, name: &str) -> bool {
        let key = e as *const Expr as usize;
        if let Some(m) = self.memo.get(name) {
            if let Some(b) = m.get(&key) {
                return *b;
            }
        }
        let mut found = false;
        e.walk(&mut |x| {
            if let Kind::Named(n, _, _) = &x.kind {
                if &**n == name {
                    found = true;
                }
            }
        });
        self.memo
            .entry(name.to_string())
            .or_default()
            .insert(key, found);
        found
    }
}

/// Whether `(s, t)` in `ctx` satisfies `e` (restricted to `filter`).
pub fn holds(
    ctx: &mut Ctx<'_>,
    e: &Expr,
    filter: Option<&Filter>,
    c: &mut Contains,
) -> EResult<bool> {
    if let Some(f) = filter {
        if !c.named(e, &f.name) {
            return Ok(false);
        }
    }
    match &e.kind {
        Kind::Or(items) => {
            for x in items {
                if holds(ctx, x, filter, c)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Kind::And(items) => {
            for x in items {
                let f = match filter {
                    Some(f) if c.named(x, &f.name) => Some(f),
                    _ => None,
                };
                if !holds(ctx, x, f, c)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Kind::Quant(Quant::Exists, bounds, body) => {
            let mut ok = false;
            let body = &**body;
            ctx.for_each_binding(bounds, e.span, &mut |cx| {
                if holds(cx, body, filter, c)? {
                    ok = true;
                    return Ok(false);
                }
                Ok(true)
            })?;
            Ok(ok)
        }
        Kind::Named(n, params, body) => match filter {
            Some(f) if **n == *f.name => {
                for (p, pe) in params {
                    if let Some((_, want)) = f.params.iter().find(|(q, _)| q == p) {
                        let got = ctx.eval(pe)?;
                        if !agrees(want, &got) {
                            return Ok(false);
                        }
                    }
                }
                holds(ctx, body, None, c)
            }
            _ => holds(ctx, body, filter, c),
        },
        Kind::Let(defs, body) => {
            for d in defs {
                ctx.set_slot_none(d.slot);
            }
            holds(ctx, body, filter, c)
        }
        Kind::LetRef(d) if !d.memo || d.slot == u32::MAX => holds(ctx, &d.def, filter, c),
        Kind::If(cond, a, b) => {
            if ctx.eval_bool(cond)? {
                holds(ctx, a, filter, c)
            } else {
                holds(ctx, b, filter, c)
            }
        }
        Kind::Case(arms, other) => {
            for (g, v) in arms {
                if ctx.eval_bool(g)? {
                    return holds(ctx, v, filter, c);
                }
            }
            match other {
                Some(o) => holds(ctx, o, filter, c),
                None => Ok(false),
            }
        }
        _ => ctx.eval_bool(e),
    }
}

/// The named actions reachable in `e` (outermost only), in order.
pub fn actions(e: &Expr) -> Vec<Arc<str>> {
    fn go(e: &Expr, out: &mut Vec<Arc<str>>) {
        if let Kind::Named(n, _, _) = &e.kind {
            if !out.contains(n) {
                out.push(n.clone());
            }
            return;
        }
        for c in children(e) {
            go(c, out);
        }
    }
    let mut out = vec![];
    go(e, &mut out);
    out
}

fn children(e: &Expr) -> Vec<&Expr> {
    let mut v = vec![];
    match &e.kind {
        Kind::Or(xs) | Kind::And(xs) => v.extend(xs.iter()),
        Kind::Quant(_, _, b) | Kind::Let(_, b) => v.push(&**b),
        Kind::LetRef(d) => v.push(&*d.def),
        Kind::If(_, a, b) => {
            v.push(&**a);
            v.push(&**b);
        }
        Kind::Case(arms, o) => {
            v.extend(arms.iter().map(|(_, x)| x));
            if let Some(o) = o {
                v.push(&**o);
            }
        }
        _ => {}
    }
    v
}

/// Explains why `(s, t)` does not satisfy the action `name` within `e`
/// (t = None: the next state is unknown, so only conditions on the current
/// state are examined). Returns the explanation of the binding that got
/// furthest.
pub fn explain(ctx: &mut Ctx<'_>, e: &Expr, filter: &Filter, know_next: bool) -> Option<Why> {
    explain_logged(ctx, e, filter, know_next, None)
}

/// [`explain`] with a hypothetical next state in which only the variables
/// marked in `logged` are known: effects that prime other variables are
/// not counted.
pub fn explain_logged(
    ctx: &mut Ctx<'_>,
    e: &Expr,
    filter: &Filter,
    know_next: bool,
    logged: Option<&[bool]>,
) -> Option<Why> {
    explain_bindings(ctx, e, filter, know_next, logged)
        .into_iter()
        .min_by_key(Why::rank)
}

/// The explanation of every binding of the action's parameters (in
/// enumeration order), as [`explain_logged`] gives the best one.
pub fn explain_bindings(
    ctx: &mut Ctx<'_>,
    e: &Expr,
    filter: &Filter,
    know_next: bool,
    logged: Option<&[bool]>,
) -> Vec<Why> {
    let mut c = Contains::default();
    let mut all = vec![];
    let mut bindings = vec![];
    LOGGED.with(|l| *l.borrow_mut() = logged.map(|x| x.to_vec()));
    walk(
        ctx,
        e,
        filter,
        know_next,
        &mut c,
        &mut bindings,
        &mut all,
        false,
    );
    LOGGED.with(|l| *l.borrow_mut() = None);
    all
}

thread_local! {
    /// The variables known in the next state while explaining a partial
    /// event (None: all).
    static LOGGED: std::cell::RefCell<Option<Vec<bool>>> = const { std::cell::RefCell::new(None) };
}

/// Whether every variable that `e` primes is known in the next state.
fn primes_known(e: &Expr) -> bool {
    LOGGED.with(|l| {
        let l = l.borrow();
        let Some(mask) = l.as_ref() else { return true };
        let known = |s: u32| mask.get(s as usize).copied().unwrap_or(false);
        let mut ok = true;
        e.walk(&mut |x| match &x.kind {
            Kind::PrimeVar(s) if !known(*s) => ok = false,
            // `x'` of an expression, `UNCHANGED <<x, y>>`: known when
            // every variable in it is (and no definition hides some).
            Kind::Prime(inner) | Kind::Unchanged(inner) => inner.walk(&mut |y| match &y.kind {
                Kind::Var(s) if !known(*s) => ok = false,
                Kind::Call(..) => ok = false,
                _ => {}
            }),
            _ => {}
        });
        ok
    })
}

#[allow(clippy::too_many_arguments)]
fn walk(
    ctx: &mut Ctx<'_>,
    e: &Expr,
    f: &Filter,
    know_next: bool,
    c: &mut Contains,
    bindings: &mut Vec<(String, Value)>,
    all: &mut Vec<Why>,
    inside: bool,
) {
    if !inside && !c.named(e, &f.name) {
        return;
    }
    match &e.kind {
        Kind::Or(items) => {
            for x in items {
                walk(ctx, x, f, know_next, c, bindings, all, inside);
            }
        }
        Kind::Quant(Quant::Exists, bounds, body) if !inside => {
            let body = &**body;
            let _ = ctx.for_each_binding(bounds, e.span, &mut |cx| {
                let n = bindings.len();
                for b in bounds {
                    for (name, slot) in b.names.iter().zip(&b.slots) {
                        if let Ok(v) = cx.eval(&Expr::new(Kind::Local(*slot), e.span)) {
                            bindings.push((name.clone(), v));
                        }
                    }
                }
                walk(cx, body, f, know_next, c, bindings, all, inside);
                bindings.truncate(n);
                Ok(true)
            });
        }
        Kind::Named(n, params, body) if !inside => {
            if **n != *f.name {
                walk(ctx, body, f, know_next, c, bindings, all, inside);
                return;
            }
            // Only the action's own parameters are shown: names bound by
            // enclosing quantifiers may be reused with another meaning
            // inside the action.
            let mut bs = vec![];
            for (p, pe) in params {
                match ctx.eval(pe) {
                    Ok(v) => {
                        if let Some((_, want)) = f.params.iter().find(|(q, _)| q == p) {
                            if !agrees(want, &v) {
                                return;
                            }
                        }
                        bs.push((p.clone(), v));
                    }
                    Err(_) => return,
                }
            }
            let mut why = Why::new(n.to_string(), bs);
            assess(ctx, body, know_next, &mut why);
            all.push(why);
        }
        Kind::Let(defs, body) => {
            for d in defs {
                ctx.set_slot_none(d.slot);
            }
            walk(ctx, body, f, know_next, c, bindings, all, inside);
        }
        Kind::LetRef(d) => walk(ctx, &d.def, f, know_next, c, bindings, all, inside),
        Kind::And(items) => {
            for x in items {
                if c.named(x, &f.name) {
                    walk(ctx, x, f, know_next, c, bindings, all, inside);
                } else if (!x.mentions_next() || know_next) && !ctx.eval_bool(x).unwrap_or(false) {
                    return;
                }
            }
        }
        Kind::If(cond, a, b) => {
            let branch = if ctx.eval_bool(cond).unwrap_or(false) {
                a
            } else {
                b
            };
            walk(ctx, branch, f, know_next, c, bindings, all, inside);
        }
        _ => {}
    }
}

/// Evaluates every conjunct of an action body (not stopping at the first
/// false one): counts the true conjuncts, the false guards and the false
/// effects, and records the first false guard (or, if every guard holds,
/// the first false effect) with its operands' values. Conjuncts that need
/// the next state are skipped when it is unknown. An `\E` inside the body
/// is assessed for every binding; the best binding counts.
fn assess(ctx: &mut Ctx<'_>, e: &Expr, know_next: bool, why: &mut Why) {
    match &e.kind {
        Kind::And(items) => {
            for x in items {
                assess(ctx, x, know_next, why);
            }
        }
        Kind::Let(defs, body) => {
            for d in defs {
                ctx.set_slot_none(d.slot);
            }
            assess(ctx, body, know_next, why)
        }
        Kind::Named(_, _, body) => assess(ctx, body, know_next, why),
        Kind::LetRef(d) if !d.memo || d.slot == u32::MAX => assess(ctx, &d.def, know_next, why),
        Kind::If(cond, a, b) if !cond.mentions_next() || know_next => match ctx.eval_bool(cond) {
            Ok(true) => assess(ctx, a, know_next, why),
            Ok(false) => assess(ctx, b, know_next, why),
            Err(err) => record(why, cond, false, Some(err.message.clone()), vec![]),
        },
        Kind::Quant(Quant::Exists, bounds, body)
            if know_next || !e.mentions_next() || body_has_conditions(body) =>
        {
            let base = why.clone();
            let mut best: Option<Why> = None;
            let body = &**body;
            let r = ctx.for_each_binding(bounds, e.span, &mut |cx| {
                let mut w = base.clone();
                for b in bounds {
                    for (name, slot) in b.names.iter().zip(&b.slots) {
                        if let Ok(v) = cx.eval(&Expr::new(Kind::Local(*slot), e.span)) {
                            w.bindings.retain(|(n, _)| n != name);
                            w.bindings.push((name.clone(), v));
                        }
                    }
                }
                assess(cx, body, know_next, &mut w);
                let perfect = w.guards_false == base.guards_false
                    && w.effects_false == base.effects_false
                    && w.distance == base.distance;
                if best.as_ref().is_none_or(|b| w.rank() < b.rank()) {
                    best = Some(w);
                }
                Ok(!perfect)
            });
            // Without a binding, the logged changes of the variables the
            // body primes are all unexplained.
            match (r, best) {
                (Err(err), _) => {
                    why.distance += changes(ctx, body);
                    record(why, e, false, Some(err.message.clone()), vec![])
                }
                (Ok(_), Some(w)) => *why = w,
                (Ok(_), None) => {
                    why.distance += changes(ctx, body);
                    match unmatched_log(ctx, bounds) {
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
        _ => {
            let effect = e.mentions_next();
            if effect && (!know_next || !primes_known(e)) {
                // `UNCHANGED <<x, y>>` with only some of them logged: the
                // logged ones still count.
                if let (true, Kind::Unchanged(_)) = (know_next, &e.kind) {
                    let d = changes(ctx, e);
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
                        why.distance += unexplained(ctx, e);
                    }
                    record(why, e, effect, Some(err.message.clone()), vec![])
                }
            }
        }
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

/// The cost of an effect that cannot be evaluated (a field the bound
/// message does not have): 1, plus every logged change of the variables
/// it primes, which it does not explain.
fn unexplained(ctx: &mut Ctx<'_>, e: &Expr) -> usize {
    1 + changes(ctx, e)
}

/// How many leaves of the variables that `e` primes differ between the
/// current state and the logged next state (variables the log does not
/// have are taken as unchanged).
fn changes(ctx: &mut Ctx<'_>, e: &Expr) -> usize {
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
    let known = LOGGED.with(|l| l.borrow().clone());
    let mut d = 0;
    for s in slots {
        if known
            .as_ref()
            .is_some_and(|mask| !mask.get(s as usize).copied().unwrap_or(false))
        {
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

/// Whether a logged value (of a variable bound inside the action, see
/// [`crate::bind`]) agrees with the value of the spec (an error counts as
/// disagreement).
pub fn agrees(logged: &Value, got: &Value) -> bool {
    evaluator::builtins::agrees(logged, got).unwrap_or(false)
}

/// For a quantifier with no binding: the first bound restricted to a
/// logged value that no element of its set agrees with (the set, the
/// name, the logged value, and the set's value for the report).
#[allow(clippy::type_complexity)]
fn unmatched_log<'e>(
    ctx: &mut Ctx<'_>,
    bounds: &'e [evaluator::ir::Bound],
) -> Option<(&'e Expr, String, Value, Vec<(Span, String)>)> {
    for b in bounds {
        let Some((set, logged)) = crate::bind::restricted(b) else {
            continue;
        };
        let Ok(sv) = ctx.eval(set) else { continue };
        let Ok(elems) = sv
            .clone()
            .normalize()
            .and_then(|n| n.elements().map(|e| e.into_owned()))
        else {
            continue;
        };
        for (name, v) in logged {
            if !elems.iter().any(|x| agrees(&v, x)) {
                return Some((set, name, v, vec![(set.span, clip(sv.to_string()))]));
            }
        }
    }
    None
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

/// Whether an action body has conditions that can be checked in the
/// current state alone.
fn body_has_conditions(e: &Expr) -> bool {
    match &e.kind {
        Kind::And(items) => items
            .iter()
            .any(|x| !x.mentions_next() || body_has_conditions(x)),
        _ => !e.mentions_next(),
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

/// Evaluates the next-state action `next` as a check of the step `(s, t)`
/// in `ctx`, restricted to `filter`.
pub fn step_holds(
    ctx: &mut Ctx<'_>,
    next: &Expr,
    filter: Option<&Filter>,
    c: &mut Contains,
) -> EResult<bool> {
    holds(ctx, next, filter, c)
}
