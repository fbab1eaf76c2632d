//! Output options shared by the subcommands: human text or JSON, and how
//! diagnostics are printed.

use clap::ValueEnum;
use parser::diag::{self, Diag};
use parser::span::Files;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Text for people, diagnostics rendered with the source underlined.
    #[default]
    Human,
    /// One JSON document on stdout, for machines.
    Json,
}

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the spec or trace is wrong.
pub const EXIT_SPEC: u8 = 1;
/// Exit code: usage or input error.
pub const EXIT_USAGE: u8 = 2;

/// Prints diagnostics on stderr for people.
pub fn print_diagnostics(files: &Files, diags: &[Diag]) {
    let color = std::env::var_os("NO_COLOR").is_none();
    diag::render_stderr(files, diags, color);
}

/// Diagnostics as a JSON array.
pub fn diagnostics_json(files: &Files, diags: &[Diag]) -> serde_json::Value {
    serde_json::Value::Array(diags.iter().map(|d| diag::to_json(files, d)).collect())
}
