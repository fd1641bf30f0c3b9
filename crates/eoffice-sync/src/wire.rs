//! The JSON that crosses the network, under `/api/v1`. Names are
//! PascalCase like the rest of eOffice's JSON.

use serde::{Deserialize, Serialize};

pub const API_PREFIX: &str = "/api/v1";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct UserInfo {
    pub id: String,
    pub username: String,
    pub full_name: String,
    /// `clerk`, `leader`, `unit_head`, `specialist` or `admin`.
    pub role: String,
    pub unit_code: Option<String>,
    pub agency_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lives.
    pub expires_in: i64,
    pub user: UserInfo,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AgencyInfo {
    pub id: String,
    pub name: String,
    pub abbr: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct UnitInfo {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct BookInfo {
    pub id: String,
    pub direction: String,
    pub year: i32,
    pub secret: bool,
    pub name: String,
    pub last_number: i32,
    pub closed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Directory {
    pub agency: AgencyInfo,
    pub units: Vec<UnitInfo>,
    pub users: Vec<UserInfo>,
    pub books: Vec<BookInfo>,
}

/// One command from the outbox. `Id` is the UUID the client made; sending
/// it again is harmless.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Mutation {
    pub id: String,
    pub name: String,
    pub args: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct PushRequest {
    pub client_id: String,
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MutationStatus {
    Applied,
    /// Final: the command will never apply; `Reason` says why.
    Rejected,
    /// Not decided yet (for example its file is not uploaded); send again.
    Retry,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct MutationResult {
    pub id: String,
    pub status: MutationStatus,
    pub code: Option<String>,
    /// Vietnamese, for the user.
    pub reason: Option<String>,
    pub reason_en: Option<String>,
    #[serde(default)]
    pub result: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct PushResponse {
    pub results: Vec<MutationResult>,
    /// The agency's feed head after the push.
    pub feed_seq: i64,
}

/// One event of an agency's change feed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct FeedEvent {
    pub seq: i64,
    pub id: String,
    pub agency_id: String,
    pub stream: String,
    /// 1, 2, 3 … within the stream (one document's history).
    pub stream_version: i64,
    pub actor_id: String,
    pub actor_name: String,
    pub at: String,
    pub name: String,
    pub version: u32,
    pub command_id: Option<String>,
    /// The canonical JSON text the hash covers.
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct PullResponse {
    pub events: Vec<FeedEvent>,
    pub last_seq: i64,
    pub more: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct BlobStatus {
    pub sha256: String,
    pub complete: bool,
    /// Bytes received so far: where a resumed upload continues.
    pub received: u64,
}

/// The arguments of `incoming.register`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct RegisterArgs {
    /// The document id the client made, so that its provisional entry and
    /// the numbered one are the same document.
    pub document_id: String,
    /// The Appendix VI fields as the clerk checked them.
    pub fields: serde_json::Value,
    /// YYYY-MM-DD.
    pub arrival_date: String,
    pub sha256: String,
    pub file_name: Option<String>,
    pub duplicate_key: Option<String>,
    pub allow_duplicate: bool,
    /// The text layer, for the server's search.
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ReturnArgs {
    pub document_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ViewedArgs {
    pub document_id: String,
}

/// Every error answer: `{"error": {code, message, details}}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorBody {
    pub error: ErrorInfo,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorInfo {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub message_en: String,
    #[serde(default)]
    pub details: serde_json::Value,
}

/// The closed set of error codes the server answers with.
pub const ERROR_CODES: [&str; 9] = [
    "unauthorized",
    "forbidden",
    "not_found",
    "invalid_input",
    "throttled",
    "conflict",
    "too_large",
    "unavailable",
    "server",
];

/// A notice on the event stream: "pull now"; it carries no data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct Notice {
    pub seq: i64,
}

/// The hash of the chain before its first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

impl FeedEvent {
    /// SHA-256 over the canonical, length-prefixed encoding of every field
    /// but the hash itself (with the payload by its own SHA-256).
    pub fn compute_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        let payload_hash = hex(&Sha256::digest(self.payload.as_bytes()));
        let seq = self.seq.to_string();
        let stream_version = self.stream_version.to_string();
        let version = self.version.to_string();
        let command = self.command_id.clone().unwrap_or_default();
        let bytes = eoffice_domain::event::canonical_encoding(&[
            seq.as_bytes(),
            self.id.as_bytes(),
            self.agency_id.as_bytes(),
            self.stream.as_bytes(),
            stream_version.as_bytes(),
            self.actor_id.as_bytes(),
            self.actor_name.as_bytes(),
            self.at.as_bytes(),
            self.name.as_bytes(),
            version.as_bytes(),
            command.as_bytes(),
            payload_hash.as_bytes(),
            self.prev_hash.as_bytes(),
        ]);
        hex(&Sha256::digest(&bytes))
    }
}

/// Checks that `events` continue the chain after `prev`; returns the new
/// head, or the first event that does not verify.
pub fn verify_chain<'a>(
    prev: &str,
    events: impl IntoIterator<Item = &'a FeedEvent>,
) -> Result<String, (i64, &'static str)> {
    let mut head = prev.to_string();
    for e in events {
        if e.prev_hash != head {
            return Err((e.seq, "previous hash does not match the event before"));
        }
        if e.compute_hash() != e.hash {
            return Err((e.seq, "event hash does not match its content"));
        }
        head = e.hash.clone();
    }
    Ok(head)
}

/// The arguments of `incoming.import`: one document of a standalone
/// agency moving to the server with the number it already has.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ImportArgs {
    pub document_id: String,
    pub year: i32,
    pub arrival_number: u32,
    pub arrival_sub: Option<String>,
    pub arrival_date: String,
    pub state: String,
    pub return_reason: Option<String>,
    pub fields: serde_json::Value,
    pub sha256: String,
    pub file_name: Option<String>,
    pub duplicate_key: Option<String>,
    pub text: String,
    /// The document's events on the desktop, as they were (hashes included).
    pub history: Vec<serde_json::Value>,
}

/// The names of pushed commands, spelled once for both sides.
/// `handling.step`: the document and the domain's `HandlingCommand` as JSON.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct HandleArgs {
    pub document_id: String,
    pub command: serde_json::Value,
}

pub mod command {
    pub const REGISTER: &str = "incoming.register";
    pub const RETURN: &str = "incoming.return";
    pub const VIEW: &str = "document.viewed";
    pub const IMPORT: &str = "incoming.import";
    /// A handling step (present, assign, … complete), decided by the
    /// server with the domain's state machine.
    pub const HANDLE: &str = "handling.step";
    pub const ALL: [&str; 5] = [REGISTER, RETURN, VIEW, IMPORT, HANDLE];
}
