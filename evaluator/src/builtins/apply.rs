//! The native operators on evaluated arguments.

use super::Builtin;
use crate::value::{verr, Domain, Lazy, VResult, Value};
use std::sync::Arc;

fn int(v: &Value) -> VResult<i64> {
    v.as_int()
}

fn checked(r: Option<i64>, what: &str) -> VResult<Value> {
    match r {
        Some(i) => Ok(Value::Int(i)),
        None => verr(format!("integer overflow in {what}")),
    }
}

fn seq(v: &Value) -> VResult<&Arc<crate::value::FnV>> {
    match v {
        Value::Fn(f) if f.is_seq() => Ok(f),
        v => verr(format!("expected a sequence, found {}", v.describe())),
    }
}

/// Applies a first-order built-in to evaluated arguments.
pub fn apply(b: Builtin, args: Vec<Value>) -> VResult<Value> {
    use Builtin::*;
    let a = &args;
    Ok(match b {
        Plus => return checked(int(&a[0])?.checked_add(int(&a[1])?), "`+`"),
        Minus => return checked(int(&a[0])?.checked_sub(int(&a[1])?), "`-`"),
        Times => return checked(int(&a[0])?.checked_mul(int(&a[1])?), "`*`"),
        Pow => {
            let (x, y) = (int(&a[0])?, int(&a[1])?);
            if y < 0 {
                return verr(format!("`{x} ^ {y}`: negative exponent"));
            }
            if x == 0 && y == 0 {
                return verr("`0 ^ 0` is undefined");
            }
            let y = u32::try_from(y)
                .map_err(|_| crate::value::ValueError("integer overflow in `^`".into()))?;
            return checked(x.checked_pow(y), "`^`");
        }
        Lt => Value::Bool(int(&a[0])? < int(&a[1])?),
        Gt => Value::Bool(int(&a[0])? > int(&a[1])?),
        Le => Value::Bool(int(&a[0])? <= int(&a[1])?),
        Ge => Value::Bool(int(&a[0])? >= int(&a[1])?),
        Range => Value::interval(int(&a[0])?, int(&a[1])?),
        Div => {
            let (x, y) = (int(&a[0])?, int(&a[1])?);
            if y == 0 {
                return verr(format!("`{x} \\div 0`: division by zero"));
            }
            // Floor division, as TLC.
            let q = x / y;
            Value::Int(if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            })
        }
        Mod => {
            let (x, y) = (int(&a[0])?, int(&a[1])?);
            if y <= 0 {
                return verr(format!("`{x} % {y}`: the modulus must be positive"));
            }
            Value::Int(x.rem_euclid(y))
        }
        Nat => Value::Lazy(Arc::new(Lazy::Nat)),
        Neg => return checked(int(&a[0])?.checked_neg(), "`-`"),
        Int => Value::Lazy(Arc::new(Lazy::Int)),
        Seq => Value::Lazy(Arc::new(Lazy::Seq(a[0].clone()))),
        Len => Value::Int(seq(&a[0])?.values.len() as i64),
        Concat => {
            let (s, t) = (seq(&a[0])?, seq(&a[1])?);
            let mut v = s.values.clone();
            v.extend(t.values.iter().cloned());
            Value::tuple(v)
        }
        Append => {
            let s = seq(&a[0])?;
            let mut v = s.values.clone();
            v.push(a[1].clone().normalize()?);
            Value::tuple(v)
        }
        Head => match seq(&a[0])?.values.first() {
            Some(h) => h.clone(),
            None => return verr("Head of the empty sequence"),
        },
        Tail => {
            let s = seq(&a[0])?;
            if s.values.is_empty() {
                return verr("Tail of the empty sequence");
            }
            Value::tuple(s.values[1..].to_vec())
        }
        SubSeq => {
            let s = seq(&a[0])?;
            let (m, n) = (int(&a[1])?, int(&a[2])?);
            if m > n {
                Value::tuple(vec![])
            } else if m < 1 || n as usize > s.values.len() {
                return verr(format!(
                    "SubSeq(s, {m}, {n}) of a sequence of length {}",
                    s.values.len()
                ));
            } else {
                Value::tuple(s.values[(m - 1) as usize..n as usize].to_vec())
            }
        }
        IsFiniteSet => Value::Bool(match &a[0] {
            Value::Set(_) => true,
            Value::Lazy(l) => !matches!(&**l, Lazy::Nat | Lazy::Int | Lazy::String | Lazy::Seq(_)),
            v => return verr(format!("IsFiniteSet expects a set, found {}", v.describe())),
        }),
        Cardinality => Value::Int(a[0].cardinality()? as i64),
        Print => {
            eprintln!("{}  {}", a[0], a[1]);
            a[1].clone()
        }
        PrintT => {
            eprintln!("{}", a[0]);
            Value::TRUE
        }
        Assert => {
            if !a[0].as_bool()? {
                return verr(format!("Assert failed: {}", a[1]));
            }
            Value::TRUE
        }
        JavaTime => Value::Int(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| (d.as_secs() & 0x7fff_ffff) as i64)
                .unwrap_or(0),
        ),
        TLCGet => return verr("TLCGet is not supported"),
        TLCSet => Value::TRUE,
        SingleFn => Value::func(vec![(a[0].clone().normalize()?, a[1].clone().normalize()?)]),
        MergeFn => {
            let (f, g) = (a[0].as_fn()?, a[1].as_fn()?);
            let mut pairs: Vec<(Value, Value)> = f.iter().map(|(k, v)| (k, v.clone())).collect();
            for (k, v) in g.iter() {
                if f.get(&k).is_none() {
                    pairs.push((k, v.clone()));
                }
            }
            Value::func(pairs)
        }
        Permutations => {
            let s = a[0].clone().normalize()?;
            let elems = s.elements()?.into_owned();
            if elems.len() > 9 {
                return verr("Permutations of more than 9 elements is too large");
            }
            let mut out = vec![];
            let mut perm: Vec<usize> = (0..elems.len()).collect();
            permute(&mut perm, 0, &mut |p| {
                let domain = Domain::from_sorted(elems.clone());
                out.push(Value::func_on(
                    domain,
                    p.iter().map(|&i| elems[i].clone()).collect(),
                ));
            });
            Value::set_from(out)
        }
        RandomElement => {
            let s = a[0].clone().normalize()?;
            let e = s.elements()?;
            match e.first() {
                Some(x) => x.clone(),
                None => return verr("RandomElement of the empty set"),
            }
        }
        Any => return verr("the value Any cannot be computed"),
        ToString => Value::str(&a[0].to_string()),
        TLCEval => a[0].clone(),
        Cup | Cap | SetMinus => {
            let x = a[0].clone().normalize()?;
            let y = a[1].clone().normalize()?;
            let xs = x.elements()?.into_owned();
            let ys = y.elements()?.into_owned();
            let out: Vec<Value> = match b {
                Cup => xs.into_iter().chain(ys).collect(),
                Cap => xs
                    .into_iter()
                    .filter(|e| ys.binary_search(e).is_ok())
                    .collect(),
                _ => xs
                    .into_iter()
                    .filter(|e| ys.binary_search(e).is_err())
                    .collect(),
            };
            Value::set_from(out)
        }
        Eq => Value::Bool(a[0].clone().normalize()? == a[1].clone().normalize()?),
        And => Value::Bool(a[0].as_bool()? && a[1].as_bool()?),
        Or => Value::Bool(a[0].as_bool()? || a[1].as_bool()?),
        Agrees => Value::Bool(agrees(&a[0], &a[1])?),
        SelectSeq | SortSeq => return verr("internal: higher-order built-in applied to values"),
    })
}

/// Whether the value `x` agrees with a logged value `v`: they are equal,
/// or `v` is a record (a function whose domain is a non-empty set of
/// strings) and `x` is a function that has each field of `v`, with the
/// same value there (the fields `v` leaves out are not compared).
pub fn agrees(v: &Value, x: &Value) -> VResult<bool> {
    if crate::value::values_equal(v, x)? {
        return Ok(true);
    }
    let (Value::Fn(f), Value::Fn(g)) = (v, x) else {
        return Ok(false);
    };
    let crate::value::Domain::Keys(keys) = &f.domain else {
        return Ok(false);
    };
    if keys.is_empty() || !keys.iter().all(|k| matches!(k, Value::Str(_))) {
        return Ok(false);
    }
    for (k, want) in keys.iter().zip(&f.values) {
        match g.get(k) {
            Some(got) if crate::value::values_equal(want, got)? => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

fn permute(p: &mut Vec<usize>, k: usize, f: &mut dyn FnMut(&[usize])) {
    if k == p.len() {
        f(p);
        return;
    }
    for i in k..p.len() {
        p.swap(k, i);
        permute(p, k + 1, f);
        p.swap(k, i);
    }
}
