//! Thin commands for the document exchange (issue 9): the queue "Văn bản
//! điện tử đến" with registration and return, the poll that sends what is
//! owed and fetches what waits, sending an issued document, its table of
//! recipients and its recall. Network work runs off the async runtime, on a
//! connection of its own to the data folder (SQLite in WAL mode), so the
//! window's other commands never wait behind a slow platform.

use crate::commands::blocking;
use crate::state::Desktop;
use eoffice_app::dto::{
    ExchangeEndpointInfo, ExchangeOrgan, ExchangeRun, IncomingDocument, ReceivedItem,
    RecipientStatus,
};
use eoffice_app::signing_key::SignerKey;
use eoffice_app::AppResult;
use tauri::{AppHandle, Manager, State};

#[tauri::command]
pub fn received_queue(state: State<'_, Desktop>, all: bool) -> AppResult<Vec<ReceivedItem>> {
    state.app()?.received_queue(!all)
}

#[tauri::command]
pub fn register_exchanged(
    state: State<'_, Desktop>,
    id: String,
    arrival_date: Option<String>,
) -> AppResult<IncomingDocument> {
    let actor = state.actor();
    state
        .app()?
        .register_exchanged_as_typed(&actor, &id, arrival_date.as_deref())
}

#[tauri::command]
pub fn return_exchanged(
    state: State<'_, Desktop>,
    id: String,
    reason: String,
) -> AppResult<ReceivedItem> {
    let actor = state.actor();
    let mut app = state.app()?;
    app.return_exchanged(&actor, &id, &reason)?;
    app.received_item(&id)
}

#[tauri::command]
pub async fn receive_exchange(app: AppHandle) -> AppResult<ExchangeRun> {
    blocking(move || {
        let run = own_connection(&app.state::<Desktop>())?.receive_exchange()?;
        crate::exchange_thread::announce(&app, &run);
        Ok(run)
    })
    .await
}

#[tauri::command]
pub fn exchange_organs(state: State<'_, Desktop>) -> AppResult<Vec<ExchangeOrgan>> {
    state.app()?.exchange_organs()
}

#[tauri::command]
pub fn recipients_of(state: State<'_, Desktop>, id: String) -> AppResult<Vec<RecipientStatus>> {
    state.app()?.recipients_of(&id)
}

/// The data folder opened again for network work.
pub(crate) fn own_connection(desktop: &Desktop) -> AppResult<eoffice_app::Eoffice> {
    eoffice_app::Eoffice::open(&desktop.data_dir, Box::new(eoffice_app::SystemClock))
}

/// The agency's key, when unlocked in this window, signs the package.
fn with_agency_key<T>(
    desktop: &Desktop,
    f: impl FnOnce(&mut eoffice_app::Eoffice, Option<&dyn SignerKey>) -> AppResult<T>,
) -> AppResult<T> {
    let held = desktop.keys.lock().map_err(|_| {
        eoffice_app::AppError::new(
            eoffice_app::ErrorCode::Storage,
            "Phần mềm gặp lỗi nội bộ; hãy khởi động lại.",
            "keys lock poisoned",
        )
    })?;
    let key = held
        .get("agency")
        .map(|k| k.key.key.as_ref() as &dyn SignerKey);
    f(&mut own_connection(desktop)?, key)
}

#[tauri::command]
pub async fn send_outgoing(app: AppHandle, id: String, to: Vec<String>) -> AppResult<ExchangeRun> {
    blocking(move || {
        with_agency_key(&app.state::<Desktop>(), |eo, key| {
            eo.send_outgoing(&id, &to, key)
        })
    })
    .await
}

#[tauri::command]
pub async fn recall_outgoing(app: AppHandle, id: String, reason: String) -> AppResult<ExchangeRun> {
    blocking(move || {
        with_agency_key(&app.state::<Desktop>(), |eo, key| {
            eo.recall_outgoing(&id, &reason, key)
        })
    })
    .await
}

#[tauri::command]
pub fn put_exchange_organ(
    state: State<'_, Desktop>,
    organ: ExchangeOrgan,
) -> AppResult<Vec<ExchangeOrgan>> {
    let actor = state.actor();
    let mut app = state.app()?;
    app.put_exchange_organ(&actor, &organ)?;
    app.exchange_organs()
}

#[tauri::command]
pub fn exchange_endpoints(state: State<'_, Desktop>) -> AppResult<Vec<ExchangeEndpointInfo>> {
    state.app()?.exchange_endpoints()
}

#[tauri::command]
pub fn set_exchange_endpoint(
    state: State<'_, Desktop>,
    route: String,
    url: String,
    system_id: String,
    secret_key: String,
) -> AppResult<Vec<ExchangeEndpointInfo>> {
    let actor = state.actor();
    let mut app = state.app()?;
    app.set_exchange_endpoint(&actor, &route, &url, &system_id, &secret_key)?;
    app.exchange_endpoints()
}
