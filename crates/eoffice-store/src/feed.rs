//! The server's change feed as pulled, kept verbatim so its chain can be
//! verified on this machine too.

use crate::StoreError;
use eoffice_sync::FeedEvent;
use rusqlite::{params, Connection};

pub fn insert(conn: &Connection, e: &FeedEvent) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO feed_events (seq, id, agency_id, stream, actor_id, actor_name, at, name, version, command_id, payload, prev_hash, hash, stream_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        e.seq,
        e.id,
        e.agency_id,
        e.stream,
        e.actor_id,
        e.actor_name,
        e.at,
        e.name,
        e.version,
        e.command_id,
        e.payload,
        e.prev_hash,
        e.hash,
        e.stream_version
    ])?;
    Ok(())
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FeedEvent> {
    Ok(FeedEvent {
        seq: r.get(0)?,
        id: r.get(1)?,
        agency_id: r.get(2)?,
        stream: r.get(3)?,
        actor_id: r.get(4)?,
        actor_name: r.get(5)?,
        at: r.get(6)?,
        name: r.get(7)?,
        version: r.get(8)?,
        command_id: r.get(9)?,
        payload: r.get(10)?,
        prev_hash: r.get(11)?,
        hash: r.get(12)?,
        stream_version: r.get(13)?,
    })
}

const COLUMNS: &str =
    "seq, id, agency_id, stream, actor_id, actor_name, at, name, version, command_id, payload, prev_hash, hash, stream_version";

pub fn for_stream(conn: &Connection, stream: &str) -> Result<Vec<FeedEvent>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM feed_events WHERE stream = ?1 ORDER BY seq"
    ))?;
    let rows = stmt.query_map([stream], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every pulled event in order, for verification.
pub fn all(conn: &Connection) -> Result<Vec<FeedEvent>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM feed_events ORDER BY seq"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
