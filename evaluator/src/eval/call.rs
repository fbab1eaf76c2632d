//! Calls: user definitions (with their caches: per state, per argument
//! values, per inputs), constant definitions, built-in operators and
//! higher-order built-ins.

use super::{Ctx, Slot};
use crate::builtins::{self, Builtin};
use crate::cache::StepCache;
use crate::error::{at, err, vspan, EResult};
use crate::ir::{Expr, Kind};
use crate::session::{self, Args};
use crate::value::Value;
use parser::span::Span;

/// The hash under which a pure call's result is kept.
fn pure_hash(uid: u64, id: u32, args: &[Value]) -> u64 {
    let mut h = crate::value::mix(uid, id as u64);
    for a in args {
        h = crate::value::mix(h, a.fingerprint());
    }
    h
}

impl<'p> Ctx<'p> {
    pub(super) fn const_def(&mut self, id: u32, span: Span) -> EResult<Value> {
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

    pub(super) fn call(&mut self, id: u32, args: &[Expr], span: Span) -> EResult<Value> {
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

    pub(super) fn call_uncached(&mut self, id: u32, args: &[Expr], span: Span) -> EResult<Value> {
        let mut vals = Args::with_capacity(args.len());
        for a in args {
            vals.push(self.eval(a)?);
        }
        self.call_values(id, vals, span)
    }

    /// Calls definition `id` with argument values.
    pub(super) fn call_values(&mut self, id: u32, vals: Args, span: Span) -> EResult<Value> {
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

    pub(super) fn builtin(&mut self, b: Builtin, args: &[Expr], span: Span) -> EResult<Value> {
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

    pub(super) fn higher_order(&mut self, b: Builtin, args: &[Expr], span: Span) -> EResult<Value> {
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
