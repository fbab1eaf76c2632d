//! Why no bindings could be generated: one variant per problem, each with
//! the spans the model gives for it, turned into a diagnostic by
//! [`IntoDiagnostic`] like every other phase's errors.

use evaluator::eval::EvalError;
use evaluator::lower::LowerError;
use parser::diag::{error_at, Diag, IntoDiagnostic};
use parser::span::Span;
use std::fmt;

/// An error of code generation.
#[derive(Clone, Debug)]
pub enum GenError {
    /// A definition named on the command line that the spec's modules do
    /// not define (without arguments): `--type-invariant NoSuchThing`,
    /// `--const NoSuchThing`.
    UnknownDefinition {
        /// The option (`--type-invariant`, `--const`).
        option: &'static str,
        /// The name given.
        name: String,
    },
    /// Lowering what the types come from failed: a model file binding a
    /// constant to what the spec cannot take.
    Lower(LowerError),
    /// The initial states cannot be computed: `Init == x = 1 \div 0`.
    Eval(Box<EvalError>),
    /// The model has no initial state: `Init == x = 0 /\ x = 1`.
    NoInitialState {
        /// The initial-state predicate.
        init: Span,
    },
    /// A conjunct `x \in S` (or `x \subseteq S`) of the type invariant
    /// whose set cannot be evaluated, or whose elements have no single
    /// type: `TypeOK == x \in {1, "a"}`.
    InvariantSet {
        /// The type invariant's name.
        invariant: String,
        /// The variable.
        var: String,
        /// The conjunct.
        conjunct: Span,
        /// What went wrong.
        reason: String,
    },
    /// An initial value of a variable that has no single type, when the
    /// type invariant does not give one: `Init == x = {[a |-> 1], [b |->
    /// 2]}` (records with different fields, none telling them apart)
    /// without a TypeOK.
    StateValue {
        /// The variable.
        var: String,
        /// Its declaration.
        decl: Option<Span>,
        /// What went wrong.
        reason: String,
    },
    /// A variable whose type neither the type invariant nor the states of
    /// the model show: `Init == x = {}` and `Next == UNCHANGED x` without a
    /// TypeOK.
    UnknownVarType {
        /// The variable.
        var: String,
        /// Its declaration.
        decl: Option<Span>,
        /// The type invariant used, if any.
        invariant: Option<String>,
    },
    /// A parameter of an action whose values no set gives and no step of
    /// the model shows: `Next == \E n \in s : Take(n)` where the variable
    /// `s` stays empty.
    UnknownParamType {
        /// The action.
        action: String,
        /// The parameter.
        param: String,
        /// The action's use in `Next`.
        span: Span,
    },
    /// A `--const` definition that cannot be evaluated or written as a Rust
    /// value: `--const Empty` with `Empty == {}`.
    Const {
        /// The definition's name.
        name: String,
        /// The definition, when the spec's own modules define it.
        def: Option<Span>,
        /// What went wrong.
        reason: String,
    },
    /// A type the generator cannot write in Rust.
    Unwritable {
        /// What has that type (`the variable `x``).
        item: String,
        /// Why.
        reason: String,
    },
}

impl GenError {
    /// The one-line summary.
    fn summary(&self) -> String {
        match self {
            GenError::UnknownDefinition { option, name } => {
                format!("{option} {name}: the spec defines no `{name}` without arguments")
            }
            GenError::Lower(e) => e.message.clone(),
            GenError::Eval(e) => e.message.clone(),
            GenError::NoInitialState { .. } => "the model has no initial state".into(),
            GenError::InvariantSet {
                invariant,
                var,
                reason,
                ..
            } => format!("cannot tell the type of `{var}` from {invariant}: {reason}"),
            GenError::StateValue { var, reason, .. } => {
                format!("the type of `{var}`: {reason}")
            }
            GenError::UnknownVarType { var, .. } => {
                format!("cannot tell the type of the variable `{var}`")
            }
            GenError::UnknownParamType { action, param, .. } => {
                format!("cannot tell the type of the parameter `{param}` of `{action}`")
            }
            GenError::Const { name, reason, .. } => format!("cannot write `{name}`: {reason}"),
            GenError::Unwritable { item, reason } => format!("cannot write {item}: {reason}"),
        }
    }
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

impl std::error::Error for GenError {}

/// A diagnostic with a primary label when there is a span.
fn at(span: Option<Span>, summary: String, label: &str) -> Diag {
    match span {
        Some(s) => error_at(s, summary, label),
        None => Diag::error().with_message(summary),
    }
}

impl IntoDiagnostic for GenError {
    fn to_diagnostic(&self) -> Diag {
        let summary = self.summary();
        match self {
            GenError::UnknownDefinition { .. } => {
                Diag::error()
                    .with_message(summary)
                    .with_code("gen::unknown-definition")
            }
            GenError::Lower(e) => e.to_diagnostic(),
            GenError::Eval(e) => e.to_diagnostic(),
            GenError::NoInitialState { init } => {
                error_at(*init, summary, "no state satisfies this")
                    .with_code("gen::no-initial-state")
            }
            GenError::InvariantSet { conjunct, .. } => {
                error_at(*conjunct, summary, "this conjunct gives the type")
                    .with_code("gen::invariant-set")
            }
            GenError::StateValue { decl, .. } => at(*decl, summary, "declared here")
                .with_code("gen::state-value")
                .with_notes(vec![
                    "help: give the variable's type in the type invariant (TypeOK)".into(),
                ]),
            GenError::UnknownVarType {
                decl, invariant, ..
            } => {
                let help = match invariant {
                    Some(n) => format!("help: give it in the type invariant `{n}`"),
                    None => "help: give it in a type invariant (no TypeOK is defined; name one with --type-invariant)".into(),
                };
                at(*decl, summary, "declared here")
                    .with_code("gen::unknown-variable-type")
                    .with_notes(vec![help])
            }
            GenError::UnknownParamType { param, span, .. } => {
                error_at(*span, summary, "this action")
                    .with_code("gen::unknown-parameter-type")
                    .with_notes(vec![format!(
                        "help: bind it with `\\E {param} \\in S` in Next, over a set that does not depend on the state"
                    )])
            }
            GenError::Const { def, .. } => {
                at(*def, summary, "defined here").with_code("gen::const")
            }
            GenError::Unwritable { .. } => Diag::error()
                .with_message(summary)
                .with_code("gen::unwritable"),
        }
    }
}
