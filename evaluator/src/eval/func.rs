//! Functions and records: application, `EXCEPT`, function constructors,
//! recursive function definitions, and the one-pass updates of sets.

use super::{Ctx, R};
use crate::error::{err, vspan, EResult};
use crate::ir::{Bound, Expr};
use crate::value::{set_op, Domain, SetOp, Value};
use parser::span::Span;
use std::sync::Arc;

impl<'p> Ctx<'p> {
    /// The key of `f[a]` (or the tuple of `f[a, b]`).
    /// Like [`Ctx::key`], borrowing a single argument when possible.
    pub(super) fn key_ref(&mut self, args: &[Expr]) -> EResult<R<'p>> {
        if let [a] = args {
            return match self.eval_ref(a)? {
                R::B(v) if !matches!(v, Value::Lazy(_)) => Ok(R::B(v)),
                v => vspan(v.into_owned().normalize(), a.span).map(R::O),
            };
        }
        self.key(args).map(R::O)
    }

    pub(super) fn key(&mut self, args: &[Expr]) -> EResult<Value> {
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

    pub(super) fn except(
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

    pub(super) fn fn_cons(&mut self, bounds: &[Bound], body: &Expr, span: Span) -> EResult<Value> {
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
    pub(super) fn binding_key(&self, bounds: &[Bound], span: Span) -> EResult<Value> {
        if bounds.len() == 1 {
            return self.bound_value(&bounds[0], span);
        }
        let mut ks = Vec::with_capacity(bounds.len());
        for b in bounds {
            ks.push(self.bound_value(b, span)?);
        }
        Ok(Value::tuple(ks))
    }

    pub(super) fn rec_fn(
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

    /// `(base \ {remove...}) \cup {add...}`: when the enumerated elements
    /// are few, built in one pass over `base` (no intermediate set), its
    /// fingerprints derived from `base`'s.
    pub(super) fn set_update(
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
    pub(super) fn whole_function(&mut self, id: u32, span: Span) -> EResult<Value> {
        let prog = self.prog;
        let d = &prog.defs[id as usize];
        let bounds = d.fun_bounds.as_deref().unwrap_or(&[]);
        self.fn_cons(bounds, &d.body, span)
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
pub(super) fn same_object(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Set(x), Value::Set(y)) => Arc::ptr_eq(x, y),
        (Value::Fn(x), Value::Fn(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

/// `r.field` with TLC's errors.
pub(super) fn dot<'a>(rv: &'a Value, field: &Value, span: Span) -> EResult<&'a Value> {
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

pub(super) fn short(v: &Value) -> String {
    crate::value::clip(v.to_string(), 120)
}

pub(super) fn field_name(v: &Value) -> String {
    match v {
        Value::Str(s) => s.as_str().to_string(),
        v => v.to_string(),
    }
}
