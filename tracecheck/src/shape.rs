//! Shapes of the spec's values, to read JSON that does not say which TLA+
//! value it is. TLC's `-dumpTrace json` writes sets and sequences both as
//! arrays, model values and strings both as strings, and the keys of a
//! function as TLC prints them (`"<<1, 2>>"`, `"{1}"`, `"a1"`). Such values
//! are typed against the values the spec itself has at the same place: a
//! [`Shape`] is learnt from spec states (every value of a variable seen so
//! far merged into one description), and [`decode`] reads a JSON value
//! along it:
//!
//! - an array is a set where the spec has a set, a sequence where it has a
//!   sequence (or a function whose domain is `1..n`);
//! - a string is a string where the spec has a string, and a model value
//!   where it has a model value of that name;
//! - an object key is the domain element the spec has whose printed form
//!   is that key (else an integer, a model value or a string by its text,
//!   or a value printed as TLC prints it: `<<1, "x">>`, `{1, 2}`, `[f |->
//!   1]`, `(a :> 1)`).
//!
//! Where the spec has shown no value yet (the elements of a set that has
//! always been empty), the JSON Lines rules apply (an array is a sequence)
//! and [`decode`] says it was unsure, so that the caller can learn more
//! states and decode again.

use crate::event::Decoder;
use evaluator::value::Value;
use serde_json::Value as Json;

/// What the spec's values at one place look like.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Shape {
    /// No value seen yet.
    #[default]
    Unknown,
    /// Integers.
    Int,
    /// Booleans.
    Bool,
    /// Strings.
    Str,
    /// Model values.
    Model,
    /// Sets, with the shape of their elements.
    Set(Box<Shape>),
    /// Sequences and tuples (domain `1..n`), with the shape of their
    /// elements.
    Seq(Box<Shape>),
    /// Other functions and records: the shape of each key seen, and of the
    /// keys themselves.
    Fn(Vec<(Value, Shape)>, Box<Shape>),
    /// Values of different kinds at the same place: read by the JSON Lines
    /// rules.
    Mixed,
}

impl Shape {
    /// The shape of one value.
    pub fn of(v: &Value) -> Shape {
        let mut s = Shape::Unknown;
        s.learn(v);
        s
    }

    /// Merges `v` into the shape.
    pub fn learn(&mut self, v: &Value) {
        if *self == Shape::Mixed {
            return;
        }
        let fresh = match v {
            Value::Int(_) => Shape::Int,
            Value::Bool(_) => Shape::Bool,
            Value::Str(_) => Shape::Str,
            Value::Model(_) => Shape::Model,
            Value::Set(_) | Value::Lazy(_) => Shape::Set(Box::default()),
            Value::Fn(f) if f.is_seq() => Shape::Seq(Box::default()),
            Value::Fn(_) => Shape::Fn(vec![], Box::default()),
        };
        let same_kind = std::mem::discriminant(self) == std::mem::discriminant(&fresh);
        match (&*self, &fresh) {
            (Shape::Unknown, _) => *self = fresh,
            // The empty function is also a sequence: a function shape
            // absorbs it, and replaces a sequence shape that saw only it.
            (Shape::Fn(..), Shape::Seq(_)) if is_empty_fn(v) => return,
            (Shape::Seq(e), Shape::Fn(..)) if **e == Shape::Unknown => *self = fresh,
            _ if same_kind => {}
            _ => {
                *self = Shape::Mixed;
                return;
            }
        }
        match (self, v) {
            (Shape::Set(e), _) => {
                if let Ok(n) = v.clone().normalize() {
                    if let Ok(items) = n.elements() {
                        for x in items.iter() {
                            e.learn(x);
                        }
                    }
                }
            }
            (Shape::Seq(e), Value::Fn(f)) => {
                for x in &f.values {
                    e.learn(x);
                }
            }
            (Shape::Fn(fields, keys), Value::Fn(f)) => {
                for (k, x) in f.iter() {
                    keys.learn(&k);
                    match fields.iter_mut().find(|(fk, _)| *fk == k) {
                        Some((_, s)) => s.learn(x),
                        None => fields.push((k, Shape::of(x))),
                    }
                }
            }
            _ => {}
        }
    }

    /// The shape of a function's values at a key not seen yet: the merge
    /// of the shapes at every key seen.
    fn any_field(fields: &[(Value, Shape)]) -> Shape {
        let mut out = Shape::Unknown;
        for (_, s) in fields {
            out.merge(s);
        }
        out
    }

    /// Merges another shape into this one.
    pub fn merge(&mut self, other: &Shape) {
        match (&mut *self, other) {
            (_, Shape::Unknown) | (Shape::Mixed, _) => {}
            (Shape::Unknown, o) => *self = o.clone(),
            (Shape::Set(a), Shape::Set(b)) | (Shape::Seq(a), Shape::Seq(b)) => a.merge(b),
            (Shape::Fn(fa, ka), Shape::Fn(fb, kb)) => {
                ka.merge(kb);
                for (k, s) in fb {
                    match fa.iter_mut().find(|(x, _)| x == k) {
                        Some((_, t)) => t.merge(s),
                        None => fa.push((k.clone(), s.clone())),
                    }
                }
            }
            (Shape::Fn(..), Shape::Seq(e)) if **e == Shape::Unknown => {}
            (Shape::Seq(e), Shape::Fn(..)) if **e == Shape::Unknown => *self = other.clone(),
            (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => {}
            _ => *self = Shape::Mixed,
        }
    }
}

fn is_empty_fn(v: &Value) -> bool {
    matches!(v, Value::Fn(f) if f.values.is_empty())
}

/// A JSON value read before its TLA+ type is known: its leaves are
/// already decoded as far as JSON tells (with the trace's name mapping and
/// the model's model values), the rest waits for a [`Shape`].
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// A number or a Boolean.
    Atom(Value),
    /// A string: its value as a name (a model value if the model has one
    /// of that name, else a string), and its text.
    Text(Value, String),
    /// An array: a set or a sequence.
    Array(Vec<Raw>),
    /// An object: a record or a function. Each entry: the key's text, the
    /// key as a value by its text alone, and the value.
    Object(Vec<(String, Value, Raw)>),
}

impl Raw {
    /// Reads `j`. Errors are those of the JSON Lines rules (`null`, a
    /// fraction).
    pub fn read(j: &Json, dec: &Decoder<'_>) -> Result<Raw, String> {
        Ok(match j {
            Json::String(s) => {
                let text = dec.mapping.values.get(s).unwrap_or(s);
                Raw::Text(dec.name(s), text.clone())
            }
            Json::Array(items) => Raw::Array(
                items
                    .iter()
                    .map(|x| Raw::read(x, dec))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(o) => {
                let all_int = !o.is_empty() && o.keys().all(|k| k.parse::<i64>().is_ok());
                let mut entries = vec![];
                for (k, x) in o {
                    let text = dec.mapping.values.get(k).unwrap_or(k).clone();
                    entries.push((text, key_value(k, all_int, dec), Raw::read(x, dec)?));
                }
                Raw::Object(entries)
            }
            other => Raw::Atom(dec.value(other)?),
        })
    }
}

/// A decoded value, and whether some array was read without knowing
/// whether the spec has a set or a sequence there.
pub struct Decoded {
    /// The value.
    pub value: Value,
    /// Whether an array (with elements) met an unknown shape.
    pub unsure: bool,
}

/// The TLA+ value of `raw` shaped like `shape` (see the module
/// documentation).
pub fn decode(raw: &Raw, shape: &Shape) -> Decoded {
    let mut unsure = false;
    let value = go(raw, shape, &mut unsure);
    Decoded { value, unsure }
}

fn go(raw: &Raw, shape: &Shape, unsure: &mut bool) -> Value {
    match raw {
        Raw::Atom(v) => v.clone(),
        Raw::Text(name, text) => match shape {
            Shape::Str => Value::str(text),
            _ => name.clone(),
        },
        Raw::Array(items) => match shape {
            Shape::Set(e) => Value::set_from(items.iter().map(|x| go(x, e, unsure)).collect()),
            Shape::Seq(e) => Value::tuple(items.iter().map(|x| go(x, e, unsure)).collect()),
            // A function whose domain is 1..n is written as an array.
            Shape::Fn(fields, _) => {
                let rest = Shape::any_field(fields);
                let mut vals = vec![];
                for (i, x) in items.iter().enumerate() {
                    let key = Value::Int(i as i64 + 1);
                    let s = fields
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map_or(&rest, |(_, s)| s);
                    vals.push(go(x, s, unsure));
                }
                Value::tuple(vals)
            }
            other => {
                if *other == Shape::Unknown && !items.is_empty() {
                    *unsure = true;
                }
                Value::tuple(
                    items
                        .iter()
                        .map(|x| go(x, &Shape::Unknown, unsure))
                        .collect(),
                )
            }
        },
        Raw::Object(entries) => {
            let (fields, keys): (&[(Value, Shape)], &Shape) = match shape {
                Shape::Fn(f, k) => (f, k),
                _ => (&[], &Shape::Unknown),
            };
            let rest = Shape::any_field(fields);
            let mut pairs = vec![];
            for (text, key, x) in entries {
                let (key, s) = match fields.iter().find(|(fk, _)| key_text(fk) == *text) {
                    Some((fk, s)) => (fk.clone(), s),
                    None => (typed_key(text, key, keys), &rest),
                };
                pairs.push((key, go(x, s, unsure)));
            }
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            pairs.dedup_by(|a, b| a.0 == b.0);
            Value::func(pairs)
        }
    }
}

/// The text of a function key as TLC writes it in JSON: strings and model
/// values as their names, other values printed.
fn key_text(v: &Value) -> String {
    match v {
        Value::Str(s) => s.as_str().to_string(),
        Value::Model(m) => m.name().to_string(),
        other => other.to_string(),
    }
}

/// A key not seen in the spec, by the shape of the keys seen: an integer
/// or a string where the spec has those, else as read by its text.
fn typed_key(text: &str, by_text: &Value, keys: &Shape) -> Value {
    match keys {
        Shape::Int => text.parse::<i64>().map_or(by_text.clone(), Value::Int),
        Shape::Str => Value::str(text),
        _ => by_text.clone(),
    }
}

/// A key by its text alone: an integer when every key of the object is
/// one, a value printed as TLC prints it, else a name.
fn key_value(k: &str, all_int: bool, dec: &Decoder<'_>) -> Value {
    if all_int {
        if let Ok(i) = k.parse::<i64>() {
            return Value::Int(i);
        }
    }
    if k.starts_with(['<', '{', '[', '(', '"']) {
        if let Some(v) = parse_printed(k, dec) {
            return v;
        }
    }
    dec.name(k)
}

/// Parses a value as TLC prints it: integers, strings, `TRUE`, `FALSE`,
/// names (model values), `<<...>>`, `{...}`, `[f |-> v, ...]`,
/// `(k :> v @@ ...)`. None if `text` is not one whole value.
pub fn parse_printed(text: &str, dec: &Decoder<'_>) -> Option<Value> {
    let mut p = Printed {
        s: text.as_bytes(),
        i: 0,
        dec,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct Printed<'a, 'd> {
    s: &'a [u8],
    i: usize,
    dec: &'a Decoder<'d>,
}

impl Printed<'_, '_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn eat(&mut self, t: &str) -> bool {
        self.ws();
        if self.s[self.i..].starts_with(t.as_bytes()) {
            self.i += t.len();
            true
        } else {
            false
        }
    }

    /// Items separated by `sep` up to `close` (nothing after an empty
    /// list's opening).
    fn list<T>(
        &mut self,
        sep: &str,
        close: &str,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let mut out = vec![];
        if self.eat(close) {
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            if self.eat(close) {
                return Some(out);
            }
            if !self.eat(sep) {
                return None;
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > 64 {
            return None;
        }
        self.ws();
        let d = depth + 1;
        if self.eat("<<") {
            return Some(Value::tuple(self.list(",", ">>", |p| p.value(d))?));
        }
        if self.eat("{") {
            return Some(Value::set_from(self.list(",", "}", |p| p.value(d))?));
        }
        if self.eat("[") {
            let fields = self.list(",", "]", |p| {
                let name = p.ident()?;
                p.eat("|->").then_some(())?;
                Some((Value::str(&name), p.value(d)?))
            })?;
            return Some(Value::func(fields));
        }
        if self.eat("(") {
            let pairs = self.list("@@", ")", |p| {
                let k = p.value(d)?;
                p.eat(":>").then_some(())?;
                Some((k, p.value(d)?))
            })?;
            return Some(Value::func(pairs));
        }
        let c = *self.s.get(self.i)?;
        if c == b'"' {
            return self.string();
        }
        if c == b'-' || c.is_ascii_digit() {
            let start = self.i;
            self.i += 1;
            while self.i < self.s.len() && self.s[self.i].is_ascii_digit() {
                self.i += 1;
            }
            let t = std::str::from_utf8(&self.s[start..self.i]).ok()?;
            return t.parse::<i64>().ok().map(Value::Int);
        }
        let name = self.ident()?;
        Some(match name.as_str() {
            "TRUE" => Value::TRUE,
            "FALSE" => Value::FALSE,
            _ => self.dec.name(&name),
        })
    }

    fn ident(&mut self) -> Option<String> {
        self.ws();
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
        {
            self.i += 1;
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }

    /// A string literal with TLC's escapes (`\"`, `\\`, `\n`, `\t`, `\r`,
    /// `\f`).
    fn string(&mut self) -> Option<Value> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let c = *self.s.get(self.i)?;
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    out.push(match e {
                        b'n' => b'\n',
                        b't' => b'\t',
                        b'r' => b'\r',
                        b'f' => 0x0c,
                        other => other,
                    });
                }
                other => out.push(other),
            }
        }
        let s = String::from_utf8(out).ok()?;
        Some(Value::str(
            self.dec.mapping.values.get(&s).map_or(s.as_str(), |x| x),
        ))
    }
}
