//! The JSON reader of every trace format: serde_json, with the checks a
//! log written by hand or by a buggy service needs, each reported at the
//! byte where it happens: nesting deeper than [`MAX_DEPTH`] (instead of a
//! stack overflow), integers outside the 64-bit range (with the number as
//! written, not as a float), and a key given twice in one object (serde
//! keeps the last one silently).

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value as Json};

/// The deepest nesting of arrays and objects a trace may use.
pub const MAX_DEPTH: usize = 5_000;

/// A JSON error (text that is not JSON, or JSON a trace cannot hold) at a
/// byte offset of the text that was parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonError {
    /// Byte offset in the text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses one JSON value (the whole of `text`).
///
/// ```
/// use tracecheck::json::parse;
/// assert!(parse(r#"{"x": 1}"#).is_ok());
/// let e = parse(r#"{"x": 1, "x": 2}"#).unwrap_err();
/// assert_eq!(e.message, "the key `x` is given twice in one object");
/// let e = parse("[9223372036854775808]").unwrap_err();
/// assert_eq!((e.offset, e.message.as_str()), (1, "9223372036854775808 is out of the 64-bit integer range"));
/// ```
pub fn parse(text: &str) -> Result<Json, JsonError> {
    scan(text)?;
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let v = Unique::deserialize(&mut de)
        .and_then(|u| de.end().map(|()| u.0))
        .map_err(|e| JsonError {
            offset: offset_of(text, e.line(), e.column()),
            message: match e.classify() {
                serde_json::error::Category::Data => serde_message(&e),
                _ => format!("invalid JSON: {}", serde_message(&e)),
            },
        })?;
    Ok(v)
}

/// serde_json's message without its position.
fn serde_message(e: &serde_json::Error) -> String {
    let m = e.to_string();
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}

/// The byte offset of 1-based `line` and `column` (serde_json's column is
/// a byte count; 0 means before the first byte).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// One pass over the bytes, outside strings: the nesting depth and the
/// integer literals.
fn scan(text: &str) -> Result<(), JsonError> {
    let b = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(JsonError {
                        offset: i,
                        message: format!(
                            "arrays and objects nested deeper than {MAX_DEPTH} levels"
                        ),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                check_number(&text[start..i]).map_err(|message| JsonError {
                    offset: start,
                    message,
                })?;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// A number literal whose value is a whole number outside the 64-bit
/// range (`9223372036854775808`, `1e23`) is an error, reported as written.
fn check_number(lit: &str) -> Result<(), String> {
    let whole = !lit.contains(['.', 'e', 'E']);
    let out = if whole {
        lit.parse::<i64>().is_err() && lit.bytes().skip(1).all(|c| c.is_ascii_digit())
    } else {
        match lit.parse::<f64>() {
            Ok(f) => {
                f.fract() == 0.0 && !(-9.223372036854776e18..9.223372036854776e18).contains(&f)
            }
            Err(_) => false,
        }
    };
    if out {
        Err(format!("{lit} is out of the 64-bit integer range"))
    } else {
        Ok(())
    }
}

/// A JSON value whose objects have no key twice.
struct Unique(Json);

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Unique, D::Error> {
        d.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Unique, E> {
        Ok(Unique(Json::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Unique, E> {
        Ok(Unique(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Unique, E> {
        Ok(Unique(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Unique, E> {
        Ok(Unique(
            serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number),
        ))
    }
    fn visit_str<E>(self, v: &str) -> Result<Unique, E> {
        Ok(Unique(Json::String(v.into())))
    }
    fn visit_string<E>(self, v: String) -> Result<Unique, E> {
        Ok(Unique(Json::String(v)))
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique(Json::Null))
    }
    fn visit_none<E>(self) -> Result<Unique, E> {
        Ok(Unique(Json::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        let mut items = vec![];
        while let Some(Unique(x)) = seq.next_element()? {
            items.push(x);
        }
        Ok(Unique(Json::Array(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut out = Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if out.contains_key(&k) {
                return Err(de::Error::custom(format!(
                    "the key `{k}` is given twice in one object"
                )));
            }
            let Unique(v) = map.next_value()?;
            out.insert(k, v);
        }
        Ok(Unique(Json::Object(out)))
    }
}
