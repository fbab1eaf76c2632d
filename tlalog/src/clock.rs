//! Logical clocks that order the events of several nodes' logs: vector
//! clocks (`"clock": {"a1": 2, "l1": 1}`) and Lamport clocks (`"clock": 7`).
//! See "Several nodes, clocks" in docs/trace-format.md.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// The vector clock of one node: a counter per node, zero for nodes not
/// seen. Serializes as the JSON object the checker reads, zero entries
/// left out (`{}` for "nothing seen yet").
///
/// The protocol: `tick()` before logging a local event or sending a
/// message (send the clock with the message); on receipt, `merge()` the
/// sender's clock, then `tick()` and log the receive event.
///
/// Equality and order compare the counters only, not the owner's name: a
/// clock read back from a log (whose owner is unknown, `""`) equals the
/// clock that wrote it. The order is the happened-before partial order.
#[derive(Clone, Debug, Default)]
pub struct VectorClock {
    node: String,
    /// Non-zero counters, sorted by node name.
    entries: Vec<(String, u64)>,
}

impl VectorClock {
    /// The clock of `node`, all zero ("nothing seen yet", logs as `{}`).
    pub fn new(node: &str) -> Self {
        VectorClock {
            node: node.to_string(),
            entries: Vec::new(),
        }
    }

    /// The node that owns this clock (`""` for a clock read from JSON).
    pub fn node(&self) -> &str {
        &self.node
    }

    /// Adds 1 to the own entry (saturating), before logging a local event
    /// or sending a message; returns the clock to log:
    /// `w.event().clock(vc.tick())`.
    pub fn tick(&mut self) -> &Self {
        match self.find(&self.node) {
            Ok(i) => self.entries[i].1 = self.entries[i].1.saturating_add(1),
            Err(i) => self.entries.insert(i, (self.node.clone(), 1)),
        }
        self
    }

    /// Entry-wise maximum with `other` (a clock received with a message;
    /// then `tick()`).
    pub fn merge(&mut self, other: &VectorClock) {
        for (n, c) in &other.entries {
            self.raise(n, *c);
        }
    }

    /// The counter of `node` (0 when not seen).
    pub fn get(&self, node: &str) -> u64 {
        match self.find(node) {
            Ok(i) => self.entries[i].1,
            Err(_) => 0,
        }
    }

    /// Sets the counter of `node` to at least `count` (to build a clock by
    /// hand, e.g. in a test, or to restore one after a restart).
    pub fn raise(&mut self, node: &str, count: u64) {
        if count == 0 {
            return;
        }
        match self.find(node) {
            Ok(i) => self.entries[i].1 = self.entries[i].1.max(count),
            Err(i) => self.entries.insert(i, (node.to_string(), count)),
        }
    }

    /// The non-zero counters, sorted by node name.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.entries.iter().map(|(n, c)| (n.as_str(), *c))
    }

    /// Whether every counter is zero.
    pub fn is_zero(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, node: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(n, _)| n.as_str().cmp(node))
    }
}

impl PartialEq for VectorClock {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for VectorClock {}

impl PartialOrd for VectorClock {
    /// `Less` when `self` happened before `other` (every counter `<=`, one
    /// `<`), `None` for concurrent clocks.
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        let (mut le, mut ge) = (true, true);
        for (n, c) in &self.entries {
            let o = other.get(n);
            le &= *c <= o;
            ge &= *c >= o;
        }
        for (n, c) in &other.entries {
            let s = self.get(n);
            le &= s <= *c;
            ge &= s >= *c;
        }
        match (le, ge) {
            (true, true) => Some(Ordering::Equal),
            (true, false) => Some(Ordering::Less),
            (false, true) => Some(Ordering::Greater),
            (false, false) => None,
        }
    }
}

impl Serialize for VectorClock {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (n, c) in &self.entries {
            m.serialize_entry(n, c)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for VectorClock {
    /// Reads `{"a1": 2, ...}`; the owner is `""` (merge it into your own
    /// clock). Zero entries are dropped, a repeated node keeps its maximum.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VectorClock;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a vector clock: an object from node names to natural numbers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<VectorClock, A::Error> {
                let mut vc = VectorClock::default();
                while let Some((n, c)) = m.next_entry::<String, u64>()? {
                    vc.raise(&n, c);
                }
                Ok(vc)
            }
        }
        d.deserialize_map(V)
    }
}

/// A Lamport clock: one counter per node, logged as `"clock": 7`.
/// Serializes as that number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LamportClock {
    value: u64,
}

impl LamportClock {
    /// A clock at 0 (log the initial state with it).
    pub fn new() -> Self {
        LamportClock { value: 0 }
    }

    /// Adds 1 (saturating) before a local event or a send; returns the new
    /// value: `w.event().lamport(lc.tick())`.
    pub fn tick(&mut self) -> u64 {
        self.value = self.value.saturating_add(1);
        self.value
    }

    /// On receipt of a message stamped `received`: the clock becomes
    /// `max(own, received) + 1`; returns it.
    pub fn observe(&mut self, received: u64) -> u64 {
        self.value = self.value.max(received).saturating_add(1);
        self.value
    }

    /// The current value.
    pub fn value(&self) -> u64 {
        self.value
    }
}

impl From<u64> for LamportClock {
    fn from(value: u64) -> Self {
        LamportClock { value }
    }
}

impl Serialize for LamportClock {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.value)
    }
}

impl<'de> Deserialize<'de> for LamportClock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        u64::deserialize(d).map(LamportClock::from)
    }
}
