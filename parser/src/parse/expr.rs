//! Expressions: precedence climbing over the TLA+ operator table
//! (Specifying Systems, table 6), bullet lists, and every bracketed form.

use super::{comma_list, cut, ident, is_kw, is_sym, kw, sym, Input, PErr, PResult};
use crate::ast::*;
use crate::lex::{Tok, Token};
use nom::Err::{Error, Failure};

/// The precedence range and associativity of an operator, as in SANY's
/// operator table (which differs from Specifying Systems, table 6, in a few
/// places: SUBSET, UNION and DOMAIN are 10-13, and `=>` is not
/// associative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Prec {
    /// Low end of the range.
    pub low: u8,
    /// High end of the range.
    pub high: u8,
    /// Left-associative (`a + b + c` is `(a + b) + c`); a non-associative
    /// operator cannot follow itself without parentheses.
    pub left: bool,
}

const fn prec(low: u8, high: u8, left: bool) -> Prec {
    Prec { low, high, left }
}

/// Precedence of an infix operator symbol (canonical spelling), or `None`
/// if `op` is not an infix operator.
pub(crate) fn infix_info(op: &str) -> Option<Prec> {
    Some(match op {
        "=>" => prec(1, 1, false),
        "<=>" | "~>" | "-+->" => prec(2, 2, false),
        "/\\" | "\\/" => prec(3, 3, true),
        "=" | "/=" | "<" | ">" | "<=" | ">=" | "\\in" | "\\notin" | "\\subseteq" | "\\subset"
        | "\\supseteq" | "\\supset" | "\\sqsubseteq" | "\\sqsubset" | "\\sqsupseteq"
        | "\\sqsupset" | "\\prec" | "\\succ" | "\\preceq" | "\\succeq" | "\\ll" | "\\gg"
        | "\\sim" | "\\simeq" | "\\approx" | "\\cong" | "\\asymp" | "\\doteq" | "\\propto"
        | "|-" | "-|" | "|=" | "=|" | "::=" | ":=" => prec(5, 5, false),
        "\\cdot" => prec(5, 14, true),
        "@@" => prec(6, 6, true),
        ":>" | "<:" => prec(7, 7, false),
        "\\" => prec(8, 8, false),
        "\\cap" | "\\cup" => prec(8, 8, true),
        ".." | "..." => prec(9, 9, false),
        "##" | "$" | "$$" | "??" | "\\sqcap" | "\\sqcup" | "\\uplus" => prec(9, 13, true),
        "!!" => prec(9, 13, false),
        "\\wr" => prec(9, 14, false),
        "+" | "++" | "(+)" => prec(10, 10, true),
        "%" => prec(10, 11, false),
        "%%" | "|" | "||" => prec(10, 11, true),
        "\\X" => prec(10, 13, true),
        "-" | "--" | "(-)" => prec(11, 11, true),
        "*" | "**" | "&" | "&&" | "(.)" | "(\\X)" | "\\o" | "\\bigcirc" | "\\bullet" | "\\star" => {
            prec(13, 13, true)
        }
        "/" | "//" | "(/)" | "\\div" => prec(13, 13, false),
        "^" | "^^" => prec(14, 14, false),
        _ => return Option::None,
    })
}

/// Whether `op` is a postfix operator.
pub(crate) fn is_postfix(op: &str) -> bool {
    matches!(op, "^+" | "^*" | "^#")
}

/// Precedence of postfix operators (`'`, `^+`, `^*`, `^#`).
const POSTFIX: Prec = prec(15, 15, false);

/// Precedence of prefix `-`.
const NEG: Prec = prec(12, 12, false);

/// The name and precedence of a prefix operator, or `None` if `t` is not
/// one.
fn prefix_info(t: &Tok) -> Option<(&'static str, Prec)> {
    Some(match t {
        Tok::Sym("~") => ("~", prec(4, 4, false)),
        Tok::Sym("[]") => ("[]", prec(4, 15, false)),
        Tok::Sym("<>") => ("<>", prec(4, 15, false)),
        Tok::Keyword("ENABLED") => ("ENABLED", prec(4, 15, false)),
        Tok::Keyword("UNCHANGED") => ("UNCHANGED", prec(4, 15, false)),
        Tok::Sym("-") => ("-.", NEG),
        Tok::Keyword("SUBSET") => ("SUBSET", prec(10, 13, false)),
        Tok::Keyword("UNION") => ("UNION", prec(10, 13, false)),
        Tok::Keyword("DOMAIN") => ("DOMAIN", prec(10, 13, false)),
        _ => return None,
    })
}

/// The operator an operand is the (right) operand of: the operators that
/// follow the operand are compared with it, as SANY's operator stack does.
#[derive(Clone, Copy)]
pub(crate) struct Left {
    name: &'static str,
    prec: Prec,
    prefix: bool,
    span: crate::span::Span,
}

/// What an operator that follows an operand of `left` does.
enum Step {
    /// It applies to the operand (binds tighter than `left`).
    Shift,
    /// `left` applies first; the operator applies to the result.
    Reduce,
    /// The ranges overlap: SANY rejects the expression.
    Conflict,
}

fn step(left: &Left, op: &str, p: Prec) -> Step {
    if left.prec.low > p.high || (!left.prefix && left.name == op && left.prec.left) {
        Step::Reduce
    } else if left.prec.high < p.low {
        Step::Shift
    } else {
        Step::Conflict
    }
}

/// The error for operators whose precedence ranges overlap.
fn conflict(i: Input<'_>, left: &Left, op: &str) -> nom::Err<PErr> {
    let shown = |n: &str| {
        if n == "-." {
            "-".to_string()
        } else {
            n.to_string()
        }
    };
    let (l, r) = (shown(left.name), shown(op));
    let msg = if l == r {
        format!("`{r}` cannot follow `{l}` without parentheses: it is not associative")
    } else {
        format!(
            "precedence conflict between `{l}` and `{r}`: add parentheses to say which applies first"
        )
    };
    let mut e = PErr::message(i, msg);
    e.related = Some((left.span, format!("the `{l}` this conflicts with")));
    Failure(e)
}

/// A whole expression.
pub(crate) fn expr(i: Input<'_>) -> PResult<'_, Expr> {
    expr_bp(i, None)
}

/// An expression that is the right operand of `left` (or a whole
/// expression when `left` is `None`): it extends over the infix operators
/// that bind tighter than `left`.
pub(crate) fn expr_bp<'a>(i: Input<'a>, left: Option<Left>) -> PResult<'a, Expr> {
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
        match &t.tok {
            Tok::Sym("[") => {
                let (i2, args) = cut(comma_list(expr))(i.skip(1))?;
                let (i2, close) = cut(sym("]"))(i2)?;
                let span = e.span.to(close);
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
fn field_name(i: Input<'_>) -> PResult<'_, Ident> {
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
        Tok::Ident(_) => name_expr(i),
        Tok::Sym("(") => {
            let (i2, e) = cut(expr)(i.skip(1))?;
            let (i2, close) = cut(sym(")"))(i2)?;
            Ok((
                i2,
                Expr::new(ExprKind::Paren(Box::new(e)), t.span.to(close)),
            ))
        }
        Tok::Sym("/\\") | Tok::Sym("\\/") => junction(i),
        Tok::Sym("{") => braces(i),
        Tok::Sym("[") => brackets(i),
        Tok::Sym("<<") => angle(i),
        Tok::Keyword("IF") => if_expr(i),
        Tok::Keyword("CASE") => case_expr(i),
        Tok::Keyword("LET") => let_expr(i),
        Tok::Keyword("CHOOSE") => choose(i),
        Tok::Keyword("LAMBDA") => lambda(i),
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
        let (i2, args) = cut(comma_list(arg_expr))(i.skip(1))?;
        let (i2, _) = cut(sym(")"))(i2)?;
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
fn selector_follows(i: &Input<'_>) -> bool {
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
                    let (j3, a) = cut(comma_list(arg_expr))(j2.skip(1))?;
                    let (j3, _) = cut(sym(")"))(j3)?;
                    (j3, a)
                } else {
                    (j2, vec![])
                };
                path.push(PathElem::Name(n, args));
                i = j2;
            }
            Tok::Sym("(") => {
                let (j2, a) = cut(comma_list(arg_expr))(j.skip(1))?;
                let (j2, _) = cut(sym(")"))(j2)?;
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
                        let (j3, a) = cut(comma_list(arg_expr))(j2.skip(1))?;
                        let (j3, _) = cut(sym(")"))(j3)?;
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
            all: cur.all,
            pos: start,
            end,
        };
        let (rest, e) = match expr(window) {
            Ok(r) => r,
            Err(Error(mut e)) | Err(Failure(mut e)) => {
                if e.related.is_none() {
                    e.related = Some((cur.here().span, format!("in this `{bullet}` item")));
                }
                return Err(Failure(e));
            }
            Err(e) => return Err(e),
        };
        if !rest.at_end() {
            // The item stopped before its column window closed (at a `)`,
            // `}`, `THEN`, `,` ...): that token belongs to the enclosing
            // expression, and the list ends with this item.
            items.push(e);
            let cur = Input {
                all: cur.all,
                pos: rest.pos,
                end: i.end,
            };
            let span = first.span.to(cur.prev_span());
            return Ok((cur, Expr::new(ExprKind::Junction(is_and, items), span)));
        }
        items.push(e);
        cur = Input {
            all: cur.all,
            pos: end,
            end: i.end,
        };
        match cur.tok() {
            Some(t) if t.col == col && t.tok == Tok::Sym(bullet) => continue,
            _ => break,
        }
    }
    let span = first.span.to(cur.prev_span());
    Ok((cur, Expr::new(ExprKind::Junction(is_and, items), span)))
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
    let (i, _) = cut(kw("THEN"))(i)?;
    let (i, a) = cut(expr)(i)?;
    let (i, _) = cut(kw("ELSE"))(i)?;
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
        if i.at_end() {
            return Err(Failure(PErr::expected(i, "`IN`")));
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
    let (i, _) = cut(sym("("))(i)?;
    let (i, a) = cut(expr)(i)?;
    let (i, close) = cut(sym(")"))(i)?;
    Ok((
        i,
        Expr::new(
            ExprKind::Fairness(strong, Box::new(sub), Box::new(a)),
            start.to(close),
        ),
    ))
}

/// The subscript of `[A]_v`, `<<A>>_v`, `WF_v(A)`: a name (possibly
/// qualified), a tuple, or a parenthesised expression.
fn subscript(i: Input<'_>) -> PResult<'_, Expr> {
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

fn angle(i: Input<'_>) -> PResult<'_, Expr> {
    let start = i.here().span;
    let i = i.skip(1);
    let (i, items) = if is_sym(&i, ">>") {
        (i, vec![])
    } else {
        cut(comma_list(expr))(i)?
    };
    let (i, close) = cut(sym(">>"))(i)?;
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
    Ok((i, Expr::new(ExprKind::Tuple(items), start.to(close))))
}

fn unreachable_expr(span: crate::span::Span) -> Expr {
    Expr::new(ExprKind::Tuple(vec![]), span)
}

fn braces(i: Input<'_>) -> PResult<'_, Expr> {
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
            let (i2, close) = cut(sym("}"))(i2)?;
            return Ok((
                i2,
                Expr::new(ExprKind::SetFilter(b, Box::new(pred)), start.to(close)),
            ));
        }
        let (i2, bs) = cut(|i| bounds(i, false))(i.skip(1))?;
        let (i2, close) = cut(sym("}"))(i2)?;
        return Ok((
            i2,
            Expr::new(ExprKind::SetMap(Box::new(first), bs), start.to(close)),
        ));
    }
    let mut items = vec![first];
    let mut i = i;
    while is_sym(&i, ",") {
        let (i2, e) = cut(expr)(i.skip(1))?;
        items.push(e);
        i = i2;
    }
    let (i, close) = cut(sym("}"))(i)?;
    Ok((i, Expr::new(ExprKind::SetEnum(items), start.to(close))))
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

fn brackets(i: Input<'_>) -> PResult<'_, Expr> {
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
            let (i2, close) = cut(sym("]"))(i2)?;
            let kind = if is_set {
                ExprKind::RecordSet(fields)
            } else {
                ExprKind::Record(fields)
            };
            return Ok((i2, Expr::new(kind, start.to(close))));
        }
    }
    // Function constructor `[x \in S, y \in T |-> e]`.
    if let Ok((i2, bs)) = bounds(inner, false) {
        if is_sym(&i2, "|->") {
            let (i3, body) = cut(expr)(i2.skip(1))?;
            let (i3, close) = cut(sym("]"))(i3)?;
            return Ok((
                i3,
                Expr::new(ExprKind::FnCons(bs, Box::new(body)), start.to(close)),
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
            let (i2, close) = cut(sym("]"))(i2)?;
            Ok((
                i2,
                Expr::new(
                    ExprKind::FnSet(Box::new(first), Box::new(rng)),
                    start.to(close),
                ),
            ))
        }
        Tok::Keyword("EXCEPT") => {
            let (i2, ups) = cut(comma_list(except_update))(i.skip(1))?;
            let (i2, close) = cut(sym("]"))(i2)?;
            Ok((
                i2,
                Expr::new(ExprKind::Except(Box::new(first), ups), start.to(close)),
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
    let (mut i, _) = sym("!")(i)?;
    let mut keys = vec![];
    loop {
        if is_sym(&i, ".") {
            let (i2, f) = cut(field_name)(i.skip(1))?;
            keys.push(ExceptKey::Field(f));
            i = i2;
        } else if is_sym(&i, "[") {
            let (i2, args) = cut(comma_list(expr))(i.skip(1))?;
            let (i2, _) = cut(sym("]"))(i2)?;
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
    let (i, _) = cut(sym("="))(i)?;
    let (i, e) = cut(expr)(i)?;
    Ok((i, (keys, e)))
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
