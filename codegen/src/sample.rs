//! Types the model's sets do not give, from the values of a short
//! breadth-first exploration (at most [`MAX_STATES`] states): the
//! variables' values and the actions' parameters in its steps.

use crate::actions::ActionTypes;
use crate::infer::{is_known, join, type_of, Ty};
use evaluator::explore::{Explorer, State};
use evaluator::value::Value;
use std::collections::{BTreeMap, HashSet, VecDeque};

/// The most states visited.
const MAX_STATES: usize = 5000;

/// Types from the states and steps of a short breadth-first exploration.
pub(crate) fn sample(
    explorer: &Explorer<'_>,
    inits: &[State],
    actions: &mut [ActionTypes],
    var_tys: &mut [Ty],
) {
    // States by fingerprint (values cache their fingerprints inside).
    let mut seen: HashSet<u64> = HashSet::new();
    let mut queue: VecDeque<Vec<Value>> = inits.iter().map(|s| s.to_vec()).collect();
    let mut visited = 0;
    let mut params: BTreeMap<(String, String), Ty> = BTreeMap::new();
    while let Some(s) = queue.pop_front() {
        visited += 1;
        if visited > MAX_STATES {
            break;
        }
        for (i, v) in s.iter().enumerate() {
            if let Ok(t) = type_of(v) {
                if let Ok(j) = join(&var_tys[i], &t) {
                    var_tys[i] = j;
                }
            }
        }
        let Ok(steps) = explorer.successors_of(&s) else {
            continue;
        };
        for st in steps {
            if let Some((name, args)) = &st.action {
                for (p, v) in args {
                    if let Ok(t) = type_of(v) {
                        let e = params
                            .entry((name.to_string(), p.clone()))
                            .or_insert(Ty::Unknown);
                        if let Ok(j) = join(e, &t) {
                            *e = j;
                        }
                    }
                }
            }
            let Ok(fp) = explorer.fingerprint(&st.state) else {
                continue;
            };
            if seen.insert(fp) {
                queue.push_back(st.state.to_vec());
            }
        }
    }
    for a in actions.iter_mut() {
        for (p, t) in a.params.iter_mut() {
            if !is_known(t) {
                if let Some(x) = params.get(&(a.name.clone(), p.clone())) {
                    *t = x.clone();
                }
            }
        }
    }
}
