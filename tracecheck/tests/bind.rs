//! Variables bound inside an action, logged next to its parameters: the
//! `m` of `\E m \in inbox` in `Recv(n)` restricts that `\E` to the logged
//! value (a record may leave fields out), in the candidate sets, on the
//! full-state fast path and in the explanations; a logged value the set
//! does not have is the failure, at the quantifier's set.

use evaluator::model::Model;
use parser::load::{Loaded, Loader};
use std::collections::HashSet;
use std::path::PathBuf;
use tracecheck::event::{read_trace, Decoder, Event, Mapping};
use tracecheck::replay::{Checker, Options, Verdict};

const SPEC: &str = r#"---- MODULE Bind ----
EXTENDS Naturals
CONSTANTS N1, N2
VARIABLES inbox, got
Node == {N1, N2}
Init == /\ inbox = {[from |-> N1, v |-> 1], [from |-> N2, v |-> 2],
                    [from |-> N2, v |-> 3]}
        /\ got = [n \in Node |-> 0]
Recv(n) == \E m \in inbox :
             /\ m.from # n
             /\ got' = [got EXCEPT ![n] = m.v]
             /\ inbox' = inbox \ {m}
Ping(n) == /\ \A k \in Node : \E j \in {1, 2} : j > 0
           /\ UNCHANGED <<inbox, got>>
Next == \E n \in Node : Recv(n) \/ Ping(n)
====
"#;

const CFG: &str = "CONSTANTS N1 = N1 N2 = N2\nINIT Init\nNEXT Next\n";

struct Spec {
    loaded: Loaded,
    model: Model,
}

fn spec() -> Spec {
    // A folder per call: the tests run in parallel.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bind-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("Bind.tla");
    std::fs::write(&path, SPEC).expect("spec");
    std::fs::write(dir.join("Bind.cfg"), CFG).expect("cfg");
    let mut loaded = Loader::new(vec![]).load(&path).expect("loads");
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let root = loaded.root.clone().expect("root");
    let file = loaded
        .set
        .files
        .add("Bind.cfg".to_string(), None, CFG.to_string());
    let cfg = parser::cfg::parse_cfg(&loaded.set.files, file).expect("cfg parses");
    let model = Model::build(&loaded.set, &root, &cfg).expect("model");
    let _ = std::fs::remove_dir_all(&dir);
    Spec { loaded, model }
}

/// The events of a JSON Lines text.
fn events(s: &mut Spec, text: &str) -> Vec<Event> {
    let names: HashSet<String> = ["N1", "N2"].iter().map(|s| s.to_string()).collect();
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

fn run(s: &mut Spec, text: &str, max_hidden: usize) -> Verdict {
    let evs = events(s, text);
    let opts = Options {
        max_hidden,
        ..Options::default()
    };
    let checker = Checker::new(&s.model, opts);
    checker.validate(&evs).expect("valid events");
    checker.run(&evs)
}

const INIT: &str = r#"{"state": {"got": {"N1": 0, "N2": 0}}}"#;

fn peak(v: &Verdict) -> usize {
    match v {
        Verdict::Conforms(s) => s.peak_candidates,
        other => panic!("expected a conforming trace: {other:?}"),
    }
}

#[test]
fn the_variables_bound_inside_each_action_are_known() {
    let s = spec();
    let inner = tracecheck::bind::inner_names_by_action(&evaluator::machine::Spec::new(&s.model));
    let of = |a: &str| inner.iter().find(|(n, _)| n == a).map(|(_, v)| v.clone());
    assert_eq!(of("Recv"), Some(vec!["m".to_string()]));
    // `\E j` under `\A k` is a condition, not a binding of Ping.
    assert_eq!(of("Ping"), Some(vec![]));
}

#[test]
fn a_logged_binding_restricts_the_candidates() {
    let mut s = spec();
    // N1 receives one of N2's two messages: without `m`, two candidates.
    let text = format!(
        "{INIT}\n{}\n",
        r#"{"action": "Recv", "params": {"n": "N1"}}"#
    );
    assert_eq!(peak(&run(&mut s, &text, 0)), 2);
    // With the whole message, or only the field that tells them apart
    // (the fields left out are not compared), one.
    for m in [r#"{"from": "N2", "v": 3}"#, r#"{"v": 3}"#] {
        let text = format!(
            "{INIT}\n{{\"action\": \"Recv\", \"params\": {{\"n\": \"N1\", \"m\": {m}}}}}\n"
        );
        assert_eq!(peak(&run(&mut s, &text, 0)), 1, "{m}");
    }
    // The state it leads to is the one of that message.
    let text = format!(
        "{INIT}\n{}\n",
        r#"{"action": "Recv", "params": {"n": "N1", "m": {"v": 3}}, "at": [{"var": "got", "path": ["N1"], "value": 2}]}"#
    );
    assert!(matches!(run(&mut s, &text, 0), Verdict::Fails(..)));
}

#[test]
fn full_states_are_checked_against_the_logged_binding() {
    let mut s = spec();
    let full = |m: &str| {
        format!(
            "{}\n{{\"action\": \"Recv\", \"params\": {{\"n\": \"N1\", \"m\": {m}}}, \"state\": {{\"got\": {{\"N1\": 3, \"N2\": 0}}, \"inbox\": {{\"#set\": [{{\"from\": \"N1\", \"v\": 1}}, {{\"from\": \"N2\", \"v\": 2}}]}}}}}}\n",
            r##"{"state": {"got": {"N1": 0, "N2": 0}, "inbox": {"#set": [{"from": "N1", "v": 1}, {"from": "N2", "v": 2}, {"from": "N2", "v": 3}]}}}"##
        )
    };
    match run(&mut s, &full(r#"{"v": 3}"#), 0) {
        Verdict::Conforms(sum) => assert_eq!(sum.fast_path, 1),
        other => panic!("{other:?}"),
    }
    // The same step, logged as consuming the other message: no.
    assert!(matches!(
        run(&mut s, &full(r#"{"v": 2}"#), 0),
        Verdict::Fails(..)
    ));
}

#[test]
fn a_logged_value_the_set_does_not_have_is_the_failure() {
    let mut s = spec();
    let text = format!(
        "{INIT}\n{}\n",
        r#"{"action": "Recv", "params": {"n": "N1", "m": {"from": "N2", "v": 9}}}"#
    );
    let Verdict::Fails(f, _) = run(&mut s, &text, 0) else {
        panic!("a message never sent was consumed");
    };
    assert_eq!(f.index, 1);
    let w = &f.why[0];
    assert_eq!(w.action, "Recv");
    let span = w.conjunct.expect("the quantifier's set");
    assert_eq!(s.loaded.set.files.slice(span), "inbox");
    let msg = w.message.as_deref().unwrap_or_default();
    assert!(msg.contains("the logged `m` is not in the set"), "{msg}");
    assert!(w
        .bindings
        .iter()
        .any(|(n, v)| n == "m" && v.to_string().contains("v |-> 9")));
    // The set's value is shown.
    assert!(w
        .values
        .iter()
        .any(|(sp, v)| *sp == span && v.contains("v |-> 2")));
}

#[test]
fn a_logged_value_that_fails_a_guard_names_the_guard() {
    let mut s = spec();
    // N1's own message: in the inbox, but `m.from # n` is false.
    let text = format!(
        "{INIT}\n{}\n",
        r#"{"action": "Recv", "params": {"n": "N1", "m": {"from": "N1", "v": 1}}}"#
    );
    let Verdict::Fails(f, _) = run(&mut s, &text, 0) else {
        panic!("a guard is false");
    };
    let span = f.why[0].conjunct.expect("a conjunct");
    assert_eq!(s.loaded.set.files.slice(span), "m.from # n");
}

#[test]
fn hidden_steps_are_not_restricted_by_the_events_binding() {
    let mut s = spec();
    // N2 consumed N1's message in a step the log does not show, then N1
    // consumes N2's message of value 3.
    let text = format!(
        "{INIT}\n{}\n",
        r#"{"action": "Recv", "params": {"n": "N1", "m": {"v": 3}}, "at": [{"var": "got", "path": ["N2"], "value": 1}]}"#
    );
    assert!(matches!(run(&mut s, &text, 0), Verdict::Fails(..)));
    assert_eq!(peak(&run(&mut s, &text, 1)), 1);
}

#[test]
fn an_unknown_name_is_an_input_error_listing_both_kinds() {
    let mut s = spec();
    let text = format!("{INIT}\n{}\n", r#"{"action": "Recv", "params": {"x": 1}}"#);
    let evs = events(&mut s, &text);
    // `j` is bound under `\A` in Ping: not a binding of the action.
    let text = format!("{INIT}\n{}\n", r#"{"action": "Ping", "params": {"j": 1}}"#);
    let ping = events(&mut s, &text);
    let checker = Checker::new(&s.model, Options::default());
    let (i, msg) = checker.validate(&evs).expect_err("x is unknown");
    assert_eq!(i, 1);
    assert!(msg.contains("its parameters: n"), "{msg}");
    assert!(msg.contains("the variables bound inside it: m"), "{msg}");
    assert!(checker.validate(&ping).is_err());
}

#[test]
fn unchanged_on_the_first_event_is_allowed_and_says_no_step() {
    let mut s = spec();
    // Every variable unchanged: not a step, so not Recv.
    let text = format!(
        "{}\n{}\n",
        r#"{"at": [{"var": "got", "path": ["N1"], "value": 0}], "unchanged": ["got", "inbox"]}"#,
        r#"{"at": [{"var": "got", "path": ["N2"], "value": 0}], "unchanged": ["got", "inbox"]}"#
    );
    assert_eq!(peak(&run(&mut s, &text, 0)), 1);
    // Without `unchanged`, the second event may be any step that keeps
    // got[N2] (N1 receiving one of two messages) or none.
    let text = format!(
        "{}\n{}\n",
        r#"{"at": [{"var": "got", "path": ["N1"], "value": 0}]}"#,
        r#"{"at": [{"var": "got", "path": ["N2"], "value": 0}]}"#
    );
    assert_eq!(peak(&run(&mut s, &text, 0)), 3);
}
