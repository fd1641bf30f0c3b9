//! DocumentId: `OrganId,yyyy/MM/dd,Number/Notation` (domain.md §11), as
//! `000.00.00.H37,2026/05/20,123/UBND-VP`. The number and symbol may hold
//! a year (`25/2026/QĐ-UBND`), so only the first two commas split.

use crate::date::{format_date, parse_date};
use crate::error::EdxmlError;
use chrono::NaiveDate;
use eoffice_domain::{AgencyId, NumberSymbol};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentId {
    pub organ: AgencyId,
    pub date: NaiveDate,
    pub code: NumberSymbol,
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{}", self.organ, format_date(self.date), self.code)
    }
}

impl DocumentId {
    pub fn parse(at: &str, value: &str) -> Result<DocumentId, EdxmlError> {
        let bad = |why: String| EdxmlError::BadDocumentId {
            at: at.to_string(),
            value: value.to_string(),
            why,
        };
        let mut parts = value.trim().splitn(3, ',');
        let (Some(organ), Some(date), Some(code)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad("three parts separated by commas are needed".into()));
        };
        let organ = AgencyId::parse(organ.trim()).map_err(|e| bad(e.to_string()))?;
        let date = parse_date(&format!("{at} (date part)"), date)?;
        let code = NumberSymbol::parse(code.trim()).map_err(|e| bad(e.to_string()))?;
        Ok(DocumentId { organ, date, code })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_forms_of_decree_30_domain_11() {
        for v in [
            "000.00.00.H37,2026/05/20,123/UBND-VP",
            "000.00.00.H37,2026/01/05,25/2026/QĐ-UBND",
            "000.00.00.H37,2026/12/02,05/QĐ-UBND",
        ] {
            let id = DocumentId::parse("DocumentId", v).unwrap();
            assert_eq!(id.to_string(), v);
        }
        let id = DocumentId::parse("DocumentId", "000.00.00.H37,2026/05/20,123/UBND-VP").unwrap();
        assert_eq!(id.code.notation(), "UBND-VP");
        assert_eq!(id.date, NaiveDate::from_ymd_opt(2026, 5, 20).unwrap());
    }

    #[test]
    fn a_wrong_part_is_named() {
        for v in [
            "000.00.00.H37,20/05/2026,123/UBND-VP",
            "000.00.00.H37,2026/05/20",
            "H37,2026/05/20,123/UBND-VP",
            "000.00.00.H37,2026/05/20,UBND-VP",
        ] {
            let e = DocumentId::parse("MessageHeader/DocumentId", v).unwrap_err();
            assert!(e.to_string().starts_with("MessageHeader/DocumentId"), "{e}");
            assert!(!e.message_vi().is_empty());
        }
    }
}
