//! Kiểm tra nhật ký: recompute the event chain from the first event and
//! re-hash every stored original.

use crate::dto::AuditReport;
use crate::{AppResult, Eoffice};
use eoffice_store::blobs::sha256_hex;
use eoffice_store::events;

impl Eoffice {
    pub fn verify_audit(&self) -> AppResult<AuditReport> {
        let chain = events::verify(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare("SELECT sha256 FROM blobs ORDER BY sha256")?;
        let shas: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut damaged = Vec::new();
        let mut missing = Vec::new();
        for sha in &shas {
            match self.blobs.get(sha) {
                Ok(bytes) if sha256_hex(&bytes) == *sha => {}
                Ok(_) => damaged.push(sha.clone()),
                Err(_) => missing.push(sha.clone()),
            }
        }
        let (broken_at, broken_reason) = match chain.broken {
            Some((seq, why)) => (Some(seq), Some(why)),
            None => (None, None),
        };
        Ok(AuditReport {
            ok: broken_at.is_none() && damaged.is_empty() && missing.is_empty(),
            events: chain.events,
            head_hash: chain.head,
            broken_at,
            broken_reason,
            blobs_checked: shas.len(),
            blobs_damaged: damaged,
            blobs_missing: missing,
        })
    }
}
