//! The runtime of the bindings that `tlatrace gen rust` writes for a spec:
//! the generated module holds only the spec's types (model values,
//! records, the state, the `Action` enum, the `At` enum of values inside
//! variables) and implements [`EventPart`] and [`SpecAction`] for them;
//! [`SpecLog`] writes a node's events with those types, the same for every
//! spec.

use crate::clock::VectorClock;
use crate::event::EventBuilder;
use crate::writer::TraceWriter;
use std::fmt;
use std::io;
use std::marker::PhantomData;

/// Something that adds its fields to an event: an action with its
/// parameters, a value inside a variable, a whole state.
pub trait EventPart {
    /// Adds the fields to `ev`.
    fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w>;
}

/// The steps of a spec (the generated `Action` enum: one variant per
/// action of `Next`, with its parameters), and the spec's other types that
/// a log needs.
pub trait SpecAction: EventPart {
    /// The spec's variables, in the order they are declared.
    const VARIABLES: &'static [&'static str];
    /// A value a node logs inside a variable (`maxBal[a1]`), or a whole
    /// variable.
    type At: EventPart;
    /// A whole state of the spec.
    type State: EventPart;
    /// The action's name in the spec.
    fn name(&self) -> &'static str;
}

/// Writes one node's events for the spec whose actions are `A`, through a
/// [`TraceWriter`]. Generated bindings name it `Log`
/// (`pub type Log = tlalog::SpecLog<Action>;`).
pub struct SpecLog<A> {
    writer: TraceWriter,
    node: String,
    spec: PhantomData<fn(&A)>,
}

impl<A> Clone for SpecLog<A> {
    fn clone(&self) -> Self {
        SpecLog {
            writer: self.writer.clone(),
            node: self.node.clone(),
            spec: PhantomData,
        }
    }
}

impl<A> fmt::Debug for SpecLog<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpecLog")
            .field("node", &self.node)
            .field("writer", &self.writer)
            .finish()
    }
}

impl<A: SpecAction> SpecLog<A> {
    /// A log for `node` writing to `writer`.
    pub fn new(writer: TraceWriter, node: impl Into<String>) -> SpecLog<A> {
        SpecLog {
            writer,
            node: node.into(),
            spec: PhantomData,
        }
    }

    /// The node's name.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// The writer.
    pub fn writer(&self) -> &TraceWriter {
        &self.writer
    }

    /// An event that is not a step of the spec: the node's initial values
    /// (the first event of its log), or values it observed (after a
    /// restart: they must be those of its last step). Every variable is
    /// logged as unchanged, so that the checker does not take the event
    /// for a step of some node that the logs do not show.
    pub fn state(&self, clock: &VectorClock, at: &[A::At]) -> io::Result<()> {
        let mut ev = self.writer.event().node(&self.node).clock(clock);
        for a in at {
            ev = a.write(ev);
        }
        for v in A::VARIABLES {
            ev = ev.unchanged(v);
        }
        ev.emit()
    }

    /// A step of `action`, with the values the node knows after it.
    pub fn step(&self, action: &A, clock: &VectorClock, at: &[A::At]) -> io::Result<()> {
        let mut ev = action.write(self.writer.event().node(&self.node).clock(clock));
        for a in at {
            ev = a.write(ev);
        }
        ev.emit()
    }

    /// A whole state (for a single log of the whole system), after
    /// `action` when given.
    pub fn full(&self, action: Option<&A>, state: &A::State) -> io::Result<()> {
        let mut ev = self.writer.event().node(&self.node);
        if let Some(a) = action {
            ev = a.write(ev);
        }
        state.write(ev).emit()
    }
}
