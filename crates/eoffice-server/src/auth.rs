//! Sign-in: Argon2id password hashes, a short-lived access token and a
//! rotating refresh token, both stored only as SHA-256 hashes, and
//! throttling of repeated failures per user and per address.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use eoffice_sync::{TokenPair, UserInfo};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Failures allowed per user, and per address, within [`WINDOW_SECS`].
pub const MAX_USER_FAILURES: i64 = 5;
pub const MAX_ADDR_FAILURES: i64 = 50;
pub const WINDOW_SECS: i64 = 15 * 60;

pub use eoffice_sync::password::{hash_password, verify_password};

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn new_token() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the OS gives random bytes");
    hex(&b)
}

/// Who made a request, as the server knows them (never as the client says).
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub agency_id: String,
    pub username: String,
    pub full_name: String,
    pub role: String,
    pub unit_code: Option<String>,
}

impl AuthUser {
    pub fn info(&self) -> UserInfo {
        UserInfo {
            id: self.user_id.to_string(),
            username: self.username.clone(),
            full_name: self.full_name.clone(),
            role: self.role.clone(),
            unit_code: self.unit_code.clone(),
            agency_id: self.agency_id.clone(),
        }
    }

    pub fn require_role(&self, roles: &[&str]) -> ApiResult<()> {
        if roles.contains(&self.role.as_str()) {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "Tài khoản của bạn không có quyền thực hiện thao tác này.",
                format!(
                    "role {} may not do this (needs one of {roles:?})",
                    self.role
                ),
            ))
        }
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<AuthUser, ApiError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(ApiError::unauthorized)?;
        let db = state.pool.get().await?;
        let row = db
            .query_opt(
                "SELECT s.id, u.id, u.agency_id, u.username, u.full_name, u.role, u.unit_code
                   FROM sessions s JOIN users u ON u.id = s.user_id
                  WHERE s.access_hash = $1 AND s.revoked_at IS NULL
                    AND s.access_expires > now() AND NOT u.disabled",
                &[&sha256_hex(token.trim().as_bytes())],
            )
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        Ok(AuthUser {
            session_id: row.get(0),
            user_id: row.get(1),
            agency_id: row.get(2),
            username: row.get(3),
            full_name: row.get(4),
            role: row.get(5),
            unit_code: row.get(6),
        })
    }
}

fn throttled(retry_after: i64) -> ApiError {
    let mut e = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "throttled",
        "Đăng nhập sai quá nhiều lần. Hãy đợi ít phút rồi thử lại.",
        "too many failed sign-ins; try again later",
    );
    e.retry_after = Some(retry_after.max(1) as u64);
    e
}

/// Checks the password and opens a session.
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    addr: &str,
) -> ApiResult<TokenPair> {
    let db = state.pool.get().await?;
    let user_key = format!("user:{}", username.trim().to_lowercase());
    let addr_key = format!("addr:{addr}");
    for (key, max) in [
        (&user_key, MAX_USER_FAILURES),
        (&addr_key, MAX_ADDR_FAILURES),
    ] {
        let row = db
            .query_one(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM (min(at) + make_interval(secs => $2) - now()))::BIGINT, 0)
                   FROM login_failures WHERE key = $1 AND at > now() - make_interval(secs => $2)",
                &[key, &(WINDOW_SECS as f64)],
            )
            .await?;
        let (count, wait): (i64, i64) = (row.get(0), row.get(1));
        if count >= max {
            return Err(throttled(wait));
        }
    }
    let row = db
        .query_opt(
            "SELECT id, agency_id, username, full_name, role, unit_code, password_hash
               FROM users WHERE lower(username) = lower($1) AND NOT disabled",
            &[&username.trim()],
        )
        .await?;
    // Hash even for an unknown user, so the answer takes as long either way.
    let phc = row.as_ref().map(|r| r.get::<_, String>(6));
    let pw = password.to_string();
    let ok = tokio::task::spawn_blocking(move || match phc {
        Some(h) => verify_password(&pw, &h),
        None => {
            let _ = hash_password(&pw);
            false
        }
    })
    .await
    .map_err(ApiError::server)?;
    let Some(row) = row.filter(|_| ok) else {
        db.execute(
            "INSERT INTO login_failures (key) VALUES ($1), ($2)",
            &[&user_key, &addr_key],
        )
        .await?;
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Tên đăng nhập hoặc mật khẩu không đúng.",
            "wrong username or password",
        ));
    };
    db.execute("DELETE FROM login_failures WHERE key = $1", &[&user_key])
        .await?;
    let user = UserInfo {
        id: row.get::<_, Uuid>(0).to_string(),
        agency_id: row.get(1),
        username: row.get(2),
        full_name: row.get(3),
        role: row.get(4),
        unit_code: row.get(5),
    };
    let (access, refresh) = (new_token(), new_token());
    db.execute(
        "INSERT INTO sessions (id, user_id, access_hash, access_expires, refresh_hash, refresh_expires)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, now() + make_interval(secs => $6))",
        &[
            &Uuid::new_v4(),
            &row.get::<_, Uuid>(0),
            &sha256_hex(access.as_bytes()),
            &(state.config.access_ttl_secs as f64),
            &sha256_hex(refresh.as_bytes()),
            &(state.config.refresh_ttl_secs as f64),
        ],
    )
    .await?;
    Ok(TokenPair {
        access_token: access,
        refresh_token: refresh,
        expires_in: state.config.access_ttl_secs,
        user,
    })
}

/// Swaps a refresh token for a new pair. A token used twice revokes the
/// session: one of the two holders stole it.
pub async fn refresh(state: &AppState, refresh_token: &str) -> ApiResult<TokenPair> {
    let mut db = state.pool.get().await?;
    let hash = sha256_hex(refresh_token.trim().as_bytes());
    let tx = db.transaction().await?;
    if let Some(r) = tx
        .query_opt(
            "SELECT session_id FROM rotated_refresh WHERE refresh_hash = $1",
            &[&hash],
        )
        .await?
    {
        let sid: Uuid = r.get(0);
        tx.execute(
            "UPDATE sessions SET revoked_at = now() WHERE id = $1",
            &[&sid],
        )
        .await?;
        tx.commit().await?;
        return Err(ApiError::unauthorized());
    }
    let row = tx
        .query_opt(
            "SELECT s.id, u.id, u.agency_id, u.username, u.full_name, u.role, u.unit_code
               FROM sessions s JOIN users u ON u.id = s.user_id
              WHERE s.refresh_hash = $1 AND s.revoked_at IS NULL AND s.refresh_expires > now() AND NOT u.disabled
              FOR UPDATE OF s",
            &[&hash],
        )
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    let sid: Uuid = row.get(0);
    let (access, refresh) = (new_token(), new_token());
    tx.execute(
        "INSERT INTO rotated_refresh (refresh_hash, session_id) VALUES ($1, $2)",
        &[&hash, &sid],
    )
    .await?;
    tx.execute(
        "UPDATE sessions SET access_hash = $2, access_expires = now() + make_interval(secs => $3), refresh_hash = $4
          WHERE id = $1",
        &[
            &sid,
            &sha256_hex(access.as_bytes()),
            &(state.config.access_ttl_secs as f64),
            &sha256_hex(refresh.as_bytes()),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(TokenPair {
        access_token: access,
        refresh_token: refresh,
        expires_in: state.config.access_ttl_secs,
        user: UserInfo {
            id: row.get::<_, Uuid>(1).to_string(),
            agency_id: row.get(2),
            username: row.get(3),
            full_name: row.get(4),
            role: row.get(5),
            unit_code: row.get(6),
        },
    })
}

pub async fn logout(state: &AppState, user: &AuthUser) -> ApiResult<()> {
    let db = state.pool.get().await?;
    db.execute(
        "UPDATE sessions SET revoked_at = now() WHERE id = $1",
        &[&user.session_id],
    )
    .await?;
    Ok(())
}
