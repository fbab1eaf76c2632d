//! `tlatrace parse FILE...`: loads each module with everything it depends
//! on, checks names, and prints a one-line summary per module or the
//! diagnostics.

use crate::output::{self, Format, EXIT_OK, EXIT_SPEC, EXIT_USAGE};
use parser::ast::{Module, UnitKind};
use parser::load::{Loader, Origin};
use std::path::PathBuf;

/// Arguments of `tlatrace parse`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The `.tla` files to load.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Extra folders to search for modules (after the spec's own folder).
    #[arg(long = "lib", value_name = "DIR")]
    lib: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also list the modules each file depends on.
    #[arg(long)]
    deps: bool,
}

/// Counts of what a module declares and defines.
struct Summary {
    constants: usize,
    variables: usize,
    definitions: usize,
    theorems: usize,
    instances: usize,
}

fn summarize(m: &Module) -> Summary {
    let mut s = Summary {
        constants: 0,
        variables: 0,
        definitions: 0,
        theorems: 0,
        instances: 0,
    };
    for u in &m.units {
        match &u.kind {
            UnitKind::Constants(c) => s.constants += c.len(),
            UnitKind::Variables(v) => s.variables += v.len(),
            UnitKind::OpDef(_) | UnitKind::FunDef(_) => s.definitions += 1,
            UnitKind::ModuleDef(_) | UnitKind::Instance(_) => s.instances += 1,
            UnitKind::Theorem(_) => s.theorems += 1,
            _ => {}
        }
    }
    s
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Runs the command; returns the exit code.
pub fn run(args: Args) -> u8 {
    let loader = Loader::new(args.lib.clone());
    let mut code = EXIT_OK;
    let mut json_out = vec![];
    for path in &args.files {
        let loaded = match loader.load(path) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {e}");
                if args.format == Format::Json {
                    json_out.push(serde_json::json!({
                        "file": path.display().to_string(),
                        "ok": false,
                        "io_error": e.to_string(),
                    }));
                }
                code = code.max(EXIT_USAGE);
                continue;
            }
        };
        let ok = !loaded.has_errors();
        if !ok {
            let input = loaded.exceeds_limits();
            code = code.max(if input { EXIT_USAGE } else { EXIT_SPEC });
        }
        match args.format {
            Format::Human => {
                output::print_diagnostics(&loaded.set.files, &loaded.diagnostics);
                if let Some(root) = loaded.root_module() {
                    let s = summarize(&root.ast);
                    println!(
                        "{}: module {}: {}, {}, {}, {}, {}{}",
                        path.display(),
                        root.ast.name.name,
                        plural(s.constants, "constant"),
                        plural(s.variables, "variable"),
                        plural(s.definitions, "definition"),
                        plural(s.instances, "instance"),
                        plural(s.theorems, "theorem"),
                        if ok { "" } else { " (with errors)" }
                    );
                    if args.deps {
                        for m in &loaded.set.modules {
                            if m.ast.name.name == root.ast.name.name {
                                continue;
                            }
                            let from = match &m.origin {
                                Origin::File(p) => p.display().to_string(),
                                Origin::Bundled => "bundled".to_string(),
                            };
                            println!("  uses {} ({from})", m.ast.name.name);
                        }
                    }
                }
            }
            Format::Json => {
                let modules: Vec<serde_json::Value> = loaded
                    .set
                    .modules
                    .iter()
                    .map(|m| {
                        let s = summarize(&m.ast);
                        serde_json::json!({
                            "name": m.ast.name.name,
                            "file": loaded.set.files.get(m.file).name,
                            "bundled": m.origin == Origin::Bundled,
                            "constants": s.constants,
                            "variables": s.variables,
                            "definitions": s.definitions,
                            "instances": s.instances,
                            "theorems": s.theorems,
                        })
                    })
                    .collect();
                json_out.push(serde_json::json!({
                    "file": path.display().to_string(),
                    "ok": ok,
                    "root": loaded.root,
                    "modules": modules,
                    "diagnostics": output::diagnostics_json(&loaded.set.files, &loaded.diagnostics),
                }));
            }
        }
    }
    if args.format == Format::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::Value::Array(json_out)).unwrap_or_default()
        );
    }
    code
}
