//! Snapshots of how the parser groups TLA+: each case is printed back fully
//! parenthesised by `parser::print` (bullet lists stay bullet lists), so
//! a snapshot shows the tree. Every expected grouping was checked against
//! SANY (by exporting SANY's tree of the input and of the printed output
//! with `tla2sany.xml.XMLExporter` and comparing them).
//!
//! Also: the module fixtures in `fixtures/parse-ok/`, and a round trip
//! (print, parse, print again: same text) over `specs/`, the bundled modules
//! and the fixtures. `TLA_CORPUS=DIR cargo test -p parser --test
//! ast -- --ignored` runs the round trip over every `.tla` file under DIR.

use std::path::{Path, PathBuf};

use parser::diag::render_plain;
use parser::parse::{parse_expr, parse_file};
use parser::print;
use parser::span::Files;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// Parses an expression and prints it back.
fn show(src: &str) -> String {
    let mut files = Files::new();
    let id = files.add("case", None, src);
    match parse_expr(&files, id) {
        Ok(e) => print::expr(&e),
        Err(d) => panic!("`{src}` does not parse:\n{}", render_plain(&files, &d)),
    }
}

/// Snapshots a list of cases as `input` / `=> output` pairs.
macro_rules! assert_cases {
    ($list:expr) => {
        insta::with_settings!({ omit_expression => true }, {
            insta::assert_snapshot!(cases(&$list));
        })
    };
}

/// Renders a list of cases as `input` / `=> output` pairs.
fn cases(list: &[&str]) -> String {
    let mut out = String::new();
    for src in list {
        let shown = show(src);
        out.push_str(src);
        out.push('\n');
        for (k, line) in shown.lines().enumerate() {
            out.push_str(if k == 0 { "  => " } else { "     " });
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Parses a whole file and prints its modules; panics on any diagnostic.
fn show_file(name: &str, src: &str) -> String {
    let mut files = Files::new();
    let id = files.add(name, None, src);
    let (ms, diags) = parse_file(&files, id);
    assert!(
        diags.is_empty(),
        "{name} does not parse:\n{}",
        render_plain(&files, &diags)
    );
    print::modules(&ms)
}

#[test]
fn precedence() {
    assert_cases!([
        "a + b * c",
        "a * b + c",
        "a - b - c",
        // `-` (11) binds tighter than `+` (10), as in SANY.
        "a + b - c",
        "a - b + c",
        "a + b + c",
        "~a = b",
        "~a /\\ b",
        "~ ~a",
        "-a^2",
        "-a * b",
        "-a + b",
        "- - a",
        "a - -b",
        "a = -1",
        "-1 .. 1",
        "a \\in S \\cup T",
        "x \\notin S \\ T",
        "x' = y + 1 /\\ z",
        "x' # y'",
        "a /\\ b /\\ c",
        "a \\/ b \\/ c",
        "a /\\ b => c \\/ d",
        "P => Q /\\ R",
        "a <=> b /\\ c",
        "a ~> b",
        "P -+-> Q",
        "A \\X B \\X C",
        "(A \\X B) \\X C",
        "A \\X (B \\X C)",
        "A \\X B \\cup C",
        "A \\cup B \\X C",
        "x \\in A \\X B",
        "SUBSET S \\cup T",
        "SUBSET SUBSET S",
        "UNION S \\cup T",
        "DOMAIN f \\cup g",
        "DOMAIN f[x]",
        "SUBSET a^b",
        "[]P => Q",
        "<>[]P",
        "[]<>P /\\ Q",
        "[][Next]_vars /\\ WF_vars(Next)",
        "ENABLED A /\\ B",
        "UNCHANGED x /\\ y",
        "x \\in 1..n+1",
        "1..n - 1",
        "a \\cdot b \\cdot c",
        "a :> 1 @@ b :> 2",
        "s \\o t \\o u",
        "a (+) b (+) c",
        "a \\oplus b",
        "f[x]'",
        "x'[i]",
        "r.a.b'",
        "a <= b",
        "a =< b",
        "a \\leq b",
        "S \\subseteq T",
        "S \\union T \\cup U",
    ]);
}

#[test]
fn bullets() {
    assert_cases!([
        "/\\ a\n/\\ b",
        "/\\ a\n/\\ \\/ b\n   \\/ c\n/\\ d",
        // The item continues on the next line, right of its bullet.
        "/\\ a =\n     b\n/\\ c",
        // A token at the bullet's column that is not a bullet ends the
        // list: here `\\/` is infix.
        "  /\\ a\n  /\\ b\n\\/ c",
        // A `/\\` inside an item's line is infix.
        "/\\ a /\\ b\n/\\ c",
        // Lists closed by `)`, `}`, `THEN`, `,`, `>>`.
        "(/\\ a\n /\\ b) \\/ c",
        "{x \\in S : /\\ a\n           /\\ b}",
        // Misaligned: this second `/\\` is right of the first, so it is an
        // infix `/\\` inside the first item.
        "{x \\in S : /\\ a\n            /\\ b}",
        "IF /\\ a\n   /\\ b THEN c ELSE d",
        "<</\\ a\n  /\\ b, c>>",
        "f(/\\ a\n  /\\ b, c)",
        // A list as the body of a quantifier inside a list.
        "/\\ \\E s \\in S :\n      /\\ s = x\n      /\\ a\n/\\ b",
        "\\/ /\\ a\n   /\\ b\n\\/ c",
    ]);
}

#[test]
fn forms() {
    assert_cases!([
        "IF a THEN b ELSE c + 1",
        "IF a THEN IF b THEN c ELSE d ELSE e",
        "1 + IF a THEN 2 ELSE 3 + 4",
        "CASE a -> b [] c -> d",
        "CASE a -> b [] c -> d [] OTHER -> e",
        "CASE a -> (CASE b -> c) [] d -> e",
        "LET f(x) == x + 1 g == 2 IN f(g) * 3",
        "LET RECURSIVE f(_) f(n) == IF n = 0 THEN 0 ELSE f(n - 1) IN f(3)",
        "LET h[n \\in Nat] == n IN h[1]",
        "CHOOSE x : P(x)",
        "CHOOSE x \\in S : x > 1",
        "CHOOSE <<x, y>> \\in S \\X T : x = y",
        "\\A x \\in S : P(x) /\\ Q",
        "\\A x \\in S, y, z \\in T : P(x, y, z)",
        "\\E <<x, y>> \\in S : x = y",
        "\\A x, y : x = y",
        "\\E x \\in S : \\A y \\in T : x = y",
        "a /\\ \\E x \\in S : x = a /\\ b",
        "\\EE x, y : P(x, y)",
        "\\AA x : P(x)",
        "F(LAMBDA x, y : x + y, 1)",
        "F(LAMBDA x : x * 2, 3)",
        "lbl :: x = 1",
        "lbl(a, b) :: a = b",
    ]);
}

#[test]
fn sets_functions_records() {
    assert_cases!([
        "{}",
        "{1, 2, 3}",
        "{x \\in S : P(x)}",
        "{x \\in S \\cup T : P(x)}",
        "{e : x \\in S, y \\in T}",
        "{x + y : x, y \\in S}",
        "{<<x, y>> \\in S \\X T : P}",
        "{<<x, y>> : x \\in S}",
        "{x \\in S : x \\in T}",
        "[x \\in S |-> x + 1]",
        "[x \\in S, y \\in T |-> <<x, y>>]",
        "[x, y \\in S |-> x]",
        "[S -> T]",
        "[S -> [T -> U]]",
        "f[a]",
        "f[a, b]",
        "f[a][b]",
        "[a |-> 1, b |-> 2]",
        "[a : S, b : T]",
        "r.f",
        "r.f.g",
        "r[1].f",
        "<<>>",
        "<<a, b>>",
        "<<a, b>>[1]",
        "[f EXCEPT ![1] = 2]",
        "[f EXCEPT ![q][p].maxBal = Max(@, 1), ![r] = 2]",
        "[f EXCEPT ![a, b] = 3]",
        "[r EXCEPT !.f = @ + 1, !.g[1] = 0]",
        "[f EXCEPT ![1] = [@ EXCEPT ![2] = 3]]",
    ]);
}

#[test]
fn names_and_literals() {
    assert_cases!([
        "V!Op(x)",
        "V!Spec",
        "I(1)!Op",
        "I(1)!J(2)!Op2(3)",
        "Inv!2",
        "Inv!2!1",
        "Thm!:",
        "Op(1)!lbl",
        "Op!<<",
        "Op!>>",
        "Op!@",
        "Op!(1, 2)",
        "V!+(1, 2)",
        "F(+, x)",
        "F(-., x)",
        "F(\\cup)",
        // Operators in functional notation.
        "<(x, y)",
        "3 * +(1, 2)",
        "\\cup(S, T)",
        "-.(x)",
        "\\b101",
        "\\B11",
        "\\o17",
        "\\O7",
        "\\hFF",
        "\\Hff",
        "007",
        "3.14",
        "123456789012345678901234567890",
        r#""""#,
        r#""plain""#,
        r#""quote \" inside""#,
        r#""back\\slash""#,
        r#""tab\tnew\nline""#,
        "TRUE /\\ FALSE",
        "x \\in BOOLEAN \\cup STRING",
        "[A]_v",
        "[A]_<<x, y>>",
        "[A]_(x + y)",
        "[A]_V!vars",
        "<<A>>_v",
        "WF_vars(A)",
        "SF_<<x, y>>(A)",
        "WF_(x)(A)",
        "WF_V!vars(A)",
    ]);
}

#[test]
fn comments_between_tokens() {
    assert_cases!([
        "a (* block *) + b",
        "a (* nested (* block *) *) + b",
        "a + \\* line comment\n  b",
        "/\\ a \\* first\n/\\ b (* second *)",
    ]);
}

/// The module fixtures in `fixtures/parse-ok/`, printed back.
#[test]
fn ok_fixtures() {
    insta::glob!("../../fixtures/parse-ok", "*.tla", |path| {
        let src = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(show_file(&name, &src));
    });
}

/// Every fixture also loads (with its dependencies) with no diagnostic at
/// all: names resolve and arities match.
#[test]
fn ok_fixtures_load_cleanly() {
    let loader = parser::load::Loader::new(vec![]);
    for path in tla_files(&root().join("fixtures/parse-ok")) {
        let loaded = loader.load(&path).unwrap();
        assert!(
            loaded.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            render_plain(&loaded.set.files, &loaded.diagnostics)
        );
    }
}

// ---- round trip -------------------------------------------------------------

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

/// Prints `src`, parses the print, prints again; returns an error message
/// if the source does not parse or the two prints differ. A source that
/// does not parse is `Ok(false)`.
fn round_trip(name: &str, src: &str) -> Result<bool, String> {
    let mut files = Files::new();
    let id = files.add(name, None, src);
    let (ms, diags) = parse_file(&files, id);
    if !diags.is_empty() {
        return Ok(false);
    }
    let first = print::modules(&ms);
    let id2 = files.add(format!("{name} (printed)"), None, first.clone());
    let (ms2, diags2) = parse_file(&files, id2);
    if !diags2.is_empty() {
        return Err(format!(
            "{name}: the printed module does not parse:\n{}\n--- printed:\n{first}",
            render_plain(&files, &diags2)
        ));
    }
    let second = print::modules(&ms2);
    if first != second {
        let line = first
            .lines()
            .zip(second.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        return Err(format!(
            "{name}: printing is not stable; first difference at printed line {}:\n  {}\n  {}",
            line + 1,
            first.lines().nth(line).unwrap_or(""),
            second.lines().nth(line).unwrap_or("")
        ));
    }
    Ok(true)
}

fn round_trip_all(sources: impl IntoIterator<Item = (String, String)>) -> usize {
    let mut failures = vec![];
    let mut n = 0;
    for (name, src) in sources {
        match round_trip(&name, &src) {
            Ok(true) => n += 1,
            Ok(false) => {}
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    n
}

fn read_all(paths: Vec<PathBuf>) -> Vec<(String, String)> {
    paths
        .into_iter()
        .filter_map(|p| {
            let src = std::fs::read_to_string(&p).ok()?;
            Some((p.display().to_string(), src))
        })
        .collect()
}

#[test]
fn round_trip_specs_fixtures_and_bundled_modules() {
    let mut sources = read_all(tla_files(&root().join("specs")));
    sources.extend(read_all(tla_files(&root().join("fixtures/parse-ok"))));
    for m in parser::stdlib::modules() {
        let src = parser::stdlib::source(m).unwrap_or_default();
        sources.push((format!("<bundled>/{m}.tla"), src.to_string()));
    }
    let total = sources.len();
    let n = round_trip_all(sources);
    assert_eq!(n, total, "some of these files do not parse");
}

/// `TLA_CORPUS=DIR cargo test -p parser --test ast -- --ignored`:
/// the round trip over every `.tla` file under DIR (files that do not
/// parse are skipped and counted).
#[test]
#[ignore]
fn round_trip_corpus() {
    let Some(dir) = std::env::var_os("TLA_CORPUS") else {
        eprintln!("TLA_CORPUS is not set; nothing to do");
        return;
    };
    let sources = read_all(tla_files(Path::new(&dir)));
    let total = sources.len();
    let n = round_trip_all(sources);
    eprintln!("round trip: {n} of {total} files parse and print stably");
}
