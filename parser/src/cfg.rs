//! The reader of TLC model files (`.cfg`), accepting what TLC's own
//! `tlc2.tool.impl.ModelConfig` reader accepts, with spans on every entry and
//! diagnostics that say what was expected.
//!
//! A `.cfg` file is a sequence of sections, each a keyword followed by its
//! entries up to the next keyword:
//!
//! ```text
//! CONSTANTS  N = 3  Procs = {p1, p2}  None = None  Ballot <- [Voting] MCBallot
//! INIT Init                 NEXT Next          \* or: SPECIFICATION Spec
//! INVARIANTS TypeOK Safety  PROPERTY Liveness
//! CONSTRAINT Bound          ACTION_CONSTRAINT Step
//! SYMMETRY Perms   VIEW View   ALIAS Alias   POSTCONDITION Post
//! CHECK_DEADLOCK FALSE
//! ```
//!
//! Tokens are TLA+ tokens, as in TLC (which runs the TLA+ lexer over the
//! file): `\*` line comments and nested `(* ... *)` comments may appear
//! anywhere, identifiers are TLA+ identifiers (letters, digits and `_`, at
//! least one letter), and the left of `<-` may be an operator symbol
//! (`++ <- PlusPlus`, `\o <- Concat`) as TLC's own tests do.
//!
//! As in TLC, list sections (INVARIANT, PROPERTY, CONSTRAINT,
//! ACTION_CONSTRAINT, POSTCONDITION, each also plural) may repeat and
//! accumulate, and may be empty (an invariant commented out); single-name
//! sections (INIT, NEXT, SPECIFICATION, SYMMETRY, VIEW, ALIAS,
//! CHECK_DEADLOCK) may appear once. TYPE and TYPE_CONSTRAINT, which TLC
//! dropped in 2020, are reported as unsupported.
//!
//! Where this reader deliberately differs from TLC:
//! - negative integers (`X = -1`) are accepted, as the grammar in
//!   *Specifying Systems* says; TLC rejects them (tlaplus/tlaplus#508);
//! - string escapes (`\"`, `\\`, `\n`, `\t`, `\r`, `\f`) are decoded as in
//!   TLA+; TLC keeps them verbatim;
//! - integers are 64-bit (TLC's are 32-bit);
//! - names in sections must be identifiers (TLC takes any token, so
//!   `INVARIANT A, B` makes `,` an invariant name);
//! - errors are collected, recovering at the next section keyword or line,
//!   and SPECIFICATION together with INIT/NEXT is reported here rather than
//!   when the model is checked.
//!
//! The lexer is built on nom over the `&str` source; byte offsets are the
//! source length minus the length of the unparsed rest.

use crate::diag::{error_at, secondary, Diag, IntoDiagnostic};
use crate::span::{FileId, Files, Span};
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{anychar, char, multispace1};
use nom::combinator::recognize;
use nom::sequence::pair;
use nom::IResult;
use serde::{Serialize, Serializer};

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// A name written in the file (an operator, constant, module or definition
/// name), with where it was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Name {
    /// The name as written; instance-qualified names keep their `!`
    /// (`Inst!Op`), operator symbols are spelled as written (`++`, `\o`).
    pub name: String,
    /// The span of the name (all of `Inst!Op` for qualified names).
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
}

/// The kinds of value a `.cfg` file may give a constant.
///
/// TLC accepts no other values: no tuples, records, ranges or expressions;
/// those must be defined in a module and bound with `<-`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum CfgValueKind {
    /// An integer: decimal, optionally with a leading `-` written right
    /// before the digits, or TLA+'s `\b101`, `\o17`, `\h1F` forms. 64-bit;
    /// larger literals are a [`CfgError::IntOutOfRange`].
    Int(i64),
    /// A string, with TLA+ escapes decoded.
    Str(String),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// A model value: any other identifier (`p1`, `None`).
    ModelValue(String),
    /// A finite set `{v1, v2, ...}` (possibly empty, possibly nested), in
    /// the order written; duplicates are kept as written.
    Set(Vec<CfgValue>),
}

/// A value with its span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CfgValue {
    /// What the value is.
    #[serde(flatten)]
    pub kind: CfgValueKind,
    /// Where it was written (all of `{...}` for sets, `-` included for
    /// negative numbers, quotes included for strings).
    #[serde(serialize_with = "ser_span")]
    pub span: Span,
}

/// One entry of a CONSTANT(S) section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ConstantBinding {
    /// `X = value`: the constant (or operator) `X` is the given value.
    ///
    /// TLC also accepts two rarer forms, kept here: `F(1, "a") = value`
    /// (the constant operator `F` has `value` at those arguments; `args`
    /// non-empty) and `X = [Mod] value` (the binding applies to the
    /// constant `X` of module `Mod` only; `module` is `Some`).
    Value {
        /// The constant, possibly instance-qualified (`Inst!X`).
        name: Name,
        /// Arguments of `F(a, b) = v`; empty for a plain `X = v`.
        args: Vec<CfgValue>,
        /// `Mod` of `X = [Mod] v`.
        module: Option<Name>,
        /// The value.
        value: CfgValue,
    },
    /// `Op <- Def` or `Op <- [Mod] Def`: the operator `Op` (of module
    /// `Mod`, if given) is replaced by the definition `Def`.
    Replace {
        /// The replaced operator: an identifier, instance-qualified name or
        /// operator symbol (`++`).
        name: Name,
        /// `Mod` of `Op <- [Mod] Def`.
        module: Option<Name>,
        /// The replacing definition (TLC also allows a symbol: `Plus <- +`).
        by: Name,
    },
}

/// A parsed `.cfg` file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelConfig {
    /// The file it was read from.
    #[serde(serialize_with = "ser_file")]
    pub file: FileId,
    /// Every CONSTANT/CONSTANTS entry, in file order across all sections.
    pub constants: Vec<ConstantBinding>,
    /// `INIT name`.
    pub init: Option<Name>,
    /// `NEXT name`.
    pub next: Option<Name>,
    /// `SPECIFICATION name` (never together with `init`/`next`).
    pub specification: Option<Name>,
    /// INVARIANT/INVARIANTS names, accumulated across sections.
    pub invariants: Vec<Name>,
    /// PROPERTY/PROPERTIES names, accumulated across sections.
    pub properties: Vec<Name>,
    /// CONSTRAINT/CONSTRAINTS names, accumulated across sections.
    pub constraints: Vec<Name>,
    /// ACTION_CONSTRAINT/ACTION_CONSTRAINTS names, accumulated.
    pub action_constraints: Vec<Name>,
    /// `SYMMETRY name`.
    pub symmetry: Option<Name>,
    /// `VIEW name`.
    pub view: Option<Name>,
    /// `ALIAS name`.
    pub alias: Option<Name>,
    /// POSTCONDITION/POSTCONDITIONS names, accumulated. TLC took a single
    /// name from 2020 and a list, like INVARIANTS, since April 2026.
    pub postconditions: Vec<Name>,
    /// `CHECK_DEADLOCK TRUE|FALSE`, with the span of the `TRUE`/`FALSE`.
    /// Absent means TLC's default: deadlock is checked.
    #[serde(serialize_with = "ser_deadlock")]
    pub check_deadlock: Option<(bool, Span)>,
}

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

const SECTION_KEYWORDS_HINT: &str =
    "a section keyword (CONSTANTS, INIT, NEXT, SPECIFICATION, INVARIANT, PROPERTY, ...)";

impl IntoDiagnostic for CfgError {
    fn to_diagnostic(&self) -> Diag {
        match self {
            CfgError::ExpectedKeyword {
                found,
                span,
                suggestion,
                after_single,
                looks_like_binding,
            } => {
                // An upper-case word near a keyword is a misspelt keyword;
                // anything else is a stray name.
                let summary = if suggestion.is_some() && !found.bytes().any(|b| b.is_ascii_lowercase()) {
                    format!("unknown section keyword {found}")
                } else {
                    format!("expected a section keyword, found {found}")
                };
                let mut d = error_at(*span, summary, format!("expected {SECTION_KEYWORDS_HINT}"))
                    .with_code("cfg::expected-keyword");
                if let Some((kw, kw_span)) = after_single {
                    d.labels
                        .push(secondary(*kw_span, format!("{kw} takes exactly one name")));
                }
                let mut notes = Vec::new();
                if let Some(s) = suggestion {
                    let case = if found.bytes().any(|b| b.is_ascii_lowercase()) {
                        " (keywords are upper case)"
                    } else {
                        ""
                    };
                    notes.push(format!("help: did you mean `{s}`?{case}"));
                }
                if *looks_like_binding {
                    notes.push(
                        "help: constant bindings such as `N = 3` or `Op <- Def` belong in a CONSTANTS section"
                            .to_string(),
                    );
                }
                d.with_notes(notes)
            }
            CfgError::UnsupportedKeyword {
                keyword,
                span,
                reason,
            } => error_at(
                *span,
                format!("unsupported keyword `{keyword}`"),
                "expected a section keyword that TLC accepts",
            )
            .with_code("cfg::unsupported-keyword")
            .with_notes(vec![(*reason).to_string()]),
            CfgError::MissingName {
                after,
                after_span,
                expected,
                found,
                found_span,
            } => {
                let mut d = error_at(
                    *after_span,
                    format!("{after} is not followed by {expected}"),
                    format!("expected {expected} after this"),
                )
                .with_code("cfg::missing-name");
                if let Some(s) = found_span {
                    d.labels.push(secondary(*s, format!("found {found}")));
                } else {
                    d.notes.push(format!("found {found}"));
                }
                d
            }
            CfgError::MissingValue {
                name,
                eq,
                found,
                found_span,
            } => {
                let mut d = error_at(
                    *eq,
                    format!("constant `{name}` has `=` but no value"),
                    "expected a value after `=`",
                )
                .with_code("cfg::missing-value");
                if let Some(s) = found_span {
                    d.labels.push(secondary(*s, format!("found {found}")));
                } else {
                    d.notes.push(format!("found {found}"));
                }
                d.with_notes(vec![
                    "a value is a number, string, TRUE, FALSE, a model value or a set `{...}` of values"
                        .to_string(),
                ])
            }
            CfgError::Unexpected {
                expected,
                found,
                span,
                note,
            } => error_at(
                *span,
                format!("expected {expected}, found {found}"),
                format!("expected {expected}"),
            )
            .with_code("cfg::unexpected")
            .with_notes(note.iter().cloned().collect()),
            CfgError::UnterminatedString { span } => error_at(
                *span,
                "unterminated string",
                "expected a closing `\"` before the end of the line",
            )
            .with_code("cfg::unterminated-string")
            .with_notes(vec!["strings cannot span lines".to_string()]),
            CfgError::InvalidEscape { span } => error_at(
                *span,
                "invalid escape in string",
                "expected one of \\\" \\\\ \\n \\t \\r \\f",
            )
            .with_code("cfg::invalid-escape"),
            CfgError::UnterminatedComment { span } => error_at(
                *span,
                "unterminated comment",
                "expected a matching `*)` before the end of the file",
            )
            .with_code("cfg::unterminated-comment")
            .with_notes(vec!["`(* ... *)` comments nest: every `(*` needs its own `*)`".to_string()]),
            CfgError::UnclosedBrace {
                open,
                found,
                found_span,
            } => {
                let mut d = error_at(*open, "unclosed `{`", "expected a matching `}` for this `{`")
                    .with_code("cfg::unclosed-brace");
                match found_span {
                    Some(s) => d.labels.push(secondary(*s, format!("found {found} before any `}}`"))),
                    None => d.notes.push(format!("found {found} before any `}}`")),
                }
                d
            }
            CfgError::Duplicate {
                keyword,
                first,
                second,
            } => error_at(
                *second,
                format!("{keyword} given twice"),
                format!("expected at most one {keyword} section"),
            )
            .with_code("cfg::duplicate")
            .with_labels(vec![secondary(*first, format!("first {keyword} here"))]),
            CfgError::SpecWithInitNext { spec, init, next } => {
                let mut labels = Vec::new();
                if let Some(s) = init {
                    labels.push(secondary(*s, "INIT given here"));
                }
                if let Some(s) = next {
                    labels.push(secondary(*s, "NEXT given here"));
                }
                error_at(
                    *spec,
                    "SPECIFICATION cannot be combined with INIT/NEXT",
                    "expected either SPECIFICATION or INIT and NEXT, not both",
                )
                .with_code("cfg::spec-with-init-next")
                .with_labels(labels)
                .with_notes(vec![
                    "TLC: \"The configuration file cannot specify both INIT/NEXT and SPECIFICATION fields.\""
                        .to_string(),
                ])
            }
            CfgError::ExpectedBool {
                keyword_span,
                found,
                found_span,
            } => match found_span {
                Some(s) => error_at(
                    *s,
                    format!("CHECK_DEADLOCK must be TRUE or FALSE, found {found}"),
                    "expected TRUE or FALSE",
                )
                .with_labels(vec![secondary(*keyword_span, "for this CHECK_DEADLOCK")]),
                None => error_at(
                    *keyword_span,
                    format!("CHECK_DEADLOCK is not followed by TRUE or FALSE, found {found}"),
                    "expected TRUE or FALSE after this",
                ),
            }
            .with_code("cfg::expected-bool"),
            CfgError::TupleValue { span } => error_at(
                *span,
                "tuples are not allowed in .cfg files",
                "expected a number, string, TRUE, FALSE, model value or set",
            )
            .with_code("cfg::tuple")
            .with_notes(vec![
                "TLC's .cfg reader accepts no tuples: define the tuple in a module (e.g. MC.tla) and bind it with `X <- Def`"
                    .to_string(),
            ]),
            CfgError::IntOutOfRange { span } => error_at(
                *span,
                "integer out of range",
                "expected an integer from -9223372036854775808 to 9223372036854775807",
            )
            .with_code("cfg::int-out-of-range"),
            CfgError::InvalidToken { text, span, reason } => error_at(
                *span,
                format!("unexpected `{text}`: {reason}"),
                "expected a name, number, string, or one of = <- { } , [ ] ( )",
            )
            .with_code("cfg::invalid-token"),
        }
    }
}

/// Reads the `.cfg` file `file` of `files`.
///
/// # Errors
///
/// Every error found, sorted by position: after an error the reader
/// recovers at the next section keyword, or within a CONSTANTS section at
/// the next line, so independent mistakes are all reported.
pub fn parse_cfg(files: &Files, file: FileId) -> Result<ModelConfig, Vec<CfgError>> {
    let src = &*files.get(file).source;
    let (tokens, lex_errors) = lex(src, file);
    let mut p = Parser {
        src,
        file,
        toks: tokens,
        pos: 0,
        errors: lex_errors,
        singles: Vec::new(),
        cfg: ModelConfig {
            file,
            constants: Vec::new(),
            init: None,
            next: None,
            specification: None,
            invariants: Vec::new(),
            properties: Vec::new(),
            constraints: Vec::new(),
            action_constraints: Vec::new(),
            symmetry: None,
            view: None,
            alias: None,
            postconditions: Vec::new(),
            check_deadlock: None,
        },
    };
    p.file_();
    let Parser {
        mut errors, cfg, ..
    } = p;
    if errors.is_empty() {
        Ok(cfg)
    } else {
        errors.sort_by_key(|e| {
            let s = e.span();
            (s.start, s.end)
        });
        Err(errors)
    }
}

// ---------------------------------------------------------------------------
// Serialization helpers (spans as "start..end" to keep JSON compact)
// ---------------------------------------------------------------------------

fn ser_span<S: Serializer>(span: &Span, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&format_args!("{}..{}", span.start, span.end))
}

fn ser_file<S: Serializer>(file: &FileId, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u32(file.0)
}

fn ser_deadlock<S: Serializer>(v: &Option<(bool, Span)>, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Deadlock {
        value: bool,
        #[serde(serialize_with = "ser_span")]
        span: Span,
    }
    v.map(|(value, span)| Deadlock { value, span }).serialize(s)
}

// ---------------------------------------------------------------------------
// Keywords
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    Constants,
    Init,
    Next,
    Specification,
    Invariants,
    Properties,
    Constraints,
    ActionConstraints,
    Postconditions,
    Symmetry,
    View,
    Alias,
    CheckDeadlock,
    /// Not accepted; the reason.
    Unsupported(&'static str),
}

/// Every keyword TLC accepts (for suggestions).
const KEYWORDS: &[&str] = &[
    "CONSTANT",
    "CONSTANTS",
    "INIT",
    "NEXT",
    "SPECIFICATION",
    "INVARIANT",
    "INVARIANTS",
    "PROPERTY",
    "PROPERTIES",
    "CONSTRAINT",
    "CONSTRAINTS",
    "ACTION_CONSTRAINT",
    "ACTION_CONSTRAINTS",
    "POSTCONDITION",
    "POSTCONDITIONS",
    "SYMMETRY",
    "VIEW",
    "ALIAS",
    "CHECK_DEADLOCK",
];

fn keyword(word: &str) -> Option<Kw> {
    Some(match word {
        "CONSTANT" | "CONSTANTS" => Kw::Constants,
        "INIT" => Kw::Init,
        "NEXT" => Kw::Next,
        "SPECIFICATION" => Kw::Specification,
        "INVARIANT" | "INVARIANTS" => Kw::Invariants,
        "PROPERTY" | "PROPERTIES" => Kw::Properties,
        "CONSTRAINT" | "CONSTRAINTS" => Kw::Constraints,
        "ACTION_CONSTRAINT" | "ACTION_CONSTRAINTS" => Kw::ActionConstraints,
        "POSTCONDITION" | "POSTCONDITIONS" => Kw::Postconditions,
        "SYMMETRY" => Kw::Symmetry,
        "VIEW" => Kw::View,
        "ALIAS" => Kw::Alias,
        "CHECK_DEADLOCK" => Kw::CheckDeadlock,
        "TYPE" => Kw::Unsupported(
            "TLC dropped the TYPE keyword in July 2020 (it had no effect); remove the section",
        ),
        "TYPE_CONSTRAINT" => Kw::Unsupported(
            "TLC dropped TYPE_CONSTRAINT in July 2020 (POSTCONDITION took its place); use CONSTRAINT or INVARIANT",
        ),
        "_PERIODIC" | "_RL_REWARD" | "_POSSIBLE" => {
            Kw::Unsupported("this is an experimental TLC keyword that tlatrace does not support")
        }
        _ => return None,
    })
}

/// The keyword `word` is probably a misspelling of, if any.
fn suggest_keyword(word: &str) -> Option<&'static str> {
    let upper = word.to_ascii_uppercase();
    let mut best: Option<(usize, &'static str)> = None;
    for kw in KEYWORDS {
        let d = edit_distance(&upper, kw);
        let limit = if kw.len() >= 6 { 2 } else { 1 };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, kw));
        }
    }
    best.map(|(_, kw)| kw)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

// ---------------------------------------------------------------------------
// Lexer (nom over &str)
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum TokKind {
    /// Identifier-shaped word (has a letter); keywords, TRUE and FALSE too.
    Word,
    /// Integer literal; the digits are `text[prefix..]`, in `radix`.
    Int {
        radix: u32,
        prefix: usize,
    },
    /// String literal with its decoded value.
    Str(String),
    /// `{ } ( ) [ ] , = <- << >> !`
    Punct,
    /// A TLA+ operator symbol (`+`, `++`, `\o`, `(+)`, ...).
    Op,
    /// A malformed word or number (already reported); parsed as a name or
    /// value so that it causes no further errors.
    Bad,
    Eof,
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokKind,
    start: usize,
    end: usize,
    /// First token on its line.
    line_start: bool,
}

/// Structural punctuation of `.cfg` files.
const PUNCT: &[&str] = &[
    "<<", ">>", "<-", "{", "}", "(", ")", "[", "]", ",", "=", "!",
];

/// TLA+'s ASCII operator symbols (longest first) that are not backslash
/// words; `=`, `!`, `<-`, `<<`, `>>` are classified as punctuation.
const SYMBOLS: &[&str] = &[
    "-+->", "(\\X)", "<=>", "...", "::=", "(+)", "(-)", "(.)", "(/)", "<<", ">>", "<-", "!!", "##",
    "$$", "%%", "&&", "**", "++", "--", "-|", "..", "//", "/=", "/\\", ":=", ":>", "<:", "=<",
    "=>", "=|", ">=", "<=", "??", "@@", "\\/", "^^", "|-", "|=", "||", "~>", "^+", "^*", "^#",
    "-.", "{", "}", "(", ")", "[", "]", ",", "=", "!", "#", "$", "%", "&", "*", "+", "-", ".", "/",
    "<", ">", "?", "@", "\\", "^", "|", "~", ":",
];

type NomResult<'a, T> = IResult<&'a str, T>;

fn line_comment(i: &str) -> NomResult<'_, &str> {
    recognize(pair(tag("\\*"), take_while(|c| c != '\n')))(i)
}

/// A nested `(* ... *)` comment; `false` if the input ended inside it.
fn block_comment(i: &str) -> NomResult<'_, bool> {
    let (mut rest, _) = tag("(*")(i)?;
    let mut depth = 1usize;
    loop {
        if rest.is_empty() {
            return Ok((rest, false));
        }
        if let Ok((r, _)) = tag::<_, _, nom::error::Error<&str>>("(*")(rest) {
            depth += 1;
            rest = r;
        } else if let Ok((r, _)) = tag::<_, _, nom::error::Error<&str>>("*)")(rest) {
            depth -= 1;
            rest = r;
            if depth == 0 {
                return Ok((rest, true));
            }
        } else {
            rest = anychar(rest)?.0;
        }
    }
}

fn word(i: &str) -> NomResult<'_, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_')(i)
}

/// `\` followed by letters and digits: an operator (`\o`, `\cup`) or a
/// based number (`\b101`, `\o17`, `\h1F`).
fn backslash_word(i: &str) -> NomResult<'_, &str> {
    recognize(pair(
        char('\\'),
        take_while1(|c: char| c.is_ascii_alphanumeric()),
    ))(i)
}

fn symbol(i: &str) -> NomResult<'_, &'static str> {
    for s in SYMBOLS {
        if let Ok((rest, _)) = tag::<_, _, nom::error::Error<&str>>(*s)(i) {
            return Ok((rest, s));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// A lexed string literal.
struct StrLit {
    /// The decoded value.
    value: String,
    /// Whether the closing quote was found.
    closed: bool,
    /// Offsets of invalid escapes, relative to the opening quote.
    bad_escapes: Vec<(usize, usize)>,
}

/// A string literal, from its opening quote to its closing quote or the
/// end of its line.
fn string_lit(i: &str) -> NomResult<'_, StrLit> {
    let (mut rest, _) = char('"')(i)?;
    let mut value = String::new();
    let mut bad = Vec::new();
    loop {
        let at = i.len() - rest.len();
        match rest.chars().next() {
            None | Some('\n') | Some('\r') => {
                let lit = StrLit {
                    value,
                    closed: false,
                    bad_escapes: bad,
                };
                return Ok((rest, lit));
            }
            Some('"') => {
                let lit = StrLit {
                    value,
                    closed: true,
                    bad_escapes: bad,
                };
                return Ok((&rest[1..], lit));
            }
            Some('\\') => {
                let (r, _) = anychar(rest)?;
                match r.chars().next() {
                    Some(c @ ('"' | '\\' | 'n' | 't' | 'r' | 'f')) => {
                        value.push(match c {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            'f' => '\u{c}',
                            c => c,
                        });
                        rest = &r[1..];
                    }
                    Some(c) if c != '\n' && c != '\r' => {
                        bad.push((at, at + 1 + c.len_utf8()));
                        value.push('\\');
                        value.push(c);
                        rest = &r[c.len_utf8()..];
                    }
                    _ => {
                        bad.push((at, at + 1));
                        rest = r;
                    }
                }
            }
            Some(c) => {
                value.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

/// Splits `src` into tokens (ending with an `Eof` token), reporting lexical
/// errors; invalid text is reported and skipped.
fn lex(src: &str, file: FileId) -> (Vec<Token>, Vec<CfgError>) {
    let span = |a: usize, b: usize| Span::new(file, a, b);
    let mut toks = Vec::new();
    let mut errors = Vec::new();
    let mut rest = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut line_start = true;
    loop {
        let at = src.len() - rest.len();
        // Trivia.
        if let Ok((r, ws)) = multispace1::<_, nom::error::Error<&str>>(rest) {
            line_start |= ws.contains('\n');
            rest = r;
            continue;
        }
        if let Ok((r, _)) = line_comment(rest) {
            rest = r;
            continue;
        }
        if let Ok((r, closed)) = block_comment(rest) {
            if !closed {
                errors.push(CfgError::UnterminatedComment {
                    span: span(at, at + 2),
                });
            }
            line_start |= rest[..rest.len() - r.len()].contains('\n');
            rest = r;
            continue;
        }
        if rest.is_empty() {
            toks.push(Token {
                kind: TokKind::Eof,
                start: src.len(),
                end: src.len(),
                line_start: true,
            });
            return (toks, errors);
        }
        let mut push = |kind, len: usize, line_start: &mut bool| {
            toks.push(Token {
                kind,
                start: at,
                end: at + len,
                line_start: *line_start,
            });
            *line_start = false;
        };
        // Words: identifiers, keywords, decimal numbers.
        if let Ok((r, w)) = word(rest) {
            if w.bytes().all(|b| b.is_ascii_digit()) {
                push(
                    TokKind::Int {
                        radix: 10,
                        prefix: 0,
                    },
                    w.len(),
                    &mut line_start,
                );
            } else if w.bytes().any(|b| b.is_ascii_alphabetic()) {
                push(TokKind::Word, w.len(), &mut line_start);
            } else {
                errors.push(CfgError::InvalidToken {
                    text: w.to_string(),
                    span: span(at, at + w.len()),
                    reason: "identifiers need at least one letter and numbers are digits only",
                });
                push(TokKind::Bad, w.len(), &mut line_start);
            }
            rest = r;
            continue;
        }
        // Strings.
        if let Ok((
            r,
            StrLit {
                value,
                closed,
                bad_escapes: bad,
            },
        )) = string_lit(rest)
        {
            let len = rest.len() - r.len();
            for (a, b) in bad {
                errors.push(CfgError::InvalidEscape {
                    span: span(at + a, at + b),
                });
            }
            if !closed {
                errors.push(CfgError::UnterminatedString {
                    span: span(at, at + len),
                });
            }
            push(TokKind::Str(value), len, &mut line_start);
            rest = r;
            continue;
        }
        // Backslash words: operators or based numbers.
        if let Ok((r, w)) = backslash_word(rest) {
            let body = &w[1..];
            let radix = match body.as_bytes()[0] {
                b'b' | b'B' => Some(2),
                b'o' | b'O' => Some(8),
                b'h' | b'H' => Some(16),
                _ => None,
            };
            let digits = &body[1..];
            let is_number = radix.is_some_and(|radix| {
                !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
            });
            if let (Some(radix), true) = (radix, is_number) {
                push(TokKind::Int { radix, prefix: 2 }, w.len(), &mut line_start);
            } else if body.bytes().all(|b| b.is_ascii_alphabetic()) {
                push(TokKind::Op, w.len(), &mut line_start);
            } else {
                errors.push(CfgError::InvalidToken {
                    text: w.to_string(),
                    span: span(at, at + w.len()),
                    reason: if radix.is_some() {
                        "not a number: \\b takes binary, \\o octal and \\h hexadecimal digits"
                    } else {
                        "not a TLA+ operator or number"
                    },
                });
                push(TokKind::Bad, w.len(), &mut line_start);
            }
            rest = r;
            continue;
        }
        // Symbols.
        if let Ok((r, s)) = symbol(rest) {
            let kind = if PUNCT.contains(&s) {
                TokKind::Punct
            } else {
                TokKind::Op
            };
            push(kind, s.len(), &mut line_start);
            rest = r;
            continue;
        }
        // Anything else.
        let c = rest.chars().next().unwrap_or(' ');
        errors.push(CfgError::InvalidToken {
            text: c.to_string(),
            span: span(at, at + c.len_utf8()),
            reason: "this character is not part of any .cfg token",
        });
        rest = &rest[c.len_utf8()..];
    }
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

const RANGE_NOTE: &str = "ranges like `1..3` are expressions, which .cfg files cannot hold: \
     write the set out, or define it in a module and bind it with `<-`";

/// The result of parsing one piece: `Err` means an error was recorded
/// (as the `CfgError`) and the caller should recover.
type PResult<T> = Result<T, CfgError>;

struct Parser<'a> {
    src: &'a str,
    file: FileId,
    toks: Vec<Token>,
    pos: usize,
    errors: Vec<CfgError>,
    /// Single-valued sections seen: canonical keyword and the span of the
    /// keyword through its value.
    singles: Vec<(&'static str, Span)>,
    cfg: ModelConfig,
}

impl<'a> Parser<'a> {
    // --- token access ----------------------------------------------------

    fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    fn peek_at(&self, n: usize) -> &Token {
        let i = (self.pos + n).min(self.toks.len() - 1);
        &self.toks[i]
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if t.kind != TokKind::Eof {
            self.pos += 1;
        }
        t
    }

    fn text(&self, t: &Token) -> &'a str {
        &self.src[t.start..t.end]
    }

    fn span(&self, t: &Token) -> Span {
        Span::new(self.file, t.start, t.end)
    }

    fn span_from(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn is_punct(&self, t: &Token, p: &str) -> bool {
        t.kind == TokKind::Punct && self.text(t) == p
    }

    fn kw_of(&self, t: &Token) -> Option<Kw> {
        if t.kind == TokKind::Word {
            keyword(self.text(t))
        } else {
            None
        }
    }

    /// At a keyword or the end of the file: the end of a section.
    fn at_section_end(&self) -> bool {
        let t = self.peek();
        t.kind == TokKind::Eof || self.kw_of(t).is_some()
    }

    /// A non-keyword identifier.
    fn is_name(&self, t: &Token) -> bool {
        (t.kind == TokKind::Word && self.kw_of(t).is_none()) || t.kind == TokKind::Bad
    }

    /// Does the token at `self.pos + n` start a binding (`X =`, `X <-`,
    /// `X!Y =`, `X(`) on a new line?
    fn binding_starts_at(&self, n: usize) -> bool {
        let t = self.peek_at(n);
        if !t.line_start || !(self.is_name(t) || t.kind == TokKind::Op) {
            return false;
        }
        let u = self.peek_at(n + 1);
        ["=", "<-", "!", "("].iter().any(|p| self.is_punct(u, p))
    }

    fn describe(&self, t: &Token) -> String {
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

    fn found_span(&self, t: &Token) -> Option<Span> {
        (t.kind != TokKind::Eof).then(|| self.span(t))
    }

    fn unexpected(&self, expected: impl Into<String>, t: &Token, note: Option<String>) -> CfgError {
        CfgError::Unexpected {
            expected: expected.into(),
            found: self.describe(t),
            span: self.span(t),
            note,
        }
    }

    /// Skips to the next section keyword.
    fn skip_to_section(&mut self) {
        while !self.at_section_end() {
            self.bump();
        }
    }

    // --- file and sections -----------------------------------------------

    fn file_(&mut self) {
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

    fn check_spec_mix(&mut self) {
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
    fn record_single(&mut self, kw: &'static str, span: Span) -> bool {
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
    fn single(
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
    fn check_deadlock(&mut self, kw_span: Span) -> Option<(&'static str, Span)> {
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
    fn names(&mut self, slot: fn(&mut ModelConfig) -> &mut Vec<Name>) {
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
    fn skip_line(&mut self) {
        while !self.at_section_end() && !self.peek().line_start {
            self.bump();
        }
    }

    // --- CONSTANTS ---------------------------------------------------------

    fn constants(&mut self) {
        while !self.at_section_end() {
            let first = self.pos;
            if self.misspelt_keyword() {
                self.skip_to_section();
                continue;
            }
            match self.binding() {
                Ok(b) => self.cfg.constants.push(b),
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
    fn misspelt_keyword(&mut self) -> bool {
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
    fn binding_lhs(&mut self) -> PResult<Name> {
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

    fn binding(&mut self) -> PResult<ConstantBinding> {
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

    fn missing_name(
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
    fn module_prefix(&mut self) -> PResult<Option<Name>> {
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

    // --- values ------------------------------------------------------------

    fn value(&mut self) -> PResult<CfgValue> {
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

    fn int(&mut self, digits: &str, radix: u32, negative: bool, span: Span) -> CfgValueKind {
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
    fn set(&mut self) -> PResult<CfgValue> {
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
    fn tuple(&mut self) -> PResult<CfgValue> {
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
