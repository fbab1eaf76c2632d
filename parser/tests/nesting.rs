//! Nesting limits of the front end (`parser::limits`): every recursive form
//! of the input parses, prints and is name-checked at 3,000 levels on a
//! thread with a 2 MiB stack, and past the limit gives the limit diagnostic
//! at the token where the limit was hit, never a stack overflow. The same
//! for `.cfg` values, nested modules, proofs, and chains of modules that
//! EXTEND one another (plus the cycle error of such chains).

use parser::cfg::{parse_cfg, CfgError};
use parser::diag::{Diag, IntoDiagnostic};
use parser::limits::{
    is_limit, CODE_CFG_NESTING, CODE_MODULE_CHAIN, CODE_NESTING, MAX_MODULE_CHAIN, MAX_NESTING,
};
use parser::load::Loader;
use parser::parse::{parse_expr, parse_file};
use parser::print;
use parser::span::Files;

/// Levels that must work.
const DEEP: usize = 3_000;

/// Levels past the limit.
const TOO_DEEP: usize = MAX_NESTING as usize + 50;

/// Runs `f` on a thread with a 2 MiB stack (the test harness's default,
/// pinned here so that `RUST_MIN_STACK` does not change the test).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn a test thread")
        .join()
        .expect("the test thread panicked")
}

/// One recursive expression form: its name, the expression nested `n`
/// levels deep, and the tokens the limit error may point at.
struct Form {
    name: &'static str,
    nest: fn(usize) -> String,
    at: &'static [&'static str],
}

fn wrap(n: usize, open: &str, inner: &str, close: &str) -> String {
    format!("{}{inner}{}", open.repeat(n), close.repeat(n))
}

const FORMS: &[Form] = &[
    Form {
        name: "parentheses",
        nest: |n| wrap(n, "(", "1", ")"),
        at: &["("],
    },
    Form {
        name: "set braces",
        nest: |n| wrap(n, "{", "1", "}"),
        at: &["{"],
    },
    Form {
        name: "tuples",
        nest: |n| wrap(n, "<< ", "1", " >>"),
        at: &["<<"],
    },
    Form {
        name: "function constructors",
        nest: |n| wrap(n, "[x \\in S |-> ", "1", "]"),
        at: &["[", "x", "S"],
    },
    Form {
        name: "records",
        nest: |n| wrap(n, "[a |-> ", "1", "]"),
        at: &["["],
    },
    Form {
        name: "function applications",
        nest: |n| format!("f{}", "[1]".repeat(n)),
        at: &["[", "1"],
    },
    Form {
        name: "IF",
        nest: |n| wrap(n, "IF TRUE THEN ", "1", " ELSE 0"),
        at: &["IF", "TRUE"],
    },
    Form {
        name: "CASE",
        nest: |n| format!("{}1", "CASE TRUE -> ".repeat(n)),
        at: &["CASE", "TRUE"],
    },
    Form {
        name: "LET",
        nest: |n| format!("{}1", "LET a == 1 IN ".repeat(n)),
        at: &["LET", "1"],
    },
    Form {
        name: "quantifiers",
        nest: |n| format!("{}TRUE", "\\A x \\in S : ".repeat(n)),
        at: &["\\A", "S"],
    },
    Form {
        name: "negations",
        nest: |n| format!("{}TRUE", "~ ".repeat(n)),
        at: &["~"],
    },
    Form {
        name: "unary minus",
        nest: |n| format!("{}1", "- ".repeat(n)),
        at: &["-"],
    },
    Form {
        name: "bullet lists",
        nest: |n| format!("{}TRUE", "/\\ ".repeat(n)),
        at: &["/\\"],
    },
    Form {
        name: "a chain of infix operators",
        nest: |n| vec!["1"; n + 1].join(" + "),
        at: &["+", "1"],
    },
    Form {
        name: "primes",
        nest: |n| format!("x{}", "'".repeat(n)),
        at: &["'"],
    },
];

/// Parses `src` as an expression, prints it, parses the print and checks
/// that it prints the same; or the diagnostics, each with the text under
/// its primary label.
fn parse_and_print(src: String) -> Result<(), Vec<(Diag, String)>> {
    let mut files = Files::new();
    let id = files.add("e", None, src);
    let with_text = |files: &Files, ds: Vec<Diag>| {
        ds.into_iter()
            .map(|d| {
                let t = primary_text(files, &d);
                (d, t)
            })
            .collect::<Vec<_>>()
    };
    let e = parse_expr(&files, id).map_err(|d| with_text(&files, d))?;
    let printed = print::expr(&e);
    let id2 = files.add("printed", None, printed.clone());
    let e2 = parse_expr(&files, id2).map_err(|d| with_text(&files, d))?;
    assert_eq!(printed, print::expr(&e2), "printing is not stable");
    Ok(())
}

/// The text under the primary label of `d`.
fn primary_text(files: &Files, d: &Diag) -> String {
    let l = &d.labels[0];
    files.get(l.file_id).source[l.range.clone()].to_string()
}

#[test]
fn every_form_parses_and_prints_at_3000_levels_on_a_2_mib_stack() {
    for f in FORMS {
        let src = (f.nest)(DEEP);
        let r = on_small_stack(move || parse_and_print(src));
        assert!(r.is_ok(), "{} at {DEEP} levels: {:?}", f.name, r.err());
    }
}

#[test]
fn every_form_past_the_limit_is_an_error_at_the_token_where_it_was_hit() {
    for f in FORMS {
        let src = (f.nest)(TOO_DEEP);
        let diags = on_small_stack(move || parse_and_print(src))
            .expect_err(&format!("{} past the limit parses", f.name));
        assert_eq!(diags.len(), 1, "{}: {diags:?}", f.name);
        let (d, at) = &diags[0];
        assert_eq!(d.code.as_deref(), Some(CODE_NESTING), "{}", f.name);
        assert!(is_limit(d));
        assert_eq!(d.message, "expressions nest deeper than 10,000 levels");
        assert!(
            f.at.contains(&at.as_str()),
            "{}: the error points at `{at}`",
            f.name
        );
    }
}

#[test]
fn a_chain_of_100000_operators_is_refused_not_overflowed() {
    let src = vec!["1"; 100_000].join("+");
    let diags = on_small_stack(move || parse_and_print(src)).expect_err("parses");
    assert_eq!(diags[0].0.code.as_deref(), Some(CODE_NESTING));
}

/// A module whose operator `Deep` is `e`, with the names the forms use.
fn module(name: &str, e: &str) -> String {
    format!(
        "---- MODULE {name} ----\nEXTENDS Integers\nCONSTANT S, f\nVARIABLE x\nDeep == {e}\n====\n"
    )
}

#[test]
fn the_loader_and_the_name_checker_take_3000_levels_on_a_2_mib_stack() {
    let dir = tempfile::tempdir().unwrap();
    // LET redefines `a`, the quantifiers and function constructors rebind
    // `x`: name errors, so they are left to the parser tests above.
    let rebind = ["LET", "quantifiers", "function constructors"];
    for f in FORMS.iter().filter(|f| !rebind.contains(&f.name)) {
        let path = dir.path().join("Deep.tla");
        std::fs::write(&path, module("Deep", &(f.nest)(DEEP))).unwrap();
        let diags = on_small_stack(move || Loader::new(vec![]).load(&path).unwrap().diagnostics);
        assert!(diags.is_empty(), "{}: {:?}", f.name, diags.first());
    }
}

#[test]
fn the_loader_reports_nesting_past_the_limit_as_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Deep.tla");
    std::fs::write(&path, module("Deep", &wrap(TOO_DEEP, "(", "1", ")"))).unwrap();
    let loaded = on_small_stack(move || Loader::new(vec![]).load(&path).unwrap());
    assert!(loaded.has_errors());
    assert!(loaded.exceeds_limits());
}

/// `n` modules nested one inside the other.
fn nested_modules(n: usize) -> String {
    let mut s = String::new();
    for k in 0..n {
        s.push_str(&format!("---- MODULE N{k} ----\n"));
    }
    s.push_str("X == 1\n");
    for _ in 0..n {
        s.push_str("====\n");
    }
    s
}

#[test]
fn nested_modules_parse_and_print_at_3000_levels_and_stop_at_the_limit() {
    let (count, diags) = on_small_stack(|| {
        let mut files = Files::new();
        let id = files.add("N0.tla", None, nested_modules(DEEP));
        let (ms, diags) = parse_file(&files, id);
        let printed = print::modules(&ms);
        let id2 = files.add("printed", None, printed.clone());
        let (ms2, _) = parse_file(&files, id2);
        assert_eq!(printed, print::modules(&ms2));
        (ms.len(), diags)
    });
    assert_eq!((count, diags.len()), (1, 0), "{diags:?}");
    let diags = on_small_stack(|| {
        let mut files = Files::new();
        let id = files.add("N0.tla", None, nested_modules(TOO_DEEP));
        parse_file(&files, id).1
    });
    assert_eq!(diags[0].code.as_deref(), Some(CODE_NESTING), "{diags:?}");
}

/// A theorem with a proof `n` levels deep: `<1>1. TRUE`, `<2>1. TRUE` ...
/// then the QED steps back out.
fn deep_proof(n: usize) -> String {
    let mut s = String::from("---- MODULE P ----\nTHEOREM TRUE\n");
    for k in 1..=n {
        s.push_str(&format!("<{k}>1. TRUE\n"));
    }
    for k in (1..=n).rev() {
        s.push_str(&format!("<{k}> QED\n"));
    }
    s.push_str("====\n");
    s
}

#[test]
fn proofs_parse_and_print_at_3000_levels_and_stop_at_the_limit() {
    let diags = on_small_stack(|| {
        let mut files = Files::new();
        let id = files.add("P.tla", None, deep_proof(DEEP));
        let (ms, diags) = parse_file(&files, id);
        let printed = print::modules(&ms);
        let id2 = files.add("printed", None, printed.clone());
        let (ms2, d2) = parse_file(&files, id2);
        assert!(d2.is_empty(), "{d2:?}");
        assert_eq!(printed, print::modules(&ms2));
        diags
    });
    assert!(diags.is_empty(), "{diags:?}");
    let diags = on_small_stack(|| {
        let mut files = Files::new();
        let id = files.add("P.tla", None, deep_proof(TOO_DEEP));
        parse_file(&files, id).1
    });
    assert_eq!(diags[0].code.as_deref(), Some(CODE_NESTING), "{diags:?}");
}

fn cfg_errors(src: String) -> Vec<CfgError> {
    on_small_stack(move || {
        let mut files = Files::new();
        let id = files.add("M.cfg", None, src);
        parse_cfg(&files, id).err().unwrap_or_default()
    })
}

#[test]
fn cfg_sets_nest_3000_levels_and_stop_at_the_limit() {
    assert!(cfg_errors(format!("CONSTANT S = {}", wrap(DEEP, "{", "1", "}"))).is_empty());
    let src = format!("CONSTANT S = {}\nINIT Init\n", wrap(100_000, "{", "", "}"));
    let errs = cfg_errors(src.clone());
    assert_eq!(errs.len(), 1, "{errs:?}");
    let d = errs[0].to_diagnostic();
    assert_eq!(d.code.as_deref(), Some(CODE_CFG_NESTING));
    assert_eq!(d.message, "values nest deeper than 10,000 levels");
    // The `{` that opens level 10,001.
    let start = "CONSTANT S = ".len() + MAX_NESTING as usize;
    assert_eq!(d.labels[0].range, start..start + 1);
}

/// Writes modules `M0` ... `M{n-1}`, each extending the next, into `dir`.
fn chain(dir: &std::path::Path, n: usize) {
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
fn a_chain_of_extends_loads_up_to_the_limit_and_stops_past_it() {
    let max = MAX_MODULE_CHAIN as usize;
    let dir = tempfile::tempdir().unwrap();
    chain(dir.path(), max);
    let root = dir.path().join("M0.tla");
    let loaded = on_small_stack(move || Loader::new(vec![]).load(&root).unwrap());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.set.modules.len(), max);

    let dir = tempfile::tempdir().unwrap();
    chain(dir.path(), max + 1);
    let root = dir.path().join("M0.tla");
    let loaded = on_small_stack(move || Loader::new(vec![]).load(&root).unwrap());
    assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    let d = &loaded.diagnostics[0];
    assert_eq!(d.code.as_deref(), Some(CODE_MODULE_CHAIN));
    assert_eq!(
        d.message,
        "modules extend or instantiate one another more than 1,000 levels deep"
    );
    // The reference to the 1,001st module, in the 1,000th.
    assert_eq!(primary_text(&loaded.set.files, d), format!("M{max}"));
    assert!(loaded.exceeds_limits());
}

#[test]
fn a_cycle_of_extends_is_a_spec_error() {
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
    let loaded = Loader::new(vec![]).load(&dir.path().join("A.tla")).unwrap();
    assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(
        loaded.diagnostics[0].message,
        "circular dependency on module `A`"
    );
    assert!(!loaded.exceeds_limits());
}
