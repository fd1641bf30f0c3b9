//! PAdES signing and verification against the shared fixtures and the two
//! outside validators the brief names: poppler's `pdfsig` (whose text is
//! read, since it exits 0 even on a digest mismatch) and pyHanko.

#[path = "common/validators.rs"]
mod validators;
use chrono::{DateTime, FixedOffset, Utc};
use eoffice_sign::key::pkcs12_file::Pkcs12Key;
use eoffice_sign::placement;
use eoffice_sign::sign_pdf::{
    sign_pdf, Appearance, BlankField, SignOptions, REASON_AGENCY, REASON_PERSON,
};
use eoffice_sign::verify::{verify_pdf, TrustStore};
use eoffice_sign::SignError;
use std::path::{Path, PathBuf};
use std::process::Command;
use validators::{fixtures, pdfsig_validations, pyhanko_lines};

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn trust() -> TrustStore {
    let mut t = TrustStore::new();
    t.add_file_bytes(&read("pki/ca.cert.pem")).unwrap();
    t
}

fn key(name: &str) -> Pkcs12Key {
    Pkcs12Key::open(&read(&format!("pki/{name}.p12")), "test1234").unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn fixture_verdicts_are_matched_exactly() {
    let index: serde_json::Value = serde_json::from_slice(&read("signed/index.json")).unwrap();
    for item in index.as_array().unwrap() {
        let file = item["file"].as_str().unwrap();
        let v = verify_pdf(read(&format!("signed/{file}")), &trust(), Utc::now()).unwrap();
        let expected_valid = item["expected_verdict"] == "valid";
        assert_eq!(v.valid, expected_valid, "{file}: {v:#?}");
        assert_eq!(
            v.signatures.len() as u64,
            item["signature_count"].as_u64().unwrap(),
            "{file}"
        );
        let cns: Vec<&str> = v.signatures.iter().map(|s| s.signer.as_str()).collect();
        let expected: Vec<&str> = item["signer_cns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(cns, expected, "{file}");
        if !expected_valid {
            assert!(
                v.signatures.iter().any(|s| !s.integrity),
                "{file}: the digest must be caught"
            );
        }
    }
}

#[test]
fn without_the_root_nothing_is_trusted() {
    let v = verify_pdf(
        read("signed/pub02_cv_ubnd_dvc_khan_2018.signed_person.pdf"),
        &TrustStore::new(),
        Utc::now(),
    )
    .unwrap();
    assert!(v.signatures[0].integrity);
    assert!(!v.signatures[0].trusted);
    assert!(!v.valid);
}

/// domain.md §7–§8: the leader signs (image between position and name),
/// then the clerk applies the seal over the left third; both validate in
/// our verifier, pdfsig and pyHanko, and the first is not "modified".
#[test]
fn person_then_agency_validate_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let letter = read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf");
    let sig_png = read("images/signature-ly-vinh-quang.png");
    let seal_png = read("images/seal-ubnd-tinh-lang-son.png");
    let person = key("person-ly-vinh-quang");
    let spot = placement::person_spot(&letter, placement::native_size(480, 190))
        .expect("the signer block of pub02 is found");
    let mut o = SignOptions::new(REASON_PERSON, at("2026-12-02T09:00:00+07:00"));
    o.appearance = Appearance::Image {
        page: spot.0,
        rect: spot.1,
        png: sig_png,
    };
    let signed = sign_pdf(letter.clone(), &person, &o).unwrap();
    assert_eq!(
        &signed[..letter.len()],
        &letter[..],
        "the original bytes stay as they were"
    );

    let file = eoffice_sign::pdf::file::PdfFile::open(signed.clone()).unwrap();
    let seal_spot = placement::seal_spot(
        placement::existing_signature_spot(&file).unwrap(),
        placement::native_size(425, 425),
    );
    let r = seal_spot.1;
    assert!(
        (r[2] - r[0] - 102.0).abs() < 0.5,
        "the seal is 36 mm across: {r:?}"
    );
    let mut o = SignOptions::new(REASON_AGENCY, at("2026-12-02T09:05:00+07:00"));
    o.appearance = Appearance::Image {
        page: seal_spot.0,
        rect: seal_spot.1,
        png: seal_png,
    };
    let both = sign_pdf(signed, &key("org-ubnd-tinh-lang-son"), &o).unwrap();

    let v = verify_pdf(both.clone(), &trust(), Utc::now()).unwrap();
    assert!(v.valid, "{v:#?}");
    assert_eq!(v.signatures[0].signer, "Lý Vinh Quang");
    assert!(!v.signatures[0].covers_whole_file);
    assert!(!v.signatures[0].modified_after);
    assert_eq!(
        v.signatures[0].signing_time.as_deref(),
        Some("2026-12-02T09:00:00+07:00")
    );
    assert_eq!(v.signatures[1].signer, "UBND tỉnh Lạng Sơn");

    let path = write_temp(dir.path(), "both.pdf", &both);
    let lines = pdfsig_validations(&path);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines.iter().all(|l| l.ends_with("Signature is Valid.")),
        "{lines:?}"
    );
    let (ok, text) = pyhanko_lines(&path);
    assert!(ok, "pyHanko: {text}");
    assert_eq!(text.matches("INTACT:TRUSTED").count(), 2, "{text}");
}

/// The number and date are filled after the leader's certification
/// signature (DocMDP P=2): a permitted change, so the leader's signature
/// still validates in pyHanko and in our verifier; a change to the page
/// itself is not.
#[test]
fn number_filled_after_certification_is_a_permitted_change() {
    let dir = tempfile::tempdir().unwrap();
    let letter = read("documents/pub04_kh_ubnd_tp_attt_2023.pdf");
    let mut o = SignOptions::new(REASON_PERSON, at("2026-12-02T10:00:00+07:00"));
    o.certify = Some(2);
    o.add_fields = vec![BlankField {
        name: "SoKyHieu".into(),
        page: 0,
        rect: [90.0, 700.0, 260.0, 716.0],
        font_size: 13.0,
        signature: false,
    }];
    let certified = sign_pdf(letter, &key("person-ly-vinh-quang"), &o).unwrap();
    let mut o = SignOptions::new(REASON_AGENCY, at("2026-12-02T10:30:00+07:00"));
    o.fill = vec![("SoKyHieu".into(), "Số: 45/KH-UBND".into())];
    let issued = sign_pdf(certified.clone(), &key("org-ubnd-tinh-lang-son"), &o).unwrap();

    let v = verify_pdf(issued.clone(), &trust(), Utc::now()).unwrap();
    assert!(v.valid, "{v:#?}");
    assert_eq!(v.signatures[0].certification, Some(2));
    assert!(v.signatures[0]
        .later_changes
        .iter()
        .any(|c| c.contains("SoKyHieu")));
    let path = write_temp(dir.path(), "issued.pdf", &issued);
    let (ok, text) = pyhanko_lines(&path);
    assert!(ok, "pyHanko: {text}");
    assert_eq!(text.matches("INTACT:TRUSTED").count(), 2, "{text}");
    assert!(
        text.contains("EXTENDED_WITH_FORM_FILLING") || text.contains("ACCEPTABLE_MODIFICATIONS"),
        "{text}"
    );

    // Someone appends a new page content stream over page 1: not permitted.
    let file = eoffice_sign::pdf::file::PdfFile::open(certified).unwrap();
    let page = file.pages()[0];
    let mut up = eoffice_sign::pdf::update::Update::new(&file);
    let content = up.add(&lopdf::Object::Stream(lopdf::Stream::new(
        lopdf::Dictionary::new(),
        b"BT /F1 40 Tf 100 400 Td (DA SUA) Tj ET".to_vec(),
    )));
    let mut pd = file.dict(page).unwrap().clone();
    let mut contents = match pd.get(b"Contents").unwrap() {
        lopdf::Object::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    contents.push(lopdf::Object::Reference(content));
    pd.set("Contents", lopdf::Object::Array(contents));
    up.set(page, &lopdf::Object::Dictionary(pd));
    let tampered = up.finish().bytes;
    let v = verify_pdf(tampered.clone(), &trust(), Utc::now()).unwrap();
    assert!(v.signatures[0].integrity);
    assert!(v.signatures[0].modified_after, "{v:#?}");
    assert!(!v.valid);
    let path = write_temp(dir.path(), "tampered.pdf", &tampered);
    let (ok, text) = pyhanko_lines(&path);
    assert!(!ok, "pyHanko must refuse it too: {text}");
    assert!(
        text.contains("ILLEGAL_MODIFICATIONS"),
        "pyHanko agrees: {text}"
    );
}

/// An attachment in its own file: the agency signature without image at
/// the top right of page 1, with the number and the time (Appendix I).
#[test]
fn attachment_stamp_sits_top_right_of_page_one() {
    let letter = read("documents/pub03_qd_ubnd_eoffice_phuluc_2024.pdf");
    let file = eoffice_sign::pdf::file::PdfFile::open(letter.clone()).unwrap();
    let (page, rect) = placement::attachment_stamp_spot(&file);
    let mediabox = file.page_box(file.pages()[0]);
    assert_eq!(page, 0);
    assert!(rect[2] <= mediabox[2] && rect[0] > mediabox[2] / 2.0 && rect[1] > mediabox[3] * 0.9);
    let mut o = SignOptions::new(REASON_AGENCY, at("2026-05-20T14:03:11+07:00"));
    o.appearance = Appearance::Stamp {
        page,
        rect,
        lines: vec![
            "UBND tỉnh Lạng Sơn".into(),
            "Số: 1856/QĐ-UBND".into(),
            "2026-05-20T14:03:11+07:00".into(),
        ],
    };
    let signed = sign_pdf(letter, &key("org-ubnd-tinh-lang-son"), &o).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_temp(dir.path(), "att.pdf", &signed);
    let text = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("2026-05-20T14:03:11+07:00"), "{text}");
    assert!(text.contains("1856/QĐ-UBND"), "{text}");
    assert!(verify_pdf(signed, &trust(), Utc::now()).unwrap().valid);
}

/// Trust comes from the chain, never from a name: a CA made with the
/// fixture CA's exact name, and a leaf with the signer's exact name, are
/// untrusted.
#[test]
fn a_self_made_ca_with_the_right_name_is_untrusted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sh = |args: &[&str]| {
        let st = Command::new("openssl")
            .args(args)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(
            st.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&st.stderr)
        );
    };
    sh(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "3650",
        "-subj",
        "/C=VN/O=eOffice test/CN=Test CA Ban Co yeu (TEST ONLY)",
    ]);
    sh(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-utf8",
        "-subj",
        "/C=VN/O=eOffice test/OU=UBND tỉnh Lạng Sơn/CN=Lý Vinh Quang",
    ]);
    sh(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-out",
        "leaf.pem",
        "-days",
        "365",
        "-set_serial",
        "7",
    ]);
    sh(&[
        "pkcs12",
        "-export",
        "-inkey",
        "leaf.key",
        "-in",
        "leaf.pem",
        "-certfile",
        "ca.pem",
        "-out",
        "leaf.p12",
        "-passout",
        "pass:test1234",
    ]);
    let fake = Pkcs12Key::open(&std::fs::read(d.join("leaf.p12")).unwrap(), "test1234").unwrap();
    let o = SignOptions::new(REASON_PERSON, at("2026-12-02T09:00:00+07:00"));
    let signed = sign_pdf(read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"), &fake, &o).unwrap();
    let v = verify_pdf(signed, &trust(), Utc::now()).unwrap();
    assert_eq!(v.signatures[0].signer, "Lý Vinh Quang");
    assert!(v.signatures[0].integrity);
    assert!(!v.signatures[0].trusted, "{v:#?}");
    assert!(!v.valid);
}

#[test]
fn a_wrong_password_is_refused_and_named() {
    let e = Pkcs12Key::open(&read("pki/person-ly-vinh-quang.p12"), "wrong").unwrap_err();
    assert_eq!(e, SignError::WrongSecret);
    assert!(e.message_vi().contains("Sai mật khẩu"));
    assert!(matches!(
        Pkcs12Key::open(b"not a p12", "x"),
        Err(SignError::BadKeyFile(_))
    ));
}

/// 1,000 mutated copies of a signed PDF: each gives a verdict or a clear
/// error, never a crash, and none mutated inside the byte range is valid.
#[test]
fn a_thousand_mutations_never_crash_and_never_pass() {
    let signed = read("signed/pub02_cv_ubnd_dvc_khan_2018.signed_person.pdf");
    let base = verify_pdf(signed.clone(), &trust(), Utc::now()).unwrap();
    assert!(base.valid);
    // The byte range of the fixture's one signature, read from the file.
    let text = String::from_utf8_lossy(&signed);
    let at = text.find("/ByteRange").unwrap();
    let nums: Vec<usize> = text[at + 10..]
        .trim_start()
        .trim_start_matches('[')
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(4)
        .map(|s| s.parse().unwrap())
        .collect();
    let (a, b, c) = (nums[1], nums[2], nums[3]);
    let mut seed: u64 = 0x5eed_2026;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let (mut verdicts, mut errors) = (0, 0);
    for i in 0..1000 {
        let mut m = signed.clone();
        let flips = 1 + next() % 4;
        for _ in 0..flips {
            // Inside the signed range: before the Contents or after it.
            let pos = if next() % 2 == 0 {
                next() % a
            } else {
                b + next() % c
            };
            let old = m[pos];
            m[pos] = old ^ (1 + (next() % 255) as u8);
        }
        match verify_pdf(m, &trust(), Utc::now()) {
            Ok(v) => {
                verdicts += 1;
                assert!(!v.valid, "mutation {i} was called valid");
            }
            Err(e) => {
                errors += 1;
                assert!(!e.message_vi().is_empty());
            }
        }
    }
    assert_eq!(verdicts + errors, 1000);
    assert!(
        verdicts > 100,
        "most mutations still parse and must be judged: {verdicts}"
    );
}
