//! Feeds arbitrary UTF-8 to the reader of TLC model files (`.cfg`): no
//! input may panic; every error must render as a diagnostic, and a model
//! that reads must serialise to JSON.

#![no_main]

use libfuzzer_sys::fuzz_target;
use parser::cfg::parse_cfg;
use parser::diag::{render_plain, IntoDiagnostic};
use parser::span::Files;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let mut files = Files::new();
    let id = files.add("fuzz.cfg", None, src);
    match parse_cfg(&files, id) {
        Ok(cfg) => {
            let _ = serde_json::to_string(&cfg);
        }
        Err(errs) => {
            assert!(!errs.is_empty(), "a failed read reports no error");
            let diags: Vec<_> = errs.iter().map(|e| e.to_diagnostic()).collect();
            let _ = render_plain(&files, &diags);
        }
    }
});
