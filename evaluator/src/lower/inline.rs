//! Operators: definitions lowered once and called with a frame, and the
//! operators whose meaning involves the next state inlined at each call
//! site, with their arguments passed by name; operator arguments and
//! LAMBDA.

use super::expr::{is_expensive, wrap_let};
use super::{
    lerr, Binding, CtxId, DefEntry, DefInfo, Frame, Item, LResult, LowerError, Lowerer, OpRef,
};
use crate::builtins;
use crate::ir::{self, Bound, Expr, Kind, LetDef};
use parser::ast;
use parser::span::Span;
use std::sync::{Arc, OnceLock};

impl<'a> Lowerer<'a> {
    /// Lowers the body of the root-context definition `name` in place (its
    /// action-level callees inlined), so the caller can analyse its
    /// structure (conjuncts of Spec, `[][Next]_vars`).
    pub(super) fn inline_name(
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

    pub(super) fn args(
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
    pub(super) fn opref(
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

    pub(super) fn apply_opref(
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
    pub(super) fn apply_item(
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
                if let Some(s) = self.ctxs[ctx].subst.get(name) {
                    return Ok(s.use_in(frame));
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
                if let Some(s) = self.ctxs[ctx].subst.get(name) {
                    return Ok(s.use_in(frame));
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
                        // A recursive call met while inlining the same
                        // definition is a call (its arguments, primed or
                        // not, are passed as values), unless the
                        // definition itself is an action.
                        let reentered = self.inlining.iter().any(|(m2, u2)| *m2 == m && *u2 == u);
                        if has_opparams || (any_next && !reentered) {
                            return self.inline_def(ctx, &m, u, args, opargs, frame, span);
                        }
                        let entry = self.def_entry(ctx, &m, u, span)?;
                        let recursive =
                            reentered || self.in_progress.iter().any(|k| k.1 == m && k.2 == u);
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
    pub(super) fn lambda_for(
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
    pub(super) fn inline_def(
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
        self.inlining.push((module.to_string(), unit));
        let body = self.expr(&d.body, ctx, &mut scope, frame);
        self.inlining.pop();
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
    pub(super) fn def_entry(
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
        // Temporal formulas and ENABLED are inlined like actions, so that
        // the liveness checker sees their structure (`crate::liveness`).
        let inline = fun_bounds.is_none() && (body.mentions_next() || body.is_temporal_level());
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

    pub(super) fn lower_def_body(
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
}
