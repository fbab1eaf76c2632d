//! The state machine of a spec (`evaluator::machine::Spec`): successors
//! with their paths of named operators, successors of one operator at any
//! depth, `step_holds`, and fingerprints, on a spec whose actions sit
//! under grouping operators (`Next == Sys \/ Env`).

use evaluator::machine::{state, Filter, Spec};
use evaluator::model::Model;
use evaluator::value::Value;
use parser::load::Loader;
use std::path::PathBuf;

const NESTED: &str = r#"---- MODULE Nested ----
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
Env == LET limit == 2 IN \/ Tick
                         \/ IF t = limit THEN /\ t' = 0 /\ UNCHANGED x ELSE FALSE
Next == Sys \/ Env
====
"#;

const SYMMETRIC: &str = r#"---- MODULE Sym ----
EXTENDS TLC
CONSTANTS P
VARIABLES owner
Init == owner = {}
Take(p) == /\ p \notin owner
           /\ owner' = owner \cup {p}
Next == \E p \in P : Take(p)
Perms == Permutations(P)
====
"#;

/// Lowers the module `text` (named `name`) with the config `cfg`.
fn model(name: &str, text: &str, cfg: &str) -> Model {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("machine-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(format!("{name}.tla"));
    std::fs::write(&path, text).expect("spec");
    let mut loaded = Loader::new(vec![]).load(&path).expect("loads");
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let root = loaded.root.clone().expect("root");
    let file = loaded
        .set
        .files
        .add(format!("{name}.cfg"), None, cfg.to_string());
    let cfg = parser::cfg::parse_cfg(&loaded.set.files, file).expect("cfg parses");
    let m = Model::build(&loaded.set, &root, &cfg).expect("model");
    let _ = std::fs::remove_dir_all(&dir);
    m
}

fn nested() -> Model {
    model("Nested", NESTED, "INIT Init\nNEXT Next\n")
}

fn st(x: i64, t: i64) -> Vec<Value> {
    vec![Value::Int(x), Value::Int(t)]
}

/// The names on a path, joined by `/`.
fn names(path: &[evaluator::machine::Frame]) -> String {
    path.iter()
        .map(|f| f.name.to_string())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn successors_are_labelled_with_the_whole_path_in_tlc_order() {
    let m = nested();
    let spec = Spec::new(&m);
    let inits = spec.initial_states().expect("inits");
    assert_eq!(inits.len(), 1);
    assert_eq!(&inits[0][..], &st(0, 0)[..]);
    let succ = spec.transitions(&st(2, 2), None).expect("successors");
    let got: Vec<(Vec<Value>, String)> = succ
        .iter()
        .map(|s| (s.state.to_vec(), names(&s.path)))
        .collect();
    assert_eq!(
        got,
        vec![
            (st(3, 2), "Sys/Inc".to_string()),
            (st(0, 2), "Sys/Reset".to_string()),
            (st(2, 0), "Env".to_string()),
        ]
    );
    // Reset's frame has its parameter; Inc and Reset are alternatives of
    // Sys.
    let reset = &succ[1].path[1];
    assert_eq!(reset.params, vec![("n".to_string(), Value::Int(2))]);
    assert!(reset.alternative && succ[0].path[1].alternative);
}

#[test]
fn a_filter_selects_the_steps_of_an_operator_at_any_depth() {
    let m = nested();
    let spec = Spec::new(&m);
    let of = |f: Filter| -> Vec<Vec<Value>> {
        spec.transitions(&st(3, 1), Some(&f))
            .expect("successors")
            .into_iter()
            .map(|s| s.state.to_vec())
            .collect()
    };
    assert_eq!(of(Filter::named("Inc")), Vec::<Vec<Value>>::new());
    assert_eq!(of(Filter::named("Sys")), vec![st(0, 1), st(0, 1)]);
    assert_eq!(of(Filter::named("Reset")), vec![st(0, 1), st(0, 1)]);
    let three = Filter {
        params: vec![("n".to_string(), Value::Int(3))],
        ..Filter::named("Reset")
    };
    assert_eq!(of(three), vec![st(0, 1)]);
    assert_eq!(of(Filter::named("Tick")), vec![st(3, 2)]);
    assert_eq!(of(Filter::named("Env")), vec![st(3, 2)]);
    assert_eq!(of(Filter::named("Nothing")), Vec::<Vec<Value>>::new());
}

#[test]
fn step_holds_agrees_with_the_successors_on_every_reachable_step() {
    let m = nested();
    let spec = Spec::new(&m);
    let mut seen = std::collections::HashSet::new();
    let mut todo: Vec<Vec<Value>> = spec
        .initial_states()
        .expect("inits")
        .iter()
        .map(|s| s.to_vec())
        .collect();
    let actions: Vec<String> = spec.actions().iter().map(|a| a.name.to_string()).collect();
    assert_eq!(actions, ["Sys", "Inc", "Reset", "Env", "Tick"]);
    let mut steps = 0;
    while let Some(s) = todo.pop() {
        if !seen.insert(state::fingerprint(&s)) {
            continue;
        }
        let succ = spec.transitions(&s, None).expect("successors");
        for x in &succ {
            steps += 1;
            assert!(spec.step_holds(&s, &x.state, None).expect("holds"));
            for name in &actions {
                let f = Filter::named(name.clone());
                // A step of an operator iff some path to it goes through it.
                let on_path = succ
                    .iter()
                    .any(|y| y.state == x.state && f.matches(&y.path));
                assert_eq!(
                    spec.step_holds(&s, &x.state, Some(&f)).expect("holds"),
                    on_path,
                    "{s:?} -> {:?} as {name}",
                    x.state
                );
            }
            todo.push(x.state.to_vec());
        }
        // A pair that is no step.
        let far = st(9, 9);
        assert!(!spec.step_holds(&s, &far, None).expect("holds"));
    }
    assert_eq!(seen.len(), 12);
    assert!(steps > 12);
}

#[test]
fn fingerprints_are_canonical_under_symmetry() {
    let m = model(
        "Sym",
        SYMMETRIC,
        "CONSTANTS P = {p1, p2}\nINIT Init\nNEXT Next\nSYMMETRY Perms\n",
    );
    let spec = Spec::new(&m);
    let init = spec.initial_states().expect("inits");
    let succ = spec.transitions(&init[0], None).expect("successors");
    assert_eq!(succ.len(), 2);
    let (a, b) = (&succ[0].state, &succ[1].state);
    assert_ne!(a, b);
    // Plain fingerprints tell {p1} and {p2} apart; the canonical one (over
    // the group P's permutations generate) does not.
    assert_ne!(state::fingerprint(a), state::fingerprint(b));
    assert_eq!(
        spec.fingerprint(a).expect("fp"),
        spec.fingerprint(b).expect("fp")
    );
    // Equal states, equal fingerprints; without SYMMETRY the canonical
    // fingerprint is the plain one.
    let copy: Vec<Value> = a.iter().cloned().collect();
    assert_eq!(state::fingerprint(a), state::fingerprint(&copy));
    let m = nested();
    let plain = Spec::new(&m);
    assert_eq!(
        plain.fingerprint(&st(1, 2)).expect("fp"),
        state::fingerprint(&st(1, 2))
    );
}
