//! The counterexample of a violation: a path from an initial state to the
//! violating component, then a cycle in it that visits a witness of each
//! `[]<>` condition and promise and comes back. Stuttering steps are
//! dropped as TLC prints them: a cycle that never leaves its state is
//! printed as "Stuttering", any other as "Back to state N".

use super::check::{keeps, Eval, Found, Product};
use super::formula::Disjunct;
use super::tableau::Tableau;
use std::collections::VecDeque;

/// A lasso over state ids: `states[back..]` repeats forever (`back` is
/// None when the last state stutters forever).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lasso {
    /// State ids of the behaviour.
    pub states: Vec<u32>,
    /// Where the cycle goes back to (index into `states`).
    pub back: Option<usize>,
}

/// Breadth-first path of product edges from `from` along edges `ok` until
/// an edge `goal` is taken.
fn path(
    p: &Product,
    from: u32,
    ok: &dyn Fn(u32, usize) -> bool,
    goal: &dyn Fn(usize) -> bool,
) -> Option<Vec<usize>> {
    let mut seen = vec![false; p.nodes.len()];
    let mut via: Vec<usize> = vec![usize::MAX; p.nodes.len()];
    let mut q = VecDeque::from([from]);
    seen[from as usize] = true;
    while let Some(v) = q.pop_front() {
        for pe in p.offsets[v as usize] as usize..p.offsets[v as usize + 1] as usize {
            if !ok(v, pe) {
                continue;
            }
            let w = p.succ[pe];
            if goal(pe) {
                let mut out = vec![pe];
                let mut x = v;
                while x != from {
                    let e = via[x as usize];
                    out.push(e);
                    // The source of e: search its row.
                    x = source(p, e);
                }
                out.reverse();
                return Some(out);
            }
            if !seen[w as usize] {
                seen[w as usize] = true;
                via[w as usize] = pe;
                q.push_back(w);
            }
        }
    }
    None
}

fn source(p: &Product, e: usize) -> u32 {
    // offsets is sorted: the row whose range holds e.
    (p.offsets.partition_point(|&o| o as usize <= e) - 1) as u32
}

/// The lasso of a violation.
pub fn lasso(
    ev: &Eval<'_>,
    p: &Product,
    t: Option<&Tableau>,
    d: &Disjunct,
    found: &Found,
) -> Lasso {
    let comp = &found.comp;
    let in_c = |v: u32| comp[v as usize] == found.id;
    // Prefix: a shortest path from an initial node into the component.
    let mut prefix_nodes: Vec<u32> = vec![];
    if let Some(&i) = p.initial.iter().find(|&&i| in_c(i)) {
        prefix_nodes.push(i);
    } else {
        let mut best: Option<Vec<u32>> = None;
        for &i in &p.initial {
            if let Some(es) = path(p, i, &|_, _| true, &|pe| in_c(p.succ[pe])) {
                let mut nodes = vec![i];
                nodes.extend(es.iter().map(|&e| p.succ[e]));
                if best.as_ref().is_none_or(|b| nodes.len() < b.len()) {
                    best = Some(nodes);
                }
            }
        }
        prefix_nodes = best.unwrap_or_else(|| vec![found.node]);
    }
    let c0 = *prefix_nodes.last().unwrap_or(&found.node);
    // The cycle, inside the component along kept edges.
    let ok = |v: u32, pe: usize| in_c(p.succ[pe]) && keeps(ev, p, d, v, pe);
    let mut cur = c0;
    let mut cycle: Vec<usize> = vec![];
    let go = |cur: &mut u32, goal: &dyn Fn(usize) -> bool, cycle: &mut Vec<usize>| {
        if let Some(es) = path(p, *cur, &ok, goal) {
            if let Some(&last) = es.last() {
                *cur = p.succ[last];
            }
            cycle.extend(es);
        }
    };
    let state = |v: u32| p.nodes[v as usize].0;
    for f in &d.ae_state {
        if !ev.on_state(f, state(cur)) {
            go(
                &mut cur,
                &|pe| ev.on_state(f, state(p.succ[pe])),
                &mut cycle,
            );
        }
    }
    for f in &d.ae_action {
        go(
            &mut cur,
            &|pe| {
                let s = state(source(p, pe));
                ev.on_edge(f, s, p.edge[pe] as usize)
            },
            &mut cycle,
        );
    }
    if let Some(t) = t {
        for k in 0..t.promises.len() {
            if !t.fulfils(p.nodes[cur as usize].1, k) {
                go(
                    &mut cur,
                    &|pe| t.fulfils(p.nodes[p.succ[pe] as usize].1, k),
                    &mut cycle,
                );
            }
        }
    }
    if cur != c0 || cycle.is_empty() {
        go(&mut cur, &|pe| p.succ[pe] == c0, &mut cycle);
    }
    // States, without stuttering steps.
    let mut states: Vec<u32> = vec![];
    for v in &prefix_nodes {
        if states.last() != Some(&state(*v)) {
            states.push(state(*v));
        }
    }
    let back = states.len() - 1;
    for &e in &cycle {
        let s = state(p.succ[e]);
        if states.last() != Some(&s) {
            states.push(s);
        }
    }
    if states.len() - 1 == back {
        return Lasso { states, back: None };
    }
    // The cycle ends where it started.
    if states.last() == Some(&states[back]) {
        states.pop();
    }
    Lasso {
        states,
        back: Some(back),
    }
}
