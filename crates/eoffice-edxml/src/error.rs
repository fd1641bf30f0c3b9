/// Why a package was refused, with where it was found (the element path
/// or the byte offset), in English and in Vietnamese.
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
    #[error("{at}: {value:?} is not valid here: {why}")]
    BadValue {
        at: String,
        value: String,
        why: String,
    },
    #[error("{at}: this mandatory element is missing or empty")]
    Missing { at: String },
    #[error("not well-formed XML at byte {offset}: {why}")]
    Xml { offset: u64, why: String },
    #[error("the package declares a DTD; DTDs are refused (entity expansion, external entities)")]
    Dtd,
    #[error("the entity &{name}; is not one of XML's five predefined entities")]
    Entity { name: String },
    #[error("{at}: elements are nested deeper than {limit} levels")]
    TooDeep { at: String, limit: usize },
    #[error("the package has {bytes} bytes, more than the {limit} accepted")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the package has more than {limit} elements")]
    TooManyElements { limit: usize },
    #[error("{at}: the element is in namespace {found:?}, not QCVN 102:2016's")]
    WrongNamespace { at: String, found: String },
    #[error("{at}: the reference {cid:?} matches no attachment of the package")]
    UnknownCid { at: String, cid: String },
    #[error("{at}: the attachment is not valid base64: {why}")]
    Base64 { at: String, why: String },
    #[error("not an edXML package: {why}")]
    NotAPackage { why: String },
    #[error("the XML signature does not verify: {why}")]
    Signature { why: String },
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
            Self::BadValue { at, value, why } => {
                format!("{at}: giá trị “{value}” không hợp lệ ({why}).")
            }
            Self::Missing { at } => format!("{at}: thiếu trường bắt buộc."),
            Self::Xml { offset, .. } => {
                format!("Gói tin không đúng cú pháp XML (tại byte {offset}).")
            }
            Self::Dtd => "Gói tin có khai báo DTD; không chấp nhận DTD (nguy cơ mở rộng thực thể, thực thể ngoài).".into(),
            Self::Entity { name } => {
                format!("Thực thể &{name}; không phải thực thể chuẩn của XML.")
            }
            Self::TooDeep { at, limit } => {
                format!("{at}: các phần tử lồng nhau quá {limit} cấp.")
            }
            Self::TooLarge { bytes, limit } => {
                format!("Gói tin {bytes} byte, vượt giới hạn {limit} byte.")
            }
            Self::TooManyElements { limit } => {
                format!("Gói tin có quá {limit} phần tử.")
            }
            Self::WrongNamespace { at, found } => {
                format!("{at}: phần tử thuộc không gian tên “{found}”, không phải của QCVN 102:2016.")
            }
            Self::UnknownCid { at, cid } => {
                format!("{at}: tham chiếu “{cid}” không khớp tệp đính kèm nào của gói tin.")
            }
            Self::Base64 { at, .. } => {
                format!("{at}: tệp đính kèm không phải base64 hợp lệ.")
            }
            Self::NotAPackage { .. } => "Tệp không phải gói tin edXML.".into(),
            Self::Signature { why } => {
                format!("Chữ ký số XML của gói tin không hợp lệ ({why}).")
            }
        }
    }
}
