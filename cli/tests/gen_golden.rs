//! `tlatrace gen rust`: the bindings committed under services/ are what
//! the generator writes today (regenerate them with the command in their
//! header when this fails), and the generator refuses to overwrite its
//! inputs.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
}

fn generate(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(root())
        .args(["gen", "rust"])
        .args(args)
        .output()
        .expect("runs tlatrace");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_committed(file: &str, args: &[&str]) {
    let (code, text, err) = generate(args);
    assert_eq!(code, 0, "gen failed: {err}");
    let committed = std::fs::read_to_string(root().join(file)).expect("committed bindings");
    assert!(
        text == committed,
        "{file} is stale: regenerate it with `tlatrace gen rust {} --out {file}`",
        args.join(" ")
    );
    assert!(text.contains(&format!("tlatrace gen rust {}", args.join(" "))));
}

#[test]
fn paxos_bindings_are_up_to_date() {
    check_committed(
        "services/src/paxos/spec.rs",
        &["specs/paxos/ServicePaxos.tla"],
    );
}

#[test]
fn tpaxos_bindings_are_up_to_date() {
    check_committed(
        "services/src/tpaxos/spec.rs",
        &["specs/tpaxos/ServiceTPaxos.tla", "--const", "PIndex"],
    );
}

#[test]
fn generation_is_deterministic_and_typed_from_the_model() {
    let (c1, a, _) = generate(&["specs/paxos/MCPaxosTiny.tla"]);
    let (c2, b, _) = generate(&["specs/paxos/MCPaxosTiny.tla"]);
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(a, b);
    // Types from TypeOK and the model: model values as enums, the union
    // of message records tagged by `type`, a set of messages.
    for needle in [
        "pub enum Acceptor {",
        "pub enum ValueOrNone {",
        "#[serde(tag = \"type\")]\npub enum Message {",
        "pub msgs: Set<BTreeSet<Message>>,",
        "Phase2a { b: i64, v: Value, q: Option<Set<BTreeSet<Acceptor>>>, m: Option<Message> },",
        "MaxBal(Acceptor, i64),",
    ] {
        assert!(a.contains(needle), "missing `{needle}` in:\n{a}");
    }
}

#[test]
fn variables_bound_inside_actions_are_optional_typed_fields() {
    let (code, a, err) = generate(&["specs/tpaxos/ServiceTPaxos.tla"]);
    assert_eq!(code, 0, "{err}");
    // `\E m \in msgs` of OnMessage(q): typed from `msgs \subseteq
    // Message`, a record, so its fields are optional (a receiver cannot
    // know which other addressees consumed a broadcast before it: it
    // leaves `to` out). `\E Q \in Quorum` and `\E q \in Participant` of
    // Accept: typed from the sets' values; `q` keeps its name, `Q` too.
    for needle in [
        "OnMessage { q: Participant, m: Option<MessageFields> },",
        "pub struct MessageFields {\n    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub from: Option<Participant>,",
        "Accept { p: Participant, b: i64, v: Value, Q: Option<Set<BTreeSet<Participant>>>, q: Option<Participant> },",
        "if let Some(x) = m {\n                    ev = ev.param(\"m\", x);",
        "impl From<Message> for MessageFields {",
        // The variables, for `tlalog::SpecLog` to mark them unchanged in
        // events that are not steps.
        "impl SpecAction for Action {\n    const VARIABLES: &'static [&'static str] = &[\"state\", \"msgs\"];\n    type At = At;\n    type State = SpecState;",
    ] {
        assert!(a.contains(needle), "missing `{needle}` in:\n{a}");
    }
}

#[test]
fn the_log_runtime_is_tlalog_s_not_the_generated_module_s() {
    let (code, a, err) = generate(&["specs/paxos/MCPaxosTiny.tla"]);
    assert_eq!(code, 0, "{err}");
    // The module holds the spec's types and their trait impls; the log
    // itself is `tlalog::SpecLog`.
    for needle in [
        "impl EventPart for SpecState {",
        "impl EventPart for Action {",
        "impl EventPart for At {",
        "pub type Log = tlalog::SpecLog<Action>;",
    ] {
        assert!(a.contains(needle), "missing `{needle}` in:\n{a}");
    }
    for absent in ["pub struct Log", "impl Log", "TraceWriter", "io::Result"] {
        assert!(!a.contains(absent), "`{absent}` in:\n{a}");
    }
}

#[test]
fn gen_never_overwrites_its_inputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("S.tla");
    let cfg = dir.path().join("S.cfg");
    let src = "---- MODULE S ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1 /\\ x < 3\n====\n";
    std::fs::write(&spec, src).expect("write");
    std::fs::write(&cfg, "INIT Init\nNEXT Next\n").expect("write");
    let s = spec.to_str().expect("utf-8");
    for target in [&spec, &cfg] {
        let (code, _, err) = generate(&[s, "--out", target.to_str().expect("utf-8")]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is an input"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&spec).expect("read"), src);
    // Without a type invariant, types come from the states.
    let (code, text, err) = generate(&[s]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("pub x: i64,"), "{text}");
}

#[test]
fn an_unknown_type_invariant_is_an_error() {
    let (code, _, err) = generate(&[
        "specs/paxos/MCPaxosTiny.tla",
        "--type-invariant",
        "NoSuchThing",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("--type-invariant NoSuchThing: the spec defines no `NoSuchThing`"),
        "{err}"
    );
}

#[test]
fn a_parameter_of_unknown_type_is_reported_at_the_action() {
    // `n` ranges over a variable that stays empty: neither a set nor a
    // step shows its type.
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("T.tla");
    std::fs::write(
        &spec,
        "---- MODULE T ----\nEXTENDS Naturals\nVARIABLE s, x\nInit == s = {} /\\ x = 0\nTake(n) == x' = n /\\ s' = s\nNext == \\E n \\in s : Take(n)\n====\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("T.cfg"), "INIT Init\nNEXT Next\n").expect("write");
    let (code, _, err) = generate(&[spec.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error[gen::unknown-parameter-type]: cannot tell the type of the parameter `n` of `Take`"),
        "{err}"
    );
    assert!(err.contains("T.tla:6:"), "{err}");
    assert!(err.contains("help: bind it with `\\E n \\in S`"), "{err}");
}
