//! `incoming.return`: the clerk returns a document with a reason
//! (domain.md §6), decided by the same state machine as on the desktop.

use super::{args, checks, document_row, Outcome};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::{self, Actor};
use eoffice_domain::incoming::{
    decide as decide_incoming, IncomingCommand, IncomingEvent, IncomingState,
};
use eoffice_domain::{DocNumber, EventKind, Role};
use eoffice_sync::ReturnArgs;
use serde_json::json;
use uuid::Uuid;

pub async fn decide(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    command_id: Uuid,
    raw: &serde_json::Value,
) -> ApiResult<Outcome> {
    if let Err(o) = checks::role(
        user,
        Role::may_register_incoming,
        "Chỉ văn thư được trả lại văn bản.",
    ) {
        return Ok(o);
    }
    let a: ReturnArgs = match args(raw) {
        Ok(a) => a,
        Err(o) => return Ok(o),
    };
    let Some(row) = document_row(tx, user, &a.document_id).await? else {
        return Ok(Outcome::rejected(
            "not_found",
            "Không tìm thấy văn bản.",
            "no such document in this agency",
        ));
    };
    let code: String = row.get(4);
    let state = match code.as_str() {
        "received" => IncomingState::Received,
        "registered" => IncomingState::Registered {
            book_id: row.get(1),
            number: DocNumber::new(row.get::<_, i32>(2) as u32),
        },
        "returned" => IncomingState::Returned {
            reason: String::new(),
        },
        "presented" => IncomingState::Presented,
        "assigned" => IncomingState::Assigned,
        _ => IncomingState::Handled,
    };
    let now = feed::vietnam_now();
    let at = chrono::DateTime::parse_from_rfc3339(&now).expect("made here");
    let evs = match decide_incoming(
        Some(&state),
        &IncomingCommand::Return {
            reason: a.reason.clone(),
            at,
        },
    ) {
        Ok(e) => e,
        Err(e) => {
            return Ok(Outcome::rejected(
                "invalid_state",
                e.message_vi(),
                e.to_string(),
            ))
        }
    };
    let Some(IncomingEvent::Returned { reason, .. }) = evs.first() else {
        return Ok(Outcome::rejected(
            "invalid_state",
            "Không thể trả lại.",
            "no return event",
        ));
    };
    let mut snapshot: serde_json::Value = row.get(5);
    if let Some(o) = snapshot.as_object_mut() {
        o.insert("State".into(), json!("returned"));
        o.insert("ReturnReason".into(), json!(reason));
    }
    let id: Uuid = row.get(0);
    tx.execute(
        "UPDATE documents SET state = 'returned', snapshot = $2 WHERE id = $1",
        &[&id, &snapshot],
    )
    .await?;
    feed::append(
        tx,
        &user.agency_id,
        &a.document_id,
        &Actor::from(user),
        &now,
        EventKind::IncomingReturned,
        Some(command_id),
        &json!({ "Reason": reason }),
    )
    .await?;
    Ok(Outcome::Applied(
        json!({ "DocumentId": a.document_id, "State": "returned" }),
    ))
}
