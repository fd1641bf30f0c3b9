/// Why a value of a package was refused, with where it was found (the
/// element path), in English and in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EdxmlError {
    #[error("{at}: {value:?} is not a date in the form yyyy/MM/dd")]
    BadDate { at: String, value: String },
    #[error("{at}: {value:?} is not a time in the form yyyy/MM/dd HH:mm:ss")]
    BadTimestamp { at: String, value: String },
    #[error("{at}: {value:?} is not a DocumentId (OrganId,yyyy/MM/dd,Number/Notation): {why}")]
    BadDocumentId {
        at: String,
        value: String,
        why: String,
    },
}

impl EdxmlError {
    pub fn message_vi(&self) -> String {
        match self {
            Self::BadDate { at, value } => {
                format!("{at}: “{value}” không phải ngày theo dạng yyyy/MM/dd.")
            }
            Self::BadTimestamp { at, value } => {
                format!("{at}: “{value}” không phải thời điểm theo dạng yyyy/MM/dd HH:mm:ss.")
            }
            Self::BadDocumentId { at, value, .. } => {
                format!("{at}: “{value}” không phải mã văn bản (mã cơ quan,yyyy/MM/dd,số/ký hiệu).")
            }
        }
    }
}
