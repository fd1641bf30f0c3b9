//! Registry books and their sequences. Numbers are issued inside the
//! registering transaction, from `last_number`, so two registrations can
//! never take the same number and no number is skipped.

use crate::StoreError;
use eoffice_domain::book::{BookDirection, BookSequence, BookSpec};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookRow {
    pub id: String,
    pub agency_id: String,
    pub direction: BookDirection,
    pub year: i32,
    pub secret: bool,
    pub name: String,
    pub last_number: u32,
    pub closed_at: Option<String>,
    pub normative: bool,
}

impl BookRow {
    pub fn sequence(&self) -> BookSequence {
        BookSequence {
            spec: BookSpec {
                direction: self.direction,
                year: self.year,
                secret: self.secret,
                normative: self.normative,
            },
            closed: self.closed_at.is_some(),
            last_issued: (self.last_number > 0).then_some(self.last_number),
        }
    }
}

/// A readable, stable identifier: `incoming-2026`, `incoming-2026-mat`.
pub fn book_id(spec: &BookSpec) -> String {
    let mut id = format!("{}-{}", spec.direction.code(), spec.year);
    if spec.secret {
        id.push_str("-mat");
    }
    if spec.normative {
        id.push_str("-qppl");
    }
    id
}

/// Provisional entries waiting for the server's number live in a book of
/// their own, `pending-incoming-2026`, stored with the year negated so it
/// never collides with the real book of that year.
pub fn pending_book_id(year: i32) -> String {
    format!("pending-incoming-{year}")
}

pub fn is_pending(book_id: &str) -> bool {
    book_id.starts_with("pending-")
}

/// The pending book for `year`, created when first needed.
pub fn get_or_create_pending(
    conn: &Connection,
    agency_id: &str,
    year: i32,
) -> Result<BookRow, StoreError> {
    let id = pending_book_id(year);
    if let Some(b) = get(conn, &id)? {
        return Ok(b);
    }
    conn.execute(
        "INSERT INTO books (id, agency_id, direction, year, secret, name) VALUES (?1, ?2, 'incoming', ?3, 0, ?4)",
        params![id, agency_id, -year, format!("Văn bản đến chờ cấp số năm {year}")],
    )?;
    Ok(get(conn, &id)?.expect("just inserted"))
}

/// A book as the server describes it; its last number is the server's.
pub fn upsert_from_server(conn: &Connection, b: &BookRow) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO books (id, agency_id, direction, year, secret, name, last_number, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name,
             last_number = max(books.last_number, excluded.last_number), closed_at = excluded.closed_at",
        params![b.id, b.agency_id, b.direction.code(), b.year, b.secret as i64, b.name, b.last_number, b.closed_at],
    )?;
    Ok(())
}

/// Raises a book's last number to what the server issued.
pub fn raise_last_number(conn: &Connection, id: &str, n: u32) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE books SET last_number = max(last_number, ?2) WHERE id = ?1",
        params![id, n],
    )?;
    Ok(())
}

/// Takes the next provisional number of the pending book.
pub fn next_provisional(conn: &Connection, id: &str) -> Result<u32, StoreError> {
    Ok(conn.query_row(
        "UPDATE books SET last_number = last_number + 1 WHERE id = ?1 RETURNING last_number",
        [id],
        |r| r.get(0),
    )?)
}

const COLUMNS: &str =
    "id, agency_id, direction, year, secret, name, last_number, closed_at, normative";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BookRow> {
    let dir: String = r.get(2)?;
    Ok(BookRow {
        id: r.get(0)?,
        agency_id: r.get(1)?,
        direction: BookDirection::from_code(&dir).unwrap_or(BookDirection::Incoming),
        year: r.get(3)?,
        secret: r.get::<_, i64>(4)? == 1,
        name: r.get(5)?,
        last_number: r.get(6)?,
        closed_at: r.get(7)?,
        normative: r.get::<_, i64>(8)? == 1,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<BookRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM books WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?)
}

/// The book of a direction, year and secrecy, whatever its id (the
/// server's ids differ from a standalone folder's).
pub fn find(conn: &Connection, spec: &BookSpec) -> Result<Option<BookRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM books WHERE direction = ?1 AND year = ?2 AND secret = ?3 AND normative = ?4"
            ),
            params![spec.direction.code(), spec.year, spec.secret as i64, spec.normative as i64],
            row,
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<BookRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM books ORDER BY year DESC, direction, secret, normative"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The book for `spec`, created on first use of a new year.
pub fn get_or_create(
    conn: &Connection,
    agency_id: &str,
    spec: &BookSpec,
) -> Result<(BookRow, bool), StoreError> {
    let id = book_id(spec);
    if let Some(b) = get(conn, &id)? {
        return Ok((b, false));
    }
    conn.execute(
        "INSERT INTO books (id, agency_id, direction, year, secret, name, normative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, agency_id, spec.direction.code(), spec.year, spec.secret as i64, spec.default_name(), spec.normative as i64],
    )?;
    Ok((get(conn, &id)?.expect("just inserted"), true))
}

pub fn set_last_number(conn: &Connection, id: &str, n: u32) -> Result<(), StoreError> {
    let changed = conn.execute(
        "UPDATE books SET last_number = ?2 WHERE id = ?1 AND last_number = ?2 - 1",
        params![id, n],
    )?;
    if changed != 1 {
        return Err(StoreError::Corrupt(format!(
            "book {id}: number {n} does not follow the last one"
        )));
    }
    Ok(())
}

/// Sub-number letters already issued after `after` in a book.
pub fn used_subs(conn: &Connection, book: &str, after: u32) -> Result<Vec<char>, StoreError> {
    let mut stmt = conn.prepare("SELECT arrival_sub FROM incoming WHERE book_id = ?1 AND arrival_number = ?2 AND arrival_sub <> ''")?;
    let rows = stmt.query_map(params![book, after], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for s in rows {
        out.extend(s?.chars().next());
    }
    Ok(out)
}

pub fn close(conn: &Connection, id: &str, at: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE books SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
        params![id, at],
    )? == 1)
}
