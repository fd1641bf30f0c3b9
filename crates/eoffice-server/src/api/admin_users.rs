//! `GET /api/v1/admin/users`: the agency's accounts, for its administrator.

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use eoffice_sync::UserInfo;

pub async fn list(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<Vec<UserInfo>>> {
    user.require_role(&["admin"])?;
    let db = state.pool.get().await?;
    Ok(Json(
        super::directory::users_of(&db, &user.agency_id).await?,
    ))
}
