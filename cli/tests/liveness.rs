//! Liveness checking against TLC 2.20: the models of
//! `fixtures/models/liveness/`, each checked with `tlatrace model ...
//! --format json` with 1 and with 2 workers. The verdict must be TLC's,
//! the figures (generated, distinct, depth) those of the safety search
//! (liveness does not change them), and a violation must come with a
//! lasso of the shape TLC prints: a cycle back to an earlier state, or
//! stuttering in the last state (ITF `loop` = the last index).

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// How a violation ends.
#[derive(Debug, PartialEq, Eq)]
enum Lasso {
    /// The last state stutters forever.
    Stuttering,
    /// The cycle goes back to an earlier state.
    Cycle,
}

/// A model and what TLC 2.20 reports for it.
struct Case {
    model: &'static str,
    /// None: no error; Some: temporal properties violated.
    violated: Option<Lasso>,
    generated: u64,
    distinct: u64,
    depth: u64,
}

const CASES: &[Case] = &[
    // (x = 1) ~> (x = 3) and []<>(x = 0) under WF.
    Case {
        model: "Clock",
        violated: None,
        generated: 5,
        distinct: 4,
        depth: 4,
    },
    // <>[](x > 0): TLC prints 4 states and "Back to state 1".
    Case {
        model: "ClockPersistence",
        violated: Some(Lasso::Cycle),
        generated: 5,
        distinct: 4,
        depth: 4,
    },
    // No fairness: TLC ends its behaviour with "Stuttering".
    Case {
        model: "Stutter",
        violated: Some(Lasso::Stuttering),
        generated: 3,
        distinct: 3,
        depth: 3,
    },
    // WF on an action enabled only every other state: violated by a cycle.
    Case {
        model: "WfCycle",
        violated: Some(Lasso::Cycle),
        generated: 6,
        distinct: 4,
        depth: 4,
    },
    // The same with SF: holds.
    Case {
        model: "SfHolds",
        violated: None,
        generated: 6,
        distinct: 4,
        depth: 4,
    },
    // \A i \in Procs : WF_c(Inc(i)), property \A i : <>(c[i] = 2).
    Case {
        model: "Counters",
        violated: None,
        generated: 64,
        distinct: 27,
        depth: 7,
    },
    // WF_c(Next) only: counter 1 counts and resets forever.
    Case {
        model: "CountersNext",
        violated: Some(Lasso::Cycle),
        generated: 64,
        distinct: 27,
        depth: 7,
    },
    // A leads-to reached through INSTANCE (C!OneLeadsToThree).
    Case {
        model: "Hand",
        violated: None,
        generated: 5,
        distinct: 4,
        depth: 4,
    },
    // WF of an action that leaves y without a value, and of one with
    // ENABLED inside it.
    Case {
        model: "Partial",
        violated: None,
        generated: 15,
        distinct: 8,
        depth: 5,
    },
    // The same without fairness on the flips: TLC ends with "Stuttering".
    Case {
        model: "PartialUnfair",
        violated: Some(Lasso::Stuttering),
        generated: 15,
        distinct: 8,
        depth: 5,
    },
];

fn run(model: &str, workers: usize) -> (i32, Value) {
    run_in("../fixtures/models/liveness", &[], model, workers)
}

/// Runs `model` in `dir` (relative to the cli crate) with extra arguments.
fn run_in(dir: &str, extra: &[&str], model: &str, workers: usize) -> (i32, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let out = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(&dir)
        .args(["model", &format!("{model}.tla"), "--format", "json"])
        .args(extra)
        .args(["--progress", "0", "--workers", &workers.to_string()])
        .output()
        .expect("tlatrace runs");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{model}: not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn verdicts_and_figures_are_tlcs_for_any_number_of_workers() {
    for case in CASES {
        for workers in [1, 2] {
            let (code, j) = run(case.model, workers);
            let what = format!("{} with {workers} worker(s): {j}", case.model);
            assert_eq!(j["liveness"], "checked", "{what}");
            assert_eq!(j["not_checked"], serde_json::json!([]), "{what}");
            assert_eq!(j["generated"], case.generated, "{what}");
            assert_eq!(j["distinct"], case.distinct, "{what}");
            assert_eq!(j["depth"], case.depth, "{what}");
            match &case.violated {
                None => {
                    assert_eq!(code, 0, "{what}");
                    assert_eq!(j["verdict"], "ok", "{what}");
                    assert!(j["loop"].is_null(), "{what}");
                }
                Some(shape) => {
                    assert_eq!(code, 1, "{what}");
                    assert_eq!(j["verdict"], "liveness", "{what}");
                    let states = j["trace"]["states"].as_array().expect("a trace");
                    assert!(!states.is_empty(), "{what}");
                    assert_eq!(states[0]["#meta"]["action"], "Init", "{what}");
                    let lp = j["loop"].as_u64().expect("a loop index") as usize;
                    assert!(lp < states.len(), "{what}");
                    let got = if lp + 1 == states.len() {
                        Lasso::Stuttering
                    } else {
                        Lasso::Cycle
                    };
                    assert_eq!(&got, shape, "{what}");
                }
            }
        }
    }
}

#[test]
fn the_counterexample_does_not_depend_on_workers() {
    for case in CASES.iter().filter(|c| c.violated.is_some()) {
        let (_, one) = run(case.model, 1);
        let (_, two) = run(case.model, 2);
        assert_eq!(one["trace"], two["trace"], "{}", case.model);
        assert_eq!(one["loop"], two["loop"], "{}", case.model);
    }
}

#[test]
fn the_human_output_prints_the_lasso_as_tlc_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/models/liveness");
    let human = |model: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
            .current_dir(&dir)
            .args(["model", &format!("{model}.tla"), "--progress", "0"])
            .args(["--workers", "1"])
            .output()
            .expect("tlatrace runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let cycle = human("WfCycle");
    assert!(cycle.contains("Back to state 1: <A>"), "{cycle}");
    assert!(
        cycle.contains("Temporal properties were violated."),
        "{cycle}"
    );
    assert!(!cycle.contains("NOT checked"), "{cycle}");
    let stutter = human("Stutter");
    assert!(stutter.contains(": Stuttering"), "{stutter}");
}

#[test]
fn a_temporal_formula_tlc_rejects_is_an_error_with_a_span() {
    // []<>(x' > x) inside a leads-to: an action in the tableau.
    let dir = std::env::temp_dir().join(format!("tlatrace-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Bad.tla"),
        "---- MODULE Bad ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n\
         Next == x' = (x + 1) % 3\nSpec == Init /\\ [][Next]_x /\\ WF_x(Next)\n\
         Prop == (x = 0) ~> (x' = 1)\n====\n",
    )
    .unwrap();
    std::fs::write(dir.join("Bad.cfg"), "SPECIFICATION Spec\nPROPERTY Prop\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(&dir)
        .args(["model", "Bad.tla", "--progress", "0", "--workers", "1"])
        .output()
        .expect("tlatrace runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("TLC cannot handle this temporal formula"),
        "{text}"
    );
    assert!(text.contains("Bad.cfg"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The liveness mutants of `specs/mutants/` (see its README): TLC 2.20
/// reports them violated (after a partial search, see
/// docs/tlc-semantics.md section 7.1); tlatrace checks the complete state
/// graph, so the figures are those of the safety search, and the lasso ends
/// in stuttering (the fair actions are all disabled there).
#[test]
fn liveness_mutants_are_violated_and_their_fixes_hold() {
    let cases: &[(&str, &str, &str, bool, [u64; 3])] = &[
        // Dueling proposers: no proposer must finish phase 2.
        (
            "../specs/mutants/paxos",
            "../../paxos",
            "MCPaxosDueling",
            true,
            [23_563, 3_921, 17],
        ),
        // One fair leader: a value is chosen (TLC 2.20: no error, same figures).
        (
            "../specs/mutants/paxos",
            "../../paxos",
            "MCPaxosDuelingOneLeader",
            false,
            [23_563, 3_921, 17],
        ),
        // TPaxos (2,2,2): no fairness on message delivery.
        (
            "../specs/mutants/tpaxos",
            "../../tpaxos",
            "MCTPaxosLiveNoDelivery_2_2_2",
            true,
            [55_173, 15_845, 20],
        ),
    ];
    for (dir, lib, model, violated, [generated, distinct, depth]) in cases {
        let (code, j) = run_in(dir, &["--lib", lib], model, 2);
        let what = format!("{model}: {}", j["verdict"]);
        assert_eq!(j["generated"], *generated, "{what}");
        assert_eq!(j["distinct"], *distinct, "{what}");
        assert_eq!(j["depth"], *depth, "{what}");
        if *violated {
            assert_eq!(code, 1, "{what}");
            assert_eq!(j["verdict"], "liveness", "{what}");
            let n = j["trace"]["states"]
                .as_array()
                .map(|a| a.len())
                .unwrap_or(0);
            assert_eq!(j["loop"].as_u64(), Some(n as u64 - 1), "{what}: stuttering");
        } else {
            assert_eq!(code, 0, "{what}");
            assert_eq!(j["verdict"], "ok", "{what}");
        }
    }
}
