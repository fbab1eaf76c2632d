//! Parser: tokens to the spanned AST.
//!
//! Built on nom over a token slice ([`Input`]). The bullet rule of `/\` and
//! `\/` lists is applied by parsing each item inside a sub-slice that ends at
//! the first token at or left of the bullet's column, so no parser needs to
//! know about columns.

mod bracket;
mod expr;
mod prec;
mod proof;
mod unit;

use crate::diag::{Diag, IntoDiagnostic};
use crate::lex::{Tok, Token};
use crate::limits::{thousands, MAX_NESTING};
use crate::span::Span;
use nom::error::{ErrorKind, ParseError as NomParseError};
use nom::InputLength;

pub use unit::parse_tokens;

/// A window `pos..end` onto the token array of one file. `all[end]` always
/// exists (the array ends with `Eof`): it is the token that closed the
/// window, used to report errors at the end of a window. `depth` is how
/// deeply the parser has nested to get here (see [`nested`]).
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    all: &'a [Token],
    pos: usize,
    end: usize,
    depth: u32,
}

impl InputLength for Input<'_> {
    fn input_len(&self) -> usize {
        self.end - self.pos
    }
}

impl<'a> Input<'a> {
    /// The whole token array (which must end with `Eof`).
    pub fn new(all: &'a [Token]) -> Input<'a> {
        Input {
            all,
            pos: 0,
            end: all.len() - 1,
            depth: 0,
        }
    }

    /// The next token, if the window is not exhausted.
    pub(crate) fn tok(&self) -> Option<&'a Token> {
        if self.pos < self.end {
            Some(&self.all[self.pos])
        } else {
            None
        }
    }

    /// The `n`-th token ahead, if inside the window.
    pub(crate) fn peek(&self, n: usize) -> Option<&'a Tok> {
        if self.pos + n < self.end {
            Some(&self.all[self.pos + n].tok)
        } else {
            None
        }
    }

    /// The next token or the closing token of the window.
    pub(crate) fn here(&self) -> &'a Token {
        &self.all[self.pos.min(self.end)]
    }

    /// The window advanced by `n` tokens.
    pub(crate) fn skip(self, n: usize) -> Input<'a> {
        Input {
            pos: (self.pos + n).min(self.end),
            ..self
        }
    }

    /// The span of the previous token (for the end of a node).
    pub(crate) fn prev_span(&self) -> Span {
        if self.pos == 0 {
            self.all[0].span
        } else {
            self.all[self.pos - 1].span
        }
    }

    /// Whether the window is exhausted.
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.end
    }
}

/// A parse failure: the furthest token reached and what was expected there.
#[derive(Clone, Debug, PartialEq)]
pub struct PErr {
    /// Index of the offending token in the file's token array (32 bits,
    /// to keep every parser's error small).
    pub pos: u32,
    /// What would have been accepted there.
    pub expected: Vec<String>,
    /// A specific headline replacing "expected ..., found ...".
    pub message: Option<String>,
    /// The label at the offending token, with `message` (default: the
    /// message itself).
    pub label: Option<String>,
    /// A related place (e.g. the bullet whose item this is); boxed to keep
    /// the error small, as every parser returns it.
    pub related: Option<Box<(Span, String)>>,
    /// Explanations shown under the source.
    pub notes: Vec<String>,
    /// Nesting past [`MAX_NESTING`]: input past a limit of
    /// [`crate::limits`] rather than a syntax error (a flag, not the code
    /// itself, to keep every parser's error small).
    pub too_deep: bool,
}

impl PErr {
    fn at(pos: usize) -> PErr {
        PErr {
            pos: u32::try_from(pos).unwrap_or(u32::MAX),
            expected: vec![],
            message: None,
            label: None,
            related: None,
            notes: vec![],
            too_deep: false,
        }
    }

    /// Nesting past [`MAX_NESTING`] at the next token of `i`.
    fn too_deep(i: Input<'_>) -> PErr {
        let max = thousands(MAX_NESTING);
        PErr {
            too_deep: true,
            ..PErr::message(i, format!("expressions nest deeper than {max} levels"))
                .label(format!("level {} starts here", thousands(MAX_NESTING + 1)))
                .note(format!(
                    "tlatrace reads at most {max} nested levels of parentheses, brackets, operators, \
                     IF/CASE/LET, quantifiers, proof steps and modules; each operator of a chain \
                     such as `a + b + c` is one level"
                ))
        }
    }

    pub(crate) fn expected(i: Input<'_>, what: impl Into<String>) -> PErr {
        PErr {
            expected: vec![what.into()],
            ..PErr::at(i.pos)
        }
    }

    pub(crate) fn message(i: Input<'_>, msg: impl Into<String>) -> PErr {
        PErr {
            message: Some(msg.into()),
            ..PErr::at(i.pos)
        }
    }

    /// Sets the primary label.
    pub(crate) fn label(mut self, label: impl Into<String>) -> PErr {
        self.label = Some(label.into());
        self
    }

    /// Sets the related place, unless one is set already.
    pub(crate) fn related(mut self, span: Span, msg: impl Into<String>) -> PErr {
        if self.related.is_none() {
            self.related = Some(Box::new((span, msg.into())));
        }
        self
    }

    /// Adds a note.
    pub(crate) fn note(mut self, note: impl Into<String>) -> PErr {
        self.notes.push(note.into());
        self
    }
}

impl<'a> NomParseError<Input<'a>> for PErr {
    fn from_error_kind(input: Input<'a>, _kind: ErrorKind) -> Self {
        PErr::at(input.pos)
    }

    fn append(_input: Input<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        use std::cmp::Ordering::*;
        match self.pos.cmp(&other.pos) {
            Greater => self,
            Less => other,
            Equal => {
                if self.message.is_some() || self.too_deep {
                    return self;
                }
                if other.message.is_some() {
                    return other;
                }
                let mut e = self;
                for x in other.expected {
                    if !e.expected.contains(&x) {
                        e.expected.push(x);
                    }
                }
                e
            }
        }
    }
}

/// The result type of every parser.
pub type PResult<'a, T> = nom::IResult<Input<'a>, T, PErr>;

/// A syntax error, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// The offending token.
    pub span: Span,
    /// The headline, such as "expected `)`, found `==`".
    pub message: String,
    /// The label under the offending token.
    pub label: String,
    /// A related place.
    pub related: Option<(Span, String)>,
    /// Explanations.
    pub notes: Vec<String>,
    /// The diagnostic code: set for input past a limit of
    /// [`crate::limits`], which is not a syntax error.
    pub code: Option<&'static str>,
}

impl SyntaxError {
    pub(crate) fn from_perr(all: &[Token], e: PErr) -> SyntaxError {
        let t = &all[(e.pos as usize).min(all.len() - 1)];
        let found = t.tok.describe();
        let mut notes = e.notes;
        let (message, label) = match e.message {
            Some(m) => {
                let label = e.label.unwrap_or_else(|| m.clone());
                (m, label)
            }
            None => {
                let expected = if e.expected.is_empty() {
                    "something else".to_string()
                } else {
                    join_expected(&e.expected)
                };
                if let Tok::Keyword(k) = &t.tok {
                    let names = e
                        .expected
                        .iter()
                        .any(|x| x.contains("identifier") || x.contains("name"));
                    if names && !unit::UNIT_KEYWORDS.contains(k) {
                        notes.push(format!(
                            "`{k}` is a reserved word of TLA+ and cannot be a name"
                        ));
                    }
                }
                (
                    format!("expected {expected}, found {found}"),
                    e.label.unwrap_or_else(|| format!("expected {expected}")),
                )
            }
        };
        if let Some(n) = backslash_note(all, e.pos as usize) {
            notes.push(n);
        }
        SyntaxError {
            span: t.span,
            message,
            label,
            related: e.related.map(|r| *r),
            notes,
            code: e.too_deep.then_some(crate::limits::CODE_NESTING),
        }
    }
}

/// `a \oplusx b` reads as `a \ oplusx b` (set difference): when an error
/// follows such a `\` closely, say so.
fn backslash_note(all: &[Token], pos: usize) -> Option<String> {
    let lo = pos.saturating_sub(3);
    for k in (lo..pos.min(all.len())).rev() {
        let (a, b) = (&all[k], all.get(k + 1)?);
        if a.tok == Tok::Sym("\\") && a.span.end == b.span.start {
            if let Tok::Ident(w) = &b.tok {
                return Some(format!(
                    "`\\{w}` is not a TLA+ operator: it reads as `\\` (set difference) followed by `{w}`"
                ));
            }
        }
    }
    None
}

fn join_expected(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        _ => {
            let (last, rest) = items.split_last().unwrap_or((&items[0], &[]));
            format!("{} or {}", rest.join(", "), last)
        }
    }
}

impl IntoDiagnostic for SyntaxError {
    fn to_diagnostic(&self) -> Diag {
        let mut d = match self.code {
            Some(code) => {
                crate::diag::error_at(self.span, &self.message, &self.label).with_code(code)
            }
            None => crate::diag::error_at(
                self.span,
                format!("syntax error: {}", self.message),
                &self.label,
            ),
        };
        if let Some((s, m)) = &self.related {
            d.labels.push(crate::diag::secondary(*s, m));
        }
        d.notes.extend(self.notes.iter().cloned());
        d
    }
}

// ---- primitives -----------------------------------------------------------

/// Runs `p` one nesting level below `i`: fails with the nesting-limit error
/// at `i`'s next token past [`MAX_NESTING`], and otherwise runs `p` where
/// there is stack for it ([`crate::limits::with_stack`]). The input `p`
/// returns is brought back to `i`'s depth, so that a parser may also count
/// levels it builds in a loop (a chain of infix or postfix operators) with
/// [`deeper`].
pub(crate) fn nested<'a, T>(
    i: Input<'a>,
    p: impl FnOnce(Input<'a>) -> PResult<'a, T>,
) -> PResult<'a, T> {
    let inner = deeper(i)?;
    let (rest, x) = crate::limits::with_stack(|| p(inner))?;
    Ok((
        Input {
            depth: i.depth,
            ..rest
        },
        x,
    ))
}

/// `i` one nesting level deeper, or the nesting-limit error at its next
/// token.
pub(crate) fn deeper(i: Input<'_>) -> Result<Input<'_>, nom::Err<PErr>> {
    if i.depth >= MAX_NESTING {
        return Err(nom::Err::Failure(PErr::too_deep(i)));
    }
    Ok(Input {
        depth: i.depth + 1,
        ..i
    })
}

/// Matches the symbol `s`.
pub(crate) fn sym<'a>(s: &'static str) -> impl Fn(Input<'a>) -> PResult<'a, Span> {
    move |i: Input<'a>| match i.tok() {
        Some(t) if t.tok == Tok::Sym(s) => Ok((i.skip(1), t.span)),
        _ => Err(nom::Err::Error(PErr::expected(i, format!("`{s}`")))),
    }
}

/// Matches the `s` that closes the bracket opened at `open`; when it is
/// missing, the error also points at the opening bracket.
pub(crate) fn close<'a>(open: Span, s: &'static str) -> impl Fn(Input<'a>) -> PResult<'a, Span> {
    move |i: Input<'a>| match i.tok() {
        Some(t) if t.tok == Tok::Sym(s) => Ok((i.skip(1), t.span)),
        _ => {
            let opener = match s {
                ")" => "(",
                "]" => "[",
                "}" => "{",
                _ => "<<",
            };
            Err(nom::Err::Failure(
                PErr::expected(i, format!("`{s}`"))
                    .related(open, format!("this `{opener}` is not closed")),
            ))
        }
    }
}

/// Matches the keyword `k`.
pub(crate) fn kw<'a>(k: &'static str) -> impl Fn(Input<'a>) -> PResult<'a, Span> {
    move |i: Input<'a>| match i.tok() {
        Some(t) if t.tok == Tok::Keyword(k) => Ok((i.skip(1), t.span)),
        _ => Err(nom::Err::Error(PErr::expected(i, format!("`{k}`")))),
    }
}

/// Matches an identifier.
pub(crate) fn ident(i: Input<'_>) -> PResult<'_, crate::ast::Ident> {
    match i.tok() {
        Some(Token {
            tok: Tok::Ident(name),
            span,
            ..
        }) => Ok((i.skip(1), crate::ast::Ident::new(name.clone(), *span))),
        _ => Err(nom::Err::Error(PErr::expected(i, "an identifier"))),
    }
}

/// Turns a recoverable error into a failure (no backtracking past here).
pub(crate) fn cut<'a, T>(
    mut p: impl FnMut(Input<'a>) -> PResult<'a, T>,
) -> impl FnMut(Input<'a>) -> PResult<'a, T> {
    move |i| match p(i) {
        Err(nom::Err::Error(e)) => Err(nom::Err::Failure(e)),
        r => r,
    }
}

/// Whether the next token is the symbol `s`.
pub(crate) fn is_sym(i: &Input<'_>, s: &str) -> bool {
    matches!(i.tok(), Some(Token { tok: Tok::Sym(x), .. }) if *x == s)
}

/// Whether the next token is the keyword `k`.
pub(crate) fn is_kw(i: &Input<'_>, k: &str) -> bool {
    matches!(i.tok(), Some(Token { tok: Tok::Keyword(x), .. }) if *x == k)
}

/// `p` separated by `,`, at least one.
pub(crate) fn comma_list<'a, T>(
    mut p: impl FnMut(Input<'a>) -> PResult<'a, T>,
) -> impl FnMut(Input<'a>) -> PResult<'a, Vec<T>> {
    move |i| {
        let (mut i, first) = p(i)?;
        let mut out = vec![first];
        while is_sym(&i, ",") {
            let (i2, x) = p(i.skip(1))?;
            out.push(x);
            i = i2;
        }
        Ok((i, out))
    }
}

/// Lexes and parses one file of a [`crate::span::Files`] store. Returns the
/// file's modules (the first is the file's own; SANY also reads modules that
/// follow it in the same file), possibly with errors inside them, and every
/// diagnostic.
pub fn parse_file(
    files: &crate::span::Files,
    file: crate::span::FileId,
) -> (Vec<crate::ast::Module>, Vec<Diag>) {
    let src = files.get(file).source.clone();
    let toks = match crate::lex::lex(file, &src) {
        Ok(t) => t,
        Err(e) => return (vec![], vec![e.to_diagnostic()]),
    };
    let (ms, errs) = parse_tokens(&toks);
    (ms, errs.iter().map(|e| e.to_diagnostic()).collect())
}

/// Lexes and parses the first module of one file.
pub fn parse_module(
    files: &crate::span::Files,
    file: crate::span::FileId,
) -> (Option<crate::ast::Module>, Vec<Diag>) {
    let (ms, diags) = parse_file(files, file);
    (ms.into_iter().next(), diags)
}

/// Parses a standalone expression (for tests and command-line arguments).
pub fn parse_expr(
    files: &crate::span::Files,
    file: crate::span::FileId,
) -> Result<crate::ast::Expr, Vec<Diag>> {
    let src = files.get(file).source.clone();
    let toks = crate::lex::lex_fragment(file, &src).map_err(|e| vec![e.to_diagnostic()])?;
    let i = Input::new(&toks);
    match expr::expr(i) {
        Ok((rest, e)) if rest.at_end() => Ok(e),
        Ok((rest, _)) => Err(vec![SyntaxError::from_perr(
            &toks,
            PErr::expected(rest, "end of expression"),
        )
        .to_diagnostic()]),
        Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => {
            Err(vec![SyntaxError::from_perr(&toks, e).to_diagnostic()])
        }
        Err(nom::Err::Incomplete(_)) => Err(vec![]),
    }
}
