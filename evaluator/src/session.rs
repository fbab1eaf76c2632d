//! The state that belongs to one run of the evaluator (a model check, a
//! replay): the symmetry group whose fingerprints set operations keep up
//! to date, the per-thread caches of definition values, and the table of
//! shared state parts.
//!
//! Whoever runs the evaluation makes a [`Session`] and enters it
//! ([`Session::enter`]) on each thread that evaluates for it; the guard
//! installs the session's group, caches and table on that thread and puts
//! back what was there when it is dropped. So two runs in one process,
//! even interleaved on one thread, never see each other's group or
//! cached values, and nothing the run cached outlives the session.
//!
//! Evaluation outside any session (a constant, a single `Ctx` made by a
//! tool) uses the thread's own caches, whose entries are keyed by the
//! program's [`Program::uid`](crate::program::Program::uid), with no group
//! and no sharing of state parts.
//!
//! What stays process-wide: the intern tables of strings and model values
//! ([`crate::value::Str`], [`crate::value::ModelValue`]). They only grow,
//! an entry never changes, and fingerprints hash an entry's text, not its
//! place in the table (sets and functions add up the fingerprints of
//! their elements, in no order), so a run cannot change another's
//! fingerprints or figures. What a table's order does decide is the order
//! of strings (as in TLC, the order the process first met them): a run
//! may list the elements of a set of strings, or CHOOSE among them, in
//! another order after another run than alone.

use crate::intern;
use crate::value::{Group, Value};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::ThreadId;

/// The argument values of a call.
pub(crate) type Args = smallvec::SmallVec<[Value; 4]>;

/// Results of pure operators: (program, operator, arguments) and the
/// value, found by the hash of the program, the operator and the
/// arguments' fingerprints.
pub(crate) type PureResults = hashbrown::HashTable<(u64, u32, Args, Value)>;

/// The caches one thread uses while it evaluates for a run.
#[derive(Default)]
pub(crate) struct ThreadCaches {
    /// Values of zero-argument definitions by (program, definition, state
    /// fingerprint).
    pub(crate) state: rustc_hash::FxHashMap<(u64, u32, u64), Value>,
    /// Results of pure operators (see [`PureResults`]).
    pub(crate) pure: PureResults,
}

thread_local! {
    /// The caches of the run this thread works for (its own ones outside
    /// a run).
    static CACHES: RefCell<ThreadCaches> = RefCell::new(ThreadCaches::default());
    /// The session entered on this thread (0: none).
    static ENTERED: Cell<u64> = const { Cell::new(0) };
}

/// Runs `f` with the caches of this thread's run.
pub(crate) fn with_caches<T>(f: impl FnOnce(&mut ThreadCaches) -> T) -> T {
    CACHES.with(|c| f(&mut c.borrow_mut()))
}

/// One run of the evaluator: its symmetry group, its caches and its table
/// of shared state parts.
pub struct Session {
    /// A number no other session of the process has.
    id: u64,
    group: Option<Arc<Group>>,
    table: Arc<intern::Table>,
    /// The caches of the threads that have worked for the run, while they
    /// are not in use: a thread gets its own back when it enters again
    /// (the values in them were allocated by that thread, and freeing
    /// them on another keeps the memory from being reused).
    idle: Mutex<FxHashMap<ThreadId, ThreadCaches>>,
}

impl Session {
    /// A session whose set operations keep fingerprints under `group` up
    /// to date (None: no symmetry).
    pub fn new(group: Option<Arc<Group>>) -> Session {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Session {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            group,
            table: Arc::default(),
            idle: Mutex::default(),
        }
    }

    /// The session's symmetry group.
    pub fn group(&self) -> Option<&Arc<Group>> {
        self.group.as_ref()
    }

    /// Installs the session on this thread until the guard is dropped.
    /// Entering a session that this thread has entered already does
    /// nothing.
    pub fn enter(&self) -> Entered<'_> {
        let prev_id = ENTERED.with(|e| e.replace(self.id));
        if prev_id == self.id {
            return Entered {
                session: self,
                saved: None,
            };
        }
        let mine = self
            .idle
            .lock()
            .remove(&std::thread::current().id())
            .unwrap_or_default();
        let caches = CACHES.with(|c| std::mem::replace(&mut *c.borrow_mut(), mine));
        let group = crate::value::install_group(self.group.clone());
        let table = intern::install(Some(self.table.clone()));
        Entered {
            session: self,
            saved: Some(Saved {
                id: prev_id,
                caches,
                group,
                table,
            }),
        }
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("group", &self.group.as_ref().map(|g| g.len()))
            .finish()
    }
}

/// What a thread had installed before it entered a session.
struct Saved {
    id: u64,
    caches: ThreadCaches,
    group: Option<Arc<Group>>,
    table: Option<Arc<intern::Table>>,
}

/// A session entered on the current thread (see [`Session::enter`]).
pub struct Entered<'s> {
    session: &'s Session,
    /// None when the session was entered already.
    saved: Option<Saved>,
}

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        let Some(saved) = self.saved.take() else {
            return;
        };
        ENTERED.with(|e| e.set(saved.id));
        let mine = CACHES.with(|c| std::mem::replace(&mut *c.borrow_mut(), saved.caches));
        crate::value::install_group(saved.group);
        intern::install(saved.table);
        self.session
            .idle
            .lock()
            .insert(std::thread::current().id(), mine);
    }
}
