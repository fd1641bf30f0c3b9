//! Commands applied to this cache at once and waiting for the server.

use crate::StoreError;
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxRow {
    pub seq: i64,
    pub id: String,
    pub name: String,
    pub args: serde_json::Value,
    pub document_id: Option<String>,
    pub blob_sha256: Option<String>,
    pub prev_state: Option<String>,
    pub state: String,
    pub code: Option<String>,
    pub reason: Option<String>,
    pub created_at: String,
}

pub struct NewCommand<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub args: &'a serde_json::Value,
    pub document_id: Option<&'a str>,
    pub blob_sha256: Option<&'a str>,
    pub prev_state: Option<&'a str>,
    pub created_at: &'a str,
}

pub fn push(conn: &Connection, c: NewCommand<'_>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO outbox (id, name, args, document_id, blob_sha256, prev_state, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            c.id,
            c.name,
            serde_json::to_string(c.args).expect("JSON values serialise"),
            c.document_id,
            c.blob_sha256,
            c.prev_state,
            c.created_at
        ],
    )?;
    Ok(())
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
    let args: String = r.get(3)?;
    Ok(OutboxRow {
        seq: r.get(0)?,
        id: r.get(1)?,
        name: r.get(2)?,
        args: serde_json::from_str(&args).unwrap_or_default(),
        document_id: r.get(4)?,
        blob_sha256: r.get(5)?,
        prev_state: r.get(6)?,
        state: r.get(7)?,
        code: r.get(8)?,
        reason: r.get(9)?,
        created_at: r.get(10)?,
    })
}

const COLUMNS: &str =
    "seq, id, name, args, document_id, blob_sha256, prev_state, state, code, reason, created_at";

/// Pending commands in the order they were made.
pub fn pending(conn: &Connection, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn for_document(conn: &Connection, document_id: &str) -> Result<Vec<OutboxRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE document_id = ?1 ORDER BY seq"
    ))?;
    let rows = stmt.query_map([document_id], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn rejected(conn: &Connection, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE state = 'rejected' ORDER BY seq DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_pending(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM outbox WHERE state = 'pending'",
        [],
        |r| r.get(0),
    )?)
}

pub fn decide(
    conn: &Connection,
    id: &str,
    state: &str,
    code: Option<&str>,
    reason: Option<&str>,
    at: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE outbox SET state = ?2, code = ?3, reason = ?4, decided_at = ?5 WHERE id = ?1 AND state = 'pending'",
        params![id, state, code, reason, at],
    )?;
    Ok(())
}
