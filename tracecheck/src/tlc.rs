//! TLC's `-dumpTrace json FILE` output: the error trace of a TLC run, as
//! one JSON document
//!
//! ```json
//! {"state": [[1, {"x": 0, "s": []}], [2, {"x": 1, "s": ["u1"]}]],
//!  "action": [[[1, {...}], {"name": "Inc", "location": {...},
//!              "context": {"p": "u1"}, "parameters": ["p"]}, [2, {...}]]]}
//! ```
//!
//! `state` lists the states with their numbers (1 is the initial state),
//! `action` the steps: source state, the action (its name, and the values
//! of its parameters in `context` when it has some), target state. TLC
//! writes sets and sequences both as arrays, model values as their names,
//! records and functions as objects (keys that are not strings as TLC
//! prints them: `"<<1, 2>>"`), so the values are kept as JSON here and
//! typed against the spec when the events are replayed ([`crate::shape`]).
//!
//! Each state is an event (in the order of their numbers), labelled with
//! the action of the step that reached it. A step back to an earlier state
//! (the loop of a liveness counterexample) is one more event at the end; a
//! step from the last state to itself is TLC's way of writing a behaviour
//! that stutters forever, and is left out.

use crate::event::{Decoder, Event, ReadError};
use crate::shape::Raw;
use parser::span::{FileId, Span};
use serde_json::Value as Json;

/// Whether `doc` is a TLC trace: an object whose `state` is an array.
pub fn is_dump(doc: &Json) -> bool {
    doc.get("state").is_some_and(Json::is_array)
}

/// The number and variables of a `[n, {...}]` pair.
fn numbered(j: &Json) -> Option<(u64, &serde_json::Map<String, Json>)> {
    let pair = j.as_array()?;
    match pair.as_slice() {
        [Json::Number(n), Json::Object(o)] => Some((n.as_u64()?, o)),
        _ => None,
    }
}

/// Reads a TLC trace into events (values untyped, see the module
/// documentation).
pub fn read_dump(
    doc: &Json,
    name: &str,
    file: FileId,
    dec: &Decoder<'_>,
) -> Result<Vec<Event>, ReadError> {
    let err = |m: String| ReadError::in_file(name, m);
    let Some(Json::Array(states)) = doc.get("state") else {
        return Err(err("a TLC trace has an array `state`".into()));
    };
    let mut numbered_states = vec![];
    for (i, st) in states.iter().enumerate() {
        let Some((n, vars)) = numbered(st) else {
            return Err(err(format!(
                "entry {} of `state` is not a [number, {{variable: value}}] pair",
                i + 1
            )));
        };
        numbered_states.push((n, vars));
    }
    numbered_states.sort_by_key(|(n, _)| *n);
    if let Some(w) = numbered_states.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(err(format!("state {} is listed twice", w[0].0)));
    }
    // The steps: (source, action, target).
    let mut steps = vec![];
    match doc.get("action") {
        None => {}
        Some(Json::Array(items)) => {
            for (i, a) in items.iter().enumerate() {
                let bad = || {
                    err(format!(
                        "entry {} of `action` is not a [[number, state], action, [number, state]] triple",
                        i + 1
                    ))
                };
                let Some([from, act, to]) = a.as_array().map(Vec::as_slice) else {
                    return Err(bad());
                };
                let (Some((i_from, _)), Some((i_to, to_vars)), Json::Object(act)) =
                    (numbered(from), numbered(to), act)
                else {
                    return Err(bad());
                };
                steps.push((i_from, act, i_to, to_vars));
            }
        }
        Some(_) => return Err(err("`action` of a TLC trace is an array".into())),
    }
    let mut out = vec![];
    let event = |n: u64,
                 vars: &serde_json::Map<String, Json>,
                 label: Option<&serde_json::Map<String, Json>>| {
        let mut ev = Event::new(name, n as usize, Span::new(file, 0, 0));
        for (k, v) in vars {
            let raw =
                Raw::read(v, dec).map_err(|m| err(format!("state {n}, variable `{k}`: {m}")))?;
            let var = dec.mapping.var(k);
            ev.untyped.push((var, raw));
        }
        if let Some(act) = label {
            let Some(Json::String(a)) = act.get("name") else {
                return Err(err(format!("the action of state {n} has no string `name`")));
            };
            ev.action = Some(dec.mapping.action(a));
            ev.action_hint = true;
            match act.get("context") {
                None => {}
                Some(Json::Object(ctx)) => {
                    for (p, v) in ctx {
                        let raw = Raw::read(v, dec).map_err(|m| {
                            err(format!("state {n}, parameter `{p}` of `{a}`: {m}"))
                        })?;
                        let p = dec.mapping.param(p);
                        ev.untyped_params.push((p, raw));
                    }
                }
                Some(_) => {
                    return Err(err(format!(
                        "the `context` of the action of state {n} is not an object"
                    )))
                }
            }
        }
        Ok(ev)
    };
    for (n, vars) in &numbered_states {
        let label = steps
            .iter()
            .find(|(from, _, to, _)| *to == *n && *from + 1 == *n)
            .map(|(_, a, _, _)| *a);
        out.push(event(*n, vars, label)?);
    }
    // Steps that do not go to the next state: back to an earlier one (the
    // loop of a liveness counterexample). A step from a state to itself is
    // TLC's stuttering step (labelled with some action of the model that
    // did not fire): nothing to check.
    for (from, act, to, vars) in &steps {
        if *from + 1 != *to && *from != *to {
            out.push(event(*to, vars, Some(act))?);
        }
    }
    Ok(out)
}
