//! The roots the agency trusts when it verifies signed PDFs (domain.md
//! §8): the Government CA's and the public CAs' root certificates, added
//! by the administrator (or the clerk of a folder without one). Trust then
//! comes from the chain to these exact certificates, never from a name.

use crate::{AppError, AppResult, Eoffice, ErrorCode};
use der::{Decode, Encode};
use eoffice_domain::Role;
use eoffice_sign::verify::names::common_name;
use eoffice_sign::verify::TrustStore;
use eoffice_store::blobs::sha256_hex;
use eoffice_store::trust;
use serde::Serialize;
use ts_rs::TS;
use x509_cert::Certificate;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct TrustRootInfo {
    pub sha256: String,
    pub subject: String,
    /// YYYY-MM-DD.
    pub not_after: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

fn bad_file(name: &str, e: impl std::fmt::Display) -> AppError {
    AppError::invalid(
        format!("Tệp “{name}” không phải chứng thư số (PEM hoặc DER)."),
        format!("{name} is not a certificate (PEM or DER): {e}"),
    )
}

fn certificates(name: &str, bytes: &[u8]) -> AppResult<Vec<Certificate>> {
    if String::from_utf8_lossy(bytes).contains("-----BEGIN CERTIFICATE-----") {
        let certs = Certificate::load_pem_chain(bytes).map_err(|e| bad_file(name, e))?;
        if certs.is_empty() {
            return Err(bad_file(name, "no certificate"));
        }
        return Ok(certs);
    }
    Ok(vec![
        Certificate::from_der(bytes).map_err(|e| bad_file(name, e))?
    ])
}

impl Eoffice {
    pub fn add_trust_roots(
        &mut self,
        actor: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> AppResult<Vec<TrustRootInfo>> {
        if eoffice_store::directory::count_users(&self.conn)? > 0 {
            let p = self.person_for(actor)?;
            if !matches!(p.role, Role::Admin | Role::Clerk) {
                return Err(AppError::new(
                    ErrorCode::Forbidden,
                    "Chỉ quản trị hoặc văn thư được thêm chứng thư gốc tin cậy.",
                    "only an administrator or the clerk adds trust roots",
                ));
            }
        }
        let now = self.clock.now().to_rfc3339();
        for cert in certificates(file_name, bytes)? {
            let der = cert.to_der().map_err(|e| bad_file(file_name, e))?;
            let not_after = chrono::DateTime::from_timestamp(
                cert.tbs_certificate
                    .validity
                    .not_after
                    .to_unix_duration()
                    .as_secs() as i64,
                0,
            )
            .map(|t| t.date_naive().to_string());
            trust::add(
                &self.conn,
                &trust::TrustRoot {
                    sha256: sha256_hex(&der),
                    subject: common_name(&cert.tbs_certificate.subject),
                    der,
                    not_after,
                    added_by: actor.to_string(),
                    added_at: now.clone(),
                },
            )?;
        }
        self.trust_roots()
    }

    pub fn trust_roots(&self) -> AppResult<Vec<TrustRootInfo>> {
        Ok(trust::list(&self.conn)?
            .into_iter()
            .map(|r| TrustRootInfo {
                sha256: r.sha256,
                subject: r.subject,
                not_after: r.not_after,
                added_by: r.added_by,
                added_at: r.added_at,
            })
            .collect())
    }

    pub(crate) fn trust_store(&self) -> AppResult<TrustStore> {
        let mut t = TrustStore::new();
        for r in trust::list(&self.conn)? {
            // Stored by `add_trust_roots`, so it parses; a damaged row is skipped.
            if let Ok(c) = Certificate::from_der(&r.der) {
                t.add(c);
            }
        }
        Ok(t)
    }
}
