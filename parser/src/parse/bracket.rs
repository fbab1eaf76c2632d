//! Bracketed forms: sets `{...}`, functions, records and EXCEPT `[...]`,
//! tuples and actions `<<...>>`, and the subscripts of `[A]_v`, `<<A>>_v`
//! and `WF_v(A)`.

use super::expr::{bounds, expr, field_name, selector_follows};
use super::{close, comma_list, cut, ident, is_sym, sym, Input, PErr, PResult};
use crate::ast::*;
use crate::lex::{Tok, Token};
use nom::Err::{Error, Failure};

/// The subscript of `[A]_v`, `<<A>>_v`, `WF_v(A)`: a name (possibly
/// qualified), a tuple, or a parenthesised expression.
pub(super) fn subscript(i: Input<'_>) -> PResult<'_, Expr> {
    let Some(t) = i.tok() else {
        return Err(Error(PErr::expected(i, "a subscript")));
    };
    match &t.tok {
        Tok::Sym("<<") => {
            let (i2, e) = angle(i)?;
            Ok((i2, e))
        }
        Tok::Sym("(") => {
            let (i2, e) = expr(i.skip(1))?;
            let (i2, close) = sym(")")(i2)?;
            Ok((
                i2,
                Expr::new(ExprKind::Paren(Box::new(e)), t.span.to(close)),
            ))
        }
        Tok::Ident(_) => {
            let (i2, n) = ident(i)?;
            let span = n.span;
            if is_sym(&i2, "!") && selector_follows(&i2) {
                // `V!vars`: a qualified name, without arguments at the end
                // (they would be the action of WF_).
                let mut path = vec![PathElem::Name(n, vec![])];
                let mut j = i2;
                while is_sym(&j, "!") {
                    let (j2, m) = ident(j.skip(1))?;
                    path.push(PathElem::Name(m, vec![]));
                    j = j2;
                }
                let span = span.to(j.prev_span());
                return Ok((j, Expr::new(ExprKind::Qualified(path), span)));
            }
            Ok((i2, Expr::new(ExprKind::Apply(n, vec![]), span)))
        }
        _ => Err(Error(PErr::expected(i, "a subscript"))),
    }
}

pub(super) fn angle(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let i = i.skip(1);
    let (i, items) = if is_sym(&i, ">>") {
        (i, vec![])
    } else {
        cut(comma_list(expr))(i)?
    };
    let (i, end) = close(start, ">>")(i)?;
    if matches!(
        i.tok(),
        Some(Token {
            tok: Tok::Subscript,
            ..
        })
    ) {
        let (i2, sub) = cut(subscript)(i.skip(1))?;
        let action = if items.len() == 1 {
            items
                .into_iter()
                .next()
                .unwrap_or_else(|| unreachable_expr(start))
        } else {
            return Err(Failure(PErr::message(
                i,
                "`<<A>>_v` takes exactly one action",
            )));
        };
        let span = start.to(sub.span);
        return Ok((
            i2,
            Expr::new(ExprKind::AngleAction(Box::new(action), Box::new(sub)), span),
        ));
    }
    Ok((i, Expr::new(ExprKind::Tuple(items), start.to(end))))
}

fn unreachable_expr(span: crate::span::Span) -> Expr {
    Expr::new(ExprKind::Tuple(vec![]), span)
}

pub(super) fn braces(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let i = i.skip(1);
    if is_sym(&i, "}") {
        return Ok((
            i.skip(1),
            Expr::new(ExprKind::SetEnum(vec![]), start.to(i.here().span)),
        ));
    }
    let (i, first) = cut(expr)(i)?;
    if is_sym(&i, ":") {
        if let Some(b) = as_bound(&first) {
            let (i2, pred) = cut(expr)(i.skip(1))?;
            let (i2, end) = close(start, "}")(i2)?;
            return Ok((
                i2,
                Expr::new(ExprKind::SetFilter(b, Box::new(pred)), start.to(end)),
            ));
        }
        let (i2, bs) = cut(|i| bounds(i, false))(i.skip(1))?;
        let (i2, end) = close(start, "}")(i2)?;
        return Ok((
            i2,
            Expr::new(ExprKind::SetMap(Box::new(first), bs), start.to(end)),
        ));
    }
    let mut items = vec![first];
    let mut i = i;
    while is_sym(&i, ",") {
        let (i2, e) = cut(expr)(i.skip(1))?;
        items.push(e);
        i = i2;
    }
    let (i, end) = close(start, "}")(i)?;
    Ok((i, Expr::new(ExprKind::SetEnum(items), start.to(end))))
}

/// `x \in S` or `<<x, y>> \in S` as a bound (for `{x \in S : P}`).
fn as_bound(e: &Expr) -> Option<Bound> {
    let ExprKind::Infix(op, lhs, set) = &e.kind else {
        return None;
    };
    if op.name != "\\in" {
        return None;
    }
    match &lhs.kind {
        ExprKind::Apply(n, args) if args.is_empty() => Some(Bound {
            names: vec![n.clone()],
            tuple: false,
            set: Some(set.clone()),
        }),
        ExprKind::Tuple(items) => {
            let names = items
                .iter()
                .map(|x| match &x.kind {
                    ExprKind::Apply(n, a) if a.is_empty() => Some(n.clone()),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Bound {
                names,
                tuple: true,
                set: Some(set.clone()),
            })
        }
        _ => None,
    }
}

pub(super) fn brackets(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let inner = i.skip(1);
    // Records and record sets: `[a |-> e, ...]`, `[a : S, ...]`.
    if let (Some(Tok::Ident(_)), Some(Tok::Sym(s))) = (inner.peek(0), inner.peek(1)) {
        if *s == "|->" || *s == ":" {
            let is_set = *s == ":";
            let sep = if is_set { ":" } else { "|->" };
            let field = |i| {
                let (i, n) = field_name(i)?;
                let (i, _) = cut(sym(sep))(i)?;
                let (i, e) = cut(expr)(i)?;
                Ok((i, (n, e)))
            };
            let (i2, fields) = cut(comma_list(field))(inner)?;
            let (i2, end) = close(start, "]")(i2)?;
            let kind = if is_set {
                ExprKind::RecordSet(fields)
            } else {
                ExprKind::Record(fields)
            };
            return Ok((i2, Expr::new(kind, start.to(end))));
        }
    }
    // Function constructor `[x \in S, y \in T |-> e]`.
    if let Ok((i2, bs)) = bounds(inner, false) {
        if is_sym(&i2, "|->") {
            let (i3, body) = cut(expr)(i2.skip(1))?;
            let (i3, end) = close(start, "]")(i3)?;
            return Ok((
                i3,
                Expr::new(ExprKind::FnCons(bs, Box::new(body)), start.to(end)),
            ));
        }
    }
    let (i, first) = cut(expr)(inner)?;
    let Some(t) = i.tok() else {
        return Err(Failure(PErr::expected(i, "`]`, `->` or `EXCEPT`")));
    };
    match &t.tok {
        Tok::Sym("->") => {
            let (i2, rng) = cut(expr)(i.skip(1))?;
            let (i2, end) = close(start, "]")(i2)?;
            Ok((
                i2,
                Expr::new(
                    ExprKind::FnSet(Box::new(first), Box::new(rng)),
                    start.to(end),
                ),
            ))
        }
        Tok::Keyword("EXCEPT") => {
            let (i2, ups) = cut(comma_list(except_update))(i.skip(1))?;
            let (i2, end) = close(start, "]")(i2)?;
            Ok((
                i2,
                Expr::new(ExprKind::Except(Box::new(first), ups), start.to(end)),
            ))
        }
        Tok::Sym("]") => {
            let i2 = i.skip(1);
            if !matches!(
                i2.tok(),
                Some(Token {
                    tok: Tok::Subscript,
                    ..
                })
            ) {
                return Err(Failure(PErr::message(
                    i2,
                    "`[A]` must be followed by a subscript, as in `[A]_vars`",
                )));
            }
            let (i3, sub) = cut(subscript)(i2.skip(1))?;
            let span = start.to(sub.span);
            Ok((
                i3,
                Expr::new(ExprKind::BoxAction(Box::new(first), Box::new(sub)), span),
            ))
        }
        _ => Err(Failure(PErr::expected(i, "`]`, `->`, `|->` or `EXCEPT`"))),
    }
}

/// `![a][b].c = e`.
fn except_update(i: Input<'_>) -> PResult<'_, (Vec<ExceptKey>, Expr)> {
    if !is_sym(&i, "!") {
        return Err(Failure(PErr::expected(i, "`!`").label(
            "expected `!`: an EXCEPT update is written `![k] = e` or `!.f = e`",
        )));
    }
    let mut i = i.skip(1);
    let mut keys = vec![];
    loop {
        if is_sym(&i, ".") {
            let (i2, f) = cut(field_name)(i.skip(1))?;
            keys.push(ExceptKey::Field(f));
            i = i2;
        } else if is_sym(&i, "[") {
            let open = i.here().span;
            let (i2, args) = cut(comma_list(expr))(i.skip(1))?;
            let (i2, _) = close(open, "]")(i2)?;
            keys.push(ExceptKey::Index(args));
            i = i2;
        } else {
            break;
        }
    }
    if keys.is_empty() {
        return Err(Failure(PErr::expected(
            i,
            "`[` or `.` (an EXCEPT path such as `![k]` or `!.field`)",
        )));
    }
    if !is_sym(&i, "=") {
        return Err(Failure(PErr::expected(i, "`=`").label(
            "expected `=`: an EXCEPT update is written `![k] = e` or `!.f = e`",
        )));
    }
    let (i, e) = cut(expr)(i.skip(1))?;
    Ok((i, (keys, e)))
}
