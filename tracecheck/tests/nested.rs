//! Labels that name actions under grouping operators (`Next == Sys \/
//! Env`, `Sys == Inc \/ \E n : Reset(n)`): the same verdict at every level,
//! with or without logged state; the explanation of a failed step goes
//! down to the innermost alternative's false guard, and the summary counts
//! what the explanations below it show.

use evaluator::model::Model;
use parser::load::{Loaded, Loader};
use std::collections::HashSet;
use std::path::PathBuf;
use tracecheck::event::{read_trace, Decoder, Event, Mapping};
use tracecheck::replay::{Checker, Options, Verdict};

const SPEC: &str = r#"---- MODULE Nested ----
EXTENDS Naturals
VARIABLES x, t
Init == x = 0 /\ t = 0
Inc == /\ x < 3
       /\ x' = x + 1
       /\ UNCHANGED t
Reset(n) == /\ x >= n
            /\ x' = 0
            /\ UNCHANGED t
Sys == Inc \/ \E n \in 2..3 : Reset(n)
Tick == /\ t < 2
        /\ t' = t + 1
        /\ UNCHANGED x
Env == Tick
Next == Sys \/ Env
====
"#;

struct Spec {
    loaded: Loaded,
    model: Model,
}

fn spec() -> Spec {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("nested-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("Nested.tla");
    std::fs::write(&path, SPEC).expect("spec");
    let mut loaded = Loader::new(vec![]).load(&path).expect("loads");
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let root = loaded.root.clone().expect("root");
    let cfg = "INIT Init\nNEXT Next\n";
    let file = loaded
        .set
        .files
        .add("Nested.cfg".to_string(), None, cfg.to_string());
    let cfg = parser::cfg::parse_cfg(&loaded.set.files, file).expect("cfg parses");
    let model = Model::build(&loaded.set, &root, &cfg).expect("model");
    let _ = std::fs::remove_dir_all(&dir);
    Spec { loaded, model }
}

fn events(s: &mut Spec, text: &str) -> Vec<Event> {
    let names: HashSet<String> = HashSet::new();
    let mapping = Mapping::default();
    let dec = Decoder {
        model_values: &names,
        mapping: &mapping,
    };
    let id = s
        .loaded
        .set
        .files
        .add("t.jsonl".to_string(), None, text.to_string());
    read_trace(text, "t.jsonl", id, &dec).expect("reads")
}

fn run(s: &mut Spec, lines: &[&str]) -> Verdict {
    let text = lines.join("\n") + "\n";
    let evs = events(s, &text);
    let checker = Checker::new(&s.model, Options::default());
    checker.validate(&evs).expect("valid events");
    checker.run(&evs)
}

const INIT: &str = r#"{"state": {"x": 0, "t": 0}}"#;

#[test]
fn a_label_at_any_level_is_the_same_verdict() {
    let mut s = spec();
    // The issue's case: a nested action, no logged state.
    let inc = run(&mut s, &[r#"{"state": {"x": 0}}"#, r#"{"action": "Inc"}"#]);
    assert!(matches!(inc, Verdict::Conforms(_)), "{inc:?}");
    for label in ["Inc", "Sys", ""] {
        let action = if label.is_empty() {
            String::new()
        } else {
            format!(r#""action": "{label}", "#)
        };
        for state in [r#"{"x": 1}"#, r#"{"x": 1, "t": 0}"#] {
            let step = format!(r#"{{{action}"state": {state}}}"#);
            let v = run(&mut s, &[INIT, &step]);
            assert!(matches!(v, Verdict::Conforms(_)), "{step}: {v:?}");
        }
        // The step of another group is not one of Sys or Inc.
        let tick = format!(r#"{{{action}"state": {{"x": 0, "t": 1}}}}"#);
        let v = run(&mut s, &[INIT, &tick]);
        assert_eq!(
            matches!(v, Verdict::Conforms(_)),
            label.is_empty(),
            "{tick}"
        );
    }
    let reset = r#"{"action": "Reset", "params": {"n": 2}, "state": {"x": 0}}"#;
    let v = run(
        &mut s,
        &[INIT, r#"{"action": "Inc"}"#, r#"{"action": "Inc"}"#, reset],
    );
    assert!(matches!(v, Verdict::Conforms(_)), "{v:?}");
}

#[test]
fn the_explanation_reaches_the_innermost_false_guard() {
    let mut s = spec();
    for step in [
        r#"{"action": "Sys", "state": {"x": 0}}"#,
        r#"{"action": "Sys", "state": {"x": 0, "t": 0}}"#,
    ] {
        let v = run(&mut s, &[INIT, r#"{"action": "Inc"}"#, step]);
        let Verdict::Fails(f, _) = v else {
            panic!("{step}: {v:?}")
        };
        let reset = f.why.iter().find(|w| w.action == "Reset").expect("Reset");
        assert_eq!(reset.guards_false, 1, "{step}");
        let span = reset.conjunct.expect("a false conjunct");
        let text = &SPEC[span.start as usize..span.end as usize];
        assert_eq!(text, "x >= n", "{step}");
        // The summary's counts are those of the explanations.
        assert!(
            f.summary.contains("Reset(n = 2) (1 false guard)")
                && f.summary.contains("Inc (1 differing value)"),
            "{}",
            f.summary
        );
        let inc = f.why.iter().find(|w| w.action == "Inc").expect("Inc");
        assert_eq!((inc.guards_false, inc.distance), (0, 1));
    }
}
