//! Trace validation: reads the JSON event logs that running systems emit
//! (and ITF traces, and TLC's `-dumpTrace json` traces), merges per-node
//! logs by their clocks, and replays them against a TLA+ spec's `Next`,
//! reporting the first event no behaviour of the spec matches, with the
//! action and the conjunct that failed.
//!
//! Reading one event (strings that name model values of the model become
//! model values):
//!
//! ```
//! use std::collections::HashSet;
//! use tracecheck::event::{read_trace, Decoder, Mapping};
//!
//! let model_values: HashSet<String> = ["a1".to_string()].into();
//! let mapping = Mapping::default();
//! let dec = Decoder { model_values: &model_values, mapping: &mapping };
//! let text = r#"{"action": "Phase1b", "params": {"a": "a1"}, "state": {"maxBal": {"a1": 1}}}"#;
//! let mut files = parser::span::Files::new();
//! let id = files.add("run.jsonl", None, text);
//! let events = read_trace(text, "run.jsonl", id, &dec).unwrap();
//! assert_eq!(events[0].action.as_deref(), Some("Phase1b"));
//! assert_eq!(events[0].params[0].1.to_string(), "a1");
//! ```

pub mod action;
pub mod bind;
pub mod event;
pub mod json;
pub mod merge;
pub mod replay;
pub mod shape;
pub mod tlc;

/// `s` cut to at most `max` bytes, ending with `...` when cut; the cut
/// falls on a character boundary (a value's text may hold any character).
///
/// ```
/// let s = format!("{}é{}", "a".repeat(156), "b".repeat(10));
/// assert_eq!(tracecheck::clip(s, 160), format!("{}...", "a".repeat(156)));
/// assert_eq!(tracecheck::clip("short".into(), 160), "short");
/// ```
pub fn clip(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max.saturating_sub(3);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push_str("...");
    }
    s
}
