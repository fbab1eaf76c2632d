//! The CONSTANTS section: bindings `X = value`, `F(a) = value`,
//! `X = [Mod] value`, `Op <- Def`, `Op <- [Mod] Def`, with recovery at the
//! next line.

use super::error::CfgError;
use super::keyword::suggest_keyword;
use super::lex::{TokKind, Token};
use super::model::{ConstantBinding, Name};
use super::parse::{PResult, Parser, RANGE_NOTE};

impl Parser<'_> {
    pub(super) fn constants(&mut self) {
        while !self.at_section_end() {
            let first = self.pos;
            if self.misspelt_keyword() {
                self.skip_to_section();
                continue;
            }
            match self.binding() {
                Ok(b) => self.cfg.constants.push(b),
                Err(e @ CfgError::TooDeep { .. }) => {
                    // The rest of a value nested past the limit is no
                    // binding: recover at the next section.
                    self.errors.push(e);
                    self.skip_to_section();
                }
                Err(e) => {
                    self.errors.push(e);
                    // Recover at the next line (or keyword), after at least
                    // the binding's first token.
                    if self.pos == first {
                        self.bump();
                    }
                    self.skip_line();
                }
            }
        }
    }

    /// In a CONSTANTS section, reports an upper-case word close to a
    /// keyword that does not start a binding (`INVARANT Inv`) as a misspelt
    /// keyword, and consumes it.
    pub(super) fn misspelt_keyword(&mut self) -> bool {
        let t = self.peek().clone();
        let text = self.text(&t);
        if t.kind != TokKind::Word || text.bytes().any(|b| b.is_ascii_lowercase()) {
            return false;
        }
        let next = self.peek_at(1);
        if ["=", "<-", "!", "("].iter().any(|p| self.is_punct(next, p)) {
            return false;
        }
        let Some(suggestion) = suggest_keyword(text) else {
            return false;
        };
        self.errors.push(CfgError::ExpectedKeyword {
            found: self.describe(&t),
            span: self.span(&t),
            suggestion: Some(suggestion),
            after_single: None,
            looks_like_binding: false,
        });
        self.bump();
        true
    }

    /// The left side of a binding: `X`, `Inst!X`, or an operator symbol.
    pub(super) fn binding_lhs(&mut self) -> PResult<Name> {
        let t = self.peek().clone();
        if t.kind == TokKind::Op {
            let next = self.peek_at(1);
            if !(self.is_punct(next, "=") || self.is_punct(next, "<-")) {
                let note = (self.text(&t) == "..").then(|| RANGE_NOTE.to_string());
                return Err(self.unexpected(
                    "a constant binding (`X = value` or `Op <- Def`) or a section keyword",
                    &t,
                    note,
                ));
            }
            self.bump();
            return Ok(Name {
                name: self.text(&t).to_string(),
                span: self.span(&t),
            });
        }
        if !self.is_name(&t) {
            let note = if self.is_punct(&t, "=") || self.is_punct(&t, "<-") {
                Some(format!(
                    "`{}` needs a constant name on its left",
                    self.text(&t)
                ))
            } else {
                None
            };
            return Err(self.unexpected(
                "a constant binding (`X = value` or `Op <- Def`) or a section keyword",
                &t,
                note,
            ));
        }
        self.bump();
        let mut name = self.text(&t).to_string();
        let mut span = self.span(&t);
        while self.is_punct(self.peek(), "!") {
            let bang = self.bump();
            let u = self.peek().clone();
            if !self.is_name(&u) {
                return Err(self.unexpected(format!("a name after `{name}!`"), &u, None));
            }
            self.bump();
            name.push('!');
            name.push_str(self.text(&u));
            span = span.to(self.span(&bang)).to(self.span(&u));
        }
        Ok(Name { name, span })
    }

    pub(super) fn binding(&mut self) -> PResult<ConstantBinding> {
        let name = self.binding_lhs()?;
        let t = self.peek().clone();
        if self.is_punct(&t, "<-") {
            self.bump();
            let module = self.module_prefix()?;
            let u = self.peek().clone();
            let is_def = self.is_name(&u) || u.kind == TokKind::Op;
            if !is_def || self.binding_starts_at(0) {
                return Err(self.missing_name("`<-`", &t, "a definition name", &u));
            }
            self.bump();
            let by = Name {
                name: self.text(&u).to_string(),
                span: self.span(&u),
            };
            return Ok(ConstantBinding::Replace { name, module, by });
        }
        let mut args = Vec::new();
        if self.is_punct(&t, "(") {
            self.bump();
            loop {
                args.push(self.value()?);
                let u = self.peek().clone();
                if self.is_punct(&u, ",") {
                    self.bump();
                } else if self.is_punct(&u, ")") {
                    self.bump();
                    break;
                } else {
                    return Err(self.unexpected(
                        format!("`,` or `)` in the arguments of `{}`", name.name),
                        &u,
                        None,
                    ));
                }
            }
        }
        let eq = self.peek().clone();
        if !self.is_punct(&eq, "=") {
            let expected = if args.is_empty() {
                format!("`=` or `<-` after `{}`", name.name)
            } else {
                format!("`=` after `{}(...)`", name.name)
            };
            let note = if args.is_empty() {
                suggest_keyword(&name.name)
                    .filter(|_| name.name.bytes().all(|b| !b.is_ascii_lowercase()))
                    .map(|kw| {
                        format!(
                            "help: if `{}` is meant as a section keyword, did you mean `{kw}`?",
                            name.name
                        )
                    })
            } else {
                None
            };
            return Err(self.unexpected(expected, &eq, note));
        }
        self.bump();
        let module = self.module_prefix()?;
        let u = self.peek().clone();
        if self.at_section_end() || self.binding_starts_at(0) {
            return Err(CfgError::MissingValue {
                name: name.name,
                eq: self.span(&eq),
                found: self.describe(&u),
                found_span: self.found_span(&u),
            });
        }
        let value = self.value()?;
        Ok(ConstantBinding::Value {
            name,
            args,
            module,
            value,
        })
    }

    pub(super) fn missing_name(
        &self,
        after: &str,
        after_tok: &Token,
        expected: &'static str,
        found: &Token,
    ) -> CfgError {
        CfgError::MissingName {
            after: after.to_string(),
            after_span: self.span(after_tok),
            expected,
            found: self.describe(found),
            found_span: self.found_span(found),
        }
    }

    /// An optional `[Mod]`.
    pub(super) fn module_prefix(&mut self) -> PResult<Option<Name>> {
        if !self.is_punct(self.peek(), "[") {
            return Ok(None);
        }
        let open = self.bump();
        let t = self.peek().clone();
        if !self.is_name(&t) {
            return Err(self.missing_name("`[`", &open, "a module name", &t));
        }
        self.bump();
        let close = self.peek().clone();
        if !self.is_punct(&close, "]") {
            return Err(self.unexpected(format!("`]` after `[{}`", self.text(&t)), &close, None));
        }
        self.bump();
        Ok(Some(Name {
            name: self.text(&t).to_string(),
            span: self.span(&t),
        }))
    }
}
