//! A key on a PKCS#11 token: the Government CA's USB tokens, and SoftHSM2
//! in tests. The private key never leaves the token: only the data to sign
//! goes in. The PIN is used for one login and dropped; the session stays
//! logged in while this value lives (the desktop keeps it while the app is
//! open and the token plugged in), so a batch asks for the PIN once.

use super::{algorithm_of, KeyAlgorithm, SignerKey};
use crate::error::SignError;
use cryptoki::context::{CInitializeArgs, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use der::Decode;
use sha2::{Digest, Sha256};
use std::path::Path;
use x509_cert::Certificate;

pub struct Pkcs11Key {
    // Kept so the module stays loaded and initialised as long as the session.
    _module: Pkcs11,
    session: Session,
    key: ObjectHandle,
    certificate: Certificate,
    chain: Vec<Certificate>,
    algorithm: KeyAlgorithm,
    /// The token's label, for the window ("Token: …").
    pub token_label: String,
}

fn token_err(e: CkError) -> SignError {
    match e {
        CkError::Pkcs11(RvError::PinIncorrect, _) | CkError::Pkcs11(RvError::PinLenRange, _) => {
            SignError::WrongSecret
        }
        CkError::Pkcs11(RvError::PinLocked, _) => SignError::PinLocked,
        other => SignError::Token(other.to_string()),
    }
}

/// `slot` is a slot id, or else the position among slots with a token.
fn find_slot(module: &Pkcs11, slot: u64) -> Result<Slot, SignError> {
    let slots = module.get_slots_with_token().map_err(token_err)?;
    if let Some(s) = slots.iter().find(|s| s.id() == slot) {
        return Ok(*s);
    }
    slots.get(slot as usize).copied().ok_or_else(|| {
        SignError::Token(format!(
            "no token in slot {slot} ({} slots with a token)",
            slots.len()
        ))
    })
}

fn attribute_bytes(session: &Session, obj: ObjectHandle, ty: AttributeType) -> Option<Vec<u8>> {
    session
        .get_attributes(obj, &[ty])
        .ok()?
        .into_iter()
        .find_map(|a| match a {
            Attribute::Value(v) | Attribute::Id(v) | Attribute::Label(v) => Some(v),
            _ => None,
        })
}

impl Pkcs11Key {
    /// Loads `module`, logs in to the token in `slot` with `pin`, and finds
    /// the signing key and its certificate (matched by CKA_ID).
    pub fn open(module: &Path, slot: u64, pin: &str) -> Result<Pkcs11Key, SignError> {
        let ctx = Pkcs11::new(module)
            .map_err(|e| SignError::Token(format!("cannot load {}: {e}", module.display())))?;
        match ctx.initialize(CInitializeArgs::OsThreads) {
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(token_err(e)),
        }
        let slot = find_slot(&ctx, slot)?;
        let token_label = ctx
            .get_token_info(slot)
            .map(|t| t.label().trim().to_string())
            .unwrap_or_default();
        let session = ctx.open_ro_session(slot).map_err(token_err)?;
        session
            .login(UserType::User, Some(&AuthPin::new(pin.into())))
            .or_else(|e| match e {
                CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _) => Ok(()),
                e => Err(e),
            })
            .map_err(token_err)?;
        let keys = session
            .find_objects(&[
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::Sign(true),
            ])
            .map_err(token_err)?;
        let certs = session
            .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
            .map_err(token_err)?;
        let cert_list: Vec<(Option<Vec<u8>>, Certificate)> = certs
            .iter()
            .filter_map(|c| {
                let der = attribute_bytes(&session, *c, AttributeType::Value)?;
                let cert = Certificate::from_der(&der).ok()?;
                Some((attribute_bytes(&session, *c, AttributeType::Id), cert))
            })
            .collect();
        // The first key whose certificate is on the token.
        let (key, certificate) = keys
            .iter()
            .find_map(|k| {
                let id = attribute_bytes(&session, *k, AttributeType::Id)?;
                cert_list
                    .iter()
                    .find(|(cid, _)| cid.as_deref() == Some(id.as_slice()))
                    .map(|(_, c)| (*k, c.clone()))
            })
            .ok_or_else(|| {
                SignError::Token("no signing key with its certificate on the token".into())
            })?;
        let algorithm = algorithm_of(&certificate)?;
        let chain = cert_list
            .into_iter()
            .map(|(_, c)| c)
            .filter(|c| *c != certificate)
            .collect();
        Ok(Pkcs11Key {
            _module: ctx,
            session,
            key,
            certificate,
            chain,
            algorithm,
            token_label,
        })
    }
}

impl SignerKey for Pkcs11Key {
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
        match self.algorithm {
            KeyAlgorithm::RsaSha256 => self
                .session
                .sign(&Mechanism::Sha256RsaPkcs, self.key, message)
                .map_err(token_err),
            KeyAlgorithm::EcdsaP256Sha256 => {
                // Tokens sign the digest with plain CKM_ECDSA and answer
                // r‖s; CMS wants the DER form.
                let digest = Sha256::digest(message);
                let raw = self
                    .session
                    .sign(&Mechanism::Ecdsa, self.key, &digest)
                    .map_err(token_err)?;
                let sig = p256::ecdsa::Signature::from_slice(&raw).map_err(|e| {
                    SignError::Token(format!("bad ECDSA signature from the token: {e}"))
                })?;
                Ok(sig.to_der().as_bytes().to_vec())
            }
        }
    }
}
