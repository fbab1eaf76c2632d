//! Expressions: the lowering of each kind of AST expression to the IR,
//! with bound names given frame slots.

use super::{lerr, Binding, CtxId, Frame, LResult, Lowerer};
use crate::ir::{Bound, Expr, Key, Kind, LetDef, Quant, TemporalOp};
use crate::value::Value;
use parser::ast;
use parser::span::Span;
use std::sync::Arc;

impl<'a> Lowerer<'a> {
    pub(super) fn bounds(
        &mut self,
        bs: &[ast::Bound],
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
    ) -> LResult<Vec<Bound>> {
        // Every set is lowered before any of the names is bound.
        let mut sets = vec![];
        for b in bs {
            sets.push(match &b.set {
                Some(s) => Some(Box::new(self.expr(s, ctx, scope, frame)?)),
                None => None,
            });
        }
        let mut out = vec![];
        for (b, set) in bs.iter().zip(sets) {
            if b.tuple {
                let slots: Vec<u32> = b.names.iter().map(|_| frame.alloc()).collect();
                for (n, s) in b.names.iter().zip(&slots) {
                    scope.push((n.name.clone(), Binding::Local(*s)));
                }
                out.push(Bound {
                    slots,
                    tuple: true,
                    set,
                    names: b.names.iter().map(|n| n.name.clone()).collect(),
                });
            } else {
                // `x, y \in S` is two binders over the same set.
                for n in &b.names {
                    let s = frame.alloc();
                    scope.push((n.name.clone(), Binding::Local(s)));
                    out.push(Bound {
                        slots: vec![s],
                        tuple: false,
                        set: set.clone(),
                        names: vec![n.name.clone()],
                    });
                }
            }
        }
        Ok(out)
    }

    /// Lowers an expression.
    pub(super) fn expr(
        &mut self,
        e: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
    ) -> LResult<Expr> {
        use ast::ExprKind as A;
        let span = e.span;
        let mk = |k| Ok(Expr::new(k, span));
        let scope_len = scope.len();
        let r = match &e.kind {
            A::Num(n) => match n.parse::<i64>() {
                Ok(i) => mk(Kind::Const(Value::Int(i))),
                Err(_) => lerr(
                    span,
                    format!("the number {n} is too large (integers are 64-bit)"),
                ),
            },
            A::Decimal(_) => lerr(
                span,
                "real numbers are not supported by the evaluator (nor by TLC)",
            ),
            A::Str(s) => mk(Kind::Const(Value::str(s))),
            A::At => match scope.iter().rposition(|(n, _)| n == "@") {
                Some(p) => match &scope[p].1 {
                    Binding::Local(s) => mk(Kind::Local(*s)),
                    _ => lerr(span, "`@` outside EXCEPT"),
                },
                None => lerr(
                    span,
                    "`@` can only be used in the value of an EXCEPT update",
                ),
            },
            A::Paren(x) => self.expr(x, ctx, scope, frame),
            A::Label(_, _, x) => self.expr(x, ctx, scope, frame),
            A::Apply(n, args) => self.name(n, args, ctx, scope, frame, span),
            A::Qualified(path) => self.qualified(path, ctx, scope, frame, span),
            A::Infix(op, a, b) => self.infix(op, a, b, ctx, scope, frame, span),
            A::Prefix(op, a) => self.prefix(op, a, ctx, scope, frame, span),
            A::Postfix(op, a) => {
                if op.name == "'" {
                    let x = self.expr(a, ctx, scope, frame)?;
                    Ok(prime(x, span))
                } else {
                    let x = self.expr(a, ctx, scope, frame)?;
                    self.op_call(&op.name, vec![x], ctx, frame, span)
                }
            }
            A::Junction(is_and, items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                if *is_and {
                    mk(Kind::And(xs))
                } else {
                    mk(Kind::Or(xs))
                }
            }
            A::If(c, a, b) => {
                let c = self.expr(c, ctx, scope, frame)?;
                let a = self.expr(a, ctx, scope, frame)?;
                let b = self.expr(b, ctx, scope, frame)?;
                mk(Kind::If(Box::new(c), Box::new(a), Box::new(b)))
            }
            A::Case(arms, other) => {
                let mut xs = vec![];
                for arm in arms {
                    let g = self.expr(&arm.guard, ctx, scope, frame)?;
                    let v = self.expr(&arm.value, ctx, scope, frame)?;
                    xs.push((g, v));
                }
                let o = match other {
                    Some(o) => Some(Box::new(self.expr(o, ctx, scope, frame)?)),
                    None => None,
                };
                mk(Kind::Case(xs, o))
            }
            A::Let(defs, body) => self.let_expr(defs, body, ctx, scope, frame, span),
            A::Quant(q, bs, body) => {
                let q = match q {
                    ast::Quant::Forall => Quant::Forall,
                    ast::Quant::Exists => Quant::Exists,
                };
                let bs = self.bounds(bs, ctx, scope, frame)?;
                let body = self.expr(body, ctx, scope, frame)?;
                mk(Kind::Quant(q, bs, Box::new(body)))
            }
            A::TemporalQuant(..) => mk(Kind::Temporal(TemporalOp::Other, vec![])),
            A::Choose(b, body) => {
                let mut bs = self.bounds(std::slice::from_ref(b), ctx, scope, frame)?;
                let body = self.expr(body, ctx, scope, frame)?;
                mk(Kind::Choose(bs.remove(0), Box::new(body)))
            }
            A::SetEnum(items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                if xs.iter().all(|x| matches!(x.kind, Kind::Const(_))) {
                    let vals: Result<Vec<Value>, _> = xs
                        .iter()
                        .map(|x| match &x.kind {
                            Kind::Const(v) => v.clone().normalize(),
                            _ => Ok(Value::FALSE),
                        })
                        .collect();
                    if let Ok(vals) = vals {
                        return mk(Kind::Const(Value::set_from(vals)));
                    }
                }
                mk(Kind::SetEnum(xs))
            }
            A::SetFilter(b, pred) => {
                let mut bs = self.bounds(std::slice::from_ref(b), ctx, scope, frame)?;
                let p = self.expr(pred, ctx, scope, frame)?;
                mk(Kind::SetFilter(bs.remove(0), Box::new(p)))
            }
            A::SetMap(body, bs) => {
                let bs = self.bounds(bs, ctx, scope, frame)?;
                let b = self.expr(body, ctx, scope, frame)?;
                mk(Kind::SetMap(Box::new(b), bs))
            }
            A::FnCons(bs, body) => {
                let bs = self.bounds(bs, ctx, scope, frame)?;
                let b = self.expr(body, ctx, scope, frame)?;
                mk(Kind::FnCons(bs, Box::new(b)))
            }
            A::FnSet(a, b) => {
                let a = self.expr(a, ctx, scope, frame)?;
                let b = self.expr(b, ctx, scope, frame)?;
                mk(Kind::FnSet(Box::new(a), Box::new(b)))
            }
            A::FnApp(f, args) => {
                let f = self.expr(f, ctx, scope, frame)?;
                let args = self.args(args, ctx, scope, frame)?;
                // `f[x]` of a function definition that is not computed once
                // (it depends on the state, or is being defined: recursion)
                // calls its body directly.
                if let Kind::Call(id, a0) = &f.kind {
                    let d = &self.program.defs[*id as usize];
                    if d.fun_bounds.is_some() && a0.is_empty() && args.len() == d.nparams as usize {
                        return mk(Kind::Call(*id, args));
                    }
                }
                mk(Kind::FnApp(Box::new(f), args))
            }
            A::Record(fields) => {
                let mut pairs = vec![];
                for (n, x) in fields {
                    pairs.push((Value::str(&n.name), self.expr(x, ctx, scope, frame)?));
                }
                pairs.sort_by(|a, b| a.0.cmp(&b.0));
                let (keys, vals): (Vec<Value>, Vec<Expr>) = pairs.into_iter().unzip();
                mk(Kind::Record(crate::value::Keys::new(keys), vals))
            }
            A::RecordSet(fields) => {
                let mut pairs = vec![];
                for (n, x) in fields {
                    pairs.push((Value::str(&n.name), self.expr(x, ctx, scope, frame)?));
                }
                pairs.sort_by(|a, b| a.0.cmp(&b.0));
                let (keys, vals): (Vec<Value>, Vec<Expr>) = pairs.into_iter().unzip();
                mk(Kind::RecordSet(crate::value::Keys::new(keys), vals))
            }
            A::Dot(r, f) => {
                let r = self.expr(r, ctx, scope, frame)?;
                mk(Kind::Dot(Box::new(r), Value::str(&f.name)))
            }
            A::Tuple(items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                mk(Kind::Tuple(xs))
            }
            A::Times(items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                mk(Kind::Times(xs))
            }
            A::Except(f, ups) => {
                let f = self.expr(f, ctx, scope, frame)?;
                let at = frame.alloc();
                let mut out = vec![];
                for (keys, v) in ups {
                    let mut ks = vec![];
                    for k in keys {
                        ks.push(match k {
                            ast::ExceptKey::Field(n) => Key::Field(Value::str(&n.name)),
                            ast::ExceptKey::Index(ix) => {
                                Key::Index(self.args(ix, ctx, scope, frame)?)
                            }
                        });
                    }
                    scope.push(("@".into(), Binding::Local(at)));
                    let v = self.expr(v, ctx, scope, frame);
                    scope.pop();
                    out.push((ks, v?));
                }
                mk(Kind::Except(Box::new(f), out, at))
            }
            A::BoxAction(a, v) => {
                let a = self.expr(a, ctx, scope, frame)?;
                let v = self.expr(v, ctx, scope, frame)?;
                mk(Kind::BoxAction(Box::new(a), Box::new(v)))
            }
            A::AngleAction(a, v) => {
                let a = self.expr(a, ctx, scope, frame)?;
                let v = self.expr(v, ctx, scope, frame)?;
                mk(Kind::AngleAction(Box::new(a), Box::new(v)))
            }
            A::Fairness(strong, v, a) => {
                let v = self.expr(v, ctx, scope, frame)?;
                let a = self.expr(a, ctx, scope, frame)?;
                mk(Kind::Temporal(
                    if *strong {
                        TemporalOp::Sf
                    } else {
                        TemporalOp::Wf
                    },
                    vec![v, a],
                ))
            }
            A::Lambda(..) => lerr(span, "a LAMBDA can only be passed as an operator argument"),
            A::AssumeProve(..) => mk(Kind::Unsupported(
                "ASSUME ... PROVE cannot be evaluated".into(),
            )),
            A::StepRef(_) => mk(Kind::Unsupported("a proof step cannot be evaluated".into())),
        };
        scope.truncate(scope_len);
        r
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn let_expr(
        &mut self,
        defs: &[ast::Unit],
        body: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let mut lets = vec![];
        for d in defs {
            match &d.kind {
                ast::UnitKind::OpDef(od) if od.params.is_empty() => {
                    let x = self.expr(&od.body, ctx, scope, frame)?;
                    let ld = LetDef {
                        slot: frame.alloc(),
                        memo: !x.mentions_next(),
                        def: Arc::new(x),
                        name: od.name.name.clone(),
                    };
                    scope.push((od.name.name.clone(), Binding::Let(Box::new(ld.clone()))));
                    lets.push(ld);
                }
                ast::UnitKind::OpDef(od) => {
                    let params = od.params.iter().map(|p| p.name.name.clone()).collect();
                    let captured = scope.clone();
                    scope.push((
                        od.name.name.clone(),
                        Binding::LetOp(params, Arc::new(od.body.clone()), captured),
                    ));
                }
                ast::UnitKind::FunDef(fd) => {
                    let self_slot = frame.alloc();
                    let mut inner = scope.clone();
                    inner.push((fd.name.name.clone(), Binding::Local(self_slot)));
                    let bs = self.bounds(&fd.bounds, ctx, &mut inner, frame)?;
                    let b = self.expr(&fd.body, ctx, &mut inner, frame)?;
                    let x = Expr::new(Kind::RecFn(self_slot, bs, Box::new(b)), d.span);
                    let ld = LetDef {
                        slot: frame.alloc(),
                        memo: !x.mentions_next(),
                        def: Arc::new(x),
                        name: fd.name.name.clone(),
                    };
                    scope.push((fd.name.name.clone(), Binding::Let(Box::new(ld.clone()))));
                    lets.push(ld);
                }
                ast::UnitKind::Recursive(_) => {}
                ast::UnitKind::ModuleDef(_) | ast::UnitKind::Instance(_) => {
                    return lerr(
                        d.span,
                        "INSTANCE inside LET is not supported by the evaluator",
                    );
                }
                _ => {}
            }
        }
        let b = self.expr(body, ctx, scope, frame)?;
        Ok(wrap_let(lets, b, span))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn infix(
        &mut self,
        op: &ast::Ident,
        a: &ast::Expr,
        b: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let x = self.expr(a, ctx, scope, frame)?;
        let y = self.expr(b, ctx, scope, frame)?;
        let bx = |e: Expr| Box::new(e);
        let k = match op.name.as_str() {
            "/\\" => Kind::And(flatten(x, y, a, |k| match k {
                Kind::And(xs) => Ok(xs),
                k => Err(k),
            })),
            "\\/" => Kind::Or(flatten(x, y, a, |k| match k {
                Kind::Or(xs) => Ok(xs),
                k => Err(k),
            })),
            "=>" => Kind::Implies(bx(x), bx(y)),
            "<=>" => Kind::Equiv(bx(x), bx(y)),
            "=" => Kind::Eq(bx(x), bx(y)),
            "/=" => Kind::Neq(bx(x), bx(y)),
            "\\in" => Kind::In(bx(x), bx(y)),
            "\\notin" => Kind::NotIn(bx(x), bx(y)),
            "\\cup" => Kind::Cup(bx(x), bx(y)),
            "\\cap" => Kind::Cap(bx(x), bx(y)),
            "\\" => Kind::SetMinus(bx(x), bx(y)),
            "\\subseteq" => Kind::Subseteq(bx(x), bx(y)),
            "~>" => Kind::Temporal(TemporalOp::LeadsTo, vec![x, y]),
            "-+->" | "\\cdot" => Kind::Temporal(TemporalOp::Other, vec![x, y]),
            name => return self.op_call(name, vec![x, y], ctx, frame, span),
        };
        Ok(Expr::new(k, span))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn prefix(
        &mut self,
        op: &ast::Ident,
        a: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let x = self.expr(a, ctx, scope, frame)?;
        let bx = Box::new(x);
        let k = match op.name.as_str() {
            "~" => Kind::Not(bx),
            "SUBSET" => Kind::Subset(bx),
            "UNION" => Kind::Union(bx),
            "DOMAIN" => Kind::Domain(bx),
            "UNCHANGED" => Kind::Unchanged(bx),
            "ENABLED" => Kind::Enabled(bx),
            "[]" => Kind::Temporal(TemporalOp::Always, vec![*bx]),
            "<>" => Kind::Temporal(TemporalOp::Eventually, vec![*bx]),
            name => return self.op_call(name, vec![*bx], ctx, frame, span),
        };
        Ok(Expr::new(k, span))
    }

    /// A user-definable operator symbol (`+`, `\o`, `:>` ...) applied to
    /// lowered arguments: resolved like a name.
    pub(super) fn op_call(
        &mut self,
        name: &str,
        args: Vec<Expr>,
        ctx: CtxId,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        if let Some(op) = self.ctxs[ctx].op_subst.get(name).cloned() {
            return self.apply_opref(&op, args, frame, span);
        }
        let (c, item) = self.lookup(ctx, name, span)?;
        self.apply_item(c, name, item, args, vec![], frame, span)
    }
}

/// The operands of `x op y` for an associative `op` (`/\`, `\/`): the
/// items of `x` when it is itself an infix use of `op` (`split` returns them),
/// then `y`. A bullet list or parenthesised `x` stays one operand.
pub(super) fn flatten(
    x: Expr,
    y: Expr,
    x_ast: &ast::Expr,
    split: impl FnOnce(Kind) -> Result<Vec<Expr>, Kind>,
) -> Vec<Expr> {
    let written_infix = !matches!(
        x_ast.kind,
        ast::ExprKind::Junction(..) | ast::ExprKind::Paren(_)
    );
    let span = x.span;
    let mut v = if written_infix {
        match split(x.kind) {
            Ok(xs) => xs,
            Err(k) => vec![Expr::new(k, span)],
        }
    } else {
        vec![x]
    };
    v.push(y);
    v
}

/// Whether evaluating `e` does more than arithmetic and lookups.
pub(super) fn is_expensive(e: &Expr) -> bool {
    e.has_costly_node(&|k| matches!(k, Kind::Call(..)))
}

pub(super) fn prime(x: Expr, span: Span) -> Expr {
    match x.kind {
        Kind::Var(s) => Expr::new(Kind::PrimeVar(s), span),
        Kind::Const(v) => Expr::new(Kind::Const(v), span),
        _ => Expr::new(Kind::Prime(Box::new(x)), span),
    }
}

pub(super) fn wrap_let(defs: Vec<LetDef>, body: Expr, span: Span) -> Expr {
    if defs.is_empty() {
        body
    } else {
        Expr::new(Kind::Let(defs, Box::new(body)), span)
    }
}
