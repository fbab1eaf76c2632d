//! Name checking, as SANY does it: every name used is defined before its
//! use (or declared RECURSIVE), operators are applied to as many arguments
//! as they take, a module defines a name once, and INSTANCE substitutes
//! every constant and variable of the instantiated module.
//!
//! It also computes each module's interface (its public names), which the
//! evaluator's lowering uses as well.

use crate::ast::*;
use crate::diag::{error_at, secondary, Diag};
use crate::modules::{ModuleSet, Origin};
use crate::span::Span;
use std::collections::HashMap;

mod proof;
mod suggest;

use proof::ANY_ARITY;
use suggest::{closest, top_level_names};

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
            in_proof: false,
            module_defs: HashMap::new(),
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
            in_proof: false,
            module_defs: HashMap::new(),
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
    /// Inside a proof, names are checked leniently (see [`Checker::proof`]),
    /// so a bound name that repeats one in scope is not reported there.
    in_proof: bool,
    /// Every name the module being checked defines at its top level, with
    /// where: to tell "defined later" from "not defined".
    module_defs: HashMap<String, Span>,
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
        crate::limits::with_stack(|| self.module_in(m, outer))
    }

    fn module_in(&mut self, m: &Module, outer: &Ctx) -> Interface {
        let mut ctx = outer.clone();
        ctx.own.clear();
        let saved_defs = std::mem::replace(&mut self.module_defs, top_level_names(m));
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
        for u in &m.units {
            if let UnitKind::Recursive(decls) = &u.kind {
                for d in decls {
                    let still = ctx.syms.get(&d.name.name);
                    if still.is_some_and(|s| s.kind == SymKind::Recursive && s.span == d.name.span)
                    {
                        self.recursive_not_defined(&d.name);
                    }
                }
            }
        }
        self.module_defs = saved_defs;
        iface
    }

    fn recursive_not_defined(&mut self, n: &Ident) {
        let d = error_at(
            n.span,
            format!("`{}` is declared RECURSIVE but never defined", n.name),
            "declared here",
        );
        self.err(d);
    }

    /// Pushes a bound name (a parameter, a quantified variable, a LET
    /// definition); as in SANY, it must not repeat a name already visible.
    fn bind(&mut self, n: &Ident, s: Sym, ctx: &Ctx, locals: &mut Locals) {
        if !self.in_proof {
            if let Some(old) = self.lookup(&n.name, ctx, locals) {
                if old.kind != SymKind::Recursive {
                    let old = old.span;
                    let mut d = error_at(
                        n.span,
                        format!("the bound name `{}` is already in use", n.name),
                        "choose another name here",
                    )
                    .with_labels(vec![secondary(
                        old,
                        format!("`{}` is defined here", n.name),
                    )]);
                    d.notes.push(
                        "TLA+ does not allow a name to be bound again where it is already visible"
                            .into(),
                    );
                    self.err(d);
                }
            }
        }
        locals.push((n.name.clone(), s));
    }

    /// Adds `name` to the module context. As in SANY, a definition or
    /// declaration of a name that is already visible (defined in this
    /// module, imported with EXTENDS or INSTANCE, or defined in an enclosing
    /// module) is an error; an INSTANCE that imports a name this module
    /// already defines is only a warning, and the module's own definition
    /// wins. The same definition reached twice (Naturals through two
    /// EXTENDS) is no clash at all.
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
            if !imported {
                let (summary, other) = if old_own {
                    (format!("`{name}` is defined twice"), "first defined here")
                } else {
                    (
                        format!("`{name}` is already defined in a module this one uses"),
                        "the other definition",
                    )
                };
                let d = error_at(at, summary, format!("`{name}` is defined again here"))
                    .with_labels(vec![secondary(old.span, other)]);
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
                    let s = sym(SymKind::Bound, p.arity, p.name.span, false);
                    self.bind(&p.name, s, ctx, &mut locals);
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
            self.bind(
                &p.name,
                sym(SymKind::Bound, p.arity, p.name.span, false),
                ctx,
                locals,
            );
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
                self.bind(n, sym(SymKind::Bound, 0, n.span, false), ctx, locals);
            }
        }
    }

    /// Resolves a name applied to `nargs` arguments.
    fn apply(&mut self, name: &Ident, nargs: usize, ctx: &Ctx, locals: &Locals, as_arg: bool) {
        if BUILTIN_NAMES.contains(&name.name.as_str()) && nargs == 0 {
            return;
        }
        if BUILTIN_OPS.contains(&name.name.as_str()) && (nargs == 0 && as_arg || nargs > 0) {
            // A built-in operator passed to a higher-order operator, or
            // applied in functional notation: `\cup(S, T)`.
            return;
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
            None => self.unknown(name, ctx, locals),
        }
    }

    fn unknown(&mut self, name: &Ident, ctx: &Ctx, locals: &Locals) {
        if let Some(def) = self.module_defs.get(&name.name).copied() {
            if def.file == name.span.file && def.start > name.span.start {
                let mut d = error_at(
                    name.span,
                    format!("`{}` is used before it is defined", name.name),
                    "used here",
                )
                .with_labels(vec![secondary(def, "defined later, here")]);
                d.notes.push(
                    "TLA+ requires a definition to come before its uses: move it up (a recursive operator is declared first with RECURSIVE)"
                        .into(),
                );
                self.err(d);
                return;
            }
        }
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
        } else {
            let names = locals
                .iter()
                .map(|(n, _)| n.as_str())
                .chain(ctx.syms.keys().map(String::as_str));
            if let Some(best) = closest(&name.name, names) {
                d.notes.push(format!("did you mean `{best}`?"));
            }
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
        crate::limits::with_stack(|| self.expr_in(e, ctx, locals, as_arg))
    }

    fn expr_in(&mut self, e: &Expr, ctx: &Ctx, locals: &mut Locals, as_arg: bool) {
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
                let undefined: Vec<Ident> = locals[n..]
                    .iter()
                    .filter(|(_, s)| s.kind == SymKind::Recursive)
                    .map(|(name, s)| Ident::new(name.clone(), s.span))
                    .collect();
                for u in &undefined {
                    self.recursive_not_defined(u);
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
                    self.bind(x, sym(SymKind::Bound, 0, x.span, false), ctx, locals);
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
                            let s = sym(SymKind::Bound, decl.arity, decl.name.span, false);
                            self.bind(&decl.name, s, ctx, locals);
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
                let s = sym(SymKind::Operator, od.params.len(), od.name.span, false);
                self.bind(&od.name, s, ctx, locals);
            }
            UnitKind::FunDef(fd) => {
                self.fun_def(fd, ctx, locals);
                let s = sym(SymKind::Function, 0, fd.name.span, false);
                self.bind(&fd.name, s, ctx, locals);
            }
            UnitKind::Recursive(decls) => {
                for dd in decls {
                    let s = sym(SymKind::Recursive, dd.arity, dd.name.span, false);
                    self.bind(&dd.name, s, ctx, locals);
                }
            }
            UnitKind::ModuleDef(md) => {
                let n = locals.len();
                for p in &md.params {
                    let s = sym(SymKind::Bound, p.arity, p.name.span, false);
                    self.bind(&p.name, s, ctx, locals);
                }
                self.instance(&md.instance, ctx, locals);
                locals.truncate(n);
                let s = sym(
                    SymKind::Instance(md.instance.module.name.clone()),
                    md.params.len(),
                    md.name.span,
                    false,
                );
                self.bind(&md.name, s, ctx, locals);
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
            self.unknown(head, ctx, locals);
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
}

fn sym(kind: SymKind, arity: usize, span: Span, public: bool) -> Sym {
    Sym {
        kind,
        arity,
        span,
        public,
    }
}
