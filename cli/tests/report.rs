//! Tests of `tlatrace check --report FILE.html` (cli/src/report.rs).
//!
//! The page of a failing per-node run
//! (`fixtures/traces/report/accept-below-promise/`) and of a conforming
//! one (`fixtures/traces/doc/nodes/`) is read back into a structural
//! summary (verdict, lifelines, events with their boxes, arrows, the
//! highlighted event, the diagnostic text) pinned in
//! `snapshots/report__*.snap`; the arrows are checked against the ones the
//! clocks of the fixtures say, the diagnostic against the human report.
//! Then the edges: the report never overwrites an input, is not written
//! for unusable input, escapes what the logs say, and draws a bounded
//! window of a long streamed log.
//!
//! Last, headless Chromium (Debian's `chromium`, installed by `.ci/tests`)
//! takes a screenshot of the failing page (kept at
//! `target/report-screenshot.png`), which must show the highlight colour
//! and be no blank page.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The fill of the first non-conforming event's box (`report::HIGHLIGHT`).
const HIGHLIGHT: [u8; 3] = [0xd9, 0x30, 0x25];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap()
}

/// The target folder of this build (the test binary is in
/// `target/<profile>/deps/`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root().join("target"))
}

/// Runs `tlatrace ARGS` from the workspace root.
fn tlatrace(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlatrace"))
        .current_dir(root())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

const SPEC: &str = "specs/paxos/MCPaxosTiny.tla";

fn failing_traces() -> Vec<String> {
    ["a1", "a2", "a3", "l0", "l1"]
        .iter()
        .map(|n| format!("fixtures/traces/report/accept-below-promise/{n}.jsonl"))
        .collect()
}

fn conforming_traces() -> Vec<String> {
    ["a1", "a2", "l1"]
        .iter()
        .map(|n| format!("fixtures/traces/doc/nodes/{n}.jsonl"))
        .collect()
}

/// `tlatrace check SPEC TRACES --report OUT`: (output, page).
fn check_report(traces: &[String], out: &Path) -> (Output, String) {
    let out_s = out.display().to_string();
    let mut args = vec!["check", SPEC];
    args.extend(traces.iter().map(String::as_str));
    args.extend(["--report", &out_s]);
    let o = tlatrace(&args);
    let page = std::fs::read_to_string(out).unwrap_or_else(|e| {
        panic!(
            "no report at {out_s} ({e}); stderr:\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o, page)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in the tag text `tag`.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(unescape(&tag[i..j]))
}

/// The text between `open` (a prefix of an element's start tag) and the
/// next `close`, for each such element.
fn elements<'a>(page: &'a str, open: &str, close: &str) -> Vec<(&'a str, &'a str)> {
    let mut out = vec![];
    let mut rest = page;
    while let Some(i) = rest.find(open) {
        let from = &rest[i..];
        let Some(end_tag) = from.find('>') else { break };
        let Some(end) = from.find(close) else { break };
        out.push((&from[..end_tag], from.get(end_tag + 1..end).unwrap_or("")));
        rest = &from[end..];
    }
    out
}

/// The text content of the first `<text class="label" ...>` in `inner`.
fn label(inner: &str) -> String {
    elements(inner, "<text class=\"label\"", "</text>")
        .first()
        .map(|(_, t)| unescape(t))
        .unwrap_or_default()
}

/// One event box of the chart.
#[derive(Debug)]
struct Ev {
    number: usize,
    class: String,
    node: String,
    src: String,
    label: String,
}

fn events(page: &str) -> Vec<Ev> {
    elements(page, "<g class=\"ev", "</g>")
        .into_iter()
        .map(|(tag, inner)| Ev {
            number: attr(tag, "data-event").unwrap().parse().unwrap(),
            class: attr(tag, "class").unwrap(),
            node: attr(tag, "data-node").unwrap(),
            src: attr(tag, "data-src").unwrap(),
            label: label(inner),
        })
        .collect()
}

/// The arrows, as (sender, receiver) event numbers.
fn arrows(page: &str) -> Vec<(usize, usize)> {
    elements(page, "<path class=\"msg", "/>")
        .into_iter()
        .map(|(tag, _)| {
            let tag = tag.trim_end_matches('/');
            (
                attr(tag, "data-from").unwrap().parse().unwrap(),
                attr(tag, "data-to").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

fn lifelines(page: &str) -> Vec<String> {
    elements(page, "<g class=\"lifeline\"", "</g>")
        .into_iter()
        .map(|(tag, _)| attr(tag, "data-node").unwrap())
        .collect()
}

/// The text of the element with `id`.
fn by_id(page: &str, tag: &str, id: &str) -> Option<String> {
    elements(page, &format!("<{tag} "), &format!("</{tag}>"))
        .into_iter()
        .find(|(t, _)| attr(t, "id").as_deref() == Some(id))
        .map(|(_, inner)| inner.to_string())
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// The diagnostic text of the page (the `<pre>` beside the event).
fn diagnostic(page: &str) -> Option<String> {
    let aside = by_id(page, "div", "diagnostic")?;
    let pre = elements(&aside, "<pre", "</pre>");
    pre.first().map(|(_, t)| unescape(t))
}

/// The page as text for a snapshot: what it says and draws, not how.
fn summary(page: &str) -> String {
    let evs = events(page);
    let name = |n: usize| {
        evs.iter()
            .find(|e| e.number == n)
            .map(|e| format!("#{n} {} {}", e.node, e.label))
            .unwrap_or_else(|| format!("#{n} (not drawn)"))
    };
    let mut s = String::new();
    // The banner's text, without its link to the event.
    let banner = by_id(page, "div", "verdict").and_then(|b| {
        elements(&b, "<span", "</span>")
            .first()
            .map(|(_, t)| strip_tags(t))
    });
    s.push_str(&format!("banner: {}\n", banner.unwrap_or_default()));
    for id in ["verdict-text", "events", "nodes", "messages"] {
        let t = by_id(page, "td", id).map(|b| strip_tags(&b));
        s.push_str(&format!("{id}: {}\n", t.unwrap_or_default()));
    }
    s.push_str(&format!(
        "lifelines: {}\nevents:\n",
        lifelines(page).join(" ")
    ));
    for e in &evs {
        let kind = e.class.trim_start_matches("ev").trim();
        s.push_str(&format!(
            "  {:>3} {:<4} {:<24} {:<6} {}\n",
            e.number, e.node, e.label, kind, e.src
        ));
    }
    s.push_str("arrows:\n");
    for (a, b) in arrows(page) {
        s.push_str(&format!("  {} -> {}\n", name(a), name(b)));
    }
    if let Some(d) = diagnostic(page) {
        s.push_str("diagnostic:\n");
        for l in d.lines() {
            s.push_str(&format!("  {}\n", l.trim_end()));
        }
    }
    s
}

/// The event number drawn for `file:line`.
fn number_of(evs: &[Ev], src: &str) -> usize {
    evs.iter()
        .find(|e| e.src == src)
        .unwrap_or_else(|| panic!("no event {src} drawn"))
        .number
}

/// Turns (sender file:line, receiver file:line) into event numbers.
fn expected_arrows(evs: &[Ev], dir: &str, pairs: &[(&str, &str)]) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = pairs
        .iter()
        .map(|(a, b)| {
            (
                number_of(evs, &format!("{dir}/{a}")),
                number_of(evs, &format!("{dir}/{b}")),
            )
        })
        .collect();
    v.sort_unstable();
    v
}

fn sorted(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.sort_unstable();
    v
}

#[test]
fn failing_nodes_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.html");
    let (o, page) = check_report(&failing_traces(), &out);
    assert_eq!(o.status.code(), Some(1));
    // The verdict is the one without --report.
    let mut args = vec!["check", SPEC];
    let traces = failing_traces();
    args.extend(traces.iter().map(String::as_str));
    let plain = tlatrace(&args);
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(o.stdout, plain.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let plain_stderr = String::from_utf8_lossy(&plain.stderr);
    assert_eq!(
        stderr,
        format!("{plain_stderr}The report is in {}.\n", out.display())
    );

    // The highlighted event is the failing line, and only it.
    let evs = events(&page);
    let dir = "fixtures/traces/report/accept-below-promise";
    let fails: Vec<&Ev> = evs.iter().filter(|e| e.class == "ev fail").collect();
    assert_eq!(fails.len(), 1, "{fails:?}");
    assert_eq!(fails[0].src, format!("{dir}/a1.jsonl:4"));
    assert_eq!(fails[0].node, "a1");
    assert_eq!(fails[0].label, "Phase2b(a=a1)");
    assert!(page.contains("id=\"failure\" data-event=\"12\""));
    // The event after it is drawn as not checked.
    let after: Vec<&str> = evs
        .iter()
        .filter(|e| e.class == "ev after")
        .map(|e| e.src.as_str())
        .collect();
    assert_eq!(after, [format!("{dir}/a3.jsonl:3")]);
    assert_eq!(evs.len(), 13);

    // The arrows the clocks say: each receive, from the event whose clock
    // entry it took; knowledge passed on (a2's promise reaching a1 through
    // l0's 2a) is no arrow of its own.
    let expected = expected_arrows(
        &evs,
        dir,
        &[
            // {"a1":1,"l0":1}: a1 heard l0's 1a.
            ("l0.jsonl:1", "a1.jsonl:2"),
            // {"a2":1,"l0":1}
            ("l0.jsonl:1", "a2.jsonl:2"),
            // {"a3":1,"l1":1}
            ("l1.jsonl:1", "a3.jsonl:2"),
            // {"a1":2,"l0":1,"l1":1}: l1's 1a (l0's entry did not change).
            ("l1.jsonl:1", "a1.jsonl:3"),
            // l0's 2a {"a1":1,"a2":1,"l0":2}: the two 1b of ballot 0.
            ("a1.jsonl:2", "l0.jsonl:2"),
            ("a2.jsonl:2", "l0.jsonl:2"),
            // l1's 2a {"a1":2,"a3":1,"l0":1,"l1":2}: the two 1b of ballot 1.
            ("a1.jsonl:3", "l1.jsonl:2"),
            ("a3.jsonl:2", "l1.jsonl:2"),
            // a1's bad 2b {"a1":3,"a2":1,"l0":2,"l1":1}: l0's 2a.
            ("l0.jsonl:2", "a1.jsonl:4"),
            // a3's 2b {"a1":2,"a3":2,"l0":1,"l1":2}: l1's 2a.
            ("l1.jsonl:2", "a3.jsonl:3"),
        ],
    );
    assert_eq!(sorted(arrows(&page)), expected);
    assert_eq!(lifelines(&page), ["a1", "a2", "a3", "l0", "l1"]);

    // The diagnostic beside it is the human report's.
    let diag = diagnostic(&page).expect("no diagnostic on the page");
    let human = plain_stderr
        .lines()
        .filter(|l| !l.starts_with("The trace does NOT conform"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(diag.trim_end(), human.trim_end());
    assert!(diag.contains("m.bal \\geq maxBal[a]"), "{diag}");

    // Self-contained: nothing fetched.
    let own = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for bad in [
        "http://", "https://", "<link", "<img", "<iframe", "@import", " src=",
    ] {
        assert!(!own.contains(bad), "the page refers to {bad}");
    }
    insta::assert_snapshot!("failing_nodes", summary(&page));
}

#[test]
fn conforming_nodes_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.html");
    let (o, page) = check_report(&conforming_traces(), &out);
    assert_eq!(o.status.code(), Some(0));
    assert!(page.contains("class=\"banner conforms\""));
    assert!(!page.contains("class=\"ev fail"));
    assert!(diagnostic(&page).is_none());
    let evs = events(&page);
    assert_eq!(evs.len(), 7);
    let dir = "fixtures/traces/doc/nodes";
    let expected = expected_arrows(
        &evs,
        dir,
        &[
            ("l1.jsonl:1", "a1.jsonl:2"),
            ("l1.jsonl:1", "a2.jsonl:2"),
            ("a1.jsonl:2", "l1.jsonl:2"),
            ("a2.jsonl:2", "l1.jsonl:2"),
            // {"a1":2,"a2":1,"l1":2}: l1's 2a; a2's 1b came through it.
            ("l1.jsonl:2", "a1.jsonl:3"),
        ],
    );
    assert_eq!(sorted(arrows(&page)), expected);
    insta::assert_snapshot!("conforming_nodes", summary(&page));
}

/// A single streamed log without nodes: one lifeline, no arrows; the
/// events after the failure are read for the chart, not checked.
#[test]
fn streamed_log_page() {
    let tmp = tempfile::tempdir().unwrap();
    let trace = tmp.path().join("bug.jsonl");
    let mut text = std::fs::read_to_string(root().join("fixtures/traces/doc/bug.jsonl")).unwrap();
    text.push_str("{\"action\":\"Phase2a\",\"params\":{\"b\":1,\"v\":\"v1\"}}\n");
    std::fs::write(&trace, text).unwrap();
    let out = tmp.path().join("r.html");
    let (o, page) = check_report(&[trace.display().to_string()], &out);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(lifelines(&page), ["trace"]);
    assert!(arrows(&page).is_empty());
    let evs = events(&page);
    let classes: Vec<&str> = evs.iter().map(|e| e.class.as_str()).collect();
    assert_eq!(classes, ["ev state", "ev", "ev", "ev fail", "ev after"]);
    let labels: Vec<&str> = evs.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "init",
            "Phase1a(b=1)",
            "Phase1b(a=a1)",
            "Phase1b(a=a1)",
            "Phase2a(b=1, v=v1)"
        ]
    );
    assert_eq!(evs[3].src, format!("{}:4", trace.display()));
}

/// Several files without `node` fields: one lifeline per file stem.
#[test]
fn lifelines_from_file_stems() {
    let tmp = tempfile::tempdir().unwrap();
    let mut traces = vec![];
    for n in ["a1", "a2", "l1"] {
        let text =
            std::fs::read_to_string(root().join(format!("fixtures/traces/doc/nodes/{n}.jsonl")))
                .unwrap();
        let stripped = text.replace(&format!("\"node\":\"{n}\","), "");
        assert!(!stripped.contains("\"node\""));
        let p = tmp.path().join(format!("log-{n}.jsonl"));
        std::fs::write(&p, stripped).unwrap();
        traces.push(p.display().to_string());
    }
    let (o, page) = check_report(&traces, &tmp.path().join("r.html"));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(lifelines(&page), ["log-a1", "log-a2", "log-l1"]);
    // The clocks name a1, a2, l1, not the lifelines: no arrows.
    assert!(arrows(&page).is_empty());
}

/// Lamport clocks say nothing of who heard whom: no arrows.
#[test]
fn no_arrows_for_lamport_clocks() {
    let dir = root().join("fixtures/traces/paxos/nodes-lamport");
    let mut traces: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    traces.sort();
    let tmp = tempfile::tempdir().unwrap();
    let (o, page) = check_report(&traces, &tmp.path().join("r.html"));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(lifelines(&page).len(), 5);
    assert!(arrows(&page).is_empty());
}

#[test]
fn never_overwrites_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let trace = tmp.path().join("t.jsonl");
    let original = std::fs::read(root().join("fixtures/traces/doc/full.jsonl")).unwrap();
    std::fs::write(&trace, &original).unwrap();
    let spec_dir = tmp.path().join("spec");
    std::fs::create_dir(&spec_dir).unwrap();
    for f in std::fs::read_dir(root().join("specs/paxos"))
        .unwrap()
        .flatten()
    {
        if f.path().is_file() {
            std::fs::copy(f.path(), spec_dir.join(f.file_name())).unwrap();
        }
    }
    let spec = spec_dir.join("MCPaxosTiny.tla");
    let cfg = spec_dir.join("MCPaxosTiny.cfg");
    let spec_text = std::fs::read(&spec).unwrap();
    let cfg_text = std::fs::read(&cfg).unwrap();
    let link = tmp.path().join("link.html");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&trace, &link).unwrap();
    let (t, s, c, l) = (
        trace.display().to_string(),
        spec.display().to_string(),
        cfg.display().to_string(),
        link.display().to_string(),
    );
    let mut targets = vec![t.clone(), s.clone(), c.clone()];
    if cfg!(unix) {
        targets.push(l);
    }
    for target in targets {
        let o = tlatrace(&["check", &s, &t, "--config", &c, "--report", &target]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "--report {target}: {stderr}");
        assert!(
            stderr.contains("would overwrite the input file"),
            "{stderr}"
        );
        assert!(o.stdout.is_empty(), "checked anyway");
    }
    // A module the spec extends is known once the spec is loaded: the
    // verdict is printed, the module is kept, exit 2.
    let module = spec_dir.join("Paxos.tla");
    let module_text = std::fs::read(&module).unwrap();
    let m = module.display().to_string();
    let o = tlatrace(&["check", &s, &t, "--config", &c, "--report", &m]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("would overwrite the input file"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&module).unwrap(), module_text);
    assert_eq!(std::fs::read(&trace).unwrap(), original);
    assert_eq!(std::fs::read(&spec).unwrap(), spec_text);
    assert_eq!(std::fs::read(&cfg).unwrap(), cfg_text);
}

#[test]
fn unwritable_report_is_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let trace = "fixtures/traces/doc/full.jsonl";
    for (target, says) in [
        (tmp.path().join("no/such/dir/r.html"), "does not exist"),
        (tmp.path().to_path_buf(), "is a folder"),
    ] {
        let t = target.display().to_string();
        let o = tlatrace(&["check", SPEC, trace, "--report", &t]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{t}: {stderr}");
        assert!(stderr.contains(says), "{stderr}");
    }
    // A file that cannot be written is found at the end: the verdict is
    // printed, then exit 2. Writing to /dev/full fails (no space left).
    #[cfg(target_os = "linux")]
    {
        let o = tlatrace(&["check", SPEC, trace, "--report", "/dev/full"]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("cannot write the report `/dev/full`"),
            "{stderr}"
        );
        assert!(String::from_utf8_lossy(&o.stdout).contains("conforms"));
    }
    // The same for a read-only folder (root can write anywhere, so this
    // part only runs for other users).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = tmp.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(ro.join("probe"), "").is_err() {
            let t = ro.join("r.html").display().to_string();
            let o = tlatrace(&["check", SPEC, trace, "--report", &t]);
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{stderr}");
            assert!(stderr.contains("cannot write the report"), "{stderr}");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn no_report_for_unusable_input() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r.html");
    let t = out.display().to_string();
    for (trace, code) in [
        ("fixtures/traces/paxos/malformed.jsonl", 2),
        ("fixtures/traces/paxos/unknown-variable.jsonl", 2),
    ] {
        let o = tlatrace(&["check", SPEC, trace, "--report", &t]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "{trace}: {stderr}");
        assert!(stderr.contains("No report written"), "{stderr}");
        assert!(!out.exists(), "{trace}: a report was written");
    }
    // Logs whose clocks cannot be merged.
    let dir = root().join("fixtures/traces/paxos/nodes-clock-backwards");
    let mut args: Vec<String> = vec!["check".into(), SPEC.into()];
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    files.sort();
    args.extend(files);
    args.extend(["--report".into(), t.clone()]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = tlatrace(&argv);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}

/// A spec that cannot be evaluated at some event: exit 1 and a page with
/// the evaluation error, no event highlighted.
#[test]
fn undecided_run_page() {
    let tmp = tempfile::tempdir().unwrap();
    let spec = tmp.path().join("Div.tla");
    std::fs::write(
        &spec,
        "---- MODULE Div ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1 /\\ (x < 3 \\/ 1 \\div 0 = 1)\n====\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("Div.cfg"), "INIT Init\nNEXT Next\n").unwrap();
    let trace = tmp.path().join("t.jsonl");
    let lines: String = (0..5)
        .map(|i| format!("{{\"state\":{{\"x\":{i}}}}}\n"))
        .collect();
    std::fs::write(&trace, lines).unwrap();
    let out = tmp.path().join("r.html");
    let (s, t, r) = (
        spec.display().to_string(),
        trace.display().to_string(),
        out.display().to_string(),
    );
    let o = tlatrace(&["check", &s, &t, "--report", &r]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("class=\"banner undecided\""));
    assert!(!page.contains("class=\"ev fail"));
    let diag = diagnostic(&page).unwrap();
    assert!(diag.contains("division by zero"), "{diag}");
    assert_eq!(events(&page).len(), 5);
}

/// Node names, file names and values come from the logs: all escaped.
#[test]
fn user_text_is_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "<img src=x onerror=alert(1)>&\"'";
    let evil_json = serde_json::to_string(evil).unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/traces/doc/partial.jsonl")).unwrap();
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        let mut l = l.replacen('{', &format!("{{\"node\":{evil_json},"), 1);
        if i == 1 {
            // A value that is no ballot: the step fails, and the value is
            // in the diagnostic.
            l = l.replace("\"b\":1", "\"b\":\"<script>alert(2)</script>\"");
        }
        out.push_str(&l);
        out.push('\n');
    }
    let trace = tmp.path().join("<b>log<i>.jsonl");
    std::fs::write(&trace, out).unwrap();
    let (o, page) = check_report(&[trace.display().to_string()], &tmp.path().join("r.html"));
    assert_eq!(o.status.code(), Some(1));
    for raw in ["<img", "<script>alert", "<b>log"] {
        assert!(!page.contains(raw), "{raw} is not escaped");
    }
    assert_eq!(lifelines(&page), [evil]);
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"));
    let diag = diagnostic(&page).unwrap();
    assert!(diag.contains("<script>alert(2)</script>"), "{diag}");
}

/// A long streamed log: only the last `KEEP` (2,000) events are drawn.
#[test]
fn long_log_draws_a_window() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/traces/doc/full.jsonl")).unwrap();
    let last = text.lines().last().unwrap().to_string();
    let state = last.split_once(",\"state\":").unwrap().1;
    let mut out = text.clone();
    let stutter = format!("{{\"state\":{state}\n");
    for _ in 0..2494 {
        out.push_str(&stutter);
    }
    let trace = tmp.path().join("long.jsonl");
    std::fs::write(&trace, out).unwrap();
    let (o, page) = check_report(&[trace.display().to_string()], &tmp.path().join("r.html"));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let evs = events(&page);
    assert_eq!(evs.len(), 2000);
    assert_eq!(evs[0].number, 501);
    assert_eq!(evs[1999].number, 2500);
    assert!(page.contains("2500 checked; events 501–2500 drawn (the first 500 are not)"));
}

// ---------------------------------------------------------------------------
// The page in a browser.

const CHROMIUM: &str = "/usr/bin/chromium";

/// Screenshots `page` with headless Chromium into `png`.
fn screenshot(page: &Path, png: &Path, size: (u32, u32)) {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: the report's browser test needs Chromium. Run `bash .ci/tests` (which installs it) or `apt-get install chromium`."
    );
    let _ = std::fs::remove_file(png);
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--screenshot={}", png.display()),
            &format!("--window-size={},{}", size.0, size.1),
            &format!("file://{}", page.display()),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start chromium");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than 120 s to take the screenshot");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut err);
    }
    assert!(
        status.success() && png.exists(),
        "chromium failed ({status}):\n{err}"
    );
}

/// Decodes a PNG: (width, height, RGB pixels).
fn decode(png: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let bytes = std::fs::read(png).unwrap();
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().expect("not a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("not a PNG");
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| match channels {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width, info.height, pixels)
}

fn near(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 3)
}

#[test]
fn chromium_screenshot() {
    let target = target_dir();
    let page = target.join("report-screenshot.html");
    let png = target.join("report-screenshot.png");
    let o = tlatrace(
        &{
            let mut a = vec!["check".to_string(), SPEC.to_string()];
            a.extend(failing_traces());
            a.extend(["--report".into(), page.display().to_string()]);
            a
        }
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
    );
    assert_eq!(o.status.code(), Some(1));
    screenshot(&page, &png, (1200, 1600));
    let (w, h, pixels) = decode(&png);
    assert_eq!((w, h), (1200, 1600));
    let highlight = pixels.iter().filter(|p| near(**p, HIGHLIGHT)).count();
    // The failing event's box is about 110 x 22 pixels, its label aside;
    // the legend's swatch alone is 14 x 10.
    assert!(
        highlight >= 1000,
        "only {highlight} pixels of the highlight colour in {}",
        png.display()
    );
    let mut colours: Vec<[u8; 3]> = pixels.clone();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        colours.len() >= 64,
        "only {} colours in {}: a blank page?",
        colours.len(),
        png.display()
    );

    // A conforming run has no highlight.
    let page = target.join("report-screenshot-conforms.html");
    let png = target.join("report-screenshot-conforms.png");
    let (o, _) = check_report(&conforming_traces(), &page);
    assert_eq!(o.status.code(), Some(0));
    screenshot(&page, &png, (1200, 900));
    let (_, _, pixels) = decode(&png);
    let highlight = pixels.iter().filter(|p| near(**p, HIGHLIGHT)).count();
    assert_eq!(highlight, 0, "{}", png.display());
    let mut colours = pixels;
    colours.sort_unstable();
    colours.dedup();
    assert!(colours.len() >= 32, "only {} colours", colours.len());
}
