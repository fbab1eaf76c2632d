//! Instances: the context of an `INSTANCE` with its substitutions, and
//! the names reached through a named instance (`I!Op`, `I(x)!Op`).

use super::expr::wrap_let;
use super::{
    lerr, Binding, CtxData, CtxId, Frame, Item, LResult, Lowerer, OpRef, Subst, Substitutions,
};
use crate::builtins;
use crate::ir::{Expr, LetDef};
use parser::ast;
use parser::span::Span;
use std::collections::HashMap;
use std::sync::Arc;

impl<'a> Lowerer<'a> {
    /// The context reached from `ctx` through the INSTANCE at
    /// (`module`, `unit`) (an unnamed INSTANCE or a named one without
    /// parameters).
    pub(super) fn hop(
        &mut self,
        ctx: CtxId,
        module: &str,
        unit: usize,
        span: Span,
    ) -> LResult<CtxId> {
        let key = format!("{}>{}#{}", self.ctxs[ctx].key, module, unit);
        if let Some(&c) = self.ctx_index.get(&key) {
            return Ok(c);
        }
        let inst = match &self.unit(module, unit).kind {
            ast::UnitKind::Instance(i) => i,
            ast::UnitKind::ModuleDef(d) => &d.instance,
            _ => return lerr(span, "internal: not an instance"),
        };
        let mut own = Frame::new(0);
        let (mut subst, op_subst) = self.instance_subst(ctx, inst, &mut own, &mut vec![])?;
        for s in subst.values_mut() {
            s.nslots = own.max;
        }
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
    pub(super) fn instance_subst(
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
                    subst.insert(
                        name.clone(),
                        Subst {
                            expr: Arc::new(e),
                            nslots: 0,
                        },
                    );
                }
                _ => {}
            }
        }
        Ok((subst, op_subst))
    }

    // ---- entry points ---------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    pub(super) fn qualified(
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
    pub(super) fn selection(
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
}
