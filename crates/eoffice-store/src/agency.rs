//! The agency this database belongs to (standalone mode holds one).

use crate::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyRow {
    pub id: String,
    pub name: String,
    pub abbreviation: Option<String>,
    pub place: Option<String>,
    pub created_at: String,
}

pub fn insert(conn: &Connection, a: &AgencyRow) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO agency (id, name, abbreviation, place, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.id, a.name, a.abbreviation, a.place, a.created_at],
    )?;
    Ok(())
}

pub fn get(conn: &Connection) -> Result<Option<AgencyRow>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, name, abbreviation, place, created_at FROM agency ORDER BY rowid LIMIT 1",
            [],
            |r| {
                Ok(AgencyRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    abbreviation: r.get(2)?,
                    place: r.get(3)?,
                    created_at: r.get(4)?,
                })
            },
        )
        .optional()?)
}
