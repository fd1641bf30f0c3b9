//! The shared edXML fixtures read as their ground truth says (domain.md
//! §11), and every one survives a write and a second read unchanged.

use eoffice_edxml::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/edxml")
}

fn truth(file: &str) -> Value {
    let json = file.replace(".edxml", ".json");
    serde_json::from_slice(&std::fs::read(fixtures().join(json)).unwrap()).unwrap()
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn sha256(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn every_fixture_gets_its_expected_verdict_and_fields() {
    let index: Vec<Value> =
        serde_json::from_slice(&std::fs::read(fixtures().join("index.json")).unwrap()).unwrap();
    assert!(!index.is_empty());
    for entry in index {
        let file = entry["file"].as_str().unwrap();
        let bytes = std::fs::read(fixtures().join(file)).unwrap();
        let read = read_package(&bytes);
        if entry["expected_verdict"] == "refuse" {
            assert!(read.is_err(), "{file} must be refused");
            continue;
        }
        let read = read.unwrap_or_else(|e| panic!("{file}: {e}"));
        let t = truth(file);
        match (&read.package, entry["message_type"].as_str().unwrap()) {
            (Package::Edoc(e), "edoc") => {
                check_edoc(file, e, &t);
                assert_eq!(read.signed, t["xml_signature_present"] == true, "{file}");
            }
            (Package::Status(s), "status") => check_status(file, s, &t),
            (p, kind) => panic!("{file}: read as {p:?}, expected {kind}"),
        }
        assert!(
            read.national_axis_would_accept(),
            "{file}: {:?}",
            read.unprefixed
        );
    }
}

fn check_edoc(file: &str, e: &Edoc, t: &Value) {
    let m = &e.message_header;
    assert_eq!(m.from.organ_id, t["from"]["organ_id"], "{file}");
    assert_eq!(m.from.organ_name, t["from"]["organ_name"], "{file}");
    let to = t["to"].as_array().unwrap();
    assert_eq!(m.to.len(), to.len());
    for (got, want) in m.to.iter().zip(to) {
        assert_eq!(got.organ_id, want["organ_id"]);
        assert_eq!(got.organ_name, want["organ_name"]);
    }
    assert_eq!(m.code.code_number, t["code_number"]);
    assert_eq!(m.code.code_notation, t["code_notation"]);
    assert_eq!(m.code.number_notation(), t["number_notation"]);
    assert_eq!(m.promulgation_info.place, t["promulgation_place"]);
    assert_eq!(
        iso(m.promulgation_info.promulgation_date),
        t["promulgation_date"]
    );
    assert_eq!(
        m.document_type.r#type.to_string(),
        t["document_type"]["type"]
    );
    assert_eq!(m.document_type.type_name, t["document_type"]["type_name"]);
    assert_eq!(m.subject, t["subject"]);
    assert_eq!(m.content, t["content"]);
    assert_eq!(m.signer_info.competence, t["signer"]["competence"]);
    assert_eq!(m.signer_info.position, t["signer"]["position"]);
    assert_eq!(m.signer_info.full_name, t["signer"]["full_name"]);
    assert_eq!(
        m.due_date.map(iso),
        t["due_date"].as_str().map(String::from)
    );
    let places: Vec<&str> = t["to_places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(m.to_places, places);
    assert_eq!(
        m.other_info.priority as u64,
        t["priority"].as_u64().unwrap()
    );
    assert_eq!(
        eoffice_domain::Urgency::from_priority(m.other_info.priority)
            .unwrap()
            .label(),
        t["priority_name"]
    );
    assert_eq!(
        m.other_info.sphere_of_promulgation,
        t["sphere_of_promulgation"]
    );
    assert_eq!(m.other_info.typer_notation, t["typer_notation"]);
    assert_eq!(
        m.other_info.promulgation_amount as u64,
        t["promulgation_amount"].as_u64().unwrap()
    );
    assert_eq!(
        m.other_info.page_amount as u64,
        t["page_amount"].as_u64().unwrap()
    );
    assert_eq!(
        m.other_info.appendixes.len(),
        t["appendixes"].as_array().unwrap().len()
    );
    assert_eq!(
        m.response_for.len(),
        t["response_for"].as_array().unwrap().len()
    );
    assert_eq!(m.steering_type.map(u64::from), t["steering_type"].as_u64());
    assert_eq!(m.document_id.to_string(), t["document_id"]);
    let trace = t["trace"].as_array().unwrap();
    assert_eq!(e.trace_header_list.len(), trace.len());
    for (got, want) in e.trace_header_list.iter().zip(trace) {
        assert_eq!(got.organ_id, want["organ_id"]);
        assert_eq!(format_timestamp(got.timestamp), want["timestamp"]);
    }
    let b = &t["bussiness"];
    assert_eq!(
        e.bussiness.bussiness_doc_type.code() as u64,
        b["doc_type"].as_u64().unwrap()
    );
    assert_eq!(e.bussiness.bussiness_doc_reason, b["reason"]);
    assert_eq!(e.bussiness.staff_info.department, b["staff"]["Department"]);
    assert_eq!(e.bussiness.staff_info.staff, b["staff"]["Staff"]);
    assert_eq!(e.bussiness.staff_info.email, b["staff"]["Email"]);
    assert_eq!(e.bussiness.paper as u64, b["paper"].as_u64().unwrap());
    let atts = t["attachments"].as_array().unwrap();
    assert_eq!(e.attachments.len(), atts.len());
    for (got, want) in e.attachments.iter().zip(atts) {
        assert_eq!(got.attachment_name, want["name"]);
        assert_eq!(got.content_type, want["content_type"]);
        assert_eq!(got.content_id, want["content_id"]);
        assert_eq!(got.description, want["description"]);
        assert_eq!(got.data.len() as u64, want["size_bytes"].as_u64().unwrap());
        assert_eq!(sha256(&got.data), want["sha256"]);
        if let Some(same) = want["same_as"].as_str() {
            let other = std::fs::read(fixtures().join(same)).unwrap();
            assert!(
                other == got.data,
                "{file}: the attachment differs from {same}"
            );
        }
    }
    assert_eq!(e.manifest.len(), e.attachments.len());
}

fn check_status(file: &str, s: &Status, t: &Value) {
    assert_eq!(s.status_code.code(), t["status_code"], "{file}");
    assert_eq!(s.description, t["description"]);
    assert_eq!(format_timestamp(s.timestamp), t["timestamp"]);
    let r = &t["response_for"];
    assert_eq!(s.response_for.organ_id, r["organ_id"]);
    assert_eq!(s.response_for.code, r["code"]);
    assert_eq!(
        iso(s.response_for.promulgation_date),
        r["promulgation_date"]
    );
    assert_eq!(s.response_for.document_id.to_string(), r["document_id"]);
    assert_eq!(s.from.organ_id, t["from"]["organ_id"]);
    assert_eq!(s.from.organ_name, t["from"]["organ_name"]);
    assert_eq!(s.staff_info.department, t["staff"]["Department"]);
    assert_eq!(s.staff_info.staff, t["staff"]["Staff"]);
    assert_eq!(s.staff_info.email, t["staff"]["Email"]);
}

#[test]
fn every_fixture_round_trips_through_the_strict_writer() {
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("edxml") {
            continue;
        }
        let first = read_package(&std::fs::read(&path).unwrap()).unwrap();
        let written = write_package(&first.package).unwrap();
        let again = read_package(&written).unwrap();
        assert_eq!(again.package, first.package, "{}", path.display());
        assert!(again.national_axis_would_accept());
        assert_strict(&written);
    }
}

/// The rules of domain.md §11 checked on the bytes themselves, not through
/// the reader that the writer shares code with.
fn assert_strict(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap();
    let envelope = &text
        [text.find("<edXML:edXMLEnvelope").unwrap()..text.find("</edXML:edXMLEnvelope>").unwrap()];
    for tag in envelope.split('<').skip(1) {
        let name = tag.trim_start_matches('/');
        assert!(name.starts_with("edXML:"), "unprefixed element <{tag:.40}");
    }
    for field in ["PromulgationDate", "DueDate"] {
        for v in values(envelope, field) {
            assert!(
                v.len() == 10 && v.as_bytes()[4] == b'/' && v.as_bytes()[7] == b'/',
                "{field} = {v}"
            );
        }
    }
    for v in values(envelope, "DocumentId") {
        let parts: Vec<&str> = v.splitn(3, ',').collect();
        assert_eq!(parts.len(), 3, "{v}");
        assert!(parts[2].contains('/'), "{v}");
    }
    for href in envelope.split("xlink:href=\"cid:").skip(1) {
        let cid = &href[..href.find('"').unwrap()];
        assert!(
            text.contains(&format!("<ContentId>{cid}</ContentId>")),
            "reference cid:{cid} has no attachment"
        );
    }
}

fn values<'a>(xml: &'a str, field: &str) -> Vec<&'a str> {
    let open = format!("<edXML:{field}>");
    xml.split(&open)
        .skip(1)
        .map(|rest| &rest[..rest.find('<').unwrap()])
        .collect()
}
