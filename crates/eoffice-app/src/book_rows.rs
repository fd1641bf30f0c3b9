//! One book row per document, in the Appendix IV columns
//! (`eoffice_domain::book_columns`): incoming and outgoing.

use crate::show_incoming::arrival_label;
use eoffice_domain::{Secrecy, Urgency};
use eoffice_store::incoming::IncomingRow;

/// dd/mm/yyyy from YYYY-MM-DD (ui.md, "Dates and times").
pub(crate) fn vn_date(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

pub(crate) fn incoming_book_row(r: &IncomingRow) -> Vec<String> {
    let code = match (&r.code_number, &r.code_notation) {
        (Some(n), Some(s)) => format!("{n}/{s}"),
        _ => String::new(),
    };
    let type_and_subject = match &r.type_name {
        Some(t) => format!("{t}: {}", r.subject),
        None => r.subject.clone(),
    };
    let mut notes = Vec::new();
    if let Some(u) = Urgency::from_priority(r.priority).filter(|u| u.is_urgent()) {
        notes.push(u.label().to_string());
    }
    if let Some(s) = r.secrecy.as_deref().and_then(Secrecy::from_code) {
        notes.push(s.label().to_string());
    }
    if r.state == "returned" {
        notes.push(format!(
            "Đã trả lại: {}",
            r.return_reason.clone().unwrap_or_default()
        ));
    }
    vec![
        vn_date(&r.arrival_date),
        arrival_label(r),
        r.organ_name.clone(),
        code,
        r.issued_date.as_deref().map(vn_date).unwrap_or_default(),
        type_and_subject,
        String::new(),
        String::new(),
        String::new(),
        notes.join("; "),
    ]
}

/// One row of the outgoing book (Appendix IV): number and symbol, date,
/// type and subject, signer, recipients, where the file copy is kept, how
/// many copies, the date sent, a blank for the receipt signature, notes.
pub(crate) fn outgoing_book_row(
    d: &eoffice_domain::outgoing::Draft,
    dir: &eoffice_domain::Directory,
) -> Vec<String> {
    let issue = d.issue.as_ref();
    let signer = d
        .signed_by
        .as_deref()
        .or(d.meta.signer.as_deref())
        .map(|u| dir.person(u).map_or(u.to_string(), |p| p.full_name.clone()))
        .unwrap_or_default();
    let mut kept = vec!["VT".to_string()];
    kept.extend(d.meta.unit.clone());
    let mut notes = Vec::new();
    if let Some(s) = d.meta.secrecy {
        notes.push(s.label().to_string());
    }
    if d.meta.urgency != Urgency::Thuong {
        notes.push(d.meta.urgency.label().to_string());
    }
    if issue.and_then(|i| i.pdf.as_ref()).is_some() {
        notes.push("Văn bản điện tử, đã ký số".to_string());
    }
    let date = issue
        .map(|i| i.date.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    vec![
        issue.map(|i| i.symbol.clone()).unwrap_or_default(),
        date.clone(),
        format!("{}: {}", d.meta.doc_type.name(), d.meta.subject),
        signer,
        d.meta.recipients.join("; "),
        format!("Lưu: {}", kept.join(", ")),
        (d.meta.recipients.len() + kept.len()).to_string(),
        date,
        String::new(),
        notes.join("; "),
    ]
}
