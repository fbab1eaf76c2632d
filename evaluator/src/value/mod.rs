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

mod setops;

pub use setops::{set_op, values_equal, SetOp};

use parking_lot::RwLock;
use smallvec::SmallVec;
use std::cmp::Ordering;
use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering as AtomicOrdering};
use std::sync::{Arc, OnceLock};

/// An interned name: its position in the intern table, its text, and a
/// hash of the text (stable across runs).
#[derive(Debug)]
pub struct Entry {
    id: u32,
    text: &'static str,
    hash: u64,
}

/// An interned string. As in TLC, strings order by their position in the
/// intern table (the order in which the run first met them), which makes
/// comparisons O(1); fingerprints use the text, so they are stable.
#[derive(Clone, Copy)]
pub struct Str(&'static Entry);

/// A model value of the model (TLC's `ModelValue`): equal only to itself;
/// model values order by the order the model first names them.
#[derive(Clone, Copy)]
pub struct ModelValue(&'static Entry);

#[derive(Default)]
struct Table {
    index: rustc_hash::FxHashMap<&'static str, &'static Entry>,
    next: u32,
}

impl Table {
    fn intern(lock: &RwLock<Table>, s: &str) -> &'static Entry {
        if let Some(&e) = lock.read().index.get(s) {
            return e;
        }
        let mut t = lock.write();
        if let Some(&e) = t.index.get(s) {
            return e;
        }
        let text: &'static str = Box::leak(s.to_string().into_boxed_str());
        let e: &'static Entry = Box::leak(Box::new(Entry {
            id: t.next,
            text,
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        }));
        t.next += 1;
        t.index.insert(text, e);
        e
    }
}

fn strings() -> &'static RwLock<Table> {
    static T: OnceLock<RwLock<Table>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn model_values() -> &'static RwLock<Table> {
    static T: OnceLock<RwLock<Table>> = OnceLock::new();
    T.get_or_init(Default::default)
}

macro_rules! interned {
    ($t:ident, $table:ident) => {
        impl $t {
            /// Interns `s`.
            pub fn new(s: &str) -> $t {
                $t(Table::intern($table(), s))
            }

            /// The text.
            pub fn as_str(self) -> &'static str {
                self.0.text
            }

            /// The name.
            pub fn name(self) -> &'static str {
                self.0.text
            }

            /// A hash of the text.
            pub fn text_hash(self) -> u64 {
                self.0.hash
            }

            /// The position in the intern table.
            pub fn id(self) -> u32 {
                self.0.id
            }
        }
        impl PartialEq for $t {
            fn eq(&self, other: &$t) -> bool {
                std::ptr::eq(self.0, other.0)
            }
        }
        impl Eq for $t {}
        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
                self.0.id.hash(h)
            }
        }
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &$t) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $t {
            fn cmp(&self, other: &$t) -> Ordering {
                self.0.id.cmp(&other.0.id)
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.text)
            }
        }
    };
}

interned!(Str, strings);
interned!(ModelValue, model_values);

/// The fingerprint data of a set or function: the sum of its elements'
/// (or pairs') terms, and whether it contains model values.
#[derive(Clone, Copy, Debug)]
pub struct FpData {
    /// Sum of the element terms (the fingerprint is `mix(mix(tag, len), sum)`).
    pub sum: u64,
    /// Whether a model value occurs in the value.
    pub mv: bool,
}

/// A cached fingerprint, and the fingerprints under each permutation of a
/// symmetry group; ignored by comparisons. 40 bytes (every set and
/// function of every state has one): the fingerprint data in two atomics
/// (two threads computing it at once store the same data), the group sums
/// in one allocation whose first word is the group's id.
#[derive(Default)]
pub struct FpCache {
    sum: AtomicU64,
    /// `READY`, and `MV` when the value contains model values.
    flags: AtomicU8,
    group: OnceLock<Box<[u64]>>,
}

const READY: u8 = 1;
const MV: u8 = 2;
/// The value is the one the sharing table holds (see `intern`).
const SHARED: u8 = 4;

impl FpCache {
    /// A cache already holding `data`.
    pub fn with(data: FpData) -> FpCache {
        let c = FpCache::default();
        c.set(data);
        c
    }

    /// The cached data, if computed.
    #[inline]
    pub fn get(&self) -> Option<FpData> {
        let f = self.flags.load(AtomicOrdering::Acquire);
        (f & READY != 0).then(|| FpData {
            sum: self.sum.load(AtomicOrdering::Relaxed),
            mv: f & MV != 0,
        })
    }

    /// Stores the data.
    pub fn set(&self, data: FpData) {
        self.sum.store(data.sum, AtomicOrdering::Relaxed);
        let f = READY | if data.mv { MV } else { 0 };
        self.flags.fetch_or(f, AtomicOrdering::Release);
    }

    /// Marks the value as the one the sharing table holds.
    pub fn mark_shared(&self) {
        self.flags.fetch_or(SHARED, AtomicOrdering::Relaxed);
    }

    /// Whether the value is the one the sharing table holds.
    #[inline]
    pub fn is_shared(&self) -> bool {
        self.flags.load(AtomicOrdering::Relaxed) & SHARED != 0
    }

    /// The data, computed by `f` if not cached yet.
    #[inline]
    fn get_or_init(&self, f: impl FnOnce() -> FpData) -> FpData {
        if let Some(d) = self.get() {
            return d;
        }
        let d = f();
        self.set(d);
        d
    }

    /// Sets the sums under each permutation of group `id` (pre-mix).
    pub fn set_group(&self, id: u32, sums: &[u64]) {
        let v: Box<[u64]> = std::iter::once(id as u64)
            .chain(sums.iter().copied())
            .collect();
        let _ = self.group.set(v);
    }

    /// A copy of this cache, for an equal value built anew (the
    /// fingerprints of equal values are equal).
    pub fn copied(&self) -> FpCache {
        let c = FpCache::default();
        if let Some(d) = self.get() {
            c.set(d);
        }
        if let Some(g) = self.group.get() {
            let _ = c.group.set(g.clone());
        }
        c
    }

    /// The sums under each permutation of group `id`, if cached.
    pub fn group_sums(&self, id: u32) -> Option<&[u64]> {
        match self.group.get() {
            Some(v) if v.first() == Some(&(id as u64)) => Some(&v[1..]),
            _ => None,
        }
    }
}

/// A symmetry group: permutations of model values (the identity first).
#[derive(Debug)]
pub struct Group {
    id: u32,
    /// The permutations, as (from, to) pairs; the identity is empty.
    pub perms: Vec<Vec<(ModelValue, ModelValue)>>,
    /// For each model value moved by some permutation (by intern id), its
    /// fingerprint under each permutation.
    images: Vec<Option<Box<[u64]>>>,
}

/// Permutation buffers on the stack for groups of up to this size.
type Sums = SmallVec<[u64; 8]>;

impl Group {
    /// A group with a fresh identity (caches are per group).
    pub fn new(perms: Vec<Vec<(ModelValue, ModelValue)>>) -> Group {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let mut g = Group {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            perms,
            images: vec![],
        };
        let moved: Vec<ModelValue> = g.perms.iter().flatten().map(|(a, _)| *a).collect();
        for m in moved {
            let i = m.id() as usize;
            if g.images.len() <= i {
                g.images.resize(i + 1, None);
            }
            if g.images[i].is_none() {
                let fps = (0..g.perms.len())
                    .map(|k| mix(1, g.image(k, m).text_hash()))
                    .collect();
                g.images[i] = Some(fps);
            }
        }
        g
    }

    /// The group's identity (the key of the sums cached under it).
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Number of permutations.
    pub fn len(&self) -> usize {
        self.perms.len()
    }

    /// Whether the group is empty.
    pub fn is_empty(&self) -> bool {
        self.perms.is_empty()
    }

    fn image(&self, i: usize, m: ModelValue) -> ModelValue {
        self.perms[i]
            .iter()
            .find(|(a, _)| *a == m)
            .map(|(_, b)| *b)
            .unwrap_or(m)
    }
}

thread_local! {
    /// The symmetry group of the run this thread works for (installed by
    /// [`crate::session::Session::enter`] for the run's duration): set
    /// operations keep the fingerprint sums under its permutations up to
    /// date incrementally. Only a speed-up: a value whose sums are missing
    /// has them computed from its elements when they are asked for, with
    /// the group that asks.
    static CURRENT_GROUP: std::cell::RefCell<Option<Arc<Group>>> =
        const { std::cell::RefCell::new(None) };
}

/// Makes `g` the group of this thread's run (see [`CURRENT_GROUP`]) and
/// returns the group it replaces, to be put back when the run leaves the
/// thread.
pub fn install_group(g: Option<Arc<Group>>) -> Option<Arc<Group>> {
    CURRENT_GROUP.with(|c| std::mem::replace(&mut *c.borrow_mut(), g))
}

/// The group of this thread's run, if it has one.
fn current_group() -> Option<Arc<Group>> {
    CURRENT_GROUP.with(|c| c.borrow().clone())
}

/// Fills the fingerprint caches of `result`, which is `base` with the
/// elements `delta` added (or removed), from `base`'s caches, when those are
/// computed: O(|delta|) instead of O(|result|).
pub fn derive_fp(base: &SetV, result: &SetV, delta: &[&Value], added: bool) {
    if added {
        derive_fp_delta(base, result, &[], delta)
    } else {
        derive_fp_delta(base, result, delta, &[])
    }
}

/// [`derive_fp`] for `result` = `base` without the elements `removed` and
/// with the elements `added` (which `base` does not hold).
pub fn derive_fp_delta(base: &SetV, result: &SetV, removed: &[&Value], added: &[&Value]) {
    let Some(d) = base.1.get() else { return };
    let mut sum = d.sum;
    let mut mv = d.mv;
    for (delta, add) in [(removed, false), (added, true)] {
        for e in delta {
            let (h, m) = e.fp_flag();
            let t = set_term(h);
            sum = if add {
                sum.wrapping_add(t)
            } else {
                sum.wrapping_sub(t)
            };
            mv |= m;
        }
    }
    // After a removal `mv` may be true with no model value left: that is
    // only slower (the permuted fingerprints are then all equal), not wrong.
    result.1.set(FpData { sum, mv });
    if !mv {
        return;
    }
    let Some(g) = current_group() else { return };
    let Some(sums) = base.1.group_sums(g.id) else {
        return;
    };
    let mut sums: Sums = SmallVec::from_slice(sums);
    let mut tmp: Sums = smallvec::smallvec![0u64; g.len()];
    for (delta, add) in [(removed, false), (added, true)] {
        for e in delta {
            e.group_fps(&g, &mut tmp);
            for (s, t) in sums.iter_mut().zip(&tmp) {
                let t = set_term(*t);
                *s = if add {
                    s.wrapping_add(t)
                } else {
                    s.wrapping_sub(t)
                };
            }
        }
    }
    result.1.set_group(g.id, &sums);
}

const SET_TERM: u64 = 0x5e7;

/// The term a set element adds to its set's sum.
#[inline]
pub fn set_term(fp: u64) -> u64 {
    mix(fp, SET_TERM)
}

impl Clone for FpCache {
    /// A clone starts empty: a cloned set or function is usually cloned in
    /// order to be changed, and its fingerprint with it.
    fn clone(&self) -> FpCache {
        FpCache::default()
    }
}
impl PartialEq for FpCache {
    fn eq(&self, _: &FpCache) -> bool {
        true
    }
}
impl Eq for FpCache {}
impl PartialOrd for FpCache {
    fn partial_cmp(&self, other: &FpCache) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for FpCache {
    fn cmp(&self, _: &FpCache) -> Ordering {
        Ordering::Equal
    }
}
impl std::hash::Hash for FpCache {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

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
        let mut text = self.to_string();
        if text.len() > 80 {
            text.truncate(77);
            text.push_str("...");
        }
        format!("{kind} {text}")
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

    /// The 64-bit fingerprint of a normalized value: the same on every run
    /// and every machine. Sets and functions cache theirs, so the shared
    /// parts of successive states are not hashed again. The elements of a
    /// set, and the pairs of a function, are combined by addition, so that
    /// the fingerprint of a value under a symmetry permutation can be
    /// computed without building and re-sorting the permuted value.
    pub fn fingerprint(&self) -> u64 {
        self.fp_flag().0
    }

    /// The fingerprint and whether the value contains model values.
    pub fn fp_flag(&self) -> (u64, bool) {
        match self {
            Value::Model(m) => (mix(1, m.text_hash()), true),
            Value::Bool(b) => (mix(2, *b as u64), false),
            Value::Int(i) => (mix(3, *i as u64), false),
            Value::Str(s) => (mix(4, s.text_hash()), false),
            Value::Set(s) => {
                let d = s.fp_data();
                (mix(mix(5, s.0.len() as u64), d.sum), d.mv)
            }
            Value::Fn(f) => {
                let d = f.fp_data();
                (mix(mix(6, f.values.len() as u64), d.sum), d.mv)
            }
            Value::Lazy(l) => match Value::Lazy(l.clone()).normalize() {
                Ok(v) => v.fp_flag(),
                Err(_) => (mix(7, 0), false),
            },
        }
    }

    /// The fingerprints of the value under every permutation of `g`
    /// (index 0 is the identity), written to `out`; computed without
    /// building the permuted values, and cached in shared sets and
    /// functions.
    pub fn group_fps(&self, g: &Group, out: &mut [u64]) {
        let (h, mv) = self.fp_flag();
        if !mv {
            out.fill(h);
            return;
        }
        match self {
            Value::Model(m) => match g.images.get(m.id() as usize) {
                Some(Some(fps)) => out.copy_from_slice(fps),
                _ => out.fill(h),
            },
            Value::Set(s) => {
                let sums = s.group_sums(g);
                let head = mix(5, s.0.len() as u64);
                for (o, sum) in out.iter_mut().zip(sums.iter()) {
                    *o = mix(head, *sum);
                }
            }
            Value::Fn(f) => {
                let sums = f.group_sums(g);
                let head = mix(6, f.values.len() as u64);
                for (o, sum) in out.iter_mut().zip(sums.iter()) {
                    *o = mix(head, *sum);
                }
            }
            _ => out.fill(h),
        }
    }
}

impl SetV {
    /// The fingerprint data (computed once).
    pub fn fp_data(&self) -> FpData {
        self.1.get_or_init(|| {
            let mut sum = 0u64;
            let mut mv = false;
            for e in &self.0 {
                let (h, m) = e.fp_flag();
                sum = sum.wrapping_add(set_term(h));
                mv |= m;
            }
            FpData { sum, mv }
        })
    }

    /// The element sums under each permutation of `g` (computed once).
    pub fn group_sums(&self, g: &Group) -> &[u64] {
        if self.1.group_sums(g.id).is_none() {
            let mut sums: Sums = smallvec::smallvec![0u64; g.len()];
            let mut tmp: Sums = smallvec::smallvec![0u64; g.len()];
            for e in &self.0 {
                e.group_fps(g, &mut tmp);
                for (s, t) in sums.iter_mut().zip(&tmp) {
                    *s = s.wrapping_add(set_term(*t));
                }
            }
            self.1.set_group(g.id, &sums);
        }
        self.1.group_sums(g.id).unwrap_or(&[])
    }
}

impl FnV {
    /// The fingerprint data (computed once).
    pub fn fp_data(&self) -> FpData {
        self.fp.get_or_init(|| {
            let mut sum = 0u64;
            let mut mv = false;
            for (i, v) in self.values.iter().enumerate() {
                let (k, km) = match &self.domain {
                    Domain::Seq(_) => (mix(3, i as u64 + 1), false),
                    Domain::Keys(k) => k[i].fp_flag(),
                };
                let (h, vm) = v.fp_flag();
                sum = sum.wrapping_add(mix(k, h));
                mv |= km | vm;
            }
            FpData { sum, mv }
        })
    }

    /// The pair sums under each permutation of `g` (computed once).
    pub fn group_sums(&self, g: &Group) -> &[u64] {
        if self.fp.group_sums(g.id).is_none() {
            let n = g.len();
            let mut sums: Sums = smallvec::smallvec![0u64; n];
            let mut kt: Sums = smallvec::smallvec![0u64; n];
            let mut vt: Sums = smallvec::smallvec![0u64; n];
            for (i, v) in self.values.iter().enumerate() {
                match &self.domain {
                    Domain::Seq(_) => kt.fill(mix(3, i as u64 + 1)),
                    Domain::Keys(k) => k[i].group_fps(g, &mut kt),
                }
                v.group_fps(g, &mut vt);
                for j in 0..n {
                    sums[j] = sums[j].wrapping_add(mix(kt[j], vt[j]));
                }
            }
            self.fp.set_group(g.id, &sums);
        }
        self.fp.group_sums(g.id).unwrap_or(&[])
    }
}

/// Combines a running hash with a word (a bijective 64-bit finalizer).
#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    let mut k = h ^ x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k.wrapping_add(0x2545_F491_4F6C_DD1D)
}

/// Membership in a lazy set.
fn lazy_contains(l: &Lazy, x: &Value) -> VResult<bool> {
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
fn enumerate_lazy(l: &Lazy) -> VResult<Vec<Value>> {
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

fn product(sets: &[Value], make: impl Fn(Vec<Value>) -> Value) -> VResult<Vec<Value>> {
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

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => write!(f, "TRUE"),
            Value::Bool(false) => write!(f, "FALSE"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            Value::Model(m) => write!(f, "{}", m.name()),
            Value::Set(s) => {
                write!(f, "{{")?;
                for (i, e) in s.0.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{e}")?;
                }
                write!(f, "}}")
            }
            Value::Fn(func) => {
                if func.is_seq() {
                    write!(f, "<<")?;
                    for (i, e) in func.values.iter().enumerate() {
                        if i > 0 {
                            write!(f, ", ")?;
                        }
                        write!(f, "{e}")?;
                    }
                    return write!(f, ">>");
                }
                let is_record = func
                    .domain
                    .to_vec()
                    .iter()
                    .all(|k| matches!(k, Value::Str(s) if is_ident(s.as_str())));
                if is_record {
                    write!(f, "[")?;
                    for (i, (k, v)) in func.iter().enumerate() {
                        if i > 0 {
                            write!(f, ", ")?;
                        }
                        if let Value::Str(k) = k {
                            write!(f, "{} |-> {v}", k.as_str())?;
                        }
                    }
                    return write!(f, "]");
                }
                write!(f, "(")?;
                for (i, (k, v)) in func.iter().enumerate() {
                    if i > 0 {
                        write!(f, " @@ ")?;
                    }
                    write!(f, "{k} :> {v}")?;
                }
                write!(f, ")")
            }
            Value::Lazy(l) => match &**l {
                Lazy::Interval(a, b) => write!(f, "{a}..{b}"),
                Lazy::Nat => write!(f, "Nat"),
                Lazy::Int => write!(f, "Int"),
                Lazy::String => write!(f, "STRING"),
                Lazy::Seq(s) => write!(f, "Seq({s})"),
                _ => match Value::Lazy(l.clone()).normalize() {
                    Ok(v) => write!(f, "{v}"),
                    Err(_) => write!(f, "<infinite set>"),
                },
            },
        }
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
