//! Verifies the signatures of a PDF against the agency's trust roots
//! (domain.md §6 step 1, §8).

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use eoffice_sign::verify::{verify_pdf, TrustStore, Verification};

/// Trust roots from PEM or DER files.
pub fn trust_store(files: &[(String, Vec<u8>)]) -> AppResult<TrustStore> {
    let mut store = TrustStore::new();
    for (name, bytes) in files {
        store.add_file_bytes(bytes).map_err(|e| {
            AppError::invalid(
                format!("Tệp chứng thư gốc {name} không đọc được."),
                format!("trust root {name} cannot be read: {e}"),
            )
        })?;
    }
    Ok(store)
}

pub fn verify_file(
    pdf: Vec<u8>,
    trust: &TrustStore,
    now: DateTime<Utc>,
) -> AppResult<Verification> {
    Ok(verify_pdf(pdf, trust, now)?)
}
