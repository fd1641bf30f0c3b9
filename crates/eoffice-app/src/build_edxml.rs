//! The edXML package of an issued outgoing document (domain.md §11): the
//! header from the outgoing book's entry, the signed PDF as the one
//! attachment. A secret document has no package: it never goes over the
//! network (domain.md §4), whatever route is asked for.

use crate::outgoing_step::load;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::Timelike;
use eoffice_domain::outgoing::{Draft, Stage};
use eoffice_domain::NumberSymbol;
use eoffice_edxml::*;
use eoffice_store::exchange::{self, Organ as DirectoryOrgan};

/// What a package is built for: a new document, or a recall, update or
/// replacement of one already sent.
#[derive(Debug, Clone)]
pub struct PackageKind {
    pub doc_type: BussinessDocType,
    pub reason: String,
    /// For a replacement: the documents it replaces, and where they went.
    pub replaces: Vec<ReplacementInfo>,
}

impl PackageKind {
    pub fn new_document() -> PackageKind {
        PackageKind {
            doc_type: BussinessDocType::New,
            reason: "Văn bản điện tử mới".into(),
            replaces: Vec::new(),
        }
    }
}

pub struct BuiltPackage {
    pub bytes: Vec<u8>,
    pub document_id: DocumentId,
    pub recipients: Vec<DirectoryOrgan>,
}

/// A built package signed with the agency's key (XML-DSig, domain.md §11).
pub fn sign_built(bytes: &[u8], key: &dyn eoffice_sign::SignerKey) -> AppResult<Vec<u8>> {
    Ok(eoffice_edxml::sign_package(
        bytes,
        &crate::xml_signature::AgencyXmlSigner(key),
    )?)
}

pub(crate) fn refuse_secret(d: &Draft) -> AppResult<()> {
    if !d.may_e_sign() {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "Văn bản mật không được gửi qua mạng (điện tử); hãy gửi bản giấy theo quy định về bảo vệ bí mật nhà nước.",
            "a secret document never goes over the network: send it on paper",
        ));
    }
    Ok(())
}

impl Eoffice {
    /// The recipients named, looked up in the exchange directory; each
    /// must be known, since its route and name come from there.
    pub(crate) fn exchange_recipients(&self, to: &[String]) -> AppResult<Vec<DirectoryOrgan>> {
        if to.is_empty() {
            return Err(AppError::invalid(
                "Chưa chọn nơi nhận (mã định danh cơ quan, --to).",
                "no recipient given (--to ORGAN_ID)",
            ));
        }
        let mut out: Vec<DirectoryOrgan> = Vec::new();
        for id in to {
            let o = exchange::organ(&self.conn, id.trim())?.ok_or_else(|| {
                AppError::not_found("cơ quan trong danh bạ liên thông", "organ", id)
            })?;
            if !out.iter().any(|x| x.organ_id == o.organ_id) {
                out.push(o);
            }
        }
        Ok(out)
    }

    pub fn build_edxml(
        &self,
        outgoing_id: &str,
        to: &[String],
        kind: &PackageKind,
    ) -> AppResult<BuiltPackage> {
        let d = load(&self.conn, outgoing_id)?;
        refuse_secret(&d)?;
        let issue = match (&d.issue, d.stage) {
            (Some(i), Stage::Issued) => i,
            _ => return Err(AppError::new(
                ErrorCode::InvalidState,
                "Văn bản chưa phát hành: chỉ gửi được văn bản đã có số và đã ký số của cơ quan.",
                "the document is not issued yet",
            )),
        };
        let pdf_sha = issue.pdf.as_deref().ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidState,
                "Văn bản phát hành bản giấy, không có bản điện tử để gửi.",
                "the document was issued on paper only",
            )
        })?;
        let pdf = self.blobs.get(pdf_sha)?;
        let recipients = self.exchange_recipients(to)?;
        let agency = self.agency()?;
        let now = self.clock.now();
        let code = NumberSymbol::parse(&issue.symbol).map_err(|e| {
            AppError::new(
                ErrorCode::Integrity,
                format!("Số, ký hiệu đã cấp “{}” không đọc được.", issue.symbol),
                e.to_string(),
            )
        })?;
        let code_number = code.number.to_string();
        let code_notation = issue.symbol[issue.symbol.find('/').map_or(0, |i| i + 1)..].to_string();
        let organ_id = agency.id.clone();
        let document_id = DocumentId::parse(
            "DocumentId",
            &format!("{organ_id},{},{}", format_date(issue.date), issue.symbol),
        )?;
        // What the signer block and page count say is read from the issued
        // file itself, as a receiver's intake would read it.
        let read = crate::intake_pdf::read_pdf(&pdf, None, self.limits, None).ok();
        let fields = read.as_ref().map(|r| &r.result.fields);
        let signer = fields.map(|f| f.signer_info.clone()).unwrap_or_default();
        let from = Organ {
            organ_id: organ_id.clone(),
            organization_in_charge: String::new(),
            organ_name: agency.name.clone(),
            organ_add: agency.place.clone().unwrap_or_default(),
            ..Organ::default()
        };
        let to_organs: Vec<Organ> = recipients
            .iter()
            .map(|r| Organ {
                organ_id: r.organ_id.clone(),
                organization_in_charge: String::new(),
                organ_name: r.name.clone(),
                organ_add: r.address.clone(),
                email: r.email.clone(),
                telephone: r.telephone.clone(),
                fax: String::new(),
                website: r.website.clone(),
            })
            .collect();
        let attachment = Attachment {
            content_type: "application/pdf".into(),
            content_id: uuid::Uuid::new_v4().to_string(),
            description: "Văn bản điện tử".into(),
            attachment_name: format!("{}.pdf", issue.symbol.replace('/', "-")),
            data: pdf,
        };
        let edoc = Edoc {
            message_header: MessageHeader {
                from,
                to: to_organs,
                code: Code {
                    code_number,
                    code_notation,
                },
                promulgation_info: PromulgationInfo {
                    place: agency.place.clone().unwrap_or_default(),
                    promulgation_date: issue.date,
                },
                document_type: DocumentTypeInfo {
                    r#type: d.meta.doc_type.edxml_type().unwrap_or(18),
                    type_name: d.meta.doc_type.name().to_string(),
                },
                subject: d.meta.subject.trim().to_string(),
                content: d.meta.subject.trim().to_string(),
                signer_info: SignerInfo {
                    competence: signer.competence.unwrap_or_default(),
                    position: signer.position.unwrap_or_default(),
                    full_name: signer.full_name.unwrap_or_default(),
                },
                due_date: None,
                to_places: d
                    .meta
                    .recipients
                    .iter()
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .collect(),
                other_info: OtherInfo {
                    priority: d.meta.urgency.priority(),
                    sphere_of_promulgation: "Liên thông văn bản".into(),
                    typer_notation: String::new(),
                    promulgation_amount: 1,
                    page_amount: fields.and_then(|f| f.page_amount).unwrap_or(0),
                    appendixes: Vec::new(),
                },
                response_for: Vec::new(),
                steering_type: Some(1),
                document_id: document_id.clone(),
            },
            trace_header_list: vec![TraceHeader {
                organ_id: organ_id.clone(),
                timestamp: now.naive_local().with_nanosecond(0).expect("0 ns is valid"),
            }],
            bussiness: Bussiness {
                bussiness_doc_type: kind.doc_type,
                bussiness_doc_reason: kind.reason.clone(),
                staff_info: StaffInfo {
                    department: "Văn thư".into(),
                    staff: issue.by.clone(),
                    ..StaffInfo::default()
                },
                paper: 0,
                replacement_info_list: kind.replaces.clone(),
            },
            manifest: Vec::new(),
            attachments: vec![attachment],
            signature: None,
        };
        let mut edoc = edoc;
        // A recall carries no document: the receiver removes its copy.
        if kind.doc_type == BussinessDocType::Revoke {
            edoc.attachments.clear();
        }
        edoc.manifest = manifest_for(&edoc.attachments);
        let bytes = write_package(&Package::Edoc(Box::new(edoc)))?;
        Ok(BuiltPackage {
            bytes,
            document_id,
            recipients,
        })
    }
}
