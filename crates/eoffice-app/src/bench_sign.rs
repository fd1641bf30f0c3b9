//! Measurements of issue 8 (printed by `eoffice bench sign`, never timed
//! in tests): signing a two-page letter as the person and then as the
//! agency and verifying each; signing a 10 MB PDF against one SHA-256 pass
//! over it; a batch of 100 approved drafts signed with one PKCS#12 key
//! through the whole use case (blob, event, state).

use crate::bench::Stats;
use crate::signing_key::{unlock, KeySource};
use crate::{AppResult, DraftInput, Eoffice, FixedClock, NewUser, OutgoingQueue};
use chrono::Utc;
use eoffice_pdf::letter_pdf::{render_letter, Letter};
use eoffice_sign::sign_pdf::{sign_pdf, SignOptions, REASON_AGENCY, REASON_PERSON};
use eoffice_sign::verify::{verify_pdf, TrustStore};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::{Duration, Instant};

pub struct SignFigures {
    pub letter_pages: usize,
    pub person: Stats,
    pub verify_person: Stats,
    pub agency: Stats,
    pub verify_both: Stats,
    pub big_bytes: usize,
    pub sha256_pass: Stats,
    pub big_sign: Stats,
    pub batch_docs: usize,
    pub batch: Duration,
    pub batch_failed: u32,
    /// Through `sign_file` with the images, placed from the layout.
    pub placed: Option<(Stats, Stats)>,
}

pub(crate) const PARAGRAPH: &str = "Các cơ quan, đơn vị rà soát quy trình tiếp nhận, xử lý văn bản đến và phát hành văn bản đi trên hệ thống quản lý văn bản điện tử, bảo đảm thời hạn xử lý, thể thức và kỹ thuật trình bày theo Nghị định số 30/2020/NĐ-CP.";

/// The two-page letter every figure signs.
pub fn two_page_letter() -> Vec<u8> {
    let body = [PARAGRAPH; 14];
    render_letter(&Letter {
        organ: "Ủy ban nhân dân tỉnh Lạng Sơn",
        symbol_tail: "/UBND-VP",
        place: "Lạng Sơn",
        year: 2026,
        subject: "V/v triển khai ký số văn bản đi",
        addressed_to: Some("Các sở, ban, ngành tỉnh"),
        body: &body,
        position: "CHỦ TỊCH",
        signer: "Hoàng Văn Minh",
        recipients: &["Như trên"],
        ..Default::default()
    })
}

/// A valid PDF of about `bytes` bytes: one page and an incompressible
/// stream, the way a scan-heavy attachment weighs.
pub fn big_pdf(bytes: usize) -> Vec<u8> {
    let mut filler = vec![0u8; bytes];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for b in filler.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> >>".to_vec(),
        {
            let mut s = format!(
                "<< /Type /XObject /Subtype /Image /Width 1 /Height {} /BitsPerComponent 8 /ColorSpace /DeviceGray /Length {} >>\nstream\n",
                bytes, bytes
            )
            .into_bytes();
            s.extend(&filler);
            s.extend(b"\nendstream");
            s
        },
    ];
    eoffice_pdf::book_pdf::assemble_pdf(&objs)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

/// What `eoffice bench sign` measures with.
#[derive(Clone, Copy)]
pub struct SignBench<'a> {
    pub person_p12: &'a [u8],
    pub agency_p12: &'a [u8],
    pub password: &'a str,
    pub ca: &'a [u8],
    pub rounds: usize,
    pub big_bytes: usize,
    pub batch_docs: usize,
    /// The signature and the seal image, to time the placed appearances.
    pub images: Option<(&'a [u8], &'a [u8])>,
    pub work: &'a Path,
}

pub fn sign_figures(b: &SignBench<'_>) -> AppResult<SignFigures> {
    let SignBench {
        person_p12,
        agency_p12,
        password,
        ca,
        rounds,
        big_bytes,
        batch_docs,
        images,
        work,
    } = *b;
    let person = unlock(KeySource::Pkcs12 { bytes: person_p12 }, password)?;
    let agency = unlock(KeySource::Pkcs12 { bytes: agency_p12 }, password)?;
    let mut trust = TrustStore::new();
    trust
        .add_file_bytes(ca)
        .map_err(|e| crate::AppError::invalid("Chứng thư gốc không đọc được.", e))?;
    let now = {
        use crate::Clock;
        use chrono::Timelike;
        crate::SystemClock
            .now()
            .with_nanosecond(0)
            .expect("0 ns is valid")
    };
    let letter = two_page_letter();
    let letter_pages = eoffice_pdf::extract_layout(&letter, Default::default())?.page_count;
    let (mut p, mut vp, mut a, mut va) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (signed, t) = timed(|| {
            sign_pdf(
                letter.clone(),
                person.key.as_ref(),
                &SignOptions::new(REASON_PERSON, now),
            )
        });
        let signed = signed?;
        p.push(t);
        let (v, t) = timed(|| verify_pdf(signed.clone(), &trust, Utc::now()));
        assert!(v?.valid, "the benchmark signs valid PDFs");
        vp.push(t);
        let (both, t) = timed(|| {
            sign_pdf(
                signed.clone(),
                agency.key.as_ref(),
                &SignOptions::new(REASON_AGENCY, now),
            )
        });
        let both = both?;
        a.push(t);
        let (v, t) = timed(|| verify_pdf(both.clone(), &trust, Utc::now()));
        assert!(v?.valid, "the benchmark signs valid PDFs");
        va.push(t);
    }
    let placed = match images {
        None => None,
        Some((signature, seal)) => {
            use crate::sign_file::{sign_file, SignAs, SignFileRequest};
            let (mut ps, mut ag) = (Vec::new(), Vec::new());
            for _ in 0..rounds {
                let (one, t) = timed(|| {
                    sign_file(SignFileRequest {
                        pdf: letter.clone(),
                        key: person.key.as_ref(),
                        role: SignAs::Person,
                        image: Some(signature.to_vec()),
                        time: now,
                        leave_issue_fields: true,
                        fill: Vec::new(),
                        tsa: None,
                        crls: Vec::new(),
                    })
                });
                ps.push(t);
                let one = one?;
                let (two, t) = timed(|| {
                    sign_file(SignFileRequest {
                        pdf: one.pdf,
                        key: agency.key.as_ref(),
                        role: SignAs::Agency,
                        image: Some(seal.to_vec()),
                        time: now,
                        leave_issue_fields: false,
                        fill: vec![("SoKyHieu".into(), "Số: 01/UBND-VP".into())],
                        tsa: None,
                        crls: Vec::new(),
                    })
                });
                two?;
                ag.push(t);
            }
            Some((Stats::of(ps), Stats::of(ag)))
        }
    };
    let big = big_pdf(big_bytes);
    let (mut sha, mut bs) = (Vec::new(), Vec::new());
    for _ in 0..rounds.clamp(1, 10) {
        let (_, t) = timed(|| Sha256::digest(&big));
        sha.push(t);
        let (s, t) = timed(|| {
            sign_pdf(
                big.clone(),
                person.key.as_ref(),
                &SignOptions::new(REASON_PERSON, now),
            )
        });
        s?;
        bs.push(t);
    }
    // The batch: an agency with a signer and an author, `batch_docs`
    // approved drafts, then one `sign_outgoing_batch`.
    let _ = std::fs::remove_dir_all(work);
    let mut app = Eoffice::open(work, Box::new(FixedClock(now)))?;
    app.init_agency(
        "qt",
        "000.00.00.H37",
        "UBND tỉnh Lạng Sơn",
        Some("UBND"),
        Some("Lạng Sơn"),
    )?;
    app.add_unit("", "VP", "Văn phòng")?;
    for (u, role, unit) in [
        ("qt", "admin", None),
        ("ld", "leader", None),
        ("tp", "unit_head", Some("VP")),
    ] {
        app.add_user(
            "qt",
            NewUser {
                username: u,
                full_name: u,
                role,
                unit,
                password: "bench-2026",
            },
        )?;
    }
    for i in 0..batch_docs {
        let d = app.draft_outgoing(
            "tp",
            "du-thao.pdf",
            &letter,
            &DraftInput {
                doc_type: "CV".into(),
                subject: format!("V/v văn bản thử {i}"),
                signer: Some("ld".into()),
                ..Default::default()
            },
        )?;
        app.submit_outgoing("tp", &d.id)?;
        app.approve_outgoing("ld", &d.id)?;
    }
    let ids: Vec<String> = app
        .list_outgoing("ld", OutgoingQueue::ToSign)?
        .into_iter()
        .map(|d| d.id)
        .collect();
    let (r, batch) =
        timed(|| app.sign_outgoing_batch("ld", &ids, person.key.as_ref(), None, None, &mut |_| {}));
    let r = r?;
    Ok(SignFigures {
        letter_pages,
        person: Stats::of(p),
        verify_person: Stats::of(vp),
        agency: Stats::of(a),
        verify_both: Stats::of(va),
        big_bytes: big.len(),
        sha256_pass: Stats::of(sha),
        big_sign: Stats::of(bs),
        batch_docs: ids.len(),
        batch,
        batch_failed: r.failed,
        placed,
    })
}
