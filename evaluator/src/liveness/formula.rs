//! Temporal formulas as the liveness checker reads them (TLC's
//! `LiveExprNode`s): the IR of the fairness conjuncts and of the properties
//! turned into a tree of `[]`, `<>`, `/\`, `\/`, `~` over atoms (state
//! predicates, `ENABLED`, actions), with `~>`, `WF` and `SF` expanded and
//! `\A`/`\E` over constant sets unrolled; then negation pushed inwards,
//! disjunctive normal form, and TLC's split of each disjunct into a tableau
//! formula and `<>[]`/`[]<>` conditions (`Liveness.classifyExpr`).

use crate::eval::{err, vspan, Ctx, EResult};
use crate::ir::{Expr, Kind, Quant, TemporalOp};
use crate::lower::Program;
use crate::value::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// What an atom is evaluated on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AtomKind {
    /// A state predicate, evaluated in a state.
    State,
    /// `ENABLED A`: whether the action `A` has a successor from a state.
    Enabled,
    /// An action, evaluated on a step (s, t).
    Action,
}

/// A predicate with the values of the names bound around it (by unrolled
/// `\A`/`\E`).
#[derive(Clone, Debug)]
pub struct Atom {
    /// The kind.
    pub kind: AtomKind,
    /// The predicate (for `Enabled`, the action).
    pub expr: Expr,
    /// Frame slots to set before evaluating, with their values.
    pub env: Arc<[(u32, Value)]>,
    /// Frame size.
    pub nslots: u32,
}

impl Atom {
    /// Evaluates a state or ENABLED atom in `s`.
    pub fn eval_state(&self, prog: &Program, s: &[Value]) -> EResult<bool> {
        match self.kind {
            AtomKind::State => {
                let mut ctx = Ctx::new(prog, s, self.nslots);
                for (slot, v) in self.env.iter() {
                    ctx.set_slot(*slot, v.clone());
                }
                ctx.eval_bool(&self.expr)
            }
            AtomKind::Enabled => {
                let mut ctx = Ctx::for_successors(prog, s, self.nslots);
                for (slot, v) in self.env.iter() {
                    ctx.set_slot(*slot, v.clone());
                }
                let mut any = false;
                crate::machine::walk::successors(&mut ctx, &self.expr, &mut |_| {
                    any = true;
                    Ok(false)
                })?;
                Ok(any)
            }
            AtomKind::Action => err(
                self.expr.span,
                "an action cannot be evaluated in a single state",
            ),
        }
    }

    /// The fingerprints (by `fp`) of the successors of `s` under an
    /// action atom (for `<<A>>_v`: the steps of A that change v).
    pub fn step_targets(
        &self,
        prog: &Program,
        s: &[Value],
        fp: &dyn Fn(&[Value]) -> EResult<u64>,
    ) -> EResult<Vec<u64>> {
        let mut ctx = Ctx::for_successors(prog, s, self.nslots);
        for (slot, v) in self.env.iter() {
            ctx.set_slot(*slot, v.clone());
        }
        let mut out = vec![];
        crate::machine::walk::successors(&mut ctx, &self.expr, &mut |t| {
            out.push(fp(t.state)?);
            Ok(true)
        })?;
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// Evaluates an action atom on the step (s, t).
    pub fn eval_step(&self, prog: &Program, s: &[Value], t: &[Value]) -> EResult<bool> {
        let mut ctx = Ctx::with_next(prog, s, t, self.nslots);
        for (slot, v) in self.env.iter() {
            ctx.set_slot(*slot, v.clone());
        }
        ctx.eval_bool(&self.expr)
    }
}

/// A temporal formula over atoms (indices into [`Atoms::list`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Live {
    /// TRUE or FALSE.
    Bool(bool),
    /// An atom.
    Atom(u32),
    /// `~F`.
    Not(Box<Live>),
    /// `F /\ G /\ ...`.
    And(Vec<Live>),
    /// `F \/ G \/ ...`.
    Or(Vec<Live>),
    /// `[]F`.
    Always(Box<Live>),
    /// `<>F`.
    Eventually(Box<Live>),
}

/// Levels, as TLC's `LevelConstants`: constant and state 1, action 2,
/// temporal 3.
pub const STATE_LEVEL: u8 = 1;
/// Action level.
pub const ACTION_LEVEL: u8 = 2;
/// Temporal level.
pub const TEMPORAL_LEVEL: u8 = 3;

/// The atoms met while converting, deduplicated (the same predicate under
/// the same bindings is one atom, as TLC tags them).
#[derive(Default, Debug)]
pub struct Atoms {
    /// The atoms.
    pub list: Vec<Atom>,
    index: HashMap<String, u32>,
}

impl Atoms {
    fn add(&mut self, atom: Atom) -> u32 {
        let key = format!("{:?}|{:?}|{:?}", atom.kind, atom.env, atom.expr);
        if let Some(i) = self.index.get(&key) {
            return *i;
        }
        let i = self.list.len() as u32;
        self.list.push(atom);
        self.index.insert(key, i);
        i
    }

    /// For each atom `ENABLED <<A>>_v`, the atom `<<A>>_v` under the same
    /// bindings if there is one (WF and SF make both): A is enabled in s
    /// iff s has a successor under that action.
    pub fn step_twins(&self) -> Vec<Option<u32>> {
        self.list
            .iter()
            .map(|a| {
                if a.kind != AtomKind::Enabled {
                    return None;
                }
                let key = format!("{:?}|{:?}|{:?}", AtomKind::Action, a.env, a.expr);
                self.index.get(&key).copied()
            })
            .collect()
    }

    /// The level of a formula.
    pub fn level(&self, f: &Live) -> u8 {
        match f {
            Live::Bool(_) => 0,
            Live::Atom(a) => match self.list[*a as usize].kind {
                AtomKind::Action => ACTION_LEVEL,
                _ => STATE_LEVEL,
            },
            Live::Not(x) => self.level(x),
            Live::And(xs) | Live::Or(xs) => xs.iter().map(|x| self.level(x)).max().unwrap_or(0),
            Live::Always(_) | Live::Eventually(_) => TEMPORAL_LEVEL,
        }
    }

    /// Whether a formula contains an action atom.
    pub fn contains_action(&self, f: &Live) -> bool {
        match f {
            Live::Bool(_) => false,
            Live::Atom(a) => self.list[*a as usize].kind == AtomKind::Action,
            Live::Not(x) | Live::Always(x) | Live::Eventually(x) => self.contains_action(x),
            Live::And(xs) | Live::Or(xs) => xs.iter().any(|x| self.contains_action(x)),
        }
    }
}

/// Converts IR into [`Live`] formulas.
pub struct Converter<'p> {
    prog: &'p Program,
    /// The atoms.
    pub atoms: Atoms,
}

/// Whether an expression needs the liveness checker's structure (a
/// temporal operator or ENABLED somewhere in it).
fn needs_structure(e: &Expr) -> bool {
    e.is_temporal_level()
}

impl<'p> Converter<'p> {
    /// A converter for `prog`.
    pub fn new(prog: &'p Program) -> Converter<'p> {
        Converter {
            prog,
            atoms: Atoms::default(),
        }
    }

    fn atom(&mut self, kind: AtomKind, expr: Expr, env: &[(u32, Value)], nslots: u32) -> Live {
        // Only the bindings the predicate reads: the same predicate under
        // different bindings of other names is one atom.
        let mut used = vec![];
        expr.walk(&mut |x| {
            if let Kind::Local(s) = x.kind {
                used.push(s);
            }
        });
        let env: Vec<(u32, Value)> = env
            .iter()
            .filter(|(s, _)| used.contains(s))
            .cloned()
            .collect();
        Live::Atom(self.atoms.add(Atom {
            kind,
            expr,
            env: Arc::from(env),
            nslots,
        }))
    }

    /// Converts `e` (frame size `nslots`) under the bindings `env`.
    pub fn convert(&mut self, e: &Expr, env: &[(u32, Value)], nslots: u32) -> EResult<Live> {
        if !needs_structure(e) {
            if let Kind::Const(Value::Bool(b)) = e.kind {
                return Ok(Live::Bool(b));
            }
            // Constant-level formulas are evaluated once, as TLC does.
            let defs = &self.prog.defs;
            let pure_call = |d: crate::ir::DefId| defs.get(d as usize).is_some_and(|x| x.pure);
            if !e.depends_on_state(&pure_call) {
                let mut ctx = Ctx::new(self.prog, &[], nslots);
                for (slot, v) in env {
                    ctx.set_slot(*slot, v.clone());
                }
                return Ok(Live::Bool(ctx.eval_bool(e)?));
            }
            let kind = if e.mentions_next() {
                AtomKind::Action
            } else {
                AtomKind::State
            };
            return Ok(self.atom(kind, e.clone(), env, nslots));
        }
        let span = e.span;
        match &e.kind {
            Kind::Named(_, _, body) => self.convert(body, env, nslots),
            Kind::Let(_, body) => self.convert(body, env, nslots),
            Kind::Not(x) => Ok(Live::Not(Box::new(self.convert(x, env, nslots)?))),
            Kind::And(xs) => Ok(Live::And(
                xs.iter()
                    .map(|x| self.convert(x, env, nslots))
                    .collect::<EResult<_>>()?,
            )),
            Kind::Or(xs) => Ok(Live::Or(
                xs.iter()
                    .map(|x| self.convert(x, env, nslots))
                    .collect::<EResult<_>>()?,
            )),
            Kind::Implies(a, b) => Ok(Live::Or(vec![
                Live::Not(Box::new(self.convert(a, env, nslots)?)),
                self.convert(b, env, nslots)?,
            ])),
            Kind::Equiv(a, b) => {
                let a = self.convert(a, env, nslots)?;
                let b = self.convert(b, env, nslots)?;
                Ok(Live::Or(vec![
                    Live::And(vec![a.clone(), b.clone()]),
                    Live::And(vec![Live::Not(Box::new(a)), Live::Not(Box::new(b))]),
                ]))
            }
            Kind::If(c, a, b) => {
                let c = self.convert(c, env, nslots)?;
                let a = self.convert(a, env, nslots)?;
                let b = self.convert(b, env, nslots)?;
                Ok(Live::Or(vec![
                    Live::And(vec![c.clone(), a]),
                    Live::And(vec![Live::Not(Box::new(c)), b]),
                ]))
            }
            Kind::Quant(q, bounds, body) => {
                let mut parts = vec![];
                self.unroll(bounds, body, env, nslots, &mut parts)?;
                Ok(match q {
                    Quant::Forall => Live::And(parts),
                    Quant::Exists => Live::Or(parts),
                })
            }
            Kind::Enabled(a) => Ok(self.atom(AtomKind::Enabled, (**a).clone(), env, nslots)),
            Kind::Temporal(op, args) => match (op, args.as_slice()) {
                (TemporalOp::Always, [x]) => {
                    Ok(Live::Always(Box::new(self.convert(x, env, nslots)?)))
                }
                (TemporalOp::Eventually, [x]) => {
                    Ok(Live::Eventually(Box::new(self.convert(x, env, nslots)?)))
                }
                (TemporalOp::LeadsTo, [a, b]) => {
                    let a = self.convert(a, env, nslots)?;
                    let b = self.convert(b, env, nslots)?;
                    Ok(Live::Always(Box::new(Live::Or(vec![
                        Live::Not(Box::new(a)),
                        Live::Eventually(Box::new(b)),
                    ]))))
                }
                (TemporalOp::Wf | TemporalOp::Sf, [v, a]) => {
                    let temporal = |x: &Expr| {
                        let mut t = false;
                        x.walk(&mut |y| t |= matches!(y.kind, Kind::Temporal(..)));
                        t
                    };
                    if temporal(a) || temporal(v) {
                        return err(span, "the action of WF/SF must not be temporal");
                    }
                    let angle = Expr::new(
                        Kind::AngleAction(Box::new(a.clone()), Box::new(v.clone())),
                        span,
                    );
                    let en = self.atom(AtomKind::Enabled, angle.clone(), env, nslots);
                    let step = self.atom(AtomKind::Action, angle, env, nslots);
                    let not_en = Live::Not(Box::new(en));
                    Ok(if *op == TemporalOp::Wf {
                        // TLC: WF_v(A) == []<>(~ENABLED <<A>>_v \/ <<A>>_v).
                        Live::Always(Box::new(Live::Eventually(Box::new(Live::Or(vec![
                            not_en, step,
                        ])))))
                    } else {
                        // SF_v(A) == <>[]~ENABLED <<A>>_v \/ []<><<A>>_v.
                        Live::Or(vec![
                            Live::Eventually(Box::new(Live::Always(Box::new(not_en)))),
                            Live::Always(Box::new(Live::Eventually(Box::new(step)))),
                        ])
                    })
                }
                _ => err(
                    span,
                    "TLC cannot check this temporal operator (\\AA, \\EE, -+->, \\cdot)",
                ),
            },
            _ => err(
                span,
                "a temporal formula or ENABLED under this operator cannot be checked: TLC \
                 accepts them under /\\, \\/, ~, =>, and \\A/\\E over constant sets",
            ),
        }
    }

    /// The instances of `body` for every binding of `bounds`.
    fn unroll(
        &mut self,
        bounds: &[crate::ir::Bound],
        body: &Expr,
        env: &[(u32, Value)],
        nslots: u32,
        out: &mut Vec<Live>,
    ) -> EResult<()> {
        let Some((b, rest)) = bounds.split_first() else {
            out.push(self.convert(body, env, nslots)?);
            return Ok(());
        };
        let Some(set) = &b.set else {
            return err(body.span, "a temporal quantifier must be bounded");
        };
        let mut ctx = Ctx::new(self.prog, &[], nslots);
        for (slot, v) in env {
            ctx.set_slot(*slot, v.clone());
        }
        let sv = ctx.eval(set).map_err(|mut e| {
            e.message = format!(
                "the set of a quantifier around a temporal formula must be constant: {}",
                e.message
            );
            e
        })?;
        let sv = vspan(sv.normalize(), set.span)?;
        let elems: Vec<Value> = vspan(sv.elements(), set.span)?.to_vec();
        for v in elems {
            let mut env2 = env.to_vec();
            if b.tuple {
                for (i, slot) in b.slots.iter().enumerate() {
                    let c = crate::eval::apply_fn(&v, &Value::Int(i as i64 + 1), set.span)?;
                    env2.push((*slot, c));
                }
            } else {
                for slot in &b.slots {
                    env2.push((*slot, v.clone()));
                }
                if b.slots.len() > 1 {
                    return err(
                        set.span,
                        "write `\\A x \\in S, y \\in S` instead of `\\A x, y \\in S` around a temporal formula",
                    );
                }
            }
            self.unroll(rest, body, &env2, nslots, out)?;
        }
        Ok(())
    }
}

/// `~f` with negation pushed to the atoms.
pub fn negate(f: Live) -> Live {
    match f {
        Live::Bool(b) => Live::Bool(!b),
        Live::Atom(_) => Live::Not(Box::new(f)),
        Live::Not(x) => nnf(*x),
        Live::And(xs) => Live::Or(xs.into_iter().map(negate).collect()),
        Live::Or(xs) => Live::And(xs.into_iter().map(negate).collect()),
        Live::Always(x) => Live::Eventually(Box::new(negate(*x))),
        Live::Eventually(x) => Live::Always(Box::new(negate(*x))),
    }
}

/// Negation normal form: `~` only on atoms; junctions flattened and
/// TRUE/FALSE simplified away.
pub fn nnf(f: Live) -> Live {
    match f {
        Live::Not(x) => negate(*x),
        Live::And(xs) => {
            let mut out = vec![];
            for x in xs {
                match nnf(x) {
                    Live::Bool(true) => {}
                    Live::Bool(false) => return Live::Bool(false),
                    Live::And(ys) => out.extend(ys),
                    y => out.push(y),
                }
            }
            match out.len() {
                0 => Live::Bool(true),
                1 => out.pop().unwrap_or(Live::Bool(true)),
                _ => Live::And(out),
            }
        }
        Live::Or(xs) => {
            let mut out = vec![];
            for x in xs {
                match nnf(x) {
                    Live::Bool(false) => {}
                    Live::Bool(true) => return Live::Bool(true),
                    Live::Or(ys) => out.extend(ys),
                    y => out.push(y),
                }
            }
            match out.len() {
                0 => Live::Bool(false),
                1 => out.pop().unwrap_or(Live::Bool(false)),
                _ => Live::Or(out),
            }
        }
        Live::Always(x) => match nnf(*x) {
            Live::Bool(b) => Live::Bool(b),
            y => Live::Always(Box::new(y)),
        },
        Live::Eventually(x) => match nnf(*x) {
            Live::Bool(b) => Live::Bool(b),
            y => Live::Eventually(Box::new(y)),
        },
        f => f,
    }
}

/// Disjunctive normal form of an NNF formula: a list of disjuncts, each a
/// list of conjuncts (temporal subformulas are kept whole, as TLC's
/// `toDNF` does). Fails past `limit` disjuncts.
pub fn dnf(f: &Live, limit: usize) -> Result<Vec<Vec<Live>>, String> {
    Ok(match f {
        Live::Bool(true) => vec![vec![]],
        Live::Bool(false) => vec![],
        Live::Or(xs) => {
            let mut out = vec![];
            for x in xs {
                out.extend(dnf(x, limit)?);
                if out.len() > limit {
                    return Err(format!("more than {limit} disjuncts"));
                }
            }
            out
        }
        Live::And(xs) => {
            let mut acc: Vec<Vec<Live>> = vec![vec![]];
            for x in xs {
                let d = dnf(x, limit)?;
                let mut next = Vec::with_capacity(acc.len() * d.len());
                for a in &acc {
                    for b in &d {
                        let mut c = a.clone();
                        c.extend(b.iter().cloned());
                        next.push(c);
                    }
                }
                if next.len() > limit {
                    return Err(format!("more than {limit} disjuncts"));
                }
                acc = next;
            }
            acc
        }
        f => vec![vec![f.clone()]],
    })
}

/// One disjunct of the DNF, classified as TLC's `Liveness.classifyExpr`
/// does (a possible error model, with the tableau formula beside it).
#[derive(Clone, Debug, Default)]
pub struct Disjunct {
    /// `<>[]F` with F of state or action level: F must hold on every step
    /// of the cycle.
    pub ea: Vec<Live>,
    /// `[]<>S` with S of state level: some state of the cycle satisfies S.
    pub ae_state: Vec<Live>,
    /// `[]<>A` with A of action level: some step of the cycle satisfies A.
    pub ae_action: Vec<Live>,
    /// The rest (no actions): checked with a tableau.
    pub tableau: Vec<Live>,
}

/// Classifies the conjuncts of a DNF disjunct.
pub fn classify(atoms: &Atoms, conjuncts: Vec<Live>) -> Result<Disjunct, String> {
    let mut d = Disjunct::default();
    for c in conjuncts {
        match &c {
            Live::Eventually(x) => {
                if let Live::Always(y) = &**x {
                    if atoms.level(y) < TEMPORAL_LEVEL {
                        d.ea.push((**y).clone());
                        continue;
                    }
                }
            }
            Live::Always(x) => {
                if let Live::Eventually(y) = &**x {
                    let level = atoms.level(y);
                    if level <= STATE_LEVEL {
                        d.ae_state.push((**y).clone());
                        continue;
                    }
                    if level == ACTION_LEVEL {
                        d.ae_action.push((**y).clone());
                        continue;
                    }
                }
            }
            _ => {}
        }
        if atoms.contains_action(&c) {
            return Err(
                "TLC cannot handle this temporal formula: an action may only appear as \
                 <>[]A, []<>A, [][A]_v, WF or SF (TLC_LIVE_WRONG_FORMULA_FORMAT)"
                    .into(),
            );
        }
        d.tableau.push(c);
    }
    Ok(d)
}

/// Evaluates a formula without temporal operators from the values of its
/// atoms.
pub fn eval_bits(f: &Live, atom: &dyn Fn(u32) -> bool) -> bool {
    match f {
        Live::Bool(b) => *b,
        Live::Atom(a) => atom(*a),
        Live::Not(x) => !eval_bits(x, atom),
        Live::And(xs) => xs.iter().all(|x| eval_bits(x, atom)),
        Live::Or(xs) => xs.iter().any(|x| eval_bits(x, atom)),
        Live::Always(x) | Live::Eventually(x) => eval_bits(x, atom),
    }
}

/// The atoms a formula reads.
pub fn atoms_of(f: &Live, out: &mut Vec<u32>) {
    match f {
        Live::Bool(_) => {}
        Live::Atom(a) => out.push(*a),
        Live::Not(x) | Live::Always(x) | Live::Eventually(x) => atoms_of(x, out),
        Live::And(xs) | Live::Or(xs) => xs.iter().for_each(|x| atoms_of(x, out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parser::span::Span;

    /// Atoms 0 and 1 of state level, 2 an action.
    fn atoms() -> Atoms {
        let mut a = Atoms::default();
        for (i, kind) in [AtomKind::State, AtomKind::State, AtomKind::Action]
            .into_iter()
            .enumerate()
        {
            a.add(Atom {
                kind,
                expr: Expr::new(Kind::Const(Value::Int(i as i64)), Span::default()),
                env: Arc::from(vec![]),
                nslots: 0,
            });
        }
        a
    }

    fn b(f: Live) -> Box<Live> {
        Box::new(f)
    }

    #[test]
    fn weak_fairness_and_a_negated_leads_to_split_as_tlc_does() {
        let a = atoms();
        // WF: []<>(~P \/ A), and ~((P ~> Q)) = <>(P /\ []~Q).
        let wf = Live::Always(b(Live::Eventually(b(Live::Or(vec![
            Live::Not(b(Live::Atom(0))),
            Live::Atom(2),
        ])))));
        let leads_to = Live::Always(b(Live::Or(vec![
            Live::Not(b(Live::Atom(0))),
            Live::Eventually(b(Live::Atom(1))),
        ])));
        let f = nnf(Live::And(vec![wf, negate(leads_to)]));
        let d = dnf(&f, 100).unwrap();
        assert_eq!(d.len(), 1);
        let c = classify(&a, d[0].clone()).unwrap();
        assert_eq!(c.ae_action.len(), 1);
        assert!(c.ae_state.is_empty() && c.ea.is_empty());
        assert_eq!(
            c.tableau,
            vec![Live::Eventually(b(Live::And(vec![
                Live::Atom(0),
                Live::Always(b(Live::Not(b(Live::Atom(1))))),
            ])))]
        );
    }

    #[test]
    fn strong_fairness_doubles_the_disjuncts() {
        let a = atoms();
        let sf = Live::Or(vec![
            Live::Eventually(b(Live::Always(b(Live::Not(b(Live::Atom(0))))))),
            Live::Always(b(Live::Eventually(b(Live::Atom(2))))),
        ]);
        // ~<>[]P is []<>~P: an AE state condition.
        let prop = Live::Eventually(b(Live::Always(b(Live::Atom(1)))));
        let f = nnf(Live::And(vec![sf, negate(prop)]));
        let d = dnf(&f, 100).unwrap();
        assert_eq!(d.len(), 2);
        let first = classify(&a, d[0].clone()).unwrap();
        assert_eq!((first.ea.len(), first.ae_state.len()), (1, 1));
        let second = classify(&a, d[1].clone()).unwrap();
        assert_eq!((second.ae_action.len(), second.ae_state.len()), (1, 1));
        assert!(first.tableau.is_empty() && second.tableau.is_empty());
    }

    #[test]
    fn an_action_inside_the_tableau_is_refused() {
        let a = atoms();
        let f = Live::Eventually(b(Live::And(vec![
            Live::Atom(0),
            Live::Always(b(Live::Atom(2))),
        ])));
        assert!(classify(&a, vec![f]).is_err());
    }

    #[test]
    fn the_normal_form_has_a_size_limit() {
        let or = |i: u32| Live::Or(vec![Live::Atom(i % 2), Live::Not(b(Live::Atom(i % 2)))]);
        let f = Live::And((0..12).map(or).collect());
        assert!(dnf(&f, 1000).is_err());
        assert_eq!(dnf(&f, 5000).unwrap().len(), 4096);
    }
}
