//! Trả lại văn bản: return an invalid or misdirected document, with a
//! reason (domain.md §6).

use crate::dto::IncomingDocument;
use crate::register_incoming::domain_err;
use crate::show_incoming::document_from_row;
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::incoming::{decide, IncomingCommand, IncomingState};
use eoffice_domain::DocNumber;
use eoffice_store::{events, incoming};
use rusqlite::TransactionBehavior;

impl Eoffice {
    pub fn return_incoming(
        &mut self,
        actor: &str,
        id: &str,
        reason: &str,
    ) -> AppResult<IncomingDocument> {
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row = incoming::get(&tx, id)?
            .ok_or_else(|| AppError::not_found("văn bản", "document", id))?;
        let state = match row.state.as_str() {
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
        };
        let evs = decide(
            Some(&state),
            &IncomingCommand::Return {
                reason: reason.to_string(),
                at: now,
            },
        )
        .map_err(domain_err)?;
        for ev in &evs {
            if let eoffice_domain::IncomingEvent::Returned { reason, .. } = ev {
                incoming::set_returned(&tx, id, reason, &now.to_rfc3339())?;
                events::append(
                    &tx,
                    events::NewEvent {
                        stream: id,
                        actor,
                        at: now,
                        command: ev.name(),
                        payload: serde_json::json!({ "Reason": reason }),
                    },
                )?;
            }
        }
        let row = incoming::get(&tx, id)?.expect("present in this transaction");
        tx.commit()?;
        Ok(document_from_row(&row))
    }
}
