//! Revocation from CRLs: the ones a signed PDF carries in its DSS (PAdES
//! B-LT) and the ones the verifier was given. A CRL counts only when its
//! issuer is the certificate's issuer and its signature verifies with that
//! issuer's key; a forged or foreign list says nothing. Without a usable
//! CRL the answer is "not checked", said plainly.

use crate::verify::crypto;
use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use x509_cert::crl::CertificateList;
use x509_cert::Certificate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// Every certificate below the root is on a CRL of its issuer and not revoked.
    Good,
    /// A certificate of the chain is revoked, since this time.
    Revoked {
        at: DateTime<Utc>,
        subject: String,
    },
    NotChecked,
}

/// CRLs from DER or PEM (`-----BEGIN X509 CRL-----`).
pub fn parse_crls(bytes: &[u8]) -> Result<Vec<CertificateList>, String> {
    let text = String::from_utf8_lossy(bytes);
    if text.contains("-----BEGIN X509 CRL-----") {
        let mut out = Vec::new();
        for block in text.split("-----BEGIN X509 CRL-----").skip(1) {
            let body: String = block
                .split("-----END X509 CRL-----")
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let der = {
                use base64ct::Encoding;
                base64ct::Base64::decode_vec(&body).map_err(|e| e.to_string())?
            };
            out.push(CertificateList::from_der(&der).map_err(|e| e.to_string())?);
        }
        return Ok(out);
    }
    Ok(vec![
        CertificateList::from_der(bytes).map_err(|e| e.to_string())?
    ])
}

fn time(t: &x509_cert::time::Time) -> DateTime<Utc> {
    DateTime::from_timestamp(t.to_unix_duration().as_secs() as i64, 0).unwrap_or_default()
}

/// A CRL issued and signed by `issuer`.
fn signed_by(crl: &CertificateList, issuer: &Certificate) -> bool {
    if crl.tbs_cert_list.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let (Ok(tbs), Some(sig)) = (crl.tbs_cert_list.to_der(), crl.signature.as_bytes()) else {
        return false;
    };
    crypto::verify(
        &issuer.tbs_certificate.subject_public_key_info,
        &crl.signature_algorithm.oid,
        None,
        &tbs,
        sig,
    )
    .unwrap_or(false)
}

/// The revocation state of `path` (the signer first, the root last).
pub fn check(path: &[Certificate], crls: &[CertificateList]) -> Revocation {
    if path.len() < 2 {
        return Revocation::NotChecked;
    }
    for pair in path.windows(2) {
        let (cert, issuer) = (&pair[0], &pair[1]);
        let lists: Vec<&CertificateList> = crls.iter().filter(|c| signed_by(c, issuer)).collect();
        if lists.is_empty() {
            return Revocation::NotChecked;
        }
        let serial = &cert.tbs_certificate.serial_number;
        let revoked = lists
            .iter()
            .flat_map(|l| l.tbs_cert_list.revoked_certificates.iter().flatten())
            .filter(|r| &r.serial_number == serial)
            .map(|r| time(&r.revocation_date))
            .min();
        if let Some(at) = revoked {
            return Revocation::Revoked {
                at,
                subject: crate::verify::names::common_name(&cert.tbs_certificate.subject),
            };
        }
    }
    Revocation::Good
}
