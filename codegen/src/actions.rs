//! The actions of `Next` and the types of their parameters (from the sets
//! they range over in `Next`, or the values they are called with), and
//! of the variables bound inside each action by `\E` (from the sets they
//! range over, or the type of the variable they are taken from). The
//! variables bound inside are those the trace checker lets a log give
//! ([`tracecheck::bind::inner_bounds`]).

use crate::infer::{elem_ty, is_known, join, type_of, Ty};
use evaluator::eval::Ctx;
use evaluator::ir::{Expr, Kind, Quant};
use evaluator::model::Model;
use evaluator::value::Value;
use parser::span::Span;

/// An action of `Next`.
pub(crate) struct ActionTypes {
    /// Its name.
    pub name: String,
    /// Its parameters and their types (`Unknown` when `Next` does not
    /// show it).
    pub params: Vec<(String, Ty)>,
    /// Its first use in `Next`.
    pub span: Span,
}

/// Names bound inside an action and their types.
pub(crate) type Inner = Vec<(String, Vec<(String, Ty)>)>;

/// The actions of `model`'s `Next`, in the order they are met, and the
/// variables bound inside each (by action name), typed in the initial
/// state `init` with the variables' types `var_tys`.
pub(crate) fn action_types(
    model: &Model,
    init: &[Value],
    var_tys: &[Ty],
) -> (Vec<ActionTypes>, Inner) {
    let mut actions: Vec<ActionTypes> = vec![];
    let mut inner: Inner = vec![];
    let mut env = vec![];
    collect_actions(&model.next, &mut env, &mut |use_, params, body, env| {
        let Kind::Named(name, _, _) = &use_.kind else {
            return;
        };
        let name: &str = name;
        let own: Vec<&String> = params.iter().map(|(p, _)| p).collect();
        let mut vars: Vec<(String, Ty)> = vec![];
        for b in tracecheck::bind::inner_bounds(body) {
            let set_ty = b
                .set
                .as_deref()
                .map(|s| inner_set_ty(model, init, var_tys, s))
                .unwrap_or(Ty::Unknown);
            let tys: Vec<Ty> = match (&set_ty, b.tuple) {
                (t, false) => vec![t.clone()],
                (Ty::Tuple(xs), true) if xs.len() == b.names.len() => xs.clone(),
                _ => vec![Ty::Unknown; b.names.len()],
            };
            for (n, t) in b.names.iter().zip(tys) {
                if own.contains(&n) {
                    continue;
                }
                match vars.iter_mut().find(|(m, _)| m == n) {
                    Some((_, old)) => *old = join(old, &t).unwrap_or(Ty::Unknown),
                    None => vars.push((n.clone(), t)),
                }
            }
        }
        match inner.iter_mut().find(|(n, _)| n == name) {
            Some((_, old)) => {
                for (n, t) in vars {
                    match old.iter_mut().find(|(m, _)| *m == n) {
                        Some((_, o)) => *o = join(o, &t).unwrap_or(Ty::Unknown),
                        None => old.push((n, t)),
                    }
                }
            }
            None => inner.push((name.to_string(), vars)),
        }
        let mut ps = vec![];
        for (p, arg) in params {
            let t = match &arg.kind {
                Kind::Const(v) => type_of(v).unwrap_or(Ty::Unknown),
                Kind::Local(s) => env
                    .iter()
                    .rev()
                    .find(|(slot, _)| slot == s)
                    .and_then(|(_, set): &(u32, &Expr)| {
                        let mut ctx = Ctx::new(&model.program, init, model.next_slots);
                        ctx.eval(set).ok().and_then(|v| elem_ty(&v).ok())
                    })
                    .unwrap_or(Ty::Unknown),
                _ => Ty::Unknown,
            };
            ps.push((p.clone(), t));
        }
        match actions.iter_mut().find(|a| a.name == name) {
            Some(a) => {
                for (o, n) in a.params.iter_mut().zip(ps) {
                    o.1 = join(&o.1, &n.1).unwrap_or(o.1.clone());
                }
            }
            None => actions.push(ActionTypes {
                name: name.to_string(),
                params: ps,
                span: use_.span,
            }),
        }
    });
    (actions, inner)
}

/// Bound names in scope: frame slot and set.
type Scope<'e> = [(u32, &'e Expr)];

/// What [`collect_actions`] calls for each action: its use in `Next`, its
/// parameters with their argument expressions, its body, and the scope.
type OnAction<'a, 'e> = dyn FnMut(&'e Expr, &'e [(String, Expr)], &'e Expr, &Scope<'e>) + 'a;

/// Calls `f` for each outermost named action of `e`, with the bound
/// names in scope (frame slot and set).
fn collect_actions<'e>(e: &'e Expr, env: &mut Vec<(u32, &'e Expr)>, f: &mut OnAction<'_, 'e>) {
    match &e.kind {
        Kind::Named(name, params, body) => {
            if &**name == "Next" {
                collect_actions(body, env, f);
            } else {
                f(e, params, body, env);
            }
        }
        Kind::Quant(Quant::Exists, bounds, body) => {
            let mark = env.len();
            for b in bounds {
                if let (Some(s), false) = (&b.set, b.tuple) {
                    for &slot in &b.slots {
                        env.push((slot, s));
                    }
                }
            }
            collect_actions(body, env, f);
            env.truncate(mark);
        }
        Kind::And(xs) | Kind::Or(xs) => xs.iter().for_each(|x| collect_actions(x, env, f)),
        Kind::Let(_, body) => collect_actions(body, env, f),
        Kind::If(_, a, b) => {
            collect_actions(a, env, f);
            collect_actions(b, env, f);
        }
        Kind::Case(arms, other) => {
            for (_, x) in arms {
                collect_actions(x, env, f);
            }
            if let Some(o) = other {
                collect_actions(o, env, f);
            }
        }
        _ => {}
    }
}

/// The type of the elements of the set a variable bound inside an action
/// ranges over: from its value in the initial state when it can be
/// evaluated there and is not empty, else from the type of the variable it
/// is taken from (`\E m \in msgs`, `{x \in msgs : ...}`, a `LET` of one).
fn inner_set_ty(model: &Model, init: &[Value], var_tys: &[Ty], set: &Expr) -> Ty {
    let mut ctx = Ctx::new(&model.program, init, model.next_slots);
    if let Ok(v) = ctx.eval(set) {
        if let Ok(t) = elem_ty(&v) {
            if is_known(&t) {
                return t;
            }
        }
    }
    match &set.kind {
        Kind::Var(i) => match var_tys.get(*i as usize) {
            Some(Ty::Set(t)) => (**t).clone(),
            _ => Ty::Unknown,
        },
        Kind::LetRef(d) => inner_set_ty(model, init, var_tys, &d.def),
        Kind::SetFilter(b, _) => b
            .set
            .as_deref()
            .map(|s| inner_set_ty(model, init, var_tys, s))
            .unwrap_or(Ty::Unknown),
        Kind::Cap(a, b) | Kind::SetMinus(a, b) => {
            let t = inner_set_ty(model, init, var_tys, a);
            if is_known(&t) {
                t
            } else if matches!(set.kind, Kind::Cap(..)) {
                inner_set_ty(model, init, var_tys, b)
            } else {
                Ty::Unknown
            }
        }
        Kind::Cup(a, b) => {
            let (x, y) = (
                inner_set_ty(model, init, var_tys, a),
                inner_set_ty(model, init, var_tys, b),
            );
            join(&x, &y).unwrap_or(Ty::Unknown)
        }
        _ => Ty::Unknown,
    }
}
