//! The document exchange (schema v6): the directory of organs, the queue of
//! packages received ("Văn bản điện tử đến"), the statuses owed to senders,
//! and per recipient what was sent and the latest status heard. Each key is
//! chosen so that a delivery or a status repeated by a retry is one row.

use crate::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organ {
    pub organ_id: String,
    pub name: String,
    pub address: String,
    pub email: String,
    pub telephone: String,
    pub website: String,
    /// `province` or `gateway`.
    pub route: String,
}

pub fn put_organ(conn: &Connection, o: &Organ) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO organs (organ_id, name, address, email, telephone, website, route)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (organ_id) DO UPDATE SET name = excluded.name, address = excluded.address,
             email = excluded.email, telephone = excluded.telephone,
             website = excluded.website, route = excluded.route",
        params![
            o.organ_id,
            o.name,
            o.address,
            o.email,
            o.telephone,
            o.website,
            o.route
        ],
    )?;
    Ok(())
}

fn organ_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Organ> {
    Ok(Organ {
        organ_id: r.get(0)?,
        name: r.get(1)?,
        address: r.get(2)?,
        email: r.get(3)?,
        telephone: r.get(4)?,
        website: r.get(5)?,
        route: r.get(6)?,
    })
}

const ORGAN_COLUMNS: &str = "organ_id, name, address, email, telephone, website, route";

pub fn organ(conn: &Connection, organ_id: &str) -> Result<Option<Organ>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {ORGAN_COLUMNS} FROM organs WHERE organ_id = ?1"),
            [organ_id],
            organ_row,
        )
        .optional()?)
}

pub fn organs(conn: &Connection) -> Result<Vec<Organ>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ORGAN_COLUMNS} FROM organs ORDER BY name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], organ_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub id: String,
    pub document_id: String,
    pub from_organ: String,
    pub from_name: String,
    pub bussiness_doc_type: u8,
    pub package_sha: String,
    pub package_blob: String,
    pub attachment_sha: Option<String>,
    pub subject: String,
    pub fields: String,
    pub signatures: Option<String>,
    pub xml_signer: Option<String>,
    pub xml_trusted: Option<bool>,
    pub state: String,
    pub incoming_id: Option<String>,
    pub reason: Option<String>,
    pub received_at: String,
    pub decided_at: Option<String>,
}

const RECEIVED_COLUMNS: &str = "id, document_id, from_organ, from_name, bussiness_doc_type,
    package_sha, package_blob, attachment_sha, subject, fields, signatures, xml_signer, xml_trusted,
    state, incoming_id, reason, received_at, decided_at";

fn received_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Received> {
    Ok(Received {
        id: r.get(0)?,
        document_id: r.get(1)?,
        from_organ: r.get(2)?,
        from_name: r.get(3)?,
        bussiness_doc_type: r.get(4)?,
        package_sha: r.get(5)?,
        package_blob: r.get(6)?,
        attachment_sha: r.get(7)?,
        subject: r.get(8)?,
        fields: r.get(9)?,
        signatures: r.get(10)?,
        xml_signer: r.get(11)?,
        xml_trusted: r.get(12)?,
        state: r.get(13)?,
        incoming_id: r.get(14)?,
        reason: r.get(15)?,
        received_at: r.get(16)?,
        decided_at: r.get(17)?,
    })
}

/// Records a package; false (and nothing written) when the same package
/// was received before.
pub fn insert_received(conn: &Connection, r: &Received) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "INSERT INTO exchange_in (id, document_id, from_organ, from_name, bussiness_doc_type,
             package_sha, package_blob, attachment_sha, subject, fields, signatures, xml_signer,
             xml_trusted, state, incoming_id, reason, received_at, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT (document_id, bussiness_doc_type, package_sha) DO NOTHING",
        params![
            r.id,
            r.document_id,
            r.from_organ,
            r.from_name,
            r.bussiness_doc_type,
            r.package_sha,
            r.package_blob,
            r.attachment_sha,
            r.subject,
            r.fields,
            r.signatures,
            r.xml_signer,
            r.xml_trusted,
            r.state,
            r.incoming_id,
            r.reason,
            r.received_at,
            r.decided_at
        ],
    )? == 1)
}

pub fn received(conn: &Connection, id: &str) -> Result<Option<Received>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {RECEIVED_COLUMNS} FROM exchange_in WHERE id = ?1"),
            [id],
            received_row,
        )
        .optional()?)
}

/// The documents received for a DocumentId, new or updated (a recall or
/// an update names the document it applies to this way), oldest first.
pub fn received_documents(
    conn: &Connection,
    document_id: &str,
) -> Result<Vec<Received>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {RECEIVED_COLUMNS} FROM exchange_in
         WHERE document_id = ?1 AND bussiness_doc_type IN (0, 2, 3) ORDER BY received_at, id"
    ))?;
    let rows = stmt.query_map([document_id], received_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The queue, newest first; `state` None for every row.
pub fn received_list(conn: &Connection, state: Option<&str>) -> Result<Vec<Received>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {RECEIVED_COLUMNS} FROM exchange_in WHERE ?1 IS NULL OR state = ?1
         ORDER BY received_at DESC, id"
    ))?;
    let rows = stmt.query_map([state], received_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn decide_received(
    conn: &Connection,
    id: &str,
    state: &str,
    incoming_id: Option<&str>,
    reason: Option<&str>,
    at: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE exchange_in SET state = ?2, incoming_id = COALESCE(?3, incoming_id),
             reason = COALESCE(?4, reason), decided_at = ?5 WHERE id = ?1",
        params![id, state, incoming_id, reason, at],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusOut {
    pub document_id: String,
    pub to_organ: String,
    pub code: String,
    pub description: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub attempts: u32,
}

/// Owes a status; false when it was owed (or sent) already.
pub fn owe_status(
    conn: &Connection,
    document_id: &str,
    to_organ: &str,
    code: &str,
    description: &str,
    at: &str,
) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "INSERT INTO exchange_status_out (document_id, to_organ, code, description, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        params![document_id, to_organ, code, description, at],
    )? == 1)
}

fn status_out_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StatusOut> {
    Ok(StatusOut {
        document_id: r.get(0)?,
        to_organ: r.get(1)?,
        code: r.get(2)?,
        description: r.get(3)?,
        created_at: r.get(4)?,
        sent_at: r.get(5)?,
        attempts: r.get(6)?,
    })
}

/// Statuses not yet taken by a transport, in the order they were owed.
pub fn statuses_unsent(conn: &Connection) -> Result<Vec<StatusOut>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT document_id, to_organ, code, description, created_at, sent_at, attempts
         FROM exchange_status_out WHERE sent_at IS NULL ORDER BY created_at, code",
    )?;
    let rows = stmt.query_map([], status_out_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn statuses_for(conn: &Connection, document_id: &str) -> Result<Vec<StatusOut>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT document_id, to_organ, code, description, created_at, sent_at, attempts
         FROM exchange_status_out WHERE document_id = ?1 ORDER BY code",
    )?;
    let rows = stmt.query_map([document_id], status_out_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn status_sent(
    conn: &Connection,
    s: &StatusOut,
    outcome: Result<&str, &str>,
) -> Result<(), StoreError> {
    match outcome {
        Ok(at) => conn.execute(
            "UPDATE exchange_status_out SET sent_at = ?4, attempts = attempts + 1, last_error = NULL
             WHERE document_id = ?1 AND to_organ = ?2 AND code = ?3",
            params![s.document_id, s.to_organ, s.code, at],
        )?,
        Err(why) => conn.execute(
            "UPDATE exchange_status_out SET attempts = attempts + 1, last_error = ?4
             WHERE document_id = ?1 AND to_organ = ?2 AND code = ?3",
            params![s.document_id, s.to_organ, s.code, why],
        )?,
    };
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub outgoing_id: String,
    pub document_id: String,
    pub to_organ: String,
    pub to_name: String,
    pub route: String,
    pub bussiness_doc_type: u8,
    pub package_sha: String,
    pub sent_at: Option<String>,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub status_code: Option<String>,
    pub status_at: Option<String>,
    pub status_note: Option<String>,
}

const SENT_COLUMNS: &str = "outgoing_id, document_id, to_organ, to_name, route,
    bussiness_doc_type, package_sha, sent_at, attempts, last_error, status_code, status_at,
    status_note";

fn sent_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Sent> {
    Ok(Sent {
        outgoing_id: r.get(0)?,
        document_id: r.get(1)?,
        to_organ: r.get(2)?,
        to_name: r.get(3)?,
        route: r.get(4)?,
        bussiness_doc_type: r.get(5)?,
        package_sha: r.get(6)?,
        sent_at: r.get(7)?,
        attempts: r.get(8)?,
        last_error: r.get(9)?,
        status_code: r.get(10)?,
        status_at: r.get(11)?,
        status_note: r.get(12)?,
    })
}

/// A recipient to send to (or to send again, with another business type).
pub fn plan_send(conn: &Connection, s: &Sent) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO exchange_out (outgoing_id, document_id, to_organ, to_name, route,
             bussiness_doc_type, package_sha)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (outgoing_id, to_organ) DO UPDATE SET
             bussiness_doc_type = excluded.bussiness_doc_type, route = excluded.route,
             package_sha = excluded.package_sha, attempts = 0, last_error = NULL,
             sent_at = NULL",
        params![
            s.outgoing_id,
            s.document_id,
            s.to_organ,
            s.to_name,
            s.route,
            s.bussiness_doc_type,
            s.package_sha
        ],
    )?;
    Ok(())
}

pub fn sent_for(conn: &Connection, outgoing_id: &str) -> Result<Vec<Sent>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SENT_COLUMNS} FROM exchange_out WHERE outgoing_id = ?1 ORDER BY to_name"
    ))?;
    let rows = stmt.query_map([outgoing_id], sent_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn sent_by_document(
    conn: &Connection,
    document_id: &str,
    to_organ: &str,
) -> Result<Option<Sent>, StoreError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {SENT_COLUMNS} FROM exchange_out WHERE document_id = ?1 AND to_organ = ?2"
            ),
            [document_id, to_organ],
            sent_row,
        )
        .optional()?)
}

pub fn unsent(conn: &Connection) -> Result<Vec<Sent>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SENT_COLUMNS} FROM exchange_out WHERE sent_at IS NULL ORDER BY outgoing_id, to_organ"
    ))?;
    let rows = stmt.query_map([], sent_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn mark_sent(
    conn: &Connection,
    s: &Sent,
    outcome: Result<&str, &str>,
) -> Result<(), StoreError> {
    match outcome {
        Ok(at) => conn.execute(
            "UPDATE exchange_out SET sent_at = ?3, attempts = attempts + 1, last_error = NULL
             WHERE outgoing_id = ?1 AND to_organ = ?2",
            params![s.outgoing_id, s.to_organ, at],
        )?,
        Err(why) => conn.execute(
            "UPDATE exchange_out SET attempts = attempts + 1, last_error = ?3
             WHERE outgoing_id = ?1 AND to_organ = ?2",
            params![s.outgoing_id, s.to_organ, why],
        )?,
    };
    Ok(())
}

/// Records a status heard from a recipient; false when it was heard
/// before. The recipient's latest status moves only forward in `rank`.
pub fn hear_status(
    conn: &Connection,
    document_id: &str,
    from_organ: &str,
    code: &str,
    description: &str,
    at: &str,
    rank_of: impl Fn(&str) -> u8,
) -> Result<bool, StoreError> {
    let new = conn.execute(
        "INSERT INTO exchange_status_in (document_id, from_organ, code, description, at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        params![document_id, from_organ, code, description, at],
    )? == 1;
    if !new {
        return Ok(false);
    }
    if let Some(sent) = sent_by_document(conn, document_id, from_organ)? {
        let current = sent.status_code.as_deref().map(&rank_of).unwrap_or(0);
        if rank_of(code) > current {
            conn.execute(
                "UPDATE exchange_out SET status_code = ?3, status_at = ?4, status_note = ?5
                 WHERE document_id = ?1 AND to_organ = ?2",
                params![document_id, from_organ, code, at, description],
            )?;
        }
    }
    Ok(true)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusHeard {
    pub from_organ: String,
    pub code: String,
    pub description: String,
    pub at: String,
}

pub fn statuses_heard(
    conn: &Connection,
    document_id: &str,
) -> Result<Vec<StatusHeard>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT from_organ, code, description, at FROM exchange_status_in
         WHERE document_id = ?1 ORDER BY from_organ, at, rowid",
    )?;
    let rows = stmt.query_map([document_id], |r| {
        Ok(StatusHeard {
            from_organ: r.get(0)?,
            code: r.get(1)?,
            description: r.get(2)?,
            at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointRow {
    pub route: String,
    pub url: String,
    pub system_id: String,
    pub secret_key: String,
}

pub fn put_endpoint(conn: &Connection, e: &EndpointRow, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO exchange_endpoints (route, url, system_id, secret_key, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (route) DO UPDATE SET url = excluded.url, system_id = excluded.system_id,
             secret_key = excluded.secret_key, updated_at = excluded.updated_at",
        params![e.route, e.url, e.system_id, e.secret_key, at],
    )?;
    Ok(())
}

pub fn endpoints(conn: &Connection) -> Result<Vec<EndpointRow>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT route, url, system_id, secret_key FROM exchange_endpoints ORDER BY route DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(EndpointRow {
            route: r.get(0)?,
            url: r.get(1)?,
            system_id: r.get(2)?,
            secret_key: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
