//! Golden tests of `tlatrace check` on the trace fixtures of
//! `fixtures/traces/` (see its `make.py` and docs/trace-format.md).
//!
//! Every case of `fixtures/traces/cases.json` is run from the workspace
//! root (so that paths in the reports are relative); its exit code, the
//! event it fails at, the lines its report must have and the text it must
//! not have are checked, and the rendered report (stderr, then stdout,
//! timings stripped) is pinned in
//! `snapshots/check_golden__<case>.snap`, with `--format json` beside it for
//! the cases marked `json`. A case marked `known_bug` is a report tlatrace
//! gets wrong: the test checks that it is still wrong (and fails when it is
//! fixed, so that the mark is removed and the snapshot taken).
//!
//! Then random behaviours: 50 behaviours of each of Paxos (TinyModel) and
//! TPaxos (2,2,2) from `tlatrace simulate`, as JSON Lines and as ITF, must
//! all conform; each with one value of one event corrupted must be
//! rejected at that event.
//!
//! Then unseen traces: behaviours of Paxos and TPaxos written by TLC, as
//! ITF, with variables removed and one step corrupted
//! (`fixtures/traces/unseen/`, see `unseen.py`): the verdict and the event
//! must be those TLC gives, and the report must name the step TLC took
//! there.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

fn fixtures() -> PathBuf {
    root().join("fixtures/traces")
}

/// Runs `tlatrace ARGS` from the workspace root.
fn tlatrace(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(root())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Replaces `in 0.012s` (human) and `"seconds": 0.012` (JSON) so that
/// reports do not depend on timing, and the workspace path by `.`.
fn normalize(text: &str) -> String {
    let root = root().display().to_string();
    let text = text.replace(&root, ".");
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut l = line.to_string();
        if let Some(i) = l.find("\"seconds\": ") {
            l = format!("{}\"seconds\": \"<time>\"", &l[..i]);
            if line.trim_end().ends_with(',') {
                l.push(',');
            }
        }
        while let Some(i) = l.find(" in 0.").or_else(|| l.find(" in 1.")) {
            let rest = &l[i + 4..];
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            if !rest[end..].starts_with('s') {
                break;
            }
            l = format!("{} in <time>{}", &l[..i], &rest[end..]);
        }
        out.push_str(l.trim_end());
        out.push('\n');
    }
    out
}

/// One case of `cases.json`.
struct Case {
    name: String,
    about: String,
    args: Vec<String>,
    exit: i32,
    fails_at: Option<String>,
    expect: Vec<Vec<String>>,
    reject: Vec<String>,
    json: bool,
    known_bug: Option<String>,
    traces: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(fixtures().join("cases.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let strs = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let traces = strs(&c["traces"]);
            let mut args = vec!["check".to_string(), c["spec"].as_str().unwrap().to_string()];
            args.extend(traces.iter().map(|t| format!("fixtures/traces/{t}")));
            if let Some(cfg) = c["config"].as_str() {
                args.extend(["--config".to_string(), cfg.to_string()]);
            }
            args.extend(strs(&c["args"]));
            Case {
                name: c["name"].as_str().unwrap().to_string(),
                about: c["about"].as_str().unwrap_or("").to_string(),
                args,
                exit: c["exit"].as_i64().unwrap() as i32,
                fails_at: c["fails_at"].as_str().map(str::to_string),
                expect: c["expect"]
                    .as_array()
                    .map(|a| a.iter().map(strs).collect())
                    .unwrap_or_default(),
                reject: strs(&c["reject"]),
                json: c["json"].as_bool().unwrap_or(false),
                known_bug: c["known_bug"].as_str().map(str::to_string),
                traces,
            }
        })
        .collect()
}

/// What is wrong with a run of `case` (empty: nothing).
fn problems(case: &Case, code: Option<i32>, report: &str) -> Vec<String> {
    let mut out = vec![];
    if code != Some(case.exit) {
        out.push(format!("exit code {code:?}, expected {}", case.exit));
    }
    if let Some(at) = &case.fails_at {
        let line = report
            .lines()
            .find(|l| l.contains("does NOT conform: event "));
        match line {
            Some(l) if l.contains(&format!("({at})")) => {}
            Some(l) => out.push(format!("fails elsewhere than {at}: {l}")),
            None => out.push(format!("no failure reported (expected at {at})")),
        }
    }
    for parts in &case.expect {
        if !report
            .lines()
            .any(|l| parts.iter().all(|p| l.contains(p.as_str())))
        {
            out.push(format!("no line of the report has all of {parts:?}"));
        }
    }
    for r in &case.reject {
        if report.contains(r.as_str()) {
            out.push(format!("the report has {r:?}"));
        }
    }
    out
}

#[test]
fn golden_cases() {
    let mut failures = vec![];
    for case in cases() {
        let out = tlatrace(&case.args);
        let report = normalize(&format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        ));
        let problems = problems(&case, out.status.code(), &report);
        match (&case.known_bug, problems.is_empty()) {
            (None, false) => failures.push(format!(
                "{}: {}\n--- report:\n{report}",
                case.name,
                problems.join("; ")
            )),
            (Some(bug), true) => failures.push(format!(
                "{}: the known bug is fixed ({bug}): remove `known_bug` from cases.json and review the snapshot",
                case.name
            )),
            (Some(_), false) => {}
            (None, true) => {
                let snap = format!(
                    "{}\n$ tlatrace {}\nexit: {}\n\n{report}",
                    case.about,
                    case.args.join(" "),
                    case.exit
                );
                insta::assert_snapshot!(case.name.clone(), snap);
                if case.json {
                    let mut args = case.args.clone();
                    args.extend(["--format".to_string(), "json".to_string()]);
                    let out = tlatrace(&args);
                    assert_eq!(out.status.code(), Some(case.exit), "{} --format json", case.name);
                    let text = String::from_utf8_lossy(&out.stdout);
                    let doc: Value = serde_json::from_str(&text)
                        .unwrap_or_else(|e| panic!("{}: --format json is not JSON: {e}", case.name));
                    let expected = match case.exit {
                        0 => "conforms",
                        1 => "fails",
                        _ => "input-error",
                    };
                    assert_eq!(doc["verdict"], json!(expected), "{}", case.name);
                    insta::assert_snapshot!(format!("{}__json", case.name), normalize(&text));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every trace file under fixtures/traces/ is used by some case (of
/// cases.json or of unseen/cases.json).
#[test]
fn every_fixture_is_a_case() {
    let mut used: Vec<String> = cases().into_iter().flat_map(|c| c.traces).collect();
    used.extend(unseen_cases().into_iter().map(|c| c.trace));
    let mut stack = vec![fixtures()];
    let mut missing = vec![];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(fixtures())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let is_trace = rel.ends_with(".jsonl")
                || rel.ends_with(".itf.json")
                || rel.ends_with("-dump.json");
            if is_trace && !used.contains(&rel) {
                missing.push(rel);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fixtures used by no case of cases.json: {missing:?}"
    );
}

/// The examples of docs/trace-format.md are the files of
/// fixtures/traces/doc/ (so that they are checked by the cases above): each
/// code block after a `<!-- file: PATH -->` line shows PATH as it is.
#[test]
fn doc_examples_are_fixtures() {
    let doc = std::fs::read_to_string(root().join("docs/trace-format.md")).unwrap();
    let mut shown = 0;
    let mut lines = doc.lines();
    while let Some(l) = lines.next() {
        let Some(path) = l
            .trim()
            .strip_prefix("<!-- file: ")
            .and_then(|r| r.strip_suffix(" -->"))
        else {
            continue;
        };
        let fence = lines.next().unwrap_or("");
        assert!(fence.starts_with("```"), "no code block after {l}");
        let mut block = String::new();
        for b in lines.by_ref() {
            if b.starts_with("```") {
                break;
            }
            block.push_str(b);
            block.push('\n');
        }
        let file =
            std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(
            block, file,
            "docs/trace-format.md shows {path} otherwise than it is"
        );
        shown += 1;
    }
    assert!(shown >= 6, "only {shown} example files shown");
}

// ---------------------------------------------------------------------------
// Random behaviours

/// A model, and how to corrupt one value of a state of it.
struct Model {
    spec: &'static str,
    depth: usize,
    /// The function-valued variables whose entries may be corrupted, and
    /// the values of the right type for their leaves.
    kind: Kind,
}

enum Kind {
    /// maxBal, maxVBal: acceptor -> ballot; maxVal: acceptor -> value.
    Paxos,
    /// state[p][q].maxBal, .maxVBal, .maxVVal.
    TPaxos,
}

const PAXOS: Model = Model {
    spec: "specs/paxos/MCPaxosTiny.tla",
    depth: 30,
    kind: Kind::Paxos,
};

const TPAXOS: Model = Model {
    spec: "specs/tpaxos/MCTPaxos_2_2_2.tla",
    depth: 25,
    kind: Kind::TPaxos,
};

const RUNS: usize = 50;

/// Writes `RUNS` random behaviours of `spec` into `dir` and returns their
/// paths.
fn simulate(spec: &str, depth: usize, seed: u64, itf: bool, dir: &Path) -> Vec<PathBuf> {
    let mut args: Vec<String> = ["simulate", spec, "--runs"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend([
        RUNS.to_string(),
        "--depth".into(),
        depth.to_string(),
        "--seed".into(),
        seed.to_string(),
        "--out".into(),
        dir.display().to_string(),
    ]);
    if itf {
        args.push("--itf".into());
    }
    let out = tlatrace(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        RUNS,
        "{spec}: simulate wrote {} files",
        files.len()
    );
    files
}

/// `tlatrace check SPEC TRACE --format json`: (exit code, report).
fn check_json(spec: &str, trace: &Path) -> (Option<i32>, Value) {
    let out = tlatrace(&[
        "check".into(),
        spec.into(),
        trace.display().to_string(),
        "--format".into(),
        "json".into(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let doc = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}):\n{text}\n{}",
            trace.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), doc)
}

/// The states of a trace file (JSON Lines `state` or ITF `states`), with
/// the logged action's parameters when there are any.
fn states(text: &str, itf: bool) -> Vec<(Value, Option<Value>)> {
    if itf {
        let doc: Value = serde_json::from_str(text).unwrap();
        doc["states"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s.clone(), None))
            .collect()
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let e: Value = serde_json::from_str(l).unwrap();
                (e["state"].clone(), e.get("params").cloned())
            })
            .collect()
    }
}

/// A small deterministic generator.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The node whose state a step changes: the one named by the logged
/// parameters, else the only one whose entries differ.
fn actor(model: &Model, prev: &Value, cur: &Value, params: Option<&Value>) -> Option<Vec<String>> {
    let (names, vars): (Vec<&str>, Vec<&str>) = match model.kind {
        Kind::Paxos => (vec!["a1", "a2", "a3"], vec!["maxBal", "maxVBal", "maxVal"]),
        Kind::TPaxos => (vec!["p1", "p2"], vec!["state"]),
    };
    if let Some(p) = params {
        for key in ["a", "p", "q"] {
            if let Some(n) = p[key].as_str() {
                return Some(vec![n.to_string()]);
            }
        }
        // Phase1a / Phase2a: no acceptor acts.
        return Some(vec![]);
    }
    let changed: Vec<String> = names
        .iter()
        .filter(|n| vars.iter().any(|v| prev[*v][**n] != cur[*v][**n]))
        .map(|n| n.to_string())
        .collect();
    // No change: the actor cannot be told, so no value is safe to corrupt
    // for TPaxos (Paxos actions never leave an acceptor's entries to an
    // unlogged change, see below).
    match (changed.len(), &model.kind) {
        (0, Kind::TPaxos) => None,
        _ => Some(changed),
    }
}

/// Corrupts one leaf value of `state` belonging to a node not in `actors`,
/// to another value of the same type. Why the result is never a step of the
/// spec: every action of Paxos changes only the entries of its own acceptor
/// (Phase1b, Phase2b) or none (Phase1a, Phase2a), and every action of
/// TPaxos changes only its own participant's view; a changed entry of
/// another node cannot come from the logged action (and, for Paxos, no
/// action changes one acceptor's entry without also sending a new message,
/// which the unchanged msgs rules out).
fn corrupt(model: &Model, state: &mut Value, actors: &[String], rng: &mut Rng) -> Option<String> {
    let nodes: Vec<&str> = match model.kind {
        Kind::Paxos => vec!["a1", "a2", "a3"],
        Kind::TPaxos => vec!["p1", "p2"],
    };
    let free: Vec<&str> = nodes
        .into_iter()
        .filter(|n| !actors.iter().any(|a| a == n))
        .collect();
    if free.is_empty() {
        return None;
    }
    let n = free[rng.below(free.len())];
    let ballots_paxos = [json!(-1), json!(0), json!(1)];
    let ballots_tpaxos = [json!(-1), json!(1), json!(2)];
    let values = [json!("v1"), json!("v2"), json!("None")];
    let (slot, choices): (&mut Value, &[Value]) = match model.kind {
        Kind::Paxos => {
            let var = ["maxBal", "maxVBal", "maxVal"][rng.below(3)];
            let choices: &[Value] = if var == "maxVal" {
                &values
            } else {
                &ballots_paxos
            };
            (&mut state[var][n], choices)
        }
        Kind::TPaxos => {
            let q = ["p1", "p2"][rng.below(2)];
            let field = ["maxBal", "maxVBal", "maxVVal"][rng.below(3)];
            let choices: &[Value] = if field == "maxVVal" {
                &values
            } else {
                &ballots_tpaxos
            };
            (&mut state["state"][n][q][field], choices)
        }
    };
    let others: Vec<&Value> = choices.iter().filter(|c| *c != slot).collect();
    let old = slot.clone();
    *slot = others[rng.below(others.len())].clone();
    Some(format!("{n}: {old} -> {slot}"))
}

/// Writes `trace` with event `i` replaced by `state`.
fn rewrite(text: &str, itf: bool, i: usize, state: &Value) -> String {
    if itf {
        let mut doc: Value = serde_json::from_str(text).unwrap();
        doc["states"][i] = state.clone();
        serde_json::to_string_pretty(&doc).unwrap()
    } else {
        let mut out = String::new();
        for (k, l) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            let mut e: Value = serde_json::from_str(l).unwrap();
            if k == i {
                e["state"] = state.clone();
            }
            out.push_str(&e.to_string());
            out.push('\n');
        }
        out
    }
}

fn random_behaviours(model: &Model, itf: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let files = simulate(model.spec, model.depth, 17, itf, &tmp.path().join("runs"));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bad = vec![];
    for (run, f) in files.iter().enumerate() {
        let (code, doc) = check_json(model.spec, f);
        if code != Some(0) || doc["verdict"] != json!("conforms") {
            bad.push(format!("{}: not accepted: {doc}", f.display()));
            continue;
        }
        // One corrupted value of one event (the initial state included).
        let text = std::fs::read_to_string(f).unwrap();
        let sts = states(&text, itf);
        let mut done = None;
        for _ in 0..20 {
            let i = rng.below(sts.len());
            let mut st = sts[i].0.clone();
            let actors = if i == 0 {
                Some(vec![])
            } else {
                actor(model, &sts[i - 1].0, &sts[i].0, sts[i].1.as_ref())
            };
            let Some(actors) = actors else { continue };
            if let Some(what) = corrupt(model, &mut st, &actors, &mut rng) {
                done = Some((i, what, st));
                break;
            }
        }
        let (i, what, st) = done.expect("no event could be corrupted");
        let path = tmp.path().join(format!(
            "corrupt-{run}.{}",
            if itf { "itf.json" } else { "jsonl" }
        ));
        std::fs::write(&path, rewrite(&text, itf, i, &st)).unwrap();
        let (code, doc) = check_json(model.spec, &path);
        let at = doc["event"]["index"].as_u64();
        if code != Some(1) || doc["verdict"] != json!("fails") || at != Some(i as u64 + 1) {
            let keep = std::env::temp_dir().join(format!(
                "check_golden-{}-{run}.{}",
                model.spec.rsplit('/').next().unwrap(),
                if itf { "itf.json" } else { "jsonl" }
            ));
            let _ = std::fs::copy(&path, &keep);
            bad.push(format!(
                "{}: event {} corrupted ({what}), exit {code:?}, reported at {at:?} (kept as {})",
                f.display(),
                i + 1,
                keep.display()
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn paxos_random_behaviours_jsonl() {
    random_behaviours(&PAXOS, false);
}

#[test]
fn paxos_random_behaviours_itf() {
    random_behaviours(&PAXOS, true);
}

#[test]
fn tpaxos_random_behaviours_jsonl() {
    random_behaviours(&TPAXOS, false);
}

#[test]
fn tpaxos_random_behaviours_itf() {
    random_behaviours(&TPAXOS, true);
}

/// With two participants and ballots 1..2, TPaxos and TPaxosAP have the
/// same behaviours (accepting before promising only differs when a message
/// shows a promise above a proposal that the receiver has not accepted,
/// which needs a third ballot): so the trace that tells them apart
/// (tpaxos/accept-before-promise.jsonl) uses the (2,2,3) models, and here
/// every behaviour of each at (2,2,2) is one of the other.
#[test]
fn tpaxos_and_tpaxos_ap_agree_at_2_2_2() {
    let tmp = tempfile::tempdir().unwrap();
    let pairs = [
        (
            "specs/tpaxos/MCTPaxosAP_2_2_2.tla",
            "specs/tpaxos/MCTPaxos_2_2_2.tla",
        ),
        (
            "specs/tpaxos/MCTPaxos_2_2_2.tla",
            "specs/tpaxos/MCTPaxosAP_2_2_2.tla",
        ),
    ];
    let mut bad = vec![];
    for (k, (from, to)) in pairs.iter().enumerate() {
        let files = simulate(from, 25, 23, false, &tmp.path().join(k.to_string()));
        for f in files {
            let (code, doc) = check_json(to, &f);
            if code != Some(0) {
                bad.push(format!("{} ({from}) against {to}: {doc}", f.display()));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

// ---------------------------------------------------------------------------
// Unseen traces (fixtures/traces/unseen/, written by unseen.py --sample)

/// One case of `unseen/cases.json`.
struct Unseen {
    spec: String,
    trace: String,
    remove: Vec<String>,
    corrupt: Value,
    verdict: String,
    event: Option<u64>,
    actions: Vec<(String, Value)>,
}

fn unseen_cases() -> Vec<Unseen> {
    let text = std::fs::read_to_string(fixtures().join("unseen/cases.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Unseen {
            spec: c["spec"].as_str().unwrap().to_string(),
            trace: c["trace"].as_str().unwrap().to_string(),
            remove: c["remove"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect(),
            corrupt: c["corrupt"].clone(),
            verdict: c["verdict"].as_str().unwrap().to_string(),
            event: c["event"].as_u64(),
            actions: c["actions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| (x[0].as_str().unwrap().to_string(), x[1].clone()))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// The ITF document of a case: its variables removed, its corruption
/// applied (as unseen.py's `apply`).
fn unseen_doc(case: &Unseen) -> Value {
    let text = std::fs::read_to_string(fixtures().join(&case.trace)).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    for st in doc["states"].as_array_mut().unwrap() {
        for v in &case.remove {
            st.as_object_mut().unwrap().remove(v);
        }
    }
    if let Some(vars) = doc["vars"].as_array_mut() {
        vars.retain(|v| !case.remove.iter().any(|r| v == r));
    }
    let c = &case.corrupt;
    if c.is_null() {
        return doc;
    }
    let k = c["state"].as_u64().unwrap() as usize;
    match c["kind"].as_str().unwrap() {
        "value" => {
            let at = doc.pointer_mut(c["pointer"].as_str().unwrap()).unwrap();
            *at = c["value"].clone();
        }
        kind => {
            let states = doc["states"].as_array_mut().unwrap();
            match kind {
                "swap" => states.swap(k, k + 1),
                "drop" => {
                    states.remove(k);
                }
                "dup" => {
                    let s = states[k].clone();
                    states.insert(k, s);
                }
                other => panic!("unknown corruption {other}"),
            }
        }
    }
    doc
}

/// The steps a report names: the closest one, or the N equally close ones
/// ("N actions are equally close" in the summary), as (action, bindings).
fn named_steps(report: &Value) -> Vec<(String, Vec<(String, String)>)> {
    let summary = report["summary"].as_str().unwrap_or("");
    let tied = summary
        .find(" actions are equally close")
        .and_then(|i| summary[..i].rsplit("; ").next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1);
    report["why"]
        .as_array()
        .map(|why| {
            why.iter()
                .take(tied)
                .map(|w| {
                    let bindings = w["bindings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|b| {
                            (
                                b["name"].as_str().unwrap().to_string(),
                                b["value"].as_str().unwrap().to_string(),
                            )
                        })
                        .collect();
                    (w["action"].as_str().unwrap().to_string(), bindings)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn unseen_traces() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = unseen_cases();
    assert!(cases.len() >= 100, "only {} unseen cases", cases.len());
    let mut bad = vec![];
    let (mut alone, mut tied, mut failures) = (0, 0, 0);
    for (n, case) in cases.iter().enumerate() {
        let path = tmp.path().join(format!("{n}.itf.json"));
        std::fs::write(&path, unseen_doc(case).to_string()).unwrap();
        let (code, report) = check_json(&case.spec, &path);
        let what = format!(
            "{} without {:?}, corrupted {}",
            case.trace, case.remove, case.corrupt
        );
        let at = report["event"]["index"].as_u64();
        if report["verdict"] != json!(case.verdict) || (case.verdict == "fails" && at != case.event)
        {
            bad.push(format!(
                "{what}: TLC says {} at {:?}, tlatrace {} at {at:?} (exit {code:?})",
                case.verdict, case.event, report["verdict"]
            ));
            continue;
        }
        if case.verdict != "fails" || case.actions.is_empty() {
            continue;
        }
        failures += 1;
        let steps = named_steps(&report);
        let fits = |(a, bs): &(String, Vec<(String, String)>)| {
            case.actions.iter().any(|(wa, wps)| {
                a == wa
                    && wps.as_object().unwrap().iter().all(|(p, v)| {
                        let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                        bs.iter().any(|(q, x)| q == p && *x == v)
                    })
            })
        };
        match steps.iter().filter(|s| fits(s)).count() {
            0 => bad.push(format!(
                "{what}: at event {at:?} the report names {steps:?}, not one of {:?}",
                case.actions
            )),
            _ if steps.len() == 1 => alone += 1,
            _ => tied += 1,
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // Figures for the log (cargo test -- --nocapture).
    println!(
        "unseen traces: {} cases; at {failures} failures with a step to name, the expected one alone {alone}, among equally close ones {tied}",
        cases.len()
    );
}
