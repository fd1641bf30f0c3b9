//! Writing a package the way the national axis accepts it: every element of
//! the envelope with the `edXML:` prefix, dates in `yyyy/MM/dd`, the
//! DocumentId in its one shape, one attachment per manifest reference. The
//! layout follows the VPCP SDK's output (domain.md §11), which the fixtures
//! reproduce: the root and `AttachmentEncoded` in the default namespace.

use crate::date::{format_date, format_timestamp};
use crate::error::EdxmlError;
use crate::model::*;
use crate::read::read_package;
use crate::tree::NAMESPACE;
use base64::Engine;
use quick_xml::escape::escape;

struct Out {
    xml: String,
}

impl Out {
    fn open(&mut self, name: &str) {
        self.xml.push('<');
        self.xml.push_str(name);
        self.xml.push('>');
    }

    fn open_with(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.xml.push('<');
        self.xml.push_str(name);
        for (k, v) in attributes {
            self.xml.push(' ');
            self.xml.push_str(k);
            self.xml.push_str("=\"");
            self.xml.push_str(&escape(*v));
            self.xml.push('"');
        }
        self.xml.push('>');
    }

    fn close(&mut self, name: &str) {
        self.xml.push_str("</");
        self.xml.push_str(name);
        self.xml.push('>');
    }

    fn leaf(&mut self, name: &str, value: &str) {
        if value.is_empty() {
            self.xml.push('<');
            self.xml.push_str(name);
            self.xml.push_str("/>");
            return;
        }
        self.open(name);
        self.xml.push_str(&escape(value));
        self.close(name);
    }

    fn e(&mut self, local: &str, value: &str) {
        self.leaf(&format!("edXML:{local}"), value);
    }

    fn eo(&mut self, local: &str) {
        self.open(&format!("edXML:{local}"));
    }

    fn ec(&mut self, local: &str) {
        self.close(&format!("edXML:{local}"));
    }
}

fn organ(o: &mut Out, tag: &str, v: &Organ) {
    o.eo(tag);
    o.e("OrganId", &v.organ_id);
    o.e("OrganizationInCharge", &v.organization_in_charge);
    o.e("OrganName", &v.organ_name);
    o.e("OrganAdd", &v.organ_add);
    o.e("Email", &v.email);
    o.e("Telephone", &v.telephone);
    o.e("Fax", &v.fax);
    o.e("Website", &v.website);
    o.ec(tag);
}

fn staff(o: &mut Out, s: &StaffInfo) {
    o.eo("StaffInfo");
    o.e("Department", &s.department);
    o.e("Staff", &s.staff);
    o.e("Mobile", &s.mobile);
    o.e("Email", &s.email);
    o.ec("StaffInfo");
}

fn response_for(o: &mut Out, r: &ResponseFor) {
    o.eo("ResponseFor");
    o.e("OrganId", &r.organ_id);
    o.e("Code", &r.code);
    o.e("PromulgationDate", &format_date(r.promulgation_date));
    o.e("DocumentId", &r.document_id.to_string());
    o.ec("ResponseFor");
}

fn start(o: &mut Out) {
    o.xml
        .push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    o.open_with(
        "edXML",
        &[
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xmlns:xsd", "http://www.w3.org/2001/XMLSchema"),
            ("xmlns", NAMESPACE),
        ],
    );
    o.xml.push_str("\n ");
    o.open_with("edXML:edXMLEnvelope", &[("xmlns:edXML", NAMESPACE)]);
    o.xml.push_str("\n  ");
    o.eo("edXMLHeader");
    o.xml.push_str("\n   ");
}

fn message_header(o: &mut Out, m: &MessageHeader) {
    o.eo("MessageHeader");
    organ(o, "From", &m.from);
    for t in &m.to {
        organ(o, "To", t);
    }
    o.eo("Code");
    o.e("CodeNumber", &m.code.code_number);
    o.e("CodeNotation", &m.code.code_notation);
    o.ec("Code");
    o.eo("PromulgationInfo");
    o.e("Place", &m.promulgation_info.place);
    o.e(
        "PromulgationDate",
        &format_date(m.promulgation_info.promulgation_date),
    );
    o.ec("PromulgationInfo");
    o.eo("DocumentType");
    o.e("Type", &m.document_type.r#type.to_string());
    o.e("TypeName", &m.document_type.type_name);
    o.ec("DocumentType");
    o.e("Subject", &m.subject);
    o.e("Content", &m.content);
    o.eo("SignerInfo");
    o.e("Competence", &m.signer_info.competence);
    o.e("Position", &m.signer_info.position);
    o.e("FullName", &m.signer_info.full_name);
    o.ec("SignerInfo");
    o.e("DueDate", &m.due_date.map(format_date).unwrap_or_default());
    o.eo("ToPlaces");
    for p in &m.to_places {
        o.e("Place", p);
    }
    o.ec("ToPlaces");
    let x = &m.other_info;
    o.eo("OtherInfo");
    o.e("Priority", &x.priority.to_string());
    o.e("SphereOfPromulgation", &x.sphere_of_promulgation);
    o.e("TyperNotation", &x.typer_notation);
    o.e("PromulgationAmount", &x.promulgation_amount.to_string());
    o.e("PageAmount", &x.page_amount.to_string());
    o.eo("Appendixes");
    for a in &x.appendixes {
        o.e("Appendix", a);
    }
    o.ec("Appendixes");
    o.ec("OtherInfo");
    for r in &m.response_for {
        response_for(o, r);
    }
    o.e(
        "SteeringType",
        &m.steering_type.map(|s| s.to_string()).unwrap_or_default(),
    );
    o.e("DocumentId", &m.document_id.to_string());
    o.ec("MessageHeader");
}

fn trace_list(o: &mut Out, edoc: &Edoc) {
    o.open_with(
        "edXML:TraceHeaderList",
        &[
            ("version", "1.0"),
            ("mustUnderstand", "1"),
            ("actor", "http://schemas.xmlsoap.org/soap/actor/next"),
        ],
    );
    for t in &edoc.trace_header_list {
        o.eo("TraceHeader");
        o.e("OrganId", &t.organ_id);
        o.e("Timestamp", &format_timestamp(t.timestamp));
        o.ec("TraceHeader");
    }
    let b = &edoc.bussiness;
    o.eo("Bussiness");
    o.e("BussinessDocType", &b.bussiness_doc_type.code().to_string());
    o.e("BussinessDocReason", &b.bussiness_doc_reason);
    staff(o, &b.staff_info);
    o.e("Paper", &b.paper.to_string());
    if !b.replacement_info_list.is_empty() {
        o.eo("ReplacementInfoList");
        for r in &b.replacement_info_list {
            o.eo("ReplacementInfo");
            o.e("DocumentId", &r.document_id);
            o.eo("OrganIdList");
            for id in &r.organ_id_list {
                o.e("OrganId", id);
            }
            o.ec("OrganIdList");
            o.ec("ReplacementInfo");
        }
        o.ec("ReplacementInfoList");
    }
    o.ec("Bussiness");
    o.ec("TraceHeaderList");
}

fn signature(o: &mut Out, signature: Option<&str>) {
    match signature {
        Some(s) => {
            o.eo("DigitalSignature");
            o.xml.push_str(s);
            o.ec("DigitalSignature");
        }
        None => o.e("DigitalSignature", ""),
    }
}

/// The header of an edoc, `edXML:edXMLHeader` without its signature: what
/// the XML signature covers (`signature.rs`).
pub(crate) fn signed_part(edoc: &Edoc) -> String {
    let mut o = Out { xml: String::new() };
    message_header(&mut o, &edoc.message_header);
    trace_list(&mut o, edoc);
    o.xml
}

/// The package's bytes, read back before they are returned: a package this
/// writer produced is one its reader accepts unflagged and reads as the same
/// package, or it is not produced at all.
pub fn write_package(package: &Package) -> Result<Vec<u8>, EdxmlError> {
    let bytes = write_unchecked(package);
    let back = read_package(&bytes)?;
    if !back.national_axis_would_accept() {
        return Err(EdxmlError::NotAPackage {
            why: format!("unprefixed elements were written: {:?}", back.unprefixed),
        });
    }
    let same = match (&back.package, package) {
        (Package::Edoc(a), Package::Edoc(b)) => {
            a.message_header == b.message_header
                && a.trace_header_list == b.trace_header_list
                && a.bussiness == b.bussiness
                && a.manifest == b.manifest
                && a.attachments == b.attachments
        }
        (a, b) => a == b,
    };
    if !same {
        return Err(EdxmlError::NotAPackage {
            why: "the written package does not read back as the same package (a value with surrounding spaces or an empty list item?)".into(),
        });
    }
    Ok(bytes)
}

fn write_unchecked(package: &Package) -> Vec<u8> {
    let mut o = Out {
        xml: String::with_capacity(4096),
    };
    start(&mut o);
    match package {
        Package::Status(s) => {
            o.eo("Status");
            response_for(&mut o, &s.response_for);
            organ(&mut o, "From", &s.from);
            o.e("StatusCode", s.status_code.code());
            o.e("Description", &s.description);
            o.e("Timestamp", &format_timestamp(s.timestamp));
            staff(&mut o, &s.staff_info);
            o.ec("Status");
            o.xml.push_str("\n   ");
            signature(&mut o, None);
            o.xml.push_str("\n  ");
            o.ec("edXMLHeader");
            o.xml.push_str("\n  ");
            o.e("edXMLBody", "");
            o.xml.push_str("\n ");
            o.ec("edXMLEnvelope");
            o.xml.push('\n');
        }
        Package::Edoc(edoc) => {
            o.xml.push_str(&signed_part(edoc));
            o.xml.push_str("\n   ");
            signature(&mut o, edoc.signature.as_deref());
            o.xml.push_str("\n  ");
            o.ec("edXMLHeader");
            o.xml.push_str("\n  ");
            o.eo("edXMLBody");
            o.open_with("edXML:edXMLManifest", &[("version", "1.0")]);
            for r in &edoc.manifest {
                o.open_with(
                    "edXML:Reference",
                    &[
                        ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
                        ("xlink:href", &r.href),
                        ("xlink:role", "XLinkRole"),
                        ("xlink:type", "simple"),
                    ],
                );
                o.e("Description", &r.description);
                o.e("AttachmentName", &r.attachment_name);
                o.e("ContentType", &r.content_type);
                o.e("ContentId", &r.href);
                o.ec("Reference");
            }
            o.ec("edXMLManifest");
            o.ec("edXMLBody");
            o.xml.push_str("\n ");
            o.ec("edXMLEnvelope");
            o.xml.push_str("\n ");
            o.open("AttachmentEncoded");
            for a in &edoc.attachments {
                o.open("Attachment");
                o.leaf("ContentType", &a.content_type);
                o.leaf("ContentId", &a.content_id);
                o.leaf("Description", &a.description);
                o.open("ContentTransferEncoded");
                base64::engine::general_purpose::STANDARD.encode_string(&a.data, &mut o.xml);
                o.close("ContentTransferEncoded");
                o.leaf("AttachmentName", &a.attachment_name);
                o.close("Attachment");
            }
            o.close("AttachmentEncoded");
            o.xml.push('\n');
        }
    }
    o.close("edXML");
    o.xml.push('\n');
    o.xml.into_bytes()
}

/// A manifest reference for each attachment, in order: the writer's rule
/// that every reference has its attachment holds by construction.
pub fn manifest_for(attachments: &[Attachment]) -> Vec<Reference> {
    attachments
        .iter()
        .map(|a| Reference {
            href: format!("cid:{}", a.content_id),
            description: a.description.clone(),
            attachment_name: a.attachment_name.clone(),
            content_type: a.content_type.clone(),
        })
        .collect()
}
