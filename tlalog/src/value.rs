//! TLA+ values that plain JSON cannot say, as serde wrappers: sets
//! (`{"#set": [...]}`), tuples (`{"#tup": [...]}`), functions with keys of
//! any kind (`{"#map": [[k, v], ...]}`), big integers (`{"#bigint": "..."}`)
//! and model values (plain strings). The `as_set`, `as_map` and `as_tup`
//! modules are the same encodings for `#[serde(with = "...")]`.
//!
//! Everything else needs no wrapper: records are structs, sequences are
//! `Vec`s and slices, functions with string or model-value keys are maps
//! keyed by strings (or by enums of unit variants).

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::ser::{self, Serialize, SerializeMap, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A set: serializes as `{"#set": [...]}`. `T` is anything that serializes
/// as a sequence: `BTreeSet`, `HashSet`, `Vec`, a slice, an array, or a
/// reference to one (`Set(&self.msgs)`). Order and repetition do not
/// matter to the checker. Anything else (a map, a string) is a
/// serialization error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Set<T>(pub T);

/// A tuple written with its tag: `{"#tup": [...]}`. A plain JSON array
/// (a `Vec`, a Rust tuple) is already a TLA+ tuple; this is for logs that
/// should say so. `T` serializes as a sequence or a tuple.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tup<T>(pub T);

/// A function with keys of any kind (tuples, sets, integers, records):
/// `{"#map": [[k, v], ...]}`. `T` serializes as a map (`BTreeMap`,
/// `HashMap`, or a reference to one) or as a sequence of `(key, value)`
/// pairs. Functions whose keys are strings or model values need no
/// wrapper: they are plain JSON objects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Map<T>(pub T);

/// An integer written as a string: `{"#bigint": "..."}`. (tlalog already
/// writes `u64`, `i128` and `u128` values beyond the 64-bit range this way.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BigInt(pub i128);

/// A model value of the spec's model (`None`, `a1`): a plain JSON string,
/// which the checker reads as the model value of that name.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelValue(pub Cow<'static, str>);

impl ModelValue {
    /// A model value named `name` (`ModelValue::new("None")`).
    pub fn new(name: impl Into<Cow<'static, str>>) -> Self {
        ModelValue(name.into())
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ModelValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for ModelValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ModelValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| ModelValue(Cow::Owned(s)))
    }
}

/// Serializes `{tag: inner}`.
fn tagged<S: Serializer, T: Serialize + ?Sized>(
    s: S,
    tag: &'static str,
    inner: &T,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry(tag, inner)?;
    m.end()
}

impl<T: Serialize> Serialize for Set<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, "#set", &SeqOnly("Set", &self.0))
    }
}

impl<T: Serialize> Serialize for Tup<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, "#tup", &SeqOnly("Tup", &self.0))
    }
}

impl<T: Serialize> Serialize for Map<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, "#map", &Pairs(&self.0))
    }
}

impl Serialize for BigInt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, "#bigint", &Decimal(self.0))
    }
}

/// An `i128` as a string, without allocating.
struct Decimal(i128);

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Serializes the inner value only if it is a sequence or a tuple.
struct SeqOnly<'a, T: ?Sized>(&'static str, &'a T);

impl<T: Serialize + ?Sized> Serialize for SeqOnly<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.1.serialize(SeqSerializer {
            inner: s,
            wrapper: self.0,
        })
    }
}

/// Serializes the inner map as a sequence of `[key, value]` pairs (a
/// sequence of pairs passes through).
struct Pairs<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for Pairs<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(PairsSerializer { inner: s })
    }
}

/// A serializer that accepts only sequences and tuples, passed on to
/// `inner`.
struct SeqSerializer<S> {
    inner: S,
    wrapper: &'static str,
}

/// A serializer that turns a map into a sequence of pairs, passed on to
/// `inner`, and lets sequences through.
struct PairsSerializer<S> {
    inner: S,
}

/// The `SerializeMap` of `PairsSerializer`: each entry is one `(k, v)`
/// element of the inner sequence.
struct PairsMap<Q> {
    seq: Q,
}

impl<Q: ser::SerializeSeq> SerializeMap for PairsMap<Q> {
    type Ok = Q::Ok;
    type Error = Q::Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, _: &K) -> Result<(), Q::Error> {
        Err(ser::Error::custom(
            "tlalog::Map: this map serializes keys and values separately; use a BTreeMap, a HashMap or a Vec of pairs",
        ))
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, _: &V) -> Result<(), Q::Error> {
        Err(ser::Error::custom(
            "tlalog::Map: this map serializes keys and values separately; use a BTreeMap, a HashMap or a Vec of pairs",
        ))
    }

    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        k: &K,
        v: &V,
    ) -> Result<(), Q::Error> {
        self.seq.serialize_element(&(k, v))
    }

    fn end(self) -> Result<Q::Ok, Q::Error> {
        self.seq.end()
    }
}

/// The serializer methods that refuse their input with `$msg`.
macro_rules! refuse {
    ($msg:expr) => {
        fn serialize_i128(self, _: i128) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_u128(self, _: u128) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        /// A newtype is read through (`Set(MyNewtype(vec))`).
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            v: &T,
        ) -> Result<Self::Ok, Self::Error> {
            v.serialize(self)
        }
        fn serialize_bool(self, _: bool) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_i8(self, _: i8) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_i16(self, _: i16) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_i32(self, _: i32) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_i64(self, _: i64) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_u8(self, _: u8) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_u16(self, _: u16) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_u32(self, _: u32) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_u64(self, _: u64) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_f32(self, _: f32) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_f64(self, _: f64) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_char(self, _: char) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_str(self, _: &str) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_none(self) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_unit(self) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Self::Error> {
            Err(ser::Error::custom($msg(&self)))
        }
    };
}

fn not_a_sequence<S>(s: &SeqSerializer<S>) -> String {
    format!(
        "tlalog::{} wraps a sequence (a Vec, a BTreeSet, a HashSet, a slice, a tuple)",
        s.wrapper
    )
}

fn not_a_map<S>(_: &PairsSerializer<S>) -> String {
    "tlalog::Map wraps a map (a BTreeMap, a HashMap) or a sequence of (key, value) pairs".into()
}

impl<S: Serializer> Serializer for SeqSerializer<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = ser::Impossible<S::Ok, S::Error>;
    type SerializeMap = ser::Impossible<S::Ok, S::Error>;
    type SerializeStruct = ser::Impossible<S::Ok, S::Error>;
    type SerializeStructVariant = ser::Impossible<S::Ok, S::Error>;

    refuse!(not_a_sequence);

    fn serialize_seq(self, len: Option<usize>) -> Result<S::SerializeSeq, S::Error> {
        self.inner.serialize_seq(len)
    }

    fn serialize_tuple(self, len: usize) -> Result<S::SerializeTuple, S::Error> {
        self.inner.serialize_tuple(len)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<S::SerializeTupleStruct, S::Error> {
        self.inner.serialize_tuple_struct(name, len)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(ser::Error::custom(not_a_sequence(&self)))
    }
}

impl<S: Serializer> Serializer for PairsSerializer<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = ser::Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = ser::Impossible<S::Ok, S::Error>;
    type SerializeMap = PairsMap<S::SerializeSeq>;
    type SerializeStruct = ser::Impossible<S::Ok, S::Error>;
    type SerializeStructVariant = ser::Impossible<S::Ok, S::Error>;

    refuse!(not_a_map);

    fn serialize_seq(self, len: Option<usize>) -> Result<S::SerializeSeq, S::Error> {
        self.inner.serialize_seq(len)
    }

    fn serialize_tuple(self, len: usize) -> Result<S::SerializeTuple, S::Error> {
        self.inner.serialize_tuple(len)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(ser::Error::custom(not_a_map(&self)))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(PairsMap {
            seq: self.inner.serialize_seq(len)?,
        })
    }
}

/// Reads `{tag: T}`.
struct TaggedVisitor<T> {
    tag: &'static str,
    out: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object {{\"{}\": ...}}", self.tag)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<T, A::Error> {
        let Some(key) = m.next_key::<Cow<'de, str>>()? else {
            return Err(de::Error::custom(format_args!(
                "expected the key \"{}\", found an empty object",
                self.tag
            )));
        };
        if key != self.tag {
            return Err(de::Error::custom(format_args!(
                "expected the key \"{}\", found \"{key}\"",
                self.tag
            )));
        }
        let v = m.next_value::<T>()?;
        if let Some(extra) = m.next_key::<Cow<'de, str>>()? {
            return Err(de::Error::custom(format_args!(
                "unexpected key \"{extra}\" after \"{}\"",
                self.tag
            )));
        }
        Ok(v)
    }
}

fn untag<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    tag: &'static str,
) -> Result<T, D::Error> {
    d.deserialize_map(TaggedVisitor {
        tag,
        out: PhantomData,
    })
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Set<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        untag(d, "#set").map(Set)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Tup<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        untag(d, "#tup").map(Tup)
    }
}

impl<'de, T: FromPairs> Deserialize<'de> for Map<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        as_map::deserialize(d).map(Map)
    }
}

impl<'de> Deserialize<'de> for BigInt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: Cow<'de, str> = untag(d, "#bigint")?;
        s.parse::<i128>()
            .map(BigInt)
            .map_err(|_| de::Error::custom(format_args!("`{s}` is not an integer")))
    }
}

/// Collections that `{"#map": [[k, v], ...]}` reads into (for
/// `Map<T>` and `as_map`): `BTreeMap`, `HashMap` and `Vec<(K, V)>`.
pub trait FromPairs: Sized {
    /// The key type.
    type Key: DeserializeOwned;
    /// The value type.
    type Value: DeserializeOwned;
    /// Builds the collection from the pairs, in the log's order.
    fn from_pairs(pairs: Vec<(Self::Key, Self::Value)>) -> Self;
}

impl<K: DeserializeOwned + Ord, V: DeserializeOwned> FromPairs
    for std::collections::BTreeMap<K, V>
{
    type Key = K;
    type Value = V;
    fn from_pairs(pairs: Vec<(K, V)>) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K, V, H> FromPairs for std::collections::HashMap<K, V, H>
where
    K: DeserializeOwned + Eq + std::hash::Hash,
    V: DeserializeOwned,
    H: std::hash::BuildHasher + Default,
{
    type Key = K;
    type Value = V;
    fn from_pairs(pairs: Vec<(K, V)>) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K: DeserializeOwned, V: DeserializeOwned> FromPairs for Vec<(K, V)> {
    type Key = K;
    type Value = V;
    fn from_pairs(pairs: Vec<(K, V)>) -> Self {
        pairs
    }
}

/// `#[serde(with = "tlalog::as_set")]`: a `BTreeSet`, `HashSet` or `Vec`
/// field written as `{"#set": [...]}`.
pub mod as_set {
    use super::*;

    /// Writes `{"#set": [...]}`.
    pub fn serialize<T: Serialize + ?Sized, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, "#set", &SeqOnly("as_set", v))
    }

    /// Reads `{"#set": [...]}`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        untag(d, "#set")
    }
}

/// `#[serde(with = "tlalog::as_tup")]`: a tuple or `Vec` field written as
/// `{"#tup": [...]}`.
pub mod as_tup {
    use super::*;

    /// Writes `{"#tup": [...]}`.
    pub fn serialize<T: Serialize + ?Sized, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, "#tup", &SeqOnly("as_tup", v))
    }

    /// Reads `{"#tup": [...]}`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        untag(d, "#tup")
    }
}

/// `#[serde(with = "tlalog::as_map")]`: a `BTreeMap` or `HashMap` field
/// with keys of any kind written as `{"#map": [[k, v], ...]}`.
pub mod as_map {
    use super::*;

    /// Writes `{"#map": [[k, v], ...]}`.
    pub fn serialize<T: Serialize + ?Sized, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        tagged(s, "#map", &Pairs(v))
    }

    /// Reads `{"#map": [[k, v], ...]}` (for a repeated key, the last pair
    /// wins in a map).
    pub fn deserialize<'de, T: FromPairs, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        let pairs: Vec<(T::Key, T::Value)> = untag(d, "#map")?;
        Ok(T::from_pairs(pairs))
    }
}
