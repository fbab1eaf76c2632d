//! The serialized pieces of one event line (one buffer per field of the
//! event, so that entries given in any order end up in one array), how
//! they join into one JSON object, and the per-thread pool that reuses
//! them from event to event.

use std::cell::Cell;

/// The serialized pieces of one event, reused from event to event.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) node: Vec<u8>,
    pub(crate) clock: Vec<u8>,
    pub(crate) action: Vec<u8>,
    /// `"name":value` pairs, comma-separated.
    pub(crate) params: Vec<u8>,
    pub(crate) state: Vec<u8>,
    /// `{"var":..,"path":..,"value":..}` objects, comma-separated.
    pub(crate) at: Vec<u8>,
    pub(crate) update: Vec<u8>,
    /// Variable names, comma-separated.
    pub(crate) unchanged: Vec<u8>,
    /// Extra top-level `"name":value` pairs.
    pub(crate) fields: Vec<u8>,
}

impl Scratch {
    fn buffers(&mut self) -> [&mut Vec<u8>; 9] {
        [
            &mut self.node,
            &mut self.clock,
            &mut self.action,
            &mut self.params,
            &mut self.state,
            &mut self.at,
            &mut self.update,
            &mut self.unchanged,
            &mut self.fields,
        ]
    }

    fn clear(&mut self) {
        for b in self.buffers() {
            b.clear();
        }
    }

    /// Calls `f` with the pieces of the line, in order: one JSON object and
    /// a newline (the writer copies them into its buffer under its lock,
    /// with no intermediate line).
    pub(crate) fn pieces<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
        let sections: [Section<'_>; 9] = [
            (b"\"node\":", b"", &self.node, b""),
            (b"\"clock\":", b"", &self.clock, b""),
            (b"\"action\":", b"", &self.action, b""),
            (b"\"params\":", b"{", &self.params, b"}"),
            (b"\"state\":", b"{", &self.state, b"}"),
            (b"\"at\":", b"[", &self.at, b"]"),
            (b"\"update\":", b"[", &self.update, b"]"),
            (b"\"unchanged\":", b"[", &self.unchanged, b"]"),
            (b"", b"", &self.fields, b""),
        ];
        let mut out: [&[u8]; 2 + 9 * 5] = [b""; 2 + 9 * 5];
        out[0] = b"{";
        let mut n = 1;
        let mut first = true;
        for (key, open, body, close) in sections {
            if body.is_empty() {
                continue;
            }
            if !first {
                out[n] = b",";
                n += 1;
            }
            first = false;
            out[n] = key;
            out[n + 1] = open;
            out[n + 2] = body;
            out[n + 3] = close;
            n += 4;
        }
        out[n] = b"}\n";
        n += 1;
        f(&out[..n])
    }
}

/// A field of the line: key, opening bracket, body, closing bracket.
type Section<'a> = (&'static [u8], &'static [u8], &'a [u8], &'static [u8]);

thread_local! {
    /// One spare scratch per thread: taken by `event()`, given back by
    /// `emit` or when the builder is dropped.
    static SPARE: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

pub(crate) fn take_scratch() -> Box<Scratch> {
    let mut s = SPARE
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_default();
    s.clear();
    s
}

pub(crate) fn give_back(mut s: Box<Scratch>) {
    // Buffers that grew for a huge event are not kept, so as not to pin
    // that memory for the thread's lifetime.
    let held: usize = s.buffers().iter().map(|b| b.capacity()).sum();
    if held > 1 << 20 {
        return;
    }
    let _ = SPARE.try_with(|c| c.set(Some(s)));
}
