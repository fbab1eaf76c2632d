//! Name checking inside proofs. Proofs are checked leniently: every name a
//! proof introduces anywhere (NEW, PICK, TAKE, DEFINE) is visible in all of
//! it, with any arity.

use super::{sym, Checker, Ctx, Locals, SymKind};
use crate::ast::*;

impl Checker<'_> {
    /// Proofs are checked leniently: every name a proof introduces anywhere
    /// (NEW, PICK, TAKE, DEFINE) is visible in all of it.
    pub(super) fn proof(&mut self, p: &Proof, ctx: &Ctx, locals: &mut Locals) {
        let n = locals.len();
        collect_proof_names(p, locals);
        let was = std::mem::replace(&mut self.in_proof, true);
        self.proof_inner(p, ctx, locals);
        self.in_proof = was;
        locals.truncate(n);
    }

    fn proof_inner(&mut self, p: &Proof, ctx: &Ctx, locals: &mut Locals) {
        crate::limits::with_stack(|| self.proof_steps(p, ctx, locals))
    }

    fn proof_steps(&mut self, p: &Proof, ctx: &Ctx, locals: &mut Locals) {
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
pub(super) const ANY_ARITY: usize = usize::MAX;

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
            crate::limits::with_stack(|| collect_proof_names(p, locals));
        }
    }
}
