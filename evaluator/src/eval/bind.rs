//! Bound names: binding the names of `\E x \in S`, `{x \in S : P}`,
//! `CHOOSE` and tuple patterns to values, saving and restoring the slots,
//! and the elements of a bound's set.

use super::{Ctx, Slot, R};
use crate::error::{err, vspan, EResult};
use crate::ir::{Bound, Expr, Kind};
use crate::value::Value;
use parser::span::Span;
use std::sync::Arc;

impl<'p> Ctx<'p> {
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

    pub(super) fn bind(&mut self, b: &Bound, v: Value, span: Span) -> EResult<()> {
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

    pub(super) fn bound_value(&self, b: &Bound, span: Span) -> EResult<Value> {
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

    pub(super) fn choose(&mut self, b: &Bound, body: &Expr, span: Span) -> EResult<Value> {
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
