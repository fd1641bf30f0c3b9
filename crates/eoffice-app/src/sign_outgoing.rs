//! Ký số: the signer signs approved drafts with a personal key (domain.md
//! §7, §8), one or many in one action ("Chờ ký"). The signature is a
//! certification (DocMDP P=2) leaving blank fields where the clerk writes
//! the number and date, so the issue that follows is a permitted change.
//! In a batch each document commits on its own: one failure stops nothing
//! else and is reported with its reason, and each PDF is valid alone.

use crate::dto::{BatchItem, BatchResult, OutgoingDocument, SignProgress};
use crate::outgoing_step::load;
use crate::sign_file::{sign_file, SignAs, SignFileRequest};
use crate::{AppError, AppResult, Eoffice};
use chrono::Timelike;
use eoffice_domain::outgoing::{OutgoingCommand, OutgoingError};
use eoffice_sign::cms_signature::TimeStamper;
use eoffice_sign::SignerKey;

impl Eoffice {
    /// Signs one approved draft as its signer.
    pub fn sign_outgoing(
        &mut self,
        actor: &str,
        id: &str,
        key: &dyn SignerKey,
        image: Option<&[u8]>,
        tsa: Option<&dyn TimeStamper>,
    ) -> AppResult<OutgoingDocument> {
        let d = load(&self.conn, id)?;
        // Asked before the key is used, so a secret document never even
        // reaches the signing code (domain.md §4).
        if !d.may_e_sign() {
            return Err(crate::outgoing_step::outgoing_err(
                OutgoingError::SecretNotSigned,
            ));
        }
        let pdf = self.blobs.get(&d.current().pdf)?;
        // A dry run of the step first: a document that is not the actor's
        // to sign is refused before any signature is made.
        self.check_outgoing_step(actor, id, &OutgoingCommand::Sign { pdf: String::new() })?;
        let signed = sign_file(SignFileRequest {
            pdf,
            key,
            role: SignAs::Person,
            image: image.map(<[u8]>::to_vec),
            time: self.clock.now().with_nanosecond(0).expect("0 ns is valid"),
            leave_issue_fields: true,
            fill: Vec::new(),
            tsa,
            crls: Vec::new(),
        })?;
        let (sha, _) = self.blobs.put(&signed.pdf)?;
        eoffice_store::outgoing::record_blob(
            &self.conn,
            &sha,
            signed.pdf.len() as u64,
            "application/pdf",
            &self.clock.now().to_rfc3339(),
        )?;
        self.outgoing_step(actor, id, &OutgoingCommand::Sign { pdf: sha })
    }

    /// Signs every document of `ids` with one key (one PIN entry),
    /// reporting after each one.
    pub fn sign_outgoing_batch(
        &mut self,
        actor: &str,
        ids: &[String],
        key: &dyn SignerKey,
        image: Option<&[u8]>,
        tsa: Option<&dyn TimeStamper>,
        progress: &mut dyn FnMut(SignProgress),
    ) -> AppResult<BatchResult> {
        if ids.is_empty() {
            return Err(AppError::invalid(
                "Chưa chọn văn bản nào để ký.",
                "no document selected to sign",
            ));
        }
        let mut items = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            let r = self.sign_outgoing(actor, id, key, image, tsa);
            let ok = r.is_ok();
            items.push(match r {
                Ok(d) => BatchItem {
                    id: id.clone(),
                    ok: true,
                    signer: d.signer,
                    error: None,
                    error_code: None,
                },
                Err(e) => BatchItem {
                    id: id.clone(),
                    ok: false,
                    signer: None,
                    error: Some(e.message),
                    error_code: Some(e.code),
                },
            });
            progress(SignProgress {
                done: i as u32 + 1,
                total: ids.len() as u32,
                id: id.clone(),
                ok,
            });
        }
        let signed = items.iter().filter(|i| i.ok).count() as u32;
        Ok(BatchResult {
            signed,
            failed: items.len() as u32 - signed,
            items,
        })
    }

    /// Whether `cmd` would be accepted now, without changing anything.
    pub(crate) fn check_outgoing_step(
        &self,
        actor: &str,
        id: &str,
        cmd: &OutgoingCommand,
    ) -> AppResult<()> {
        let person = self.person_for(actor)?;
        let directory = self.directory()?;
        let d = load(&self.conn, id)?;
        let cx = eoffice_domain::outgoing::Context {
            directory: &directory,
            actor: &person,
            at: self.clock.now(),
        };
        eoffice_domain::outgoing::decide(Some(&d), cmd, &cx)
            .map(|_| ())
            .map_err(crate::outgoing_step::outgoing_err)
    }
}
