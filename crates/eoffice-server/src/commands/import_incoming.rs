//! `incoming.import`: a standalone agency adopts the server without
//! retyping a year. Each document arrives with the number its own
//! authority (the standalone database) issued; the server keeps it, and
//! refuses one that would collide with a number it issued itself.

use super::{args, checks, Outcome};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::{self, Actor};
use chrono::NaiveDate;
use eoffice_domain::book::{BookDirection, BookSpec};
use eoffice_domain::{EventKind, Role};
use eoffice_sync::ImportArgs;
use serde_json::json;
use uuid::Uuid;

fn parse(
    user: &AuthUser,
    raw: &serde_json::Value,
) -> Result<(ImportArgs, Uuid, NaiveDate), Outcome> {
    checks::role(
        user,
        Role::may_import_books,
        "Chỉ quản trị của cơ quan được chuyển dữ liệu lên máy chủ.",
    )?;
    let a: ImportArgs = args(raw)?;
    let doc_id = checks::document_id(&a.document_id)?;
    checks::shareable(&a.fields)?;
    let arrival = checks::arrival_date(&a.arrival_date)?;
    Ok((a, doc_id, arrival))
}

pub async fn decide(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    command_id: Uuid,
    raw: &serde_json::Value,
) -> ApiResult<Outcome> {
    let (a, doc_id, arrival) = match parse(user, raw) {
        Ok(p) => p,
        Err(o) => return Ok(o),
    };
    let found = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM blob_access WHERE sha256 = $1 AND agency_id = $2),
                    EXISTS (SELECT 1 FROM documents WHERE id = $3)",
            &[&a.sha256, &user.agency_id, &doc_id],
        )
        .await?;
    if !found.get::<_, bool>(0) {
        return Ok(checks::blob_missing(&a.sha256));
    }
    if found.get::<_, bool>(1) {
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
