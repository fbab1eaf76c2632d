//! The section keywords of `.cfg` files, as TLC spells them (singular and
//! plural forms), and the keyword a misspelt word most resembles.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kw {
    Constants,
    Init,
    Next,
    Specification,
    Invariants,
    Properties,
    Constraints,
    ActionConstraints,
    Postconditions,
    Symmetry,
    View,
    Alias,
    CheckDeadlock,
    /// Not accepted; the reason.
    Unsupported(&'static str),
}

/// Every keyword TLC accepts (for suggestions).
const KEYWORDS: &[&str] = &[
    "CONSTANT",
    "CONSTANTS",
    "INIT",
    "NEXT",
    "SPECIFICATION",
    "INVARIANT",
    "INVARIANTS",
    "PROPERTY",
    "PROPERTIES",
    "CONSTRAINT",
    "CONSTRAINTS",
    "ACTION_CONSTRAINT",
    "ACTION_CONSTRAINTS",
    "POSTCONDITION",
    "POSTCONDITIONS",
    "SYMMETRY",
    "VIEW",
    "ALIAS",
    "CHECK_DEADLOCK",
];

pub(super) fn keyword(word: &str) -> Option<Kw> {
    Some(match word {
        "CONSTANT" | "CONSTANTS" => Kw::Constants,
        "INIT" => Kw::Init,
        "NEXT" => Kw::Next,
        "SPECIFICATION" => Kw::Specification,
        "INVARIANT" | "INVARIANTS" => Kw::Invariants,
        "PROPERTY" | "PROPERTIES" => Kw::Properties,
        "CONSTRAINT" | "CONSTRAINTS" => Kw::Constraints,
        "ACTION_CONSTRAINT" | "ACTION_CONSTRAINTS" => Kw::ActionConstraints,
        "POSTCONDITION" | "POSTCONDITIONS" => Kw::Postconditions,
        "SYMMETRY" => Kw::Symmetry,
        "VIEW" => Kw::View,
        "ALIAS" => Kw::Alias,
        "CHECK_DEADLOCK" => Kw::CheckDeadlock,
        "TYPE" => Kw::Unsupported(
            "TLC dropped the TYPE keyword in July 2020 (it had no effect); remove the section",
        ),
        "TYPE_CONSTRAINT" => Kw::Unsupported(
            "TLC dropped TYPE_CONSTRAINT in July 2020 (POSTCONDITION took its place); use CONSTRAINT or INVARIANT",
        ),
        "_PERIODIC" | "_RL_REWARD" | "_POSSIBLE" => {
            Kw::Unsupported("this is an experimental TLC keyword that tlatrace does not support")
        }
        _ => return None,
    })
}

/// The keyword `word` is probably a misspelling of, if any.
pub(super) fn suggest_keyword(word: &str) -> Option<&'static str> {
    let upper = word.to_ascii_uppercase();
    let mut best: Option<(usize, &'static str)> = None;
    for kw in KEYWORDS {
        let d = edit_distance(&upper, kw);
        let limit = if kw.len() >= 6 { 2 } else { 1 };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, kw));
        }
    }
    best.map(|(_, kw)| kw)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
