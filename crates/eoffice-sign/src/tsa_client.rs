//! An RFC 3161 time-stamping authority over HTTP (PAdES B-T). The request
//! carries a nonce and asks for the TSA's certificate; the answer is
//! accepted only when its status grants it and the token's imprint and
//! nonce are the ones asked for, so a cached or foreign token is refused.

use crate::cms_signature::TimeStamper;
use crate::error::SignError;
use cms::signed_data::SignedData;
use const_oid::db::rfc5912::ID_SHA_256;
use der::asn1::{Int, OctetString};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifier;
use std::time::Duration;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

pub struct HttpTimeStamper {
    url: String,
}

fn tsa_err(what: impl std::fmt::Display) -> SignError {
    SignError::Tsa(what.to_string())
}

impl HttpTimeStamper {
    pub fn new(url: &str) -> Result<HttpTimeStamper, SignError> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(tsa_err(format!("{url:?} is not an http(s) URL")));
        }
        Ok(HttpTimeStamper {
            url: url.to_string(),
        })
    }
}

/// A nonce nobody can predict from the request alone: the digest mixed
/// with the clock's nanoseconds and the process.
fn nonce(digest: &[u8]) -> Vec<u8> {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut h = Sha256::new();
    h.update(digest);
    h.update(t.to_be_bytes());
    h.update(std::process::id().to_be_bytes());
    let mut n = h.finalize()[..8].to_vec();
    n[0] &= 0x7f; // a positive INTEGER
    n[0] |= 0x01; // with no leading zero byte to strip
    n
}

pub fn request(digest: &[u8], nonce: &[u8]) -> Result<Vec<u8>, SignError> {
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifier {
                oid: ID_SHA_256,
                parameters: None,
            },
            hashed_message: OctetString::new(digest.to_vec()).map_err(tsa_err)?,
        },
        req_policy: None,
        nonce: Some(Int::new(nonce).map_err(tsa_err)?),
        cert_req: true,
        extensions: None,
    };
    req.to_der().map_err(tsa_err)
}

/// The token of a response, checked against what was asked.
pub fn token_of(response: &[u8], digest: &[u8], nonce: &[u8]) -> Result<Vec<u8>, SignError> {
    use cmpv2::status::PkiStatus;
    let resp =
        TimeStampResp::from_der(response).map_err(|e| tsa_err(format!("bad response: {e}")))?;
    if !matches!(
        resp.status.status,
        PkiStatus::Accepted | PkiStatus::GrantedWithMods
    ) {
        return Err(tsa_err(format!(
            "the TSA refused: {:?}",
            resp.status.status
        )));
    }
    let token = resp
        .time_stamp_token
        .ok_or_else(|| tsa_err("the response has no token"))?;
    let sd: SignedData = token
        .content
        .decode_as()
        .map_err(|e| tsa_err(format!("the token is not SignedData: {e}")))?;
    let tst = sd
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or_else(|| tsa_err("the token has no TSTInfo"))?;
    let tst = OctetString::from_der(&tst.to_der().map_err(tsa_err)?).map_err(tsa_err)?;
    let info =
        TstInfo::from_der(tst.as_bytes()).map_err(|e| tsa_err(format!("bad TSTInfo: {e}")))?;
    if info.message_imprint.hashed_message.as_bytes() != digest {
        return Err(tsa_err("the token stamps other data than asked"));
    }
    if info.nonce.as_ref().map(|n| n.as_bytes()) != Some(nonce) {
        return Err(tsa_err("the token's nonce is not the one sent"));
    }
    token.to_der().map_err(tsa_err)
}

impl TimeStamper for HttpTimeStamper {
    fn stamp(&self, data: &[u8]) -> Result<Vec<u8>, SignError> {
        let digest = Sha256::digest(data).to_vec();
        let nonce = nonce(&digest);
        let body = request(&digest, &nonce)?;
        let reply = crate::http::send(crate::http::Request {
            method: "POST",
            url: &self.url,
            body: Some(body),
            content_type: Some("application/timestamp-query"),
            basic_auth: None,
            timeout: Duration::from_secs(20),
        })
        .map_err(tsa_err)?;
        if !(200..300).contains(&reply.status) {
            return Err(tsa_err(format!(
                "{} answered HTTP {}",
                self.url, reply.status
            )));
        }
        token_of(&reply.body, &digest, &nonce)
    }
}
