//! `tlatrace model SPEC.tla [--config M.cfg]`: explicit-state model checking
//! driven by a TLC model file, with TLC's summary figures.

use crate::output::{self, Format, EXIT_OK, EXIT_SPEC, EXIT_USAGE};
use evaluator::explore::{Explorer, Limits, Options, Outcome, Report, Step, Stop};
use evaluator::liveness;
use evaluator::model::Model;
use evaluator::value::Value;
use parser::diag::{self, Diag, IntoDiagnostic};
use parser::span::Files;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Arguments of `tlatrace model`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The root module of the model.
    spec: PathBuf,
    /// The TLC model file (default: the spec's name with `.cfg`).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// Worker threads (default: all cores). The figures do not depend on it.
    #[arg(long)]
    workers: Option<usize>,
    /// Do not report deadlocks (TLC's `-deadlock`).
    #[arg(long, conflicts_with = "check_deadlock")]
    no_deadlock: bool,
    /// Report deadlocks even if the config says CHECK_DEADLOCK FALSE.
    #[arg(long)]
    check_deadlock: bool,
    /// Write a counterexample as ITF JSON (the Apalache/Quint trace format).
    #[arg(long, value_name = "FILE")]
    trace_out: Option<PathBuf>,
    /// Extra folders to search for modules.
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Seconds between progress lines on stderr (0: none).
    #[arg(long, default_value_t = 10)]
    progress: u64,
    /// Stop after this many distinct states (exit 2, with the figures so
    /// far).
    #[arg(long, value_name = "N")]
    max_states: Option<u64>,
    /// Stop once the search reaches this depth (exit 2).
    #[arg(long, value_name = "D")]
    max_depth: Option<u32>,
    /// Stop once the process uses more memory than this (e.g. `512M`,
    /// `4G`; default: three quarters of the machine's memory) (exit 2).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_memory: Option<u64>,
}

/// A size in bytes: a number with an optional `K`, `M`, `G` or `T` suffix
/// (powers of 1024, an optional trailing `B`).
fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let t = t.strip_suffix(['B', 'b']).unwrap_or(t);
    let (digits, shift) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let shift = match c.to_ascii_uppercase() {
                'K' => 10,
                'M' => 20,
                'G' => 30,
                'T' => 40,
                _ => return Err(format!("unknown unit `{c}` (use K, M, G or T)")),
            };
            (&t[..i], shift)
        }
        _ => (t, 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 512M or 4G"))?;
    n.checked_mul(1u64 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("`{text}` is not a size such as 512M or 4G"))
}

/// Three quarters of the machine's memory (Linux; None elsewhere): the
/// default `--max-memory`, so that an unbounded spec is stopped with a
/// summary rather than by the system.
fn default_memory_cap() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024 / 4 * 3)
}

/// A SIGINT flag: the first Ctrl-C sets it (the search stops at the end of
/// its level and prints its summary), a second one ends the process.
fn interrupt_flag() -> Option<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    ctrlc::set_handler(move || {
        if f.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("Interrupted: stopping at the end of this level...");
    })
    .ok()?;
    Some(flag)
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> u8 {
    let lm =
        match crate::load::load_model(&args.spec, args.config.as_deref(), &args.lib, &|f, d| {
            output::print_diagnostics(f, &d)
        }) {
            Ok(m) => m,
            Err(code) => return code,
        };
    let (model, files) = (&lm.model, &lm.loaded.set.files);
    let cfg_path = args
        .config
        .clone()
        .unwrap_or_else(|| args.spec.with_extension("cfg"));
    if let Some(out) = &args.trace_out {
        let read = crate::paths::loaded_files(files);
        let mut inputs: Vec<&std::path::Path> = vec![&args.spec, &cfg_path];
        inputs.extend(read.iter().map(PathBuf::as_path));
        if let Err(msg) = crate::paths::check_output("--trace-out", out, &inputs) {
            eprintln!("error: {msg}");
            return EXIT_USAGE;
        }
    }
    let opts = Options {
        workers: args.workers.unwrap_or_else(|| Options::default().workers),
        check_deadlock: if args.no_deadlock {
            Some(false)
        } else if args.check_deadlock {
            Some(true)
        } else {
            None
        },
        progress: (args.progress > 0).then(|| Duration::from_secs(args.progress)),
        limits: Limits {
            max_states: args.max_states,
            max_depth: args.max_depth,
            max_memory: args.max_memory.or_else(default_memory_cap),
            interrupt: interrupt_flag(),
        },
    };
    // Liveness: normalised before the search, as TLC rejects a temporal
    // formula it cannot handle before generating any state.
    let plan = if liveness::has_liveness(model) {
        match liveness::plan(model) {
            Ok(p) => Some(p),
            Err(e) => {
                output::print_diagnostics(files, &[e.to_diagnostic()]);
                return EXIT_SPEC;
            }
        }
    } else {
        None
    };
    let explorer = Explorer::new(model, opts.clone());
    if args.format == Format::Human {
        eprintln!(
            "Model checking {} with {} ({} worker{})",
            args.spec.display(),
            cfg_path.display(),
            opts.workers,
            if opts.workers == 1 { "" } else { "s" }
        );
    }
    let report = explorer.run();
    if let Some(stop) = &report.stopped {
        return print_stopped(&args, stop, &report);
    }
    // Liveness: a second pass over the state graph once safety holds.
    let live = match &plan {
        Some(p) if matches!(report.outcome, Outcome::Ok) => {
            Some(liveness::check(model, p, &explorer, opts.workers))
        }
        _ => None,
    };
    print_report(&args, model, files, &report, live.as_ref())
}

/// What a stop means, in a sentence.
fn stop_message(stop: &Stop) -> String {
    match stop {
        Stop::States(n) => format!("the search reached --max-states {n}"),
        Stop::Depth(d) => format!("the search reached --max-depth {d}"),
        Stop::Memory(b) => format!(
            "the search uses {} MiB of memory, more than --max-memory allows",
            b >> 20
        ),
        Stop::Interrupted => "the search was interrupted".into(),
    }
}

/// The summary of a run stopped by a limit or Ctrl-C: the figures so far,
/// and no verdict (exit 2).
fn print_stopped(args: &Args, stop: &Stop, r: &Report) -> u8 {
    let s = &r.stats;
    let secs = r.elapsed.as_secs_f64();
    let msg = stop_message(stop);
    match args.format {
        Format::Human => {
            eprintln!("error: model checking stopped before the end: {msg}; no error was found in the states explored.");
            println!(
                "{} states generated, {} distinct states found, {} states left on queue.",
                s.generated, s.distinct, s.left_on_queue
            );
            println!("The depth of the search so far is {}.", s.depth);
            eprintln!(
                "Stopped after {:.2}s ({:.0} states generated/s).",
                secs,
                s.generated as f64 / secs.max(1e-9)
            );
        }
        Format::Json => {
            let j = serde_json::json!({
                "verdict": "stopped",
                "class": "error",
                "stopped": msg,
                "generated": s.generated,
                "distinct": s.distinct,
                "left_on_queue": s.left_on_queue,
                "depth": s.depth,
                "seconds": secs,
            });
            println!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
        }
    }
    EXIT_USAGE
}

type LiveResult = Result<liveness::LiveReport, Box<evaluator::eval::EvalError>>;

fn print_report(
    args: &Args,
    model: &Model,
    files: &Files,
    r: &Report,
    live: Option<&LiveResult>,
) -> u8 {
    let s = &r.stats;
    let lasso = match live {
        Some(Ok(l)) => l.violation.as_ref(),
        _ => None,
    };
    let (code, verdict, diags, trace): (u8, String, Vec<Diag>, Option<&Vec<Step>>) =
        match (&r.outcome, live) {
            (_, Some(Err(e))) => (
                EXIT_SPEC,
                "Evaluation error.".into(),
                vec![e.to_diagnostic()],
                None,
            ),
            (_, Some(Ok(liveness::LiveReport {
                violation: Some(c), ..
            }))) => (
                EXIT_SPEC,
                "Temporal properties were violated.".into(),
                vec![Diag::error().with_message(
                    "temporal properties were violated: the behaviour below (a prefix and a cycle) is allowed by the specification and violates them",
                )],
                Some(&c.steps),
            ),
            _ => match &r.outcome {
            Outcome::Ok => (EXIT_OK, "No error has been found.".into(), vec![], None),
            Outcome::Invariant { index, trace } => {
                let c = &model.invariants[*index];
                let d = diag::error_at(
                    c.span,
                    format!("invariant {} is violated", c.name),
                    "this invariant is false in the last state of the trace below",
                );
                (
                    EXIT_SPEC,
                    format!("Invariant {} is violated.", c.name),
                    vec![d],
                    Some(trace),
                )
            }
            Outcome::Property { index, part, trace } => {
                let p = &model.properties[*index];
                let what = match *part {
                    "initial" => "is false in an initial state",
                    "action" => "is violated by the last step of the trace below",
                    _ => "is false in the last state of the trace below",
                };
                let d = diag::error_at(
                    p.span,
                    format!("property {} is violated", p.name),
                    format!("its safety part {what}"),
                );
                (
                    EXIT_SPEC,
                    format!("Property {} is violated.", p.name),
                    vec![d],
                    Some(trace),
                )
            }
            Outcome::Deadlock { trace } => (
                EXIT_SPEC,
                "Deadlock reached.".into(),
                vec![Diag::error().with_message(
                    "deadlock reached: the last state of the trace below has no successor",
                )],
                Some(trace),
            ),
            Outcome::Error { error, trace } => (
                EXIT_SPEC,
                "Evaluation error.".into(),
                vec![error.to_diagnostic()],
                Some(trace),
            ),
            },
        };
    let loop_index = lasso.map(|c| c.back_to.unwrap_or(c.steps.len().saturating_sub(1)));
    if let (Some(path), Some(t)) = (&args.trace_out, trace) {
        let mut itf = itf_trace(model, t);
        if let Some(i) = loop_index {
            itf["loop"] = serde_json::json!(i);
        }
        let text = serde_json::to_string_pretty(&itf).unwrap_or_default();
        if let Err(msg) = crate::paths::write(path, "the trace", text.as_bytes()) {
            eprintln!("error: {msg}");
        }
    }
    match args.format {
        Format::Human => {
            output::print_diagnostics(files, &diags);
            if let Some(t) = trace {
                print_trace(model, t);
            }
            if let Some(c) = lasso {
                print_loop(c);
            }
            let unchecked: usize = model
                .properties
                .iter()
                .map(|p| p.unchecked.len())
                .sum::<usize>()
                + model.unchecked_liveness.len();
            if unchecked > 0 {
                println!("Note: {unchecked} liveness part(s) of the specification and properties were NOT checked (only safety is checked).");
            }
            println!("Model checking completed. {verdict}");
            println!(
                "{} states generated, {} distinct states found, {} states left on queue.",
                s.generated, s.distinct, s.left_on_queue
            );
            println!(
                "The depth of the complete state graph search is {}.",
                s.depth
            );
            let secs = r.elapsed.as_secs_f64();
            eprintln!(
                "Finished in {:.2}s ({:.0} states generated/s).",
                secs,
                s.generated as f64 / secs.max(1e-9)
            );
        }
        Format::Json => {
            let j = serde_json::json!({
                "verdict": if lasso.is_some() { "liveness" } else if matches!(live, Some(Err(_))) { "error" } else { match &r.outcome { Outcome::Ok => "ok", Outcome::Invariant{..} => "invariant", Outcome::Property{..} => "property", Outcome::Deadlock{..} => "deadlock", Outcome::Error{..} => "error" } },
                "class": if lasso.is_some() { "liveness failure" } else if matches!(live, Some(Err(_))) { "error" } else { tlc_class(&r.outcome) },
                "liveness": match live { Some(Ok(_)) => "checked", Some(Err(_)) => "error", None if liveness::has_liveness(model) => "not reached", None => "none" },
                "not_checked": not_checked(model, files),
                "loop": loop_index,
                "generated": s.generated,
                "distinct": s.distinct,
                "left_on_queue": s.left_on_queue,
                "depth": s.depth,
                "seconds": r.elapsed.as_secs_f64(),
                "diagnostics": output::diagnostics_json(files, &diags),
                "trace": trace.map(|t| itf_trace(model, t)),
            });
            println!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
        }
    }
    code
}

/// The end of a lasso, as TLC prints it.
fn print_loop(c: &liveness::Counterexample) {
    match c.back_to {
        None => println!("State {}: Stuttering", c.steps.len() + 1),
        Some(i) => match &c.back_action {
            Some((name, params)) if !params.is_empty() => {
                let ps: Vec<String> = params.iter().map(|(n, v)| format!("{n} = {v}")).collect();
                println!("Back to state {}: <{name}({})>", i + 1, ps.join(", "));
            }
            Some((name, _)) => println!("Back to state {}: <{name}>", i + 1),
            None => println!("Back to state {}", i + 1),
        },
    }
    println!();
}

/// The class of verdict TLC gives for the same outcome.
fn tlc_class(o: &Outcome) -> &'static str {
    match o {
        Outcome::Ok => "success",
        Outcome::Invariant { .. } | Outcome::Property { .. } => "safety failure",
        Outcome::Deadlock { .. } => "deadlock failure",
        Outcome::Error { .. } => "error",
    }
}

/// The parts of the spec and properties that were not checked (liveness),
/// each with its kind and where it is.
fn not_checked(model: &Model, files: &Files) -> Vec<serde_json::Value> {
    let at = |kind: String, span: parser::span::Span| {
        let f = files.get(span.file);
        let (line, column) = f.line_col(span.start as usize);
        serde_json::json!({
            "kind": kind,
            "file": f.name,
            "line": line,
            "column": column,
            "text": files.slice(span),
        })
    };
    let mut out: Vec<serde_json::Value> = model
        .unchecked_liveness
        .iter()
        .map(|s| at("liveness part of the specification".into(), *s))
        .collect();
    for p in &model.properties {
        for s in &p.unchecked {
            out.push(at(format!("liveness part of property {}", p.name), *s));
        }
    }
    out
}

fn print_trace(model: &Model, trace: &[Step]) {
    let vars = &model.program.vars;
    let mut prev: Option<&Step> = None;
    for (i, st) in trace.iter().enumerate() {
        match &st.action {
            None if i == 0 => println!("State 1: <Initial predicate>"),
            None => println!("State {}:", i + 1),
            Some((name, params)) => {
                let ps: Vec<String> = params.iter().map(|(n, v)| format!("{n} = {v}")).collect();
                if ps.is_empty() {
                    println!("State {}: <{name}>", i + 1);
                } else {
                    println!("State {}: <{name}({})>", i + 1, ps.join(", "));
                }
            }
        }
        for (k, v) in st.state.iter().enumerate() {
            let changed = prev.is_none_or(|p| p.state[k] != *v);
            if changed {
                println!("/\\ {} = {}", vars[k], v);
            }
        }
        if prev.is_some() && prev.is_some_and(|p| p.state == st.state) {
            println!("(no variable changed)");
        }
        println!();
        prev = Some(st);
    }
}

/// A value in ITF JSON. Unlike the trace format's encoder
/// (`tracecheck::event::encode`), ITF allows only strings as record keys:
/// functions keyed by model values are `#map`s.
pub fn itf_value(v: &Value) -> serde_json::Value {
    use serde_json::json;
    match v {
        Value::Bool(b) => json!(b),
        Value::Int(i) => {
            if i.unsigned_abs() < (1u64 << 53) {
                json!(i)
            } else {
                json!({"#bigint": i.to_string()})
            }
        }
        Value::Str(s) => json!(s.as_str()),
        Value::Model(m) => json!(m.name()),
        Value::Set(_) | Value::Lazy(_) => {
            let elems: Vec<serde_json::Value> = match v.clone().normalize() {
                Ok(n) => n
                    .elements()
                    .map(|e| e.iter().map(itf_value).collect())
                    .unwrap_or_default(),
                Err(_) => vec![],
            };
            json!({"#set": elems})
        }
        Value::Fn(f) => {
            if f.is_seq() {
                return json!(f.values.iter().map(itf_value).collect::<Vec<_>>());
            }
            let is_record = f.iter().all(|(k, _)| matches!(k, Value::Str(_)));
            if is_record && !f.values.is_empty() {
                let mut m = serde_json::Map::new();
                for (k, x) in f.iter() {
                    if let Value::Str(s) = k {
                        m.insert(s.as_str().to_string(), itf_value(x));
                    }
                }
                return serde_json::Value::Object(m);
            }
            json!({"#map": f.iter().map(|(k, x)| json!([itf_value(&k), itf_value(x)])).collect::<Vec<_>>()})
        }
    }
}

/// A trace in ITF JSON.
pub fn itf_trace(model: &Model, trace: &[Step]) -> serde_json::Value {
    let vars = &model.program.vars;
    let states: Vec<serde_json::Value> = trace
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let mut m = serde_json::Map::new();
            let action = match &st.action {
                Some((n, _)) => n.to_string(),
                None if i == 0 => "Init".to_string(),
                None => String::new(),
            };
            m.insert(
                "#meta".into(),
                serde_json::json!({"index": i, "action": action}),
            );
            for (k, v) in st.state.iter().enumerate() {
                m.insert(vars[k].clone(), itf_value(v));
            }
            serde_json::Value::Object(m)
        })
        .collect();
    serde_json::json!({
        "#meta": {"format": "ITF", "source": "tlatrace model"},
        "vars": vars,
        "states": states,
    })
}
