//! A package arrives (from the provincial server, the gateway or a file):
//! a new document waits in "Văn bản điện tử đến" with every field taken
//! from the package, its attachment stored and its signatures verified; a
//! status updates the sender's table of recipients; a recall takes the
//! document back. Status 01 is owed to the sender on arrival (domain.md
//! §11). The same package delivered twice changes nothing the second time.

use crate::dto::{DocumentFields, OrganRef, SignerInfo as FieldSigner};
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::TimeZone;
use eoffice_domain::DocumentType;
use eoffice_edxml::*;
use eoffice_store::exchange::{self, Received};
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "PascalCase")]
pub struct ReceivedOutcome {
    /// `edoc` or `status`.
    pub message_type: String,
    /// new, recall, update, replace (edoc); the two-digit code (status).
    pub kind: String,
    pub document_id: String,
    pub from_organ: String,
    /// False when the same package (or status) was received before.
    pub new: bool,
    /// The queue entry, for an edoc.
    pub queue_id: Option<String>,
    pub note: String,
}

fn hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The registration form's fields, all from the package: nothing is read
/// from the PDF (issue 9).
pub(crate) fn fields_of(m: &MessageHeader) -> DocumentFields {
    // TypeName decides when it names a type: senders disagree on Type's
    // numbering (position in Decree 30's list, or the Java SDK's 1).
    let type_name = DocumentType::from_name(&m.document_type.type_name)
        .or_else(|| DocumentType::from_edxml_type(m.document_type.r#type))
        .map(|t| t.name().to_string());
    let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    DocumentFields {
        code_number: Some(m.code.code_number.clone()),
        code_notation: Some(m.code.code_notation.clone()),
        type_name,
        issued_date: Some(
            m.promulgation_info
                .promulgation_date
                .format("%Y-%m-%d")
                .to_string(),
        ),
        place: opt(&m.promulgation_info.place),
        organ_name: Some(m.from.organ_name.clone()),
        parent_organ_name: opt(&m.from.organization_in_charge).filter(|p| *p != m.from.organ_name),
        subject: Some(m.subject.clone()),
        signer_info: FieldSigner {
            competence: opt(&m.signer_info.competence),
            position: opt(&m.signer_info.position),
            full_name: opt(&m.signer_info.full_name),
        },
        priority: m.other_info.priority,
        secrecy: None,
        to: m
            .to
            .iter()
            .map(|t| OrganRef {
                organ_id: Some(t.organ_id.clone()),
                organ_name: t.organ_name.clone(),
            })
            .collect(),
        to_places: m.to_places.clone(),
        page_amount: (m.other_info.page_amount > 0).then_some(m.other_info.page_amount),
    }
}

impl Eoffice {
    pub fn receive_package(&mut self, bytes: &[u8]) -> AppResult<ReceivedOutcome> {
        let read = read_package(bytes)?;
        // A signature that is there must cover the package as it came.
        let xml_signer = match crate::xml_signature::verify_xml(bytes)? {
            Some(c) => Some((
                crate::xml_signature::signer_name(&c),
                crate::xml_signature::signer_trusted(
                    &c,
                    &self.trust_store()?,
                    self.clock.now().to_utc(),
                ),
            )),
            None => None,
        };
        let agency = self.agency()?;
        let now = self.clock.now();
        let at = now.to_rfc3339();
        match read.package {
            Package::Status(s) => self.hear_status(&agency.id, &s),
            Package::Edoc(e) => {
                let m = &e.message_header;
                if !m.to.iter().any(|t| t.organ_id == agency.id) {
                    return Err(AppError::new(
                        ErrorCode::Package,
                        format!(
                            "Gói tin không gửi cho cơ quan này ({}); nơi nhận: {}.",
                            agency.id,
                            m.to.iter()
                                .map(|t| t.organ_id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        format!("the package is not addressed to {}", agency.id),
                    ));
                }
                match e.bussiness.bussiness_doc_type {
                    BussinessDocType::Revoke => self.apply_recall(&agency.id, &e, now),
                    kind => self.queue_document(bytes, &e, kind, &at, xml_signer),
                }
            }
        }
    }

    fn queue_document(
        &mut self,
        bytes: &[u8],
        e: &Edoc,
        kind: BussinessDocType,
        at: &str,
        xml_signer: Option<(String, bool)>,
    ) -> AppResult<ReceivedOutcome> {
        let m = &e.message_header;
        let document_id = m.document_id.to_string();
        let pdf = e
            .attachments
            .iter()
            .find(|a| a.content_type == "application/pdf" || a.attachment_name.ends_with(".pdf"))
            .or(e.attachments.first());
        // Verified before the transaction: the crypto needs no lock.
        let signatures = match pdf {
            Some(a) => self.check_signatures(&a.data)?,
            None => None,
        };
        let (package_blob, _) = self.blobs.put(bytes)?;
        let attachment_sha = match pdf {
            Some(a) => Some(self.blobs.put(&a.data)?.0),
            None => None,
        };
        let id = uuid::Uuid::new_v4().to_string();
        let row = Received {
            id: id.clone(),
            document_id: document_id.clone(),
            from_organ: m.from.organ_id.clone(),
            from_name: m.from.organ_name.clone(),
            bussiness_doc_type: kind.code(),
            // A new document is one document whatever bytes carried it (a
            // sender that rebuilt its package, a platform that delivered it
            // twice); an update or a replacement is one per package.
            package_sha: match kind {
                BussinessDocType::New => {
                    hex(format!("new:{}:{}", m.from.organ_id, document_id).as_bytes())
                }
                _ => hex(bytes),
            },
            package_blob,
            attachment_sha,
            subject: m.subject.clone(),
            fields: serde_json::to_string(&fields_of(m)).expect("fields serialise"),
            signatures: signatures
                .map(|c| serde_json::to_string(&c.badge).expect("badge serialises")),
            xml_trusted: xml_signer.as_ref().map(|s| s.1),
            xml_signer: xml_signer.map(|s| s.0),
            state: "waiting".into(),
            incoming_id: None,
            reason: None,
            received_at: at.to_string(),
            decided_at: None,
        };
        let tx = self.conn.transaction()?;
        // An update of a document still waiting takes its place (15); one
        // already registered cannot change under the clerk's feet: its
        // original is kept byte for byte, so the sender hears 16 and sends a
        // replacement instead.
        let earlier = exchange::received_documents(&tx, &document_id)?;
        let mut row = row;
        let mut answer = (
            StatusCode::Arrived,
            "Văn bản đã đến, chờ văn thư tiếp nhận".to_string(),
        );
        if kind == BussinessDocType::Update && !earlier.is_empty() {
            if earlier.iter().any(|x| x.state == "registered") {
                row.state = "refused".into();
                row.reason = Some("Văn bản đã vào sổ; không cập nhật được".into());
                answer = (
                    StatusCode::ChangeRefused,
                    "Văn bản đã vào sổ văn bản đến; đề nghị gửi văn bản thay thế".into(),
                );
            } else {
                answer = (StatusCode::ChangeAccepted, "Đồng ý cập nhật văn bản".into());
            }
        }
        let new = exchange::insert_received(&tx, &row)?;
        // A replacement supersedes the documents it names: one still waiting
        // leaves the queue; one registered stays, the new one beside it.
        if new && kind == BussinessDocType::Replace {
            for r in &e.bussiness.replacement_info_list {
                let replaced = exchange::received_documents(&tx, &r.document_id)?;
                for x in replaced.iter().filter(|x| x.state == "waiting") {
                    exchange::decide_received(
                        &tx,
                        &x.id,
                        "applied",
                        None,
                        Some(&format!("Đã được thay thế bằng văn bản {document_id}")),
                        at,
                    )?;
                }
                if !replaced.is_empty() {
                    exchange::owe_status(
                        &tx,
                        &r.document_id,
                        &m.from.organ_id,
                        StatusCode::ChangeAccepted.code(),
                        "Đồng ý thay thế văn bản",
                        at,
                    )?;
                }
            }
        }
        if new {
            if row.state == "waiting" {
                for x in earlier
                    .iter()
                    .filter(|x| x.state == "waiting" && x.id != row.id)
                {
                    exchange::decide_received(
                        &tx,
                        &x.id,
                        "applied",
                        None,
                        Some("Đã được cơ quan gửi cập nhật"),
                        at,
                    )?;
                }
            }
            exchange::owe_status(
                &tx,
                &document_id,
                &m.from.organ_id,
                answer.0.code(),
                &answer.1,
                at,
            )?;
        }
        tx.commit()?;
        let kind_name = match kind {
            BussinessDocType::New => "new",
            BussinessDocType::Update => "update",
            BussinessDocType::Replace => "replace",
            BussinessDocType::Revoke => "recall",
        };
        Ok(ReceivedOutcome {
            message_type: "edoc".into(),
            kind: kind_name.into(),
            document_id,
            from_organ: m.from.organ_id.clone(),
            new,
            queue_id: new.then_some(id),
            note: if new {
                "Đã đưa vào hàng chờ văn bản điện tử đến".into()
            } else {
                "Gói tin đã nhận trước đó; không nhận lại".into()
            },
        })
    }

    /// The sender withdraws a document. One still waiting leaves the queue;
    /// the recall itself is kept as a record; the sender hears 15.
    fn apply_recall(
        &mut self,
        agency_id: &str,
        e: &Edoc,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> AppResult<ReceivedOutcome> {
        let at = &now.to_rfc3339();
        let m = &e.message_header;
        let document_id = m.document_id.to_string();
        let tx = self.conn.transaction()?;
        let targets = exchange::received_documents(&tx, &document_id)?;
        let mut applied = false;
        let mut refused = false;
        for t in &targets {
            match t.state.as_str() {
                "waiting" => {
                    exchange::decide_received(
                        &tx,
                        &t.id,
                        "recalled",
                        None,
                        Some(&e.bussiness.bussiness_doc_reason),
                        at,
                    )?;
                    applied = true;
                }
                "registered" => {
                    crate::recall_incoming::remove_recalled(
                        &tx,
                        agency_id,
                        t,
                        &e.bussiness.bussiness_doc_reason,
                        now,
                    )?;
                    applied = true;
                }
                "recalled" => applied = true,
                _ => refused = true,
            }
        }
        let record = Received {
            id: uuid::Uuid::new_v4().to_string(),
            document_id: document_id.clone(),
            from_organ: m.from.organ_id.clone(),
            from_name: m.from.organ_name.clone(),
            bussiness_doc_type: BussinessDocType::Revoke.code(),
            package_sha: hex(format!("recall:{document_id}").as_bytes()),
            package_blob: self
                .blobs
                .put(&write_package(&Package::Edoc(Box::new(e.clone())))?)?
                .0,
            attachment_sha: None,
            subject: m.subject.clone(),
            fields: serde_json::to_string(&fields_of(m)).expect("fields serialise"),
            signatures: None,
            xml_signer: None,
            xml_trusted: None,
            state: if applied { "applied" } else { "refused" }.into(),
            incoming_id: None,
            reason: Some(e.bussiness.bussiness_doc_reason.clone()),
            received_at: at.to_string(),
            decided_at: Some(at.to_string()),
        };
        let new = exchange::insert_received(&tx, &record)?;
        if new {
            let (code, text) = if applied && !refused {
                (StatusCode::ChangeAccepted, "Đồng ý thu hồi văn bản")
            } else {
                (
                    StatusCode::ChangeRefused,
                    "Không thu hồi được: văn bản chưa nhận được hoặc đã trả lại",
                )
            };
            exchange::owe_status(&tx, &document_id, &m.from.organ_id, code.code(), text, at)?;
        }
        tx.commit()?;
        Ok(ReceivedOutcome {
            message_type: "edoc".into(),
            kind: "recall".into(),
            document_id,
            from_organ: m.from.organ_id.clone(),
            new,
            queue_id: None,
            note: if applied {
                "Văn bản đã bị cơ quan gửi thu hồi".into()
            } else {
                "Không có văn bản để thu hồi".into()
            },
        })
    }

    fn hear_status(&mut self, our_id: &str, s: &Status) -> AppResult<ReceivedOutcome> {
        if s.response_for.organ_id != our_id {
            return Err(AppError::new(
                ErrorCode::Package,
                format!(
                    "Gói trạng thái cho văn bản của cơ quan khác ({}).",
                    s.response_for.organ_id
                ),
                format!(
                    "the status is about a document of {}",
                    s.response_for.organ_id
                ),
            ));
        }
        let document_id = s.response_for.document_id.to_string();
        let rank = |c: &str| StatusCode::from_code(c).map_or(0, |c| c.progress_rank());
        let new = exchange::hear_status(
            &self.conn,
            &document_id,
            &s.from.organ_id,
            s.status_code.code(),
            &s.description,
            // edXML times are Vietnam's wall clock; stored with their offset.
            &chrono::FixedOffset::east_opt(7 * 3600)
                .expect("UTC+7 is a valid offset")
                .from_local_datetime(&s.timestamp)
                .single()
                .map(|t| t.to_rfc3339())
                .unwrap_or_else(|| format_timestamp(s.timestamp)),
            rank,
        )?;
        Ok(ReceivedOutcome {
            message_type: "status".into(),
            kind: s.status_code.code().into(),
            document_id,
            from_organ: s.from.organ_id.clone(),
            new,
            queue_id: None,
            note: s.status_code.label().into(),
        })
    }
}
