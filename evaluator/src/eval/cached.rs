//! The look-up of a [`StepCache`] during evaluation: the values of the
//! cached expression's inputs in the context, then the stored value or
//! the computed one.

use super::{Ctx, R};
use crate::cache::StepCache;
use crate::error::{vspan, EResult};
use crate::ir::Expr;
use crate::value::Value;

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
