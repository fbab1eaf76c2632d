//! Equality and the set operators `\cup`, `\cap` and `\` on values, with
//! TLC's semantics: sets compare by their elements whatever their form,
//! and a few elements added to or removed from a large set update its
//! fingerprint sums instead of recomputing them.

use super::{derive_fp, verr, Lazy, SetV, VResult, Value};
use std::sync::Arc;

/// Equality with TLC's semantics: sets compare by their elements whatever
/// their representation; a model value equals only itself.
pub fn values_equal(a: &Value, b: &Value) -> VResult<bool> {
    match (a, b) {
        (Value::Lazy(x), Value::Lazy(y)) if x == y => Ok(true),
        (Value::Lazy(l), other) | (other, Value::Lazy(l)) => {
            if let (Lazy::Interval(p, q), Value::Lazy(m)) = (&**l, other) {
                if let Lazy::Interval(r, s) = &**m {
                    let e1 = q < p;
                    let e2 = s < r;
                    return Ok((e1 && e2) || (p == r && q == s));
                }
            }
            if !other.is_set() {
                return Ok(false);
            }
            let x = Value::Lazy(l.clone()).normalize()?;
            let y = other.clone().normalize()?;
            Ok(x == y)
        }
        _ => Ok(a == b),
    }
}

/// A binary set operator.
#[derive(Clone, Copy)]
pub enum SetOp {
    /// Union.
    Cup,
    /// Intersection.
    Cap,
    /// Difference.
    Diff,
}

fn is_infinite(v: &Value) -> bool {
    match v {
        Value::Lazy(l) => match &**l {
            Lazy::Nat | Lazy::Int | Lazy::String | Lazy::Seq(_) => true,
            Lazy::Cup(a, b) => is_infinite(a) || is_infinite(b),
            Lazy::Cap(a, b) => is_infinite(a) && is_infinite(b),
            Lazy::Diff(a, _) | Lazy::Filter(a, _) => is_infinite(a),
            _ => false,
        },
        _ => false,
    }
}

/// `x op y`, lazy if either side is infinite.
pub fn set_op(op: SetOp, x: Value, y: Value) -> VResult<Value> {
    if !x.is_set() {
        return verr(format!("expected a set, found {}", x.describe()));
    }
    if !y.is_set() {
        return verr(format!("expected a set, found {}", y.describe()));
    }
    if is_infinite(&x) || is_infinite(&y) {
        let l = match op {
            SetOp::Cup => Lazy::Cup(x, y),
            SetOp::Cap => Lazy::Cap(x, y),
            SetOp::Diff => Lazy::Diff(x, y),
        };
        return Ok(Value::Lazy(Arc::new(l)));
    }
    let x = x.normalize()?;
    let y = y.normalize()?;
    let (Value::Set(sa), Value::Set(sb)) = (&x, &y) else {
        return verr("internal: normalized sets expected");
    };
    let (a, b) = (&sa.0, &sb.0);
    if !matches!(op, SetOp::Cap) && b.len() * 8 < a.len() {
        // A few elements added to or removed from a large set (a message
        // sent or received): binary searches instead of a merge, so most
        // elements of `a` are copied without being compared.
        let mut out = Vec::with_capacity(a.len() + b.len());
        let mut delta: Vec<&Value> = vec![];
        let mut start = 0;
        for y in b {
            match (a[start..].binary_search(y), op) {
                (Ok(i), SetOp::Diff) => {
                    out.extend_from_slice(&a[start..start + i]);
                    delta.push(&a[start + i]);
                    start += i + 1;
                }
                (Err(i), SetOp::Cup) => {
                    out.extend_from_slice(&a[start..start + i]);
                    out.push(y.clone());
                    delta.push(y);
                    start += i;
                }
                _ => {}
            }
        }
        out.extend_from_slice(&a[start..]);
        let result = SetV::new(out);
        derive_fp(sa, &result, &delta, matches!(op, SetOp::Cup));
        return Ok(Value::Set(Arc::new(result)));
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    // Elements added to (Cup) or removed from (Diff) `a`, to update its
    // fingerprint sums instead of recomputing them.
    let mut delta: Vec<&Value> = vec![];
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                if !matches!(op, SetOp::Cap) {
                    out.push(a[i].clone());
                }
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                if matches!(op, SetOp::Cup) {
                    out.push(b[j].clone());
                    delta.push(&b[j]);
                }
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                if !matches!(op, SetOp::Diff) {
                    out.push(a[i].clone());
                } else {
                    delta.push(&a[i]);
                }
                i += 1;
                j += 1;
            }
        }
    }
    if !matches!(op, SetOp::Cap) {
        out.extend(a[i..].iter().cloned());
    }
    if matches!(op, SetOp::Cup) {
        out.extend(b[j..].iter().cloned());
        delta.extend(b[j..].iter());
    }
    let result = SetV::new(out);
    // Deriving costs the fingerprints of the delta (computed anyway when
    // the result is fingerprinted) and is a no-op when `x` has none cached.
    if !matches!(op, SetOp::Cap) {
        derive_fp(sa, &result, &delta, matches!(op, SetOp::Cup));
    }
    Ok(Value::Set(Arc::new(result)))
}
