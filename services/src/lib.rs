//! Paxos and TPaxos services that log their events with `tlalog`, through
//! bindings generated from the specs by `tlatrace gen rust`, for checking
//! real runs with `tlatrace check`.
//!
//! Every node is a thread; messages go through a faulty network
//! ([`net::Net`]: loss, duplication, reordering, crashes) driven by a
//! seed. Each node writes its own log, with vector clocks. Bug switches
//! reproduce the implementation errors of the seed documents, so that
//! the tests can check that tlatrace catches each of them.

pub mod net;
pub mod paxos;
pub mod rng;
pub mod tpaxos;

use std::path::PathBuf;

/// A place in a node's log where a bug switch changed what the node did.
#[derive(Clone, Debug)]
pub struct BugAct {
    /// The bug switch.
    pub bug: &'static str,
    /// The node.
    pub node: String,
    /// Its log file.
    pub file: PathBuf,
    /// The line of the event logged for the step the bug changed.
    pub line: usize,
    /// The action of that event.
    pub action: &'static str,
    /// Whether no behaviour of the spec, in any order of the run's
    /// concurrent events, has this step: the trace checker must reject
    /// the run at this event or before. False when the wrong step happens
    /// to be one the spec allows too (a buggy proposer's own value that
    /// another quorum would have allowed).
    pub observable: bool,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The log files, one per node.
    pub logs: Vec<PathBuf>,
    /// The value each node learned as chosen, if any.
    pub learned: Vec<(String, Option<String>)>,
    /// Where the bug switches acted.
    pub bug_acts: Vec<BugAct>,
}

impl Outcome {
    /// Whether two nodes learned different values.
    pub fn disagreement(&self) -> bool {
        let vals: std::collections::BTreeSet<&String> = self
            .learned
            .iter()
            .filter_map(|(_, v)| v.as_ref())
            .collect();
        vals.len() > 1
    }
}

/// Counts the lines a node has written to its log (so that a bug act can
/// name its event's line).
#[derive(Clone, Debug, Default)]
pub struct LineCount(pub usize);

impl LineCount {
    /// The next line number, after one more event.
    pub fn advance(&mut self) -> usize {
        self.0 += 1;
        self.0
    }
}

/// Writes `bytes` to `path` atomically (a temporary file renamed over it),
/// so that a crash leaves the old or the new contents, never half.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
