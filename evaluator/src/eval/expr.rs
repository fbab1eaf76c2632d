//! The value of an expression: the big match over the IR's node kinds,
//! with [`Ctx::eval_ref`] borrowing values from the state and the program
//! where it can.

use super::func::{apply_fn, dot};
use super::{Ctx, Slot, R};
use crate::error::{err, vspan, EResult};
use crate::ir::{Expr, Key, Kind, Quant};
use crate::program::Program;
use crate::value::{set_op, values_equal, Domain, Lazy, SetOp, Value};
use parser::span::Span;
use std::sync::Arc;

impl<'p> Ctx<'p> {
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
            Kind::Enabled(a) => {
                // As TLC: whether the action has a successor from the
                // current state, found by the action walker with the
                // current frame's bound names.
                let mut c = Ctx::for_successors(self.prog, self.state, 0);
                c.stack = self.stack[self.base..].to_vec();
                let mut any = false;
                super::walk::successors(&mut c, a, &mut |_| {
                    any = true;
                    Ok(false)
                })?;
                Ok(Value::Bool(any))
            }
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
    pub(super) fn let_ref(&mut self, d: &crate::ir::LetDef) -> EResult<R<'p>> {
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

    pub(super) fn const_def_ref(&mut self, id: u32, span: Span) -> EResult<R<'p>> {
        let prog: &'p Program = self.prog;
        let d = &prog.defs[id as usize];
        match d.cache.get() {
            Some(Ok(v)) => Ok(R::B(v)),
            _ => self.const_def(id, span).map(R::O),
        }
    }

    pub(super) fn member(&mut self, x: &Expr, s: &Expr, span: Span) -> EResult<bool> {
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
}
