//! Every module in `specs/` loads (with everything it EXTENDS or
//! INSTANCEs) without a single diagnostic (the mutants in
//! `specs/mutants/X/` take their missing modules from `specs/X/`, as their
//! README says), and the shape of a few of them
//! is pinned: how many constants, variables, definitions, instances and
//! theorems their root module has.

use std::path::{Path, PathBuf};

use parser::ast::{Module, UnitKind};
use parser::diag::render_plain;
use parser::load::Loader;

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("specs")
}

/// Every `.tla` file under `dir`, sorted.
fn tla_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
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

#[test]
fn every_spec_loads_cleanly() {
    let files = tla_files(&specs());
    assert!(files.len() >= 20, "specs/ has {} modules", files.len());
    let mut failures = vec![];
    for path in &files {
        let mut lib = vec![];
        if let Ok(rel) = path.strip_prefix(specs().join("mutants")) {
            if let Some(folder) = rel.components().next() {
                lib.push(specs().join(folder.as_os_str()));
            }
        }
        let loaded = Loader { search_path: lib }.load(path).unwrap();
        if !loaded.diagnostics.is_empty() || loaded.root_module().is_none() {
            failures.push(format!(
                "{}:\n{}",
                path.display(),
                render_plain(&loaded.set.files, &loaded.diagnostics)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (constants, variables, definitions, instances, theorems) of a module,
/// counted as `tlatrace parse` reports them.
fn shape(m: &Module) -> (usize, usize, usize, usize, usize) {
    let mut s = (0, 0, 0, 0, 0);
    for u in &m.units {
        match &u.kind {
            UnitKind::Constants(c) => s.0 += c.len(),
            UnitKind::Variables(v) => s.1 += v.len(),
            UnitKind::OpDef(_) | UnitKind::FunDef(_) => s.2 += 1,
            UnitKind::ModuleDef(_) | UnitKind::Instance(_) => s.3 += 1,
            UnitKind::Theorem(_) => s.4 += 1,
            _ => {}
        }
    }
    s
}

fn shape_of(rel: &str) -> (usize, usize, usize, usize, usize) {
    let loaded = Loader::default().load(&specs().join(rel)).unwrap();
    shape(&loaded.root_module().expect("root module").ast)
}

#[test]
fn module_shapes_are_pinned() {
    assert_eq!(shape_of("paxos/Consensus.tla"), (1, 1, 7, 0, 2));
    assert_eq!(shape_of("paxos/Voting.tla"), (3, 2, 18, 1, 8));
    assert_eq!(shape_of("paxos/Paxos.tla"), (3, 4, 15, 1, 4));
    assert_eq!(shape_of("tpaxos/TPaxos.tla"), (2, 2, 29, 0, 1));
    assert_eq!(shape_of("tpaxos/TPaxosAP.tla"), (2, 2, 29, 0, 1));
    assert_eq!(shape_of("tpaxos/EagerVoting.tla"), (3, 2, 10, 0, 0));
}

/// Paxos refines Voting, which refines Consensus: loading Paxos loads the
/// other two through INSTANCE.
#[test]
fn paxos_loads_its_refinements() {
    let loaded = Loader::default()
        .load(&specs().join("paxos/Paxos.tla"))
        .unwrap();
    for m in ["Paxos", "Voting", "Consensus", "Integers", "Naturals"] {
        assert!(loaded.set.get(m).is_some(), "{m} is not loaded");
    }
}
