//! Rust types for TLA+ values, inferred from the values of a model: the
//! sets of a type invariant (`x \in [Acceptor -> Ballot \cup {-1}]`), the
//! domains of action parameters, the values of constants.
//!
//! A type describes the values a Rust program must be able to write so
//! that the trace checker reads them back as the spec's values: model
//! values of a set become an enum, records a struct, a union of records
//! told apart by a string field (`type |-> "1a"`) an enum tagged by that
//! field, sets and functions maps and sets.

use evaluator::value::{Domain, Lazy, ModelValue, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The type of a TLA+ value, as far as the model shows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ty {
    /// Nothing known yet (the elements of an empty set).
    Unknown,
    /// `BOOLEAN`.
    Bool,
    /// Integers.
    Int,
    /// Strings: the literals seen when the model shows finitely many,
    /// `None` for any string.
    Str(Option<BTreeSet<String>>),
    /// Model values of a finite set.
    Models(BTreeSet<ModelValue>),
    /// Finite sets.
    Set(Box<Ty>),
    /// Sequences (functions on `1..n` of one element type).
    Seq(Box<Ty>),
    /// Tuples of fixed length.
    Tuple(Vec<Ty>),
    /// Records: field name to type.
    Record(BTreeMap<String, Ty>),
    /// Records told apart by the string field `.0`: its value to the
    /// record's fields (the tag field included).
    Tagged(String, BTreeMap<String, BTreeMap<String, Ty>>),
    /// Functions: domain element type, value type.
    Fn(Box<Ty>, Box<Ty>),
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Unknown => write!(f, "unknown"),
            Ty::Bool => write!(f, "BOOLEAN"),
            Ty::Int => write!(f, "Int"),
            Ty::Str(_) => write!(f, "STRING"),
            Ty::Models(ms) => {
                let names: Vec<&str> = ms.iter().map(|m| m.name()).collect();
                write!(f, "{{{}}}", names.join(", "))
            }
            Ty::Set(t) => write!(f, "SUBSET {t}"),
            Ty::Seq(t) => write!(f, "Seq({t})"),
            Ty::Tuple(ts) => {
                let parts: Vec<String> = ts.iter().map(|t| t.to_string()).collect();
                write!(f, "<<{}>>", parts.join(", "))
            }
            Ty::Record(fs) => {
                let parts: Vec<String> = fs.iter().map(|(k, t)| format!("{k} : {t}")).collect();
                write!(f, "[{}]", parts.join(", "))
            }
            Ty::Tagged(tag, vs) => {
                let parts: Vec<String> = vs.keys().map(|k| format!("{tag} = {k:?}")).collect();
                write!(f, "records with {}", parts.join(" | "))
            }
            Ty::Fn(d, r) => write!(f, "[{d} -> {r}]"),
        }
    }
}

/// Why no type could be inferred.
pub type TyResult<T> = Result<T, String>;

/// The type of one value.
pub fn type_of(v: &Value) -> TyResult<Ty> {
    Ok(match v {
        Value::Model(m) => Ty::Models(BTreeSet::from([*m])),
        Value::Bool(_) => Ty::Bool,
        Value::Int(_) => Ty::Int,
        Value::Str(s) => Ty::Str(Some(BTreeSet::from([s.as_str().to_string()]))),
        Value::Set(_) | Value::Lazy(_) => Ty::Set(Box::new(elem_ty(v)?)),
        Value::Fn(f) => match &f.domain {
            Domain::Seq(_) => {
                let tys = f.values.iter().map(type_of).collect::<TyResult<Vec<_>>>()?;
                // A sequence when its elements have one type, else a tuple.
                let mut all = Ty::Unknown;
                let mut uniform = true;
                for t in &tys {
                    if distinct_kinds(&all, t) {
                        uniform = false;
                        break;
                    }
                    match join(&all, t) {
                        Ok(j) => all = j,
                        Err(_) => {
                            uniform = false;
                            break;
                        }
                    }
                }
                if uniform {
                    Ty::Seq(Box::new(all))
                } else {
                    Ty::Tuple(tys)
                }
            }
            Domain::Keys(keys) => {
                if !keys.is_empty() && keys.iter().all(|k| matches!(k, Value::Str(_))) {
                    let mut fields = BTreeMap::new();
                    for (k, x) in keys.iter().zip(&f.values) {
                        if let Value::Str(s) = k {
                            fields.insert(s.as_str().to_string(), type_of(x)?);
                        }
                    }
                    Ty::Record(fields)
                } else {
                    let mut kt = Ty::Unknown;
                    let mut vt = Ty::Unknown;
                    for (k, x) in keys.iter().zip(&f.values) {
                        kt = join(&kt, &type_of(k)?)?;
                        vt = join(&vt, &type_of(x)?)?;
                    }
                    Ty::Fn(Box::new(kt), Box::new(vt))
                }
            }
        },
    })
}

/// Whether two types are different kinds of thing (so that a sequence of
/// them is really a tuple): an integer and a model value, say.
fn distinct_kinds(a: &Ty, b: &Ty) -> bool {
    !matches!(a, Ty::Unknown) && std::mem::discriminant(a) != std::mem::discriminant(b)
}

/// The type of the elements of a set value (finite or lazy).
pub fn elem_ty(set: &Value) -> TyResult<Ty> {
    match set {
        Value::Set(s) => {
            let mut t = Ty::Unknown;
            for e in &s.0 {
                t = join(&t, &type_of(e)?)?;
            }
            Ok(t)
        }
        Value::Lazy(l) => Ok(match &**l {
            Lazy::Interval(..) | Lazy::Nat | Lazy::Int => Ty::Int,
            Lazy::String => Ty::Str(None),
            Lazy::Subset(s) => Ty::Set(Box::new(elem_ty(s)?)),
            Lazy::FnSet(d, r) => {
                let dt = elem_ty(d)?;
                let rt = elem_ty(r)?;
                match (d, &dt) {
                    (Value::Lazy(x), _) if matches!(&**x, Lazy::Interval(1, _)) => {
                        Ty::Seq(Box::new(rt))
                    }
                    (_, Ty::Str(Some(names))) => {
                        Ty::Record(names.iter().map(|n| (n.clone(), rt.clone())).collect())
                    }
                    _ => Ty::Fn(Box::new(dt), Box::new(rt)),
                }
            }
            Lazy::RecordSet(names, sets) => {
                let mut fields = BTreeMap::new();
                for (n, s) in names.iter().zip(sets) {
                    let Value::Str(n) = n else {
                        return Err(format!("a record field name that is not a string: {n}"));
                    };
                    fields.insert(n.as_str().to_string(), elem_ty(s)?);
                }
                Ty::Record(fields)
            }
            Lazy::Product(sets) => Ty::Tuple(sets.iter().map(elem_ty).collect::<TyResult<_>>()?),
            Lazy::Seq(s) => Ty::Seq(Box::new(elem_ty(s)?)),
            Lazy::Filter(s, _) | Lazy::Cap(s, _) | Lazy::Diff(s, _) => elem_ty(s)?,
            Lazy::Cup(a, b) => join(&elem_ty(a)?, &elem_ty(b)?)?,
        }),
        other => Err(format!("{other} is not a set")),
    }
}

/// The field that tells two records apart: a field both have, whose value
/// is one string literal in each, different.
fn tag_field(a: &BTreeMap<String, Ty>, b: &BTreeMap<String, Ty>) -> Option<String> {
    for (k, ta) in a {
        if let (Ty::Str(Some(x)), Some(Ty::Str(Some(y)))) = (ta, b.get(k)) {
            if x.len() == 1 && y.len() == 1 && x != y {
                return Some(k.clone());
            }
        }
    }
    None
}

fn single_tag(fields: &BTreeMap<String, Ty>, tag: &str) -> Option<String> {
    match fields.get(tag) {
        Some(Ty::Str(Some(x))) if x.len() == 1 => x.iter().next().cloned(),
        _ => None,
    }
}

fn join_fields(
    a: &BTreeMap<String, Ty>,
    b: &BTreeMap<String, Ty>,
) -> TyResult<BTreeMap<String, Ty>> {
    let mut out = BTreeMap::new();
    for (k, ta) in a {
        let tb = &b[k];
        out.insert(k.clone(), join(ta, tb)?);
    }
    Ok(out)
}

fn add_variant(
    tag: &str,
    mut vs: BTreeMap<String, BTreeMap<String, Ty>>,
    fields: &BTreeMap<String, Ty>,
) -> TyResult<Ty> {
    let Some(t) = single_tag(fields, tag) else {
        return Err(format!(
            "records tagged by `{tag}` mixed with a record without one `{tag}` string"
        ));
    };
    let joined = match vs.get(&t) {
        Some(old) if old.keys().eq(fields.keys()) => join_fields(old, fields)?,
        Some(_) => {
            return Err(format!(
                "two kinds of records with `{tag}` = {t:?} have different fields"
            ))
        }
        None => fields.clone(),
    };
    vs.insert(t, joined);
    Ok(Ty::Tagged(tag.to_string(), vs))
}

/// The smallest type of both (their union as sets of values).
pub fn join(a: &Ty, b: &Ty) -> TyResult<Ty> {
    use Ty::*;
    Ok(match (a, b) {
        (Unknown, x) | (x, Unknown) => x.clone(),
        (Bool, Bool) => Bool,
        (Int, Int) => Int,
        (Str(Some(x)), Str(Some(y))) => Str(Some(x.union(y).cloned().collect())),
        (Str(_), Str(_)) => Str(None),
        (Models(x), Models(y)) => Models(x.union(y).copied().collect()),
        (Set(x), Set(y)) => Set(Box::new(join(x, y)?)),
        (Seq(x), Seq(y)) => Seq(Box::new(join(x, y)?)),
        (Tuple(x), Tuple(y)) if x.len() == y.len() => {
            Tuple(x.iter().zip(y).map(|(p, q)| join(p, q)).collect::<TyResult<_>>()?)
        }
        (Seq(x), Tuple(ys)) | (Tuple(ys), Seq(x)) => {
            let mut t = (**x).clone();
            for y in ys {
                t = join(&t, y)?;
            }
            Seq(Box::new(t))
        }
        (Record(x), Record(y)) => match tag_field(x, y) {
            Some(tag) => {
                let first = add_variant(&tag, BTreeMap::new(), x)?;
                let Tagged(_, vs) = first else { unreachable!() };
                add_variant(&tag, vs, y)?
            }
            None if x.keys().eq(y.keys()) => Record(join_fields(x, y)?),
            None => {
                return Err(format!(
                    "records with different fields ({} and {}) and no string field that tells them apart",
                    x.keys().cloned().collect::<Vec<_>>().join(", "),
                    y.keys().cloned().collect::<Vec<_>>().join(", ")
                ))
            }
        },
        (Tagged(tag, vs), Record(r)) | (Record(r), Tagged(tag, vs)) => {
            add_variant(tag, vs.clone(), r)?
        }
        (Tagged(t1, v1), Tagged(t2, v2)) if t1 == t2 => {
            let mut out = Tagged(t1.clone(), v1.clone());
            for fields in v2.values() {
                let Tagged(_, vs) = out else { unreachable!() };
                out = add_variant(t1, vs, fields)?;
            }
            out
        }
        (Fn(k1, v1), Fn(k2, v2)) => Fn(Box::new(join(k1, k2)?), Box::new(join(v1, v2)?)),
        // An empty record set meets a function type: keep the function.
        (x, y) => return Err(format!("values of two kinds mixed: {x} and {y}")),
    })
}

/// Whether the type is fully known (no `Unknown` inside).
pub fn is_known(t: &Ty) -> bool {
    match t {
        Ty::Unknown => false,
        Ty::Bool | Ty::Int | Ty::Str(_) | Ty::Models(_) => true,
        Ty::Set(x) | Ty::Seq(x) => is_known(x),
        Ty::Tuple(xs) => xs.iter().all(is_known),
        Ty::Record(fs) => fs.values().all(is_known),
        Ty::Tagged(_, vs) => vs.values().all(|fs| fs.values().all(is_known)),
        Ty::Fn(k, v) => is_known(k) && is_known(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(fields: &[(&str, Value)]) -> Value {
        Value::record(fields.to_vec())
    }

    #[test]
    fn records_told_apart_by_a_string_field_are_tagged() {
        let a = rec(&[("type", Value::str("1a")), ("bal", Value::Int(1))]);
        let b = rec(&[
            ("type", Value::str("2a")),
            ("bal", Value::Int(1)),
            ("val", Value::Int(3)),
        ]);
        let t = elem_ty(&Value::set_from(vec![a, b])).unwrap();
        let Ty::Tagged(tag, vs) = t else {
            panic!("not tagged: {t:?}")
        };
        assert_eq!(tag, "type");
        assert_eq!(vs.keys().cloned().collect::<Vec<_>>(), ["1a", "2a"]);
        assert_eq!(vs["2a"]["val"], Ty::Int);
    }

    #[test]
    fn records_with_other_fields_and_no_tag_are_an_error() {
        let a = rec(&[("x", Value::Int(1))]);
        let b = rec(&[("y", Value::Int(1))]);
        assert!(elem_ty(&Value::set_from(vec![a, b])).is_err());
    }

    #[test]
    fn tuples_and_sequences() {
        let t = type_of(&Value::tuple(vec![Value::Int(1), Value::str("a")])).unwrap();
        assert!(matches!(t, Ty::Tuple(ref x) if x.len() == 2), "{t:?}");
        let s = type_of(&Value::tuple(vec![Value::Int(1), Value::Int(2)])).unwrap();
        assert_eq!(s, Ty::Seq(Box::new(Ty::Int)));
    }

    #[test]
    fn lazy_sets() {
        let s = Value::Lazy(std::sync::Arc::new(Lazy::Subset(Value::interval(0, 3))));
        assert_eq!(elem_ty(&s).unwrap(), Ty::Set(Box::new(Ty::Int)));
        let f = Value::Lazy(std::sync::Arc::new(Lazy::FnSet(
            Value::set_from(vec![Value::Int(7)]),
            Value::Lazy(std::sync::Arc::new(Lazy::Nat)),
        )));
        assert_eq!(
            elem_ty(&f).unwrap(),
            Ty::Fn(Box::new(Ty::Int), Box::new(Ty::Int))
        );
    }
}
