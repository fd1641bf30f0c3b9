//! The receiving side of a recall (BussinessDocType 1, domain.md §11): a
//! registered document's content and metadata are removed, its book entry
//! stays as the record, and the recall is an event of its stream.

use crate::event_log::{record, Actor};
use crate::AppResult;
use chrono::{DateTime, FixedOffset};
use eoffice_domain::EventKind;
use eoffice_store::exchange::{self, Received};
use rusqlite::Connection;

pub(crate) fn remove_recalled(
    conn: &Connection,
    agency_id: &str,
    r: &Received,
    reason: &str,
    now: DateTime<FixedOffset>,
) -> AppResult<()> {
    let at = now.to_rfc3339();
    if let Some(incoming_id) = &r.incoming_id {
        let note = if reason.trim().is_empty() {
            format!("Văn bản đã bị {} thu hồi", r.from_name)
        } else {
            format!("Văn bản đã bị {} thu hồi: {}", r.from_name, reason.trim())
        };
        eoffice_store::incoming::strip_recalled(conn, incoming_id, &note, &at)?;
        record(
            conn,
            agency_id,
            &Actor {
                login: format!("liên thông:{}", r.from_organ),
                name: r.from_name.clone(),
            },
            now,
            incoming_id,
            EventKind::IncomingRecalled,
            serde_json::json!({ "DocumentId": r.document_id, "From": r.from_organ, "Reason": reason }),
        )?;
    }
    exchange::decide_received(conn, &r.id, "recalled", None, Some(reason), &at)?;
    Ok(())
}
