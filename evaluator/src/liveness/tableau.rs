//! The tableau of a temporal formula without actions (TLC's `TBGraph`,
//! after Manna and Pnueli): its nodes are the particles of the formula,
//! maximal consistent sets of subformulas closed under
//! `F /\ G` (both), `F \/ G` (one), `[]F` (F, and `[]F` next) and `<>F`
//! (F, or `<>F` next); a node's successors are the particles of what it
//! requires next. A behaviour satisfies the formula when some path of
//! the tableau matches it state by state and every promise `<>F` met on
//! its cycle is fulfilled there.

use super::formula::Live;
use std::collections::{BTreeSet, HashMap};

/// A tableau node.
#[derive(Clone, Debug)]
pub struct Node {
    /// The literals a state must satisfy: (atom, polarity).
    pub literals: Vec<(u32, bool)>,
    /// The formulas of the particle (indices into [`Tableau::formulas`]).
    pub set: BTreeSet<u32>,
    /// Successor nodes.
    pub succ: Vec<u32>,
}

/// The tableau of a formula.
#[derive(Debug)]
pub struct Tableau {
    /// Interned subformulas.
    pub formulas: Vec<Live>,
    index: HashMap<Live, u32>,
    /// The nodes.
    pub nodes: Vec<Node>,
    /// The initial nodes (the particles of the formula itself).
    pub initial: Vec<u32>,
    /// The promises `<>F`: (index of `<>F`, index of `F`).
    pub promises: Vec<(u32, u32)>,
}

/// Particles beyond which the tableau is refused.
const MAX_NODES: usize = 100_000;

struct Partial {
    set: BTreeSet<u32>,
    next: BTreeSet<u32>,
}

impl Tableau {
    fn intern(&mut self, f: &Live) -> u32 {
        if let Some(i) = self.index.get(f) {
            return *i;
        }
        let i = self.formulas.len() as u32;
        self.formulas.push(f.clone());
        self.index.insert(f.clone(), i);
        // Intern the subformulas too, and note promises.
        match f {
            Live::Not(x) | Live::Always(x) => {
                self.intern(x);
            }
            Live::Eventually(x) => {
                let b = self.intern(x);
                self.promises.push((i, b));
            }
            Live::And(xs) | Live::Or(xs) => {
                for x in xs {
                    self.intern(x);
                }
            }
            _ => {}
        }
        i
    }

    /// Expands `todo` into particles (`out` receives (set, next)).
    fn particles(&self, mut todo: Vec<u32>, mut p: Partial, out: &mut Vec<Partial>) {
        while let Some(i) = todo.pop() {
            if !p.set.insert(i) {
                continue;
            }
            match &self.formulas[i as usize] {
                Live::Bool(true) => {}
                Live::Bool(false) => return,
                Live::Atom(a) => {
                    let neg = self.index.get(&Live::Not(Box::new(Live::Atom(*a))));
                    if neg.is_some_and(|n| p.set.contains(n)) {
                        return;
                    }
                }
                Live::Not(x) => {
                    if let Some(pos) = self.index.get(&**x) {
                        if p.set.contains(pos) {
                            return;
                        }
                    }
                }
                Live::And(xs) => todo.extend(xs.iter().map(|x| self.index[x])),
                Live::Always(x) => {
                    todo.push(self.index[&**x]);
                    p.next.insert(i);
                }
                Live::Or(xs) => {
                    for x in xs {
                        let mut t = todo.clone();
                        t.push(self.index[x]);
                        self.particles(
                            t,
                            Partial {
                                set: p.set.clone(),
                                next: p.next.clone(),
                            },
                            out,
                        );
                    }
                    return;
                }
                Live::Eventually(x) => {
                    let mut t = todo.clone();
                    t.push(self.index[&**x]);
                    self.particles(
                        t,
                        Partial {
                            set: p.set.clone(),
                            next: p.next.clone(),
                        },
                        out,
                    );
                    let mut p2 = p;
                    p2.next.insert(i);
                    self.particles(todo, p2, out);
                    return;
                }
            }
        }
        out.push(p);
    }

    /// The tableau of the conjunction of `fs` (negation normal form, no
    /// actions).
    pub fn build(fs: &[Live]) -> Result<Tableau, String> {
        let mut t = Tableau {
            formulas: vec![],
            index: HashMap::new(),
            nodes: vec![],
            initial: vec![],
            promises: vec![],
        };
        let roots: Vec<u32> = fs.iter().map(|f| t.intern(f)).collect();
        let mut key: HashMap<(BTreeSet<u32>, BTreeSet<u32>), u32> = HashMap::new();
        let mut nexts: Vec<BTreeSet<u32>> = vec![];
        let add = |t: &mut Tableau,
                   key: &mut HashMap<(BTreeSet<u32>, BTreeSet<u32>), u32>,
                   nexts: &mut Vec<BTreeSet<u32>>,
                   p: Partial|
         -> Result<u32, String> {
            let k = (p.set, p.next);
            if let Some(i) = key.get(&k) {
                return Ok(*i);
            }
            if t.nodes.len() >= MAX_NODES {
                return Err(format!("the tableau has more than {MAX_NODES} nodes"));
            }
            let i = t.nodes.len() as u32;
            let literals =
                k.0.iter()
                    .filter_map(|f| match &t.formulas[*f as usize] {
                        Live::Atom(a) => Some((*a, true)),
                        Live::Not(x) => match &**x {
                            Live::Atom(a) => Some((*a, false)),
                            _ => None,
                        },
                        _ => None,
                    })
                    .collect();
            t.nodes.push(Node {
                literals,
                set: k.0.clone(),
                succ: vec![],
            });
            nexts.push(k.1.clone());
            key.insert(k, i);
            Ok(i)
        };
        let mut ps = vec![];
        t.particles(
            roots,
            Partial {
                set: BTreeSet::new(),
                next: BTreeSet::new(),
            },
            &mut ps,
        );
        for p in ps {
            let i = add(&mut t, &mut key, &mut nexts, p)?;
            if !t.initial.contains(&i) {
                t.initial.push(i);
            }
        }
        let mut n = 0;
        while n < t.nodes.len() {
            let todo: Vec<u32> = nexts[n].iter().copied().collect();
            let mut ps = vec![];
            t.particles(
                todo,
                Partial {
                    set: BTreeSet::new(),
                    next: BTreeSet::new(),
                },
                &mut ps,
            );
            let mut succ = vec![];
            for p in ps {
                let i = add(&mut t, &mut key, &mut nexts, p)?;
                if !succ.contains(&i) {
                    succ.push(i);
                }
            }
            t.nodes[n].succ = succ;
            n += 1;
        }
        Ok(t)
    }

    /// Whether node `n` fulfils promise `p` (`<>F` is not required of it,
    /// or F holds there).
    pub fn fulfils(&self, n: u32, p: usize) -> bool {
        let (ev, body) = self.promises[p];
        let set = &self.nodes[n as usize].set;
        !set.contains(&ev) || set.contains(&body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(a: u32) -> Live {
        Live::Atom(a)
    }

    #[test]
    fn always_has_one_node_that_loops() {
        let t = Tableau::build(&[Live::Always(Box::new(atom(0)))]).unwrap();
        assert_eq!(t.nodes.len(), 1);
        assert_eq!(t.nodes[0].succ, vec![0]);
        assert_eq!(t.nodes[0].literals, vec![(0, true)]);
    }

    #[test]
    fn eventually_waits_or_fulfils() {
        let t = Tableau::build(&[Live::Eventually(Box::new(atom(0)))]).unwrap();
        assert_eq!(t.promises.len(), 1);
        // A node where P holds (fulfilling) and a node still waiting.
        assert_eq!(t.initial.len(), 2);
        let waiting: Vec<u32> = (0..t.nodes.len() as u32)
            .filter(|n| !t.fulfils(*n, 0))
            .collect();
        assert_eq!(waiting.len(), 1);
    }

    #[test]
    fn contradiction_has_no_node() {
        let t = Tableau::build(&[atom(0), Live::Not(Box::new(atom(0)))]).unwrap();
        assert!(t.initial.is_empty());
    }
}
