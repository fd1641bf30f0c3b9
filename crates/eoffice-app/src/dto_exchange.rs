//! What crosses to front ends about the document exchange (issue 9): the
//! queue of electronic documents received, each recipient's latest status
//! on a sent document, and the exchange directory.

use crate::dto::DocumentFields;
use crate::dto_outgoing::SignatureBadge;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One entry of "Văn bản điện tử đến".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct ReceivedItem {
    pub id: String,
    /// The sender's DocumentId: `OrganId,yyyy/MM/dd,Number/Notation`.
    pub document_id: String,
    pub from_organ: String,
    pub from_name: String,
    /// `new`, `recall`, `update` or `replace`.
    pub kind: String,
    pub subject: String,
    /// `waiting`, `registered`, `returned`, `recalled`, `applied`, `refused`.
    pub state: String,
    pub state_label: String,
    pub received_at: String,
    /// Everything the registration form shows, from the package.
    pub fields: DocumentFields,
    pub signatures: Option<SignatureBadge>,
    /// Who signed the package itself (its XML signature, verified on
    /// arrival); null for an unsigned package.
    pub xml_signer: Option<String>,
    /// Whether that signer's certificate chains to a trust root of the agency.
    pub xml_signer_trusted: Option<bool>,
    /// The registered document, once registered.
    pub incoming_id: Option<String>,
    /// The return reason or the sender's recall reason.
    pub reason: Option<String>,
}

/// A recipient of a sent document and what it last said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct RecipientStatus {
    pub organ_id: String,
    pub organ_name: String,
    /// `province` (the provincial server) or `gateway` (the integration platform).
    pub route: String,
    pub sent_at: Option<String>,
    pub attempts: u32,
    pub last_error: Option<String>,
    /// Two digits (01–06, 13, 15, 16), or null before any status.
    pub status_code: Option<String>,
    pub status_label: String,
    pub status_at: Option<String>,
    pub status_note: Option<String>,
    /// Every status heard, in order: `01`, `03`, …
    pub history: Vec<String>,
}

/// An organ of the exchange directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct ExchangeOrgan {
    pub organ_id: String,
    pub name: String,
    pub address: String,
    pub email: String,
    pub route: String,
}

/// What one `send` or `receive` did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct ExchangeRun {
    pub sent: Vec<RecipientStatus>,
    pub statuses_sent: u32,
    pub received: Vec<crate::receive_edxml::ReceivedOutcome>,
    /// Failures kept for a retry, in Vietnamese.
    pub errors: Vec<String>,
}

/// A configured route, without its secret key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct ExchangeEndpointInfo {
    /// `province` or `gateway`.
    pub route: String,
    pub url: String,
    pub system_id: String,
}
