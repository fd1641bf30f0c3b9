//! The symbol an outgoing document gets at issue (domain.md §3, Decree 30
//! Appendix III): `45/QĐ-UBND`; a công văn carries the drafting unit in
//! place of a type, `123/UBND-VP`; a legal normative document carries the
//! year, `25/2026/QĐ-UBND`.

use crate::doc_type::DocumentType;
use crate::number::DocNumber;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolParts<'a> {
    pub doc_type: DocumentType,
    pub normative: bool,
    pub year: i32,
    /// The agency's abbreviation (`UBND`, `SNV`).
    pub agency: &'a str,
    /// The drafting unit's abbreviation (`VP`), used by a công văn.
    pub unit: Option<&'a str>,
}

pub fn outgoing_symbol(number: u32, p: &SymbolParts) -> String {
    let mut s = format!("{}/", DocNumber::new(number));
    if p.normative {
        s.push_str(&format!("{}/", p.year));
    }
    match p.doc_type.code() {
        Some(code) => {
            s.push_str(code);
            s.push('-');
            s.push_str(p.agency);
        }
        None => {
            s.push_str(p.agency);
            if let Some(u) = p.unit.filter(|u| !u.is_empty()) {
                s.push('-');
                s.push_str(u);
            }
        }
    }
    s
}
