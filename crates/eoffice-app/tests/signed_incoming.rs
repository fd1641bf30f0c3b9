//! A signed incoming PDF is verified at intake and the verdict is kept with
//! the document from its registration (issue 8, domain.md §6 step 1, §8):
//! trust comes from the roots the agency configured, and a tampered file
//! is never called valid.

mod common;

use common::{new_agency, req};
use std::path::PathBuf;

fn signed(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/signed")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn ca() -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/pki/ca.cert.pem"),
    )
    .unwrap()
}

#[test]
fn the_verdict_is_shown_at_intake_and_kept_with_the_document_section_8() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let person = signed("pub02_cv_ubnd_dvc_khan_2018.signed_person.pdf");

    // No root configured yet: the signature is intact but not trusted.
    let r = app.intake(&person, Some("a.pdf")).unwrap();
    let b = r.signatures.expect("a signed PDF gets a badge");
    assert_eq!(b.verdict, "untrusted");
    assert_eq!(b.signers, ["Lý Vinh Quang"]);

    let roots = app.add_trust_roots("admin", "ca.cert.pem", &ca()).unwrap();
    assert_eq!(roots.len(), 1);
    assert_eq!(
        app.add_trust_roots("admin", "ca.cert.pem", &ca())
            .unwrap()
            .len(),
        1,
        "added once"
    );
    assert!(app
        .add_trust_roots("admin", "x.pem", b"not a certificate")
        .is_err());

    let doc = app
        .register_incoming(&person, &req("a.pdf", "2026-12-01"))
        .unwrap();
    assert_eq!(doc.signatures.as_ref().unwrap().verdict, "valid");
    let detail = app.show_incoming("văn thư", &doc.id).unwrap();
    let kept = detail.document.signatures.unwrap();
    assert_eq!(kept.verdict, "valid");
    assert_eq!(kept.label, "Chữ ký số hợp lệ");

    let both = signed("pub03_qd_ubnd_eoffice_phuluc_2024.signed_person_org.pdf");
    let doc = app
        .register_incoming(&both, &req("b.pdf", "2026-12-01"))
        .unwrap();
    let b = doc.signatures.unwrap();
    assert_eq!((b.verdict.as_str(), b.count), ("valid", 2));
    assert_eq!(b.signers, ["Lý Vinh Quang", "UBND tỉnh Lạng Sơn"]);

    let tampered = signed("pub02_cv_ubnd_dvc_khan_2018.signed_person.tampered.pdf");
    let r = app.intake(&tampered, Some("c.pdf")).unwrap();
    assert_eq!(r.signatures.unwrap().verdict, "invalid");

    // An unsigned letter has no badge at all.
    let plain = common::fixture("pub04_kh_ubnd_tp_attt_2023.pdf");
    assert!(app
        .intake(&plain, Some("d.pdf"))
        .unwrap()
        .signatures
        .is_none());
}
