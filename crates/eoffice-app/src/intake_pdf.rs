//! Read a PDF and pre-fill the registration form; nothing is stored.

use crate::dto::{AttachedTo, DocumentFields, IntakeResult, OrganRef, SignerInfo};
use crate::{AppResult, Eoffice};
use eoffice_pdf::{extract_fields, extract_layout, ExtractLimits};
use eoffice_store::blobs::sha256_hex;
use std::collections::BTreeMap;

/// What intake learns, with the document text for the search index.
pub(crate) struct Intake {
    pub result: IntakeResult,
    pub text: String,
}

pub(crate) fn read_pdf(
    bytes: &[u8],
    file_name: Option<&str>,
    limits: ExtractLimits,
) -> AppResult<Intake> {
    let read = extract_layout(bytes, limits)?;
    let needs_ocr = read.needs_ocr();
    let mut confidence = BTreeMap::new();
    let mut fields = DocumentFields {
        page_amount: Some(read.page_count as u32),
        ..Default::default()
    };
    let mut attached = None;
    if !needs_ocr {
        let f = extract_fields(&read.layout);
        let mut conf = |name: &str, c: f32| {
            confidence.insert(name.to_string(), c);
        };
        if let Some(n) = &f.number {
            fields.code_number = Some(n.value.number.to_string());
            fields.code_notation = Some(n.value.notation());
            conf("CodeNumber", n.confidence);
            conf("CodeNotation", n.confidence);
        }
        if let Some(t) = &f.doc_type {
            fields.type_name = Some(t.value.name().to_string());
            conf("TypeName", t.confidence);
        }
        if let Some(d) = &f.date {
            fields.issued_date = Some(d.value.format("%Y-%m-%d").to_string());
            conf("IssuedDate", d.confidence);
        }
        if let Some(p) = &f.place {
            fields.place = Some(p.value.clone());
            conf("Place", p.confidence);
        }
        if let Some(o) = &f.issuer {
            fields.organ_name = Some(o.value.clone());
            conf("OrganName", o.confidence);
        }
        if let Some(o) = &f.parent_organ {
            fields.parent_organ_name = Some(o.value.clone());
            conf("ParentOrganName", o.confidence);
        }
        if let Some(s) = &f.subject {
            fields.subject = Some(s.value.clone());
            conf("Subject", s.confidence);
        }
        if let Some(s) = &f.signer {
            fields.signer_info = SignerInfo {
                competence: s.value.competence.clone(),
                position: s.value.position.clone(),
                full_name: s.value.full_name.clone(),
            };
            conf("SignerInfo", s.confidence);
        }
        fields.priority = f.urgency.value.priority();
        conf("Priority", f.urgency.confidence);
        if let Some(s) = &f.secrecy {
            fields.secrecy = Some(s.value.code().to_string());
            conf("Secrecy", s.confidence);
        }
        if let Some(a) = &f.addressees {
            fields.to = a
                .value
                .iter()
                .map(|n| OrganRef {
                    organ_id: None,
                    organ_name: n.clone(),
                })
                .collect();
            conf("To", a.confidence);
        }
        if let Some(r) = &f.recipients {
            fields.to_places = r.value.clone();
            conf("ToPlaces", r.confidence);
        }
        attached = f.attached_to.map(|a| AttachedTo {
            type_name: a.type_name,
            code: a.number_notation,
        });
    }
    confidence.insert("PageAmount".into(), 1.0);
    Ok(Intake {
        text: read.layout.text(),
        result: IntakeResult {
            file_name: file_name.map(String::from),
            sha256: sha256_hex(bytes),
            text_layer: !needs_ocr,
            needs_ocr,
            legacy_encoding: read.legacy_encoding.map(|e| e.code().to_string()),
            fields,
            confidence,
            attached_to: attached,
            duplicate_of: None,
            signatures: None,
        },
    })
}

impl Eoffice {
    /// Reads a PDF and returns the pre-filled fields, with a warning when the
    /// same document is already registered.
    pub fn intake(&self, bytes: &[u8], file_name: Option<&str>) -> AppResult<IntakeResult> {
        let mut result = read_pdf(bytes, file_name, self.limits)?.result;
        form_number_and_date(bytes, &mut result);
        result.duplicate_of = self.duplicate_of(&result.fields)?;
        result.signatures = self.check_signatures(bytes)?.map(|c| c.badge);
        Ok(result)
    }
}

/// An issued document keeps its number and date in the form fields the
/// signer left and the clerk filled (issue 8): the page text has only the
/// blank "Số:     /UBND-VP". Those values stand in for what the page
/// text could not give.
pub(crate) fn form_number_and_date(bytes: &[u8], result: &mut IntakeResult) {
    if result.fields.code_number.is_some() && result.fields.issued_date.is_some() {
        return;
    }
    if !bytes.windows(7).any(|w| w == b"/AcroFo") {
        return;
    }
    let Ok(file) = eoffice_sign::pdf::file::PdfFile::open(bytes.to_vec()) else {
        return;
    };
    for (_, value) in file.text_field_values() {
        if result.fields.code_number.is_none() {
            if let Ok(n) = eoffice_domain::NumberSymbol::parse(&value) {
                result.fields.code_number = Some(n.number.to_string());
                result.fields.code_notation = Some(n.notation());
                result.confidence.insert("CodeNumber".into(), 0.95);
                result.confidence.insert("CodeNotation".into(), 0.95);
                continue;
            }
        }
        if result.fields.issued_date.is_none() {
            if let Ok(pd) = eoffice_domain::parse_date_line(&value) {
                result.fields.issued_date = Some(pd.date.format("%Y-%m-%d").to_string());
                result.confidence.insert("IssuedDate".into(), 0.95);
                if result.fields.place.is_none() {
                    result.fields.place = Some(pd.place);
                }
            }
        }
    }
}
