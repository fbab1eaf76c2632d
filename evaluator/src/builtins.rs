//! Operators of the standard modules implemented natively, as TLC does:
//! Naturals, Integers, Sequences, FiniteSets, TLC. Other operators of the
//! bundled modules are evaluated from their TLA+ definitions.

use crate::value::{verr, Domain, Lazy, VResult, Value};
use std::sync::Arc;

/// A native operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `a + b`.
    Plus,
    /// `a - b`.
    Minus,
    /// `a * b`.
    Times,
    /// `a ^ b`.
    Pow,
    /// `a < b`.
    Lt,
    /// `a > b`.
    Gt,
    /// `a <= b`.
    Le,
    /// `a >= b`.
    Ge,
    /// `a .. b`.
    Range,
    /// `a \div b`.
    Div,
    /// `a % b`.
    Mod,
    /// `Nat`.
    Nat,
    /// `-a`.
    Neg,
    /// `Int`.
    Int,
    /// `Seq(S)`.
    Seq,
    /// `Len(s)`.
    Len,
    /// `s \o t`.
    Concat,
    /// `Append(s, e)`.
    Append,
    /// `Head(s)`.
    Head,
    /// `Tail(s)`.
    Tail,
    /// `SubSeq(s, m, n)`.
    SubSeq,
    /// `SelectSeq(s, Test)`.
    SelectSeq,
    /// `IsFiniteSet(S)`.
    IsFiniteSet,
    /// `Cardinality(S)`.
    Cardinality,
    /// `Print(out, val)`.
    Print,
    /// `PrintT(out)`.
    PrintT,
    /// `Assert(val, out)`.
    Assert,
    /// `JavaTime`.
    JavaTime,
    /// `TLCGet(i)`.
    TLCGet,
    /// `TLCSet(i, v)`.
    TLCSet,
    /// `d :> e`.
    SingleFn,
    /// `f @@ g`.
    MergeFn,
    /// `Permutations(S)`.
    Permutations,
    /// `SortSeq(s, Op)`.
    SortSeq,
    /// `RandomElement(S)`.
    RandomElement,
    /// `Any`.
    Any,
    /// `ToString(v)`.
    ToString,
    /// `TLCEval(v)`.
    TLCEval,
    /// `S \cup T` passed as an operator.
    Cup,
    /// `S \cap T` passed as an operator.
    Cap,
    /// `S \ T` passed as an operator.
    SetMinus,
    /// `a = b` passed as an operator.
    Eq,
    /// `a /\ b` passed as an operator.
    And,
    /// `a \/ b` passed as an operator.
    Or,
    /// Not an operator of any module: `Agrees(v, x)`, built by the trace
    /// checker to restrict a variable bound inside an action to the value
    /// `v` a log gives it (see [`agrees`]).
    Agrees,
}

/// The native implementation of `name` defined in module `module`, if any.
pub fn native(module: &str, name: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match (module, name) {
        ("Naturals" | "Integers", "+") => Plus,
        ("Naturals" | "Integers", "-") => Minus,
        ("Naturals" | "Integers", "*") => Times,
        ("Naturals" | "Integers", "^") => Pow,
        ("Naturals" | "Integers", "<") => Lt,
        ("Naturals" | "Integers", ">") => Gt,
        ("Naturals" | "Integers", "<=") => Le,
        ("Naturals" | "Integers", ">=") => Ge,
        ("Naturals" | "Integers", "..") => Range,
        ("Naturals" | "Integers", "\\div") => Div,
        ("Naturals" | "Integers", "%") => Mod,
        ("Naturals" | "Integers", "Nat") => Nat,
        ("Integers", "-.") => Neg,
        ("Integers", "Int") => Int,
        ("Sequences", "Seq") => Seq,
        ("Sequences", "Len") => Len,
        ("Sequences", "\\o") => Concat,
        ("Sequences", "Append") => Append,
        ("Sequences", "Head") => Head,
        ("Sequences", "Tail") => Tail,
        ("Sequences", "SubSeq") => SubSeq,
        ("Sequences", "SelectSeq") => SelectSeq,
        ("FiniteSets", "IsFiniteSet") => IsFiniteSet,
        ("FiniteSets", "Cardinality") => Cardinality,
        ("TLC", "Print") => Print,
        ("TLC", "PrintT") => PrintT,
        ("TLC", "Assert") => Assert,
        ("TLC", "JavaTime") => JavaTime,
        ("TLC", "TLCGet") => TLCGet,
        ("TLC", "TLCSet") => TLCSet,
        ("TLC", ":>") => SingleFn,
        ("TLC", "@@") => MergeFn,
        ("TLC", "Permutations") => Permutations,
        ("TLC", "SortSeq") => SortSeq,
        ("TLC", "RandomElement") => RandomElement,
        ("TLC", "Any") => Any,
        ("TLC", "ToString") => ToString,
        ("TLC", "TLCEval") => TLCEval,
        _ => return None,
    })
}

/// Built-in operators that can be passed by their symbol to a higher-order
/// operator (`ReduceSet(\cap, ...)`).
pub fn operator_symbol(name: &str) -> Option<Builtin> {
    use Builtin::*;
    Some(match name {
        "\\cup" => Cup,
        "\\cap" => Cap,
        "\\" => SetMinus,
        "=" => Eq,
        "/\\" => And,
        "\\/" => Or,
        _ => return None,
    })
}

impl Builtin {
    /// Whether the operator always gives the same value for the same
    /// arguments (so constant definitions using it can be computed once).
    pub fn is_pure(self) -> bool {
        !matches!(
            self,
            Builtin::JavaTime | Builtin::TLCGet | Builtin::TLCSet | Builtin::RandomElement
        )
    }

    /// The arity of the operator expected as argument `k`, or 0 for a value
    /// argument.
    pub fn oparg_arity(self, k: usize) -> usize {
        match (self, k) {
            (Builtin::SelectSeq, 1) => 1,
            (Builtin::SortSeq, 1) => 2,
            _ => 0,
        }
    }

    /// Whether the operator takes an operator argument (evaluated by the
    /// evaluator, not by [`apply`]).
    pub fn higher_order(self) -> bool {
        matches!(self, Builtin::SelectSeq | Builtin::SortSeq)
    }
}

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
