//! Building one event: each builder method serializes its value at once
//! into the event's scratch buffers ([`crate::line`]), and `emit` hands the
//! finished line to the writer. [`TraceWriter::event`] starts an event.

use crate::clock::VectorClock;
use crate::json::{write_path, write_str, write_value};
use crate::line::{give_back, take_scratch, Scratch};
use crate::writer::TraceWriter;
use serde::Serialize;
use std::io;

impl TraceWriter {
    /// Starts an event; [`EventBuilder::emit`] writes it.
    pub fn event(&self) -> EventBuilder<'_> {
        EventBuilder::new(self)
    }
}

/// The operation of an `update` entry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Op {
    /// The value at the path becomes the value (`"op": "set"`, the
    /// format's default: left out of the log).
    #[default]
    Set,
    /// The value is added to the set at the path (`"op": "add"`).
    Add,
    /// The value is removed from the set at the path (`"op": "remove"`).
    Remove,
}

impl Op {
    /// Its name in the log: `set`, `add` or `remove`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Set => "set",
            Op::Add => "add",
            Op::Remove => "remove",
        }
    }
}

/// The fields the checker ignores, besides those starting with `#`.
const FREE_FIELDS: [&str; 4] = ["time", "ts", "msg", "comment"];

/// One event under construction: `w.event().action("Phase1b").param("a",
/// "a1").at("maxBal", &["a1"], &1).emit()?`. Methods given twice add to
/// the event (`param`, `state`, `at`, `update`, `unchanged`, `field`) or
/// replace the earlier value (`action`, `node`, `clock`, `lamport`).
///
/// A value that is not a TLA+ value (`None`, a float, a `Set` of a map) or
/// a `field` name the checker would reject makes `emit` return an
/// `InvalidInput` error naming it, and nothing is written. An event that
/// is dropped without `emit` is not written.
#[must_use = "an event is written only by emit()"]
pub struct EventBuilder<'w> {
    writer: &'w TraceWriter,
    scratch: Option<Box<Scratch>>,
    error: Option<io::Error>,
}

impl<'w> EventBuilder<'w> {
    fn new(writer: &'w TraceWriter) -> Self {
        EventBuilder {
            writer,
            scratch: Some(take_scratch()),
            error: None,
        }
    }

    /// Runs `f` on the scratch unless an error was already recorded;
    /// records its error with `what` as context.
    fn with(
        mut self,
        what: impl FnOnce() -> String,
        f: impl FnOnce(&mut Scratch) -> io::Result<()>,
    ) -> Self {
        if self.error.is_none() {
            if let Some(s) = self.scratch.as_deref_mut() {
                if let Err(e) = f(s) {
                    self.error = Some(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("tlalog: {}: {e}", what()),
                    ));
                }
            }
        }
        self
    }

    /// The action that made this step (`"action": name`), an operator of
    /// the spec's `Next`.
    pub fn action(self, name: &str) -> Self {
        self.with(
            || "action".into(),
            |s| {
                s.action.clear();
                write_str(&mut s.action, name)
            },
        )
    }

    /// A parameter of the action (`"params": {name: value}`), by its name
    /// in the action's definition.
    pub fn param<V: Serialize + ?Sized>(self, name: &str, value: &V) -> Self {
        self.with(
            || format!("param `{name}`"),
            |s| {
                if !s.params.is_empty() {
                    s.params.push(b',');
                }
                write_str(&mut s.params, name)?;
                s.params.push(b':');
                write_value(&mut s.params, value)
            },
        )
    }

    /// The node that logs the event (`"node": name`; informational).
    pub fn node(self, name: &str) -> Self {
        self.with(
            || "node".into(),
            |s| {
                s.node.clear();
                write_str(&mut s.node, name)
            },
        )
    }

    /// The event's vector clock (`"clock": {"a1": 2, ...}`).
    pub fn clock(self, clock: &VectorClock) -> Self {
        self.with(
            || "clock".into(),
            |s| {
                s.clock.clear();
                serde_json::to_writer(&mut s.clock, clock).map_err(io::Error::from)
            },
        )
    }

    /// The event's Lamport clock (`"clock": 7`).
    pub fn lamport(self, clock: u64) -> Self {
        self.with(
            || "clock".into(),
            |s| {
                s.clock.clear();
                serde_json::to_writer(&mut s.clock, &clock).map_err(io::Error::from)
            },
        )
    }

    /// The whole value of a variable in the state after this step
    /// (`"state": {var: value}`).
    pub fn state<V: Serialize + ?Sized>(self, var: &str, value: &V) -> Self {
        self.with(
            || format!("state of `{var}`"),
            |s| {
                if !s.state.is_empty() {
                    s.state.push(b',');
                }
                write_str(&mut s.state, var)?;
                s.state.push(b':');
                write_value(&mut s.state, value)
            },
        )
    }

    /// A value inside a variable: `var[path[0]][path[1]]... = value`
    /// (`"at": [{"var", "path", "value"}]`). `path` serializes as an array
    /// of keys (`&["a1"]`, `&("p1", "p1")`), a single key (`&"a1"`), or
    /// `&()` for the whole variable.
    pub fn at<P: Serialize + ?Sized, V: Serialize + ?Sized>(
        self,
        var: &str,
        path: &P,
        value: &V,
    ) -> Self {
        self.with(
            || format!("at `{var}`"),
            |s| {
                if !s.at.is_empty() {
                    s.at.push(b',');
                }
                entry(&mut s.at, var, path, None, value)
            },
        )
    }

    /// A change from the state before this step (`"update": [{"var",
    /// "path", "op", "value"}]`): `Op::Set` replaces the value at `path`,
    /// `Op::Add` / `Op::Remove` add it to / remove it from the set there
    /// (`"op"` is left out for `Op::Set`, the format's default).
    /// `path` as for [`at`](Self::at); `&()` is the whole variable
    /// (`update("msgs", &(), Op::Add, &msg)`).
    pub fn update<P: Serialize + ?Sized, V: Serialize + ?Sized>(
        self,
        var: &str,
        path: &P,
        op: Op,
        value: &V,
    ) -> Self {
        self.with(
            || format!("update of `{var}`"),
            |s| {
                if !s.update.is_empty() {
                    s.update.push(b',');
                }
                entry(&mut s.update, var, path, Some(op), value)
            },
        )
    }

    /// A variable this step did not change (`"unchanged": [var, ...]`).
    pub fn unchanged(self, var: &str) -> Self {
        self.with(
            || "unchanged".into(),
            |s| {
                if !s.unchanged.is_empty() {
                    s.unchanged.push(b',');
                }
                write_str(&mut s.unchanged, var)
            },
        )
    }

    /// An extra field that the checker ignores: a name starting with `#`
    /// (`"#msg"`, `"#req"`), or one of `time`, `ts`, `msg`, `comment`.
    /// Any other name is an error (the checker rejects unknown fields).
    pub fn field<V: Serialize + ?Sized>(self, name: &str, value: &V) -> Self {
        self.with(
            || format!("field `{name}`"),
            |s| {
                if !(name.starts_with('#') || FREE_FIELDS.contains(&name)) {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "extra fields start with `#` or are one of time, ts, msg, comment (the checker rejects any other)",
                    ));
                }
                if !s.fields.is_empty() {
                    s.fields.push(b',');
                }
                write_str(&mut s.fields, name)?;
                s.fields.push(b':');
                // Free fields are not TLA+ values: any JSON (floats,
                // null) is fine there.
                serde_json::to_writer(&mut s.fields, value).map_err(io::Error::from)
            },
        )
    }

    /// Writes the event as one line. Errors: a value that could not be
    /// serialized (nothing written), or the sink's error (see
    /// [`TraceWriter`] for what was written then).
    pub fn emit(mut self) -> io::Result<()> {
        let Some(s) = self.scratch.take() else {
            return Ok(());
        };
        let r = match self.error.take() {
            Some(e) => Err(e),
            None => s.pieces(|p| self.writer.write_line(p)),
        };
        give_back(s);
        r
    }
}

impl Drop for EventBuilder<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.scratch.take() {
            give_back(s);
        }
    }
}

/// Appends one `{"var": .., "path": .., "op": .., "value": ..}` object.
fn entry<P: Serialize + ?Sized, V: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    var: &str,
    path: &P,
    op: Option<Op>,
    value: &V,
) -> io::Result<()> {
    buf.extend_from_slice(b"{\"var\":");
    write_str(buf, var)?;
    let mark = buf.len();
    buf.extend_from_slice(b",\"path\":");
    if !write_path(buf, path)? {
        buf.truncate(mark);
    }
    if let Some(op @ (Op::Add | Op::Remove)) = op {
        buf.extend_from_slice(b",\"op\":\"");
        buf.extend_from_slice(op.as_str().as_bytes());
        buf.push(b'"');
    }
    buf.extend_from_slice(b",\"value\":");
    write_value(buf, value)?;
    buf.push(b'}');
    Ok(())
}
