//! `tlatrace gen rust SPEC.tla [--config M.cfg]`: the arguments, loading
//! the model, and writing what `codegen::rust::generate` makes of it (a
//! Rust module for a service to log the spec's events with `tlalog`) to
//! stdout or to a file that is not one of the inputs.

use crate::load::load_model;
use crate::output::{self, EXIT_OK, EXIT_SPEC, EXIT_USAGE};
use codegen::{rust, Source};
use parser::diag::IntoDiagnostic;
use std::path::{Path, PathBuf};

/// Arguments of `tlatrace gen`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    target: Target,
}

#[derive(clap::Subcommand, Debug)]
enum Target {
    /// A Rust module (types, actions, a logger) for the `tlalog` crate.
    Rust(RustArgs),
}

#[derive(clap::Args, Debug)]
struct RustArgs {
    /// The spec (the root module of the model).
    spec: PathBuf,
    /// The TLC model file (default: SPEC.cfg).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// The type invariant (default: the first of TypeOK, TypeOk,
    /// TypeInvariant, TypeInv that the spec defines).
    #[arg(long = "type-invariant", value_name = "NAME")]
    type_invariant: Option<String>,
    /// Definitions without arguments whose value to emit as a function
    /// (e.g. `PIndex`).
    #[arg(long = "const", value_name = "NAME")]
    consts: Vec<String>,
    /// Write the module to FILE instead of stdout (never the spec or the
    /// model file).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Extra folders to search for modules.
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
}

/// Runs `tlatrace gen`.
pub fn run(args: Args) -> u8 {
    match args.target {
        Target::Rust(a) => run_rust(a),
    }
}

fn run_rust(a: RustArgs) -> u8 {
    let diags = |files: &parser::span::Files, d: Vec<parser::diag::Diag>| {
        output::print_diagnostics(files, &d)
    };
    let lm = match load_model(&a.spec, a.config.as_deref(), &a.lib, &diags) {
        Ok(m) => m,
        Err(code) => return code,
    };
    if let Some(out) = &a.out {
        let cfg_path = a
            .config
            .clone()
            .unwrap_or_else(|| a.spec.with_extension("cfg"));
        let read = crate::paths::loaded_files(&lm.loaded.set.files);
        let mut inputs: Vec<&Path> = vec![&a.spec, &cfg_path];
        inputs.extend(read.iter().map(PathBuf::as_path));
        if let Err(msg) = crate::paths::check_output("--out", out, &inputs) {
            eprintln!("error: {msg}");
            return EXIT_USAGE;
        }
    }
    let root = lm.loaded.root.clone().unwrap_or_default();
    let src = Source {
        modules: &lm.loaded.set,
        root: &root,
        config: &lm.cfg,
        model: &lm.model,
    };
    let options = rust::Options {
        type_invariant: a.type_invariant.clone(),
        consts: a.consts.clone(),
        command: command(&a),
    };
    let text = match rust::generate(&src, &options) {
        Ok(t) => t,
        Err(e) => {
            output::print_diagnostics(&lm.loaded.set.files, &[e.to_diagnostic()]);
            return EXIT_SPEC;
        }
    };
    match &a.out {
        None => print!("{text}"),
        Some(out) => {
            if let Err(msg) = crate::paths::write(out, "the module", text.as_bytes()) {
                eprintln!("error: {msg}");
                return EXIT_USAGE;
            }
        }
    }
    EXIT_OK
}

/// The command line that regenerates the module (without `--out`).
fn command(a: &RustArgs) -> String {
    let mut cmd = format!("tlatrace gen rust {}", a.spec.display());
    if let Some(c) = &a.config {
        cmd.push_str(&format!(" --config {}", c.display()));
    }
    if let Some(t) = &a.type_invariant {
        cmd.push_str(&format!(" --type-invariant {t}"));
    }
    for c in &a.consts {
        cmd.push_str(&format!(" --const {c}"));
    }
    cmd
}
