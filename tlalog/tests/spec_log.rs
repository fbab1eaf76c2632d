//! `SpecLog`: the events a node logs through a spec's typed bindings (the
//! traits `SpecAction` and `EventPart`, implemented here by hand the way
//! `tlatrace gen rust` writes them), line by line.

mod common;

use common::mem_writer;
use serde::Serialize;
use std::collections::BTreeMap;
use tlalog::{EventBuilder, EventPart, SpecAction, SpecLog, VectorClock};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
enum Node {
    #[serde(rename = "n1")]
    N1,
    #[serde(rename = "n2")]
    N2,
}

struct State {
    count: BTreeMap<Node, i64>,
    done: bool,
}

impl EventPart for State {
    fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {
        ev.state("count", &self.count).state("done", &self.done)
    }
}

enum Action {
    Incr { n: Node, by: Option<i64> },
    Stop,
}

impl EventPart for Action {
    fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {
        match self {
            Action::Incr { n, by } => {
                let mut ev = ev.action("Incr").param("n", n);
                if let Some(x) = by {
                    ev = ev.param("by", x);
                }
                ev
            }
            Action::Stop => ev.action("Stop"),
        }
    }
}

enum At {
    Count(Node, i64),
    DoneWhole(bool),
}

impl EventPart for At {
    fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {
        match self {
            At::Count(k0, x) => ev.at("count", &(k0,), x),
            At::DoneWhole(x) => ev.state("done", x),
        }
    }
}

impl SpecAction for Action {
    const VARIABLES: &'static [&'static str] = &["count", "done"];
    type At = At;
    type State = State;
    fn name(&self) -> &'static str {
        match self {
            Action::Incr { .. } => "Incr",
            Action::Stop => "Stop",
        }
    }
}

type Log = SpecLog<Action>;

#[test]
fn state_events_mark_every_variable_unchanged() {
    let (w, m) = mem_writer();
    let log = Log::new(w, "n1");
    let clock = VectorClock::new("n1");
    log.state(&clock, &[At::Count(Node::N1, 0)]).unwrap();
    log.writer().flush().unwrap();
    assert_eq!(
        m.text(),
        "{\"node\":\"n1\",\"clock\":{},\"at\":[{\"var\":\"count\",\"path\":[\"n1\"],\"value\":0}],\"unchanged\":[\"count\",\"done\"]}\n"
    );
}

#[test]
fn steps_carry_the_action_its_parameters_and_the_values_after_it() {
    let (w, m) = mem_writer();
    let log = Log::new(w, "n2");
    assert_eq!(log.node(), "n2");
    let mut clock = VectorClock::new("n2");
    let incr = Action::Incr {
        n: Node::N2,
        by: None,
    };
    assert_eq!(incr.name(), "Incr");
    log.step(&incr, clock.tick(), &[At::Count(Node::N2, 1)])
        .unwrap();
    let incr_by = Action::Incr {
        n: Node::N2,
        by: Some(2),
    };
    log.step(
        &incr_by,
        clock.tick(),
        &[At::Count(Node::N2, 3), At::DoneWhole(false)],
    )
    .unwrap();
    // A clone writes to the same sink.
    log.clone().step(&Action::Stop, clock.tick(), &[]).unwrap();
    log.writer().flush().unwrap();
    assert_eq!(
        m.text(),
        concat!(
            "{\"node\":\"n2\",\"clock\":{\"n2\":1},\"action\":\"Incr\",\"params\":{\"n\":\"n2\"},\"at\":[{\"var\":\"count\",\"path\":[\"n2\"],\"value\":1}]}\n",
            "{\"node\":\"n2\",\"clock\":{\"n2\":2},\"action\":\"Incr\",\"params\":{\"n\":\"n2\",\"by\":2},\"state\":{\"done\":false},\"at\":[{\"var\":\"count\",\"path\":[\"n2\"],\"value\":3}]}\n",
            "{\"node\":\"n2\",\"clock\":{\"n2\":3},\"action\":\"Stop\"}\n",
        )
    );
}

#[test]
fn full_states_with_and_without_an_action() {
    let (w, m) = mem_writer();
    let log = Log::new(w, "sys");
    let s = State {
        count: BTreeMap::from([(Node::N1, 0), (Node::N2, 1)]),
        done: true,
    };
    log.full(None, &s).unwrap();
    log.full(Some(&Action::Stop), &s).unwrap();
    log.writer().flush().unwrap();
    assert_eq!(
        m.text(),
        concat!(
            "{\"node\":\"sys\",\"state\":{\"count\":{\"n1\":0,\"n2\":1},\"done\":true}}\n",
            "{\"node\":\"sys\",\"action\":\"Stop\",\"state\":{\"count\":{\"n1\":0,\"n2\":1},\"done\":true}}\n",
        )
    );
}

#[test]
fn a_value_that_is_no_tla_value_fails_the_step_and_writes_nothing() {
    struct Bad;
    impl EventPart for Bad {
        fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {
            ev.at("count", &("n1",), &f64::NAN)
        }
    }
    enum A2 {
        Go,
    }
    impl EventPart for A2 {
        fn write<'w>(&self, ev: EventBuilder<'w>) -> EventBuilder<'w> {
            ev.action("Go")
        }
    }
    impl SpecAction for A2 {
        const VARIABLES: &'static [&'static str] = &["count"];
        type At = Bad;
        type State = Bad;
        fn name(&self) -> &'static str {
            "Go"
        }
    }
    let (w, m) = mem_writer();
    let log = SpecLog::<A2>::new(w, "n1");
    let err = log
        .step(&A2::Go, &VectorClock::new("n1"), &[Bad])
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    log.writer().flush().unwrap();
    assert_eq!(m.text(), "");
}
