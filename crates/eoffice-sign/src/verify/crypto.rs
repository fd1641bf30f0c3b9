//! One signature check for every algorithm a Vietnamese CA issues today:
//! RSA PKCS#1 v1.5 with SHA-256/384/512 and ECDSA P-256 with SHA-256.

use const_oid::db::rfc5912::{
    ECDSA_WITH_SHA_256, ID_EC_PUBLIC_KEY, ID_SHA_256, ID_SHA_384, ID_SHA_512, RSA_ENCRYPTION,
    SHA_256_WITH_RSA_ENCRYPTION, SHA_384_WITH_RSA_ENCRYPTION, SHA_512_WITH_RSA_ENCRYPTION,
};
use const_oid::ObjectIdentifier;
use der::Encode;
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::SubjectPublicKeyInfoOwned;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        match *oid {
            ID_SHA_256 => Some(Hash::Sha256),
            ID_SHA_384 => Some(Hash::Sha384),
            ID_SHA_512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    pub fn digest_parts(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            Hash::Sha256 => run::<Sha256>(parts),
            Hash::Sha384 => run::<Sha384>(parts),
            Hash::Sha512 => run::<Sha512>(parts),
        }
    }
}

/// True when `signature` over `message` verifies with `key` under the
/// signature algorithm `alg` (and, for a bare rsaEncryption, the digest
/// algorithm `digest`).
pub fn verify(
    key: &SubjectPublicKeyInfoOwned,
    alg: &ObjectIdentifier,
    digest: Option<Hash>,
    message: &[u8],
    signature: &[u8],
) -> Result<bool, String> {
    let Ok(key_der) = key.to_der() else {
        return Err("the public key cannot be encoded".into());
    };
    let hash = match *alg {
        SHA_256_WITH_RSA_ENCRYPTION | ECDSA_WITH_SHA_256 => Hash::Sha256,
        SHA_384_WITH_RSA_ENCRYPTION => Hash::Sha384,
        SHA_512_WITH_RSA_ENCRYPTION => Hash::Sha512,
        RSA_ENCRYPTION => digest.unwrap_or(Hash::Sha256),
        other => return Err(format!("signature algorithm {other} is not supported")),
    };
    if key.algorithm.oid == RSA_ENCRYPTION {
        use rsa::pkcs1v15::{Signature, VerifyingKey};
        use rsa::signature::Verifier;
        use spki::DecodePublicKey;
        let Ok(pk) = rsa::RsaPublicKey::from_public_key_der(&key_der) else {
            return Err("the RSA public key cannot be read".into());
        };
        let Ok(sig) = Signature::try_from(signature) else {
            return Ok(false);
        };
        let ok = match hash {
            Hash::Sha256 => VerifyingKey::<Sha256>::new(pk)
                .verify(message, &sig)
                .is_ok(),
            Hash::Sha384 => VerifyingKey::<Sha384>::new(pk)
                .verify(message, &sig)
                .is_ok(),
            Hash::Sha512 => VerifyingKey::<Sha512>::new(pk)
                .verify(message, &sig)
                .is_ok(),
        };
        return Ok(ok);
    }
    if key.algorithm.oid == ID_EC_PUBLIC_KEY {
        use p256::ecdsa::signature::Verifier;
        use spki::DecodePublicKey;
        if hash != Hash::Sha256 {
            return Err("ECDSA with a hash other than SHA-256 is not supported".into());
        }
        let Ok(vk) = p256::ecdsa::VerifyingKey::from_public_key_der(&key_der) else {
            return Err("an elliptic curve other than P-256 is not supported".into());
        };
        let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else {
            return Ok(false);
        };
        return Ok(vk.verify(message, &sig).is_ok());
    }
    Err(format!(
        "public key algorithm {} is not supported",
        key.algorithm.oid
    ))
}

/// XML-DSig writes an ECDSA signature as `r‖s`; CMS and our keys give DER.
pub fn ecdsa_der_to_raw(der: &[u8]) -> Result<Vec<u8>, String> {
    p256::ecdsa::Signature::from_der(der)
        .map(|s| s.to_bytes().to_vec())
        .map_err(|e| format!("not a DER ECDSA signature: {e}"))
}

/// An XML signature value checked against a certificate's key:
/// `ecdsa` values are `r‖s`, RSA values PKCS#1 v1.5, both over SHA-256.
pub fn verify_with_certificate(
    certificate_der: &[u8],
    ecdsa: bool,
    message: &[u8],
    signature: &[u8],
) -> Result<bool, String> {
    use der::Decode;
    let cert = x509_cert::Certificate::from_der(certificate_der)
        .map_err(|e| format!("the signer's certificate cannot be read: {e}"))?;
    let key = &cert.tbs_certificate.subject_public_key_info;
    if ecdsa {
        let Ok(sig) = p256::ecdsa::Signature::from_slice(signature) else {
            return Ok(false);
        };
        let der = sig.to_der();
        return verify(key, &ECDSA_WITH_SHA_256, None, message, der.as_bytes());
    }
    verify(key, &SHA_256_WITH_RSA_ENCRYPTION, None, message, signature)
}
