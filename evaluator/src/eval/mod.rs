//! Evaluation of the IR with TLC's semantics, in a state (and, for actions,
//! a next state that may be only partly known while successors are being
//! enumerated).
//!
//! The context ([`Ctx`]: program, states, frame stack) is here; its
//! methods are split by concern: `expr` (the value of each kind of
//! expression), `bind` (bound names), `func` (functions, records, set
//! updates), `call` (definitions, built-ins and their caches), `cached`
//! (the look-up of a cache keyed by inputs).

mod bind;
mod cached;
mod call;
mod expr;
mod func;
pub mod walk;

pub use bind::Elems;
pub use func::apply_fn;

pub use crate::error::{err, vspan, EResult, EvalError};
use crate::program::Program;
pub use crate::value::values_equal;
use crate::value::Value;
use parser::span::Span;

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
}
