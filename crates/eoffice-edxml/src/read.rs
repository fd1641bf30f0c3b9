//! Reading a package: lenient where the standard's intent is plain (an
//! element without the `edXML:` prefix but in its namespace is read, and
//! flagged), never where a value could be misread (dates, DocumentId,
//! references, numbers are each an exact shape or a located error).

use crate::date::{parse_date, parse_timestamp};
use crate::document_id::DocumentId;
use crate::error::EdxmlError;
use crate::model::*;
use crate::status::StatusCode;
use crate::tree::{read_tree, Element, Limits, NAMESPACE};
use base64::Engine;
use eoffice_domain::AgencyId;

/// A package as read, with what a stricter reader would say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadPackage {
    pub package: Package,
    /// Elements of the envelope written without the `edXML:` prefix (the
    /// first few): the national axis refuses such a package.
    pub unprefixed: Vec<String>,
    pub unprefixed_count: usize,
    /// The package carries an XML signature (checked by `verify_package`).
    pub signed: bool,
}

impl ReadPackage {
    pub fn national_axis_would_accept(&self) -> bool {
        self.unprefixed_count == 0
    }
}

pub fn read_package(bytes: &[u8]) -> Result<ReadPackage, EdxmlError> {
    read_package_with(bytes, Limits::default())
}

pub fn read_package_with(bytes: &[u8], limits: Limits) -> Result<ReadPackage, EdxmlError> {
    let root = read_tree(bytes, limits)?;
    if root.local != "edXML" {
        return Err(EdxmlError::NotAPackage {
            why: format!("the root element is <{}>, not <edXML>", root.local),
        });
    }
    let envelope = required(&root, "edXMLEnvelope")?;
    let (unprefixed, unprefixed_count) = check_names(envelope)?;
    let header = required(envelope, "edXMLHeader")?;
    let signed = header
        .child("DigitalSignature")
        .is_some_and(|s| !s.children.is_empty());
    let package = if let Some(status) = header.child("Status") {
        Package::Status(Box::new(read_status(status)?))
    } else {
        let message = required(header, "MessageHeader")?;
        let trace_list = header.child("TraceHeaderList");
        let (manifest, attachments) = read_body(&root, envelope)?;
        Package::Edoc(Box::new(Edoc {
            message_header: read_message_header(message)?,
            trace_header_list: match trace_list {
                Some(t) => t
                    .children_named("TraceHeader")
                    .map(read_trace)
                    .collect::<Result<_, _>>()?,
                None => Vec::new(),
            },
            bussiness: match trace_list.and_then(|t| t.child("Bussiness")) {
                Some(b) => read_bussiness(b)?,
                None => Bussiness::default(),
            },
            manifest,
            attachments,
            // A signature covers bytes, not fields: a package written again
            // is signed again.
            signature: None,
        }))
    };
    Ok(ReadPackage {
        package,
        unprefixed,
        unprefixed_count,
        signed,
    })
}

/// Every element of the envelope must be in the standard's namespace; the
/// XML signature's own elements (XML-DSig namespace) are the one exception.
fn check_names(envelope: &Element) -> Result<(Vec<String>, usize), EdxmlError> {
    let mut unprefixed = Vec::new();
    let mut count = 0;
    let mut wrong = None;
    fn visit(
        e: &Element,
        unprefixed: &mut Vec<String>,
        count: &mut usize,
        wrong: &mut Option<EdxmlError>,
    ) {
        if wrong.is_some() {
            return;
        }
        if e.namespace.as_deref() != Some(NAMESPACE) {
            *wrong = Some(EdxmlError::WrongNamespace {
                at: e.path.clone(),
                found: e.namespace.clone().unwrap_or_default(),
            });
            return;
        }
        if e.prefix.as_deref() != Some("edXML") {
            *count += 1;
            if unprefixed.len() < 10 {
                unprefixed.push(e.path.clone());
            }
        }
        if e.local == "DigitalSignature" {
            return;
        }
        for c in &e.children {
            visit(c, unprefixed, count, wrong);
        }
    }
    visit(envelope, &mut unprefixed, &mut count, &mut wrong);
    match wrong {
        Some(e) => Err(e),
        None => Ok((unprefixed, count)),
    }
}

fn required<'a>(parent: &'a Element, local: &str) -> Result<&'a Element, EdxmlError> {
    parent.child(local).ok_or_else(|| EdxmlError::Missing {
        at: format!("{}/{}", parent.path, local),
    })
}

/// The trimmed text of a child, empty when absent.
fn text(parent: &Element, local: &str) -> String {
    parent
        .child(local)
        .map(|e| e.text.trim().to_string())
        .unwrap_or_default()
}

fn required_text(parent: &Element, local: &str) -> Result<String, EdxmlError> {
    let t = text(parent, local);
    if t.is_empty() {
        return Err(EdxmlError::Missing {
            at: format!("{}/{}", parent.path, local),
        });
    }
    Ok(t)
}

fn path(parent: &Element, local: &str) -> String {
    format!("{}/{}", parent.path, local)
}

fn number<T: std::str::FromStr>(parent: &Element, local: &str) -> Result<Option<T>, EdxmlError> {
    let t = text(parent, local);
    if t.is_empty() {
        return Ok(None);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_value(parent, local, &t, "a whole number is expected"));
    }
    t.parse()
        .map(Some)
        .map_err(|_| bad_value(parent, local, &t, "the number is out of range"))
}

fn bad_value(parent: &Element, local: &str, value: &str, why: &str) -> EdxmlError {
    EdxmlError::BadValue {
        at: path(parent, local),
        value: value.to_string(),
        why: why.to_string(),
    }
}

fn organ_id(parent: &Element) -> Result<String, EdxmlError> {
    let id = required_text(parent, "OrganId")?;
    AgencyId::parse(&id).map_err(|e| bad_value(parent, "OrganId", &id, &e.to_string()))?;
    Ok(id)
}

fn read_organ(e: &Element) -> Result<Organ, EdxmlError> {
    Ok(Organ {
        organ_id: organ_id(e)?,
        organization_in_charge: text(e, "OrganizationInCharge"),
        organ_name: required_text(e, "OrganName")?,
        organ_add: text(e, "OrganAdd"),
        email: text(e, "Email"),
        telephone: text(e, "Telephone"),
        fax: text(e, "Fax"),
        website: text(e, "Website"),
    })
}

fn read_date(parent: &Element, local: &str) -> Result<chrono::NaiveDate, EdxmlError> {
    parse_date(&path(parent, local), &required_text(parent, local)?)
}

fn read_document_id(parent: &Element) -> Result<DocumentId, EdxmlError> {
    DocumentId::parse(
        &path(parent, "DocumentId"),
        &required_text(parent, "DocumentId")?,
    )
}

fn read_message_header(m: &Element) -> Result<MessageHeader, EdxmlError> {
    let from = read_organ(required(m, "From")?)?;
    let to: Vec<Organ> = m
        .children_named("To")
        .map(read_organ)
        .collect::<Result<_, _>>()?;
    if to.is_empty() {
        return Err(EdxmlError::Missing { at: path(m, "To") });
    }
    let code_el = required(m, "Code")?;
    let code = Code {
        code_number: required_text(code_el, "CodeNumber")?,
        code_notation: required_text(code_el, "CodeNotation")?,
    };
    if !code.code_number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_value(
            code_el,
            "CodeNumber",
            &code.code_number,
            "the number is digits only",
        ));
    }
    let info = required(m, "PromulgationInfo")?;
    let promulgation_info = PromulgationInfo {
        place: text(info, "Place"),
        promulgation_date: read_date(info, "PromulgationDate")?,
    };
    let type_el = required(m, "DocumentType")?;
    let document_type = DocumentTypeInfo {
        r#type: number(type_el, "Type")?.ok_or_else(|| EdxmlError::Missing {
            at: path(type_el, "Type"),
        })?,
        type_name: text(type_el, "TypeName"),
    };
    let signer = m.child("SignerInfo");
    let other = m.child("OtherInfo");
    let due_date = match text(m, "DueDate") {
        t if t.is_empty() => None,
        t => Some(parse_date(&path(m, "DueDate"), &t)?),
    };
    let other_info = match other {
        Some(o) => {
            let priority = number::<u8>(o, "Priority")?.unwrap_or(0);
            if priority > 4 {
                return Err(bad_value(
                    o,
                    "Priority",
                    &priority.to_string(),
                    "the priority is 0 to 4",
                ));
            }
            OtherInfo {
                priority,
                sphere_of_promulgation: text(o, "SphereOfPromulgation"),
                typer_notation: text(o, "TyperNotation"),
                promulgation_amount: number(o, "PromulgationAmount")?.unwrap_or(0),
                page_amount: number(o, "PageAmount")?.unwrap_or(0),
                appendixes: o
                    .child("Appendixes")
                    .map(|a| {
                        a.children_named("Appendix")
                            .map(|x| x.text.trim().to_string())
                            .filter(|x| !x.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        }
        None => OtherInfo::default(),
    };
    let document_id = read_document_id(m)?;
    // The DocumentId repeats the sender, the date and the code; a package
    // where they disagree is refused rather than filed under either.
    let id_at = path(m, "DocumentId");
    let disagree = |what: &str| EdxmlError::BadDocumentId {
        at: id_at.clone(),
        value: document_id.to_string(),
        why: format!("it disagrees with {what}"),
    };
    if document_id.organ.as_str() != from.organ_id {
        return Err(disagree("From/OrganId"));
    }
    if document_id.date != promulgation_info.promulgation_date {
        return Err(disagree("PromulgationInfo/PromulgationDate"));
    }
    if eoffice_domain::NumberSymbol::parse(&code.number_notation()).ok()
        != Some(document_id.code.clone())
    {
        return Err(disagree("Code"));
    }
    Ok(MessageHeader {
        from,
        to,
        code,
        promulgation_info,
        document_type,
        subject: required_text(m, "Subject")?,
        content: text(m, "Content"),
        signer_info: signer
            .map(|s| SignerInfo {
                competence: text(s, "Competence"),
                position: text(s, "Position"),
                full_name: text(s, "FullName"),
            })
            .unwrap_or_default(),
        due_date,
        to_places: m
            .child("ToPlaces")
            .map(|p| {
                p.children_named("Place")
                    .map(|x| x.text.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        other_info,
        response_for: m
            .children_named("ResponseFor")
            .map(read_response_for)
            .collect::<Result<_, _>>()?,
        steering_type: number(m, "SteeringType")?,
        document_id,
    })
}

fn read_response_for(r: &Element) -> Result<ResponseFor, EdxmlError> {
    Ok(ResponseFor {
        organ_id: organ_id(r)?,
        code: required_text(r, "Code")?,
        promulgation_date: read_date(r, "PromulgationDate")?,
        document_id: read_document_id(r)?,
    })
}

fn read_trace(t: &Element) -> Result<TraceHeader, EdxmlError> {
    Ok(TraceHeader {
        organ_id: organ_id(t)?,
        timestamp: parse_timestamp(&path(t, "Timestamp"), &required_text(t, "Timestamp")?)?,
    })
}

fn read_staff(e: Option<&Element>) -> StaffInfo {
    e.map(|s| StaffInfo {
        department: text(s, "Department"),
        staff: text(s, "Staff"),
        mobile: text(s, "Mobile"),
        email: text(s, "Email"),
    })
    .unwrap_or_default()
}

fn read_bussiness(b: &Element) -> Result<Bussiness, EdxmlError> {
    let t = required_text(b, "BussinessDocType")?;
    let bussiness_doc_type = BussinessDocType::from_code(&t).ok_or_else(|| {
        bad_value(
            b,
            "BussinessDocType",
            &t,
            "0 new, 1 recall, 2 update or 3 replace",
        )
    })?;
    let paper = number::<u8>(b, "Paper")?.unwrap_or(0);
    Ok(Bussiness {
        bussiness_doc_type,
        bussiness_doc_reason: text(b, "BussinessDocReason"),
        staff_info: read_staff(b.child("StaffInfo")),
        paper,
        replacement_info_list: match b.child("ReplacementInfoList") {
            Some(list) => list
                .children_named("ReplacementInfo")
                .map(|r| {
                    Ok(ReplacementInfo {
                        document_id: read_document_id(r)?.to_string(),
                        organ_id_list: r
                            .child("OrganIdList")
                            .map(|l| {
                                l.children_named("OrganId")
                                    .map(|o| o.text.trim().to_string())
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                })
                .collect::<Result<_, EdxmlError>>()?,
            None => Vec::new(),
        },
    })
}

fn read_status(s: &Element) -> Result<Status, EdxmlError> {
    let code_text = required_text(s, "StatusCode")?;
    let status_code = StatusCode::from_code(&code_text).ok_or_else(|| {
        bad_value(
            s,
            "StatusCode",
            &code_text,
            "one of 01–06, 13, 15, 16 in two digits",
        )
    })?;
    Ok(Status {
        response_for: read_response_for(required(s, "ResponseFor")?)?,
        from: read_organ(required(s, "From")?)?,
        status_code,
        description: text(s, "Description"),
        timestamp: parse_timestamp(&path(s, "Timestamp"), &required_text(s, "Timestamp")?)?,
        staff_info: read_staff(s.child("StaffInfo")),
    })
}

fn strip_cid(s: &str) -> &str {
    s.trim().strip_prefix("cid:").unwrap_or(s.trim())
}

fn read_body(
    root: &Element,
    envelope: &Element,
) -> Result<(Vec<Reference>, Vec<Attachment>), EdxmlError> {
    let attachments: Vec<Attachment> = match root.child("AttachmentEncoded") {
        Some(list) => list
            .children_named("Attachment")
            .map(read_attachment)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let manifest_el = envelope
        .child("edXMLBody")
        .and_then(|b| b.child("edXMLManifest"));
    let mut manifest = Vec::new();
    if let Some(m) = manifest_el {
        for r in m.children_named("Reference") {
            let href = r
                .attribute("href")
                .map(str::to_string)
                .unwrap_or_else(|| text(r, "ContentId"));
            if href.is_empty() {
                return Err(EdxmlError::Missing {
                    at: format!("{}/@xlink:href", r.path),
                });
            }
            let cid = strip_cid(&href);
            if !attachments.iter().any(|a| a.content_id == cid) {
                return Err(EdxmlError::UnknownCid {
                    at: r.path.clone(),
                    cid: href.clone(),
                });
            }
            manifest.push(Reference {
                href: href.clone(),
                description: text(r, "Description"),
                attachment_name: text(r, "AttachmentName"),
                content_type: text(r, "ContentType"),
            });
        }
    }
    Ok((manifest, attachments))
}

fn read_attachment(a: &Element) -> Result<Attachment, EdxmlError> {
    let encoded = a
        .child("ContentTransferEncoded")
        .ok_or_else(|| EdxmlError::Missing {
            at: path(a, "ContentTransferEncoded"),
        })?;
    let raw = encoded.text.as_bytes();
    // Encoders may wrap lines; the copy without whitespace is made only
    // when there is whitespace to remove.
    let decoded = if raw.iter().any(u8::is_ascii_whitespace) {
        let compact: Vec<u8> = raw
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        base64::engine::general_purpose::STANDARD.decode(compact)
    } else {
        base64::engine::general_purpose::STANDARD.decode(raw)
    };
    let data = decoded.map_err(|e| EdxmlError::Base64 {
        at: encoded.path.clone(),
        why: e.to_string(),
    })?;
    Ok(Attachment {
        content_type: text(a, "ContentType"),
        content_id: strip_cid(&required_text(a, "ContentId")?).to_string(),
        description: text(a, "Description"),
        attachment_name: text(a, "AttachmentName"),
        data,
    })
}
