//! TLAPS proofs: terse proofs (BY, OBVIOUS, OMITTED) and structured step
//! proofs with levels `<n>`, `<*>`, `<+>`. Proofs are parsed, not checked.

use super::expr::{assume_prove, bounds, expr, infix_info, is_postfix};
use super::unit::{definition_or_recursive, instance, proof_opt, starts_definition};
use super::{comma_list, cut, ident, is_kw, is_sym, nested, Input, PErr, PResult};
use crate::ast::*;
use crate::lex::{Tok, Token};
use nom::Err::{Error, Failure};

/// A proof of a theorem or of a step at `level` (0 for a theorem); one
/// nesting level.
pub(crate) fn proof(i: Input<'_>, level: u32) -> PResult<'_, Proof> {
    nested(i, |i| proof_body(i, level))
}

fn proof_body(i: Input<'_>, level: u32) -> PResult<'_, Proof> {
    let i = if is_kw(&i, "PROOF") { i.skip(1) } else { i };
    match i.tok().map(|t| &t.tok) {
        Some(Tok::Keyword("OBVIOUS")) => Ok((i.skip(1), Proof::Obvious)),
        Some(Tok::Keyword("OMITTED")) => Ok((i.skip(1), Proof::Omitted)),
        Some(Tok::Keyword("BY")) => {
            let (i, uh) = use_hide(i)?;
            Ok((i, Proof::By(uh)))
        }
        Some(Tok::Step { .. }) => steps(i, level),
        _ => Err(Failure(PErr::expected(
            i,
            "`BY`, `OBVIOUS`, `OMITTED` or a proof step",
        ))),
    }
}

/// The steps of a structured proof one level below `parent`.
fn steps(mut i: Input<'_>, parent: u32) -> PResult<'_, Proof> {
    let mut out = vec![];
    let mut level: Option<u32> = None;
    while let Some(t) = i.tok() {
        let Tok::Step {
            level: l,
            marker,
            name,
            dot,
        } = &t.tok
        else {
            break;
        };
        let this = match (l, marker.as_str()) {
            (Some(n), _) => *n,
            (None, "+") if level.is_none() => parent + 1,
            (None, "*") => level.unwrap_or(parent + 1),
            _ => break,
        };
        match level {
            None if this <= parent => break,
            None => level = Some(this),
            Some(lv) if this != lv => break,
            _ => {}
        }
        // A step reference used as an expression cannot start a step; but a
        // label with no dot can (`<1> QED`, `<2>1 x = y`).
        let _ = dot;
        if l.is_none() && !name.is_empty() {
            return Err(Failure(
                PErr::message(i, format!("`<{marker}>` cannot name a step")).label(format!(
                    "write `<{marker}>` alone, or a level as in `<1>{name}.`"
                )),
            ));
        }
        let label = format!("<{marker}>{name}");
        let (i2, body) = step_body(i.skip(1))?;
        let is_qed = body == StepBody::Qed;
        let (i2, pf) = proof_opt(i2, this)?;
        let span = t.span.to(i2.prev_span());
        out.push(Step {
            label,
            level: this,
            body,
            proof: pf,
            span,
        });
        i = i2;
        if is_qed {
            break;
        }
    }
    let Some(last) = out.last() else {
        return Err(Failure(PErr::expected(i, "a proof step")));
    };
    if last.body != StepBody::Qed {
        // As in SANY, a structured proof ends with its QED step.
        let level = last.level;
        return Err(Failure(
            PErr::message(i, format!("the proof at level {level} has no QED step"))
                .label(format!("expected `<{level}> QED` before this"))
                .related(
                    crate::span::Span {
                        end: out[0].span.start + out[0].label.len() as u32,
                        ..out[0].span
                    },
                    "the proof starts here",
                ),
        ));
    }
    Ok((i, Proof::Steps(out)))
}

fn step_body(i: Input<'_>) -> PResult<'_, StepBody> {
    let Some(t) = i.tok() else {
        return Err(Failure(PErr::expected(i, "a proof step")));
    };
    match &t.tok {
        Tok::Keyword(k @ ("BY" | "OBVIOUS" | "OMITTED" | "PROOF")) => Err(Failure(
            PErr::message(i, "this proof step has no statement").label(format!(
                "expected a statement (an assertion, `QED`, `SUFFICES` ...) before `{k}`"
            )),
        )),
        Tok::Keyword("QED") => Ok((i.skip(1), StepBody::Qed)),
        Tok::Keyword("SUFFICES") => {
            let (i, e) = cut(expr)(i.skip(1))?;
            Ok((i, StepBody::Suffices(e)))
        }
        Tok::Keyword("CASE") => {
            let (i, e) = cut(expr)(i.skip(1))?;
            Ok((i, StepBody::Case(e)))
        }
        Tok::Keyword("PICK") => {
            let (i, bs) = cut(|i| bounds(i, true))(i.skip(1))?;
            let (i, _) = cut(super::sym(":"))(i)?;
            let (i, e) = cut(expr)(i)?;
            Ok((i, StepBody::Pick(bs, e)))
        }
        Tok::Keyword("HAVE") => {
            let (i, e) = cut(expr)(i.skip(1))?;
            Ok((i, StepBody::Have(e)))
        }
        Tok::Keyword("TAKE") => {
            let (i, bs) = cut(|i| bounds(i, true))(i.skip(1))?;
            Ok((i, StepBody::Take(bs)))
        }
        Tok::Keyword("WITNESS") => {
            let (i, es) = cut(comma_list(expr))(i.skip(1))?;
            Ok((i, StepBody::Witness(es)))
        }
        Tok::Keyword("DEFINE") => {
            let mut i = i.skip(1);
            let mut defs = vec![];
            loop {
                let (i2, u) = cut(definition_or_recursive)(i)?;
                defs.push(u);
                i = i2;
                if !starts_definition(&i) {
                    break;
                }
            }
            Ok((i, StepBody::Define(defs)))
        }
        Tok::Keyword("USE") | Tok::Keyword("HIDE") => {
            let (i, uh) = cut(use_hide)(i)?;
            Ok((i, StepBody::UseHide(uh)))
        }
        Tok::Keyword("INSTANCE") => {
            let (i, inst) = cut(|i| instance(i, false))(i)?;
            Ok((i, StepBody::Instance(inst)))
        }
        Tok::Keyword("ASSUME") => {
            let (i, e) = assume_prove(i)?;
            Ok((i, StepBody::Assert(e)))
        }
        _ if starts_definition(&i) => {
            let (i, u) = cut(definition_or_recursive)(i)?;
            Ok((i, StepBody::Define(vec![u])))
        }
        _ => {
            let (i, e) = cut(expr)(i)?;
            Ok((i, StepBody::Assert(e)))
        }
    }
}

/// `BY|USE|HIDE [ONLY] facts [DEF|DEFS names]`.
pub(crate) fn use_hide(i: Input<'_>) -> PResult<'_, UseHide> {
    let keyword = match i.tok().map(|t| &t.tok) {
        Some(Tok::Keyword(k @ ("BY" | "USE" | "HIDE"))) => k.to_string(),
        _ => return Err(Error(PErr::expected(i, "`BY`, `USE` or `HIDE`"))),
    };
    let mut i = i.skip(1);
    let only = is_kw(&i, "ONLY");
    if only {
        i = i.skip(1);
    }
    let mut facts = vec![];
    let mut modules = vec![];
    let mut defs = vec![];
    if !is_kw(&i, "DEF") && !is_kw(&i, "DEFS") && starts_fact(&i) {
        loop {
            if is_kw(&i, "MODULE") {
                let (i2, m) = cut(ident)(i.skip(1))?;
                modules.push(m);
                i = i2;
            } else {
                let (i2, e) = cut(expr)(i)?;
                facts.push(e);
                i = i2;
            }
            if is_sym(&i, ",") {
                i = i.skip(1);
            } else {
                break;
            }
        }
    }
    if is_kw(&i, "DEF") || is_kw(&i, "DEFS") {
        let (i2, ds) = cut(comma_list(def_name))(i.skip(1))?;
        defs = ds;
        i = i2;
    }
    Ok((
        i,
        UseHide {
            keyword,
            only,
            facts,
            modules,
            defs,
        },
    ))
}

/// Whether a fact list starts here (BY may be followed directly by DEF).
fn starts_fact(i: &Input<'_>) -> bool {
    match i.tok().map(|t| &t.tok) {
        None => false,
        Some(Tok::Step { dot, .. }) => !dot,
        Some(Tok::Keyword(k)) => !matches!(
            *k,
            "THEOREM"
                | "LEMMA"
                | "PROPOSITION"
                | "COROLLARY"
                | "USE"
                | "HIDE"
                | "VARIABLE"
                | "VARIABLES"
                | "CONSTANT"
                | "CONSTANTS"
                | "LOCAL"
                | "INSTANCE"
                | "RECURSIVE"
                | "AXIOM"
                | "ASSUMPTION"
                | "PROOF"
                | "QED"
        ),
        Some(Tok::ModuleEnd | Tok::Separator | Tok::ModuleStart) => false,
        _ => true,
    }
}

/// A name after DEF: an identifier (possibly qualified) or an operator
/// symbol.
fn def_name(i: Input<'_>) -> PResult<'_, Expr> {
    if let Some(Token {
        tok: Tok::Sym(op),
        span,
        ..
    }) = i.tok()
    {
        if infix_info(op).is_some() || is_postfix(op) || *op == "-." {
            return Ok((
                i.skip(1),
                Expr::new(ExprKind::Apply(Ident::new(*op, *span), vec![]), *span),
            ));
        }
    }
    expr(i)
}
