//! Deciding pushed commands: each once, in its own transaction, with the
//! client's UUID as the key. A resent command gets the stored answer.

mod handling_step;
mod import_incoming;
mod register_incoming;
mod return_incoming;
mod view_document;

use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::state::AppState;
use eoffice_sync::{Mutation, MutationResult, MutationStatus};
use uuid::Uuid;

/// What deciding one command came to.
pub enum Outcome {
    Applied(serde_json::Value),
    /// Applied, and its result already written into `commands` by the
    /// same statement as its effect (the registration hot path).
    Recorded(Box<MutationResult>),
    /// Decided before: the stored answer (registration checks this itself,
    /// in the same query as its other checks).
    Stored(Box<MutationResult>),
    Rejected {
        code: &'static str,
        vi: String,
        en: String,
    },
    /// Not decided: nothing is recorded, the client sends it again later.
    Retry {
        code: &'static str,
        vi: String,
        en: String,
    },
}

impl Outcome {
    pub fn rejected(code: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Outcome {
        Outcome::Rejected {
            code,
            vi: vi.into(),
            en: en.into(),
        }
    }

    fn into_result(self, id: &str) -> MutationResult {
        let (status, code, vi, en, result) = match self {
            Outcome::Recorded(r) | Outcome::Stored(r) => {
                return MutationResult {
                    id: id.to_string(),
                    ..*r
                }
            }
            Outcome::Applied(v) => (MutationStatus::Applied, None, None, None, v),
            Outcome::Rejected { code, vi, en } => (
                MutationStatus::Rejected,
                Some(code),
                Some(vi),
                Some(en),
                serde_json::Value::Null,
            ),
            Outcome::Retry { code, vi, en } => (
                MutationStatus::Retry,
                Some(code),
                Some(vi),
                Some(en),
                serde_json::Value::Null,
            ),
        };
        MutationResult {
            id: id.to_string(),
            status,
            code: code.map(str::to_string),
            reason: vi,
            reason_en: en,
            result,
        }
    }
}

pub async fn decide(
    state: &AppState,
    user: &AuthUser,
    client_id: &str,
    m: &Mutation,
) -> ApiResult<MutationResult> {
    let Ok(id) = Uuid::parse_str(&m.id) else {
        return Ok(Outcome::rejected(
            "invalid_input",
            "Mã lệnh không hợp lệ.",
            format!("command id {:?} is not a UUID", m.id),
        )
        .into_result(&m.id));
    };
    let queue = matches!(
        m.name.as_str(),
        eoffice_sync::command::REGISTER | eoffice_sync::command::IMPORT
    )
    .then(|| state.agency_queue(&user.agency_id));
    let _turn = match &queue {
        Some(q) => Some(q.lock().await),
        None => None,
    };
    let mut db = state.pool.get().await?;
    let tx = db.transaction().await?;
    // Registration, the hot path, claims its id in the statement that
    // applies it (the primary key refuses a second one); the rest claim it
    // first, and a concurrent resend waits here until the first commits.
    let self_claimed = m.name == eoffice_sync::command::REGISTER;
    let claimed = if self_claimed {
        1
    } else {
        tx.execute(
            "INSERT INTO commands (id, agency_id, user_id, client_id, name, result)
             VALUES ($1, $2, $3, $4, $5, 'null') ON CONFLICT (id) DO NOTHING",
            &[&id, &user.agency_id, &user.user_id, &client_id, &m.name],
        )
        .await?
    };
    if claimed == 0 {
        let row = tx
            .query_one(
                "SELECT agency_id, result FROM commands WHERE id = $1",
                &[&id],
            )
            .await?;
        tx.rollback().await?;
        let agency: String = row.get(0);
        if agency != user.agency_id {
            return Ok(Outcome::rejected(
                "conflict",
                "Mã lệnh đã được dùng.",
                "command id already used",
            )
            .into_result(&m.id));
        }
        let stored: serde_json::Value = row.get(1);
        return serde_json::from_value(stored).map_err(crate::error::ApiError::server);
    }
    let outcome = match m.name.as_str() {
        eoffice_sync::command::REGISTER => {
            register_incoming::decide(&tx, user, id, client_id, &m.args).await?
        }
        eoffice_sync::command::RETURN => return_incoming::decide(&tx, user, id, &m.args).await?,
        eoffice_sync::command::VIEW => view_document::decide(&tx, user, id, &m.args).await?,
        eoffice_sync::command::IMPORT => import_incoming::decide(&tx, user, id, &m.args).await?,
        eoffice_sync::command::HANDLE => handling_step::decide(&tx, user, id, &m.args).await?,
        other => Outcome::rejected(
            "invalid_input",
            format!("Máy chủ không biết lệnh “{other}”."),
            format!("unknown command {other:?}"),
        ),
    };
    if matches!(outcome, Outcome::Retry { .. }) {
        tx.rollback().await?;
        return Ok(outcome.into_result(&m.id));
    }
    if matches!(outcome, Outcome::Stored(_)) {
        tx.rollback().await?;
        return Ok(outcome.into_result(&m.id));
    }
    if matches!(outcome, Outcome::Recorded(_)) {
        tx.commit().await?;
        return Ok(outcome.into_result(&m.id));
    }
    let result = outcome.into_result(&m.id);
    let stored = serde_json::to_value(&result).expect("serialisable");
    if self_claimed {
        tx.execute(
            // A refusal decided again from the same arguments is the same
            // refusal; the first one stays.
            "INSERT INTO commands (id, agency_id, user_id, client_id, name, result) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO NOTHING",
            &[&id, &user.agency_id, &user.user_id, &client_id, &m.name, &stored],
        )
        .await?;
    } else {
        tx.execute(
            "UPDATE commands SET result = $2 WHERE id = $1",
            &[&id, &stored],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(result)
}

/// Reads a command's arguments, or the rejection that says they are wrong.
pub fn args<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Result<T, Outcome> {
    serde_json::from_value(v.clone()).map_err(|e| {
        Outcome::rejected(
            "invalid_input",
            "Dữ liệu gửi lên không hợp lệ.",
            format!("bad arguments: {e}"),
        )
    })
}

pub async fn document_row(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    id: &str,
) -> ApiResult<Option<tokio_postgres::Row>> {
    let Ok(doc) = Uuid::parse_str(id) else {
        return Ok(None);
    };
    Ok(tx
        .query_opt(
            "SELECT id, book_id, arrival_number, arrival_sub, state, snapshot FROM documents
              WHERE id = $1 AND agency_id = $2 FOR UPDATE",
            &[&doc, &user.agency_id],
        )
        .await?)
}

/// The stored form of an applied command's result.
pub fn applied(id: &str, result: serde_json::Value) -> MutationResult {
    Outcome::Applied(result).into_result(id)
}

/// The checks every command about a document starts with, each a refusal
/// the user can read. They return `Err(Outcome)` so a command's parsing
/// reads as a chain of `?`.
pub mod checks {
    use super::Outcome;
    use crate::auth::AuthUser;
    use chrono::NaiveDate;
    use eoffice_domain::{Role, Secrecy};
    use uuid::Uuid;

    /// The caller's role must allow it (domain.md §1).
    pub fn role(user: &AuthUser, allowed: fn(Role) -> bool, vi: &str) -> Result<(), Outcome> {
        match Role::from_code(&user.role) {
            Some(r) if allowed(r) => Ok(()),
            _ => Err(Outcome::rejected(
                "forbidden",
                vi,
                format!("role {} may not do this", user.role),
            )),
        }
    }

    pub fn document_id(id: &str) -> Result<Uuid, Outcome> {
        Uuid::parse_str(id).map_err(|_| {
            Outcome::rejected(
                "invalid_input",
                "Mã văn bản không hợp lệ.",
                "document id is not a UUID",
            )
        })
    }

    /// A secret document never travels (domain.md §4): the desktop keeps
    /// it, and one sent anyway is refused and nothing of it kept.
    pub fn shareable(fields: &serde_json::Value) -> Result<(), Outcome> {
        let secrecy = match fields.get("Secrecy") {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => Some(v.as_str().and_then(Secrecy::parse).unwrap_or(Secrecy::Mat)),
        };
        if Secrecy::allows_network_or_e_signature(secrecy) {
            Ok(())
        } else {
            Err(Outcome::rejected(
                "secret",
                "Văn bản mật không được gửi lên máy chủ.",
                "secret documents never leave the desktop",
            ))
        }
    }

    pub fn arrival_date(s: &str) -> Result<NaiveDate, Outcome> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            Outcome::rejected(
                "invalid_input",
                "Ngày đến không hợp lệ.",
                "ArrivalDate must be YYYY-MM-DD",
            )
        })
    }

    /// The server refuses a document whose original it does not hold yet,
    /// so nothing shows as synced before its file is; the client resends.
    pub fn blob_missing(sha: &str) -> Outcome {
        Outcome::Retry {
            code: "blob_missing",
            vi: "Tệp gốc chưa được tải lên máy chủ.".into(),
            en: format!("blob {sha} is not uploaded yet"),
        }
    }
}
