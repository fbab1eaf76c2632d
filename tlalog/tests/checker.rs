//! Compatibility with the checker: logs written with tlalog are, byte for
//! byte, the example logs of docs/trace-format.md (which the CLI's golden
//! tests check to conform to Paxos), and the checker's own reader
//! (`tracecheck::event`) decodes tlalog's values, clocks and fields into
//! the expected events.

use evaluator::value::{ModelValue as Mv, Value};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use tlalog::{BigInt, Map, ModelValue, Op, Set, TraceWriter, Tup, VectorClock};
use tracecheck::event::{read_trace, Clock, Decoder, Event, Mapping, UpdateOp};

fn doc(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/traces/doc")
        .join(file)
}

/// Runs `f` on a writer to a fresh file and returns what it wrote.
fn written(f: impl FnOnce(&TraceWriter)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("run.jsonl");
    let w = TraceWriter::create(&p).unwrap();
    f(&w);
    w.sync().unwrap();
    drop(w);
    std::fs::read_to_string(&p).unwrap()
}

fn fixture(file: &str) -> String {
    std::fs::read_to_string(doc(file)).unwrap()
}

#[derive(Serialize, Clone)]
#[serde(tag = "type")]
enum Msg {
    #[serde(rename = "1a")]
    P1a { bal: i64 },
    #[serde(rename = "1b")]
    P1b {
        acc: &'static str,
        bal: i64,
        mbal: i64,
        mval: ModelValue,
    },
    #[serde(rename = "2a")]
    P2a { bal: i64, val: &'static str },
    #[serde(rename = "2b")]
    P2b {
        acc: &'static str,
        bal: i64,
        val: &'static str,
    },
}

fn none() -> ModelValue {
    ModelValue::new("None")
}

/// An acceptor's own variables, logged with `at`.
struct Acceptor {
    name: &'static str,
    max_bal: i64,
    max_vbal: i64,
    max_val: ModelValue,
    clock: VectorClock,
}

impl Acceptor {
    fn new(name: &'static str) -> Self {
        Acceptor {
            name,
            max_bal: -1,
            max_vbal: -1,
            max_val: none(),
            clock: VectorClock::new(name),
        }
    }

    fn log<'w>(&self, e: tlalog::EventBuilder<'w>) -> tlalog::EventBuilder<'w> {
        e.at("maxBal", &[self.name], &self.max_bal)
            .at("maxVBal", &[self.name], &self.max_vbal)
            .at("maxVal", &[self.name], &self.max_val)
    }
}

#[test]
fn partial_log_is_the_documented_one() {
    let text = written(|w| {
        let mut a1 = Acceptor::new("a1");
        a1.log(w.event()).emit().unwrap();
        w.event().action("Phase1a").param("b", &1).emit().unwrap();
        a1.max_bal = 1;
        a1.log(w.event().action("Phase1b").param("a", "a1"))
            .emit()
            .unwrap();
        w.event().action("Phase1b").param("a", "a2").emit().unwrap();
        w.event()
            .action("Phase2a")
            .param("b", &1)
            .param("v", "v1")
            .emit()
            .unwrap();
        a1.max_vbal = 1;
        a1.max_val = ModelValue::new("v1");
        a1.log(w.event().action("Phase2b").param("a", "a1"))
            .emit()
            .unwrap();
    });
    assert_eq!(text, fixture("partial.jsonl"));
}

#[test]
fn per_node_logs_with_vector_clocks_are_the_documented_ones() {
    let (mut a1, mut a2) = (Acceptor::new("a1"), Acceptor::new("a2"));
    let mut l1 = VectorClock::new("l1");
    let (mut log_a1, mut log_a2, mut log_l1) = (String::new(), String::new(), String::new());
    log_a1 += &written(|w| {
        a1.log(w.event().node("a1").clock(&a1.clock))
            .emit()
            .unwrap();
    });
    log_a2 += &written(|w| {
        a2.log(w.event().node("a2").clock(&a2.clock))
            .emit()
            .unwrap();
    });
    // l1 sends 1a (ballot 1) to both.
    let m1a = l1.tick().clone();
    log_l1 += &written(|w| {
        w.event()
            .node("l1")
            .clock(&m1a)
            .action("Phase1a")
            .param("b", &1)
            .emit()
            .unwrap();
    });
    // Both promise; their 1b messages carry their clocks to l1.
    let mut promises = vec![];
    for a in [&mut a1, &mut a2] {
        a.clock.merge(&m1a);
        a.clock.tick();
        a.max_bal = 1;
        let line = written(|w| {
            a.log(
                w.event()
                    .node(a.name)
                    .clock(&a.clock)
                    .action("Phase1b")
                    .param("a", a.name),
            )
            .emit()
            .unwrap();
        });
        if a.name == "a1" {
            log_a1 += &line;
        } else {
            log_a2 += &line;
        }
        promises.push(a.clock.clone());
    }
    for p in &promises {
        l1.merge(p);
    }
    let m2a = l1.tick().clone();
    log_l1 += &written(|w| {
        w.event()
            .node("l1")
            .clock(&m2a)
            .action("Phase2a")
            .param("b", &1)
            .param("v", "v1")
            .emit()
            .unwrap();
    });
    a1.clock.merge(&m2a);
    a1.clock.tick();
    a1.max_vbal = 1;
    a1.max_val = ModelValue::new("v1");
    log_a1 += &written(|w| {
        a1.log(
            w.event()
                .node("a1")
                .clock(&a1.clock)
                .action("Phase2b")
                .param("a", "a1"),
        )
        .emit()
        .unwrap();
    });
    assert_eq!(log_a1, fixture("nodes/a1.jsonl"));
    assert_eq!(log_a2, fixture("nodes/a2.jsonl"));
    assert_eq!(log_l1, fixture("nodes/l1.jsonl"));
}

/// The whole state of Paxos with three acceptors.
struct Paxos {
    max_bal: BTreeMap<&'static str, i64>,
    max_vbal: BTreeMap<&'static str, i64>,
    max_val: BTreeMap<&'static str, ModelValue>,
    /// In the order the documented log lists them (a set: any order is
    /// the same value to the checker).
    msgs: Vec<Msg>,
}

impl Paxos {
    fn new() -> Self {
        let acc = ["a1", "a2", "a3"];
        Paxos {
            max_bal: acc.iter().map(|a| (*a, -1)).collect(),
            max_vbal: acc.iter().map(|a| (*a, -1)).collect(),
            max_val: acc.iter().map(|a| (*a, none())).collect(),
            msgs: vec![],
        }
    }

    fn log<'w>(&self, e: tlalog::EventBuilder<'w>) -> tlalog::EventBuilder<'w> {
        e.state("maxBal", &self.max_bal)
            .state("maxVBal", &self.max_vbal)
            .state("maxVal", &self.max_val)
            .state("msgs", &Set(&self.msgs))
    }
}

#[test]
fn full_state_and_update_logs_are_the_documented_ones() {
    let mut full = String::new();
    let updates = written(|u| {
        let mut s = Paxos::new();
        full += &written(|w| s.log(w.event()).emit().unwrap());
        s.log(u.event()).emit().unwrap();

        let m = Msg::P1a { bal: 1 };
        s.msgs.push(m.clone());
        full += &written(|w| {
            s.log(w.event().action("Phase1a").param("b", &1))
                .emit()
                .unwrap()
        });
        u.event()
            .action("Phase1a")
            .param("b", &1)
            .update("msgs", &(), Op::Add, &m)
            .emit()
            .unwrap();

        for (a, at) in [("a1", 0), ("a2", 1)] {
            let m = Msg::P1b {
                acc: a,
                bal: 1,
                mbal: -1,
                mval: none(),
            };
            s.max_bal.insert(a, 1);
            s.msgs.insert(at, m.clone());
            full += &written(|w| {
                s.log(w.event().action("Phase1b").param("a", a))
                    .emit()
                    .unwrap()
            });
            u.event()
                .action("Phase1b")
                .param("a", a)
                .update("maxBal", &[a], Op::Set, &1)
                .update("msgs", &(), Op::Add, &m)
                .emit()
                .unwrap();
        }

        let m = Msg::P2a { bal: 1, val: "v1" };
        s.msgs.push(m.clone());
        full += &written(|w| {
            s.log(w.event().action("Phase2a").param("b", &1).param("v", "v1"))
                .emit()
                .unwrap()
        });
        u.event()
            .action("Phase2a")
            .param("b", &1)
            .param("v", "v1")
            .update("msgs", &(), Op::Add, &m)
            .emit()
            .unwrap();

        let m = Msg::P2b {
            acc: "a1",
            bal: 1,
            val: "v1",
        };
        s.max_vbal.insert("a1", 1);
        s.max_val.insert("a1", ModelValue::new("v1"));
        s.msgs.insert(1, m.clone());
        full += &written(|w| {
            s.log(w.event().action("Phase2b").param("a", "a1"))
                .emit()
                .unwrap()
        });
        u.event()
            .action("Phase2b")
            .param("a", "a1")
            .update("maxVBal", &["a1"], Op::Set, &1)
            .update("maxVal", &["a1"], Op::Set, "v1")
            .update("msgs", &(), Op::Add, &m)
            .emit()
            .unwrap();
    });
    assert_eq!(full, fixture("full.jsonl"));
    assert_eq!(updates, fixture("updates.jsonl"));
}

fn decode(text: &str, model_values: &[&str]) -> Vec<Event> {
    let mv: HashSet<String> = model_values.iter().map(|s| s.to_string()).collect();
    let mapping = Mapping::default();
    let dec = Decoder {
        model_values: &mv,
        mapping: &mapping,
    };
    let mut files = parser::span::Files::new();
    let id = files.add("run.jsonl", None, text);
    read_trace(text, "run.jsonl", id, &dec).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn int(i: i64) -> Value {
    Value::Int(i)
}

fn mv(s: &str) -> Value {
    Value::Model(Mv::new(s))
}

fn rec(fields: &[(&str, Value)]) -> Value {
    Value::func(
        fields
            .iter()
            .map(|(k, v)| (Value::str(k), v.clone()))
            .collect(),
    )
}

#[derive(Serialize)]
struct Entry {
    term: u64,
    cmd: &'static str,
}

#[test]
fn the_checker_decodes_tlalog_values() {
    let mut clock = VectorClock::new("n1");
    let votes: BTreeMap<(i64, &str), bool> = [((0, "v1"), true), ((1, "v2"), false)].into();
    let quorums: BTreeSet<BTreeSet<&str>> = [["a1", "a2"].into(), ["a2", "a3"].into()].into();
    let log = vec![Entry { term: 1, cmd: "x" }];
    let text = written(|w| {
        w.event()
            .node("n1")
            .clock(&clock)
            .state("votes", &Map(&votes))
            .state("quorums", &Set(quorums.iter().map(Set).collect::<Vec<_>>()))
            .state("log", &log)
            .state("big", &BigInt(1 << 60))
            .state("huge", &(i64::MAX as u64))
            .at("maxVal", &["a1"], &ModelValue::new("None"))
            .at("state", &("a1", "a2"), &Tup((1, "a3")))
            .field("#msg", "initial state")
            .field("time", &12.5)
            .emit()
            .unwrap();
        w.event()
            .node("n1")
            .clock(clock.tick())
            .action("Vote")
            .param("a", "a1")
            .param("q", &Set(["a1", "a2"]))
            .update("votes", &[(2, "v1")], Op::Set, &true)
            .update("quorums", &(), Op::Remove, &Set(["a1", "a2"]))
            .update("quorums", &(), Op::Add, &Set(["a1"]))
            .unchanged("log")
            .unchanged("big")
            .emit()
            .unwrap();
        w.event().lamport(7).action("Tick").emit().unwrap();
    });
    let ev = decode(&text, &["a1", "a2", "a3", "None"]);
    assert_eq!(ev.len(), 3);

    let e = &ev[0];
    assert_eq!(e.node.as_deref(), Some("n1"));
    assert_eq!(e.clock, Some(Clock::Vector(vec![])));
    assert_eq!(e.action, None);
    let set = |xs: &[&str]| Value::set_from(xs.iter().map(|x| mv(x)).collect());
    let expect_state = [
        (
            "votes",
            vec![],
            Value::func(vec![
                (Value::tuple(vec![int(0), Value::str("v1")]), Value::TRUE),
                (Value::tuple(vec![int(1), Value::str("v2")]), Value::FALSE),
            ]),
        ),
        (
            "quorums",
            vec![],
            Value::set_from(vec![set(&["a1", "a2"]), set(&["a2", "a3"])]),
        ),
        (
            "log",
            vec![],
            Value::tuple(vec![rec(&[("term", int(1)), ("cmd", Value::str("x"))])]),
        ),
        ("big", vec![], int(1 << 60)),
        ("huge", vec![], int(i64::MAX)),
        ("maxVal", vec![mv("a1")], mv("None")),
        (
            "state",
            vec![mv("a1"), mv("a2")],
            Value::tuple(vec![int(1), mv("a3")]),
        ),
    ];
    let mut got: Vec<_> = e
        .state
        .iter()
        .map(|f| (f.var.as_str(), f.path.clone(), f.op.clone()))
        .collect();
    got.sort_by(|a, b| a.0.cmp(b.0));
    let mut want: Vec<_> = expect_state
        .iter()
        .map(|(v, p, x)| (*v, p.clone(), UpdateOp::Set(x.clone())))
        .collect();
    want.sort_by(|a, b| a.0.cmp(b.0));
    assert_eq!(got, want);

    let e = &ev[1];
    assert_eq!(e.clock, Some(Clock::Vector(vec![("n1".into(), 1)])));
    assert_eq!(e.action.as_deref(), Some("Vote"));
    assert_eq!(
        e.params,
        [
            ("a".to_string(), mv("a1")),
            ("q".to_string(), set(&["a1", "a2"]))
        ]
    );
    // `update` entries keep their order; `unchanged` ones are also updates
    // (`Keep`), wherever the reader puts them.
    let ups: Vec<_> = e
        .updates
        .iter()
        .filter(|f| f.op != UpdateOp::Keep)
        .map(|f| (f.var.as_str(), f.path.clone(), f.op.clone()))
        .collect();
    assert_eq!(
        ups,
        [
            (
                "votes",
                vec![Value::tuple(vec![int(2), Value::str("v1")])],
                UpdateOp::Set(Value::TRUE)
            ),
            ("quorums", vec![], UpdateOp::Remove(set(&["a1", "a2"]))),
            ("quorums", vec![], UpdateOp::Add(set(&["a1"]))),
        ]
    );
    let keeps: Vec<_> = e
        .updates
        .iter()
        .filter(|f| f.op == UpdateOp::Keep && f.path.is_empty())
        .map(|f| f.var.as_str())
        .collect();
    assert_eq!(keeps, ["log", "big"]);

    assert_eq!(ev[2].clock, Some(Clock::Lamport(7)));
}
