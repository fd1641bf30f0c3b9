//! `GET /api/v1/pull?after=N&limit=M`: the caller's agency feed after a
//! cursor, in pages. Another agency's events are never in it.

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::row_to_event;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::Json;
use eoffice_sync::PullResponse;

#[derive(serde::Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
}

pub const MAX_PAGE: i64 = 2000;

pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    Query(q): Query<PullQuery>,
) -> ApiResult<Json<PullResponse>> {
    let limit = q.limit.unwrap_or(500).clamp(1, MAX_PAGE);
    let db = state.pool.get().await?;
    let rows = db
        .query(
            "SELECT agency_id, seq, id, stream, stream_version, actor_id, actor_name, at, name, version, command_id, payload, prev_hash, hash
               FROM feed WHERE agency_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            &[&user.agency_id, &q.after, &(limit + 1)],
        )
        .await?;
    let more = rows.len() as i64 > limit;
    let events: Vec<_> = rows.iter().take(limit as usize).map(row_to_event).collect();
    let last_seq: i64 = db
        .query_one(
            "SELECT feed_seq FROM agencies WHERE id = $1",
            &[&user.agency_id],
        )
        .await?
        .get(0);
    Ok(Json(PullResponse {
        events,
        last_seq,
        more,
    }))
}
