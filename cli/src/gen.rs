//! `tlatrace gen rust SPEC.tla [--config M.cfg]`: a Rust module for a
//! service to log the events of a spec, typed from the model: an enum per
//! set of model values, a struct per kind of record, the spec's state, an
//! `Action` per action of `Next` with its parameters, and a `Log` writing
//! through the `tlalog` library.
//!
//! Types come from the model's values: the sets of the type invariant
//! (`TypeOK`: `x \in S` or `x \subseteq S` conjuncts), the sets the
//! parameters of each action range over in `Next`, and, for what neither
//! gives, the initial states and the steps of a short exploration.

mod emit;
mod infer;

use crate::load::load_model;
use crate::output::{self, EXIT_OK, EXIT_SPEC, EXIT_USAGE};
use evaluator::eval::Ctx;
use evaluator::explore::{Explorer, Options};
use evaluator::ir::{Expr, Kind, Quant};
use evaluator::lower::{Lowerer, Program};
use evaluator::model::{bindings, Model};
use evaluator::value::{ModelValue, Value};
use infer::{elem_ty, is_known, join, type_of, Ty};
use parser::ast;
use parser::diag::IntoDiagnostic;
use parser::load::ModuleSet;
use parser::span::Span;
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::path::{Path, PathBuf};

/// Arguments of `tlatrace gen`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    target: Target,
}

#[derive(clap::Subcommand, Debug)]
enum Target {
    /// A Rust module (types, actions, a logger) for the `tlalog` crate.
    Rust(RustArgs),
}

#[derive(clap::Args, Debug)]
struct RustArgs {
    /// The spec (the root module of the model).
    spec: PathBuf,
    /// The TLC model file (default: SPEC.cfg).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// The type invariant (default: the first of TypeOK, TypeOk,
    /// TypeInvariant, TypeInv that the spec defines).
    #[arg(long = "type-invariant", value_name = "NAME")]
    type_invariant: Option<String>,
    /// Definitions without arguments whose value to emit as a function
    /// (e.g. `PIndex`).
    #[arg(long = "const", value_name = "NAME")]
    consts: Vec<String>,
    /// Write the module to FILE instead of stdout (never the spec or the
    /// model file).
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Extra folders to search for modules.
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
}

/// Runs `tlatrace gen`.
pub fn run(args: Args) -> u8 {
    match args.target {
        Target::Rust(a) => run_rust(a),
    }
}

fn fail(msg: impl std::fmt::Display) -> u8 {
    eprintln!("error: {msg}");
    EXIT_SPEC
}

fn run_rust(a: RustArgs) -> u8 {
    let diags = |files: &parser::span::Files, d: Vec<parser::diag::Diag>| {
        output::print_diagnostics(files, &d)
    };
    let lm = match load_model(&a.spec, a.config.as_deref(), &a.lib, &diags) {
        Ok(m) => m,
        Err(code) => return code,
    };
    if let Some(out) = &a.out {
        let cfg_path = a
            .config
            .clone()
            .unwrap_or_else(|| a.spec.with_extension("cfg"));
        if same_file(out, &a.spec) || same_file(out, &cfg_path) {
            eprintln!(
                "error: --out `{}` is an input of this command; it is not overwritten",
                out.display()
            );
            return EXIT_USAGE;
        }
    }
    let root = lm.loaded.root.clone().unwrap_or_default();
    let spec = match describe(&lm.loaded.set, &root, &lm.cfg, &lm.model, &a) {
        Ok(s) => s,
        Err(Problem::Diag(d)) => {
            output::print_diagnostics(&lm.loaded.set.files, &[d]);
            return EXIT_SPEC;
        }
        Err(Problem::Msg(m)) => return fail(m),
    };
    let text = match emit::Emitter::new(&spec).module() {
        Ok(t) => t,
        Err(m) => return fail(m),
    };
    match &a.out {
        None => print!("{text}"),
        Some(out) => {
            if let Err(e) = std::fs::write(out, text) {
                eprintln!("error: cannot write `{}`: {e}", out.display());
                return EXIT_USAGE;
            }
        }
    }
    EXIT_OK
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

enum Problem {
    Diag(parser::diag::Diag),
    Msg(String),
}

impl From<String> for Problem {
    fn from(m: String) -> Problem {
        Problem::Msg(m)
    }
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

/// Everything the module is generated from.
fn describe(
    set: &ModuleSet,
    root: &str,
    cfg: &parser::cfg::ModelConfig,
    model: &Model,
    a: &RustArgs,
) -> Result<emit::Spec, Problem> {
    let explorer = Explorer::new(model, Options::default());
    let inits = explorer
        .initial_states()
        .map_err(|e| Problem::Diag(e.to_diagnostic()))?;
    let Some(init) = inits.first().map(|s| s.to_vec()) else {
        return Err(Problem::Msg("the model has no initial state".into()));
    };

    // Lower what the module is typed from, in the root's context.
    let b = bindings(cfg).map_err(|e| Problem::Diag(e.to_diagnostic()))?;
    let mut l = Lowerer::new(set, root, b).map_err(|e| Problem::Diag(e.to_diagnostic()))?;
    let chain = extends_chain(set, root);
    let mut constants = vec![];
    let mut record_defs = vec![];
    let mut defined = HashSet::new();
    for m in &chain {
        for u in &m.units {
            match &u.kind {
                ast::UnitKind::Constants(cs) => {
                    for c in cs.iter().filter(|c| c.arity == 0) {
                        if let Ok((e, n)) = l.root_expr(&ident(&c.name.name, c.name.span)) {
                            constants.push((c.name.name.clone(), e, n));
                        }
                    }
                }
                ast::UnitKind::OpDef(d) if d.params.is_empty() => {
                    defined.insert(d.name.name.clone());
                    if is_record_set(&d.body) {
                        if let Ok((e, n)) = l.root_expr(&ident(&d.name.name, d.name.span)) {
                            record_defs.push((d.name.name.clone(), e, n));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let type_inv = match &a.type_invariant {
        Some(n) => Some(n.clone()),
        None => ["TypeOK", "TypeOk", "TypeInvariant", "TypeInv"]
            .iter()
            .find(|n| defined.contains(**n))
            .map(|n| n.to_string()),
    };
    let type_expr = match &type_inv {
        Some(n) => Some(
            l.root_expr(&ident(n, Span::default()))
                .map_err(|e| Problem::Diag(e.to_diagnostic()))?,
        ),
        None => None,
    };
    let mut const_exprs = vec![];
    for c in &a.consts {
        let (e, n) = l
            .root_expr(&ident(c, Span::default()))
            .map_err(|e| Problem::Diag(e.to_diagnostic()))?;
        const_exprs.push((c.clone(), e, n));
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
                let elems: Option<BTreeSet<ModelValue>> = v
                    .elements()
                    .ok()
                    .map(|es| {
                        es.iter()
                            .map(|x| match x {
                                Value::Model(m) => Some(*m),
                                _ => None,
                            })
                            .collect::<Option<_>>()
                    })
                    .unwrap_or(None);
                if let Some(ms) = elems {
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
            let s = eval(set, n).map_err(|m| {
                format!(
                    "cannot evaluate the set of `{}` in {name}: {m}",
                    vars[i as usize]
                )
            })?;
            let t = elem_ty(&s)
                .map_err(|m| format!("the type of `{}` in {name}: {m}", vars[i as usize]))?;
            let t = if subset { Ty::Set(Box::new(t)) } else { t };
            var_tys[i as usize] = t;
        }
    }
    for s in &inits {
        for (i, v) in s.iter().enumerate() {
            if !is_known(&var_tys[i]) {
                let t = type_of(v).map_err(|m| format!("the type of `{}`: {m}", vars[i]))?;
                var_tys[i] = join(&var_tys[i], &t).unwrap_or(t);
            }
        }
    }

    // The actions and their parameters.
    let mut actions: Vec<(String, Vec<(String, Ty)>)> = vec![];
    // The variables bound inside each action (by `\E` in its body), typed
    // from the sets they range over.
    let mut inner: Vec<(String, Vec<(String, Ty)>)> = vec![];
    let mut env = vec![];
    collect_actions(&model.next, &mut env, &mut |name, params, body, env| {
        let own: Vec<&String> = params.iter().map(|(p, _)| p).collect();
        let mut vars: Vec<(String, Ty)> = vec![];
        for b in tracecheck::bind::inner_bounds(body) {
            let set_ty = b
                .set
                .as_deref()
                .map(|s| inner_set_ty(model, &init, &var_tys, s))
                .unwrap_or(Ty::Unknown);
            let tys: Vec<Ty> = match (&set_ty, b.tuple) {
                (t, false) => vec![t.clone()],
                (Ty::Tuple(xs), true) if xs.len() == b.names.len() => xs.clone(),
                _ => vec![Ty::Unknown; b.names.len()],
            };
            for (n, t) in b.names.iter().zip(tys) {
                if own.contains(&n) {
                    continue;
                }
                match vars.iter_mut().find(|(m, _)| m == n) {
                    Some((_, old)) => *old = join(old, &t).unwrap_or(Ty::Unknown),
                    None => vars.push((n.clone(), t)),
                }
            }
        }
        match inner.iter_mut().find(|(n, _)| n == name) {
            Some((_, old)) => {
                for (n, t) in vars {
                    match old.iter_mut().find(|(m, _)| *m == n) {
                        Some((_, o)) => *o = join(o, &t).unwrap_or(Ty::Unknown),
                        None => old.push((n, t)),
                    }
                }
            }
            None => inner.push((name.to_string(), vars)),
        }
        let mut ps = vec![];
        for (p, arg) in params {
            let t = match &arg.kind {
                Kind::Const(v) => type_of(v).unwrap_or(Ty::Unknown),
                Kind::Local(s) => env
                    .iter()
                    .rev()
                    .find(|(slot, _)| slot == s)
                    .and_then(|(_, set): &(u32, &Expr)| {
                        let mut ctx = Ctx::new(&model.program, &init, model.next_slots);
                        ctx.eval(set).ok().and_then(|v| elem_ty(&v).ok())
                    })
                    .unwrap_or(Ty::Unknown),
                _ => Ty::Unknown,
            };
            ps.push((p.clone(), t));
        }
        match actions.iter_mut().find(|(n, _)| n == name) {
            Some((_, old)) => {
                for (o, n) in old.iter_mut().zip(ps) {
                    o.1 = join(&o.1, &n.1).unwrap_or(o.1.clone());
                }
            }
            None => actions.push((name.to_string(), ps)),
        }
    });
    // What is still unknown, from the values of a short exploration.
    let unknown = actions
        .iter()
        .any(|(_, ps)| ps.iter().any(|(_, t)| !is_known(t)))
        || var_tys.iter().any(|t| !is_known(t));
    if unknown {
        sample(&explorer, &inits, &mut actions, &mut var_tys);
    }
    for (a, ps) in &actions {
        for (p, t) in ps {
            if !is_known(t) {
                return Err(Problem::Msg(format!(
                    "cannot tell the type of the parameter `{p}` of `{a}`: bind it with `\\E {p} \\in S` in Next, over a set that does not depend on the state"
                )));
            }
        }
    }
    for (i, t) in var_tys.iter().enumerate() {
        if !is_known(t) {
            return Err(Problem::Msg(format!(
                "cannot tell the type of the variable `{}`: give it in the type invariant{}",
                vars[i],
                type_inv
                    .as_ref()
                    .map(|n| format!(" `{n}`"))
                    .unwrap_or_else(
                        || " (no TypeOK is defined; name one with --type-invariant)".into()
                    )
            )));
        }
    }

    let mut consts = vec![];
    for (c, e, n) in &const_exprs {
        let v = eval(e, *n).map_err(|m| format!("cannot evaluate `{c}`: {m}"))?;
        let t = type_of(&v).map_err(|m| format!("the type of `{c}`: {m}"))?;
        consts.push((c.clone(), v, t));
    }

    let mut cmd = format!("tlatrace gen rust {}", a.spec.display());
    if let Some(c) = &a.config {
        cmd.push_str(&format!(" --config {}", c.display()));
    }
    if let Some(t) = &a.type_invariant {
        cmd.push_str(&format!(" --type-invariant {t}"));
    }
    for c in &a.consts {
        cmd.push_str(&format!(" --const {c}"));
    }
    let header = vec![
        format!("Events of the spec `{root}` for the `tlalog` trace writer."),
        String::new(),
        format!("@generated by `{cmd}`:"),
        "do not edit; regenerate it instead (a test checks that it is up to date).".into(),
    ];
    // A variable bound inside an action whose type the model does not show
    // gets no field: it is optional (the checker finds it).
    let inner = actions
        .iter()
        .map(|(a, _)| {
            inner
                .iter()
                .find(|(n, _)| n == a)
                .map(|(_, vs)| vs.iter().filter(|(_, t)| is_known(t)).cloned().collect())
                .unwrap_or_default()
        })
        .collect();
    Ok(emit::Spec {
        header,
        vars: vars.iter().cloned().zip(var_tys).collect(),
        actions,
        inner,
        consts,
        set_names,
        record_names,
    })
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

/// Bound names in scope: frame slot and set.
type Scope<'e> = [(u32, &'e Expr)];

/// What [`collect_actions`] calls for each action: its name, its
/// parameters with their argument expressions, its body, and the scope.
type OnAction<'a, 'e> = dyn FnMut(&str, &'e [(String, Expr)], &'e Expr, &Scope<'e>) + 'a;

/// Calls `f` for each outermost named action of `e`, with the bound
/// names in scope (frame slot and set).
fn collect_actions<'e>(e: &'e Expr, env: &mut Vec<(u32, &'e Expr)>, f: &mut OnAction<'_, 'e>) {
    match &e.kind {
        Kind::Named(name, params, body) => {
            if &**name == "Next" {
                collect_actions(body, env, f);
            } else {
                f(name, params, body, env);
            }
        }
        Kind::Quant(Quant::Exists, bounds, body) => {
            let mark = env.len();
            for b in bounds {
                if let (Some(s), false) = (&b.set, b.tuple) {
                    for &slot in &b.slots {
                        env.push((slot, s));
                    }
                }
            }
            collect_actions(body, env, f);
            env.truncate(mark);
        }
        Kind::And(xs) | Kind::Or(xs) => xs.iter().for_each(|x| collect_actions(x, env, f)),
        Kind::Let(_, body) => collect_actions(body, env, f),
        Kind::If(_, a, b) => {
            collect_actions(a, env, f);
            collect_actions(b, env, f);
        }
        Kind::Case(arms, other) => {
            for (_, x) in arms {
                collect_actions(x, env, f);
            }
            if let Some(o) = other {
                collect_actions(o, env, f);
            }
        }
        _ => {}
    }
}

/// The type of the elements of the set a variable bound inside an action
/// ranges over: from its value in the initial state when it can be
/// evaluated there and is not empty, else from the type of the variable it
/// is taken from (`\E m \in msgs`, `{x \in msgs : ...}`, a `LET` of one).
fn inner_set_ty(model: &Model, init: &[Value], var_tys: &[Ty], set: &Expr) -> Ty {
    let mut ctx = Ctx::new(&model.program, init, model.next_slots);
    if let Ok(v) = ctx.eval(set) {
        if let Ok(t) = elem_ty(&v) {
            if is_known(&t) {
                return t;
            }
        }
    }
    match &set.kind {
        Kind::Var(i) => match var_tys.get(*i as usize) {
            Some(Ty::Set(t)) => (**t).clone(),
            _ => Ty::Unknown,
        },
        Kind::LetRef(d) => inner_set_ty(model, init, var_tys, &d.def),
        Kind::SetFilter(b, _) => b
            .set
            .as_deref()
            .map(|s| inner_set_ty(model, init, var_tys, s))
            .unwrap_or(Ty::Unknown),
        Kind::Cap(a, b) | Kind::SetMinus(a, b) => {
            let t = inner_set_ty(model, init, var_tys, a);
            if is_known(&t) {
                t
            } else if matches!(set.kind, Kind::Cap(..)) {
                inner_set_ty(model, init, var_tys, b)
            } else {
                Ty::Unknown
            }
        }
        Kind::Cup(a, b) => {
            let (x, y) = (
                inner_set_ty(model, init, var_tys, a),
                inner_set_ty(model, init, var_tys, b),
            );
            join(&x, &y).unwrap_or(Ty::Unknown)
        }
        _ => Ty::Unknown,
    }
}

/// Types from the states and steps of a short breadth-first exploration.
fn sample(
    explorer: &Explorer<'_>,
    inits: &[evaluator::explore::State],
    actions: &mut [(String, Vec<(String, Ty)>)],
    var_tys: &mut [Ty],
) {
    // States by fingerprint (values cache their fingerprints inside).
    let mut seen: HashSet<u64> = HashSet::new();
    let mut queue: VecDeque<Vec<Value>> = inits.iter().map(|s| s.to_vec()).collect();
    let mut visited = 0;
    let mut params: BTreeMap<(String, String), Ty> = BTreeMap::new();
    while let Some(s) = queue.pop_front() {
        visited += 1;
        if visited > 5000 {
            break;
        }
        for (i, v) in s.iter().enumerate() {
            if let Ok(t) = type_of(v) {
                if let Ok(j) = join(&var_tys[i], &t) {
                    var_tys[i] = j;
                }
            }
        }
        let Ok(steps) = explorer.successors_of(&s) else {
            continue;
        };
        for st in steps {
            if let Some((name, args)) = &st.action {
                for (p, v) in args {
                    if let Ok(t) = type_of(v) {
                        let e = params
                            .entry((name.to_string(), p.clone()))
                            .or_insert(Ty::Unknown);
                        if let Ok(j) = join(e, &t) {
                            *e = j;
                        }
                    }
                }
            }
            let Ok(fp) = explorer.fingerprint(&st.state) else {
                continue;
            };
            if seen.insert(fp) {
                queue.push_back(st.state.to_vec());
            }
        }
    }
    for (a, ps) in actions.iter_mut() {
        for (p, t) in ps.iter_mut() {
            if !is_known(t) {
                if let Some(x) = params.get(&(a.clone(), p.clone())) {
                    *t = x.clone();
                }
            }
        }
    }
}
