//! Instrumentation for services checked with `tlatrace check`: write the
//! events of a running service as the JSON Lines trace that the checker
//! replays against a TLA+ spec (the format is `docs/trace-format.md`).
//!
//! - [`TraceWriter`]: the log file (or any writer), shared by all threads;
//! - [`EventBuilder`]: one event: its action and parameters, the values
//!   of variables after the step (`state`, `at`), the changes (`update`,
//!   `unchanged`), the node and its clock;
//! - [`VectorClock`], [`LamportClock`]: clocks that order the events of
//!   several nodes' logs;
//! - [`SpecLog`], [`SpecAction`], [`EventPart`]: the runtime of the typed
//!   bindings `tlatrace gen rust` writes for a spec (they hold only the
//!   spec's types and implement these traits);
//! - [`Set`], [`Tup`], [`Map`], [`BigInt`], [`ModelValue`] and the
//!   [`as_set`], [`as_map`], [`as_tup`] serde modules: the TLA+ values
//!   plain JSON cannot say. Records are plain serde structs, sequences
//!   `Vec`s, functions with string keys string-keyed maps.
//!
//! Each event is serialized straight into a reused per-thread buffer and
//! appended to the shared sink as one line under a short lock.
//!
//! ```
//! use std::collections::BTreeSet;
//! use tlalog::{Op, Set, TraceWriter, VectorClock};
//!
//! # fn main() -> std::io::Result<()> {
//! let dir = tempfile::tempdir()?;
//! let log = TraceWriter::create(dir.path().join("a1.jsonl"))?;
//! let mut clock = VectorClock::new("a1");
//!
//! // The initial state of acceptor a1's own variables, with the zero clock.
//! log.event()
//!     .node("a1")
//!     .clock(&clock)
//!     .at("maxBal", &["a1"], &-1)
//!     .at("maxVal", &["a1"], "None")
//!     .emit()?;
//!
//! // a1 receives the leader's 1a message (with the leader's clock) and promises.
//! let mut leader = VectorClock::new("l1");
//! clock.merge(leader.tick());
//! let promised: BTreeSet<i64> = [1].into();
//! log.event()
//!     .node("a1")
//!     .clock(clock.tick())
//!     .action("Phase1b")
//!     .param("a", "a1")
//!     .at("maxBal", &["a1"], &1)
//!     .update("promised", &(), Op::Add, &1)
//!     .field("#ballots", &Set(&promised))
//!     .emit()?;
//! log.sync()?;
//!
//! let text = std::fs::read_to_string(dir.path().join("a1.jsonl"))?;
//! assert_eq!(
//!     text,
//!     r##"{"node":"a1","clock":{},"at":[{"var":"maxBal","path":["a1"],"value":-1},{"var":"maxVal","path":["a1"],"value":"None"}]}
//! {"node":"a1","clock":{"a1":1,"l1":1},"action":"Phase1b","params":{"a":"a1"},"at":[{"var":"maxBal","path":["a1"],"value":1}],"update":[{"var":"promised","op":"add","value":1}],"#ballots":{"#set":[1]}}
//! "##
//! );
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod clock;
mod event;
mod json;
mod line;
mod spec;
mod value;
mod writer;

pub use clock::{LamportClock, VectorClock};
pub use event::{EventBuilder, Op};
pub use spec::{EventPart, SpecAction, SpecLog};
pub use value::{as_map, as_set, as_tup, BigInt, FromPairs, Map, ModelValue, Set, Tup};
pub use writer::{Flush, TraceWriter};
