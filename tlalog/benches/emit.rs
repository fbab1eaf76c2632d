//! Cost of logging one typical Paxos event (an action, one parameter,
//! three `at` entries and a three-entry vector clock), in nanoseconds per
//! event, to `io::sink()` and to a file, from one thread and from two
//! threads sharing one writer.
//!
//! `cargo bench -p tlalog --bench emit` (or `-- --events N`).

use std::hint::black_box;
use std::io;
use std::time::{Duration, Instant};
use tlalog::{Flush, TraceWriter, VectorClock};

/// CPU time used so far by the calling thread (user + system), from
/// `/proc/thread-self/stat` (Linux, 10 ms ticks); `None` elsewhere. The
/// machine this runs on may be shared: CPU time is the service time an
/// event costs, wall time includes waiting for a core.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses): state is
    // field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Logs `n` events as node `node` and returns the CPU time taken (the
/// wall time where CPU time is not available).
fn run(w: &TraceWriter, node: &str, n: u64) -> Duration {
    let mut clock = VectorClock::new(node);
    clock.raise("l1", 3);
    clock.raise("a2", 5);
    let cpu = thread_cpu();
    let start = Instant::now();
    for b in 0..n {
        let bal = black_box(b as i64);
        w.event()
            .action("Phase2b")
            .param("a", node)
            .at("maxBal", &[node], &bal)
            .at("maxVBal", &[node], &bal)
            .at("maxVal", &[node], "v1")
            .clock(clock.tick())
            .emit()
            .expect("emit");
    }
    let wall = start.elapsed();
    match (cpu, thread_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall,
    }
}

/// Runs `threads` threads of `n` events each on one writer; returns the
/// wall time and the CPU time of the threads, added up.
fn measure(w: &TraceWriter, threads: usize, n: u64) -> (Duration, Duration) {
    let start = Instant::now();
    let cpu = std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|t| {
                let w = w.clone();
                s.spawn(move || run(&w, &format!("a{}", t + 1), n))
            })
            .collect();
        hs.into_iter()
            .map(|h| h.join().expect("thread"))
            .sum::<Duration>()
    });
    let d = start.elapsed();
    w.flush().expect("flush");
    (d, cpu)
}

fn report(name: &str, threads: usize, n: u64, make: &dyn Fn() -> TraceWriter) {
    // Best of five runs, after a warm-up.
    measure(&make(), threads, n / 10);
    let runs: Vec<_> = (0..5).map(|_| measure(&make(), threads, n)).collect();
    let wall = runs.iter().map(|r| r.0).min().unwrap_or_default();
    let cpu = runs.iter().map(|r| r.1).min().unwrap_or_default();
    let total = (n * threads as u64) as f64;
    println!(
        "{name:<26} {threads} thread(s): {:6.0} ns CPU/event, wall {:6.0} ns/event ({:.2} M events/s)",
        cpu.as_nanos() as f64 / total,
        wall.as_nanos() as f64 / total,
        total / wall.as_nanos() as f64 * 1e3,
    );
}

/// The same event as a `#[derive(Serialize)]` struct.
#[derive(serde::Serialize)]
struct Reference<'a> {
    clock: RefClock,
    action: &'a str,
    params: RefParams<'a>,
    at: [RefAt<'a>; 3],
}

#[derive(serde::Serialize)]
struct RefClock {
    a1: u64,
    a2: u64,
    l1: u64,
}

#[derive(serde::Serialize)]
struct RefParams<'a> {
    a: &'a str,
}

#[derive(serde::Serialize)]
struct RefAt<'a> {
    var: &'a str,
    path: [&'a str; 1],
    value: i64,
}

/// For comparison under the same machine load: plain `serde_json` of the
/// same event from a derived struct into a reused `Vec`, nothing else
/// (no validation, no clock, no sink). Returns the CPU ns per event.
fn reference(n: u64) -> f64 {
    let mut buf = Vec::with_capacity(512);
    let run = |buf: &mut Vec<u8>| {
        let cpu = thread_cpu();
        let start = Instant::now();
        for b in 0..n {
            let bal = black_box(b as i64);
            buf.clear();
            let ev = Reference {
                clock: RefClock {
                    a1: b + 1,
                    a2: 5,
                    l1: 3,
                },
                action: "Phase2b",
                params: RefParams { a: "a1" },
                at: [
                    RefAt {
                        var: "maxBal",
                        path: ["a1"],
                        value: bal,
                    },
                    RefAt {
                        var: "maxVBal",
                        path: ["a1"],
                        value: bal,
                    },
                    RefAt {
                        var: "maxVal",
                        path: ["a1"],
                        value: 7,
                    },
                ],
            };
            serde_json::to_writer(&mut *buf, &ev).expect("serialize");
            buf.push(b'\n');
            black_box(&buf);
        }
        match (cpu, thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => start.elapsed(),
        }
    };
    run(&mut buf);
    let best = (0..5).map(|_| run(&mut buf)).min().unwrap_or_default();
    best.as_nanos() as f64 / n as f64
}

fn main() {
    let mut n: u64 = 1_000_000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--events" {
            n = args.next().and_then(|v| v.parse().ok()).unwrap_or(n);
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.jsonl");

    let mut sample = Vec::new();
    {
        let mut c = VectorClock::new("a1");
        c.raise("l1", 3);
        c.raise("a2", 5);
        let w = TraceWriter::create(&path).expect("create");
        w.event()
            .action("Phase2b")
            .param("a", "a1")
            .at("maxBal", &["a1"], &7)
            .at("maxVBal", &["a1"], &7)
            .at("maxVal", &["a1"], "v1")
            .clock(c.tick())
            .emit()
            .expect("emit");
        drop(w);
        sample.extend(std::fs::read(&path).expect("read"));
    }
    print!(
        "event ({} bytes): {}",
        sample.len(),
        String::from_utf8_lossy(&sample)
    );
    println!(
        "{n} events per thread, best of 5 runs; CPU time = service time per event (summed over threads), wall = elapsed / all events"
    );

    println!(
        "{:<26} 1 thread(s): {:6.0} ns CPU/event (reference: serde_json of a derived struct into a Vec)",
        "serde_json::to_writer",
        reference(n)
    );
    for threads in [1, 2] {
        report("io::sink()", threads, n, &|| {
            TraceWriter::from_writer(io::sink())
        });
        report("file, Flush::Buffered", threads, n, &|| {
            TraceWriter::create(&path).expect("create")
        });
        report("file, Flush::EveryEvent", threads, n / 10, &|| {
            TraceWriter::create(&path)
                .expect("create")
                .with_flush(Flush::EveryEvent)
        });
    }
}
