//! Verifies the signatures of an incoming PDF at intake and keeps the
//! result with the document at registration (domain.md §6 step 1, §8): a
//! badge with the signers and the verdict, and the whole report.

use crate::dto::SignatureBadge;
use crate::{AppResult, Eoffice};
use eoffice_sign::verify::{verify_pdf, Verification};

pub(crate) struct Checked {
    pub badge: SignatureBadge,
    pub report: String,
}

/// `valid`: every signature valid; `untrusted`: intact, but a signer does
/// not chain to a trusted root; `invalid`: broken, changed or expired.
pub(crate) fn badge_of(v: &Verification) -> SignatureBadge {
    let intact = v
        .signatures
        .iter()
        .all(|s| s.integrity && !s.modified_after && s.cert_valid_at_signing);
    let (verdict, label) = if v.valid {
        ("valid", "Chữ ký số hợp lệ")
    } else if intact {
        ("untrusted", "Chữ ký toàn vẹn, chứng thư chưa được tin cậy")
    } else {
        ("invalid", "Chữ ký số không hợp lệ")
    };
    SignatureBadge {
        verdict: verdict.into(),
        label: label.into(),
        signers: v.signatures.iter().map(|s| s.signer.clone()).collect(),
        count: v.signatures.len() as u32,
    }
}

impl Eoffice {
    /// The verification of `pdf`, or none when it carries no signature.
    pub(crate) fn check_signatures(&self, pdf: &[u8]) -> AppResult<Option<Checked>> {
        if !pdf.windows(10).any(|w| w == b"/ByteRange") {
            return Ok(None);
        }
        let trust = self.trust_store()?;
        let v = match verify_pdf(pdf.to_vec(), &trust, self.clock.now().to_utc()) {
            Ok(v) if !v.signatures.is_empty() => v,
            Ok(_) => return Ok(None),
            // A file that cannot even be read as signed is a broken one.
            Err(e) => {
                return Ok(Some(Checked {
                    badge: SignatureBadge {
                        verdict: "invalid".into(),
                        label: "Chữ ký số không kiểm tra được: tệp hỏng".into(),
                        signers: Vec::new(),
                        count: 0,
                    },
                    report: serde_json::json!({ "Error": e.to_string() }).to_string(),
                }))
            }
        };
        Ok(Some(Checked {
            badge: badge_of(&v),
            report: serde_json::to_string(&v).expect("a report serialises"),
        }))
    }

    /// The verdict kept with an incoming document.
    pub(crate) fn stored_badge(&self, id: &str) -> AppResult<Option<SignatureBadge>> {
        let Some((_, report)) = eoffice_store::incoming::signatures(&self.conn, id)? else {
            return Ok(None);
        };
        Ok(serde_json::from_str::<Verification>(&report)
            .ok()
            .map(|v| badge_of(&v)))
    }
}
