//! The panic boundary shared by every parser of untrusted PDF bytes.
//!
//! pdf-extract and lopdf panic on many damaged files and can loop on some.
//! The work runs on a thread of its own, inside `catch_unwind`, and the
//! caller waits at most `time`. A thread that overruns is abandoned, not
//! killed: Rust cannot kill a thread, so it keeps a core until it finishes.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

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
    crate::panic_quiet::install();
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name(crate::panic_quiet::THREAD_NAME.into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
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
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Isolated::TimedOut),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Isolated::Lost("reader stopped".into())),
    }
}
