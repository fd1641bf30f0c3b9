//! The link to the provincial server, when this data folder has one.

use crate::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionRow {
    pub server: String,
    pub client_id: String,
    pub user_id: String,
    pub username: String,
    pub full_name: String,
    pub role: String,
    pub unit_code: Option<String>,
    pub access_token: Option<String>,
    pub refresh_token: Option<String>,
    pub cursor: i64,
    pub feed_head: String,
    pub directory: String,
    pub last_sync: Option<String>,
}

pub fn get(conn: &Connection) -> Result<Option<ConnectionRow>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT server, client_id, user_id, username, full_name, role, unit_code, access_token, refresh_token,
                    cursor, feed_head, directory, last_sync FROM connection WHERE id = 1",
            [],
            |r| {
                Ok(ConnectionRow {
                    server: r.get(0)?,
                    client_id: r.get(1)?,
                    user_id: r.get(2)?,
                    username: r.get(3)?,
                    full_name: r.get(4)?,
                    role: r.get(5)?,
                    unit_code: r.get(6)?,
                    access_token: r.get(7)?,
                    refresh_token: r.get(8)?,
                    cursor: r.get(9)?,
                    feed_head: r.get(10)?,
                    directory: r.get(11)?,
                    last_sync: r.get(12)?,
                })
            },
        )
        .optional()?)
}

pub fn insert(conn: &Connection, c: &ConnectionRow) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO connection (id, server, client_id, user_id, username, full_name, role, unit_code,
                                 access_token, refresh_token, cursor, feed_head, directory, last_sync)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            c.server,
            c.client_id,
            c.user_id,
            c.username,
            c.full_name,
            c.role,
            c.unit_code,
            c.access_token,
            c.refresh_token,
            c.cursor,
            c.feed_head,
            c.directory,
            c.last_sync
        ],
    )?;
    Ok(())
}

pub fn set_tokens(
    conn: &Connection,
    access: Option<&str>,
    refresh: Option<&str>,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE connection SET access_token = ?1, refresh_token = ?2 WHERE id = 1",
        params![access, refresh],
    )?;
    Ok(())
}

pub fn set_directory(conn: &Connection, directory: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE connection SET directory = ?1 WHERE id = 1",
        params![directory],
    )?;
    Ok(())
}

/// Moves the cursor; call in the transaction that applied the events.
pub fn advance(conn: &Connection, cursor: i64, head: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE connection SET cursor = ?1, feed_head = ?2 WHERE id = 1",
        params![cursor, head],
    )?;
    Ok(())
}

pub fn set_last_sync(conn: &Connection, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE connection SET last_sync = ?1 WHERE id = 1",
        params![at],
    )?;
    Ok(())
}
