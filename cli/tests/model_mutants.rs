//! Models that must fail: the mutants of `specs/mutants/` (see its README),
//! each checked with `tlatrace model ... --workers 1 --trace-out FILE`.
//!
//! For each: exit code 1, the verdict TLC gives (the violated invariant or
//! property named), a counterexample that starts in the initial state and
//! has exactly as many states as TLC's (both search breadth-first, so both
//! give a shortest one), and an ITF file with `vars` and `states`. The human
//! output (stdout, then stderr without its timing line) is snapshotted.
//!
//! One worker: with several, tlatrace may report another counterexample of
//! the same length (see `counterexample_does_not_depend_on_workers`).

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// A model that must fail, and what TLC 2.20 reports for it.
struct Mutant {
    /// Folder under `specs/mutants/`.
    dir: &'static str,
    /// The model, `MCX` for `MCX.tla` + `MCX.cfg`.
    model: &'static str,
    /// Extra module folder (`--lib`), relative to the model's folder.
    lib: Option<&'static str>,
    /// TLC's verdict, as tlatrace words it after "Model checking completed.".
    tlc_verdict: &'static str,
    /// A known difference: the verdict tlatrace gives instead of TLC's. The
    /// test fails when tlatrace starts agreeing with TLC, so that the entry
    /// is removed.
    known_verdict: Option<&'static str>,
    /// Number of states of TLC's counterexample.
    tlc_states: usize,
    /// Variables of the first state and their ITF values (the initial state).
    init: &'static [(&'static str, &'static str)],
    /// Text that the diagnostics on stderr must contain.
    diagnostic: &'static [&'static str],
}

/// The output of one run.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    itf: Option<Value>,
}

fn mutants_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/mutants")
}

fn run(m: &Mutant, workers: usize) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    let itf_path = tmp.path().join("trace.itf.json");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tlatrace"));
    cmd.current_dir(mutants_dir().join(m.dir))
        .arg("model")
        .arg(format!("{}.tla", m.model))
        .args(["--progress", "0", "--workers"])
        .arg(workers.to_string())
        .arg("--trace-out")
        .arg(&itf_path)
        .env("NO_COLOR", "1");
    if let Some(lib) = m.lib {
        cmd.args(["--lib", lib]);
    }
    let out = cmd.output().unwrap();
    let itf = std::fs::read_to_string(&itf_path).ok().map(|text| {
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: the ITF file is not JSON: {e}\n{text}", m.model))
    });
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| !l.starts_with("Finished in "))
            .map(|l| format!("{l}\n"))
            .collect(),
        itf,
    }
}

/// The headers `State N: ...` of the trace printed on stdout.
fn state_headers(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("State ")).collect()
}

fn check(m: &Mutant) {
    let r = run(m, 1);
    let name = m.model;
    let context = format!("stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    assert_eq!(r.code, Some(1), "{name}: exit code\n{context}");

    // The verdict names the violated invariant or property.
    let verdict = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Model checking completed. "))
        .unwrap_or_else(|| panic!("{name}: no verdict\n{context}"));
    match m.known_verdict {
        None => assert_eq!(verdict, m.tlc_verdict, "{name}: verdict"),
        Some(ours) => {
            assert_ne!(
                verdict, m.tlc_verdict,
                "{name}: tlatrace now agrees with TLC; remove the known difference"
            );
            assert_eq!(verdict, ours, "{name}: verdict (known difference)");
        }
    }
    for text in m.diagnostic {
        assert!(r.stderr.contains(text), "{name}: no `{text}`\n{context}");
    }

    // A shortest counterexample from the initial state, as long as TLC's.
    let headers = state_headers(&r.stdout);
    assert_eq!(
        headers.len(),
        m.tlc_states,
        "{name}: trace length\n{context}"
    );
    assert_eq!(headers[0], "State 1: <Initial predicate>", "{name}");

    // The same trace in ITF.
    let itf = r
        .itf
        .unwrap_or_else(|| panic!("{name}: no ITF file written\n{context}"));
    let vars: Vec<&str> = itf["vars"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: ITF without `vars`: {itf}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let states = itf["states"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: ITF without `states`: {itf}"));
    assert_eq!(states.len(), m.tlc_states, "{name}: ITF trace length");
    for (i, s) in states.iter().enumerate() {
        for v in &vars {
            assert!(s.get(v).is_some(), "{name}: ITF state {i} lacks `{v}`");
        }
    }
    for (var, value) in m.init {
        let want: Value = serde_json::from_str(value).unwrap();
        assert_eq!(states[0][var], want, "{name}: `{var}` in the first state");
    }

    let snapshot = format!("--- stdout\n{}--- stderr\n{}", r.stdout, r.stderr);
    insta::assert_snapshot!(name, snapshot);
}

const VOTING_DISJOINT_QUORUMS: Mutant = Mutant {
    dir: "paxos",
    model: "MCVotingDisjointQuorums",
    lib: Some("../../paxos"),
    tlc_verdict: "Property CSpec is violated.",
    known_verdict: None,
    tlc_states: 5,
    init: &[
        (
            "votes",
            r##"{"#map": [["a1", {"#set": []}], ["a2", {"#set": []}], ["a3", {"#set": []}]]}"##,
        ),
        (
            "maxBal",
            r##"{"#map": [["a1", -1], ["a2", -1], ["a3", -1]]}"##,
        ),
    ],
    diagnostic: &["property CSpec is violated", "PROPERTY CSpec"],
};

#[test]
fn voting_with_disjoint_quorums_violates_consensus() {
    check(&VOTING_DISJOINT_QUORUMS);
}

#[test]
fn paxos_phase2b_below_max_bal_violates_inv() {
    check(&Mutant {
        dir: "paxos",
        model: "MCPaxosPhase2bBelowMaxBal",
        lib: Some("../../paxos"),
        // Both Inv and VSpec fail in the last state; TLC checks the
        // invariants of a new state before the step's action properties.
        tlc_verdict: "Invariant Inv is violated.",
        known_verdict: None,
        tlc_states: 8,
        init: &[("msgs", r##"{"#set": []}"##)],
        diagnostic: &["is violated"],
    });
}

#[test]
fn tpaxos_accept_without_promise_guard_violates_refinement() {
    check(&Mutant {
        dir: "tpaxos",
        model: "MCTPaxosAcceptNoPromise_3_2_4",
        lib: Some("../../tpaxos"),
        tlc_verdict: "Property VSpec is violated.",
        known_verdict: None,
        tlc_states: 8,
        init: &[
            ("msgs", r##"{"#set": []}"##),
            (
                "votes",
                r##"{"#map": [["p1", {"#set": []}], ["p2", {"#set": []}], ["p3", {"#set": []}]]}"##,
            ),
        ],
        diagnostic: &["property VSpec is violated", "PROPERTY VSpec"],
    });
}

#[test]
fn deadlock_is_reported() {
    check(&Mutant {
        dir: "errors",
        model: "MCCountdownDeadlock",
        lib: None,
        tlc_verdict: "Deadlock reached.",
        known_verdict: None,
        tlc_states: 4,
        init: &[("n", "3")],
        diagnostic: &["deadlock"],
    });
}

#[test]
fn choose_without_a_value_is_an_error() {
    check(&Mutant {
        dir: "errors",
        model: "MCChooseNone",
        lib: None,
        tlc_verdict: "Evaluation error.",
        known_verdict: None,
        tlc_states: 3,
        init: &[("n", "0")],
        // The message, the source line and its underline.
        diagnostic: &[
            "CHOOSE",
            "MCChooseNone.tla:12:14",
            "Next == n' = CHOOSE k \\in 0..2 : k > n",
            "^^^^^^^^^^^^^^^^^^^^^^^^^",
        ],
    });
}

#[test]
fn function_applied_outside_its_domain_is_an_error() {
    check(&Mutant {
        dir: "errors",
        model: "MCOutsideDomain",
        lib: None,
        tlc_verdict: "Evaluation error.",
        known_verdict: None,
        tlc_states: 2,
        init: &[("n", "1")],
        diagnostic: &[
            "domain",
            "MCOutsideDomain.tla:14:14",
            "Next == n' = succ[n + 1]",
            "^^^^^^^^^^^",
        ],
    });
}

/// The explorer promises the same counterexample for every number of
/// workers, but with 2 workers it reports another trace (of the same
/// length) than with 1, and a `generated` figure that varies from run to
/// run.
#[test]
fn counterexample_does_not_depend_on_workers() {
    let one = run(&VOTING_DISJOINT_QUORUMS, 1);
    for _ in 0..3 {
        let two = run(&VOTING_DISJOINT_QUORUMS, 2);
        assert_eq!(one.stdout, two.stdout, "1 worker (left) vs 2 workers");
    }
}
