//! Sign-in, token refresh and sign-out.

use crate::auth::{self, AuthUser};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::Json;
use eoffice_sync::{LoginRequest, RefreshRequest, TokenPair};
use std::net::SocketAddr;

/// The client's address: the socket's, or the first hop a reverse proxy
/// on loopback reports.
fn client_addr(peer: &SocketAddr, headers: &HeaderMap) -> String {
    if peer.ip().is_loopback() {
        if let Some(f) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return f.trim().to_string();
        }
    }
    peer.ip().to_string()
}

pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<LoginRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<TokenPair>> {
    let Json(req) =
        body.map_err(|e| ApiError::invalid("Yêu cầu đăng nhập không hợp lệ.", e.body_text()))?;
    if req.username.trim().is_empty() || req.password.is_empty() {
        return Err(ApiError::invalid(
            "Hãy nhập tên đăng nhập và mật khẩu.",
            "username and password are required",
        ));
    }
    Ok(Json(
        auth::login(
            &state,
            &req.username,
            &req.password,
            &client_addr(&peer, &headers),
        )
        .await?,
    ))
}

pub async fn refresh(
    State(state): State<AppState>,
    body: Result<Json<RefreshRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<TokenPair>> {
    let Json(req) = body.map_err(|e| ApiError::invalid("Yêu cầu không hợp lệ.", e.body_text()))?;
    Ok(Json(auth::refresh(&state, &req.refresh_token).await?))
}

pub async fn logout(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<serde_json::Value>> {
    auth::logout(&state, &user).await?;
    Ok(Json(serde_json::json!({ "SignedOut": true })))
}
