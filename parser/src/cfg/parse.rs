//! The parser of `.cfg` files: its state, token access, and the loop over
//! sections that hands each section to its reader ([`super::sections`],
//! [`super::constants`]).

use super::error::CfgError;
use super::keyword::{keyword, suggest_keyword, Kw};
use super::lex::{TokKind, Token};
use super::model::ModelConfig;
use crate::span::{FileId, Span};

/// The note on ranges, which are expressions and not values.
pub(super) const RANGE_NOTE: &str =
    "ranges like `1..3` are expressions, which .cfg files cannot hold: \
     write the set out, or define it in a module and bind it with `<-`";

/// The result of parsing one piece: `Err` means an error was recorded
/// (as the `CfgError`) and the caller should recover.
pub(super) type PResult<T> = Result<T, CfgError>;

/// The state of the reader of one file.
pub(super) struct Parser<'a> {
    /// The text.
    pub(super) src: &'a str,
    /// Its file.
    pub(super) file: FileId,
    /// Its tokens, ending with `Eof`.
    pub(super) toks: Vec<Token>,
    /// The next token.
    pub(super) pos: usize,
    /// Errors found so far.
    pub(super) errors: Vec<CfgError>,
    /// Single-valued sections seen: canonical keyword and the span of the
    /// keyword through its value.
    pub(super) singles: Vec<(&'static str, Span)>,
    /// How many values enclose the one being read (sets in sets).
    pub(super) depth: u32,
    /// The model read so far.
    pub(super) cfg: ModelConfig,
}

impl<'a> Parser<'a> {
    // --- token access ----------------------------------------------------

    pub(super) fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    pub(super) fn peek_at(&self, n: usize) -> &Token {
        let i = (self.pos + n).min(self.toks.len() - 1);
        &self.toks[i]
    }

    pub(super) fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if t.kind != TokKind::Eof {
            self.pos += 1;
        }
        t
    }

    pub(super) fn text(&self, t: &Token) -> &'a str {
        &self.src[t.start..t.end]
    }

    pub(super) fn span(&self, t: &Token) -> Span {
        Span::new(self.file, t.start, t.end)
    }

    pub(super) fn span_from(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    pub(super) fn is_punct(&self, t: &Token, p: &str) -> bool {
        t.kind == TokKind::Punct && self.text(t) == p
    }

    pub(super) fn kw_of(&self, t: &Token) -> Option<Kw> {
        if t.kind == TokKind::Word {
            keyword(self.text(t))
        } else {
            None
        }
    }

    /// At a keyword or the end of the file: the end of a section.
    pub(super) fn at_section_end(&self) -> bool {
        let t = self.peek();
        t.kind == TokKind::Eof || self.kw_of(t).is_some()
    }

    /// A non-keyword identifier.
    pub(super) fn is_name(&self, t: &Token) -> bool {
        (t.kind == TokKind::Word && self.kw_of(t).is_none()) || t.kind == TokKind::Bad
    }

    /// Does the token at `self.pos + n` start a binding (`X =`, `X <-`,
    /// `X!Y =`, `X(`) on a new line?
    pub(super) fn binding_starts_at(&self, n: usize) -> bool {
        let t = self.peek_at(n);
        if !t.line_start || !(self.is_name(t) || t.kind == TokKind::Op) {
            return false;
        }
        let u = self.peek_at(n + 1);
        ["=", "<-", "!", "("].iter().any(|p| self.is_punct(u, p))
    }

    pub(super) fn describe(&self, t: &Token) -> String {
        let text = self.text(t);
        match &t.kind {
            TokKind::Eof => "end of file".to_string(),
            TokKind::Word if self.kw_of(t).is_some() => format!("keyword `{text}`"),
            TokKind::Word => format!("`{text}`"),
            TokKind::Int { .. } => format!("number `{text}`"),
            TokKind::Str(_) => format!("string `{text}`"),
            TokKind::Punct | TokKind::Op | TokKind::Bad => format!("`{text}`"),
        }
    }

    pub(super) fn found_span(&self, t: &Token) -> Option<Span> {
        (t.kind != TokKind::Eof).then(|| self.span(t))
    }

    pub(super) fn unexpected(
        &self,
        expected: impl Into<String>,
        t: &Token,
        note: Option<String>,
    ) -> CfgError {
        CfgError::Unexpected {
            expected: expected.into(),
            found: self.describe(t),
            span: self.span(t),
            note,
        }
    }

    /// Skips to the next section keyword.
    pub(super) fn skip_to_section(&mut self) {
        while !self.at_section_end() {
            self.bump();
        }
    }

    // --- file and sections -----------------------------------------------

    pub(super) fn file_(&mut self) {
        // The single-name section just read, for hints.
        let mut last_single: Option<(&'static str, Span)> = None;
        loop {
            let t = self.peek().clone();
            if t.kind == TokKind::Eof {
                break;
            }
            let Some(kw) = self.kw_of(&t) else {
                let looks_like_binding = self.binding_starts_at(0);
                let suggestion = if t.kind == TokKind::Word {
                    suggest_keyword(self.text(&t))
                } else {
                    None
                };
                self.errors.push(CfgError::ExpectedKeyword {
                    found: self.describe(&t),
                    span: self.span(&t),
                    suggestion,
                    after_single: if looks_like_binding {
                        None
                    } else {
                        last_single
                    },
                    looks_like_binding,
                });
                self.bump();
                self.skip_to_section();
                last_single = None;
                continue;
            };
            self.bump();
            let kw_span = self.span(&t);
            let written = self.text(&t);
            last_single = None;
            match kw {
                Kw::Constants => self.constants(),
                Kw::Invariants => self.names(|c| &mut c.invariants),
                Kw::Properties => self.names(|c| &mut c.properties),
                Kw::Constraints => self.names(|c| &mut c.constraints),
                Kw::ActionConstraints => self.names(|c| &mut c.action_constraints),
                Kw::Postconditions => self.names(|c| &mut c.postconditions),
                Kw::Init => last_single = self.single("INIT", kw_span, |c| &mut c.init),
                Kw::Next => last_single = self.single("NEXT", kw_span, |c| &mut c.next),
                Kw::Specification => {
                    last_single = self.single("SPECIFICATION", kw_span, |c| &mut c.specification)
                }
                Kw::Symmetry => last_single = self.single("SYMMETRY", kw_span, |c| &mut c.symmetry),
                Kw::View => last_single = self.single("VIEW", kw_span, |c| &mut c.view),
                Kw::Alias => last_single = self.single("ALIAS", kw_span, |c| &mut c.alias),
                Kw::CheckDeadlock => last_single = self.check_deadlock(kw_span),
                Kw::Unsupported(reason) => {
                    self.errors.push(CfgError::UnsupportedKeyword {
                        keyword: written.to_string(),
                        span: kw_span,
                        reason,
                    });
                    self.skip_to_section();
                }
            }
        }
        self.check_spec_mix();
    }
}
