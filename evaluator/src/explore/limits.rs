//! Bounds on a model-checking run (states, depth, memory, Ctrl-C),
//! checked by the explorer after each level of the search.

use super::Stats;
use std::sync::atomic::Ordering;

/// Bounds on a run, checked after each level of the search: a spec whose
/// state space is unbounded (`x' = x + 1`) is stopped with the figures so
/// far instead of growing until the machine runs out of memory.
#[derive(Clone, Debug, Default)]
pub struct Limits {
    /// Stop once this many distinct states are found.
    pub max_states: Option<u64>,
    /// Stop once the search is this deep (levels, as TLC counts depth).
    pub max_depth: Option<u32>,
    /// Stop once the process's resident memory exceeds this many bytes.
    pub max_memory: Option<u64>,
    /// Stop when this flag is set (by a SIGINT handler).
    pub interrupt: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

/// Why a run was stopped before the search ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// `max_states` distinct states were found.
    States(u64),
    /// The search reached `max_depth`.
    Depth(u32),
    /// Resident memory went above `max_memory` (the figure measured).
    Memory(u64),
    /// Interrupted (Ctrl-C).
    Interrupted,
}

impl Limits {
    /// The first limit the run has reached, if any; the memory only when
    /// `memory` (reading it costs a system call and a parse).
    pub(super) fn reached(&self, stats: &Stats, memory: bool) -> Option<Stop> {
        if let Some(flag) = &self.interrupt {
            if flag.load(Ordering::Relaxed) {
                return Some(Stop::Interrupted);
            }
        }
        if let Some(n) = self.max_states {
            if stats.distinct >= n {
                return Some(Stop::States(n));
            }
        }
        if let Some(d) = self.max_depth {
            if stats.depth >= d {
                return Some(Stop::Depth(d));
            }
        }
        if let (Some(m), true) = (self.max_memory, memory) {
            if let Some(rss) = resident_memory() {
                if rss > m {
                    return Some(Stop::Memory(rss));
                }
            }
        }
        None
    }
}

/// The process's resident memory in bytes (Linux; None elsewhere).
pub fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
