//! The append-only, hash-chained event log: the document history and the
//! audit trail at once.
//!
//! Each event's hash covers its sequence number, identity, agency, stream,
//! actor, time, kind and payload version, command, the hash of its payload
//! and the previous event's hash, in the canonical length-prefixed
//! encoding (`eoffice_domain::event::canonical_encoding`), so no text can
//! move between fields unnoticed. Events written before schema version 3
//! keep their version-1 hash (fields joined by newlines) and are verified
//! as such. Triggers refuse UPDATE and DELETE; [`verify`] catches what
//! bypasses them.

use crate::blobs::sha256_hex;
use crate::StoreError;
use chrono::{DateTime, FixedOffset};
use eoffice_domain::event::canonical_encoding;
use eoffice_domain::EventKind;
use rusqlite::{params, Connection, OptionalExtension};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash version new events get.
pub const HASH_VERSION: i64 = 2;

#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub agency_id: &'a str,
    pub stream: &'a str,
    /// The user's login (or the local user's name in standalone mode).
    pub actor: &'a str,
    pub actor_name: &'a str,
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    pub command_id: Option<&'a str>,
    pub payload: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub seq: i64,
    pub id: String,
    pub stream: String,
    pub actor: String,
    pub actor_name: String,
    pub at: String,
    pub command: String,
    pub payload: serde_json::Value,
    pub hash: String,
}

/// The fields an event's hash covers, in order.
struct Hashed<'a> {
    version: i64,
    seq: i64,
    id: &'a str,
    agency: &'a str,
    stream: &'a str,
    stream_version: i64,
    actor: &'a str,
    actor_name: &'a str,
    at: &'a str,
    command: &'a str,
    payload_version: i64,
    command_id: &'a str,
    payload_hash: &'a str,
    prev: &'a str,
}

impl Hashed<'_> {
    fn hash(&self) -> String {
        let h = self;
        if h.version == 1 {
            return sha256_hex(
                format!(
                    "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
                    h.seq, h.id, h.stream, h.actor, h.at, h.command, h.payload_hash, h.prev
                )
                .as_bytes(),
            );
        }
        let seq = h.seq.to_string();
        let pv = h.payload_version.to_string();
        let sv = h.stream_version.to_string();
        sha256_hex(&canonical_encoding(&[
            seq.as_bytes(),
            h.id.as_bytes(),
            h.agency.as_bytes(),
            h.stream.as_bytes(),
            sv.as_bytes(),
            h.actor.as_bytes(),
            h.actor_name.as_bytes(),
            h.at.as_bytes(),
            h.command.as_bytes(),
            pv.as_bytes(),
            h.command_id.as_bytes(),
            h.payload_hash.as_bytes(),
            h.prev.as_bytes(),
        ]))
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
    let stream_version: i64 = conn
        .prepare_cached(
            "SELECT COALESCE(MAX(stream_version), 0) + 1 FROM events WHERE stream = ?1",
        )?
        .query_row([ev.stream], |r| r.get(0))?;
    let id = uuid::Uuid::new_v4().to_string();
    let at = ev.at.to_rfc3339();
    let payload = serde_json::to_string(&ev.payload).expect("JSON values serialise");
    let payload_hash = sha256_hex(payload.as_bytes());
    let command = ev.kind.name();
    let hash = Hashed {
        version: HASH_VERSION,
        seq,
        id: &id,
        agency: ev.agency_id,
        stream: ev.stream,
        stream_version,
        actor: ev.actor,
        actor_name: ev.actor_name,
        at: &at,
        command,
        payload_version: ev.kind.version() as i64,
        command_id: ev.command_id.unwrap_or(""),
        payload_hash: &payload_hash,
        prev: &prev,
    }
    .hash();
    conn.prepare_cached(
        "INSERT INTO events (seq, id, stream, actor, at, command, payload, payload_hash, prev_hash, hash,
                             hash_version, agency_id, actor_name, command_id, version, stream_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        seq,
        id,
        ev.stream,
        ev.actor,
        at,
        command,
        payload,
        payload_hash,
        prev,
        hash,
        HASH_VERSION,
        ev.agency_id,
        ev.actor_name,
        ev.command_id,
        ev.kind.version(),
        stream_version
    ])?;
    Ok(StoredEvent {
        seq,
        id,
        stream: ev.stream.to_string(),
        actor: ev.actor.to_string(),
        actor_name: ev.actor_name.to_string(),
        at,
        command: command.to_string(),
        payload: ev.payload,
        hash,
    })
}

const STORED: &str =
    "SELECT seq, id, stream, actor, at, command, payload, hash, actor_name FROM events";

fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredEvent> {
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
        actor_name: r.get(8)?,
    })
}

pub fn for_stream(conn: &Connection, stream: &str) -> Result<Vec<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare(&format!("{STORED} WHERE stream = ?1 ORDER BY seq"))?;
    let rows = stmt.query_map([stream], stored)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every event, in order, for checks that replay the log.
pub fn all(conn: &Connection) -> Result<Vec<StoredEvent>, StoreError> {
    let mut stmt = conn.prepare(&format!("{STORED} ORDER BY seq"))?;
    let rows = stmt.query_map([], stored)?;
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
        "SELECT seq, id, stream, actor, at, command, payload, payload_hash, prev_hash, hash,
                hash_version, agency_id, actor_name, COALESCE(command_id, ''), version, stream_version
           FROM events ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_string();
    let mut count = 0;
    let mut seen_v2 = false;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
        let (id, stream, actor, at, command, payload, payload_hash, prev_hash, hash) = (
            text(1)?,
            text(2)?,
            text(3)?,
            text(4)?,
            text(5)?,
            text(6)?,
            text(7)?,
            text(8)?,
            text(9)?,
        );
        let version: i64 = r.get(10)?;
        let (agency, actor_name, command_id) = (text(11)?, text(12)?, text(13)?);
        let payload_version: i64 = r.get(14)?;
        let stream_version: i64 = r.get(15)?;
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
        // A version-1 hash after a version-2 one is a downgrade attack.
        if version == 1 && seen_v2 || !(1..=HASH_VERSION).contains(&version) {
            return fail("hash version is not allowed here");
        }
        seen_v2 |= version == 2;
        if sha256_hex(payload.as_bytes()) != payload_hash {
            return fail("payload does not match its hash");
        }
        if prev_hash != prev {
            return fail("previous hash does not match the event before");
        }
        let recomputed = Hashed {
            version,
            seq,
            id: &id,
            agency: &agency,
            stream: &stream,
            stream_version,
            actor: &actor,
            actor_name: &actor_name,
            at: &at,
            command: &command,
            payload_version,
            command_id: &command_id,
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
