//! Variables bound inside an action: the `m` of `\E m \in msgs` in
//! `OnMessage(q)`. An event may log their values next to the action's
//! parameters (`"params": {"q": "p1", "m": {...}}`); the checker then
//! restricts each such `\E` to the elements of its set that agree with the
//! logged value ([`evaluator::builtins::agrees`]: equal, or, for a record,
//! equal on the fields the log gives). The restriction is applied by the
//! spec's walker ([`evaluator::machine::Filter::inner`]).
//!
//! Only the `\E` that choose a binding of the action are concerned: those
//! reached from the action's body through `/\`, `\/`, `\E`, `LET`, `IF`
//! and `CASE` arms, and actions inlined in it (the positions where the
//! walker branches, [`evaluator::machine::binding_bounds`]). An `\E` under
//! `\A`, `~`, inside a set or a state-level operator is a condition, not a
//! binding.

use evaluator::ir::{Bound, Expr};
use evaluator::machine::Spec;

/// The bounds of the `\E` in binding positions of an action's body, in
/// the order they are met.
pub fn inner_bounds(body: &Expr) -> Vec<&Bound> {
    evaluator::machine::binding_bounds(body)
}

/// Every action of `next` (each named operator application, nested ones
/// too) with the variables bound inside it.
pub fn inner_names_by_action(spec: &Spec<'_>) -> Vec<(String, Vec<String>)> {
    spec.actions()
        .iter()
        .map(|a| (a.name.to_string(), a.bound_inside.clone()))
        .collect()
}
