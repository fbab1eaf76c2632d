//! States and their fingerprints.

use crate::value::{mix, Value};
use std::sync::Arc;

/// A state: one value per variable, in the order of the spec's
/// `VARIABLES`.
pub type State = Arc<[Value]>;

/// The fingerprint of a state: the same 64-bit number for equal states,
/// on every run and every machine (no VIEW, no symmetry: see
/// [`super::Spec::fingerprint`] for the model checker's canonical one).
pub fn fingerprint(values: &[Value]) -> u64 {
    let mut h = mix(8, values.len() as u64);
    for v in values {
        h = mix(h, v.fingerprint());
    }
    h
}
