//! The mistakes people make, one per file in `fixtures/parse-errors/`: each
//! is loaded with the module loader and its rendered diagnostics are
//! snapshotted. Every file there is rejected by SANY too.
//!
//! Also: no input makes the loader panic, neither a fixture nor any prefix
//! (cut at a line end) of a module in `specs/` or of a fixture.

use std::path::{Path, PathBuf};

use parser::diag::render_plain;
use parser::load::Loader;
use parser::span::Files;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// Loads `path` given relative to the workspace root (so that file names
/// in the diagnostics are relative) and renders its diagnostics.
fn diagnostics(rel: &Path) -> (bool, String) {
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(
        cwd,
        Path::new(env!("CARGO_MANIFEST_DIR")),
        "tests run in the crate's folder"
    );
    let path = Path::new("..").join(rel);
    let loaded = Loader::default().load(&path).unwrap();
    let text = render_plain(&loaded.set.files, &loaded.diagnostics);
    (loaded.has_errors(), text.replace("../", ""))
}

#[test]
fn error_fixtures() {
    insta::glob!("../../fixtures/parse-errors", "*.tla", |path| {
        let rel = Path::new("fixtures/parse-errors").join(path.file_name().unwrap());
        let rel = rel.as_path();
        let (errors, text) = diagnostics(rel);
        assert!(errors, "{} loads without error", rel.display());
        insta::assert_snapshot!(text);
    });
}

/// Every `.tla` file under `dir`, sorted.
fn tla_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tla") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Parses `src` (and, with `load`, loads and name-checks it through the
/// loader); only a panic is a failure. Diagnostics are rendered too, since
/// rendering can panic on a bad span.
fn must_not_panic(name: &str, src: &str, load: bool) {
    if load {
        let dir = std::env::temp_dir().join(format!("tlatrace-prefix-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, src).unwrap();
        let loaded = Loader::default().load(&path).unwrap();
        let _ = render_plain(&loaded.set.files, &loaded.diagnostics);
    }
    let mut files = Files::new();
    let id = files.add(name, None, src);
    let (ms, diags) = parser::parse::parse_file(&files, id);
    let _ = render_plain(&files, &diags);
    let _ = parser::print::modules(&ms);
}

#[test]
fn no_panic_on_fixtures_and_prefixes() {
    let mut inputs = tla_files(&root().join("fixtures/parse-errors"));
    inputs.extend(tla_files(&root().join("fixtures/parse-ok")));
    inputs.extend(tla_files(&root().join("specs")));
    assert!(inputs.len() > 40);
    for path in &inputs {
        let src = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut cut = 0;
        for line in src.split_inclusive('\n') {
            cut += line.len();
            let prefix = &src[..cut];
            let r = std::panic::catch_unwind(|| must_not_panic(&name, prefix, true));
            assert!(
                r.is_ok(),
                "panic on {} cut after byte {cut}:\n{prefix}",
                path.display()
            );
            // Also cut in the middle of the line's last token.
            if line.trim_end().len() > 1 {
                let mid = cut - (line.len() - line.trim_end().len()) - 1;
                if src.is_char_boundary(mid) {
                    let p2 = &src[..mid];
                    let r = std::panic::catch_unwind(|| must_not_panic(&name, p2, false));
                    assert!(r.is_ok(), "panic on {} cut at byte {mid}", path.display());
                }
            }
        }
    }
}
