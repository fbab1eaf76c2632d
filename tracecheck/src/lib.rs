//! Trace validation: reads the JSON event logs that running systems emit
//! (and ITF traces), merges per-node logs by their clocks, and replays them
//! against a TLA+ spec's `Next`, reporting the first event no behaviour of
//! the spec matches, with the action and the conjunct that failed.

pub mod action;
pub mod event;
pub mod merge;
pub mod replay;
