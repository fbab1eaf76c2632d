//! Golden tests of bad input (issue 14): each case runs `tlatrace` on a
//! small input written by the test into a temporary folder, next to the
//! spec `fixtures/input-errors/Counter.tla` (`x` counts up from 0), and pins
//! the exit code and the message (stderr, then stdout, the folder's path
//! replaced by `<dir>`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary folder holding a copy of the Counter spec and its model.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/input-errors");
    for f in ["Counter.tla", "Counter.cfg"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// Runs `tlatrace ARGS` in `dir`: "exit N", stderr, stdout.
fn run(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = dir.display().to_string();
    let mut out = format!(
        "exit {}\n--- stderr\n{}--- stdout\n{}",
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    out = out.replace(&shown, "<dir>");
    // Timings.
    let mut lines = vec![];
    for l in out.lines() {
        let l = match l.find(" in ") {
            Some(i) if l.starts_with("The trace conforms") => format!("{} in <time>.", &l[..i]),
            _ => l.to_string(),
        };
        lines.push(l);
    }
    lines.join("\n") + "\n"
}

/// Writes `bytes` as `name` in `dir` and checks it against Counter.
fn check(name: &str, bytes: &[u8]) -> String {
    let dir = folder();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    run(dir.path(), &["check", "Counter.tla", name])
}

#[test]
fn model_trace_out_never_overwrites_an_input() {
    let dir = folder();
    let spec = std::fs::read(dir.path().join("Counter.tla")).unwrap();
    for target in ["Counter.tla", "./Counter.cfg"] {
        let out = run(dir.path(), &["model", "Counter.tla", "--trace-out", target]);
        insta::assert_snapshot!(
            format!("trace_out_{}", target.trim_start_matches("./")),
            out
        );
    }
    assert_eq!(std::fs::read(dir.path().join("Counter.tla")).unwrap(), spec);
}

#[test]
fn an_output_is_written_whole_or_not_at_all() {
    // A failing run writes its counterexample through a temporary file:
    // afterwards the folder holds the inputs and the trace, nothing else.
    let dir = folder();
    std::fs::write(
        dir.path().join("Inv.cfg"),
        "INIT Init\nNEXT Next\nINVARIANT Small\nCONSTANT N = 2\n",
    )
    .unwrap();
    let tla = std::fs::read_to_string(dir.path().join("Counter.tla")).unwrap();
    std::fs::write(
        dir.path().join("Inv.tla"),
        tla.replace("MODULE Counter", "MODULE Inv")
            .replace("Next == Inc", "Next == Inc\nCONSTANT N\nSmall == x < N"),
    )
    .unwrap();
    let out = run(
        dir.path(),
        &["model", "Inv.tla", "--trace-out", "cex.itf.json"],
    );
    assert!(out.starts_with("exit 1"), "{out}");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| PathBuf::from(e.unwrap().file_name()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Counter.cfg",
            "Counter.tla",
            "Inv.cfg",
            "Inv.tla",
            "cex.itf.json"
        ]
        .map(PathBuf::from)
    );
    let itf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("cex.itf.json")).unwrap())
            .unwrap();
    assert_eq!(itf["states"].as_array().unwrap().len(), 3);
}

#[test]
fn an_empty_trace_has_no_events() {
    insta::assert_snapshot!("empty", check("empty.jsonl", b""));
    insta::assert_snapshot!(
        "comments_only",
        check("comments.jsonl", b"// nothing logged yet\n\n   \n")
    );
}

#[test]
fn integers_out_of_range_are_shown_as_written() {
    let first = "{\"state\": {\"x\": 0}}\n";
    for (case, second) in [
        ("int_2_63", "{\"state\": {\"x\": 9223372036854775808}}\n"),
        ("int_1e23", "{\"state\": {\"x\": 1e23}}\n"),
        (
            "clock_2_64",
            "{\"state\": {\"x\": 1}, \"clock\": 18446744073709551616}\n",
        ),
    ] {
        insta::assert_snapshot!(
            case,
            check("t.jsonl", format!("{first}{second}").as_bytes())
        );
    }
}

#[test]
fn a_key_given_twice_is_an_error() {
    let text =
        "{\"state\": {\"x\": 0}}\n{\"state\": {\"x\": 1}, \"clock\": {\"n1\": 2, \"n1\": 1}}\n";
    insta::assert_snapshot!("duplicate_key", check("t.jsonl", text.as_bytes()));
}

#[test]
fn bytes_that_are_not_utf8_have_a_line_and_column() {
    let text = b"{\"state\": {\"x\": 0}}\n{\"state\": {\"x\": \"\xc3\xa9\xff\"}}\n";
    insta::assert_snapshot!("not_utf8", check("t.jsonl", text));
    // The same, pretty-printed as ITF (read whole, not streamed).
    let itf = b"{\"vars\": [\"x\"],\n \"states\": [\n  {\"x\": \"\xff\"}\n ]\n}\n";
    insta::assert_snapshot!("not_utf8_itf", check("t.itf.json", itf));
}

#[test]
fn nesting_is_limited_not_a_stack_overflow() {
    let deep = |n: usize| {
        format!(
            "{{\"state\": {{\"x\": 0}}}}\n{{\"state\": {{\"x\": 1}}, \"msg\": {}{}}}\n",
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    insta::assert_snapshot!("nested_100000", check("t.jsonl", deep(100_000).as_bytes()));
    let out = check("t.jsonl", deep(3_000).as_bytes());
    assert!(out.starts_with("exit 0"), "{out}");
}

#[test]
fn a_long_line_is_shown_shortened_around_the_column() {
    // A 1 MB event whose value differs from the spec's: the verdict names
    // the event, the quoted line is a window around the differing key.
    let pad = "a".repeat(1 << 20);
    let text =
        format!("{{\"state\": {{\"x\": 0}}}}\n{{\"msg\": \"{pad}\", \"state\": {{\"x\": 5}}}}\n");
    let out = check("t.jsonl", text.as_bytes());
    assert!(out.len() < 4_000, "{} bytes of output", out.len());
    insta::assert_snapshot!("long_line", out);
}

/// `run`, with the time figures of `model` replaced.
fn run_model(dir: &Path, args: &[&str]) -> String {
    run(dir, args)
        .lines()
        .map(|l| match l.find(" after ") {
            Some(i) if l.starts_with("Stopped") => format!("{} after <time>.", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn model_stops_at_its_limits_with_the_figures_so_far() {
    // Counter has no end: each limit stops it, exit 2.
    let dir = folder();
    let p = dir.path();
    insta::assert_snapshot!(
        "max_states",
        run_model(
            p,
            &[
                "model",
                "Counter.tla",
                "--workers",
                "1",
                "--max-states",
                "100"
            ]
        )
    );
    insta::assert_snapshot!(
        "max_depth_json",
        run_model(
            p,
            &[
                "model",
                "Counter.tla",
                "--max-depth",
                "20",
                "--format",
                "json"
            ]
        )
        .lines()
        .filter(|l| !l.contains("\"seconds\""))
        .collect::<Vec<_>>()
        .join("\n")
    );
    let out = run_model(p, &["model", "Counter.tla", "--max-memory", "1M"]);
    assert!(out.starts_with("exit 2"), "{out}");
    assert!(out.contains("more than --max-memory allows"), "{out}");
    let out = run_model(p, &["model", "Counter.tla", "--max-memory", "12Q"]);
    assert!(out.starts_with("exit 2"), "{out}");
    assert!(out.contains("unknown unit `Q`"), "{out}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_prints_the_summary() {
    let dir = folder();
    let child = Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(dir.path())
        .args(["model", "Counter.tla", "--progress", "0"])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let o = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the search was interrupted"), "{stderr}");
    assert!(stdout.contains("distinct states found"), "{stdout}");
}

#[test]
fn one_event_is_singular() {
    let out = check("t.jsonl", b"{\"state\": {\"x\": 0}}\n");
    assert!(out.starts_with("exit 0"), "{out}");
    assert!(
        out.contains("conforms to the spec: 1 event checked"),
        "{out}"
    );
}

#[test]
fn long_values_are_cut_between_characters() {
    // A logged string of multibyte characters much longer than the cut:
    // the report quotes it shortened, and does not panic.
    let long = format!("a{}", "é".repeat(400));
    let text = format!("{{\"state\": {{\"x\": 0}}}}\n{{\"state\": {{\"x\": \"{long}\"}}}}\n");
    let out = check("t.jsonl", text.as_bytes());
    assert!(out.starts_with("exit 1"), "{out}");
    assert!(out.contains("éé..."), "{out}");
}

#[test]
fn model_json_gives_the_class_and_what_was_not_checked() {
    // Live.tla: a fairness condition in the specification and an
    // eventually-property, both checked by the liveness checker: the class
    // is TLC's and nothing is listed as not checked.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/input-errors");
    let out = run(
        &dir,
        &[
            "model",
            "Live.tla",
            "--workers",
            "1",
            "--progress",
            "0",
            "--format",
            "json",
        ],
    );
    let json = out.split("--- stdout\n").nth(1).unwrap_or_default();
    let mut j: serde_json::Value = serde_json::from_str(json).unwrap();
    j["seconds"] = serde_json::Value::Null;
    insta::assert_snapshot!(
        "model_json_class",
        serde_json::to_string_pretty(&j).unwrap()
    );
}
