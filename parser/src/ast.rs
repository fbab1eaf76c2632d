//! The spanned syntax tree of a TLA+ module, as written: names are not yet
//! resolved (that is the evaluator's lowering), but every node knows where
//! it came from.

use crate::span::Span;
use serde::Serialize;

/// A name as written, with its span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ident {
    /// The name (for operators: the canonical symbol, e.g. `\cup`).
    pub name: String,
    /// Where it was written.
    #[serde(skip)]
    pub span: Span,
}

/// A module: `---- MODULE Name ---- ... ====`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Module {
    /// The module's name.
    pub name: Ident,
    /// The modules it EXTENDS.
    pub extends: Vec<Ident>,
    /// Its declarations, definitions, theorems, in order.
    pub units: Vec<Unit>,
    /// From `---- MODULE` to the closing `====`.
    #[serde(skip)]
    pub span: Span,
}

/// Modules nest (a module inside a module): each level is dropped where
/// there is stack for it ([`crate::limits::with_stack`]), so that modules
/// nested as deep as the parser accepts are freed on any thread.
impl Drop for Module {
    fn drop(&mut self) {
        if self
            .units
            .iter()
            .any(|u| matches!(u.kind, UnitKind::Module(_)))
        {
            let units = std::mem::take(&mut self.units);
            crate::limits::with_stack(move || drop(units));
        }
    }
}

/// A top-level item of a module (also used for LET definitions and proof
/// step definitions).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unit {
    /// What it is.
    pub kind: UnitKind,
    /// Where it is.
    #[serde(skip)]
    pub span: Span,
}

/// The kinds of module-level items.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum UnitKind {
    /// `VARIABLE(S) x, y`.
    Variables(Vec<Ident>),
    /// `CONSTANT(S) c, F(_, _), _ \prec _`.
    Constants(Vec<OpDecl>),
    /// `RECURSIVE F(_), G(_, _)`.
    Recursive(Vec<OpDecl>),
    /// `Op(params) == body` (also infix, prefix and postfix forms).
    OpDef(OpDef),
    /// `f[x \in S] == body`.
    FunDef(FunDef),
    /// `INSTANCE M WITH ...` (unnamed).
    Instance(Instance),
    /// `I(params) == INSTANCE M WITH ...`.
    ModuleDef(ModuleDef),
    /// `ASSUME [name ==] e`, `AXIOM ...`.
    Assume(Assume),
    /// `THEOREM [name ==] statement [proof]` (and LEMMA, ...).
    Theorem(Theorem),
    /// `USE ...` / `HIDE ...`.
    UseHide(UseHide),
    /// A module nested in this one.
    Module(Box<Module>),
    /// A `----` line.
    Separator,
}

/// A declared operator: a constant, a RECURSIVE declaration, or a
/// higher-order parameter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpDecl {
    /// Its name (the symbol for `_ \prec _`).
    pub name: Ident,
    /// Number of arguments (0 for an ordinary constant).
    pub arity: usize,
}

/// How an operator is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Fixity {
    /// `Op(a, b)` or `Op`.
    Normal,
    /// `a + b`.
    Infix,
    /// `-. a`.
    Prefix,
    /// `a ^+`.
    Postfix,
}

/// `Op(params) == body`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpDef {
    /// The operator's name.
    pub name: Ident,
    /// Its parameters.
    pub params: Vec<OpDecl>,
    /// Its body.
    pub body: Expr,
    /// How it is written.
    pub fixity: Fixity,
    /// Declared LOCAL.
    pub local: bool,
}

/// `f[x \in S, y \in T] == body`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunDef {
    /// The function's name.
    pub name: Ident,
    /// Its bound variables.
    pub bounds: Vec<Bound>,
    /// Its body.
    pub body: Expr,
    /// Declared LOCAL.
    pub local: bool,
}

/// `INSTANCE M WITH a <- e, ...`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instance {
    /// The instantiated module.
    pub module: Ident,
    /// The substitutions.
    pub subst: Vec<(Ident, Expr)>,
    /// Declared LOCAL.
    pub local: bool,
    /// Where it is.
    #[serde(skip)]
    pub span: Span,
}

/// `I(params) == INSTANCE M WITH ...`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModuleDef {
    /// The instance's name.
    pub name: Ident,
    /// Its parameters.
    pub params: Vec<OpDecl>,
    /// The instance.
    pub instance: Instance,
    /// Declared LOCAL.
    pub local: bool,
}

/// `ASSUME [name ==] e`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assume {
    /// Its name, if any.
    pub name: Option<Ident>,
    /// The assumption.
    pub expr: Expr,
}

/// `THEOREM [name ==] statement [proof]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Theorem {
    /// THEOREM, LEMMA, PROPOSITION or COROLLARY.
    pub keyword: String,
    /// Its name, if any.
    pub name: Option<Ident>,
    /// What it states.
    pub body: Expr,
    /// Its proof, if given.
    pub proof: Option<Proof>,
}

/// A bound variable form: `x \in S`, `x, y \in S`, `<<x, y>> \in S`, or
/// unbounded `x`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bound {
    /// The variables: one per name, or the tuple's components.
    pub names: Vec<Ident>,
    /// Whether the names form a tuple pattern `<<x, y>>`.
    pub tuple: bool,
    /// The set they range over (`None` when unbounded).
    pub set: Option<Box<Expr>>,
}

/// A spanned expression.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is.
    #[serde(skip)]
    pub span: Span,
}

/// One step of a qualified name `A!B(x)!C`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum PathElem {
    /// A name with optional arguments.
    Name(Ident, Vec<Expr>),
    /// A subexpression selector: `!2`, `!:`, `!<`, `!>`, `!@`, `!(e, f)`.
    Selector(String, Vec<Expr>),
}

/// A part of an EXCEPT path: `.f` or `[e, f]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ExceptKey {
    /// `.field`.
    Field(Ident),
    /// `[e]` or `[e, f]` (a tuple index).
    Index(Vec<Expr>),
}

/// A CASE arm `p -> e`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseArm {
    /// The guard.
    pub guard: Expr,
    /// The value.
    pub value: Expr,
}

/// Quantifier kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Quant {
    /// `\A`.
    Forall,
    /// `\E`.
    Exists,
}

/// A NEW-declaration or fact in ASSUME ... PROVE.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum AssumeItem {
    /// `NEW [CONSTANT|VARIABLE|STATE|ACTION|TEMPORAL] x [\in S]` or
    /// `NEW P(_, _)`.
    New {
        /// `CONSTANT`, `VARIABLE`, `STATE`, `ACTION`, `TEMPORAL` or empty.
        level: String,
        /// The declared name and arity.
        decl: OpDecl,
        /// `\in S`, if given.
        set: Option<Expr>,
    },
    /// A definition inside ASSUME.
    Def(Box<Unit>),
    /// An assumption (an expression or a nested ASSUME ... PROVE).
    Fact(Expr),
}

/// The kinds of expressions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ExprKind {
    /// A name, possibly applied: `x`, `Op(a, b)`.
    Apply(Ident, Vec<Expr>),
    /// A qualified name: `V!Spec`, `I(x)!Op(y)`, `Inv!2`; the first element
    /// is the head.
    Qualified(Vec<PathElem>),
    /// A natural number literal (decimal digits).
    Num(String),
    /// A decimal literal.
    Decimal(String),
    /// A string literal.
    Str(String),
    /// `@` inside EXCEPT.
    At,
    /// An operator applied in infix form: `a + b`.
    Infix(Ident, Box<Expr>, Box<Expr>),
    /// A prefix operator: `~a`, `-a`, `SUBSET S`, `[]P`, `ENABLED A` ...
    Prefix(Ident, Box<Expr>),
    /// A postfix operator: `x'`, `R^+`.
    Postfix(Ident, Box<Expr>),
    /// A bullet list of `/\` (`true`) or `\/` (`false`) items.
    Junction(bool, Vec<Expr>),
    /// `IF c THEN a ELSE b`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `CASE p1 -> e1 [] ... [] OTHER -> e`.
    Case(Vec<CaseArm>, Option<Box<Expr>>),
    /// `LET defs IN body`.
    Let(Vec<Unit>, Box<Expr>),
    /// `\A`/`\E` with bounds (bounded or not).
    Quant(Quant, Vec<Bound>, Box<Expr>),
    /// `\AA`/`\EE x, y : F` (temporal quantifiers).
    TemporalQuant(Quant, Vec<Ident>, Box<Expr>),
    /// `CHOOSE x [\in S] : P`.
    Choose(Bound, Box<Expr>),
    /// `{a, b, c}`.
    SetEnum(Vec<Expr>),
    /// `{x \in S : P}`.
    SetFilter(Bound, Box<Expr>),
    /// `{e : x \in S, y \in T}`.
    SetMap(Box<Expr>, Vec<Bound>),
    /// `[x \in S |-> e]`.
    FnCons(Vec<Bound>, Box<Expr>),
    /// `[S -> T]`.
    FnSet(Box<Expr>, Box<Expr>),
    /// `f[a]`, `f[a, b]`.
    FnApp(Box<Expr>, Vec<Expr>),
    /// `[a |-> 1, b |-> 2]`.
    Record(Vec<(Ident, Expr)>),
    /// `[a : S, b : T]`.
    RecordSet(Vec<(Ident, Expr)>),
    /// `r.f`.
    Dot(Box<Expr>, Ident),
    /// `<<a, b>>`.
    Tuple(Vec<Expr>),
    /// `A \X B \X C`.
    Times(Vec<Expr>),
    /// `[f EXCEPT ![a].b = e, ...]`.
    Except(Box<Expr>, Vec<(Vec<ExceptKey>, Expr)>),
    /// `[A]_v`.
    BoxAction(Box<Expr>, Box<Expr>),
    /// `<<A>>_v`.
    AngleAction(Box<Expr>, Box<Expr>),
    /// `WF_v(A)` (`false`) or `SF_v(A)` (`true`).
    Fairness(bool, Box<Expr>, Box<Expr>),
    /// `LAMBDA x, y : e`.
    Lambda(Vec<Ident>, Box<Expr>),
    /// `lbl(x) :: e`.
    Label(Ident, Vec<Ident>, Box<Expr>),
    /// `ASSUME a, NEW x PROVE p` (in theorems and proof steps).
    AssumeProve(Vec<AssumeItem>, Box<Expr>),
    /// A reference to a proof step, `<1>2`.
    StepRef(String),
    /// `BOOLEAN`, `TRUE`, `FALSE`, `STRING` are ordinary names; this is
    /// a parenthesised expression, kept so that printing round-trips.
    Paren(Box<Expr>),
}

/// A proof.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Proof {
    /// `OBVIOUS`.
    Obvious,
    /// `OMITTED`.
    Omitted,
    /// `BY [ONLY] facts [DEF names]`.
    By(UseHide),
    /// A sequence of steps.
    Steps(Vec<Step>),
}

/// `USE`/`HIDE`/`BY` contents: facts and definitions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UseHide {
    /// `USE`, `HIDE` or `BY`.
    pub keyword: String,
    /// `ONLY` was given.
    pub only: bool,
    /// The facts (expressions, step references, `MODULE M`).
    pub facts: Vec<Expr>,
    /// Modules named with `MODULE M`.
    pub modules: Vec<Ident>,
    /// The names after DEF/DEFS.
    pub defs: Vec<Expr>,
}

/// A proof step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// The label as written, e.g. `<1>2`.
    pub label: String,
    /// Its level.
    pub level: u32,
    /// What the step does.
    pub body: StepBody,
    /// Its proof, if any.
    pub proof: Option<Proof>,
    /// Where it is.
    #[serde(skip)]
    pub span: Span,
}

/// What a proof step says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum StepBody {
    /// `QED`.
    Qed,
    /// An assertion (an expression or ASSUME ... PROVE).
    Assert(Expr),
    /// `SUFFICES e`.
    Suffices(Expr),
    /// `CASE e`.
    Case(Expr),
    /// `PICK x \in S : P`.
    Pick(Vec<Bound>, Expr),
    /// `HAVE e`.
    Have(Expr),
    /// `TAKE x \in S`.
    Take(Vec<Bound>),
    /// `WITNESS e, f`.
    Witness(Vec<Expr>),
    /// `DEFINE` or plain definitions.
    Define(Vec<Unit>),
    /// `USE` / `HIDE`.
    UseHide(UseHide),
    /// `INSTANCE M`.
    Instance(Instance),
}

impl Expr {
    /// Wraps a kind with a span.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

impl Ident {
    /// A name with a span.
    pub fn new(name: impl Into<String>, span: Span) -> Ident {
        Ident {
            name: name.into(),
            span,
        }
    }
}
