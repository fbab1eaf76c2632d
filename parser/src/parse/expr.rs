//! Expressions: precedence climbing over SANY's operator table
//! ([`super::prec`]), names and qualified names, bullet lists, quantifiers
//! and the keyword forms (IF, CASE, LET, CHOOSE, LAMBDA, ASSUME/PROVE); the
//! bracketed forms are in [`super::bracket`].

use super::bracket::{angle, braces, brackets, subscript};
use super::prec::{conflict, prefix_info, step, Left, Step, POSTFIX};
pub(crate) use super::prec::{infix_info, is_postfix};
use super::{
    close, comma_list, cut, deeper, ident, is_kw, is_sym, kw, nested, sym, Input, PErr, PResult,
};
use crate::ast::*;
use crate::lex::{Tok, Token};
use nom::Err::{Error, Failure};

/// A whole expression.
pub(crate) fn expr(i: Input<'_>) -> PResult<'_, Expr> {
    expr_bp(i, None)
}

/// An expression that is the right operand of `left` (or a whole
/// expression when `left` is `None`): it extends over the infix operators
/// that bind tighter than `left`. Each call is one nesting level, and so is
/// each operator of a chain (`a + b + c` nests `a + b` in the second `+`).
pub(crate) fn expr_bp<'a>(i: Input<'a>, left: Option<Left>) -> PResult<'a, Expr> {
    nested(i, |i| operators(i, left))
}

fn operators<'a>(i: Input<'a>, left: Option<Left>) -> PResult<'a, Expr> {
    let (mut i, mut lhs) = prefix_or_primary(i, left)?;
    while let Some(t) = i.tok() {
        let Tok::Sym(op) = &t.tok else { break };
        let Some(p) = infix_info(op) else {
            break;
        };
        if let Some(l) = &left {
            match step(l, op, p) {
                Step::Reduce => break,
                Step::Conflict => return Err(conflict(i, l, op)),
                Step::Shift => {}
            }
        }
        let me = Left {
            name: op,
            prec: p,
            prefix: false,
            span: t.span,
        };
        i = deeper(i)?;
        let (i2, rhs) = cut(|i| expr_bp(i, Some(me)))(i.skip(1))?;
        i = i2;
        let span = lhs.span.to(rhs.span);
        lhs = if *op == "\\X" {
            // `A \X B \X C` is one 3-ary product; `(A \X B) \X C` is not.
            match lhs.kind {
                ExprKind::Times(mut parts) => {
                    parts.push(rhs);
                    Expr::new(ExprKind::Times(parts), span)
                }
                kind => Expr::new(ExprKind::Times(vec![Expr::new(kind, lhs.span), rhs]), span),
            }
        } else {
            Expr::new(
                ExprKind::Infix(Ident::new(*op, t.span), Box::new(lhs), Box::new(rhs)),
                span,
            )
        };
    }
    Ok((i, lhs))
}

fn prefix_or_primary<'a>(i: Input<'a>, left: Option<Left>) -> PResult<'a, Expr> {
    let Some(t) = i.tok() else {
        return Err(Error(PErr::expected(i, "an expression")));
    };
    if let Some((name, p)) = prefix_info(&t.tok) {
        // A `-` right after `*`, `^` ... (whose precedence is above prefix
        // `-`) is a conflict in SANY: `a * -b` must be `a * (-b)`.
        if let (Some(l), "-.") = (&left, name) {
            if l.prec.low > p.high {
                return Err(conflict(i, l, name));
            }
        }
        let me = Left {
            name,
            prec: p,
            prefix: true,
            span: t.span,
        };
        let (i2, e) = cut(|i| expr_bp(i, Some(me)))(i.skip(1))?;
        let span = t.span.to(e.span);
        return Ok((
            i2,
            Expr::new(
                ExprKind::Prefix(Ident::new(name, t.span), Box::new(e)),
                span,
            ),
        ));
    }
    let (i, e) = primary(i)?;
    postfix(i, e, left)
}

/// Function application, record fields, primes and postfix operators.
fn postfix<'a>(mut i: Input<'a>, mut e: Expr, left: Option<Left>) -> PResult<'a, Expr> {
    while let Some(t) = i.tok() {
        if matches!(&t.tok, Tok::Sym(op) if *op == "[" || *op == "." || *op == "'" || is_postfix(op))
        {
            i = deeper(i)?;
        }
        match &t.tok {
            Tok::Sym("[") => {
                let (i2, args) = cut(comma_list(expr))(i.skip(1))?;
                let (i2, end) = close(t.span, "]")(i2)?;
                let span = e.span.to(end);
                e = Expr::new(ExprKind::FnApp(Box::new(e), args), span);
                i = i2;
            }
            Tok::Sym(".") => {
                let (i2, f) = cut(field_name)(i.skip(1))?;
                let span = e.span.to(f.span);
                e = Expr::new(ExprKind::Dot(Box::new(e), f), span);
                i = i2;
            }
            Tok::Sym(op) if *op == "'" || is_postfix(op) => {
                // `ENABLED x'` and `UNCHANGED x'` are conflicts in SANY.
                if let Some(l) = &left {
                    if let Step::Conflict = step(l, op, POSTFIX) {
                        return Err(conflict(i, l, op));
                    }
                }
                let span = e.span.to(t.span);
                e = Expr::new(
                    ExprKind::Postfix(Ident::new(*op, t.span), Box::new(e)),
                    span,
                );
                i = i.skip(1);
            }
            _ => break,
        }
    }
    Ok((i, e))
}

/// A record field name: any identifier (keywords are not allowed by SANY
/// either, but a number is, as in `r.1` of some specs).
pub(super) fn field_name(i: Input<'_>) -> PResult<'_, Ident> {
    match i.tok() {
        Some(Token {
            tok: Tok::Ident(n) | Tok::Number(n),
            span,
            ..
        }) => Ok((i.skip(1), Ident::new(n.clone(), *span))),
        _ => Err(Error(PErr::expected(i, "a field name"))),
    }
}

fn primary(i: Input<'_>) -> PResult<'_, Expr> {
    let Some(t) = i.tok() else {
        return Err(Error(PErr::expected(i, "an expression")));
    };
    let one = |kind| Ok((i.skip(1), Expr::new(kind, t.span)));
    match &t.tok {
        Tok::Number(n) => one(ExprKind::Num(n.clone())),
        Tok::Decimal(n) => one(ExprKind::Decimal(n.clone())),
        Tok::Str(s) => one(ExprKind::Str(s.clone())),
        Tok::Sym("@") => one(ExprKind::At),
        Tok::Step {
            marker, name, dot, ..
        } => {
            if *dot {
                return Err(Error(PErr::expected(i, "an expression")));
            }
            let (i2, e) = one(ExprKind::StepRef(format!("<{marker}>{name}")))?;
            qualified_tail(
                i2,
                vec![PathElem::Name(
                    Ident::new(format!("<{marker}>{name}"), t.span),
                    vec![],
                )],
                t.span,
            )
            .map(|(i, q)| {
                (
                    i,
                    if matches!(q.kind, ExprKind::Qualified(ref p) if p.len() == 1) {
                        e.clone()
                    } else {
                        q
                    },
                )
            })
        }
        Tok::Ident(n) => {
            if super::unit::starts_named_definition(&i) {
                // `Next == x' = x +` followed by `Spec == ...`: the operand
                // is missing, the next definition is not it.
                return Err(Error(
                    PErr::message(
                        i,
                        format!("expected an expression, found the definition of `{n}`"),
                    )
                    .label("a new definition starts here")
                    .related(i.prev_span(), "the expression is unfinished here"),
                ));
            }
            name_expr(i)
        }
        Tok::Sym("(") => {
            let (i2, e) = cut(expr)(i.skip(1))?;
            let (i2, end) = close(t.span, ")")(i2)?;
            Ok((i2, Expr::new(ExprKind::Paren(Box::new(e)), t.span.to(end))))
        }
        Tok::Sym("/\\") | Tok::Sym("\\/") => junction(i),
        // An operator symbol applied in functional notation: `<(x, y)`,
        // `\cup(S, T)`, `-.(x)` (SANY accepts these).
        Tok::Sym(op)
            if (infix_info(op).is_some() || is_postfix(op) || *op == "-.")
                && i.peek(1) == Some(&Tok::Sym("(")) =>
        {
            let open = i.all[i.pos + 1].span;
            let (i2, args) = cut(comma_list(arg_expr))(i.skip(2))?;
            let (i2, end) = close(open, ")")(i2)?;
            Ok((
                i2,
                Expr::new(
                    ExprKind::Apply(Ident::new(*op, t.span), args),
                    t.span.to(end),
                ),
            ))
        }
        Tok::Sym("{") => braces(i),
        Tok::Sym("[") => brackets(i),
        Tok::Sym("<<") => angle(i),
        Tok::Keyword("IF") => if_expr(i),
        Tok::Keyword("CASE") => case_expr(i),
        Tok::Keyword("LET") => let_expr(i),
        Tok::Keyword("CHOOSE") => choose(i),
        Tok::Keyword("LAMBDA") => Err(Failure(
            PErr::message(
                i,
                "LAMBDA can only be the argument of an operator, as in `Op(LAMBDA x : x + 1)`",
            )
            .label("not an argument here"),
        )),
        Tok::Keyword("ASSUME") => assume_prove(i),
        Tok::Sym("\\A") | Tok::Sym("\\E") => quantifier(i),
        Tok::Sym("\\AA") | Tok::Sym("\\EE") => temporal_quantifier(i),
        Tok::Fairness(f) => fairness(i, *f == "SF_"),
        _ => Err(Error(PErr::expected(i, "an expression"))),
    }
}

/// An identifier, possibly applied, possibly followed by `!` selections;
/// or a label `lbl(x) :: e`.
fn name_expr(i: Input<'_>) -> PResult<'_, Expr> {
    let (i, name) = ident(i)?;
    let start = name.span;
    let (i, args) = if is_sym(&i, "(") {
        let open = i.here().span;
        let (i2, args) = cut(comma_list(arg_expr))(i.skip(1))?;
        let (i2, _) = close(open, ")")(i2)?;
        (i2, args)
    } else {
        (i, vec![])
    };
    if is_sym(&i, "::") {
        let params = args
            .iter()
            .map(|a| match &a.kind {
                ExprKind::Apply(n, x) if x.is_empty() => Ok(n.clone()),
                _ => Err(()),
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| Failure(PErr::message(i, "a label's parameters must be names")))?;
        let (i2, body) = cut(expr)(i.skip(1))?;
        let span = start.to(body.span);
        return Ok((
            i2,
            Expr::new(ExprKind::Label(name, params, Box::new(body)), span),
        ));
    }
    if is_sym(&i, "!") && selector_follows(&i) {
        return qualified_tail(i, vec![PathElem::Name(name, args)], start);
    }
    let span = start.to(i.prev_span());
    Ok((i, Expr::new(ExprKind::Apply(name, args), span)))
}

/// Whether the `!` at the cursor starts a selection (rather than, say, an
/// EXCEPT clause, which never follows a name directly).
pub(super) fn selector_follows(i: &Input<'_>) -> bool {
    matches!(
        i.peek(1),
        Some(
            Tok::Ident(_)
                | Tok::Number(_)
                | Tok::Sym(":")
                | Tok::Sym("<")
                | Tok::Sym(">")
                | Tok::Sym("<<")
                | Tok::Sym(">>")
                | Tok::Sym("@")
                | Tok::Sym("(")
        )
    ) || matches!(i.peek(1), Some(Tok::Sym(s)) if infix_info(s).is_some() || is_postfix(s))
}

/// Parses `!X!Y(args)...` after a head.
fn qualified_tail<'a>(
    mut i: Input<'a>,
    mut path: Vec<PathElem>,
    start: crate::span::Span,
) -> PResult<'a, Expr> {
    while is_sym(&i, "!") && selector_follows(&i) {
        let j = i.skip(1);
        let t = j.here();
        match &t.tok {
            Tok::Ident(_) => {
                let (j2, n) = ident(j)?;
                let (j2, args) = if is_sym(&j2, "(") {
                    let open = j2.here().span;
                    let (j3, a) = cut(comma_list(arg_expr))(j2.skip(1))?;
                    let (j3, _) = close(open, ")")(j3)?;
                    (j3, a)
                } else {
                    (j2, vec![])
                };
                path.push(PathElem::Name(n, args));
                i = j2;
            }
            Tok::Sym("(") => {
                let (j2, a) = cut(comma_list(arg_expr))(j.skip(1))?;
                let (j2, _) = close(t.span, ")")(j2)?;
                path.push(PathElem::Selector("()".into(), a));
                i = j2;
            }
            Tok::Number(n) => {
                path.push(PathElem::Selector(n.clone(), vec![]));
                i = j.skip(1);
            }
            Tok::Sym(s) => {
                // `!:` `!<` `!>` `!@` or an operator name like `V!+`.
                let s = s.to_string();
                let j2 = j.skip(1);
                if infix_info(&s).is_some() || is_postfix(&s) {
                    let (j3, args) = if is_sym(&j2, "(") {
                        let open = j2.here().span;
                        let (j3, a) = cut(comma_list(arg_expr))(j2.skip(1))?;
                        let (j3, _) = close(open, ")")(j3)?;
                        (j3, a)
                    } else {
                        (j2, vec![])
                    };
                    path.push(PathElem::Name(Ident::new(s, t.span), args));
                    i = j3;
                } else {
                    path.push(PathElem::Selector(s, vec![]));
                    i = j2;
                }
            }
            _ => return Err(Failure(PErr::expected(j, "a name or selector after `!`"))),
        }
    }
    let span = start.to(i.prev_span());
    Ok((i, Expr::new(ExprKind::Qualified(path), span)))
}

/// An argument of an operator application: an expression, or an operator
/// name passed to a higher-order operator (`Op(+, x)`, `Op(-.)`).
pub(crate) fn arg_expr(i: Input<'_>) -> PResult<'_, Expr> {
    if is_kw(&i, "LAMBDA") {
        return lambda(i);
    }
    if let Some(t) = i.tok() {
        if let Tok::Sym(s) = &t.tok {
            let next_closes = matches!(i.peek(1), Some(Tok::Sym(")")) | Some(Tok::Sym(",")));
            if next_closes && (infix_info(s).is_some() || is_postfix(s) || *s == "-.") {
                return Ok((
                    i.skip(1),
                    Expr::new(ExprKind::Apply(Ident::new(*s, t.span), vec![]), t.span),
                ));
            }
        }
    }
    expr(i)
}

/// A bullet list: items are parsed in windows closed by the first token at
/// or left of the bullet's column.
fn junction(i: Input<'_>) -> PResult<'_, Expr> {
    let first = i.here();
    let (is_and, bullet) = match &first.tok {
        Tok::Sym("/\\") => (true, "/\\"),
        _ => (false, "\\/"),
    };
    let col = first.col;
    let mut items = vec![];
    let mut cur = i;
    loop {
        let start = cur.pos + 1;
        let mut end = start;
        while end < cur.end && cur.all[end].col > col {
            end += 1;
        }
        let window = Input {
            pos: start,
            end,
            ..cur
        };
        let bullet_tok = cur.here();
        if start == end {
            return Err(Failure(
                PErr::message(cur, format!("empty `{bullet}` item"))
                    .label(format!("nothing follows this `{bullet}` on its right")),
            ));
        }
        let (rest, e) = match expr(window) {
            Ok(r) => r,
            Err(Error(e)) | Err(Failure(e)) => {
                return Err(Failure(item_error(e, window, bullet, bullet_tok)));
            }
            Err(e) => return Err(e),
        };
        if !rest.at_end() {
            // The item stopped before its column window closed (at a `)`,
            // `}`, `THEN`, `,` ...): that token belongs to the enclosing
            // expression, and the list ends with this item.
            items.push(e);
            let cur = Input {
                pos: rest.pos,
                end: i.end,
                ..cur
            };
            let span = first.span.to(cur.prev_span());
            return Ok((cur, Expr::new(ExprKind::Junction(is_and, items), span)));
        }
        items.push(e);
        cur = Input {
            pos: end,
            end: i.end,
            ..cur
        };
        match cur.tok() {
            Some(t) if t.col == col && t.tok == Tok::Sym(bullet) => continue,
            _ => break,
        }
    }
    let span = first.span.to(cur.prev_span());
    Ok((cur, Expr::new(ExprKind::Junction(is_and, items), span)))
}

/// An error inside the item of a bullet: when the item is incomplete
/// because the column rule cut it, say so.
fn item_error(e: PErr, window: Input<'_>, bullet: &str, bullet_tok: &Token) -> PErr {
    if e.too_deep {
        // Input past a limit: not about this item.
        return e;
    }
    let closing = &window.all[window.end];
    // The next bullet of the same list ends an item as expected; any other
    // token at or left of the bullet's column cuts it short.
    let next_bullet = closing.col == bullet_tok.col && closing.tok == bullet_tok.tok;
    let cut_by_column = e.pos as usize >= window.end
        && window.end < window.all.len() - 1
        && closing.line > bullet_tok.line
        && !next_bullet
        && !starts_unit(&window.all[window.end..]);
    if cut_by_column {
        PErr::message(
            Input {
                pos: window.end,
                ..window
            },
            format!("the `{bullet}` item ends before its expression is complete"),
        )
        .label(format!(
            "this is not right of the `{bullet}` on line {}, so it ends the item",
            bullet_tok.line + 1
        ))
        .related(bullet_tok.span, "the item's bullet")
        .note(format!(
            "every line of a bullet list item must start right of its `{bullet}`"
        ))
    } else {
        e.related(bullet_tok.span, format!("in this `{bullet}` item"))
    }
}

/// Whether the tokens start a new module-level unit (a definition,
/// declaration, theorem ...) or end the module.
pub(crate) fn starts_unit(toks: &[Token]) -> bool {
    let Some(t) = toks.first() else { return true };
    match &t.tok {
        Tok::Eof | Tok::ModuleEnd | Tok::ModuleStart | Tok::Separator => true,
        Tok::Keyword(k) => super::unit::UNIT_KEYWORDS.contains(k),
        Tok::Ident(_) => {
            matches!(toks.get(1).map(|t| &t.tok), Some(Tok::Sym("==")))
        }
        _ => false,
    }
}

/// `x`, `x, y \in S`, `<<x, y>> \in S`: one bound group.
fn bound_group(i: Input<'_>, allow_unbounded: bool) -> PResult<'_, Bound> {
    if is_sym(&i, "<<") {
        let (i2, names) = comma_list(ident)(i.skip(1))?;
        let (i2, _) = sym(">>")(i2)?;
        let (i2, _) = sym("\\in")(i2)?;
        let (i2, set) = cut(expr)(i2)?;
        return Ok((
            i2,
            Bound {
                names,
                tuple: true,
                set: Some(Box::new(set)),
            },
        ));
    }
    let (i, names) = comma_list(ident)(i)?;
    if is_sym(&i, "\\in") {
        let (i2, set) = cut(expr)(i.skip(1))?;
        return Ok((
            i2,
            Bound {
                names,
                tuple: false,
                set: Some(Box::new(set)),
            },
        ));
    }
    if allow_unbounded {
        Ok((
            i,
            Bound {
                names,
                tuple: false,
                set: None,
            },
        ))
    } else {
        Err(Error(PErr::expected(i, "`\\in`")))
    }
}

/// Bound groups separated by commas: `x \in S, y, z \in T` (bounded) or
/// `x, y` (unbounded, only if allowed).
pub(crate) fn bounds(i: Input<'_>, allow_unbounded: bool) -> PResult<'_, Vec<Bound>> {
    let (mut i, first) = bound_group(i, allow_unbounded)?;
    let mut out = vec![first];
    while is_sym(&i, ",") {
        let (i2, b) = bound_group(i.skip(1), allow_unbounded)?;
        out.push(b);
        i = i2;
    }
    Ok((i, out))
}

fn quantifier(i: Input<'_>) -> PResult<'_, Expr> {
    let t = i.here();
    let q = if t.tok == Tok::Sym("\\A") {
        Quant::Forall
    } else {
        Quant::Exists
    };
    let (i, bs) = cut(|i| bounds(i, true))(i.skip(1))?;
    let (i, _) = cut(sym(":"))(i)?;
    let (i, body) = cut(expr)(i)?;
    let span = t.span.to(body.span);
    Ok((i, Expr::new(ExprKind::Quant(q, bs, Box::new(body)), span)))
}

fn temporal_quantifier(i: Input<'_>) -> PResult<'_, Expr> {
    let t = i.here();
    let q = if t.tok == Tok::Sym("\\AA") {
        Quant::Forall
    } else {
        Quant::Exists
    };
    let (i, names) = cut(comma_list(ident))(i.skip(1))?;
    let (i, _) = cut(sym(":"))(i)?;
    let (i, body) = cut(expr)(i)?;
    let span = t.span.to(body.span);
    Ok((
        i,
        Expr::new(ExprKind::TemporalQuant(q, names, Box::new(body)), span),
    ))
}

fn choose(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let (i, b) = cut(|i| bound_group(i, true))(i.skip(1))?;
    if b.names.len() != 1 && !b.tuple {
        return Err(Failure(PErr::message(
            i,
            "CHOOSE binds one name or one tuple",
        )));
    }
    let (i, _) = cut(sym(":"))(i)?;
    let (i, body) = cut(expr)(i)?;
    let span = start.to(body.span);
    Ok((i, Expr::new(ExprKind::Choose(b, Box::new(body)), span)))
}

fn lambda(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let (i, names) = cut(comma_list(ident))(i.skip(1))?;
    let (i, _) = cut(sym(":"))(i)?;
    let (i, body) = cut(expr)(i)?;
    let span = start.to(body.span);
    Ok((i, Expr::new(ExprKind::Lambda(names, Box::new(body)), span)))
}

fn if_expr(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let (i, c) = cut(expr)(i.skip(1))?;
    let (i, _) = kw("THEN")(i).map_err(|_| {
        Failure(PErr::expected(i, "`THEN`").related(start, "the `IF` it belongs to"))
    })?;
    let (i, a) = cut(expr)(i)?;
    let (i, _) = kw("ELSE")(i).map_err(|_| {
        Failure(
            PErr::expected(i, "`ELSE`")
                .related(start, "this `IF` has no `ELSE`")
                .note("in TLA+ every IF has an ELSE"),
        )
    })?;
    let (i, b) = cut(expr)(i)?;
    let span = start.to(b.span);
    Ok((
        i,
        Expr::new(ExprKind::If(Box::new(c), Box::new(a), Box::new(b)), span),
    ))
}

fn case_expr(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let mut i = i.skip(1);
    let mut arms = vec![];
    let mut other = None;
    loop {
        if is_kw(&i, "OTHER") {
            let (i2, _) = cut(sym("->"))(i.skip(1))?;
            let (i2, e) = cut(expr)(i2)?;
            other = Some(Box::new(e));
            i = i2;
            break;
        }
        let (i2, guard) = cut(expr)(i)?;
        let (i2, _) = cut(sym("->"))(i2)?;
        let (i2, value) = cut(expr)(i2)?;
        arms.push(CaseArm { guard, value });
        i = i2;
        if is_sym(&i, "[]") {
            i = i.skip(1);
        } else {
            break;
        }
    }
    let span = start.to(i.prev_span());
    Ok((i, Expr::new(ExprKind::Case(arms, other), span)))
}

fn let_expr(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let mut i = i.skip(1);
    let mut defs = vec![];
    while !is_kw(&i, "IN") {
        if i.at_end() || (!defs.is_empty() && !super::unit::starts_definition(&i)) {
            let what = if defs.is_empty() {
                "a definition"
            } else {
                "`IN` or another definition"
            };
            return Err(Failure(
                PErr::expected(i, what).related(start, "this `LET` has no `IN`"),
            ));
        }
        let (i2, u) = cut(super::unit::definition_or_recursive)(i)?;
        defs.push(u);
        i = i2;
    }
    if defs.is_empty() {
        return Err(Failure(PErr::expected(i, "a definition")));
    }
    let (i, body) = cut(expr)(i.skip(1))?;
    let span = start.to(body.span);
    Ok((i, Expr::new(ExprKind::Let(defs, Box::new(body)), span)))
}

fn fairness(i: Input<'_>, strong: bool) -> PResult<'_, Expr> {
    let start = i.here().span;
    let (i, sub) = cut(subscript)(i.skip(1))?;
    let open = i.here().span;
    let (i, _) = cut(sym("("))(i)?;
    let (i, a) = cut(expr)(i)?;
    let (i, end) = close(open, ")")(i)?;
    Ok((
        i,
        Expr::new(
            ExprKind::Fairness(strong, Box::new(sub), Box::new(a)),
            start.to(end),
        ),
    ))
}

/// `ASSUME a, NEW x \in S, ... PROVE e`.
pub(crate) fn assume_prove(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let (i, items) = cut(comma_list(assume_item))(i.skip(1))?;
    let (i, _) = cut(kw("PROVE"))(i)?;
    let (i, goal) = cut(expr)(i)?;
    let span = start.to(goal.span);
    Ok((
        i,
        Expr::new(ExprKind::AssumeProve(items, Box::new(goal)), span),
    ))
}

const LEVELS: &[&str] = &["CONSTANT", "VARIABLE", "STATE", "ACTION", "TEMPORAL"];

fn assume_item(i: Input<'_>) -> PResult<'_, AssumeItem> {
    let has_new = is_kw(&i, "NEW");
    let j = if has_new { i.skip(1) } else { i };
    let level = match j.tok() {
        Some(Token {
            tok: Tok::Keyword(k),
            ..
        }) if LEVELS.contains(k) => Some(*k),
        _ => None,
    };
    if has_new || level.is_some() {
        let j = if level.is_some() { j.skip(1) } else { j };
        let (j, decl) = cut(super::unit::op_decl)(j)?;
        let (j, set) = if is_sym(&j, "\\in") {
            let (j2, s) = cut(expr)(j.skip(1))?;
            (j2, Some(s))
        } else {
            (j, None)
        };
        return Ok((
            j,
            AssumeItem::New {
                level: level.unwrap_or("").to_string(),
                decl,
                set,
            },
        ));
    }
    if super::unit::starts_definition(&i) {
        let (j, u) = super::unit::definition_or_recursive(i)?;
        return Ok((j, AssumeItem::Def(Box::new(u))));
    }
    let (i, e) = expr(i)?;
    Ok((i, AssumeItem::Fact(e)))
}
