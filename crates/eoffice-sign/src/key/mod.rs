//! Where a signature comes from. One trait for every kind of key, so the
//! signing code never knows whether the private key is in a file, on a
//! token or behind a phone: the key never leaves its holder, only the
//! data to sign goes in and the signature comes out.

pub mod pkcs11_token;
pub mod pkcs12_file;
pub mod remote_signer;

use crate::error::SignError;
use x509_cert::Certificate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaSha256,
    /// ECDSA on P-256 with SHA-256, the signature DER-encoded.
    EcdsaP256Sha256,
}

pub trait SignerKey {
    fn certificate(&self) -> &Certificate;
    /// Certificates above the signer's, as the key holder knows them.
    fn chain(&self) -> &[Certificate];
    fn algorithm(&self) -> KeyAlgorithm;
    /// Signs SHA-256(`message`).
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError>;
}

/// Which algorithm a certificate's public key calls for.
pub fn algorithm_of(cert: &Certificate) -> Result<KeyAlgorithm, SignError> {
    use const_oid::db::rfc5912::{ID_EC_PUBLIC_KEY, RSA_ENCRYPTION, SECP_256_R_1};
    let spki = &cert.tbs_certificate.subject_public_key_info;
    if spki.algorithm.oid == RSA_ENCRYPTION {
        return Ok(KeyAlgorithm::RsaSha256);
    }
    if spki.algorithm.oid == ID_EC_PUBLIC_KEY {
        let curve = spki
            .algorithm
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<const_oid::ObjectIdentifier>().ok());
        if curve == Some(SECP_256_R_1) {
            return Ok(KeyAlgorithm::EcdsaP256Sha256);
        }
        return Err(SignError::Unsupported(
            "an elliptic curve other than P-256".into(),
        ));
    }
    Err(SignError::Unsupported(format!(
        "public key algorithm {}",
        spki.algorithm.oid
    )))
}
