//! Serializing values as the trace format's JSON, straight into a byte
//! buffer: a `serde_json` formatter that refuses what is not a TLA+ value
//! (`null`, floats) and writes integers beyond the 64-bit range as
//! `{"#bigint": "..."}`, so that a bad value is an error at the service
//! rather than a log the checker rejects.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// The formatter: compact JSON, plus the checks above.
#[derive(Default)]
struct TlaFormatter {
    /// Nesting depth of arrays and objects.
    depth: u32,
    /// Between `begin_object_key` and `end_object_key`: integers there are
    /// written inside quotes by serde_json, and stay plain.
    in_key: bool,
    /// A top-level `null` is accepted (a path `()`: the whole variable).
    top_null_ok: bool,
}

fn not_a_value(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what.to_string())
}

impl TlaFormatter {
    fn big<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fits: bool,
        v: impl std::fmt::Display,
    ) -> io::Result<()> {
        if fits || self.in_key {
            write!(w, "{v}")
        } else {
            write!(w, "{{\"#bigint\":\"{v}\"}}")
        }
    }
}

impl Formatter for TlaFormatter {
    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.top_null_ok && self.depth == 0 {
            return w.write_all(b"null");
        }
        Err(not_a_value(
            "null is not a TLA+ value (an Option that is None, a unit (), or a NaN or infinite float)",
        ))
    }

    fn write_f32<W: ?Sized + Write>(&mut self, _: &mut W, v: f32) -> io::Result<()> {
        Err(not_a_value(&format!(
            "the float {v} is not a TLA+ value (TLA+ integers only)"
        )))
    }

    fn write_f64<W: ?Sized + Write>(&mut self, _: &mut W, v: f64) -> io::Result<()> {
        Err(not_a_value(&format!(
            "the float {v} is not a TLA+ value (TLA+ integers only)"
        )))
    }

    fn write_u64<W: ?Sized + Write>(&mut self, w: &mut W, v: u64) -> io::Result<()> {
        self.big(w, i64::try_from(v).is_ok(), v)
    }

    fn write_i128<W: ?Sized + Write>(&mut self, w: &mut W, v: i128) -> io::Result<()> {
        self.big(w, i64::try_from(v).is_ok(), v)
    }

    fn write_u128<W: ?Sized + Write>(&mut self, w: &mut W, v: u128) -> io::Result<()> {
        self.big(w, i64::try_from(v).is_ok(), v)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        w.write_all(b"]")
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.in_key = true;
        if first {
            Ok(())
        } else {
            w.write_all(b",")
        }
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.in_key = false;
        Ok(())
    }
}

/// Appends `v` to `buf` as a trace value. On error `buf` may hold part of
/// the value: the caller drops the event.
pub(crate) fn write_value<V: Serialize + ?Sized>(buf: &mut Vec<u8>, v: &V) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(buf, TlaFormatter::default());
    v.serialize(&mut ser).map_err(io::Error::from)
}

/// Appends `path` to `buf`; returns false, leaving `buf` as it was, when
/// the path is `null` (the unit `()`: the whole variable).
pub(crate) fn write_path<P: Serialize + ?Sized>(buf: &mut Vec<u8>, path: &P) -> io::Result<bool> {
    let start = buf.len();
    let fmt = TlaFormatter {
        top_null_ok: true,
        ..TlaFormatter::default()
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut *buf, fmt);
    path.serialize(&mut ser).map_err(io::Error::from)?;
    if buf.len() - start == 4 && buf[start..] == *b"null" {
        buf.truncate(start);
        return Ok(false);
    }
    Ok(true)
}

/// Appends `s` as a JSON string (escaped). Names (actions, variables,
/// parameters) rarely need escaping: they are copied as they are.
pub(crate) fn write_str(buf: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        buf.reserve(s.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
        return Ok(());
    }
    write_value(buf, s)
}
