//! Lowering: from the parser's AST to the resolved IR of [`crate::ir`].
//!
//! Names are resolved once, here: through EXTENDS (same context), unnamed
//! and named INSTANCE (a new context whose constants and variables are
//! substituted), the model's constant values and `<-` overrides (keyed by
//! the identity of the overridden definition, so `Nat <- 1..3` reaches every
//! module that extends Naturals), and the native built-ins. Operators whose
//! meaning involves the next state are inlined at each call site, with their
//! arguments passed by name, so that the successor enumerator sees
//! `x' = e`, `x' \in S` and `UNCHANGED` directly.
//!
//! The lowerer's state and entry points are here; `scope` (what a name
//! denotes), `instance` (INSTANCE contexts and `I!Op`), `inline`
//! (definitions, operator calls and inlining) and `expr` (each kind of
//! expression) hold its methods.

mod expr;
mod inline;
mod instance;
mod scope;

use crate::ir::{self, Expr, LetDef};
use crate::value::Value;
use parser::ast;
use parser::load::ModuleSet;
use parser::span::Span;
use std::collections::HashMap;
use std::sync::Arc;

/// A lowering error (a name the model leaves undefined, an unsupported
/// construct).
#[derive(Clone, Debug)]
pub struct LowerError {
    /// What went wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// Extra explanations.
    pub notes: Vec<String>,
}

impl parser::diag::IntoDiagnostic for LowerError {
    fn to_diagnostic(&self) -> parser::diag::Diag {
        let mut d = parser::diag::error_at(self.span, &self.message, "here");
        d.notes = self.notes.clone();
        d
    }
}

fn lerr<T>(span: Span, msg: impl Into<String>) -> Result<T, LowerError> {
    Err(LowerError {
        message: msg.into(),
        span,
        notes: vec![],
    })
}

/// Result of lowering.
pub type LResult<T> = Result<T, LowerError>;

pub use crate::program::{DefInfo, Program};

/// What a `.cfg` entry replaces a definition or constant with.
#[derive(Clone, Debug)]
pub enum Replacement {
    /// A value (`X = v`).
    Value(Value),
    /// A definition of the root module (`X <- Y`), by name.
    Def(String, Span),
}

/// The model's bindings: values of constants and `<-` overrides.
#[derive(Clone, Debug, Default)]
pub struct Bindings {
    /// Constants and definitions of the root context replaced by name
    /// (`X = v`, `X <- Y`).
    pub by_name: HashMap<String, Replacement>,
    /// Definitions of a given module replaced (`X <- [M] Y`): (module, name).
    pub scoped: HashMap<(String, String), Replacement>,
}

/// What a name denotes in a module's table.
#[derive(Clone, Debug)]
enum Item {
    Var,
    Const(usize),
    /// A definition (operator or function) in `module` at unit `unit`.
    Def(String, usize),
    /// A named instance `I(params) == INSTANCE ...`.
    Inst(String, usize),
    /// Reached through the unnamed INSTANCE at (module, unit).
    Hop(String, usize, Box<Item>),
}

/// A context: a module with the substitutions of the INSTANCE chain that
/// reached it (empty for the root).
#[derive(Clone)]
struct CtxData {
    module: String,
    subst: HashMap<String, Subst>,
    /// Substitutions for the instanced module's operator constants
    /// (`CONSTANT F(_)`).
    op_subst: HashMap<String, OpRef>,
    /// An op-argument substitution for a parameterised instance's
    /// parameters lives in the scope, not here.
    key: String,
}

type CtxId = usize;

/// An INSTANCE's substitutions: for constants and variables, and for
/// operator constants.
type Substitutions = (HashMap<String, Subst>, HashMap<String, OpRef>);

/// The expression substituted for a constant or variable of an instanced
/// module, lowered once. `nslots` is the number of frame slots it binds
/// (quantifiers, function constructors... inside it) counted from 0, when
/// it was lowered in a frame of its own: each use moves them to fresh
/// slots of the frame it is used in, so that they cannot overwrite the
/// names bound around the use (`\E p \in S : v'[p] = ...` with `v <- [p
/// \in S |-> ...]`). 0 when it was lowered in the frame of its use.
#[derive(Clone)]
struct Subst {
    expr: Arc<Expr>,
    nslots: u32,
}

impl Subst {
    /// The expression for a use in `frame`, its own slots moved to fresh
    /// slots of `frame`.
    fn use_in(&self, frame: &mut Frame) -> Expr {
        let mut e = (*self.expr).clone();
        if self.nslots > 0 {
            let base = frame.next;
            for _ in 0..self.nslots {
                frame.alloc();
            }
            e.shift_slots(base);
        }
        e
    }
}

/// An operator passed as an argument.
#[derive(Clone)]
enum OpRef {
    /// A LAMBDA or a LET-defined operator (captures its scope).
    Lambda(Vec<String>, Arc<ast::Expr>, CtxId, Vec<(String, Binding)>),
    /// A built-in or parameter operator by name, resolved in a context.
    Name(CtxId, String),
    /// An operator of a parameter (arity known), already resolved.
    Param(Box<OpRef>),
}

#[derive(Clone)]
enum Binding {
    Local(u32),
    Let(Box<LetDef>),
    Op(OpRef),
    /// A LET-level operator with parameters (inlined at each use).
    LetOp(Vec<String>, Arc<ast::Expr>, Vec<(String, Binding)>),
}

struct Frame {
    next: u32,
    max: u32,
}

impl Frame {
    fn new(n: u32) -> Frame {
        Frame { next: n, max: n }
    }
    fn alloc(&mut self) -> u32 {
        let s = self.next;
        self.next += 1;
        self.max = self.max.max(self.next);
        s
    }
}

/// Information about a lowered definition, per context.
#[derive(Clone, Copy)]
struct DefEntry {
    id: ir::DefId,
    inline: bool,
    constant: bool,
}

/// The lowerer.
pub struct Lowerer<'a> {
    set: &'a ModuleSet,
    modules: HashMap<String, &'a ast::Module>,
    tables: HashMap<String, HashMap<String, Item>>,
    ctxs: Vec<CtxData>,
    ctx_index: HashMap<String, CtxId>,
    def_cache: HashMap<(CtxId, String, usize), DefEntry>,
    bindings: Bindings,
    root: String,
    /// The program being built.
    pub program: Program,
    in_progress: Vec<(CtxId, String, usize)>,
    inline_depth: usize,
    /// The definitions being inlined (module, unit), innermost last: a
    /// recursive call met while inlining one is a call, not another
    /// inlining (a RECURSIVE operator used in Init).
    inlining: Vec<(String, usize)>,
    overrides: HashMap<(String, String), Replacement>,
    /// Inline every definition that depends on the state (used to lower
    /// the initial predicate, whose `x = e` conjuncts must be visible).
    pub force_inline: bool,
}

fn collect_modules<'a>(m: &'a ast::Module, out: &mut HashMap<String, &'a ast::Module>) {
    out.entry(m.name.name.clone()).or_insert(m);
    for u in &m.units {
        if let ast::UnitKind::Module(inner) = &u.kind {
            collect_modules(inner, out);
        }
    }
}

impl<'a> Lowerer<'a> {
    /// A lowerer for the root module `root` of `set` with the model's
    /// bindings.
    pub fn new(set: &'a ModuleSet, root: &str, bindings: Bindings) -> LResult<Lowerer<'a>> {
        let mut modules = HashMap::new();
        for lm in &set.modules {
            collect_modules(&lm.ast, &mut modules);
        }
        let mut l = Lowerer {
            set,
            modules,
            tables: HashMap::new(),
            ctxs: vec![],
            ctx_index: HashMap::new(),
            def_cache: HashMap::new(),
            bindings,
            root: root.to_string(),
            program: Program::default(),
            in_progress: vec![],
            inline_depth: 0,
            inlining: vec![],
            overrides: HashMap::new(),
            force_inline: false,
        };
        let mut vars = vec![];
        l.table(root, &mut vars);
        let mut seen = std::collections::HashSet::new();
        l.program.vars = vars
            .into_iter()
            .filter(|v| seen.insert(v.clone()))
            .collect();
        l.ctxs.push(CtxData {
            module: root.to_string(),
            subst: HashMap::new(),
            op_subst: HashMap::new(),
            key: root.to_string(),
        });
        l.ctx_index.insert(root.to_string(), 0);
        let mut overrides = l.bindings.scoped.clone();
        for (name, r) in &l.bindings.by_name {
            if let Some(home) = l.root_home(name) {
                overrides.insert((home, name.clone()), r.clone());
            }
        }
        l.overrides = overrides;
        Ok(l)
    }

    /// The module set.
    pub fn modules(&self) -> &'a ModuleSet {
        self.set
    }

    /// Lowers the definition `name` of the root module as an entry point
    /// (zero arguments) into a fresh frame; returns the body and its frame
    /// size.
    pub fn entry(&mut self, name: &str, span: Span) -> LResult<(Expr, u32)> {
        let mut frame = Frame::new(0);
        let id = ast::Ident::new(name, span);
        let e = self.inline_name(&id, 0, &mut frame, span)?;
        Ok((e, frame.max))
    }

    /// Where the root module's definition `name` lives: the context and
    /// the module (through EXTENDS and unnamed INSTANCE).
    pub fn find_def(&mut self, name: &str, span: Span) -> LResult<Option<(usize, String)>> {
        match self.lookup(0, name, span) {
            Ok((c, Item::Def(m, _))) => Ok(Some((c, m))),
            Ok(_) => Ok(None),
            Err(_) => Ok(None),
        }
    }

    /// Lowers a source expression in context `ctx` (from
    /// [`Lowerer::find_def`]).
    pub fn expr_in(&mut self, ctx: usize, e: &ast::Expr) -> LResult<(Expr, u32)> {
        let mut frame = Frame::new(0);
        let x = self.expr(e, ctx, &mut vec![], &mut frame)?;
        Ok((x, frame.max))
    }

    /// Lowers a source expression in the root context (for command-line
    /// expressions and tests).
    pub fn root_expr(&mut self, e: &ast::Expr) -> LResult<(Expr, u32)> {
        let mut frame = Frame::new(0);
        let x = self.expr(e, 0, &mut vec![], &mut frame)?;
        Ok((x, frame.max))
    }
}

/// Exposes `Quant` for users of the IR.
pub use ir::Quant as QuantKind;
