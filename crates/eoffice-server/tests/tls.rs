//! Given a certificate, the server speaks HTTPS itself (rustls); plain
//! HTTP is then refused on that port. Half a TLS configuration is refused
//! at start with a message in both languages.

mod common;
use common::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn serves_https_with_a_certificate() {
    let env = setup();
    let dir = env.dir.path();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let ok = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success(), "openssl made a certificate");
    let port = free_port();
    let mut child = Command::new(BIN)
        .arg("--config")
        .arg(env.config())
        .arg("serve")
        .env("EOFFICE_SERVER_LISTEN", format!("127.0.0.1:{port}"))
        .env("EOFFICE_SERVER_TLS_CERT", &cert)
        .env("EOFFICE_SERVER_TLS_KEY", &key)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let curl = |scheme: &str| {
        Command::new("curl")
            .args([
                "-sk",
                "--max-time",
                "3",
                &format!("{scheme}://127.0.0.1:{port}/api/v1/health"),
            ])
            .output()
            .unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let body = loop {
        let out = curl("https");
        if out.status.success() {
            break String::from_utf8(out.stdout).unwrap();
        }
        assert!(Instant::now() < deadline, "no HTTPS answer");
        std::thread::sleep(Duration::from_millis(100));
    };
    let health: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(health["Status"], "ok");
    let plain = curl("http");
    assert!(
        !plain.status.success() || !String::from_utf8_lossy(&plain.stdout).contains("\"Status\""),
        "plain HTTP must not be answered on the TLS port"
    );
    let _ = child.kill();
    let _ = child.wait();

    let out = Command::new(BIN)
        .arg("--config")
        .arg(env.config())
        .arg("serve")
        .env("EOFFICE_SERVER_TLS_CERT", &cert)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tls_cert and tls_key go together") && err.contains("Cần khai báo"),
        "{err}"
    );
}
