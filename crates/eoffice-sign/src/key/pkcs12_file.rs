//! A personal key in a PKCS#12 file (.p12/.pfx), as the public CAs issue
//! them: PBES2 (PBKDF2, AES-CBC) bags under an HMAC-SHA-256 MAC. The
//! password is checked against the MAC before anything is decrypted.

use crate::error::SignError;
use crate::key::{algorithm_of, KeyAlgorithm, SignerKey};
use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use const_oid::db::rfc5911::{ID_DATA, ID_ENCRYPTED_DATA};
use const_oid::db::rfc5912::ID_SHA_256;
use der::asn1::OctetString;
use der::{Decode, Encode};
use hmac::{Hmac, Mac};
use pkcs12::safe_bag::SafeContents;
use pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use sha2::Sha256;
use x509_cert::Certificate;

pub enum PrivateKey {
    /// Kept as a ready signing key: batch signing reuses it per document.
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    P256(p256::ecdsa::SigningKey),
}

pub struct Pkcs12Key {
    cert: Certificate,
    chain: Vec<Certificate>,
    key: PrivateKey,
}

impl std::fmt::Debug for Pkcs12Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("Pkcs12Key")
            .field("subject", &self.cert.tbs_certificate.subject.to_string())
            .finish_non_exhaustive()
    }
}

fn bad(what: impl std::fmt::Display) -> SignError {
    SignError::BadKeyFile(what.to_string())
}

impl Pkcs12Key {
    pub fn open(bytes: &[u8], password: &str) -> Result<Pkcs12Key, SignError> {
        let pfx = pkcs12::pfx::Pfx::from_der(bytes).map_err(bad)?;
        if pfx.auth_safe.content_type != ID_DATA {
            return Err(SignError::Unsupported(
                "a PKCS#12 file protected by public keys".into(),
            ));
        }
        let auth_safe = pfx
            .auth_safe
            .content
            .decode_as::<OctetString>()
            .map_err(bad)?;
        let auth_safe = auth_safe.as_bytes();
        match &pfx.mac_data {
            Some(mac) => check_mac(mac, auth_safe, password)?,
            None => return Err(bad("the file has no integrity MAC")),
        }
        let infos =
            Vec::<ContentInfo>::from_der(auth_safe).map_err(|e| bad(format!("auth safe: {e}")))?;
        let mut certs = Vec::new();
        let mut keys = Vec::new();
        for info in infos {
            let contents = if info.content_type == ID_DATA {
                info.content
                    .decode_as::<OctetString>()
                    .map_err(bad)?
                    .as_bytes()
                    .to_vec()
            } else if info.content_type == ID_ENCRYPTED_DATA {
                let enc = info
                    .content
                    .decode_as::<EncryptedData>()
                    .map_err(|e| bad(format!("encrypted data: {e}")))?;
                let scheme_der = enc.enc_content_info.content_enc_alg.to_der().map_err(bad)?;
                let scheme = pkcs5::EncryptionScheme::from_der(&scheme_der).map_err(|_| {
                    SignError::Unsupported(
                        "a PKCS#12 file with old encryption (export it again with AES)".into(),
                    )
                })?;
                let data = enc
                    .enc_content_info
                    .encrypted_content
                    .ok_or_else(|| bad("an encrypted bag without content"))?;
                scheme
                    .decrypt(password, data.as_bytes())
                    .map_err(|_| SignError::WrongSecret)?
            } else {
                continue;
            };
            let bags = SafeContents::from_der(&contents).map_err(|e| bad(format!("bags: {e}")))?;
            for bag in bags {
                if bag.bag_id == pkcs12::PKCS_12_CERT_BAG_OID {
                    let cb = pkcs12::cert_type::CertBag::from_der(explicit_inner(&bag.bag_value)?)
                        .map_err(bad)?;
                    certs.push(Certificate::from_der(cb.cert_value.as_bytes()).map_err(bad)?);
                } else if bag.bag_id == pkcs12::PKCS_12_PKCS8_KEY_BAG_OID {
                    let enc = EncryptedPrivateKeyInfo::from_der(explicit_inner(&bag.bag_value)?)
                        .map_err(bad)?;
                    let doc = enc.decrypt(password).map_err(|_| SignError::WrongSecret)?;
                    keys.push(doc.as_bytes().to_vec());
                } else if bag.bag_id == pkcs12::PKCS_12_KEY_BAG_OID {
                    keys.push(explicit_inner(&bag.bag_value)?.to_vec());
                }
            }
        }
        let key_der = keys
            .into_iter()
            .next()
            .ok_or_else(|| bad("no private key in the file"))?;
        let info = PrivateKeyInfo::from_der(&key_der).map_err(bad)?;
        let key = private_key(&info)?;
        let public = public_key_der(&key)?;
        let at = certs
            .iter()
            .position(|c| {
                c.tbs_certificate
                    .subject_public_key_info
                    .to_der()
                    .is_ok_and(|d| d == public)
            })
            .ok_or_else(|| bad("no certificate matches the private key"))?;
        let cert = certs.remove(at);
        algorithm_of(&cert)?;
        Ok(Pkcs12Key {
            cert,
            chain: certs,
            key,
        })
    }
}

/// The contents of a bag's `[0] EXPLICIT` value, which pkcs12 0.1 hands
/// over with its tag.
fn explicit_inner(tlv: &[u8]) -> Result<&[u8], SignError> {
    Ok(der::asn1::AnyRef::from_der(tlv).map_err(bad)?.value())
}

fn check_mac(
    mac: &pkcs12::mac_data::MacData,
    data: &[u8],
    password: &str,
) -> Result<(), SignError> {
    if mac.mac.algorithm.oid != ID_SHA_256 {
        return Err(SignError::Unsupported(
            "a PKCS#12 file with a SHA-1 MAC (export it again with SHA-256)".into(),
        ));
    }
    let key = pkcs12::kdf::derive_key_utf8::<Sha256>(
        password,
        mac.mac_salt.as_bytes(),
        pkcs12::kdf::Pkcs12KeyType::Mac,
        mac.iterations,
        32,
    )
    .map_err(bad)?;
    let mut h = Hmac::<Sha256>::new_from_slice(&key).map_err(bad)?;
    h.update(data);
    h.verify_slice(mac.mac.digest.as_bytes())
        .map_err(|_| SignError::WrongSecret)
}

pub fn private_key(info: &PrivateKeyInfo<'_>) -> Result<PrivateKey, SignError> {
    use const_oid::db::rfc5912::{ID_EC_PUBLIC_KEY, RSA_ENCRYPTION};
    if info.algorithm.oid == RSA_ENCRYPTION {
        let k = rsa::RsaPrivateKey::try_from(info.clone()).map_err(bad)?;
        return Ok(PrivateKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(k))));
    }
    if info.algorithm.oid == ID_EC_PUBLIC_KEY {
        let k = p256::SecretKey::try_from(info.clone())
            .map_err(|_| SignError::Unsupported("an elliptic curve other than P-256".into()))?;
        return Ok(PrivateKey::P256(p256::ecdsa::SigningKey::from(k)));
    }
    Err(SignError::Unsupported(format!(
        "private key algorithm {}",
        info.algorithm.oid
    )))
}

fn public_key_der(key: &PrivateKey) -> Result<Vec<u8>, SignError> {
    use spki::EncodePublicKey;
    let doc = match key {
        PrivateKey::Rsa(k) => AsRef::<rsa::RsaPrivateKey>::as_ref(k.as_ref())
            .to_public_key()
            .to_public_key_der(),
        PrivateKey::P256(k) => k.verifying_key().to_public_key_der(),
    };
    Ok(doc.map_err(bad)?.as_bytes().to_vec())
}

pub fn sign_with(key: &PrivateKey, message: &[u8]) -> Result<Vec<u8>, SignError> {
    use rsa::signature::{SignatureEncoding, Signer};
    match key {
        PrivateKey::Rsa(k) => Ok(k.sign(message).to_vec()),
        PrivateKey::P256(k) => {
            let sig: p256::ecdsa::Signature = k.sign(message);
            Ok(sig.to_der().as_bytes().to_vec())
        }
    }
}

impl SignerKey for Pkcs12Key {
    fn certificate(&self) -> &Certificate {
        &self.cert
    }
    fn chain(&self) -> &[Certificate] {
        &self.chain
    }
    fn algorithm(&self) -> KeyAlgorithm {
        match self.key {
            PrivateKey::Rsa(_) => KeyAlgorithm::RsaSha256,
            PrivateKey::P256(_) => KeyAlgorithm::EcdsaP256Sha256,
        }
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        sign_with(&self.key, message)
    }
}
