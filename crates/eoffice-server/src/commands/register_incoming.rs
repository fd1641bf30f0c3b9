//! `incoming.register` on the number authority: the next số đến of the
//! agency's book for the year, issued inside this transaction under the
//! agency row's lock (which guards its books' sequences and its feed), so
//! numbers are gap-free and never issued twice (domain.md §3, §5),
//! whichever instance or client asks.
//!
//! The hot path holds the lock for three round trips: read the sequence
//! and feed head, write everything in one statement, commit.

use super::{args, checks, Outcome};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::{self, Actor};
use chrono::{Datelike, NaiveDate};
use eoffice_domain::book::{BookDirection, BookSequence, BookSpec};
use eoffice_domain::incoming::{apply, decide as decide_incoming, IncomingCommand};
use eoffice_domain::{EventKind, Role};
use eoffice_sync::RegisterArgs;
use serde_json::json;
use uuid::Uuid;

fn parse(
    user: &AuthUser,
    raw: &serde_json::Value,
) -> Result<(RegisterArgs, Uuid, NaiveDate), Outcome> {
    checks::role(
        user,
        Role::may_register_incoming,
        "Chỉ văn thư được vào sổ văn bản đến.",
    )?;
    let a: RegisterArgs = args(raw)?;
    let doc_id = checks::document_id(&a.document_id)?;
    checks::shareable(&a.fields)?;
    let arrival = checks::arrival_date(&a.arrival_date)?;
    Ok((a, doc_id, arrival))
}

pub async fn decide(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    command_id: Uuid,
    client_id: &str,
    raw: &serde_json::Value,
) -> ApiResult<Outcome> {
    let (a, doc_id, arrival) = match parse(user, raw) {
        Ok(p) => p,
        Err(o) => return Ok(o),
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
    let found = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM blob_access WHERE sha256 = $1 AND agency_id = $2),
                    EXISTS (SELECT 1 FROM documents WHERE id = $3),
                    (SELECT id::TEXT || ' ' || arrival_number || ' ' || arrival_sub || ' ' || arrival_date::TEXT FROM documents
                      WHERE agency_id = $2 AND duplicate_key = $4 LIMIT 1),
                    (SELECT result FROM commands WHERE id = $5 AND agency_id = $2),
                    EXISTS (SELECT 1 FROM commands WHERE id = $5 AND agency_id <> $2)",
            &[&a.sha256, &user.agency_id, &doc_id, &a.duplicate_key, &command_id],
        )
        .await?;
    // Decided before: the same answer again.
    if let Some(stored) = found.get::<_, Option<serde_json::Value>>(3) {
        return Ok(match serde_json::from_value(stored) {
            Ok(r) => Outcome::Stored(Box::new(r)),
            Err(e) => return Err(crate::error::ApiError::server(e)),
        });
    }
    if found.get::<_, bool>(4) {
        return Ok(Outcome::rejected(
            "conflict",
            "Mã lệnh đã được dùng.",
            "command id already used",
        ));
    }
    let (has_blob, taken, duplicate): (bool, bool, Option<String>) =
        (found.get(0), found.get(1), found.get(2));
    if !has_blob {
        return Ok(checks::blob_missing(&a.sha256));
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
    // The agency's lock first, always: it guards the book and the feed.
    // NO KEY UPDATE, not UPDATE: the rows this transaction inserts hold
    // key-share locks on the agency (their foreign keys), which a plain
    // FOR UPDATE would wait on, deadlocking two registrations.
    // The book is read by a second statement, pipelined behind the lock:
    // under READ COMMITTED it takes its snapshot after the lock is held,
    // so it sees the number the previous holder committed.
    const LOCK: &str = "SELECT feed_seq, feed_head FROM agencies WHERE id = $1 FOR NO KEY UPDATE";
    const BOOK: &str = "SELECT last_number, closed_at IS NOT NULL FROM books WHERE id = $1";
    let (mut locked, mut book) = futures_util::future::try_join(
        tx.query_one(LOCK, &[&user.agency_id]),
        tx.query_opt(BOOK, &[&book_id]),
    )
    .await?;
    if book.is_none() {
        // Books for a year open by themselves on its first registration.
        tx.execute(
            "INSERT INTO books (id, agency_id, direction, year, secret, name) VALUES ($1, $2, 'incoming', $3, false, $4)",
            &[&book_id, &user.agency_id, &spec.year, &spec.default_name()],
        )
        .await?;
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
        locked = tx.query_one(LOCK, &[&user.agency_id]).await?;
        book = tx.query_opt(BOOK, &[&book_id]).await?;
    }
    let book = book.expect("the book exists now");
    let (feed_seq, feed_head): (i64, String) = (locked.get(0), locked.get(1));
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
    let received_payload = json!({ "Sha256": a.sha256, "FileName": a.file_name });
    let events = feed::chain(
        &user.agency_id,
        feed_seq,
        &feed_head,
        &actor,
        &now,
        Some(command_id),
        &[
            // A new document: its stream starts here.
            feed::NewFeedEvent {
                stream: &a.document_id,
                stream_version: 1,
                kind: EventKind::IncomingReceived,
                payload: &received_payload,
            },
            feed::NewFeedEvent {
                stream: &a.document_id,
                stream_version: 2,
                kind: EventKind::IncomingRegistered,
                payload: &snapshot,
            },
        ],
    );
    let last_event = events.last().expect("two events");
    let result = super::applied(
        &command_id.to_string(),
        json!({ "DocumentId": a.document_id, "BookId": book_id, "ArrivalNumber": number.to_string() }),
    );
    let result_json = serde_json::to_value(&result).expect("serialisable");
    let number_value = number.value as i32;
    let state_code = state.code();
    let notice = format!("{} {}", user.agency_id, last_event.seq);
    let rows = feed::FeedRows::new(&events);
    let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![
        &doc_id,
        &user.agency_id,
        &book_id,
        &number_value,
        &arrival,
        &state_code,
        &a.duplicate_key,
        &snapshot,
        &a.sha256,
        &a.text,
        &last_event.seq,
        &last_event.hash,
        &command_id,
        &result_json,
        &feed::CHANNEL,
        &notice,
        &user.user_id,
        &client_id,
    ];
    let values = rows.values(&events, params.len() + 1, &mut params);
    // Everything in one statement: the number, the document, its events,
    // the feed head, the command's answer and the notice (sent at commit).
    tx.execute(
        format!(
            "WITH book AS (UPDATE books SET last_number = $4 WHERE id = $3),
                  doc AS (INSERT INTO documents (id, agency_id, book_id, arrival_number, arrival_sub, arrival_date, state,
                                                 duplicate_key, snapshot, blob_sha256, body_text)
                          VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8, $9, $10)),
                  ev AS (INSERT INTO feed ({cols}) VALUES {values}),
                  head AS (UPDATE agencies SET feed_seq = $11, feed_head = $12 WHERE id = $2),
                  cmd AS (INSERT INTO commands (id, agency_id, user_id, client_id, name, result)
                          VALUES ($13, $2, $17, $18, 'incoming.register', $14))
             SELECT pg_notify($15, $16)",
            cols = feed::INSERT_COLUMNS
        )
        .as_str(),
        &params,
    )
    .await?;
    Ok(Outcome::Recorded(Box::new(result)))
}
