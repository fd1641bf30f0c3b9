//! Gửi văn bản điện tử: an issued outgoing document goes to its
//! recipients, by route: the provincial server for the agencies of the
//! province, the integration gateway for the others (domain.md §12). The
//! package is built once and kept, so a resend is the same bytes; each
//! recipient's row says whether it left. A recall or an update is the same
//! path with another business type (domain.md §11). Secret documents never
//! leave, by any route (domain.md §4).

use crate::build_edxml::{refuse_secret, PackageKind};
use crate::dto::ExchangeRun;
use crate::exchange_transport::exchange_error;
use crate::outgoing_step::load;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_edxml::BussinessDocType;
use eoffice_sign::SignerKey;
use eoffice_store::exchange::{self, Sent};

impl Eoffice {
    /// The recipients named on the document that the directory knows,
    /// when none is given.
    fn default_recipients(&self, outgoing_id: &str) -> AppResult<Vec<String>> {
        let d = load(&self.conn, outgoing_id)?;
        let organs = exchange::organs(&self.conn)?;
        let wanted: Vec<String> = d
            .meta
            .recipients
            .iter()
            .map(|r| r.trim().to_lowercase())
            .collect();
        Ok(organs
            .into_iter()
            .filter(|o| wanted.contains(&o.name.trim().to_lowercase()))
            .map(|o| o.organ_id)
            .collect())
    }

    /// A recalled document stays as it was: nothing more is sent.
    fn refuse_recalled(&self, outgoing_id: &str) -> AppResult<()> {
        let at: Option<String> = self.conn.query_row(
            "SELECT recalled_at FROM outgoing WHERE id = ?1",
            [outgoing_id],
            |r| r.get(0),
        )?;
        match at {
            Some(at) => Err(AppError::new(
                ErrorCode::InvalidState,
                format!("Văn bản đã được thu hồi lúc {at}; không gửi lại được."),
                format!("the document was recalled at {at}"),
            )),
            None => Ok(()),
        }
    }

    /// `key`, the agency's, signs the package (XML-DSig) when given.
    pub fn send_outgoing(
        &mut self,
        outgoing_id: &str,
        to: &[String],
        key: Option<&dyn SignerKey>,
    ) -> AppResult<ExchangeRun> {
        let d = load(&self.conn, outgoing_id)?;
        refuse_secret(&d)?;
        self.refuse_recalled(outgoing_id)?;
        let to = if to.is_empty() {
            let found = self.default_recipients(outgoing_id)?;
            if found.is_empty() {
                return Err(AppError::invalid(
                    "Không có nơi nhận nào của văn bản trong danh bạ liên thông; hãy chọn nơi nhận (--to MÃ_CƠ_QUAN).",
                    "none of the document's recipients is in the exchange directory: give --to ORGAN_ID",
                ));
            }
            found
        } else {
            to.to_vec()
        };
        self.plan(outgoing_id, &to, &PackageKind::new_document(), key)?;
        self.flush_sent(Some(outgoing_id))
    }

    /// Thu hồi: every recipient the document went to is asked to take it
    /// back; the sender's copy is frozen.
    pub fn recall_outgoing(
        &mut self,
        outgoing_id: &str,
        reason: &str,
        key: Option<&dyn SignerKey>,
    ) -> AppResult<ExchangeRun> {
        self.resend_to_recipients(outgoing_id, reason, BussinessDocType::Revoke, key)?;
        self.conn.execute(
            "UPDATE outgoing SET recalled_at = ?2 WHERE id = ?1",
            rusqlite::params![outgoing_id, self.clock.now().to_rfc3339()],
        )?;
        self.flush_sent(Some(outgoing_id))
    }

    /// Cập nhật: the document goes again to every recipient it went to,
    /// as an update (BussinessDocType 2), with the reason.
    pub fn update_outgoing(
        &mut self,
        outgoing_id: &str,
        reason: &str,
        key: Option<&dyn SignerKey>,
    ) -> AppResult<ExchangeRun> {
        self.resend_to_recipients(outgoing_id, reason, BussinessDocType::Update, key)?;
        self.flush_sent(Some(outgoing_id))
    }

    /// A recall or an update: planned for every recipient the document
    /// went to, with the reason the sender must give.
    fn resend_to_recipients(
        &mut self,
        outgoing_id: &str,
        reason: &str,
        doc_type: BussinessDocType,
        key: Option<&dyn SignerKey>,
    ) -> AppResult<()> {
        let (what_vi, what_en) = match doc_type {
            BussinessDocType::Revoke => ("thu hồi", "recall"),
            _ => ("cập nhật", "update"),
        };
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::invalid(
                format!("Phải ghi lý do {what_vi} văn bản."),
                format!("a reason is required to {what_en} a document"),
            ));
        }
        refuse_secret(&load(&self.conn, outgoing_id)?)?;
        self.refuse_recalled(outgoing_id)?;
        let to: Vec<String> = exchange::sent_for(&self.conn, outgoing_id)?
            .into_iter()
            .map(|s| s.to_organ)
            .collect();
        if to.is_empty() {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                format!("Văn bản chưa gửi đi nơi nào; không có gì để {what_vi}."),
                "the document was not sent anywhere",
            ));
        }
        self.plan(
            outgoing_id,
            &to,
            &PackageKind {
                doc_type,
                reason: reason.to_string(),
                replaces: Vec::new(),
            },
            key,
        )
    }

    /// Thay thế: a newly issued document goes to every recipient of an
    /// earlier one it replaces (BussinessDocType 3, with its
    /// ReplacementInfoList); the earlier one is frozen like a recalled one.
    pub fn replace_outgoing(
        &mut self,
        new_id: &str,
        old_id: &str,
        key: Option<&dyn SignerKey>,
    ) -> AppResult<ExchangeRun> {
        refuse_secret(&load(&self.conn, new_id)?)?;
        self.refuse_recalled(new_id)?;
        let old = exchange::sent_for(&self.conn, old_id)?;
        let Some(first) = old.first() else {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Văn bản bị thay thế chưa gửi đi nơi nào.",
                "the replaced document was not sent anywhere",
            ));
        };
        let to: Vec<String> = old.iter().map(|s| s.to_organ.clone()).collect();
        let replaces = vec![eoffice_edxml::ReplacementInfo {
            document_id: first.document_id.clone(),
            organ_id_list: to.clone(),
        }];
        self.plan(
            new_id,
            &to,
            &PackageKind {
                doc_type: BussinessDocType::Replace,
                reason: format!("Thay thế văn bản {}", first.document_id),
                replaces,
            },
            key,
        )?;
        self.conn.execute(
            "UPDATE outgoing SET recalled_at = ?2 WHERE id = ?1 AND recalled_at IS NULL",
            rusqlite::params![old_id, self.clock.now().to_rfc3339()],
        )?;
        self.flush_sent(Some(new_id))
    }

    /// One package per route, its bytes kept, one row per recipient.
    fn plan(
        &mut self,
        outgoing_id: &str,
        to: &[String],
        kind: &PackageKind,
        key: Option<&dyn SignerKey>,
    ) -> AppResult<()> {
        let recipients = self.exchange_recipients(to)?;
        for route in crate::exchange_transport::ROUTES {
            let ids: Vec<String> = recipients
                .iter()
                .filter(|r| r.route == route)
                .map(|r| r.organ_id.clone())
                .collect();
            if ids.is_empty() {
                continue;
            }
            let built = self.build_edxml(outgoing_id, &ids, kind)?;
            let bytes = match key {
                Some(k) => crate::build_edxml::sign_built(&built.bytes, k)?,
                None => built.bytes,
            };
            let (sha, _) = self.blobs.put(&bytes)?;
            let tx = self.conn.transaction()?;
            for r in &built.recipients {
                exchange::plan_send(
                    &tx,
                    &Sent {
                        outgoing_id: outgoing_id.to_string(),
                        document_id: built.document_id.to_string(),
                        to_organ: r.organ_id.clone(),
                        to_name: r.name.clone(),
                        route: route.to_string(),
                        bussiness_doc_type: kind.doc_type.code(),
                        package_sha: sha.clone(),
                        sent_at: None,
                        attempts: 0,
                        last_error: None,
                        status_code: None,
                        status_at: None,
                        status_note: None,
                    },
                )?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// Sends what has not left yet (of one document, or of all): rows that
    /// share a package and a route go in one call.
    pub(crate) fn flush_sent(&mut self, only: Option<&str>) -> AppResult<ExchangeRun> {
        let mut run = ExchangeRun {
            sent: Vec::new(),
            statuses_sent: 0,
            received: Vec::new(),
            errors: Vec::new(),
        };
        let mut pending: Vec<Sent> = exchange::unsent(&self.conn)?
            .into_iter()
            .filter(|s| only.is_none_or(|o| s.outgoing_id == o))
            .collect();
        while let Some(first) = pending.first().cloned() {
            let (group, rest): (Vec<Sent>, Vec<Sent>) = pending.into_iter().partition(|s| {
                s.outgoing_id == first.outgoing_id
                    && s.package_sha == first.package_sha
                    && s.route == first.route
            });
            pending = rest;
            // Checked again at the last moment: nothing secret leaves even
            // from a row planned before the document was marked secret.
            let d = load(&self.conn, &first.outgoing_id)?;
            if let Err(e) = refuse_secret(&d) {
                run.errors.push(e.message.clone());
                continue;
            }
            let outcome = self.transport(&first.route).and_then(|t| {
                let bytes = self.blobs.get(&first.package_sha)?;
                let name = format!("{}.edxml", first.document_id.replace(['/', ','], "_"));
                t.call(|c| c.send("edoc", &name, &bytes))
                    .map_err(|e| exchange_error(&first.route, &e))
            });
            let at = self.clock.now().to_rfc3339();
            let tx = self.conn.transaction()?;
            for s in &group {
                match &outcome {
                    Ok(_) => exchange::mark_sent(&tx, s, Ok(&at))?,
                    Err(e) => exchange::mark_sent(&tx, s, Err(&e.message))?,
                }
            }
            tx.commit()?;
            if let Err(e) = outcome {
                run.errors.push(e.message);
            }
        }
        if let Some(o) = only {
            run.sent = self.recipients_of(o)?;
        }
        Ok(run)
    }
}
