//! The tlatrace evaluator: TLA+ values with TLC's semantics, lowering of
//! the parser's AST to a resolved IR, evaluation, successor enumeration, and
//! explicit-state model checking.

pub mod builtins;
pub mod enumerate;
pub mod eval;
pub mod explore;
pub mod ir;
pub mod lower;
pub mod model;
pub mod value;
