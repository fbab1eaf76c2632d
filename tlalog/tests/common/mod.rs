//! Helpers shared by the tests: an in-memory sink the test can read while
//! the writer still holds it.

#![allow(dead_code)]

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use tlalog::{EventBuilder, TraceWriter};

/// A `Vec<u8>` shared between the writer and the test.
#[derive(Clone, Default)]
pub struct Mem(pub Arc<Mutex<Vec<u8>>>);

impl Write for Mem {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Mem {
    /// What was written so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// A writer on a fresh `Mem`.
pub fn mem_writer() -> (TraceWriter, Mem) {
    let m = Mem::default();
    (TraceWriter::from_writer(m.clone()), m)
}

/// The line written by the event that `f` builds (without its newline).
pub fn line(f: impl FnOnce(EventBuilder<'_>) -> EventBuilder<'_>) -> String {
    let (w, m) = mem_writer();
    f(w.event()).emit().unwrap();
    w.flush().unwrap();
    let t = m.text();
    assert!(t.ends_with('\n'), "{t:?}");
    assert_eq!(t.matches('\n').count(), 1, "{t:?}");
    t.trim_end_matches('\n').to_string()
}

/// The error of the event that `f` builds; checks that nothing was written.
pub fn error(f: impl FnOnce(EventBuilder<'_>) -> EventBuilder<'_>) -> io::Error {
    let (w, m) = mem_writer();
    let e = f(w.event()).emit().unwrap_err();
    w.flush().unwrap();
    assert_eq!(m.text(), "", "a failed event wrote something");
    e
}
