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

use crate::builtins;
use crate::ir::{self, Bound, Expr, Key, Kind, LetDef, Quant, TemporalOp};
use crate::value::Value;
use parser::ast;
use parser::load::ModuleSet;
use parser::span::Span;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

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
    subst: HashMap<String, Arc<Expr>>,
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
type Substitutions = (HashMap<String, Arc<Expr>>, HashMap<String, OpRef>);

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

    /// Builds (once) the name table of module `name`; collects the state
    /// variables in declaration order into `vars`.
    fn table(&mut self, name: &str, vars: &mut Vec<String>) -> HashMap<String, Item> {
        if let Some(t) = self.tables.get(name) {
            for (n, i) in t {
                if matches!(i, Item::Var) && !vars.contains(n) {
                    vars.push(n.clone());
                }
            }
            return t.clone();
        }
        let Some(m) = self.modules.get(name).copied() else {
            return HashMap::new();
        };
        let mut t: HashMap<String, Item> = HashMap::new();
        let mut own = std::collections::HashSet::new();
        for e in &m.extends {
            let et = self.table(&e.name, vars);
            for (n, i) in et {
                t.entry(n).or_insert(i);
            }
        }
        for (idx, u) in m.units.iter().enumerate() {
            match &u.kind {
                ast::UnitKind::Variables(vs) => {
                    for v in vs {
                        t.insert(v.name.clone(), Item::Var);
                        own.insert(v.name.clone());
                        vars.push(v.name.clone());
                    }
                }
                ast::UnitKind::Constants(cs) => {
                    for c in cs {
                        t.insert(c.name.name.clone(), Item::Const(c.arity));
                        own.insert(c.name.name.clone());
                    }
                }
                ast::UnitKind::OpDef(d) => {
                    t.insert(d.name.name.clone(), Item::Def(name.to_string(), idx));
                    own.insert(d.name.name.clone());
                }
                ast::UnitKind::FunDef(d) => {
                    t.insert(d.name.name.clone(), Item::Def(name.to_string(), idx));
                    own.insert(d.name.name.clone());
                }
                ast::UnitKind::ModuleDef(d) => {
                    t.insert(d.name.name.clone(), Item::Inst(name.to_string(), idx));
                    own.insert(d.name.name.clone());
                }
                ast::UnitKind::Instance(inst) => {
                    let mut ignored = vec![];
                    let it = self.table(&inst.module.name, &mut ignored);
                    for (n, i) in it {
                        if matches!(i, Item::Var | Item::Const(_)) || own.contains(&n) {
                            continue;
                        }
                        if let Some(d) = self.local_def(&n, &i) {
                            if !d {
                                continue;
                            }
                        }
                        t.insert(n, Item::Hop(name.to_string(), idx, Box::new(i)));
                    }
                }
                _ => {}
            }
        }
        self.tables.insert(name.to_string(), t.clone());
        t
    }

    /// Whether an imported item is public (LOCAL definitions are not
    /// imported by INSTANCE).
    fn local_def(&self, _name: &str, item: &Item) -> Option<bool> {
        match item {
            Item::Def(m, u) | Item::Inst(m, u) => {
                let module = self.modules.get(m)?;
                Some(match &module.units.get(*u)?.kind {
                    ast::UnitKind::OpDef(d) => !d.local,
                    ast::UnitKind::FunDef(d) => !d.local,
                    ast::UnitKind::ModuleDef(d) => !d.local,
                    _ => true,
                })
            }
            _ => None,
        }
    }

    fn unit(&self, module: &str, idx: usize) -> &'a ast::Unit {
        &self.modules[module].units[idx]
    }

    // ---- contexts -------------------------------------------------------

    /// The context reached from `ctx` through the INSTANCE at
    /// (`module`, `unit`) (an unnamed INSTANCE or a named one without
    /// parameters).
    fn hop(&mut self, ctx: CtxId, module: &str, unit: usize, span: Span) -> LResult<CtxId> {
        let key = format!("{}>{}#{}", self.ctxs[ctx].key, module, unit);
        if let Some(&c) = self.ctx_index.get(&key) {
            return Ok(c);
        }
        let inst = match &self.unit(module, unit).kind {
            ast::UnitKind::Instance(i) => i,
            ast::UnitKind::ModuleDef(d) => &d.instance,
            _ => return lerr(span, "internal: not an instance"),
        };
        let (subst, op_subst) = self.instance_subst(ctx, inst, &mut Frame::new(0), &mut vec![])?;
        let c = self.ctxs.len();
        self.ctxs.push(CtxData {
            module: inst.module.name.clone(),
            subst,
            op_subst,
            key: key.clone(),
        });
        self.ctx_index.insert(key, c);
        Ok(c)
    }

    /// The substitutions of an INSTANCE: WITH entries, and the implicit
    /// `p <- p` for every other constant and variable.
    fn instance_subst(
        &mut self,
        ctx: CtxId,
        inst: &ast::Instance,
        frame: &mut Frame,
        scope: &mut Vec<(String, Binding)>,
    ) -> LResult<Substitutions> {
        let mut ignored = vec![];
        let target = self.table(&inst.module.name, &mut ignored);
        let mut subst = HashMap::new();
        let mut op_subst = HashMap::new();
        for (name, item) in &target {
            match item {
                Item::Const(arity) if *arity > 0 => {
                    let op = match inst.subst.iter().find(|(l, _)| &l.name == name) {
                        Some((_, e)) => self.opref(e, ctx, scope, *arity)?,
                        None => OpRef::Name(ctx, name.clone()),
                    };
                    op_subst.insert(name.clone(), op);
                }
                Item::Var | Item::Const(_) => {
                    let e = match inst.subst.iter().find(|(l, _)| &l.name == name) {
                        Some((_, e)) => self.expr(e, ctx, scope, frame)?,
                        None => {
                            let id = ast::Ident::new(name.clone(), inst.module.span);
                            self.name(&id, &[], ctx, scope, frame, inst.module.span)?
                        }
                    };
                    subst.insert(name.clone(), Arc::new(e));
                }
                _ => {}
            }
        }
        Ok((subst, op_subst))
    }

    // ---- entry points ---------------------------------------------------

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

    /// Lowers the body of the root-context definition `name` in place (its
    /// action-level callees inlined), so the caller can analyse its
    /// structure (conjuncts of Spec, `[][Next]_vars`).
    fn inline_name(
        &mut self,
        id: &ast::Ident,
        ctx: CtxId,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let item = self.lookup(ctx, &id.name, span)?;
        match item {
            (c, Item::Def(m, u)) => {
                if let Some(r) = self.replacement(c, &m, &id.name) {
                    return self.replaced(r, &[], frame, span);
                }
                let unit = self.unit(&m, u);
                match &unit.kind {
                    ast::UnitKind::OpDef(d) if d.params.is_empty() => {
                        if let Some(b) = builtins::native(&m, &id.name) {
                            return Ok(Expr::new(Kind::Builtin(b, vec![]), span));
                        }
                        self.expr(&d.body, c, &mut vec![], frame)
                    }
                    _ => self.name(id, &[], ctx, &mut vec![], frame, span),
                }
            }
            _ => self.name(id, &[], ctx, &mut vec![], frame, span),
        }
    }

    /// Resolves `name` in context `ctx`: the context it is defined in and
    /// its item.
    fn lookup(&mut self, ctx: CtxId, name: &str, span: Span) -> LResult<(CtxId, Item)> {
        let module = self.ctxs[ctx].module.clone();
        let mut ignored = vec![];
        let t = self.table(&module, &mut ignored);
        let Some(item) = t.get(name).cloned() else {
            return lerr(
                span,
                format!("`{name}` is not defined in module `{module}`"),
            );
        };
        self.follow(ctx, item, span)
    }

    fn follow(&mut self, ctx: CtxId, item: Item, span: Span) -> LResult<(CtxId, Item)> {
        match item {
            Item::Hop(m, u, inner) => {
                let c = self.hop(ctx, &m, u, span)?;
                self.follow(c, *inner, span)
            }
            i => Ok((ctx, i)),
        }
    }

    /// A `.cfg` replacement for the definition `name` whose home module is
    /// `module`: `X <- [M] Y` names it directly; `X = v` and `X <- Y` name
    /// the definition the root module sees under that name, and reach it
    /// wherever it is used.
    fn replacement(&self, _ctx: CtxId, module: &str, name: &str) -> Option<Replacement> {
        self.overrides
            .get(&(module.to_string(), name.to_string()))
            .cloned()
    }

    /// The home module of the definition `name` as seen from the root.
    fn root_home(&self, name: &str) -> Option<String> {
        let t = self.tables.get(&self.root)?;
        let mut item = t.get(name)?;
        loop {
            match item {
                Item::Def(m, _) | Item::Inst(m, _) => return Some(m.clone()),
                Item::Hop(_, _, inner) => item = inner,
                Item::Var | Item::Const(_) => return None,
            }
        }
    }

    fn replaced(
        &mut self,
        r: Replacement,
        args: &[Expr],
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        match r {
            Replacement::Value(v) => {
                if !args.is_empty() {
                    return lerr(span, "a constant value is applied to arguments");
                }
                Ok(Expr::new(Kind::Const(v), span))
            }
            Replacement::Def(name, _) => {
                let (c, item) = self.lookup(0, &name, span)?;
                self.apply_item(c, &name, item, args.to_vec(), vec![], frame, span)
            }
        }
    }

    // ---- names and calls -------------------------------------------------

    /// Lowers a use of `id` applied to `args` (AST) in `ctx` and `scope`.
    fn name(
        &mut self,
        id: &ast::Ident,
        args: &[ast::Expr],
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        // Local bindings first.
        if let Some(pos) = scope.iter().rposition(|(n, _)| n == &id.name) {
            let b = scope[pos].1.clone();
            return match b {
                Binding::Local(s) => {
                    if args.is_empty() {
                        Ok(Expr::new(Kind::Local(s), span))
                    } else {
                        lerr(span, format!("`{}` is not an operator", id.name))
                    }
                }
                Binding::Let(d) => {
                    if args.is_empty() && d.slot == u32::MAX {
                        Ok((*d.def).clone())
                    } else if args.is_empty() {
                        Ok(Expr::new(Kind::LetRef(d), span))
                    } else {
                        lerr(span, format!("`{}` takes no arguments", id.name))
                    }
                }
                Binding::Op(op) => {
                    let largs = self.args(args, ctx, scope, frame)?;
                    self.apply_opref(&op, largs, frame, span)
                }
                Binding::LetOp(params, body, captured) => {
                    let largs = self.args(args, ctx, scope, frame)?;
                    let op = OpRef::Lambda(params, body, ctx, captured);
                    self.apply_opref(&op, largs, frame, span)
                }
            };
        }
        match id.name.as_str() {
            "TRUE" if args.is_empty() => return Ok(Expr::new(Kind::Const(Value::TRUE), span)),
            "FALSE" if args.is_empty() => return Ok(Expr::new(Kind::Const(Value::FALSE), span)),
            "BOOLEAN" if args.is_empty() => {
                return Ok(Expr::new(
                    Kind::Const(Value::set_from(vec![Value::FALSE, Value::TRUE])),
                    span,
                ))
            }
            "STRING" if args.is_empty() => {
                return Ok(Expr::new(
                    Kind::Const(Value::Lazy(Arc::new(crate::value::Lazy::String))),
                    span,
                ))
            }
            _ => {}
        }
        if let Some(e) = self.ctxs[ctx].subst.get(&id.name).cloned() {
            if args.is_empty() {
                return Ok((*e).clone());
            }
        }
        if let Some(op) = self.ctxs[ctx].op_subst.get(&id.name).cloned() {
            let largs = self.args(args, ctx, scope, frame)?;
            return self.apply_opref(&op, largs, frame, span);
        }
        let (c, item) = self.lookup(ctx, &id.name, span)?;
        let mut largs = vec![];
        let mut opargs = vec![];
        // Operator arguments of higher-order operators are passed as OpRefs.
        let param_arities = self.param_arities(&item);
        for (k, a) in args.iter().enumerate() {
            let arity = param_arities.get(k).copied().unwrap_or(0);
            if arity > 0 {
                opargs.push((k, self.opref(a, ctx, scope, arity)?));
                largs.push(Expr::new(Kind::Const(Value::FALSE), a.span));
            } else {
                largs.push(self.expr(a, ctx, scope, frame)?);
            }
        }
        self.apply_item(c, &id.name, item, largs, opargs, frame, span)
    }

    fn param_arities(&self, item: &Item) -> Vec<usize> {
        match item {
            Item::Def(m, u) => match &self.unit(m, *u).kind {
                ast::UnitKind::OpDef(d) => d.params.iter().map(|p| p.arity).collect(),
                _ => vec![],
            },
            Item::Hop(_, _, inner) => self.param_arities(inner),
            _ => vec![],
        }
    }

    fn args(
        &mut self,
        args: &[ast::Expr],
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
    ) -> LResult<Vec<Expr>> {
        args.iter()
            .map(|a| self.expr(a, ctx, scope, frame))
            .collect()
    }

    /// An operator argument (`F` passed for a parameter `F(_)`).
    fn opref(
        &mut self,
        a: &ast::Expr,
        ctx: CtxId,
        scope: &[(String, Binding)],
        _arity: usize,
    ) -> LResult<OpRef> {
        match &a.kind {
            ast::ExprKind::Lambda(params, body) => Ok(OpRef::Lambda(
                params.iter().map(|p| p.name.clone()).collect(),
                Arc::new((**body).clone()),
                ctx,
                scope.to_vec(),
            )),
            ast::ExprKind::Apply(n, xs) if xs.is_empty() => {
                if let Some(pos) = scope.iter().rposition(|(x, _)| x == &n.name) {
                    return match &scope[pos].1 {
                        Binding::Op(op) => Ok(OpRef::Param(Box::new(op.clone()))),
                        Binding::LetOp(params, body, captured) => Ok(OpRef::Lambda(
                            params.clone(),
                            body.clone(),
                            ctx,
                            captured.clone(),
                        )),
                        _ => lerr(a.span, format!("`{}` is not an operator", n.name)),
                    };
                }
                Ok(OpRef::Name(ctx, n.name.clone()))
            }
            _ => lerr(a.span, "expected an operator name or a LAMBDA here"),
        }
    }

    fn apply_opref(
        &mut self,
        op: &OpRef,
        args: Vec<Expr>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        match op {
            OpRef::Param(inner) => self.apply_opref(inner, args, frame, span),
            OpRef::Name(c, name) => {
                if let Some(op) = self.ctxs[*c].op_subst.get(name).cloned() {
                    return self.apply_opref(&op, args, frame, span);
                }
                if let Some(b) = builtins::operator_symbol(name) {
                    return Ok(Expr::new(Kind::Builtin(b, args), span));
                }
                let (c2, item) = self.lookup(*c, name, span)?;
                self.apply_item(c2, name, item, args, vec![], frame, span)
            }
            OpRef::Lambda(params, body, c, captured) => {
                if params.len() != args.len() {
                    return lerr(
                        span,
                        format!(
                            "operator takes {} arguments, given {}",
                            params.len(),
                            args.len()
                        ),
                    );
                }
                self.inline_depth += 1;
                if self.inline_depth > 64 {
                    self.inline_depth -= 1;
                    return lerr(
                        span,
                        "operators are nested too deeply (recursive LAMBDA or LET operator?)",
                    );
                }
                let mut scope = captured.clone();
                let mut defs = vec![];
                for (p, a) in params.iter().zip(args) {
                    let memo = !a.mentions_next();
                    let d = LetDef {
                        slot: frame.alloc(),
                        def: Arc::new(a),
                        memo,
                        name: p.clone(),
                    };
                    scope.push((p.clone(), Binding::Let(Box::new(d.clone()))));
                    defs.push(d);
                }
                let b = self.expr(body, *c, &mut scope, frame);
                self.inline_depth -= 1;
                let b = b?;
                Ok(wrap_let(defs, b, span))
            }
        }
    }

    /// Applies a resolved item (definition, constant, variable) to lowered
    /// arguments.
    #[allow(clippy::too_many_arguments)]
    fn apply_item(
        &mut self,
        ctx: CtxId,
        name: &str,
        item: Item,
        args: Vec<Expr>,
        opargs: Vec<(usize, OpRef)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        match item {
            Item::Var => {
                if let Some(e) = self.ctxs[ctx].subst.get(name) {
                    return Ok((**e).clone());
                }
                let slot = self
                    .program
                    .vars
                    .iter()
                    .position(|v| v == name)
                    .ok_or_else(|| LowerError {
                        message: format!(
                            "variable `{name}` is not a variable of the model's root module"
                        ),
                        span,
                        notes: vec![],
                    })?;
                Ok(Expr::new(Kind::Var(slot as u32), span))
            }
            Item::Const(arity) => {
                if let Some(e) = self.ctxs[ctx].subst.get(name) {
                    return Ok((**e).clone());
                }
                match self.bindings.by_name.get(name).cloned() {
                    Some(r) => self.replaced(r, &args, frame, span),
                    None => {
                        let _ = arity;
                        Err(LowerError {
                            message: format!("the model gives no value to the constant `{name}`"),
                            span,
                            notes: vec![format!(
                                "add `{name} = ...` or `{name} <- ...` to the CONSTANTS of the .cfg file"
                            )],
                        })
                    }
                }
            }
            Item::Inst(..) => lerr(span, format!("`{name}` is an instance: use `{name}!Op`")),
            Item::Hop(m, u, inner) => {
                let c = self.hop(ctx, &m, u, span)?;
                self.apply_item(c, name, *inner, args, opargs, frame, span)
            }
            Item::Def(m, u) => {
                if let Some(r) = self.replacement(ctx, &m, name) {
                    return self.replaced(r, &args, frame, span);
                }
                if let Some(b) = builtins::native(&m, name) {
                    let mut args = args;
                    for (k, op) in opargs {
                        args[k] = self.lambda_for(&op, b.oparg_arity(k), frame, span)?;
                    }
                    return Ok(Expr::new(Kind::Builtin(b, args), span));
                }
                let unit = self.unit(&m, u);
                match &unit.kind {
                    ast::UnitKind::OpDef(d) => {
                        if d.params.len() != args.len() {
                            return lerr(
                                span,
                                format!(
                                    "`{name}` takes {} arguments, given {}",
                                    d.params.len(),
                                    args.len()
                                ),
                            );
                        }
                        let has_opparams = d.params.iter().any(|p| p.arity > 0);
                        let any_next = args.iter().any(|a| a.mentions_next());
                        if has_opparams || any_next {
                            return self.inline_def(ctx, &m, u, args, opargs, frame, span);
                        }
                        let entry = self.def_entry(ctx, &m, u, span)?;
                        let recursive = self.in_progress.iter().any(|k| k.1 == m && k.2 == u);
                        if entry.inline || (self.force_inline && !entry.constant && !recursive) {
                            return self.inline_def(ctx, &m, u, args, opargs, frame, span);
                        }
                        if entry.constant && args.is_empty() {
                            return Ok(Expr::new(Kind::ConstDef(entry.id), span));
                        }
                        Ok(Expr::new(Kind::Call(entry.id, args), span))
                    }
                    ast::UnitKind::FunDef(_) => {
                        let entry = self.def_entry(ctx, &m, u, span)?;
                        if !args.is_empty() {
                            return lerr(
                                span,
                                format!("`{name}` is a function: apply it with `{name}[...]`"),
                            );
                        }
                        if entry.constant {
                            return Ok(Expr::new(Kind::ConstDef(entry.id), span));
                        }
                        Ok(Expr::new(Kind::Call(entry.id, vec![]), span))
                    }
                    _ => lerr(span, format!("`{name}` cannot be evaluated")),
                }
            }
        }
    }

    /// A LAMBDA node for an operator argument of a built-in.
    fn lambda_for(
        &mut self,
        op: &OpRef,
        arity: usize,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let slots: Vec<u32> = (0..arity).map(|_| frame.alloc()).collect();
        let args = slots
            .iter()
            .map(|&s| Expr::new(Kind::Local(s), span))
            .collect();
        let body = self.apply_opref(op, args, frame, span)?;
        Ok(Expr::new(Kind::Lambda(slots, Box::new(body)), span))
    }

    /// Inlines definition (`module`, `unit`) in context `ctx` at a call
    /// site: parameters become lazily evaluated local definitions.
    #[allow(clippy::too_many_arguments)]
    fn inline_def(
        &mut self,
        ctx: CtxId,
        module: &str,
        unit: usize,
        args: Vec<Expr>,
        opargs: Vec<(usize, OpRef)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let ast::UnitKind::OpDef(d) = &self.unit(module, unit).kind else {
            return lerr(span, "internal: inlining a non-operator");
        };
        self.inline_depth += 1;
        if self.inline_depth > 64 {
            self.inline_depth -= 1;
            return lerr(
                span,
                format!(
                    "`{}` is recursive through an action; TLC cannot evaluate that either",
                    d.name.name
                ),
            );
        }
        let mut scope = vec![];
        let mut defs = vec![];
        let mut args = args.into_iter();
        for (k, p) in d.params.iter().enumerate() {
            let a = args.next();
            if let Some((_, op)) = opargs.iter().find(|(i, _)| *i == k) {
                scope.push((p.name.name.clone(), Binding::Op(op.clone())));
                continue;
            }
            let Some(a) = a else { break };
            // Simple arguments are substituted directly.
            let b = match &a.kind {
                Kind::Const(_)
                | Kind::Local(_)
                | Kind::Var(_)
                | Kind::PrimeVar(_)
                | Kind::LetRef(_)
                | Kind::ConstDef(_) => {
                    let dd = LetDef {
                        slot: u32::MAX,
                        def: Arc::new(a),
                        memo: false,
                        name: p.name.name.clone(),
                    };
                    Binding::Let(Box::new(dd))
                }
                _ => {
                    let dd = LetDef {
                        slot: frame.alloc(),
                        memo: !a.mentions_next(),
                        def: Arc::new(a),
                        name: p.name.name.clone(),
                    };
                    defs.push(dd.clone());
                    Binding::Let(Box::new(dd))
                }
            };
            scope.push((p.name.name.clone(), b));
        }
        let body = self.expr(&d.body, ctx, &mut scope, frame);
        self.inline_depth -= 1;
        let body = body?;
        let shown: Vec<(String, Expr)> = d
            .params
            .iter()
            .zip(&scope)
            .filter_map(|(p, (_, b))| match b {
                Binding::Let(ld) => Some((p.name.name.clone(), (*ld.def).clone())),
                _ => None,
            })
            .collect();
        let named = Expr::new(
            Kind::Named(Arc::from(d.name.name.as_str()), shown, Box::new(body)),
            span,
        );
        Ok(wrap_let(defs, named, span))
    }

    /// Lowers (once per context) a definition as a callable function.
    fn def_entry(
        &mut self,
        ctx: CtxId,
        module: &str,
        unit: usize,
        span: Span,
    ) -> LResult<DefEntry> {
        let key = (ctx, module.to_string(), unit);
        if let Some(e) = self.def_cache.get(&key) {
            return Ok(*e);
        }
        if self.in_progress.contains(&key) {
            // A recursive reference: the id is reserved below.
            return lerr(
                span,
                "internal: recursive definition lowered before its id was reserved",
            );
        }
        let u = self.unit(module, unit);
        let id = self.program.defs.len() as ir::DefId;
        let (name, nparams) = match &u.kind {
            ast::UnitKind::OpDef(d) => (d.name.name.clone(), d.params.len() as u32),
            ast::UnitKind::FunDef(d) => (
                d.name.name.clone(),
                d.bounds.iter().map(|b| b.names.len() as u32).sum(),
            ),
            _ => return lerr(span, "internal: not a definition"),
        };
        // Reserve the id so that recursive calls resolve to it.
        self.program.defs.push(DefInfo {
            name: name.clone(),
            nparams,
            nslots: nparams,
            body: Expr::new(Kind::Unsupported("definition being lowered".into()), span),
            fun_bounds: matches!(u.kind, ast::UnitKind::FunDef(_)).then(Vec::new),
            pure: false,
            constant: false,
            cached: false,
            expensive: false,
            cache: OnceLock::new(),
            memo: OnceLock::new(),
        });
        self.def_cache.insert(
            key.clone(),
            DefEntry {
                id,
                inline: false,
                constant: false,
            },
        );
        self.in_progress.push(key.clone());
        let result = self.lower_def_body(ctx, u);
        self.in_progress.pop();
        let (body, nslots, fun_bounds) = match result {
            Ok(r) => r,
            Err(e) => {
                self.def_cache.remove(&key);
                return Err(e);
            }
        };
        let inline = fun_bounds.is_none() && body.mentions_next();
        let defs = &self.program.defs;
        let pure_call = |d: ir::DefId| defs.get(d as usize).is_some_and(|x| x.pure);
        let pure = !inline
            && !body.depends_on_state(&pure_call)
            && fun_bounds.as_ref().is_none_or(|bs| {
                bs.iter().all(|b| {
                    b.set
                        .as_ref()
                        .is_none_or(|s| !s.depends_on_state(&pure_call))
                })
            });
        let is_fun = matches!(u.kind, ast::UnitKind::FunDef(_));
        let constant = pure && (nparams == 0 || is_fun);
        let d = &mut self.program.defs[id as usize];
        d.body = body;
        d.nslots = nslots;
        d.fun_bounds = fun_bounds;
        d.pure = pure;
        d.constant = constant;
        d.expensive = is_expensive(&d.body);
        d.cached = pure && nparams > 0 && d.fun_bounds.is_none() && d.expensive;
        let entry = DefEntry {
            id,
            inline,
            constant,
        };
        self.def_cache.insert(key, entry);
        Ok(entry)
    }

    fn lower_def_body(
        &mut self,
        ctx: CtxId,
        u: &ast::Unit,
    ) -> LResult<(Expr, u32, Option<Vec<Bound>>)> {
        match &u.kind {
            ast::UnitKind::OpDef(d) => {
                let mut frame = Frame::new(d.params.len() as u32);
                let mut scope: Vec<(String, Binding)> = d
                    .params
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.name.name.clone(), Binding::Local(i as u32)))
                    .collect();
                let body = self.expr(&d.body, ctx, &mut scope, &mut frame)?;
                Ok((body, frame.max, None))
            }
            ast::UnitKind::FunDef(d) => {
                let mut frame = Frame::new(0);
                let mut scope = vec![];
                let bounds = self.bounds(&d.bounds, ctx, &mut scope, &mut frame)?;
                let body = self.expr(&d.body, ctx, &mut scope, &mut frame)?;
                Ok((body, frame.max, Some(bounds)))
            }
            _ => lerr(u.span, "internal: not a definition"),
        }
    }

    // ---- expressions ------------------------------------------------------

    fn bounds(
        &mut self,
        bs: &[ast::Bound],
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
    ) -> LResult<Vec<Bound>> {
        // Every set is lowered before any of the names is bound.
        let mut sets = vec![];
        for b in bs {
            sets.push(match &b.set {
                Some(s) => Some(Box::new(self.expr(s, ctx, scope, frame)?)),
                None => None,
            });
        }
        let mut out = vec![];
        for (b, set) in bs.iter().zip(sets) {
            if b.tuple {
                let slots: Vec<u32> = b.names.iter().map(|_| frame.alloc()).collect();
                for (n, s) in b.names.iter().zip(&slots) {
                    scope.push((n.name.clone(), Binding::Local(*s)));
                }
                out.push(Bound {
                    slots,
                    tuple: true,
                    set,
                    names: b.names.iter().map(|n| n.name.clone()).collect(),
                });
            } else {
                // `x, y \in S` is two binders over the same set.
                for n in &b.names {
                    let s = frame.alloc();
                    scope.push((n.name.clone(), Binding::Local(s)));
                    out.push(Bound {
                        slots: vec![s],
                        tuple: false,
                        set: set.clone(),
                        names: vec![n.name.clone()],
                    });
                }
            }
        }
        Ok(out)
    }

    /// Lowers an expression.
    fn expr(
        &mut self,
        e: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
    ) -> LResult<Expr> {
        use ast::ExprKind as A;
        let span = e.span;
        let mk = |k| Ok(Expr::new(k, span));
        let scope_len = scope.len();
        let r = match &e.kind {
            A::Num(n) => match n.parse::<i64>() {
                Ok(i) => mk(Kind::Const(Value::Int(i))),
                Err(_) => lerr(
                    span,
                    format!("the number {n} is too large (integers are 64-bit)"),
                ),
            },
            A::Decimal(_) => lerr(
                span,
                "real numbers are not supported by the evaluator (nor by TLC)",
            ),
            A::Str(s) => mk(Kind::Const(Value::str(s))),
            A::At => match scope.iter().rposition(|(n, _)| n == "@") {
                Some(p) => match &scope[p].1 {
                    Binding::Local(s) => mk(Kind::Local(*s)),
                    _ => lerr(span, "`@` outside EXCEPT"),
                },
                None => lerr(
                    span,
                    "`@` can only be used in the value of an EXCEPT update",
                ),
            },
            A::Paren(x) => self.expr(x, ctx, scope, frame),
            A::Label(_, _, x) => self.expr(x, ctx, scope, frame),
            A::Apply(n, args) => self.name(n, args, ctx, scope, frame, span),
            A::Qualified(path) => self.qualified(path, ctx, scope, frame, span),
            A::Infix(op, a, b) => self.infix(op, a, b, ctx, scope, frame, span),
            A::Prefix(op, a) => self.prefix(op, a, ctx, scope, frame, span),
            A::Postfix(op, a) => {
                if op.name == "'" {
                    let x = self.expr(a, ctx, scope, frame)?;
                    Ok(prime(x, span))
                } else {
                    let x = self.expr(a, ctx, scope, frame)?;
                    self.op_call(&op.name, vec![x], ctx, frame, span)
                }
            }
            A::Junction(is_and, items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                if *is_and {
                    mk(Kind::And(xs))
                } else {
                    mk(Kind::Or(xs))
                }
            }
            A::If(c, a, b) => {
                let c = self.expr(c, ctx, scope, frame)?;
                let a = self.expr(a, ctx, scope, frame)?;
                let b = self.expr(b, ctx, scope, frame)?;
                mk(Kind::If(Box::new(c), Box::new(a), Box::new(b)))
            }
            A::Case(arms, other) => {
                let mut xs = vec![];
                for arm in arms {
                    let g = self.expr(&arm.guard, ctx, scope, frame)?;
                    let v = self.expr(&arm.value, ctx, scope, frame)?;
                    xs.push((g, v));
                }
                let o = match other {
                    Some(o) => Some(Box::new(self.expr(o, ctx, scope, frame)?)),
                    None => None,
                };
                mk(Kind::Case(xs, o))
            }
            A::Let(defs, body) => self.let_expr(defs, body, ctx, scope, frame, span),
            A::Quant(q, bs, body) => {
                let q = match q {
                    ast::Quant::Forall => Quant::Forall,
                    ast::Quant::Exists => Quant::Exists,
                };
                let bs = self.bounds(bs, ctx, scope, frame)?;
                let body = self.expr(body, ctx, scope, frame)?;
                mk(Kind::Quant(q, bs, Box::new(body)))
            }
            A::TemporalQuant(..) => mk(Kind::Temporal(TemporalOp::Other, vec![])),
            A::Choose(b, body) => {
                let mut bs = self.bounds(std::slice::from_ref(b), ctx, scope, frame)?;
                let body = self.expr(body, ctx, scope, frame)?;
                mk(Kind::Choose(bs.remove(0), Box::new(body)))
            }
            A::SetEnum(items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                if xs.iter().all(|x| matches!(x.kind, Kind::Const(_))) {
                    let vals: Result<Vec<Value>, _> = xs
                        .iter()
                        .map(|x| match &x.kind {
                            Kind::Const(v) => v.clone().normalize(),
                            _ => Ok(Value::FALSE),
                        })
                        .collect();
                    if let Ok(vals) = vals {
                        return mk(Kind::Const(Value::set_from(vals)));
                    }
                }
                mk(Kind::SetEnum(xs))
            }
            A::SetFilter(b, pred) => {
                let mut bs = self.bounds(std::slice::from_ref(b), ctx, scope, frame)?;
                let p = self.expr(pred, ctx, scope, frame)?;
                mk(Kind::SetFilter(bs.remove(0), Box::new(p)))
            }
            A::SetMap(body, bs) => {
                let bs = self.bounds(bs, ctx, scope, frame)?;
                let b = self.expr(body, ctx, scope, frame)?;
                mk(Kind::SetMap(Box::new(b), bs))
            }
            A::FnCons(bs, body) => {
                let bs = self.bounds(bs, ctx, scope, frame)?;
                let b = self.expr(body, ctx, scope, frame)?;
                mk(Kind::FnCons(bs, Box::new(b)))
            }
            A::FnSet(a, b) => {
                let a = self.expr(a, ctx, scope, frame)?;
                let b = self.expr(b, ctx, scope, frame)?;
                mk(Kind::FnSet(Box::new(a), Box::new(b)))
            }
            A::FnApp(f, args) => {
                let f = self.expr(f, ctx, scope, frame)?;
                let args = self.args(args, ctx, scope, frame)?;
                // `f[x]` of a function definition that is not computed once
                // (it depends on the state, or is being defined: recursion)
                // calls its body directly.
                if let Kind::Call(id, a0) = &f.kind {
                    let d = &self.program.defs[*id as usize];
                    if d.fun_bounds.is_some() && a0.is_empty() && args.len() == d.nparams as usize {
                        return mk(Kind::Call(*id, args));
                    }
                }
                mk(Kind::FnApp(Box::new(f), args))
            }
            A::Record(fields) => {
                let mut pairs = vec![];
                for (n, x) in fields {
                    pairs.push((Value::str(&n.name), self.expr(x, ctx, scope, frame)?));
                }
                pairs.sort_by(|a, b| a.0.cmp(&b.0));
                let (keys, vals): (Vec<Value>, Vec<Expr>) = pairs.into_iter().unzip();
                mk(Kind::Record(crate::value::Keys::new(keys), vals))
            }
            A::RecordSet(fields) => {
                let mut pairs = vec![];
                for (n, x) in fields {
                    pairs.push((Value::str(&n.name), self.expr(x, ctx, scope, frame)?));
                }
                pairs.sort_by(|a, b| a.0.cmp(&b.0));
                let (keys, vals): (Vec<Value>, Vec<Expr>) = pairs.into_iter().unzip();
                mk(Kind::RecordSet(crate::value::Keys::new(keys), vals))
            }
            A::Dot(r, f) => {
                let r = self.expr(r, ctx, scope, frame)?;
                mk(Kind::Dot(Box::new(r), Value::str(&f.name)))
            }
            A::Tuple(items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                mk(Kind::Tuple(xs))
            }
            A::Times(items) => {
                let xs = self.args(items, ctx, scope, frame)?;
                mk(Kind::Times(xs))
            }
            A::Except(f, ups) => {
                let f = self.expr(f, ctx, scope, frame)?;
                let at = frame.alloc();
                let mut out = vec![];
                for (keys, v) in ups {
                    let mut ks = vec![];
                    for k in keys {
                        ks.push(match k {
                            ast::ExceptKey::Field(n) => Key::Field(Value::str(&n.name)),
                            ast::ExceptKey::Index(ix) => {
                                Key::Index(self.args(ix, ctx, scope, frame)?)
                            }
                        });
                    }
                    scope.push(("@".into(), Binding::Local(at)));
                    let v = self.expr(v, ctx, scope, frame);
                    scope.pop();
                    out.push((ks, v?));
                }
                mk(Kind::Except(Box::new(f), out, at))
            }
            A::BoxAction(a, v) => {
                let a = self.expr(a, ctx, scope, frame)?;
                let v = self.expr(v, ctx, scope, frame)?;
                mk(Kind::BoxAction(Box::new(a), Box::new(v)))
            }
            A::AngleAction(a, v) => {
                let a = self.expr(a, ctx, scope, frame)?;
                let v = self.expr(v, ctx, scope, frame)?;
                mk(Kind::AngleAction(Box::new(a), Box::new(v)))
            }
            A::Fairness(strong, v, a) => {
                let v = self.expr(v, ctx, scope, frame)?;
                let a = self.expr(a, ctx, scope, frame)?;
                mk(Kind::Temporal(
                    if *strong {
                        TemporalOp::Sf
                    } else {
                        TemporalOp::Wf
                    },
                    vec![v, a],
                ))
            }
            A::Lambda(..) => lerr(span, "a LAMBDA can only be passed as an operator argument"),
            A::AssumeProve(..) => mk(Kind::Unsupported(
                "ASSUME ... PROVE cannot be evaluated".into(),
            )),
            A::StepRef(_) => mk(Kind::Unsupported("a proof step cannot be evaluated".into())),
        };
        scope.truncate(scope_len);
        r
    }

    #[allow(clippy::too_many_arguments)]
    fn let_expr(
        &mut self,
        defs: &[ast::Unit],
        body: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let mut lets = vec![];
        for d in defs {
            match &d.kind {
                ast::UnitKind::OpDef(od) if od.params.is_empty() => {
                    let x = self.expr(&od.body, ctx, scope, frame)?;
                    let ld = LetDef {
                        slot: frame.alloc(),
                        memo: !x.mentions_next(),
                        def: Arc::new(x),
                        name: od.name.name.clone(),
                    };
                    scope.push((od.name.name.clone(), Binding::Let(Box::new(ld.clone()))));
                    lets.push(ld);
                }
                ast::UnitKind::OpDef(od) => {
                    let params = od.params.iter().map(|p| p.name.name.clone()).collect();
                    let captured = scope.clone();
                    scope.push((
                        od.name.name.clone(),
                        Binding::LetOp(params, Arc::new(od.body.clone()), captured),
                    ));
                }
                ast::UnitKind::FunDef(fd) => {
                    let self_slot = frame.alloc();
                    let mut inner = scope.clone();
                    inner.push((fd.name.name.clone(), Binding::Local(self_slot)));
                    let bs = self.bounds(&fd.bounds, ctx, &mut inner, frame)?;
                    let b = self.expr(&fd.body, ctx, &mut inner, frame)?;
                    let x = Expr::new(Kind::RecFn(self_slot, bs, Box::new(b)), d.span);
                    let ld = LetDef {
                        slot: frame.alloc(),
                        memo: !x.mentions_next(),
                        def: Arc::new(x),
                        name: fd.name.name.clone(),
                    };
                    scope.push((fd.name.name.clone(), Binding::Let(Box::new(ld.clone()))));
                    lets.push(ld);
                }
                ast::UnitKind::Recursive(_) => {}
                ast::UnitKind::ModuleDef(_) | ast::UnitKind::Instance(_) => {
                    return lerr(
                        d.span,
                        "INSTANCE inside LET is not supported by the evaluator",
                    );
                }
                _ => {}
            }
        }
        let b = self.expr(body, ctx, scope, frame)?;
        Ok(wrap_let(lets, b, span))
    }

    #[allow(clippy::too_many_arguments)]
    fn qualified(
        &mut self,
        path: &[ast::PathElem],
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let Some(ast::PathElem::Name(head, hargs)) = path.first() else {
            return lerr(span, "this reference cannot be evaluated");
        };
        let (mut c, item) = self.lookup(ctx, &head.name, span)?;
        if let Item::Def(m, u) = &item {
            return self.selection(c, m, *u, head, hargs, &path[1..], ctx, scope, frame, span);
        }
        let Item::Inst(m, u) = item else {
            return lerr(span, "this subexpression reference cannot be evaluated");
        };
        let ast::UnitKind::ModuleDef(md) = &self.unit(&m, u).kind else {
            return lerr(span, "internal: not an instance definition");
        };
        if md.params.is_empty() {
            c = self.hop(c, &m, u, span)?;
        } else {
            // A parameterised instance: its parameters are bound by name to
            // the arguments in a fresh, uncached context.
            if hargs.len() != md.params.len() {
                return lerr(
                    span,
                    format!("`{}` takes {} arguments", head.name, md.params.len()),
                );
            }
            let mut inner_scope = vec![];
            for (p, a) in md.params.iter().zip(hargs) {
                let x = self.expr(a, ctx, scope, frame)?;
                let ld = LetDef {
                    slot: u32::MAX,
                    memo: false,
                    def: Arc::new(x),
                    name: p.name.name.clone(),
                };
                inner_scope.push((p.name.name.clone(), Binding::Let(Box::new(ld))));
            }
            let (subst, op_subst) =
                self.instance_subst(c, &md.instance, frame, &mut inner_scope)?;
            let key = format!("{}>{}#{}@{}", self.ctxs[c].key, m, u, self.ctxs.len());
            self.ctxs.push(CtxData {
                module: md.instance.module.name.clone(),
                subst,
                op_subst,
                key,
            });
            c = self.ctxs.len() - 1;
        }
        let mut rest = &path[1..];
        loop {
            let Some(ast::PathElem::Name(n, args)) = rest.first() else {
                return lerr(span, "subexpression selectors cannot be evaluated");
            };
            let (c2, item) = self.lookup(c, &n.name, n.span)?;
            if let Item::Inst(m2, u2) = &item {
                if rest.len() > 1 {
                    c = self.hop(c2, m2, *u2, span)?;
                    rest = &rest[1..];
                    continue;
                }
            }
            let largs = self.args(args, ctx, scope, frame)?;
            if rest.len() > 1 {
                return lerr(span, "subexpression selectors cannot be evaluated");
            }
            // Inline the definition where it lives, so that action-level
            // operators of instances are visible to the enumerator.
            if let Item::Def(m2, u2) = &item {
                if let ast::UnitKind::OpDef(d) = &self.unit(m2, *u2).kind {
                    if self.replacement(c2, m2, &n.name).is_none()
                        && builtins::native(m2, &n.name).is_none()
                        && d.params.is_empty()
                    {
                        {
                            let entry = self.def_entry(c2, m2, *u2, span)?;
                            if entry.inline {
                                return self.inline_def(
                                    c2,
                                    &m2.clone(),
                                    *u2,
                                    vec![],
                                    vec![],
                                    frame,
                                    span,
                                );
                            }
                        }
                    }
                }
            }
            return self.apply_item(c2, &n.name, item, largs, vec![], frame, span);
        }
    }

    /// A positional subexpression of a definition, `Inv!1` or `Op(x)!2!1`:
    /// the n-th conjunct or disjunct of a list, operand of an operator,
    /// argument of an application, component of a tuple or set, or part of
    /// IF/THEN/ELSE; evaluated where the definition lives, with its
    /// parameters bound to the arguments.
    #[allow(clippy::too_many_arguments)]
    fn selection(
        &mut self,
        c: CtxId,
        module: &str,
        unit: usize,
        head: &ast::Ident,
        hargs: &[ast::Expr],
        selectors: &[ast::PathElem],
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let ast::UnitKind::OpDef(d) = &self.unit(module, unit).kind else {
            return lerr(
                span,
                format!("`{}` has no subexpressions to select", head.name),
            );
        };
        if d.params.len() != hargs.len() || d.params.iter().any(|p| p.arity > 0) {
            return lerr(
                span,
                format!("`{}` takes {} arguments", head.name, d.params.len()),
            );
        }
        let mut e: &ast::Expr = &d.body;
        for sel in selectors {
            let ast::PathElem::Selector(k, sargs) = sel else {
                return lerr(
                    span,
                    "only positional selectors (`!1`, `!2`, ...) can be evaluated",
                );
            };
            let Ok(n) = k.parse::<usize>() else {
                return lerr(
                    span,
                    format!("the selector `!{k}` cannot be evaluated (only `!1`, `!2`, ...)"),
                );
            };
            if !sargs.is_empty() || n == 0 {
                return lerr(span, format!("the selector `!{k}` cannot be evaluated"));
            }
            while let ast::ExprKind::Paren(x) | ast::ExprKind::Label(_, _, x) = &e.kind {
                e = x;
            }
            let parts: Vec<&ast::Expr> = match &e.kind {
                ast::ExprKind::Junction(_, items)
                | ast::ExprKind::Tuple(items)
                | ast::ExprKind::SetEnum(items) => items.iter().collect(),
                ast::ExprKind::Infix(_, a, b) => vec![a, b],
                ast::ExprKind::Prefix(_, a) | ast::ExprKind::Postfix(_, a) => vec![a],
                ast::ExprKind::Apply(_, args) => args.iter().collect(),
                ast::ExprKind::If(a, b, x) => vec![a, b, x],
                _ => vec![],
            };
            match parts.get(n - 1) {
                Some(p) => e = p,
                None => {
                    return lerr(
                        span,
                        format!("`{}` has no subexpression `!{n}` here", head.name),
                    );
                }
            }
        }
        // Lower the selected part where the definition lives, with its
        // parameters bound by name to the arguments.
        let args = self.args(hargs, ctx, scope, frame)?;
        let mut inner = vec![];
        let mut defs = vec![];
        for (p, a) in d.params.iter().zip(args) {
            let ld = LetDef {
                slot: frame.alloc(),
                memo: !a.mentions_next(),
                def: Arc::new(a),
                name: p.name.name.clone(),
            };
            inner.push((p.name.name.clone(), Binding::Let(Box::new(ld.clone()))));
            defs.push(ld);
        }
        let body = self.expr(e, c, &mut inner, frame)?;
        Ok(wrap_let(defs, body, span))
    }

    #[allow(clippy::too_many_arguments)]
    fn infix(
        &mut self,
        op: &ast::Ident,
        a: &ast::Expr,
        b: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let x = self.expr(a, ctx, scope, frame)?;
        let y = self.expr(b, ctx, scope, frame)?;
        let bx = |e: Expr| Box::new(e);
        let k = match op.name.as_str() {
            "/\\" => Kind::And(flatten(x, y, a, |k| match k {
                Kind::And(xs) => Ok(xs),
                k => Err(k),
            })),
            "\\/" => Kind::Or(flatten(x, y, a, |k| match k {
                Kind::Or(xs) => Ok(xs),
                k => Err(k),
            })),
            "=>" => Kind::Implies(bx(x), bx(y)),
            "<=>" => Kind::Equiv(bx(x), bx(y)),
            "=" => Kind::Eq(bx(x), bx(y)),
            "/=" => Kind::Neq(bx(x), bx(y)),
            "\\in" => Kind::In(bx(x), bx(y)),
            "\\notin" => Kind::NotIn(bx(x), bx(y)),
            "\\cup" => Kind::Cup(bx(x), bx(y)),
            "\\cap" => Kind::Cap(bx(x), bx(y)),
            "\\" => Kind::SetMinus(bx(x), bx(y)),
            "\\subseteq" => Kind::Subseteq(bx(x), bx(y)),
            "~>" => Kind::Temporal(TemporalOp::LeadsTo, vec![x, y]),
            "-+->" | "\\cdot" => Kind::Temporal(TemporalOp::Other, vec![x, y]),
            name => return self.op_call(name, vec![x, y], ctx, frame, span),
        };
        Ok(Expr::new(k, span))
    }

    #[allow(clippy::too_many_arguments)]
    fn prefix(
        &mut self,
        op: &ast::Ident,
        a: &ast::Expr,
        ctx: CtxId,
        scope: &mut Vec<(String, Binding)>,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        let x = self.expr(a, ctx, scope, frame)?;
        let bx = Box::new(x);
        let k = match op.name.as_str() {
            "~" => Kind::Not(bx),
            "SUBSET" => Kind::Subset(bx),
            "UNION" => Kind::Union(bx),
            "DOMAIN" => Kind::Domain(bx),
            "UNCHANGED" => Kind::Unchanged(bx),
            "ENABLED" => Kind::Enabled(bx),
            "[]" => Kind::Temporal(TemporalOp::Always, vec![*bx]),
            "<>" => Kind::Temporal(TemporalOp::Eventually, vec![*bx]),
            name => return self.op_call(name, vec![*bx], ctx, frame, span),
        };
        Ok(Expr::new(k, span))
    }

    /// A user-definable operator symbol (`+`, `\o`, `:>` ...) applied to
    /// lowered arguments: resolved like a name.
    fn op_call(
        &mut self,
        name: &str,
        args: Vec<Expr>,
        ctx: CtxId,
        frame: &mut Frame,
        span: Span,
    ) -> LResult<Expr> {
        if let Some(op) = self.ctxs[ctx].op_subst.get(name).cloned() {
            return self.apply_opref(&op, args, frame, span);
        }
        let (c, item) = self.lookup(ctx, name, span)?;
        self.apply_item(c, name, item, args, vec![], frame, span)
    }
}

/// The operands of `x op y` for an associative `op` (`/\`, `\/`): the
/// items of `x` when it is itself an infix use of `op` (`split` returns them),
/// then `y`. A bullet list or parenthesised `x` stays one operand.
fn flatten(
    x: Expr,
    y: Expr,
    x_ast: &ast::Expr,
    split: impl FnOnce(Kind) -> Result<Vec<Expr>, Kind>,
) -> Vec<Expr> {
    let written_infix = !matches!(
        x_ast.kind,
        ast::ExprKind::Junction(..) | ast::ExprKind::Paren(_)
    );
    let span = x.span;
    let mut v = if written_infix {
        match split(x.kind) {
            Ok(xs) => xs,
            Err(k) => vec![Expr::new(k, span)],
        }
    } else {
        vec![x]
    };
    v.push(y);
    v
}

/// Whether evaluating `e` does more than arithmetic and lookups.
fn is_expensive(e: &Expr) -> bool {
    e.has_costly_node(&|k| matches!(k, Kind::Call(..)))
}

fn prime(x: Expr, span: Span) -> Expr {
    match x.kind {
        Kind::Var(s) => Expr::new(Kind::PrimeVar(s), span),
        Kind::Const(v) => Expr::new(Kind::Const(v), span),
        _ => Expr::new(Kind::Prime(Box::new(x)), span),
    }
}

fn wrap_let(defs: Vec<LetDef>, body: Expr, span: Span) -> Expr {
    if defs.is_empty() {
        body
    } else {
        Expr::new(Kind::Let(defs, Box::new(body)), span)
    }
}

/// Exposes `Quant` for users of the IR.
pub use ir::Quant as QuantKind;
