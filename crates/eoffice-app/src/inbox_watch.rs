//! Watching the inbox folder: a file dropped there shows in the queue at
//! once, and turns openable when it has finished copying.
//!
//! The kernel's notifications (`notify`: inotify, ReadDirectoryChangesW)
//! make a local drop show at once. A network share sends none for files
//! written by other machines, so the folder is also read again every
//! [`RESCAN`]; and while a file is still arriving, every [`RECHECK`].

use crate::dto::InboxEntry;
use crate::inbox::list_entries;
use crate::{AppError, AppResult};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const RESCAN: Duration = Duration::from_secs(3);
pub const RECHECK: Duration = Duration::from_millis(400);

/// Stops watching when dropped.
pub struct InboxWatch {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    dir: PathBuf,
}

impl InboxWatch {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for InboxWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Calls `on_change` with the whole queue now, and again whenever it
/// changes: a file added, removed, grown, or finished copying.
pub fn watch_inbox(
    dir: &Path,
    on_change: impl Fn(Vec<InboxEntry>) + Send + 'static,
) -> AppResult<InboxWatch> {
    std::fs::create_dir_all(dir)?;
    let (tx, rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |_res: notify::Result<notify::Event>| {
        let _ = tx.send(());
    })
    .map_err(|e| watch_error(dir, &e))?;
    watcher
        .watch(dir, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(dir, &e))?;
    let stop = Arc::new(AtomicBool::new(false));
    let thread = {
        let stop = stop.clone();
        let dir = dir.to_path_buf();
        std::thread::Builder::new()
            .name("inbox-watch".into())
            .spawn(move || {
                // The watcher lives as long as the loop that reads it.
                let _watcher = watcher;
                let mut last: Option<Vec<InboxEntry>> = list_entries(&dir).ok();
                if let Some(l) = &last {
                    on_change(l.clone());
                }
                let mut read_at = Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    let arriving = last.as_ref().is_some_and(|l| l.iter().any(|e| !e.ready));
                    let poked = match rx.recv_timeout(RECHECK) {
                        Ok(()) => true,
                        Err(mpsc::RecvTimeoutError::Timeout) => false,
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    };
                    // A copy sends a burst of events: take them as one.
                    while rx.try_recv().is_ok() {}
                    let due = poked || arriving || last.is_none() || read_at.elapsed() >= RESCAN;
                    if !due {
                        continue;
                    }
                    read_at = Instant::now();
                    let Ok(now) = list_entries(&dir) else {
                        continue;
                    };
                    if last.as_ref() != Some(&now) {
                        on_change(now.clone());
                        last = Some(now);
                    }
                }
            })
            .map_err(|e| AppError::invalid("Không theo dõi được thư mục nhận.", e.to_string()))?
    };
    Ok(InboxWatch {
        stop,
        thread: Some(thread),
        dir: dir.to_path_buf(),
    })
}

fn watch_error(dir: &Path, e: &notify::Error) -> AppError {
    AppError::invalid(
        format!("Không theo dõi được thư mục nhận {}.", dir.display()),
        format!("cannot watch {}: {e}", dir.display()),
    )
}
