//! Vector and Lamport clocks: the protocol's arithmetic and their JSON.

use std::cmp::Ordering;
use tlalog::{LamportClock, VectorClock};

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn a_new_vector_clock_is_zero_and_logs_as_an_empty_object() {
    let c = VectorClock::new("a1");
    assert_eq!(c.node(), "a1");
    assert_eq!(c.get("a1"), 0);
    assert!(c.is_zero());
    assert_eq!(json(&c), "{}");
}

#[test]
fn tick_adds_one_to_the_own_entry() {
    let mut c = VectorClock::new("a1");
    assert_eq!(json(c.tick()), r#"{"a1":1}"#);
    c.tick();
    assert_eq!(c.get("a1"), 2);
    assert_eq!(c.get("a2"), 0);
    assert_eq!(json(&c), r#"{"a1":2}"#);
}

#[test]
fn merge_takes_the_entrywise_maximum() {
    // The message exchange of docs/trace-format.md, "Several nodes".
    let mut l1 = VectorClock::new("l1");
    let mut a1 = VectorClock::new("a1");
    let mut a2 = VectorClock::new("a2");
    let m1a = l1.tick().clone();
    assert_eq!(json(&m1a), r#"{"l1":1}"#);
    a1.merge(&m1a);
    assert_eq!(json(a1.tick()), r#"{"a1":1,"l1":1}"#);
    a2.merge(&m1a);
    assert_eq!(json(a2.tick()), r#"{"a2":1,"l1":1}"#);
    l1.merge(&a1);
    l1.merge(&a2);
    assert_eq!(json(l1.tick()), r#"{"a1":1,"a2":1,"l1":2}"#);
    a1.merge(&l1);
    assert_eq!(json(a1.tick()), r#"{"a1":2,"a2":1,"l1":2}"#);
    // Merging never lowers an entry.
    let mut old = VectorClock::new("x");
    old.raise("a1", 1);
    a1.merge(&old);
    assert_eq!(a1.get("a1"), 2);
    assert_eq!(
        a1.entries().collect::<Vec<_>>(),
        [("a1", 2), ("a2", 1), ("l1", 2)]
    );
}

#[test]
fn zero_entries_are_never_logged() {
    let mut c = VectorClock::new("a1");
    c.raise("a2", 0);
    c.merge(&serde_json::from_str(r#"{"l1":0}"#).unwrap());
    assert_eq!(json(&c), "{}");
}

#[test]
fn equality_and_order_compare_counters_only() {
    let mut a = VectorClock::new("a1");
    a.tick();
    let read: VectorClock = serde_json::from_str(&json(&a)).unwrap();
    assert_eq!(read.node(), "");
    assert_eq!(read, a);
    assert_eq!(VectorClock::new("a1"), VectorClock::new("a2"));

    let mut b = VectorClock::new("b1");
    b.merge(&a);
    b.tick();
    assert_eq!(a.partial_cmp(&b), Some(Ordering::Less));
    assert!(a < b);
    assert_eq!(b.partial_cmp(&a), Some(Ordering::Greater));
    let mut c = VectorClock::new("c1");
    c.tick();
    assert_eq!(b.partial_cmp(&c), None);
    assert_eq!(b.partial_cmp(&b.clone()), Some(Ordering::Equal));
}

#[test]
fn vector_clocks_deserialize_and_reject_non_naturals() {
    let c: VectorClock = serde_json::from_str(r#"{"b":2,"a":1}"#).unwrap();
    assert_eq!(json(&c), r#"{"a":1,"b":2}"#);
    assert!(serde_json::from_str::<VectorClock>(r#"{"a":-1}"#).is_err());
    assert!(serde_json::from_str::<VectorClock>("3").is_err());
}

#[test]
fn counters_saturate_instead_of_overflowing() {
    let mut c = VectorClock::new("a1");
    c.raise("a1", u64::MAX);
    c.tick();
    assert_eq!(c.get("a1"), u64::MAX);
    let mut l = LamportClock::from(u64::MAX);
    assert_eq!(l.tick(), u64::MAX);
    assert_eq!(l.observe(u64::MAX), u64::MAX);
}

#[test]
fn lamport_clock() {
    let mut l = LamportClock::new();
    assert_eq!(l.value(), 0);
    assert_eq!(l.tick(), 1);
    assert_eq!(l.tick(), 2);
    // A message from a clock ahead: max + 1.
    assert_eq!(l.observe(7), 8);
    // A message from a clock behind: own + 1.
    assert_eq!(l.observe(3), 9);
    assert_eq!(l.value(), 9);
    assert_eq!(json(&l), "9");
    assert_eq!(
        serde_json::from_str::<LamportClock>("4").unwrap().value(),
        4
    );
}
