//! The TLA+ front end of tlatrace: lexer, parser to a spanned AST, module
//! loader with the standard library bundled, name checking, and the reader of
//! TLC model (`.cfg`) files.
//!
//! ```
//! use parser::span::Files;
//!
//! let mut files = Files::new();
//! let src = "---- MODULE M ----\nVARIABLE x\nInit == /\\ x = 0\n        /\\ TRUE\n====\n";
//! let id = files.add("M.tla", None, src);
//! let (module, diags) = parser::parse::parse_module(&files, id);
//! assert!(diags.is_empty());
//! assert_eq!(module.unwrap().name.name, "M");
//! ```

pub mod ast;
pub mod cfg;
pub mod check;
pub mod diag;
pub mod lex;
pub mod limits;
pub mod load;
pub mod modules;
pub mod parse;
pub mod print;
pub mod span;
pub mod stdlib;
pub mod visit;
