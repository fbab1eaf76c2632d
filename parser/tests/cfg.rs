//! Tests of the TLC model file (`.cfg`) reader: JSON snapshots of the
//! configurations in `fixtures/cfg/ok/`, rendered-diagnostic snapshots of
//! the mistakes in `fixtures/cfg/errors/` (one mistake per file), and checks
//! of particular behaviours.

use std::path::Path;

use parser::cfg::{
    parse_cfg, CfgError, CfgValue, CfgValueKind, ConstantBinding, ModelConfig, Name,
};
use parser::diag::{render_plain, IntoDiagnostic};
use parser::span::{FileId, Files};

/// The workspace root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn parse_str(src: &str) -> (Files, FileId, Result<ModelConfig, Vec<CfgError>>) {
    let mut files = Files::new();
    let id = files.add("test.cfg", None, src);
    let r = parse_cfg(&files, id);
    (files, id, r)
}

fn ok(src: &str) -> ModelConfig {
    let (files, _, r) = parse_str(src);
    match r {
        Ok(c) => c,
        Err(errs) => panic!("{}", render(&files, &errs)),
    }
}

fn errors(src: &str) -> Vec<CfgError> {
    parse_str(src).2.expect_err("expected errors")
}

fn render(files: &Files, errs: &[CfgError]) -> String {
    let diags: Vec<_> = errs.iter().map(|e| e.to_diagnostic()).collect();
    render_plain(files, &diags)
}

/// Adds the file at `path` under its workspace-relative name.
fn add_fixture(files: &mut Files, path: &Path) -> FileId {
    let src = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    files.add(name, Some(path), src)
}

/// A value's span covers exactly the value as written.
fn check_value_span(files: &Files, v: &CfgValue) {
    let text = files.slice(v.span);
    match &v.kind {
        CfgValueKind::Int(n) => {
            assert!(
                text == n.to_string() || text.starts_with('\\'),
                "{text} vs {n}"
            )
        }
        CfgValueKind::Str(_) => assert!(text.starts_with('"') && text.ends_with('"'), "{text}"),
        CfgValueKind::Bool(b) => assert_eq!(text, if *b { "TRUE" } else { "FALSE" }),
        CfgValueKind::ModelValue(m) => assert_eq!(text, m),
        CfgValueKind::Set(elems) => {
            assert!(text.starts_with('{') && text.ends_with('}'), "{text}");
            for e in elems {
                assert!(v.span.start < e.span.start && e.span.end < v.span.end);
                check_value_span(files, e);
            }
        }
    }
}

/// Every name's and value's span covers exactly what was written.
fn check_spans(files: &Files, cfg: &ModelConfig) {
    let mut names: Vec<&Name> = Vec::new();
    for b in &cfg.constants {
        match b {
            ConstantBinding::Value {
                name,
                module,
                args,
                value,
            } => {
                names.push(name);
                names.extend(module);
                args.iter()
                    .chain([value])
                    .for_each(|v| check_value_span(files, v));
            }
            ConstantBinding::Replace { name, module, by } => {
                names.push(name);
                names.extend(module);
                names.push(by);
            }
        }
    }
    for opt in [
        &cfg.init,
        &cfg.next,
        &cfg.specification,
        &cfg.symmetry,
        &cfg.view,
        &cfg.alias,
    ] {
        names.extend(opt);
    }
    for list in [
        &cfg.invariants,
        &cfg.properties,
        &cfg.constraints,
        &cfg.action_constraints,
        &cfg.postconditions,
    ] {
        names.extend(list);
    }
    for n in names {
        assert_eq!(files.slice(n.span), n.name, "span of {n:?}");
    }
    if let Some((b, span)) = cfg.check_deadlock {
        assert_eq!(files.slice(span), if b { "TRUE" } else { "FALSE" });
    }
}

#[test]
fn ok_fixtures() {
    insta::glob!("../../fixtures/cfg/ok", "*.cfg", |path| {
        let mut files = Files::new();
        let id = add_fixture(&mut files, path);
        let cfg = match parse_cfg(&files, id) {
            Ok(c) => c,
            Err(errs) => panic!("{}", render(&files, &errs)),
        };
        check_spans(&files, &cfg);
        insta::assert_snapshot!(serde_json::to_string_pretty(&cfg).unwrap());
    });
}

#[test]
fn error_fixtures() {
    insta::glob!("../../fixtures/cfg/errors", "*.cfg", |path| {
        let mut files = Files::new();
        let id = add_fixture(&mut files, path);
        let errs = match parse_cfg(&files, id) {
            Ok(c) => panic!("{} parsed without errors: {c:#?}", path.display()),
            Err(errs) => errs,
        };
        insta::assert_snapshot!(render(&files, &errs));
    });
}

/// Each fixture in `errors/` is about one mistake, except `several_errors`.
#[test]
fn error_fixtures_report_one_error_each() {
    let dir = root().join("fixtures/cfg/errors");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "cfg") || path.ends_with("several_errors.cfg") {
            continue;
        }
        let mut files = Files::new();
        let id = add_fixture(&mut files, &path);
        let errs = parse_cfg(&files, id).expect_err("an error");
        let expected = if path.ends_with("tuple_value.cfg") {
            2
        } else {
            1
        };
        assert_eq!(
            errs.len(),
            expected,
            "{}:\n{}",
            path.display(),
            render(&files, &errs)
        );
    }
}

#[test]
fn several_errors_are_collected() {
    let src =
        std::fs::read_to_string(root().join("fixtures/cfg/errors/several_errors.cfg")).unwrap();
    let errs = errors(&src);
    let kinds: Vec<&str> = errs
        .iter()
        .map(|e| match e {
            CfgError::MissingValue { .. } => "missing-value",
            CfgError::UnclosedBrace { .. } => "unclosed-brace",
            CfgError::MissingName { .. } => "missing-name",
            CfgError::Unexpected { .. } => "unexpected",
            CfgError::Duplicate { .. } => "duplicate",
            CfgError::ExpectedBool { .. } => "expected-bool",
            CfgError::SpecWithInitNext { .. } => "spec-with-init-next",
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "missing-value",
            "unclosed-brace",
            "missing-name",
            "unexpected",
            "duplicate",
            "expected-bool",
            "spec-with-init-next",
        ]
    );
}

/// The model files shipped with the repository's specs all read.
#[test]
fn spec_models_parse() {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "cfg") {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&root().join("specs"), &mut paths);
    for path in paths {
        let mut files = Files::new();
        let id = add_fixture(&mut files, &path);
        match parse_cfg(&files, id) {
            Ok(cfg) => check_spans(&files, &cfg),
            Err(errs) => panic!("{}", render(&files, &errs)),
        }
    }
}

/// No input makes the reader panic or produce a span outside the file or
/// inside a character: every prefix of every fixture is read and its
/// diagnostics rendered.
#[test]
fn prefixes_never_panic() {
    for sub in ["fixtures/cfg/ok", "fixtures/cfg/errors"] {
        for entry in std::fs::read_dir(root().join(sub)).unwrap() {
            let src = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for end in (0..=src.len()).filter(|&i| src.is_char_boundary(i)) {
                let prefix = &src[..end];
                let (files, _, r) = parse_str(prefix);
                if let Err(errs) = r {
                    for e in &errs {
                        for l in &e.to_diagnostic().labels {
                            assert!(l.range.end <= prefix.len(), "{e:?} in {prefix:?}");
                            assert!(prefix.is_char_boundary(l.range.start));
                            assert!(prefix.is_char_boundary(l.range.end));
                        }
                    }
                    assert!(!render(&files, &errs).is_empty());
                }
            }
        }
    }
}

#[test]
fn model_value_named_like_its_constant() {
    let cfg = ok("CONSTANTS None = None");
    let [ConstantBinding::Value {
        name,
        args,
        module,
        value,
    }] = &cfg.constants[..]
    else {
        panic!("{cfg:?}")
    };
    assert_eq!(name.name, "None");
    assert!(args.is_empty() && module.is_none());
    assert_eq!(value.kind, CfgValueKind::ModelValue("None".into()));
}

#[test]
fn values() {
    let cfg = ok(r#"CONSTANT A = -7 B = \h1f C = "q\"\\\t" D = {} E = {{}, {x}} F = TRUE"#);
    let kinds: Vec<_> = cfg
        .constants
        .iter()
        .map(|b| match b {
            ConstantBinding::Value { value, .. } => value.kind.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    use CfgValueKind::*;
    let x = |n: &str| ModelValue(n.into());
    assert_eq!(kinds[0], Int(-7));
    assert_eq!(kinds[1], Int(31));
    assert_eq!(kinds[2], Str("q\"\\\t".into()));
    assert_eq!(kinds[3], Set(vec![]));
    match &kinds[4] {
        Set(v) => {
            assert_eq!(v[0].kind, Set(vec![]));
            match &v[1].kind {
                Set(inner) => assert_eq!(inner[0].kind, x("x")),
                other => panic!("{other:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(kinds[5], Bool(true));
}

#[test]
fn extreme_integers() {
    let cfg = ok("CONSTANTS Min = -9223372036854775808 Max = 9223372036854775807");
    let ints: Vec<_> = cfg
        .constants
        .iter()
        .map(|b| match b {
            ConstantBinding::Value { value, .. } => value.kind.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        ints,
        [CfgValueKind::Int(i64::MIN), CfgValueKind::Int(i64::MAX)]
    );
    assert!(matches!(
        &errors("CONSTANTS X = 9223372036854775808")[..],
        [CfgError::IntOutOfRange { .. }]
    ));
}

#[test]
fn repeated_list_sections_accumulate() {
    let cfg = ok("INVARIANT A\nPROPERTY P\nINVARIANTS B\n  C\nINVARIANT D");
    let names: Vec<_> = cfg.invariants.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
    assert_eq!(cfg.properties.len(), 1);
}

#[test]
fn comments_anywhere() {
    let cfg = ok("INIT(*x*)Init\\* c\nNEXT (* (* nested *) still comment *) Next");
    assert_eq!(cfg.init.unwrap().name, "Init");
    assert_eq!(cfg.next.unwrap().name, "Next");
}

#[test]
fn keywords_are_case_sensitive() {
    // `Init` in a CONSTANTS section is an ordinary constant name.
    let cfg = ok("CONSTANTS Init <- MCInit Next = 1");
    assert_eq!(cfg.constants.len(), 2);
    assert!(cfg.init.is_none());
}

#[test]
fn spec_and_init_conflict_names_both() {
    let errs = errors("INIT I\nSPECIFICATION S\nNEXT N");
    let [CfgError::SpecWithInitNext { init, next, .. }] = &errs[..] else {
        panic!("{errs:?}")
    };
    assert!(init.is_some() && next.is_some());
}

#[test]
fn crlf_and_unterminated_line_comment() {
    let cfg =
        ok("CONSTANTS\r\n  S = \"a\"\r\n  T = {x,\r\n y}\r\nINIT Init \\* no newline at the end");
    assert_eq!(cfg.constants.len(), 2);
    assert_eq!(cfg.init.unwrap().name, "Init");
}

#[test]
fn values_may_follow_on_the_next_line() {
    let cfg = ok("CONSTANTS\n  X =\n    3\n  Y =\n    y\n  B <- [M]\n    D\nINIT\n  Init");
    assert_eq!(cfg.constants.len(), 3);
}

#[test]
fn errors_are_sorted_and_recovery_continues_after_lexical_errors() {
    let errs = errors("CONSTANTS A = \"x\ny\" B = {1, 2}; C = <<1>>\nINIT");
    let starts: Vec<u32> = errs.iter().map(|e| e.span().start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert!(errs.len() >= 3, "{errs:?}");
}
