//! The document exchange end to end (issue 9; domain.md §11–12): agency A
//! issues a công văn and sends it to B, an agency of the province on the
//! real provincial server, and to C, reached only through the gateway
//! emulator. B and C register, assign and complete it; A sees 01, 03, 04,
//! 05, 06 from each, in order, exactly once; then A recalls it, and B's
//! copy is gone with a record of the recall left.

mod common;

use common::server::{workspace_bin, Server};
use common::{eoffice, fx, json, ok_in, refused_in};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const A: &str = "000.00.00.H37";
const B: &str = "000.00.17.H37";
const C: &str = "000.00.41.H37";
const KEY_PASSWORD: &str = "test1234\n";

fn ok(dir: &Path, args: &[&str]) -> Value {
    ok_in(dir, args, "")
}

/// An agency with its people (`common::agency`) and the exchange
/// directory of this test.
fn agency(dir: &Path, id: &str, name: &str) {
    common::agency(dir, id, name);
    for (organ, organ_name, route) in [
        (A, "UBND tỉnh Lạng Sơn", "province"),
        (B, "Sở Thông tin và Truyền thông tỉnh Lạng Sơn", "province"),
        (C, "UBND huyện Cao Lộc", "gateway"),
    ] {
        if organ != id {
            ok(
                dir,
                &[
                    "--as", "qt", "exchange", "organ", organ, "--name", organ_name, "--route",
                    route, "--json",
                ],
            );
        }
    }
}

struct Emulator(Child, String);

impl Emulator {
    fn start(systems: &[&str], faults: &str) -> Emulator {
        let mut cmd = Command::new(workspace_bin("eoffice-gateway-emulator"));
        for s in systems {
            cmd.arg("--system").arg(s);
        }
        let mut child = cmd
            .arg("--faults")
            .arg(faults)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("emulator said {line:?}"))
            .to_string();
        Emulator(child, url)
    }
}

impl Emulator {
    /// The gateway with the systems of A and C, no faults.
    fn for_a_and_c() -> Emulator {
        Emulator::start(
            &[
                &format!("{A}:gw-a:khoa-cong-a-2026"),
                &format!("{C}:gw-c:khoa-cong-c-2026"),
            ],
            "",
        )
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn connect(dir: &Path, route: &str, url: &str, system: &str, secret: &str) {
    ok_in(
        dir,
        &[
            "--as",
            "qt",
            "exchange",
            "connect",
            "--route",
            route,
            "--url",
            url,
            "--system-id",
            system,
            "--json",
        ],
        &format!("{secret}\n"),
    );
}

/// Issues a công văn at A: drafted by the unit head, approved and signed by
/// the leader, numbered and sealed by the clerk.
fn issued(dir: &Path, subject: &str, secrecy: Option<&str>) -> String {
    let pdf = fx("documents/pub04_kh_ubnd_tp_attt_2023.pdf");
    let mut args = vec![
        "--as",
        "tp",
        "outgoing",
        "draft",
        pdf.as_str(),
        "--type",
        "CV",
        "--subject",
        subject,
        "--to",
        "Sở Thông tin và Truyền thông tỉnh Lạng Sơn",
        "--to",
        "UBND huyện Cao Lộc",
        "--json",
    ];
    if let Some(s) = secrecy {
        args.extend(["--secrecy", s]);
    }
    let id = ok(dir, &args)["Id"].as_str().unwrap().to_string();
    ok(dir, &["--as", "tp", "outgoing", "submit", &id, "--json"]);
    ok(dir, &["--as", "ld", "outgoing", "approve", &id, "--json"]);
    if secrecy.is_none() {
        ok_in(
            dir,
            &[
                "--as",
                "ld",
                "outgoing",
                "sign",
                &id,
                "--p12",
                &fx("pki/person-ly-vinh-quang.p12"),
                "--json",
            ],
            KEY_PASSWORD,
        );
        ok_in(
            dir,
            &[
                "--as",
                "vt",
                "outgoing",
                "issue",
                &id,
                "--p12",
                &fx("pki/org-ubnd-tinh-lang-son.p12"),
                "--json",
            ],
            KEY_PASSWORD,
        );
    } else {
        ok(dir, &["--as", "vt", "outgoing", "issue", &id, "--json"]);
    }
    id
}

fn receive(dir: &Path) -> Value {
    let o = eoffice(Some(dir), &["receive", "--json"], "");
    assert_eq!(
        o.status.code(),
        Some(0),
        "receive: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    json(&o)
}

/// The receiving side's whole handling: register from the queue, assign
/// to the specialist, report progress, complete.
fn register_and_handle(dir: &Path, subject: &str) -> String {
    let queue = ok(dir, &["exchange", "queue", "--json"]);
    let items = queue.as_array().unwrap();
    assert_eq!(items.len(), 1, "{queue}");
    let item = &items[0];
    // Every field pre-filled from the package, none from the PDF.
    assert_eq!(item["Fields"]["Subject"], subject);
    assert_eq!(item["Fields"]["OrganName"], "UBND tỉnh Lạng Sơn");
    assert_eq!(item["Fields"]["CodeNotation"], "UBND-VP");
    assert_eq!(item["Fields"]["TypeName"], "Công văn");
    assert_eq!(item["FromOrgan"], A);
    let qid = item["Id"].as_str().unwrap();
    let doc = ok(dir, &["--as", "vt", "exchange", "register", qid, "--json"]);
    assert_eq!(doc["Subject"], subject);
    let id = doc["Id"].as_str().unwrap().to_string();
    assert!(ok(dir, &["exchange", "queue", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    // Registered once: the same queue entry cannot be registered again.
    refused_in(
        dir,
        &["--as", "vt", "exchange", "register", qid, "--json"],
        "",
    );
    ok(dir, &["--as", "vt", "present", &id, "--to", "ld", "--json"]);
    ok(
        dir,
        &[
            "--as",
            "ld",
            "assign",
            &id,
            "--lead",
            "cv",
            "--working-days",
            "5",
            "--json",
        ],
    );
    ok(
        dir,
        &[
            "--as",
            "cv",
            "progress",
            &id,
            "--note",
            "Đang dự thảo",
            "--percent",
            "50",
            "--json",
        ],
    );
    ok(
        dir,
        &[
            "--as",
            "cv",
            "complete",
            &id,
            "--result",
            "Đã triển khai",
            "--json",
        ],
    );
    id
}

#[test]
fn a_sends_to_b_and_c_and_hears_each_status_once_then_recalls_domain_11_12() {
    let mut server = Server::migrated();
    for (id, name) in [(A, "UBND tỉnh Lạng Sơn"), (B, "Sở TTTT tỉnh Lạng Sơn")] {
        server.admin(
            &[
                "admin", "agency", "add", "--id", id, "--name", name, "--abbr", "UBND",
            ],
            None,
        );
    }
    server.admin(
        &[
            "admin",
            "exchange",
            "add",
            "--agency",
            A,
            "--system-id",
            "sys-a",
        ],
        Some("khoa-bi-mat-cua-a\n"),
    );
    server.admin(
        &[
            "admin",
            "exchange",
            "add",
            "--agency",
            B,
            "--system-id",
            "sys-b",
        ],
        Some("khoa-bi-mat-cua-b\n"),
    );
    server.run();
    let gateway = Emulator::for_a_and_c();
    let work = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        work.path().join("a"),
        work.path().join("b"),
        work.path().join("c"),
    );
    agency(&a, A, "UBND tỉnh Lạng Sơn");
    agency(&b, B, "Sở Thông tin và Truyền thông tỉnh Lạng Sơn");
    agency(&c, C, "UBND huyện Cao Lộc");
    connect(&a, "province", &server.url(), "sys-a", "khoa-bi-mat-cua-a");
    connect(&a, "gateway", &gateway.1, "gw-a", "khoa-cong-a-2026");
    connect(&b, "province", &server.url(), "sys-b", "khoa-bi-mat-cua-b");
    connect(&c, "gateway", &gateway.1, "gw-c", "khoa-cong-c-2026");

    // A wrong key is the platform's code 15, in both languages.
    let bad = work.path().join("bad");
    agency(&bad, "000.00.99.H37", "Cơ quan thử");
    connect(&bad, "gateway", &gateway.1, "gw-c", "khoa-sai-hoan-toan");
    let o = eoffice(Some(&bad), &["receive", "--json"], "");
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("error:") && e.contains("lỗi:") && e.contains("mã 15"),
        "{e}"
    );
    assert!(json(&o)["Errors"][0]
        .as_str()
        .unwrap()
        .contains("Sai mã hệ thống"));

    let subject = "Về việc triển khai liên thông văn bản điện tử";
    let out = issued(&a, subject, None);
    // The package of the issued document is strict edXML.
    let file = work.path().join("out.edxml");
    ok(
        &a,
        &[
            "edxml",
            "build",
            &out,
            "--to",
            B,
            "--out",
            file.to_str().unwrap(),
            "--json",
        ],
    );
    let parsed = ok(
        work.path(),
        &["edxml", "parse", file.to_str().unwrap(), "--json"],
    );
    assert_eq!(parsed["MessageType"], "edoc");
    assert_eq!(parsed["NationalAxisAccepts"], true);
    assert_eq!(parsed["MessageHeader"]["Subject"], subject);
    assert_eq!(parsed["MessageHeader"]["From"]["OrganId"], A);
    assert_eq!(parsed["Attachments"][0]["ContentType"], "application/pdf");

    // Sent by route, to the recipients the document names.
    let sent = ok(&a, &["send", &out, "--json"]);
    let rows = sent["Sent"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{sent}");
    for r in rows {
        assert!(r["SentAt"].is_string(), "{r}");
        let route = if r["OrganId"] == C {
            "gateway"
        } else {
            "province"
        };
        assert_eq!(r["Route"], route);
    }

    for (dir, expect_from) in [(&b, A), (&c, A)] {
        let r = receive(dir);
        let got = r["Received"].as_array().unwrap();
        assert_eq!(got.len(), 1, "{r}");
        assert_eq!(got[0]["FromOrgan"], expect_from);
        assert_eq!(got[0]["New"], true);
        assert_eq!(r["StatusesSent"], 1, "01 leaves with the run that received");
    }
    // A second poll finds nothing new (the platform marked them done).
    assert!(receive(&b)["Received"].as_array().unwrap().is_empty());

    let b_doc = register_and_handle(&b, subject);
    register_and_handle(&c, subject);
    // Statuses leave with the next poll, however often it runs.
    for dir in [&b, &c] {
        assert_eq!(receive(dir)["StatusesSent"], 4, "03, 04, 05, 06");
        assert_eq!(receive(dir)["StatusesSent"], 0);
    }
    receive(&a);
    receive(&a);
    let table = ok(&a, &["exchange", "recipients", &out, "--json"]);
    for r in table.as_array().unwrap() {
        assert_eq!(r["StatusCode"], "06", "{r}");
        assert_eq!(r["StatusLabel"], "Đã hoàn thành");
        let history: Vec<&str> = r["History"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap())
            .collect();
        assert_eq!(history, ["01", "03", "04", "05", "06"], "{r}");
    }

    // The recall: B's copy is gone, a record of it stays, A hears 15.
    ok(
        &a,
        &[
            "exchange",
            "recall",
            &out,
            "--reason",
            "Ban hành nhầm",
            "--json",
        ],
    );
    receive(&b);
    let shown = ok(&b, &["--as", "vt", "show", &b_doc, "--json"]);
    assert_eq!(shown["State"], "recalled", "{shown}");
    assert!(
        shown["Subject"].as_str().unwrap().contains("thu hồi"),
        "{shown}"
    );
    assert!(
        !shown.to_string().contains(subject),
        "the recalled content is gone: {shown}"
    );
    let found = ok(
        &b,
        &[
            "--as",
            "vt",
            "search",
            "liên thông văn bản điện tử",
            "--json",
        ],
    );
    assert!(!found.to_string().contains(&b_doc), "{found}");
    let all = ok(&b, &["exchange", "queue", "--all", "--json"]);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|i| i["Kind"] == "recall" && i["State"] == "applied"),
        "{all}"
    );
    // The sender's copy is frozen: shown as recalled, never sent again.
    let shown = ok(&a, &["--as", "vt", "outgoing", "show", &out, "--json"]);
    assert!(shown["RecalledAt"].is_string(), "{shown}");
    let e = refused_in(&a, &["send", &out, "--to", B, "--json"], "");
    assert!(e.contains("thu hồi") && e.contains("recalled"), "{e}");
    receive(&a);
    let table = ok(&a, &["exchange", "recipients", &out, "--json"]);
    let to_b = table
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["OrganId"] == B)
        .unwrap();
    assert!(
        to_b["History"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h == "15"),
        "{to_b}"
    );
}

#[test]
fn a_secret_document_never_leaves_by_any_route_domain_4() {
    let work = tempfile::tempdir().unwrap();
    let a = work.path().join("a");
    agency(&a, A, "UBND tỉnh Lạng Sơn");
    let gateway = Emulator::for_a_and_c();
    connect(&a, "gateway", &gateway.1, "gw-a", "khoa-cong-a-2026");
    connect(&a, "province", &gateway.1, "gw-a", "khoa-cong-a-2026");
    // The directory and the routes are the clerk's or the administrator's.
    let e = refused_in(
        &a,
        &[
            "--as", "cv", "exchange", "organ", C, "--name", "X", "--route", "gateway", "--json",
        ],
        "",
    );
    assert!(e.contains("Chỉ văn thư hoặc quản trị"), "{e}");
    let secret = issued(&a, "Về việc bảo vệ bí mật", Some("Mật"));
    for args in [
        vec!["send", secret.as_str(), "--json"],
        vec!["send", secret.as_str(), "--to", C, "--json"],
        vec!["send", secret.as_str(), "--to", B, "--json"],
    ] {
        let e = refused_in(&a, &args, "");
        assert!(e.contains("mật") && e.contains("secret"), "{e}");
    }
    let out = work.path().join("x.edxml");
    let e = refused_in(
        &a,
        &[
            "edxml",
            "build",
            &secret,
            "--to",
            C,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
        "",
    );
    assert!(e.contains("secret"), "{e}");
    assert!(!out.exists());
    // Nothing reached the platform, by any route.
    let c = work.path().join("c");
    agency(&c, C, "UBND huyện Cao Lộc");
    connect(&c, "gateway", &gateway.1, "gw-c", "khoa-cong-c-2026");
    assert!(receive(&c)["Received"].as_array().unwrap().is_empty());
}

#[test]
fn an_update_replaces_a_waiting_document_and_is_refused_once_registered_domain_11() {
    let gateway = Emulator::for_a_and_c();
    let work = tempfile::tempdir().unwrap();
    let (a, c) = (work.path().join("a"), work.path().join("c"));
    agency(&a, A, "UBND tỉnh Lạng Sơn");
    agency(&c, C, "UBND huyện Cao Lộc");
    connect(&a, "gateway", &gateway.1, "gw-a", "khoa-cong-a-2026");
    connect(&c, "gateway", &gateway.1, "gw-c", "khoa-cong-c-2026");
    let out = issued(&a, "Về việc cập nhật thử", None);
    // Nothing to update before it went anywhere.
    refused_in(
        &a,
        &["exchange", "update", &out, "--reason", "x", "--json"],
        "",
    );
    ok(&a, &["send", &out, "--to", C, "--json"]);
    receive(&c);
    ok(
        &a,
        &[
            "exchange",
            "update",
            &out,
            "--reason",
            "Sửa nơi nhận",
            "--json",
        ],
    );
    receive(&c);
    let queue = ok(&c, &["exchange", "queue", "--json"]);
    let items = queue.as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "the update took the waiting one's place: {queue}"
    );
    assert_eq!(items[0]["Kind"], "update");
    let all = ok(&c, &["exchange", "queue", "--all", "--json"]);
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["Kind"] == "new" && i["State"] == "applied"));
    receive(&a);
    let history = |a: &Path| -> Vec<String> {
        let t = ok(a, &["exchange", "recipients", &out, "--json"]);
        t[0]["History"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(history(&a), ["01", "15"]);
    ok(
        &c,
        &[
            "--as",
            "vt",
            "exchange",
            "register",
            items[0]["Id"].as_str().unwrap(),
            "--json",
        ],
    );
    ok(
        &a,
        &[
            "exchange",
            "update",
            &out,
            "--reason",
            "Sửa lần hai",
            "--json",
        ],
    );
    receive(&c);
    receive(&a);
    assert_eq!(history(&a), ["01", "15", "03", "16"]);
    assert!(ok(&c, &["exchange", "queue", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_signed_package_verifies_here_and_in_xmlsec1_and_a_changed_one_is_refused_domain_11() {
    let gateway = Emulator::for_a_and_c();
    let work = tempfile::tempdir().unwrap();
    let (a, c, c2) = (
        work.path().join("a"),
        work.path().join("c"),
        work.path().join("c2"),
    );
    agency(&a, A, "UBND tỉnh Lạng Sơn");
    agency(&c, C, "UBND huyện Cao Lộc");
    agency(&c2, C, "UBND huyện Cao Lộc");
    connect(&a, "gateway", &gateway.1, "gw-a", "khoa-cong-a-2026");
    connect(&c, "gateway", &gateway.1, "gw-c", "khoa-cong-c-2026");
    let subject = "Về việc ký số gói tin liên thông";
    let out = issued(&a, subject, None);
    let file = work.path().join("signed.edxml");
    let v = ok_in(
        &a,
        &[
            "edxml",
            "build",
            &out,
            "--to",
            C,
            "--out",
            file.to_str().unwrap(),
            "--p12",
            &fx("pki/org-ubnd-tinh-lang-son.p12"),
            "--json",
        ],
        KEY_PASSWORD,
    );
    assert_eq!(v["Signed"], true);
    let parsed = ok(
        work.path(),
        &["edxml", "parse", file.to_str().unwrap(), "--json"],
    );
    assert_eq!(parsed["XmlSignaturePresent"], true);
    assert_eq!(parsed["NationalAxisAccepts"], true);
    // An outside implementation of XML-DSig agrees.
    let x = Command::new("xmlsec1")
        .args([
            "--verify",
            "--trusted-pem",
            &fx("pki/ca.cert.pem"),
            file.to_str().unwrap(),
        ])
        .output()
        .expect("xmlsec1 is installed by scripts/setup.sh");
    let said = String::from_utf8_lossy(&x.stderr).to_string() + &String::from_utf8_lossy(&x.stdout);
    assert!(x.status.success() && said.contains("OK"), "xmlsec1: {said}");

    // Through the gateway, signed with the same key: the queue names the signer.
    ok_in(
        &a,
        &[
            "send",
            &out,
            "--to",
            C,
            "--p12",
            &fx("pki/org-ubnd-tinh-lang-son.p12"),
            "--json",
        ],
        KEY_PASSWORD,
    );
    // C trusts the test CA: the signer is named and trusted.
    ok(
        &c,
        &[
            "--as",
            "qt",
            "trust",
            "add",
            &fx("pki/ca.cert.pem"),
            "--json",
        ],
    );
    receive(&c);
    let queue = ok(&c, &["exchange", "queue", "--json"]);
    assert_eq!(queue[0]["XmlSigner"], "UBND tỉnh Lạng Sơn", "{queue}");
    assert_eq!(queue[0]["XmlSignerTrusted"], true, "{queue}");

    // Where the CA is not trusted, the same package reads as sound but
    // from an untrusted certificate.
    ok(&c2, &["edxml", "import", file.to_str().unwrap(), "--json"]);
    let q2 = ok(&c2, &["exchange", "queue", "--json"]);
    assert_eq!(q2[0]["XmlSignerTrusted"], false, "{q2}");

    // One word changed after signing: refused, here and by xmlsec1.
    let changed = std::fs::read_to_string(&file).unwrap().replacen(
        subject,
        "Về việc ký số gói tin đã bị sửa",
        1,
    );
    let bad = work.path().join("changed.edxml");
    std::fs::write(&bad, changed).unwrap();
    let e = refused_in(
        &c2,
        &["edxml", "import", bad.to_str().unwrap(), "--json"],
        "",
    );
    assert!(
        e.contains("changed after it was signed") && e.contains("Chữ ký số XML"),
        "{e}"
    );
    let x = Command::new("xmlsec1")
        .args([
            "--verify",
            "--trusted-pem",
            &fx("pki/ca.cert.pem"),
            bad.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        !x.status.success(),
        "xmlsec1 must refuse the changed package"
    );
    let q2 = ok(&c2, &["exchange", "queue", "--all", "--json"]);
    assert_eq!(
        q2.as_array().unwrap().len(),
        1,
        "nothing of the changed one kept: {q2}"
    );
}
