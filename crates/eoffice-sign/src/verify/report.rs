//! The verdict on each signature, in the JSON shape scripts read
//! (`eoffice verify --json`) and the desktop stores with a document.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignatureReport {
    pub field: String,
    pub signer: String,
    pub signer_dn: String,
    pub issuer: String,
    /// ISO 8601 in Vietnam time.
    pub signing_time: Option<String>,
    /// "timestamp" when a sound RFC 3161 token gives the time, "claimed"
    /// when only the signer says it.
    pub signing_time_source: String,
    /// The signed bytes are unchanged and the signature over them is sound.
    pub integrity: bool,
    pub trusted: bool,
    pub cert_valid_at_signing: bool,
    /// Something a reader sees was changed after this signature.
    pub modified_after: bool,
    pub covers_whole_file: bool,
    /// "not checked" when offline or no revocation data is at hand.
    pub revocation: String,
    /// PAdES level: B-B, B-T or B-LT.
    pub level: String,
    /// DocMDP level when this is a certification signature.
    pub certification: Option<u8>,
    /// What was permitted after it (signatures, form fill).
    pub later_changes: Vec<String>,
    pub valid: bool,
    /// Why, in English.
    pub reason: String,
    /// Why, in Vietnamese.
    pub reason_vi: String,
    /// The signature dictionary's /Reason.
    pub signature_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Verification {
    pub signatures: Vec<SignatureReport>,
    /// At least one signature, and every one valid.
    pub valid: bool,
}
