//! Trả lại văn bản: return an invalid or misdirected document, with a
//! reason (domain.md §6). Connected, the return is applied here at once
//! and sent to the server as a command; a secret document's return stays
//! in this desktop's own log.

use crate::dto::IncomingDocument;
use crate::event_log::record;
use crate::register_incoming::domain_err;
use crate::show_incoming::document_from_row;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_domain::incoming::{decide, IncomingCommand, IncomingState};
use eoffice_domain::DocNumber;
use eoffice_store::incoming::IncomingRow;
use eoffice_store::{books, incoming, outbox};
use rusqlite::TransactionBehavior;

pub(crate) fn state_of(row: &IncomingRow) -> IncomingState {
    match row.state.as_str() {
        "received" => IncomingState::Received,
        "registered" => IncomingState::Registered {
            book_id: row.book_id.clone(),
            number: DocNumber {
                value: row.arrival_number,
                sub: row.arrival_sub,
            },
        },
        "returned" => IncomingState::Returned {
            reason: row.return_reason.clone().unwrap_or_default(),
        },
        "presented" => IncomingState::Presented,
        "assigned" => IncomingState::Assigned,
        _ => IncomingState::Handled,
    }
}

impl Eoffice {
    pub fn return_incoming(
        &mut self,
        actor: &str,
        id: &str,
        reason: &str,
    ) -> AppResult<IncomingDocument> {
        let now = self.clock.now();
        let actor = self.actor_for(actor)?;
        let agency = self.agency()?;
        let connected = self.is_connected()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row = incoming::get(&tx, id)?
            .ok_or_else(|| AppError::not_found("văn bản", "document", id))?;
        let evs = decide(
            Some(&state_of(&row)),
            &IncomingCommand::Return {
                reason: reason.to_string(),
                at: now,
            },
        )
        .map_err(domain_err)?;
        let shared = connected && crate::may_travel(row.secrecy.as_deref());
        if shared && books::is_pending(&row.book_id) {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Văn bản đang chờ máy chủ cấp số; hãy đồng bộ rồi mới trả lại.",
                "the document waits for its number from the server; sync first",
            ));
        }
        for ev in &evs {
            if let eoffice_domain::IncomingEvent::Returned { reason, .. } = ev {
                incoming::set_returned(&tx, id, reason, &now.to_rfc3339())?;
                if shared {
                    outbox::push(
                        &tx,
                        outbox::NewCommand {
                            id: &uuid::Uuid::new_v4().to_string(),
                            name: eoffice_sync::command::RETURN,
                            args: &serde_json::to_value(eoffice_sync::ReturnArgs {
                                document_id: id.to_string(),
                                reason: reason.clone(),
                            })
                            .expect("serialisable"),
                            document_id: Some(id),
                            blob_sha256: None,
                            prev_state: Some(&row.state),
                            created_at: &now.to_rfc3339(),
                        },
                    )?;
                } else {
                    record(
                        &tx,
                        &agency.id,
                        &actor,
                        now,
                        id,
                        ev.kind(),
                        serde_json::json!({ "Reason": reason }),
                    )?;
                }
            }
        }
        let row = incoming::get(&tx, id)?.expect("present in this transaction");
        tx.commit()?;
        Ok(document_from_row(&row))
    }
}
