//! `document.viewed`: Appendix VI wants every access in the history, so an
//! opening is an event like any other (any role of the agency may view).

use super::{args, document_row, Outcome};
use crate::auth::AuthUser;
use crate::error::ApiResult;
use crate::feed::{self, Actor};
use eoffice_domain::EventKind;
use eoffice_sync::ViewedArgs;
use serde_json::json;
use uuid::Uuid;

pub async fn decide(
    tx: &deadpool_postgres::Transaction<'_>,
    user: &AuthUser,
    command_id: Uuid,
    raw: &serde_json::Value,
) -> ApiResult<Outcome> {
    let a: ViewedArgs = match args(raw) {
        Ok(a) => a,
        Err(o) => return Ok(o),
    };
    if document_row(tx, user, &a.document_id).await?.is_none() {
        return Ok(Outcome::rejected(
            "not_found",
            "Không tìm thấy văn bản.",
            "no such document in this agency",
        ));
    }
    let now = feed::vietnam_now();
    feed::append(
        tx,
        &user.agency_id,
        &a.document_id,
        &Actor::from(user),
        &now,
        EventKind::DocumentViewed,
        Some(command_id),
        &json!({}),
    )
    .await?;
    Ok(Outcome::Applied(json!({ "DocumentId": a.document_id })))
}
