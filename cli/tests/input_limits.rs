//! Golden tests of input past the limits of `parser::limits`: `tlatrace
//! parse`, `model` and `check` report expressions nested past the limit,
//! `.cfg` values nested past it and too long chains of EXTENDS with one
//! diagnostic at the token where the limit was hit, and exit 2 (input
//! error), never a stack overflow; 3,000 levels still load (exit 0); a
//! cycle of EXTENDS stays a spec error (exit 1).
//!
//! The inputs are written at test time into a temporary folder (the large
//! ones would be megabytes), with one nesting token per line so that the
//! snapshot shows a short source line; the command runs from that folder.

use std::path::Path;
use std::process::Command;

/// Levels of the deep-but-reasonable inputs.
const DEEP: usize = 3_000;

/// Levels of the inputs past the limit (10,000).
const TOO_DEEP: usize = 10_050;

/// Runs `tlatrace ARGS` in `dir`: the exit code, then stdout and stderr.
fn tlatrace(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    format!(
        "$ tlatrace {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A spec `name` whose initial value of `x` is `1` in `n` parentheses,
/// one per line, with its model file.
fn paren_spec(dir: &Path, name: &str, n: usize) {
    let nested = format!("{}1\n{}", "(\n".repeat(n), ")\n".repeat(n));
    let text =
        format!("---- MODULE {name} ----\nVARIABLE x\nInit == x =\n{nested}Next == x' = x\n====\n");
    std::fs::write(dir.join(format!("{name}.tla")), text).unwrap();
    std::fs::write(dir.join(format!("{name}.cfg")), "INIT Init\nNEXT Next\n").unwrap();
}

#[test]
fn three_thousand_nested_parentheses_parse() {
    let dir = tempfile::tempdir().unwrap();
    paren_spec(dir.path(), "Deep", DEEP);
    insta::assert_snapshot!(tlatrace(dir.path(), &["parse", "Deep.tla"]));
}

#[test]
fn parse_exits_2_on_expressions_nested_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    paren_spec(dir.path(), "TooDeep", TOO_DEEP);
    insta::assert_snapshot!(tlatrace(dir.path(), &["parse", "TooDeep.tla"]));
}

#[test]
fn model_exits_2_on_expressions_nested_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    paren_spec(dir.path(), "TooDeep", TOO_DEEP);
    insta::assert_snapshot!(tlatrace(dir.path(), &["model", "TooDeep.tla"]));
}

#[test]
fn check_exits_2_on_expressions_nested_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    paren_spec(dir.path(), "TooDeep", TOO_DEEP);
    std::fs::write(dir.path().join("run.jsonl"), "{\"x\": 1}\n").unwrap();
    insta::assert_snapshot!(tlatrace(dir.path(), &["check", "TooDeep.tla", "run.jsonl"]));
}

#[test]
fn model_exits_2_on_a_cfg_value_nested_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Sets.tla"),
        "---- MODULE Sets ----\nCONSTANT S\nVARIABLE x\nInit == x = S\nNext == x' = x\n====\n",
    )
    .unwrap();
    let set = format!("{}{}", "{\n".repeat(TOO_DEEP), "}\n".repeat(TOO_DEEP));
    std::fs::write(
        dir.path().join("Sets.cfg"),
        format!("CONSTANT S =\n{set}INIT Init\nNEXT Next\n"),
    )
    .unwrap();
    insta::assert_snapshot!(tlatrace(dir.path(), &["model", "Sets.tla"]));
}

/// Modules `M0` ... `M{n-1}`, each extending the next.
fn chain(dir: &Path, n: usize) {
    for k in 0..n {
        let ext = if k + 1 < n {
            format!("EXTENDS M{}\n", k + 1)
        } else {
            String::new()
        };
        let text = format!("---- MODULE M{k} ----\n{ext}X{k} == {k}\n====\n");
        std::fs::write(dir.join(format!("M{k}.tla")), text).unwrap();
    }
}

#[test]
fn parse_exits_2_on_a_chain_of_1001_modules() {
    let dir = tempfile::tempdir().unwrap();
    chain(dir.path(), 1_001);
    insta::assert_snapshot!(tlatrace(dir.path(), &["parse", "M0.tla"]));
}

#[test]
fn parse_exits_1_on_a_cycle_of_extends() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("A.tla"),
        "---- MODULE A ----\nEXTENDS B\n====\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("B.tla"),
        "---- MODULE B ----\nEXTENDS A\n====\n",
    )
    .unwrap();
    insta::assert_snapshot!(tlatrace(dir.path(), &["parse", "A.tla"]));
}
