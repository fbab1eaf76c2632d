//! Run-time errors of evaluation: a message, the span of the innermost
//! expression that failed, and notes; value-level errors get their span on
//! the way out ([`vspan`]).

use crate::value::{VResult, ValueError};
use parser::span::Span;

/// A run-time error: what went wrong, where, and the values involved.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    /// One-line summary.
    pub message: String,
    /// The innermost expression that failed.
    pub span: Span,
    /// Values of the sub-expressions involved, and other notes.
    pub notes: Vec<String>,
}

impl parser::diag::IntoDiagnostic for EvalError {
    fn to_diagnostic(&self) -> parser::diag::Diag {
        let mut d = parser::diag::error_at(self.span, &self.message, "while evaluating this");
        d.notes = self.notes.clone();
        d
    }
}

/// Result of evaluation (the error is boxed to keep results small).
pub type EResult<T> = Result<T, Box<EvalError>>;

/// An error at `span`.
pub fn err<T>(span: Span, msg: impl Into<String>) -> EResult<T> {
    Err(Box::new(EvalError {
        message: msg.into(),
        span,
        notes: vec![],
    }))
}

/// Gives a value-level error the span of the expression that failed.
pub(crate) fn at(span: Span) -> impl FnOnce(ValueError) -> Box<EvalError> {
    move |e| {
        Box::new(EvalError {
            message: e.0,
            span,
            notes: vec![],
        })
    }
}

/// Attaches a span to a value-level result.
pub fn vspan<T>(r: VResult<T>, span: Span) -> EResult<T> {
    r.map_err(at(span))
}
