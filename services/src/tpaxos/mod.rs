//! TPaxos as PaxosStore does it: three participants `p1 p2 p3`, each a
//! thread, each keeping its view `state[p][q]` of every participant
//! (itself included) on disk, and sending its whole view in the one
//! message type. Each proposes a value (`p1` and `p3` `v1`, `p2` `v2`),
//! starting at a random time. Every participant logs its steps with the bindings generated
//! from `specs/tpaxos/ServiceTPaxos.tla` (`spec.rs`), its own row
//! `state[p]` after each step, and for each receive the message it
//! consumed (the `m` of `OnMessage`: sender and view, and the addressee of
//! a reply); the logs are checked against `specs/tpaxos/TPaxos.tla` (or
//! `TPaxosAP.tla` for a service that accepts before it promises).

#[rustfmt::skip]
pub mod spec;

use crate::net::{Faults, Input, Net};
use crate::{write_atomic, BugAct, LineCount, Outcome};
use spec::{Action, At, Log, MessageFields, Participant, State, Value, ValueOrNone};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tlalog::{TraceWriter, VectorClock};

/// How a participant updates its state from a message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Promise, then accept (TPaxos).
    #[default]
    PromiseFirst,
    /// Accept, then promise (TPaxosAP): a bug for a TPaxos service, the
    /// design of a TPaxosAP one.
    AcceptFirst,
}

/// A run's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Seeds the faults and the timeouts.
    pub seed: u64,
    /// The network's faults.
    pub faults: Faults,
    /// The update order.
    pub order: Order,
    /// Folder for the logs and the disks.
    pub dir: PathBuf,
    /// The largest ballot (the model's `Nat` is `1..max_ballot`).
    pub max_ballot: i64,
    /// How long a proposer waits before preparing a higher ballot.
    pub timeout: Duration,
    /// How long the whole run may last.
    pub run_for: Duration,
}

impl Config {
    /// Defaults for `seed` in `dir`: all faults, TPaxos's order.
    pub fn new(seed: u64, dir: &Path) -> Config {
        Config {
            seed,
            faults: Faults::all(),
            order: Order::PromiseFirst,
            dir: dir.to_path_buf(),
            max_ballot: 9,
            timeout: Duration::from_millis(30),
            run_for: Duration::from_millis(1500),
        }
    }
}

type View = BTreeMap<Participant, State>;

/// The one message type: the sender, its addressees, its whole view.
#[derive(Clone, Debug)]
pub struct Msg {
    from: Participant,
    to: BTreeSet<Participant>,
    state: View,
    clock: VectorClock,
}

fn initial_state() -> State {
    State {
        max_bal: -1,
        max_vbal: -1,
        max_vval: ValueOrNone::None,
    }
}

fn initial_view() -> View {
    Participant::ALL
        .iter()
        .map(|p| (*p, initial_state()))
        .collect()
}

fn index(p: Participant) -> usize {
    Participant::ALL.iter().position(|x| *x == p).unwrap_or(0)
}

/// The ballots `p` may use: `b % NP = PIndex[p] - 1`.
fn bals(p: Participant, max: i64) -> Vec<i64> {
    let np = Participant::ALL.len() as i64;
    let pi = spec::pindex().get(&p).copied().unwrap_or(1);
    (1..=max).filter(|b| b % np == pi - 1).collect()
}

/// `UpdateState(q, p, pp)` in the given order: the spec's EXCEPT, clause
/// by clause (`@` is the value after the clauses before it; everything
/// else reads the state before the message).
fn update(view: &View, q: Participant, p: Participant, pp: &State, order: Order) -> View {
    let old = view;
    let mut v = view.clone();
    let oq = old[&q].clone();
    let op = old[&p].clone();
    {
        let e = v.get_mut(&p).expect("a view of every participant");
        e.max_bal = e.max_bal.max(pp.max_bal);
        e.max_vbal = e.max_vbal.max(pp.max_vbal);
        if op.max_vbal < pp.max_vbal {
            e.max_vval = pp.max_vval;
        }
    }
    let e = v.get_mut(&q).expect("a view of every participant");
    match order {
        Order::PromiseFirst => {
            let max_b = oq.max_bal.max(pp.max_bal);
            e.max_bal = max_b;
            if max_b <= pp.max_vbal {
                e.max_vbal = pp.max_vbal;
                e.max_vval = pp.max_vval;
            }
        }
        Order::AcceptFirst => {
            e.max_bal = e.max_bal.max(pp.max_bal);
            if oq.max_bal <= pp.max_vbal {
                e.max_vbal = pp.max_vbal;
                e.max_vval = pp.max_vval;
            }
        }
    }
    v
}

/// The value `p` may propose in ballot `b`, if its view shows a quorum
/// that promised `b`.
fn proposal(view: &View, p: Participant, b: i64, own: Value) -> Option<Value> {
    let me = &view[&p];
    if me.max_bal > b || me.max_vbal == b {
        return None;
    }
    let promised = view.values().filter(|s| s.max_bal == b).count();
    if promised * 2 < Participant::ALL.len() + 1 {
        return None;
    }
    let top = view.values().max_by_key(|s| s.max_vbal)?;
    if top.max_vbal == -1 {
        return Some(own);
    }
    match top.max_vval {
        ValueOrNone::V1 => Some(Value::V1),
        ValueOrNone::V2 => Some(Value::V2),
        ValueOrNone::None => None,
    }
}

/// The value `p`'s view shows as chosen, if any.
fn chosen(view: &View) -> Option<ValueOrNone> {
    let mut count: BTreeMap<(i64, ValueOrNone), usize> = BTreeMap::new();
    for s in view.values().filter(|s| s.max_vbal >= 0) {
        *count.entry((s.max_vbal, s.max_vval)).or_default() += 1;
    }
    count
        .into_iter()
        .find(|(_, n)| n * 2 > Participant::ALL.len())
        .map(|((_, v), _)| v)
}

struct Shared {
    acts: Vec<BugAct>,
    learned: BTreeMap<usize, Option<String>>,
    done: usize,
}

/// Runs the service for `cfg.run_for`, or until every proposer is done.
pub fn run(cfg: &Config) -> std::io::Result<Outcome> {
    std::fs::create_dir_all(&cfg.dir)?;
    let n = Participant::ALL.len();
    let mut txs = vec![];
    let mut rxs = vec![];
    for _ in 0..n {
        let (tx, rx) = channel::<Input<Msg>>();
        txs.push(tx);
        rxs.push(rx);
    }
    let (net, router) = Net::start(cfg.seed, cfg.faults, txs, vec![true; n]);
    let shared = Arc::new(Mutex::new(Shared {
        acts: vec![],
        learned: BTreeMap::new(),
        done: 0,
    }));
    let mut logs = vec![];
    let mut threads = vec![];
    for (rx, p) in rxs.into_iter().zip(Participant::ALL) {
        let file = cfg.dir.join(format!("{}.jsonl", p.name()));
        logs.push(file.clone());
        let (net, cfg, shared) = (net.clone(), cfg.clone(), shared.clone());
        threads.push(std::thread::spawn(move || {
            participant(p, &cfg, &file, rx, &net, &shared)
        }));
    }
    let start = Instant::now();
    while start.elapsed() < cfg.run_for {
        if shared.lock().unwrap_or_else(|e| e.into_inner()).done >= n {
            // Let the last messages land.
            std::thread::sleep(Duration::from_millis(20));
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    net.stop();
    let _ = router.join();
    let mut result = Ok(());
    for t in threads {
        if let Ok(Err(e)) = t.join() {
            result = Err(e);
        }
    }
    result?;
    let g = shared.lock().unwrap_or_else(|e| e.into_inner());
    Ok(Outcome {
        logs,
        learned: Participant::ALL
            .iter()
            .map(|p| {
                (
                    p.name().to_string(),
                    g.learned.get(&index(*p)).cloned().flatten(),
                )
            })
            .collect(),
        bug_acts: g.acts.clone(),
    })
}

/// What a participant keeps on disk: its view and the messages it has
/// consumed.
#[derive(serde::Serialize, serde::Deserialize)]
struct Durable {
    rows: Vec<(i64, i64, Option<usize>)>,
    seen: Vec<u64>,
}

fn content_key(from: Participant, state: &View) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (from, state).hash(&mut h);
    h.finish()
}

fn load(path: &Path) -> std::io::Result<(View, BTreeSet<u64>)> {
    match std::fs::read(path) {
        Ok(bytes) => {
            let d: Durable = serde_json::from_slice(&bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            let view = Participant::ALL
                .iter()
                .zip(d.rows)
                .map(|(p, (b, vb, vv))| {
                    (
                        *p,
                        State {
                            max_bal: b,
                            max_vbal: vb,
                            max_vval: vv
                                .map(|i| Value::ALL[i].into())
                                .unwrap_or(ValueOrNone::None),
                        },
                    )
                })
                .collect();
            Ok((view, d.seen.into_iter().collect()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((initial_view(), BTreeSet::new())),
        Err(e) => Err(e),
    }
}

fn store(path: &Path, view: &View, seen: &BTreeSet<u64>) -> std::io::Result<()> {
    let rows = view
        .values()
        .map(|s| {
            let vv = match s.max_vval {
                ValueOrNone::V1 => Some(0),
                ValueOrNone::V2 => Some(1),
                ValueOrNone::None => None,
            };
            (s.max_bal, s.max_vbal, vv)
        })
        .collect();
    let d = Durable {
        rows,
        seen: seen.iter().copied().collect(),
    };
    write_atomic(
        path,
        &serde_json::to_vec(&d).map_err(std::io::Error::other)?,
    )
}

/// The spec's message `m` that a participant consumes when it receives
/// `msg`: the sender and the view it carries, and, for a reply (addressed
/// to `me` alone), its addressees. A broadcast (`to |-> Participant`)
/// loses each addressee that consumes it before `me`, in the order the
/// checker gives the merged logs: `me` cannot know which, and leaves
/// `to` out (the checker compares only the fields logged).
fn consumed(msg: &Msg, me: Participant) -> MessageFields {
    let reply = msg.to.len() == 1 && msg.to.contains(&me);
    MessageFields {
        from: Some(msg.from),
        state: Some(msg.state.clone()),
        to: reply.then(|| tlalog::Set(msg.to.clone())),
    }
}

fn participant(
    p: Participant,
    cfg: &Config,
    file: &Path,
    rx: Receiver<Input<Msg>>,
    net: &Net<Msg>,
    shared: &Mutex<Shared>,
) -> std::io::Result<()> {
    let disk = cfg.dir.join(format!("{}.state", p.name()));
    let _ = std::fs::remove_file(&disk);
    let log = Log::new(TraceWriter::create(file)?, p.name());
    let mut lines = LineCount::default();
    let mut clock = VectorClock::new(p.name());
    // The view, and the messages already consumed, by sender and view,
    // kept on disk with the view: a duplicate, or a second message with the
    // same contents (for the spec, a message that differs only in its
    // addressees: a broadcast and a reply with the same view), is dropped,
    // as if lost.
    let (mut view, mut seen) = load(&disk)?;
    log.state(&clock, &[At::StateRow(p, view.clone())])?;
    lines.advance();
    let i = index(p);
    let proposes = true;
    let own = Value::ALL[i % Value::ALL.len()];
    let mine = bals(p, cfg.max_ballot);
    let mut rng = crate::rng::Rng::new(cfg.seed.wrapping_mul(17).wrapping_add(i as u64));
    let mut ballot: Option<i64> = None;
    let mut done = !proposes;
    let broadcast = |view: &View, clock: &VectorClock| {
        let to: BTreeSet<Participant> = Participant::ALL.iter().copied().collect();
        for q in 0..Participant::ALL.len() {
            net.send(
                q,
                Msg {
                    from: p,
                    to: to.clone(),
                    state: view.clone(),
                    clock: clock.clone(),
                },
            );
        }
    };
    // Proposers start at different times, so that their ballots meet.
    let mut deadline =
        Instant::now() + Duration::from_micros(rng.below(2 * cfg.timeout.as_micros() as u64));
    loop {
        // A proposer that is not done prepares its next ballot when its
        // timer runs out.
        if !done && Instant::now() >= deadline {
            let next = mine.iter().copied().find(|b| *b > view[&p].max_bal);
            match next {
                Some(b) => {
                    view.get_mut(&p).expect("own row").max_bal = b;
                    store(&disk, &view, &seen)?;
                    clock.tick();
                    log.step(
                        &Action::Prepare { p, b },
                        &clock,
                        &[At::StateRow(p, view.clone())],
                    )?;
                    lines.advance();
                    ballot = Some(b);
                    broadcast(&view, &clock);
                }
                None => {
                    done = true;
                    shared.lock().unwrap_or_else(|e| e.into_inner()).done += 1;
                }
            }
            let t = cfg.timeout.as_micros() as u64;
            deadline = Instant::now() + Duration::from_micros(t + rng.below(t));
        }
        let wait = if done {
            Duration::from_millis(50)
        } else {
            deadline.saturating_duration_since(Instant::now())
        };
        let m = match rx.recv_timeout(wait) {
            Ok(Input::Msg(m)) => m,
            Ok(Input::Crash) => {
                (view, seen) = load(&disk)?;
                clock.tick();
                log.state(&clock, &[At::StateRow(p, view.clone())])?;
                lines.advance();
                continue;
            }
            Ok(Input::Stop) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => continue,
        };
        clock.merge(&m.clock);
        if !m.to.contains(&p) || !seen.insert(content_key(m.from, &m.state)) {
            continue; // a duplicate: already consumed
        }
        let pp = m.state[&m.from].clone();
        let next = update(&view, p, m.from, &pp, cfg.order);
        let differs = cfg.order == Order::AcceptFirst
            && next != update(&view, p, m.from, &pp, Order::PromiseFirst);
        let mq = &m.state[&p];
        let reply = mq.max_bal < next[&p].max_bal || mq.max_vbal < next[&p].max_vbal;
        if next == view && !reply {
            // A stale message: it changes nothing and needs no answer, so
            // it is dropped unprocessed. For the spec it is a message `p`
            // never receives (it stays in `msgs`, addressed to `p`), as a
            // lost one.
            continue;
        }
        view = next;
        store(&disk, &view, &seen)?;
        clock.tick();
        log.step(
            &Action::OnMessage {
                q: p,
                m: Some(consumed(&m, p)),
            },
            &clock,
            &[At::StateRow(p, view.clone())],
        )?;
        let line = lines.advance();
        // The bug acted: TPaxos's UpdateState gives another row for `p`
        // from the same message. The step is not one of TPaxos: `p`'s row
        // before it is the one `p` logged last (only `p`'s steps change it,
        // every one is logged, and a restart logs no step), and the
        // logged `m` gives the sender and its view, from which TPaxos
        // computes one row, not this one.
        if differs {
            shared
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .acts
                .push(BugAct {
                    bug: "accept-before-promise",
                    node: p.name().to_string(),
                    file: file.to_path_buf(),
                    line,
                    action: "OnMessage",
                    observable: true,
                });
        }
        if reply {
            net.send(
                index(m.from),
                Msg {
                    from: p,
                    to: BTreeSet::from([m.from]),
                    state: view.clone(),
                    clock: clock.clone(),
                },
            );
        }
        // Accept when a quorum has promised our ballot.
        if let Some(b) = ballot {
            if let Some(v) = proposal(&view, p, b, own) {
                let e = view.get_mut(&p).expect("own row");
                e.max_vbal = b;
                e.max_vval = v.into();
                store(&disk, &view, &seen)?;
                clock.tick();
                log.step(
                    &Action::Accept {
                        p,
                        b,
                        v,
                        Q: None,
                        q: None,
                    },
                    &clock,
                    &[At::StateRow(p, view.clone())],
                )?;
                lines.advance();
                broadcast(&view, &clock);
            }
        }
        if let Some(v) = chosen(&view) {
            let mut g = shared.lock().unwrap_or_else(|e| e.into_inner());
            if g.learned.insert(i, Some(v.name().to_string())).is_none() && !done {
                done = true;
                g.done += 1;
            }
        }
    }
    log.writer().flush()
}
