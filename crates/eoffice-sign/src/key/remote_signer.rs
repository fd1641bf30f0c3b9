//! A remote signing service where the signer confirms each hash on a phone
//! (the shape of VNPT SmartCA and Viettel MySign). Only the SHA-256 digest
//! of what is signed leaves this computer; the private key stays with the
//! service. The protocol, over HTTPS with the agency's client credentials:
//!
//! - `POST {base}/credentials/info` `{"user_id"}` → `{"credential_id",
//!   "certificates": [base64 DER, signer first]}`
//! - `POST {base}/signatures/sign` `{"user_id", "credential_id",
//!   "hash_algorithm": "SHA-256", "hash": base64, "description"}` →
//!   `{"transaction_id"}`; the phone shows the description and asks.
//! - `GET {base}/signatures/{transaction_id}` → `{"status": "pending" |
//!   "confirmed" | "rejected" | "expired", "signature": base64}`
//!
//! Errors come back as `{"error", "message"}` with an HTTP error status.

use super::{algorithm_of, KeyAlgorithm, SignerKey};
use crate::error::SignError;
use base64ct::{Base64, Encoding};
use der::Decode;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};
use x509_cert::Certificate;

pub struct RemoteSigner {
    conn: Conn,
    user_id: String,
    credential_id: String,
    certificate: Certificate,
    chain: Vec<Certificate>,
    algorithm: KeyAlgorithm,
    /// How long the signer has to confirm on the phone.
    pub confirm_within: Duration,
    /// How often the status is asked.
    pub poll_every: Duration,
    /// Shown on the phone with each request ("Ký văn bản 45/QĐ-UBND").
    pub description: String,
}

fn remote_err(what: impl std::fmt::Display) -> SignError {
    SignError::Remote(what.to_string())
}

#[derive(Deserialize)]
struct Info {
    credential_id: String,
    certificates: Vec<String>,
}

#[derive(Deserialize)]
struct Started {
    transaction_id: String,
}

#[derive(Deserialize)]
struct Status {
    status: String,
    signature: Option<String>,
}

#[derive(Deserialize)]
struct Refusal {
    message: Option<String>,
    error: Option<String>,
}

impl RemoteSigner {
    /// Asks the service for the user's certificate; no PIN is typed here,
    /// each signature is confirmed on the phone.
    pub fn connect(
        base: &str,
        client_id: &str,
        client_secret: &str,
        user_id: &str,
    ) -> Result<RemoteSigner, SignError> {
        let conn = Conn {
            base: base.trim_end_matches('/').to_string(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        };
        let info: Info = conn.post(
            "credentials/info",
            &serde_json::json!({ "user_id": user_id }),
        )?;
        let mut certs = info
            .certificates
            .iter()
            .map(|b| {
                let der = Base64::decode_vec(b).map_err(remote_err)?;
                Certificate::from_der(&der).map_err(remote_err)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if certs.is_empty() {
            return Err(remote_err("the service returned no certificate"));
        }
        let certificate = certs.remove(0);
        Ok(RemoteSigner {
            conn,
            user_id: user_id.into(),
            credential_id: info.credential_id,
            algorithm: algorithm_of(&certificate)?,
            certificate,
            chain: certs,
            confirm_within: Duration::from_secs(120),
            poll_every: Duration::from_secs(1),
            description: "Ký số văn bản".into(),
        })
    }
}

/// The service's address and the agency's client credentials.
struct Conn {
    base: String,
    client_id: String,
    client_secret: String,
}

impl Conn {
    fn call<T: for<'de> Deserialize<'de>>(
        &self,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<T, SignError> {
        let url = format!("{}/{path}", self.base);
        let reply = crate::http::send(crate::http::Request {
            method,
            url: &url,
            body: body.map(|b| b.to_string().into_bytes()),
            content_type: body.map(|_| "application/json"),
            basic_auth: Some((&self.client_id, &self.client_secret)),
            timeout: Duration::from_secs(30),
        })
        .map_err(remote_err)?;
        if !(200..300).contains(&reply.status) {
            if reply.status == 401 || reply.status == 403 {
                return Err(SignError::WrongSecret);
            }
            let why = serde_json::from_slice::<Refusal>(&reply.body)
                .ok()
                .and_then(|r| r.message.or(r.error))
                .unwrap_or_default();
            return Err(remote_err(format!("HTTP {}: {why}", reply.status)));
        }
        serde_json::from_slice(&reply.body).map_err(remote_err)
    }

    fn post<T: for<'de> Deserialize<'de>>(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<T, SignError> {
        self.call("POST", path, Some(body))
    }
}

impl SignerKey for RemoteSigner {
    fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let digest = Sha256::digest(message);
        let started: Started = self.conn.post(
            "signatures/sign",
            &serde_json::json!({
                "user_id": self.user_id,
                "credential_id": self.credential_id,
                "hash_algorithm": "SHA-256",
                "hash": Base64::encode_string(&digest),
                "description": self.description,
            }),
        )?;
        let deadline = Instant::now() + self.confirm_within;
        loop {
            let st: Status = self.conn.call(
                "GET",
                &format!("signatures/{}", started.transaction_id),
                None,
            )?;
            match st.status.as_str() {
                "confirmed" => {
                    let sig = st
                        .signature
                        .ok_or_else(|| remote_err("confirmed without a signature"))?;
                    return Base64::decode_vec(&sig).map_err(remote_err);
                }
                "rejected" => return Err(SignError::Declined),
                "expired" => return Err(SignError::ConfirmTimeout),
                _ if Instant::now() >= deadline => return Err(SignError::ConfirmTimeout),
                _ => std::thread::sleep(self.poll_every),
            }
        }
    }
}
