//! Helpers for friendlier unknown-name errors: what a module defines (to
//! tell "defined later" from "not defined"), and the closest known name
//! (to suggest a fix for a typo).

use crate::ast::*;
use crate::span::Span;
use std::collections::HashMap;

/// The names a module defines or declares at its top level, with where.
pub(super) fn top_level_names(m: &Module) -> HashMap<String, Span> {
    let mut out = HashMap::new();
    let mut add = |n: &Ident| {
        out.entry(n.name.clone()).or_insert(n.span);
    };
    for u in &m.units {
        match &u.kind {
            UnitKind::Variables(vs) => vs.iter().for_each(&mut add),
            UnitKind::Constants(ds) | UnitKind::Recursive(ds) => {
                ds.iter().for_each(|d| add(&d.name))
            }
            UnitKind::OpDef(d) => add(&d.name),
            UnitKind::FunDef(d) => add(&d.name),
            UnitKind::ModuleDef(d) => add(&d.name),
            UnitKind::Assume(Assume { name: Some(n), .. }) => add(n),
            UnitKind::Theorem(Theorem { name: Some(n), .. }) => add(n),
            _ => {}
        }
    }
    out
}

/// The name among `names` closest to `name` in edit distance, if it is
/// close enough to be a likely typo.
pub(super) fn closest<'n>(name: &str, names: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    let limit = match name.chars().count() {
        0..=2 => return None,
        3..=5 => 1,
        _ => 2,
    };
    let mut best: Option<(usize, &str)> = None;
    for n in names {
        if n == name || n.starts_with('<') {
            continue;
        }
        let d = edit_distance(name, n);
        if d <= limit && best.is_none_or(|(b, bn)| d < b || (d == b && n < bn)) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n)
}

/// Levenshtein distance (with transpositions counted as one edit).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}
