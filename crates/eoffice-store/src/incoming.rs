//! Incoming documents (văn bản đến): rows, lists and the duplicate lookup.

pub use crate::incoming_list::{count, list, ListAnchors, ListQuery, ListRow, SortColumn};
use crate::StoreError;
use eoffice_domain::collation::sort_key_prefix;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncomingRow {
    pub seq: i64,
    pub id: String,
    pub agency_id: String,
    pub book_id: String,
    pub arrival_number: u32,
    pub arrival_sub: Option<char>,
    pub arrival_date: String,
    pub state: String,
    pub code_number: Option<String>,
    pub code_notation: Option<String>,
    pub type_name: Option<String>,
    pub issued_date: Option<String>,
    pub place: Option<String>,
    pub organ_name: String,
    pub parent_organ_name: Option<String>,
    pub subject: String,
    pub signer_competence: Option<String>,
    pub signer_position: Option<String>,
    pub signer_full_name: Option<String>,
    pub priority: u8,
    pub secrecy: Option<String>,
    pub to_places: Vec<String>,
    pub addressees: Vec<String>,
    pub page_amount: Option<u32>,
    pub blob_sha256: Option<String>,
    pub file_name: Option<String>,
    pub return_reason: Option<String>,
    pub duplicate_key: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The user who registered it (named on it for access).
    pub registered_by: Option<String>,
}

/// Keys whose byte order is Vietnamese order, kept in indexed columns.
pub struct SortKeys {
    pub organ: String,
    pub subject: String,
    pub code: String,
}

impl SortKeys {
    pub fn new(
        organ: &str,
        subject: &str,
        number: Option<&str>,
        notation: Option<&str>,
    ) -> SortKeys {
        // Numbers sort by value: zero-pad to a fixed width.
        let digits: String = number
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let code = format!(
            "{}|{:0>8}{}",
            sort_key_prefix(notation.unwrap_or(""), 32),
            digits,
            number
                .unwrap_or("")
                .trim_start_matches(|c: char| c.is_ascii_digit())
        );
        SortKeys {
            organ: sort_key_prefix(organ, 48),
            subject: sort_key_prefix(subject, 48),
            code,
        }
    }
}

const COLUMNS: &str = "seq, id, agency_id, book_id, arrival_number, arrival_sub, arrival_date, state, code_number, \
    code_notation, type_name, issued_date, place, organ_name, parent_organ_name, subject, signer_competence, \
    signer_position, signer_full_name, priority, secrecy, to_places, addressees, page_amount, blob_sha256, file_name, \
    return_reason, duplicate_key, created_at, updated_at, registered_by";

fn json_list(s: String) -> Vec<String> {
    serde_json::from_str(&s).unwrap_or_default()
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IncomingRow> {
    let sub: String = r.get(5)?;
    Ok(IncomingRow {
        seq: r.get(0)?,
        id: r.get(1)?,
        agency_id: r.get(2)?,
        book_id: r.get(3)?,
        arrival_number: r.get(4)?,
        arrival_sub: sub.chars().next(),
        arrival_date: r.get(6)?,
        state: r.get(7)?,
        code_number: r.get(8)?,
        code_notation: r.get(9)?,
        type_name: r.get(10)?,
        issued_date: r.get(11)?,
        place: r.get(12)?,
        organ_name: r.get(13)?,
        parent_organ_name: r.get(14)?,
        subject: r.get(15)?,
        signer_competence: r.get(16)?,
        signer_position: r.get(17)?,
        signer_full_name: r.get(18)?,
        priority: r.get(19)?,
        secrecy: r.get(20)?,
        to_places: json_list(r.get(21)?),
        addressees: json_list(r.get(22)?),
        page_amount: r.get(23)?,
        blob_sha256: r.get(24)?,
        file_name: r.get(25)?,
        return_reason: r.get(26)?,
        duplicate_key: r.get(27)?,
        created_at: r.get(28)?,
        updated_at: r.get(29)?,
        registered_by: r.get(30)?,
    })
}

/// Inserts a row and returns its `seq`.
pub fn insert(conn: &Connection, d: &IncomingRow) -> Result<i64, StoreError> {
    let keys = SortKeys::new(
        &d.organ_name,
        &d.subject,
        d.code_number.as_deref(),
        d.code_notation.as_deref(),
    );
    let year: i32 = d
        .arrival_date
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(0);
    conn.prepare_cached(
        "INSERT INTO incoming (id, agency_id, book_id, arrival_number, arrival_sub, arrival_date, arrival_year, state,
            code_number, code_notation, type_name, issued_date, place, organ_name, parent_organ_name, subject,
            signer_competence, signer_position, signer_full_name, priority, secrecy, to_places, addressees,
            page_amount, blob_sha256, file_name, return_reason, duplicate_key, created_at, updated_at,
            organ_key, subject_key, code_key, pending, registered_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
            ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)",
    )?
    .execute(params![
            d.id,
            d.agency_id,
            d.book_id,
            d.arrival_number,
            d.arrival_sub.map(String::from).unwrap_or_default(),
            d.arrival_date,
            year,
            d.state,
            d.code_number,
            d.code_notation,
            d.type_name,
            d.issued_date,
            d.place,
            d.organ_name,
            d.parent_organ_name,
            d.subject,
            d.signer_competence,
            d.signer_position,
            d.signer_full_name,
            d.priority,
            d.secrecy,
            serde_json::to_string(&d.to_places).expect("strings serialise"),
            serde_json::to_string(&d.addressees).expect("strings serialise"),
            d.page_amount,
            d.blob_sha256,
            d.file_name,
            d.return_reason,
            d.duplicate_key,
            d.created_at,
            d.updated_at,
            keys.organ,
            keys.subject,
            keys.code,
            crate::books::is_pending(&d.book_id) as i64,
            d.registered_by,
        ])?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_text(conn: &Connection, seq: i64, body: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO incoming_text (incoming_seq, body) VALUES (?1, ?2)",
        params![seq, body],
    )?;
    Ok(())
}

/// Cached: search reads a few hundred texts per query.
pub fn text(conn: &Connection, seq: i64) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT body FROM incoming_text WHERE incoming_seq = ?1")?
        .query_row([seq], |r| r.get(0))
        .optional()?)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<IncomingRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM incoming WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?)
}

pub fn get_by_seq(conn: &Connection, seq: i64) -> Result<Option<IncomingRow>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM incoming WHERE seq = ?1"))?
        .query_row([seq], row)
        .optional()?)
}

pub fn find_duplicate(conn: &Connection, key: &str) -> Result<Option<IncomingRow>, StoreError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM incoming WHERE duplicate_key = ?1 ORDER BY seq LIMIT 1"
            ),
            [key],
            row,
        )
        .optional()?)
}

pub fn set_returned(conn: &Connection, id: &str, reason: &str, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE incoming SET state = 'returned', return_reason = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, reason, at],
    )?;
    Ok(())
}

/// The server issued the number of a provisional entry: it moves from
/// the pending book into the real one.
pub fn confirm_number(
    conn: &Connection,
    id: &str,
    book_id: &str,
    number: u32,
    state: &str,
    at: &str,
) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE incoming SET book_id = ?2, arrival_number = ?3, arrival_sub = '', pending = 0, state = ?4, updated_at = ?5
          WHERE id = ?1",
        params![id, book_id, number, state, at],
    )? == 1)
}

pub fn set_state(conn: &Connection, id: &str, state: &str, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE incoming SET state = ?2, return_reason = CASE WHEN ?2 = 'returned' THEN return_reason END, updated_at = ?3 WHERE id = ?1",
        params![id, state, at],
    )?;
    Ok(())
}

/// Removes a provisional entry the server refused: the row, its text and
/// its search entries. The original file stays in the blob store.
pub fn remove_provisional(conn: &Connection, id: &str) -> Result<(), StoreError> {
    let Some(seq): Option<i64> = conn
        .query_row(
            "SELECT seq FROM incoming WHERE id = ?1 AND pending = 1",
            [id],
            |r| r.get(0),
        )
        .optional()?
    else {
        return Ok(());
    };
    crate::search::unindex(conn, seq)?;
    conn.execute("DELETE FROM incoming_text WHERE incoming_seq = ?1", [seq])?;
    conn.execute("DELETE FROM incoming WHERE seq = ?1", [seq])?;
    Ok(())
}

/// Every row of one book in book order, for printing and export.
pub fn in_book(conn: &Connection, book_id: &str) -> Result<Vec<IncomingRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM incoming WHERE book_id = ?1 ORDER BY arrival_number, arrival_sub"
    ))?;
    let rows = stmt.query_map([book_id], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Keeps the verification of a signed PDF with its document (domain.md
/// §8): the one-word verdict lists read and the whole report as JSON.
pub fn set_signatures(
    conn: &Connection,
    id: &str,
    verdict: &str,
    report: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE incoming SET signature_verdict = ?2, signatures = ?3 WHERE id = ?1",
        params![id, verdict, report],
    )?;
    Ok(())
}

/// The stored verification of a document: (verdict, report JSON).
pub fn signatures(conn: &Connection, id: &str) -> Result<Option<(String, String)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT signature_verdict, signatures FROM incoming WHERE id = ?1 AND signatures IS NOT NULL",
            [id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?)
}

/// A document the sender recalled (domain.md §11, BussinessDocType 1):
/// its text, file, signer and handling leave; the book entry stays, with
/// the number, the sender and the code, as the record of the recall.
pub fn strip_recalled(conn: &Connection, id: &str, note: &str, at: &str) -> Result<(), StoreError> {
    let Some(seq): Option<i64> = conn
        .query_row("SELECT seq FROM incoming WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
    else {
        return Ok(());
    };
    crate::search::unindex(conn, seq)?;
    conn.execute("DELETE FROM incoming_text WHERE incoming_seq = ?1", [seq])?;
    conn.execute("DELETE FROM tasks WHERE document_id = ?1", [id])?;
    conn.execute("DELETE FROM handling WHERE document_id = ?1", [id])?;
    conn.execute("DELETE FROM doc_access WHERE document_id = ?1", [id])?;
    conn.execute(
        "UPDATE incoming SET state = 'recalled', subject = ?2, signer_competence = NULL,
             signer_position = NULL, signer_full_name = NULL, to_places = '[]', addressees = '[]',
             blob_sha256 = NULL, file_name = NULL, signatures = NULL, signature_verdict = NULL,
             return_reason = ?2, updated_at = ?3
         WHERE seq = ?1",
        params![seq, note, at],
    )?;
    Ok(())
}
