//! The reader of TLC model files (`.cfg`), accepting what TLC's own
//! `tlc2.tool.impl.ModelConfig` reader accepts, with spans on every entry and
//! diagnostics that say what was expected.
//!
//! A `.cfg` file is a sequence of sections, each a keyword followed by its
//! entries up to the next keyword:
//!
//! ```text
//! CONSTANTS  N = 3  Procs = {p1, p2}  None = None  Ballot <- [Voting] MCBallot
//! INIT Init                 NEXT Next          \* or: SPECIFICATION Spec
//! INVARIANTS TypeOK Safety  PROPERTY Liveness
//! CONSTRAINT Bound          ACTION_CONSTRAINT Step
//! SYMMETRY Perms   VIEW View   ALIAS Alias   POSTCONDITION Post
//! CHECK_DEADLOCK FALSE
//! ```
//!
//! Tokens are TLA+ tokens, as in TLC (which runs the TLA+ lexer over the
//! file): `\*` line comments and nested `(* ... *)` comments may appear
//! anywhere, identifiers are TLA+ identifiers (letters, digits and `_`, at
//! least one letter), and the left of `<-` may be an operator symbol
//! (`++ <- PlusPlus`, `\o <- Concat`) as TLC's own tests do.
//!
//! As in TLC, list sections (INVARIANT, PROPERTY, CONSTRAINT,
//! ACTION_CONSTRAINT, POSTCONDITION, each also plural) may repeat and
//! accumulate, and may be empty (an invariant commented out); single-name
//! sections (INIT, NEXT, SPECIFICATION, SYMMETRY, VIEW, ALIAS,
//! CHECK_DEADLOCK) may appear once. TYPE and TYPE_CONSTRAINT, which TLC
//! dropped in 2020, are reported as unsupported.
//!
//! Where this reader deliberately differs from TLC:
//! - negative integers (`X = -1`) are accepted, as the grammar in
//!   *Specifying Systems* says; TLC rejects them (tlaplus/tlaplus#508);
//! - string escapes (`\"`, `\\`, `\n`, `\t`, `\r`, `\f`) are decoded as in
//!   TLA+; TLC keeps them verbatim;
//! - integers are 64-bit (TLC's are 32-bit);
//! - names in sections must be identifiers (TLC takes any token, so
//!   `INVARIANT A, B` makes `,` an invariant name);
//! - errors are collected, recovering at the next section keyword or line,
//!   and SPECIFICATION together with INIT/NEXT is reported here rather than
//!   when the model is checked.
//!
//! The lexer is built on nom over the `&str` source; byte offsets are the
//! source length minus the length of the unparsed rest.

mod constants;
mod error;
mod keyword;
mod lex;
mod model;
mod parse;
mod report;
mod sections;
mod value;

pub use error::CfgError;
pub use model::{CfgValue, CfgValueKind, ConstantBinding, ModelConfig, Name};

use crate::span::{FileId, Files};
use parse::Parser;

/// Reads the `.cfg` file `file` of `files`.
///
/// # Errors
///
/// Every error found, sorted by position: after an error the reader
/// recovers at the next section keyword, or within a CONSTANTS section at
/// the next line, so independent mistakes are all reported.
pub fn parse_cfg(files: &Files, file: FileId) -> Result<ModelConfig, Vec<CfgError>> {
    let src = &*files.get(file).source;
    let (tokens, lex_errors) = lex::lex(src, file);
    let mut p = Parser {
        src,
        file,
        toks: tokens,
        pos: 0,
        errors: lex_errors,
        singles: Vec::new(),
        depth: 0,
        cfg: ModelConfig {
            file,
            constants: Vec::new(),
            init: None,
            next: None,
            specification: None,
            invariants: Vec::new(),
            properties: Vec::new(),
            constraints: Vec::new(),
            action_constraints: Vec::new(),
            symmetry: None,
            view: None,
            alias: None,
            postconditions: Vec::new(),
            check_deadlock: None,
        },
    };
    p.file_();
    let Parser {
        mut errors, cfg, ..
    } = p;
    if errors.is_empty() {
        Ok(cfg)
    } else {
        errors.sort_by_key(|e| {
            let s = e.span();
            (s.start, s.end)
        });
        Err(errors)
    }
}
