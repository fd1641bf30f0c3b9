//! The HTTP client of the sync protocol (blocking: the CLI and the
//! desktop's sync thread call it from their own threads).

use crate::wire::*;
use reqwest::blocking::{Client as Http, RequestBuilder, Response};
use std::io::{BufRead, BufReader};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The server cannot be reached: offline, refused, timed out.
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    /// The server answered with an error.
    #[error("{code}: {message_en}")]
    Api {
        status: u16,
        code: String,
        message: String,
        message_en: String,
        details: serde_json::Value,
    },
    #[error("unexpected answer from the server: {0}")]
    Protocol(String),
}

impl SyncError {
    pub fn message_vi(&self) -> String {
        match self {
            SyncError::Unreachable(_) => "Không kết nối được máy chủ; làm việc ngoại tuyến.".into(),
            SyncError::Api { message, .. } => message.clone(),
            SyncError::Protocol(_) => "Máy chủ trả lời không đúng giao thức.".into(),
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        matches!(self, SyncError::Api { status: 401, .. })
    }
}

pub struct Client {
    base: String,
    http: Http,
    access: Option<String>,
}

fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Client {
    /// `base` is the server's address, `https://so-noivu.langson.gov.vn`
    /// or `http://127.0.0.1:8080` on a trusted network.
    pub fn new(base: &str) -> Result<Client, SyncError> {
        install_crypto();
        let base = base.trim().trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(SyncError::Protocol(format!(
                "{base:?} must start with http:// or https://"
            )));
        }
        let http = Http::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| SyncError::Protocol(e.to_string()))?;
        Ok(Client {
            base,
            http,
            access: None,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn set_access_token(&mut self, token: Option<String>) {
        self.access = token;
    }

    fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}{path}", self.base)
    }

    fn authed(&self, rb: RequestBuilder) -> RequestBuilder {
        match &self.access {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    fn send(&self, rb: RequestBuilder) -> Result<Response, SyncError> {
        let resp = self.authed(rb).send().map_err(|e| {
            if e.is_connect() || e.is_timeout() || e.is_request() {
                SyncError::Unreachable(e.to_string())
            } else {
                SyncError::Protocol(e.to_string())
            }
        })?;
        if resp.status().is_success() {
            return Ok(resp);
        }
        let status = resp.status().as_u16();
        let text = resp.text().unwrap_or_default();
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(b) => Err(SyncError::Api {
                status,
                code: b.error.code,
                message: b.error.message,
                message_en: b.error.message_en,
                details: b.error.details,
            }),
            // A proxy in the way, or the server down behind one.
            Err(_) if status == 502 || status == 503 || status == 504 => {
                Err(SyncError::Unreachable(format!("HTTP {status}")))
            }
            Err(_) => Err(SyncError::Protocol(format!("HTTP {status}: {text}"))),
        }
    }

    fn json<T: serde::de::DeserializeOwned>(&self, rb: RequestBuilder) -> Result<T, SyncError> {
        self.send(rb)?
            .json()
            .map_err(|e| SyncError::Protocol(e.to_string()))
    }

    pub fn health(&self) -> Result<serde_json::Value, SyncError> {
        self.json(self.http.get(self.url("/health")))
    }

    pub fn login(&self, username: &str, password: &str) -> Result<TokenPair, SyncError> {
        self.json(self.http.post(self.url("/auth/login")).json(&LoginRequest {
            username: username.to_string(),
            password: password.to_string(),
        }))
    }

    pub fn refresh(&self, refresh_token: &str) -> Result<TokenPair, SyncError> {
        self.json(
            self.http
                .post(self.url("/auth/refresh"))
                .json(&RefreshRequest {
                    refresh_token: refresh_token.to_string(),
                }),
        )
    }

    pub fn logout(&self) -> Result<(), SyncError> {
        self.send(self.http.post(self.url("/auth/logout")))
            .map(|_| ())
    }

    pub fn directory(&self) -> Result<Directory, SyncError> {
        self.json(self.http.get(self.url("/directory")))
    }

    pub fn push(&self, req: &PushRequest) -> Result<PushResponse, SyncError> {
        self.json(self.http.post(self.url("/push")).json(req))
    }

    pub fn pull(&self, after: i64, limit: i64) -> Result<PullResponse, SyncError> {
        self.json(
            self.http
                .get(self.url("/pull"))
                .query(&[("after", after), ("limit", limit)]),
        )
    }

    pub fn blob_status(&self, sha: &str) -> Result<BlobStatus, SyncError> {
        self.json(self.http.get(self.url(&format!("/blobs/{sha}/status"))))
    }

    /// Uploads `bytes` in chunks, continuing from what the server already
    /// has, so a cut connection costs only the chunk in flight.
    pub fn upload_blob(&self, sha: &str, bytes: &[u8], chunk: usize) -> Result<(), SyncError> {
        let total = bytes.len() as u64;
        let status = self.blob_status(sha)?;
        if status.complete {
            return Ok(());
        }
        let mut offset = status.received.min(total);
        loop {
            let end = (offset as usize + chunk.max(1)).min(bytes.len());
            let part = bytes[offset as usize..end].to_vec();
            let r = self.send(
                self.http
                    .put(self.url(&format!("/blobs/{sha}")))
                    .query(&[("offset", offset), ("total", total)])
                    .body(part),
            );
            let st: BlobStatus = match r {
                Ok(resp) => resp
                    .json()
                    .map_err(|e| SyncError::Protocol(e.to_string()))?,
                // The server has a different amount than we thought: resume there.
                Err(SyncError::Api { status: 409, .. }) => self.blob_status(sha)?,
                Err(e) => return Err(e),
            };
            if st.complete {
                return Ok(());
            }
            offset = st.received;
            if end == bytes.len() && offset >= total {
                return Err(SyncError::Protocol("upload did not complete".into()));
            }
        }
    }

    /// A document's text layer from the server.
    pub fn document_text(&self, id: &str) -> Result<String, SyncError> {
        let v: serde_json::Value =
            self.json(self.http.get(self.url(&format!("/documents/{id}/text"))))?;
        Ok(v.get("Text")
            .and_then(|t| t.as_str())
            .unwrap_or("")
            .to_string())
    }

    pub fn download_blob(&self, sha: &str) -> Result<Vec<u8>, SyncError> {
        let resp = self.send(self.http.get(self.url(&format!("/blobs/{sha}"))))?;
        Ok(resp
            .bytes()
            .map_err(|e| SyncError::Unreachable(e.to_string()))?
            .to_vec())
    }

    /// Waits for the next "pull now" notice, up to `timeout`. True when one
    /// came; false on timeout or when the stream ends.
    pub fn wait_notice(&self, timeout: Duration) -> Result<bool, SyncError> {
        let mut heard = false;
        self.notices(Some(timeout), |_| {
            heard = true;
            false
        })?;
        Ok(heard)
    }

    /// Opens the notice stream and calls `on_notice` for each notice until
    /// it returns false or the stream ends.
    pub fn follow_notices(&self, on_notice: impl FnMut(i64) -> bool) -> Result<(), SyncError> {
        self.notices(None, on_notice)
    }

    fn notices(
        &self,
        timeout: Option<Duration>,
        mut on_notice: impl FnMut(i64) -> bool,
    ) -> Result<(), SyncError> {
        let mut b = Http::builder().connect_timeout(Duration::from_secs(5));
        if let Some(t) = timeout {
            b = b.timeout(t);
        }
        let http = b.build().map_err(|e| SyncError::Protocol(e.to_string()))?;
        let resp = self.send(http.get(self.url("/notices")))?;
        let mut reader = BufReader::new(resp);
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return Ok(()),
                Ok(_) => {
                    if let Some(data) = line.strip_prefix("data: ") {
                        let seq = serde_json::from_str::<Notice>(data.trim())
                            .map(|n| n.seq)
                            .unwrap_or(0);
                        if !on_notice(seq) {
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}
