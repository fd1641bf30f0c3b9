//! The exchange as the window and the CLI show it: the queue received,
//! the recipients of a sent document with their latest status, the
//! directory of organs.

use crate::dto::{ExchangeOrgan, ReceivedItem, RecipientStatus, SignatureBadge};
use crate::register_exchanged::received_state_label;
use crate::{AppError, AppResult, Eoffice};
use eoffice_edxml::StatusCode;
use eoffice_store::exchange::{self, Organ, Received};

pub(crate) fn item(r: Received) -> ReceivedItem {
    ReceivedItem {
        kind: match r.bussiness_doc_type {
            1 => "recall",
            2 => "update",
            3 => "replace",
            _ => "new",
        }
        .into(),
        state_label: received_state_label(&r.state).into(),
        fields: serde_json::from_str(&r.fields).unwrap_or_default(),
        signatures: r
            .signatures
            .as_deref()
            .and_then(|s| serde_json::from_str::<SignatureBadge>(s).ok()),
        xml_signer: r.xml_signer,
        xml_signer_trusted: r.xml_trusted,
        id: r.id,
        document_id: r.document_id,
        from_organ: r.from_organ,
        from_name: r.from_name,
        subject: r.subject,
        state: r.state,
        received_at: r.received_at,
        incoming_id: r.incoming_id,
        reason: r.reason,
    }
}

pub fn status_label(code: Option<&str>) -> String {
    match code.and_then(StatusCode::from_code) {
        Some(c) => c.label().into(),
        None => "Chưa có phản hồi".into(),
    }
}

impl Eoffice {
    /// "Văn bản điện tử đến": waiting first when `waiting_only`.
    pub fn received_queue(&self, waiting_only: bool) -> AppResult<Vec<ReceivedItem>> {
        let rows = exchange::received_list(&self.conn, waiting_only.then_some("waiting"))?;
        Ok(rows.into_iter().map(item).collect())
    }

    pub fn received_item(&self, id: &str) -> AppResult<ReceivedItem> {
        exchange::received(&self.conn, id)?
            .map(item)
            .ok_or_else(|| AppError::not_found("văn bản điện tử đến", "received package", id))
    }

    pub fn recipients_of(&self, outgoing_id: &str) -> AppResult<Vec<RecipientStatus>> {
        let mut out = Vec::new();
        for s in exchange::sent_for(&self.conn, outgoing_id)? {
            let history = exchange::statuses_heard(&self.conn, &s.document_id)?
                .into_iter()
                .filter(|h| h.from_organ == s.to_organ)
                .map(|h| h.code)
                .collect();
            out.push(RecipientStatus {
                status_label: status_label(s.status_code.as_deref()),
                organ_id: s.to_organ,
                organ_name: s.to_name,
                route: s.route,
                sent_at: s.sent_at,
                attempts: s.attempts,
                last_error: s.last_error,
                status_code: s.status_code,
                status_at: s.status_at,
                status_note: s.status_note,
                history,
            });
        }
        Ok(out)
    }

    pub fn exchange_organs(&self) -> AppResult<Vec<ExchangeOrgan>> {
        Ok(exchange::organs(&self.conn)?
            .into_iter()
            .map(|o| ExchangeOrgan {
                organ_id: o.organ_id,
                name: o.name,
                address: o.address,
                email: o.email,
                route: o.route,
            })
            .collect())
    }

    /// Adds or corrects an organ of the directory.
    pub fn put_exchange_organ(&mut self, actor: &str, o: &ExchangeOrgan) -> AppResult<()> {
        self.check_exchange_admin(actor)?;
        eoffice_domain::AgencyId::parse(&o.organ_id).map_err(|e| {
            AppError::invalid(
                format!(
                    "Mã định danh “{}” không đúng dạng 000.00.00.H37.",
                    o.organ_id
                ),
                e.to_string(),
            )
        })?;
        if o.name.trim().is_empty() {
            return Err(AppError::invalid(
                "Tên cơ quan không được để trống.",
                "the organ name is empty",
            ));
        }
        if o.route != "province" && o.route != "gateway" {
            return Err(AppError::invalid(
                "Đường gửi phải là “province” (máy chủ tỉnh) hoặc “gateway” (nền tảng liên thông).",
                format!("route {:?} must be province or gateway", o.route),
            ));
        }
        exchange::put_organ(
            &self.conn,
            &Organ {
                organ_id: o.organ_id.trim().into(),
                name: o.name.trim().into(),
                address: o.address.trim().into(),
                email: o.email.trim().into(),
                telephone: String::new(),
                website: String::new(),
                route: o.route.clone(),
            },
        )?;
        Ok(())
    }
}
