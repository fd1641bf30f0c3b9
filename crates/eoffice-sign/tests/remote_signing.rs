//! The remote-signing adapter (SmartCA/MySign shape) against an emulator
//! of such a service, written here: it holds the signer's key, shows
//! "pending" while the phone waits, then answers the confirmed signature
//! of the hash. Only the digest travels; the result validates everywhere.

#[path = "common/validators.rs"]
mod validators;

use base64ct::{Base64, Encoding};
use chrono::{TimeZone, Utc};
use eoffice_sign::key::remote_signer::RemoteSigner;
use eoffice_sign::sign_pdf::{sign_pdf, SignOptions, REASON_PERSON};
use eoffice_sign::verify::{verify_pdf, TrustStore};
use eoffice_sign::SignError;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::hazmat::PrehashSigner;
use rsa::signature::SignatureEncoding;
use sha2::Sha256;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use validators::{fixtures, pdfsig_validations, pyhanko_lines};

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap()
}

fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

struct Tx {
    user: String,
    hash: Vec<u8>,
    polls: u32,
}

/// The emulator. Client credentials `eoffice`/`bi-mat-dich-vu`; user
/// `lyvinhquang` confirms after two polls, `tuchoi` declines, `cham`
/// never answers. Every hash it was asked to sign is kept in `seen`.
fn emulator(seen: Arc<Mutex<Vec<Vec<u8>>>>) -> String {
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(
        &String::from_utf8(read("pki/person-ly-vinh-quang.key.pem")).unwrap(),
    )
    .unwrap();
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key);
    let cert = pem_body(&String::from_utf8(read("pki/person-ly-vinh-quang.cert.pem")).unwrap());
    let ca = pem_body(&String::from_utf8(read("pki/ca.cert.pem")).unwrap());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let auth = format!("Basic {}", Base64::encode_string(b"eoffice:bi-mat-dich-vu"));
    std::thread::spawn(move || {
        let mut txs: HashMap<String, Tx> = HashMap::new();
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut r = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            r.read_line(&mut first).unwrap();
            let (mut len, mut authorised) = (0usize, false);
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
                if line.trim_end() == format!("authorization: {auth}")
                    || line.trim_end() == format!("Authorization: {auth}")
                {
                    authorised = true;
                }
            }
            let mut body = vec![0u8; len];
            r.read_exact(&mut body).unwrap();
            let req: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
            let (code, answer) = if !authorised {
                (
                    401,
                    serde_json::json!({"error": "unauthorized", "message": "sai thông tin ứng dụng"}),
                )
            } else if path == "/v1/credentials/info" {
                (
                    200,
                    serde_json::json!({"credential_id": "cred-1", "certificates": [cert, ca]}),
                )
            } else if path == "/v1/signatures/sign" {
                let hash = Base64::decode_vec(req["hash"].as_str().unwrap()).unwrap();
                assert_eq!(hash.len(), 32, "only a SHA-256 digest is sent");
                assert_eq!(req["hash_algorithm"], "SHA-256");
                seen.lock().unwrap().push(hash.clone());
                let id = format!("tx-{n}");
                txs.insert(
                    id.clone(),
                    Tx {
                        user: req["user_id"].as_str().unwrap().into(),
                        hash,
                        polls: 0,
                    },
                );
                (200, serde_json::json!({"transaction_id": id}))
            } else if let Some(id) = path.strip_prefix("/v1/signatures/") {
                match txs.get_mut(id) {
                    None => (404, serde_json::json!({"error": "not_found"})),
                    Some(tx) => {
                        tx.polls += 1;
                        match tx.user.as_str() {
                            "tuchoi" => (200, serde_json::json!({"status": "rejected"})),
                            "cham" => (200, serde_json::json!({"status": "pending"})),
                            _ if tx.polls < 3 => (200, serde_json::json!({"status": "pending"})),
                            _ => {
                                let sig = signer.sign_prehash(&tx.hash).unwrap().to_vec();
                                (
                                    200,
                                    serde_json::json!({"status": "confirmed", "signature": Base64::encode_string(&sig)}),
                                )
                            }
                        }
                    }
                }
            } else {
                (404, serde_json::json!({"error": "not_found"}))
            };
            let body = answer.to_string();
            let head = format!(
                "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    url
}

#[test]
fn a_hash_confirmed_on_the_phone_makes_a_valid_pades_signature() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let url = emulator(seen.clone());
    let mut key = RemoteSigner::connect(&url, "eoffice", "bi-mat-dich-vu", "lyvinhquang").unwrap();
    key.poll_every = Duration::from_millis(20);
    key.description = "Ký Công văn V/v báo cáo".into();
    let at = eoffice_domain::vietnam()
        .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .unwrap();
    let letter = read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf");
    let signed = sign_pdf(letter.clone(), &key, &SignOptions::new(REASON_PERSON, at)).unwrap();
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "one confirmation per signature"
    );
    assert!(!signed.windows(20).any(|w| w == b"BEGIN PRIVATE KEY---"));

    let mut trust = TrustStore::new();
    trust.add_file_bytes(&read("pki/ca.cert.pem")).unwrap();
    let v = verify_pdf(signed.clone(), &trust, Utc::now()).unwrap();
    assert!(v.valid, "{v:#?}");
    assert_eq!(v.signatures[0].signer, "Lý Vinh Quang");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("remote.pdf");
    std::fs::write(&path, &signed).unwrap();
    let lines = pdfsig_validations(&path);
    assert!(
        lines.len() == 1 && lines[0].ends_with("Signature is Valid."),
        "{lines:?}"
    );
    let (ok, report) = pyhanko_lines(&path);
    assert!(ok && report.contains("INTACT:TRUSTED"), "{report}");
}

#[test]
fn declined_late_and_unauthorised_requests_are_named() {
    let url = emulator(Arc::new(Mutex::new(Vec::new())));
    let at = eoffice_domain::vietnam()
        .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .unwrap();
    let letter = read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf");

    let mut no = RemoteSigner::connect(&url, "eoffice", "bi-mat-dich-vu", "tuchoi").unwrap();
    no.poll_every = Duration::from_millis(10);
    assert_eq!(
        sign_pdf(letter.clone(), &no, &SignOptions::new(REASON_PERSON, at)).unwrap_err(),
        SignError::Declined
    );
    let mut slow = RemoteSigner::connect(&url, "eoffice", "bi-mat-dich-vu", "cham").unwrap();
    slow.poll_every = Duration::from_millis(10);
    slow.confirm_within = Duration::from_millis(200);
    assert_eq!(
        sign_pdf(letter, &slow, &SignOptions::new(REASON_PERSON, at)).unwrap_err(),
        SignError::ConfirmTimeout
    );
    assert!(matches!(
        RemoteSigner::connect(&url, "eoffice", "sai", "lyvinhquang"),
        Err(SignError::WrongSecret)
    ));
    assert!(matches!(
        RemoteSigner::connect("http://127.0.0.1:9/v1", "eoffice", "x", "u"),
        Err(SignError::Remote(_))
    ));
    for e in [
        SignError::Declined,
        SignError::ConfirmTimeout,
        SignError::Remote("x".into()),
    ] {
        assert!(!e.message_vi().is_empty());
    }
}
