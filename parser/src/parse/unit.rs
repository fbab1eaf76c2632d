//! Modules and their units: declarations, definitions, INSTANCE, ASSUME,
//! THEOREM, USE/HIDE, nested modules; with recovery at the next unit so
//! that one run reports several independent errors.

use super::expr::{arg_expr, bounds, expr, infix_info, is_postfix};
use super::proof::{proof, use_hide};
use super::{
    comma_list, cut, deeper, ident, is_kw, is_sym, kw, sym, Input, PErr, PResult, SyntaxError,
};
use crate::ast::*;
use crate::lex::{Tok, Token};
use nom::Err::{Error, Failure};

/// Parses the tokens of one file into its modules: the first is the file's
/// own module, any others follow it in the same file. Returns the modules
/// (possibly partial) and every syntax error found.
pub fn parse_tokens(all: &[Token]) -> (Vec<Module>, Vec<SyntaxError>) {
    let mut i = Input::new(all);
    let mut errors = vec![];
    let mut out = vec![];
    while let Some((rest, m)) = module(i, &mut errors) {
        out.push(m);
        i = rest;
        if !matches!(
            i.tok(),
            Some(Token {
                tok: Tok::ModuleStart,
                ..
            })
        ) {
            break;
        }
    }
    (out, errors)
}

/// `---- MODULE Name ---- [EXTENDS ...] units ====`.
fn module<'a>(i: Input<'a>, errors: &mut Vec<SyntaxError>) -> Option<(Input<'a>, Module)> {
    let start = i.here().span;
    let res: PResult<'a, Ident> = (|i: Input<'a>| {
        let i = match i.tok() {
            Some(Token {
                tok: Tok::ModuleStart,
                ..
            }) => i.skip(1),
            _ => return Err(Error(PErr::expected(i, "`---- MODULE`"))),
        };
        let (i, name) = cut(ident)(i)?;
        let i = if matches!(
            i.tok(),
            Some(Token {
                tok: Tok::Separator,
                ..
            })
        ) {
            i.skip(1)
        } else {
            i
        };
        Ok((i, name))
    })(i);
    let (mut i, name) = match res {
        Ok(r) => r,
        Err(Error(e)) | Err(Failure(e)) => {
            errors.push(SyntaxError::from_perr(i.all, e));
            return None;
        }
        Err(nom::Err::Incomplete(_)) => return None,
    };
    let mut extends = vec![];
    if is_kw(&i, "EXTENDS") {
        match cut(comma_list(ident))(i.skip(1)) {
            Ok((i2, names)) => {
                extends = names;
                i = i2;
            }
            Err(Error(e)) | Err(Failure(e)) => {
                errors.push(SyntaxError::from_perr(i.all, e));
                i = recover(i.skip(1));
            }
            Err(_) => {}
        }
    }
    let mut units = vec![];
    loop {
        let Some(t) = i.tok() else {
            let mut e = PErr::message(
                i,
                format!("module `{}` is not closed by a `====` line", name.name),
            )
            .label("the file ends here")
            .related(start.to(name.span), "the module begins here");
            if let Some(inner) = units.iter().rev().find_map(|u: &Unit| match &u.kind {
                UnitKind::Module(m) => Some(m),
                _ => None,
            }) {
                e = e.note(format!(
                    "the `====` that closes the nested module `{}` cannot close this one too: each module needs its own `====`",
                    inner.name.name
                ));
            }
            errors.push(SyntaxError::from_perr(i.all, e));
            let span = start.to(i.prev_span());
            return Some((
                i,
                Module {
                    name,
                    extends,
                    units,
                    span,
                },
            ));
        };
        match &t.tok {
            Tok::ModuleEnd => {
                let span = start.to(t.span);
                return Some((
                    i.skip(1),
                    Module {
                        name,
                        extends,
                        units,
                        span,
                    },
                ));
            }
            Tok::Separator => {
                units.push(Unit {
                    kind: UnitKind::Separator,
                    span: t.span,
                });
                i = i.skip(1);
            }
            Tok::ModuleStart => match nested_module(i, errors) {
                Some((i2, m)) => {
                    let span = m.span;
                    units.push(Unit {
                        kind: UnitKind::Module(Box::new(m)),
                        span,
                    });
                    i = i2;
                }
                None => i = recover(i.skip(1)),
            },
            _ => match unit(i) {
                Ok((i2, u)) => {
                    let rest = trailing(i2, &u);
                    units.push(u);
                    i = i2;
                    if let Some(e) = rest {
                        errors.push(SyntaxError::from_perr(i.all, e));
                        i = recover(i.skip(1));
                    }
                }
                Err(Error(e)) | Err(Failure(e)) => {
                    errors.push(SyntaxError::from_perr(i.all, e.clone()));
                    let at = Input {
                        pos: (e.pos as usize).max(i.pos + 1),
                        ..i
                    };
                    i = recover(at);
                }
                Err(nom::Err::Incomplete(_)) => i = recover(i.skip(1)),
            },
        }
    }
}

/// A module inside a module, one nesting level deeper; past the limit,
/// the error is recorded and `None` returned.
fn nested_module<'a>(i: Input<'a>, errors: &mut Vec<SyntaxError>) -> Option<(Input<'a>, Module)> {
    let inner = match deeper(i) {
        Ok(inner) => inner,
        Err(Error(e) | Failure(e)) => {
            errors.push(SyntaxError::from_perr(i.all, e));
            return None;
        }
        Err(nom::Err::Incomplete(_)) => return None,
    };
    let (rest, m) = crate::limits::with_stack(|| module(inner, errors))?;
    Some((
        Input {
            depth: i.depth,
            ..rest
        },
        m,
    ))
}

/// A unit normally ends its line: a token after it on the same line that
/// starts nothing (`CONSTANTS A B`, `c == a \oplusx b`) is an error.
fn trailing(i: Input<'_>, u: &Unit) -> Option<PErr> {
    let t = i.tok()?;
    let last = i.all.get(i.pos.checked_sub(1)?)?;
    if t.line != last.line || super::expr::starts_unit(&i.all[i.pos..]) || starts_definition(&i) {
        return None;
    }
    let what = match &u.kind {
        UnitKind::Constants(_) | UnitKind::Variables(_) | UnitKind::Recursive(_) => {
            "`,` or the end of the declaration"
        }
        UnitKind::Theorem(_) => "the end of the theorem",
        UnitKind::Instance(_) | UnitKind::ModuleDef(_) => "`,` or the end of the instance",
        UnitKind::UseHide(_) => "`,` or the end of the USE or HIDE",
        _ => "an operator or the end of the definition",
    };
    Some(PErr::expected(i, what))
}

/// Skips to the next token that can begin a unit at the start of a line.
fn recover(mut i: Input<'_>) -> Input<'_> {
    while let Some(t) = i.tok() {
        let begins = t.col == 0
            && match &t.tok {
                Tok::Ident(_) => true,
                Tok::Keyword(k) => UNIT_KEYWORDS.contains(k),
                Tok::ModuleEnd | Tok::Separator | Tok::ModuleStart => true,
                _ => false,
            };
        if begins {
            break;
        }
        i = i.skip(1);
    }
    i
}

pub(crate) const UNIT_KEYWORDS: &[&str] = &[
    "VARIABLE",
    "VARIABLES",
    "CONSTANT",
    "CONSTANTS",
    "RECURSIVE",
    "LOCAL",
    "INSTANCE",
    "ASSUME",
    "ASSUMPTION",
    "AXIOM",
    "THEOREM",
    "LEMMA",
    "PROPOSITION",
    "COROLLARY",
    "USE",
    "HIDE",
];

fn unit(i: Input<'_>) -> PResult<'_, Unit> {
    let start = i.here().span;
    fn wrap(start: crate::span::Span, i: Input<'_>, kind: UnitKind) -> PResult<'_, Unit> {
        let span = start.to(i.prev_span());
        Ok((i, Unit { kind, span }))
    }
    let t = i.here();
    match &t.tok {
        Tok::Keyword(k @ ("VARIABLE" | "VARIABLES")) => {
            let j = i.skip(1);
            let (i2, names) = comma_list(ident)(j).map_err(|e| missing_names(e, j, k))?;
            wrap(start, i2, UnitKind::Variables(names))
        }
        Tok::Keyword(k @ ("CONSTANT" | "CONSTANTS")) => {
            let j = i.skip(1);
            let (i2, decls) = comma_list(op_decl)(j).map_err(|e| missing_names(e, j, k))?;
            wrap(start, i2, UnitKind::Constants(decls))
        }
        Tok::Keyword("ASSUME") | Tok::Keyword("ASSUMPTION") | Tok::Keyword("AXIOM") => {
            let j = i.skip(1);
            let (j, name) = if matches!(j.peek(0), Some(Tok::Ident(_)))
                && matches!(j.peek(1), Some(Tok::Sym("==")))
            {
                let (j2, n) = ident(j)?;
                (j2.skip(1), Some(n))
            } else {
                (j, None)
            };
            let (j, e) = cut(expr)(j)?;
            wrap(start, j, UnitKind::Assume(Assume { name, expr: e }))
        }
        Tok::Keyword(k @ ("THEOREM" | "LEMMA" | "PROPOSITION" | "COROLLARY")) => {
            let j = i.skip(1);
            let (j, name) = if matches!(j.peek(0), Some(Tok::Ident(_)))
                && matches!(j.peek(1), Some(Tok::Sym("==")))
            {
                let (j2, n) = ident(j)?;
                (j2.skip(1), Some(n))
            } else {
                (j, None)
            };
            let (j, body) = cut(expr)(j)?;
            let (j, pf) = proof_opt(j, 0)?;
            wrap(
                start,
                j,
                UnitKind::Theorem(Theorem {
                    keyword: k.to_string(),
                    name,
                    body,
                    proof: pf,
                }),
            )
        }
        Tok::Keyword("USE") | Tok::Keyword("HIDE") => {
            let (j, uh) = cut(use_hide)(i)?;
            wrap(start, j, UnitKind::UseHide(uh))
        }
        _ => definition_or_recursive(i),
    }
}

/// The error of `CONSTANT` or `VARIABLE` with no name after it.
fn missing_names<'a>(e: nom::Err<PErr>, j: Input<'a>, k: &str) -> nom::Err<PErr> {
    match e {
        Error(e) | Failure(e) if e.pos as usize == j.pos => {
            let what = if k.starts_with('C') {
                "a constant name"
            } else {
                "a variable name"
            };
            let mut e = PErr::expected(j, what);
            if super::expr::starts_unit(&j.all[j.pos..]) {
                e = e.label(format!("expected {what}: `{k}` declares at least one"));
            }
            Failure(e)
        }
        Error(e) => Failure(e),
        e => e,
    }
}

/// An optional proof after a theorem or step at `level`.
pub(crate) fn proof_opt(i: Input<'_>, level: u32) -> PResult<'_, Option<Proof>> {
    match i.tok().map(|t| &t.tok) {
        Some(Tok::Keyword("PROOF" | "BY" | "OBVIOUS" | "OMITTED")) => {
            let (i, p) = proof(i, level)?;
            Ok((i, Some(p)))
        }
        Some(Tok::Step {
            level: l, marker, ..
        }) => {
            let deeper = match l {
                Some(n) => *n > level,
                None => marker == "+" || (marker == "*" && level == 0),
            };
            if deeper {
                let (i, p) = proof(i, level)?;
                Ok((i, Some(p)))
            } else {
                Ok((i, None))
            }
        }
        _ => Ok((i, None)),
    }
}

/// A declared operator: `c`, `F(_, _)`, `_ + _`, `-. _`, `_ ^+`.
pub(crate) fn op_decl(i: Input<'_>) -> PResult<'_, OpDecl> {
    let t = i.here();
    match (&t.tok, i.peek(1), i.peek(2)) {
        (Tok::Sym("_"), Some(Tok::Sym(op)), Some(Tok::Sym("_"))) if infix_info(op).is_some() => {
            let span = i.all[i.pos + 1].span;
            Ok((
                i.skip(3),
                OpDecl {
                    name: Ident::new(*op, span),
                    arity: 2,
                },
            ))
        }
        (Tok::Sym("_"), Some(Tok::Sym(op)), _) if is_postfix(op) => {
            let span = i.all[i.pos + 1].span;
            Ok((
                i.skip(2),
                OpDecl {
                    name: Ident::new(*op, span),
                    arity: 1,
                },
            ))
        }
        (Tok::Sym(op @ ("-." | "~" | "[]" | "<>")), Some(Tok::Sym("_")), _) => {
            let name = *op;
            Ok((
                i.skip(2),
                OpDecl {
                    name: Ident::new(name, t.span),
                    arity: 1,
                },
            ))
        }
        _ => {
            let (i, name) = ident(i)?;
            if is_sym(&i, "(") {
                let (i2, us) = cut(comma_list(sym("_")))(i.skip(1))?;
                let (i2, _) = cut(sym(")"))(i2)?;
                Ok((
                    i2,
                    OpDecl {
                        name,
                        arity: us.len(),
                    },
                ))
            } else {
                Ok((i, OpDecl { name, arity: 0 }))
            }
        }
    }
}

/// Whether a definition starts here (`Id ==`, `Id(`...`) ==`, `Id[`, infix,
/// prefix or postfix operator definitions, `LOCAL`, `RECURSIVE`).
pub(crate) fn starts_definition(i: &Input<'_>) -> bool {
    match (i.peek(0), i.peek(1), i.peek(2)) {
        (Some(Tok::Keyword("LOCAL" | "RECURSIVE" | "INSTANCE")), _, _) => true,
        (Some(Tok::Ident(_)), Some(Tok::Sym("==")), _) => true,
        (Some(Tok::Ident(_)), Some(Tok::Sym(op)), Some(Tok::Ident(_)))
            if infix_info(op).is_some() && matches!(i.peek(3), Some(Tok::Sym("=="))) =>
        {
            true
        }
        (Some(Tok::Ident(_)), Some(Tok::Sym(op)), Some(Tok::Sym("=="))) if is_postfix(op) => true,
        (Some(Tok::Sym("-." | "~")), Some(Tok::Ident(_)), Some(Tok::Sym("=="))) => true,
        (Some(Tok::Ident(_)), Some(Tok::Sym("(")), _) => paren_then_defeq(i, 1),
        (Some(Tok::Ident(_)), Some(Tok::Sym("[")), _) => paren_then_defeq(i, 1),
        _ => false,
    }
}

/// Whether a definition by name starts here: `Id ==`, `Id(...) ==` or
/// `Id[...] ==` (not the infix forms, which read like expressions).
pub(crate) fn starts_named_definition(i: &Input<'_>) -> bool {
    match (i.peek(0), i.peek(1)) {
        (Some(Tok::Ident(_)), Some(Tok::Sym("=="))) => true,
        (Some(Tok::Ident(_)), Some(Tok::Sym("(" | "["))) => paren_then_defeq(i, 1),
        _ => false,
    }
}

/// Whether the bracket at offset `k` closes and is followed by `==`.
fn paren_then_defeq(i: &Input<'_>, k: usize) -> bool {
    let mut depth = 0i32;
    let mut n = k;
    while let Some(t) = i.peek(n) {
        match t {
            Tok::Sym("(" | "[" | "{" | "<<") => depth += 1,
            Tok::Sym(")" | "]" | "}" | ">>") => {
                depth -= 1;
                if depth == 0 {
                    return matches!(i.peek(n + 1), Some(Tok::Sym("==")));
                }
            }
            _ => {}
        }
        n += 1;
    }
    false
}

/// One definition (operator, function, instance) or a RECURSIVE declaration,
/// possibly LOCAL. Used at module level, in LET, and in proofs.
pub(crate) fn definition_or_recursive(i: Input<'_>) -> PResult<'_, Unit> {
    let start = i.here().span;
    if is_kw(&i, "RECURSIVE") {
        let (i2, decls) = cut(comma_list(op_decl))(i.skip(1))?;
        let span = start.to(i2.prev_span());
        return Ok((
            i2,
            Unit {
                kind: UnitKind::Recursive(decls),
                span,
            },
        ));
    }
    let (local, i) = if is_kw(&i, "LOCAL") {
        (true, i.skip(1))
    } else {
        (false, i)
    };
    if is_kw(&i, "INSTANCE") {
        let (i2, inst) = cut(|i| instance(i, local))(i)?;
        let span = start.to(i2.prev_span());
        return Ok((
            i2,
            Unit {
                kind: UnitKind::Instance(inst),
                span,
            },
        ));
    }
    let (i, (name, params, fixity, fun_bounds)) = def_lhs(i)?;
    let (i, _) = cut(sym("=="))(i)?;
    if is_kw(&i, "INSTANCE") && fun_bounds.is_none() {
        if !matches!(fixity, Fixity::Normal) {
            // TLA+'s grammar names an instance with an identifier
            // (`NonFixLHS`); SANY rejects `a ++ b == INSTANCE M`.
            return Err(Failure(
                PErr::message(i, "an instance is named by an identifier, not an operator")
                    .label("this INSTANCE cannot define an operator symbol")
                    .related(name.span, "the operator defined here")
                    .note("name the instance, as in `I(a, b) == INSTANCE M`"),
            ));
        }
        let (i2, inst) = cut(|i| instance(i, local))(i)?;
        let span = start.to(i2.prev_span());
        return Ok((
            i2,
            Unit {
                kind: UnitKind::ModuleDef(ModuleDef {
                    name,
                    params,
                    instance: inst,
                    local,
                }),
                span,
            },
        ));
    }
    let (i, body) = cut(expr)(i)?;
    let span = start.to(body.span);
    let kind = match fun_bounds {
        Some(bounds) => UnitKind::FunDef(FunDef {
            name,
            bounds,
            body,
            local,
        }),
        None => UnitKind::OpDef(OpDef {
            name,
            params,
            body,
            fixity,
            local,
        }),
    };
    Ok((i, Unit { kind, span }))
}

type Lhs = (Ident, Vec<OpDecl>, Fixity, Option<Vec<Bound>>);

/// The left-hand side of a definition.
fn def_lhs(i: Input<'_>) -> PResult<'_, Lhs> {
    let t = i.here();
    // Prefix: `-. a ==`, `~ a ==`.
    if let Tok::Sym(op @ ("-." | "~")) = &t.tok {
        let name = *op;
        let (i2, p) = cut(ident)(i.skip(1))?;
        return Ok((
            i2,
            (
                Ident::new(name, t.span),
                vec![OpDecl { name: p, arity: 0 }],
                Fixity::Prefix,
                None,
            ),
        ));
    }
    let (i, name) = match ident(i) {
        Ok(r) => r,
        Err(Error(_)) => {
            return Err(Error(PErr::expected(
                i,
                "a definition, declaration, theorem or `====`",
            )))
        }
        Err(e) => return Err(e),
    };
    match i.tok().map(|t| (&t.tok, t.span)) {
        Some((Tok::Sym("("), _)) => {
            let (i2, params) = cut(comma_list(op_decl))(i.skip(1))?;
            let (i2, _) = cut(sym(")"))(i2)?;
            Ok((i2, (name, params, Fixity::Normal, None)))
        }
        Some((Tok::Sym("["), _)) => {
            let (i2, bs) = cut(|i| bounds(i, false))(i.skip(1))?;
            let (i2, _) = cut(sym("]"))(i2)?;
            Ok((i2, (name, vec![], Fixity::Normal, Some(bs))))
        }
        Some((Tok::Sym(op), span)) if is_postfix(op) => Ok((
            i.skip(1),
            (
                Ident::new(*op, span),
                vec![OpDecl { name, arity: 0 }],
                Fixity::Postfix,
                None,
            ),
        )),
        Some((Tok::Sym("="), _)) => Err(Failure(
            PErr::expected(i, "`==`")
                .label(format!(
                    "expected `==`: a definition is written `{} == ...`",
                    name.name
                ))
                .note("`=` is equality; `==` defines"),
        )),
        Some((Tok::Sym(op), span)) if *op != "==" && infix_info(op).is_some() => {
            let (i2, rhs) = cut(ident)(i.skip(1))?;
            Ok((
                i2,
                (
                    Ident::new(*op, span),
                    vec![
                        OpDecl { name, arity: 0 },
                        OpDecl {
                            name: rhs,
                            arity: 0,
                        },
                    ],
                    Fixity::Infix,
                    None,
                ),
            ))
        }
        _ => Ok((i, (name, vec![], Fixity::Normal, None))),
    }
}

/// `INSTANCE M [WITH a <- e, ...]`.
pub(crate) fn instance(i: Input<'_>, local: bool) -> PResult<'_, Instance> {
    let start = i.here().span;
    let (i, _) = kw("INSTANCE")(i)?;
    let (i, module) = cut(ident)(i)?;
    let (i, subst) = if is_kw(&i, "WITH") {
        let one = |i| {
            let (i, lhs) = subst_lhs(i)?;
            let (i, _) = cut(sym("<-"))(i)?;
            let (i, e) = cut(subst_rhs)(i)?;
            Ok((i, (lhs, e)))
        };
        cut(comma_list(one))(i.skip(1))?
    } else {
        (i, vec![])
    };
    let span = start.to(i.prev_span());
    Ok((
        i,
        Instance {
            module,
            subst,
            local,
            span,
        },
    ))
}

/// The right-hand side of `a <- e`: an expression, or an operator symbol
/// (`\oplus <- +`), which needs no `,` or `)` after it here.
fn subst_rhs(i: Input<'_>) -> PResult<'_, Expr> {
    if let Some(t) = i.tok() {
        if let Tok::Sym(s) = &t.tok {
            let operator = match *s {
                "-." => true,
                // `-` alone is binary minus; `- x` is an expression.
                "-" => match i.all.get(i.pos + 1) {
                    Some(n) => {
                        i.pos + 1 >= i.end
                            || matches!(n.tok, Tok::Sym(",") | Tok::Sym(")"))
                            || (n.line > t.line && n.col == 0)
                    }
                    None => true,
                },
                _ => infix_info(s).is_some() || is_postfix(s),
            };
            if operator {
                return Ok((
                    i.skip(1),
                    Expr::new(ExprKind::Apply(Ident::new(*s, t.span), vec![]), t.span),
                ));
            }
        }
    }
    arg_expr(i)
}

fn subst_lhs(i: Input<'_>) -> PResult<'_, Ident> {
    match i.tok() {
        Some(Token {
            tok: Tok::Sym(op),
            span,
            ..
        }) if infix_info(op).is_some() || is_postfix(op) || *op == "-." => {
            Ok((i.skip(1), Ident::new(*op, *span)))
        }
        _ => ident(i),
    }
}
