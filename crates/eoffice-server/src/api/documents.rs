//! `GET /api/v1/documents/{id}/text`: a document's text layer, for the
//! desktops that did not register it (the feed carries metadata only, to
//! keep a first sync small). Only the caller's agency.

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use uuid::Uuid;

pub async fn text(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let doc = Uuid::parse_str(&id)
        .map_err(|_| ApiError::invalid("Mã văn bản không hợp lệ.", "document id is not a UUID"))?;
    let db = state.pool.get().await?;
    let row = db
        .query_opt(
            "SELECT body_text FROM documents WHERE id = $1 AND agency_id = $2",
            &[&doc, &user.agency_id],
        )
        .await?
        .ok_or_else(|| ApiError::not_found(format!("document {id}")))?;
    Ok(Json(
        serde_json::json!({ "DocumentId": id, "Text": row.get::<_, String>(0) }),
    ))
}
