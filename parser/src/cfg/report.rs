//! The diagnostics of `.cfg` errors: headline, labels and the notes that
//! say how to fix the file.

use super::error::CfgError;
use crate::diag::{error_at, secondary, Diag, IntoDiagnostic};
use crate::limits::{thousands, CODE_CFG_NESTING, MAX_NESTING};

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
            CfgError::TooDeep { span } => {
                let max = thousands(MAX_NESTING);
                error_at(
                    *span,
                    format!("values nest deeper than {max} levels"),
                    format!("level {} starts here", thousands(MAX_NESTING + 1)),
                )
                .with_code(CODE_CFG_NESTING)
                .with_notes(vec![format!(
                    "tlatrace reads .cfg values (sets in sets) at most {max} levels deep"
                )])
            }
            CfgError::InvalidToken { text, span, reason } => error_at(
                *span,
                format!("unexpected `{text}`: {reason}"),
                "expected a name, number, string, or one of = <- { } , [ ] ( )",
            )
            .with_code("cfg::invalid-token"),
        }
    }
}
