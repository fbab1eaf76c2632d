//! Name resolution: the table of the names a module sees (its own, those
//! of the modules it extends, those reached through unnamed instances),
//! and what a name denotes in a context, after the model's replacements.

use super::{lerr, Binding, CtxId, Frame, Item, LResult, Lowerer, OpRef, Replacement};
use crate::ir::{Expr, Kind};
use crate::value::Value;
use parser::ast;
use parser::span::Span;
use std::collections::HashMap;
use std::sync::Arc;

impl<'a> Lowerer<'a> {
    /// Builds (once) the name table of module `name`; collects the state
    /// variables in declaration order into `vars`.
    pub(super) fn table(&mut self, name: &str, vars: &mut Vec<String>) -> HashMap<String, Item> {
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
    pub(super) fn local_def(&self, _name: &str, item: &Item) -> Option<bool> {
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

    pub(super) fn unit(&self, module: &str, idx: usize) -> &'a ast::Unit {
        &self.modules[module].units[idx]
    }

    // ---- contexts -------------------------------------------------------

    /// Resolves `name` in context `ctx`: the context it is defined in and
    /// its item.
    pub(super) fn lookup(&mut self, ctx: CtxId, name: &str, span: Span) -> LResult<(CtxId, Item)> {
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

    pub(super) fn follow(&mut self, ctx: CtxId, item: Item, span: Span) -> LResult<(CtxId, Item)> {
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
    pub(super) fn replacement(&self, _ctx: CtxId, module: &str, name: &str) -> Option<Replacement> {
        self.overrides
            .get(&(module.to_string(), name.to_string()))
            .cloned()
    }

    /// The home module of the definition `name` as seen from the root.
    pub(super) fn root_home(&self, name: &str) -> Option<String> {
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

    pub(super) fn replaced(
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
    pub(super) fn name(
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
        if args.is_empty() {
            if let Some(s) = self.ctxs[ctx].subst.get(&id.name) {
                return Ok(s.use_in(frame));
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

    pub(super) fn param_arities(&self, item: &Item) -> Vec<usize> {
        match item {
            Item::Def(m, u) => match &self.unit(m, *u).kind {
                ast::UnitKind::OpDef(d) => d.params.iter().map(|p| p.arity).collect(),
                _ => vec![],
            },
            Item::Hop(_, _, inner) => self.param_arities(inner),
            _ => vec![],
        }
    }
}
