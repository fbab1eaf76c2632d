//! A model: a root module with a TLC `.cfg` file, lowered into what the
//! explorer needs: how to enumerate the initial states, the next-state
//! action, invariants, the safety parts of properties, constraints,
//! symmetry and view.

use crate::eval::{Ctx, EResult};
use crate::ir::{Expr, Kind, TemporalOp};
use crate::lower::{Bindings, LowerError, Lowerer, Program, Replacement};
use crate::value::{ModelValue, Value};
use parser::ast;
use parser::cfg::{CfgValue, CfgValueKind, ConstantBinding, ModelConfig};
use parser::load::ModuleSet;
use parser::span::Span;
use std::sync::Arc;

/// A named state or action predicate with its lowered form.
#[derive(Debug)]
pub struct Check {
    /// The name in the config.
    pub name: String,
    /// Where it is named (in the .cfg).
    pub span: Span,
    /// The lowered expression.
    pub expr: Expr,
    /// Its frame size.
    pub nslots: u32,
}

/// A PROPERTY split into what can be checked during exploration.
#[derive(Debug)]
pub struct Property {
    /// The name in the config.
    pub name: String,
    /// Where it is named.
    pub span: Span,
    /// State predicates that the initial states must satisfy.
    pub init: Vec<Expr>,
    /// Actions `[A]_v` every step must satisfy (stuttering allowed).
    pub actions: Vec<Expr>,
    /// State predicates that every state must satisfy (`[]P`).
    pub always: Vec<Expr>,
    /// Parts that are not checked, for the report.
    pub unchecked: Vec<Span>,
    /// Temporal parts, checked by [`crate::liveness`].
    pub temporal: Vec<Expr>,
    /// Frame size.
    pub nslots: u32,
}

/// A lowered model.
#[derive(Debug)]
pub struct Model {
    /// The program (definitions and state variables).
    pub program: Program,
    /// The initial-state predicate, with variables as assignment targets
    /// (`x = e` is read as `x' = e`).
    pub init: Expr,
    /// Frame size of `init`.
    pub init_slots: u32,
    /// The next-state action.
    pub next: Expr,
    /// Frame size of `next`.
    pub next_slots: u32,
    /// INVARIANTs.
    pub invariants: Vec<Check>,
    /// PROPERTYs.
    pub properties: Vec<Property>,
    /// CONSTRAINTs (state predicates).
    pub constraints: Vec<Check>,
    /// ACTION_CONSTRAINTs.
    pub action_constraints: Vec<Check>,
    /// The symmetry permutations (functions on model values).
    pub symmetry: Vec<Vec<(ModelValue, ModelValue)>>,
    /// VIEW.
    pub view: Option<Check>,
    /// Whether to report deadlocks.
    pub check_deadlock: bool,
    /// Liveness parts of the specification that are not checked.
    pub unchecked_liveness: Vec<Span>,
    /// The fairness (temporal) conjuncts of the SPECIFICATION, lowered in
    /// its context, with their frame sizes: checked by [`crate::liveness`].
    pub fairness: Vec<(Expr, u32)>,
}

/// Converts a `.cfg` value.
pub fn cfg_value(v: &CfgValue) -> Value {
    match &v.kind {
        CfgValueKind::Int(i) => Value::Int(*i),
        CfgValueKind::Str(s) => Value::str(s),
        CfgValueKind::Bool(b) => Value::Bool(*b),
        CfgValueKind::ModelValue(m) => Value::Model(ModelValue::new(m)),
        CfgValueKind::Set(items) => Value::set_from(items.iter().map(cfg_value).collect()),
    }
}

fn lerr<T>(span: Span, msg: impl Into<String>) -> Result<T, LowerError> {
    Err(LowerError {
        message: msg.into(),
        span,
        notes: vec![],
    })
}

/// The bindings a config gives.
pub fn bindings(cfg: &ModelConfig) -> Result<Bindings, LowerError> {
    let mut b = Bindings::default();
    for c in &cfg.constants {
        match c {
            ConstantBinding::Value {
                name,
                args,
                module,
                value,
            } => {
                if !args.is_empty() {
                    return lerr(
                        name.span,
                        "constant operators given pointwise (`F(1) = v`) are not supported",
                    );
                }
                let r = Replacement::Value(cfg_value(value));
                match module {
                    Some(m) => {
                        b.scoped.insert((m.name.clone(), name.name.clone()), r);
                    }
                    None => {
                        b.by_name.insert(name.name.clone(), r);
                    }
                }
            }
            ConstantBinding::Replace { name, module, by } => {
                let r = Replacement::Def(by.name.clone(), by.span);
                match module {
                    Some(m) => {
                        b.scoped.insert((m.name.clone(), name.name.clone()), r);
                    }
                    None => {
                        b.by_name.insert(name.name.clone(), r);
                    }
                }
            }
        }
    }
    Ok(b)
}

/// The conjuncts of a SPECIFICATION formula, found by expanding names of
/// the root module: state predicates (the initial condition), `[][A]_v`,
/// and everything else (liveness).
struct SpecParts {
    init: Vec<ast::Expr>,
    next: Option<ast::Expr>,
    liveness: Vec<ast::Expr>,
}

fn root_def<'a>(set: &'a ModuleSet, root: &str, name: &str) -> Option<&'a ast::OpDef> {
    // Search the root module and what it EXTENDS (same context).
    fn find<'a>(set: &'a ModuleSet, m: &str, name: &str, depth: usize) -> Option<&'a ast::OpDef> {
        if depth > 32 {
            return None;
        }
        let lm = set.get(m)?;
        for u in lm.ast.units.iter().rev() {
            if let ast::UnitKind::OpDef(d) = &u.kind {
                if d.name.name == name {
                    return Some(d);
                }
            }
        }
        for e in lm.ast.extends.iter().rev() {
            if let Some(d) = find(set, &e.name, name, depth + 1) {
                return Some(d);
            }
        }
        None
    }
    find(set, root, name, 0)
}

fn spec_parts(
    set: &ModuleSet,
    root: &str,
    e: &ast::Expr,
    out: &mut SpecParts,
    depth: usize,
) -> Result<(), LowerError> {
    use ast::ExprKind as A;
    if depth > 64 {
        return lerr(e.span, "the specification is nested too deeply");
    }
    match &e.kind {
        A::Paren(x) => spec_parts(set, root, x, out, depth + 1),
        A::Junction(true, items) => {
            for x in items {
                spec_parts(set, root, x, out, depth + 1)?;
            }
            Ok(())
        }
        A::Infix(op, a, b) if op.name == "/\\" => {
            spec_parts(set, root, a, out, depth + 1)?;
            spec_parts(set, root, b, out, depth + 1)
        }
        A::Apply(n, args) if args.is_empty() => match root_def(set, root, &n.name) {
            Some(d) if d.params.is_empty() && is_temporal(&d.body) => {
                spec_parts(set, root, &d.body, out, depth + 1)
            }
            _ => {
                out.init.push(e.clone());
                Ok(())
            }
        },
        A::Prefix(op, x) if op.name == "[]" => {
            if let A::BoxAction(a, _v) = &x.kind {
                if out.next.is_some() {
                    return lerr(
                        e.span,
                        "the specification has two next-state actions `[][A]_v`",
                    );
                }
                out.next = Some((**a).clone());
                return Ok(());
            }
            out.liveness.push(e.clone());
            Ok(())
        }
        A::Fairness(..) | A::Prefix(..) | A::Infix(..) | A::Quant(..) | A::TemporalQuant(..)
            if is_temporal(e) =>
        {
            out.liveness.push(e.clone());
            Ok(())
        }
        _ => {
            out.init.push(e.clone());
            Ok(())
        }
    }
}

/// Whether an expression syntactically contains a temporal operator.
fn is_temporal(e: &ast::Expr) -> bool {
    let mut t = false;
    parser::visit::walk_expr(e, &mut |x| match &x.kind {
        ast::ExprKind::Prefix(op, _) if op.name == "[]" || op.name == "<>" => t = true,
        ast::ExprKind::Infix(op, _, _) if op.name == "~>" => t = true,
        ast::ExprKind::Fairness(..) | ast::ExprKind::TemporalQuant(..) => t = true,
        _ => {}
    });
    t
}

impl Model {
    /// Lowers the model for `root` with the config `cfg`.
    pub fn build(set: &ModuleSet, root: &str, cfg: &ModelConfig) -> Result<Model, LowerError> {
        let b = bindings(cfg)?;
        let mut l = Lowerer::new(set, root, b)?;
        // The context the specification lives in (the root, or an instance
        // the root module INSTANCEs without a name).
        let mut spec_ctx = 0usize;
        let spec = match (&cfg.specification, &cfg.init, &cfg.next) {
            (Some(s), _, _) => {
                let not_defined = || {
                    lerr(
                        s.span,
                        format!(
                            "the SPECIFICATION `{}` is not defined in the model's modules",
                            s.name
                        ),
                    )
                };
                let Some((ctx, module)) = l.find_def(&s.name, s.span)? else {
                    return not_defined();
                };
                spec_ctx = ctx;
                let Some(d) = root_def(set, &module, &s.name) else {
                    return not_defined();
                };
                let mut parts = SpecParts {
                    init: vec![],
                    next: None,
                    liveness: vec![],
                };
                spec_parts(set, &module, &d.body, &mut parts, 0)?;
                let Some(next) = parts.next else {
                    return lerr(
                        s.span,
                        format!(
                            "the SPECIFICATION `{}` has no next-state action `[][Next]_vars`",
                            s.name
                        ),
                    );
                };
                (parts.init, next, parts.liveness, s.span)
            }
            (None, Some(i), Some(n)) => {
                let ie = ast::Expr::new(
                    ast::ExprKind::Apply(ast::Ident::new(i.name.clone(), i.span), vec![]),
                    i.span,
                );
                let ne = ast::Expr::new(
                    ast::ExprKind::Apply(ast::Ident::new(n.name.clone(), n.span), vec![]),
                    n.span,
                );
                (vec![ie], ne, vec![], i.span)
            }
            _ => {
                return lerr(
                    Span::new(cfg.file, 0, 0),
                    "the config names neither SPECIFICATION nor INIT and NEXT",
                )
            }
        };
        let (init_ast, next_ast, liveness_ast, spec_span) = spec;
        let _ = spec_span;
        let mut fairness = vec![];
        for e in &liveness_ast {
            fairness.push(l.expr_in(spec_ctx, e)?);
        }
        // Initial states: the predicate with every definition inlined, and
        // variables read as assignment targets.
        l.force_inline = true;
        let mut init_parts = vec![];
        let mut init_slots = 0;
        for e in &init_ast {
            let (x, n) = l.expr_in(spec_ctx, e)?;
            init_slots = init_slots.max(n);
            init_parts.push(x);
        }
        l.force_inline = false;
        let span = init_ast.first().map(|e| e.span).unwrap_or_default();
        let init = prime_vars(Expr::new(Kind::And(init_parts), span));
        let (mut next, next_slots) = l.expr_in(spec_ctx, &next_ast)?;
        // The actions are the named operators inside Next, not Next itself.
        while let Kind::Named(_, params, body) = next.kind {
            if !params.is_empty() {
                next = Expr::new(Kind::Named(Arc::from("Next"), params, body), next.span);
                break;
            }
            next = *body;
        }
        let mut invariants = vec![];
        for n in &cfg.invariants {
            let (expr, nslots) = l.entry(&n.name, n.span)?;
            invariants.push(Check {
                name: n.name.clone(),
                span: n.span,
                expr,
                nslots,
            });
        }
        let mut constraints = vec![];
        for n in &cfg.constraints {
            let (expr, nslots) = l.entry(&n.name, n.span)?;
            constraints.push(Check {
                name: n.name.clone(),
                span: n.span,
                expr,
                nslots,
            });
        }
        let mut action_constraints = vec![];
        for n in &cfg.action_constraints {
            let (expr, nslots) = l.entry(&n.name, n.span)?;
            action_constraints.push(Check {
                name: n.name.clone(),
                span: n.span,
                expr,
                nslots,
            });
        }
        let mut properties = vec![];
        for n in &cfg.properties {
            let (expr, nslots) = l.entry(&n.name, n.span)?;
            let mut p = Property {
                name: n.name.clone(),
                span: n.span,
                init: vec![],
                actions: vec![],
                always: vec![],
                unchecked: vec![],
                temporal: vec![],
                nslots,
            };
            split_property(expr, &mut p);
            properties.push(p);
        }
        let view = match &cfg.view {
            Some(n) => {
                let (expr, nslots) = l.entry(&n.name, n.span)?;
                Some(Check {
                    name: n.name.clone(),
                    span: n.span,
                    expr,
                    nslots,
                })
            }
            None => None,
        };
        let sym_expr = match &cfg.symmetry {
            Some(n) => Some((l.entry(&n.name, n.span)?, n.span)),
            None => None,
        };
        let program = std::mem::take(&mut l.program);
        let mut symmetry = vec![];
        if let Some(((e, nslots), span)) = sym_expr {
            let mut ctx = Ctx::new(&program, &[], nslots);
            let v = ctx.eval(&e).map_err(|e| LowerError {
                message: format!("evaluating the SYMMETRY set: {}", e.message),
                span: e.span,
                notes: e.notes.clone(),
            })?;
            symmetry = permutations(&v).map_err(|m| LowerError {
                message: m,
                span,
                notes: vec![],
            })?;
        }
        Ok(Model {
            program,
            init,
            init_slots,
            next,
            next_slots,
            invariants,
            properties,
            constraints,
            action_constraints,
            symmetry,
            view,
            check_deadlock: cfg.check_deadlock.map(|(b, _)| b).unwrap_or(true),
            unchecked_liveness: vec![],
            fairness,
        })
    }
}

/// The permutations of a SYMMETRY set, as model-value mappings.
fn permutations(v: &Value) -> Result<Vec<Vec<(ModelValue, ModelValue)>>, String> {
    let v = v.clone().normalize().map_err(|e| e.0)?;
    let elems = v.elements().map_err(|e| e.0)?;
    let mut out = vec![];
    for p in elems.iter() {
        let Value::Fn(f) = p else {
            return Err(format!(
                "the SYMMETRY set contains {}, which is not a permutation",
                p.describe()
            ));
        };
        let mut m = vec![];
        for (k, x) in f.iter() {
            match (&k, x) {
                (Value::Model(a), Value::Model(b)) => m.push((*a, *b)),
                _ => {
                    return Err(
                        "a SYMMETRY permutation must map model values to model values".into(),
                    )
                }
            }
        }
        out.push(m);
    }
    Ok(out)
}

/// Splits a property into initial predicates, `[][A]_v` actions, `[]P`
/// invariants, and unchecked (liveness) parts.
fn split_property(e: Expr, p: &mut Property) {
    match e.kind {
        Kind::And(items) => {
            for x in items {
                split_property(x, p);
            }
        }
        Kind::Named(_, _, body) => split_property(*body, p),
        Kind::Let(defs, body) if defs.is_empty() => split_property(*body, p),
        Kind::Temporal(TemporalOp::Always, mut args) if args.len() == 1 => {
            let x = args.remove(0);
            match x.kind {
                Kind::BoxAction(..) => p.actions.push(x),
                _ if !contains_temporal(&x) && !x.mentions_next() => p.always.push(x),
                _ => p.temporal.push(Expr::new(
                    Kind::Temporal(TemporalOp::Always, vec![x]),
                    e.span,
                )),
            }
        }
        _ if contains_temporal(&e) => p.temporal.push(e),
        _ if e.mentions_next() => p.unchecked.push(e.span),
        _ => p.init.push(e),
    }
}

fn contains_temporal(e: &Expr) -> bool {
    let mut t = false;
    e.walk(&mut |x| {
        if matches!(x.kind, Kind::Temporal(..)) {
            t = true;
        }
    });
    t
}

/// Rewrites state variables as next-state variables (for initial-state
/// enumeration with the successor enumerator).
fn prime_vars(e: Expr) -> Expr {
    fn go(e: &mut Expr) {
        if let Kind::Var(s) = e.kind {
            e.kind = Kind::PrimeVar(s);
            return;
        }
        e.for_each_child_mut(&mut go);
    }
    let mut e = e;
    go(&mut e);
    e
}

/// Evaluates a state predicate in `state`.
pub fn holds(prog: &Program, c: &Check, state: &[Value]) -> EResult<bool> {
    let mut ctx = Ctx::new(prog, state, c.nslots);
    let mut h = crate::value::mix(8, state.len() as u64);
    for v in state {
        h = crate::value::mix(h, v.fingerprint());
    }
    ctx.set_state_key(h);
    ctx.eval_bool(&c.expr)
}
