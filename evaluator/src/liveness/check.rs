//! The check itself (TLC's `LiveWorker`): for each tableau formula, the
//! behaviour graph (state graph x tableau, only the reachable pairs whose
//! state satisfies the tableau node's literals); for each of its possible
//! error models, the strongly connected components of the graph
//! restricted to the steps that satisfy every `<>[]` condition; a
//! component with a cycle that has a state satisfying each `[]<>S`, a
//! step satisfying each `[]<>A` and a node fulfilling each promise of the
//! tableau is a behaviour of the specification violating the property.

use super::formula::{eval_bits, Atoms, Disjunct, Live};
use super::graph::StateGraph;
use super::scc::{components, Rows};
use super::tableau::Tableau;
use rustc_hash::FxHashMap;

/// The behaviour graph: nodes are (state, tableau node) pairs.
#[derive(Debug)]
pub struct Product {
    /// (state id, tableau node) of each node.
    pub nodes: Vec<(u32, u32)>,
    /// Initial nodes.
    pub initial: Vec<u32>,
    /// Row starts.
    pub offsets: Vec<u32>,
    /// Targets.
    pub succ: Vec<u32>,
    /// The state-graph edge of each edge.
    pub edge: Vec<u32>,
}

fn consistent(g: &StateGraph, t: Option<&Tableau>, s: u32, n: u32) -> bool {
    match t {
        None => true,
        Some(t) => t.nodes[n as usize]
            .literals
            .iter()
            .all(|(a, pos)| g.state_atom(s, *a) == *pos),
    }
}

/// The behaviour graph of `g` with the tableau `t` (None: the state graph
/// itself).
pub fn product(g: &StateGraph, t: Option<&Tableau>) -> Product {
    let mut p = Product {
        nodes: vec![],
        initial: vec![],
        offsets: vec![0],
        succ: vec![],
        edge: vec![],
    };
    let mut ids: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let tinit: Vec<u32> = t.map(|t| t.initial.clone()).unwrap_or(vec![0]);
    for &s in &g.initial {
        for &n in &tinit {
            if consistent(g, t, s, n) && !ids.contains_key(&(s, n)) {
                ids.insert((s, n), p.nodes.len() as u32);
                p.initial.push(p.nodes.len() as u32);
                p.nodes.push((s, n));
            }
        }
    }
    let mut i = 0;
    while i < p.nodes.len() {
        let (s, n) = p.nodes[i];
        let tsucc: Vec<u32> = match t {
            Some(t) => t.nodes[n as usize].succ.clone(),
            None => vec![0],
        };
        for (e, s2) in g.edges(s) {
            for &n2 in &tsucc {
                if !consistent(g, t, s2, n2) {
                    continue;
                }
                let id = *ids.entry((s2, n2)).or_insert_with(|| {
                    p.nodes.push((s2, n2));
                    p.nodes.len() as u32 - 1
                });
                p.succ.push(id);
                p.edge.push(e as u32);
            }
        }
        p.offsets.push(p.succ.len() as u32);
        i += 1;
    }
    p
}

/// A violation: the nodes of a component and what its cycle must visit.
#[derive(Debug)]
pub struct Found {
    /// Component membership.
    pub comp: Vec<u32>,
    /// The component.
    pub id: u32,
    /// A node of the component.
    pub node: u32,
}

/// The evaluation of formulas on the graphs.
pub struct Eval<'a> {
    /// The state graph.
    pub g: &'a StateGraph,
    /// Atoms.
    pub atoms: &'a Atoms,
}

impl Eval<'_> {
    /// A formula on a state.
    pub fn on_state(&self, f: &Live, s: u32) -> bool {
        eval_bits(f, &|a| self.g.state_atom(s, a))
    }

    /// A formula on an edge of the state graph from `s` (state atoms are
    /// read in `s`).
    pub fn on_edge(&self, f: &Live, s: u32, e: usize) -> bool {
        use super::formula::AtomKind;
        eval_bits(f, &|a| match self.atoms.list[a as usize].kind {
            AtomKind::Action => self.g.edge_atom(e, a),
            _ => self.g.state_atom(s, a),
        })
    }
}

/// Whether product edge `pe` (from node `v`) satisfies every `<>[]`
/// condition of `d`.
pub fn keeps(ev: &Eval<'_>, p: &Product, d: &Disjunct, v: u32, pe: usize) -> bool {
    let s = p.nodes[v as usize].0;
    let e = p.edge[pe] as usize;
    d.ea.iter().all(|f| ev.on_edge(f, s, e))
}

/// Searches the behaviour graph for a component violating `d`.
pub fn search(ev: &Eval<'_>, p: &Product, t: Option<&Tableau>, d: &Disjunct) -> Option<Found> {
    // The source node of each edge.
    let mut src = vec![0u32; p.succ.len()];
    for v in 0..p.nodes.len() {
        for x in &mut src[p.offsets[v] as usize..p.offsets[v + 1] as usize] {
            *x = v as u32;
        }
    }
    let keep = |e: usize| keeps(ev, p, d, src[e], e);
    let rows = Rows {
        offsets: &p.offsets,
        succ: &p.succ,
    };
    let (comp, ncomp) = components(&rows, &keep);
    let nprom = t.map(|t| t.promises.len()).unwrap_or(0);
    // Per component: has a cycle, and which conditions are met.
    let width = 1 + d.ae_state.len() + d.ae_action.len() + nprom;
    let mut met = vec![false; ncomp as usize * width];
    for v in 0..p.nodes.len() as u32 {
        let c = comp[v as usize] as usize;
        let row = &mut met[c * width..(c + 1) * width];
        let (s, n) = p.nodes[v as usize];
        for (i, f) in d.ae_state.iter().enumerate() {
            if !row[1 + i] && ev.on_state(f, s) {
                row[1 + i] = true;
            }
        }
        if let Some(t) = t {
            for k in 0..nprom {
                if !row[1 + d.ae_state.len() + d.ae_action.len() + k] && t.fulfils(n, k) {
                    row[1 + d.ae_state.len() + d.ae_action.len() + k] = true;
                }
            }
        }
        for pe in p.offsets[v as usize] as usize..p.offsets[v as usize + 1] as usize {
            let w = p.succ[pe];
            if comp[w as usize] as usize != c || !keep(pe) {
                continue;
            }
            row[0] = true;
            let e = p.edge[pe] as usize;
            for (i, f) in d.ae_action.iter().enumerate() {
                if !row[1 + d.ae_state.len() + i] && ev.on_edge(f, s, e) {
                    row[1 + d.ae_state.len() + i] = true;
                }
            }
        }
    }
    // The first violating component in node order (deterministic).
    for v in 0..p.nodes.len() as u32 {
        let c = comp[v as usize] as usize;
        if met[c * width..(c + 1) * width].iter().all(|b| *b) {
            return Some(Found {
                comp,
                id: c as u32,
                node: v,
            });
        }
    }
    None
}
