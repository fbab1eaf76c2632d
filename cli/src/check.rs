//! `tlatrace check SPEC.tla TRACE...`: does the logged run conform to the
//! spec? Exit 0 if it does, 1 at the first event no behaviour of the spec
//! matches (with the action and conjunct that failed), 2 on unreadable
//! input.

use crate::output::{self, Format, EXIT_OK, EXIT_SPEC, EXIT_USAGE};
use crate::paths;
use crate::report::{self, Outcome, Recorder};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use evaluator::model::Model;
use parser::cfg::{CfgValue, CfgValueKind, ConstantBinding, ModelConfig};
use parser::diag::{render_plain, Diag, IntoDiagnostic};
use parser::span::{Files, Span};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tracecheck::event::{read_trace, Decoder, Event, Mapping, ReadError};
use tracecheck::replay::{Checker, Failure, Options, Summary, Verdict};

/// Arguments of `tlatrace check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The spec (the root module of the model).
    spec: PathBuf,
    /// The trace files (JSON Lines, ITF); several per-node logs are merged
    /// by their clocks.
    #[arg(required = true)]
    traces: Vec<PathBuf>,
    /// The TLC model file giving the constants (default: SPEC.cfg).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// A mapping file from the service's names to the spec's.
    #[arg(long = "map", value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Unlogged spec steps allowed before each event.
    #[arg(long, default_value_t = 0)]
    max_hidden_steps: usize,
    /// Largest set of candidate spec states kept.
    #[arg(long, default_value_t = 100_000)]
    max_candidates: usize,
    /// Extra folders to search for modules.
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write the run as an HTML page (a message-sequence chart with
    /// the first non-conforming event and its diagnostics).
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
}

/// What the check gathers for `--report`: the events to draw, and the
/// page once there is a verdict.
#[derive(Default)]
struct Sink {
    recorder: Recorder,
    page: Option<String>,
    /// Every file read from disk (the modules the spec extends too).
    read: Vec<PathBuf>,
}

fn model_values(cfg: &ModelConfig) -> HashSet<String> {
    fn go(v: &CfgValue, out: &mut HashSet<String>) {
        match &v.kind {
            CfgValueKind::ModelValue(m) => {
                out.insert(m.clone());
            }
            CfgValueKind::Set(items) => items.iter().for_each(|x| go(x, out)),
            _ => {}
        }
    }
    let mut out = HashSet::new();
    for c in &cfg.constants {
        if let ConstantBinding::Value { value, .. } = c {
            go(value, &mut out);
        }
    }
    out
}

fn read_error(files: &Files, e: &ReadError) -> Diag {
    match e.span {
        Some(span) if span.end > span.start || e.line > 0 => {
            let d =
                Diagnostic::error().with_message(format!("cannot read the trace: {}", e.message));
            let mut d = line_label(
                d,
                files,
                span,
                format!("line {}, column {}", e.line, e.column.max(1)),
            );
            d.notes
                .push(format!("{}:{}:{}", e.file, e.line, e.column.max(1)));
            d
        }
        _ => Diagnostic::error().with_message(format!("cannot read the trace: {e}")),
    }
}

/// Lines of a trace longer than this (in bytes) are not quoted whole.
const LONG_LINE: usize = 2_000;

/// Characters of a long line shown on each side of the place of interest.
const CONTEXT: usize = 60;

/// `d` with a label at `span` of a trace line; when the line is long (a
/// whole state on one line can be megabytes), a note quoting the part of
/// the line around the start of `span` instead, with a caret under it.
fn line_label(d: Diag, files: &Files, span: Span, message: String) -> Diag {
    let src = &files.get(span.file).source;
    let at = (span.start as usize).min(src.len());
    let start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = src[at..].find('\n').map_or(src.len(), |i| at + i);
    if end - start <= LONG_LINE {
        return d.with_labels(vec![
            Label::primary(span.file, span.range()).with_message(message)
        ]);
    }
    let before: Vec<char> = src[start..at].chars().collect();
    let skip = before.len().saturating_sub(CONTEXT);
    let shown_before: String = before[skip..].iter().collect();
    let mut excerpt = String::new();
    if skip > 0 {
        excerpt.push_str("...");
    }
    excerpt.push_str(&shown_before);
    let caret = excerpt.chars().count();
    let after: String = src[at..end].chars().take(CONTEXT + 1).collect();
    excerpt.push_str(&after);
    if at + after.len() < end {
        excerpt.push_str("...");
    }
    d.with_notes(vec![format!(
        "{message} (a line of {} bytes, shortened):\n  {excerpt}\n  {}^",
        end - start,
        " ".repeat(caret)
    )])
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> u8 {
    let Some(target) = &args.report else {
        return check(&args, None);
    };
    let mut inputs: Vec<&Path> = vec![&args.spec];
    inputs.extend(args.traces.iter().map(PathBuf::as_path));
    inputs.extend(args.config.as_deref());
    inputs.extend(args.mapping.as_deref());
    if let Err(msg) = paths::check_output("--report", target, &inputs) {
        eprintln!("error: {msg}");
        return EXIT_USAGE;
    }
    let mut sink = Sink::default();
    let code = check(&args, Some(&mut sink));
    // The modules the spec loaded are inputs too.
    let read: Vec<&Path> = sink.read.iter().map(PathBuf::as_path).collect();
    if let Err(msg) = paths::check_output("--report", target, &read) {
        eprintln!("error: {msg}");
        return EXIT_USAGE;
    }
    match sink.page {
        Some(html) => match paths::write(target, "the report", html.as_bytes()) {
            Ok(()) => {
                eprintln!("The report is in {}.", target.display());
                code
            }
            Err(msg) => {
                eprintln!("error: {msg}");
                EXIT_USAGE
            }
        },
        None => {
            eprintln!(
                "No report written to {}: the trace could not be checked.",
                target.display()
            );
            code
        }
    }
}

/// Checks the trace; fills `sink` for `--report`.
fn check(args: &Args, mut sink: Option<&mut Sink>) -> u8 {
    let lm = crate::load::load_model(&args.spec, args.config.as_deref(), &args.lib, &|f, d| {
        report_input_error(args, f, d, "spec-error")
    });
    let crate::load::LoadedModel {
        mut loaded,
        cfg,
        model,
    } = match lm {
        Ok(m) => m,
        Err(code) => return code,
    };
    let mapping = match &args.mapping {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(t) => match Mapping::parse(&t, &p.display().to_string()) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_USAGE;
                }
            },
            Err(e) => {
                eprintln!("error: cannot read the mapping file `{}`: {e}", p.display());
                return EXIT_USAGE;
            }
        },
        None => Mapping::default(),
    };
    let mvs = model_values(&cfg);
    // Read every trace file.
    let dec = Decoder {
        model_values: &mvs,
        mapping: &mapping,
    };
    let checker = Checker::new(
        &model,
        Options {
            max_hidden: args.max_hidden_steps,
            max_candidates: args.max_candidates,
        },
    );
    // One JSON Lines log: streamed, in constant memory.
    if args.traces.len() == 1 && first_line_is_json(&args.traces[0]) {
        return stream(args, &model, &checker, &dec, &mut loaded.set.files, sink);
    }
    let mut logs = vec![];
    for p in &args.traces {
        let text = match std::fs::read(p) {
            Ok(b) => match String::from_utf8(b) {
                Ok(t) => t,
                Err(e) => {
                    let name = p.display().to_string();
                    let e = tracecheck::event::utf8_error(&name, 1, e.as_bytes(), &e.utf8_error());
                    let d = read_error(&loaded.set.files, &e);
                    report_input_error(args, &loaded.set.files, vec![d], "input-error");
                    return EXIT_USAGE;
                }
            },
            Err(e) => {
                eprintln!("error: cannot read the trace `{}`: {e}", p.display());
                return EXIT_USAGE;
            }
        };
        let name = p.display().to_string();
        let fid = loaded.set.files.add(name.clone(), Some(p), text.clone());
        match read_trace(&text, &name, fid, &dec) {
            Ok(evs) if evs.is_empty() => {
                report_input_error(
                    args,
                    &loaded.set.files,
                    vec![no_events(&name)],
                    "input-error",
                );
                return EXIT_USAGE;
            }
            Ok(evs) => logs.push(evs),
            Err(e) => {
                let d = read_error(&loaded.set.files, &e);
                report_input_error(args, &loaded.set.files, vec![d], "input-error");
                return EXIT_USAGE;
            }
        }
    }
    let events = match tracecheck::merge::merge(logs) {
        Ok(e) => e,
        Err(e) => {
            let mut msg = format!(
                "cannot order the logs: {} ({}:{}",
                e.message, e.first.0, e.first.1
            );
            if let Some((f, l)) = &e.second {
                msg.push_str(&format!(" and {f}:{l}"));
            }
            msg.push(')');
            report_input_error(
                args,
                &loaded.set.files,
                vec![Diagnostic::error().with_message(msg)],
                "input-error",
            );
            return EXIT_USAGE;
        }
    };
    if let Err((i, msg)) = checker.validate(&events) {
        let d = unusable(&loaded.set.files, &events[i], &msg);
        report_input_error(args, &loaded.set.files, vec![d], "input-error");
        return EXIT_USAGE;
    }
    let verdict = checker.run(&events);
    if let Some(s) = sink.as_deref_mut() {
        if let Verdict::Fails(f, _) = &verdict {
            let at = events
                .iter()
                .position(|e| e.file == f.event.file && e.line == f.event.line);
            s.recorder.fail_at(at.unwrap_or(f.index));
        }
        for e in &events {
            if !s.recorder.wants_more() {
                break;
            }
            s.recorder.push(e);
        }
    }
    report(args, &model, &loaded.set.files, sink, verdict)
}

/// Whether the file's first non-blank line is a whole JSON value (JSON
/// Lines, as opposed to a pretty-printed ITF document).
fn first_line_is_json(p: &std::path::Path) -> bool {
    use std::io::BufRead;
    let Ok(f) = std::fs::File::open(p) else {
        return false;
    };
    for line in std::io::BufReader::new(f).lines() {
        let Ok(line) = line else { return false };
        if line.trim().is_empty() {
            continue;
        }
        // A whole ITF or TLC document on one line is not JSON Lines.
        return match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(serde_json::Value::Object(o)) => {
                !o.contains_key("states") && !o.contains_key("vars")
            }
            Ok(_) => true,
            Err(_) => false,
        };
    }
    false
}

/// Checks one JSON Lines log event by event.
fn stream(
    args: &Args,
    model: &Model,
    checker: &Checker<'_>,
    dec: &Decoder<'_>,
    files: &mut Files,
    mut sink: Option<&mut Sink>,
) -> u8 {
    let path = &args.traces[0];
    let name = path.display().to_string();
    let fid = files.add(name.clone(), Some(path), "");
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot read the trace `{}`: {e}", path.display());
            return EXIT_USAGE;
        }
    };
    let mut reader = tracecheck::event::LineReader::new(
        std::io::BufReader::with_capacity(1 << 20, file),
        &name,
        fid,
        dec,
    );
    let mut replay = checker.replay();
    let mut last: Option<Event> = None;
    let mut failed = None;
    for (count, ev) in reader.by_ref().enumerate() {
        let ev = match ev {
            Ok(e) => e,
            Err(e) => {
                load_text(files, fid, path);
                let d = read_error(files, &e);
                report_input_error(args, files, vec![d], "input-error");
                return EXIT_USAGE;
            }
        };
        if let Err(msg) = checker.validate_event(&ev, count == 0) {
            load_text(files, fid, path);
            let d = unusable(files, &ev, &msg);
            report_input_error(args, files, vec![d], "input-error");
            return EXIT_USAGE;
        }
        if let Some(s) = sink.as_deref_mut() {
            s.recorder.push(&ev);
        }
        if let Err(v) = replay.step(&ev) {
            failed = Some(v);
            break;
        }
        last = Some(ev);
    }
    if last.is_none() && failed.is_none() {
        report_input_error(args, files, vec![no_events(&name)], "input-error");
        return EXIT_USAGE;
    }
    let Some(v) = failed else {
        return report(args, model, files, sink, replay.finish());
    };
    load_text(files, fid, path);
    if let Some(s) = sink.as_deref_mut() {
        // The events after the failure, drawn as not checked.
        if let Verdict::Fails(f, _) = &v {
            s.recorder.fail_at_event(&f.event.file, f.event.line);
        }
        while s.recorder.wants_more() {
            match reader.next() {
                Some(Ok(e)) => s.recorder.push(&e),
                _ => break,
            }
        }
    }
    report(args, model, files, sink, v)
}

/// A trace file with no event (empty, or only blank and comment lines):
/// nothing to check is an input error, not a conforming run.
fn no_events(name: &str) -> Diag {
    Diagnostic::error()
        .with_message(format!("cannot use the trace: `{name}` has no events"))
        .with_notes(vec![
            "a trace is one JSON event per line (JSON Lines), or an ITF or TLC document".into(),
        ])
}

/// An event the checker cannot use, at its line (a state of a whole-file
/// document, ITF or TLC, has no line to quote).
fn unusable(files: &Files, e: &Event, msg: &str) -> Diag {
    let d = Diagnostic::error().with_message(format!("cannot use the trace: {msg}"));
    let at = format!("{}:{}", e.file, e.line);
    if e.span.start == e.span.end {
        d.with_notes(vec![at])
    } else {
        line_label(d, files, e.span, at)
    }
}

fn load_text(files: &mut Files, fid: parser::span::FileId, path: &std::path::Path) {
    if let Ok(t) = std::fs::read_to_string(path) {
        files.set_source(fid, t);
    }
}

fn report_input_error(args: &Args, files: &Files, d: impl Into<Vec<Diag>>, verdict: &str) {
    let d: Vec<Diag> = d.into();
    match args.format {
        Format::Human => output::print_diagnostics(files, &d),
        Format::Json => {
            let j = serde_json::json!({
                "verdict": verdict,
                "diagnostics": output::diagnostics_json(files, &d),
            });
            println!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
        }
    }
}

fn event_label(e: &Event) -> String {
    let mut s = format!("event at {}:{}", e.file, e.line);
    if let Some(a) = &e.action {
        s.push_str(&format!(", action {a}"));
        if !e.params.is_empty() {
            let ps: Vec<String> = e
                .params
                .iter()
                .map(|(p, v)| format!("{p} = {}", clip(&v.to_string())))
                .collect();
            s.push_str(&format!("({})", ps.join(", ")));
        }
    }
    s
}

/// The diagnostics of a failure.
fn failure_diags(model: &Model, files: &Files, f: &Failure) -> Vec<Diag> {
    let mut out = vec![];
    let e = &f.event;
    // Underline the logged value that differs (its key in the line), or
    // the start of the event.
    let text = files.slice(e.span);
    let mut label_span = Span::new(
        e.span.file,
        e.span.start as usize,
        (e.span.start as usize + text.len().min(1)).max(e.span.start as usize),
    );
    if let Some((what, _, _)) = f.diffs.first() {
        let var = what.split('[').next().unwrap_or(what);
        if let Some(pos) = text.find(&format!("\"{var}\"")) {
            let start = e.span.start as usize + pos;
            label_span = Span::new(e.span.file, start, start + var.len() + 2);
        }
    } else if let Some(pos) = text.find("\"action\"") {
        let start = e.span.start as usize + pos;
        label_span = Span::new(e.span.file, start, start + 8);
    }
    let mut d = Diagnostic::error().with_message(format!(
        "the trace does not conform to the spec at event {}: {}",
        f.index + 1,
        f.summary
    ));
    if e.span.start == e.span.end {
        // A state of a whole-file document (ITF, TLC): no line to quote.
        d.notes.push(event_label(e));
    } else {
        d = line_label(d, files, label_span, event_label(e));
    }
    if f.candidates > 0 {
        let vars = &model.program.vars;
        if f.previous.len() == 1 {
            let s = &f.previous[0];
            let desc: Vec<String> = vars
                .iter()
                .zip(s.iter())
                .map(|(n, v)| format!("{n} = {}", clip(&v.to_string())))
                .collect();
            d.notes.push(format!(
                "the spec's state before this event:\n  {}",
                desc.join("\n  ")
            ));
        } else {
            d.notes.push(format!(
                "{} spec states match the events before this one",
                f.candidates
            ));
        }
    }
    for (what, logged, allowed) in &f.diffs {
        d.notes.push(format!(
            "logged {what} = {logged}, but the nearest step of the spec gives {allowed}"
        ));
    }
    out.push(d);
    for w in f.why.iter().take(3) {
        let bindings: Vec<String> = w
            .bindings
            .iter()
            .map(|(n, v)| format!("{n} = {}", clip(&v.to_string())))
            .collect();
        let head = if bindings.is_empty() {
            w.action.clone()
        } else {
            format!("{}({})", w.action, bindings.join(", "))
        };
        let mut n = Diagnostic::note();
        match (&w.conjunct, &w.message) {
            (Some(span), None) => {
                n = n.with_message(format!(
                    "{head} cannot take this step: this conjunct is false"
                ));
                let mut labels =
                    vec![Label::primary(span.file, span.range()).with_message("false")];
                for (s, v) in &w.values {
                    labels.push(Label::secondary(s.file, s.range()).with_message(format!("= {v}")));
                }
                n = n.with_labels(labels);
            }
            (Some(span), Some(m)) => {
                let mut labels = vec![Label::primary(span.file, span.range())];
                for (s, v) in &w.values {
                    labels.push(Label::secondary(s.file, s.range()).with_message(format!("= {v}")));
                }
                n = n
                    .with_message(format!("{head} cannot take this step: {m}"))
                    .with_labels(labels);
            }
            (None, Some(m)) => n = n.with_message(format!("{head}: {m}")),
            (None, None) => {
                n = n.with_message(format!(
                    "{head} is enabled, but none of its successors agrees with the logged values"
                ))
            }
        }
        out.push(n);
    }
    let _ = files;
    out
}

fn clip(s: &str) -> String {
    if s.len() > 200 {
        format!(
            "{}...",
            &s[..s
                .char_indices()
                .take_while(|(i, _)| *i < 197)
                .last()
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(0)]
        )
    } else {
        s.to_string()
    }
}

fn summary_json(s: &Summary) -> serde_json::Value {
    serde_json::json!({
        "events": s.events,
        "peak_candidates": s.peak_candidates,
        "fast_path_events": s.fast_path,
        "seconds": s.elapsed.as_secs_f64(),
    })
}

/// Prints the verdict; with `--report`, renders the page into `sink`.
fn report(args: &Args, model: &Model, files: &Files, sink: Option<&mut Sink>, v: Verdict) -> u8 {
    if let Some(sink) = sink {
        sink.read = paths::loaded_files(files);
        let (outcome, s) = match &v {
            Verdict::Conforms(s) => (Some(Outcome::Conforms), s),
            Verdict::Fails(f, s) => (
                Some(Outcome::Fails {
                    number: f.index + 1,
                    file: f.event.file.clone(),
                    line: f.event.line,
                    diagnostics: render_plain(files, &failure_diags(model, files, f)),
                }),
                s,
            ),
            Verdict::Error(msg, Some(e), s) => (
                Some(Outcome::Undecided {
                    diagnostics: render_plain(files, &error_diags(msg, Some(e))),
                }),
                s,
            ),
            // Too many candidates: an input error, no report.
            Verdict::Error(_, None, s) => (None, s),
        };
        if let Some(outcome) = outcome {
            sink.page = Some(report::render(&report::Page {
                spec: &args.spec,
                traces: &args.traces,
                recorder: &sink.recorder,
                outcome,
                checked: s.events,
                seconds: s.elapsed.as_secs_f64(),
            }));
        }
    }
    match v {
        Verdict::Conforms(s) => {
            match args.format {
                Format::Human => {
                    println!(
                        "The trace conforms to the spec: {} event{} checked ({} by the full-state fast path), at most {} candidate state{}, in {:.3}s.",
                        s.events,
                        if s.events == 1 { "" } else { "s" },
                        s.fast_path,
                        s.peak_candidates,
                        if s.peak_candidates == 1 { "" } else { "s" },
                        s.elapsed.as_secs_f64()
                    );
                }
                Format::Json => {
                    let j = serde_json::json!({"verdict": "conforms", "summary": summary_json(&s)});
                    println!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
                }
            }
            EXIT_OK
        }
        Verdict::Fails(f, s) => {
            let diags = failure_diags(model, files, &f);
            match args.format {
                Format::Human => {
                    output::print_diagnostics(files, &diags);
                    println!(
                        "The trace does NOT conform: event {} ({}:{}) is not a step the spec allows.",
                        f.index + 1,
                        f.event.file,
                        f.event.line
                    );
                }
                Format::Json => {
                    let why: Vec<serde_json::Value> = f
                        .why
                        .iter()
                        .map(|w| {
                            serde_json::json!({
                                "action": w.action,
                                "bindings": w.bindings.iter().map(|(n, v)| serde_json::json!({"name": n, "value": v.to_string()})).collect::<Vec<_>>(),
                                "conjunct": w.conjunct.map(|sp| span_json(files, sp)),
                                "values": w.values.iter().map(|(sp, v)| serde_json::json!({"expr": span_json(files, *sp), "value": v})).collect::<Vec<_>>(),
                                "message": w.message,
                            })
                        })
                        .collect();
                    let j = serde_json::json!({
                        "verdict": "fails",
                        "event": {"index": f.index + 1, "file": f.event.file, "line": f.event.line, "action": f.event.action},
                        "summary": f.summary,
                        "candidates": f.candidates,
                        "why": why,
                        "diffs": f.diffs.iter().map(|(w, l, a)| serde_json::json!({"what": w, "logged": l, "allowed": a})).collect::<Vec<_>>(),
                        "diagnostics": output::diagnostics_json(files, &diags),
                        "stats": summary_json(&s),
                    });
                    println!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
                }
            }
            EXIT_SPEC
        }
        Verdict::Error(msg, err, s) => {
            let diags = error_diags(&msg, err.as_deref());
            match args.format {
                Format::Human => output::print_diagnostics(files, &diags),
                Format::Json => {
                    let j = serde_json::json!({
                        "verdict": "error",
                        "message": msg,
                        "diagnostics": output::diagnostics_json(files, &diags),
                        "stats": summary_json(&s),
                    });
                    println!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
                }
            }
            if err.is_some() {
                EXIT_SPEC
            } else {
                EXIT_USAGE
            }
        }
    }
}

/// The diagnostics of a run the checker could not decide.
fn error_diags(msg: &str, err: Option<&evaluator::eval::EvalError>) -> Vec<Diag> {
    let mut diags = vec![Diagnostic::error().with_message(format!("cannot decide: {msg}"))];
    if let Some(e) = err {
        diags.push(e.to_diagnostic());
    }
    diags
}

fn span_json(files: &Files, s: Span) -> serde_json::Value {
    let f = files.get(s.file);
    let (line, col) = f.line_col(s.start as usize);
    serde_json::json!({"file": f.name, "line": line, "column": col, "text": files.slice(s)})
}
