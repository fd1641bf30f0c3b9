//! The document types an agency uses (Appendix III), for forms and
//! settings, straight from `eoffice-domain` so no front end keeps its own list.

use crate::dto::DocumentTypeInfo;
use crate::Eoffice;
use eoffice_domain::DocumentType;

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
}
