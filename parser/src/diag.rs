//! Diagnostics: every phase's error type implements [`IntoDiagnostic`], the
//! only road to codespan-reporting; the same diagnostics render for humans or
//! as JSON for machines.

use crate::span::{FileId, Files, Span};
use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};

/// The diagnostic type shared by every phase.
pub type Diag = Diagnostic<FileId>;

/// Turns a phase's error into a diagnostic.
pub trait IntoDiagnostic {
    /// The diagnostic describing `self`.
    fn to_diagnostic(&self) -> Diag;
}

/// A primary label at `span` with `msg`.
pub fn primary(span: Span, msg: impl std::fmt::Display) -> Label<FileId> {
    Label::primary(span.file, span.range()).with_message(msg)
}

/// A secondary label at `span` with `msg`.
pub fn secondary(span: Span, msg: impl std::fmt::Display) -> Label<FileId> {
    Label::secondary(span.file, span.range()).with_message(msg)
}

/// An error diagnostic with a one-line summary and a primary label.
pub fn error_at(
    span: Span,
    summary: impl std::fmt::Display,
    label: impl std::fmt::Display,
) -> Diag {
    Diagnostic::error()
        .with_message(summary)
        .with_labels(vec![primary(span, label)])
}

/// Renders diagnostics as codespan-reporting text into `out`.
pub fn render_to<W: WriteColor>(files: &Files, diags: &[Diag], out: &mut W) {
    let config = term::Config::default();
    for d in diags {
        // Rendering only fails on I/O errors or spans out of range; the
        // latter would be our bug, so fall back to the bare message.
        if term::emit_to_write_style(out, &config, files, d).is_err() {
            let _ = writeln!(out, "error: {}", d.message);
        }
    }
}

/// Renders diagnostics as plain text (no colour) into a string.
pub fn render_plain(files: &Files, diags: &[Diag]) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        match term::emit_into_string(&config, files, d) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str(&format!("error: {}\n", d.message)),
        }
    }
    out
}

/// Renders diagnostics to stderr, coloured when stderr is a terminal.
pub fn render_stderr(files: &Files, diags: &[Diag], color: bool) {
    use std::io::IsTerminal;
    let choice = if color && std::io::stderr().is_terminal() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let stream = StandardStream::stderr(choice);
    let mut lock = stream.lock();
    render_to(files, diags, &mut lock);
}

/// One diagnostic as a JSON value: severity, message, code, and labels with
/// file, 1-based line and column of start and end, and byte offsets.
pub fn to_json(files: &Files, d: &Diag) -> serde_json::Value {
    let severity = match d.severity {
        Severity::Bug => "bug",
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
        Severity::Help => "help",
    };
    let labels: Vec<serde_json::Value> = d
        .labels
        .iter()
        .map(|l| {
            let f = files.get(l.file_id);
            let (line, col) = f.line_col(l.range.start);
            let (end_line, end_col) = f.line_col(l.range.end);
            serde_json::json!({
                "primary": matches!(l.style, codespan_reporting::diagnostic::LabelStyle::Primary),
                "file": f.name,
                "line": line,
                "column": col,
                "end_line": end_line,
                "end_column": end_col,
                "start": l.range.start,
                "end": l.range.end,
                "message": l.message,
            })
        })
        .collect();
    serde_json::json!({
        "severity": severity,
        "code": d.code,
        "message": d.message,
        "labels": labels,
        "notes": d.notes,
    })
}
