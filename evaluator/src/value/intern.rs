//! The intern tables of strings and model values: each text is stored
//! once, for the whole process, with its position (which orders strings
//! and model values as TLC does: in the order the process first met them)
//! and a hash of its text (which fingerprints use, so that they do not
//! depend on that order). The tables only grow and an entry never changes,
//! so runs in one process can share them.

use parking_lot::RwLock;
use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

/// An interned name: its position in the intern table, its text, and a
/// hash of the text (stable across runs).
#[derive(Debug)]
pub struct Entry {
    id: u32,
    text: &'static str,
    hash: u64,
}

/// An interned string. As in TLC, strings order by their position in the
/// intern table (the order in which the run first met them), which makes
/// comparisons O(1); fingerprints use the text, so they are stable.
#[derive(Clone, Copy)]
pub struct Str(&'static Entry);

/// A model value of the model (TLC's `ModelValue`): equal only to itself;
/// model values order by the order the model first names them.
#[derive(Clone, Copy)]
pub struct ModelValue(&'static Entry);

#[derive(Default)]
struct Table {
    index: rustc_hash::FxHashMap<&'static str, &'static Entry>,
    next: u32,
}

impl Table {
    fn intern(lock: &RwLock<Table>, s: &str) -> &'static Entry {
        if let Some(&e) = lock.read().index.get(s) {
            return e;
        }
        let mut t = lock.write();
        if let Some(&e) = t.index.get(s) {
            return e;
        }
        let text: &'static str = Box::leak(s.to_string().into_boxed_str());
        let e: &'static Entry = Box::leak(Box::new(Entry {
            id: t.next,
            text,
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        }));
        t.next += 1;
        t.index.insert(text, e);
        e
    }
}

fn strings() -> &'static RwLock<Table> {
    static T: OnceLock<RwLock<Table>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn model_values() -> &'static RwLock<Table> {
    static T: OnceLock<RwLock<Table>> = OnceLock::new();
    T.get_or_init(Default::default)
}

macro_rules! interned {
    ($t:ident, $table:ident) => {
        impl $t {
            /// Interns `s`.
            pub fn new(s: &str) -> $t {
                $t(Table::intern($table(), s))
            }

            /// The text.
            pub fn as_str(self) -> &'static str {
                self.0.text
            }

            /// The name.
            pub fn name(self) -> &'static str {
                self.0.text
            }

            /// A hash of the text.
            pub fn text_hash(self) -> u64 {
                self.0.hash
            }

            /// The position in the intern table.
            pub fn id(self) -> u32 {
                self.0.id
            }
        }
        impl PartialEq for $t {
            fn eq(&self, other: &$t) -> bool {
                std::ptr::eq(self.0, other.0)
            }
        }
        impl Eq for $t {}
        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
                self.0.id.hash(h)
            }
        }
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &$t) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $t {
            fn cmp(&self, other: &$t) -> Ordering {
                self.0.id.cmp(&other.0.id)
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.text)
            }
        }
    };
}

interned!(Str, strings);
interned!(ModelValue, model_values);
