//! What reaches the file when: drop, panics, `append`, `Flush::EveryEvent`,
//! `flush` and `sync`.

use std::fs;
use std::path::Path;
use tlalog::{Flush, TraceWriter};

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap()
}

fn emit(w: &TraceWriter, a: &str) {
    w.event().action(a).emit().unwrap();
}

#[test]
fn buffered_lines_wait_for_flush() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    let w = TraceWriter::create(&p).unwrap();
    emit(&w, "A");
    assert_eq!(read(&p), "", "buffered by default");
    w.flush().unwrap();
    assert_eq!(read(&p), "{\"action\":\"A\"}\n");
    emit(&w, "B");
    w.sync().unwrap();
    assert_eq!(read(&p), "{\"action\":\"A\"}\n{\"action\":\"B\"}\n");
}

#[test]
fn every_event_reaches_the_file_without_flush() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    let w = TraceWriter::create(&p)
        .unwrap()
        .with_flush(Flush::EveryEvent);
    emit(&w, "A");
    assert_eq!(read(&p), "{\"action\":\"A\"}\n");
    emit(&w, "B");
    assert_eq!(read(&p), "{\"action\":\"A\"}\n{\"action\":\"B\"}\n");
    drop(w);
}

#[test]
fn a_full_buffer_is_written_out() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    let w = TraceWriter::create(&p).unwrap().with_buffer_size(30);
    emit(&w, "A"); // 15 bytes
    assert_eq!(read(&p), "");
    emit(&w, "B"); // 30: full
    assert_eq!(read(&p), "{\"action\":\"A\"}\n{\"action\":\"B\"}\n");
    drop(w);
}

#[test]
fn dropping_the_last_clone_flushes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    let w = TraceWriter::create(&p).unwrap();
    let w2 = w.clone();
    emit(&w, "A");
    emit(&w2, "B");
    drop(w);
    assert_eq!(read(&p), "", "a clone is still alive");
    drop(w2);
    assert_eq!(read(&p), "{\"action\":\"A\"}\n{\"action\":\"B\"}\n");
}

#[test]
fn a_panic_unwinding_through_the_owner_flushes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    let path = p.clone();
    let r = std::thread::spawn(move || {
        let w = TraceWriter::create(&path).unwrap();
        emit(&w, "BeforeCrash");
        panic!("service bug");
    })
    .join();
    assert!(r.is_err());
    assert_eq!(read(&p), "{\"action\":\"BeforeCrash\"}\n");
}

#[test]
fn append_keeps_earlier_lines_and_create_truncates() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    let w = TraceWriter::create(&p).unwrap();
    emit(&w, "A");
    drop(w);
    let w = TraceWriter::append(&p).unwrap();
    emit(&w, "B");
    drop(w);
    assert_eq!(read(&p), "{\"action\":\"A\"}\n{\"action\":\"B\"}\n");
    drop(TraceWriter::create(&p).unwrap());
    assert_eq!(read(&p), "");
    // `append` creates a missing file.
    let q = dir.path().join("new.jsonl");
    let w = TraceWriter::append(&q).unwrap();
    emit(&w, "C");
    drop(w);
    assert_eq!(read(&q), "{\"action\":\"C\"}\n");
}

#[test]
fn append_after_a_torn_line_starts_a_new_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    fs::write(&p, "{\"action\":\"A\"}\n{\"action\":\"B").unwrap();
    let w = TraceWriter::append(&p).unwrap();
    emit(&w, "C");
    drop(w);
    assert_eq!(
        read(&p),
        "{\"action\":\"A\"}\n{\"action\":\"B\n{\"action\":\"C\"}\n"
    );
}

#[test]
fn from_file_writes_at_the_file_position_and_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.jsonl");
    fs::write(&p, "// header\n").unwrap();
    let f = fs::OpenOptions::new().append(true).open(&p).unwrap();
    let w = TraceWriter::from_file(f);
    emit(&w, "A");
    w.sync().unwrap();
    assert_eq!(read(&p), "// header\n{\"action\":\"A\"}\n");
}
