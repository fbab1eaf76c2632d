//! The modules of one run and the files they came from ([`ModuleSet`]):
//! what the loader ([`crate::load`]) builds and the name checker
//! ([`crate::check`]) and later stages read. A leaf module, so that the
//! loader may call the checker without the two depending on each other.

use crate::ast::Module;
use crate::span::{FileId, Files};
use std::collections::HashMap;
use std::path::PathBuf;

/// Where a module came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(PathBuf),
    /// The library bundled with tlatrace.
    Bundled,
}

/// A parsed module and its file.
#[derive(Debug)]
pub struct LoadedModule {
    /// The syntax tree.
    pub ast: Module,
    /// Its file in the store.
    pub file: FileId,
    /// Where it was read from.
    pub origin: Origin,
}

/// Every module of one run, with the files they came from.
#[derive(Debug, Default)]
pub struct ModuleSet {
    /// The text of every file read.
    pub files: Files,
    /// The modules, dependencies before the modules that use them.
    pub modules: Vec<LoadedModule>,
    by_name: HashMap<String, usize>,
}

impl ModuleSet {
    /// The module named `name`, if loaded.
    pub fn get(&self, name: &str) -> Option<&LoadedModule> {
        self.by_name.get(name).map(|&i| &self.modules[i])
    }

    /// Whether a module named `name` is loaded.
    pub fn contains(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// Adds `m` after the modules loaded so far (its dependencies must be
    /// among them); a module of the same name loaded earlier stays the one
    /// [`ModuleSet::get`] finds.
    pub fn push(&mut self, m: LoadedModule) {
        let idx = self.modules.len();
        self.by_name.entry(m.ast.name.name.clone()).or_insert(idx);
        self.modules.push(m);
    }
}
