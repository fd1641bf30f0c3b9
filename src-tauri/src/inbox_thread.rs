//! Watches the inbox folder for the life of the window and sends the queue
//! as the `inbox` event whenever it changes, so a file dropped there (by a
//! scanner, a share, a colleague) shows without the clerk asking.

use crate::state::Desktop;
use eoffice_app::inbox_watch::{watch_inbox, InboxWatch};
use tauri::{AppHandle, Emitter, Manager};

/// Keeps the watcher alive for the window's life; dropping it stops it.
pub struct Watching {
    _watch: InboxWatch,
}

pub fn start(app: &AppHandle) {
    let dir = match app.state::<Desktop>().app() {
        Ok(a) => a.inbox_dir(),
        Err(_) => return,
    };
    let handle = app.clone();
    let watch = watch_inbox(&dir, move |entries| {
        let _ = handle.emit("inbox", entries);
    });
    match watch {
        Ok(w) => {
            app.manage(Watching { _watch: w });
        }
        // The queue still lists the folder when the clerk opens it.
        Err(e) => eprintln!("warning: {}\ncảnh báo: {}", e.message_en, e.message),
    }
}
