//! One incoming-book row per document, in the Appendix IV columns
//! (`eoffice_domain::book_columns::INCOMING_BOOK_COLUMNS`).

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
