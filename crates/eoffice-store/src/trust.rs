//! The agency's trust roots for verifying signed PDFs, as DER.

use crate::StoreError;
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustRoot {
    pub sha256: String,
    pub der: Vec<u8>,
    pub subject: String,
    pub not_after: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

/// Adds a root; true when it was not there yet.
pub fn add(conn: &Connection, r: &TrustRoot) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "INSERT INTO trust_roots (sha256, der, subject, not_after, added_by, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sha256) DO NOTHING",
        params![
            r.sha256,
            r.der,
            r.subject,
            r.not_after,
            r.added_by,
            r.added_at
        ],
    )? == 1)
}

pub fn list(conn: &Connection) -> Result<Vec<TrustRoot>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT sha256, der, subject, not_after, added_by, added_at FROM trust_roots ORDER BY added_at",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(TrustRoot {
            sha256: r.get(0)?,
            der: r.get(1)?,
            subject: r.get(2)?,
            not_after: r.get(3)?,
            added_by: r.get(4)?,
            added_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn remove(conn: &Connection, sha256: &str) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM trust_roots WHERE sha256 = ?1", [sha256])? == 1)
}
