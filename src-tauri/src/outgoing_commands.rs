//! Thin commands for outgoing documents (issue 8): drafts, review,
//! approval, the signer's batch signature with progress, the clerk's
//! issue, and the keys unlocked for the session.

use crate::state::{Desktop, HeldKey};
use eoffice_app::dto::{BatchResult, OutgoingDocument};
use eoffice_app::signing_key::{
    configured_tsa, unlock, KeyInfo, KeySource, SignerKey, TimeStamper,
};
use eoffice_app::trust_roots::TrustRootInfo;
use eoffice_app::{AppError, AppResult, DraftInput, ErrorCode, OutgoingQueue};
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, Emitter, State};

fn header(request: &Request<'_>, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(crate::commands::decode_uri)
}

fn raw<'a>(request: &'a Request<'_>) -> AppResult<&'a Vec<u8>> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(bytes),
        _ => Err(AppError::invalid(
            "Chưa nhận được nội dung tệp.",
            "the file must come as a raw body",
        )),
    }
}

/// Body: the draft file. Headers: `x-file-name`, and `x-draft` the
/// `DraftInput` as URI-encoded JSON.
#[tauri::command]
pub fn draft_outgoing(
    state: State<'_, Desktop>,
    request: Request<'_>,
) -> AppResult<OutgoingDocument> {
    let bytes = raw(&request)?;
    let name = header(&request, "x-file-name").unwrap_or_else(|| "du-thao.pdf".into());
    let input: DraftInput = header(&request, "x-draft")
        .and_then(|j| serde_json::from_str(&j).ok())
        .ok_or_else(|| {
            AppError::invalid(
                "Thiếu thông tin dự thảo.",
                "x-draft header missing or not JSON",
            )
        })?;
    state
        .app()?
        .draft_outgoing(&state.actor(), &name, bytes, &input)
}

/// Body: the new version. Headers: `x-file-name`, `x-id`.
#[tauri::command]
pub fn add_outgoing_version(
    state: State<'_, Desktop>,
    request: Request<'_>,
) -> AppResult<OutgoingDocument> {
    let bytes = raw(&request)?;
    let name = header(&request, "x-file-name").unwrap_or_else(|| "du-thao.pdf".into());
    let id = header(&request, "x-id").unwrap_or_default();
    state
        .app()?
        .add_outgoing_version(&state.actor(), &id, &name, bytes)
}

#[tauri::command]
pub fn outgoing_step(
    state: State<'_, Desktop>,
    id: String,
    step: String,
    text: Option<String>,
) -> AppResult<OutgoingDocument> {
    let actor = state.actor();
    let mut app = state.app()?;
    let text = text.unwrap_or_default();
    match step.as_str() {
        "submit" => app.submit_outgoing(&actor, &id),
        "approve" => app.approve_outgoing(&actor, &id),
        "send_back" => app.send_back_outgoing(&actor, &id, &text),
        "comment" => app.comment_outgoing(&actor, &id, &text),
        _ => Err(AppError::invalid(
            "Thao tác không có.",
            format!("unknown step {step:?}"),
        )),
    }
}

#[tauri::command]
pub fn list_outgoing(state: State<'_, Desktop>, queue: String) -> AppResult<Vec<OutgoingDocument>> {
    state
        .app()?
        .list_outgoing(&state.actor(), OutgoingQueue::parse(&queue)?)
}

#[tauri::command]
pub fn outgoing_book(
    state: State<'_, Desktop>,
    book_id: String,
) -> AppResult<eoffice_app::dto::BookTable> {
    state.app()?.outgoing_book(&book_id)
}

#[tauri::command]
pub fn show_outgoing(state: State<'_, Desktop>, id: String) -> AppResult<OutgoingDocument> {
    state.app()?.show_outgoing(&state.actor(), &id)
}

#[tauri::command]
pub fn outgoing_pdf(state: State<'_, Desktop>, id: String) -> AppResult<Response> {
    Ok(Response::new(
        state.app()?.outgoing_pdf(&state.actor(), &id)?,
    ))
}

fn read(path: &str, what: &str) -> AppResult<Vec<u8>> {
    std::fs::read(path.trim()).map_err(|e| {
        AppError::invalid(
            format!("Không đọc được {what} “{}”.", path.trim()),
            format!("cannot read {path}: {e}"),
        )
    })
}

/// Unlocks the `purpose` key (`person` or `agency`) for this window:
/// `kind` `pkcs12` with the file at `path`, or `pkcs11` with the module at
/// `path` and `slot`. The secret is used once and dropped.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub fn unlock_key(
    state: State<'_, Desktop>,
    purpose: String,
    kind: String,
    path: String,
    slot: Option<u64>,
    secret: String,
    image: Option<String>,
    remote: Option<String>,
) -> AppResult<KeyInfo> {
    if !matches!(purpose.as_str(), "person" | "agency") {
        return Err(AppError::invalid(
            "Mục đích khóa không có.",
            "purpose: person or agency",
        ));
    }
    let image = image
        .filter(|p| !p.trim().is_empty())
        .map(|p| read(&p, "ảnh chữ ký/con dấu"))
        .transpose()?;
    let unlocked = match kind.as_str() {
        "pkcs12" => {
            let bytes = read(&path, "tệp chứng thư số")?;
            unlock(KeySource::Pkcs12 { bytes: &bytes }, &secret)?
        }
        "pkcs11" => unlock(
            KeySource::Pkcs11 {
                module: std::path::Path::new(path.trim()),
                slot: slot.unwrap_or(0),
            },
            &secret,
        )?,
        // `path` is the service URL; `remote` is "client_id/user_id".
        "remote" => {
            let (client, user) = remote
                .as_deref()
                .and_then(|r| r.split_once('/'))
                .ok_or_else(|| {
                    AppError::invalid(
                        "Hãy nhập mã ứng dụng và tài khoản người ký của dịch vụ ký số từ xa.",
                        "remote needs client_id/user_id",
                    )
                })?;
            unlock(
                KeySource::Remote {
                    url: path.trim(),
                    client_id: client,
                    user_id: user,
                },
                &secret,
            )?
        }
        _ => {
            return Err(AppError::invalid(
                "Loại khóa không có.",
                "kind: pkcs12, pkcs11 or remote",
            ))
        }
    };
    drop(secret);
    let info = unlocked.info.clone();
    keys(&state)?.insert(
        purpose,
        HeldKey {
            key: unlocked,
            image,
        },
    );
    Ok(info)
}

fn keys<'a>(
    state: &'a State<'_, Desktop>,
) -> AppResult<std::sync::MutexGuard<'a, std::collections::HashMap<String, HeldKey>>> {
    state.keys.lock().map_err(|_| {
        AppError::new(
            ErrorCode::Storage,
            "Lỗi nội bộ; hãy khởi động lại.",
            "keys lock poisoned",
        )
    })
}

/// The keys unlocked in this window, by purpose.
#[tauri::command]
pub fn key_status(
    state: State<'_, Desktop>,
) -> AppResult<std::collections::BTreeMap<String, KeyInfo>> {
    Ok(keys(&state)?
        .iter()
        .map(|(k, v)| (k.clone(), v.key.info.clone()))
        .collect())
}

#[tauri::command]
pub fn lock_key(state: State<'_, Desktop>, purpose: String) -> AppResult<()> {
    keys(&state)?.remove(&purpose);
    Ok(())
}

fn no_key(purpose: &str) -> AppError {
    AppError::new(
        ErrorCode::Signing,
        if purpose == "person" {
            "Chưa mở khóa ký số cá nhân; hãy chọn chứng thư số và nhập mật khẩu/PIN."
        } else {
            "Chưa mở khóa ký số của cơ quan; hãy chọn chứng thư số và nhập mật khẩu/PIN."
        },
        format!("no {purpose} key unlocked"),
    )
}

/// Signs the selected approved drafts with the person key, one
/// `sign-progress` event after each.
#[tauri::command]
pub async fn sign_outgoing(
    app: AppHandle,
    state: State<'_, Desktop>,
    ids: Vec<String>,
) -> AppResult<BatchResult> {
    let actor = state.actor();
    let held = keys(&state)?;
    let k = held.get("person").ok_or_else(|| no_key("person"))?;
    let mut eo = state.app()?;
    let tsa = configured_tsa()?;
    eo.sign_outgoing_batch(
        &actor,
        &ids,
        k.key.key.as_ref(),
        k.image.as_deref(),
        tsa.as_ref().map(|t| t as &dyn TimeStamper),
        &mut |p| {
            let _ = app.emit("sign-progress", p);
        },
    )
}

#[tauri::command]
pub fn issue_outgoing(state: State<'_, Desktop>, id: String) -> AppResult<OutgoingDocument> {
    let actor = state.actor();
    let held = keys(&state)?;
    let mut eo = state.app()?;
    let secret = eo
        .show_outgoing(&actor, &id)
        .map(|d| !d.may_e_sign)
        .unwrap_or(false);
    let k = held.get("agency");
    if k.is_none() && !secret {
        return Err(no_key("agency"));
    }
    let tsa = configured_tsa()?;
    eo.issue_outgoing(
        &actor,
        &id,
        k.map(|k| k.key.key.as_ref() as &dyn SignerKey),
        k.and_then(|k| k.image.as_deref()),
        tsa.as_ref().map(|t| t as &dyn TimeStamper),
    )
}

#[tauri::command]
pub fn trust_roots(state: State<'_, Desktop>) -> AppResult<Vec<TrustRootInfo>> {
    state.app()?.trust_roots()
}

/// Body: a PEM or DER certificate file. Header `x-file-name`.
#[tauri::command]
pub fn add_trust_roots(
    state: State<'_, Desktop>,
    request: Request<'_>,
) -> AppResult<Vec<TrustRootInfo>> {
    let bytes = raw(&request)?;
    let name = header(&request, "x-file-name").unwrap_or_default();
    state.app()?.add_trust_roots(&state.actor(), &name, bytes)
}
