//! Opens a signing key for the front ends: a PKCS#12 file or a PKCS#11
//! token (the Government CA's USB tokens). The password or PIN is used for
//! the one unlock and dropped; the desktop keeps the unlocked key (the
//! token's logged-in session) while the window is open, so a batch asks
//! once, and forgets it on "Khóa lại" or when the window closes.

use crate::{AppError, AppResult};
use eoffice_sign::key::pkcs11_token::Pkcs11Key;
use eoffice_sign::verify::names::common_name;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

pub enum KeySource<'a> {
    Pkcs12 {
        bytes: &'a [u8],
    },
    Pkcs11 {
        module: &'a Path,
        slot: u64,
    },
    /// A remote signing service (SmartCA/MySign shape): the secret is the
    /// agency's client secret, and each signature is confirmed on the phone.
    Remote {
        url: &'a str,
        client_id: &'a str,
        user_id: &'a str,
    },
}

/// What the window shows about an unlocked key (never the secret).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct KeyInfo {
    /// The certificate's holder.
    pub signer: String,
    pub issuer: String,
    /// `pkcs12`, `pkcs11` or `remote`.
    pub kind: String,
    /// The token's label, for a PKCS#11 key.
    pub token: Option<String>,
}

pub use eoffice_sign::cms_signature::TimeStamper;
pub use eoffice_sign::tsa_client::HttpTimeStamper;
pub use eoffice_sign::SignerKey;

/// The time-stamping authority an administrator configured for the
/// desktop (`EOFFICE_TSA_URL`): signatures made in the window are then
/// PAdES B-T. None when unset.
pub fn configured_tsa() -> AppResult<Option<HttpTimeStamper>> {
    match std::env::var("EOFFICE_TSA_URL") {
        Ok(url) if !url.trim().is_empty() => Ok(Some(
            HttpTimeStamper::new(url.trim()).map_err(AppError::from)?,
        )),
        _ => Ok(None),
    }
}

pub struct UnlockedKey {
    pub key: Box<dyn SignerKey + Send>,
    pub info: KeyInfo,
}

pub fn unlock(source: KeySource<'_>, secret: &str) -> AppResult<UnlockedKey> {
    let (key, kind, token): (Box<dyn SignerKey + Send>, &str, Option<String>) = match source {
        KeySource::Pkcs12 { bytes } => (
            Box::new(crate::sign_file::open_pkcs12(bytes, secret)?),
            "pkcs12",
            None,
        ),
        KeySource::Pkcs11 { module, slot } => {
            let k = Pkcs11Key::open(module, slot, secret).map_err(AppError::from)?;
            let label = k.token_label.clone();
            (Box::new(k), "pkcs11", Some(label))
        }
        KeySource::Remote {
            url,
            client_id,
            user_id,
        } => {
            let k = eoffice_sign::key::remote_signer::RemoteSigner::connect(
                url, client_id, secret, user_id,
            )
            .map_err(AppError::from)?;
            (Box::new(k), "remote", Some(url.to_string()))
        }
    };
    let tbs = &key.certificate().tbs_certificate;
    let info = KeyInfo {
        signer: common_name(&tbs.subject),
        issuer: common_name(&tbs.issuer),
        kind: kind.to_string(),
        token,
    };
    Ok(UnlockedKey { key, info })
}
