//! The network between the nodes of a service: every node is a thread
//! with an inbox (a channel), and every message goes through a router
//! thread that loses, duplicates, delays and so reorders messages, and
//! crashes receivers, as a seeded fault plan decides.

use crate::rng::Rng;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the network does wrong, with what probability.
#[derive(Clone, Copy, Debug)]
pub struct Faults {
    /// A message is lost.
    pub loss: f64,
    /// A message is delivered twice.
    pub dup: f64,
    /// Largest delay of a message (delays are uniform, so messages are
    /// reordered).
    pub max_delay: Duration,
    /// The receiver crashes (and restarts from its disk) just before a
    /// message is delivered to it; only nodes that can crash.
    pub crash: f64,
}

impl Faults {
    /// A reliable network without delays.
    pub fn none() -> Faults {
        Faults {
            loss: 0.0,
            dup: 0.0,
            max_delay: Duration::from_millis(1),
            crash: 0.0,
        }
    }

    /// Losses, duplicates, reordering and crashes.
    pub fn all() -> Faults {
        Faults {
            loss: 0.1,
            dup: 0.1,
            max_delay: Duration::from_millis(6),
            crash: 0.03,
        }
    }
}

/// What a node's inbox receives.
#[derive(Debug)]
pub enum Input<M> {
    /// A message.
    Msg(M),
    /// Crash now, and restart from disk.
    Crash,
    /// Stop.
    Stop,
}

struct Pending<M> {
    at: Instant,
    seq: u64,
    to: usize,
    msg: Option<M>,
}

impl<M> PartialEq for Pending<M> {
    fn eq(&self, o: &Self) -> bool {
        (self.at, self.seq) == (o.at, o.seq)
    }
}
impl<M> Eq for Pending<M> {}
impl<M> PartialOrd for Pending<M> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl<M> Ord for Pending<M> {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(o.at, o.seq))
    }
}

struct State<M> {
    rng: Rng,
    queue: BinaryHeap<Reverse<Pending<M>>>,
    seq: u64,
    stopped: bool,
}

/// The network: send messages to nodes by index.
pub struct Net<M> {
    state: Arc<Mutex<State<M>>>,
    wake: Sender<()>,
    faults: Faults,
    crashable: Arc<Vec<bool>>,
}

impl<M> Clone for Net<M> {
    fn clone(&self) -> Self {
        Net {
            state: self.state.clone(),
            wake: self.wake.clone(),
            faults: self.faults,
            crashable: self.crashable.clone(),
        }
    }
}

impl<M: Clone + Send + 'static> Net<M> {
    /// A network between nodes with these inboxes (`crashable[i]`: node i
    /// may be crashed), with a router thread.
    pub fn start(
        seed: u64,
        faults: Faults,
        inboxes: Vec<Sender<Input<M>>>,
        crashable: Vec<bool>,
    ) -> (Net<M>, JoinHandle<()>) {
        let state = Arc::new(Mutex::new(State {
            rng: Rng::new(seed),
            queue: BinaryHeap::new(),
            seq: 0,
            stopped: false,
        }));
        let (wake, woken) = channel::<()>();
        let st = state.clone();
        let router = std::thread::spawn(move || route(st, woken, inboxes));
        (
            Net {
                state,
                wake,
                faults,
                crashable: Arc::new(crashable),
            },
            router,
        )
    }

    /// Sends `msg` to node `to` (maybe losing, duplicating, delaying it).
    pub fn send(&self, to: usize, msg: M) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if st.stopped || st.rng.chance(self.faults.loss) {
            return;
        }
        let copies = if st.rng.chance(self.faults.dup) { 2 } else { 1 };
        for _ in 0..copies {
            let max = self.faults.max_delay.as_micros().max(1) as u64;
            let delay = Duration::from_micros(st.rng.below(max));
            if self.crashable.get(to).copied().unwrap_or(false) && st.rng.chance(self.faults.crash)
            {
                // A crash just before this delivery.
                st.seq += 1;
                let seq = st.seq;
                st.queue.push(Reverse(Pending {
                    at: Instant::now() + delay,
                    seq,
                    to,
                    msg: None,
                }));
            }
            st.seq += 1;
            let seq = st.seq;
            st.queue.push(Reverse(Pending {
                at: Instant::now() + delay,
                seq,
                to,
                msg: Some(msg.clone()),
            }));
        }
        drop(st);
        let _ = self.wake.send(());
    }

    /// Stops delivering: the router ends.
    pub fn stop(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
        let _ = self.wake.send(());
    }
}

fn route<M>(state: Arc<Mutex<State<M>>>, woken: Receiver<()>, inboxes: Vec<Sender<Input<M>>>) {
    loop {
        let wait = {
            let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
            if st.stopped {
                return;
            }
            let now = Instant::now();
            while st.queue.peek().is_some_and(|p| p.0.at <= now) {
                let Some(Reverse(p)) = st.queue.pop() else {
                    break;
                };
                if let Some(inbox) = inboxes.get(p.to) {
                    let input = match p.msg {
                        Some(m) => Input::Msg(m),
                        None => Input::Crash,
                    };
                    let _ = inbox.send(input);
                }
            }
            st.queue
                .peek()
                .map(|p| p.0.at.saturating_duration_since(now))
                .unwrap_or(Duration::from_millis(50))
        };
        match woken.recv_timeout(wait) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}
