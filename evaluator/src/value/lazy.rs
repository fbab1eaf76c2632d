//! Lazy sets: membership without enumeration, and enumeration when a lazy
//! set must be made explicit.

use super::{verr, Domain, Lazy, VResult, Value, MAX_ENUM};

/// Membership in a lazy set.
pub(super) fn lazy_contains(l: &Lazy, x: &Value) -> VResult<bool> {
    Ok(match l {
        Lazy::Interval(a, b) => matches!(x, Value::Int(i) if a <= i && i <= b),
        Lazy::Nat => matches!(x, Value::Int(i) if *i >= 0),
        Lazy::Int => matches!(x, Value::Int(_)),
        Lazy::String => matches!(x, Value::Str(_)),
        Lazy::Subset(s) => match x {
            Value::Set(xs) => {
                for e in &xs.0 {
                    if !s.contains(e)? {
                        return Ok(false);
                    }
                }
                true
            }
            Value::Lazy(_) => {
                let xs = x.clone().normalize()?;
                return lazy_contains(l, &xs);
            }
            _ => false,
        },
        Lazy::FnSet(dom, rng) => match x {
            Value::Fn(f) => {
                let d = dom.clone().normalize()?;
                let Value::Set(d) = d else { return Ok(false) };
                if f.domain.to_vec() != d.0 {
                    return Ok(false);
                }
                for v in &f.values {
                    if !rng.contains(v)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => false,
        },
        Lazy::RecordSet(keys, sets) => match x {
            Value::Fn(f) => {
                let Domain::Keys(k) = &f.domain else {
                    return Ok(false);
                };
                if k[..] != keys[..] {
                    return Ok(false);
                }
                for (v, s) in f.values.iter().zip(sets) {
                    if !s.contains(v)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => false,
        },
        Lazy::Product(sets) => match x {
            Value::Fn(f) if f.domain == Domain::Seq(sets.len()) => {
                for (v, s) in f.values.iter().zip(sets) {
                    if !s.contains(v)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => false,
        },
        Lazy::Seq(s) => match x {
            Value::Fn(f) if f.is_seq() => {
                for v in &f.values {
                    if !s.contains(v)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => false,
        },
        Lazy::Filter(base, pred) => base.contains(x)? && pred.test(x)?,
        Lazy::Cup(a, b) => a.contains(x)? || b.contains(x)?,
        Lazy::Cap(a, b) => a.contains(x)? && b.contains(x)?,
        Lazy::Diff(a, b) => a.contains(x)? && !b.contains(x)?,
    })
}

/// The elements of a lazy set, in TLC's enumeration order.
pub(super) fn enumerate_lazy(l: &Lazy) -> VResult<Vec<Value>> {
    match l {
        Lazy::Interval(a, b) => {
            if b < a {
                return Ok(vec![]);
            }
            let n = (b - a + 1) as usize;
            if n > MAX_ENUM {
                return verr(format!("the set {a}..{b} is too large to enumerate"));
            }
            Ok((*a..=*b).map(Value::Int).collect())
        }
        Lazy::Nat => verr("cannot enumerate the infinite set Nat"),
        Lazy::Int => verr("cannot enumerate the infinite set Int"),
        Lazy::String => verr("cannot enumerate the infinite set STRING"),
        Lazy::Seq(_) => verr("cannot enumerate the infinite set Seq(S)"),
        Lazy::Subset(s) => {
            let base = s.clone().normalize()?;
            let elems = base.elements()?.into_owned();
            if elems.len() > 24 {
                return verr(format!(
                    "SUBSET of a set of {} elements is too large to enumerate",
                    elems.len()
                ));
            }
            let n = elems.len();
            let mut out = Vec::with_capacity(1 << n);
            for mask in 0u32..(1u32 << n) {
                let sub: Vec<Value> = (0..n)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| elems[i].clone())
                    .collect();
                out.push(Value::set_sorted(sub));
            }
            Ok(out)
        }
        Lazy::FnSet(dom, rng) => {
            let dom = dom.clone().normalize()?;
            let keys = dom.elements()?.into_owned();
            let rng = rng.clone().normalize()?;
            let vals = rng.elements()?.into_owned();
            let total = (vals.len() as f64).powi(keys.len() as i32);
            if total > MAX_ENUM as f64 {
                return verr("the function set is too large to enumerate");
            }
            let domain = Domain::from_sorted(keys.clone());
            let mut out = vec![];
            if keys.is_empty() {
                return Ok(vec![Value::func_on(domain, vec![])]);
            }
            if vals.is_empty() {
                return Ok(vec![]);
            }
            let mut idx = vec![0usize; keys.len()];
            loop {
                out.push(Value::func_on(
                    domain.clone(),
                    idx.iter().map(|&i| vals[i].clone()).collect(),
                ));
                // Odometer: the last domain element varies fastest.
                let mut k = keys.len();
                loop {
                    if k == 0 {
                        return Ok(out);
                    }
                    k -= 1;
                    idx[k] += 1;
                    if idx[k] < vals.len() {
                        break;
                    }
                    idx[k] = 0;
                }
            }
        }
        Lazy::RecordSet(keys, sets) => product(sets, |vals| {
            Value::func_on(Domain::Keys(keys.clone()), vals)
        }),
        Lazy::Product(sets) => product(sets, Value::tuple),
        Lazy::Cup(a, b) => {
            let mut v = a.elements()?.into_owned();
            v.extend(b.elements()?.iter().cloned());
            v.sort_unstable();
            v.dedup();
            Ok(v)
        }
        Lazy::Cap(a, b) => {
            let (a, b) = if matches!(a, Value::Set(_)) {
                (a, b)
            } else {
                (b, a)
            };
            let mut out = vec![];
            for e in a.elements()?.iter() {
                if b.contains(e)? {
                    out.push(e.clone());
                }
            }
            Ok(out)
        }
        Lazy::Diff(a, b) => {
            let mut out = vec![];
            for e in a.elements()?.iter() {
                if !b.contains(e)? {
                    out.push(e.clone());
                }
            }
            Ok(out)
        }
        Lazy::Filter(base, pred) => {
            let mut out = vec![];
            for e in base.elements()?.iter() {
                if pred.test(e)? {
                    out.push(e.clone());
                }
            }
            Ok(out)
        }
    }
}

pub(super) fn product(sets: &[Value], make: impl Fn(Vec<Value>) -> Value) -> VResult<Vec<Value>> {
    let mut lists = Vec::with_capacity(sets.len());
    let mut total: f64 = 1.0;
    for s in sets {
        let s = s.clone().normalize()?;
        let e = s.elements()?.into_owned();
        total *= e.len() as f64;
        lists.push(e);
    }
    if total > MAX_ENUM as f64 {
        return verr("the set is too large to enumerate");
    }
    if lists.iter().any(|l| l.is_empty()) {
        return Ok(vec![]);
    }
    let mut out = Vec::with_capacity(total as usize);
    let mut idx = vec![0usize; lists.len()];
    loop {
        out.push(make(
            idx.iter().zip(&lists).map(|(&i, l)| l[i].clone()).collect(),
        ));
        let mut k = lists.len();
        loop {
            if k == 0 {
                return Ok(out);
            }
            k -= 1;
            idx[k] += 1;
            if idx[k] < lists[k].len() {
                break;
            }
            idx[k] = 0;
        }
    }
}
