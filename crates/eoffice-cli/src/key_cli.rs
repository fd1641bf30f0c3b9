//! The signing key of a CLI command: a PKCS#12 file or a PKCS#11 token,
//! its password or PIN read from stdin once and dropped after the unlock.

use crate::args::KeyArgs;
use crate::{read_file, read_password};
use eoffice_app::signing_key::{unlock, KeySource};
use eoffice_app::{AppError, AppResult};
use eoffice_sign::tsa_client::HttpTimeStamper;
use eoffice_sign::SignerKey;

pub fn open_key(k: &KeyArgs) -> AppResult<Box<dyn SignerKey + Send>> {
    if let (Some(url), Some(client_id), Some(user_id)) =
        (&k.remote, &k.remote_client, &k.remote_user)
    {
        let secret = read_password()?;
        return Ok(unlock(
            KeySource::Remote {
                url,
                client_id,
                user_id,
            },
            &secret,
        )?
        .key);
    }
    match (&k.p12, &k.pkcs11) {
        (Some(p12), None) => {
            let bytes = read_file(p12)?;
            let password = read_password()?;
            Ok(unlock(KeySource::Pkcs12 { bytes: &bytes }, &password)?.key)
        }
        (None, Some(module)) => {
            let slot = k.slot.expect("clap requires --slot with --pkcs11");
            let pin = read_password()?;
            Ok(unlock(KeySource::Pkcs11 { module, slot }, &pin)?.key)
        }
        _ => Err(AppError::invalid(
            "Hãy chọn khóa ký số: --p12 TỆP, --pkcs11 MODULE.so --slot N hoặc --remote URL.",
            "choose the signing key: --p12 FILE, --pkcs11 MODULE.so --slot N or --remote URL",
        )),
    }
}

/// The TSA of `--tsa`, when given.
pub fn time_stamper(k: &KeyArgs) -> AppResult<Option<HttpTimeStamper>> {
    k.tsa
        .as_deref()
        .map(|u| HttpTimeStamper::new(u).map_err(AppError::from))
        .transpose()
}
