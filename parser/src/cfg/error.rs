//! What can be wrong in a `.cfg` file ([`CfgError`]), one variant per
//! mistake with an input that triggers it; [`super::report`] turns them
//! into diagnostics.

use crate::span::Span;

/// What can be wrong in a `.cfg` file. Every variant's documentation shows
/// an input that triggers it.
#[derive(Debug, Clone, PartialEq)]
pub enum CfgError {
    /// A word or symbol where a section keyword was expected:
    /// `INVARANT Inv` (misspelt), `INIT Init Next` (INIT takes one name),
    /// `N = 3` at the start of a file (no CONSTANTS keyword).
    ExpectedKeyword {
        /// Description of what was found (``` `INVARANT` ```).
        found: String,
        /// Where.
        span: Span,
        /// A keyword the word resembles.
        suggestion: Option<&'static str>,
        /// The single-name section (keyword and its span) just before,
        /// when the word is probably a second name for it.
        after_single: Option<(&'static str, Span)>,
        /// The word starts something like `N = ...`.
        looks_like_binding: bool,
    },
    /// A keyword TLC once had, or has for internal use only:
    /// `TYPE_CONSTRAINT TypeOK`, `TYPE T`, `_PERIODIC Op`.
    UnsupportedKeyword {
        /// The keyword.
        keyword: String,
        /// Where.
        span: Span,
        /// Why it is not supported.
        reason: &'static str,
    },
    /// Something that takes a name is not followed by one: `INIT` at the end
    /// of the file, `INIT` followed by `NEXT Next`, `Op <-` followed by a
    /// keyword, `Op <- [` followed by `]`.
    MissingName {
        /// What should have been followed by a name (`INIT`, `` `<-` ``).
        after: String,
        /// Its span.
        after_span: Span,
        /// What kind of name (`an operator name`).
        expected: &'static str,
        /// Description of what came instead.
        found: String,
        /// Its span (`None` at end of file).
        found_span: Option<Span>,
    },
    /// `=` with no value: `X =` followed by a keyword, the end of the file
    /// or another binding on the next line (`X =` newline `Y = 2`).
    MissingValue {
        /// The constant.
        name: String,
        /// The `=`.
        eq: Span,
        /// Description of what came instead.
        found: String,
        /// Its span (`None` at end of file).
        found_span: Option<Span>,
    },
    /// A token other than the expected one: `INIT 42`, `X 3` (no `=`),
    /// `Op <- [Mod Def` (no `]`), `{1 2}`, `{1, }`, `INVARIANT A, B`,
    /// `X = 1..3`.
    Unexpected {
        /// What was expected (`` `=` or `<-` ``).
        expected: String,
        /// Description of what was found.
        found: String,
        /// Where.
        span: Span,
        /// A hint.
        note: Option<String>,
    },
    /// A string missing its closing quote on its line: `X = "abc`.
    UnterminatedString {
        /// From the opening quote to the end of the line.
        span: Span,
    },
    /// An escape TLA+ does not define: `X = "a\qb"`.
    InvalidEscape {
        /// The `\q`.
        span: Span,
    },
    /// A `(*` comment never closed (comments nest): `(* (* *)` at the end.
    UnterminatedComment {
        /// The outermost unclosed `(*`.
        span: Span,
    },
    /// A set never closed: `S = {1, 2` followed by a keyword, the end of the
    /// file or another binding on the next line.
    UnclosedBrace {
        /// The `{`.
        open: Span,
        /// Description of what came instead of `}`.
        found: String,
        /// Its span (`None` at end of file).
        found_span: Option<Span>,
    },
    /// A single-valued section given twice: `INIT A` ... `INIT B`; also
    /// NEXT, SPECIFICATION, SYMMETRY, VIEW, ALIAS and CHECK_DEADLOCK.
    Duplicate {
        /// The keyword.
        keyword: &'static str,
        /// The first section (keyword and name).
        first: Span,
        /// The second one.
        second: Span,
    },
    /// `SPECIFICATION Spec` together with `INIT Init` and/or `NEXT Next`,
    /// which TLC rejects ("The configuration file cannot specify both
    /// INIT/NEXT and SPECIFICATION fields.").
    SpecWithInitNext {
        /// The SPECIFICATION section.
        spec: Span,
        /// The INIT section, if any.
        init: Option<Span>,
        /// The NEXT section, if any.
        next: Option<Span>,
    },
    /// CHECK_DEADLOCK without TRUE/FALSE: `CHECK_DEADLOCK no`,
    /// `CHECK_DEADLOCK` at the end of the file.
    ExpectedBool {
        /// The CHECK_DEADLOCK keyword.
        keyword_span: Span,
        /// Description of what came instead.
        found: String,
        /// Its span (`None` at end of file or when a keyword follows).
        found_span: Option<Span>,
    },
    /// A tuple value, which TLC's reader does not accept: `X = <<1, 2>>`.
    TupleValue {
        /// The whole tuple.
        span: Span,
    },
    /// An integer that does not fit in 64 bits:
    /// `N = 99999999999999999999`.
    IntOutOfRange {
        /// The literal.
        span: Span,
    },
    /// A value nested deeper than [`crate::limits::MAX_NESTING`] levels:
    /// `S = {{{...}}}` with 10,001 `{`. Not a mistake in the model but
    /// input tlatrace will not read (see [`crate::limits`]): the command
    /// line exits 2 on it.
    TooDeep {
        /// The token that opens the level past the limit.
        span: Span,
    },
    /// Text that is no TLA+ token: `;`, `_1` (no letter), `1_000`, `\o9`,
    /// non-ASCII characters.
    InvalidToken {
        /// The text.
        text: String,
        /// Where.
        span: Span,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl CfgError {
    /// The span of the primary label, used to order errors.
    pub fn span(&self) -> Span {
        match self {
            CfgError::ExpectedKeyword { span, .. }
            | CfgError::UnsupportedKeyword { span, .. }
            | CfgError::Unexpected { span, .. }
            | CfgError::UnterminatedString { span }
            | CfgError::InvalidEscape { span }
            | CfgError::UnterminatedComment { span }
            | CfgError::TupleValue { span }
            | CfgError::IntOutOfRange { span }
            | CfgError::TooDeep { span }
            | CfgError::InvalidToken { span, .. } => *span,
            CfgError::MissingName { after_span, .. } => *after_span,
            CfgError::MissingValue { eq, .. } => *eq,
            CfgError::UnclosedBrace { open, .. } => *open,
            CfgError::Duplicate { second, .. } => *second,
            CfgError::SpecWithInitNext { spec, .. } => *spec,
            CfgError::ExpectedBool {
                keyword_span,
                found_span,
                ..
            } => found_span.unwrap_or(*keyword_span),
        }
    }
}
