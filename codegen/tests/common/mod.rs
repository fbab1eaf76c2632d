//! Loading a model for the tests: a spec and its model file, as the CLI
//! does, and generating its bindings.

#![allow(dead_code)]

use codegen::{rust, GenError, Source};
use evaluator::model::Model;
use parser::cfg::ModelConfig;
use parser::load::{Loaded, Loader};
use std::path::{Path, PathBuf};

/// A loaded model.
pub struct LoadedModel {
    pub loaded: Loaded,
    pub root: String,
    pub cfg: ModelConfig,
    pub model: Model,
}

impl LoadedModel {
    /// Loads `spec` with the model file beside it.
    pub fn load(spec: &Path) -> LoadedModel {
        let mut loaded = Loader::new(vec![]).load(spec).expect("reads the spec");
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let root = loaded.root.clone().expect("a root module");
        let cfg_path = spec.with_extension("cfg");
        let text = std::fs::read_to_string(&cfg_path).expect("reads the model file");
        let file = loaded.set.files.add("model.cfg", Some(&cfg_path), text);
        let cfg = parser::cfg::parse_cfg(&loaded.set.files, file).expect("a model file");
        let model = Model::build(&loaded.set, &root, &cfg).expect("a model");
        LoadedModel {
            loaded,
            root,
            cfg,
            model,
        }
    }

    /// Generates its bindings.
    pub fn generate(&self, options: &rust::Options) -> Result<String, GenError> {
        let src = Source {
            modules: &self.loaded.set,
            root: &self.root,
            config: &self.cfg,
            model: &self.model,
        };
        rust::generate(&src, options)
    }

    /// The text a span of the error covers.
    pub fn slice(&self, span: parser::span::Span) -> &str {
        self.loaded.set.files.slice(span)
    }
}

/// The fixture folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A spec `T.tla` with `body` (between the header and the end) and the
/// model file `cfg`, in a fresh folder.
pub fn temp_spec(body: &str, cfg: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let spec = dir.path().join("T.tla");
    std::fs::write(&spec, format!("---- MODULE T ----\n{body}\n====\n")).expect("write");
    std::fs::write(dir.path().join("T.cfg"), cfg).expect("write");
    (dir, spec)
}
