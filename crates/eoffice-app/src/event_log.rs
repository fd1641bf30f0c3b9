//! Writing an event: the one place use cases turn an `EventKind` and a
//! payload into a log entry, with the agency and the real user.

use crate::{AppResult, Eoffice};
use chrono::{DateTime, FixedOffset};
use eoffice_domain::EventKind;
use eoffice_store::events;
use rusqlite::Connection;

/// Who caused a change: the signed-in user in connected mode, the local
/// user in standalone mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub login: String,
    pub name: String,
}

impl Eoffice {
    /// The user a change is recorded under. In connected mode it is the
    /// signed-in user whatever a front end says.
    pub(crate) fn actor_for(&self, requested: &str) -> AppResult<Actor> {
        if let Some(c) = eoffice_store::connection::get(&self.conn)? {
            return Ok(Actor {
                login: c.username,
                name: c.full_name,
            });
        }
        if let Some(u) = eoffice_store::directory::user(&self.conn, requested)? {
            return Ok(Actor {
                login: u.person.username,
                name: u.person.full_name,
            });
        }
        Ok(Actor {
            login: requested.to_string(),
            name: requested.to_string(),
        })
    }

    /// Registering is the clerk's (domain.md §1). A folder without local
    /// users keeps the single-clerk behaviour of earlier versions; the
    /// server checks connected registrations again.
    pub(crate) fn check_may_register(&self, requested: &str) -> AppResult<()> {
        if self.is_connected()? || eoffice_store::directory::count_users(&self.conn)? == 0 {
            return Ok(());
        }
        let p = self.person_for(requested)?;
        if !p.role.may_register_incoming() {
            return Err(crate::AppError::new(
                crate::ErrorCode::Forbidden,
                format!(
                    "{} ({}) không được vào sổ văn bản đến; đây là việc của văn thư.",
                    p.full_name,
                    p.role.label()
                ),
                format!(
                    "{} is a {}; only a clerk registers incoming documents",
                    p.username,
                    p.role.code()
                ),
            ));
        }
        Ok(())
    }
}

pub(crate) fn record(
    conn: &Connection,
    agency_id: &str,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    stream: &str,
    kind: EventKind,
    payload: serde_json::Value,
) -> AppResult<()> {
    events::append(
        conn,
        events::NewEvent {
            agency_id,
            stream,
            actor: &actor.login,
            actor_name: &actor.name,
            at,
            kind,
            command_id: None,
            payload,
        },
    )?;
    Ok(())
}
