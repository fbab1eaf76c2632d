//! Loading a model, for the subcommands that run one (`model`, `check`,
//! `simulate`): the spec with everything it depends on, its TLC model file
//! (default: the spec's name with `.cfg`), and the lowered model.

use crate::output::{EXIT_SPEC, EXIT_USAGE};
use evaluator::model::Model;
use parser::cfg::ModelConfig;
use parser::diag::{Diag, IntoDiagnostic};
use parser::load::{Loaded, Loader};
use parser::span::Files;
use std::path::{Path, PathBuf};

/// A spec, its model file and the lowered model.
pub struct LoadedModel {
    /// The modules and the files read (the model file included).
    pub loaded: Loaded,
    /// The model file.
    pub cfg: ModelConfig,
    /// The lowered model.
    pub model: Model,
}

/// Loads `spec` with the model file `config`. Problems in the spec or the
/// model file are passed to `diags` and give exit code 1, or 2 for input
/// past a limit of `parser::limits` (nesting); unreadable files are
/// reported on stderr and give exit code 2.
pub fn load_model(
    spec: &Path,
    config: Option<&Path>,
    lib: &[PathBuf],
    diags: &dyn Fn(&Files, Vec<Diag>),
) -> Result<LoadedModel, u8> {
    let mut loaded = match Loader::new(lib.to_vec()).load(spec) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(EXIT_USAGE);
        }
    };
    if loaded.has_errors() {
        diags(&loaded.set.files, loaded.diagnostics.clone());
        return Err(if loaded.exceeds_limits() {
            EXIT_USAGE
        } else {
            EXIT_SPEC
        });
    }
    let Some(root) = loaded.root.clone() else {
        return Err(EXIT_SPEC);
    };
    let cfg_path = config
        .map(Path::to_path_buf)
        .unwrap_or_else(|| spec.with_extension("cfg"));
    let text = match std::fs::read_to_string(&cfg_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "error: cannot read the model file `{}`: {e}",
                cfg_path.display()
            );
            if config.is_none() {
                eprintln!("note: give one with --config M.cfg");
            }
            return Err(EXIT_USAGE);
        }
    };
    let file = loaded
        .set
        .files
        .add(cfg_path.display().to_string(), Some(&cfg_path), text);
    let cfg = match parser::cfg::parse_cfg(&loaded.set.files, file) {
        Ok(c) => c,
        Err(errs) => {
            let ds: Vec<Diag> = errs.iter().map(|e| e.to_diagnostic()).collect();
            let limit = ds.iter().any(parser::limits::is_limit);
            diags(&loaded.set.files, ds);
            return Err(if limit { EXIT_USAGE } else { EXIT_SPEC });
        }
    };
    let model = match Model::build(&loaded.set, &root, &cfg) {
        Ok(m) => m,
        Err(e) => {
            diags(&loaded.set.files, vec![e.to_diagnostic()]);
            return Err(EXIT_SPEC);
        }
    };
    Ok(LoadedModel { loaded, cfg, model })
}
