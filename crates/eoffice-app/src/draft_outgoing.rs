//! Dự thảo: a specialist uploads a draft (PDF, DOCX or ODT) with its
//! metadata; later uploads are versions, and anyone on the way comments on
//! the current one (domain.md §7). A DOCX/ODT is turned into PDF here,
//! once, so that the PDF reviewers read is the one the signer signs.

use crate::dto::OutgoingDocument;
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::outgoing::{DraftMeta, OutgoingCommand};
use eoffice_domain::{DocumentType, Secrecy, Urgency};
use eoffice_pdf::office_convert::{convert_to_pdf, office_extension};
use serde::Deserialize;
use std::time::Duration;
use ts_rs::TS;

/// How long LibreOffice may take on one draft.
const CONVERT_LIMIT: Duration = Duration::from_secs(90);

#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DraftInput {
    /// A type code (`QĐ`, `CV` or empty for a công văn) or name (`Công văn`).
    pub doc_type: String,
    pub normative: bool,
    pub subject: String,
    pub recipients: Vec<String>,
    pub signer: Option<String>,
    /// `thuong`, `khan`, `thuong_khan`, `hoa_toc` or a label.
    pub urgency: Option<String>,
    /// null, `mat`, `toi_mat`, `tuyet_mat` or a label.
    pub secrecy: Option<String>,
}

pub(crate) fn doc_type_of(s: &str) -> AppResult<DocumentType> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("CV") {
        return Ok(DocumentType::CongVan);
    }
    DocumentType::from_code(s)
        .map(|(t, _)| t)
        .or_else(|| DocumentType::from_name(s))
        .ok_or_else(|| {
            AppError::invalid(
                format!(
                    "Không có loại văn bản “{s}” (Phụ lục III); ví dụ QĐ, TB, BC hoặc Công văn."
                ),
                format!("unknown document type {s:?} (Appendix III): e.g. QĐ, TB, BC or Công văn"),
            )
        })
}

fn meta_of(input: &DraftInput) -> AppResult<DraftMeta> {
    let urgency = match input.urgency.as_deref().map(str::trim) {
        None | Some("") => Urgency::Thuong,
        Some(u) => Urgency::parse(&u.replace('_', " ")).ok_or_else(|| {
            AppError::invalid(
                format!("Độ khẩn “{u}” không có; chọn Thường, Khẩn, Thượng khẩn hoặc Hỏa tốc."),
                format!("urgency {u:?}: use thuong, khan, thuong_khan or hoa_toc"),
            )
        })?,
    };
    let secrecy = match input.secrecy.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(
            Secrecy::from_code(s)
                .or_else(|| Secrecy::parse(s))
                .ok_or_else(|| {
                    AppError::invalid(
                        format!("Độ mật “{s}” không có; chọn Mật, Tối mật hoặc Tuyệt mật."),
                        format!("secrecy {s:?}: use mat, toi_mat or tuyet_mat"),
                    )
                })?,
        ),
    };
    Ok(DraftMeta {
        doc_type: doc_type_of(&input.doc_type)?,
        normative: input.normative,
        subject: input.subject.clone(),
        recipients: input
            .recipients
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect(),
        signer: input.signer.clone().filter(|s| !s.trim().is_empty()),
        urgency,
        secrecy,
        unit: None,
    })
}

impl Eoffice {
    /// Stores a draft file as uploaded and its PDF (converted when it is an
    /// office file): `(pdf sha, source sha)`. Nothing is stored when the
    /// conversion fails.
    fn store_draft_file(
        &self,
        file_name: &str,
        bytes: &[u8],
    ) -> AppResult<(String, Option<String>)> {
        let now = self.clock.now().to_rfc3339();
        let (pdf, source) = match office_extension(file_name)? {
            None => {
                if !bytes.starts_with(b"%PDF-") {
                    return Err(AppError::new(
                        crate::ErrorCode::UnreadablePdf,
                        format!("Tệp “{file_name}” không phải PDF."),
                        format!("{file_name} is not a PDF"),
                    ));
                }
                (bytes.to_vec(), None)
            }
            Some(ext) => (convert_to_pdf(bytes, &ext, CONVERT_LIMIT)?, Some(bytes)),
        };
        let (pdf_sha, _) = self.blobs.put(&pdf)?;
        eoffice_store::outgoing::record_blob(
            &self.conn,
            &pdf_sha,
            pdf.len() as u64,
            "application/pdf",
            &now,
        )?;
        let source_sha = match source {
            Some(src) => {
                let (sha, _) = self.blobs.put(src)?;
                eoffice_store::outgoing::record_blob(
                    &self.conn,
                    &sha,
                    src.len() as u64,
                    "application/octet-stream",
                    &now,
                )?;
                Some(sha)
            }
            None => None,
        };
        Ok((pdf_sha, source_sha))
    }

    pub fn draft_outgoing(
        &mut self,
        actor: &str,
        file_name: &str,
        bytes: &[u8],
        input: &DraftInput,
    ) -> AppResult<OutgoingDocument> {
        // Outgoing documents are not synced yet: a draft made here would
        // never reach the unit head or the signer on their desktops.
        if self.is_connected()? {
            return Err(crate::AppError::new(
                crate::ErrorCode::InvalidState,
                "Văn bản đi chưa được đồng bộ với máy chủ tỉnh: dự thảo tạo ở đây sẽ không đến được lãnh đạo. Hãy soạn và trình ký ở bản độc lập.",
                "outgoing documents are not synced with the server yet; draft them in standalone mode",
            ));
        }
        let meta = meta_of(input)?;
        let (pdf, source) = self.store_draft_file(file_name, bytes)?;
        let id = format!("out-{}", uuid::Uuid::new_v4());
        self.outgoing_step(
            actor,
            &id,
            &OutgoingCommand::Draft {
                meta,
                pdf,
                source,
                file_name: file_name.to_string(),
            },
        )
    }

    /// The author's answer to comments or a send-back: a new version.
    pub fn add_outgoing_version(
        &mut self,
        actor: &str,
        id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> AppResult<OutgoingDocument> {
        let (pdf, source) = self.store_draft_file(file_name, bytes)?;
        self.outgoing_step(
            actor,
            id,
            &OutgoingCommand::AddVersion {
                pdf,
                source,
                file_name: file_name.to_string(),
            },
        )
    }

    pub fn comment_outgoing(
        &mut self,
        actor: &str,
        id: &str,
        text: &str,
    ) -> AppResult<OutgoingDocument> {
        self.outgoing_step(actor, id, &OutgoingCommand::Comment { text: text.into() })
    }
}
