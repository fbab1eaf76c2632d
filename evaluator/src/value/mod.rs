//! TLA+ values with TLC's semantics: small (16 bytes), immutable, shared.
//!
//! Tuples, sequences and records are functions (`<<1, 2>>` equals
//! `[i \in 1..2 |-> i]`): every function is stored with its domain in
//! canonical form, so equal values have equal representations and the
//! derived order, equality and [`Value::fingerprint`] need no special cases.
//! Sets are sorted, duplicate-free vectors; the infinite or large set forms
//! (`Nat`, `a..b`, `SUBSET S`, `[S -> T]`, `[a : S]`, `S \X T`, `Seq(S)`,
//! `{x \in S : P}`) are kept lazy in [`Lazy`] and only enumerated when
//! needed. A value stored in a set, a function or a state is always
//! normalized (never lazy).
//!
//! The types and their constructors are here; `intern` (strings and model
//! values), `fingerprint`, `symmetry` (fingerprints under a group),
//! `setops` (equality, union, intersection, difference), `lazy` (lazy
//! sets) and `display` hold the rest.

mod display;
pub use display::clip;
mod fingerprint;
mod intern;
mod lazy;
mod setops;
mod symmetry;

pub use fingerprint::{mix, set_term, FpCache, FpData};
pub use intern::{Entry, ModelValue, Str};
pub use setops::{set_op, values_equal, SetOp};
pub use symmetry::{derive_fp, derive_fp_delta, install_group, Group};

use lazy::{enumerate_lazy, lazy_contains};

use std::cmp::Ordering;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// A value.
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    /// A model value (they sort before every other value, as in TLC, in
    /// the order the model first names them).
    Model(ModelValue),
    /// `TRUE` / `FALSE`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(Str),
    /// A finite set, sorted, without duplicates.
    Set(Arc<SetV>),
    /// A function (also tuples, sequences, records).
    Fn(Arc<FnV>),
    /// A lazily represented set.
    Lazy(Arc<Lazy>),
}

impl Value {
    /// Position of the variant in the order of kinds.
    #[inline]
    fn kind(&self) -> u8 {
        match self {
            Value::Model(_) => 0,
            Value::Bool(_) => 1,
            Value::Int(_) => 2,
            Value::Str(_) => 3,
            Value::Set(_) => 4,
            Value::Fn(_) => 5,
            Value::Lazy(_) => 6,
        }
    }
}

impl std::hash::Hash for Value {
    /// Scalars by kind and contents; sets and functions by their (cached)
    /// fingerprint, which equal values share, instead of walking them.
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u8(self.kind());
        match self {
            Value::Model(m) => m.hash(h),
            Value::Bool(b) => b.hash(h),
            Value::Int(i) => i.hash(h),
            Value::Str(s) => s.hash(h),
            Value::Set(_) | Value::Fn(_) => h.write_u64(self.fingerprint()),
            Value::Lazy(l) => l.hash(h),
        }
    }
}

impl PartialOrd for Value {
    #[inline]
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Value {
    /// Kinds in declaration order, then by contents; one shared set or
    /// function is equal to itself without being walked.
    fn cmp(&self, other: &Value) -> Ordering {
        match (self, other) {
            (Value::Model(a), Value::Model(b)) => a.cmp(b),
            (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Str(a), Value::Str(b)) => a.cmp(b),
            (Value::Set(a), Value::Set(b)) => {
                if Arc::ptr_eq(a, b) {
                    Ordering::Equal
                } else {
                    a.0.cmp(&b.0)
                }
            }
            (Value::Fn(a), Value::Fn(b)) => {
                if Arc::ptr_eq(a, b) {
                    Ordering::Equal
                } else {
                    a.cmp(b)
                }
            }
            (Value::Lazy(a), Value::Lazy(b)) => a.cmp(b),
            _ => self.kind().cmp(&other.kind()),
        }
    }
}

const _: () = assert!(std::mem::size_of::<Value>() == 16);
const _: () = assert!(std::mem::size_of::<FpCache>() == 40);

/// The elements of a finite set, sorted by [`Value`]'s order, distinct.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SetV(pub Vec<Value>, pub FpCache);

impl SetV {
    /// A set from sorted, distinct elements.
    pub fn new(elems: Vec<Value>) -> SetV {
        SetV(elems, FpCache::default())
    }
}

/// The domain of a function in canonical form.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Domain {
    /// `1..n` (tuples and sequences; `n = 0` is the empty function).
    Seq(usize),
    /// Any other finite domain, sorted, distinct. Shared between the many
    /// records of one shape.
    Keys(Keys),
}

/// A function: its domain and the value at each domain element, in domain
/// order.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FnV {
    /// The domain.
    pub domain: Domain,
    /// `values[i]` is the value at the `i`-th domain element.
    pub values: Vec<Value>,
    /// The fingerprint, once computed.
    pub fp: FpCache,
}

impl FnV {
    /// A function over a canonical domain.
    pub fn new(domain: Domain, values: Vec<Value>) -> FnV {
        FnV {
            domain,
            values,
            fp: FpCache::default(),
        }
    }
}

/// A predicate over values, for lazy set comprehensions built by the
/// evaluator (`{x \in S : P}`).
pub trait SetPredicate: Send + Sync {
    /// Whether `v` satisfies the predicate.
    fn test(&self, v: &Value) -> Result<bool, ValueError>;
    /// A stable identity (for ordering and hashing lazy sets).
    fn id(&self) -> usize;
}

/// Lazily represented sets.
#[derive(Clone)]
pub enum Lazy {
    /// `a..b`.
    Interval(i64, i64),
    /// `Nat`.
    Nat,
    /// `Int`.
    Int,
    /// `STRING`.
    String,
    /// `SUBSET S`.
    Subset(Value),
    /// `[S -> T]`.
    FnSet(Value, Value),
    /// `[a : S, b : T]`: field names (sorted) and their sets.
    RecordSet(Keys, Vec<Value>),
    /// `S \X T \X ...`.
    Product(Vec<Value>),
    /// `Seq(S)`.
    Seq(Value),
    /// `{x \in S : P}`.
    Filter(Value, Arc<dyn SetPredicate>),
    /// `S \cup T` where a side is infinite.
    Cup(Value, Value),
    /// `S \cap T` where a side is infinite.
    Cap(Value, Value),
    /// `S \ T` where a side is infinite.
    Diff(Value, Value),
}

impl PartialEq for Lazy {
    fn eq(&self, other: &Lazy) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Lazy {}
impl PartialOrd for Lazy {
    fn partial_cmp(&self, other: &Lazy) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Lazy {
    /// A structural order on lazy descriptions; only used where values must
    /// be totally ordered without evaluation (lazy sets are normalized
    /// before they are compared as sets).
    fn cmp(&self, other: &Lazy) -> Ordering {
        fn tag(l: &Lazy) -> u8 {
            match l {
                Lazy::Interval(..) => 0,
                Lazy::Nat => 1,
                Lazy::Int => 2,
                Lazy::String => 3,
                Lazy::Subset(_) => 4,
                Lazy::FnSet(..) => 5,
                Lazy::RecordSet(..) => 6,
                Lazy::Product(_) => 7,
                Lazy::Seq(_) => 8,
                Lazy::Filter(..) => 9,
                Lazy::Cup(..) => 10,
                Lazy::Cap(..) => 11,
                Lazy::Diff(..) => 12,
            }
        }
        match (self, other) {
            (Lazy::Interval(a, b), Lazy::Interval(c, d)) => (a, b).cmp(&(c, d)),
            (Lazy::Subset(a), Lazy::Subset(b)) | (Lazy::Seq(a), Lazy::Seq(b)) => a.cmp(b),
            (Lazy::FnSet(a, b), Lazy::FnSet(c, d)) => (a, b).cmp(&(c, d)),
            (Lazy::RecordSet(a, b), Lazy::RecordSet(c, d)) => (&a[..], b).cmp(&(&c[..], d)),
            (Lazy::Product(a), Lazy::Product(b)) => a.cmp(b),
            (Lazy::Filter(a, p), Lazy::Filter(b, q)) => (a, p.id()).cmp(&(b, q.id())),
            (Lazy::Cup(a, b), Lazy::Cup(c, d))
            | (Lazy::Cap(a, b), Lazy::Cap(c, d))
            | (Lazy::Diff(a, b), Lazy::Diff(c, d)) => (a, b).cmp(&(c, d)),
            _ => tag(self).cmp(&tag(other)),
        }
    }
}
impl std::hash::Hash for Lazy {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
    }
}

/// An error of a value operation (the evaluator adds the span).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Result of value operations.
pub type VResult<T> = Result<T, ValueError>;

/// Builds an error.
pub fn verr<T>(msg: impl Into<String>) -> VResult<T> {
    Err(ValueError(msg.into()))
}

/// Largest set the evaluator will enumerate (a guard against `SUBSET` of a
/// large set exhausting memory).
pub const MAX_ENUM: usize = 50_000_000;

impl PartialOrd for FnV {
    fn partial_cmp(&self, other: &FnV) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for FnV {
    /// Functions order by domain, then by values in domain order.
    fn cmp(&self, other: &FnV) -> Ordering {
        self.domain
            .cmp(&other.domain)
            .then_with(|| self.values.cmp(&other.values))
    }
}

impl PartialOrd for Domain {
    fn partial_cmp(&self, other: &Domain) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Domain {
    fn cmp(&self, other: &Domain) -> Ordering {
        match (self, other) {
            (Domain::Seq(a), Domain::Seq(b)) => {
                // 1..a against 1..b: the shorter is a prefix.
                a.cmp(b)
            }
            (Domain::Keys(a), Domain::Keys(b)) => {
                if Keys::ptr_eq(a, b) {
                    Ordering::Equal
                } else {
                    a[..].cmp(&b[..])
                }
            }
            (Domain::Seq(n), Domain::Keys(k)) => cmp_seq_keys(*n, k),
            (Domain::Keys(k), Domain::Seq(n)) => cmp_seq_keys(*n, k).reverse(),
        }
    }
}

/// Compares the domain 1..n with a key list, element by element.
fn cmp_seq_keys(n: usize, keys: &[Value]) -> Ordering {
    for (i, k) in keys.iter().enumerate() {
        if i >= n {
            return Ordering::Less;
        }
        match Value::Int(i as i64 + 1).cmp(k) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    n.cmp(&keys.len())
}

impl Domain {
    /// The domain's elements in order.
    pub fn to_vec(&self) -> Vec<Value> {
        match self {
            Domain::Seq(n) => (1..=*n as i64).map(Value::Int).collect(),
            Domain::Keys(k) => k.to_vec(),
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Domain::Seq(n) => *n,
            Domain::Keys(k) => k.len(),
        }
    }

    /// Whether the domain is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Position of `key` in the domain.
    pub fn position(&self, key: &Value) -> Option<usize> {
        match (self, key) {
            (Domain::Seq(n), Value::Int(i)) if *i >= 1 && (*i as usize) <= *n => {
                Some(*i as usize - 1)
            }
            (Domain::Seq(_), _) => None,
            (Domain::Keys(k), _) => {
                if k.len() <= 8 {
                    // Record fields and model values: compare identities
                    // without the general comparison.
                    match key {
                        Value::Str(s) => {
                            k.iter().position(|x| matches!(x, Value::Str(t) if t == s))
                        }
                        Value::Model(m) => k
                            .iter()
                            .position(|x| matches!(x, Value::Model(t) if t == m)),
                        Value::Int(i) => {
                            k.iter().position(|x| matches!(x, Value::Int(j) if j == i))
                        }
                        _ => k.iter().position(|x| x == key),
                    }
                } else {
                    k.binary_search(key).ok()
                }
            }
        }
    }

    /// Canonical form of a sorted, distinct key list.
    pub fn from_sorted(keys: Vec<Value>) -> Domain {
        let is_seq = keys
            .iter()
            .enumerate()
            .all(|(i, k)| *k == Value::Int(i as i64 + 1));
        if is_seq {
            Domain::Seq(keys.len())
        } else {
            Domain::Keys(Keys::new(keys))
        }
    }
}

/// The keys of a function's domain (record fields, model values, ...),
/// sorted and distinct. Small lists of scalars (nearly all domains:
/// record shapes, sets of model values) are interned for the whole run
/// and shared without reference counting, so that the many threads
/// building and reading records do not write to one shared counter.
#[derive(Clone)]
pub enum Keys {
    /// Interned.
    Static(&'static [Value]),
    /// Any other list.
    Shared(Arc<[Value]>),
}

/// Most interned key lists (a guard against specs that build very many
/// distinct domains; later ones are reference-counted).
const MAX_INTERNED_KEYS: usize = 1 << 16;

impl Keys {
    /// The keys `keys` (sorted, distinct), interned when small and scalar.
    pub fn new(keys: Vec<Value>) -> Keys {
        let scalar = keys.len() <= 64
            && keys.iter().all(|k| {
                matches!(
                    k,
                    Value::Model(_) | Value::Bool(_) | Value::Int(_) | Value::Str(_)
                )
            });
        if !scalar {
            return Keys::Shared(keys.into());
        }
        thread_local! {
            static LOCAL: std::cell::RefCell<rustc_hash::FxHashMap<Vec<Value>, &'static [Value]>> =
                Default::default();
        }
        if let Some(k) = LOCAL.with(|l| l.borrow().get(&keys[..]).copied()) {
            return Keys::Static(k);
        }
        static TABLE: OnceLock<
            parking_lot::Mutex<rustc_hash::FxHashMap<Vec<Value>, &'static [Value]>>,
        > = OnceLock::new();
        let mut t = TABLE.get_or_init(Default::default).lock();
        let k: &'static [Value] = match t.get(&keys[..]) {
            Some(k) => k,
            None if t.len() < MAX_INTERNED_KEYS => {
                let k: &'static [Value] = Box::leak(keys.clone().into_boxed_slice());
                t.insert(keys.clone(), k);
                k
            }
            None => return Keys::Shared(keys.into()),
        };
        drop(t);
        LOCAL.with(|l| l.borrow_mut().insert(keys, k));
        Keys::Static(k)
    }

    /// Whether `a` and `b` are the same list object.
    pub fn ptr_eq(a: &Keys, b: &Keys) -> bool {
        let (x, y): (&[Value], &[Value]) = (a, b);
        std::ptr::eq(x, y)
    }
}

impl std::ops::Deref for Keys {
    type Target = [Value];
    #[inline]
    fn deref(&self) -> &[Value] {
        match self {
            Keys::Static(k) => k,
            Keys::Shared(k) => k,
        }
    }
}

impl PartialEq for Keys {
    fn eq(&self, other: &Keys) -> bool {
        Keys::ptr_eq(self, other) || self[..] == other[..]
    }
}
impl Eq for Keys {}
impl std::hash::Hash for Keys {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self[..].hash(h)
    }
}
impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self[..].fmt(f)
    }
}

impl FnV {
    /// The value at `key`, if `key` is in the domain.
    pub fn get(&self, key: &Value) -> Option<&Value> {
        self.domain.position(key).map(|i| &self.values[i])
    }

    /// The `i`-th domain element.
    pub fn key(&self, i: usize) -> Value {
        match &self.domain {
            Domain::Seq(_) => Value::Int(i as i64 + 1),
            Domain::Keys(k) => k[i].clone(),
        }
    }

    /// `(key, value)` pairs in domain order.
    pub fn iter(&self) -> impl Iterator<Item = (Value, &Value)> + '_ {
        self.values
            .iter()
            .enumerate()
            .map(|(i, v)| (self.key(i), v))
    }

    /// Whether this function is a sequence (domain `1..n`).
    pub fn is_seq(&self) -> bool {
        matches!(self.domain, Domain::Seq(_))
    }
}

impl Value {
    /// TRUE.
    pub const TRUE: Value = Value::Bool(true);
    /// FALSE.
    pub const FALSE: Value = Value::Bool(false);

    /// A string value.
    pub fn str(s: &str) -> Value {
        Value::Str(Str::new(s))
    }

    /// The empty set.
    pub fn empty_set() -> Value {
        Value::Set(Arc::new(SetV::new(vec![])))
    }

    /// A set from elements in any order, possibly repeated. Elements must be
    /// normalized.
    pub fn set_from(mut elems: Vec<Value>) -> Value {
        elems.sort_unstable();
        elems.dedup();
        Value::Set(Arc::new(SetV::new(elems)))
    }

    /// A set from elements already sorted and distinct.
    pub fn set_sorted(elems: Vec<Value>) -> Value {
        debug_assert!(elems.windows(2).all(|w| w[0] < w[1]));
        Value::Set(Arc::new(SetV::new(elems)))
    }

    /// A tuple / sequence.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Fn(Arc::new(FnV::new(Domain::Seq(items.len()), items)))
    }

    /// A function from `(key, value)` pairs with distinct keys.
    pub fn func(mut pairs: Vec<(Value, Value)>) -> Value {
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (keys, values): (Vec<Value>, Vec<Value>) = pairs.into_iter().unzip();
        Value::Fn(Arc::new(FnV::new(Domain::from_sorted(keys), values)))
    }

    /// A function over an already canonical domain.
    pub fn func_on(domain: Domain, values: Vec<Value>) -> Value {
        debug_assert_eq!(domain.len(), values.len());
        Value::Fn(Arc::new(FnV::new(domain, values)))
    }

    /// A record from `(field, value)` pairs.
    pub fn record(fields: Vec<(&str, Value)>) -> Value {
        Value::func(
            fields
                .into_iter()
                .map(|(k, v)| (Value::str(k), v))
                .collect(),
        )
    }

    /// An integer interval `a..b`.
    pub fn interval(a: i64, b: i64) -> Value {
        Value::Lazy(Arc::new(Lazy::Interval(a, b)))
    }

    /// The boolean, or an error naming what was found.
    pub fn as_bool(&self) -> VResult<bool> {
        match self {
            Value::Bool(b) => Ok(*b),
            v => verr(format!("expected a boolean, found {}", v.describe())),
        }
    }

    /// The integer, or an error.
    pub fn as_int(&self) -> VResult<i64> {
        match self {
            Value::Int(i) => Ok(*i),
            v => verr(format!("expected an integer, found {}", v.describe())),
        }
    }

    /// The function, or an error.
    pub fn as_fn(&self) -> VResult<&Arc<FnV>> {
        match self {
            Value::Fn(f) => Ok(f),
            v => verr(format!("expected a function, found {}", v.describe())),
        }
    }

    /// Whether the value is a set (of any representation).
    pub fn is_set(&self) -> bool {
        matches!(self, Value::Set(_) | Value::Lazy(_))
    }

    /// A short description of the kind of value, with the value when short.
    pub fn describe(&self) -> String {
        let kind = match self {
            Value::Bool(_) => "the boolean",
            Value::Int(_) => "the integer",
            Value::Str(_) => "the string",
            Value::Model(_) => "the model value",
            Value::Set(_) | Value::Lazy(_) => "the set",
            Value::Fn(f) if f.is_seq() => "the sequence",
            Value::Fn(f)
                if f.domain.to_vec().iter().all(|k| matches!(k, Value::Str(_)))
                    && !f.domain.is_empty() =>
            {
                "the record"
            }
            Value::Fn(_) => "the function",
        };
        format!("{kind} {}", clip(self.to_string(), 80))
    }

    /// Converts lazy sets (at any depth) to explicit sets. Fails on
    /// infinite sets.
    pub fn normalize(self) -> VResult<Value> {
        match self {
            Value::Lazy(l) => {
                let elems = enumerate_lazy(&l)?;
                let mut out = Vec::with_capacity(elems.len());
                for e in elems {
                    out.push(e.normalize()?);
                }
                Ok(Value::set_from(out))
            }
            v => Ok(v),
        }
    }

    /// The elements of a set in TLC's enumeration order (sorted for explicit
    /// sets). Fails on infinite sets.
    pub fn elements(&self) -> VResult<std::borrow::Cow<'_, [Value]>> {
        match self {
            Value::Set(s) => Ok(std::borrow::Cow::Borrowed(&s.0)),
            Value::Lazy(l) => Ok(std::borrow::Cow::Owned(enumerate_lazy(l)?)),
            v => verr(format!("expected a set, found {}", v.describe())),
        }
    }

    /// Number of elements of a finite set.
    pub fn cardinality(&self) -> VResult<usize> {
        match self {
            Value::Set(s) => Ok(s.0.len()),
            Value::Lazy(l) => match &**l {
                Lazy::Interval(a, b) => Ok(if b < a { 0 } else { (b - a + 1) as usize }),
                _ => Ok(self.clone().normalize()?.cardinality()?),
            },
            v => verr(format!("expected a set, found {}", v.describe())),
        }
    }

    /// Set membership, without enumerating lazy sets where possible.
    pub fn contains(&self, x: &Value) -> VResult<bool> {
        match self {
            Value::Set(s) => {
                if matches!(x, Value::Lazy(_)) {
                    let x = x.clone().normalize()?;
                    return Ok(s.0.binary_search(&x).is_ok());
                }
                Ok(s.0.binary_search(x).is_ok())
            }
            Value::Lazy(l) => lazy_contains(l, x),
            v => verr(format!(
                "`\\in` needs a set on its right, found {}",
                v.describe()
            )),
        }
    }
}
