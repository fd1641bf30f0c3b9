//! `GET /api/v1/health`, without a token: for load balancers and scripts.
//! Healthy means the database answers.

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

pub async fn get(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let db_ok = match state.pool.get().await {
        Ok(db) => db.query_one("SELECT 1", &[]).await.is_ok(),
        Err(_) => false,
    };
    let status = if db_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({
            "Status": if db_ok { "ok" } else { "degraded" },
            "Database": db_ok,
            "Version": env!("CARGO_PKG_VERSION"),
            "Schema": crate::db::LATEST,
        })),
    )
}
