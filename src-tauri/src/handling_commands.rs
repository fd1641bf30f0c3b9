//! Thin commands of people and the handling workflow (issue 7). Each
//! calls one `eoffice-app` use case as the user signed in on this window.

use crate::state::Desktop;
use eoffice_app::dto::*;
use eoffice_app::{AppError, AppResult, ErrorCode, ExportFormat, NewUser, Queue};
use serde::Serialize;
use tauri::{AppHandle, State};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LocalSession {
    /// Standalone with local users and nobody signed in on this window.
    pub needs_sign_in: bool,
    pub user: Option<UserSummary>,
    /// The demo agency: its sign-in card shows the demo password.
    pub demo: bool,
}

fn after_step(
    app: AppHandle,
    state: &State<'_, Desktop>,
    v: HandlingView,
) -> AppResult<HandlingView> {
    if state.app()?.is_connected()? {
        std::thread::spawn(move || {
            let _ = crate::sync_thread::sync_once(&app);
        });
    }
    Ok(v)
}

#[tauri::command]
pub fn local_session(state: State<'_, Desktop>) -> AppResult<LocalSession> {
    let eo = state.app()?;
    let demo = eo
        .agency_info()
        .map(|a| a.organ_id == eoffice_app::DEMO_AGENCY_ID)
        .unwrap_or(false);
    let signed = state.user.lock().ok().and_then(|u| u.clone());
    let user = match (&signed, eo.is_connected()?) {
        (_, true) => eo.current_user("").ok(),
        (Some(u), false) => eo.current_user(u).ok(),
        (None, false) => None,
    };
    Ok(LocalSession {
        needs_sign_in: eo.has_local_users()? && user.is_none(),
        user,
        demo,
    })
}

#[tauri::command]
pub fn sign_in_local(
    state: State<'_, Desktop>,
    username: String,
    password: String,
) -> AppResult<UserSummary> {
    let u = state.app()?.sign_in_local(&username, &password)?;
    *state.user.lock().map_err(|_| poisoned())? = Some(u.username.clone());
    Ok(u)
}

#[tauri::command]
pub fn sign_out_local(state: State<'_, Desktop>) -> AppResult<()> {
    *state.user.lock().map_err(|_| poisoned())? = None;
    Ok(())
}

fn poisoned() -> AppError {
    AppError::new(
        ErrorCode::Storage,
        "Phần mềm gặp lỗi nội bộ; hãy khởi động lại.",
        "lock poisoned",
    )
}

#[tauri::command]
pub fn directory_info(state: State<'_, Desktop>) -> AppResult<DirectoryInfo> {
    state.app()?.directory_info()
}

#[tauri::command]
pub fn add_user(
    state: State<'_, Desktop>,
    username: String,
    full_name: String,
    role: String,
    unit: Option<String>,
    password: String,
) -> AppResult<UserSummary> {
    let actor = state.actor();
    state.app()?.add_user(
        &actor,
        NewUser {
            username: &username,
            full_name: &full_name,
            role: &role,
            unit: unit.as_deref().filter(|u| !u.is_empty()),
            password: &password,
        },
    )
}

#[tauri::command]
pub fn add_unit(state: State<'_, Desktop>, code: String, name: String) -> AppResult<UnitSummary> {
    let actor = state.actor();
    state.app()?.add_unit(&actor, &code, &name)
}

#[tauri::command]
pub fn work_queue(
    state: State<'_, Desktop>,
    queue: String,
    limit: u32,
    offset: u32,
) -> AppResult<Vec<QueueItem>> {
    let q = Queue::from_code(&queue)
        .ok_or_else(|| AppError::invalid("Danh sách không có.", format!("no queue {queue:?}")))?;
    state.app()?.work_queue(&state.actor(), q, limit, offset)
}

#[tauri::command]
pub fn queue_counts(state: State<'_, Desktop>) -> AppResult<QueueCounts> {
    state.app()?.queue_counts(&state.actor())
}

#[tauri::command]
pub fn show_handling(state: State<'_, Desktop>, id: String) -> AppResult<HandlingView> {
    state.app()?.show_handling(&state.actor(), &id)
}

#[tauri::command]
pub fn present_incoming(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    to: String,
    propose: Vec<String>,
) -> AppResult<HandlingView> {
    let v = state
        .app()?
        .present_incoming(&state.actor(), &id, &to, &propose)?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn assign_incoming(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    input: AssignInput,
) -> AppResult<HandlingView> {
    let v = state.app()?.assign_incoming(&state.actor(), &id, &input)?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn forward_incoming(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    to: String,
    note: Option<String>,
) -> AppResult<HandlingView> {
    let v = state
        .app()?
        .forward_incoming(&state.actor(), &id, &to, note.as_deref())?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn mark_for_information(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    instruction: Option<String>,
) -> AppResult<HandlingView> {
    let v = state
        .app()?
        .mark_for_information(&state.actor(), &id, instruction.as_deref())?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn reassign_incoming(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    lead: String,
    helpers: Vec<String>,
    deadline: Option<String>,
) -> AppResult<HandlingView> {
    let v = state.app()?.reassign_incoming(
        &state.actor(),
        &id,
        &lead,
        &helpers,
        deadline.as_deref(),
    )?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn report_progress(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    note: String,
    percent: Option<u8>,
) -> AppResult<HandlingView> {
    let v = state
        .app()?
        .report_progress(&state.actor(), &id, &note, percent)?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn request_extension(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    until: String,
    reason: String,
) -> AppResult<HandlingView> {
    let v = state
        .app()?
        .request_extension(&state.actor(), &id, &until, &reason)?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn decide_extension(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    task: u32,
    accept: bool,
    note: Option<String>,
) -> AppResult<HandlingView> {
    let v = state
        .app()?
        .decide_extension(&state.actor(), &id, task, accept, note.as_deref())?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn send_back(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    reason: String,
) -> AppResult<HandlingView> {
    let v = state.app()?.send_back(&state.actor(), &id, &reason)?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn complete_task(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    result: String,
    reply: Option<String>,
) -> AppResult<HandlingView> {
    let v = state
        .app()?
        .complete_task(&state.actor(), &id, &result, reply.as_deref())?;
    after_step(app, &state, v)
}

#[tauri::command]
pub fn dashboard(state: State<'_, Desktop>, year: i32) -> AppResult<Dashboard> {
    state.app()?.dashboard(&state.actor(), year)
}

#[tauri::command]
pub fn handling_report(
    state: State<'_, Desktop>,
    from: String,
    to: String,
    unit: Option<String>,
) -> AppResult<HandlingReport> {
    state
        .app()?
        .handling_report(&state.actor(), &from, &to, unit.as_deref())
}

/// Writes the report into `<data folder>/exports/` and returns the path.
#[tauri::command]
pub fn export_handling_report(
    state: State<'_, Desktop>,
    from: String,
    to: String,
    unit: Option<String>,
    format: String,
) -> AppResult<String> {
    let f = ExportFormat::parse(&format)?;
    let dir = state.data_dir.join("exports");
    std::fs::create_dir_all(&dir).map_err(|e| {
        AppError::new(
            ErrorCode::Storage,
            "Không tạo được thư mục xuất báo cáo.",
            e.to_string(),
        )
    })?;
    let path = dir.join(format!(
        "bao-cao-xu-ly-{from}-{to}.{}",
        format.to_ascii_lowercase()
    ));
    state
        .app()?
        .export_handling_report(&state.actor(), &from, &to, unit.as_deref(), f, &path)?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub fn year_calendar(state: State<'_, Desktop>, year: i32) -> AppResult<YearCalendar> {
    state.app()?.year_calendar(year)
}

#[tauri::command]
pub fn set_calendar_day(
    state: State<'_, Desktop>,
    date: String,
    kind: Option<String>,
    name: String,
) -> AppResult<YearCalendar> {
    let actor = state.actor();
    state
        .app()?
        .set_calendar_day(&actor, &date, kind.as_deref(), &name)
}
