//! Thin `#[tauri::command]`s: each unpacks its arguments, calls one
//! `eoffice-app` use case and returns its DTO or its `{code, message,
//! details}` error.

use crate::state::{Desktop, Staged};
use eoffice_app::dto::*;
use eoffice_app::{
    AppError, AppResult, ErrorCode, ExportFormat, ListRequest, RegisterInput, RegisterRequest,
};
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, Emitter, State};

#[tauri::command]
pub fn agency(state: State<'_, Desktop>) -> AppResult<Option<AgencyInfo>> {
    match state.app()?.agency_info() {
        Ok(a) => Ok(Some(a)),
        Err(e) if e.code == ErrorCode::NotInitialized => Ok(None),
        Err(e) => Err(e),
    }
}

#[tauri::command]
pub fn create_agency(
    state: State<'_, Desktop>,
    organ_id: String,
    organ_name: String,
    abbreviation: Option<String>,
) -> AppResult<AgencyInfo> {
    state.app()?.init_agency(
        &state.actor(),
        &organ_id,
        &organ_name,
        abbreviation.as_deref(),
        None,
    )
}

/// The demo agency with the sample documents, reporting progress as
/// `progress` events.
#[tauri::command]
pub async fn open_demo(app: AppHandle, state: State<'_, Desktop>) -> AppResult<AgencyInfo> {
    let samples = std::env::var_os("EOFFICE_SAMPLES").map(std::path::PathBuf::from);
    let actor = state.actor();
    let info = state.app()?.load_demo(&actor, samples.as_deref(), |p| {
        let _ = app.emit("progress", p);
    })?;
    // The demo opens as its clerk; the sign-in card lets one change user.
    if let Ok(mut u) = state.user.lock() {
        *u = Some(eoffice_app::DEMO_CLERK.to_string());
    }
    Ok(info)
}

/// Body: the PDF bytes. Header `x-file-name`: the file name, URI-encoded.
#[tauri::command]
pub fn intake_pdf(state: State<'_, Desktop>, request: Request<'_>) -> AppResult<IntakeResult> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::invalid(
            "Chưa nhận được nội dung tệp PDF.",
            "intake_pdf expects the file as a raw body",
        ));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(decode_uri);
    let result = state.app()?.intake_quick(bytes, name.as_deref())?;
    if let Ok(mut staged) = state.staged.lock() {
        staged.insert(
            result.sha256.clone(),
            Staged {
                file_name: name,
                bytes: bytes.clone(),
                from_inbox: false,
            },
        );
    }
    Ok(result)
}

/// `%XX` escapes back to bytes (the UI sends names with encodeURIComponent).
pub(crate) fn decode_uri(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tauri::command]
pub fn register_staged(
    app: AppHandle,
    state: State<'_, Desktop>,
    sha256: String,
    input: RegisterInput,
) -> AppResult<IncomingDocument> {
    let staged = state
        .staged
        .lock()
        .ok()
        .and_then(|mut s| s.remove(&sha256))
        .ok_or_else(|| {
            AppError::invalid(
                "Tệp chưa được đọc; hãy mở lại tệp PDF.",
                "no staged file with that hash",
            )
        })?;
    let req = RegisterRequest::from_input(input, staged.file_name.clone(), &state.actor())?;
    let result = state.app()?.register_incoming(&staged.bytes, &req);
    if let (Ok(_), true, Some(name)) = (&result, staged.from_inbox, &staged.file_name) {
        state.app()?.archive_inbox(name)?;
    }
    if result.as_ref().is_ok_and(|d| d.pending) {
        spawn_sync(app.clone());
    }
    if result.is_err() {
        // Keep the file so the clerk can correct the form and save again.
        if let Ok(mut s) = state.staged.lock() {
            s.insert(sha256, staged);
        }
    }
    result
}

#[tauri::command]
pub fn list_incoming(state: State<'_, Desktop>, request: ListRequest) -> AppResult<ListPage> {
    state.app()?.list_incoming(&request)
}

#[tauri::command]
pub fn show_incoming(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
) -> AppResult<DocumentDetail> {
    let detail = state.app()?.show_incoming(&state.actor(), &id)?;
    // Connected, the opening waits in the outbox: send it now.
    if state.app()?.is_connected()? {
        spawn_sync(app);
    }
    Ok(detail)
}

fn spawn_sync(app: AppHandle) {
    std::thread::spawn(move || {
        let _ = crate::sync_thread::sync_once(&app);
    });
}

/// The original PDF, byte for byte, for the preview.
#[tauri::command]
pub fn original_file(state: State<'_, Desktop>, id: String) -> AppResult<Response> {
    Ok(Response::new(state.app()?.original_file(&id)?))
}

#[tauri::command]
pub fn search_incoming(
    state: State<'_, Desktop>,
    query: String,
    limit: u32,
    prefix: bool,
) -> AppResult<Vec<SearchHit>> {
    state.app()?.search_incoming(&query, limit, prefix)
}

#[tauri::command]
pub fn return_incoming(
    app: AppHandle,
    state: State<'_, Desktop>,
    id: String,
    reason: String,
) -> AppResult<IncomingDocument> {
    let doc = state.app()?.return_incoming(&state.actor(), &id, &reason)?;
    if state.app()?.is_connected()? {
        spawn_sync(app);
    }
    Ok(doc)
}

#[tauri::command]
pub fn list_books(state: State<'_, Desktop>) -> AppResult<Vec<BookInfo>> {
    state.app()?.list_books()
}

/// Writes the book into `<data folder>/exports/` and returns where.
#[tauri::command]
pub fn export_book(
    state: State<'_, Desktop>,
    year: i32,
    secret: bool,
    format: String,
    direction: Option<String>,
    normative: Option<bool>,
) -> AppResult<BookExport> {
    let direction = direction.unwrap_or_else(|| "incoming".into());
    let normative = normative.unwrap_or(false);
    let format_code = ExportFormat::parse(&format)?;
    let dir = state.data_dir.join("exports");
    std::fs::create_dir_all(&dir).map_err(|e| {
        AppError::new(
            ErrorCode::Storage,
            "Không tạo được thư mục xuất sổ.",
            e.to_string(),
        )
    })?;
    let name = format!(
        "so-van-ban-{}-{year}{}{}.{}",
        if direction == "outgoing" { "di" } else { "den" },
        if secret { "-mat" } else { "" },
        if normative { "-qppl" } else { "" },
        format.to_ascii_lowercase()
    );
    state.app()?.export_book(
        &direction,
        year,
        secret,
        normative,
        format_code,
        &dir.join(name),
    )
}

#[tauri::command]
pub fn close_book(state: State<'_, Desktop>, book_id: String) -> AppResult<()> {
    state.app()?.close_book(&state.actor(), &book_id)
}

#[tauri::command]
pub fn verify_audit(state: State<'_, Desktop>) -> AppResult<AuditReport> {
    state.app()?.verify_audit()
}

#[tauri::command]
pub fn data_folder(state: State<'_, Desktop>) -> String {
    state.data_dir.display().to_string()
}

/// The inbox queue; the `inbox` event sends it again whenever it changes.
#[tauri::command]
pub fn inbox_files(state: State<'_, Desktop>) -> AppResult<Vec<InboxEntry>> {
    state.app()?.inbox_entries()
}

/// Takes the open file out of the queue without registering it; the
/// discard and its reason go in the log.
#[tauri::command]
pub fn discard_staged(state: State<'_, Desktop>, sha256: String, reason: String) -> AppResult<()> {
    let staged = staged_entry(&state, &sha256)?;
    state.app()?.discard_capture(
        &state.actor(),
        staged.file_name.as_deref(),
        &staged.bytes,
        &reason,
        staged.from_inbox,
    )?;
    if let Ok(mut s) = state.staged.lock() {
        s.remove(&sha256);
    }
    Ok(())
}

/// Scans paper into the inbox (SANE here); the watcher then shows it in
/// the queue. The data folder is not held while the paper moves.
#[tauri::command]
pub async fn scan_paper(
    state: State<'_, Desktop>,
    device: String,
    resolution: u32,
    mode: String,
    duplex: bool,
) -> AppResult<eoffice_app::scan_paper::ScanOutcome> {
    use eoffice_app::scan_paper::{scan_to_file, ScanMode, ScanRequest, ScanSource};
    let req = ScanRequest {
        device,
        resolution,
        mode: ScanMode::parse(&mode)?,
        duplex,
        source: ScanSource::Auto,
    };
    let path = state.app()?.next_scan_path()?;
    blocking(move || {
        scan_to_file(
            &eoffice_app::sane_scanner::SaneScanner::default(),
            &req,
            &path,
        )
    })
    .await
}

/// The book and the number the registration will take.
#[tauri::command]
pub fn next_incoming_number(
    state: State<'_, Desktop>,
    arrival_date: String,
    secrecy: Option<String>,
) -> AppResult<NextNumber> {
    state
        .app()?
        .next_incoming_number(&arrival_date, secrecy.as_deref())
}

#[tauri::command]
pub fn intake_inbox(state: State<'_, Desktop>, name: String) -> AppResult<IntakeResult> {
    let app = state.app()?;
    let bytes = app.read_inbox(&name)?;
    let result = app.intake_quick(&bytes, Some(&name))?;
    if let Ok(mut staged) = state.staged.lock() {
        staged.insert(
            result.sha256.clone(),
            Staged {
                file_name: Some(name),
                bytes,
                from_inbox: true,
            },
        );
    }
    Ok(result)
}

/// A dropped or inbox file not yet registered, for the preview.
#[tauri::command]
pub fn staged_file(state: State<'_, Desktop>, sha256: String) -> AppResult<Response> {
    Ok(Response::new(staged_entry(&state, &sha256)?.bytes))
}

/// A file read into the registration form and not yet registered.
fn staged_entry(desktop: &Desktop, sha256: &str) -> AppResult<Staged> {
    let staged = desktop
        .staged
        .lock()
        .map_err(|_| AppError::invalid("Tệp không còn.", "staged lock"))?;
    staged
        .get(sha256)
        .cloned()
        .ok_or_else(|| AppError::invalid("Tệp chưa được đọc; hãy mở lại.", "no staged file"))
}

#[tauri::command]
pub fn document_types(state: State<'_, Desktop>) -> AppResult<Vec<DocumentTypeInfo>> {
    Ok(state.app()?.document_types())
}

#[tauri::command]
pub fn backup_data(state: State<'_, Desktop>) -> AppResult<BackupInfo> {
    state.app()?.backup_data()
}

#[tauri::command]
pub fn list_backups(state: State<'_, Desktop>) -> AppResult<Vec<String>> {
    state.app()?.list_backups()
}

#[tauri::command]
pub fn restore_data(state: State<'_, Desktop>, name: String) -> AppResult<BackupInfo> {
    state.app()?.restore_data(&name)
}

#[tauri::command]
pub fn vocabulary(state: State<'_, Desktop>) -> AppResult<Vocabulary> {
    Ok(state.app()?.vocabulary())
}

#[tauri::command]
pub fn sync_status(state: State<'_, Desktop>) -> AppResult<SyncStatus> {
    state.app()?.sync_status()
}

/// Runs blocking network work off the async runtime's threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|e| {
        AppError::new(
            ErrorCode::Storage,
            "Phần mềm gặp lỗi nội bộ; hãy thử lại.",
            e.to_string(),
        )
    })?
}

/// Đăng nhập máy chủ; on an empty data folder the first sync follows,
/// its progress sent as `sync-progress` events.
#[tauri::command]
pub async fn sign_in(
    app: AppHandle,
    server: String,
    username: String,
    password: String,
) -> AppResult<SyncStatus> {
    blocking(move || {
        use tauri::Manager;
        let desktop = app.state::<Desktop>();
        let mut eo = desktop.app()?;
        let st = eo.sign_in(&server, &username, &password)?;
        Ok(st)
    })
    .await
}

#[tauri::command]
pub async fn sign_out(app: AppHandle, wipe: bool, force: bool) -> AppResult<SyncStatus> {
    blocking(move || {
        use tauri::Manager;
        let desktop = app.state::<Desktop>();
        let mut eo = desktop.app()?;
        eo.sign_out(wipe, force)
    })
    .await
}

/// Giữ bản gốc ngoại tuyến: downloads every original not yet here.
#[tauri::command]
pub async fn download_originals(app: AppHandle) -> AppResult<usize> {
    blocking(move || {
        use tauri::Manager;
        let desktop = app.state::<Desktop>();
        let mut eo = desktop.app()?;
        let handle = app.clone();
        eo.download_missing_originals(&mut |p| {
            let _ = handle.emit("sync-progress", p);
        })
    })
    .await
}

#[tauri::command]
pub async fn sync_now(app: AppHandle) -> AppResult<SyncReport> {
    blocking(move || crate::sync_thread::sync_once(&app)).await
}

/// How far the OCR of a staged scan has come: the `ocr` event.
#[derive(Clone, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
struct OcrProgress {
    sha256: String,
    done: usize,
    pages: usize,
}

/// Reads a staged scan by OCR on a connection of its own, so the window
/// and its registration form stay usable; progress goes out as `ocr`
/// events and the pre-filled result comes back.
#[tauri::command]
pub async fn ocr_staged(app: AppHandle, sha256: String) -> AppResult<IntakeResult> {
    use tauri::Manager;
    let (bytes, name) = {
        let desktop = app.state::<Desktop>();
        let file = staged_entry(&desktop, &sha256)?;
        (file.bytes, file.file_name)
    };
    blocking(move || {
        let own = crate::exchange_commands::own_connection(&app.state::<Desktop>())?;
        own.intake_with_progress(&bytes, name.as_deref(), &mut |done, pages| {
            let _ = app.emit(
                "ocr",
                OcrProgress {
                    sha256: sha256.clone(),
                    done,
                    pages,
                },
            );
        })
    })
    .await
}
