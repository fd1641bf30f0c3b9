//! The client of the exchange platform's API (domain.md §12), blocking
//! like the sync client. The same client talks to the provincial server
//! (inside the province) and to the integration gateway (outside it); they
//! speak one API. Failures are classed as the platform classes them:
//! final (10, 15, 18, 19, 21, 22, 23) or worth a retry (20, the network).

use crate::exchange_wire::*;
use base64::Engine;
use reqwest::blocking::{Client as Http, RequestBuilder};
use std::cell::RefCell;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub base: String,
    pub system_id: String,
    pub secret_key: String,
    /// How long one call may take before it counts as a network failure.
    pub timeout: Duration,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum ExchangeError {
    #[error("the exchange cannot be reached: {0}")]
    Unreachable(String),
    #[error("the platform answered {code}: {desc}")]
    Platform { code: i32, desc: String },
    #[error("unexpected answer from the platform: {0}")]
    Protocol(String),
}

impl ExchangeError {
    /// True when repeating the call cannot help.
    pub fn is_final(&self) -> bool {
        match self {
            ExchangeError::Unreachable(_) => false,
            ExchangeError::Platform { code, .. } => {
                PlatformCode::from_code(*code).is_none_or(|c| c.is_final())
            }
            ExchangeError::Protocol(_) => false,
        }
    }

    pub fn message_vi(&self) -> String {
        match self {
            ExchangeError::Unreachable(_) => {
                "Không kết nối được nền tảng liên thông; sẽ gửi lại sau.".into()
            }
            ExchangeError::Platform { code, desc } => match PlatformCode::from_code(*code) {
                Some(c) => format!("Nền tảng liên thông trả lời mã {code}: {}.", c.label_vi()),
                None => format!("Nền tảng liên thông trả lời mã {code}: {desc}."),
            },
            ExchangeError::Protocol(_) => {
                "Nền tảng liên thông trả lời không đúng giao thức.".into()
            }
        }
    }
}

pub struct ExchangeClient {
    endpoint: Endpoint,
    http: Http,
    token: RefCell<Option<(String, Instant)>>,
}

impl ExchangeClient {
    pub fn new(endpoint: Endpoint) -> Result<ExchangeClient, ExchangeError> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let base = endpoint.base.trim().trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(ExchangeError::Protocol(format!(
                "{base:?} must start with http:// or https://"
            )));
        }
        let http = Http::builder()
            .connect_timeout(Duration::from_secs(5).min(endpoint.timeout))
            .timeout(endpoint.timeout)
            .build()
            .map_err(|e| ExchangeError::Protocol(e.to_string()))?;
        Ok(ExchangeClient {
            endpoint: Endpoint { base, ..endpoint },
            http,
            token: RefCell::new(None),
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/exchange{path}", self.endpoint.base)
    }

    fn answer<T: serde::de::DeserializeOwned>(
        rb: RequestBuilder,
    ) -> Result<(u16, PlatformAnswer<T>), ExchangeError> {
        let resp = rb
            .send()
            .map_err(|e| ExchangeError::Unreachable(e.to_string()))?;
        let status = resp.status().as_u16();
        let body = resp
            .bytes()
            .map_err(|e| ExchangeError::Unreachable(e.to_string()))?;
        let answer: PlatformAnswer<T> = serde_json::from_slice(&body).map_err(|e| {
            ExchangeError::Protocol(format!(
                "HTTP {status}: {e}: {}",
                String::from_utf8_lossy(&body[..body.len().min(200)])
            ))
        })?;
        Ok((status, answer))
    }

    fn login(&self) -> Result<String, ExchangeError> {
        let rb = self.http.post(self.url("/login")).json(&LoginRequest {
            system_id: self.endpoint.system_id.clone(),
            secret_key: self.endpoint.secret_key.clone(),
        });
        let (_, a) = Self::answer::<LoginData>(rb)?;
        if a.error_code != 0 {
            return Err(ExchangeError::Platform {
                code: a.error_code,
                desc: a.error_desc,
            });
        }
        let data = a
            .data
            .ok_or_else(|| ExchangeError::Protocol("login without a token".into()))?;
        // Renewed a minute early so that a call never starts on a token
        // about to lapse.
        let life = Duration::from_secs(data.expires_in.saturating_sub(60).max(1));
        *self.token.borrow_mut() = Some((data.token.clone(), Instant::now() + life));
        Ok(data.token)
    }

    fn bearer(&self) -> Result<String, ExchangeError> {
        if let Some((t, until)) = self.token.borrow().as_ref() {
            if Instant::now() < *until {
                return Ok(t.clone());
            }
        }
        self.login()
    }

    /// One call with the token and the system headers; a token the platform
    /// no longer knows is renewed once.
    fn call<T: serde::de::DeserializeOwned>(
        &self,
        build: impl Fn(&Http) -> RequestBuilder,
    ) -> Result<Option<T>, ExchangeError> {
        for attempt in 0..2 {
            let token = self.bearer()?;
            let rb = build(&self.http)
                .bearer_auth(&token)
                .header(HEADER_SYSTEM_ID, &self.endpoint.system_id)
                .header(HEADER_SECRET_KEY, &self.endpoint.secret_key);
            let (status, a) = Self::answer::<T>(rb)?;
            if status == 401 && attempt == 0 {
                *self.token.borrow_mut() = None;
                continue;
            }
            if a.error_code != 0 {
                return Err(ExchangeError::Platform {
                    code: a.error_code,
                    desc: a.error_desc,
                });
            }
            return Ok(a.data);
        }
        Err(ExchangeError::Protocol(
            "the token was refused twice".into(),
        ))
    }

    /// Sends a package; the platform's id for it.
    pub fn send(
        &self,
        message_type: &str,
        file_name: &str,
        edxml: &[u8],
    ) -> Result<String, ExchangeError> {
        let boundary = format!("eoffice-{:016x}", edxml.len() as u64 ^ 0x5eed_cafe);
        let body = multipart_body(&boundary, message_type, file_name, edxml);
        let data: Option<SentData> = self.call(|http| {
            http.post(self.url("/send"))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(body.clone())
        })?;
        Ok(data.map(|d| d.doc_id).unwrap_or_default())
    }

    /// Packages waiting for this agency created between the two dates
    /// (`yyyy-MM-dd`), not yet marked done.
    pub fn received(&self, from: &str, to: &str) -> Result<Vec<ReceivedEntry>, ExchangeError> {
        let data: Option<Vec<ReceivedEntry>> = self.call(|http| {
            http.get(self.url("/received")).query(&[
                ("from", from),
                ("to", to),
                ("status", "pending"),
            ])
        })?;
        Ok(data.unwrap_or_default())
    }

    /// One package: its message type and the edXML bytes.
    pub fn get(&self, doc_id: &str) -> Result<(String, Vec<u8>), ExchangeError> {
        let data: Option<PackageData> =
            self.call(|http| http.get(self.url(&format!("/package/{}", encode_path(doc_id)))))?;
        let data = data.ok_or_else(|| ExchangeError::Protocol("a package without data".into()))?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.content.as_bytes())
            .map_err(|e| ExchangeError::Protocol(format!("the package is not base64: {e}")))?;
        Ok((data.message_type, bytes))
    }

    /// The transport status of a received package: `fetched`, `done`, `fail`.
    pub fn set_status(
        &self,
        doc_id: &str,
        status: &str,
        description: &str,
    ) -> Result<(), ExchangeError> {
        let _: Option<serde_json::Value> = self.call(|http| {
            http.post(self.url(&format!("/package/{}/status", encode_path(doc_id))))
                .json(&TransportStatus {
                    status: status.to_string(),
                    description: description.to_string(),
                })
        })?;
        Ok(())
    }
}

fn encode_path(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Repeats a call that may pass later (code 20, the network) with a
/// doubling pause; a final failure returns at once.
pub fn with_retry<T>(
    attempts: u32,
    first_pause: Duration,
    mut call: impl FnMut() -> Result<T, ExchangeError>,
) -> Result<T, ExchangeError> {
    let mut pause = first_pause;
    let mut last = None;
    for i in 0..attempts.max(1) {
        match call() {
            Ok(v) => return Ok(v),
            Err(e) if e.is_final() => return Err(e),
            Err(e) => {
                last = Some(e);
                if i + 1 < attempts {
                    std::thread::sleep(pause);
                    pause *= 2;
                }
            }
        }
    }
    Err(last.expect("at least one attempt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_final_failure_is_not_retried_and_a_passing_one_is() {
        let mut calls = 0;
        let r: Result<(), _> = with_retry(5, Duration::from_millis(1), || {
            calls += 1;
            Err(ExchangeError::Platform {
                code: 18,
                desc: "unknown".into(),
            })
        });
        assert!(r.is_err());
        assert_eq!(calls, 1);
        let mut calls = 0;
        let r = with_retry(5, Duration::from_millis(1), || {
            calls += 1;
            if calls < 3 {
                Err(ExchangeError::Platform {
                    code: 20,
                    desc: "busy".into(),
                })
            } else {
                Ok(calls)
            }
        });
        assert_eq!(r.unwrap(), 3);
        let mut calls = 0;
        let r: Result<(), _> = with_retry(4, Duration::from_millis(1), || {
            calls += 1;
            Err(ExchangeError::Unreachable("timeout".into()))
        });
        assert!(matches!(r, Err(ExchangeError::Unreachable(_))));
        assert_eq!(calls, 4);
    }
}
