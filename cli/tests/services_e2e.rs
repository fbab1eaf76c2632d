//! End to end: the Paxos and TPaxos services of `services/` run for many
//! seeds under message loss, duplication, reordering and crashes; each
//! node writes its own log through the generated bindings; `tlatrace
//! check` merges the logs by their vector clocks and checks them against
//! the specs. Every correct run must conform; every bug switch must be
//! caught at an event where the bug acted, naming the action and the
//! conjunct, in every run where it acted observably.

use services::net::Faults;
use services::{paxos, tpaxos, Outcome};
use std::path::Path;
use std::process::Command;

/// The services' timing depends on the machine being free: the tests of
/// this file run one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
}

/// `tlatrace check SPEC LOGS... --format json`: exit code and verdict.
fn check(spec: &str, o: &Outcome) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(root())
        .arg("check")
        .arg(spec)
        .args(&o.logs)
        .args(["--format", "json"])
        .output()
        .expect("runs tlatrace");
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON verdict ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), v)
}

/// Asserts that the verdict names one of the events where a bug acted,
/// with its action and a false conjunct; returns the conjunct's text.
fn assert_caught_at_bug(o: &Outcome, v: &serde_json::Value, what: &str) -> String {
    let ev = &v["event"];
    let file = ev["file"].as_str().unwrap_or_default();
    let line = ev["line"].as_u64().unwrap_or(0) as usize;
    let act = o
        .bug_acts
        .iter()
        .find(|a| a.file == Path::new(file) && a.line == line)
        .unwrap_or_else(|| {
            panic!(
                "{what}: rejected at {file}:{line}, not where the bug acted: {:?}\n{v:#}",
                o.bug_acts
            )
        });
    assert_eq!(ev["action"].as_str(), Some(act.action), "{what}: {v:#}");
    let conjunct = v["why"]
        .as_array()
        .and_then(|w| w.iter().find_map(|x| x["conjunct"]["text"].as_str()))
        .unwrap_or_else(|| panic!("{what}: no false conjunct named: {v:#}"));
    conjunct.to_string()
}

#[test]
fn correct_paxos_runs_conform_under_faults() {
    let _serial = serial();
    for seed in 1..=8 {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = paxos::run(&paxos::Config::new(seed, dir.path())).expect("run");
        assert!(o.bug_acts.is_empty());
        assert!(!o.disagreement(), "seed {seed}: {:?}", o.learned);
        let (code, v) = check("specs/paxos/ServicePaxos.tla", &o);
        assert_eq!(code, 0, "seed {seed}: a correct run rejected: {v:#}");
    }
}

#[test]
fn every_paxos_bug_switch_is_caught_where_it_acts() {
    let _serial = serial();
    for name in paxos::Bugs::NAMES {
        let mut acted = 0;
        for seed in 1..=6 {
            let dir = tempfile::tempdir().expect("tempdir");
            let mut cfg = paxos::Config::new(seed, dir.path());
            cfg.bugs = paxos::Bugs::named(name).expect("a switch");
            let o = paxos::run(&cfg).expect("run");
            let (code, v) = check("specs/paxos/ServicePaxos.tla", &o);
            let what = format!("{name}, seed {seed}");
            if o.bug_acts.iter().any(|a| a.observable) {
                acted += 1;
                assert_eq!(
                    code, 1,
                    "{what}: the bug acted but the run was accepted: {v:#}"
                );
            }
            if code == 1 {
                let conjunct = assert_caught_at_bug(&o, &v, &what);
                eprintln!(
                    "{what}: caught at {}:{} ({conjunct})",
                    v["event"]["file"], v["event"]["line"]
                );
            } else {
                assert_eq!(code, 0, "{what}: {v:#}");
                assert!(
                    o.bug_acts.iter().all(|a| !a.observable),
                    "{what}: accepted although the bug acted"
                );
            }
        }
        assert!(acted > 0, "{name}: no seed exercised the bug switch");
    }
}

#[test]
fn the_bug_reports_name_the_conjunct_of_the_seed_bugs() {
    let _serial = serial();
    // The promise with >= instead of >: Phase1b's guard.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut found = false;
    for seed in 1..=10 {
        let mut cfg = paxos::Config::new(seed, dir.path().join(seed.to_string()).as_path());
        cfg.bugs = paxos::Bugs::named("promise-geq").expect("a switch");
        let o = paxos::run(&cfg).expect("run");
        if o.bug_acts.is_empty() {
            continue;
        }
        let (code, v) = check("specs/paxos/ServicePaxos.tla", &o);
        assert_eq!(code, 1);
        let c = assert_caught_at_bug(&o, &v, "promise-geq");
        assert_eq!(c, "m.bal > maxBal[a]");
        found = true;
        break;
    }
    assert!(found, "no seed re-promised an equal ballot");
}

#[test]
fn correct_tpaxos_runs_conform_under_faults() {
    let _serial = serial();
    for seed in 1..=30 {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = tpaxos::run(&tpaxos::Config::new(seed, dir.path())).expect("run");
        assert!(o.bug_acts.is_empty());
        assert!(!o.disagreement(), "seed {seed}: {:?}", o.learned);
        // Each receive logs the message it consumed (the `m` of
        // `OnMessage`), and restarts log no step: the checker follows one
        // or two spec states, and decides every run.
        let (code, v) = check("specs/tpaxos/ServiceTPaxos.tla", &o);
        assert_eq!(code, 0, "seed {seed}: a correct run not accepted: {v:#}");
        let peak = v["summary"]["peak_candidates"].as_u64().unwrap_or(u64::MAX);
        assert!(peak <= 16, "seed {seed}: {peak} candidate states: {v:#}");
    }
}

/// The accept-first service's receive is a step of TPaxosAP; it is one of
/// TPaxos exactly when both orders give the same view (the service records
/// a bug act otherwise). When they differ, no behaviour of TPaxos has the
/// logged step: the participant's row before it is the one it logged at
/// its previous event (only its own steps change it, and it logs every one
/// of them; its restarts log no step), the message's sender and view are
/// logged (`m`), and from them TPaxos's `UpdateState` gives one row, not
/// the logged one. So every run where the bug acted is rejected, at that
/// event (the first act in the merged order), by the conjunct that computes
/// the new state; every other run conforms to TPaxos.
#[test]
fn accept_before_promise_is_tpaxosap_not_tpaxos() {
    let _serial = serial();
    let mut acted = 0;
    for seed in 1..=40 {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cfg = tpaxos::Config::new(seed, dir.path());
        cfg.order = tpaxos::Order::AcceptFirst;
        // More losses: proposers retry after accepting, which is when the
        // two orders differ.
        cfg.faults = Faults {
            loss: 0.5,
            ..Faults::all()
        };
        let o = tpaxos::run(&cfg).expect("run");
        let what = format!("accept-before-promise, seed {seed}");
        let (code, v) = check("specs/tpaxos/ServiceTPaxosAP.tla", &o);
        assert_eq!(
            code, 0,
            "{what}: TPaxosAP does not accept its own order: {v:#}"
        );
        let (code, v) = check("specs/tpaxos/ServiceTPaxos.tla", &o);
        if o.bug_acts.is_empty() {
            assert_eq!(code, 0, "{what}: the orders never differed: {v:#}");
            continue;
        }
        acted += 1;
        assert_eq!(code, 1, "{what}: the bug acted but TPaxos accepted: {v:#}");
        let conjunct = assert_caught_at_bug(&o, &v, &what);
        assert!(
            conjunct.starts_with("state' = [state EXCEPT"),
            "{what}: rejected by `{conjunct}`, not by UpdateState: {v:#}"
        );
        eprintln!(
            "{what}: caught at {}:{}",
            v["event"]["file"], v["event"]["line"]
        );
    }
    assert!(acted > 0, "no seed made the two orders differ");
}
