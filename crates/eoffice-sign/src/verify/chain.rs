//! Trust comes from the chain, never from a name: a certificate is
//! trusted only when a path of verified signatures leads from it to a
//! configured root, byte for byte. A self-signed certificate that copies a
//! root's name is not that root.

use crate::verify::crypto;
use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use x509_cert::Certificate;

/// The roots an agency trusts: the Government CA's, the public CAs' and,
/// in tests, the fixture CA.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    roots: Vec<Certificate>,
    /// Revocation lists the verifier has at hand besides a file's DSS.
    pub crls: Vec<x509_cert::crl::CertificateList>,
}

impl TrustStore {
    pub fn new() -> TrustStore {
        TrustStore::default()
    }

    pub fn add(&mut self, cert: Certificate) {
        if !self.roots.contains(&cert) {
            self.roots.push(cert);
        }
    }

    /// Every certificate in a PEM bundle or one DER certificate.
    pub fn add_file_bytes(&mut self, bytes: &[u8]) -> Result<usize, String> {
        let text = String::from_utf8_lossy(bytes);
        if text.contains("-----BEGIN CERTIFICATE-----") {
            let certs = Certificate::load_pem_chain(bytes).map_err(|e| e.to_string())?;
            let n = certs.len();
            certs.into_iter().for_each(|c| self.add(c));
            return Ok(n);
        }
        let c = Certificate::from_der(bytes).map_err(|e| e.to_string())?;
        self.add(c);
        Ok(1)
    }

    /// CRLs (DER or PEM) to check revocation with.
    pub fn add_crl_bytes(&mut self, bytes: &[u8]) -> Result<usize, String> {
        let crls = crate::verify::revocation::parse_crls(bytes)?;
        let n = crls.len();
        self.crls.extend(crls);
        Ok(n)
    }

    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    fn is_root(&self, c: &Certificate) -> bool {
        self.roots.contains(c)
    }
}

pub struct ChainResult {
    /// From the signer up to the root, when one was reached.
    pub path: Vec<Certificate>,
    pub trusted: bool,
    pub problem: Option<String>,
}

/// True when `child`'s signature verifies with `parent`'s key.
pub fn issued_by(child: &Certificate, parent: &Certificate) -> bool {
    if child.tbs_certificate.issuer != parent.tbs_certificate.subject {
        return false;
    }
    let Ok(tbs) = child.tbs_certificate.to_der() else {
        return false;
    };
    let Some(sig) = child.signature.as_bytes() else {
        return false;
    };
    crypto::verify(
        &parent.tbs_certificate.subject_public_key_info,
        &child.signature_algorithm.oid,
        None,
        &tbs,
        sig,
    )
    .unwrap_or(false)
}

fn is_ca(c: &Certificate) -> bool {
    use x509_cert::ext::pkix::BasicConstraints;
    c.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|b| b.ca)
}

pub fn build_chain(leaf: &Certificate, pool: &[Certificate], trust: &TrustStore) -> ChainResult {
    let mut path = vec![leaf.clone()];
    for _ in 0..8 {
        let cur = path.last().expect("path starts with the leaf").clone();
        if trust.is_root(&cur) {
            return ChainResult {
                path,
                trusted: true,
                problem: None,
            };
        }
        if let Some(root) = trust.roots.iter().find(|r| issued_by(&cur, r)) {
            path.push(root.clone());
            return ChainResult {
                path,
                trusted: true,
                problem: None,
            };
        }
        let next = pool
            .iter()
            .find(|p| *p != &cur && is_ca(p) && issued_by(&cur, p) && !path.contains(p));
        match next {
            Some(n) => path.push(n.clone()),
            None => break,
        }
    }
    ChainResult {
        path,
        trusted: false,
        problem: Some("the certificate does not chain to a trusted root".into()),
    }
}

pub fn valid_at(c: &Certificate, t: DateTime<Utc>) -> bool {
    let v = &c.tbs_certificate.validity;
    let nb = v.not_before.to_unix_duration().as_secs() as i64;
    let na = v.not_after.to_unix_duration().as_secs() as i64;
    let t = t.timestamp();
    nb <= t && t <= na
}
