//! The append-only, hash-chained event log: the document history and the
//! audit trail at once.
//!
//! Each event's hash covers its sequence number, identity, stream, actor,
//! time, command, the hash of its payload and the previous event's hash, so
//! changing, removing or reordering any event breaks every hash after it.
//! Triggers refuse UPDATE and DELETE; [`verify`] catches what bypasses them.

use crate::blobs::sha256_hex;
use crate::StoreError;
use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub stream: &'a str,
    pub actor: &'a str,
    pub at: DateTime<FixedOffset>,
    pub command: &'a str,
    pub payload: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub seq: i64,
    pub id: String,
    pub stream: String,
    pub actor: String,
    pub at: String,
    pub command: String,
    pub payload: serde_json::Value,
    pub hash: String,
}

/// The fields an event's hash covers, in order.
struct Hashed<'a> {
    seq: i64,
    id: &'a str,
    stream: &'a str,
    actor: &'a str,
    at: &'a str,
    command: &'a str,
    payload_hash: &'a str,
    prev: &'a str,
}

impl Hashed<'_> {
    fn hash(&self) -> String {
        let Hashed {
            seq,
            id,
            stream,
            actor,
            at,
            command,
            payload_hash,
            prev,
        } = self;
        sha256_hex(
            format!("{seq}\n{id}\n{stream}\n{actor}\n{at}\n{command}\n{payload_hash}\n{prev}")
                .as_bytes(),
        )
    }
}

/// Appends one event. Call inside the transaction that makes the change.
pub fn append(conn: &Connection, ev: NewEvent<'_>) -> Result<StoredEvent, StoreError> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_string()),
    };
    let id = uuid::Uuid::new_v4().to_string();
    let at = ev.at.to_rfc3339();
    let payload = serde_json::to_string(&ev.payload).expect("JSON values serialise");
    let payload_hash = sha256_hex(payload.as_bytes());
    let hash = Hashed {
        seq,
        id: &id,
        stream: ev.stream,
        actor: ev.actor,
        at: &at,
        command: ev.command,
        payload_hash: &payload_hash,
        prev: &prev,
    }
    .hash();
    conn.execute(
        "INSERT INTO events (seq, id, stream, actor, at, command, payload, payload_hash, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![seq, id, ev.stream, ev.actor, at, ev.command, payload, payload_hash, prev, hash],
    )?;
    Ok(StoredEvent {
        seq,
        id,
        stream: ev.stream.to_string(),
        actor: ev.actor.to_string(),
        at,
        command: ev.command.to_string(),
        payload: ev.payload,
        hash,
    })
}

pub fn for_stream(conn: &Connection, stream: &str) -> Result<Vec<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, stream, actor, at, command, payload, hash FROM events WHERE stream = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([stream], |r| {
        let payload: String = r.get(6)?;
        Ok(StoredEvent {
            seq: r.get(0)?,
            id: r.get(1)?,
            stream: r.get(2)?,
            actor: r.get(3)?,
            at: r.get(4)?,
            command: r.get(5)?,
            payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
            hash: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub events: i64,
    pub head: String,
    /// The first event that does not verify, and why.
    pub broken: Option<(i64, String)>,
}

/// Recomputes every hash from the first event.
pub fn verify(conn: &Connection) -> Result<ChainReport, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, stream, actor, at, command, payload, payload_hash, prev_hash, hash FROM events ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_string();
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (id, stream, actor, at, command, payload, payload_hash, prev_hash, hash): (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        ) = (
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
        );
        let fail = |why: &str| {
            Ok(ChainReport {
                events: count,
                head: prev.clone(),
                broken: Some((seq, why.to_string())),
            })
        };
        if seq != expected_seq {
            return fail(&format!("event {expected_seq} is missing"));
        }
        if sha256_hex(payload.as_bytes()) != payload_hash {
            return fail("payload does not match its hash");
        }
        if prev_hash != prev {
            return fail("previous hash does not match the event before");
        }
        let recomputed = Hashed {
            seq,
            id: &id,
            stream: &stream,
            actor: &actor,
            at: &at,
            command: &command,
            payload_hash: &payload_hash,
            prev: &prev_hash,
        }
        .hash();
        if recomputed != hash {
            return fail("event hash does not match its content");
        }
        prev = hash;
        expected_seq += 1;
        count += 1;
    }
    Ok(ChainReport {
        events: count,
        head: prev,
        broken: None,
    })
}
