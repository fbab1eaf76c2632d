//! Single-decree Paxos: two proposers (`l1` uses the even ballots, `l2`
//! the odd ones) and three acceptors, each a thread, talking through the
//! faulty network. Acceptors keep their state on disk and restore it after
//! a crash. Every node logs its steps with the bindings generated from
//! `specs/paxos/ServicePaxos.tla` (`spec.rs`); the logs are checked
//! against `specs/paxos/Paxos.tla`.

#[rustfmt::skip]
pub mod spec;

use crate::net::{Faults, Input, Net};
use crate::{write_atomic, BugAct, LineCount, Outcome};
use serde::{Deserialize, Serialize};
use spec::{Acceptor, Action, At, Log, Value, ValueOrNone};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tlalog::{TraceWriter, VectorClock};

/// The implementation errors a run can have (all off: a correct service).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bugs {
    /// Acceptors promise a ballot equal to their promise (`>=` for `>`).
    pub promise_geq: bool,
    /// Acceptors accept a proposal below their promise.
    pub accept_below_promise: bool,
    /// Acceptors send (and log) their promise before recording it, and
    /// record it only after the next message: promise and vote are not
    /// updated atomically.
    pub non_atomic_promise: bool,
    /// Proposers send their own value in phase 2a, ignoring the votes the
    /// 1b messages reported.
    pub ignore_votes: bool,
    /// Proposers send their prepare to a minority and go on with the
    /// promises of that minority.
    pub non_majority: bool,
}

impl Bugs {
    /// The switch named `name` (as in [`Bugs::NAMES`]).
    pub fn named(name: &str) -> Option<Bugs> {
        let mut b = Bugs::default();
        match name {
            "promise-geq" => b.promise_geq = true,
            "accept-below-promise" => b.accept_below_promise = true,
            "non-atomic-promise" => b.non_atomic_promise = true,
            "ignore-votes" => b.ignore_votes = true,
            "non-majority" => b.non_majority = true,
            _ => return None,
        }
        Some(b)
    }

    /// The names of the switches.
    pub const NAMES: [&'static str; 5] = [
        "promise-geq",
        "accept-below-promise",
        "non-atomic-promise",
        "ignore-votes",
        "non-majority",
    ];
}

/// A run's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Seeds the faults and the proposers' timeouts.
    pub seed: u64,
    /// The network's faults.
    pub faults: Faults,
    /// Bug switches.
    pub bugs: Bugs,
    /// Folder for the logs (`a1.jsonl`, ..., `l1.jsonl`) and the
    /// acceptors' disks.
    pub dir: PathBuf,
    /// The largest ballot (the model's `Ballot` is `0..max_ballot`).
    pub max_ballot: i64,
    /// How long a proposer waits before trying a higher ballot.
    pub timeout: Duration,
}

impl Config {
    /// Defaults for `seed` in `dir`: all faults, no bug.
    pub fn new(seed: u64, dir: &Path) -> Config {
        Config {
            seed,
            faults: Faults::all(),
            bugs: Bugs::default(),
            dir: dir.to_path_buf(),
            max_ballot: 7,
            timeout: Duration::from_millis(25),
        }
    }
}

/// A message, with the vector clock of its sender.
#[derive(Clone, Debug)]
pub enum Msg {
    /// Phase 1a: prepare ballot `bal`.
    P1a { bal: i64, clock: VectorClock },
    /// Phase 1b: `acc` promises `bal` and reports its vote.
    P1b {
        acc: Acceptor,
        bal: i64,
        mbal: i64,
        mval: ValueOrNone,
        clock: VectorClock,
    },
    /// Phase 2a: accept `val` in ballot `bal`.
    P2a {
        bal: i64,
        val: Value,
        clock: VectorClock,
    },
    /// Phase 2b: `acc` voted for `val` in `bal`.
    P2b {
        acc: Acceptor,
        bal: i64,
        val: Value,
        clock: VectorClock,
    },
}

const ACCEPTORS: usize = 3;
const PROPOSERS: usize = 2;

/// An acceptor's durable state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Durable {
    max_bal: i64,
    max_vbal: i64,
    max_val: Option<usize>,
}

impl Durable {
    fn initial() -> Durable {
        Durable {
            max_bal: -1,
            max_vbal: -1,
            max_val: None,
        }
    }

    fn val(&self) -> ValueOrNone {
        match self.max_val {
            Some(i) => Value::ALL[i].into(),
            None => ValueOrNone::None,
        }
    }
}

/// A 1b message a proposer's decision may depend on (for the oracle of
/// `ignore_votes`).
#[derive(Clone, Debug)]
struct Sent1b {
    acc: usize,
    bal: i64,
    mbal: i64,
    mval: ValueOrNone,
    clock: VectorClock,
}

/// A 2a a bug switch changed: its ballot, value and clock.
type Changed2a = (i64, Value, VectorClock);

struct Shared {
    acts: Vec<(BugAct, Option<Changed2a>)>,
    sent_1b: Vec<Sent1b>,
    learned: Vec<(String, Option<String>)>,
}

/// Runs the service until both proposers have learned a value or given
/// up; returns where the logs are and what happened.
pub fn run(cfg: &Config) -> std::io::Result<Outcome> {
    std::fs::create_dir_all(&cfg.dir)?;
    let mut txs = vec![];
    let mut rxs = vec![];
    for _ in 0..ACCEPTORS + PROPOSERS {
        let (tx, rx) = channel::<Input<Msg>>();
        txs.push(tx);
        rxs.push(rx);
    }
    let crashable = (0..ACCEPTORS + PROPOSERS).map(|i| i < ACCEPTORS).collect();
    let (net, router) = Net::start(cfg.seed, cfg.faults, txs, crashable);
    let shared = Arc::new(Mutex::new(Shared {
        acts: vec![],
        sent_1b: vec![],
        learned: vec![],
    }));
    let mut logs = vec![];
    let mut acceptors = vec![];
    let mut rxs = rxs.into_iter();
    for a in Acceptor::ALL {
        let file = cfg.dir.join(format!("{}.jsonl", a.name()));
        logs.push(file.clone());
        let rx = rxs.next().expect("one inbox per node");
        let (net, cfg, shared) = (net.clone(), cfg.clone(), shared.clone());
        acceptors.push(std::thread::spawn(move || {
            acceptor(a, &cfg, &file, rx, &net, &shared)
        }));
    }
    let mut proposers = vec![];
    for p in 0..PROPOSERS {
        let name = format!("l{}", p + 1);
        let file = cfg.dir.join(format!("{name}.jsonl"));
        logs.push(file.clone());
        let rx = rxs.next().expect("one inbox per node");
        let (net, cfg, shared) = (net.clone(), cfg.clone(), shared.clone());
        proposers.push(std::thread::spawn(move || {
            proposer(p, &name, &cfg, &file, rx, &net, &shared)
        }));
    }
    let mut result = Ok(());
    for p in proposers {
        if let Ok(Err(e)) = p.join() {
            result = Err(e);
        }
    }
    net.stop();
    let _ = router.join();
    // The acceptors stop when their inboxes close: the router is gone.
    for a in acceptors {
        if let Ok(Err(e)) = a.join() {
            result = Err(e);
        }
    }
    result?;
    // Every thread has ended: what they recorded is complete.
    let shared = std::mem::replace(
        &mut *shared.lock().unwrap_or_else(|e| e.into_inner()),
        Shared {
            acts: vec![],
            sent_1b: vec![],
            learned: vec![],
        },
    );
    let bug_acts = shared
        .acts
        .iter()
        .map(|(act, phase2a)| {
            let mut act = act.clone();
            if let Some((bal, val, clock)) = phase2a {
                act.observable = !justified(*bal, *val, clock, &shared.sent_1b);
            }
            act
        })
        .collect();
    Ok(Outcome {
        logs,
        learned: shared.learned,
        bug_acts,
    })
}

/// Whether some majority of the 1b messages of ballot `bal` that do not
/// causally follow the 2a (whose clock is `clock`) allows the value `val`.
fn justified(bal: i64, val: Value, clock: &VectorClock, sent: &[Sent1b]) -> bool {
    // The 1b was sent after the 2a: its clock is at or above the 2a's.
    let after = |c: &VectorClock| clock <= c;
    let mut by_acc: BTreeMap<usize, Vec<&Sent1b>> = BTreeMap::new();
    for m in sent.iter().filter(|m| m.bal == bal && !after(&m.clock)) {
        by_acc.entry(m.acc).or_default().push(m);
    }
    let accs: Vec<usize> = by_acc.keys().copied().collect();
    // Every subset of the acceptors that sent one, of majority size.
    for mask in 0u32..(1 << accs.len()) {
        if (mask.count_ones() as usize) * 2 <= ACCEPTORS {
            continue;
        }
        let q: Vec<&Sent1b> = accs
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .flat_map(|(_, a)| by_acc[a].iter().copied())
            .collect();
        let voted: Vec<&&Sent1b> = q.iter().filter(|m| m.mbal >= 0).collect();
        let Some(top) = voted.iter().map(|m| m.mbal).max() else {
            return true;
        };
        if voted
            .iter()
            .any(|m| m.mbal == top && m.mval == ValueOrNone::from(val))
        {
            return true;
        }
    }
    false
}

fn record(shared: &Mutex<Shared>, act: BugAct, phase2a: Option<Changed2a>) {
    shared
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .acts
        .push((act, phase2a));
}

fn load(path: &Path) -> std::io::Result<Durable> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Durable::initial()),
        Err(e) => Err(e),
    }
}

fn store(path: &Path, d: &Durable) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(d).map_err(std::io::Error::other)?;
    write_atomic(path, &bytes)
}

fn at(a: Acceptor, d: &Durable) -> [At; 3] {
    [
        At::MaxBal(a, d.max_bal),
        At::MaxVBal(a, d.max_vbal),
        At::MaxVal(a, d.val()),
    ]
}

fn acceptor(
    a: Acceptor,
    cfg: &Config,
    file: &Path,
    rx: Receiver<Input<Msg>>,
    net: &Net<Msg>,
    shared: &Mutex<Shared>,
) -> std::io::Result<()> {
    let disk = cfg.dir.join(format!("{}.state", a.name()));
    let _ = std::fs::remove_file(&disk);
    let log = Log::new(TraceWriter::create(file)?, a.name());
    let mut lines = LineCount::default();
    let mut clock = VectorClock::new(a.name());
    let mut d = load(&disk)?;
    log.state(&clock, &at(a, &d))?;
    lines.advance();
    // A promise recorded late (non_atomic_promise): applied after the
    // next message.
    let mut pending: Option<i64> = None;
    let bugs = cfg.bugs;
    while let Ok(input) = rx.recv() {
        let late = pending.take();
        match input {
            Input::Stop => break,
            Input::Crash => {
                // Everything in memory is lost; the disk remains.
                d = load(&disk)?;
                clock.tick();
                log.state(&clock, &at(a, &d))?;
                lines.advance();
                continue;
            }
            Input::Msg(Msg::P1a { bal, clock: c }) => {
                clock.merge(&c);
                let promise = if bugs.promise_geq {
                    bal >= d.max_bal
                } else {
                    bal > d.max_bal
                };
                if promise {
                    let equal = bal == d.max_bal;
                    let (mbal, mval) = (d.max_vbal, d.val());
                    if bugs.non_atomic_promise {
                        pending = Some(bal);
                    } else {
                        d.max_bal = bal;
                        store(&disk, &d)?;
                    }
                    clock.tick();
                    log.step(&Action::Phase1b { a, m: None }, &clock, &at(a, &d))?;
                    let line = lines.advance();
                    if equal || bugs.non_atomic_promise {
                        let bug = if equal {
                            "promise-geq"
                        } else {
                            "non-atomic-promise"
                        };
                        record(shared, act(bug, a.name(), file, line, "Phase1b"), None);
                    }
                    shared
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .sent_1b
                        .push(Sent1b {
                            acc: Acceptor::ALL.iter().position(|x| *x == a).unwrap_or(0),
                            bal,
                            mbal,
                            mval,
                            clock: clock.clone(),
                        });
                    let to = ACCEPTORS + owner(bal);
                    net.send(
                        to,
                        Msg::P1b {
                            acc: a,
                            bal,
                            mbal,
                            mval,
                            clock: clock.clone(),
                        },
                    );
                }
            }
            Input::Msg(Msg::P2a { bal, val, clock: c }) => {
                clock.merge(&c);
                let accept = bugs.accept_below_promise || bal >= d.max_bal;
                if accept {
                    let below = bal < d.max_bal;
                    d.max_bal = d.max_bal.max(bal);
                    d.max_vbal = bal;
                    d.max_val = Value::ALL.iter().position(|v| *v == val);
                    store(&disk, &d)?;
                    clock.tick();
                    log.step(&Action::Phase2b { a, m: None }, &clock, &at(a, &d))?;
                    let line = lines.advance();
                    if below {
                        record(
                            shared,
                            act("accept-below-promise", a.name(), file, line, "Phase2b"),
                            None,
                        );
                    }
                    for p in 0..PROPOSERS {
                        net.send(
                            ACCEPTORS + p,
                            Msg::P2b {
                                acc: a,
                                bal,
                                val,
                                clock: clock.clone(),
                            },
                        );
                    }
                }
            }
            Input::Msg(_) => {}
        }
        if let Some(b) = late {
            if b > d.max_bal {
                d.max_bal = b;
                store(&disk, &d)?;
            }
        }
    }
    log.writer().flush()
}

fn act(bug: &'static str, node: &str, file: &Path, line: usize, action: &'static str) -> BugAct {
    BugAct {
        bug,
        node: node.to_string(),
        file: file.to_path_buf(),
        line,
        action,
        observable: true,
    }
}

/// The proposer that owns ballot `b`.
fn owner(b: i64) -> usize {
    (b.rem_euclid(PROPOSERS as i64)) as usize
}

enum Phase {
    One(BTreeMap<Acceptor, (i64, ValueOrNone)>),
    Two(Value, BTreeMap<Acceptor, ()>),
}

fn proposer(
    p: usize,
    name: &str,
    cfg: &Config,
    file: &Path,
    rx: Receiver<Input<Msg>>,
    net: &Net<Msg>,
    shared: &Mutex<Shared>,
) -> std::io::Result<()> {
    let log = Log::new(TraceWriter::create(file)?, name);
    let mut lines = LineCount::default();
    let mut clock = VectorClock::new(name);
    let own = Value::ALL[p % Value::ALL.len()];
    let mut rng = crate::rng::Rng::new(cfg.seed.wrapping_mul(31).wrapping_add(p as u64));
    let bugs = cfg.bugs;
    let quorum = if bugs.non_majority {
        ACCEPTORS / 2
    } else {
        ACCEPTORS / 2 + 1
    };
    let mut bal = p as i64;
    let mut learned = None;
    // The acceptors a prepare goes to (a minority with non_majority).
    let prepare = |bal: i64, clock: &mut VectorClock, lines: &mut LineCount| {
        clock.tick();
        log.step(&Action::Phase1a { b: bal }, clock, &[])?;
        lines.advance();
        let targets: Vec<usize> = if bugs.non_majority {
            (0..quorum)
                .map(|k| (bal as usize + k) % ACCEPTORS)
                .collect()
        } else {
            (0..ACCEPTORS).collect()
        };
        for t in targets {
            net.send(
                t,
                Msg::P1a {
                    bal,
                    clock: clock.clone(),
                },
            );
        }
        std::io::Result::Ok(())
    };
    prepare(bal, &mut clock, &mut lines)?;
    let mut phase = Phase::One(BTreeMap::new());
    let jitter = |rng: &mut crate::rng::Rng| {
        cfg.timeout + Duration::from_micros(rng.below(cfg.timeout.as_micros() as u64))
    };
    let mut deadline = Instant::now() + jitter(&mut rng);
    loop {
        let wait = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(wait) {
            Ok(Input::Stop) | Err(RecvTimeoutError::Disconnected) => break,
            Ok(Input::Crash) => {}
            Ok(Input::Msg(Msg::P1b {
                acc,
                bal: b,
                mbal,
                mval,
                clock: c,
            })) => {
                clock.merge(&c);
                let Phase::One(promises) = &mut phase else {
                    continue;
                };
                if b != bal {
                    continue;
                }
                promises.insert(acc, (mbal, mval));
                if promises.len() >= quorum {
                    let top = promises
                        .values()
                        .filter(|(mb, _)| *mb >= 0)
                        .max_by_key(|(mb, _)| *mb)
                        .copied();
                    let voted = match top {
                        Some((_, ValueOrNone::V1)) => Some(Value::V1),
                        Some((_, ValueOrNone::V2)) => Some(Value::V2),
                        _ => None,
                    };
                    let val = if bugs.ignore_votes {
                        own
                    } else {
                        voted.unwrap_or(own)
                    };
                    clock.tick();
                    log.step(
                        &Action::Phase2a {
                            b: bal,
                            v: val,
                            q: None,
                            m: None,
                        },
                        &clock,
                        &[],
                    )?;
                    let line = lines.advance();
                    if bugs.ignore_votes && voted.is_some_and(|v| v != val) {
                        record(
                            shared,
                            act("ignore-votes", name, file, line, "Phase2a"),
                            Some((bal, val, clock.clone())),
                        );
                    }
                    if bugs.non_majority {
                        record(
                            shared,
                            act("non-majority", name, file, line, "Phase2a"),
                            None,
                        );
                    }
                    for t in 0..ACCEPTORS {
                        net.send(
                            t,
                            Msg::P2a {
                                bal,
                                val,
                                clock: clock.clone(),
                            },
                        );
                    }
                    phase = Phase::Two(val, BTreeMap::new());
                }
            }
            Ok(Input::Msg(Msg::P2b {
                acc,
                bal: b,
                val,
                clock: c,
            })) => {
                clock.merge(&c);
                if let Phase::Two(v, votes) = &mut phase {
                    if b == bal && val == *v {
                        votes.insert(acc, ());
                        if votes.len() > ACCEPTORS / 2 {
                            learned = Some(val.name().to_string());
                            break;
                        }
                    }
                }
            }
            Ok(Input::Msg(_)) => {}
            Err(RecvTimeoutError::Timeout) => {
                // No decision in time: a higher ballot of ours.
                if bal + PROPOSERS as i64 > cfg.max_ballot {
                    break;
                }
                bal += PROPOSERS as i64;
                prepare(bal, &mut clock, &mut lines)?;
                phase = Phase::One(BTreeMap::new());
                deadline = Instant::now() + jitter(&mut rng);
            }
        }
    }
    shared
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .learned
        .push((name.to_string(), learned));
    log.writer().flush()
}
