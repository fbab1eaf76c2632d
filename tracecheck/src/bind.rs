//! Variables bound inside an action: the `m` of `\E m \in msgs` in
//! `OnMessage(q)`. An event may log their values next to the action's
//! parameters (`"params": {"q": "p1", "m": {...}}`); the checker then
//! restricts each such `\E` to the elements of its set that agree with the
//! logged value ([`evaluator::builtins::agrees`]: equal, or, for a record,
//! equal on the fields the log gives).
//!
//! Only the `\E` that choose a binding of the action are concerned: those
//! reached from the action's body through `/\`, `\/`, `\E`, `LET`, `IF`
//! and `CASE` arms, and actions inlined in it (the positions where the
//! checker and the successor enumerator branch). An `\E` under `\A`, `~`,
//! inside a set or a state-level operator is a condition, not a binding.

use evaluator::builtins::Builtin;
use evaluator::ir::{Bound, Expr, Kind, Quant};
use evaluator::value::Value;
use std::sync::Arc;

/// Calls `f` on every node of `e` in a binding position (see the module
/// documentation), `e` included.
fn positions<'e>(e: &'e Expr, f: &mut dyn FnMut(&'e Expr)) {
    f(e);
    match &e.kind {
        Kind::And(xs) | Kind::Or(xs) => xs.iter().for_each(|x| positions(x, f)),
        Kind::Quant(Quant::Exists, _, body) | Kind::Let(_, body) => positions(body, f),
        Kind::Named(_, _, body) => positions(body, f),
        Kind::LetRef(d) if !d.memo || d.slot == u32::MAX => positions(&d.def, f),
        Kind::If(_, a, b) => {
            positions(a, f);
            positions(b, f);
        }
        Kind::Case(arms, other) => {
            for (_, x) in arms {
                positions(x, f);
            }
            if let Some(o) = other {
                positions(o, f);
            }
        }
        _ => {}
    }
}

/// The bounds of the `\E` in binding positions of an action's body, in
/// the order they are met.
pub fn inner_bounds(body: &Expr) -> Vec<&Bound> {
    let mut out: Vec<&Bound> = vec![];
    positions(body, &mut |x| {
        if let Kind::Quant(Quant::Exists, bounds, _) = &x.kind {
            out.extend(bounds.iter());
        }
    });
    out
}

/// The names of the variables bound inside an action (its body), in the
/// order they are bound, without repetition.
pub fn inner_names(body: &Expr) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for b in inner_bounds(body) {
        for n in &b.names {
            if !out.contains(n) {
                out.push(n.clone());
            }
        }
    }
    out
}

/// Every action of `next` (each named operator application, nested ones
/// too) with the variables bound inside it.
pub fn inner_names_by_action(next: &Expr) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = vec![];
    next.walk(&mut |e| {
        if let Kind::Named(n, _, body) = &e.kind {
            let names = inner_names(body);
            match out.iter_mut().find(|(a, _)| **a == **n) {
                Some((_, old)) => {
                    for x in names {
                        if !old.contains(&x) {
                            old.push(x);
                        }
                    }
                }
                None => out.push((n.to_string(), names)),
            }
        }
    });
    out
}

/// The logged values for a bound's names, if it binds any of them.
fn logged_for<'v>(b: &Bound, binds: &'v [(String, Value)]) -> Vec<(usize, &'v Value)> {
    b.names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| binds.iter().find(|(m, _)| m == n).map(|(_, v)| (i, v)))
        .collect()
}

/// `e` with every `\E` in a binding position inside the action `action`
/// restricted to the elements that agree with the values `binds` gives
/// its names: `\E m \in S : P` becomes `\E m \in {m \in S : Agrees(v, m)}
/// : P`. Everything else, the other actions included, is unchanged.
pub fn restrict(e: &Expr, action: &str, binds: &[(String, Value)]) -> Expr {
    let mut out = e.clone();
    if !binds.is_empty() {
        rewrite(&mut out, action, binds, false);
    }
    out
}

fn rewrite(e: &mut Expr, action: &str, binds: &[(String, Value)], inside: bool) {
    match &mut e.kind {
        Kind::Named(n, _, body) => {
            let inside = inside || **n == *action;
            rewrite(body, action, binds, inside);
        }
        Kind::And(xs) | Kind::Or(xs) => {
            for x in xs {
                rewrite(x, action, binds, inside);
            }
        }
        Kind::Quant(Quant::Exists, bounds, body) => {
            if inside {
                for b in bounds.iter_mut() {
                    let logged = logged_for(b, binds);
                    if logged.is_empty() {
                        continue;
                    }
                    let Some(set) = b.set.take() else { continue };
                    let set_span = set.span;
                    let tests: Vec<Expr> = logged
                        .iter()
                        .map(|(i, v)| {
                            Expr::new(
                                Kind::Builtin(
                                    Builtin::Agrees,
                                    vec![
                                        Expr::new(Kind::Const((*v).clone()), set_span),
                                        Expr::new(Kind::Local(b.slots[*i]), set_span),
                                    ],
                                ),
                                set_span,
                            )
                        })
                        .collect();
                    let test = if tests.len() == 1 {
                        tests.into_iter().next().expect("one test")
                    } else {
                        Expr::new(Kind::And(tests), set_span)
                    };
                    let filter_bound = Bound {
                        slots: b.slots.clone(),
                        tuple: b.tuple,
                        set: Some(set),
                        names: b.names.clone(),
                    };
                    b.set = Some(Box::new(Expr::new(
                        Kind::SetFilter(filter_bound, Box::new(test)),
                        set_span,
                    )));
                }
            }
            rewrite(body, action, binds, inside);
        }
        Kind::Let(_, body) => rewrite(body, action, binds, inside),
        Kind::LetRef(d) if !d.memo || d.slot == u32::MAX => {
            rewrite(Arc::make_mut(&mut d.def), action, binds, inside);
        }
        Kind::If(_, a, b) => {
            rewrite(a, action, binds, inside);
            rewrite(b, action, binds, inside);
        }
        Kind::Case(arms, other) => {
            for (_, x) in arms.iter_mut() {
                rewrite(x, action, binds, inside);
            }
            if let Some(o) = other {
                rewrite(o, action, binds, inside);
            }
        }
        _ => {}
    }
}

/// If `b` is a bound [`restrict`] restricted: its original set, and the
/// logged values of its names (name, value).
pub fn restricted(b: &Bound) -> Option<(&Expr, Vec<(String, Value)>)> {
    let set = b.set.as_deref()?;
    let Kind::SetFilter(fb, test) = &set.kind else {
        return None;
    };
    let tests: Vec<&Expr> = match &test.kind {
        Kind::And(xs) => xs.iter().collect(),
        _ => vec![&**test],
    };
    let mut logged = vec![];
    for t in tests {
        let Kind::Builtin(Builtin::Agrees, args) = &t.kind else {
            return None;
        };
        let (Kind::Const(v), Kind::Local(slot)) = (&args.first()?.kind, &args.get(1)?.kind) else {
            return None;
        };
        let i = fb.slots.iter().position(|s| s == slot)?;
        logged.push((fb.names[i].clone(), v.clone()));
    }
    Some((fb.set.as_deref()?, logged))
}
