//! The tlatrace evaluator: TLA+ values with TLC's semantics, lowering of
//! the parser's AST to a resolved IR, evaluation, successor enumeration, and
//! explicit-state model checking.
//!
//! Tuples are functions on `1..n`, as in TLC: `<<1, 2>> = [i \in 1..2 |-> i]`
//! holds, and equal values have equal fingerprints.
//!
//! ```
//! use evaluator::value::Value;
//!
//! let tuple = Value::tuple(vec![Value::Int(1), Value::Int(2)]);
//! let func = Value::func(vec![(Value::Int(2), Value::Int(2)), (Value::Int(1), Value::Int(1))]);
//! assert_eq!(tuple, func);
//! assert_eq!(tuple.fingerprint(), func.fingerprint());
//! assert!(Value::interval(1, 3).contains(&Value::Int(2)).unwrap());
//! ```

pub mod builtins;
pub mod cache;
pub mod error;
pub mod eval;
pub mod explore;
pub mod inputs;
pub mod intern;
pub mod ir;
pub mod liveness;
pub mod lower;
pub mod machine;
pub mod model;
pub mod program;
pub mod session;
pub mod value;
