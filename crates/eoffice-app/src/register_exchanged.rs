//! Tiếp nhận văn bản điện tử: the clerk registers a document from the
//! exchange queue or returns it with a reason. Its fields come from the
//! package and are not editable (issue 9): only the arrival date and the
//! book are the clerk's. The sender is owed 03 or 02 (domain.md §11).

use crate::dto::{DocumentFields, IncomingDocument};
use crate::register_incoming::RegisterRequest;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::NaiveDate;
use eoffice_edxml::StatusCode;
use eoffice_store::exchange::{self, Received};

impl Eoffice {
    fn waiting(&self, queue_id: &str) -> AppResult<Received> {
        let r = exchange::received(&self.conn, queue_id)?.ok_or_else(|| {
            AppError::not_found("văn bản điện tử đến", "received package", queue_id)
        })?;
        if r.state != "waiting" {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                format!(
                    "Văn bản điện tử này không còn chờ tiếp nhận (trạng thái: {}).",
                    received_state_label(&r.state)
                ),
                format!("the received package is {}, not waiting", r.state),
            ));
        }
        Ok(r)
    }

    pub fn register_exchanged(
        &mut self,
        actor: &str,
        queue_id: &str,
        arrival_date: Option<NaiveDate>,
        book_id: Option<String>,
    ) -> AppResult<IncomingDocument> {
        let r = self.waiting(queue_id)?;
        let sha = r.attachment_sha.as_deref().ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidState,
                "Gói tin không có tệp văn bản để vào sổ; hãy trả lại cho cơ quan gửi.",
                "the package carries no document file",
            )
        })?;
        let pdf = self.blobs.get(sha)?;
        let fields: DocumentFields = serde_json::from_str(&r.fields).map_err(|e| {
            AppError::new(
                ErrorCode::Integrity,
                "Dữ liệu của văn bản điện tử đến bị hỏng.",
                e.to_string(),
            )
        })?;
        let req = RegisterRequest {
            file_name: Some(format!(
                "{}.pdf",
                fields
                    .code_number
                    .iter()
                    .chain(fields.code_notation.iter())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("-")
            )),
            sets: Vec::new(),
            arrival_date,
            book_id,
            insert_after: None,
            allow_duplicate: false,
            actor: actor.to_string(),
            fields: Some(fields),
        };
        let doc = self.register_incoming(&pdf, &req)?;
        let at = self.clock.now().to_rfc3339();
        let tx = self.conn.transaction()?;
        exchange::decide_received(&tx, &r.id, "registered", Some(&doc.id), None, &at)?;
        tx.execute(
            "UPDATE incoming SET exchange_document_id = ?2 WHERE id = ?1",
            rusqlite::params![doc.id, r.document_id],
        )?;
        let number = doc
            .arrival_number
            .as_deref()
            .map(|n| format!(" số {n}"))
            .unwrap_or_default();
        exchange::owe_status(
            &tx,
            &r.document_id,
            &r.from_organ,
            StatusCode::Accepted.code(),
            &format!("Đã tiếp nhận, vào sổ văn bản đến{number}"),
            &at,
        )?;
        tx.commit()?;
        Ok(doc)
    }

    /// As the window sends it: the arrival date as typed, YYYY-MM-DD.
    pub fn register_exchanged_as_typed(
        &mut self,
        actor: &str,
        queue_id: &str,
        arrival_date: Option<&str>,
    ) -> AppResult<IncomingDocument> {
        let date = match arrival_date.map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                AppError::invalid(
                    format!("Ngày đến “{d}” không hợp lệ."),
                    format!("arrival date {d:?} must be YYYY-MM-DD"),
                )
            })?),
        };
        self.register_exchanged(actor, queue_id, date, None)
    }

    pub fn return_exchanged(&mut self, actor: &str, queue_id: &str, reason: &str) -> AppResult<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::invalid(
                "Phải ghi lý do trả lại văn bản.",
                "a reason is required to return a document",
            ));
        }
        self.check_may_register(actor)?;
        let r = self.waiting(queue_id)?;
        let at = self.clock.now().to_rfc3339();
        let tx = self.conn.transaction()?;
        exchange::decide_received(&tx, &r.id, "returned", None, Some(reason), &at)?;
        exchange::owe_status(
            &tx,
            &r.document_id,
            &r.from_organ,
            StatusCode::Refused.code(),
            reason,
            &at,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// 04, 05 and 06 follow the handling of a document registered from the
    /// exchange, read from its events; each is owed once however often
    /// this runs (the outbox's key), so it runs before every send.
    pub fn owe_handling_statuses(&mut self) -> AppResult<usize> {
        let registered = exchange::received_list(&self.conn, Some("registered"))?;
        let at = self.clock.now().to_rfc3339();
        let mut owed = 0;
        let tx = self.conn.transaction()?;
        for r in registered {
            let Some(id) = &r.incoming_id else { continue };
            let mut names: Vec<String> = eoffice_store::events::for_stream(&tx, id)?
                .into_iter()
                .map(|e| e.command)
                .collect();
            names.extend(
                eoffice_store::feed::for_stream(&tx, id)?
                    .into_iter()
                    .map(|e| e.name),
            );
            for (event, code, text) in [
                (
                    "handling.assigned",
                    StatusCode::Assigned,
                    "Đã phân công xử lý",
                ),
                ("handling.progress", StatusCode::InProgress, "Đang xử lý"),
                (
                    "handling.completed",
                    StatusCode::Done,
                    "Đã hoàn thành xử lý",
                ),
            ] {
                if names.iter().any(|n| n == event)
                    && exchange::owe_status(
                        &tx,
                        &r.document_id,
                        &r.from_organ,
                        code.code(),
                        text,
                        &at,
                    )?
                {
                    owed += 1;
                }
            }
        }
        tx.commit()?;
        Ok(owed)
    }
}

pub fn received_state_label(state: &str) -> &'static str {
    match state {
        "waiting" => "Chờ tiếp nhận",
        "registered" => "Đã vào sổ",
        "returned" => "Đã trả lại",
        "recalled" => "Đã bị thu hồi",
        "applied" => "Đã áp dụng",
        "refused" => "Không áp dụng được",
        _ => "Không rõ",
    }
}
