//! Feeds arbitrary UTF-8 to the lexer and parser: no input may panic, and
//! whatever parses must print back to text that parses to the same tree
//! (print, parse, print: same text).
//!
//! The input is tried as a whole file, and wrapped in a module header and
//! footer (most random inputs lack one and would stop at the lexer), and as
//! a bare expression.

#![no_main]

use libfuzzer_sys::fuzz_target;
use parser::diag::render_plain;
use parser::parse::{parse_expr, parse_file};
use parser::print;
use parser::span::Files;

fn file(src: &str) {
    let mut files = Files::new();
    let id = files.add("fuzz.tla", None, src);
    let (ms, diags) = parse_file(&files, id);
    let _ = render_plain(&files, &diags);
    if !diags.is_empty() || ms.is_empty() {
        return;
    }
    let printed = print::modules(&ms);
    let id2 = files.add("printed.tla", None, printed.clone());
    let (ms2, diags2) = parse_file(&files, id2);
    assert!(
        diags2.is_empty(),
        "the printed module does not parse:\n{}\n--- printed:\n{printed}",
        render_plain(&files, &diags2)
    );
    assert_eq!(printed, print::modules(&ms2), "printing is not stable");
}

fn expr(src: &str) {
    let mut files = Files::new();
    let id = files.add("expr", None, src);
    match parse_expr(&files, id) {
        Ok(e) => {
            let printed = print::expr(&e);
            let id2 = files.add("printed", None, printed.clone());
            let e2 = parse_expr(&files, id2).unwrap_or_else(|d| {
                panic!(
                    "the printed expression does not parse:\n{}\n--- printed:\n{printed}",
                    render_plain(&files, &d)
                )
            });
            assert_eq!(printed, print::expr(&e2), "printing is not stable");
        }
        Err(d) => {
            let _ = render_plain(&files, &d);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    file(src);
    file(&format!("---- MODULE M ----\n{src}\n===="));
    expr(src);
});
