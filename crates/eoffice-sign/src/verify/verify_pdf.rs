//! Verifies every signature of a PDF (domain.md §6 step 1, §8): integrity
//! over its byte range, the cryptographic check, the chain to the trust
//! roots, certificate validity at the signing time, revocation when it can
//! be known, and what changed after it.

use crate::error::SignError;
use crate::pdf::date::parse_pdf_date;
use crate::pdf::file::{PdfFile, PARSE_TIME};
use crate::pdf::write_object::read_text_string;
use crate::verify::chain::{build_chain, valid_at, TrustStore};
use crate::verify::changes::review;
use crate::verify::cms_check::check_cms;
use crate::verify::names::{common_name, distinguished_name};
use crate::verify::report::{SignatureReport, Verification};
use crate::verify::revocation::{self, Revocation};
use chrono::{DateTime, Utc};
use lopdf::Document;

fn vn_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&eoffice_domain::vietnam()).to_rfc3339()
}

struct Found {
    field: String,
    dict: lopdf::Dictionary,
}

fn signature_dicts(file: &PdfFile) -> Vec<Found> {
    let mut out = Vec::new();
    for (id, name) in file.fields() {
        if file.field_type(id).as_deref() != Some(b"Sig") {
            continue;
        }
        let Some(d) = file.dict(id) else { continue };
        let Ok(v) = d.get(b"V") else { continue };
        if let Ok(sig) = file.resolve(v).as_dict() {
            out.push(Found {
                field: name,
                dict: sig.clone(),
            });
        }
    }
    out
}

/// The CRLs a file carries in its Document Security Store (PAdES B-LT).
fn dss_crls(file: &PdfFile) -> Vec<x509_cert::crl::CertificateList> {
    use der::Decode;
    let Some(dss) = file
        .catalog_id()
        .ok()
        .and_then(|c| file.dict(c))
        .and_then(|c| c.get(b"DSS").ok())
        .and_then(|d| file.resolve(d).as_dict().ok())
    else {
        return Vec::new();
    };
    let Some(list) = dss
        .get(b"CRLs")
        .ok()
        .and_then(|l| file.resolve(l).as_array().ok())
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|o| file.resolve(o).as_stream().ok())
        .filter_map(|s| {
            let bytes = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            x509_cert::crl::CertificateList::from_der(&bytes).ok()
        })
        .collect()
}

fn load_prefix(bytes: &[u8]) -> Option<Document> {
    let owned = bytes.to_vec();
    eoffice_pdf::isolate(PARSE_TIME, move || Document::load_mem(&owned).ok())
        .ok()
        .flatten()
}

pub fn verify_pdf(
    pdf: Vec<u8>,
    trust: &TrustStore,
    now: DateTime<Utc>,
) -> Result<Verification, SignError> {
    let file = PdfFile::open(pdf)?;
    let found = signature_dicts(&file);
    let docmdp = found.iter().find_map(|f| {
        let refs = f.dict.get(b"Reference").ok()?.as_array().ok()?;
        refs.iter().find_map(|r| {
            let r = file.resolve(r).as_dict().ok()?;
            if r.get(b"TransformMethod").ok()?.as_name().ok()? != b"DocMDP" {
                return None;
            }
            let p = r
                .get(b"TransformParams")
                .ok()
                .and_then(|t| file.resolve(t).as_dict().ok())
                .and_then(|t| t.get(b"P").ok())
                .and_then(|p| p.as_i64().ok())
                .unwrap_or(2);
            Some((f.field.clone(), p.clamp(1, 3) as u8))
        })
    });
    let len = file.bytes.len();
    let mut found = found;
    // In the order they were made: by where each signed revision ends.
    found.sort_by_key(|f| {
        f.dict
            .get(b"ByteRange")
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.get(2).and_then(|o| o.as_i64().ok()))
            .unwrap_or(i64::MAX)
    });
    let reports: Vec<SignatureReport> = found
        .iter()
        .map(|f| one(&file, f, trust, now, len, docmdp.as_ref()))
        .collect();
    let valid = !reports.is_empty() && reports.iter().all(|r| r.valid);
    Ok(Verification {
        signatures: reports,
        valid,
    })
}

fn one(
    file: &PdfFile,
    f: &Found,
    trust: &TrustStore,
    now: DateTime<Utc>,
    len: usize,
    docmdp: Option<&(String, u8)>,
) -> SignatureReport {
    let d = &f.dict;
    let mut report = SignatureReport {
        field: f.field.clone(),
        signer: String::new(),
        signer_dn: String::new(),
        issuer: String::new(),
        signing_time: None,
        signing_time_source: "claimed".into(),
        integrity: false,
        trusted: false,
        cert_valid_at_signing: false,
        modified_after: false,
        covers_whole_file: false,
        revocation: "not checked".into(),
        level: "B-B".into(),
        certification: docmdp.filter(|(n, _)| *n == f.field).map(|(_, p)| *p),
        later_changes: Vec::new(),
        valid: false,
        reason: String::new(),
        reason_vi: String::new(),
        signature_reason: d
            .get(b"Reason")
            .ok()
            .and_then(|o| o.as_str().ok())
            .map(read_text_string),
    };
    let range: Vec<i64> = d
        .get(b"ByteRange")
        .ok()
        .and_then(|o| file.resolve(o).as_array().ok())
        .map(|a| a.iter().filter_map(|o| o.as_i64().ok()).collect())
        .unwrap_or_default();
    let contents = d
        .get(b"Contents")
        .ok()
        .and_then(|o| o.as_str().ok())
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    let bytes = &file.bytes;
    let range_ok = range.len() == 4
        && range.iter().all(|v| *v >= 0)
        && range[0] == 0
        && range[1] < range[2]
        && (range[2] + range[3]) as usize <= len
        && bytes.get(range[1] as usize) == Some(&b'<')
        && bytes.get(range[2] as usize - 1) == Some(&b'>');
    if !range_ok {
        return refuse(
            report,
            "the byte range is malformed or does not frame the signature",
            "Phạm vi ký (ByteRange) sai: chữ ký không bao đúng tệp.",
        );
    }
    let (a, b, c) = (range[1] as usize, range[2] as usize, range[3] as usize);
    let end = b + c;
    report.covers_whole_file = end == len;
    let facts = check_cms(&contents, &[&bytes[..a], &bytes[b..end]]);
    if let Some(cert) = &facts.signer {
        report.signer = common_name(&cert.tbs_certificate.subject);
        report.signer_dn = distinguished_name(&cert.tbs_certificate.subject);
        report.issuer = common_name(&cert.tbs_certificate.issuer);
    }
    report.integrity = facts.digest_matches && facts.signature_sound;
    let claimed = facts.claimed_time.or_else(|| {
        d.get(b"M")
            .ok()
            .and_then(|o| o.as_str().ok())
            .and_then(|m| parse_pdf_date(&String::from_utf8_lossy(m)))
    });
    // A timestamp dates the signature only when its TSA chains to a
    // trusted root, like any signer; otherwise the claimed time stands.
    let trusted_stamp = facts.timestamp.as_ref().filter(|ts| {
        ts.sound
            && ts.tsa.as_ref().is_some_and(|tsa| {
                let chain = build_chain(tsa, &ts.certificates, trust);
                chain.trusted && chain.path.iter().all(|c| valid_at(c, ts.time))
            })
    });
    let time = match trusted_stamp {
        Some(ts) => {
            report.signing_time_source = "timestamp".into();
            report.level = "B-T".into();
            Some(ts.time)
        }
        None => {
            if facts.timestamp.is_some() {
                report.signing_time_source = "claimed (untrusted timestamp)".into();
            }
            claimed
        }
    };
    report.signing_time = time.map(vn_time);
    let has_dss = file
        .catalog_id()
        .ok()
        .and_then(|c| file.dict(c))
        .is_some_and(|c| c.has(b"DSS"));
    if has_dss && report.level == "B-T" {
        report.level = "B-LT".into();
    }
    let mut revoked_before = false;
    if let Some(cert) = &facts.signer {
        let chain = build_chain(cert, &facts.certificates, trust);
        report.trusted = chain.trusted;
        let at = time.unwrap_or(now);
        report.cert_valid_at_signing = chain.path.iter().all(|c| valid_at(c, at));
        let mut crls = dss_crls(file);
        crls.extend(trust.crls.iter().cloned());
        report.revocation = match revocation::check(&chain.path, &crls) {
            Revocation::Good => "good (CRL)".into(),
            Revocation::NotChecked => "not checked".into(),
            Revocation::Revoked { at: when, subject } => {
                // Only a trusted timestamp proves a signature came before
                // the revocation; a claimed time could be written back.
                revoked_before = trusted_stamp.is_none_or(|ts| when <= ts.time);
                format!("revoked ({subject}, {})", vn_time(when))
            }
        };
    }
    if revoked_before {
        report.cert_valid_at_signing = false;
    }
    if !report.covers_whole_file {
        match load_prefix(&bytes[..end]) {
            Some(old) => {
                let level = docmdp.map(|(_, p)| *p);
                let r = review(&old, &file.doc, level);
                report.modified_after = !r.forbidden.is_empty();
                report.later_changes = r.permitted;
                if report.modified_after {
                    report
                        .later_changes
                        .extend(r.forbidden.iter().map(|x| format!("không được phép: {x}")));
                }
            }
            None => report.modified_after = true,
        }
    }
    verdict(report, facts.problem)
}

fn refuse(mut r: SignatureReport, en: &str, vi: &str) -> SignatureReport {
    r.valid = false;
    r.reason = en.into();
    r.reason_vi = vi.into();
    r
}

fn verdict(mut r: SignatureReport, problem: Option<String>) -> SignatureReport {
    let (en, vi): (String, String) = if !r.integrity {
        (
            format!(
                "the document was altered after signing or the signature is broken{}",
                problem.map(|p| format!(" ({p})")).unwrap_or_default()
            ),
            "Văn bản đã bị thay đổi sau khi ký hoặc chữ ký bị hỏng.".into(),
        )
    } else if !r.trusted {
        (
            format!("the signer's certificate ({}) does not chain to a trusted root", r.issuer),
            format!("Chứng thư số của người ký do \"{}\" cấp, không thuộc tổ chức cung cấp dịch vụ chứng thực được tin cậy.", r.issuer),
        )
    } else if !r.cert_valid_at_signing && r.revocation.starts_with("revoked") {
        (
            format!("the certificate was revoked before the signing time could be proven: {}", r.revocation),
            "Chứng thư số đã bị thu hồi trước thời điểm ký (hoặc không có dấu thời gian chứng minh ký trước khi thu hồi).".into(),
        )
    } else if !r.cert_valid_at_signing {
        (
            "the certificate was not valid at the signing time".into(),
            "Chứng thư số không còn hiệu lực tại thời điểm ký.".into(),
        )
    } else if r.modified_after {
        (
            "content a reader sees was changed after this signature".into(),
            "Nội dung văn bản đã bị sửa sau chữ ký này.".into(),
        )
    } else {
        let time = if r.signing_time_source == "timestamp" {
            "time from a trusted time-stamp"
        } else {
            "signing time as claimed by the signer"
        };
        let vi_time = if r.signing_time_source == "timestamp" {
            "thời điểm ký theo dấu thời gian"
        } else {
            "thời điểm ký do người ký khai, chưa có dấu thời gian"
        };
        let vi_rev = if r.revocation.starts_with("good") {
            "chứng thư chưa bị thu hồi (theo CRL)"
        } else if r.revocation.starts_with("revoked") {
            "chứng thư bị thu hồi sau thời điểm ký"
        } else {
            "chưa kiểm tra thu hồi chứng thư"
        };
        (
            format!("valid; {time}; revocation {}", r.revocation),
            format!("Chữ ký hợp lệ; {vi_time}; {vi_rev}."),
        )
    };
    r.valid = r.integrity && r.trusted && r.cert_valid_at_signing && !r.modified_after;
    r.reason = en;
    r.reason_vi = vi;
    r
}
