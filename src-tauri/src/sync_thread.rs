//! Connected mode's background sync: push and pull, then wait for the
//! server's "new events" notice (or 25 s, as a poll), backing off
//! exponentially with jitter while the server cannot be reached. The app's
//! lock is held only while a sync runs, never while waiting.

use crate::state::Desktop;
use eoffice_app::dto::{SyncReport, SyncStatus};
use eoffice_app::{AppError, ErrorCode};
use serde::Serialize;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

const POLL: Duration = Duration::from_secs(25);
const MAX_PAUSE: Duration = Duration::from_secs(60);

/// What the UI's sync indicator shows, sent as the `sync` event.
#[derive(Serialize, Clone)]
#[serde(rename_all = "PascalCase")]
pub struct SyncEvent {
    pub status: SyncStatus,
    pub online: bool,
    pub report: Option<SyncReport>,
    pub error: Option<String>,
}

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("eoffice-sync".into())
        .spawn(move || run(app))
        .expect("a thread for sync");
}

/// One sync now, from any thread; emits `sync` and, for documents from
/// other desktops, `new-documents`.
pub fn sync_once(app: &AppHandle) -> Result<SyncReport, AppError> {
    let desktop = app.state::<Desktop>();
    let result = {
        let mut eo = desktop.app()?;
        if !eo.sync_status()?.signed_in {
            return Err(AppError::new(
                ErrorCode::Unauthorized,
                "Chưa đăng nhập máy chủ.",
                "not signed in",
            ));
        }
        let handle = app.clone();
        let r = eo.sync_now(&mut |p| {
            let _ = handle.emit("sync-progress", p);
        });
        (r, eo.sync_status())
    };
    let (report, status) = result;
    let status = status?;
    match report {
        Ok(rep) => {
            if rep.new_documents > 0 {
                let _ = app.emit("new-documents", rep.new_documents);
            }
            let _ = app.emit(
                "sync",
                SyncEvent {
                    status,
                    online: true,
                    report: Some(rep.clone()),
                    error: None,
                },
            );
            Ok(rep)
        }
        Err(e) => {
            let _ = app.emit(
                "sync",
                SyncEvent {
                    status,
                    online: e.code != ErrorCode::Offline,
                    report: None,
                    error: Some(e.message.clone()),
                },
            );
            Err(e)
        }
    }
}

fn jitter(d: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|t| t.subsec_nanos())
        .unwrap_or(0);
    // ±20 %, so a province's desktops do not all return at once.
    let f = 0.8 + (nanos % 400) as f64 / 1000.0;
    d.mul_f64(f)
}

fn run(app: AppHandle) {
    let mut pause = Duration::from_secs(1);
    loop {
        let signed_in = app
            .state::<Desktop>()
            .app()
            .ok()
            .and_then(|eo| eo.sync_status().ok())
            .is_some_and(|s| s.signed_in);
        if !signed_in {
            std::thread::sleep(Duration::from_secs(2));
            continue;
        }
        match sync_once(&app) {
            Ok(_) => {
                pause = Duration::from_secs(1);
                let client = app
                    .state::<Desktop>()
                    .app()
                    .ok()
                    .and_then(|eo| eo.server_client().ok());
                match client.map(|c| c.wait_notice(POLL)) {
                    Some(Ok(_)) => {}
                    _ => std::thread::sleep(jitter(pause)),
                }
            }
            Err(_) => {
                std::thread::sleep(jitter(pause));
                pause = (pause * 2).min(MAX_PAUSE);
            }
        }
    }
}
