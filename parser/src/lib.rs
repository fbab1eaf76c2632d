//! The TLA+ front end of tlatrace: lexer, parser to a spanned AST, module
//! loader with the standard library bundled, name checking, and the reader of
//! TLC model (`.cfg`) files.

pub mod diag;
pub mod span;
