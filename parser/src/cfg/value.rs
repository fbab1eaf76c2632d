//! The values a `.cfg` file may give a constant: integers, strings,
//! booleans, model values and (nested) sets; tuples are read to find their
//! extent and reported.

use super::error::CfgError;
use super::lex::TokKind;
use super::model::{CfgValue, CfgValueKind};
use super::parse::{PResult, Parser, RANGE_NOTE};
use crate::limits::{with_stack, MAX_NESTING};
use crate::span::Span;

impl Parser<'_> {
    /// A value, one nesting level below the current one; past
    /// [`MAX_NESTING`], a [`CfgError::TooDeep`] at its first token.
    pub(super) fn value(&mut self) -> PResult<CfgValue> {
        if self.depth >= MAX_NESTING {
            let t = self.peek().clone();
            return Err(CfgError::TooDeep {
                span: self.span(&t),
            });
        }
        self.depth += 1;
        let v = with_stack(|| self.value_at_depth());
        self.depth -= 1;
        v
    }

    fn value_at_depth(&mut self) -> PResult<CfgValue> {
        let t = self.peek().clone();
        let span = self.span(&t);
        let text = self.text(&t);
        let kind = match &t.kind {
            TokKind::Int { radix, prefix } => {
                self.bump();
                self.int(&text[*prefix..], *radix, false, span)
            }
            TokKind::Str(s) => {
                self.bump();
                CfgValueKind::Str(s.clone())
            }
            TokKind::Word if text == "TRUE" || text == "FALSE" => {
                self.bump();
                CfgValueKind::Bool(text == "TRUE")
            }
            TokKind::Word | TokKind::Bad if self.kw_of(&t).is_none() => {
                self.bump();
                CfgValueKind::ModelValue(text.to_string())
            }
            TokKind::Op if text == "-" => {
                let u = self.peek_at(1).clone();
                match u.kind {
                    TokKind::Int { radix, prefix } if u.start == t.end => {
                        self.bump();
                        self.bump();
                        let span = self.span(&t).to(self.span(&u));
                        let kind = self.int(&self.text(&u)[prefix..], radix, true, span);
                        return Ok(CfgValue { kind, span });
                    }
                    _ => {
                        let note = Some(
                            "write negative numbers with the `-` right before the digits: `-1`"
                                .to_string(),
                        );
                        return Err(self.unexpected("a value", &t, note));
                    }
                }
            }
            TokKind::Punct if text == "{" => return self.set(),
            TokKind::Punct if text == "<<" => return self.tuple(),
            _ => {
                return Err(self.unexpected(
                    "a value (number, string, TRUE, FALSE, model value or set)",
                    &t,
                    None,
                ))
            }
        };
        Ok(CfgValue { kind, span })
    }

    pub(super) fn int(
        &mut self,
        digits: &str,
        radix: u32,
        negative: bool,
        span: Span,
    ) -> CfgValueKind {
        let parsed = if negative {
            i64::from_str_radix(&format!("-{digits}"), radix)
        } else {
            i64::from_str_radix(digits, radix)
        };
        match parsed {
            Ok(n) => CfgValueKind::Int(n),
            Err(_) => {
                self.errors.push(CfgError::IntOutOfRange { span });
                // Placeholder: the error makes `parse_cfg` fail anyway.
                CfgValueKind::Int(0)
            }
        }
    }

    /// `{` values separated by `,` `}`.
    pub(super) fn set(&mut self) -> PResult<CfgValue> {
        let open = self.bump();
        let mut elems = Vec::new();
        if self.is_punct(self.peek(), "}") {
            let close = self.bump();
            return Ok(CfgValue {
                kind: CfgValueKind::Set(elems),
                span: self.span_from(open.start, close.end),
            });
        }
        loop {
            let t = self.peek().clone();
            if self.at_section_end() || self.binding_starts_at(0) {
                return Err(CfgError::UnclosedBrace {
                    open: self.span(&open),
                    found: self.describe(&t),
                    found_span: self.found_span(&t),
                });
            }
            if self.is_punct(&t, "}") {
                let note = Some("help: remove the trailing comma".to_string());
                return Err(self.unexpected("a value", &t, note));
            }
            elems.push(self.value()?);
            let u = self.peek().clone();
            if self.is_punct(&u, ",") {
                self.bump();
            } else if self.is_punct(&u, "}") {
                self.bump();
                return Ok(CfgValue {
                    kind: CfgValueKind::Set(elems),
                    span: self.span_from(open.start, u.end),
                });
            } else if self.at_section_end() || self.binding_starts_at(0) {
                return Err(CfgError::UnclosedBrace {
                    open: self.span(&open),
                    found: self.describe(&u),
                    found_span: self.found_span(&u),
                });
            } else {
                let note = if self.text(&u) == ".." {
                    Some(RANGE_NOTE.to_string())
                } else {
                    None
                };
                return Err(self.unexpected("`,` or `}`", &u, note));
            }
        }
    }

    /// `<<` values `>>`: parsed to find its extent, then reported.
    pub(super) fn tuple(&mut self) -> PResult<CfgValue> {
        let open = self.bump();
        if !self.is_punct(self.peek(), ">>") {
            loop {
                self.value()?;
                let u = self.peek().clone();
                if self.is_punct(&u, ",") {
                    self.bump();
                } else if self.is_punct(&u, ">>") {
                    break;
                } else {
                    return Err(self.unexpected("`,` or `>>`", &u, None));
                }
            }
        }
        let close = self.bump();
        let span = self.span_from(open.start, close.end);
        self.errors.push(CfgError::TupleValue { span });
        // Placeholder: the error makes `parse_cfg` fail anyway.
        Ok(CfgValue {
            kind: CfgValueKind::Set(Vec::new()),
            span,
        })
    }
}
