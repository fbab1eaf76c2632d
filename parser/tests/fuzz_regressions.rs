//! The inputs that once crashed the front end (a stack overflow or a
//! panic), kept under `fuzz/regressions/<target>/` and run here on the
//! stable toolchain with the checks of the fuzz target of the same name
//! (`fuzz/fuzz_targets/*.rs`), on a thread with a 2 MiB stack:
//!
//! - `parse/`: read as a file, wrapped in a module, and as an expression:
//!   no panic, and whatever parses prints back to text that parses and
//!   prints the same;
//! - `cfg/`: read as a TLC model file: no panic, and a failed read reports
//!   errors that render.
//!
//! A crash the fuzzers find is fixed, then its input is added to the folder.

use parser::cfg::parse_cfg;
use parser::diag::{render_plain, IntoDiagnostic};
use parser::parse::{parse_expr, parse_file};
use parser::print;
use parser::span::Files;
use std::path::{Path, PathBuf};

/// The inputs of `fuzz/regressions/<target>/`, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no input in {}", dir.display());
    out
}

/// Runs `f` on `input`'s text on a thread with a 2 MiB stack.
fn run(input: &Path, f: fn(&str)) {
    let src = String::from_utf8_lossy(&std::fs::read(input).unwrap()).into_owned();
    let name = input.display().to_string();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || f(&src))
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("{name} panicked"));
}

fn file(src: &str) {
    let mut files = Files::new();
    let id = files.add("fuzz.tla", None, src);
    let (ms, diags) = parse_file(&files, id);
    let _ = render_plain(&files, &diags);
    if !diags.is_empty() || ms.is_empty() {
        return;
    }
    let printed = print::modules(&ms);
    let id2 = files.add("printed.tla", None, printed.clone());
    let (ms2, diags2) = parse_file(&files, id2);
    assert!(
        diags2.is_empty(),
        "the printed module does not parse:\n{}",
        render_plain(&files, &diags2)
    );
    assert_eq!(printed, print::modules(&ms2), "printing is not stable");
}

fn expr(src: &str) {
    let mut files = Files::new();
    let id = files.add("expr", None, src);
    match parse_expr(&files, id) {
        Ok(e) => {
            let printed = print::expr(&e);
            let id2 = files.add("printed", None, printed.clone());
            let e2 = parse_expr(&files, id2).unwrap_or_else(|d| {
                panic!(
                    "the printed expression does not parse:\n{}",
                    render_plain(&files, &d)
                )
            });
            assert_eq!(printed, print::expr(&e2), "printing is not stable");
        }
        Err(d) => {
            let _ = render_plain(&files, &d);
        }
    }
}

#[test]
fn parse_regressions() {
    for input in inputs("parse") {
        run(&input, |src| {
            file(src);
            file(&format!("---- MODULE M ----\n{src}\n===="));
            expr(src);
        });
    }
}

#[test]
fn cfg_regressions() {
    for input in inputs("cfg") {
        run(&input, |src| {
            let mut files = Files::new();
            let id = files.add("fuzz.cfg", None, src);
            if let Err(errs) = parse_cfg(&files, id) {
                assert!(!errs.is_empty(), "a failed read reports no error");
                let diags: Vec<_> = errs.iter().map(|e| e.to_diagnostic()).collect();
                let _ = render_plain(&files, &diags);
            }
        });
    }
}
