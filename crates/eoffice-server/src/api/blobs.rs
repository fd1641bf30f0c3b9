//! Blobs addressed by SHA-256: resumable upload (`PUT ?offset=&total=`),
//! status (`/status`: how much arrived) and download. An upload is only
//! accepted when the whole file hashes to its name, and an agency reads a
//! blob only after it uploaded it or a document of its refers to it.
//! Knowing a hash is not enough: the bytes must be sent.

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use eoffice_sync::BlobStatus;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

/// Only 64 lowercase hex digits name a blob: nothing else reaches a path.
fn checked_sha(sha: &str) -> ApiResult<&str> {
    if sha.len() == 64
        && sha
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(sha)
    } else {
        Err(ApiError::invalid(
            "Tên tệp không hợp lệ.",
            "a blob is named by its SHA-256 in 64 lowercase hex digits",
        ))
    }
}

fn final_path(state: &AppState, sha: &str) -> PathBuf {
    state
        .config
        .blob_dir
        .join(&sha[..2])
        .join(format!("{}.bin", &sha[2..]))
}

fn partial_path(state: &AppState, agency: &str, sha: &str) -> PathBuf {
    let agency: String = agency
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    state
        .config
        .blob_dir
        .join("partial")
        .join(format!("{agency}-{sha}"))
}

async fn has_access(state: &AppState, agency: &str, sha: &str) -> ApiResult<bool> {
    let db = state.pool.get().await?;
    Ok(db
        .query_opt(
            "SELECT 1 FROM blob_access WHERE sha256 = $1 AND agency_id = $2",
            &[&sha, &agency],
        )
        .await?
        .is_some())
}

pub async fn status(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha): Path<String>,
) -> ApiResult<Json<BlobStatus>> {
    let sha = checked_sha(&sha)?;
    if has_access(&state, &user.agency_id, sha).await? {
        let size = tokio::fs::metadata(final_path(&state, sha))
            .await
            .map(|m| m.len())
            .unwrap_or(0);
        return Ok(Json(BlobStatus {
            sha256: sha.into(),
            complete: true,
            received: size,
        }));
    }
    let received = tokio::fs::metadata(partial_path(&state, &user.agency_id, sha))
        .await
        .map(|m| m.len())
        .unwrap_or(0);
    Ok(Json(BlobStatus {
        sha256: sha.into(),
        complete: false,
        received,
    }))
}

#[derive(serde::Deserialize)]
pub struct UploadQuery {
    #[serde(default)]
    offset: u64,
    total: u64,
}

pub async fn put(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha): Path<String>,
    Query(q): Query<UploadQuery>,
    body: Body,
) -> ApiResult<Json<BlobStatus>> {
    let sha = checked_sha(&sha)?.to_string();
    if q.total > state.config.max_blob_bytes {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "Tệp quá lớn (tối đa {} MB).",
                state.config.max_blob_bytes / 1_048_576
            ),
            format!(
                "{} bytes is more than the limit of {}",
                q.total, state.config.max_blob_bytes
            ),
        ));
    }
    if has_access(&state, &user.agency_id, &sha).await? {
        return Ok(Json(BlobStatus {
            sha256: sha,
            complete: true,
            received: q.total,
        }));
    }
    let partial = partial_path(&state, &user.agency_id, &sha);
    tokio::fs::create_dir_all(partial.parent().expect("has a parent")).await?;
    let have = tokio::fs::metadata(&partial)
        .await
        .map(|m| m.len())
        .unwrap_or(0);
    if q.offset != have {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "conflict",
            "Tải lên bị lệch vị trí; hãy tiếp tục từ phần đã nhận.",
            format!("upload must continue at byte {have}, not {}", q.offset),
        )
        .with_details(serde_json::json!({ "Received": have })));
    }
    let mut file = tokio::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&partial)
        .await?;
    let mut written = have;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk
            .map_err(|e| ApiError::invalid("Kết nối bị gián đoạn khi tải lên.", e.to_string()))?;
        written += chunk.len() as u64;
        if written > q.total {
            drop(file);
            let _ = tokio::fs::remove_file(&partial).await;
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "Dữ liệu gửi lên dài hơn kích thước đã khai báo.",
                format!("more than the declared {} bytes", q.total),
            ));
        }
        file.write_all(&chunk).await?;
    }
    file.flush().await?;
    file.sync_all().await?;
    drop(file);
    if written < q.total {
        return Ok(Json(BlobStatus {
            sha256: sha,
            complete: false,
            received: written,
        }));
    }
    let bytes = tokio::fs::read(&partial).await?;
    let actual = crate::auth::hex(&Sha256::digest(&bytes));
    if actual != sha {
        let _ = tokio::fs::remove_file(&partial).await;
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            "Tệp nhận được không khớp mã băm; hãy tải lên lại.",
            format!("the bytes hash to {actual}, not {sha}"),
        ));
    }
    let dest = final_path(&state, &sha);
    tokio::fs::create_dir_all(dest.parent().expect("has a parent")).await?;
    tokio::fs::rename(&partial, &dest).await?;
    let db = state.pool.get().await?;
    db.execute(
        "INSERT INTO blobs (sha256, size) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&sha, &(q.total as i64)],
    )
    .await?;
    db.execute(
        "INSERT INTO blob_access (sha256, agency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&sha, &user.agency_id],
    )
    .await?;
    Ok(Json(BlobStatus {
        sha256: sha,
        complete: true,
        received: q.total,
    }))
}

pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    Path(sha): Path<String>,
) -> ApiResult<Response> {
    let sha = checked_sha(&sha)?;
    if !has_access(&state, &user.agency_id, sha).await? {
        return Err(ApiError::not_found(format!("blob {sha}")));
    }
    let bytes = tokio::fs::read(final_path(&state, sha)).await?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
}
