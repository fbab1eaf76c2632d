//! Code generation from a TLA+ model, a consumer of the evaluator's core:
//! [`rust::generate`] writes the typed Rust bindings a service logs its
//! events with (through the `tlalog` crate), so that `tlatrace check`
//! can replay them against the spec.
//!
//! The types come from the model's values: the
//! sets of the type invariant (`TypeOK`), the sets the parameters of
//! each action range over in `Next`, the initial states, and, for what
//! none gives, the states of a short exploration.
//!
//! ```
//! use codegen::{rust, Source};
//! use parser::diag::IntoDiagnostic;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let spec = dir.path().join("Counter.tla");
//! std::fs::write(
//!     &spec,
//!     "---- MODULE Counter ----\nEXTENDS Naturals\nCONSTANT Node\nVARIABLE count\n\
//!      TypeOK == count \\in [Node -> 0..3]\n\
//!      Init == count = [n \\in Node |-> 0]\n\
//!      Incr(n) == count[n] < 3 /\\ count' = [count EXCEPT ![n] = @ + 1]\n\
//!      Next == \\E n \\in Node : Incr(n)\n====\n",
//! )?;
//! let mut loaded = parser::load::Loader::new(vec![]).load(&spec).map_err(|e| e.to_string())?;
//! let root = loaded.root.clone().expect("a module");
//! let model_file = "CONSTANT Node = {n1, n2}\nINIT Init\nNEXT Next\n";
//! let file = loaded.set.files.add("Counter.cfg", None, model_file);
//! let cfg = parser::cfg::parse_cfg(&loaded.set.files, file)
//!     .map_err(|e| e[0].to_diagnostic().message)?;
//! let model = evaluator::model::Model::build(&loaded.set, &root, &cfg)
//!     .map_err(|e| e.message)?;
//!
//! let src = Source { modules: &loaded.set, root: &root, config: &cfg, model: &model };
//! let text = rust::generate(&src, &rust::Options::default())?;
//! assert!(text.contains("pub enum Node {"));
//! assert!(text.contains("    Incr { n: Node },"));
//! assert!(text.contains("pub type Log = tlalog::SpecLog<Action>;"));
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod actions;
mod describe;
mod error;
mod infer;
pub mod rust;
mod sample;

pub use describe::Source;
pub use error::GenError;
