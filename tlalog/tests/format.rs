//! The exact JSON of every builder method and value wrapper.

mod common;

use common::{error, line};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io;
use tlalog::{BigInt, Map, ModelValue, Op, Set, Tup, VectorClock};

#[test]
fn empty_event_is_an_empty_object() {
    assert_eq!(line(|e| e), "{}");
}

#[test]
fn action_and_params() {
    assert_eq!(
        line(|e| e.action("Phase2a").param("b", &1).param("v", "v1")),
        r#"{"action":"Phase2a","params":{"b":1,"v":"v1"}}"#
    );
    // A second action replaces the first.
    assert_eq!(
        line(|e| e.action("A").action("Phase1a")),
        r#"{"action":"Phase1a"}"#
    );
}

#[test]
fn node_clock_and_lamport() {
    let mut c = VectorClock::new("a1");
    assert_eq!(
        line(|e| e.node("a1").clock(&c)),
        r#"{"node":"a1","clock":{}}"#
    );
    c.tick();
    c.raise("l1", 2);
    assert_eq!(line(|e| e.clock(&c)), r#"{"clock":{"a1":1,"l1":2}}"#);
    assert_eq!(line(|e| e.lamport(7)), r#"{"clock":7}"#);
    // The last clock given wins.
    assert_eq!(line(|e| e.clock(&c).lamport(0)), r#"{"clock":0}"#);
    assert_eq!(
        line(|e| e.lamport(u64::MAX)),
        r#"{"clock":18446744073709551615}"#
    );
}

#[test]
fn state_whole_values() {
    let max_bal: BTreeMap<&str, i64> = [("a1", -1), ("a2", 0)].into();
    assert_eq!(
        line(|e| e
            .state("maxBal", &max_bal)
            .state("msgs", &Set(Vec::<u8>::new()))),
        r##"{"state":{"maxBal":{"a1":-1,"a2":0},"msgs":{"#set":[]}}}"##
    );
}

#[test]
fn at_paths() {
    assert_eq!(
        line(|e| e
            .at("maxBal", &["a1"], &1)
            .at("state", &("p1", "p1", "maxBal"), &2)
            .at("maxVal", "a1", "None")
            .at("msgs", &(), &Set([1]))
            .at("x", &[0u8; 0], &true)),
        concat!(
            r#"{"at":[{"var":"maxBal","path":["a1"],"value":1},"#,
            r#"{"var":"state","path":["p1","p1","maxBal"],"value":2},"#,
            r#"{"var":"maxVal","path":"a1","value":"None"},"#,
            r##"{"var":"msgs","value":{"#set":[1]}},"##,
            r#"{"var":"x","path":[],"value":true}]}"#
        )
    );
}

#[test]
fn updates_with_each_op() {
    assert_eq!(
        line(|e| e
            .update("maxBal", &["a1"], Op::Set, &1)
            .update("msgs", &(), Op::Add, &("1a", 1))
            .update("msgs", &(), Op::Remove, &("1a", 0))),
        concat!(
            r#"{"update":[{"var":"maxBal","path":["a1"],"value":1},"#,
            r#"{"var":"msgs","op":"add","value":["1a",1]},"#,
            r#"{"var":"msgs","op":"remove","value":["1a",0]}]}"#
        )
    );
}

#[test]
fn unchanged_variables() {
    assert_eq!(
        line(|e| e.unchanged("maxVBal").unchanged("maxVal")),
        r#"{"unchanged":["maxVBal","maxVal"]}"#
    );
}

#[test]
fn free_fields() {
    assert_eq!(
        line(|e| e
            .field("#msg", "promised")
            .field("time", &1.5)
            .field("ts", &Option::<u8>::None)),
        r##"{"#msg":"promised","time":1.5,"ts":null}"##
    );
    for ok in ["msg", "comment", "#"] {
        assert_eq!(line(|e| e.field(ok, &1)), format!(r#"{{"{ok}":1}}"#));
    }
}

#[test]
fn unknown_field_names_are_refused() {
    for bad in ["sate", "action", "params", "", "Time"] {
        let e = error(|e| e.action("A").field(bad, &1));
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(e.to_string().contains(&format!("field `{bad}`")), "{e}");
    }
}

#[test]
fn sections_come_in_a_fixed_order_whatever_the_calls() {
    let c = VectorClock::new("a1");
    assert_eq!(
        line(|e| e
            .field("#n", &1)
            .unchanged("u")
            .update("w", &(), Op::Add, &2)
            .at("v", &["k"], &3)
            .state("s", &4)
            .param("p", &5)
            .action("A")
            .clock(&c)
            .node("a1")
            .at("v2", &["k"], &6)),
        concat!(
            r#"{"node":"a1","clock":{},"action":"A","params":{"p":5},"state":{"s":4},"#,
            r#""at":[{"var":"v","path":["k"],"value":3},{"var":"v2","path":["k"],"value":6}],"#,
            r##""update":[{"var":"w","op":"add","value":2}],"unchanged":["u"],"#n":1}"##
        )
    );
}

#[test]
fn names_are_escaped() {
    assert_eq!(
        line(|e| e.action("a\"b").param("q\\", "line\nbreak")),
        r#"{"action":"a\"b","params":{"q\\":"line\nbreak"}}"#
    );
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
#[serde(tag = "type")]
enum Msg {
    #[serde(rename = "1a")]
    OneA { bal: i64 },
    #[serde(rename = "2b")]
    TwoB { acc: String, bal: i64, val: String },
}

#[test]
fn records_sequences_and_string_keyed_functions_are_plain_json() {
    let m = Msg::TwoB {
        acc: "a1".into(),
        bal: 1,
        val: "v1".into(),
    };
    assert_eq!(
        line(|e| e
            .param("m", &m)
            .param("log", &vec![1, 2])
            .param("f", &HashMap::from([("a1", 1)]))),
        r#"{"params":{"m":{"type":"2b","acc":"a1","bal":1,"val":"v1"},"log":[1,2],"f":{"a1":1}}}"#
    );
}

#[test]
fn sets() {
    let s: BTreeSet<Msg> = [Msg::OneA { bal: 2 }, Msg::OneA { bal: 1 }].into();
    assert_eq!(
        line(|e| e.param("s", &Set(&s))),
        r##"{"params":{"s":{"#set":[{"type":"1a","bal":1},{"type":"1a","bal":2}]}}}"##
    );
    let h: HashSet<&str> = ["a1"].into();
    assert_eq!(
        line(|e| e.param("h", &Set(h))),
        r##"{"params":{"h":{"#set":["a1"]}}}"##
    );
    assert_eq!(
        line(|e| e.param("n", &Set(vec![Set(vec![1]), Set(vec![])]))),
        r##"{"params":{"n":{"#set":[{"#set":[1]},{"#set":[]}]}}}"##
    );
    assert_eq!(
        line(|e| e.param("a", &Set(&[3, 1][..])).param("t", &Set((1, "x")))),
        r##"{"params":{"a":{"#set":[3,1]},"t":{"#set":[1,"x"]}}}"##
    );
}

#[test]
fn a_set_of_a_non_sequence_is_an_error() {
    for e in [
        error(|e| e.param("s", &Set(BTreeMap::from([(1, 2)])))),
        error(|e| e.param("s", &Set("abc"))),
        error(|e| e.param("s", &Set(3))),
        error(|e| e.param("s", &Tup(Msg::OneA { bal: 1 }))),
    ] {
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(e.to_string().contains("param `s`"), "{e}");
        assert!(e.to_string().contains("wraps a sequence"), "{e}");
    }
}

#[test]
fn tuples() {
    assert_eq!(
        line(|e| e.param("t", &Tup((1, "v1"))).param("v", &Tup(vec![true]))),
        r##"{"params":{"t":{"#tup":[1,"v1"]},"v":{"#tup":[true]}}}"##
    );
}

#[test]
fn maps_with_any_keys() {
    let m: BTreeMap<(i64, &str), bool> = [((0, "v1"), true), ((1, "v2"), false)].into();
    assert_eq!(
        line(|e| e.param("m", &Map(&m))),
        r##"{"params":{"m":{"#map":[[[0,"v1"],true],[[1,"v2"],false]]}}}"##
    );
    let pairs = vec![(Set(vec![1]), "a"), (Set(vec![]), "b")];
    assert_eq!(
        line(|e| e.param("p", &Map(pairs))),
        r##"{"params":{"p":{"#map":[[{"#set":[1]},"a"],[{"#set":[]},"b"]]}}}"##
    );
    let e = error(|e| e.param("m", &Map(5)));
    assert!(e.to_string().contains("wraps a map"), "{e}");
}

#[test]
fn big_integers() {
    assert_eq!(
        line(|e| e
            .param("b", &BigInt(-9007199254740993))
            .param("s", &BigInt(0))),
        r##"{"params":{"b":{"#bigint":"-9007199254740993"},"s":{"#bigint":"0"}}}"##
    );
    // Integers beyond the 64-bit range are written as #bigint on their own;
    // those within stay plain, also as map keys.
    assert_eq!(
        line(|e| e
            .param("u", &u64::MAX)
            .param("i", &(i64::MAX as u64))
            .param("w", &(-(1i128 << 70)))
            .param("k", &BTreeMap::from([(u64::MAX, 1u128 << 64)]))),
        concat!(
            r##"{"params":{"u":{"#bigint":"18446744073709551615"},"i":9223372036854775807,"##,
            r##""w":{"#bigint":"-1180591620717411303424"},"##,
            r##""k":{"18446744073709551615":{"#bigint":"18446744073709551616"}}}}"##
        )
    );
}

#[derive(Serialize)]
#[allow(dead_code)]
enum Acceptor {
    A1,
    A2,
}

#[test]
fn model_values_are_strings() {
    assert_eq!(
        line(|e| e
            .param("v", &ModelValue::new("None"))
            .param("a", &Acceptor::A2)
            .state(
                "maxBal",
                &BTreeMap::from([("a1", ModelValue::new(String::from("None")))])
            )),
        r#"{"params":{"v":"None","a":"A2"},"state":{"maxBal":{"a1":"None"}}}"#
    );
    assert_eq!(ModelValue::new("v1").name(), "v1");
    assert_eq!(ModelValue::new("v1").to_string(), "v1");
}

#[test]
fn values_that_are_not_tla_values_are_errors() {
    let cases: Vec<(io::Error, &str)> = vec![
        (error(|e| e.param("x", &Option::<i64>::None)), "null"),
        (error(|e| e.state("x", &())), "null"),
        (error(|e| e.at("x", &[Option::<u8>::None], &1)), "null"),
        (error(|e| e.at("x", &["k"], &1.0)), "float"),
        (error(|e| e.update("x", &(), Op::Add, &f64::NAN)), "null"),
        (error(|e| e.param("x", &vec![0.5f32])), "float"),
    ];
    for (e, what) in cases {
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert!(e.to_string().contains(what), "{e}");
    }
    // `Some(v)` is just `v`.
    assert_eq!(line(|e| e.param("x", &Some(3))), r#"{"params":{"x":3}}"#);
}

#[test]
fn the_first_error_is_reported_and_the_writer_carries_on() {
    let (w, m) = common::mem_writer();
    let e = w
        .event()
        .param("a", &f64::INFINITY)
        .param("b", &None::<u8>)
        .emit()
        .unwrap_err();
    assert!(e.to_string().contains("param `a`"), "{e}");
    w.event().action("Next").emit().unwrap();
    // A builder dropped without emit writes nothing.
    drop(w.event().action("Dropped"));
    w.flush().unwrap();
    assert_eq!(m.text(), "{\"action\":\"Next\"}\n");
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Acc {
    #[serde(with = "tlalog::as_set")]
    msgs: BTreeSet<i64>,
    #[serde(with = "tlalog::as_set")]
    seen: Vec<String>,
    #[serde(with = "tlalog::as_map")]
    votes: BTreeMap<(i64, String), bool>,
    #[serde(with = "tlalog::as_map")]
    hvotes: HashMap<i64, bool>,
    #[serde(with = "tlalog::as_tup")]
    last: (i64, String),
    plain: BTreeMap<String, i64>,
}

fn acc() -> Acc {
    Acc {
        msgs: [2, 1].into(),
        seen: vec!["a".into()],
        votes: [((1, "v1".into()), true)].into(),
        hvotes: [(7, false)].into(),
        last: (1, "v1".into()),
        plain: [("a1".into(), 3)].into(),
    }
}

#[test]
fn serde_with_modules() {
    let json = concat!(
        r##"{"msgs":{"#set":[1,2]},"seen":{"#set":["a"]},"votes":{"#map":[[[1,"v1"],true]]},"##,
        r##""hvotes":{"#map":[[7,false]]},"last":{"#tup":[1,"v1"]},"plain":{"a1":3}}"##
    );
    assert_eq!(
        line(|e| e.state("acc", &acc())),
        format!(r#"{{"state":{{"acc":{json}}}}}"#)
    );
    // And back.
    assert_eq!(serde_json::from_str::<Acc>(json).unwrap(), acc());
}

#[test]
fn wrappers_read_back() {
    let s: Set<BTreeSet<u8>> = serde_json::from_str(r##"{"#set":[3,1,3]}"##).unwrap();
    assert_eq!(s.0, BTreeSet::from([1, 3]));
    let t: Tup<(u8, String)> = serde_json::from_str(r##"{"#tup":[1,"x"]}"##).unwrap();
    assert_eq!(t.0, (1, "x".to_string()));
    let m: Map<BTreeMap<Vec<u8>, bool>> =
        serde_json::from_str(r##"{"#map":[[[1,2],true],[[1,2],false]]}"##).unwrap();
    assert_eq!(m.0, BTreeMap::from([(vec![1, 2], false)]));
    let b: BigInt = serde_json::from_str(r##"{"#bigint":"-123456789012345678901234"}"##).unwrap();
    assert_eq!(b.0, -123456789012345678901234);
    let v: ModelValue = serde_json::from_str(r#""None""#).unwrap();
    assert_eq!(v, ModelValue::new("None"));
    for (bad, why) in [
        (r##"{"#tup":[1]}"##, "expected the key \"#set\""),
        (r#"{}"#, "empty object"),
        (r##"{"#set":[1],"x":2}"##, "unexpected key \"x\""),
        (r#"[1]"#, "invalid type"),
    ] {
        let e = serde_json::from_str::<Set<Vec<u8>>>(bad).unwrap_err();
        assert!(e.to_string().contains(why), "{bad}: {e}");
    }
    let e = serde_json::from_str::<BigInt>(r##"{"#bigint":"1x"}"##).unwrap_err();
    assert!(e.to_string().contains("not an integer"), "{e}");
}
