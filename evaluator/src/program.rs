//! The lowered program: every definition of the model with its body in the
//! IR, and the values the program keeps for its definitions (constants,
//! computed once; the cache of an expensive state-reading operator).

use crate::cache::StepCache;
use crate::error::EvalError;
use crate::ir::{Bound, Expr};
use crate::value::Value;
use std::sync::OnceLock;

/// A lowered definition: called with a fresh frame.
#[derive(Debug)]
pub struct DefInfo {
    /// The operator's name.
    pub name: String,
    /// Number of parameters (slots `0..nparams`).
    pub nparams: u32,
    /// Number of frame slots the body needs.
    pub nslots: u32,
    /// The body.
    pub body: Expr,
    /// For `f[x \in S] == e`: the domain bounds (the body's parameters are
    /// the bound names).
    pub fun_bounds: Option<Vec<Bound>>,
    /// Whether the body depends on no state (only on its arguments).
    pub pure: bool,
    /// Whether it is pure and takes no arguments: computed once.
    pub constant: bool,
    /// Whether calls are worth caching by argument values (pure, with
    /// arguments, and more than arithmetic: quantifiers, sets, CHOOSE).
    pub cached: bool,
    /// Whether computing the body is expensive (quantifiers, set and
    /// function constructions): only such values are shared between
    /// evaluation contexts by state.
    pub expensive: bool,
    /// The value, once computed (constant definitions only).
    pub cache: OnceLock<Result<Value, EvalError>>,
    /// For an expensive operator with arguments that reads the state: a
    /// cache of its values by its arguments and the state it reads (made
    /// on first call; None if it cannot be cached).
    pub memo: OnceLock<Option<StepCache>>,
}

/// Every lowered definition, indexed by [`crate::ir::DefId`].
#[derive(Debug)]
pub struct Program {
    /// The definitions.
    pub defs: Vec<DefInfo>,
    /// State variables, in declaration order.
    pub vars: Vec<String>,
    /// A number no other program of this process has: the per-thread
    /// caches of the evaluator key their entries by it (an address could
    /// be reused by a later program).
    pub uid: u64,
}

impl Default for Program {
    fn default() -> Program {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Program {
            defs: vec![],
            vars: vec![],
            uid: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}
