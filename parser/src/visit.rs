//! A pre-order walk over expressions, for passes that look for one kind of
//! node (module references, primes, names).

use crate::ast::*;

/// Calls `f` on `e` and on every expression inside it, outer first,
/// including the bodies of LET definitions.
pub fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    for c in children(e) {
        crate::limits::with_stack(|| walk_expr(c, f));
    }
}

/// The direct sub-expressions of `e`, in source order.
pub fn children(e: &Expr) -> Vec<&Expr> {
    let mut v: Vec<&Expr> = vec![];
    fn push_bounds<'a>(v: &mut Vec<&'a Expr>, bs: &'a [Bound]) {
        for b in bs {
            if let Some(s) = &b.set {
                v.push(s);
            }
        }
    }
    fn push_unit<'a>(v: &mut Vec<&'a Expr>, u: &'a Unit) {
        match &u.kind {
            UnitKind::OpDef(d) => v.push(&d.body),
            UnitKind::FunDef(d) => {
                push_bounds(v, &d.bounds);
                v.push(&d.body);
            }
            UnitKind::Instance(i) => v.extend(i.subst.iter().map(|(_, e)| e)),
            UnitKind::ModuleDef(m) => v.extend(m.instance.subst.iter().map(|(_, e)| e)),
            _ => {}
        }
    }
    match &e.kind {
        ExprKind::Apply(_, args) => v.extend(args),
        ExprKind::Qualified(path) => {
            for p in path {
                match p {
                    PathElem::Name(_, a) | PathElem::Selector(_, a) => v.extend(a),
                }
            }
        }
        ExprKind::Num(_)
        | ExprKind::Decimal(_)
        | ExprKind::Str(_)
        | ExprKind::At
        | ExprKind::StepRef(_) => {}
        ExprKind::Infix(_, a, b) => {
            v.push(a);
            v.push(b);
        }
        ExprKind::Prefix(_, a) | ExprKind::Postfix(_, a) | ExprKind::Paren(a) => v.push(a),
        ExprKind::Junction(_, items)
        | ExprKind::SetEnum(items)
        | ExprKind::Tuple(items)
        | ExprKind::Times(items) => v.extend(items),
        ExprKind::If(a, b, c) => {
            v.push(a);
            v.push(b);
            v.push(c);
        }
        ExprKind::Case(arms, other) => {
            for a in arms {
                v.push(&a.guard);
                v.push(&a.value);
            }
            if let Some(o) = other {
                v.push(o);
            }
        }
        ExprKind::Let(defs, body) => {
            for d in defs {
                push_unit(&mut v, d);
            }
            v.push(body);
        }
        ExprKind::Quant(_, bs, body) | ExprKind::FnCons(bs, body) => {
            push_bounds(&mut v, bs);
            v.push(body);
        }
        ExprKind::TemporalQuant(_, _, body)
        | ExprKind::Lambda(_, body)
        | ExprKind::Label(_, _, body) => v.push(body),
        ExprKind::Choose(b, body) | ExprKind::SetFilter(b, body) => {
            push_bounds(&mut v, std::slice::from_ref(b));
            v.push(body);
        }
        ExprKind::SetMap(body, bs) => {
            v.push(body);
            push_bounds(&mut v, bs);
        }
        ExprKind::FnSet(a, b)
        | ExprKind::BoxAction(a, b)
        | ExprKind::AngleAction(a, b)
        | ExprKind::Fairness(_, a, b) => {
            v.push(a);
            v.push(b);
        }
        ExprKind::FnApp(f, args) => {
            v.push(f);
            v.extend(args);
        }
        ExprKind::Record(fields) | ExprKind::RecordSet(fields) => {
            v.extend(fields.iter().map(|(_, e)| e))
        }
        ExprKind::Dot(a, _) => v.push(a),
        ExprKind::Except(f, ups) => {
            v.push(f);
            for (keys, val) in ups {
                for k in keys {
                    if let ExceptKey::Index(ix) = k {
                        v.extend(ix);
                    }
                }
                v.push(val);
            }
        }
        ExprKind::AssumeProve(items, goal) => {
            for it in items {
                match it {
                    AssumeItem::New { set, .. } => {
                        if let Some(s) = set {
                            v.push(s);
                        }
                    }
                    AssumeItem::Def(u) => push_unit(&mut v, u),
                    AssumeItem::Fact(e) => v.push(e),
                }
            }
            v.push(goal);
        }
    }
    v
}
