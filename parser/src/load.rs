//! Module loading: reads a root module and every module it EXTENDS or
//! INSTANCEs, from the spec's folder, a search path, and the bundled library
//! (standard, TLAPS and community modules), then checks names
//! ([`crate::check`]). The set of modules it builds is a leaf module of its
//! own ([`crate::modules`]), which the checker reads too.

use crate::ast::*;
use crate::diag::{error_at, secondary, Diag};
use crate::limits::{thousands, with_stack, MAX_MODULE_CHAIN};
pub use crate::modules::{LoadedModule, ModuleSet, Origin};
use crate::span::{FileId, Span};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The outcome of loading a root module.
#[derive(Debug)]
pub struct Loaded {
    /// Everything read.
    pub set: ModuleSet,
    /// The root module's name, if it parsed far enough to have one.
    pub root: Option<String>,
    /// Errors (and warnings), in the order found.
    pub diagnostics: Vec<Diag>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity >= codespan_reporting::diagnostic::Severity::Error)
    }

    /// Whether some input is past a limit of [`crate::limits`] (nesting,
    /// module chain): an input error rather than a spec error.
    pub fn exceeds_limits(&self) -> bool {
        self.diagnostics.iter().any(crate::limits::is_limit)
    }

    /// The root module.
    pub fn root_module(&self) -> Option<&LoadedModule> {
        self.root.as_deref().and_then(|r| self.set.get(r))
    }
}

/// An I/O problem with the root file itself (a usage error, not a spec
/// error).
#[derive(Debug)]
pub struct LoadIoError {
    /// The path given.
    pub path: PathBuf,
    /// What went wrong.
    pub error: std::io::Error,
}

impl std::fmt::Display for LoadIoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read `{}`: {}", self.path.display(), self.error)
    }
}

/// Loads modules. The search path is tried after the folder of the module
/// that names a dependency and the root's folder, and before the bundled
/// library.
#[derive(Clone, Debug, Default)]
pub struct Loader {
    /// Extra folders to search, in order.
    pub search_path: Vec<PathBuf>,
}

impl Loader {
    /// A loader with the given search path, plus the folders in the
    /// `TLA_PATH` environment variable (separated like `PATH`).
    pub fn new(mut search_path: Vec<PathBuf>) -> Loader {
        if let Some(p) = std::env::var_os("TLA_PATH") {
            search_path.extend(std::env::split_paths(&p));
        }
        Loader { search_path }
    }

    /// Loads the module in `path` and everything it depends on, and checks
    /// names. Only an unreadable root file is an `Err`; every problem in the
    /// modules is a diagnostic.
    pub fn load(&self, path: &Path) -> Result<Loaded, LoadIoError> {
        let text = read_text(path).map_err(|error| LoadIoError {
            path: path.to_path_buf(),
            error,
        })?;
        let mut st = State {
            loader: self,
            set: ModuleSet::default(),
            diags: vec![],
            in_progress: HashSet::new(),
            root_dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            failed: HashSet::new(),
            chain: 0,
        };
        let name = display_path(path);
        let file = st.set.files.add(name, Some(path), text);
        let root = st.load_file(file, Origin::File(path.to_path_buf()), None);
        let mut diags = st.diags;
        if let Some(r) = &root {
            if !diags
                .iter()
                .any(|d| d.severity >= codespan_reporting::diagnostic::Severity::Error)
            {
                diags.extend(crate::check::check(&st.set, r));
            }
        }
        Ok(Loaded {
            set: st.set,
            root,
            diagnostics: diags,
        })
    }
}

fn read_text(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

fn display_path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

struct State<'l> {
    loader: &'l Loader,
    set: ModuleSet,
    diags: Vec<Diag>,
    in_progress: HashSet<String>,
    root_dir: PathBuf,
    failed: HashSet<String>,
    /// How many modules are being registered, one inside the other (the
    /// length of the EXTENDS/INSTANCE chain being followed).
    chain: u32,
}

impl State<'_> {
    /// Parses `file`, loads its dependencies, and registers it. `expect` is
    /// the module name the reference asked for (with the reference's span).
    fn load_file(
        &mut self,
        file: FileId,
        origin: Origin,
        expect: Option<(&str, Span)>,
    ) -> Option<String> {
        let (ms, diags) = crate::parse::parse_file(&self.set.files, file);
        self.diags.extend(diags);
        let mut ms = ms.into_iter();
        let m = ms.next()?;
        let siblings: Vec<Module> = ms.collect();
        let name = m.name.name.clone();
        let file_stem = match &origin {
            Origin::File(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()),
            Origin::Bundled => None,
        };
        if let Some(stem) = file_stem {
            if stem != name {
                self.diags.push(error_at(
                    m.name.span,
                    format!("module `{name}` is in a file named `{stem}.tla`"),
                    format!("expected `MODULE {stem}` here, or rename the file to `{name}.tla`"),
                ));
            }
        }
        if let Some((want, at)) = expect {
            if want != name {
                self.diags.push(
                    error_at(
                        at,
                        format!("file for module `{want}` defines module `{name}`"),
                        "this reference",
                    )
                    .with_labels(vec![secondary(m.name.span, "the file's module")]),
                );
                return None;
            }
        }
        if self.set.contains(&name) {
            return Some(name);
        }
        let dir = match &origin {
            Origin::File(p) => p.parent().map(Path::to_path_buf),
            Origin::Bundled => None,
        };
        let mut pending: Vec<Option<Module>> = siblings.into_iter().map(Some).collect();
        self.register(m, file, &origin, dir.as_deref(), &mut pending);
        // Siblings nobody refers to are still loaded, so they are checked.
        for k in 0..pending.len() {
            if let Some(s) = pending[k].take() {
                self.register(s, file, &origin, dir.as_deref(), &mut pending);
            }
        }
        Some(name)
    }

    /// Loads the dependencies of `m` (sibling modules of the same file
    /// first), then adds `m` to the set.
    fn register(
        &mut self,
        m: Module,
        file: FileId,
        origin: &Origin,
        dir: Option<&Path>,
        pending: &mut Vec<Option<Module>>,
    ) {
        let name = m.name.name.clone();
        if self.set.contains(&name) {
            return;
        }
        self.in_progress.insert(name.clone());
        self.chain += 1;
        let mut inner = HashSet::new();
        nested_names(&m, &mut inner);
        for r in module_refs(&m) {
            if inner.contains(&r.name) {
                continue;
            }
            if self.chain >= MAX_MODULE_CHAIN && !self.set.contains(&r.name) {
                self.chain_too_long(&r);
                continue;
            }
            let sib = pending
                .iter()
                .position(|s| s.as_ref().is_some_and(|s| s.name.name == r.name));
            if let Some(k) = sib {
                if let Some(s) = pending[k].take() {
                    with_stack(|| self.register(s, file, origin, dir, pending));
                }
                continue;
            }
            with_stack(|| self.require(&r, dir));
        }
        self.chain -= 1;
        self.in_progress.remove(&name);
        self.set.push(LoadedModule {
            ast: m,
            file,
            origin: origin.clone(),
        });
    }

    /// The error for a reference that would make the chain of modules being
    /// loaded longer than [`MAX_MODULE_CHAIN`].
    fn chain_too_long(&mut self, r: &Ident) {
        if !self.failed.insert(r.name.clone()) {
            return;
        }
        let max = thousands(MAX_MODULE_CHAIN);
        let mut d = error_at(
            r.span,
            format!("modules extend or instantiate one another more than {max} levels deep"),
            format!(
                "module {} of the chain is needed here",
                thousands(MAX_MODULE_CHAIN + 1)
            ),
        )
        .with_code(crate::limits::CODE_MODULE_CHAIN);
        d.notes.push(format!(
            "tlatrace follows at most {max} modules that EXTEND or INSTANCE one another"
        ));
        self.diags.push(d);
    }

    /// Makes sure the module `r` names is loaded.
    fn require(&mut self, r: &Ident, dir: Option<&Path>) {
        if self.set.contains(&r.name) || self.failed.contains(&r.name) {
            return;
        }
        if self.in_progress.contains(&r.name) {
            self.diags.push(error_at(
                r.span,
                format!("circular dependency on module `{}`", r.name),
                "this module is already being loaded higher up the chain",
            ));
            self.failed.insert(r.name.clone());
            return;
        }
        let file_name = format!("{}.tla", r.name);
        let mut candidates: Vec<PathBuf> = vec![];
        if let Some(d) = dir {
            candidates.push(d.join(&file_name));
        }
        candidates.push(self.root_dir.join(&file_name));
        for p in &self.loader.search_path {
            candidates.push(p.join(&file_name));
        }
        for c in &candidates {
            if c.is_file() {
                match read_text(c) {
                    Ok(text) => {
                        let id = self.set.files.add(display_path(c), Some(c), text);
                        if self
                            .load_file(id, Origin::File(c.clone()), Some((&r.name, r.span)))
                            .is_none()
                        {
                            self.failed.insert(r.name.clone());
                        }
                    }
                    Err(e) => {
                        self.diags.push(error_at(
                            r.span,
                            format!("cannot read `{}`: {e}", c.display()),
                            "module needed here",
                        ));
                        self.failed.insert(r.name.clone());
                    }
                }
                return;
            }
        }
        if let Some(text) = crate::stdlib::source(&r.name) {
            let id = self
                .set
                .files
                .add(format!("<bundled>/{file_name}"), None, text);
            if self
                .load_file(id, Origin::Bundled, Some((&r.name, r.span)))
                .is_none()
            {
                self.failed.insert(r.name.clone());
            }
            return;
        }
        let searched: Vec<String> = candidates
            .iter()
            .map(|c| c.parent().map(display_path).unwrap_or_default())
            .collect();
        let mut d = error_at(
            r.span,
            format!("cannot find module `{}`", r.name),
            "no such module",
        );
        d.notes.push(format!(
            "looked for `{file_name}` in: {}, and among the bundled modules",
            dedup(searched).join(", ")
        ));
        d.notes
            .push("add its folder with `--lib DIR` or the TLA_PATH environment variable".into());
        self.diags.push(d);
        self.failed.insert(r.name.clone());
    }
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.into_iter()
        .map(|s| if s.is_empty() { ".".to_string() } else { s })
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

/// Names of modules nested (at any depth) in `m`.
fn nested_names(m: &Module, out: &mut HashSet<String>) {
    for u in &m.units {
        if let UnitKind::Module(inner) = &u.kind {
            out.insert(inner.name.name.clone());
            crate::limits::with_stack(|| nested_names(inner, out));
        }
    }
}

/// Every module name `m` refers to: EXTENDS and INSTANCE, at any depth
/// (nested modules, LET, proofs).
pub fn module_refs(m: &Module) -> Vec<Ident> {
    let mut out = m.extends.clone();
    for u in &m.units {
        unit_refs(u, &mut out);
    }
    out
}

fn unit_refs(u: &Unit, out: &mut Vec<Ident>) {
    match &u.kind {
        UnitKind::Instance(i) => out.push(i.module.clone()),
        UnitKind::ModuleDef(d) => out.push(d.instance.module.clone()),
        UnitKind::Module(inner) => out.extend(crate::limits::with_stack(|| module_refs(inner))),
        UnitKind::OpDef(d) => expr_refs(&d.body, out),
        UnitKind::FunDef(d) => expr_refs(&d.body, out),
        UnitKind::Theorem(t) => {
            expr_refs(&t.body, out);
            if let Some(p) = &t.proof {
                proof_refs(p, out);
            }
        }
        _ => {}
    }
}

fn proof_refs(p: &Proof, out: &mut Vec<Ident>) {
    if let Proof::Steps(steps) = p {
        for s in steps {
            match &s.body {
                StepBody::Instance(i) => out.push(i.module.clone()),
                StepBody::Define(us) => us.iter().for_each(|u| unit_refs(u, out)),
                _ => {}
            }
            if let Some(p) = &s.proof {
                crate::limits::with_stack(|| proof_refs(p, out));
            }
        }
    }
}

fn expr_refs(e: &Expr, out: &mut Vec<Ident>) {
    crate::visit::walk_expr(e, &mut |e| {
        if let ExprKind::Let(defs, _) = &e.kind {
            for d in defs {
                match &d.kind {
                    UnitKind::Instance(i) => out.push(i.module.clone()),
                    UnitKind::ModuleDef(m) => out.push(m.instance.module.clone()),
                    _ => {}
                }
            }
        }
    });
}
