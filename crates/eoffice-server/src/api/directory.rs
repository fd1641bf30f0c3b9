//! The agency's directory: its units, users and books, for the pickers and
//! for a new connected desktop. Only the caller's own agency.

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use eoffice_sync::{AgencyInfo, BookInfo, Directory, UnitInfo, UserInfo};
use uuid::Uuid;

/// The columns [`user_info`] reads, in order.
pub const USER_COLUMNS: &str = "id, username, full_name, role, unit_code, agency_id";

pub fn user_info(r: &tokio_postgres::Row) -> UserInfo {
    UserInfo {
        id: r.get::<_, Uuid>(0).to_string(),
        username: r.get(1),
        full_name: r.get(2),
        role: r.get(3),
        unit_code: r.get(4),
        agency_id: r.get(5),
    }
}

pub async fn users_of(db: &deadpool_postgres::Object, agency: &str) -> ApiResult<Vec<UserInfo>> {
    Ok(db
        .query(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE agency_id = $1 AND NOT disabled ORDER BY username"),
            &[&agency],
        )
        .await?
        .iter()
        .map(user_info)
        .collect())
}

pub async fn get(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<Directory>> {
    let db = state.pool.get().await?;
    let a = db
        .query_one(
            "SELECT id, name, abbr FROM agencies WHERE id = $1",
            &[&user.agency_id],
        )
        .await?;
    let units = db
        .query(
            "SELECT code, name FROM units WHERE agency_id = $1 ORDER BY code",
            &[&user.agency_id],
        )
        .await?
        .iter()
        .map(|r| UnitInfo {
            code: r.get(0),
            name: r.get(1),
        })
        .collect();
    let books = db
        .query(
            "SELECT id, direction, year, secret, name, last_number, closed_at IS NOT NULL FROM books
              WHERE agency_id = $1 ORDER BY year, direction",
            &[&user.agency_id],
        )
        .await?
        .iter()
        .map(|r| BookInfo {
            id: r.get(0),
            direction: r.get(1),
            year: r.get(2),
            secret: r.get(3),
            name: r.get(4),
            last_number: r.get(5),
            closed: r.get(6),
        })
        .collect();
    Ok(Json(Directory {
        agency: AgencyInfo {
            id: a.get(0),
            name: a.get(1),
            abbr: a.get(2),
        },
        units,
        users: users_of(&db, &user.agency_id).await?,
        books,
    }))
}
