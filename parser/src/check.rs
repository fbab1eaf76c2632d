//! Name checking, as SANY does it: every name used is defined before its
//! use (or declared RECURSIVE), operators are applied to as many arguments
//! as they take, a module defines a name once, and INSTANCE substitutes
//! every constant and variable of the instantiated module.
//!
//! It also computes each module's interface (its public names), which the
//! evaluator's lowering uses as well.

use crate::ast::*;
use crate::diag::{error_at, secondary, Diag};
use crate::load::{ModuleSet, Origin};
use crate::span::Span;
use std::collections::HashMap;

/// What kind of thing a name denotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SymKind {
    /// A declared constant (possibly an operator constant).
    Constant,
    /// A declared variable.
    Variable,
    /// A defined operator.
    Operator,
    /// A RECURSIVE declaration not yet defined.
    Recursive,
    /// A recursively defined function `f[x \in S] == ...`.
    Function,
    /// A named instance `V == INSTANCE M`, with the module's name.
    Instance(String),
    /// A theorem or assumption name.
    Fact,
    /// A bound variable or parameter.
    Bound,
}

/// A name in scope.
#[derive(Clone, Debug)]
pub struct Sym {
    /// What it is.
    pub kind: SymKind,
    /// How many arguments it takes.
    pub arity: usize,
    /// Where it was defined (identity of the definition).
    pub span: Span,
    /// Whether it is exported (not LOCAL).
    pub public: bool,
}

/// The public face of a module: what EXTENDS and INSTANCE see.
#[derive(Clone, Debug, Default)]
pub struct Interface {
    /// Public names: constants, variables, definitions, theorems.
    pub names: HashMap<String, Sym>,
    /// Constants and variables (the instance parameters), in order.
    pub params: Vec<(String, SymKind, usize)>,
}

/// Operators and names with a built-in meaning.
const BUILTIN_NAMES: &[&str] = &["TRUE", "FALSE", "BOOLEAN", "STRING"];
const BUILTIN_OPS: &[&str] = &[
    "=",
    "/=",
    "\\in",
    "\\notin",
    "/\\",
    "\\/",
    "~",
    "=>",
    "<=>",
    "\\cup",
    "\\cap",
    "\\",
    "\\subseteq",
    "SUBSET",
    "UNION",
    "DOMAIN",
    "'",
    "[]",
    "<>",
    "~>",
    "-+->",
    "ENABLED",
    "UNCHANGED",
    "\\cdot",
    "\\X",
];

/// Which bundled module defines a standard operator, for hints.
fn defining_module(op: &str) -> Option<&'static str> {
    Some(match op {
        "+" | "*" | "^" | "<" | ">" | "<=" | ">=" | ".." | "\\div" | "%" | "Nat" => "Naturals",
        "-" => "Naturals",
        "-." | "Int" => "Integers",
        "Real" | "/" | "Infinity" => "Reals",
        "\\o" | "Seq" | "Len" | "Append" | "Head" | "Tail" | "SubSeq" | "SelectSeq" => "Sequences",
        ":>" | "@@" | "Print" | "PrintT" | "Assert" | "ToString" | "Permutations" | "SortSeq"
        | "TLCGet" | "TLCSet" | "JavaTime" | "TLCEval" | "RandomElement" | "Any" => "TLC",
        "Cardinality" | "IsFiniteSet" => "FiniteSets",
        _ => return None,
    })
}

/// Checks every module loaded from a file (bundled ones are trusted) and
/// returns the diagnostics.
pub fn check(set: &ModuleSet, _root: &str) -> Vec<Diag> {
    let mut ifaces: HashMap<String, Interface> = HashMap::new();
    let mut diags = vec![];
    for lm in &set.modules {
        let report = matches!(lm.origin, Origin::File(_));
        let mut c = Checker {
            ifaces: &ifaces,
            diags: vec![],
            report,
        };
        let iface = c.module(&lm.ast, &Ctx::default());
        diags.extend(c.diags);
        ifaces.insert(lm.ast.name.name.clone(), iface);
    }
    diags
}

/// The interfaces of every module of a set (for the evaluator).
pub fn interfaces(set: &ModuleSet) -> HashMap<String, Interface> {
    let mut ifaces: HashMap<String, Interface> = HashMap::new();
    for lm in &set.modules {
        let mut c = Checker {
            ifaces: &ifaces,
            diags: vec![],
            report: false,
        };
        let iface = c.module(&lm.ast, &Ctx::default());
        ifaces.insert(lm.ast.name.name.clone(), iface);
    }
    ifaces
}

/// A module's context: the names visible at module level, and the nested
/// modules defined so far.
#[derive(Clone, Default)]
struct Ctx {
    syms: HashMap<String, Sym>,
    own: std::collections::HashSet<String>,
    nested: HashMap<String, Interface>,
}

struct Checker<'a> {
    ifaces: &'a HashMap<String, Interface>,
    diags: Vec<Diag>,
    report: bool,
}

/// Bound names in scope, innermost last.
type Locals = Vec<(String, Sym)>;

impl Checker<'_> {
    fn err(&mut self, d: Diag) {
        if self.report {
            self.diags.push(d);
        }
    }

    fn iface<'b>(&'b self, ctx: &'b Ctx, name: &str) -> Option<&'b Interface> {
        ctx.nested.get(name).or_else(|| self.ifaces.get(name))
    }

    fn module(&mut self, m: &Module, outer: &Ctx) -> Interface {
        let mut ctx = outer.clone();
        ctx.own.clear();
        let mut iface = Interface::default();
        for e in &m.extends {
            let Some(ext) = self.iface(&ctx, &e.name).cloned() else {
                continue; // the loader has reported it
            };
            for (n, s) in &ext.names {
                self.define(&mut ctx, n, s.clone(), e.span, true);
                iface.names.insert(n.clone(), s.clone());
            }
            for p in &ext.params {
                if !iface.params.iter().any(|q| q.0 == p.0) {
                    iface.params.push(p.clone());
                }
            }
        }
        for u in &m.units {
            self.unit(u, &mut ctx, &mut iface);
        }
        iface
    }

    /// Adds `name` to the module context. As in SANY, defining a name twice
    /// in one module is an error, while a clash between this module's own
    /// definition and one it imports (EXTENDS, INSTANCE) is a warning, and
    /// the module's own definition wins. The same definition reached twice
    /// (Naturals through two EXTENDS) is no clash at all.
    fn define(&mut self, ctx: &mut Ctx, name: &str, sym: Sym, at: Span, imported: bool) {
        if let Some(old) = ctx.syms.get(name) {
            if old.span == sym.span {
                return;
            }
            if old.kind == SymKind::Recursive
                && matches!(sym.kind, SymKind::Operator | SymKind::Function)
            {
                ctx.syms.insert(name.to_string(), sym);
                ctx.own.insert(name.to_string());
                return;
            }
            let old_own = ctx.own.contains(name);
            if old_own && !imported {
                let d = error_at(
                    at,
                    format!("`{name}` is defined twice"),
                    format!("`{name}` is defined again here"),
                )
                .with_labels(vec![secondary(old.span, "first defined here")]);
                self.err(d);
                return;
            }
            let mut d = error_at(
                at,
                format!("`{name}` is defined twice (one definition is imported)"),
                format!("`{name}` is defined again here"),
            )
            .with_labels(vec![secondary(old.span, "other definition")]);
            d.severity = codespan_reporting::diagnostic::Severity::Warning;
            d.notes.push(format!(
                "this module's own definition of `{name}` is the one used here"
            ));
            self.err(d);
            if !imported {
                ctx.syms.insert(name.to_string(), sym);
                ctx.own.insert(name.to_string());
            }
            return;
        }
        if !imported {
            ctx.own.insert(name.to_string());
        }
        ctx.syms.insert(name.to_string(), sym);
    }

    fn unit(&mut self, u: &Unit, ctx: &mut Ctx, iface: &mut Interface) {
        let mut locals: Locals = vec![];
        match &u.kind {
            UnitKind::Variables(names) => {
                for n in names {
                    let s = sym(SymKind::Variable, 0, n.span, true);
                    self.define(ctx, &n.name, s.clone(), n.span, false);
                    iface.names.insert(n.name.clone(), s);
                    iface.params.push((n.name.clone(), SymKind::Variable, 0));
                }
            }
            UnitKind::Constants(decls) => {
                for d in decls {
                    let s = sym(SymKind::Constant, d.arity, d.name.span, true);
                    self.define(ctx, &d.name.name, s.clone(), d.name.span, false);
                    iface.names.insert(d.name.name.clone(), s);
                    iface
                        .params
                        .push((d.name.name.clone(), SymKind::Constant, d.arity));
                }
            }
            UnitKind::Recursive(decls) => {
                for d in decls {
                    let s = sym(SymKind::Recursive, d.arity, d.name.span, true);
                    self.define(ctx, &d.name.name, s, d.name.span, false);
                }
            }
            UnitKind::OpDef(d) => {
                self.op_def(d, ctx, &mut locals);
                let s = sym(SymKind::Operator, d.params.len(), d.name.span, !d.local);
                self.define(ctx, &d.name.name, s.clone(), d.name.span, false);
                if !d.local {
                    iface.names.insert(d.name.name.clone(), s);
                }
            }
            UnitKind::FunDef(d) => {
                let s = sym(SymKind::Function, 0, d.name.span, !d.local);
                self.fun_def(d, ctx, &mut locals);
                self.define(ctx, &d.name.name, s.clone(), d.name.span, false);
                if !d.local {
                    iface.names.insert(d.name.name.clone(), s);
                }
            }
            UnitKind::Instance(inst) => {
                if let Some(target) = self.instance(inst, ctx, &mut locals) {
                    for (n, s) in &target.names {
                        if matches!(s.kind, SymKind::Constant | SymKind::Variable) {
                            continue;
                        }
                        let mut s = s.clone();
                        s.public = !inst.local;
                        self.define(ctx, n, s.clone(), inst.module.span, true);
                        if !inst.local {
                            iface.names.insert(n.clone(), s);
                        }
                    }
                }
            }
            UnitKind::ModuleDef(md) => {
                for p in &md.params {
                    locals.push((
                        p.name.name.clone(),
                        sym(SymKind::Bound, p.arity, p.name.span, false),
                    ));
                }
                self.instance(&md.instance, ctx, &mut locals);
                let s = sym(
                    SymKind::Instance(md.instance.module.name.clone()),
                    md.params.len(),
                    md.name.span,
                    !md.local,
                );
                self.define(ctx, &md.name.name, s.clone(), md.name.span, false);
                if !md.local {
                    iface.names.insert(md.name.name.clone(), s);
                }
            }
            UnitKind::Assume(a) => {
                self.expr(&a.expr, ctx, &mut locals, false);
                if let Some(n) = &a.name {
                    let s = sym(SymKind::Fact, 0, n.span, true);
                    self.define(ctx, &n.name, s.clone(), n.span, false);
                    iface.names.insert(n.name.clone(), s);
                }
            }
            UnitKind::Theorem(t) => {
                self.expr(&t.body, ctx, &mut locals, false);
                // Names declared by ASSUME NEW stay visible in the proof.
                if let ExprKind::AssumeProve(items, _) = &t.body.kind {
                    for it in items {
                        if let AssumeItem::New { decl, .. } = it {
                            locals.push((
                                decl.name.name.clone(),
                                sym(SymKind::Bound, decl.arity, decl.name.span, false),
                            ));
                        }
                    }
                }
                // The theorem's name is visible in its own proof.
                if let Some(n) = &t.name {
                    let s = sym(SymKind::Fact, 0, n.span, true);
                    self.define(ctx, &n.name, s.clone(), n.span, false);
                    iface.names.insert(n.name.clone(), s);
                }
                if let Some(p) = &t.proof {
                    self.proof(p, ctx, &mut locals);
                }
            }
            UnitKind::UseHide(uh) => self.use_hide(uh, ctx, &mut locals),
            UnitKind::Module(inner) => {
                let i = self.module(inner, ctx);
                ctx.nested.insert(inner.name.name.clone(), i);
            }
            UnitKind::Separator => {}
        }
    }

    fn op_def(&mut self, d: &OpDef, ctx: &Ctx, locals: &mut Locals) {
        let n = locals.len();
        for p in &d.params {
            locals.push((
                p.name.name.clone(),
                sym(SymKind::Bound, p.arity, p.name.span, false),
            ));
        }
        self.expr(&d.body, ctx, locals, false);
        locals.truncate(n);
    }

    fn fun_def(&mut self, d: &FunDef, ctx: &Ctx, locals: &mut Locals) {
        let n = locals.len();
        self.bounds(&d.bounds, ctx, locals);
        locals.push((
            d.name.name.clone(),
            sym(SymKind::Function, 0, d.name.span, false),
        ));
        self.expr(&d.body, ctx, locals, false);
        locals.truncate(n);
    }

    /// Checks an INSTANCE's substitutions; returns the target's interface.
    fn instance(&mut self, inst: &Instance, ctx: &Ctx, locals: &mut Locals) -> Option<Interface> {
        let target = self.iface(ctx, &inst.module.name)?.clone();
        for (lhs, e) in &inst.subst {
            self.expr(e, ctx, locals, true);
            if !target.params.iter().any(|p| p.0 == lhs.name) {
                let d = error_at(
                    lhs.span,
                    format!(
                        "module `{}` has no constant or variable `{}`",
                        inst.module.name, lhs.name
                    ),
                    "not a parameter of the instantiated module",
                );
                self.err(d);
            }
        }
        for (p, _, _) in &target.params {
            if inst.subst.iter().any(|(l, _)| &l.name == p) {
                continue;
            }
            if self.lookup(p, ctx, locals).is_none() {
                let d = error_at(
                    inst.module.span,
                    format!(
                        "INSTANCE {}: nothing to substitute for `{p}`",
                        inst.module.name
                    ),
                    format!("add `WITH {p} <- ...` or define `{p}` before this INSTANCE"),
                );
                self.err(d);
            }
        }
        Some(target)
    }

    fn lookup<'b>(&self, name: &str, ctx: &'b Ctx, locals: &'b Locals) -> Option<&'b Sym> {
        locals
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s)
            .or_else(|| ctx.syms.get(name))
    }

    fn bounds(&mut self, bs: &[Bound], ctx: &Ctx, locals: &mut Locals) {
        for b in bs {
            if let Some(s) = &b.set {
                self.expr(s, ctx, locals, false);
            }
        }
        for b in bs {
            for n in &b.names {
                locals.push((n.name.clone(), sym(SymKind::Bound, 0, n.span, false)));
            }
        }
    }

    /// Resolves a name applied to `nargs` arguments.
    fn apply(&mut self, name: &Ident, nargs: usize, ctx: &Ctx, locals: &Locals, as_arg: bool) {
        if BUILTIN_NAMES.contains(&name.name.as_str()) && nargs == 0 {
            return;
        }
        if as_arg && nargs == 0 && BUILTIN_OPS.contains(&name.name.as_str()) {
            return; // a built-in operator passed to a higher-order operator
        }
        match self.lookup(&name.name, ctx, locals) {
            Some(s) => {
                let arity = s.arity;
                let ok = arity == nargs || arity == ANY_ARITY || (as_arg && nargs == 0);
                if !ok {
                    let d = error_at(
                        name.span,
                        format!(
                            "`{}` takes {} argument{}, but is given {}",
                            name.name,
                            arity,
                            if arity == 1 { "" } else { "s" },
                            nargs
                        ),
                        "wrong number of arguments",
                    )
                    .with_labels(vec![secondary(s.span, "defined here")]);
                    self.err(d);
                }
            }
            None => self.unknown(name),
        }
    }

    fn unknown(&mut self, name: &Ident) {
        let mut d = error_at(
            name.span,
            format!("unknown name `{}`", name.name),
            "not defined or declared before this point",
        );
        if let Some(m) = defining_module(&name.name) {
            d.notes.push(format!(
                "`{}` is defined in the standard module {m}: add it to EXTENDS",
                name.name
            ));
        }
        self.err(d);
    }

    fn operator(&mut self, op: &Ident, arity: usize, ctx: &Ctx, locals: &Locals) {
        if BUILTIN_OPS.contains(&op.name.as_str()) {
            return;
        }
        self.apply(op, arity, ctx, locals, false);
    }

    fn expr(&mut self, e: &Expr, ctx: &Ctx, locals: &mut Locals, as_arg: bool) {
        match &e.kind {
            ExprKind::Apply(name, args) => {
                self.apply(name, args.len(), ctx, locals, as_arg);
                for a in args {
                    self.expr(a, ctx, locals, true);
                }
            }
            ExprKind::Qualified(path) => self.qualified(path, ctx, locals, as_arg),
            ExprKind::Infix(op, a, b) => {
                self.operator(op, 2, ctx, locals);
                self.expr(a, ctx, locals, false);
                self.expr(b, ctx, locals, false);
            }
            ExprKind::Prefix(op, a) | ExprKind::Postfix(op, a) => {
                self.operator(op, 1, ctx, locals);
                self.expr(a, ctx, locals, false);
            }
            ExprKind::Let(defs, body) => {
                let n = locals.len();
                for d in defs {
                    self.let_def(d, ctx, locals);
                }
                self.expr(body, ctx, locals, false);
                locals.truncate(n);
            }
            ExprKind::Quant(_, bs, body) | ExprKind::FnCons(bs, body) => {
                let n = locals.len();
                self.bounds(bs, ctx, locals);
                self.expr(body, ctx, locals, false);
                locals.truncate(n);
            }
            ExprKind::Choose(b, body) | ExprKind::SetFilter(b, body) => {
                let n = locals.len();
                self.bounds(std::slice::from_ref(b), ctx, locals);
                self.expr(body, ctx, locals, false);
                locals.truncate(n);
            }
            ExprKind::SetMap(body, bs) => {
                let n = locals.len();
                self.bounds(bs, ctx, locals);
                self.expr(body, ctx, locals, false);
                locals.truncate(n);
            }
            ExprKind::TemporalQuant(_, names, body) | ExprKind::Lambda(names, body) => {
                let n = locals.len();
                for x in names {
                    locals.push((x.name.clone(), sym(SymKind::Bound, 0, x.span, false)));
                }
                self.expr(body, ctx, locals, false);
                locals.truncate(n);
            }
            ExprKind::AssumeProve(items, goal) => {
                let n = locals.len();
                for it in items {
                    match it {
                        AssumeItem::New { decl, set, .. } => {
                            if let Some(s) = set {
                                self.expr(s, ctx, locals, false);
                            }
                            locals.push((
                                decl.name.name.clone(),
                                sym(SymKind::Bound, decl.arity, decl.name.span, false),
                            ));
                        }
                        AssumeItem::Def(u) => self.let_def(u, ctx, locals),
                        AssumeItem::Fact(f) => self.expr(f, ctx, locals, false),
                    }
                }
                self.expr(goal, ctx, locals, false);
                locals.truncate(n);
            }
            _ => {
                for c in crate::visit::children(e) {
                    self.expr(c, ctx, locals, false);
                }
            }
        }
    }

    /// A definition inside LET (or a proof): checked, then pushed.
    fn let_def(&mut self, d: &Unit, ctx: &Ctx, locals: &mut Locals) {
        match &d.kind {
            UnitKind::OpDef(od) => {
                self.op_def(od, ctx, locals);
                let recursive_pos = locals
                    .iter()
                    .rposition(|(n, s)| n == &od.name.name && s.kind == SymKind::Recursive);
                if let Some(p) = recursive_pos {
                    locals.remove(p);
                }
                locals.push((
                    od.name.name.clone(),
                    sym(SymKind::Operator, od.params.len(), od.name.span, false),
                ));
            }
            UnitKind::FunDef(fd) => {
                self.fun_def(fd, ctx, locals);
                locals.push((
                    fd.name.name.clone(),
                    sym(SymKind::Function, 0, fd.name.span, false),
                ));
            }
            UnitKind::Recursive(decls) => {
                for dd in decls {
                    locals.push((
                        dd.name.name.clone(),
                        sym(SymKind::Recursive, dd.arity, dd.name.span, false),
                    ));
                }
            }
            UnitKind::ModuleDef(md) => {
                let n = locals.len();
                for p in &md.params {
                    locals.push((
                        p.name.name.clone(),
                        sym(SymKind::Bound, p.arity, p.name.span, false),
                    ));
                }
                self.instance(&md.instance, ctx, locals);
                locals.truncate(n);
                locals.push((
                    md.name.name.clone(),
                    sym(
                        SymKind::Instance(md.instance.module.name.clone()),
                        md.params.len(),
                        md.name.span,
                        false,
                    ),
                ));
            }
            UnitKind::Instance(inst) => {
                if let Some(t) = self.instance(inst, ctx, locals) {
                    for (n, s) in t.names {
                        if !matches!(s.kind, SymKind::Constant | SymKind::Variable) {
                            locals.push((n, s));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn qualified(&mut self, path: &[PathElem], ctx: &Ctx, locals: &mut Locals, as_arg: bool) {
        for p in path {
            let (PathElem::Name(_, args) | PathElem::Selector(_, args)) = p;
            for a in args {
                self.expr(a, ctx, locals, true);
            }
        }
        let Some(PathElem::Name(head, args)) = path.first() else {
            return;
        };
        if head.name.starts_with('<') {
            return; // a proof step name
        }
        let Some(s) = self.lookup(&head.name, ctx, locals).cloned() else {
            self.unknown(head);
            return;
        };
        let SymKind::Instance(mut module) = s.kind.clone() else {
            return; // `Inv!2`, `Thm!:`, `Op!lbl`: selectors are not checked
        };
        if args.len() != s.arity {
            self.apply(head, args.len(), ctx, locals, false);
        }
        for (k, p) in path.iter().enumerate().skip(1) {
            let PathElem::Name(n, args) = p else { return };
            let passed = as_arg && args.is_empty() && k + 1 == path.len();
            let Some(iface) = self.iface(ctx, &module) else {
                return;
            };
            let Some(t) = iface.names.get(&n.name).cloned() else {
                let d = error_at(
                    n.span,
                    format!("module `{module}` has no public definition `{}`", n.name),
                    "not defined in the instantiated module",
                );
                self.err(d);
                return;
            };
            if t.arity != args.len() && !passed && !matches!(t.kind, SymKind::Fact) {
                let d = error_at(
                    n.span,
                    format!(
                        "`{}` takes {} argument{}, but is given {}",
                        n.name,
                        t.arity,
                        if t.arity == 1 { "" } else { "s" },
                        args.len()
                    ),
                    "wrong number of arguments",
                );
                self.err(d);
                return;
            }
            match t.kind {
                SymKind::Instance(m2) => module = m2,
                _ => return,
            }
        }
    }

    fn use_hide(&mut self, uh: &UseHide, ctx: &Ctx, locals: &mut Locals) {
        for f in &uh.facts {
            self.expr(f, ctx, locals, true);
        }
        for d in &uh.defs {
            self.expr(d, ctx, locals, true);
        }
    }

    /// Proofs are checked leniently: every name a proof introduces anywhere
    /// (NEW, PICK, TAKE, DEFINE) is visible in all of it.
    fn proof(&mut self, p: &Proof, ctx: &Ctx, locals: &mut Locals) {
        let n = locals.len();
        collect_proof_names(p, locals);
        self.proof_inner(p, ctx, locals);
        locals.truncate(n);
    }

    fn proof_inner(&mut self, p: &Proof, ctx: &Ctx, locals: &mut Locals) {
        match p {
            Proof::Obvious | Proof::Omitted => {}
            Proof::By(uh) => self.use_hide(uh, ctx, locals),
            Proof::Steps(steps) => {
                for s in steps {
                    match &s.body {
                        StepBody::Qed => {}
                        StepBody::Assert(e)
                        | StepBody::Suffices(e)
                        | StepBody::Case(e)
                        | StepBody::Have(e) => self.expr(e, ctx, locals, false),
                        StepBody::Pick(bs, e) => {
                            for b in bs {
                                if let Some(s) = &b.set {
                                    self.expr(s, ctx, locals, false);
                                }
                            }
                            self.expr(e, ctx, locals, false);
                        }
                        StepBody::Take(bs) => {
                            for b in bs {
                                if let Some(s) = &b.set {
                                    self.expr(s, ctx, locals, false);
                                }
                            }
                        }
                        StepBody::Witness(es) => {
                            for e in es {
                                self.expr(e, ctx, locals, false);
                            }
                        }
                        StepBody::Define(us) => {
                            for u in us {
                                match &u.kind {
                                    UnitKind::OpDef(d) => self.op_def(d, ctx, locals),
                                    UnitKind::FunDef(d) => self.fun_def(d, ctx, locals),
                                    _ => {}
                                }
                            }
                        }
                        StepBody::UseHide(uh) => self.use_hide(uh, ctx, locals),
                        StepBody::Instance(i) => {
                            self.instance(i, ctx, locals);
                        }
                    }
                    if let Some(p) = &s.proof {
                        self.proof_inner(p, ctx, locals);
                    }
                }
            }
        }
    }
}

/// Arity of a name introduced in a proof: one proof can DEFINE the same
/// name with different arities in different steps, so any is accepted.
const ANY_ARITY: usize = usize::MAX;

fn collect_proof_names(p: &Proof, locals: &mut Locals) {
    let Proof::Steps(steps) = p else { return };
    let push = |locals: &mut Locals, n: &Ident, _arity: usize, kind: SymKind| {
        locals.push((n.name.clone(), sym(kind, ANY_ARITY, n.span, false)));
    };
    for s in steps {
        match &s.body {
            StepBody::Pick(bs, _) | StepBody::Take(bs) => {
                for b in bs {
                    for n in &b.names {
                        push(locals, n, 0, SymKind::Bound);
                    }
                }
            }
            StepBody::Define(us) => {
                for u in us {
                    match &u.kind {
                        UnitKind::OpDef(d) => {
                            push(locals, &d.name, d.params.len(), SymKind::Operator)
                        }
                        UnitKind::FunDef(d) => push(locals, &d.name, 0, SymKind::Function),
                        UnitKind::ModuleDef(d) => push(
                            locals,
                            &d.name,
                            d.params.len(),
                            SymKind::Instance(d.instance.module.name.clone()),
                        ),
                        _ => {}
                    }
                }
            }
            StepBody::Assert(e) | StepBody::Suffices(e) => {
                if let ExprKind::AssumeProve(items, _) = &e.kind {
                    for it in items {
                        if let AssumeItem::New { decl, .. } = it {
                            push(locals, &decl.name, decl.arity, SymKind::Bound);
                        }
                    }
                }
            }
            _ => {}
        }
        if let Some(p) = &s.proof {
            collect_proof_names(p, locals);
        }
    }
}

fn sym(kind: SymKind, arity: usize, span: Span, public: bool) -> Sym {
    Sym {
        kind,
        arity,
        span,
        public,
    }
}
