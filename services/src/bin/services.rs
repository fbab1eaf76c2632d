//! Runs one of the services for a seed and leaves its logs in a folder:
//!
//! ```text
//! services paxos  --seed 7 --out runs/p7 [--bug promise-geq] [--no-faults]
//! services tpaxos --seed 7 --out runs/t7 [--accept-first] [--no-faults]
//! tlatrace check specs/paxos/ServicePaxos.tla runs/p7/*.jsonl
//! ```

use services::net::Faults;
use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: services paxos|tpaxos --seed N --out DIR [--bug NAME] [--accept-first] [--no-faults] [--loss P]\n  Paxos bugs: {}",
        services::paxos::Bugs::NAMES.join(", ")
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(which) = args.first().cloned() else {
        return usage();
    };
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut bug: Option<String> = None;
    let mut accept_first = false;
    let mut faults = Faults::all();
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            },
            "--out" => out = it.next().map(PathBuf::from),
            "--bug" => bug = it.next().cloned(),
            "--accept-first" => accept_first = true,
            "--no-faults" => faults = Faults::none(),
            "--loss" => match it.next().and_then(|s| s.parse().ok()) {
                Some(p) => faults.loss = p,
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    let Some(out) = out else { return usage() };
    let outcome = match which.as_str() {
        "paxos" => {
            let mut cfg = services::paxos::Config::new(seed, &out);
            cfg.faults = faults;
            if let Some(b) = &bug {
                match services::paxos::Bugs::named(b) {
                    Some(b) => cfg.bugs = b,
                    None => return usage(),
                }
            }
            services::paxos::run(&cfg)
        }
        "tpaxos" => {
            let mut cfg = services::tpaxos::Config::new(seed, &out);
            cfg.faults = faults;
            if accept_first {
                cfg.order = services::tpaxos::Order::AcceptFirst;
            }
            services::tpaxos::run(&cfg)
        }
        _ => return usage(),
    };
    match outcome {
        Ok(o) => {
            for (node, v) in &o.learned {
                println!("{node}: learned {}", v.as_deref().unwrap_or("nothing"));
            }
            for a in &o.bug_acts {
                println!(
                    "bug {} acted at {}:{} ({})",
                    a.bug,
                    a.file.display(),
                    a.line,
                    a.action
                );
            }
            for l in &o.logs {
                println!("log {}", l.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
