//! Outgoing documents: the folded draft (eoffice-domain `outgoing`) as
//! JSON, with the columns the queues and the outgoing book read. The row
//! is rewritten from the state after every event, in the event's
//! transaction, so the two never disagree.

use crate::StoreError;
use eoffice_domain::outgoing::{Draft, Stage};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingRow {
    pub seq: i64,
    pub draft: Draft,
    pub created_at: String,
    pub updated_at: String,
}

/// Writes the state of a draft: inserted on its first event, replaced on
/// every later one.
pub fn save(conn: &Connection, agency_id: &str, d: &Draft, at: &str) -> Result<(), StoreError> {
    let state = serde_json::to_string(d).expect("a draft serialises");
    let issue = d.issue.as_ref();
    conn.execute(
        "INSERT INTO outgoing (id, agency_id, stage, type_name, subject, author, reviewer, signer,
                               priority, secrecy, book_id, number, symbol, issued_date, state,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)
         ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, subject = excluded.subject,
             reviewer = excluded.reviewer, signer = excluded.signer, book_id = excluded.book_id,
             number = excluded.number, symbol = excluded.symbol, issued_date = excluded.issued_date,
             state = excluded.state, updated_at = excluded.updated_at",
        params![
            d.id,
            agency_id,
            d.stage.code(),
            d.meta.doc_type.name(),
            d.meta.subject,
            d.author,
            d.reviewer,
            d.meta.signer,
            d.meta.urgency.priority(),
            d.meta.secrecy.map(|s| s.code()),
            issue.map(|i| i.book_id.as_str()),
            issue.map(|i| i.number),
            issue.map(|i| i.symbol.as_str()),
            issue.map(|i| i.date.to_string()),
            state,
            at,
        ],
    )?;
    Ok(())
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn parse(
    (seq, state, created_at, updated_at): (i64, String, String, String),
) -> Result<OutgoingRow, StoreError> {
    let draft: Draft = serde_json::from_str(&state)
        .map_err(|e| StoreError::Corrupt(format!("outgoing {seq}: {e}")))?;
    Ok(OutgoingRow {
        seq,
        draft,
        created_at,
        updated_at,
    })
}

const COLUMNS: &str = "seq, state, created_at, updated_at";

pub fn get(conn: &Connection, id: &str) -> Result<Option<OutgoingRow>, StoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM outgoing WHERE id = ?1"),
        [id],
        row,
    )
    .optional()?
    .map(parse)
    .transpose()
}

/// Which outgoing documents a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutgoingQuery {
    pub stages: Vec<Stage>,
    /// Only those waiting for this person: the author while drafting, the
    /// reviewer in review, the signer when awaiting approval or signature.
    pub waiting_for: Option<String>,
    pub limit: u32,
}

pub fn list(conn: &Connection, q: &OutgoingQuery) -> Result<Vec<OutgoingRow>, StoreError> {
    let stages: Vec<&str> = if q.stages.is_empty() {
        Stage::ALL.iter().map(|s| s.code()).collect()
    } else {
        q.stages.iter().map(|s| s.code()).collect()
    };
    let placeholders = (0..stages.len())
        .map(|i| format!("?{}", i + 3))
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT {COLUMNS} FROM outgoing WHERE stage IN ({placeholders})
           AND (?1 IS NULL
                OR (stage = 'drafting' AND author = ?1)
                OR (stage = 'in_review' AND reviewer = ?1)
                OR (stage IN ('awaiting_approval', 'approved') AND signer = ?1))
         ORDER BY priority DESC, updated_at DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare(&sql)?;
    let limit = if q.limit == 0 { 500 } else { q.limit };
    let mut values: Vec<Box<dyn rusqlite::ToSql>> =
        vec![Box::new(q.waiting_for.clone()), Box::new(limit)];
    for s in stages {
        values.push(Box::new(s.to_string()));
    }
    let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), row)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(parse(r?)?);
    }
    Ok(out)
}

/// The issued documents of a book, in number order: the outgoing book.
pub fn in_book(conn: &Connection, book_id: &str) -> Result<Vec<OutgoingRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM outgoing WHERE book_id = ?1 ORDER BY number"
    ))?;
    let rows = stmt.query_map([book_id], row)?;
    let mut out = Vec::new();
    for r in rows {
        out.push(parse(r?)?);
    }
    Ok(out)
}

/// Records a stored file in the blob table (what backups and the audit
/// walk), whatever its type.
pub fn record_blob(
    conn: &Connection,
    sha: &str,
    size: u64,
    media_type: &str,
    at: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (sha256) DO NOTHING",
        params![sha, size as i64, media_type, at],
    )?;
    Ok(())
}
