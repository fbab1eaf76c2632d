//! The TLA+ library modules bundled with tlatrace.
//!
//! Specifications `EXTEND` or `INSTANCE` library modules that they do not ship
//! themselves: TLC's standard modules (`Naturals`, `Sequences`, `TLC`, ...,
//! and the helper modules inside `tla2tools.jar` such as `_TLCTrace`), the
//! CommunityModules (`Functions`, `SequencesExt`, `Graphs`, ...), the TLAPS
//! library (`TLAPS`, `NaturalsInduction`, `FiniteSetTheorems`, ...) and
//! Apalache's `Apalache`, `Variants` and `Option`.  tlatrace carries its own
//! rendition of each of them, written for tlatrace, so that such specs load
//! without any extra files.
//!
//! Every bundled module exports exactly the names (with the same arities and
//! the same `LOCAL`-ness) as the module it stands for, and each file parses
//! with SANY.  Operators that cannot be evaluated from their TLA+ definition
//! (primitives such as `Nat` or `+`, side effects such as `Print` or
//! `IOExec`, and operators whose definition quantifies over an infinite set)
//! are preceded by the comment `(* Built in: implemented natively by
//! tlatrace. *)`; the evaluator must supply those itself.  The TLAPS library
//! modules contain theorem statements only, without proofs.
//!
//! The module texts live in `parser/stdlib/<Module>.tla` and are compiled
//! into the binary with [`include_str!`].

/// The names of all bundled modules, sorted (byte-wise, as `str` orders them).
pub const MODULES: &[&str] = &[
    "Apalache",
    "Bags",
    "BagsExt",
    "BagsTheorems",
    "Bitwise",
    "CSV",
    "Combinatorics",
    "DifferentialEquations",
    "DyadicRationals",
    "FiniteSetTheorems",
    "FiniteSets",
    "FiniteSetsExt",
    "FiniteSetsExtTheorems",
    "Folds",
    "FoldsTheorems",
    "FunctionTheorems",
    "Functions",
    "GraphTheorems",
    "GraphViz",
    "Graphs",
    "HTML",
    "IOUtils",
    "Integers",
    "Json",
    "Naturals",
    "NaturalsInduction",
    "Option",
    "Quorum",
    "QuorumTheorems",
    "Randomization",
    "RealTime",
    "Reals",
    "Relation",
    "SVG",
    "SequenceTheorems",
    "Sequences",
    "SequencesExt",
    "SequencesExtTheorems",
    "ShiViz",
    "Statistics",
    "TLAPS",
    "TLC",
    "TLCExt",
    "Toolbox",
    "UndirectedGraphs",
    "Variants",
    "VectorClocks",
    "WellFoundedInduction",
    "_DotTrace",
    "_JsonTrace",
    "_TLAPlusCounterExample",
    "_TLAPlusDebugger",
    "_TLCActionTrace",
    "_TLCTESpec",
    "_TLCTrace",
    "_TLCTracePlain",
];

/// Returns the text of the bundled module called `module`, or `None` if
/// tlatrace does not bundle a module of that name.
///
/// The name is matched exactly (module names are case-sensitive).
pub fn source(module: &str) -> Option<&'static str> {
    let text = match module {
        "Apalache" => include_str!("../stdlib/Apalache.tla"),
        "Bags" => include_str!("../stdlib/Bags.tla"),
        "BagsExt" => include_str!("../stdlib/BagsExt.tla"),
        "BagsTheorems" => include_str!("../stdlib/BagsTheorems.tla"),
        "Bitwise" => include_str!("../stdlib/Bitwise.tla"),
        "CSV" => include_str!("../stdlib/CSV.tla"),
        "Combinatorics" => include_str!("../stdlib/Combinatorics.tla"),
        "DifferentialEquations" => include_str!("../stdlib/DifferentialEquations.tla"),
        "DyadicRationals" => include_str!("../stdlib/DyadicRationals.tla"),
        "FiniteSetTheorems" => include_str!("../stdlib/FiniteSetTheorems.tla"),
        "FiniteSets" => include_str!("../stdlib/FiniteSets.tla"),
        "FiniteSetsExt" => include_str!("../stdlib/FiniteSetsExt.tla"),
        "FiniteSetsExtTheorems" => include_str!("../stdlib/FiniteSetsExtTheorems.tla"),
        "Folds" => include_str!("../stdlib/Folds.tla"),
        "FoldsTheorems" => include_str!("../stdlib/FoldsTheorems.tla"),
        "FunctionTheorems" => include_str!("../stdlib/FunctionTheorems.tla"),
        "Functions" => include_str!("../stdlib/Functions.tla"),
        "GraphTheorems" => include_str!("../stdlib/GraphTheorems.tla"),
        "GraphViz" => include_str!("../stdlib/GraphViz.tla"),
        "Graphs" => include_str!("../stdlib/Graphs.tla"),
        "HTML" => include_str!("../stdlib/HTML.tla"),
        "IOUtils" => include_str!("../stdlib/IOUtils.tla"),
        "Integers" => include_str!("../stdlib/Integers.tla"),
        "Json" => include_str!("../stdlib/Json.tla"),
        "Naturals" => include_str!("../stdlib/Naturals.tla"),
        "NaturalsInduction" => include_str!("../stdlib/NaturalsInduction.tla"),
        "Option" => include_str!("../stdlib/Option.tla"),
        "Quorum" => include_str!("../stdlib/Quorum.tla"),
        "QuorumTheorems" => include_str!("../stdlib/QuorumTheorems.tla"),
        "Randomization" => include_str!("../stdlib/Randomization.tla"),
        "RealTime" => include_str!("../stdlib/RealTime.tla"),
        "Reals" => include_str!("../stdlib/Reals.tla"),
        "Relation" => include_str!("../stdlib/Relation.tla"),
        "SVG" => include_str!("../stdlib/SVG.tla"),
        "SequenceTheorems" => include_str!("../stdlib/SequenceTheorems.tla"),
        "Sequences" => include_str!("../stdlib/Sequences.tla"),
        "SequencesExt" => include_str!("../stdlib/SequencesExt.tla"),
        "SequencesExtTheorems" => include_str!("../stdlib/SequencesExtTheorems.tla"),
        "ShiViz" => include_str!("../stdlib/ShiViz.tla"),
        "Statistics" => include_str!("../stdlib/Statistics.tla"),
        "TLAPS" => include_str!("../stdlib/TLAPS.tla"),
        "TLC" => include_str!("../stdlib/TLC.tla"),
        "TLCExt" => include_str!("../stdlib/TLCExt.tla"),
        "Toolbox" => include_str!("../stdlib/Toolbox.tla"),
        "UndirectedGraphs" => include_str!("../stdlib/UndirectedGraphs.tla"),
        "Variants" => include_str!("../stdlib/Variants.tla"),
        "VectorClocks" => include_str!("../stdlib/VectorClocks.tla"),
        "WellFoundedInduction" => include_str!("../stdlib/WellFoundedInduction.tla"),
        "_DotTrace" => include_str!("../stdlib/_DotTrace.tla"),
        "_JsonTrace" => include_str!("../stdlib/_JsonTrace.tla"),
        "_TLAPlusCounterExample" => include_str!("../stdlib/_TLAPlusCounterExample.tla"),
        "_TLAPlusDebugger" => include_str!("../stdlib/_TLAPlusDebugger.tla"),
        "_TLCActionTrace" => include_str!("../stdlib/_TLCActionTrace.tla"),
        "_TLCTESpec" => include_str!("../stdlib/_TLCTESpec.tla"),
        "_TLCTrace" => include_str!("../stdlib/_TLCTrace.tla"),
        "_TLCTracePlain" => include_str!("../stdlib/_TLCTracePlain.tla"),
        _ => return None,
    };
    Some(text)
}

/// Iterates over the names of all bundled modules, in the order of
/// [`MODULES`].
pub fn modules() -> impl Iterator<Item = &'static str> {
    MODULES.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::{source, MODULES};

    #[test]
    fn every_listed_module_has_its_source() {
        for name in MODULES {
            let text = source(name).unwrap_or_else(|| panic!("no source for {name}"));
            assert!(
                text.contains(&format!("MODULE {name}")),
                "source of {name} does not contain `MODULE {name}`"
            );
        }
    }

    #[test]
    fn header_names_the_module() {
        for name in MODULES {
            let text = source(name).unwrap_or_default();
            let header = text
                .lines()
                .find(|line| line.contains("MODULE"))
                .unwrap_or_default();
            let declared = header
                .split_whitespace()
                .skip_while(|word| *word != "MODULE")
                .nth(1);
            assert_eq!(declared, Some(*name), "header of {name}: {header}");
        }
    }

    #[test]
    fn modules_are_sorted_and_unique() {
        for pair in MODULES.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{} must come before {}",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn unknown_modules_have_no_source() {
        assert!(source("NoSuchModule").is_none());
        assert!(source("naturals").is_none());
        assert!(source("").is_none());
    }

    #[test]
    fn every_file_in_the_stdlib_directory_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("stdlib");
        let entries = std::fs::read_dir(&dir).expect("parser/stdlib exists");
        for entry in entries {
            let path = entry.expect("readable directory entry").path();
            if path.extension().and_then(|ext| ext.to_str()) == Some("tla") {
                let stem = path
                    .file_stem()
                    .and_then(|stem| stem.to_str())
                    .unwrap_or_default();
                assert!(
                    MODULES.contains(&stem),
                    "{stem}.tla is not listed in MODULES"
                );
            }
        }
    }

    #[test]
    fn some_well_known_modules_are_bundled() {
        for name in [
            "Naturals",
            "Integers",
            "Sequences",
            "FiniteSets",
            "TLC",
            "TLAPS",
        ] {
            assert!(source(name).is_some(), "{name} must be bundled");
        }
    }
}
