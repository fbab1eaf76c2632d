//! Printing values as TLC does.

use super::{Lazy, Value};
use std::fmt;

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

/// `text` cut to at most `max` bytes with "..." at the end when it is
/// longer, on a character boundary (a value's text may hold multibyte
/// characters, from its strings).
pub fn clip(mut text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut end = max.saturating_sub(3);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push_str("...");
    text
}
