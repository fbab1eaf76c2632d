//! Rust names for TLA+ names: snake-case fields, camel-case types and
//! variants, keywords avoided, and distinct names within one namespace.

use crate::infer::Ty;
use std::collections::BTreeSet;

/// Rust's strict and reserved keywords: a name that is one gets `r#` (or a
/// `_` suffix where `r#` is not allowed).
pub(super) const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// `maxVBal` -> `max_vbal`, `1a` -> `x1a`, a valid Rust field name.
pub(super) fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() {
                if prev_lower {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
                prev_lower = false;
            } else {
                out.push(c);
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            }
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let mut out = out.trim_matches('_').to_string();
    if out.is_empty() {
        out.push('x');
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'x');
    }
    if KEYWORDS.contains(&out.as_str()) {
        if matches!(out.as_str(), "self" | "Self" | "super" | "crate") {
            out.push('_');
        } else {
            out.insert_str(0, "r#");
        }
    }
    out
}

/// `maxBal` -> `MaxBal`, `1a` -> `T1a`, a valid Rust type or variant name.
pub(super) fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if up {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            up = false;
        } else {
            up = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// A Rust string literal for `s`.
pub(super) fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// The Rust field names of the variables bound inside an action, distinct
/// from its parameters' (`names`): the snake-case name, or, when that is
/// taken (`Q` and `q` in one action), the TLA+ name itself if it is a
/// valid identifier, or a numbered one.
pub(super) fn inner_ids(inner: &[(String, Ty)], names: &mut Names) -> Vec<String> {
    let mut ids: Vec<Option<String>> = vec![None; inner.len()];
    // Names already in snake case first: they keep their spelling.
    for (i, (n, _)) in inner.iter().enumerate() {
        if snake(n) == *n && !names.0.contains(n) {
            ids[i] = Some(names.fresh(n));
        }
    }
    for (i, (n, _)) in inner.iter().enumerate() {
        if ids[i].is_some() {
            continue;
        }
        let s = snake(n);
        let plain = n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && !KEYWORDS.contains(&n.as_str());
        ids[i] = Some(if !names.0.contains(&s) {
            names.fresh(&s)
        } else if plain && !names.0.contains(n) {
            names.fresh(n)
        } else {
            names.fresh(&s)
        });
    }
    ids.into_iter().flatten().collect()
}

/// Distinct names in one namespace.
#[derive(Default)]
pub(super) struct Names(pub(super) BTreeSet<String>);

impl Names {
    pub(super) fn fresh(&mut self, base: &str) -> String {
        let mut name = base.to_string();
        let mut i = 2;
        while self.0.contains(&name) {
            name = format!("{base}{i}");
            i += 1;
        }
        self.0.insert(name.clone());
        name
    }
}
