//! `tlatrace simulate SPEC.tla`: random behaviours of a spec, written as
//! traces (JSON Lines events with full states and action labels, or ITF),
//! for testing the trace checker and for showing services what to log.

use crate::output::{self, EXIT_OK, EXIT_SPEC, EXIT_USAGE};
use std::io::Write;
use std::path::PathBuf;
use tla_eval::explore::{Explorer, Options};
use tla_eval::model::Model;
use tla_parser::diag::{Diag, IntoDiagnostic};
use tla_parser::load::Loader;
use tla_trace::event::encode;

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
    /// Extra folders to search for modules.
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
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

/// Runs the command.
pub fn run(args: Args) -> u8 {
    let loader = Loader::new(args.lib.clone());
    let mut loaded = match loader.load(&args.spec) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    if loaded.has_errors() {
        output::print_diagnostics(&loaded.set.files, &loaded.diagnostics);
        return EXIT_SPEC;
    }
    let Some(root) = loaded.root.clone() else {
        return EXIT_SPEC;
    };
    let cfg_path = args
        .config
        .clone()
        .unwrap_or_else(|| args.spec.with_extension("cfg"));
    let text = match std::fs::read_to_string(&cfg_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "error: cannot read the model file `{}`: {e}",
                cfg_path.display()
            );
            return EXIT_USAGE;
        }
    };
    let fid = loaded
        .set
        .files
        .add(cfg_path.display().to_string(), Some(&cfg_path), text);
    let cfg = match tla_parser::cfg::parse_cfg(&loaded.set.files, fid) {
        Ok(c) => c,
        Err(errs) => {
            let ds: Vec<Diag> = errs.iter().map(|e| e.to_diagnostic()).collect();
            output::print_diagnostics(&loaded.set.files, &ds);
            return EXIT_SPEC;
        }
    };
    let model = match Model::build(&loaded.set, &root, &cfg) {
        Ok(m) => m,
        Err(e) => {
            output::print_diagnostics(&loaded.set.files, &[e.to_diagnostic()]);
            return EXIT_SPEC;
        }
    };
    let ex = Explorer::new(&model, Options::default());
    let mut rng = Rng(args.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create `{}`: {e}", dir.display());
            return EXIT_USAGE;
        }
    }
    let inits = match ex.initial_states() {
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
        let mut steps: Vec<(
            tla_eval::explore::State,
            Option<(String, Vec<(String, tla_eval::value::Value)>)>,
        )> = vec![];
        steps.push((inits[rng.below(inits.len())].clone(), None));
        for _ in 0..args.depth {
            let Some((cur, _)) = steps.last() else { break };
            let succ = match ex.successors_of(cur) {
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
            steps.push((st.state, st.action.map(|(n, ps)| (n.to_string(), ps))));
        }
        let text = if args.itf {
            let states: Vec<serde_json::Value> = steps
                .iter()
                .enumerate()
                .map(|(i, (s, a))| {
                    let mut m = serde_json::Map::new();
                    let name = a.as_ref().map(|x| x.0.clone()).unwrap_or_else(|| {
                        if i == 0 {
                            "Init".into()
                        } else {
                            String::new()
                        }
                    });
                    m.insert(
                        "#meta".into(),
                        serde_json::json!({"index": i, "action": name}),
                    );
                    for (k, v) in s.iter().enumerate() {
                        m.insert(vars[k].clone(), encode(v));
                    }
                    serde_json::Value::Object(m)
                })
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({"#meta": {"format": "ITF", "source": "tlatrace simulate"}, "vars": vars, "states": states})).unwrap_or_default()
        } else {
            let mut out = String::new();
            for (s, a) in &steps {
                let mut state = serde_json::Map::new();
                for (k, v) in s.iter().enumerate() {
                    state.insert(vars[k].clone(), encode(v));
                }
                let mut ev = serde_json::Map::new();
                ev.insert("state".into(), serde_json::Value::Object(state));
                if let Some((name, ps)) = a {
                    ev.insert("action".into(), serde_json::json!(name));
                    let mut pm = serde_json::Map::new();
                    for (p, v) in ps {
                        pm.insert(p.clone(), encode(v));
                    }
                    if !pm.is_empty() {
                        ev.insert("params".into(), serde_json::Value::Object(pm));
                    }
                }
                out.push_str(&serde_json::Value::Object(ev).to_string());
                out.push('\n');
            }
            out
        };
        match &args.out {
            Some(dir) => {
                let ext = if args.itf { "itf.json" } else { "jsonl" };
                let p = dir.join(format!("run-{run:04}.{ext}"));
                if let Err(e) = std::fs::write(&p, text) {
                    eprintln!("error: cannot write `{}`: {e}", p.display());
                    return EXIT_USAGE;
                }
            }
            None => {
                let _ = std::io::stdout().write_all(text.as_bytes());
                break;
            }
        }
    }
    EXIT_OK
}
