//! Action labels: the named operators a step goes through, and the
//! filters that ask for a step of one of them.
//!
//! A successor's label is a *path*: every operator of the spec that the
//! walk from `Next` entered to produce it, outermost first, each with the
//! values of its parameters (`Next == Sys \/ Env`, `Sys == Inc \/ ...`: a
//! step of `Inc` has the path `[Sys, Inc]`). A [`Filter`] names one
//! operator at any level of that path, as TLC names its sub-actions.

use crate::value::Value;
use std::sync::Arc;

/// An action's name with the values of its parameters.
pub type ActionLabel = (Arc<str>, Vec<(String, Value)>);

/// One named operator on a successor's path.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The operator's name (`Phase1b`).
    pub name: Arc<str>,
    /// Its parameters' values (parameters that are actions are left out).
    pub params: Vec<(String, Value)>,
    /// Whether the walk reached it through a `\/` taken since the
    /// enclosing operator: it is one alternative of that operator (`Inc`
    /// in `Sys == Inc \/ Reset`), not a part every step of it has (`Send`
    /// in `Phase1a == /\ ... /\ Send(m)`).
    pub alternative: bool,
}

impl Frame {
    /// The frame as an [`ActionLabel`].
    pub fn label(&self) -> ActionLabel {
        (self.name.clone(), self.params.clone())
    }
}

/// A request for the steps of one named operator: its name, the values
/// of some of its parameters, and the values of some variables bound by
/// `\E` inside it (the `m` of `\E m \in msgs` in `Recv(n)`), which restrict
/// those quantifiers to the elements that agree with them.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// The operator's name.
    pub name: String,
    /// Values of some of its parameters.
    pub params: Vec<(String, Value)>,
    /// Values of variables bound by `\E` inside it.
    pub inner: Vec<(String, Value)>,
}

/// Whether a logged value agrees with a value of the spec: equal, or, for
/// a record, equal on the fields the log gives (an error disagrees).
pub fn agrees(logged: &Value, got: &Value) -> bool {
    crate::builtins::agrees(logged, got).unwrap_or(false)
}

impl Filter {
    /// A filter on the operator `name` alone.
    pub fn named(name: impl Into<String>) -> Filter {
        Filter {
            name: name.into(),
            ..Filter::default()
        }
    }

    /// Whether `frame` is the operator asked for with the parameter values
    /// asked for.
    pub fn accepts(&self, frame: &Frame) -> bool {
        *frame.name == *self.name && self.params_agree(&frame.params)
    }

    /// Whether the values `got` of an operator's parameters agree with
    /// the ones asked for (parameters not in `got` are not checked).
    pub fn params_agree(&self, got: &[(String, Value)]) -> bool {
        self.params.iter().all(|(p, want)| {
            got.iter()
                .find(|(q, _)| q == p)
                .is_none_or(|(_, v)| agrees(want, v))
        })
    }

    /// The index in `path` of the operator asked for (the outermost one
    /// that agrees), if the path goes through it.
    pub fn position(&self, path: &[Frame]) -> Option<usize> {
        path.iter().position(|f| self.accepts(f))
    }

    /// Whether a step with this path is one the filter asks for.
    pub fn matches(&self, path: &[Frame]) -> bool {
        self.position(path).is_some()
    }
}

/// The frame that names the step of `path` at the level of the operator
/// at `from` (0: the outermost): the innermost alternative below it (`Inc`
/// for `[Sys, Inc]` from `Sys`), or that operator itself.
pub fn reported(path: &[Frame], from: usize) -> Option<&Frame> {
    let below = path.get(from..)?;
    let mut at = below.first()?;
    for f in &below[1..] {
        if f.alternative {
            at = f;
        }
    }
    Some(at)
}
