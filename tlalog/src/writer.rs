//! The shared sink: a buffer of whole lines in front of a file or any
//! writer, behind one lock that is held only to append a finished line.
//! It knows nothing of events: it takes a line in pieces
//! ([`crate::event`] builds them).

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

/// When buffered lines are handed to the operating system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flush {
    /// Lines are kept in memory (64 KiB by default) and written when the
    /// buffer fills, on `flush()`/`sync()`, and when the last clone of the
    /// writer is dropped. A process that is killed loses the buffered lines.
    #[default]
    Buffered,
    /// Each `emit()` writes its line to the operating system before
    /// returning: nothing is lost if the process is killed (the OS still
    /// holds it); only a machine crash can lose lines not `sync()`ed.
    EveryEvent,
}

/// Where lines go.
enum Out {
    /// A file: `sync()` fsyncs it.
    File(File),
    /// Any other writer.
    Writer(Box<dyn Write + Send>),
}

impl Out {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        match self {
            Out::File(f) => f.write(b),
            Out::Writer(w) => w.write(b),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::File(_) => Ok(()),
            Out::Writer(w) => w.flush(),
        }
    }
}

/// The state behind the lock.
struct Sink {
    /// Whole lines not yet written to `out`.
    buf: Vec<u8>,
    /// Write `buf` out when it reaches this size.
    cap: usize,
    mode: Flush,
    out: Out,
}

const DEFAULT_CAPACITY: usize = 64 * 1024;

impl Sink {
    /// Writes the buffer out. On error the bytes not written stay in the
    /// buffer, to be written by a later call (lines keep their order).
    fn drain(&mut self) -> io::Result<()> {
        let mut done = 0;
        let r = loop {
            if done >= self.buf.len() {
                break Ok(());
            }
            match self.out.write(&self.buf[done..]) {
                Ok(0) => {
                    break Err(io::Error::new(
                        io::ErrorKind::WriteZero,
                        "tlalog: the trace sink accepted no more bytes",
                    ))
                }
                Ok(n) => done = done.saturating_add(n).min(self.buf.len()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        self.buf.drain(..done);
        r
    }

    fn push(&mut self, pieces: &[&[u8]]) -> io::Result<()> {
        let len: usize = pieces.iter().map(|p| p.len()).sum();
        if !self.buf.is_empty() && self.buf.len() + len > self.cap {
            // Not appended when this fails: the memory held stays bounded
            // while the sink fails, and the error says the event is lost.
            self.drain()?;
        }
        self.buf.reserve(len);
        for p in pieces {
            self.buf.extend_from_slice(p);
        }
        match self.mode {
            Flush::EveryEvent => {
                self.drain()?;
                self.out.flush()
            }
            Flush::Buffered if self.buf.len() >= self.cap => self.drain(),
            Flush::Buffered => Ok(()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain()?;
        self.out.flush()
    }
}

struct Shared {
    sink: Mutex<Sink>,
}

impl Drop for Shared {
    fn drop(&mut self) {
        let sink = self.sink.get_mut().unwrap_or_else(|p| p.into_inner());
        let _ = sink.flush();
    }
}

/// Appends events to a trace as JSON Lines, one whole line per event.
///
/// Cheap to clone (an `Arc` inside) and `Send + Sync`: all clones write
/// to the same sink, and the lines of different threads never interleave.
/// Events are serialized outside the lock; the lock is held only to copy
/// the finished line into the buffer (and to write the buffer out when
/// it is full, or after each event with [`Flush::EveryEvent`]).
///
/// Dropping the last clone flushes (errors are ignored there: call
/// [`flush`](Self::flush) or [`sync`](Self::sync) to see them), also when
/// a panic unwinds through its owner.
///
/// Errors: `emit`, `flush` and `sync` return the sink's I/O errors. When
/// writing fails, the bytes not written stay buffered and are written,
/// in order, by a later successful write; an `emit` that fails before
/// its line was buffered (the buffer was full and could not be written)
/// drops that event.
#[derive(Clone)]
pub struct TraceWriter {
    shared: Arc<Shared>,
}

impl fmt::Debug for TraceWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.lock();
        f.debug_struct("TraceWriter")
            .field("buffered", &s.buf.len())
            .field("capacity", &s.cap)
            .field("flush", &s.mode)
            .field("file", &matches!(s.out, Out::File(_)))
            .finish()
    }
}

impl TraceWriter {
    fn new(out: Out) -> TraceWriter {
        TraceWriter {
            shared: Arc::new(Shared {
                sink: Mutex::new(Sink {
                    buf: Vec::with_capacity(DEFAULT_CAPACITY),
                    cap: DEFAULT_CAPACITY,
                    mode: Flush::Buffered,
                    out,
                }),
            }),
        }
    }

    /// Creates the file at `path`, or truncates it.
    pub fn create(path: impl AsRef<Path>) -> io::Result<TraceWriter> {
        Ok(TraceWriter::new(Out::File(File::create(path)?)))
    }

    /// Opens the file at `path` to append to it, creating it if needed:
    /// a node restarting after a crash keeps its earlier events. If the
    /// file ends in a line cut short by the crash, a newline is written
    /// first so that new events start on a line of their own.
    pub fn append(path: impl AsRef<Path>) -> io::Result<TraceWriter> {
        let mut f = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)?;
        if f.metadata()?.len() > 0 {
            let mut last = [0u8];
            f.seek(SeekFrom::End(-1))?;
            f.read_exact(&mut last)?;
            if last[0] != b'\n' {
                f.write_all(b"\n")?;
            }
        }
        Ok(TraceWriter::new(Out::File(f)))
    }

    /// Writes to an open file (appending at its current position);
    /// [`sync`](Self::sync) fsyncs it.
    pub fn from_file(file: File) -> TraceWriter {
        TraceWriter::new(Out::File(file))
    }

    /// Writes to any writer (`io::stdout()`, a socket, a `Vec<u8>` behind
    /// your own handle, ...). [`sync`](Self::sync) only flushes it.
    pub fn from_writer<W: Write + Send + 'static>(w: W) -> TraceWriter {
        TraceWriter::new(Out::Writer(Box::new(w)))
    }

    /// Sets when lines reach the operating system (for all clones).
    pub fn with_flush(self, flush: Flush) -> TraceWriter {
        self.lock().mode = flush;
        self
    }

    /// Sets the size of the buffer in bytes (default 64 KiB; 0 writes
    /// each line out at once, like [`Flush::EveryEvent`] without flushing
    /// a writer's own buffer).
    pub fn with_buffer_size(self, bytes: usize) -> TraceWriter {
        self.lock().cap = bytes;
        self
    }

    /// Writes the buffered lines to the operating system (and flushes a
    /// writer given to `from_writer`).
    pub fn flush(&self) -> io::Result<()> {
        self.lock().flush()
    }

    /// [`flush`](Self::flush), then, for a file, waits until its data is
    /// on disk (fsync): the lines written before a successful `sync()`
    /// survive a crash of the machine.
    pub fn sync(&self) -> io::Result<()> {
        let mut s = self.lock();
        s.flush()?;
        match &s.out {
            Out::File(f) => f.sync_data(),
            Out::Writer(_) => Ok(()),
        }
    }

    /// Appends one line, given in pieces.
    pub(crate) fn write_line(&self, pieces: &[&[u8]]) -> io::Result<()> {
        self.lock().push(pieces)
    }

    fn lock(&self) -> MutexGuard<'_, Sink> {
        // Only a panic in a user's writer can poison the lock; the sink
        // is still usable then.
        self.shared.sink.lock().unwrap_or_else(|p| p.into_inner())
    }
}
