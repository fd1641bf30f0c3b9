//! `handling.step`: present, assign, re-assign, handle, complete (issue 7),
//! decided again here with the domain's state machine against the server's
//! own state and directory, so a desktop cannot grant itself a right.

use super::{args, Outcome};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::{self, Actor, NewFeedEvent};
use eoffice_domain::access::{may_see, DocumentFacts};
use eoffice_domain::handling::{decide as decide_handling, Context, Handling, HandlingCommand};
use eoffice_domain::{Directory, Person, Role, Unit};
use eoffice_sync::HandleArgs;
use serde_json::json;
use uuid::Uuid;

async fn directory(tx: &deadpool_postgres::Transaction<'_>, agency: &str) -> ApiResult<Directory> {
    let units = tx
        .query(
            "SELECT code, name FROM units WHERE agency_id = $1",
            &[&agency],
        )
        .await?
        .iter()
        .map(|r| Unit {
            code: r.get(0),
            name: r.get(1),
        })
        .collect();
    let people = tx
        .query(
            "SELECT username, full_name, role, unit_code FROM users WHERE agency_id = $1 AND NOT disabled",
            &[&agency],
        )
        .await?
        .iter()
        .map(|r| Person {
            username: r.get(0),
            full_name: r.get(1),
            role: Role::from_code(r.get::<_, &str>(2)).unwrap_or(Role::Specialist),
            unit: r.get(3),
        })
        .collect();
    Ok(Directory { units, people })
}

fn not_found() -> Outcome {
    Outcome::rejected(
        "not_found",
        "Không tìm thấy văn bản.",
        "no such document in this agency",
    )
}

pub async fn decide(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    command_id: Uuid,
    raw: &serde_json::Value,
) -> ApiResult<Outcome> {
    let a: HandleArgs = match args(raw) {
        Ok(a) => a,
        Err(o) => return Ok(o),
    };
    let cmd: HandlingCommand = match args(&a.command) {
        Ok(c) => c,
        Err(o) => return Ok(o),
    };
    let Ok(doc) = Uuid::parse_str(&a.document_id) else {
        return Ok(not_found());
    };
    let Some(row) = tx
        .query_opt(
            "SELECT state, handling FROM documents WHERE id = $1 AND agency_id = $2 FOR UPDATE",
            &[&doc, &user.agency_id],
        )
        .await?
    else {
        return Ok(not_found());
    };
    let state: String = row.get(0);
    if state == "returned" {
        return Ok(Outcome::rejected(
            "invalid_state",
            "Văn bản đã bị trả lại; không xử lý được.",
            "the document was returned",
        ));
    }
    let h: Handling = row
        .get::<_, Option<serde_json::Value>>(1)
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let dir = directory(tx, &user.agency_id).await?;
    let me = Person {
        username: user.username.clone(),
        full_name: user.full_name.clone(),
        role: Role::from_code(&user.role).unwrap_or(Role::Specialist),
        unit: user.unit_code.clone(),
    };
    let facts = DocumentFacts {
        secret: false,
        registered_by: None,
        handling: &h,
    };
    if !may_see(&me, &dir, &facts) {
        // Answered like a document that does not exist: nothing leaks.
        return Ok(not_found());
    }
    let now = feed::vietnam_now();
    let at = chrono::DateTime::parse_from_rfc3339(&now).expect("made here");
    let cx = Context {
        directory: &dir,
        actor: &me,
        today: at.date_naive(),
    };
    let evs = match decide_handling(&h, &cmd, &cx) {
        Ok(e) => e,
        Err(e) => {
            let code = if e.is_refusal() {
                "forbidden"
            } else {
                "invalid_state"
            };
            return Ok(Outcome::rejected(code, e.message_vi(), e.to_string()));
        }
    };
    let mut next = h.clone();
    let payloads: Vec<serde_json::Value> = evs
        .iter()
        .map(|e| {
            next.apply(e, at);
            serde_json::to_value(e).expect("events serialise")
        })
        .collect();
    if !evs.is_empty() {
        tx.execute(
            "UPDATE documents SET state = $2, handling = $3 WHERE id = $1",
            &[
                &doc,
                &next.stage.code(),
                &serde_json::to_value(&next).expect("serialisable"),
            ],
        )
        .await?;
        let new: Vec<NewFeedEvent> = evs
            .iter()
            .zip(&payloads)
            .map(|(e, p)| NewFeedEvent {
                stream: &a.document_id,
                stream_version: 0,
                kind: e.kind(),
                payload: p,
            })
            .collect();
        feed::append_all(
            tx,
            &user.agency_id,
            &Actor::from(user),
            &now,
            Some(command_id),
            &new,
        )
        .await?;
    }
    Ok(Outcome::Applied(json!({
        "DocumentId": a.document_id,
        "Stage": next.stage.code(),
    })))
}
