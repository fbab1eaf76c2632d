//! The bindings of the fixture spec `tests/fixtures/Relay.tla`: what the
//! generator writes now is the committed `tests/fixtures/relay.rs`, that
//! module compiles (it is this test's module `relay`), and a run logged
//! through it is one the trace checker accepts.

mod common;

// Generated code is kept as the generator writes it.
#[rustfmt::skip]
#[path = "fixtures/relay.rs"]
mod relay;

use codegen::rust;
use common::{fixtures, LoadedModel};
use relay::{Action, At, Log, Msg, Node, NodeOrNone, SpecState};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use tlalog::{Set, SpecAction, TraceWriter, VectorClock};
use tracecheck::event::{read_trace, Decoder, Mapping};
use tracecheck::replay::{Checker, Options, Verdict};

/// The command in the fixture's header; run from the workspace root, with
/// `--out codegen/tests/fixtures/relay.rs`, it regenerates the fixture.
const COMMAND: &str = "tlatrace gen rust codegen/tests/fixtures/Relay.tla --const Limit";

fn options() -> rust::Options {
    rust::Options {
        type_invariant: None,
        consts: vec!["Limit".into()],
        command: COMMAND.into(),
    }
}

#[test]
fn the_committed_bindings_are_what_the_generator_writes() {
    let m = LoadedModel::load(&fixtures().join("Relay.tla"));
    let text = m.generate(&options()).expect("generates");
    let committed = std::fs::read_to_string(fixtures().join("relay.rs")).expect("committed");
    assert!(
        text == committed,
        "tests/fixtures/relay.rs is stale: regenerate it with `{COMMAND} --out codegen/tests/fixtures/relay.rs`"
    );
}

/// A `Vec<u8>` shared between a writer and the test.
#[derive(Clone, Default)]
struct Mem(Arc<Mutex<Vec<u8>>>);

impl Write for Mem {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Mem {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("lock").clone()).expect("utf-8")
    }
}

#[test]
fn a_node_logs_steps_and_states_with_the_generated_types() {
    let mem = Mem::default();
    let log = Log::new(TraceWriter::from_writer(mem.clone()), Node::N1.name());
    let mut clock = VectorClock::new("n1");
    log.state(&clock, &[At::Sent(Node::N1, 0)]).expect("state");
    let ping = Action::Ping { n: Node::N1 };
    assert_eq!(ping.name(), "Ping");
    log.step(&ping, clock.tick(), &[At::Sent(Node::N1, 1)])
        .expect("step");
    let pong = Action::Pong {
        n: Node::N1,
        m: Some(Msg::Ping {
            from: Node::N1,
            n: 0,
        }),
    };
    log.step(
        &pong,
        clock.tick(),
        &[
            At::LastWhole(Node::N1.into()),
            At::SeenWhole(vec![Node::N1]),
        ],
    )
    .expect("step");
    log.writer().flush().expect("flush");
    assert_eq!(
        mem.text(),
        concat!(
            r#"{"node":"n1","clock":{},"at":[{"var":"sent","path":["n1"],"value":0}],"unchanged":["sent","got","last","seen","done"]}"#,
            "\n",
            r#"{"node":"n1","clock":{"n1":1},"action":"Ping","params":{"n":"n1"},"at":[{"var":"sent","path":["n1"],"value":1}]}"#,
            "\n",
            r#"{"node":"n1","clock":{"n1":2},"action":"Pong","params":{"n":"n1","m":{"type":"ping","from":"n1","n":0}},"state":{"last":"n1","seen":["n1"]}}"#,
            "\n",
        )
    );
    assert_eq!(relay::limit(), 2);
}

#[test]
fn a_run_logged_as_whole_states_conforms_to_the_spec() {
    let mem = Mem::default();
    let log = Log::new(TraceWriter::from_writer(mem.clone()), "system");
    let mut s = SpecState {
        sent: BTreeMap::from([(Node::N1, 0), (Node::N2, 0)]),
        got: Set(BTreeSet::new()),
        last: NodeOrNone::None,
        seen: vec![],
        done: false,
    };
    log.full(None, &s).expect("init");
    s.sent.insert(Node::N2, 1);
    let ping = Msg::Ping {
        from: Node::N2,
        n: 0,
    };
    s.got.0.insert(ping.clone());
    log.full(Some(&Action::Ping { n: Node::N2 }), &s)
        .expect("ping");
    s.got.0.insert(Msg::Pong { to: Node::N2 });
    s.last = Node::N2.into();
    s.seen.push(Node::N2);
    let pong = Action::Pong {
        n: Node::N2,
        m: Some(ping),
    };
    log.full(Some(&pong), &s).expect("pong");
    s.done = true;
    log.full(Some(&Action::Stop), &s).expect("stop");
    log.writer().flush().expect("flush");

    let mut m = LoadedModel::load(&fixtures().join("Relay.tla"));
    let text = mem.text();
    let file = m.loaded.set.files.add("run.jsonl", None, text.clone());
    let names: HashSet<String> = ["n1", "n2", "None"].map(String::from).into();
    let mapping = Mapping::default();
    let dec = Decoder {
        model_values: &names,
        mapping: &mapping,
    };
    let events = read_trace(&text, "run.jsonl", file, &dec).expect("reads the run");
    assert_eq!(events.len(), 4);
    let verdict = Checker::new(&m.model, Options::default()).run(&events);
    assert!(matches!(verdict, Verdict::Conforms(_)), "{text}");

    // The same run with a wrong step (the pong before any ping) does not.
    let bad: String = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let file = m.loaded.set.files.add("bad.jsonl", None, bad.clone());
    let events = read_trace(&bad, "bad.jsonl", file, &dec).expect("reads the run");
    let verdict = Checker::new(&m.model, Options::default()).run(&events);
    assert!(matches!(verdict, Verdict::Fails(..)), "{bad}");
}
