//! I/O errors of the sink are returned, never panics, and lines that
//! could not be written are written later, once, in order.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use tlalog::{Flush, TraceWriter};

/// A sink that fails while `broken` is set and on every `fail_every`-th
/// call (if not 0), and otherwise accepts at most `chunk` bytes per call.
#[derive(Clone, Default)]
struct Flaky {
    out: Arc<Mutex<Vec<u8>>>,
    broken: Arc<Mutex<bool>>,
    chunk: usize,
    fail_every: usize,
    calls: Arc<Mutex<usize>>,
    flushes: Arc<Mutex<usize>>,
}

impl Write for Flaky {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        let mut calls = self.calls.lock().unwrap();
        *calls += 1;
        if *self.broken.lock().unwrap() || calls.checked_rem(self.fail_every) == Some(0) {
            return Err(io::Error::other("disk on fire"));
        }
        let n = b.len().min(self.chunk);
        self.out.lock().unwrap().extend_from_slice(&b[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        *self.flushes.lock().unwrap() += 1;
        if *self.broken.lock().unwrap() {
            return Err(io::Error::other("flush failed"));
        }
        Ok(())
    }
}

impl Flaky {
    fn text(&self) -> String {
        String::from_utf8(self.out.lock().unwrap().clone()).unwrap()
    }
    fn set_broken(&self, b: bool) {
        *self.broken.lock().unwrap() = b;
    }
}

#[test]
fn errors_are_returned_by_emit_flush_and_sync() {
    let sink = Flaky {
        chunk: usize::MAX,
        ..Flaky::default()
    };
    sink.set_broken(true);
    let w = TraceWriter::from_writer(sink.clone());
    // Buffered: emit succeeds, the flush fails.
    w.event().action("A").emit().unwrap();
    assert_eq!(w.flush().unwrap_err().to_string(), "disk on fire");
    assert_eq!(w.sync().unwrap_err().to_string(), "disk on fire");
    let w = w.with_flush(Flush::EveryEvent);
    let e = w.event().action("B").emit().unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::Other);
    // Repaired: the buffered lines are written, once, in order.
    sink.set_broken(false);
    w.event().action("C").emit().unwrap();
    assert_eq!(
        sink.text(),
        "{\"action\":\"A\"}\n{\"action\":\"B\"}\n{\"action\":\"C\"}\n"
    );
    // EveryEvent flushes the writer after each line.
    assert!(*sink.flushes.lock().unwrap() >= 1);
}

#[test]
fn partial_writes_and_failures_lose_and_repeat_nothing() {
    // Lines are about 30 bytes: cut in 16-byte writes, every 5th failing.
    let sink = Flaky {
        chunk: 16,
        fail_every: 5,
        ..Flaky::default()
    };
    let w = TraceWriter::from_writer(sink.clone()).with_flush(Flush::EveryEvent);
    let mut failures = 0;
    let mut expected = String::new();
    for i in 0..200 {
        let line = format!("{{\"action\":\"A\",\"params\":{{\"i\":{i}}}}}\n");
        match w.event().action("A").param("i", &i).emit() {
            // Written, or buffered after a partial write: either way it
            // is in the log or will be.
            Ok(()) => expected.push_str(&line),
            Err(_) => {
                failures += 1;
                expected.push_str(&line);
            }
        }
    }
    // Flushing the rest may fail again; each retry makes progress.
    let mut tries = 0;
    while w.flush().is_err() {
        tries += 1;
        assert!(tries < 100);
    }
    assert!(
        failures > 10,
        "the sink should have failed often: {failures}"
    );
    assert_eq!(sink.text(), expected);
}

#[test]
fn a_full_buffer_that_cannot_be_written_drops_the_new_event() {
    let sink = Flaky {
        chunk: usize::MAX,
        ..Flaky::default()
    };
    let w = TraceWriter::from_writer(sink.clone()).with_buffer_size(20);
    w.event().action("A").emit().unwrap(); // 15 bytes, buffered
    sink.set_broken(true);
    // Does not fit: the buffer must be written first, which fails.
    assert!(w.event().action("B").emit().is_err());
    sink.set_broken(false);
    w.event().action("C").emit().unwrap();
    w.flush().unwrap();
    assert_eq!(sink.text(), "{\"action\":\"A\"}\n{\"action\":\"C\"}\n");
}

struct Zero;

impl Write for Zero {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Ok(0)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_sink_that_takes_nothing_is_an_error_not_a_hang() {
    let w = TraceWriter::from_writer(Zero).with_flush(Flush::EveryEvent);
    let e = w.event().action("A").emit().unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::WriteZero);
    // Dropping with unwritable lines neither panics nor hangs.
    drop(w);
}

/// Claims to have written more than it was given.
struct Liar;

impl Write for Liar {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        Ok(b.len() + 100)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_sink_that_lies_does_not_panic() {
    let w = TraceWriter::from_writer(Liar).with_flush(Flush::EveryEvent);
    w.event().action("A").emit().unwrap();
    w.event().action("B").emit().unwrap();
}

struct Panics;

impl Write for Panics {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        panic!("bug in the sink");
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_sink_that_panicked_leaves_the_writer_usable() {
    let w = TraceWriter::from_writer(Panics).with_flush(Flush::EveryEvent);
    let w2 = w.clone();
    let r = std::panic::catch_unwind(move || w2.event().action("A").emit());
    assert!(r.is_err());
    // The lock is poisoned; the writer still works (and still panics in
    // the sink, which is the sink's business), and formats its Debug.
    let w = w.with_flush(Flush::Buffered);
    w.event().action("B").emit().unwrap();
    assert!(format!("{w:?}").contains("TraceWriter"));
    std::mem::forget(w);
}
