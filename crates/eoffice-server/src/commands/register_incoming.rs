//! `incoming.register` on the number authority: the next số đến of the
//! agency's book for the year, issued inside this transaction under the
//! book's row lock, so numbers are gap-free and never issued twice
//! (domain.md §3, §5), whichever instance or client asks.

use super::{args, Outcome};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::{self, Actor};
use chrono::{Datelike, NaiveDate};
use eoffice_domain::book::{BookDirection, BookSequence, BookSpec};
use eoffice_domain::incoming::{apply, decide as decide_incoming, IncomingCommand};
use eoffice_domain::EventKind;
use eoffice_sync::RegisterArgs;
use serde_json::json;
use uuid::Uuid;

pub async fn decide(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    command_id: Uuid,
    raw: &serde_json::Value,
) -> ApiResult<Outcome> {
    if user.role != "clerk" {
        return Ok(Outcome::rejected(
            "forbidden",
            "Chỉ văn thư được vào sổ văn bản đến.",
            format!("role {} may not register incoming documents", user.role),
        ));
    }
    let a: RegisterArgs = match args(raw) {
        Ok(a) => a,
        Err(o) => return Ok(o),
    };
    let Ok(doc_id) = Uuid::parse_str(&a.document_id) else {
        return Ok(Outcome::rejected(
            "invalid_input",
            "Mã văn bản không hợp lệ.",
            "document id is not a UUID",
        ));
    };
    // Secret documents never travel (domain.md §4); a client that sends one
    // anyway is refused, and nothing of it is kept.
    if !a.fields.get("Secrecy").is_none_or(|s| s.is_null()) {
        return Ok(Outcome::rejected(
            "secret",
            "Văn bản mật không được gửi lên máy chủ.",
            "secret documents never leave the desktop",
        ));
    }
    let Ok(arrival) = NaiveDate::parse_from_str(&a.arrival_date, "%Y-%m-%d") else {
        return Ok(Outcome::rejected(
            "invalid_input",
            "Ngày đến không hợp lệ.",
            "ArrivalDate must be YYYY-MM-DD",
        ));
    };
    for (field, vi) in [("Subject", "Trích yếu"), ("OrganName", "Cơ quan ban hành")] {
        if a.fields
            .get(field)
            .and_then(|v| v.as_str())
            .is_none_or(|s| s.trim().is_empty())
        {
            return Ok(Outcome::rejected(
                "invalid_input",
                format!("Thiếu {vi}."),
                format!("{field} is required"),
            ));
        }
    }
    // The checks before the book's lock, in one round trip.
    let checks = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM blob_access WHERE sha256 = $1 AND agency_id = $2),
                    EXISTS (SELECT 1 FROM documents WHERE id = $3),
                    (SELECT id::TEXT || ' ' || arrival_number || ' ' || arrival_sub || ' ' || arrival_date::TEXT FROM documents
                      WHERE agency_id = $2 AND duplicate_key = $4 LIMIT 1)",
            &[&a.sha256, &user.agency_id, &doc_id, &a.duplicate_key],
        )
        .await?;
    let (has_blob, taken, duplicate): (bool, bool, Option<String>) =
        (checks.get(0), checks.get(1), checks.get(2));
    if !has_blob {
        return Ok(Outcome::Retry {
            code: "blob_missing",
            vi: "Tệp gốc chưa được tải lên máy chủ.".into(),
            en: format!("blob {} is not uploaded yet", a.sha256),
        });
    }
    if taken {
        return Ok(Outcome::rejected(
            "conflict",
            "Văn bản đã có trên máy chủ.",
            "document id already used",
        ));
    }
    if let (Some(dup), false) = (duplicate, a.allow_duplicate) {
        let parts: Vec<&str> = dup.split(' ').collect();
        let number = eoffice_domain::DocNumber {
            value: parts.get(1).and_then(|n| n.parse().ok()).unwrap_or(0),
            sub: parts.get(2).and_then(|s| s.chars().next()),
        }
        .to_string();
        let date = parts.last().copied().unwrap_or("");
        return Ok(Outcome::Rejected {
            code: "duplicate",
            vi: format!("Văn bản này đã được vào sổ: số đến {number}, ngày {date}."),
            en: format!("already registered as {number} on {date} (id {})", parts[0]),
        });
    }

    let spec = BookSpec::for_document(BookDirection::Incoming, arrival.year(), None);
    let book_id = format!("{}/incoming-{}", user.agency_id, spec.year);
    let now = feed::vietnam_now();
    let actor = Actor::from(user);
    // Locks the book's row (a no-op update) and reads its sequence at once.
    const LOCK_BOOK: &str = "UPDATE books SET last_number = last_number WHERE id = $1 RETURNING last_number, closed_at IS NOT NULL";
    let mut book = tx.query_opt(LOCK_BOOK, &[&book_id]).await?;
    if book.is_none() {
        // Books for a year open by themselves on its first registration.
        let opened = tx
            .execute(
                "INSERT INTO books (id, agency_id, direction, year, secret, name) VALUES ($1, $2, 'incoming', $3, false, $4)
                 ON CONFLICT (agency_id, direction, year, secret) DO NOTHING",
                &[&book_id, &user.agency_id, &spec.year, &spec.default_name()],
            )
            .await?;
        if opened == 1 {
            feed::append(
                tx,
                &user.agency_id,
                &book_id,
                &actor,
                &now,
                EventKind::BookOpened,
                Some(command_id),
                &json!({ "BookId": book_id, "Year": spec.year, "Secret": false, "Name": spec.default_name(), "Direction": "incoming" }),
            )
            .await?;
        }
        book = tx.query_opt(LOCK_BOOK, &[&book_id]).await?;
    }
    let book = book.expect("the book exists now");
    let last: i32 = book.get(0);
    let sequence = BookSequence {
        spec: spec.clone(),
        closed: book.get(1),
        last_issued: (last > 0).then_some(last as u32),
    };
    let number = match sequence.next(spec.year, false) {
        Ok(n) => n,
        Err(e) => {
            let code = if matches!(e, eoffice_domain::BookError::Closed { .. }) {
                "book_closed"
            } else {
                "invalid_input"
            };
            return Ok(Outcome::rejected(code, e.message_vi(), e.to_string()));
        }
    };
    let at = chrono::DateTime::parse_from_rfc3339(&now).expect("made here");
    let received = decide_incoming(None, &IncomingCommand::Receive { at })
        .expect("a new document is received");
    let state = apply(None, &received[0]);
    let registered = decide_incoming(
        Some(&state),
        &IncomingCommand::Register {
            book_id: book_id.clone(),
            number: number.clone(),
            at,
        },
    )
    .expect("a received document registers");
    let state = apply(Some(state), &registered[0]);

    let mut snapshot = a.fields.clone();
    if let Some(o) = snapshot.as_object_mut() {
        o.insert("Id".into(), json!(a.document_id));
        o.insert("BookId".into(), json!(book_id));
        o.insert("ArrivalNumber".into(), json!(number.to_string()));
        o.insert("ArrivalDate".into(), json!(a.arrival_date));
        o.insert("State".into(), json!(state.code()));
        o.insert("Sha256".into(), json!(a.sha256));
        o.insert("FileName".into(), json!(a.file_name));
        o.insert("DuplicateKey".into(), json!(a.duplicate_key));
    }
    tx.execute(
        "WITH book AS (UPDATE books SET last_number = $4 WHERE id = $3)
         INSERT INTO documents (id, agency_id, book_id, arrival_number, arrival_sub, arrival_date, state, duplicate_key, snapshot, blob_sha256, body_text)
         VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8, $9, $10)",
        &[
            &doc_id,
            &user.agency_id,
            &book_id,
            &(number.value as i32),
            &arrival,
            &state.code(),
            &a.duplicate_key,
            &snapshot,
            &a.sha256,
            &a.text,
        ],
    )
    .await?;
    feed::append_all(
        tx,
        &user.agency_id,
        &actor,
        &now,
        Some(command_id),
        &[
            feed::NewFeedEvent {
                stream: &a.document_id,
                kind: EventKind::IncomingReceived,
                payload: &json!({ "Sha256": a.sha256, "FileName": a.file_name }),
            },
            feed::NewFeedEvent {
                stream: &a.document_id,
                kind: EventKind::IncomingRegistered,
                payload: &snapshot,
            },
        ],
    )
    .await?;
    Ok(Outcome::Applied(json!({
        "DocumentId": a.document_id,
        "BookId": book_id,
        "ArrivalNumber": number.to_string(),
    })))
}
