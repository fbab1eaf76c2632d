//! Many threads sharing one writer: every line whole and parseable, none
//! lost, each thread's lines in its order.

mod common;

use serde_json::Value;
use std::collections::HashMap;
use tlalog::{Flush, TraceWriter, VectorClock};

const THREADS: usize = 8;
const EVENTS: u64 = 3000;

/// Logs `EVENTS` events from each of `THREADS` threads, each with a long
/// string so that lines are big enough to be cut by a small buffer.
fn hammer(w: &TraceWriter) {
    std::thread::scope(|s| {
        for t in 0..THREADS {
            let w = w.clone();
            s.spawn(move || {
                let node = format!("n{t}");
                let mut clock = VectorClock::new(&node);
                let pad = "x".repeat(t * 37);
                for i in 0..EVENTS {
                    w.event()
                        .node(&node)
                        .clock(clock.tick())
                        .action("Step")
                        .param("i", &i)
                        .at("pad", &[&node], &pad)
                        .emit()
                        .unwrap();
                }
            });
        }
    });
}

fn check(text: &str) {
    assert!(text.ends_with('\n'));
    let mut next: HashMap<String, u64> = HashMap::new();
    let mut lines = 0;
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
        let node = v["node"].as_str().unwrap().to_string();
        let i = v["params"]["i"].as_u64().unwrap();
        let t: usize = node[1..].parse().unwrap();
        assert_eq!(v["at"][0]["value"].as_str().unwrap().len(), t * 37);
        assert_eq!(v["clock"][&node].as_u64().unwrap(), i + 1);
        let n = next.entry(node).or_insert(0);
        assert_eq!(*n, i, "out of order or lost: {line}");
        *n += 1;
        lines += 1;
    }
    assert_eq!(lines, THREADS as u64 * EVENTS);
    assert!(next.values().all(|n| *n == EVENTS));
}

#[test]
fn threads_sharing_a_file_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.jsonl");
    // A small buffer: it is written out many times, mid-contention.
    let w = TraceWriter::create(&path).unwrap().with_buffer_size(1000);
    hammer(&w);
    drop(w);
    check(&std::fs::read_to_string(&path).unwrap());
}

#[test]
fn threads_sharing_a_writer_flushing_every_event() {
    let (w, m) = common::mem_writer();
    let w = w.with_flush(Flush::EveryEvent);
    hammer(&w);
    // Nothing left in the buffer: no flush needed.
    check(&m.text());
}

#[test]
fn threads_with_the_default_buffer() {
    let (w, m) = common::mem_writer();
    hammer(&w);
    w.flush().unwrap();
    check(&m.text());
}

#[test]
fn writers_and_clocks_can_cross_threads() {
    fn send_sync<T: Send + Sync + Clone + 'static>() {}
    send_sync::<TraceWriter>();
    send_sync::<VectorClock>();
    send_sync::<tlalog::LamportClock>();
}
