//! `incoming.import`: a standalone agency adopts the server without
//! retyping a year. Each document arrives with the number its own
//! authority (the standalone database) issued; the server keeps it, and
//! refuses one that would collide with a number it issued itself.

use super::{args, Outcome};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::{self, Actor};
use chrono::NaiveDate;
use eoffice_domain::book::{BookDirection, BookSpec};
use eoffice_domain::EventKind;
use eoffice_sync::ImportArgs;
use serde_json::json;
use uuid::Uuid;

pub async fn decide(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    command_id: Uuid,
    raw: &serde_json::Value,
) -> ApiResult<Outcome> {
    if user.role != "admin" {
        return Ok(Outcome::rejected(
            "forbidden",
            "Chỉ quản trị của cơ quan được chuyển dữ liệu lên máy chủ.",
            format!("role {} may not import documents", user.role),
        ));
    }
    let a: ImportArgs = match args(raw) {
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
    let checks = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM blob_access WHERE sha256 = $1 AND agency_id = $2),
                    EXISTS (SELECT 1 FROM documents WHERE id = $3)",
            &[&a.sha256, &user.agency_id, &doc_id],
        )
        .await?;
    if !checks.get::<_, bool>(0) {
        return Ok(Outcome::Retry {
            code: "blob_missing",
            vi: "Tệp gốc chưa được tải lên máy chủ.".into(),
            en: format!("blob {} is not uploaded yet", a.sha256),
        });
    }
    if checks.get::<_, bool>(1) {
        return Ok(Outcome::rejected(
            "conflict",
            "Văn bản đã có trên máy chủ.",
            "document id already used",
        ));
    }
    // The agency's lock first, as registration takes it: it guards the
    // books and the feed, and one order means no deadlock.
    tx.execute(
        "SELECT 1 FROM agencies WHERE id = $1 FOR NO KEY UPDATE",
        &[&user.agency_id],
    )
    .await?;
    let spec = BookSpec::for_document(BookDirection::Incoming, a.year, None);
    let book_id = format!("{}/incoming-{}", user.agency_id, spec.year);
    let now = feed::vietnam_now();
    let actor = Actor::from(user);
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
    tx.execute("SELECT 1 FROM books WHERE id = $1 FOR UPDATE", &[&book_id])
        .await?;
    let sub = a.arrival_sub.clone().unwrap_or_default();
    let number = eoffice_domain::DocNumber {
        value: a.arrival_number,
        sub: sub.chars().next(),
    };
    let taken = tx
        .query_opt(
            "SELECT 1 FROM documents WHERE book_id = $1 AND arrival_number = $2 AND arrival_sub = $3",
            &[&book_id, &(a.arrival_number as i32), &sub],
        )
        .await?;
    if taken.is_some() {
        return Ok(Outcome::rejected(
            "conflict",
            format!(
                "Số đến {number} của năm {} đã được máy chủ cấp cho văn bản khác.",
                a.year
            ),
            format!(
                "number {number} of {} is already used on the server",
                a.year
            ),
        ));
    }
    let mut snapshot = a.fields.clone();
    if let Some(o) = snapshot.as_object_mut() {
        o.insert("Id".into(), json!(a.document_id));
        o.insert("BookId".into(), json!(book_id));
        o.insert("ArrivalNumber".into(), json!(number.to_string()));
        o.insert("ArrivalDate".into(), json!(a.arrival_date));
        o.insert("State".into(), json!("registered"));
        o.insert("Sha256".into(), json!(a.sha256));
        o.insert("FileName".into(), json!(a.file_name));
        o.insert("DuplicateKey".into(), json!(a.duplicate_key));
        o.insert("ImportedHistory".into(), json!(a.history));
    }
    tx.execute(
        "WITH book AS (UPDATE books SET last_number = GREATEST(last_number, $4) WHERE id = $3)
         INSERT INTO documents (id, agency_id, book_id, arrival_number, arrival_sub, arrival_date, state, duplicate_key, snapshot, blob_sha256, body_text)
         VALUES ($1, $2, $3, $4, $11, $5, $6, $7, $8, $9, $10)",
        &[
            &doc_id,
            &user.agency_id,
            &book_id,
            &(a.arrival_number as i32),
            &arrival,
            &a.state,
            &a.duplicate_key,
            &snapshot,
            &a.sha256,
            &a.text,
            &sub,
        ],
    )
    .await?;
    tx.execute(
        "INSERT INTO blob_access (sha256, agency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&a.sha256, &user.agency_id],
    )
    .await?;
    let returned = json!({ "Reason": a.return_reason });
    let mut evs = vec![feed::NewFeedEvent {
        stream: &a.document_id,
        stream_version: 1,
        kind: EventKind::IncomingRegistered,
        payload: &snapshot,
    }];
    if a.state == "returned" {
        evs.push(feed::NewFeedEvent {
            stream: &a.document_id,
            stream_version: 2,
            kind: EventKind::IncomingReturned,
            payload: &returned,
        });
    }
    feed::append_all(tx, &user.agency_id, &actor, &now, Some(command_id), &evs).await?;
    Ok(Outcome::Applied(
        json!({ "DocumentId": a.document_id, "BookId": book_id, "ArrivalNumber": number.to_string() }),
    ))
}
