//! `tlatrace simulate SPEC.tla`: random behaviours of a spec, written as
//! traces (JSON Lines events with full states and action labels, or ITF),
//! for testing the trace checker and for showing services what to log.

use crate::output::{self, EXIT_OK, EXIT_SPEC, EXIT_USAGE};
use evaluator::machine::{Spec, State};
use parser::diag::IntoDiagnostic;
use std::io::Write;
use std::path::PathBuf;
use tracecheck::event::encode;

/// Arguments of `tlatrace simulate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The spec (root module of the model).
    spec: PathBuf,
    /// The TLC model file (default: SPEC.cfg).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// Number of behaviours.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Steps per behaviour (fewer if a deadlock is reached).
    #[arg(long, default_value_t = 20)]
    depth: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder: one file per behaviour (default: print the first to
    /// stdout).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Write ITF JSON instead of JSON Lines.
    #[arg(long)]
    itf: bool,
    /// How events log the state: `full` (every variable's whole value),
    /// `updates` (set-valued variables as elements added/removed and
    /// `unchanged`, the rest whole), or `partial` (only the variables named
    /// with --only).
    #[arg(long, value_enum, default_value_t = Style::Full)]
    style: Style,
    /// With --style partial: the variables to log.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Do not log action names and parameters.
    #[arg(long)]
    no_labels: bool,
    /// Extra folders to search for modules.
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
}

/// An action name with its parameters' values.
type Action = (String, Vec<(String, evaluator::value::Value)>);

/// How events log the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Style {
    /// Every variable, whole.
    Full,
    /// Changes of set-valued variables as `update` add/remove entries,
    /// unchanged variables in `unchanged`, others whole.
    Updates,
    /// Only the variables given with --only.
    Partial,
}

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One JSON Lines event for state `cur` reached from `prev`.
fn event_json(
    vars: &[String],
    cur: &[evaluator::value::Value],
    prev: Option<&[evaluator::value::Value]>,
    action: Option<&Action>,
    args: &Args,
) -> serde_json::Value {
    use evaluator::value::Value;
    let mut ev = serde_json::Map::new();
    let mut state = serde_json::Map::new();
    let mut updates = vec![];
    let mut unchanged = vec![];
    for (k, v) in cur.iter().enumerate() {
        let name = &vars[k];
        match (args.style, prev) {
            (Style::Partial, _) if !args.only.contains(name) => {}
            (Style::Updates, Some(p)) => {
                if p[k] == *v {
                    unchanged.push(serde_json::json!(name));
                } else if let (Value::Set(a), Value::Set(b)) = (&p[k], v) {
                    for x in b.0.iter().filter(|x| a.0.binary_search(x).is_err()) {
                        updates.push(
                            serde_json::json!({"var": name, "op": "add", "value": encode(x)}),
                        );
                    }
                    for x in a.0.iter().filter(|x| b.0.binary_search(x).is_err()) {
                        updates.push(
                            serde_json::json!({"var": name, "op": "remove", "value": encode(x)}),
                        );
                    }
                } else {
                    state.insert(name.clone(), encode(v));
                }
            }
            _ => {
                state.insert(name.clone(), encode(v));
            }
        }
    }
    if let (Some((name, ps)), false) = (action, args.no_labels) {
        ev.insert("action".into(), serde_json::json!(name));
        let mut pm = serde_json::Map::new();
        for (p, v) in ps {
            pm.insert(p.clone(), encode(v));
        }
        if !pm.is_empty() {
            ev.insert("params".into(), serde_json::Value::Object(pm));
        }
    }
    if !state.is_empty() {
        ev.insert("state".into(), serde_json::Value::Object(state));
    }
    if !updates.is_empty() {
        ev.insert("update".into(), serde_json::Value::Array(updates));
    }
    if !unchanged.is_empty() {
        ev.insert("unchanged".into(), serde_json::Value::Array(unchanged));
    }
    serde_json::Value::Object(ev)
}

/// Runs the command.
pub fn run(args: Args) -> u8 {
    let lm =
        match crate::load::load_model(&args.spec, args.config.as_deref(), &args.lib, &|f, d| {
            output::print_diagnostics(f, &d)
        }) {
            Ok(m) => m,
            Err(code) => return code,
        };
    let (model, loaded) = (&lm.model, &lm.loaded);
    let spec = Spec::new(model);
    let mut rng = Rng(args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create `{}`: {e}", dir.display());
            return EXIT_USAGE;
        }
    }
    let inits = match spec.initial_states() {
        Ok(i) if !i.is_empty() => i,
        Ok(_) => {
            eprintln!("error: the spec has no initial state");
            return EXIT_SPEC;
        }
        Err(e) => {
            output::print_diagnostics(&loaded.set.files, &[e.to_diagnostic()]);
            return EXIT_SPEC;
        }
    };
    let vars = &model.program.vars;
    for run in 0..args.runs {
        let mut file = match &args.out {
            Some(dir) => {
                let ext = if args.itf { "itf.json" } else { "jsonl" };
                let p = dir.join(format!("run-{run:04}.{ext}"));
                let read = crate::paths::loaded_files(&loaded.set.files);
                let inputs: Vec<&std::path::Path> = read.iter().map(PathBuf::as_path).collect();
                let created = crate::paths::check_output("--out", &p, &inputs)
                    .and_then(|()| crate::paths::Output::create(&p, "the trace"));
                match created {
                    Ok(f) => Some(f),
                    Err(msg) => {
                        eprintln!("error: {msg}");
                        return EXIT_USAGE;
                    }
                }
            }
            None => None,
        };
        let mut stdout = std::io::BufWriter::new(std::io::stdout());
        let out: &mut dyn Write = match &mut file {
            Some(f) => f,
            None => &mut stdout,
        };
        let mut itf_states: Vec<serde_json::Value> = vec![];
        let mut cur = inits[rng.below(inits.len())].clone();
        let mut prev: Option<State> = None;
        let mut action: Option<Action> = None;
        for step in 0..=args.depth {
            if step > 0 {
                let succ = match spec.transitions(&cur, None) {
                    Ok(s) => s,
                    Err(e) => {
                        output::print_diagnostics(&loaded.set.files, &[e.to_diagnostic()]);
                        return EXIT_SPEC;
                    }
                };
                if succ.is_empty() {
                    break;
                }
                let st = succ[rng.below(succ.len())].clone();
                prev = Some(cur);
                cur = st.state;
                action = st
                    .path
                    .first()
                    .map(|f| (f.name.to_string(), f.params.clone()));
            }
            if args.itf {
                let mut m = serde_json::Map::new();
                let name = action.as_ref().map(|x| x.0.clone()).unwrap_or_else(|| {
                    if step == 0 {
                        "Init".into()
                    } else {
                        String::new()
                    }
                });
                m.insert(
                    "#meta".into(),
                    serde_json::json!({"index": step, "action": name}),
                );
                for (k, v) in cur.iter().enumerate() {
                    m.insert(vars[k].clone(), encode(v));
                }
                itf_states.push(serde_json::Value::Object(m));
                continue;
            }
            let ev = event_json(vars, &cur, prev.as_deref(), action.as_ref(), &args);
            if writeln!(out, "{ev}").is_err() {
                eprintln!("error: cannot write the trace");
                return EXIT_USAGE;
            }
        }
        if args.itf {
            let doc = serde_json::json!({"#meta": {"format": "ITF", "source": "tlatrace simulate"}, "vars": vars, "states": itf_states});
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        let _ = out.flush();
        if let Some(f) = file {
            if let Err(msg) = f.commit() {
                eprintln!("error: {msg}");
                return EXIT_USAGE;
            }
        }
        if args.out.is_none() {
            break;
        }
    }
    EXIT_OK
}
