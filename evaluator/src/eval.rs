//! Evaluation of the IR with TLC's semantics, in a state (and, for actions,
//! a next state that may be only partly known while successors are being
//! enumerated).

use crate::builtins::{self, Builtin};
use crate::cache::StepCache;
use crate::error::at;
pub use crate::error::{err, vspan, EResult, EvalError};
use crate::ir::{Bound, Expr, Key, Kind, Quant};
use crate::program::Program;
use crate::session::{self, Args};
pub use crate::value::values_equal;
use crate::value::{set_op, Domain, Lazy, SetOp, Value};
use parser::span::Span;
use std::sync::Arc;

/// The hash under which a pure call's result is kept.
fn pure_hash(uid: u64, id: u32, args: &[Value]) -> u64 {
    let mut h = crate::value::mix(uid, id as u64);
    for a in args {
        h = crate::value::mix(h, a.fingerprint());
    }
    h
}

/// The next state as the evaluator sees it.
#[derive(Clone, Debug)]
pub enum Next {
    /// No next state (state predicates, constants).
    None,
    /// Known values of some variables (successor enumeration).
    Partial(Vec<Option<Value>>),
}

/// A frame slot: empty, a value borrowed from the current state or from a
/// constant of the program (no reference count to update when it is bound
/// or read), or a value of its own.
#[derive(Clone, Debug, Default)]
pub enum Slot<'p> {
    /// Not bound (or a LET definition not evaluated yet).
    #[default]
    Empty,
    /// A value that lives as long as the context's state and program.
    Ref(&'p Value),
    /// A computed value.
    Own(Value),
}

/// The result of [`Ctx::eval_ref`]: a value borrowed from the current
/// state or the program, or a computed one.
pub enum R<'p> {
    /// Borrowed.
    B(&'p Value),
    /// Computed.
    O(Value),
}

impl R<'_> {
    /// The value, cloned if borrowed.
    #[inline]
    pub fn into_owned(self) -> Value {
        match self {
            R::B(v) => v.clone(),
            R::O(v) => v,
        }
    }
}

impl std::ops::Deref for R<'_> {
    type Target = Value;
    #[inline]
    fn deref(&self) -> &Value {
        match self {
            R::B(v) => v,
            R::O(v) => v,
        }
    }
}

/// An evaluation context: the program, the current state, the next state,
/// and the stack of frames.
pub struct Ctx<'p> {
    /// The lowered program.
    pub prog: &'p Program,
    /// The current state (one value per variable).
    pub state: &'p [Value],
    /// The next state.
    pub next: Vec<Option<Value>>,
    /// Whether a next state is available at all.
    pub has_next: bool,
    stack: Vec<Slot<'p>>,
    base: usize,
    in_prime: bool,
    /// Values of zero-argument definitions in the current state.
    memo: rustc_hash::FxHashMap<u32, Value>,
    /// Values of zero-argument definitions in the next state (only used
    /// when the next state is complete).
    memo_next: rustc_hash::FxHashMap<u32, Value>,
    next_complete: bool,
    /// Fingerprints of the current and next states, when known: values of
    /// zero-argument definitions are then shared between contexts (the
    /// same state is met many times: as a successor, as a parent, in
    /// property and invariant checks).
    state_key: Option<u64>,
    next_key: Option<u64>,
    /// The caches of the actions being enumerated (for LET definitions).
    caches: Option<&'p crate::inputs::ActionCaches>,
}

impl<'p> Ctx<'p> {
    /// A context for evaluating in `state` (no next state), with a frame of
    /// `nslots` slots.
    pub fn new(prog: &'p Program, state: &'p [Value], nslots: u32) -> Ctx<'p> {
        Ctx {
            prog,
            state,
            next: vec![None; prog.vars.len()],
            has_next: false,
            stack: vec![Slot::Empty; nslots as usize],
            base: 0,
            in_prime: false,
            memo: Default::default(),
            memo_next: Default::default(),
            next_complete: false,
            state_key: None,
            next_key: None,
            caches: None,
        }
    }

    /// A context for an action on the pair (`state`, `next`).
    pub fn with_next(
        prog: &'p Program,
        state: &'p [Value],
        next: &[Value],
        nslots: u32,
    ) -> Ctx<'p> {
        let mut c = Ctx::new(prog, state, nslots);
        c.next = next.iter().cloned().map(Some).collect();
        c.has_next = true;
        c.next_complete = true;
        c
    }

    /// A context for successor enumeration from `state`: no variable of
    /// the next state known yet.
    pub fn for_successors(prog: &'p Program, state: &'p [Value], nslots: u32) -> Ctx<'p> {
        let mut c = Ctx::new(prog, state, nslots);
        c.has_next = true;
        c
    }

    /// Sets a frame slot of the current frame.
    pub fn set_slot(&mut self, slot: u32, v: Value) {
        let i = self.base + slot as usize;
        if i >= self.stack.len() {
            self.stack.resize(i + 1, Slot::Empty);
        }
        self.stack[i] = Slot::Own(v);
    }

    /// Uses `caches` for the LET definitions they hold.
    pub fn set_action_caches(&mut self, caches: &'p crate::inputs::ActionCaches) {
        self.caches = Some(caches);
    }

    /// The value of a LET definition, from its action cache if it has one.
    fn let_value(&mut self, d: &crate::ir::LetDef) -> EResult<R<'p>> {
        let prog = self.prog;
        match self.caches.and_then(|c| c.get(prog, &d.def)) {
            Some(c) => Ok(R::O(c.eval_with(self, vec![], &mut |c| c.eval(&d.def))?)),
            None => self.eval_ref(&d.def),
        }
    }

    /// Declares the fingerprint of the current state (see `state_key`).
    pub fn set_state_key(&mut self, key: u64) {
        self.state_key = Some(key);
    }

    /// Declares the fingerprint of the next state.
    pub fn set_next_key(&mut self, key: u64) {
        self.next_key = Some(key);
    }

    /// Replaces the next state (for checking many steps from one state
    /// with the same context, keeping the current state's cached values).
    pub fn reset_next(&mut self, next: &[Value]) {
        self.next.clear();
        self.next.extend(next.iter().cloned().map(Some));
        self.memo_next.clear();
        self.has_next = true;
        self.next_complete = true;
        self.next_key = None;
    }

    /// The current frame's base.
    pub fn base(&self) -> usize {
        self.base
    }

    /// Switches to the frame at `base`.
    pub fn set_base(&mut self, base: usize) {
        self.base = base;
    }

    /// Pushes a frame of `nslots` slots whose first slots hold `args`, and
    /// makes it current; returns (caller's base, new base).
    pub fn enter_frame(&mut self, nslots: u32, args: Vec<Value>) -> (usize, usize) {
        let caller = self.base;
        let new_base = self.stack.len();
        self.stack
            .resize(new_base + (nslots as usize).max(args.len()), Slot::Empty);
        for (i, v) in args.into_iter().enumerate() {
            self.stack[new_base + i] = Slot::Own(v);
        }
        self.base = new_base;
        (caller, new_base)
    }

    /// Pops the frame pushed by [`Ctx::enter_frame`].
    pub fn leave_frame(&mut self, caller: usize, new_base: usize) {
        self.stack.truncate(new_base);
        self.base = caller;
    }

    /// Marks a frame slot as not yet evaluated (LET definitions).
    pub fn set_slot_none(&mut self, slot: u32) {
        self.clear_slot(slot)
    }

    fn clear_slot(&mut self, slot: u32) {
        let i = self.base + slot as usize;
        if i < self.stack.len() {
            self.stack[i] = Slot::Empty;
        }
    }

    fn slot(&self, slot: u32, span: Span) -> EResult<Value> {
        self.slot_ref(slot, span).map(R::into_owned)
    }

    #[inline]
    fn slot_ref(&self, slot: u32, span: Span) -> EResult<R<'p>> {
        match self.stack.get(self.base + slot as usize) {
            Some(Slot::Ref(v)) => Ok(R::B(v)),
            Some(Slot::Own(v)) => Ok(R::O(v.clone())),
            _ => err(span, "internal: a bound name has no value"),
        }
    }

    /// Sets a frame slot of the current frame to a borrowed value.
    fn set_slot_ref(&mut self, slot: u32, v: &'p Value) {
        let i = self.base + slot as usize;
        if i >= self.stack.len() {
            self.stack.resize(i + 1, Slot::Empty);
        }
        self.stack[i] = Slot::Ref(v);
    }

    /// The value of variable `s` in the next state.
    pub fn next_var(&self, s: u32, span: Span) -> EResult<Value> {
        if !self.has_next {
            return err(
                span,
                format!(
                    "`{}'` needs a next state, but this is evaluated in a single state",
                    self.prog.vars[s as usize]
                ),
            );
        }
        match &self.next[s as usize] {
            Some(v) => Ok(v.clone()),
            None => err(
                span,
                format!(
                    "`{}'` is used before the action gives it a value",
                    self.prog.vars[s as usize]
                ),
            ),
        }
    }

    fn var(&self, s: u32, span: Span) -> EResult<Value> {
        if self.in_prime {
            self.next_var(s, span)
        } else {
            match self.state.get(s as usize) {
                Some(v) => Ok(v.clone()),
                None => err(
                    span,
                    format!(
                        "`{}` has no value here (a state variable used where no state is known)",
                        self.prog.vars[s as usize]
                    ),
                ),
            }
        }
    }

    /// Evaluates to a boolean.
    pub fn eval_bool(&mut self, e: &Expr) -> EResult<bool> {
        match self.eval(e)? {
            Value::Bool(b) => Ok(b),
            v => err(
                e.span,
                format!("expected a boolean, found {}", v.describe()),
            ),
        }
    }

    /// Evaluates an expression.
    pub fn eval(&mut self, e: &Expr) -> EResult<Value> {
        let span = e.span;
        match &e.kind {
            Kind::Const(v) => Ok(v.clone()),
            Kind::Var(s) => self.var(*s, span),
            Kind::PrimeVar(s) => {
                if self.in_prime {
                    return err(span, "a primed expression is primed again");
                }
                self.next_var(*s, span)
            }
            Kind::Prime(x) => {
                if self.in_prime {
                    return err(span, "a primed expression is primed again");
                }
                self.in_prime = true;
                let r = self.eval(x);
                self.in_prime = false;
                r
            }
            Kind::Local(s) => self.slot(*s, span),
            Kind::LetRef(d) => {
                if d.slot == u32::MAX || self.in_prime {
                    return self.eval(&d.def);
                }
                if !d.memo {
                    return Ok(self.let_value(d)?.into_owned());
                }
                Ok(self.let_ref(d)?.into_owned())
            }
            Kind::Let(defs, body) => {
                for d in defs {
                    self.clear_slot(d.slot);
                }
                self.eval(body)
            }
            Kind::Named(_, _, body) => self.eval(body),
            Kind::Call(id, args) => self.call(*id, args, span),
            Kind::ConstDef(id) => self.const_def(*id, span),
            Kind::Builtin(b, args) => self.builtin(*b, args, span),
            Kind::Lambda(..) => err(span, "an operator argument cannot be evaluated as a value"),
            Kind::Not(x) => Ok(Value::Bool(!self.eval_bool(x)?)),
            Kind::And(xs) => {
                for x in xs {
                    if !self.eval_bool(x)? {
                        return Ok(Value::FALSE);
                    }
                }
                Ok(Value::TRUE)
            }
            Kind::Or(xs) => {
                for x in xs {
                    if self.eval_bool(x)? {
                        return Ok(Value::TRUE);
                    }
                }
                Ok(Value::FALSE)
            }
            Kind::Implies(a, b) => Ok(Value::Bool(!self.eval_bool(a)? || self.eval_bool(b)?)),
            Kind::Equiv(a, b) => Ok(Value::Bool(self.eval_bool(a)? == self.eval_bool(b)?)),
            Kind::Eq(a, b) => {
                let x = self.eval_ref(a)?;
                let y = self.eval_ref(b)?;
                Ok(Value::Bool(vspan(values_equal(&x, &y), span)?))
            }
            Kind::Neq(a, b) => {
                let x = self.eval_ref(a)?;
                let y = self.eval_ref(b)?;
                Ok(Value::Bool(!vspan(values_equal(&x, &y), span)?))
            }
            Kind::In(x, s) => Ok(Value::Bool(self.member(x, s, span)?)),
            Kind::NotIn(x, s) => Ok(Value::Bool(!self.member(x, s, span)?)),
            Kind::If(c, a, b) => {
                if self.eval_bool(c)? {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            Kind::Case(arms, other) => {
                for (g, v) in arms {
                    if self.eval_bool(g)? {
                        return self.eval(v);
                    }
                }
                match other {
                    Some(o) => self.eval(o),
                    None => err(span, "CASE: no guard is true and there is no OTHER"),
                }
            }
            Kind::Quant(q, bounds, body) => {
                let want = *q == Quant::Exists;
                let mut found = !want;
                let body = &**body;
                self.for_each_binding(bounds, span, &mut |c| {
                    let b = c.eval_bool(body)?;
                    if b == want {
                        found = want;
                        return Ok(false);
                    }
                    Ok(true)
                })?;
                Ok(Value::Bool(found))
            }
            Kind::Choose(b, body) => self.choose(b, body, span),
            Kind::SetEnum(items) => {
                let mut v = Vec::with_capacity(items.len());
                for x in items {
                    let y = self.eval(x)?;
                    v.push(vspan(y.normalize(), x.span)?);
                }
                Ok(Value::set_from(v))
            }
            Kind::SetFilter(b, pred) => {
                let mut out = vec![];
                let pred = &**pred;
                self.for_each_binding(std::slice::from_ref(b), span, &mut |c| {
                    if c.eval_bool(pred)? {
                        out.push(c.bound_value(b, span)?);
                    }
                    Ok(true)
                })?;
                Ok(Value::set_from(out))
            }
            Kind::SetMap(body, bounds) => {
                let mut out = vec![];
                let body = &**body;
                self.for_each_binding(bounds, span, &mut |c| {
                    let v = c.eval(body)?;
                    out.push(vspan(v.normalize(), body.span)?);
                    Ok(true)
                })?;
                Ok(Value::set_from(out))
            }
            Kind::FnCons(bounds, body) => self.fn_cons(bounds, body, span),
            Kind::RecFn(self_slot, bounds, body) => self.rec_fn(*self_slot, bounds, body, span),
            Kind::FnSet(a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                Ok(Value::Lazy(Arc::new(Lazy::FnSet(x, y))))
            }
            Kind::FnApp(..) | Kind::Dot(..) => Ok(self.eval_ref(e)?.into_owned()),
            Kind::Record(keys, vals) => {
                let mut vs = Vec::with_capacity(vals.len());
                for x in vals {
                    let v = self.eval(x)?;
                    vs.push(vspan(v.normalize(), x.span)?);
                }
                Ok(Value::func_on(Domain::Keys(keys.clone()), vs))
            }
            Kind::RecordSet(keys, sets) => {
                let mut vs = Vec::with_capacity(sets.len());
                for x in sets {
                    vs.push(self.eval(x)?);
                }
                Ok(Value::Lazy(Arc::new(Lazy::RecordSet(keys.clone(), vs))))
            }
            Kind::Tuple(items) => {
                let mut v = Vec::with_capacity(items.len());
                for x in items {
                    let y = self.eval(x)?;
                    v.push(vspan(y.normalize(), x.span)?);
                }
                Ok(Value::tuple(v))
            }
            Kind::Times(items) => {
                let mut v = Vec::with_capacity(items.len());
                for x in items {
                    v.push(self.eval(x)?);
                }
                Ok(Value::Lazy(Arc::new(Lazy::Product(v))))
            }
            Kind::Except(f, ups, at_slot) => {
                let mut fv = self.eval(f)?;
                for (keys, val) in ups {
                    let mut kv = Vec::with_capacity(keys.len());
                    for k in keys {
                        kv.push(match k {
                            Key::Field(s) => s.clone(),
                            Key::Index(ix) => self.key(ix)?,
                        });
                    }
                    fv = self.except(fv, &kv, val, *at_slot, span)?;
                }
                Ok(fv)
            }
            Kind::Subset(s) => {
                let v = self.eval(s)?;
                Ok(Value::Lazy(Arc::new(Lazy::Subset(v))))
            }
            Kind::Union(s) => {
                let v = self.eval(s)?;
                let v = vspan(v.normalize(), span)?;
                let mut out = vec![];
                for x in vspan(v.elements(), span)?.iter() {
                    let x = vspan(x.clone().normalize(), span)?;
                    out.extend(vspan(x.elements(), span)?.iter().cloned());
                }
                Ok(Value::set_from(out))
            }
            Kind::Domain(f) => {
                let v = self.eval(f)?;
                match &v {
                    Value::Fn(f) => Ok(match &f.domain {
                        Domain::Seq(n) => Value::interval(1, *n as i64),
                        Domain::Keys(k) => Value::set_sorted(k.to_vec()),
                    }),
                    v => err(
                        span,
                        format!("DOMAIN of {}, which is not a function", v.describe()),
                    ),
                }
            }
            Kind::Cup(a, b) => {
                if let Kind::SetEnum(add) = &b.kind {
                    // `(S \ {x}) \cup {y, z}`, `S \cup {y}`: a message
                    // received and its answers sent, in one pass over S.
                    if let Kind::SetMinus(base, r) = &a.kind {
                        if let Kind::SetEnum(remove) = &r.kind {
                            return self.set_update(base, remove, add, span);
                        }
                    }
                    return self.set_update(a, &[], add, span);
                }
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                vspan(set_op(SetOp::Cup, x, y), span)
            }
            Kind::Cap(a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                vspan(set_op(SetOp::Cap, x, y), span)
            }
            Kind::SetMinus(a, b) => {
                if let Kind::SetEnum(remove) = &b.kind {
                    return self.set_update(a, remove, &[], span);
                }
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                vspan(set_op(SetOp::Diff, x, y), span)
            }
            Kind::Subseteq(a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                let xs = vspan(x.elements(), a.span)?;
                for e in xs.iter() {
                    if !vspan(y.contains(e), span)? {
                        return Ok(Value::FALSE);
                    }
                }
                Ok(Value::TRUE)
            }
            Kind::Unchanged(x) => {
                let now = self.eval(x)?;
                self.in_prime = true;
                let later = self.eval(x);
                self.in_prime = false;
                Ok(Value::Bool(vspan(values_equal(&now, &later?), span)?))
            }
            Kind::BoxAction(a, v) => {
                // [A]_v == A \/ UNCHANGED v; the stuttering test is cheaper.
                let u = Expr::new(Kind::Unchanged(v.clone()), span);
                if self.eval_bool(&u)? {
                    return Ok(Value::TRUE);
                }
                self.eval(a)
            }
            Kind::AngleAction(a, v) => {
                if !self.eval_bool(a)? {
                    return Ok(Value::FALSE);
                }
                let u = Expr::new(Kind::Unchanged(v.clone()), span);
                Ok(Value::Bool(!self.eval_bool(&u)?))
            }
            Kind::Enabled(_) => err(span, "ENABLED is not supported by the evaluator yet"),
            Kind::Temporal(..) => err(span, "a temporal formula cannot be evaluated in a state"),
            Kind::Unsupported(why) => err(span, why.clone()),
        }
    }

    /// Evaluates an expression like [`Ctx::eval`], but without copying
    /// the value when it is (part of) the current state or a constant
    /// definition: no reference count is updated, and the workers, which
    /// share the states, do not write to the same memory.
    pub fn eval_ref(&mut self, e: &Expr) -> EResult<R<'p>> {
        let span = e.span;
        match &e.kind {
            Kind::Var(s) if !self.in_prime => {
                let st: &'p [Value] = self.state;
                match st.get(*s as usize) {
                    Some(v) => Ok(R::B(v)),
                    None => self.var(*s, span).map(R::O),
                }
            }
            Kind::Local(s) => self.slot_ref(*s, span),
            Kind::ConstDef(id) => self.const_def_ref(*id, span),
            Kind::LetRef(d) if d.slot != u32::MAX && d.memo && !self.in_prime => self.let_ref(d),
            Kind::FnApp(f, args) => {
                let fv = self.eval_ref(f)?;
                let key = self.key_ref(args)?;
                match fv {
                    R::B(v) => {
                        if let Value::Fn(func) = v {
                            if let Some(x) = func.get(&key) {
                                return Ok(R::B(x));
                            }
                        }
                        apply_fn(v, &key, span).map(R::O)
                    }
                    R::O(v) => apply_fn(&v, &key, span).map(R::O),
                }
            }
            Kind::Dot(r, field) => match self.eval_ref(r)? {
                R::B(v) => dot(v, field, span).map(R::B),
                R::O(v) => dot(&v, field, span).map(|x| R::O(x.clone())),
            },
            _ => self.eval(e).map(R::O),
        }
    }

    /// The value of a memoized LET definition (or inlined parameter),
    /// computed on first use.
    fn let_ref(&mut self, d: &crate::ir::LetDef) -> EResult<R<'p>> {
        let i = self.base + d.slot as usize;
        match self.stack.get(i) {
            Some(Slot::Ref(v)) => return Ok(R::B(v)),
            Some(Slot::Own(v)) => return Ok(R::O(v.clone())),
            _ => {}
        }
        match self.let_value(d)? {
            R::B(v) => {
                self.set_slot_ref(d.slot, v);
                Ok(R::B(v))
            }
            R::O(v) => {
                self.set_slot(d.slot, v.clone());
                Ok(R::O(v))
            }
        }
    }

    fn const_def_ref(&mut self, id: u32, span: Span) -> EResult<R<'p>> {
        let prog: &'p Program = self.prog;
        let d = &prog.defs[id as usize];
        match d.cache.get() {
            Some(Ok(v)) => Ok(R::B(v)),
            _ => self.const_def(id, span).map(R::O),
        }
    }

    fn member(&mut self, x: &Expr, s: &Expr, span: Span) -> EResult<bool> {
        let xv = self.eval_ref(x)?;
        // `x \in {y \in S : P}` tests without building the set (S may be
        // infinite).
        if let Kind::SetFilter(b, pred) = &s.kind {
            if let Some(set) = &b.set {
                let sv = self.eval_ref(set)?;
                if !vspan(sv.contains(&xv), span)? {
                    return Ok(false);
                }
                self.bind(b, xv.into_owned(), span)?;
                return self.eval_bool(pred);
            }
        }
        let sv = self.eval_ref(s)?;
        vspan(sv.contains(&xv), span)
    }

    /// The current values of a bound's slots (to restore after a loop).
    pub fn bound_slots(&self, b: &Bound) -> Vec<Slot<'p>> {
        self.slots(&b.slots)
    }

    /// The contents of frame slots of the current frame.
    pub fn slots(&self, slots: &[u32]) -> Vec<Slot<'p>> {
        slots
            .iter()
            .map(|s| {
                self.stack
                    .get(self.base + *s as usize)
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Restores slots saved by [`Ctx::bound_slots`].
    pub fn restore_slots(&mut self, b: &Bound, saved: Vec<Slot<'p>>) {
        for (s, v) in b.slots.iter().zip(saved) {
            let i = self.base + *s as usize;
            if i < self.stack.len() {
                self.stack[i] = v;
            }
        }
    }

    /// Binds the names of a bound to one element.
    pub fn bind_pub(&mut self, b: &Bound, v: Value, span: Span) -> EResult<()> {
        self.bind(b, v, span)
    }

    /// Binds the names of a bound to the `i`-th element of `elems`
    /// (borrowed when `elems` is).
    pub fn bind_elem(&mut self, b: &Bound, elems: &Elems<'p>, i: usize, span: Span) -> EResult<()> {
        match elems {
            Elems::Borrowed(xs) => {
                let xs: &'p [Value] = xs;
                self.bind_ref(b, &xs[i], span)
            }
            _ => self.bind(b, elems.as_slice()[i].clone(), span),
        }
    }

    /// Binds the names of a bound to a borrowed element.
    pub fn bind_ref(&mut self, b: &Bound, v: &'p Value, span: Span) -> EResult<()> {
        if b.tuple {
            match v {
                Value::Fn(f) if f.is_seq() && f.values.len() == b.slots.len() => {
                    for (s, x) in b.slots.iter().zip(f.values.iter()) {
                        self.set_slot_ref(*s, x);
                    }
                    Ok(())
                }
                _ => err(
                    span,
                    format!("cannot bind <<{}>> to {}", b.names.join(", "), v.describe()),
                ),
            }
        } else {
            self.set_slot_ref(b.slots[0], v);
            Ok(())
        }
    }

    fn bind(&mut self, b: &Bound, v: Value, span: Span) -> EResult<()> {
        if b.tuple {
            let f = match &v {
                Value::Fn(f) if f.is_seq() && f.values.len() == b.slots.len() => f.clone(),
                _ => {
                    return err(
                        span,
                        format!("cannot bind <<{}>> to {}", b.names.join(", "), v.describe()),
                    )
                }
            };
            for (s, x) in b.slots.iter().zip(f.values.iter()) {
                self.set_slot(*s, x.clone());
            }
        } else {
            self.set_slot(b.slots[0], v);
        }
        Ok(())
    }

    fn bound_value(&self, b: &Bound, span: Span) -> EResult<Value> {
        if b.tuple {
            let mut v = vec![];
            for s in &b.slots {
                v.push(self.slot(*s, span)?);
            }
            Ok(Value::tuple(v))
        } else {
            self.slot(b.slots[0], span)
        }
    }

    /// The elements a bound ranges over, in TLC's order (sorted).
    pub fn bound_elements(&mut self, b: &Bound, span: Span) -> EResult<Elems<'p>> {
        let Some(set) = &b.set else {
            return err(
                span,
                format!(
                    "cannot enumerate the values of `{}`: the quantifier is unbounded",
                    b.names.join(", ")
                ),
            );
        };
        // A filter over a set is enumerated by filtering its base.
        if let Kind::SetFilter(fb, pred) = &set.kind {
            let base = self.bound_elements(fb, set.span)?;
            let saved = self.bound_slots(fb);
            let mut out = vec![];
            for (i, v) in base.as_slice().iter().enumerate() {
                self.bind_elem(fb, &base, i, span)?;
                if self.eval_bool(pred)? {
                    out.push(v.clone());
                }
            }
            self.restore_slots(fb, saved);
            return Ok(Elems::Owned(out));
        }
        let sv = match self.eval_ref(set)? {
            R::B(Value::Set(s)) => return Ok(Elems::Borrowed(&s.0)),
            R::B(v) => v.clone(),
            R::O(v) => v,
        };
        match sv {
            Value::Set(s) => Ok(Elems::Shared(s)),
            // TLC normalizes (sorts) the set before `\E`, `\A`, CHOOSE.
            v => match vspan(v.normalize(), set.span)? {
                Value::Set(s) => Ok(Elems::Shared(s)),
                v => Ok(Elems::Owned(vspan(v.elements(), set.span)?.into_owned())),
            },
        }
    }

    /// Calls `f` for every combination of bindings; `f` returns false to
    /// stop. Returns false if stopped.
    pub fn for_each_binding(
        &mut self,
        bounds: &[Bound],
        span: Span,
        f: &mut dyn FnMut(&mut Ctx<'p>) -> EResult<bool>,
    ) -> EResult<bool> {
        // The last bound is the outer loop: the first variable varies
        // fastest, as in TLC.
        let Some((b, rest)) = bounds.split_last() else {
            return f(self);
        };
        let elems = self.bound_elements(b, span)?;
        if let Elems::Borrowed(xs) = elems {
            for v in xs {
                self.bind_ref(b, v, span)?;
                if !self.for_each_binding(rest, span, f)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        for v in elems.as_slice() {
            self.bind(b, v.clone(), span)?;
            if !self.for_each_binding(rest, span, f)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn choose(&mut self, b: &Bound, body: &Expr, span: Span) -> EResult<Value> {
        let elems = self.bound_elements(b, span)?;
        for (i, v) in elems.as_slice().iter().enumerate() {
            self.bind_elem(b, &elems, i, span)?;
            if self.eval_bool(body)? {
                return Ok(v.clone());
            }
        }
        err(
            span,
            format!(
                "CHOOSE found no value of `{}` satisfying the condition",
                b.names.join(", ")
            ),
        )
    }

    /// The key of `f[a]` (or the tuple of `f[a, b]`).
    /// Like [`Ctx::key`], borrowing a single argument when possible.
    fn key_ref(&mut self, args: &[Expr]) -> EResult<R<'p>> {
        if let [a] = args {
            return match self.eval_ref(a)? {
                R::B(v) if !matches!(v, Value::Lazy(_)) => Ok(R::B(v)),
                v => vspan(v.into_owned().normalize(), a.span).map(R::O),
            };
        }
        self.key(args).map(R::O)
    }

    fn key(&mut self, args: &[Expr]) -> EResult<Value> {
        if args.len() == 1 {
            let v = self.eval(&args[0])?;
            return vspan(v.normalize(), args[0].span);
        }
        let mut v = Vec::with_capacity(args.len());
        for a in args {
            let x = self.eval(a)?;
            v.push(vspan(x.normalize(), a.span)?);
        }
        Ok(Value::tuple(v))
    }

    fn except(
        &mut self,
        f: Value,
        keys: &[Value],
        val: &Expr,
        at_slot: u32,
        span: Span,
    ) -> EResult<Value> {
        let Some((k, rest)) = keys.split_first() else {
            self.set_slot(at_slot, f);
            let v = self.eval(val)?;
            return vspan(v.normalize(), val.span);
        };
        let mut fv = match f {
            Value::Fn(fv) => fv,
            v => {
                return err(
                    span,
                    format!(
                        "EXCEPT applied to {}, which is not a function",
                        v.describe()
                    ),
                )
            }
        };
        let Some(i) = fv.domain.position(k) else {
            // TLC: updating a point outside the domain leaves f unchanged.
            return Ok(Value::Fn(fv));
        };
        // Update in place when this function is not shared (the second and
        // later updates of one EXCEPT); otherwise copy it once.
        let g = Arc::make_mut(&mut fv);
        g.fp = crate::value::FpCache::default();
        let old = std::mem::replace(&mut g.values[i], Value::FALSE);
        let new = self.except(old, rest, val, at_slot, span)?;
        Arc::make_mut(&mut fv).values[i] = new;
        Ok(Value::Fn(fv))
    }

    fn fn_cons(&mut self, bounds: &[Bound], body: &Expr, span: Span) -> EResult<Value> {
        let mut pairs = vec![];
        self.for_each_binding(bounds, span, &mut |c| {
            let key = c.binding_key(bounds, span)?;
            let v = c.eval(body)?;
            pairs.push((
                vspan(key.normalize(), span)?,
                vspan(v.normalize(), body.span)?,
            ));
            Ok(true)
        })?;
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|a, b| a.0 == b.0);
        let (keys, values): (Vec<Value>, Vec<Value>) = pairs.into_iter().unzip();
        Ok(Value::func_on(Domain::from_sorted(keys), values))
    }

    /// The domain element of the current binding of `bounds`: the bound
    /// value, or the tuple of them for several bounds (`[x \in S, y \in T |-> e]`).
    fn binding_key(&self, bounds: &[Bound], span: Span) -> EResult<Value> {
        if bounds.len() == 1 {
            return self.bound_value(&bounds[0], span);
        }
        let mut ks = Vec::with_capacity(bounds.len());
        for b in bounds {
            ks.push(self.bound_value(b, span)?);
        }
        Ok(Value::tuple(ks))
    }

    fn rec_fn(
        &mut self,
        self_slot: u32,
        bounds: &[Bound],
        body: &Expr,
        span: Span,
    ) -> EResult<Value> {
        // Values are computed in domain order; the function built so far
        // is visible to the body under its own name.
        let mut keys = vec![];
        self.for_each_binding(bounds, span, &mut |c| {
            let key = c.binding_key(bounds, span)?;
            keys.push(key);
            Ok(true)
        })?;
        keys.sort();
        let mut pairs: Vec<(Value, Value)> = vec![];
        for k in keys {
            self.set_slot(self_slot, Value::func(pairs.clone()));
            if bounds.len() == 1 {
                self.bind(&bounds[0], k.clone(), span)?;
            } else if let Value::Fn(t) = &k {
                for (b, v) in bounds.iter().zip(t.values.iter()) {
                    self.bind(b, v.clone(), span)?;
                }
            }
            let v = self.eval(body)?;
            pairs.push((k, vspan(v.normalize(), body.span)?));
        }
        Ok(Value::func(pairs))
    }

    fn const_def(&mut self, id: u32, span: Span) -> EResult<Value> {
        let prog = self.prog;
        let d = &prog.defs[id as usize];
        if let Some(r) = d.cache.get() {
            return r.clone().map_err(Box::new);
        }
        let mut c = Ctx::new(self.prog, &[], d.nslots);
        let r = if d.fun_bounds.is_some() {
            c.whole_function(id, span)
        } else {
            c.eval(&d.body)
        };
        // A small interval is kept as a set: quantifiers over it (`\E b \in
        // Ballot`) then enumerate it without building it every time.
        let r = match r {
            Ok(Value::Lazy(l)) => match *l {
                crate::value::Lazy::Interval(a, b) if b.saturating_sub(a) < 256 => {
                    Value::Lazy(l).normalize().map_err(at(span))
                }
                _ => Ok(Value::Lazy(l)),
            },
            r => r,
        };
        let r = r.map_err(|e| *e);
        let _ = d.cache.set(r.clone());
        r.map_err(Box::new)
    }

    /// `(base \ {remove...}) \cup {add...}`: when the enumerated elements
    /// are few, built in one pass over `base` (no intermediate set), its
    /// fingerprints derived from `base`'s.
    fn set_update(
        &mut self,
        base: &Expr,
        remove: &[Expr],
        add: &[Expr],
        span: Span,
    ) -> EResult<Value> {
        let x = self.eval(base)?;
        let elems = |c: &mut Ctx<'p>, items: &[Expr]| -> EResult<Vec<Value>> {
            let mut v = Vec::with_capacity(items.len());
            for i in items {
                let y = c.eval(i)?;
                v.push(vspan(y.normalize(), i.span)?);
            }
            v.sort_unstable();
            v.dedup();
            Ok(v)
        };
        let rem = elems(self, remove)?;
        let add = elems(self, add)?;
        let few = match &x {
            Value::Set(_) => rem.len() + add.len() <= 16,
            _ => false,
        };
        if !few {
            // The general operations (which also report a non-set).
            let mut v = x;
            if !remove.is_empty() {
                v = vspan(set_op(SetOp::Diff, v, Value::set_from(rem)), span)?;
            }
            if !add.is_empty() {
                v = vspan(set_op(SetOp::Cup, v, Value::set_from(add)), span)?;
            }
            return Ok(v);
        }
        let Value::Set(sa) = &x else {
            return err(span, "internal: a set expected");
        };
        let a = &sa.0;
        // Positions of `a` removed, and the elements added (not in `a`,
        // or removed from it: then kept).
        // An element is found by identity first (a message taken from the
        // set itself, or a shared one already in it): no comparison.
        let find = |y: &Value| match a.iter().position(|x| same_object(x, y)) {
            Some(i) => Ok(i),
            None => a.binary_search(y),
        };
        let mut gone: smallvec::SmallVec<[usize; 4]> = smallvec::SmallVec::new();
        for r in &rem {
            if let Ok(i) = find(r) {
                gone.push(i);
            }
        }
        let mut new: smallvec::SmallVec<[(usize, &Value); 4]> = smallvec::SmallVec::new();
        for y in &add {
            match find(y) {
                Ok(i) => gone.retain(|g| *g != i),
                Err(i) => new.push((i, y)),
            }
        }
        gone.sort_unstable();
        // `new` is sorted by element, hence by position.
        let mut out = Vec::with_capacity(a.len() + new.len() - gone.len());
        let (mut g, mut n) = (0, 0);
        for (i, e) in a.iter().enumerate() {
            while n < new.len() && new[n].0 == i {
                out.push(new[n].1.clone());
                n += 1;
            }
            if g < gone.len() && gone[g] == i {
                g += 1;
                continue;
            }
            out.push(e.clone());
        }
        for (_, y) in &new[n..] {
            out.push((*y).clone());
        }
        let result = crate::value::SetV::new(out);
        let removed: smallvec::SmallVec<[&Value; 4]> = gone.iter().map(|&i| &a[i]).collect();
        let added: smallvec::SmallVec<[&Value; 4]> = new.iter().map(|(_, y)| *y).collect();
        crate::value::derive_fp_delta(sa, &result, &removed, &added);
        Ok(Value::Set(Arc::new(result)))
    }

    /// The value of a function definition `f[x \in S] == e` as a whole.
    fn whole_function(&mut self, id: u32, span: Span) -> EResult<Value> {
        let prog = self.prog;
        let d = &prog.defs[id as usize];
        let bounds = d.fun_bounds.as_deref().unwrap_or(&[]);
        self.fn_cons(bounds, &d.body, span)
    }

    fn call(&mut self, id: u32, args: &[Expr], span: Span) -> EResult<Value> {
        let prog = self.prog;
        let d = &prog.defs[id as usize];
        // A definition without arguments has one value per state: computed
        // once per context.
        if args.is_empty() && d.nparams == 0 && d.fun_bounds.is_none() {
            let cached = if self.in_prime {
                if !self.next_complete {
                    None
                } else {
                    Some(self.memo_next.get(&id).cloned())
                }
            } else {
                Some(self.memo.get(&id).cloned())
            };
            let key = if self.in_prime {
                self.next_key
            } else {
                self.state_key
            };
            let shared = match (cached.as_ref(), key) {
                (Some(None), Some(k)) => {
                    let pk = (prog.uid, id, k);
                    session::with_caches(|c| c.state.get(&pk).cloned())
                }
                _ => None,
            };
            if let Some(v) = shared {
                if self.in_prime {
                    self.memo_next.insert(id, v.clone());
                } else {
                    self.memo.insert(id, v.clone());
                }
                return Ok(v);
            }
            match cached {
                Some(Some(v)) => return Ok(v),
                Some(None) => {
                    let v = self.call_uncached(id, args, span)?;
                    if let Some(k) = key {
                        let pk = (prog.uid, id, k);
                        session::with_caches(|c| {
                            if c.state.len() > 100_000 {
                                c.state.clear();
                            }
                            c.state.insert(pk, v.clone());
                        });
                    }
                    if self.in_prime {
                        self.memo_next.insert(id, v.clone());
                    } else {
                        self.memo.insert(id, v.clone());
                    }
                    return Ok(v);
                }
                None => {}
            }
        }
        if d.cached {
            let mut key = Args::with_capacity(args.len());
            for a in args {
                key.push(self.eval(a)?);
            }
            let uid = prog.uid;
            let h = pure_hash(uid, id, &key);
            let same = |e: &(u64, u32, Args, Value)| e.0 == uid && e.1 == id && e.2 == key;
            if let Some(v) = session::with_caches(|c| c.pure.find(h, same).map(|e| e.3.clone())) {
                return Ok(v);
            }
            let v = self.call_values(id, key.clone(), span)?;
            session::with_caches(|c| {
                let c = &mut c.pure;
                if c.len() > 200_000 {
                    c.clear();
                }
                if c.find(h, same).is_none() {
                    c.insert_unique(h, (uid, id, key.clone(), v.clone()), |e| {
                        pure_hash(e.0, e.1, &e.2)
                    });
                }
            });
            return Ok(v);
        }
        if !args.is_empty() && d.expensive && !d.pure && d.fun_bounds.is_none() {
            let memo = d.memo.get_or_init(|| StepCache::for_def(prog, id));
            if let Some(cache) = memo.as_ref().filter(|c| !c.is_off()) {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a)?);
                }
                let argv: Args = vals.iter().cloned().collect();
                if vals.iter().any(|v| matches!(v, Value::Lazy(_))) {
                    // Lazy sets compare by their form, not their elements.
                    return self.call_values(id, argv, span);
                }
                return cache.eval_with(self, vals, &mut |c| c.call_values(id, argv.clone(), span));
            }
        }
        self.call_uncached(id, args, span)
    }

    fn call_uncached(&mut self, id: u32, args: &[Expr], span: Span) -> EResult<Value> {
        let mut vals = Args::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a)?);
        }
        self.call_values(id, vals, span)
    }

    /// Calls definition `id` with argument values.
    fn call_values(&mut self, id: u32, vals: Args, span: Span) -> EResult<Value> {
        let prog = self.prog;
        let d = &prog.defs[id as usize];
        let saved_base = self.base;
        let new_base = self.stack.len();
        self.stack
            .resize(new_base + d.nslots.max(d.nparams) as usize, Slot::Empty);
        self.base = new_base;
        let r = (|| {
            if let Some(bounds) = &d.fun_bounds {
                if vals.is_empty() && d.nparams > 0 {
                    return self.whole_function(id, span);
                }
                // Application of a function definition: bind the bounds.
                let mut k = 0;
                for b in bounds {
                    for s in &b.slots {
                        let v = vals.get(k).cloned().unwrap_or(Value::FALSE);
                        self.set_slot(*s, v);
                        k += 1;
                    }
                }
                for b in bounds {
                    let v = self.bound_value(b, span)?;
                    if let Some(set) = &b.set {
                        let sv = self.eval(set)?;
                        if !vspan(sv.contains(&v), span)? {
                            return err(
                                span,
                                format!("`{}[{}]`: {} is not in the domain", d.name, v, v),
                            );
                        }
                    }
                }
                return self.eval(&d.body);
            }
            for (i, v) in vals.into_iter().enumerate() {
                self.stack[new_base + i] = Slot::Own(v);
            }
            self.eval(&d.body)
        })();
        self.stack.truncate(new_base);
        self.base = saved_base;
        r
    }

    fn builtin(&mut self, b: Builtin, args: &[Expr], span: Span) -> EResult<Value> {
        if b.higher_order() {
            return self.higher_order(b, args, span);
        }
        if let [x, y] = args {
            if matches!(
                b,
                Builtin::Plus
                    | Builtin::Minus
                    | Builtin::Lt
                    | Builtin::Gt
                    | Builtin::Le
                    | Builtin::Ge
            ) {
                // Integer arithmetic and comparisons without building an
                // argument vector (overflow and type errors are left to
                // `builtins::apply`).
                let x = self.eval_ref(x)?;
                let y = self.eval_ref(y)?;
                if let (Value::Int(i), Value::Int(j)) = (&*x, &*y) {
                    let (i, j) = (*i, *j);
                    let r = match b {
                        Builtin::Plus => i.checked_add(j).map(Value::Int),
                        Builtin::Minus => i.checked_sub(j).map(Value::Int),
                        Builtin::Lt => Some(Value::Bool(i < j)),
                        Builtin::Gt => Some(Value::Bool(i > j)),
                        Builtin::Le => Some(Value::Bool(i <= j)),
                        _ => Some(Value::Bool(i >= j)),
                    };
                    if let Some(r) = r {
                        return Ok(r);
                    }
                }
                return vspan(
                    builtins::apply(b, vec![x.into_owned(), y.into_owned()]),
                    span,
                );
            }
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a)?);
        }
        vspan(builtins::apply(b, vals), span)
    }

    /// Applies an operator argument (a [`Kind::Lambda`]) to values.
    pub fn apply_lambda(&mut self, lam: &Expr, args: Vec<Value>) -> EResult<Value> {
        let Kind::Lambda(slots, body) = &lam.kind else {
            return err(lam.span, "expected an operator argument");
        };
        for (s, v) in slots.iter().zip(args) {
            self.set_slot(*s, v);
        }
        self.eval(body)
    }

    fn higher_order(&mut self, b: Builtin, args: &[Expr], span: Span) -> EResult<Value> {
        match b {
            Builtin::SelectSeq => {
                let s = self.eval(&args[0])?;
                let f = vspan(s.as_fn(), span)?.clone();
                let mut out = vec![];
                for v in f.values.iter() {
                    if self
                        .apply_lambda(&args[1], vec![v.clone()])?
                        .as_bool()
                        .map_err(at(span))?
                    {
                        out.push(v.clone());
                    }
                }
                Ok(Value::tuple(out))
            }
            Builtin::SortSeq => {
                let s = self.eval(&args[0])?;
                let f = vspan(s.as_fn(), span)?.clone();
                let mut v: Vec<Value> = f.values.clone();
                // Insertion sort with the user's "less than".
                let mut i = 1;
                while i < v.len() {
                    let mut j = i;
                    while j > 0 {
                        let lt =
                            self.apply_lambda(&args[1], vec![v[j].clone(), v[j - 1].clone()])?;
                        if vspan(lt.as_bool(), span)? {
                            v.swap(j, j - 1);
                            j -= 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
                Ok(Value::tuple(v))
            }
            _ => err(span, "internal: not a higher-order built-in"),
        }
    }
}

/// The elements of a set being iterated: shared with the set when it is
/// explicit.
pub enum Elems<'p> {
    /// The elements of a set of the current state or of a constant.
    Borrowed(&'p [Value]),
    /// The set's own element vector.
    Shared(Arc<crate::value::SetV>),
    /// Computed elements.
    Owned(Vec<Value>),
}

impl Elems<'_> {
    /// The elements.
    pub fn as_slice(&self) -> &[Value] {
        match self {
            Elems::Borrowed(s) => s,
            Elems::Shared(s) => &s.0,
            Elems::Owned(v) => v,
        }
    }
}

/// `f[key]` with TLC's error when `key` is outside the domain.
pub fn apply_fn(f: &Value, key: &Value, span: Span) -> EResult<Value> {
    match f {
        Value::Fn(fv) => match fv.get(key) {
            Some(v) => Ok(v.clone()),
            None => err(
                span,
                format!("{key} is not in the domain of the function {}", short(f)),
            ),
        },
        v => err(
            span,
            format!(
                "cannot apply {} to an argument: it is not a function",
                v.describe()
            ),
        ),
    }
}

/// Whether `a` and `b` are the same set or function object.
fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Set(x), Value::Set(y)) => Arc::ptr_eq(x, y),
        (Value::Fn(x), Value::Fn(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// `r.field` with TLC's errors.
fn dot<'a>(rv: &'a Value, field: &Value, span: Span) -> EResult<&'a Value> {
    match rv {
        Value::Fn(f) => match f.get(field) {
            Some(v) => Ok(v),
            None => err(
                span,
                format!(
                    "the record {} has no field `{}`",
                    short(rv),
                    field_name(field)
                ),
            ),
        },
        v => err(
            span,
            format!(
                "`.{}` applied to {}, which is not a record",
                field_name(field),
                v.describe()
            ),
        ),
    }
}

fn short(v: &Value) -> String {
    let mut s = v.to_string();
    if s.len() > 120 {
        s.truncate(117);
        s.push_str("...");
    }
    s
}

fn field_name(v: &Value) -> String {
    match v {
        Value::Str(s) => s.as_str().to_string(),
        v => v.to_string(),
    }
}

/// The input values of one cache look-up (on the stack: a look-up that
/// hits allocates nothing).
type Probe<'p> = smallvec::SmallVec<[R<'p>; 8]>;

impl StepCache {
    /// The value of `e` (the expression the cache was made for) in `ctx`.
    pub fn eval_bool(&self, ctx: &mut Ctx<'_>, e: &Expr) -> EResult<bool> {
        let v = self.eval_with(ctx, vec![], &mut |c| c.eval_bool(e).map(Value::Bool))?;
        vspan(v.as_bool(), e.span)
    }

    /// The value `compute` gives in `ctx`, cached by the values of the
    /// inputs (and of `extra`, the values of the arguments of a call:
    /// `compute` may depend only on them and the inputs).
    pub fn eval_with<'p>(
        &self,
        ctx: &mut Ctx<'p>,
        extra: Vec<Value>,
        compute: &mut dyn FnMut(&mut Ctx<'p>) -> EResult<Value>,
    ) -> EResult<Value> {
        if self.is_off() {
            return compute(ctx);
        }
        // The inputs' values, borrowed where the state or the frame holds
        // them (a look-up that hits copies nothing).
        let mut values: Probe<'p> = extra.into_iter().map(R::O).collect();
        let mut hash = crate::value::mix(9, self.inputs().len() as u64);
        for v in &values {
            hash = crate::value::mix(hash, v.fingerprint());
        }
        for x in self.inputs() {
            // An input that cannot be evaluated here may be one that the
            // expression does not need in this state: compute it directly.
            let Ok(v) = ctx.eval_ref(x) else {
                return compute(ctx);
            };
            let v = if matches!(*v, Value::Lazy(_)) {
                let Ok(v) = v.into_owned().normalize() else {
                    return compute(ctx);
                };
                R::O(v)
            } else {
                v
            };
            hash = crate::value::mix(hash, v.fingerprint());
            values.push(v);
        }
        if let Some(v) = self.lookup(hash, &values) {
            return Ok(v);
        }
        if self.is_off() {
            return compute(ctx);
        }
        let v = crate::intern::share_value(&compute(ctx)?);
        self.insert(hash, values, R::into_owned, v.clone());
        Ok(v)
    }
}
