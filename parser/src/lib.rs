//! The TLA+ front end of tlatrace: lexer, parser to a spanned AST, module
//! loader with the standard library bundled, name checking, and the reader of
//! TLC model (`.cfg`) files.

pub mod ast;
pub mod cfg;
pub mod check;
pub mod diag;
pub mod lex;
pub mod load;
pub mod parse;
pub mod print;
pub mod span;
pub mod stdlib;
pub mod visit;
