//! A document with its history, read from the event log.

use crate::dto::{
    DocumentDetail, DocumentFields, HistoryEvent, IncomingDocument, OrganRef, SignerInfo,
};
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::DocNumber;
use eoffice_store::incoming::IncomingRow;
use eoffice_store::{events, incoming};

pub(crate) fn state_label(code: &str) -> &'static str {
    eoffice_domain::IncomingState::label_of_code(code).unwrap_or("Không rõ")
}

fn event_label(command: &str) -> &'static str {
    match command {
        "incoming.received" => "Tiếp nhận văn bản",
        "incoming.registered" => "Vào sổ văn bản đến",
        "incoming.returned" => "Trả lại văn bản",
        "book.opened" => "Mở sổ",
        "book.closed" => "Khóa sổ",
        "agency.created" => "Tạo cơ quan",
        _ => "Sự kiện",
    }
}

pub(crate) fn arrival_number(r: &IncomingRow) -> String {
    DocNumber {
        value: r.arrival_number,
        sub: r.arrival_sub,
    }
    .to_string()
}

pub(crate) fn document_from_row(r: &IncomingRow) -> IncomingDocument {
    IncomingDocument {
        id: r.id.clone(),
        book_id: r.book_id.clone(),
        arrival_number: arrival_number(r),
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
    }
}

impl Eoffice {
    pub fn show_incoming(&self, id: &str) -> AppResult<DocumentDetail> {
        let row = incoming::get(&self.conn, id)?
            .ok_or_else(|| AppError::not_found("văn bản", "document", id))?;
        let history = events::for_stream(&self.conn, id)?
            .into_iter()
            .map(|e| HistoryEvent {
                seq: e.seq,
                label: event_label(&e.command).to_string(),
                at: e.at,
                actor: e.actor,
                command: e.command,
                payload: e.payload,
                hash: e.hash,
            })
            .collect();
        Ok(DocumentDetail {
            document: document_from_row(&row),
            history,
        })
    }

    /// The original file, byte for byte.
    pub fn original_file(&self, id: &str) -> AppResult<Vec<u8>> {
        let row = incoming::get(&self.conn, id)?
            .ok_or_else(|| AppError::not_found("văn bản", "document", id))?;
        let sha = row
            .blob_sha256
            .ok_or_else(|| AppError::not_found("tệp gốc của văn bản", "original file of", id))?;
        Ok(self.blobs.get(&sha)?)
    }
}
