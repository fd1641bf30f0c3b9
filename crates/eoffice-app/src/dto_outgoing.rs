//! What crosses to front ends about outgoing documents (issue 8): the
//! draft with its versions, comments and steps as a timeline, the queues,
//! and the per-document results of a batch signature.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DraftVersion {
    pub no: u32,
    pub file_name: String,
    /// SHA-256 of the PDF shown and signed.
    pub pdf: String,
    /// SHA-256 of the DOCX/ODT it was converted from, when it was one.
    pub source: Option<String>,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DraftComment {
    pub version: u32,
    pub by: String,
    pub at: String,
    pub text: String,
}

/// One step of the timeline, from the event log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct OutgoingStep {
    pub at: String,
    pub by: String,
    /// `outgoing.submitted`, `outgoing.sent_back`, …
    pub command: String,
    pub label: String,
    /// The reason of a send-back, a comment's text, a version's file.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct OutgoingDocument {
    pub id: String,
    /// `drafting`, `in_review`, `awaiting_approval`, `approved`, `signed`, `issued`.
    pub stage: String,
    pub stage_label: String,
    pub type_name: String,
    pub type_code: Option<String>,
    pub normative: bool,
    pub subject: String,
    pub recipients: Vec<String>,
    pub author: String,
    pub unit: Option<String>,
    pub reviewer: Option<String>,
    pub signer: Option<String>,
    pub priority: u8,
    pub secrecy: Option<String>,
    /// Whether the document may be signed electronically (never when secret).
    pub may_e_sign: bool,
    pub sent_back_reason: Option<String>,
    /// After issue: `45/QĐ-UBND`.
    pub code: Option<String>,
    pub number: Option<u32>,
    /// YYYY-MM-DD.
    pub issued_date: Option<String>,
    pub book_id: Option<String>,
    /// SHA-256 of the PDF a reader opens now: the issued, signed or latest draft.
    pub pdf: String,
    pub versions: Vec<DraftVersion>,
    pub comments: Vec<DraftComment>,
    pub timeline: Vec<OutgoingStep>,
    pub updated_at: String,
    /// When the document was recalled from its recipients (domain.md §11):
    /// from then on it is frozen, never sent again.
    pub recalled_at: Option<String>,
}

/// One document of a batch signature.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct BatchItem {
    pub id: String,
    pub ok: bool,
    pub signer: Option<String>,
    /// The Vietnamese reason it failed; the others go on regardless.
    pub error: Option<String>,
    pub error_code: Option<crate::ErrorCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct BatchResult {
    pub signed: u32,
    pub failed: u32,
    pub items: Vec<BatchItem>,
}

/// Progress of a batch signature, sent to the window after each document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct SignProgress {
    pub done: u32,
    pub total: u32,
    pub id: String,
    pub ok: bool,
}

/// The verdict on a signed incoming PDF, kept with the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct SignatureBadge {
    /// `valid`, `untrusted` (sound but not chained to a trusted root) or `invalid`.
    pub verdict: String,
    pub label: String,
    pub signers: Vec<String>,
    pub count: u32,
}

/// A book as printed (Appendix IV): its columns and one row per entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct BookTable {
    pub book_id: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The outgoing document of each row, to open it.
    pub ids: Vec<String>,
}
