//! `tlatrace`: check that running systems do what their TLA+ spec says.
//!
//! Exit codes: 0 success, 1 the spec (or trace) is wrong, 2 usage or input
//! error.

mod check;
mod gen;
mod load;
mod model;
mod output;
mod parse;
mod paths;
mod report;
mod simulate;

use clap::{Parser, Subcommand};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// Command-line interface.
#[derive(Parser, Debug)]
#[command(
    name = "tlatrace",
    version,
    about = "A Rust toolchain for TLA+: parse specs, check models, validate traces"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Load TLA+ modules with everything they depend on and check their names.
    Parse(parse::Args),
    /// Model-check a spec with a TLC model file (.cfg).
    Model(model::Args),
    /// Check that logged runs (JSON Lines, ITF) are behaviours of a spec.
    Check(check::Args),
    /// Write random behaviours of a spec as traces.
    Simulate(simulate::Args),
    /// Generate code from a spec: `gen rust` writes the types, actions and
    /// a logger for a service to log its events (with the `tlalog` crate).
    Gen(gen::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Parse(a) => parse::run(a),
        Command::Model(a) => model::run(a),
        Command::Check(a) => check::run(a),
        Command::Simulate(a) => simulate::run(a),
        Command::Gen(a) => gen::run(a),
    };
    ExitCode::from(code)
}
