//! Golden tests of `tlatrace model` on the seed models: every `MC*.tla`
//! with a `.cfg` beside it under `specs/` (the mutants of `specs/mutants/`
//! aside, see `model_mutants.rs`) is checked with
//! `tlatrace model ... --format json --workers 2 --progress 0`, and its
//! verdict and figures are pinned in one snapshot per model.
//!
//! The figures must be TLC's: besides the snapshot, each run is compared
//! with the `Expected: N states generated, N distinct, depth N` comment of
//! its `.cfg` (the figures of `specs/README.md`, measured with TLC 2.20).
//!
//! The (2,2,3) TPaxos models take many minutes and are left to the
//! benchmark (`bench/models.sh --full`). Paxos SmallModel (about 40 s in
//! release) has a test of its own so that it runs beside the others.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Models too slow for the test suite: run by `bench/models.sh --full`.
const BENCHMARK_ONLY: &[&str] = &["MCTPaxos_2_2_3", "MCTPaxosAP_2_2_3"];

/// The model that gets a test of its own.
const PAXOS_SMALL: &str = "paxos/MCPaxosSmall.tla";

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// The verdict and the summary figures of one run.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    verdict: String,
    generated: u64,
    distinct: u64,
    left_on_queue: u64,
    depth: u64,
}

impl Figures {
    /// The snapshot text: model, verdict and figures, no timing.
    fn render(&self, model: &str) -> String {
        format!(
            "model: specs/{model}\nverdict: {}\ngenerated: {}\ndistinct: {}\nleft_on_queue: {}\ndepth: {}\n",
            self.verdict, self.generated, self.distinct, self.left_on_queue, self.depth
        )
    }
}

/// Every model under `specs/` (relative paths such as `paxos/MCVoting.tla`),
/// sorted, without `specs/mutants/`.
fn seed_models() -> Vec<String> {
    let root = specs();
    let mut out = vec![];
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "mutants" {
                    stack.push(path);
                }
            } else if name.starts_with("MC")
                && name.ends_with(".tla")
                && path.with_extension("cfg").is_file()
            {
                let rel = path.strip_prefix(&root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// Runs `tlatrace model` on `model` (relative to `specs/`) from the model's
/// folder and returns its figures.
fn run(model: &str, workers: usize) -> Figures {
    run_path(&specs().join(model), workers)
}

fn run_path(path: &Path, workers: usize) -> Figures {
    let model = path.display();
    let output = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(path.parent().unwrap())
        .args(["model", path.file_name().unwrap().to_str().unwrap()])
        .args(["--format", "json", "--progress", "0", "--workers"])
        .arg(workers.to_string())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{model}: stdout is not JSON ({e}); exit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let field = |k: &str| {
        json[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{model}: no figure `{k}` in {json}"))
    };
    let figures = Figures {
        verdict: json["verdict"].as_str().unwrap_or("?").to_string(),
        generated: field("generated"),
        distinct: field("distinct"),
        left_on_queue: field("left_on_queue"),
        depth: field("depth"),
    };
    let expected_code = if figures.verdict == "ok" { 0 } else { 1 };
    assert_eq!(
        output.status.code(),
        Some(expected_code),
        "{model}: exit code for verdict {}",
        figures.verdict
    );
    figures
}

/// TLC's figures for `model`, from the comment `Expected: 41,017 states
/// generated, 6,752 distinct, depth 16.` of its `.cfg`: (generated,
/// distinct, depth).
fn tlc_figures(model: &str) -> (u64, u64, u64) {
    let cfg = std::fs::read_to_string(specs().join(model).with_extension("cfg")).unwrap();
    let line = cfg
        .lines()
        .find(|l| l.starts_with("\\*") && l.to_lowercase().contains("expected"))
        .unwrap_or_else(|| panic!("{model}: its .cfg has no `Expected: ...` comment"));
    let after = &line[line.to_lowercase().find("expected").unwrap()..];
    let number_before = |word: &str| -> u64 {
        let end = after
            .find(word)
            .unwrap_or_else(|| panic!("{model}: no `{word}` in `{line}`"));
        let digits: String = after[..end]
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap()
            .chars()
            .filter(|c| *c != ',')
            .collect();
        digits.parse().unwrap()
    };
    let depth_at = after.find("depth ").unwrap() + "depth ".len();
    let depth: String = after[depth_at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    (
        number_before(" states generated"),
        number_before(" distinct"),
        depth.parse().unwrap(),
    )
}

/// Checks one model against TLC's figures and its snapshot.
fn check(model: &str) {
    let figures = run(model, 2);
    let (generated, distinct, depth) = tlc_figures(model);
    let tlc = Figures {
        verdict: "ok".into(),
        generated,
        distinct,
        left_on_queue: 0,
        depth,
    };
    assert_eq!(figures, tlc, "{model}: tlatrace (left) differs from TLC");
    let name = model.trim_end_matches(".tla").replace('/', "__");
    insta::assert_snapshot!(name, figures.render(model));
}

#[test]
fn seed_models_reproduce_tlc() {
    let models = seed_models();
    for known in ["paxos/MCVoting.tla", "paxos/MCPaxosTiny.tla", PAXOS_SMALL] {
        assert!(models.iter().any(|m| m == known), "{known} not found");
    }
    let mut checked = 0;
    for model in &models {
        let stem = model.rsplit('/').next().unwrap().trim_end_matches(".tla");
        if model == PAXOS_SMALL || BENCHMARK_ONLY.contains(&stem) {
            continue;
        }
        check(model);
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} models checked");
}

#[test]
fn paxos_small_reproduces_tlc() {
    check(PAXOS_SMALL);
}

#[test]
fn figures_do_not_depend_on_workers() {
    // Symmetry, a CHOOSE and a refinement property: the model where the
    // order in which workers commit states matters most.
    let model = "tpaxos/MCTPaxosWithVotes_2_2_2.tla";
    assert_eq!(run(model, 1), run(model, 2), "{model}: 1 worker vs 2");
}

/// The model checker caches the expensive parts of `Next` by their inputs
/// (`evaluator/src/inputs.rs`). `fixtures/models/CacheScopes.tla` reads
/// names bound outside its EXCEPTs in every way the IR binds them, and its
/// invariant fails if a step's new value is the one of other arguments (a
/// cache keyed on too few inputs): leaving the frame slots, the LET
/// definitions or a LAMBDA's captured names out of the key makes it fail
/// (each tried by hand). Figures of TLC 2.20 on the same model.
#[test]
fn action_caches_key_on_every_input() {
    check_fixture_model("CacheScopes", (31_129, 1_297, 5));
}

/// The model checker also caches the LET definitions of an action that
/// build values (a message to send) by their inputs, which may include the
/// next state. `fixtures/models/LetCaches.tla` sends messages that read a
/// parameter, a quantified name, an outer LET, a name bound inside and a
/// next state that the other inputs do not determine; its invariant fails
/// if a message is the one of another step (leaving the next state or the
/// frame slots out of the key makes it fail, each tried by hand). An IF
/// condition that reads the next state is cached too, and checked the same
/// way (with the LET caches off, leaving the next state out of its key
/// makes the invariant fail). Figures of TLC 2.20 on the same model.
#[test]
fn let_caches_key_on_every_input() {
    check_fixture_model("LetCaches", (16_893, 1_729, 7));
}

/// `(S \ {a}) \cup {b, c}` and the like are built in one pass over S,
/// their fingerprints derived from S's (`Ctx::set_update`).
/// `fixtures/models/SetUpdate.tla` builds sets both ways, of numbers and
/// of tuples of symmetric model values; a wrong derived fingerprint gives
/// more distinct states than TLC (leaving the removed elements out of the
/// permuted sums gave 78,301 / 1,450, tried by hand). Figures of TLC 2.20.
#[test]
fn set_updates_keep_fingerprints() {
    check_fixture_model("SetUpdate", (41_149, 762, 5));
}

/// Runs `fixtures/models/NAME.tla` with 1 and 2 workers: no error, and
/// TLC 2.20's (generated, distinct, depth).
fn check_fixture_model(name: &str, tlc: (u64, u64, u64)) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/models")
        .join(format!("{name}.tla"));
    for workers in [1, 2] {
        let f = run_path(&path, workers);
        assert_eq!(f.verdict, "ok", "{name}, {workers} workers");
        assert_eq!(
            (f.generated, f.distinct, f.depth),
            tlc,
            "{name}, {workers} workers: TLC 2.20 gives (generated, distinct, depth) = {tlc:?}"
        );
    }
}

/// TLC takes `f[a]` in an action, for a function defined by `f[x \in S]
/// == body` (in a LET or at the top of a module), as the steps of body at
/// x = a: its `\/` and `\E` branch and are counted
/// (`fixtures/models/LazyFunction.tla`; Lamport's `byzpaxos/VoteProof`
/// guards its votes with such a `SafeAt`). Figures of TLC 2.20; evaluating
/// `f[a]` as a plain condition gives 88 generated.
#[test]
fn functions_defined_in_let_are_steps_when_applied() {
    check_fixture_model("LazyFunction", (277, 21, 5));
}

/// An expression substituted for a variable (`INSTANCE M WITH v <- [q \in
/// S |-> ...]`) binds names of its own; used inside an instanced action
/// that binds names too (`\E p \in S : v'[p] = ...`), they must not share
/// frame slots (`fixtures/models/SubstBinders.tla`: sharing them reported
/// the refinement property violated at step 1, as on tlaplus/Examples'
/// barriers/Barriers). Figures of TLC 2.20.
#[test]
fn substituted_expressions_bind_their_own_slots() {
    check_fixture_model("SubstBinders", (169, 68, 13));
}

/// A top-level RECURSIVE operator used in Init and Next, also on primed
/// arguments (`total' = Sum(seq')`): while a definition is inlined, a
/// recursive call to it is a call (`fixtures/models/RecursiveInit.tla`;
/// refused before as "recursive through an action", as on tlaplus/Examples'
/// SingleLaneBridge). Figures of TLC 2.20.
#[test]
fn recursive_operators_in_init_and_next() {
    check_fixture_model("RecursiveInit", (63, 63, 3));
}
