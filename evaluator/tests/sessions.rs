//! Runs own their state: two explorers with different symmetry groups in
//! one process, run one after the other, at the same time, or with their
//! steps interleaved on one thread, each find their own figures (those of
//! a run alone in a fresh process).

use evaluator::explore::{Explorer, Options, Report};
use evaluator::model::Model;
use parser::load::Loader;
use std::path::PathBuf;

/// `fixtures/models/SetUpdate.tla` (set updates whose fingerprints are
/// derived incrementally, also under symmetry) with the model `cfg`.
fn model(cfg: &str) -> Model {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/models/SetUpdate.tla");
    let mut loaded = Loader::new(vec![]).load(&spec).expect("the spec loads");
    assert!(!loaded.has_errors());
    let root = loaded.root.clone().expect("a root module");
    let file = loaded.set.files.add("test.cfg", None, cfg);
    let cfg = parser::cfg::parse_cfg(&loaded.set.files, file).expect("the cfg parses");
    Model::build(&loaded.set, &root, &cfg).expect("the model builds")
}

const BODY: &str = "SPECIFICATION Spec\nINVARIANT Faithful\nCONSTRAINT Bounded\n";

/// Three model values, symmetric: TLC 2.20 finds 41,149 / 762 / 5.
fn sym3() -> Model {
    model(&format!(
        "CONSTANT M = {{m1, m2, m3}}\nSYMMETRY Sym\n{BODY}"
    ))
}

/// The same without symmetry: 172,747 / 3,199 / 5.
fn plain3() -> Model {
    model(&format!("CONSTANT M = {{m1, m2, m3}}\n{BODY}"))
}

/// Two model values, symmetric (another group): 21,106 / 469 / 5.
fn sym2() -> Model {
    model(&format!("CONSTANT M = {{m1, m2}}\nSYMMETRY Sym\n{BODY}"))
}

fn opts(workers: usize) -> Options {
    Options {
        workers,
        ..Options::default()
    }
}

fn figures(r: &Report) -> (u64, u64, u32) {
    assert!(
        matches!(r.outcome, evaluator::explore::Outcome::Ok),
        "{:?}",
        r.outcome
    );
    (r.stats.generated, r.stats.distinct, r.stats.depth)
}

const SYM3: (u64, u64, u32) = (41_149, 762, 5);
const PLAIN3: (u64, u64, u32) = (172_747, 3_199, 5);
const SYM2: (u64, u64, u32) = (21_106, 469, 5);

#[test]
fn explorers_made_together_run_one_after_the_other() {
    let (a, b, c) = (sym3(), plain3(), sym2());
    // Made before any runs: the last one made must not set the group of
    // the others.
    let ea = Explorer::new(&a, opts(2));
    let eb = Explorer::new(&b, opts(2));
    let ec = Explorer::new(&c, opts(1));
    assert_eq!(figures(&ea.run()), SYM3);
    assert_eq!(figures(&eb.run()), PLAIN3);
    assert_eq!(figures(&ec.run()), SYM2);
    assert_eq!(figures(&ea.run()), SYM3);
}

#[test]
fn explorers_with_different_groups_run_at_the_same_time() {
    let (a, c) = (sym3(), sym2());
    let ea = Explorer::new(&a, opts(2));
    let ec = Explorer::new(&c, opts(2));
    std::thread::scope(|s| {
        let ha = s.spawn(|| (0..3).map(|_| figures(&ea.run())).collect::<Vec<_>>());
        let hc = s.spawn(|| (0..3).map(|_| figures(&ec.run())).collect::<Vec<_>>());
        assert_eq!(ha.join().unwrap(), vec![SYM3; 3]);
        assert_eq!(hc.join().unwrap(), vec![SYM2; 3]);
    });
}

/// A breadth-first search by hand through `successors_of` and
/// `fingerprint`, one level of each explorer in turn on this thread: the
/// distinct states by level of each explorer.
#[test]
fn steps_of_two_explorers_interleave_on_one_thread() {
    let (a, c) = (sym3(), sym2());
    let ex = [Explorer::new(&a, opts(1)), Explorer::new(&c, opts(1))];
    let mut seen: [std::collections::HashSet<u64>; 2] = Default::default();
    let mut frontier: [Vec<Vec<evaluator::value::Value>>; 2] = Default::default();
    for (i, e) in ex.iter().enumerate() {
        for s in e.initial_states().unwrap() {
            if seen[i].insert(e.fingerprint(&s).unwrap()) {
                frontier[i].push(s.to_vec());
            }
        }
    }
    // Every state reached by at most 5 steps (the model's constraint is
    // not applied here: states with step = 5 are counted too).
    for _ in 0..5 {
        for (i, e) in ex.iter().enumerate() {
            let mut next = vec![];
            for s in &frontier[i] {
                for t in e.successors_of(s).unwrap() {
                    if seen[i].insert(e.fingerprint(&t.state).unwrap()) {
                        next.push(t.state.to_vec());
                    }
                }
            }
            frontier[i] = next;
        }
    }
    // The same search with each explorer alone.
    let alone = |m: &Model| {
        let e = Explorer::new(m, opts(1));
        let mut seen = std::collections::HashSet::new();
        let mut frontier: Vec<Vec<evaluator::value::Value>> = vec![];
        for s in e.initial_states().unwrap() {
            if seen.insert(e.fingerprint(&s).unwrap()) {
                frontier.push(s.to_vec());
            }
        }
        for _ in 0..5 {
            let mut next = vec![];
            for s in &frontier {
                for t in e.successors_of(s).unwrap() {
                    if seen.insert(e.fingerprint(&t.state).unwrap()) {
                        next.push(t.state.to_vec());
                    }
                }
            }
            frontier = next;
        }
        seen
    };
    assert_eq!(seen[0], alone(&a));
    assert_eq!(seen[1], alone(&c));
    // More than the model's distinct states: those with step = 5 too.
    assert!(seen[0].len() > SYM3.1 as usize && seen[1].len() > SYM2.1 as usize);
    assert!(seen[0].len() < PLAIN3.1 as usize);
}
