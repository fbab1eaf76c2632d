//! The one walker over an action's structure, used for every question
//! asked of a spec: the successors of a state (TLC's enumeration), the
//! successors of one named operator, whether a pair of states is a step
//! (the same walk with every primed variable known: an assignment to a
//! known variable is a condition), and the explanations of a failed step
//! (the walk stops at the operator asked for and hands its body over).
//!
//! As TLC, the conjuncts of an action are taken left to right; `x' = e`
//! gives `x'` a value if it has none yet, `x' \in S` branches over `S`,
//! `\E` and `\/` branch, `UNCHANGED v` copies the variables of `v`, and
//! every other conjunct is a condition, evaluated with the primed
//! variables known so far. Operators are entered at any depth; the walker
//! keeps the stack of the named ones (with their parameters' values), so a
//! successor's label is the whole path and a [`Filter`] matches any level
//! of it.

use crate::eval::{err, vspan, Ctx, EResult};
use crate::ir::{Bound, Expr, Kind, Quant};
use crate::machine::label::{agrees, Filter, Frame};
use crate::value::Value;
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// What the walker reports for each successor.
pub struct Successor<'a> {
    /// The next state.
    pub state: &'a [Value],
    /// The named operators the walk went through to produce it, outermost
    /// first (empty unless labels are tracked or a filter is set).
    pub path: &'a [Frame],
}

impl Successor<'_> {
    /// The outermost named action that produced the successor
    /// (`Phase1b(a1)`), if labels are tracked.
    pub fn action(&self) -> Option<crate::machine::label::ActionLabel> {
        self.path.first().map(Frame::label)
    }
}

/// What a walk reports to its user.
pub trait Visitor {
    /// A successor, with its path; returns false to stop the walk.
    fn successor(&mut self, s: Successor<'_>) -> EResult<bool>;

    /// The walk reached the operator the filter names (only with
    /// [`Walk::stop_at_target`]): its body, in `ctx` as the walk has bound
    /// it (parameters, enclosing `\E`, LET), and the path down to it
    /// (the operator last). The walk does not go into the body; returns
    /// false to stop the walk.
    fn target(&mut self, _ctx: &mut Ctx<'_>, _body: &Expr, _path: &[Frame]) -> EResult<bool> {
        Ok(true)
    }

    /// The walk did not reach the filter's operator because the condition
    /// `cond` is false (only with [`Walk::stop_at_target`]), in `ctx` as
    /// the walk has bound it, under the operators of `path`.
    fn blocked(&mut self, _ctx: &mut Ctx<'_>, _cond: &Expr, _path: &[Frame]) {}
}

/// A [`Visitor`] that hands each successor to a closure.
pub struct Emit<F>(pub F);

impl<F: FnMut(Successor<'_>) -> EResult<bool>> Visitor for Emit<F> {
    fn successor(&mut self, s: Successor<'_>) -> EResult<bool> {
        (self.0)(s)
    }
}

/// How to walk.
#[derive(Clone, Copy, Default)]
pub struct Walk<'a> {
    /// Keep the path of named operators (their arguments are evaluated:
    /// slower).
    pub track: bool,
    /// Only the steps that go through this operator.
    pub filter: Option<&'a Filter>,
    /// The nodes that contain the filter's operator (by address), so that
    /// branches without it are skipped (see [`crate::machine::Spec`]).
    pub targets: Option<&'a FxHashSet<usize>>,
    /// Stop at the filter's operator and call [`Visitor::target`] (with
    /// `track`, for the path it is given).
    pub stop_at_target: bool,
    /// Caches of the expensive parts of the action.
    pub caches: Option<&'a crate::inputs::ActionCaches>,
    /// The named operators (by address) written under a `\/` of the
    /// operator around them: their frames are marked
    /// [`Frame::alternative`].
    pub alternatives: Option<&'a FxHashSet<usize>>,
}

/// The remaining conjuncts to satisfy after the current one.
enum Cont<'a> {
    Done,
    And(&'a [Expr], &'a Cont<'a>),
    /// Return to the caller's frame (after descending into an operator).
    Frame(usize, &'a Cont<'a>),
    /// The remaining instances of `\A x \in S : A`, walked as the
    /// conjunction A(x1) /\ A(x2) /\ ... (as TLC does).
    Forall(&'a crate::ir::Bound, &'a [Value], &'a Expr, &'a Cont<'a>),
    /// "the value of v changes" (after the action of `<<A>>_v`).
    Changed(&'a Expr, &'a Cont<'a>),
    /// Leaving the body of a function applied in an action: the slots the
    /// body binds (its bound name, its quantified names...) get their
    /// values outside the body back (None: unbound) for the rest, and
    /// their values inside afterwards. A recursive function's body binds
    /// the same slots at every depth.
    Rebind(&'a [u32], &'a [Option<Value>], &'a Cont<'a>),
}

/// Walks the action `e` from `ctx.state` (and the next-state values
/// `ctx.next` already has), reporting to `v`. Without a filter, every
/// successor is reported (the same state may be reported several times,
/// once per way the action produces it, as TLC counts them).
pub fn walk(ctx: &mut Ctx<'_>, e: &Expr, how: &Walk<'_>, v: &mut dyn Visitor) -> EResult<()> {
    let mut w = Walker {
        v,
        how: *how,
        stack: vec![],
        matched: None,
        restrict: how.filter.is_some_and(|f| !f.inner.is_empty()),
        stopped: false,
        buf: vec![],
        applied: vec![],
    };
    w.go(ctx, e, &Cont::Done)
}

/// Enumerates the successors of `ctx.state` under the action `e`, calling
/// `emit` for each (see [`walk`]). `emit` returns false to stop early.
pub fn successors(
    ctx: &mut Ctx<'_>,
    e: &Expr,
    emit: &mut dyn FnMut(Successor<'_>) -> EResult<bool>,
) -> EResult<()> {
    walk(ctx, e, &Walk::default(), &mut Emit(emit))
}

struct Walker<'e> {
    v: &'e mut dyn Visitor,
    how: Walk<'e>,
    /// The named operators entered, outermost first.
    stack: Vec<Frame>,
    /// The index in `stack` of the filter's operator, once entered.
    matched: Option<usize>,
    /// Whether the filter restricts the `\E` inside its operator.
    restrict: bool,
    stopped: bool,
    buf: Vec<Value>,
    /// The recursive functions whose bodies are being enumerated (their
    /// definitions, innermost last).
    applied: Vec<Arc<Expr>>,
}

/// The values of frame slots (None: unbound).
fn snapshot(ctx: &Ctx<'_>, slots: &[u32]) -> Vec<Option<Value>> {
    ctx.slots(slots)
        .into_iter()
        .map(|s| match s {
            crate::eval::Slot::Ref(v) => Some(v.clone()),
            crate::eval::Slot::Own(v) => Some(v),
            crate::eval::Slot::Empty => None,
        })
        .collect()
}

fn restore(ctx: &mut Ctx<'_>, slots: &[u32], values: &[Option<Value>]) {
    for (s, v) in slots.iter().zip(values) {
        match v {
            Some(v) => ctx.set_slot(*s, v.clone()),
            None => ctx.set_slot_none(*s),
        }
    }
}

/// The frame slots that `e` binds (quantified names, LET definitions,
/// function and set constructors, `@`, LAMBDA parameters).
fn slots_bound_in(e: &Expr, out: &mut Vec<u32>) {
    e.walk(&mut |n| match &n.kind {
        Kind::Quant(_, bs, _) | Kind::SetMap(_, bs) | Kind::FnCons(bs, _) => {
            bs.iter().for_each(|b| out.extend(&b.slots))
        }
        Kind::Choose(b, _) | Kind::SetFilter(b, _) => out.extend(&b.slots),
        Kind::RecFn(own, bs, _) => {
            out.push(*own);
            bs.iter().for_each(|b| out.extend(&b.slots));
        }
        Kind::Let(defs, _) => out.extend(defs.iter().map(|d| d.slot)),
        Kind::Except(_, _, at) => out.push(*at),
        Kind::Lambda(params, _) => out.extend(params),
        _ => {}
    });
    out.sort_unstable();
    out.dedup();
}

impl Walker<'_> {
    fn cont(&mut self, ctx: &mut Ctx<'_>, k: &Cont<'_>) -> EResult<()> {
        if self.stopped {
            return Ok(());
        }
        match k {
            Cont::Done => {
                if self.pending() {
                    // A step that does not go through the filter's operator.
                    return Ok(());
                }
                let mut state = std::mem::take(&mut self.buf);
                state.clear();
                for (i, v) in ctx.next.iter().enumerate() {
                    match v {
                        Some(v) => state.push(v.clone()),
                        None => {
                            return err(
                                parser::span::Span::default(),
                                format!(
                                    "the action does not give the variable `{}` a value in the next state",
                                    ctx.prog.vars[i]
                                ),
                            )
                        }
                    }
                }
                let go_on = self.v.successor(Successor {
                    state: &state,
                    path: &self.stack,
                });
                self.buf = state;
                if !go_on? {
                    self.stopped = true;
                }
                Ok(())
            }
            Cont::And(rest, outer) => {
                if rest.is_empty() {
                    return self.cont(ctx, outer);
                }
                if self.fast_path_allowed() && all_assigned(ctx) {
                    // TLC's fast path: once every variable has a value, the
                    // remaining conjuncts are plain conditions (a `\/` or
                    // `\E` among them no longer multiplies successors).
                    if self.remaining_hold(ctx, k)? {
                        return self.cont(ctx, &Cont::Done);
                    }
                    return Ok(());
                }
                let next = Cont::And(&rest[1..], outer);
                self.go(ctx, &rest[0], &next)
            }
            Cont::Frame(base, outer) => {
                let here = ctx.base();
                ctx.set_base(*base);
                let r = self.cont(ctx, outer);
                ctx.set_base(here);
                r
            }
            Cont::Forall(b, elems, body, outer) => {
                let Some((v, rest)) = elems.split_first() else {
                    return self.cont(ctx, outer);
                };
                let saved = ctx.bound_slots(b);
                ctx.bind_pub(b, v.clone(), body.span)?;
                let next = Cont::Forall(b, rest, body, outer);
                let r = self.go(ctx, body, &next);
                ctx.restore_slots(b, saved);
                r
            }
            Cont::Changed(v, outer) => {
                let u = Expr::new(Kind::Unchanged(Box::new((*v).clone())), v.span);
                if ctx.eval_bool(&u)? {
                    return Ok(());
                }
                self.cont(ctx, outer)
            }
            Cont::Rebind(slots, outside, outer) => {
                let inside = snapshot(ctx, slots);
                restore(ctx, slots, outside);
                let r = self.cont(ctx, outer);
                restore(ctx, slots, &inside);
                r
            }
        }
    }

    /// Evaluates every pending conjunct of `k` as a condition.
    fn remaining_hold(&mut self, ctx: &mut Ctx<'_>, k: &Cont<'_>) -> EResult<bool> {
        match k {
            Cont::Done => Ok(true),
            Cont::And(rest, outer) => {
                for x in rest.iter() {
                    if !ctx.eval_bool(x)? {
                        return Ok(false);
                    }
                }
                self.remaining_hold(ctx, outer)
            }
            Cont::Frame(base, outer) => {
                let here = ctx.base();
                ctx.set_base(*base);
                let r = self.remaining_hold(ctx, outer);
                ctx.set_base(here);
                r
            }
            Cont::Forall(b, elems, body, outer) => {
                let saved = ctx.bound_slots(b);
                for v in elems.iter() {
                    ctx.bind_pub(b, v.clone(), body.span)?;
                    if !ctx.eval_bool(body)? {
                        ctx.restore_slots(b, saved);
                        return Ok(false);
                    }
                }
                ctx.restore_slots(b, saved);
                self.remaining_hold(ctx, outer)
            }
            Cont::Changed(v, outer) => {
                let u = Expr::new(Kind::Unchanged(Box::new((*v).clone())), v.span);
                if ctx.eval_bool(&u)? {
                    return Ok(false);
                }
                self.remaining_hold(ctx, outer)
            }
            Cont::Rebind(slots, outside, outer) => {
                let inside = snapshot(ctx, slots);
                restore(ctx, slots, outside);
                let r = self.remaining_hold(ctx, outer);
                restore(ctx, slots, &inside);
                r
            }
        }
    }

    fn assign(&mut self, ctx: &mut Ctx<'_>, slot: u32, v: Value, k: &Cont<'_>) -> EResult<()> {
        let i = slot as usize;
        if let Some(old) = &ctx.next[i] {
            // Already given a value: this is a condition.
            if crate::eval::values_equal(old, &v).unwrap_or(false) {
                return self.cont(ctx, k);
            }
            return Ok(());
        }
        ctx.next[i] = Some(v);
        let r = self.cont(ctx, k);
        ctx.next[i] = None;
        r
    }

    fn go(&mut self, ctx: &mut Ctx<'_>, e: &Expr, k: &Cont<'_>) -> EResult<()> {
        if self.stopped {
            return Ok(());
        }
        match &e.kind {
            Kind::And(items) => {
                let c = Cont::And(items, k);
                self.cont(ctx, &c)
            }
            Kind::Or(items) => {
                if self.pending() {
                    return self.alternatives(ctx, items, k);
                }
                for x in items {
                    self.go(ctx, x, k)?;
                }
                Ok(())
            }
            Kind::Quant(Quant::Exists, bounds, body) => self.exists(ctx, bounds, body, k, e),
            Kind::Quant(Quant::Forall, bounds, body) if bounds.len() == 1 => {
                let elems = ctx.bound_elements(&bounds[0], e.span)?;
                let c = Cont::Forall(&bounds[0], elems.as_slice(), body, k);
                self.cont(ctx, &c)
            }
            Kind::Implies(p, a) => {
                if ctx.eval_bool(p)? {
                    self.go(ctx, a, k)
                } else {
                    self.cont(ctx, k)
                }
            }
            Kind::AngleAction(a, v) => {
                let c = Cont::Changed(v, k);
                self.go(ctx, a, &c)
            }
            Kind::If(c, a, b) => {
                let holds = match self.how.caches.and_then(|cs| cs.get(ctx.prog, c)) {
                    Some(cache) => cache.eval_bool(ctx, c)?,
                    None => ctx.eval_bool(c)?,
                };
                if holds {
                    self.go(ctx, a, k)
                } else {
                    if self.how.stop_at_target && self.pending() && !self.has_target(b) {
                        let then = Cont::And(std::slice::from_ref(&**a), k);
                        self.blocked(ctx, c, &then)?;
                    }
                    self.go(ctx, b, k)
                }
            }
            Kind::Case(arms, other) => {
                for (g, v) in arms {
                    if ctx.eval_bool(g)? {
                        return self.go(ctx, v, k);
                    }
                }
                match other {
                    Some(o) => self.go(ctx, o, k),
                    None => err(e.span, "CASE: no guard is true and there is no OTHER"),
                }
            }
            Kind::Let(defs, body) => {
                for d in defs {
                    ctx.set_slot_none(d.slot);
                }
                self.go(ctx, body, k)
            }
            Kind::LetRef(d) if !d.memo || d.slot == u32::MAX => self.go(ctx, &d.def, k),
            Kind::Named(name, params, body) => {
                if !self.how.track && self.how.filter.is_none() {
                    return self.go(ctx, body, k);
                }
                self.named(ctx, e, name, params, body, k)
            }
            Kind::FnApp(f, args) if args.len() == 1 => match self.lazy_function(f) {
                Some(def) => self.apply_function(ctx, e, f, def, &args[0], k),
                None => self.guard(ctx, e, k),
            },
            Kind::Eq(lhs, rhs) => {
                if let Kind::PrimeVar(s) = lhs.kind {
                    if ctx.next[s as usize].is_none() {
                        let v = match self.how.caches.and_then(|c| c.get(ctx.prog, rhs)) {
                            Some(c) => c.eval_with(ctx, vec![], &mut |c| c.eval(rhs))?,
                            None => ctx.eval(rhs)?,
                        };
                        let v = vspan(v.normalize(), rhs.span)?;
                        return self.assign(ctx, s, v, k);
                    }
                }
                self.guard(ctx, e, k)
            }
            Kind::In(lhs, set) => {
                if let Kind::PrimeVar(s) = lhs.kind {
                    if ctx.next[s as usize].is_none() {
                        let sv = ctx.eval(set)?;
                        let sv = vspan(sv.normalize(), set.span)?;
                        let elems = vspan(sv.elements(), set.span)?.into_owned();
                        for v in elems {
                            self.assign(ctx, s, v, k)?;
                            if self.stopped {
                                break;
                            }
                        }
                        return Ok(());
                    }
                }
                self.guard(ctx, e, k)
            }
            Kind::Unchanged(x) => {
                let mut slots = vec![];
                if unchanged_vars(ctx, x, &mut slots) {
                    return self.unchanged(ctx, &slots, k);
                }
                self.guard(ctx, e, k)
            }
            Kind::Call(id, args) => {
                // As TLC, descend into the operator: a `\E` or `\/` in its
                // body branches (and is counted) like one written inline.
                let prog = ctx.prog;
                let d = &prog.defs[*id as usize];
                if let Some(bs) = d.fun_bounds.as_deref() {
                    // `f[a]` for a function definition `f[x \in S] == body`.
                    if let ([b], [a]) = (bs, &args[..]) {
                        if b.slots.len() == 1 && !b.tuple {
                            return self.apply_defined(ctx, e, *id, a, k);
                        }
                    }
                    return self.guard(ctx, e, k);
                }
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(ctx.eval(a)?);
                }
                let (caller, callee) = ctx.enter_frame(d.nslots.max(d.nparams), vals);
                let kk = Cont::Frame(caller, k);
                let r = self.go(ctx, &d.body, &kk);
                ctx.leave_frame(caller, callee);
                r
            }
            Kind::BoxAction(a, v) => {
                // [A]_v  ==  A \/ UNCHANGED v
                self.go(ctx, a, k)?;
                let u = Expr::new(Kind::Unchanged(v.clone()), e.span);
                self.go(ctx, &u, k)
            }
            _ => self.guard(ctx, e, k),
        }
    }

    /// The disjuncts of a `\/` while the filter's operator is still to
    /// be found: those without it are skipped (unless a conjunct still to
    /// come has it).
    #[inline(never)]
    fn alternatives(&mut self, ctx: &mut Ctx<'_>, items: &[Expr], k: &Cont<'_>) -> EResult<()> {
        let mut later = None;
        for x in items {
            if self.has_target(x) || *later.get_or_insert_with(|| self.cont_has_target(k)) {
                self.go(ctx, x, k)?;
            }
        }
        Ok(())
    }

    /// Whether a filter is set and the walk has not entered its operator.
    #[inline]
    fn pending(&self) -> bool {
        self.how.filter.is_some() && self.matched.is_none()
    }

    /// Whether the remaining conjuncts may be evaluated as plain
    /// conditions once every variable has a value (TLC's fast path): not
    /// while the filter's operator is still to be found (it must be
    /// entered), nor inside it when logged values restrict its `\E`.
    fn fast_path_allowed(&self) -> bool {
        match self.how.filter {
            None => true,
            Some(f) => self.matched.is_some() && f.inner.is_empty() && !self.how.stop_at_target,
        }
    }

    /// Whether `e` contains the filter's operator (true when unknown).
    fn has_target(&self, e: &Expr) -> bool {
        self.how
            .targets
            .is_none_or(|t| t.contains(&(e as *const Expr as usize)))
    }

    /// Whether a conjunct still to come contains the filter's operator.
    fn cont_has_target(&self, k: &Cont<'_>) -> bool {
        match k {
            Cont::Done => false,
            Cont::And(rest, outer) => {
                rest.iter().any(|x| self.has_target(x)) || self.cont_has_target(outer)
            }
            Cont::Forall(_, _, body, outer) => self.has_target(body) || self.cont_has_target(outer),
            Cont::Frame(_, outer) | Cont::Changed(_, outer) | Cont::Rebind(_, _, outer) => {
                self.cont_has_target(outer)
            }
        }
    }

    /// Enters the named operator `name` (its arguments `params`, its
    /// inlined `body`), keeping the path: the filter's operator is checked
    /// against the filter's parameters, and with `stop_at_target` handed
    /// to the visitor instead of being walked.
    #[inline(never)]
    fn named(
        &mut self,
        ctx: &mut Ctx<'_>,
        e: &Expr,
        name: &Arc<str>,
        params: &[(String, Expr)],
        body: &Expr,
        k: &Cont<'_>,
    ) -> EResult<()> {
        let pending = self.pending();
        let hit = pending && self.how.filter.is_some_and(|f| **name == *f.name);
        if pending && !hit && !self.has_target(body) && !self.cont_has_target(k) {
            return Ok(());
        }
        if !self.how.track {
            // No path to keep: only the filter's operator is checked, on
            // the parameters the filter gives.
            if !hit {
                return self.go(ctx, body, k);
            }
            if let Some(f) = self.how.filter {
                for (p, want) in &f.params {
                    if let Some((_, x)) = params.iter().find(|(n, _)| n == p) {
                        if !agrees(want, &ctx.eval(x)?) {
                            return Ok(());
                        }
                    }
                }
            }
            self.matched = Some(self.stack.len());
            let r = self.go(ctx, body, k);
            self.matched = None;
            return r;
        }
        let mut vals = Vec::with_capacity(params.len());
        for (n, x) in params {
            // Arguments that are actions themselves are not shown.
            if x.mentions_next() {
                continue;
            }
            vals.push((n.clone(), ctx.eval(x)?));
        }
        if hit && !self.how.filter.is_some_and(|f| f.params_agree(&vals)) {
            return Ok(());
        }
        self.stack.push(Frame {
            name: name.clone(),
            params: vals,
            alternative: self
                .how
                .alternatives
                .is_some_and(|a| a.contains(&(e as *const Expr as usize))),
        });
        if hit {
            self.matched = Some(self.stack.len() - 1);
        }
        let r = if hit && self.how.stop_at_target {
            match self.v.target(ctx, body, &self.stack) {
                Ok(go_on) => {
                    self.stopped |= !go_on;
                    Ok(())
                }
                Err(e) => Err(e),
            }
        } else {
            self.go(ctx, body, k)
        };
        if hit {
            self.matched = None;
        }
        self.stack.pop();
        r
    }

    /// Whether the values bound by `b` agree with the logged values of
    /// variables bound inside the filter's operator (true outside it).
    #[cold]
    #[inline(never)]
    fn inner_agrees(
        &self,
        ctx: &mut Ctx<'_>,
        b: &Bound,
        span: parser::span::Span,
    ) -> EResult<bool> {
        let Some(f) = self.how.filter else {
            return Ok(true);
        };
        if self.matched.is_none() || f.inner.is_empty() {
            return Ok(true);
        }
        for (name, slot) in b.names.iter().zip(&b.slots) {
            if let Some((_, want)) = f.inner.iter().find(|(n, _)| n == name) {
                let got = ctx.eval(&Expr::new(Kind::Local(*slot), span))?;
                if !agrees(want, &got) {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    fn unchanged(&mut self, ctx: &mut Ctx<'_>, slots: &[u32], k: &Cont<'_>) -> EResult<()> {
        let Some((&s, rest)) = slots.split_first() else {
            return self.cont(ctx, k);
        };
        let now = ctx.state[s as usize].clone();
        let i = s as usize;
        if let Some(old) = &ctx.next[i] {
            if *old == now {
                return self.unchanged(ctx, rest, k);
            }
            return Ok(());
        }
        ctx.next[i] = Some(now);
        let r = self.unchanged(ctx, rest, k);
        ctx.next[i] = None;
        r
    }

    fn exists(
        &mut self,
        ctx: &mut Ctx<'_>,
        bounds: &[Bound],
        body: &Expr,
        k: &Cont<'_>,
        e: &Expr,
    ) -> EResult<()> {
        // The last bound is the outer loop: the first variable varies
        // fastest, as in TLC.
        let Some((b, rest)) = bounds.split_last() else {
            return self.go(ctx, body, k);
        };
        if self.pending() && !self.has_target(body) && !self.cont_has_target(k) {
            return Ok(());
        }
        let elems = ctx.bound_elements(b, e.span)?;
        let saved = ctx.bound_slots(b);
        for i in 0..elems.as_slice().len() {
            ctx.bind_elem(b, &elems, i, e.span)?;
            if self.restrict && self.matched.is_some() && !self.inner_agrees(ctx, b, e.span)? {
                continue;
            }
            self.exists(ctx, rest, body, k, e)?;
            if self.stopped {
                break;
            }
        }
        ctx.restore_slots(b, saved);
        Ok(())
    }

    /// `f[a]` as an action, where `f` is a function defined at the top of
    /// a module by `f[x \in S] == body` (see [`Walker::apply_function`]):
    /// the steps of body in a frame of its own, with `x = a`.
    fn apply_defined(
        &mut self,
        ctx: &mut Ctx<'_>,
        e: &Expr,
        id: u32,
        arg: &Expr,
        k: &Cont<'_>,
    ) -> EResult<()> {
        let prog = ctx.prog;
        let d = &prog.defs[id as usize];
        let Some(b) = d.fun_bounds.as_deref().and_then(|bs| bs.first()) else {
            return self.guard(ctx, e, k);
        };
        let a = vspan(ctx.eval(arg)?.normalize(), arg.span)?;
        let (caller, callee) = ctx.enter_frame(d.nslots.max(d.nparams), vec![]);
        let inside = match &b.set {
            Some(set) => match ctx.eval(set) {
                Ok(dom) => dom.contains(&a).unwrap_or(false),
                Err(err) => {
                    ctx.leave_frame(caller, callee);
                    return Err(err);
                }
            },
            None => false,
        };
        if !inside {
            ctx.leave_frame(caller, callee);
            return self.guard(ctx, e, k);
        }
        ctx.set_slot(b.slots[0], a);
        let kk = Cont::Frame(caller, k);
        let r = self.go(ctx, &d.body, &kk);
        ctx.leave_frame(caller, callee);
        r
    }

    /// The definition of `f` when it is a function defined by `f[x \in S]
    /// == body` in a LET (or `f` inside that body), with one bound name.
    fn lazy_function(&self, f: &Expr) -> Option<Arc<Expr>> {
        let def = match &f.kind {
            Kind::LetRef(d) => d.def.clone(),
            Kind::Local(s) => self
                .applied
                .iter()
                .rev()
                .find(|d| matches!(d.kind, Kind::RecFn(own, ..) if own == *s))?
                .clone(),
            _ => return None,
        };
        match &def.kind {
            Kind::RecFn(_, bs, _) if bs.len() == 1 && bs[0].slots.len() == 1 && !bs[0].tuple => {
                Some(def)
            }
            _ => None,
        }
    }

    /// `f[a]` as an action, where `f` is a function defined by `f[x \in S]
    /// == body` (see [`Walker::lazy_function`]): as TLC does for a function
    /// that is still a definition, the steps of `body` with `x = a` (its
    /// `\/` and `\E` branch and are counted). Outside S, or if `f` cannot
    /// be evaluated, a plain condition (whose evaluation reports the error).
    fn apply_function(
        &mut self,
        ctx: &mut Ctx<'_>,
        e: &Expr,
        f: &Expr,
        def: Arc<Expr>,
        arg: &Expr,
        k: &Cont<'_>,
    ) -> EResult<()> {
        let Kind::RecFn(own, bs, body) = &def.kind else {
            return self.guard(ctx, e, k);
        };
        let b = &bs[0];
        let Some(set) = &b.set else {
            return self.guard(ctx, e, k);
        };
        let a = vspan(ctx.eval(arg)?.normalize(), arg.span)?;
        let dom = ctx.eval(set)?;
        if !dom.contains(&a).unwrap_or(false) {
            return self.guard(ctx, e, k);
        }
        // The function as a value, for the uses of its name that are
        // evaluated rather than taken as steps.
        let fv = ctx.eval(f)?;
        ctx.set_slot(*own, fv);
        let mut slots = b.slots.clone();
        slots_bound_in(body, &mut slots);
        let outside = snapshot(ctx, &slots);
        ctx.set_slot(b.slots[0], a);
        self.applied.push(def.clone());
        let kk = Cont::Rebind(&slots, &outside, k);
        let r = self.go(ctx, body, &kk);
        self.applied.pop();
        restore(ctx, &slots, &outside);
        r
    }

    #[inline]
    fn guard(&mut self, ctx: &mut Ctx<'_>, e: &Expr, k: &Cont<'_>) -> EResult<()> {
        let holds = match self.how.caches.and_then(|c| c.get(ctx.prog, e)) {
            Some(c) => c.eval_bool(ctx, e)?,
            None => ctx.eval_bool(e)?,
        };
        if holds {
            self.cont(ctx, k)
        } else if self.how.stop_at_target {
            self.blocked(ctx, e, k)
        } else {
            Ok(())
        }
    }

    /// A false condition `e` (a guard, or the condition of an IF whose
    /// other branch `k` would take): reported to the visitor when the walk
    /// stops at targets and the filter's operator is still to come.
    #[cold]
    #[inline(never)]
    fn blocked(&mut self, ctx: &mut Ctx<'_>, e: &Expr, k: &Cont<'_>) -> EResult<()> {
        if self.how.stop_at_target && self.pending() && self.cont_has_target(k) {
            self.v.blocked(ctx, e, &self.stack);
        }
        Ok(())
    }
}

fn all_assigned(ctx: &Ctx<'_>) -> bool {
    ctx.next.iter().all(|v| v.is_some())
}

/// The variables of `UNCHANGED e` when `e` is a variable or a tuple of them
/// (possibly through definitions); false if `e` has another form.
fn unchanged_vars(ctx: &Ctx<'_>, e: &Expr, out: &mut Vec<u32>) -> bool {
    match &e.kind {
        Kind::Var(s) => {
            out.push(*s);
            true
        }
        Kind::Tuple(items) => items.iter().all(|x| unchanged_vars(ctx, x, out)),
        Kind::Call(id, args) if args.is_empty() => {
            let d = &ctx.prog.defs[*id as usize];
            d.fun_bounds.is_none() && unchanged_vars(ctx, &d.body, out)
        }
        Kind::LetRef(d) => unchanged_vars(ctx, &d.def, out),
        Kind::Named(_, _, body) => unchanged_vars(ctx, body, out),
        _ => false,
    }
}
