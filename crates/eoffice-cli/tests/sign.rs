//! `eoffice sign` and `eoffice verify` as scripts call them (issue 8's
//! exact forms): the password from stdin, the JSON names of the contract,
//! exit 1 when a signature is not valid, errors in English and Vietnamese.

mod common;

use common::{fx, json};
use std::path::Path;
use std::process::Output;

fn run(args: &[&str], stdin: &str) -> Output {
    common::eoffice(None, args, stdin)
}

fn sign(input: &str, out: &Path, p12: &str, role: &str, image: &str) -> Output {
    run(
        &[
            "sign",
            input,
            "--out",
            out.to_str().unwrap(),
            "--p12",
            &fx(p12),
            "--as",
            role,
            "--image",
            &fx(image),
            "--json",
        ],
        "test1234\n",
    )
}

#[test]
fn sign_as_person_then_agency_and_verify_with_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let person = dir.path().join("person.pdf");
    let o = sign(
        &fx("documents/pub07_ttr_stttt_dvc_q_gd_2019.pdf"),
        &person,
        "pki/person-ly-vinh-quang.p12",
        "person",
        "images/signature-ly-vinh-quang.png",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j = json(&o);
    assert_eq!(j["Signer"], "Lý Vinh Quang");
    assert_eq!(j["Role"], "person");
    assert!(j["Page"].as_u64().unwrap() >= 1);
    let both = dir.path().join("both.pdf");
    let o = sign(
        person.to_str().unwrap(),
        &both,
        "pki/org-ubnd-tinh-lang-son.p12",
        "agency",
        "images/seal-ubnd-tinh-lang-son.png",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let o = run(
        &[
            "verify",
            both.to_str().unwrap(),
            "--trust",
            &fx("pki/ca.cert.pem"),
            "--json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["Valid"], true);
    let sigs = v["Signatures"].as_array().unwrap();
    assert_eq!(sigs.len(), 2);
    for key in [
        "Signer",
        "Issuer",
        "SigningTime",
        "Integrity",
        "Trusted",
        "CertValidAtSigning",
        "ModifiedAfter",
        "Valid",
        "Reason",
    ] {
        assert!(sigs[0].get(key).is_some(), "missing {key}: {}", sigs[0]);
    }
    assert_eq!(sigs[0]["Signer"], "Lý Vinh Quang");
    assert_eq!(sigs[1]["Signer"], "UBND tỉnh Lạng Sơn");
    assert!(sigs[0]["SigningTime"].as_str().unwrap().ends_with("+07:00"));

    // Without the root the same file is not valid, and the exit says so.
    let o = run(&["verify", both.to_str().unwrap(), "--json"], "");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["Signatures"][0]["Trusted"], false);
}

#[test]
fn the_tampered_fixture_fails_verification() {
    let o = run(
        &[
            "verify",
            &fx("signed/pub02_cv_ubnd_dvc_khan_2018.signed_person.tampered.pdf"),
            "--trust",
            &fx("pki/ca.cert.pem"),
            "--json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["Valid"], false);
    assert_eq!(v["Signatures"][0]["Integrity"], false);
}

#[test]
fn a_wrong_password_or_a_broken_file_is_a_bilingual_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    let o = run(
        &[
            "sign",
            &fx("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"),
            "--out",
            out.to_str().unwrap(),
            "--p12",
            &fx("pki/person-ly-vinh-quang.p12"),
            "--json",
        ],
        "sai-mat-khau\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("wrong password") && err.contains("Sai mật khẩu"),
        "{err}"
    );
    assert_eq!(json(&o)["error"]["code"], "signing");
    assert!(!out.exists());

    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage").unwrap();
    let o = run(&["verify", broken.to_str().unwrap(), "--json"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("error:") && err.contains("lỗi:"), "{err}");
    assert_eq!(json(&o)["error"]["code"], "unreadable_pdf");
}

/// The benchmark of issue 8 runs once, tiny, so its code cannot rot; its
/// figures are measured with `eoffice bench sign` in release builds.
#[test]
fn the_signing_benchmark_runs_and_prints_every_line() {
    let o = run(
        &[
            "bench",
            "sign",
            "--person",
            &fx("pki/person-ly-vinh-quang.p12"),
            "--agency",
            &fx("pki/org-ubnd-tinh-lang-son.p12"),
            "--ca",
            &fx("pki/ca.cert.pem"),
            "--image",
            &fx("images/signature-ly-vinh-quang.png"),
            "--seal",
            &fx("images/seal-ubnd-tinh-lang-son.png"),
            "--rounds",
            "1",
            "--big-mb",
            "1",
            "--batch",
            "2",
        ],
        "test1234\n",
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for line in [
        "sign as the person",
        "verify (2 signatures)",
        "(placed)",
        "ratio sign/SHA-256",
        "batch of 2 drafts with one PKCS#12 key",
    ] {
        assert!(out.contains(line), "{line:?} missing from:\n{out}");
    }
    assert!(out.contains(", 0 failed"), "{out}");
}
