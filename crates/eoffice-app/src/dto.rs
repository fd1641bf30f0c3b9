//! The data that crosses to front ends. Field names are the Appendix VI
//! and edXML names (domain.md §9), so JSON from the CLI, the desktop app
//! and a future edXML export agree.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct SignerInfo {
    pub competence: Option<String>,
    pub position: Option<String>,
    pub full_name: Option<String>,
}

/// An addressee (`Kính gửi`), as edXML's `To`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct OrganRef {
    pub organ_id: Option<String>,
    pub organ_name: String,
}

/// The descriptive metadata of a document, as registered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DocumentFields {
    pub code_number: Option<String>,
    pub code_notation: Option<String>,
    pub type_name: Option<String>,
    /// YYYY-MM-DD
    pub issued_date: Option<String>,
    pub place: Option<String>,
    pub organ_name: Option<String>,
    pub parent_organ_name: Option<String>,
    pub subject: Option<String>,
    pub signer_info: SignerInfo,
    /// edXML Priority, 0 (thường) to 4 (hỏa tốc hẹn giờ).
    pub priority: u8,
    /// null, `mat`, `toi_mat` or `tuyet_mat`.
    pub secrecy: Option<String>,
    pub to: Vec<OrganRef>,
    pub to_places: Vec<String>,
    pub page_amount: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct AttachedTo {
    pub type_name: Option<String>,
    pub code: String,
}

/// An earlier registration of the same document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DuplicateRef {
    pub id: String,
    pub arrival_number: String,
    pub arrival_date: String,
    pub book_id: String,
}

/// What intake read from a PDF; nothing is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct IntakeResult {
    pub file_name: Option<String>,
    pub sha256: String,
    pub text_layer: bool,
    /// A scan with no text layer that has not been read by OCR yet.
    pub needs_ocr: bool,
    /// The fields and text come from OCR of a scan; their confidences carry
    /// the OCR word scores.
    pub ocr: bool,
    /// Why OCR could not read the scan (Vietnamese), when it failed.
    pub ocr_error: Option<String>,
    pub legacy_encoding: Option<String>,
    #[serde(flatten)]
    pub fields: DocumentFields,
    /// Per field, 0–1. Fields below [`LOW_CONFIDENCE`] are flagged.
    pub confidence: BTreeMap<String, f32>,
    pub attached_to: Option<AttachedTo>,
    pub duplicate_of: Option<DuplicateRef>,
    /// The verdict on the PDF's digital signatures, when it has any.
    pub signatures: Option<crate::dto_outgoing::SignatureBadge>,
}

pub const LOW_CONFIDENCE: f32 = 0.8;

/// A file waiting in the inbox folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct InboxEntry {
    pub name: String,
    pub size: u64,
    /// Finished copying (still, and closed as a PDF): it can be opened.
    pub ready: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct IncomingDocument {
    pub id: String,
    pub book_id: String,
    /// Số đến as printed: `01`, `15a`; null while it waits for the
    /// server to issue it (chờ cấp số).
    pub arrival_number: Option<String>,
    /// Registered here, not yet numbered by the server.
    pub pending: bool,
    pub arrival_date: String,
    pub state: String,
    pub state_label: String,
    #[serde(flatten)]
    pub fields: DocumentFields,
    pub sha256: Option<String>,
    pub file_name: Option<String>,
    pub return_reason: Option<String>,
    pub warnings: Vec<String>,
    /// The verdict on its digital signatures, kept since registration.
    pub signatures: Option<crate::dto_outgoing::SignatureBadge>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct ListItem {
    pub id: String,
    pub book_id: String,
    /// Null while waiting for the server's number.
    pub arrival_number: Option<String>,
    pub pending: bool,
    pub arrival_date: String,
    pub code_number: Option<String>,
    pub code_notation: Option<String>,
    pub type_name: Option<String>,
    pub issued_date: Option<String>,
    pub organ_name: String,
    pub subject: String,
    pub priority: u8,
    pub secrecy: Option<String>,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct ListPage {
    pub total: u64,
    pub offset: u32,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct HistoryEvent {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub command: String,
    pub label: String,
    #[ts(type = "unknown")]
    pub payload: serde_json::Value,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DocumentDetail {
    #[serde(flatten)]
    pub document: IncomingDocument,
    pub history: Vec<HistoryEvent>,
    /// Present, assign and handle (null for a returned document).
    pub handling: Option<crate::dto_handling::HandlingView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct SearchHit {
    pub id: String,
    pub arrival_number: String,
    pub arrival_date: String,
    pub code_number: Option<String>,
    pub code_notation: Option<String>,
    pub organ_name: String,
    pub subject: String,
    /// HTML-escaped text with the matched words in `<mark>…</mark>`.
    pub snippet: String,
    pub rank: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct AgencyInfo {
    pub organ_id: String,
    pub organ_name: String,
    pub abbreviation: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct AuditReport {
    pub ok: bool,
    pub events: i64,
    pub head_hash: String,
    pub broken_at: Option<i64>,
    pub broken_reason: Option<String>,
    /// The server's feed as pulled here (connected mode), verified too.
    pub feed_events: i64,
    pub feed_broken_at: Option<i64>,
    /// Documents whose row differs from what their events say.
    pub row_mismatches: Vec<String>,
    pub blobs_checked: usize,
    pub blobs_damaged: Vec<String>,
    pub blobs_missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct BookExport {
    pub book_id: String,
    pub rows: usize,
    pub path: String,
    pub format: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct BookInfo {
    pub id: String,
    pub direction: String,
    pub year: i32,
    pub secret: bool,
    pub name: String,
    /// The highest main number issued so far (0 for an empty book).
    pub last_number: u32,
    pub closed: bool,
    /// The outgoing book of legal normative documents.
    pub normative: bool,
}

/// The book a registration will go in and the number it will take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct NextNumber {
    pub book_id: String,
    pub book_name: String,
    /// Số đến as it will print (`07`); null when the server issues it or
    /// the book is closed.
    pub number: Option<String>,
    pub from_server: bool,
    /// The book of that year is closed (khóa sổ): registration will refuse.
    pub closed: bool,
}

/// Progress of long work (batch import, demo loading), sent as events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct Progress {
    pub task: String,
    pub done: u32,
    pub total: u32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DocumentTypeInfo {
    pub name: String,
    /// The abbreviation in symbols; null for Công văn, Thư công, Luật.
    pub code: Option<String>,
    /// edXML `DocumentType/Type` (1–29); null outside Appendix III.
    pub edxml_type: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct BackupInfo {
    pub name: String,
    pub path: String,
    /// Original files copied.
    pub files: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct CodeLabel {
    pub code: String,
    pub label: String,
}

/// Display names from eoffice-domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct Vocabulary {
    /// Index = edXML Priority.
    pub urgency: Vec<String>,
    pub secrecy: Vec<CodeLabel>,
    pub states: Vec<CodeLabel>,
}

/// `eoffice status --json`: where this data folder stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct SyncStatus {
    /// `standalone` or `connected`.
    pub mode: String,
    pub server: Option<String>,
    pub user: Option<String>,
    pub full_name: Option<String>,
    pub role: Option<String>,
    pub signed_in: bool,
    /// Commands waiting for the server.
    pub pending: i64,
    pub last_sync: Option<String>,
    pub cursor: i64,
    /// The latest refusals, with the reason the user sees.
    pub rejected: Vec<RejectedCommand>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct RejectedCommand {
    pub id: String,
    pub name: String,
    pub document_id: Option<String>,
    pub code: Option<String>,
    pub reason: Option<String>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct SyncReport {
    pub uploaded: usize,
    pub pushed: usize,
    pub confirmed: usize,
    pub rejected: Vec<RejectedCommand>,
    /// Sent again later (for example a file not yet uploaded).
    pub retry: usize,
    pub pulled: usize,
    pub cursor: i64,
    pub pending: i64,
    /// Documents another desktop registered, now here.
    pub new_documents: usize,
    /// Originals downloaded to keep them offline (`sync --originals`).
    pub downloaded: usize,
}

/// Progress of a sync, for the first sync's progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct SyncProgress {
    pub stage: String,
    pub done: i64,
    pub total: i64,
}

pub use crate::dto_exchange::*;
pub use crate::dto_handling::*;
pub use crate::dto_outgoing::*;
