//! A document with its history, read from the event log.

use crate::dto::{
    DocumentDetail, DocumentFields, HistoryEvent, IncomingDocument, OrganRef, SignerInfo,
};
use crate::event_log::record;
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::DocNumber;
use eoffice_domain::EventKind;
use eoffice_store::incoming::IncomingRow;
use eoffice_store::{events, feed, incoming, outbox};

pub(crate) fn state_label(code: &str) -> &'static str {
    eoffice_domain::IncomingState::label_of_code(code).unwrap_or("Không rõ")
}

/// What a queued command will be in the history once the server decides it.
fn command_label(command: &str) -> &'static str {
    use eoffice_sync::command;
    match command {
        command::REGISTER | command::IMPORT => EventKind::IncomingRegistered.label(),
        command::RETURN => EventKind::IncomingReturned.label(),
        command::VIEW => EventKind::DocumentViewed.label(),
        _ => "Thao tác",
    }
}

fn event_label(command: &str) -> &'static str {
    eoffice_domain::EventKind::from_name(command).map_or("Sự kiện", |k| k.label())
}

/// None while the entry waits in the pending book for the server's number.
pub(crate) fn arrival_number(r: &IncomingRow) -> Option<String> {
    (!eoffice_store::books::is_pending(&r.book_id)).then(|| {
        DocNumber {
            value: r.arrival_number,
            sub: r.arrival_sub,
        }
        .to_string()
    })
}

/// The number as a clerk reads it, pending ones included.
pub(crate) fn arrival_label(r: &IncomingRow) -> String {
    arrival_number(r).unwrap_or_else(|| PENDING_LABEL.to_string())
}

pub(crate) const PENDING_LABEL: &str = "chờ cấp số";

pub(crate) fn document_from_row(r: &IncomingRow) -> IncomingDocument {
    IncomingDocument {
        id: r.id.clone(),
        book_id: r.book_id.clone(),
        arrival_number: arrival_number(r),
        pending: eoffice_store::books::is_pending(&r.book_id),
        arrival_date: r.arrival_date.clone(),
        state: r.state.clone(),
        state_label: state_label(&r.state).to_string(),
        fields: DocumentFields {
            code_number: r.code_number.clone(),
            code_notation: r.code_notation.clone(),
            type_name: r.type_name.clone(),
            issued_date: r.issued_date.clone(),
            place: r.place.clone(),
            organ_name: Some(r.organ_name.clone()),
            parent_organ_name: r.parent_organ_name.clone(),
            subject: Some(r.subject.clone()),
            signer_info: SignerInfo {
                competence: r.signer_competence.clone(),
                position: r.signer_position.clone(),
                full_name: r.signer_full_name.clone(),
            },
            priority: r.priority,
            secrecy: r.secrecy.clone(),
            to: r
                .addressees
                .iter()
                .map(|n| OrganRef {
                    organ_id: None,
                    organ_name: n.clone(),
                })
                .collect(),
            to_places: r.to_places.clone(),
            page_amount: r.page_amount,
        },
        sha256: r.blob_sha256.clone(),
        file_name: r.file_name.clone(),
        return_reason: r.return_reason.clone(),
        warnings: Vec::new(),
        signatures: None,
    }
}

impl Eoffice {
    /// Opens a document: the opening is recorded first (Appendix VI keeps
    /// every access in the history), then the metadata and history return.
    pub fn show_incoming(&mut self, actor: &str, id: &str) -> AppResult<DocumentDetail> {
        let now = self.clock.now();
        let actor_login = actor.to_string();
        let actor_login = actor_login.as_str();
        let viewer = self.viewer(actor_login)?;
        if let Some(me) = &viewer {
            let dir = self.directory()?;
            let row =
                incoming::get(&self.conn, id)?.ok_or_else(|| crate::handling_step::hidden(id))?;
            let h = eoffice_store::handling::get(&self.conn, id)?.unwrap_or_default();
            if !eoffice_domain::access::may_see(me, &dir, &crate::handling_step::facts(&row, &h)) {
                return Err(crate::handling_step::hidden(id));
            }
        }
        let actor = self.actor_for(actor)?;
        let agency = self.agency()?;
        let connected = self.is_connected()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let row = incoming::get(&tx, id)?
            .ok_or_else(|| AppError::not_found("văn bản", "document", id))?;
        let shared = connected && crate::may_travel(row.secrecy.as_deref());
        if shared {
            outbox::push(
                &tx,
                outbox::NewCommand {
                    id: &uuid::Uuid::new_v4().to_string(),
                    name: eoffice_sync::command::VIEW,
                    args: &serde_json::json!({ "DocumentId": id }),
                    document_id: Some(id),
                    blob_sha256: None,
                    prev_state: None,
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
                EventKind::DocumentViewed,
                serde_json::json!({}),
            )?;
        }
        tx.commit()?;
        if shared && !eoffice_store::books::is_pending(&row.book_id) {
            self.fetch_text(&row)?;
        }
        // An assignee's first opening is part of the handling trace.
        if viewer.is_some()
            && row.state != "returned"
            && row.state != "recalled"
            && !eoffice_store::books::is_pending(&row.book_id)
        {
            self.record_first_view(actor_login, id)?;
        }
        let mut history: Vec<HistoryEvent> = feed::for_stream(&self.conn, id)?
            .into_iter()
            .map(|e| HistoryEvent {
                seq: e.seq,
                label: event_label(&e.name).to_string(),
                at: e.at,
                actor: e.actor_name,
                command: e.name,
                payload: serde_json::from_str(&e.payload).unwrap_or_default(),
                hash: e.hash,
            })
            .collect();
        history.extend(
            events::for_stream(&self.conn, id)?
                .into_iter()
                .map(|e| HistoryEvent {
                    seq: e.seq,
                    label: event_label(&e.command).to_string(),
                    at: e.at,
                    actor: if e.actor_name.is_empty() {
                        e.actor
                    } else {
                        e.actor_name
                    },
                    command: e.command,
                    payload: e.payload,
                    hash: e.hash,
                }),
        );
        // Applied here, not yet decided by the server.
        history.extend(
            outbox::for_document(&self.conn, id)?
                .into_iter()
                .filter(|o| o.state != "confirmed")
                .map(|o| HistoryEvent {
                    seq: 0,
                    label: format!(
                        "{} ({})",
                        command_label(&o.name),
                        if o.state == "pending" {
                            "chờ đồng bộ".to_string()
                        } else {
                            format!("bị từ chối: {}", o.reason.clone().unwrap_or_default())
                        }
                    ),
                    at: o.created_at,
                    actor: actor.name.clone(),
                    command: o.name,
                    payload: o.args,
                    hash: String::new(),
                }),
        );
        let row = incoming::get(&self.conn, id)?.expect("read above");
        // A recalled document's content is gone (domain.md §11): the log
        // keeps its steps (it is append-only and chained) but shows no
        // payload but the recall's own.
        if row.state == "recalled" {
            for h in &mut history {
                if h.command != EventKind::IncomingRecalled.name() {
                    h.payload = serde_json::Value::Null;
                }
            }
        }
        let handling = match row.state.as_str() {
            "returned" | "received" | "recalled" => None,
            _ => self.show_handling(actor_login, id).ok(),
        };
        let mut document = document_from_row(&row);
        document.signatures = self.stored_badge(id)?;
        Ok(DocumentDetail {
            document,
            history,
            handling,
        })
    }

    /// A document's metadata, without recording a view (for a front end
    /// that just changed it).
    pub fn incoming_document(&self, id: &str) -> AppResult<IncomingDocument> {
        let row = incoming::get(&self.conn, id)?
            .ok_or_else(|| AppError::not_found("văn bản", "document", id))?;
        let mut document = document_from_row(&row);
        document.signatures = self.stored_badge(id)?;
        Ok(document)
    }

    /// The original file, byte for byte; in connected mode fetched from
    /// the server the first time it is opened here.
    pub fn original_file(&mut self, id: &str) -> AppResult<Vec<u8>> {
        let row = incoming::get(&self.conn, id)?
            .ok_or_else(|| AppError::not_found("văn bản", "document", id))?;
        let sha = row
            .blob_sha256
            .ok_or_else(|| AppError::not_found("tệp gốc của văn bản", "original file of", id))?;
        if !self.blobs.path_of(&sha)?.exists() && self.is_connected()? {
            return self.fetch_original(&sha);
        }
        Ok(self.blobs.get(&sha)?)
    }
}
