//! Trace events and the readers of the trace formats: tlatrace's JSON Lines
//! (docs/trace-format.md), ITF JSON (Apalache, Quint, `tlatrace model
//! --trace-out`), and TLC's `-dumpTrace json`.

use evaluator::value::{ModelValue, Value};
use parser::span::{FileId, Span};
use rustc_hash::FxHashMap;
use serde_json::Value as Json;
use std::collections::HashSet;

/// An update of a variable between the previous state and this one.
#[derive(Clone, Debug, PartialEq)]
pub enum UpdateOp {
    /// The value at the path becomes `value`.
    Set(Value),
    /// `value` is added to the set at the path.
    Add(Value),
    /// `value` is removed from the set at the path.
    Remove(Value),
    /// The variable keeps its previous value (`"unchanged": [...]`).
    Keep,
}

/// One constraint on a variable: its value at a path (empty path: the
/// whole variable), in this state or relative to the previous state.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The variable.
    pub var: String,
    /// Keys into the variable's value (function application / record
    /// field), outermost first.
    pub path: Vec<Value>,
    /// `Set(v)` for a plain value; `Add`/`Remove` only in updates.
    pub op: UpdateOp,
}

/// A logical clock carried by an event.
#[derive(Clone, Debug, PartialEq)]
pub enum Clock {
    /// A Lamport clock.
    Lamport(u64),
    /// A vector clock: node -> counter.
    Vector(Vec<(String, u64)>),
}

/// One logged event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Where it was read: file and 1-based line.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// The span of the line in the file store (for diagnostics).
    pub span: Span,
    /// Values the state must have.
    pub state: Vec<Field>,
    /// Changes from the previous state.
    pub updates: Vec<Field>,
    /// The action taken, if logged.
    pub action: Option<String>,
    /// Values of the action's parameters.
    pub params: Vec<(String, Value)>,
    /// The node that logged it.
    pub node: Option<String>,
    /// Its clock.
    pub clock: Option<Clock>,
    /// Whole values of variables whose JSON does not say which TLA+ value
    /// it is (TLC's `-dumpTrace json`: sets and sequences are both
    /// arrays): they are typed against the spec's states when the event is
    /// replayed (see [`crate::shape`]), and moved to `state`.
    pub untyped: Vec<(String, crate::shape::Raw)>,
    /// Parameter values in the same form.
    pub untyped_params: Vec<(String, crate::shape::Raw)>,
    /// Whether `action` is only a hint: TLC names a disjunct of `Next` that
    /// is not an operator application after the next-state operator
    /// itself, so a name that is not an action of the spec is dropped
    /// rather than rejected.
    pub action_hint: bool,
}

impl Event {
    /// An event that logs nothing, read at `line` of `file`.
    pub fn new(file: &str, line: usize, span: Span) -> Event {
        Event {
            file: file.into(),
            line,
            span,
            state: vec![],
            updates: vec![],
            action: None,
            params: vec![],
            node: None,
            clock: None,
            untyped: vec![],
            untyped_params: vec![],
            action_hint: false,
        }
    }

    /// Whether some values of the event still need typing against the
    /// spec.
    pub fn is_untyped(&self) -> bool {
        !self.untyped.is_empty() || !self.untyped_params.is_empty()
    }

    /// Whether the event gives the whole value of every variable in `vars`.
    pub fn is_full(&self, vars: &[String]) -> bool {
        self.updates.is_empty()
            && vars.iter().all(|v| {
                self.state
                    .iter()
                    .any(|f| &f.var == v && f.path.is_empty() && matches!(f.op, UpdateOp::Set(_)))
            })
    }
}

/// An error reading a trace: where and what.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadError {
    /// The file.
    pub file: String,
    /// 1-based line (0 when not about a line).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// The span in the file store, when known.
    pub span: Option<Span>,
}

impl ReadError {
    /// An error about a whole file (no line, column or span).
    pub fn in_file(file: &str, message: impl Into<String>) -> ReadError {
        ReadError {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            span: None,
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file,
                self.line,
                self.column.max(1),
                self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

/// How names in a trace map to the spec's: variable names, values (node
/// ids to model values), action names, parameter names.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    /// Service variable name -> spec variable name.
    pub vars: FxHashMap<String, String>,
    /// Service string value -> spec value name (a model value or string).
    pub values: FxHashMap<String, String>,
    /// Service action name -> spec action name.
    pub actions: FxHashMap<String, String>,
    /// Service parameter name -> spec parameter name.
    pub params: FxHashMap<String, String>,
}

impl Mapping {
    /// The spec's name of the service's variable `name`.
    pub fn var(&self, name: &str) -> String {
        self.vars
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// The spec's name of the service's action `name`.
    pub fn action(&self, name: &str) -> String {
        self.actions
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// The spec's name of the service's parameter `name`.
    pub fn param(&self, name: &str) -> String {
        self.params
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// Reads a mapping file: a JSON object with optional `vars`, `values`,
    /// `actions`, `params` objects of string -> string.
    pub fn parse(text: &str, file: &str) -> Result<Mapping, ReadError> {
        let j: Json = crate::json::parse(text).map_err(|e| {
            let (line, column) = line_col(text, e.offset);
            ReadError {
                file: file.into(),
                line,
                column,
                message: e.message.clone(),
                span: None,
            }
        })?;
        let Json::Object(o) = &j else {
            return Err(ReadError::in_file(
                file,
                "a mapping file is a JSON object with `vars`, `values`, `actions`, `params`",
            ));
        };
        let mut m = Mapping::default();
        for (k, v) in o {
            let target = match k.as_str() {
                "vars" => &mut m.vars,
                "values" => &mut m.values,
                "actions" => &mut m.actions,
                "params" => &mut m.params,
                other => {
                    return Err(ReadError::in_file(file, format!("unknown mapping section `{other}` (expected vars, values, actions, params)")))
                }
            };
            let Json::Object(entries) = v else {
                return Err(ReadError::in_file(
                    file,
                    format!("mapping section `{k}` must be an object of strings"),
                ));
            };
            for (a, b) in entries {
                let Json::String(b) = b else {
                    return Err(ReadError::in_file(
                        file,
                        format!("mapping `{k}.{a}` must be a string"),
                    ));
                };
                target.insert(a.clone(), b.clone());
            }
        }
        Ok(m)
    }
}

/// Decodes JSON values into TLA+ values.
pub struct Decoder<'a> {
    /// Names of the model's model values.
    pub model_values: &'a HashSet<String>,
    /// The name mapping.
    pub mapping: &'a Mapping,
}

impl Decoder<'_> {
    /// A string of the trace: mapped by the `values` mapping, then a model
    /// value if the model has one of that name, else a string.
    pub(crate) fn name(&self, s: &str) -> Value {
        let s = self.mapping.values.get(s).map(String::as_str).unwrap_or(s);
        if self.model_values.contains(s) {
            Value::Model(ModelValue::new(s))
        } else {
            Value::str(s)
        }
    }

    /// Decodes a value: numbers are integers, strings are strings (or model
    /// values when they name one), booleans, arrays are sequences, objects
    /// are records (or functions, when their keys name model values or are
    /// all integers), and ITF's `#set`, `#tup`, `#map`, `#bigint`.
    pub fn value(&self, j: &Json) -> Result<Value, String> {
        Ok(match j {
            Json::Null => return Err("null is not a TLA+ value".into()),
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => return Err(format!("{n} is not an integer")),
            },
            Json::String(s) => self.name(s),
            Json::Array(items) => Value::tuple(
                items
                    .iter()
                    .map(|x| self.value(x).and_then(|v| v.normalize().map_err(|e| e.0)))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(o) => {
                if o.len() == 1 {
                    let (k, v) = o.iter().next().ok_or("empty object")?;
                    match k.as_str() {
                        "#set" => {
                            let Json::Array(items) = v else {
                                return Err("`#set` takes an array".into());
                            };
                            let vals = items
                                .iter()
                                .map(|x| self.value(x))
                                .collect::<Result<Vec<_>, _>>()?;
                            return Ok(Value::set_from(vals));
                        }
                        "#tup" => {
                            let Json::Array(items) = v else {
                                return Err("`#tup` takes an array".into());
                            };
                            let vals = items
                                .iter()
                                .map(|x| self.value(x))
                                .collect::<Result<Vec<_>, _>>()?;
                            return Ok(Value::tuple(vals));
                        }
                        "#map" => {
                            let Json::Array(items) = v else {
                                return Err("`#map` takes an array of [key, value] pairs".into());
                            };
                            let mut pairs = vec![];
                            for p in items {
                                match p {
                                    Json::Array(kv) if kv.len() == 2 => {
                                        pairs.push((self.value(&kv[0])?, self.value(&kv[1])?))
                                    }
                                    _ => return Err("`#map` entries are [key, value] pairs".into()),
                                }
                            }
                            pairs.sort_by(|a, b| a.0.cmp(&b.0));
                            pairs.dedup_by(|a, b| a.0 == b.0);
                            return Ok(Value::func(pairs));
                        }
                        "#bigint" => {
                            let Json::String(s) = v else {
                                return Err("`#bigint` takes a string".into());
                            };
                            return s
                                .parse::<i64>()
                                .map(Value::Int)
                                .map_err(|_| format!("`{s}` is out of the 64-bit range"));
                        }
                        "#unserializable" => return Err("an unserializable ITF value".into()),
                        _ => {}
                    }
                }
                let all_int = !o.is_empty() && o.keys().all(|k| k.parse::<i64>().is_ok());
                let mut pairs = vec![];
                for (k, v) in o {
                    let key = if all_int {
                        Value::Int(k.parse::<i64>().unwrap_or(0))
                    } else {
                        self.name(k)
                    };
                    pairs.push((key, self.value(v)?));
                }
                Value::func(pairs)
            }
        })
    }

    fn path(&self, j: &Json) -> Result<Vec<Value>, String> {
        match j {
            Json::Array(items) => items.iter().map(|x| self.value(x)).collect(),
            Json::Null => Ok(vec![]),
            other => Ok(vec![self.value(other)?]),
        }
    }
}

/// The error `e` of a JSON value on one line, whose span is `line_span`.
fn line_error(
    content: &str,
    file: &str,
    line: usize,
    line_span: Span,
    e: &crate::json::JsonError,
) -> ReadError {
    let at = (line_span.start as usize + e.offset).min(line_span.end as usize);
    ReadError {
        file: file.into(),
        line,
        column: line_col(content, e.offset).1,
        message: e.message.clone(),
        span: Some(Span::new(
            line_span.file,
            at,
            (at + 1).min(line_span.end as usize).max(at),
        )),
    }
}

/// The error `e` of a JSON document spread over the lines of `text`, which
/// starts at byte `base` of `file`.
fn text_error(
    text: &str,
    name: &str,
    file: FileId,
    base: usize,
    e: &crate::json::JsonError,
) -> ReadError {
    let (line, column) = line_col(text, e.offset);
    let at = base + e.offset;
    ReadError {
        file: name.into(),
        line,
        column,
        message: e.message.clone(),
        span: Some(Span::new(file, at, (at + 1).min(base + text.len()).max(at))),
    }
}

/// The error of bytes that are not UTF-8: the line and column (in
/// characters) of the first bad byte. `bytes` start at 1-based `line` of
/// the file and may hold several lines.
pub fn utf8_error(name: &str, line: usize, bytes: &[u8], e: &std::str::Utf8Error) -> ReadError {
    let good = e.valid_up_to();
    let text = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
    let (l, column) = line_col(text, good);
    ReadError {
        file: name.into(),
        line: line + l - 1,
        column,
        message: format!("not UTF-8 text (byte 0x{:02x})", bytes[good]),
        // The file store holds text only: no span into these bytes.
        span: None,
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn col_err(file: &str, line: usize, span: Span, msg: impl Into<String>) -> ReadError {
    ReadError {
        file: file.into(),
        line,
        column: 1,
        message: msg.into(),
        span: Some(span),
    }
}

/// Parses one JSON Lines event.
pub fn parse_event(
    j: &Json,
    dec: &Decoder<'_>,
    file: &str,
    line: usize,
    span: Span,
) -> Result<Event, ReadError> {
    let Json::Object(o) = j else {
        return Err(col_err(file, line, span, "an event is a JSON object"));
    };
    let e = |m: String| col_err(file, line, span, m);
    let mut ev = Event::new(file, line, span);
    let var = |name: &str| dec.mapping.var(name);
    for (k, v) in o {
        match k.as_str() {
            "state" => {
                let Json::Object(vars) = v else {
                    return Err(e("`state` must be an object of variable values".into()));
                };
                for (name, val) in vars {
                    let value = dec
                        .value(val)
                        .map_err(|m| e(format!("in `state.{name}`: {m}")))?;
                    ev.state.push(Field {
                        var: var(name),
                        path: vec![],
                        op: UpdateOp::Set(value),
                    });
                }
            }
            "at" | "update" => {
                let Json::Array(items) = v else {
                    return Err(e(format!(
                        "`{k}` must be an array of {{\"var\", \"path\", \"value\"}} objects"
                    )));
                };
                for it in items {
                    let Json::Object(f) = it else {
                        return Err(e(format!("`{k}` entries are objects")));
                    };
                    let Some(Json::String(name)) = f.get("var") else {
                        return Err(e(format!("each `{k}` entry needs a string `var`")));
                    };
                    let path = match f.get("path") {
                        Some(p) => dec
                            .path(p)
                            .map_err(|m| e(format!("in the path of `{name}`: {m}")))?,
                        None => vec![],
                    };
                    let Some(raw) = f.get("value") else {
                        return Err(e(format!("the `{k}` entry for `{name}` has no `value`")));
                    };
                    let value = dec
                        .value(raw)
                        .map_err(|m| e(format!("in the value of `{name}`: {m}")))?;
                    let op = match f.get("op").and_then(Json::as_str).unwrap_or("set") {
                        "set" => UpdateOp::Set(value),
                        "add" if k == "update" => UpdateOp::Add(value),
                        "remove" if k == "update" => UpdateOp::Remove(value),
                        other => {
                            return Err(e(format!(
                                "unknown op `{other}` (expected set, add, remove)"
                            )))
                        }
                    };
                    let f = Field {
                        var: var(name),
                        path,
                        op,
                    };
                    if k == "at" {
                        ev.state.push(f);
                    } else {
                        ev.updates.push(f);
                    }
                }
            }
            "unchanged" => {
                let Json::Array(names) = v else {
                    return Err(e("`unchanged` must be an array of variable names".into()));
                };
                for n in names {
                    let Json::String(n) = n else {
                        return Err(e("`unchanged` must be an array of variable names".into()));
                    };
                    ev.updates.push(Field {
                        var: var(n),
                        path: vec![],
                        op: UpdateOp::Keep,
                    });
                }
            }
            "action" => {
                let Json::String(a) = v else {
                    return Err(e("`action` must be a string".into()));
                };
                ev.action = Some(dec.mapping.action(a));
            }
            "params" => {
                let Json::Object(ps) = v else {
                    return Err(e("`params` must be an object".into()));
                };
                for (p, val) in ps {
                    let value = dec
                        .value(val)
                        .map_err(|m| e(format!("in `params.{p}`: {m}")))?;
                    let p = dec.mapping.param(p);
                    ev.params.push((p, value));
                }
            }
            "node" => {
                ev.node = Some(match v {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                })
            }
            "clock" => {
                ev.clock = Some(match v {
                    Json::Number(n) => Clock::Lamport(
                        n.as_u64()
                            .ok_or_else(|| e("`clock` must be a natural number".into()))?,
                    ),
                    Json::Object(c) => {
                        let mut vc = vec![];
                        for (n, x) in c {
                            let x = x.as_u64().ok_or_else(|| {
                                e(format!("vector clock entry `{n}` must be a natural number"))
                            })?;
                            vc.push((n.clone(), x));
                        }
                        vc.sort();
                        Clock::Vector(vc)
                    }
                    _ => {
                        return Err(e(
                            "`clock` is a number (Lamport) or an object (vector clock)".into(),
                        ))
                    }
                })
            }
            // ITF metadata and free-form fields are ignored.
            k if k.starts_with('#') || k == "time" || k == "ts" || k == "msg" || k == "comment" => {
            }
            other => {
                return Err(e(format!(
                "unknown field `{other}` (expected state, at, update, action, params, node, clock)"
            )))
            }
        }
    }
    Ok(ev)
}

/// Reads a trace file: JSON Lines (one event per line), or a whole-file
/// document: ITF JSON (`{"vars": [...], "states": [...]}`) or TLC's
/// `-dumpTrace json` output (`{"state": [[1, {...}], ...], "action":
/// [...]}`), pretty-printed or on one line. `file` is the file's id in the
/// store.
pub fn read_trace(
    text: &str,
    name: &str,
    file: FileId,
    dec: &Decoder<'_>,
) -> Result<Vec<Event>, ReadError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') && !is_jsonl(trimmed) {
        match crate::json::parse(text) {
            Ok(doc) => {
                if let Some(r) = read_document(&doc, name, file, dec) {
                    return r;
                }
            }
            // A document spread over lines: the error is about the whole
            // text, not one line.
            Err(e) if text.trim_end().contains('\n') => {
                return Err(text_error(text, name, file, 0, &e));
            }
            Err(_) => {}
        }
    }
    let mut out = vec![];
    let mut offset = 0usize;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = i + 1;
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let span = Span::new(file, start, start + content.len());
        let t = content.trim();
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        let j: Json =
            crate::json::parse(content).map_err(|e| line_error(content, name, line, span, &e))?;
        out.extend(line_events(&j, dec, name, line, span)?);
    }
    Ok(out)
}

/// Reads a whole trace document: ITF (an object with `states`) or TLC's
/// `-dumpTrace json` (an object whose `state` is an array). None if `doc`
/// is neither.
pub fn read_document(
    doc: &Json,
    name: &str,
    file: FileId,
    dec: &Decoder<'_>,
) -> Option<Result<Vec<Event>, ReadError>> {
    if doc.get("states").is_some() {
        return Some(read_itf(doc, name, file, dec));
    }
    if crate::tlc::is_dump(doc) {
        return Some(crate::tlc::read_dump(doc, name, file, dec));
    }
    None
}

/// The events of one line of a JSON Lines file: one event, or every event
/// of a whole document written on that line.
fn line_events(
    j: &Json,
    dec: &Decoder<'_>,
    file: &str,
    line: usize,
    span: Span,
) -> Result<Vec<Event>, ReadError> {
    match read_document(j, file, span.file, dec) {
        Some(r) => r,
        None => Ok(vec![parse_event(j, dec, file, line, span)?]),
    }
}

/// Reads the events of a JSON Lines file one at a time, in constant memory
/// (a line that is a whole ITF or TLC document yields all its events).
pub struct LineReader<'d, R: std::io::BufRead> {
    input: R,
    name: String,
    file: FileId,
    dec: &'d Decoder<'d>,
    line: usize,
    offset: usize,
    buf: Vec<u8>,
    /// Events of a whole document read on one line, not yet returned.
    queued: std::collections::VecDeque<Event>,
}

impl<'d, R: std::io::BufRead> LineReader<'d, R> {
    /// A reader of `input`, whose events get spans in `file`.
    pub fn new(input: R, name: &str, file: FileId, dec: &'d Decoder<'d>) -> Self {
        LineReader {
            input,
            name: name.into(),
            file,
            dec,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            queued: Default::default(),
        }
    }
}

impl<R: std::io::BufRead> Iterator for LineReader<'_, R> {
    type Item = Result<Event, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.queued.pop_front() {
                return Some(Ok(e));
            }
            self.buf.clear();
            let n = match self.input.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(n) => n,
                Err(e) => {
                    return Some(Err(ReadError {
                        file: self.name.clone(),
                        line: self.line + 1,
                        column: 0,
                        message: format!("cannot read: {e}"),
                        span: None,
                    }))
                }
            };
            self.line += 1;
            let start = self.offset;
            self.offset += n;
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t,
                Err(e) => return Some(Err(utf8_error(&self.name, self.line, &self.buf, &e))),
            };
            let content = text.trim_end_matches(['\n', '\r']);
            let span = Span::new(self.file, start, start + content.len());
            let t = content.trim();
            if t.is_empty() || t.starts_with("//") {
                continue;
            }
            let j: Json = match crate::json::parse(content) {
                Ok(j) => j,
                Err(e) => return Some(Err(line_error(content, &self.name, self.line, span, &e))),
            };
            match read_document(&j, &self.name, self.file, self.dec) {
                Some(Ok(evs)) => self.queued.extend(evs),
                Some(Err(e)) => return Some(Err(e)),
                None => return Some(parse_event(&j, self.dec, &self.name, self.line, span)),
            }
        }
    }
}

/// Whether a text that starts with `{` is JSON Lines (its first line is a
/// complete JSON value).
pub fn is_jsonl(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    crate::json::parse(first).is_ok() && text.lines().filter(|l| !l.trim().is_empty()).count() > 1
}

/// Reads an ITF document.
fn read_itf(
    doc: &Json,
    name: &str,
    file: FileId,
    dec: &Decoder<'_>,
) -> Result<Vec<Event>, ReadError> {
    let err = |m: String| ReadError::in_file(name, m);
    let Some(Json::Array(states)) = doc.get("states") else {
        return Err(err("an ITF trace has an array `states`".into()));
    };
    let vars: Option<Vec<String>> = doc.get("vars").and_then(Json::as_array).map(|v| {
        v.iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    });
    let mut out = vec![];
    for (i, st) in states.iter().enumerate() {
        let Json::Object(o) = st else {
            return Err(err(format!("state {i} is not an object")));
        };
        let mut ev = Event::new(name, i + 1, Span::new(file, 0, 0));
        for (k, v) in o {
            if k == "#meta" {
                if let Some(a) = v.get("action").and_then(Json::as_str) {
                    if !a.is_empty() && a != "Init" {
                        ev.action = Some(dec.mapping.action(a));
                    }
                }
                continue;
            }
            if k.starts_with('#') {
                continue;
            }
            if let Some(vs) = &vars {
                if !vs.contains(k) {
                    continue;
                }
            }
            let value = dec
                .value(v)
                .map_err(|m| err(format!("state {i}, variable `{k}`: {m}")))?;
            let var = dec.mapping.var(k);
            ev.state.push(Field {
                var,
                path: vec![],
                op: UpdateOp::Set(value),
            });
        }
        out.push(ev);
    }
    Ok(out)
}

/// Encodes a value as JSON in the trace format: integers, strings and
/// booleans as themselves, model values as their names, sequences as
/// arrays, records as objects, sets as `{"#set": [...]}`, other functions
/// as `{"#map": [[k, v], ...]}`, large integers as `{"#bigint": "..."}`.
pub fn encode(v: &Value) -> Json {
    use serde_json::json;
    match v {
        Value::Bool(b) => json!(b),
        Value::Int(i) => {
            if i.unsigned_abs() < (1u64 << 53) {
                json!(i)
            } else {
                json!({"#bigint": i.to_string()})
            }
        }
        Value::Str(s) => json!(s.as_str()),
        Value::Model(m) => json!(m.name()),
        Value::Set(_) | Value::Lazy(_) => {
            let elems: Vec<Json> = match v.clone().normalize() {
                Ok(n) => n
                    .elements()
                    .map(|e| e.iter().map(encode).collect())
                    .unwrap_or_default(),
                Err(_) => vec![],
            };
            json!({"#set": elems})
        }
        Value::Fn(f) => {
            if f.is_seq() {
                return json!(f.values.iter().map(encode).collect::<Vec<_>>());
            }
            let keys_are_names = f
                .iter()
                .all(|(k, _)| matches!(k, Value::Str(_) | Value::Model(_)));
            if keys_are_names && !f.values.is_empty() {
                let mut m = serde_json::Map::new();
                for (k, x) in f.iter() {
                    let key = match &k {
                        Value::Str(s) => s.as_str().to_string(),
                        Value::Model(mv) => mv.name().to_string(),
                        _ => k.to_string(),
                    };
                    m.insert(key, encode(x));
                }
                return Json::Object(m);
            }
            json!({"#map": f.iter().map(|(k, x)| json!([encode(&k), encode(x)])).collect::<Vec<_>>()})
        }
    }
}
