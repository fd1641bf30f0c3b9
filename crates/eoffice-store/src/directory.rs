//! The directory rows: units and users (local or copied from the server).

use crate::StoreError;
use eoffice_domain::{Person, Role, Unit};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub person: Person,
    pub password_hash: Option<String>,
    pub disabled: bool,
}

pub fn units(conn: &Connection) -> Result<Vec<Unit>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT code, name FROM directory_units ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(Unit {
            code: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn user_from(r: &rusqlite::Row) -> rusqlite::Result<UserRow> {
    let role: String = r.get(2)?;
    Ok(UserRow {
        person: Person {
            username: r.get(0)?,
            full_name: r.get(1)?,
            role: Role::from_code(&role).unwrap_or(Role::Specialist),
            unit: r.get(3)?,
        },
        password_hash: r.get(4)?,
        disabled: r.get::<_, i64>(5)? != 0,
    })
}

pub fn users(conn: &Connection) -> Result<Vec<UserRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT username, full_name, role, unit_code, password_hash, disabled
         FROM directory_users ORDER BY username",
    )?;
    let rows = stmt.query_map([], user_from)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn user(conn: &Connection, username: &str) -> Result<Option<UserRow>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT username, full_name, role, unit_code, password_hash, disabled
             FROM directory_users WHERE username = ?1",
            [username],
            user_from,
        )
        .optional()?)
}

pub fn count_users(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn.query_row("SELECT COUNT(*) FROM directory_users", [], |r| r.get(0))?)
}

pub fn upsert_unit(conn: &Connection, u: &Unit) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO directory_units (code, name) VALUES (?1, ?2)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name",
        params![u.code, u.name],
    )?;
    Ok(())
}

pub fn upsert_user(conn: &Connection, u: &UserRow, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO directory_users (username, full_name, role, unit_code, password_hash, disabled, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (username) DO UPDATE SET full_name = excluded.full_name, role = excluded.role,
             unit_code = excluded.unit_code, disabled = excluded.disabled,
             password_hash = COALESCE(excluded.password_hash, directory_users.password_hash)",
        params![
            u.person.username,
            u.person.full_name,
            u.person.role.code(),
            u.person.unit,
            u.password_hash,
            u.disabled as i64,
            at
        ],
    )?;
    Ok(())
}

/// Replaces the whole directory with the server's (connected mode).
pub fn replace_from_server(
    conn: &Connection,
    units: &[Unit],
    people: &[Person],
    at: &str,
) -> Result<(), StoreError> {
    conn.execute("DELETE FROM directory_units", [])?;
    conn.execute("DELETE FROM directory_users", [])?;
    for u in units {
        upsert_unit(conn, u)?;
    }
    for p in people {
        upsert_user(
            conn,
            &UserRow {
                person: p.clone(),
                password_hash: None,
                disabled: false,
            },
            at,
        )?;
    }
    Ok(())
}
