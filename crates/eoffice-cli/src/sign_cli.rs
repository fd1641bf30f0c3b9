//! `eoffice sign` and `eoffice verify`: files in, files out, no data
//! folder needed, so scripts and the checks can call them anywhere.

use crate::args::{SignArgs, VerifyArgs};
use crate::key_cli::{open_key, time_stamper};
use crate::output::print_json;
use crate::read_file;
use chrono::Timelike;
use eoffice_app::sign_file::{sign_file, SignAs, SignFileRequest};
use eoffice_app::verify_file::{trust_store, verify_file};
use eoffice_app::{AppError, AppResult, Clock, SystemClock};
use eoffice_sign::cms_signature::TimeStamper;

/// `--as` is the global actor flag; for `sign` it names the role.
fn role(actor: Option<&str>) -> AppResult<SignAs> {
    match actor {
        None | Some("person") => Ok(SignAs::Person),
        Some("agency") => Ok(SignAs::Agency),
        Some(other) => Err(AppError::invalid(
            format!("--as của lệnh ký phải là person (người có thẩm quyền) hoặc agency (cơ quan), không phải “{other}”."),
            format!("--as for sign must be person or agency, not {other:?}"),
        )),
    }
}

pub fn sign(a: &SignArgs, actor: Option<&str>) -> AppResult<bool> {
    let role = role(actor)?;
    let pdf = read_file(&a.input)?;
    let image = a.image.as_deref().map(read_file).transpose()?;
    let key = open_key(&a.key)?;
    let tsa = time_stamper(&a.key)?;
    let signed = sign_file(SignFileRequest {
        pdf,
        key: key.as_ref(),
        role,
        image,
        // Whole seconds: the stamp prints ISO 8601 without fractions.
        time: SystemClock.now().with_nanosecond(0).expect("0 ns is valid"),
        leave_issue_fields: false,
        fill: Vec::new(),
        tsa: tsa.as_ref().map(|t| t as &dyn TimeStamper),
        crls: a
            .crl
            .iter()
            .map(|p| read_file(p))
            .collect::<AppResult<_>>()?,
    })?;
    write_atomically(&a.out, &signed.pdf)?;
    if a.json {
        let mut v = serde_json::to_value(&signed).expect("serialises");
        v["Output"] = serde_json::json!(a.out.display().to_string());
        print_json(&v);
    } else {
        println!(
            "Đã ký số ({}) bằng chứng thư của {}: {}",
            if role == SignAs::Person {
                "người có thẩm quyền"
            } else {
                "cơ quan"
            },
            signed.signer,
            a.out.display()
        );
    }
    Ok(true)
}

/// The signed file appears whole or not at all: a half-written PDF would
/// read as a broken signature.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> AppResult<()> {
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            AppError::invalid(
                format!("Không ghi được tệp {}.", path.display()),
                format!("cannot write {}: {e}", path.display()),
            )
        })
}

pub fn verify(a: &VerifyArgs) -> AppResult<bool> {
    let pdf = read_file(&a.file)?;
    let roots = a
        .trust
        .iter()
        .map(|p| Ok((p.display().to_string(), read_file(p)?)))
        .collect::<AppResult<Vec<_>>>()?;
    let mut trust = trust_store(&roots)?;
    for p in &a.crl {
        trust.add_crl_bytes(&read_file(p)?).map_err(|e| {
            AppError::invalid(
                format!("Tệp danh sách thu hồi {} không đọc được.", p.display()),
                format!("the CRL {} cannot be read: {e}", p.display()),
            )
        })?;
    }
    let v = verify_file(pdf, &trust, SystemClock.now().to_utc())?;
    if a.json {
        print_json(&v);
    } else {
        if v.signatures.is_empty() {
            println!("Tệp không có chữ ký số.");
        }
        for s in &v.signatures {
            println!(
                "{} {} ({}), {}: {}",
                if s.valid { "✔" } else { "✘" },
                s.signer,
                s.issuer,
                s.signing_time.as_deref().unwrap_or("không rõ thời điểm"),
                s.reason_vi
            );
        }
    }
    Ok(v.valid)
}
