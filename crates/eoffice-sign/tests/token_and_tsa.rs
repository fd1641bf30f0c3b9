//! Keys on a real PKCS#11 token (SoftHSM2, as the Government CA's USB
//! tokens speak it) and PAdES B-T with a real RFC 3161 authority (OpenSSL's
//! `ts` behind a small HTTP server in this test). Each signature is checked
//! by our verifier, pdfsig and pyHanko.
//!
//! One test function per resource: SoftHSM2 reads its configuration from
//! the environment once per process.

#[path = "common/validators.rs"]
mod validators;

use chrono::{TimeZone, Utc};
use cryptoki::context::{CInitializeArgs, Pkcs11};
use cryptoki::object::{Attribute, CertificateType, ObjectClass};
use cryptoki::session::UserType;
use cryptoki::types::AuthPin;
use eoffice_sign::cms_signature::TimeStamper;
use eoffice_sign::key::pkcs11_token::Pkcs11Key;
use eoffice_sign::key::pkcs12_file::Pkcs12Key;
use eoffice_sign::sign_pdf::{sign_pdf, SignOptions, REASON_AGENCY, REASON_PERSON};
use eoffice_sign::tsa_client::HttpTimeStamper;
use eoffice_sign::verify::{verify_pdf, TrustStore};
use eoffice_sign::{SignError, SignerKey};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use validators::{fixtures, pdfsig_validations, pyhanko_lines};

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const PIN: &str = "246810";

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).unwrap()
}

fn trust() -> TrustStore {
    let mut t = TrustStore::new();
    t.add_file_bytes(&read("pki/ca.cert.pem")).unwrap();
    t
}

fn pem_to_der(pem: &[u8]) -> Vec<u8> {
    let out = Command::new("openssl")
        .args(["x509", "-outform", "DER"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(pem)?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

fn softhsm(conf: &Path, args: &[&str]) -> String {
    let out = Command::new("softhsm2-util")
        .env("SOFTHSM2_CONF", conf)
        .args(args)
        .output()
        .expect("softhsm2-util runs (scripts/setup.sh installs softhsm2)");
    assert!(
        out.status.success(),
        "softhsm2-util {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A token holding one fixture key (imported, never exported again) and its
/// certificate, stored through PKCS#11 itself. Returns the slot id.
fn token(conf: &Path, label: &str, who: &str) -> u64 {
    let out = softhsm(
        conf,
        &[
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            PIN,
            "--so-pin",
            "13579135",
        ],
    );
    let slot: u64 = out
        .split_whitespace()
        .last()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("slot in {out:?}"));
    let key = fixtures().join(format!("pki/{who}.key.pem"));
    softhsm(
        conf,
        &[
            "--import",
            key.to_str().unwrap(),
            "--token",
            label,
            "--label",
            "signer",
            "--id",
            "0a01",
            "--pin",
            PIN,
        ],
    );
    let cert = pem_to_der(&read(&format!("pki/{who}.cert.pem")));
    let subject = {
        use der::{Decode, Encode};
        x509_cert::Certificate::from_der(&cert)
            .unwrap()
            .tbs_certificate
            .subject
            .to_der()
            .unwrap()
    };
    let ctx = Pkcs11::new(MODULE).unwrap();
    ctx.initialize(CInitializeArgs::OsThreads).unwrap();
    let s = ctx
        .get_slots_with_token()
        .unwrap()
        .into_iter()
        .find(|s| s.id() == slot)
        .unwrap();
    let session = ctx.open_rw_session(s).unwrap();
    session
        .login(UserType::User, Some(&AuthPin::new(PIN.into())))
        .unwrap();
    session
        .create_object(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
            Attribute::Token(true),
            Attribute::Id(vec![0x0a, 0x01]),
            Attribute::Label(b"signer".to_vec()),
            Attribute::Subject(subject),
            Attribute::Value(cert),
        ])
        .unwrap();
    drop(session);
    ctx.finalize();
    slot
}

fn check_everywhere(dir: &Path, name: &str, pdf: &[u8], signatures: usize) -> String {
    let v = verify_pdf(pdf.to_vec(), &trust(), Utc::now()).unwrap();
    assert!(v.valid, "{v:#?}");
    assert_eq!(v.signatures.len(), signatures);
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    let lines = pdfsig_validations(&path);
    assert_eq!(lines.len(), signatures, "{lines:?}");
    assert!(
        lines.iter().all(|l| l.ends_with("Signature is Valid.")),
        "{lines:?}"
    );
    let (ok, text) = pyhanko_lines(&path);
    assert!(ok, "pyHanko: {text}");
    let verdicts = text
        .lines()
        .filter(|l| l.contains(":INTACT:TRUSTED"))
        .count();
    assert_eq!(verdicts, signatures, "{text}");
    text
}

#[test]
fn signing_on_a_pkcs11_token_softhsm2() {
    let tmp = tempfile::tempdir().unwrap();
    let conf = tmp.path().join("softhsm2.conf");
    std::fs::create_dir(tmp.path().join("tokens")).unwrap();
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n",
            tmp.path().display()
        ),
    )
    .unwrap();
    // The library reads it at C_Initialize; no other test here uses it.
    std::env::set_var("SOFTHSM2_CONF", &conf);
    let person_slot = token(&conf, "person", "person-ly-vinh-quang");
    let agency_slot = token(&conf, "agency", "org-ubnd-tinh-lang-son");

    // A wrong PIN is refused and named; the token is not locked by one try.
    match Pkcs11Key::open(Path::new(MODULE), person_slot, "000000") {
        Err(SignError::WrongSecret) => {}
        Err(e) => panic!("wrong PIN gave {e}"),
        Ok(_) => panic!("a wrong PIN opened the token"),
    }
    assert!(matches!(
        Pkcs11Key::open(Path::new(MODULE), 999_999, PIN),
        Err(SignError::Token(_))
    ));

    // One login, three documents: the PIN is asked once for a batch.
    let person = Pkcs11Key::open(Path::new(MODULE), person_slot, PIN).unwrap();
    assert_eq!(person.token_label, "person");
    let at = eoffice_domain::vietnam()
        .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .unwrap();
    let letters = [
        "documents/pub02_cv_ubnd_dvc_khan_2018.pdf",
        "documents/pub04_kh_ubnd_tp_attt_2023.pdf",
        "documents/pub07_ttr_stttt_dvc_q_gd_2019.pdf",
    ];
    let mut signed = Vec::new();
    for l in letters {
        signed.push(sign_pdf(read(l), &person, &SignOptions::new(REASON_PERSON, at)).unwrap());
    }
    // The same key as the PKCS#12 file: the token holds the fixture key.
    let p12 = Pkcs12Key::open(&read("pki/person-ly-vinh-quang.p12"), "test1234").unwrap();
    assert_eq!(person.certificate(), p12.certificate());
    drop(person);

    // ECDSA P-256 on the agency's token: CKM_ECDSA's r‖s becomes DER.
    let agency = Pkcs11Key::open(Path::new(MODULE), agency_slot, PIN).unwrap();
    let both = sign_pdf(
        signed[0].clone(),
        &agency,
        &SignOptions::new(REASON_AGENCY, at),
    )
    .unwrap();
    check_everywhere(tmp.path(), "both.pdf", &both, 2);
    for (i, pdf) in signed.iter().enumerate().skip(1) {
        check_everywhere(tmp.path(), &format!("p{i}.pdf"), pdf, 1);
    }
    // Slots are found by position too (`--slot 0`).
    let first = Pkcs11Key::open(Path::new(MODULE), 0, PIN).unwrap();
    assert!(["person", "agency"].contains(&first.token_label.as_str()));
}

/// A TSA made for this test: a key and certificate issued by the fixture
/// CA (so it is trusted like the signers), OpenSSL answering queries.
fn tsa_files(dir: &Path) -> PathBuf {
    let ca_cert = fixtures().join("pki/ca.cert.pem");
    let ca_key = fixtures().join("pki/ca.key.pem");
    let run = |args: &[&str]| {
        let o = Command::new("openssl")
            .current_dir(dir)
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    std::fs::write(
        dir.join("ext.cnf"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n",
    )
    .unwrap();
    run(&[
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "tsa.key",
        "-subj",
        "/C=VN/O=eOffice test/CN=eOffice Test TSA",
        "-out",
        "tsa.csr",
    ]);
    run(&[
        "x509",
        "-req",
        "-in",
        "tsa.csr",
        "-CA",
        ca_cert.to_str().unwrap(),
        "-CAkey",
        ca_key.to_str().unwrap(),
        // The serial file goes here, never beside the shared fixture CA.
        "-CAcreateserial",
        "-CAserial",
        "ca.srl",
        "-days",
        "30",
        "-sha256",
        "-extfile",
        "ext.cnf",
        "-out",
        "tsa.crt",
    ]);
    std::fs::copy(&ca_cert, dir.join("ca.pem")).unwrap();
    std::fs::write(dir.join("tsaserial"), "01\n").unwrap();
    let cnf = dir.join("ts.cnf");
    std::fs::write(
        &cnf,
        format!(
            "[ tsa ]\ndefault_tsa = t\n[ t ]\ndir = {d}\nserial = $dir/tsaserial\ncrypto_device = builtin\nsigner_cert = $dir/tsa.crt\ncerts = $dir/ca.pem\nsigner_key = $dir/tsa.key\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\nordering = yes\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
            d = dir.display()
        ),
    )
    .unwrap();
    cnf
}

/// Serves RFC 3161 over HTTP: each POST body goes to `openssl ts -reply`.
/// `garbage` answers 200 with bytes that are not a response.
fn serve_tsa(cnf: PathBuf, garbage: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tsa", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0u8; len];
            reader.read_exact(&mut body).unwrap();
            let dir = cnf.parent().unwrap();
            let q = dir.join(format!("q{n}.tsq"));
            let r = dir.join(format!("r{n}.tsr"));
            std::fs::write(&q, &body).unwrap();
            let reply = if garbage {
                b"this is not a time-stamp response".to_vec()
            } else {
                let o = Command::new("openssl")
                    .args(["ts", "-reply", "-config"])
                    .arg(&cnf)
                    .arg("-queryfile")
                    .arg(&q)
                    .arg("-out")
                    .arg(&r)
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                std::fs::read(&r).unwrap()
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reply.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&reply);
        }
    });
    url
}

#[test]
fn pades_b_t_with_a_local_rfc3161_authority() {
    let tmp = tempfile::tempdir().unwrap();
    let cnf = tsa_files(tmp.path());
    let url = serve_tsa(cnf.clone(), false);
    let tsa = HttpTimeStamper::new(&url).unwrap();
    let key = Pkcs12Key::open(&read("pki/person-ly-vinh-quang.p12"), "test1234").unwrap();
    // The claimed time is a day off: the verifier must take the token's.
    let claimed = eoffice_domain::vietnam()
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .unwrap();
    let mut o = SignOptions::new(REASON_PERSON, claimed);
    o.tsa = Some(&tsa as &dyn TimeStamper);
    let letter = read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf");
    let before = Utc::now() - chrono::Duration::seconds(5);
    let signed = sign_pdf(letter, &key, &o).unwrap();
    let v = verify_pdf(signed.clone(), &trust(), Utc::now()).unwrap();
    let s = &v.signatures[0];
    assert_eq!(s.level, "B-T");
    assert_eq!(s.signing_time_source, "timestamp");
    let stamped = chrono::DateTime::parse_from_rfc3339(s.signing_time.as_deref().unwrap()).unwrap();
    assert!(
        stamped >= before && stamped <= Utc::now() + chrono::Duration::seconds(5),
        "{stamped}"
    );
    let report = check_everywhere(tmp.path(), "bt.pdf", &signed, 1);
    assert!(
        report.contains("TIMESTAMP_TOKEN<INTACT:TRUSTED>"),
        "{report}"
    );

    // Without the CA that issued the TSA, its token dates nothing.
    let mut other = TrustStore::new();
    other
        .add_file_bytes(&read("pki/org-ubnd-tinh-lang-son.cert.pem"))
        .unwrap();
    let v = verify_pdf(signed, &other, Utc::now()).unwrap();
    assert_ne!(v.signatures[0].signing_time_source, "timestamp");

    // A TSA answering nonsense: a clear error, and no file is produced.
    let bad = HttpTimeStamper::new(&serve_tsa(cnf, true)).unwrap();
    let mut o = SignOptions::new(REASON_PERSON, claimed);
    o.tsa = Some(&bad as &dyn TimeStamper);
    match sign_pdf(read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"), &key, &o) {
        Err(SignError::Tsa(_)) => {}
        other => panic!("expected a TSA error, got {:?}", other.map(|b| b.len())),
    }
    // Nobody listening.
    let gone = HttpTimeStamper::new("http://127.0.0.1:9/tsa").unwrap();
    let mut o = SignOptions::new(REASON_PERSON, claimed);
    o.tsa = Some(&gone as &dyn TimeStamper);
    assert!(matches!(
        sign_pdf(read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"), &key, &o),
        Err(SignError::Tsa(_))
    ));
    assert!(HttpTimeStamper::new("ftp://x").is_err());

    // From inside an async runtime, as the desktop's commands call it: a
    // blocking HTTP client built there would panic.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let again = tmp.path().join("again");
    std::fs::create_dir(&again).unwrap();
    let url2 = serve_tsa(tsa_files(&again), false);
    let signed = rt.block_on(async {
        let tsa = HttpTimeStamper::new(&url2).unwrap();
        let mut o = SignOptions::new(REASON_PERSON, claimed);
        o.tsa = Some(&tsa as &dyn TimeStamper);
        sign_pdf(read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"), &key, &o)
    });
    assert!(signed.is_ok(), "{signed:?}");
}

/// An OpenSSL CA over the fixture CA's own key and certificate, to issue
/// CRLs as the Government CA would.
fn crl_ca(dir: &Path) -> impl Fn(&[&str]) {
    std::fs::write(dir.join("index.txt"), "").unwrap();
    std::fs::write(dir.join("crlnumber"), "1000\n").unwrap();
    std::fs::write(
        dir.join("ca.cnf"),
        format!(
            "[ ca ]\ndefault_ca = c\n[ c ]\ndir = {d}\ndatabase = $dir/index.txt\ncrlnumber = $dir/crlnumber\ncertificate = {cert}\nprivate_key = {key}\ndefault_md = sha256\ndefault_crl_days = 30\n",
            d = dir.display(),
            cert = fixtures().join("pki/ca.cert.pem").display(),
            key = fixtures().join("pki/ca.key.pem").display(),
        ),
    )
    .unwrap();
    let dir = dir.to_path_buf();
    move |args: &[&str]| {
        let o = Command::new("openssl")
            .current_dir(&dir)
            .arg("ca")
            .args(["-config", "ca.cnf", "-batch"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "openssl ca {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn pades_b_lt_with_a_local_crl_then_a_revocation() {
    use eoffice_sign::dss::{add_dss, chain_der};
    let tmp = tempfile::tempdir().unwrap();
    let ca = crl_ca(tmp.path());
    ca(&["-gencrl", "-out", "good.crl"]);
    let good = std::fs::read(tmp.path().join("good.crl")).unwrap();
    let good_der = eoffice_sign::verify::revocation::parse_crls(&good).unwrap();
    assert_eq!(good_der.len(), 1);

    let tsa_dir = tmp.path().join("tsa");
    std::fs::create_dir(&tsa_dir).unwrap();
    let tsa = HttpTimeStamper::new(&serve_tsa(tsa_files(&tsa_dir), false)).unwrap();
    let key = Pkcs12Key::open(&read("pki/person-ly-vinh-quang.p12"), "test1234").unwrap();
    let now = eoffice_domain::vietnam().from_utc_datetime(&Utc::now().naive_utc());
    let mut o = SignOptions::new(REASON_PERSON, now);
    o.tsa = Some(&tsa as &dyn TimeStamper);
    let bt = sign_pdf(read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"), &key, &o).unwrap();
    let crl_der = {
        use der::Encode;
        good_der[0].to_der().unwrap()
    };
    let lt = add_dss(bt.clone(), &chain_der(&key), &[crl_der]).unwrap();
    assert_eq!(
        &lt[..bt.len()],
        &bt[..],
        "the DSS is an update after the signature"
    );
    let v = verify_pdf(lt.clone(), &trust(), Utc::now()).unwrap();
    let s = &v.signatures[0];
    assert!(v.valid, "{v:#?}");
    assert_eq!(s.level, "B-LT");
    assert_eq!(s.revocation, "good (CRL)");
    assert!(s.reason_vi.contains("chưa bị thu hồi"), "{}", s.reason_vi);
    check_everywhere(tmp.path(), "lt.pdf", &lt, 1);
    // Without any CRL it is said plainly.
    let v = verify_pdf(bt, &trust(), Utc::now()).unwrap();
    assert_eq!(v.signatures[0].revocation, "not checked");

    // The key is revoked afterwards: the timestamp proves the signature
    // came first, so it stays valid; a signature made now does not.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    ca(&[
        "-revoke",
        fixtures()
            .join("pki/person-ly-vinh-quang.cert.pem")
            .to_str()
            .unwrap(),
    ]);
    ca(&["-gencrl", "-out", "revoked.crl"]);
    let mut with_revoked = trust();
    with_revoked
        .add_crl_bytes(&std::fs::read(tmp.path().join("revoked.crl")).unwrap())
        .unwrap();
    let v = verify_pdf(lt, &with_revoked, Utc::now()).unwrap();
    assert!(v.signatures[0].revocation.starts_with("revoked"), "{v:#?}");
    assert!(
        v.valid,
        "signed and time-stamped before the revocation: {v:#?}"
    );
    let later = eoffice_domain::vietnam()
        .from_utc_datetime(&(Utc::now() + chrono::Duration::minutes(5)).naive_utc());
    let after = sign_pdf(
        read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"),
        &key,
        &SignOptions::new(REASON_PERSON, later),
    )
    .unwrap();
    let v = verify_pdf(
        after,
        &with_revoked,
        Utc::now() + chrono::Duration::minutes(6),
    )
    .unwrap();
    assert!(!v.valid, "{v:#?}");
    assert!(
        v.signatures[0].reason_vi.contains("thu hồi"),
        "{}",
        v.signatures[0].reason_vi
    );

    // A list whose signature does not verify with the issuer's key says
    // nothing, whatever it lists.
    let mut forged = trust();
    forged
        .add_crl_bytes(&std::fs::read(tmp.path().join("revoked.crl")).unwrap())
        .unwrap();
    let mut list = forged.crls.pop().unwrap();
    let mut sig = list.signature.raw_bytes().to_vec();
    let last = sig.len() - 1;
    sig[last] ^= 0x01;
    list.signature = der::asn1::BitString::from_bytes(&sig).unwrap();
    forged.crls.push(list);
    let v = verify_pdf(
        sign_pdf(
            read("documents/pub02_cv_ubnd_dvc_khan_2018.pdf"),
            &key,
            &SignOptions::new(REASON_PERSON, later),
        )
        .unwrap(),
        &forged,
        Utc::now(),
    )
    .unwrap();
    assert_eq!(
        v.signatures[0].revocation, "not checked",
        "a list with a broken signature is ignored"
    );
}
