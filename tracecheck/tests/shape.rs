//! Reading TLC's JSON values against the shapes of the spec's values
//! (`tracecheck::shape`): the values below are as TLC 2.20's
//! `-dumpTrace json` writes them (sets and sequences both as arrays, model
//! values as strings, function keys as TLC prints the key).

use evaluator::value::{ModelValue, Value};
use std::collections::HashSet;
use tracecheck::event::{Decoder, Mapping};
use tracecheck::shape::{decode, parse_printed, Raw, Shape};

fn mv(s: &str) -> Value {
    Value::Model(ModelValue::new(s))
}

fn int(i: i64) -> Value {
    Value::Int(i)
}

fn set(v: Vec<Value>) -> Value {
    Value::set_from(v)
}

/// Reads `json` shaped like `like` (a value of the spec at that place).
fn read(json: &str, like: Option<&Value>) -> (Value, bool) {
    let names: HashSet<String> = ["a1", "a2", "None"].iter().map(|s| s.to_string()).collect();
    let mapping = Mapping::default();
    let dec = Decoder {
        model_values: &names,
        mapping: &mapping,
    };
    let raw = Raw::read(&serde_json::from_str(json).unwrap(), &dec).unwrap();
    let shape = like.map(Shape::of).unwrap_or_default();
    let d = decode(&raw, &shape);
    (d.value, d.unsure)
}

#[test]
fn arrays_are_sets_or_sequences_as_the_spec_has_them() {
    let spec_set = set(vec![int(1), int(2)]);
    let spec_seq = Value::tuple(vec![int(3), int(2), int(1)]);
    assert_eq!(read("[2, 1, 2]", Some(&spec_set)).0, spec_set);
    assert_eq!(read("[3, 2, 1]", Some(&spec_seq)).0, spec_seq);
    assert_ne!(read("[1, 2, 3]", Some(&spec_seq)).0, spec_seq);
    // A set of <<ballot, value>> tuples (Voting's votes[a]).
    let votes = set(vec![Value::tuple(vec![int(0), mv("a1")])]);
    assert_eq!(read("[[0, \"a1\"]]", Some(&votes)).0, votes);
    // Nothing known: a sequence, and the reader says it was unsure.
    let (v, unsure) = read("[1, 2]", None);
    assert_eq!(v, Value::tuple(vec![int(1), int(2)]));
    assert!(unsure);
    // An empty array is an empty set or the empty sequence.
    assert_eq!(read("[]", Some(&spec_set)).0, Value::empty_set());
    assert!(!read("[]", None).1);
}

#[test]
fn strings_are_model_values_or_strings_as_the_spec_has_them() {
    assert_eq!(read("\"None\"", None).0, mv("None"));
    assert_eq!(
        read("\"None\"", Some(&Value::str("x"))).0,
        Value::str("None")
    );
    assert_eq!(read("\"hello\"", None).0, Value::str("hello"));
    // A record whose field holds strings.
    let rec = Value::record(vec![("type", Value::str("1a")), ("bal", int(0))]);
    assert_eq!(read(r#"{"type": "1a", "bal": 0}"#, Some(&rec)).0, rec);
}

#[test]
fn function_keys_are_read_as_tlc_prints_them() {
    // [p \in {<<1, 2>>, <<3, 4>>} |-> p[1]]
    let f = Value::func(vec![
        (Value::tuple(vec![int(1), int(2)]), int(1)),
        (Value::tuple(vec![int(3), int(4)]), int(3)),
    ]);
    assert_eq!(read(r#"{"<<1, 2>>": 1, "<<3, 4>>": 3}"#, Some(&f)).0, f);
    assert_eq!(read(r#"{"<<1, 2>>": 1, "<<3, 4>>": 3}"#, None).0, f);
    // [s \in SUBSET {1, 2} |-> s], set keys and set values.
    let g = Value::func(vec![
        (Value::empty_set(), Value::empty_set()),
        (set(vec![int(1)]), set(vec![int(1)])),
        (set(vec![int(1), int(2)]), set(vec![int(1), int(2)])),
    ]);
    assert_eq!(
        read(r#"{"{}": [], "{1}": [1], "{1, 2}": [1, 2]}"#, Some(&g)).0,
        g
    );
    // Keys that are model values, integers, strings.
    let h = Value::func(vec![(mv("a1"), int(-1)), (mv("a2"), int(0))]);
    assert_eq!(read(r#"{"a1": -1, "a2": 0}"#, None).0, h);
    let k = Value::func(vec![(int(2), int(4)), (int(3), int(6))]);
    assert_eq!(read(r#"{"2": 4, "3": 6}"#, None).0, k);
    // A function on 1..n is written as an array.
    let one = Value::func(vec![(int(1), Value::str("z"))]);
    assert_eq!(read(r#"["z"]"#, Some(&one)).0, one);
}

#[test]
fn printed_values_parse_or_are_refused() {
    let names: HashSet<String> = ["a1"].iter().map(|s| s.to_string()).collect();
    let mapping = Mapping::default();
    let dec = Decoder {
        model_values: &names,
        mapping: &mapping,
    };
    let v = parse_printed(r#"<<a1, "s\"q", {1, 2}, [f |-> TRUE], (1 :> -2)>>"#, &dec).unwrap();
    assert_eq!(
        v,
        Value::tuple(vec![
            mv("a1"),
            Value::str("s\"q"),
            set(vec![int(1), int(2)]),
            Value::record(vec![("f", Value::TRUE)]),
            Value::func(vec![(int(1), int(-2))]),
        ])
    );
    for bad in ["<<1, ", "{1 2}", "[f |-> ]", "(1 :> )", "\"open", "<<>> x"] {
        assert_eq!(parse_printed(bad, &dec), None, "{bad}");
    }
}
