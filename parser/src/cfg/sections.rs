//! The sections that name operators (INIT, NEXT, SPECIFICATION,
//! INVARIANT, PROPERTY, CONSTRAINT, ...) and CHECK_DEADLOCK, and the checks
//! across sections: a single-valued section given twice, SPECIFICATION
//! together with INIT/NEXT.

use super::error::CfgError;
use super::lex::TokKind;
use super::model::{ModelConfig, Name};
use super::parse::Parser;
use crate::span::Span;

impl Parser<'_> {
    pub(super) fn check_spec_mix(&mut self) {
        let find = |k: &str| {
            self.singles
                .iter()
                .find(|(kw, _)| *kw == k)
                .map(|(_, s)| *s)
        };
        if let Some(spec) = find("SPECIFICATION") {
            let (init, next) = (find("INIT"), find("NEXT"));
            if init.is_some() || next.is_some() {
                self.errors
                    .push(CfgError::SpecWithInitNext { spec, init, next });
            }
        }
    }

    /// Records a single-valued section `kw` spanning `span`; `false` (and
    /// an error) if it was already given.
    pub(super) fn record_single(&mut self, kw: &'static str, span: Span) -> bool {
        if let Some((_, first)) = self.singles.iter().find(|(k, _)| *k == kw) {
            self.errors.push(CfgError::Duplicate {
                keyword: kw,
                first: *first,
                second: span,
            });
            false
        } else {
            self.singles.push((kw, span));
            true
        }
    }

    /// `INIT name` and the like. Returns the section for hints.
    pub(super) fn single(
        &mut self,
        kw: &'static str,
        kw_span: Span,
        slot: fn(&mut ModelConfig) -> &mut Option<Name>,
    ) -> Option<(&'static str, Span)> {
        let t = self.peek().clone();
        if self.is_name(&t) {
            self.bump();
            let name = Name {
                name: self.text(&t).to_string(),
                span: self.span(&t),
            };
            let whole = kw_span.to(name.span);
            if self.record_single(kw, whole) {
                *slot(&mut self.cfg) = Some(name);
            }
            Some((kw, whole))
        } else if self.at_section_end() {
            self.errors.push(CfgError::MissingName {
                after: kw.to_string(),
                after_span: kw_span,
                expected: "an operator name",
                found: self.describe(&t),
                found_span: self.found_span(&t),
            });
            None
        } else {
            self.bump();
            let err = self.unexpected(format!("an operator name after {kw}"), &t, None);
            self.errors.push(err);
            None
        }
    }

    /// `CHECK_DEADLOCK TRUE|FALSE`.
    pub(super) fn check_deadlock(&mut self, kw_span: Span) -> Option<(&'static str, Span)> {
        let t = self.peek().clone();
        let text = self.text(&t);
        if t.kind == TokKind::Word && (text == "TRUE" || text == "FALSE") {
            self.bump();
            let span = self.span(&t);
            let whole = kw_span.to(span);
            if self.record_single("CHECK_DEADLOCK", whole) {
                self.cfg.check_deadlock = Some((text == "TRUE", span));
            }
            return Some(("CHECK_DEADLOCK", whole));
        }
        let at_end = self.at_section_end();
        self.errors.push(CfgError::ExpectedBool {
            keyword_span: kw_span,
            found: self.describe(&t),
            found_span: if at_end { None } else { Some(self.span(&t)) },
        });
        if !at_end {
            self.bump();
        }
        None
    }

    /// INVARIANT-like sections: names up to the next keyword.
    pub(super) fn names(&mut self, slot: fn(&mut ModelConfig) -> &mut Vec<Name>) {
        while !self.at_section_end() {
            let t = self.peek().clone();
            if self.is_name(&t) {
                let next = self.peek_at(1).clone();
                if self.is_punct(&next, "=") || self.is_punct(&next, "<-") {
                    self.errors.push(CfgError::Unexpected {
                        expected: "an operator name or a section keyword".to_string(),
                        found: format!(
                            "the constant binding `{} {}`",
                            self.text(&t),
                            self.text(&next)
                        ),
                        span: self.span(&t).to(self.span(&next)),
                        note: Some(
                            "help: constant bindings belong in a CONSTANTS section".to_string(),
                        ),
                    });
                    self.bump();
                    self.bump();
                    self.skip_line();
                    continue;
                }
                self.bump();
                let name = Name {
                    name: self.text(&t).to_string(),
                    span: self.span(&t),
                };
                slot(&mut self.cfg).push(name);
            } else {
                let note = if self.is_punct(&t, ",") {
                    Some("names are separated by spaces or new lines, not commas".to_string())
                } else {
                    None
                };
                let err = self.unexpected("an operator name or a section keyword", &t, note);
                self.errors.push(err);
                self.bump();
            }
        }
    }

    /// Skips to the first token of the next line or the next keyword.
    pub(super) fn skip_line(&mut self) {
        while !self.at_section_end() && !self.peek().line_start {
            self.bump();
        }
    }
}
