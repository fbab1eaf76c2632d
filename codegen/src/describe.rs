//! What the bindings are generated from, read off the model: the types of
//! the variables (from the type invariant, `TypeOK`: its `x \in S` and
//! `x \subseteq S` conjuncts, then the initial states), of the actions'
//! parameters and of the variables bound inside them ([`crate::actions`]),
//! the names of sets of model values and of record types, and the values
//! of the `--const` definitions. What none of these gives comes from a
//! short exploration ([`crate::sample`]).

use crate::actions::action_types;
use crate::error::GenError;
use crate::infer::{elem_ty, is_known, join, type_of, Ty};
use crate::sample::sample;
use evaluator::eval::Ctx;
use evaluator::explore::{Explorer, Options};
use evaluator::ir::{Expr, Kind};
use evaluator::lower::{Lowerer, Program};
use evaluator::model::{bindings, Model};
use evaluator::value::{ModelValue, Value};
use parser::ast;
use parser::cfg::ModelConfig;
use parser::load::ModuleSet;
use parser::span::Span;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// A model to generate bindings for: the loaded modules, the root
/// module's name, its model file and the lowered model.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    /// The modules (the root and everything it depends on).
    pub modules: &'a ModuleSet,
    /// The root module's name.
    pub root: &'a str,
    /// The model file (constants).
    pub config: &'a ModelConfig,
    /// The lowered model.
    pub model: &'a Model,
}

/// A definition emitted as a function: its name, value and type.
pub(crate) struct Const {
    pub name: String,
    pub value: Value,
    pub ty: Ty,
    /// Where the spec defines it.
    pub def: Option<Span>,
}

/// Everything the bindings are generated from.
pub(crate) struct SpecTypes {
    /// State variables and their types.
    pub vars: Vec<(String, Ty)>,
    /// Actions of `Next`: name, parameters and their types.
    pub actions: Vec<(String, Vec<(String, Ty)>)>,
    /// For each action (in the order of `actions`), the variables bound
    /// inside it by `\E` and their types: optional fields of the action.
    pub inner: Vec<Vec<(String, Ty)>>,
    /// Definitions to emit as functions.
    pub consts: Vec<Const>,
    /// Names of sets of model values (constants of the spec), and of
    /// single model values.
    pub set_names: Vec<(BTreeSet<ModelValue>, String)>,
    /// Names of record types (definitions of the spec whose value is a set
    /// of records: `Message`).
    pub record_names: Vec<(Ty, String)>,
}

/// The type invariants looked for when none is named.
const TYPE_INVARIANTS: [&str; 4] = ["TypeOK", "TypeOk", "TypeInvariant", "TypeInv"];

/// The names of the root's modules that matter here: constants without arguments,
/// definitions without arguments, variables, with where they are written.
#[derive(Default)]
struct Declared<'s> {
    constants: Vec<&'s ast::Ident>,
    /// Definitions without arguments, and whether their body is a set of
    /// records written out.
    defs: HashMap<&'s str, (Span, bool)>,
    /// The order definitions are met in (for the record-set names).
    def_order: Vec<&'s str>,
    vars: HashMap<&'s str, Span>,
}

fn declared<'s>(set: &'s ModuleSet, root: &str) -> Declared<'s> {
    let mut d = Declared::default();
    for m in extends_chain(set, root) {
        for u in &m.units {
            match &u.kind {
                ast::UnitKind::Constants(cs) => {
                    d.constants
                        .extend(cs.iter().filter(|c| c.arity == 0).map(|c| &c.name));
                }
                ast::UnitKind::OpDef(def) if def.params.is_empty() => {
                    let name = def.name.name.as_str();
                    if !d.defs.contains_key(name) {
                        d.def_order.push(name);
                        d.defs
                            .insert(name, (def.name.span, is_record_set(&def.body)));
                    }
                }
                ast::UnitKind::Variables(vs) => {
                    for v in vs {
                        d.vars.entry(v.name.as_str()).or_insert(v.span);
                    }
                }
                _ => {}
            }
        }
    }
    d
}

/// Reads the types of the model `src`; `type_invariant` names the type
/// invariant (default: the first of [`TYPE_INVARIANTS`] defined),
/// `consts` the definitions to emit as functions.
pub(crate) fn describe(
    src: &Source<'_>,
    type_invariant: Option<&str>,
    consts: &[String],
) -> Result<SpecTypes, GenError> {
    let model = src.model;
    let explorer = Explorer::new(model, Options::default());
    let inits = explorer.initial_states().map_err(GenError::Eval)?;
    let Some(init) = inits.first().map(|s| s.to_vec()) else {
        return Err(GenError::NoInitialState {
            init: model.init.span,
        });
    };

    // Lower what the module is typed from, in the root's context.
    let decl = declared(src.modules, src.root);
    let b = bindings(src.config).map_err(GenError::Lower)?;
    let mut l = Lowerer::new(src.modules, src.root, b).map_err(GenError::Lower)?;
    let mut constants = vec![];
    for c in &decl.constants {
        if let Ok((e, n)) = l.root_expr(&ident(&c.name, c.span)) {
            constants.push((c.name.clone(), e, n));
        }
    }
    let mut record_defs = vec![];
    for name in &decl.def_order {
        let (span, records) = decl.defs[name];
        if records {
            if let Ok((e, n)) = l.root_expr(&ident(name, span)) {
                record_defs.push((name.to_string(), e, n));
            }
        }
    }
    let type_inv = match type_invariant {
        Some(n) if !decl.defs.contains_key(n) => {
            return Err(GenError::UnknownDefinition {
                option: "--type-invariant",
                name: n.to_string(),
            })
        }
        Some(n) => Some(n.to_string()),
        None => TYPE_INVARIANTS
            .iter()
            .find(|n| decl.defs.contains_key(**n))
            .map(|n| n.to_string()),
    };
    let type_expr = match &type_inv {
        Some(n) => Some(
            l.root_expr(&ident(n, decl.defs[n.as_str()].0))
                .map_err(GenError::Lower)?,
        ),
        None => None,
    };
    let mut const_exprs = vec![];
    for c in consts {
        let constant = decl.constants.iter().find(|x| x.name == *c).map(|x| x.span);
        let Some(span) = decl.defs.get(c.as_str()).map(|d| d.0).or(constant) else {
            return Err(GenError::UnknownDefinition {
                option: "--const",
                name: c.clone(),
            });
        };
        let (e, n) = l.root_expr(&ident(c, span)).map_err(GenError::Lower)?;
        const_exprs.push((c.clone(), e, n, span));
    }
    let program = std::mem::take(&mut l.program);
    let eval = |e: &Expr, n: u32| -> Result<Value, String> {
        let mut ctx = Ctx::new(&program, &init, n);
        ctx.eval(e).map_err(|err| err.message.clone())
    };

    // Names of sets of model values: the constants.
    let mut set_names = vec![];
    for (name, e, n) in &constants {
        match eval(e, *n) {
            Ok(Value::Model(m)) => set_names.push((BTreeSet::from([m]), name.clone())),
            Ok(v @ Value::Set(_)) => {
                if let Some(ms) = model_values(&v) {
                    set_names.push((ms, name.clone()));
                }
            }
            _ => {}
        }
    }
    let mut record_names = vec![];
    for (name, e, n) in &record_defs {
        if let Ok(v) = eval(e, *n) {
            if let Ok(t @ (Ty::Record(_) | Ty::Tagged(..))) = elem_ty(&v) {
                record_names.push((t, name.clone()));
            }
        }
    }

    // The variables: the type invariant, then the initial states.
    let vars = &model.program.vars;
    let var_decl = |i: usize| decl.vars.get(vars[i].as_str()).copied();
    let mut var_tys: Vec<Ty> = vec![Ty::Unknown; vars.len()];
    if let (Some((e, n)), Some(name)) = (&type_expr, &type_inv) {
        let mut conj = vec![];
        unfold(&program, e, *n, &mut conj, 0);
        for (c, n) in conj {
            let (var, set, subset) = match &c.kind {
                Kind::In(x, s) => (x, s, false),
                Kind::Subseteq(x, s) => (x, s, true),
                _ => continue,
            };
            let Kind::Var(i) = var.kind else { continue };
            let err = |reason| GenError::InvariantSet {
                invariant: name.clone(),
                var: vars[i as usize].clone(),
                conjunct: c.span,
                reason,
            };
            let s = eval(set, n).map_err(err)?;
            let t = elem_ty(&s).map_err(err)?;
            var_tys[i as usize] = if subset { Ty::Set(Box::new(t)) } else { t };
        }
    }
    for s in &inits {
        for (i, v) in s.iter().enumerate() {
            if !is_known(&var_tys[i]) {
                let t = type_of(v).map_err(|reason| GenError::StateValue {
                    var: vars[i].clone(),
                    decl: var_decl(i),
                    reason,
                })?;
                var_tys[i] = join(&var_tys[i], &t).unwrap_or(t);
            }
        }
    }

    let (mut actions, inner) = action_types(model, &init, &var_tys);
    // What is still unknown, from the values of a short exploration.
    let unknown = actions
        .iter()
        .any(|a| a.params.iter().any(|(_, t)| !is_known(t)))
        || var_tys.iter().any(|t| !is_known(t));
    if unknown {
        sample(&explorer, &inits, &mut actions, &mut var_tys);
    }
    for a in &actions {
        if let Some((p, _)) = a.params.iter().find(|(_, t)| !is_known(t)) {
            return Err(GenError::UnknownParamType {
                action: a.name.clone(),
                param: p.clone(),
                span: a.span,
            });
        }
    }
    if let Some(i) = var_tys.iter().position(|t| !is_known(t)) {
        return Err(GenError::UnknownVarType {
            var: vars[i].clone(),
            decl: var_decl(i),
            invariant: type_inv,
        });
    }

    let mut out_consts = vec![];
    for (c, e, n, span) in &const_exprs {
        let err = |reason| GenError::Const {
            name: c.clone(),
            def: Some(*span),
            reason,
        };
        let value = eval(e, *n).map_err(err)?;
        let ty = type_of(&value).map_err(err)?;
        out_consts.push(Const {
            name: c.clone(),
            value,
            ty,
            def: Some(*span),
        });
    }

    // A variable bound inside an action whose type the model does not show
    // gets no field: it is optional (the checker finds it).
    let inner = actions
        .iter()
        .map(|a| {
            inner
                .iter()
                .find(|(n, _)| *n == a.name)
                .map(|(_, vs)| vs.iter().filter(|(_, t)| is_known(t)).cloned().collect())
                .unwrap_or_default()
        })
        .collect();
    Ok(SpecTypes {
        vars: vars.iter().cloned().zip(var_tys).collect(),
        actions: actions.into_iter().map(|a| (a.name, a.params)).collect(),
        inner,
        consts: out_consts,
        set_names,
        record_names,
    })
}

/// The elements of a set of model values, or `None` for any other set.
fn model_values(v: &Value) -> Option<BTreeSet<ModelValue>> {
    v.elements()
        .ok()?
        .iter()
        .map(|x| match x {
            Value::Model(m) => Some(*m),
            _ => None,
        })
        .collect()
}

/// The modules the root extends (itself first), in the order definitions
/// are visible.
fn extends_chain<'s>(set: &'s ModuleSet, root: &str) -> Vec<&'s ast::Module> {
    let mut out = vec![];
    let mut seen = HashSet::new();
    let mut todo = VecDeque::from([root.to_string()]);
    while let Some(name) = todo.pop_front() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(m) = set.get(&name) {
            out.push(&m.ast);
            for e in &m.ast.extends {
                todo.push_back(e.name.clone());
            }
        }
    }
    out
}

/// The expression `name` (a use of a definition or constant), at `span`.
fn ident(name: &str, span: Span) -> ast::Expr {
    ast::Expr::new(
        ast::ExprKind::Apply(ast::Ident::new(name, span), vec![]),
        span,
    )
}

/// Whether a definition's body is a set of records written out
/// (`[f : S] \cup [g : T]`): cheap to evaluate, and a name for that type.
fn is_record_set(e: &ast::Expr) -> bool {
    match &e.kind {
        ast::ExprKind::RecordSet(_) => true,
        ast::ExprKind::Paren(x) => is_record_set(x),
        ast::ExprKind::Infix(op, a, b) if op.name == "\\cup" || op.name == "\\union" => {
            is_record_set(a) && is_record_set(b)
        }
        _ => false,
    }
}

/// The conjuncts of a state predicate, through definitions and actions
/// without arguments, with the frame size they are evaluated in.
fn unfold<'p>(prog: &'p Program, e: &'p Expr, n: u32, out: &mut Vec<(&'p Expr, u32)>, depth: u32) {
    if depth > 32 {
        return;
    }
    match &e.kind {
        Kind::And(xs) => xs.iter().for_each(|x| unfold(prog, x, n, out, depth + 1)),
        Kind::Named(_, args, body) if args.is_empty() => unfold(prog, body, n, out, depth + 1),
        Kind::Call(d, args) if args.is_empty() => unfold_def(prog, *d, out, depth),
        Kind::ConstDef(d) => unfold_def(prog, *d, out, depth),
        _ => out.push((e, n)),
    }
}

fn unfold_def<'p>(prog: &'p Program, d: u32, out: &mut Vec<(&'p Expr, u32)>, depth: u32) {
    if let Some(def) = prog.defs.get(d as usize) {
        if def.nparams == 0 {
            unfold(prog, &def.body, def.nslots, out, depth + 1);
        }
    }
}
