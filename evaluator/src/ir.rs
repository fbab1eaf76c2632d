//! The resolved IR that the evaluator runs: every name is already a state
//! variable slot, a frame slot, a definition index, a built-in operator or a
//! constant; INSTANCE substitutions are applied; operators whose meaning
//! depends on the next state (actions) are inlined at their call sites so
//! that successor enumeration sees `x' = e` directly.

use crate::builtins::Builtin;
use crate::value::Value;
use parser::span::Span;
use std::sync::Arc;

/// Index of a lowered definition in [`crate::program::Program::defs`].
pub type DefId = u32;

/// A lowered expression with the span of the source it came from.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What it computes.
    pub kind: Kind,
    /// Where it was written.
    pub span: Span,
}

/// A binder: names bound to elements of a set (or the components of a
/// tuple pattern).
#[derive(Clone, Debug)]
pub struct Bound {
    /// The frame slots of the names.
    pub slots: Vec<u32>,
    /// Whether the names destructure a tuple `<<x, y>>`.
    pub tuple: bool,
    /// The set (None for unbounded binders, which cannot be evaluated).
    pub set: Option<Box<Expr>>,
    /// The names as written (for messages).
    pub names: Vec<String>,
}

/// A lazily evaluated local definition (LET, or an inlined operator's
/// parameter).
#[derive(Clone, Debug)]
pub struct LetDef {
    /// The frame slot caching its value.
    pub slot: u32,
    /// Its definition.
    pub def: Arc<Expr>,
    /// Whether the value may be cached (false when it mentions the next
    /// state, whose value can change while an action is enumerated).
    pub memo: bool,
    /// Its name.
    pub name: String,
}

/// A step of an EXCEPT path.
#[derive(Clone, Debug)]
pub enum Key {
    /// `.f` (the field name as a string value).
    Field(Value),
    /// `[e]` or `[e, f]` (several indices form a tuple).
    Index(Vec<Expr>),
}

/// Quantifier kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quant {
    /// `\A`.
    Forall,
    /// `\E`.
    Exists,
}

/// Expression kinds.
#[derive(Clone, Debug)]
pub enum Kind {
    /// A constant (literals, model constants, folded constant definitions).
    Const(Value),
    /// A state variable in the current state.
    Var(u32),
    /// A state variable in the next state.
    PrimeVar(u32),
    /// Any expression evaluated in the next state.
    Prime(Box<Expr>),
    /// A frame slot bound by a quantifier, CHOOSE, function constructor ...
    Local(u32),
    /// A lazily evaluated LET definition or inlined parameter.
    LetRef(Box<LetDef>),
    /// LET definitions (their slots are reset) and the body.
    Let(Vec<LetDef>, Box<Expr>),
    /// A call of a lowered definition (a new frame).
    Call(DefId, Vec<Expr>),
    /// A zero-argument definition that depends on no state: computed once.
    ConstDef(DefId),
    /// A built-in operator (standard modules, TLC).
    Builtin(Builtin, Vec<Expr>),
    /// An operator passed as an argument to a built-in: its parameters'
    /// frame slots and body (evaluated in the current frame).
    Lambda(Vec<u32>, Box<Expr>),
    /// `~e`.
    Not(Box<Expr>),
    /// `a /\ b /\ ...` (from infix or bullets).
    And(Vec<Expr>),
    /// `a \/ b \/ ...`.
    Or(Vec<Expr>),
    /// `a => b`.
    Implies(Box<Expr>, Box<Expr>),
    /// `a <=> b`.
    Equiv(Box<Expr>, Box<Expr>),
    /// `a = b`.
    Eq(Box<Expr>, Box<Expr>),
    /// `a /= b`.
    Neq(Box<Expr>, Box<Expr>),
    /// `a \in S`.
    In(Box<Expr>, Box<Expr>),
    /// `a \notin S`.
    NotIn(Box<Expr>, Box<Expr>),
    /// `IF c THEN a ELSE b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `CASE`: guarded arms and OTHER.
    Case(Vec<(Expr, Expr)>, Option<Box<Expr>>),
    /// `\A` / `\E` over bounds.
    Quant(Quant, Vec<Bound>, Box<Expr>),
    /// `CHOOSE x \in S : P`.
    Choose(Bound, Box<Expr>),
    /// `{a, b}`.
    SetEnum(Vec<Expr>),
    /// `{x \in S : P}`.
    SetFilter(Bound, Box<Expr>),
    /// `{e : x \in S, ...}`.
    SetMap(Box<Expr>, Vec<Bound>),
    /// `[x \in S |-> e]`.
    FnCons(Vec<Bound>, Box<Expr>),
    /// A recursive function definition `f[x \in S] == e`: the frame slot of
    /// `f` itself, the bounds and the body.
    RecFn(u32, Vec<Bound>, Box<Expr>),
    /// `[S -> T]`.
    FnSet(Box<Expr>, Box<Expr>),
    /// `f[a]` or `f[a, b]`.
    FnApp(Box<Expr>, Vec<Expr>),
    /// `[a |-> e, ...]` with sorted field names (as string values).
    Record(crate::value::Keys, Vec<Expr>),
    /// `[a : S, ...]` with sorted field names.
    RecordSet(crate::value::Keys, Vec<Expr>),
    /// `r.f`.
    Dot(Box<Expr>, Value),
    /// `<<a, b>>`.
    Tuple(Vec<Expr>),
    /// `S \X T`.
    Times(Vec<Expr>),
    /// `[f EXCEPT !... = e, ...]`; the slot receives `@` for each update.
    Except(Box<Expr>, Vec<(Vec<Key>, Expr)>, u32),
    /// `SUBSET S`.
    Subset(Box<Expr>),
    /// `UNION S`.
    Union(Box<Expr>),
    /// `DOMAIN f`.
    Domain(Box<Expr>),
    /// `S \cup T`.
    Cup(Box<Expr>, Box<Expr>),
    /// `S \cap T`.
    Cap(Box<Expr>, Box<Expr>),
    /// `S \ T`.
    SetMinus(Box<Expr>, Box<Expr>),
    /// `S \subseteq T`.
    Subseteq(Box<Expr>, Box<Expr>),
    /// `UNCHANGED e`.
    Unchanged(Box<Expr>),
    /// `[A]_v`.
    BoxAction(Box<Expr>, Box<Expr>),
    /// `<<A>>_v`.
    AngleAction(Box<Expr>, Box<Expr>),
    /// `ENABLED A`.
    Enabled(Box<Expr>),
    /// Temporal formulas (`[]`, `<>`, `~>`, WF, SF, `\AA`, `\EE`, `-+->`):
    /// only analysed by the model checker, never evaluated.
    Temporal(TemporalOp, Vec<Expr>),
    /// The inlined body of an action-level operator, with its name and the
    /// expressions of its arguments (so that traces and verdicts can name
    /// the action taken: `Phase1b(a1)`).
    Named(Arc<str>, Vec<(String, Expr)>, Box<Expr>),
    /// A formula that cannot be evaluated, with the reason (an unbounded
    /// quantifier, a proof-only construct): an error if evaluated.
    Unsupported(String),
}

/// Temporal operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemporalOp {
    /// `[]F`.
    Always,
    /// `<>F`.
    Eventually,
    /// `F ~> G`.
    LeadsTo,
    /// `WF_v(A)`.
    Wf,
    /// `SF_v(A)`.
    Sf,
    /// `\AA`, `\EE`, `-+->`, `\cdot`.
    Other,
}

impl Expr {
    /// A node.
    pub fn new(kind: Kind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// Whether evaluating this expression may need the next state (primes,
    /// UNCHANGED, actions).
    pub fn mentions_next(&self) -> bool {
        let mut found = false;
        self.walk(&mut |e| {
            if matches!(
                e.kind,
                Kind::PrimeVar(_)
                    | Kind::Prime(_)
                    | Kind::Unchanged(_)
                    | Kind::BoxAction(..)
                    | Kind::AngleAction(..)
            ) {
                found = true;
            }
            if let Kind::LetRef(d) = &e.kind {
                if !d.memo {
                    found = true;
                }
            }
        });
        found
    }

    /// Whether the expression contains a temporal operator or `ENABLED`
    /// (formulas that only the liveness checker reads).
    pub fn is_temporal_level(&self) -> bool {
        let mut found = false;
        self.walk(&mut |e| {
            if matches!(e.kind, Kind::Temporal(..) | Kind::Enabled(_)) {
                found = true;
            }
        });
        found
    }

    /// Whether the value of the expression may depend on the state (current
    /// or next) or on an impure built-in; frame slots (parameters, bound
    /// names) do not count.
    pub fn depends_on_state(&self, pure_call: &dyn Fn(DefId) -> bool) -> bool {
        let mut dep = false;
        self.walk(&mut |e| match &e.kind {
            Kind::Var(_)
            | Kind::PrimeVar(_)
            | Kind::Prime(_)
            | Kind::Unchanged(_)
            | Kind::Enabled(_)
            | Kind::Temporal(..)
            | Kind::Unsupported(_) => dep = true,
            Kind::Builtin(b, _) if !b.is_pure() => dep = true,
            Kind::Call(d, _) if !pure_call(*d) => dep = true,
            _ => {}
        });
        dep
    }

    /// Whether a node below this one (or this one) is of a kind for which
    /// `costly` holds, or binds names over a set (quantifiers, CHOOSE, set
    /// and function constructors, UNION): the expressions worth caching.
    pub fn has_costly_node(&self, costly: &dyn Fn(&Kind) -> bool) -> bool {
        let mut x = false;
        self.walk(&mut |n| {
            if costly(&n.kind)
                || matches!(
                    n.kind,
                    Kind::Quant(..)
                        | Kind::Choose(..)
                        | Kind::SetFilter(..)
                        | Kind::SetMap(..)
                        | Kind::FnCons(..)
                        | Kind::Union(..)
                )
            {
                x = true;
            }
        });
        x
    }

    /// Calls `f` on this node and every node below it (not into called
    /// definitions; into LET definitions).
    pub fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        self.for_each_child(&mut |c| c.walk(f));
    }

    /// Calls `f` on each direct sub-expression (the definition of a
    /// [`Kind::LetRef`] and the sets of bounds included; not called
    /// definitions).
    pub fn for_each_child(&self, f: &mut dyn FnMut(&Expr)) {
        let bounds = |bs: &[Bound], f: &mut dyn FnMut(&Expr)| {
            for b in bs {
                if let Some(s) = &b.set {
                    f(s);
                }
            }
        };
        match &self.kind {
            Kind::Const(_)
            | Kind::Var(_)
            | Kind::PrimeVar(_)
            | Kind::Local(_)
            | Kind::ConstDef(_)
            | Kind::Unsupported(_) => {}
            Kind::LetRef(d) => f(&d.def),
            Kind::Prime(e)
            | Kind::Not(e)
            | Kind::Subset(e)
            | Kind::Union(e)
            | Kind::Domain(e)
            | Kind::Unchanged(e)
            | Kind::Enabled(e)
            | Kind::Lambda(_, e) => f(e),
            Kind::Named(_, args, body) => {
                for (_, a) in args {
                    f(a);
                }
                f(body);
            }
            Kind::Let(defs, body) => {
                for d in defs {
                    f(&d.def);
                }
                f(body);
            }
            Kind::Call(_, args)
            | Kind::Builtin(_, args)
            | Kind::And(args)
            | Kind::Or(args)
            | Kind::SetEnum(args)
            | Kind::Tuple(args)
            | Kind::Times(args)
            | Kind::Record(_, args)
            | Kind::RecordSet(_, args)
            | Kind::Temporal(_, args) => args.iter().for_each(&mut *f),
            Kind::Implies(a, b)
            | Kind::Equiv(a, b)
            | Kind::Eq(a, b)
            | Kind::Neq(a, b)
            | Kind::In(a, b)
            | Kind::NotIn(a, b)
            | Kind::FnSet(a, b)
            | Kind::Cup(a, b)
            | Kind::Cap(a, b)
            | Kind::SetMinus(a, b)
            | Kind::Subseteq(a, b)
            | Kind::BoxAction(a, b)
            | Kind::AngleAction(a, b) => {
                f(a);
                f(b);
            }
            Kind::If(a, b, c) => {
                f(a);
                f(b);
                f(c);
            }
            Kind::Case(arms, other) => {
                for (g, v) in arms {
                    f(g);
                    f(v);
                }
                if let Some(o) = other {
                    f(o);
                }
            }
            Kind::Quant(_, bs, body) | Kind::FnCons(bs, body) | Kind::RecFn(_, bs, body) => {
                bounds(bs, f);
                f(body);
            }
            Kind::Choose(b, body) | Kind::SetFilter(b, body) => {
                bounds(std::slice::from_ref(b), f);
                f(body);
            }
            Kind::SetMap(body, bs) => {
                f(body);
                bounds(bs, f);
            }
            Kind::FnApp(g, args) => {
                f(g);
                args.iter().for_each(&mut *f);
            }
            Kind::Dot(e, _) => f(e),
            Kind::Except(g, ups, _) => {
                f(g);
                for (keys, v) in ups {
                    for k in keys {
                        if let Key::Index(ix) = k {
                            ix.iter().for_each(&mut *f);
                        }
                    }
                    f(v);
                }
            }
        }
    }
}

impl Expr {
    /// Calls `f` on each direct sub-expression, mutably (the same children
    /// as [`Expr::for_each_child`]; a shared LET definition is copied
    /// first).
    pub fn for_each_child_mut(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        fn bounds(bs: &mut [Bound], f: &mut dyn FnMut(&mut Expr)) {
            for b in bs {
                if let Some(s) = &mut b.set {
                    f(s);
                }
            }
        }
        match &mut self.kind {
            Kind::Const(_)
            | Kind::Var(_)
            | Kind::PrimeVar(_)
            | Kind::Local(_)
            | Kind::ConstDef(_)
            | Kind::Unsupported(_) => {}
            Kind::LetRef(d) => f(Arc::make_mut(&mut d.def)),
            Kind::Prime(x)
            | Kind::Not(x)
            | Kind::Subset(x)
            | Kind::Union(x)
            | Kind::Domain(x)
            | Kind::Unchanged(x)
            | Kind::Enabled(x)
            | Kind::Lambda(_, x) => f(x),
            Kind::Named(_, args, body) => {
                for (_, a) in args {
                    f(a);
                }
                f(body);
            }
            Kind::Let(defs, body) => {
                for d in defs {
                    f(Arc::make_mut(&mut d.def));
                }
                f(body);
            }
            Kind::Call(_, xs)
            | Kind::Builtin(_, xs)
            | Kind::And(xs)
            | Kind::Or(xs)
            | Kind::SetEnum(xs)
            | Kind::Tuple(xs)
            | Kind::Times(xs)
            | Kind::Record(_, xs)
            | Kind::RecordSet(_, xs)
            | Kind::Temporal(_, xs) => xs.iter_mut().for_each(f),
            Kind::Implies(a, b)
            | Kind::Equiv(a, b)
            | Kind::Eq(a, b)
            | Kind::Neq(a, b)
            | Kind::In(a, b)
            | Kind::NotIn(a, b)
            | Kind::FnSet(a, b)
            | Kind::Cup(a, b)
            | Kind::Cap(a, b)
            | Kind::SetMinus(a, b)
            | Kind::Subseteq(a, b)
            | Kind::BoxAction(a, b)
            | Kind::AngleAction(a, b) => {
                f(a);
                f(b);
            }
            Kind::If(a, b, c) => {
                f(a);
                f(b);
                f(c);
            }
            Kind::Case(arms, other) => {
                for (g, x) in arms {
                    f(g);
                    f(x);
                }
                if let Some(o) = other {
                    f(o);
                }
            }
            Kind::Quant(_, bs, body) | Kind::FnCons(bs, body) | Kind::RecFn(_, bs, body) => {
                bounds(bs, f);
                f(body);
            }
            Kind::Choose(b, body) | Kind::SetFilter(b, body) => {
                bounds(std::slice::from_mut(b), f);
                f(body);
            }
            Kind::SetMap(body, bs) => {
                f(body);
                bounds(bs, f);
            }
            Kind::FnApp(g, xs) => {
                f(g);
                xs.iter_mut().for_each(f);
            }
            Kind::Dot(x, _) => f(x),
            Kind::Except(g, ups, _) => {
                f(g);
                for (keys, x) in ups {
                    for k in keys {
                        if let Key::Index(ix) = k {
                            ix.iter_mut().for_each(&mut *f);
                        }
                    }
                    f(x);
                }
            }
        }
    }

    /// Adds `by` to every frame slot this expression reads or binds (bound
    /// names, LET definitions, LAMBDA parameters, `@`, a recursive
    /// function's own name): the expression, lowered in a frame of its
    /// own from slot 0, then runs in slots `by..` of another frame. Slots
    /// of called definitions are their own frames' and stay.
    pub fn shift_slots(&mut self, by: u32) {
        let shift = |s: &mut u32| {
            if *s != u32::MAX {
                *s += by;
            }
        };
        match &mut self.kind {
            Kind::Local(s) | Kind::RecFn(s, ..) | Kind::Except(_, _, s) => shift(s),
            Kind::LetRef(d) => shift(&mut d.slot),
            Kind::Let(defs, _) => defs.iter_mut().for_each(|d| shift(&mut d.slot)),
            Kind::Lambda(params, _) => params.iter_mut().for_each(shift),
            _ => {}
        }
        match &mut self.kind {
            Kind::Quant(_, bs, _)
            | Kind::FnCons(bs, _)
            | Kind::RecFn(_, bs, _)
            | Kind::SetMap(_, bs) => bs
                .iter_mut()
                .for_each(|b| b.slots.iter_mut().for_each(shift)),
            Kind::Choose(b, _) | Kind::SetFilter(b, _) => b.slots.iter_mut().for_each(shift),
            _ => {}
        }
        self.for_each_child_mut(&mut |c| c.shift_slots(by));
    }
}
