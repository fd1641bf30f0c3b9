//! The panic boundary shared by every parser of untrusted PDF bytes.
//!
//! pdf-extract and lopdf panic on many damaged files and can loop on some.
//! The work runs on a thread of its own, inside `catch_unwind`, and the
//! caller waits at most `time`. Rust cannot kill a thread, so work that
//! overruns is told to stop: [`isolate_stoppable`] hands it a [`Stop`]
//! that turns true at the deadline, and the text reader checks it at every
//! page and every few hundred glyphs, so it ends within milliseconds
//! instead of keeping a core. Parsing the file's structure (lopdf's load)
//! does not look at it; that stage is bounded by the size limit.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// Reader threads still running, finished or not: a test checks that an
/// overrun one ends.
static LIVE: AtomicUsize = AtomicUsize::new(0);

pub fn live_readers() -> usize {
    LIVE.load(Ordering::SeqCst)
}

/// Set when the caller stopped waiting: the work should end now.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
    fn set(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

struct Alive;
impl Alive {
    fn new() -> Alive {
        LIVE.fetch_add(1, Ordering::SeqCst);
        Alive
    }
}
impl Drop for Alive {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isolated {
    /// The parser panicked; the payload's text.
    Panicked(String),
    TimedOut,
    /// The thread could not start or died without answering.
    Lost(String),
}

/// Runs `work` behind `catch_unwind` on its own thread, for at most `time`.
pub fn isolate<T, F>(time: Duration, work: F) -> Result<T, Isolated>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    isolate_stoppable(time, move |_| work())
}

/// As [`isolate`], and the work is told to stop when `time` runs out.
pub fn isolate_stoppable<T, F>(time: Duration, work: F) -> Result<T, Isolated>
where
    T: Send + 'static,
    F: FnOnce(Stop) -> T + Send + 'static,
{
    crate::panic_quiet::install();
    let stop = Stop::default();
    let for_work = stop.clone();
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name(crate::panic_quiet::THREAD_NAME.into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let _alive = Alive::new();
            let result = catch_unwind(AssertUnwindSafe(|| work(for_work))).map_err(|payload| {
                payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into())
            });
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(Isolated::Lost(format!("could not start the reader: {e}")));
    }
    match rx.recv_timeout(time) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(msg)) => Err(Isolated::Panicked(msg)),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            stop.set();
            Err(Isolated::TimedOut)
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Isolated::Lost("reader stopped".into())),
    }
}
