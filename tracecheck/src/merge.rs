//! Merging the logs of several nodes into one order consistent with
//! causality, using the Lamport or vector clocks their events carry.

use crate::event::{Clock, Event};

/// A clock inconsistency, with the two events involved.
#[derive(Clone, Debug)]
pub struct MergeError {
    /// What is wrong.
    pub message: String,
    /// The first event (file, line).
    pub first: (String, usize),
    /// The second event (file, line), if any.
    pub second: Option<(String, usize)>,
}

fn le(a: &[(String, u64)], b: &[(String, u64)]) -> bool {
    a.iter().all(|(n, x)| {
        let y = b.iter().find(|(m, _)| m == n).map(|(_, y)| *y).unwrap_or(0);
        *x <= y
    })
}

/// Strictly before in the vector order (missing entries are 0).
fn lt(a: &[(String, u64)], b: &[(String, u64)]) -> bool {
    le(a, b) && !le(b, a)
}

fn vc(e: &Event) -> Option<&[(String, u64)]> {
    match &e.clock {
        Some(Clock::Vector(v)) => Some(v),
        _ => None,
    }
}

/// Merges per-node logs. A single log is returned as it is. Several logs
/// need clocks on every event: Lamport clocks are merged by clock value
/// (ties by file order), vector clocks by happens-before (an event goes
/// only after every event that happens before it; ties by clock sum, then
/// file order). Clocks must increase along each log.
pub fn merge(logs: Vec<Vec<Event>>) -> Result<Vec<Event>, MergeError> {
    if logs.len() <= 1 {
        return Ok(logs.into_iter().next().unwrap_or_default());
    }
    let kind = |e: &Event| matches!(e.clock, Some(Clock::Lamport(_)));
    if let Some(first) = logs.iter().flatten().next() {
        if let Some(other) = logs
            .iter()
            .flatten()
            .find(|e| e.clock.is_some() && kind(e) != kind(first))
        {
            return Err(MergeError {
                message: "the logs mix Lamport clocks (numbers) and vector clocks (objects)".into(),
                first: (first.file.clone(), first.line),
                second: Some((other.file.clone(), other.line)),
            });
        }
    }
    for log in &logs {
        for e in log {
            if e.clock.is_none() {
                return Err(MergeError {
                    message: "merging several logs needs a `clock` on every event".into(),
                    first: (e.file.clone(), e.line),
                    second: None,
                });
            }
        }
        for w in log.windows(2) {
            let increasing = match (&w[0].clock, &w[1].clock) {
                (Some(Clock::Lamport(a)), Some(Clock::Lamport(b))) => a < b,
                (Some(Clock::Vector(a)), Some(Clock::Vector(b))) => {
                    // The logging node's own entry must advance.
                    let own = |v: &[(String, u64)], n: &str| {
                        v.iter().find(|(m, _)| m == n).map(|(_, c)| *c).unwrap_or(0)
                    };
                    let own_ok = match &w[1].node {
                        Some(n) => own(b, n) > own(a, n),
                        None => true,
                    };
                    lt(a, b) && own_ok
                }
                _ => false,
            };
            if !increasing {
                return Err(MergeError {
                    message:
                        "clocks must increase along a log (and all be Lamport or all vector clocks)"
                            .into(),
                    first: (w[0].file.clone(), w[0].line),
                    second: Some((w[1].file.clone(), w[1].line)),
                });
            }
        }
    }
    let lamport = matches!(
        logs[0].first().and_then(|e| e.clock.as_ref()),
        Some(Clock::Lamport(_))
    );
    let mut heads = vec![0usize; logs.len()];
    let total: usize = logs.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(total);
    while out.len() < total {
        let mut pick: Option<usize> = None;
        for (li, log) in logs.iter().enumerate() {
            let Some(e) = log.get(heads[li]) else {
                continue;
            };
            let eligible = if lamport {
                true
            } else {
                let Some(ve) = vc(e) else { continue };
                logs.iter().enumerate().all(|(lj, other)| {
                    lj == li
                        || other
                            .get(heads[lj])
                            .and_then(vc)
                            .is_none_or(|vh| !lt(vh, ve))
                })
            };
            if !eligible {
                continue;
            }
            let better = match pick {
                None => true,
                Some(p) => {
                    let cur = &logs[p][heads[p]];
                    let key = |x: &Event| match &x.clock {
                        Some(Clock::Lamport(c)) => *c,
                        Some(Clock::Vector(v)) => v.iter().map(|(_, c)| *c).sum(),
                        None => 0,
                    };
                    key(e) < key(cur)
                }
            };
            if better {
                pick = Some(li);
            }
        }
        // Two events of different logs cannot have the same vector clock.
        if let (Some(p), false) = (pick, lamport) {
            let e = &logs[p][heads[p]];
            if let Some(ve) = vc(e) {
                for (lj, other) in logs.iter().enumerate() {
                    if lj == p {
                        continue;
                    }
                    if let Some(h) = other.get(heads[lj]) {
                        let nonzero = ve.iter().any(|(_, c)| *c > 0);
                        if nonzero && vc(h).is_some_and(|vh| le(vh, ve) && le(ve, vh)) {
                            return Err(MergeError {
                                message: "two events of different logs have the same vector clock"
                                    .into(),
                                first: (e.file.clone(), e.line),
                                second: Some((h.file.clone(), h.line)),
                            });
                        }
                    }
                }
            }
        }
        let Some(p) = pick else {
            let heads_ev: Vec<&Event> = logs
                .iter()
                .enumerate()
                .filter_map(|(li, l)| l.get(heads[li]))
                .collect();
            return Err(MergeError {
                message: "the vector clocks are inconsistent: each of these events happens before the other".into(),
                first: (heads_ev[0].file.clone(), heads_ev[0].line),
                second: heads_ev.get(1).map(|e| (e.file.clone(), e.line)),
            });
        };
        out.push(logs[p][heads[p]].clone());
        heads[p] += 1;
    }
    // Two Lamport-clocked events of different logs with the same clock are
    // concurrent; order them by file, which the loop above already did.
    Ok(out)
}
