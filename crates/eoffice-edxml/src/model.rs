//! The package as the standard names it (domain.md §11). Field names are
//! the edXML element names, so `edxml parse --json` speaks the language of
//! every other system on the exchange. Dates keep their typed value and
//! are written back in edXML's own shape.

use crate::date::{format_date, format_timestamp};
use crate::document_id::DocumentId;
use crate::status::StatusCode;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "MessageType")]
pub enum Package {
    #[serde(rename = "edoc")]
    Edoc(Box<Edoc>),
    #[serde(rename = "status")]
    Status(Box<Status>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Edoc {
    pub message_header: MessageHeader,
    pub trace_header_list: Vec<TraceHeader>,
    pub bussiness: Bussiness,
    pub manifest: Vec<Reference>,
    pub attachments: Vec<Attachment>,
    /// Raw XML for `edXML:DigitalSignature`; always `None` from the reader
    /// and the builders: `signature::sign_package` signs written bytes.
    #[serde(skip)]
    pub signature: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Organ {
    pub organ_id: String,
    pub organization_in_charge: String,
    pub organ_name: String,
    pub organ_add: String,
    pub email: String,
    pub telephone: String,
    pub fax: String,
    pub website: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Code {
    pub code_number: String,
    pub code_notation: String,
}

impl Code {
    pub fn number_notation(&self) -> String {
        format!("{}/{}", self.code_number, self.code_notation)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PromulgationInfo {
    pub place: String,
    #[serde(serialize_with = "edxml_date")]
    pub promulgation_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DocumentTypeInfo {
    /// The position in the list of Decree 30 (18 = Công văn).
    pub r#type: u8,
    pub type_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignerInfo {
    pub competence: String,
    pub position: String,
    pub full_name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct OtherInfo {
    /// 0 thường … 4 hỏa tốc hẹn giờ (domain.md §4).
    pub priority: u8,
    pub sphere_of_promulgation: String,
    pub typer_notation: String,
    pub promulgation_amount: u32,
    pub page_amount: u32,
    pub appendixes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResponseFor {
    pub organ_id: String,
    pub code: String,
    #[serde(serialize_with = "edxml_date")]
    pub promulgation_date: NaiveDate,
    #[serde(serialize_with = "display")]
    pub document_id: DocumentId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MessageHeader {
    pub from: Organ,
    pub to: Vec<Organ>,
    pub code: Code,
    pub promulgation_info: PromulgationInfo,
    pub document_type: DocumentTypeInfo,
    pub subject: String,
    pub content: String,
    pub signer_info: SignerInfo,
    #[serde(serialize_with = "edxml_date_opt")]
    pub due_date: Option<NaiveDate>,
    pub to_places: Vec<String>,
    pub other_info: OtherInfo,
    pub response_for: Vec<ResponseFor>,
    pub steering_type: Option<u8>,
    #[serde(serialize_with = "display")]
    pub document_id: DocumentId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TraceHeader {
    pub organ_id: String,
    #[serde(serialize_with = "edxml_timestamp")]
    pub timestamp: NaiveDateTime,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StaffInfo {
    pub department: String,
    pub staff: String,
    pub mobile: String,
    pub email: String,
}

/// BussinessDocType (domain.md §11); the standard's spelling is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum BussinessDocType {
    #[default]
    New,
    Revoke,
    Update,
    Replace,
}

impl BussinessDocType {
    pub fn code(self) -> u8 {
        match self {
            BussinessDocType::New => 0,
            BussinessDocType::Revoke => 1,
            BussinessDocType::Update => 2,
            BussinessDocType::Replace => 3,
        }
    }

    pub fn from_code(n: &str) -> Option<BussinessDocType> {
        match n {
            "0" => Some(BussinessDocType::New),
            "1" => Some(BussinessDocType::Revoke),
            "2" => Some(BussinessDocType::Update),
            "3" => Some(BussinessDocType::Replace),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplacementInfo {
    /// The document this one replaces.
    pub document_id: String,
    pub organ_id_list: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Bussiness {
    #[serde(serialize_with = "doc_type_code")]
    pub bussiness_doc_type: BussinessDocType,
    pub bussiness_doc_reason: String,
    pub staff_info: StaffInfo,
    /// 1 when a paper copy is also sent.
    pub paper: u8,
    pub replacement_info_list: Vec<ReplacementInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Reference {
    /// `cid:` and the attachment's ContentId.
    pub href: String,
    pub description: String,
    pub attachment_name: String,
    pub content_type: String,
}

#[derive(Clone, PartialEq, Eq)]
pub struct Attachment {
    pub content_type: String,
    /// Without the `cid:` of the manifest.
    pub content_id: String,
    pub description: String,
    pub attachment_name: String,
    pub data: Vec<u8>,
}

/// The bytes are not echoed: their size and SHA-256 say which file it is.
impl Serialize for Attachment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        use sha2::{Digest, Sha256};
        let digest: String = Sha256::digest(&self.data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut st = s.serialize_struct("Attachment", 6)?;
        st.serialize_field("ContentType", &self.content_type)?;
        st.serialize_field("ContentId", &self.content_id)?;
        st.serialize_field("Description", &self.description)?;
        st.serialize_field("AttachmentName", &self.attachment_name)?;
        st.serialize_field("Size", &self.data.len())?;
        st.serialize_field("Sha256", &digest)?;
        st.end()
    }
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("content_id", &self.content_id)
            .field("attachment_name", &self.attachment_name)
            .field("bytes", &self.data.len())
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Status {
    pub response_for: ResponseFor,
    pub from: Organ,
    #[serde(serialize_with = "status_code")]
    pub status_code: StatusCode,
    pub description: String,
    #[serde(serialize_with = "edxml_timestamp")]
    pub timestamp: NaiveDateTime,
    pub staff_info: StaffInfo,
}

fn edxml_date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_date(*d))
}

fn edxml_date_opt<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&format_date(*d)),
        None => s.serialize_none(),
    }
}

fn edxml_timestamp<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_timestamp(*t))
}

fn display<S: Serializer, T: std::fmt::Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

fn status_code<S: Serializer>(c: &StatusCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.code())
}

fn doc_type_code<S: Serializer>(t: &BussinessDocType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u8(t.code())
}
