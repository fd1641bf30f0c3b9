//! The exchange poll: platforms expect a system to come by about every five
//! minutes (domain.md §12). Each round sends what is owed (statuses 01–06
//! the handling earned, documents not yet gone) and fetches what waits, on
//! a connection of its own, so the window never waits for it. It runs
//! only once a route is configured; `EOFFICE_EXCHANGE_POLL_SECS` sets the
//! interval.

use crate::state::Desktop;
use eoffice_app::dto::ExchangeRun;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

fn interval() -> Duration {
    std::env::var("EOFFICE_EXCHANGE_POLL_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(300))
}

pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("eoffice-exchange".into())
        .spawn(move || loop {
            std::thread::sleep(interval());
            let desktop = app.state::<Desktop>();
            let Ok(mut eo) = crate::exchange_commands::own_connection(&desktop) else {
                continue;
            };
            if !eo.exchange_configured().unwrap_or(false) {
                continue;
            }
            if let Ok(run) = eo.receive_exchange() {
                announce(&app, &run);
            }
        })
        .expect("a thread for the exchange");
}

/// Tells the window what a round brought: the `exchange` event.
pub fn announce(app: &AppHandle, run: &ExchangeRun) {
    let _ = app.emit("exchange", run);
}
