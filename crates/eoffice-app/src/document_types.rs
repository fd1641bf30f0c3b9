//! The document types an agency uses (Appendix III), for forms and
//! settings, straight from `eoffice-domain` so no front end keeps its own list.

use crate::dto::{CodeLabel, DocumentTypeInfo, Vocabulary};
use crate::Eoffice;
use eoffice_domain::{DocumentType, IncomingState, Secrecy, Urgency};

impl Eoffice {
    pub fn document_types(&self) -> Vec<DocumentTypeInfo> {
        DocumentType::all()
            .map(|t| DocumentTypeInfo {
                name: t.name().to_string(),
                code: t.code().map(String::from),
                edxml_type: t.edxml_type(),
            })
            .collect()
    }

    /// The names the UI shows for urgency, secrecy and states, so it keeps
    /// no copy of its own.
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary {
            urgency: Urgency::ALL.iter().map(|u| u.label().to_string()).collect(),
            secrecy: Secrecy::ALL
                .iter()
                .map(|s| CodeLabel {
                    code: s.code().into(),
                    label: s.label().into(),
                })
                .collect(),
            states: IncomingState::CODES_AND_LABELS
                .iter()
                .map(|(c, l)| CodeLabel {
                    code: (*c).into(),
                    label: (*l).into(),
                })
                .collect(),
        }
    }
}
