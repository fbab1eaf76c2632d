//! Values through the public API: equality and fingerprints of tuples and
//! functions, normalisation of sets, fingerprints under symmetry and the
//! run that keeps them up to date, and evaluation of a few expressions.

use evaluator::lower::{Bindings, Lowerer};
use evaluator::session::Session;
use evaluator::value::{set_op, values_equal, FpCache, Group, ModelValue, SetOp, Value};
use parser::load::Loader;
use parser::span::Span;
use std::sync::Arc;

#[test]
fn a_tuple_is_the_function_on_one_to_n() {
    let t = Value::tuple(vec![Value::str("a"), Value::Int(7)]);
    let f = Value::func(vec![
        (Value::Int(2), Value::Int(7)),
        (Value::Int(1), Value::str("a")),
    ]);
    assert_eq!(t, f);
    assert_eq!(t.fingerprint(), f.fingerprint());
    // Another domain, the same values: not the tuple.
    let g = Value::func(vec![
        (Value::Int(0), Value::str("a")),
        (Value::Int(1), Value::Int(7)),
    ]);
    assert_ne!(t, g);
    assert_ne!(t.fingerprint(), g.fingerprint());
    // A record is a function on strings.
    let r = Value::record(vec![("b", Value::Int(2)), ("a", Value::Int(1))]);
    let rf = Value::func(vec![
        (Value::str("a"), Value::Int(1)),
        (Value::str("b"), Value::Int(2)),
    ]);
    assert_eq!(r, rf);
    assert_eq!(r.fingerprint(), rf.fingerprint());
}

#[test]
fn sets_are_normalised_whatever_their_form() {
    let a = Value::set_from(vec![
        Value::Int(3),
        Value::Int(1),
        Value::Int(2),
        Value::Int(3),
    ]);
    let b = Value::set_from(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
    assert_eq!(a, b);
    assert_eq!(a.fingerprint(), b.fingerprint());
    assert_eq!(a.cardinality().unwrap(), 3);
    // The interval 1..3 is lazy, and equal to the set of its elements.
    let i = Value::interval(1, 3);
    assert!(values_equal(&i, &a).unwrap());
    assert_eq!(i.clone().normalize().unwrap(), a);
    assert_eq!(i.normalize().unwrap().fingerprint(), a.fingerprint());
    // Empty intervals are equal, whatever their bounds.
    assert!(values_equal(&Value::interval(5, 1), &Value::interval(9, 2)).unwrap());
    assert!(values_equal(&Value::interval(5, 1), &Value::empty_set()).unwrap());
    // A set is not a number.
    assert!(!values_equal(&Value::Int(1), &a).unwrap());
}

#[test]
fn set_operators_agree_with_a_set_built_anew() {
    let big: Vec<Value> = (0..100).map(Value::Int).collect();
    let s = Value::set_from(big.clone());
    let _ = s.fingerprint();
    // A few elements added to a large set: its fingerprint is derived.
    let add = Value::set_from(vec![Value::Int(500), Value::Int(-1)]);
    let u = set_op(SetOp::Cup, s.clone(), add).unwrap();
    let mut all = big.clone();
    all.extend([Value::Int(500), Value::Int(-1)]);
    let fresh = Value::set_from(all);
    assert_eq!(u, fresh);
    assert_eq!(u.fingerprint(), fresh.fingerprint());
    let d = set_op(SetOp::Diff, s.clone(), Value::set_from(vec![Value::Int(5)])).unwrap();
    let fresh = Value::set_from(
        big.iter()
            .filter(|v| **v != Value::Int(5))
            .cloned()
            .collect(),
    );
    assert_eq!(d.fingerprint(), fresh.fingerprint());
    let c = set_op(SetOp::Cap, s, Value::interval(98, 200)).unwrap();
    assert_eq!(c, Value::set_from(vec![Value::Int(98), Value::Int(99)]));
}

fn mv(name: &str) -> Value {
    Value::Model(ModelValue::new(name))
}

/// The group of all permutations of the model values `names` (two or
/// three of them).
fn group(names: &[&str]) -> Arc<Group> {
    let m: Vec<ModelValue> = names.iter().map(|n| ModelValue::new(n)).collect();
    let mut perms = vec![vec![]];
    for i in 0..m.len() {
        for j in i + 1..m.len() {
            perms.push(vec![(m[i], m[j]), (m[j], m[i])]);
        }
    }
    if m.len() == 3 {
        perms.push(vec![(m[0], m[1]), (m[1], m[2]), (m[2], m[0])]);
        perms.push(vec![(m[0], m[2]), (m[1], m[0]), (m[2], m[1])]);
    }
    Arc::new(Group::new(perms))
}

/// The fingerprints of `v` under each permutation of `g`.
fn permuted(v: &Value, g: &Group) -> Vec<u64> {
    let mut out = vec![0; g.len()];
    v.group_fps(g, &mut out);
    out
}

#[test]
fn symmetric_values_share_their_smallest_permuted_fingerprint() {
    let g = group(&["vs_a", "vs_b", "vs_c"]);
    let x = Value::set_from(vec![
        Value::tuple(vec![mv("vs_a"), Value::Int(1)]),
        mv("vs_b"),
    ]);
    let y = Value::set_from(vec![
        Value::tuple(vec![mv("vs_c"), Value::Int(1)]),
        mv("vs_a"),
    ]);
    assert_ne!(x.fingerprint(), y.fingerprint());
    let (px, py) = (permuted(&x, &g), permuted(&y, &g));
    // The identity first.
    assert_eq!(px[0], x.fingerprint());
    assert_eq!(px.iter().min(), py.iter().min());
    let mut sx = px.clone();
    let mut sy = py.clone();
    sx.sort();
    sy.sort();
    assert_eq!(sx, sy, "the same orbit");
    // A value without model values is its own image.
    let n = Value::set_from(vec![Value::Int(1), Value::str("s")]);
    assert!(permuted(&n, &g).iter().all(|f| *f == n.fingerprint()));
}

/// The sums under `g` that a set operation left in its result's cache.
fn derived_sums(g: &Group, base: &Value, added: Value) -> Option<Vec<u64>> {
    let Value::Set(b) = base else { unreachable!() };
    let _ = base.fingerprint();
    let _ = b.group_sums(g);
    let u = set_op(SetOp::Cup, base.clone(), Value::set_from(vec![added])).unwrap();
    let Value::Set(s) = &u else { unreachable!() };
    let cache: &FpCache = &s.1;
    cache.group_sums(g.id()).map(|s| s.to_vec())
}

#[test]
fn a_session_keeps_the_fingerprints_under_its_own_group() {
    let g = group(&["ss_a", "ss_b", "ss_c"]);
    let h = group(&["ss_a", "ss_b"]);
    let base = || Value::set_from((0..40).map(Value::Int).chain([mv("ss_a")]).collect());
    // Outside a session no group is kept up to date.
    assert_eq!(derived_sums(&g, &base(), mv("ss_b")), None);
    let sg = Session::new(Some(g.clone()));
    let sh = Session::new(Some(h.clone()));
    {
        let _in_g = sg.enter();
        let sums = derived_sums(&g, &base(), mv("ss_b")).expect("sums derived under g");
        // The derived sums are those computed from the elements.
        let fresh = Value::set_from(
            (0..40)
                .map(Value::Int)
                .chain([mv("ss_a"), mv("ss_b")])
                .collect(),
        );
        let Value::Set(f) = &fresh else {
            unreachable!()
        };
        assert_eq!(sums, f.group_sums(&g).to_vec());
        {
            // Another run entered on this thread: its group, not g.
            let _in_h = sh.enter();
            assert_eq!(derived_sums(&g, &base(), mv("ss_b")), None);
            assert!(derived_sums(&h, &base(), mv("ss_b")).is_some());
        }
        // Back to g's run.
        assert!(derived_sums(&g, &base(), mv("ss_b")).is_some());
        assert_eq!(derived_sums(&h, &base(), mv("ss_b")), None);
    }
    assert_eq!(derived_sums(&g, &base(), mv("ss_b")), None);
}

const SPEC: &str = r#"---- MODULE ValuesEval ----
EXTENDS Naturals, Sequences, FiniteSets
Tup == <<1, 2>> = [i \in 1..2 |-> i]
Card == Cardinality({1, 2, 2, 3} \cup (2..5))
Sq == Append(<<1>>, 2)
Rec == [a |-> 1, b |-> 2].b
Fact[n \in 0..5] == IF n = 0 THEN 1 ELSE n * Fact[n - 1]
F5 == Fact[5]
Ch == CHOOSE x \in 3..9 : x * x > 20
Div == 1 \div 0
===="#;

#[test]
fn expressions_evaluate_with_tlc_semantics() {
    let dir = std::env::temp_dir().join(format!("tlatrace-values-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ValuesEval.tla");
    std::fs::write(&path, SPEC).unwrap();
    let loaded = Loader::new(vec![]).load(&path).expect("the spec loads");
    assert!(!loaded.has_errors());
    let root = loaded.root.clone().unwrap();
    let mut l = Lowerer::new(&loaded.set, &root, Bindings::default()).unwrap();
    let names = ["Tup", "Card", "Sq", "Rec", "F5", "Ch", "Div"];
    let lowered: Vec<_> = names
        .iter()
        .map(|n| l.entry(n, Span::default()).unwrap())
        .collect();
    let program = std::mem::take(&mut l.program);
    let session = Session::new(None);
    let _run = session.enter();
    let eval = |i: usize| {
        let (e, n) = &lowered[i];
        evaluator::eval::Ctx::new(&program, &[], *n).eval(e)
    };
    assert_eq!(eval(0).unwrap(), Value::Bool(true));
    assert_eq!(eval(1).unwrap(), Value::Int(5));
    assert_eq!(
        eval(2).unwrap(),
        Value::tuple(vec![Value::Int(1), Value::Int(2)])
    );
    assert_eq!(eval(3).unwrap(), Value::Int(2));
    assert_eq!(eval(4).unwrap(), Value::Int(120));
    assert_eq!(eval(5).unwrap(), Value::Int(5));
    let e = eval(6).unwrap_err();
    assert!(e.message.contains("division by zero"), "{}", e.message);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Long values are shortened for messages on a character boundary: a
/// multibyte character where the cut falls is left out whole (cutting at a
/// fixed byte offset panicked).
#[test]
fn long_values_are_clipped_between_characters() {
    for pad in 0..4 {
        let text = format!("{}{}", "a".repeat(70 + pad), "é".repeat(40));
        let v = Value::Str(evaluator::value::Str::new(&text));
        let d = v.describe();
        assert!(d.ends_with("..."), "{d}");
        assert!(d.len() <= 100, "{d}");
        let c = evaluator::value::clip(text.clone(), 77);
        assert!(c.len() <= 77 && c.ends_with("..."), "{c}");
        assert!(text.starts_with(c.trim_end_matches("...")));
    }
    assert_eq!(evaluator::value::clip("short".into(), 77), "short");
}
