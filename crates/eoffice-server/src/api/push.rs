//! `POST /api/v1/push`: the client's outbox, decided command by command.

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use eoffice_sync::{PushRequest, PushResponse};

/// More than this in one push is refused; the client sends in pages.
pub const MAX_MUTATIONS: usize = 500;

pub async fn post(
    State(state): State<AppState>,
    user: AuthUser,
    body: Result<Json<PushRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<PushResponse>> {
    let Json(req) =
        body.map_err(|e| ApiError::invalid("Dữ liệu đồng bộ không hợp lệ.", e.body_text()))?;
    if req.mutations.len() > MAX_MUTATIONS {
        return Err(ApiError::invalid(
            format!("Mỗi lần gửi tối đa {MAX_MUTATIONS} lệnh."),
            format!("at most {MAX_MUTATIONS} commands per push"),
        ));
    }
    let mut results = Vec::with_capacity(req.mutations.len());
    for m in &req.mutations {
        results.push(crate::commands::decide(&state, &user, &req.client_id, m).await?);
    }
    let db = state.pool.get().await?;
    let feed_seq: i64 = db
        .query_one(
            "SELECT feed_seq FROM agencies WHERE id = $1",
            &[&user.agency_id],
        )
        .await?
        .get(0);
    Ok(Json(PushResponse { results, feed_seq }))
}
