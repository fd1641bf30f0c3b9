//! Connected mode as a clerk lives it: real `eoffice` clients of a real
//! `eoffice-server` on a real PostgreSQL, the network cut and restored
//! (architecture.md "Sync"; domain.md §3 numbers that never collide).

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

use common::server::Server;

const EOFFICE: &str = env!("CARGO_BIN_EXE_eoffice");
const PASSWORD: &str = "matkhau-thu-nghiem";
const A: &str = "000.00.00.H37";
const B: &str = "000.00.00.H38";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/documents")
        .join(name)
}

/// The two agencies and the users every connected test signs in with.
fn start_server() -> Server {
    let mut s = Server::migrated();
    for (id, name) in [(A, "UBND tỉnh Lạng Sơn"), (B, "UBND tỉnh Cao Bằng")] {
        s.admin(
            &[
                "admin", "agency", "add", "--id", id, "--name", name, "--abbr", "UBND",
            ],
            None,
        );
    }
    for (agency, user, role) in [
        (A, "vanthu1", "clerk"),
        (A, "vanthu2", "clerk"),
        (B, "vanthu_cb", "clerk"),
        (A, "quantri", "admin"),
    ] {
        s.admin(
            &[
                "admin",
                "user",
                "add",
                "--agency",
                agency,
                "--username",
                user,
                "--full-name",
                user,
                "--role",
                role,
            ],
            Some(&format!("{PASSWORD}\n")),
        );
    }
    s.run();
    s
}

/// A TCP relay in front of the server that can be cut like a cable.
struct Cable {
    port: u16,
    cut: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Cable {
    fn new(upstream: u16) -> Cable {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (c2, o2) = (cut.clone(), open.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(down) = conn else { continue };
                if c2.load(Ordering::SeqCst) {
                    let _ = down.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(up) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                o2.lock()
                    .unwrap()
                    .extend([down.try_clone().unwrap(), up.try_clone().unwrap()]);
                for (mut from, mut to) in [
                    (down.try_clone().unwrap(), up.try_clone().unwrap()),
                    (up, down),
                ] {
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16384];
                        while let Ok(n) = from.read(&mut buf) {
                            if n == 0 || to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Cable { port, cut, open }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for s in self.open.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn eoffice(dir: &Path, args: &[&str], stdin: Option<&str>) -> (bool, serde_json::Value, String) {
    let mut c = Command::new(EOFFICE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        c.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(c.stdin.take());
    let out = c.wait_with_output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn login(dir: &Path, server: &str, user: &str) {
    let (ok, st, err) = eoffice(
        dir,
        &["login", "--server", server, "--username", user, "--json"],
        Some(PASSWORD),
    );
    assert!(ok, "login {user}: {err}");
    assert_eq!(st["Mode"], "connected");
}

fn register(dir: &Path, n: usize) -> serde_json::Value {
    let pdf = fixture("pub02_cv_ubnd_dvc_khan_2018.pdf");
    let (ok, doc, err) = eoffice(
        dir,
        &[
            "register",
            pdf.to_str().unwrap(),
            "--arrival-date",
            "2026-11-20",
            "--set",
            &format!("CodeNumber={}", 100 + n),
            "--set",
            &format!("Subject=Về việc thử nghiệm đồng bộ số {n}"),
            "--json",
        ],
        None,
    );
    assert!(ok, "register {n}: {err}");
    doc
}

fn sync(dir: &Path) -> serde_json::Value {
    let (ok, r, err) = eoffice(dir, &["sync", "--json"], None);
    assert!(ok, "sync: {err}");
    r
}

/// What a client holds, in a form two clients can be compared by.
fn dump(dir: &Path) -> Vec<serde_json::Value> {
    let (ok, page, err) = eoffice(dir, &["list", "incoming", "--limit", "500", "--json"], None);
    assert!(ok, "{err}");
    page["Items"].as_array().unwrap().clone()
}

fn numbers(items: &[serde_json::Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["ArrivalNumber"].as_str().unwrap_or("null").to_string())
        .collect()
}

fn verify(dir: &Path) {
    let (ok, _, err) = eoffice(dir, &["audit", "verify", "--json"], None);
    assert!(ok, "audit verify: {err}");
}

#[test]
fn offline_and_online_clerks_converge_with_gap_free_numbers() {
    let server = start_server();
    let cable = Cable::new(server.port);
    let work = tempfile::tempdir().unwrap();
    let (a1, a2, b1) = (
        work.path().join("a1"),
        work.path().join("a2"),
        work.path().join("b1"),
    );
    login(&a1, &cable.url(), "vanthu1");
    login(&a2, &server.url(), "vanthu2");
    login(&b1, &server.url(), "vanthu_cb");

    cable.cut();
    for n in 0..5 {
        let doc = register(&a1, n);
        assert_eq!(
            doc["ArrivalNumber"],
            serde_json::Value::Null,
            "offline: no number yet"
        );
        assert_eq!(doc["Pending"], true);
    }
    let (_, st, _) = eoffice(&a1, &["status", "--json"], None);
    assert_eq!(st["Pending"], 5);
    for n in 5..10 {
        let doc = register(&a2, n);
        assert_eq!(doc["Pending"], false, "online: numbered at once");
        assert_eq!(doc["ArrivalNumber"], format!("{:02}", n - 4));
    }
    // Offline, sync fails cleanly and loses nothing.
    let (ok, _, err) = eoffice(&a1, &["sync"], None);
    assert!(!ok && err.contains("máy chủ"), "{err}");

    cable.restore();
    let r = sync(&a1);
    assert_eq!(r["Confirmed"], 5, "{r}");
    assert_eq!(r["Pending"], 0);
    sync(&a2);
    let (d1, d2) = (dump(&a1), dump(&a2));
    assert_eq!(d1, d2, "both clerks of agency A hold the same state");
    assert_eq!(
        numbers(&d1),
        (1..=10).map(|n| format!("{n:02}")).collect::<Vec<_>>()
    );
    // A1's offline documents came after A2's in order of decision.
    assert!(d1[5..].iter().all(|i| i["Subject"]
        .as_str()
        .unwrap()
        .ends_with(|c: char| ('0'..='4').contains(&c))));
    sync(&b1);
    assert!(dump(&b1).is_empty(), "agency B sees none of A's documents");
    verify(&a1);
    verify(&a2);
    verify(&b1);
    // The book of the year prints on a connected desktop too (Appendix IV).
    let out = Command::new(EOFFICE)
        .arg("--data-dir")
        .arg(&a2)
        .args([
            "book", "export", "--year", "2026", "--format", "csv", "--out",
        ])
        .arg(work.path().join("book.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(10 văn bản)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A document registered on A1 opens on A2 with its history; opening it
    // brings its text, so A2 then finds it by a word of its body too.
    let id = d1[5]["Id"].as_str().unwrap();
    let body_hits = |dir: &Path| -> Vec<String> {
        let (ok, hits, err) = eoffice(
            dir,
            &[
                "search",
                "ra soat danh muc thu tuc",
                "--limit",
                "50",
                "--json",
            ],
            None,
        );
        assert!(ok, "{err}");
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["Id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        !body_hits(&a2).iter().any(|h| h == id),
        "no text before opening"
    );
    let (ok, detail, err) = eoffice(&a2, &["show", id, "--json"], None);
    assert!(ok, "{err}");
    assert!(detail["History"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["Command"] == "incoming.registered"));
    assert!(
        body_hits(&a2).iter().any(|h| h == id),
        "found by its body after opening"
    );

    // A client killed with SIGKILL in the middle of a sync resumes and converges.
    cable.cut();
    for n in 10..30 {
        register(&a1, n);
    }
    cable.restore();
    let mut killed_mid_sync = false;
    for delay_ms in [5u64, 15, 30, 80, 150] {
        let mut child = Command::new(EOFFICE)
            .arg("--data-dir")
            .arg(&a1)
            .args(["sync"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        killed_mid_sync |= !finished;
    }
    assert!(killed_mid_sync, "no kill landed during a sync");
    sync(&a1);
    sync(&a2);
    let (d1, d2) = (dump(&a1), dump(&a2));
    assert_eq!(d1, d2);
    assert_eq!(
        numbers(&d1),
        (1..=30).map(|n| format!("{n:02}")).collect::<Vec<_>>()
    );
    verify(&a1);
    verify(&a2);
}

#[test]
fn a_secret_document_stays_on_the_desktop_domain_4() {
    let server = start_server();
    let work = tempfile::tempdir().unwrap();
    let a1 = work.path().join("a1");
    let a2 = work.path().join("a2");
    login(&a1, &server.url(), "vanthu1");
    login(&a2, &server.url(), "vanthu2");
    let pdf = fixture("pub02_cv_ubnd_dvc_khan_2018.pdf");
    let (ok, doc, err) = eoffice(
        &a1,
        &[
            "register",
            pdf.to_str().unwrap(),
            "--arrival-date",
            "2026-11-20",
            "--set",
            "Secrecy=mat",
            "--json",
        ],
        None,
    );
    assert!(ok, "{err}");
    assert_eq!(
        doc["Pending"], false,
        "the secret book is this desktop's own"
    );
    assert_eq!(doc["ArrivalNumber"], "01");
    assert!(doc["BookId"].as_str().unwrap().ends_with("-mat"));
    let (_, st, _) = eoffice(&a1, &["status", "--json"], None);
    assert_eq!(st["Pending"], 0, "nothing of it waits to be sent");
    sync(&a1);
    sync(&a2);
    assert!(dump(&a2).is_empty(), "the other clerk never sees it");
    assert_eq!(dump(&a1).len(), 1);
    verify(&a1);
    // Outgoing documents do not sync yet: a draft is refused, not kept
    // where no reviewer would ever see it.
    let (ok, _, err) = eoffice(
        &a1,
        &[
            "outgoing",
            "draft",
            pdf.to_str().unwrap(),
            "--subject",
            "V/v thử",
            "--json",
        ],
        None,
    );
    assert!(!ok && err.contains("chưa được đồng bộ"), "{err}");
}

#[test]
fn a_standalone_agency_moves_to_the_server_with_numbers_and_history() {
    let server = start_server();
    let work = tempfile::tempdir().unwrap();
    let local = work.path().join("standalone");
    let (ok, _, err) = eoffice(
        &local,
        &[
            "init",
            "--agency-id",
            A,
            "--agency-name",
            "UBND tỉnh Lạng Sơn",
        ],
        None,
    );
    assert!(ok, "{err}");
    let mut ids = Vec::new();
    for f in [
        "pub01_tb_ketluan_vp_ubnd_2018.pdf",
        "pub02_cv_ubnd_dvc_khan_2018.pdf",
        "pub04_kh_ubnd_tp_attt_2023.pdf",
    ] {
        let (ok, doc, err) = eoffice(
            &local,
            &[
                "register",
                fixture(f).to_str().unwrap(),
                "--arrival-date",
                "2026-11-20",
                "--json",
            ],
            None,
        );
        assert!(ok, "{f}: {err}");
        ids.push(doc["Id"].as_str().unwrap().to_string());
    }
    let (ok, _, err) = eoffice(
        &local,
        &["return", &ids[1], "--reason", "Gửi nhầm cơ quan"],
        None,
    );
    assert!(ok, "{err}");
    let (ok, _, err) = eoffice(
        &local,
        &[
            "register",
            fixture("pub05_gm_snv_taphuan_nfd_2025.pdf")
                .to_str()
                .unwrap(),
            "--arrival-date",
            "2026-11-21",
            "--set",
            "Secrecy=mat",
            "--json",
        ],
        None,
    );
    assert!(ok, "{err}");
    let before = dump(&local);

    // A clerk may not move the agency; its admin may.
    let (ok, _, err) = eoffice(
        &local,
        &[
            "connect",
            "--server",
            &server.url(),
            "--username",
            "vanthu1",
        ],
        Some(PASSWORD),
    );
    assert!(!ok && err.contains("quản trị"), "{err}");
    let (ok, st, err) = eoffice(
        &local,
        &[
            "connect",
            "--server",
            &server.url(),
            "--username",
            "quantri",
            "--json",
        ],
        Some(PASSWORD),
    );
    assert!(ok, "{err}");
    assert_eq!(st["Mode"], "connected");
    let after = dump(&local);
    assert_eq!(numbers(&after), numbers(&before), "every number kept");
    assert_eq!(after.iter().filter(|i| i["State"] == "returned").count(), 1);
    verify(&local);

    // Another clerk of the agency sees the year, numbers and history, but not the secret document.
    let a2 = work.path().join("a2");
    login(&a2, &server.url(), "vanthu2");
    let seen = dump(&a2);
    assert_eq!(numbers(&seen), vec!["01", "02", "03"]);
    // Kept offline: the three originals come down and verify here.
    let (ok, r, err) = eoffice(&a2, &["sync", "--originals", "--json"], None);
    assert!(ok, "{err}");
    assert_eq!(r["Downloaded"], 3, "{r}");
    let (ok, audit, err) = eoffice(&a2, &["audit", "verify", "--json"], None);
    assert!(ok, "{err}");
    assert_eq!(audit["BlobsChecked"], 3, "{audit}");
    let (ok, detail, err) = eoffice(&a2, &["show", &ids[0], "--json"], None);
    assert!(ok, "{err}");
    let imported = &detail["History"][0]["Payload"]["ImportedHistory"];
    assert!(
        imported
            .as_array()
            .is_some_and(|h| h.iter().any(|e| e["Command"] == "incoming.registered")),
        "{detail}"
    );
    // The book goes on from the last imported number.
    let doc = register(&a2, 1);
    assert_eq!(doc["ArrivalNumber"], "04");
    verify(&a2);
    let out = Command::new(common::server::workspace_bin("eoffice-server"))
        .args([
            "--config",
            server.config.to_str().unwrap(),
            "admin",
            "audit",
            "--agency",
            A,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "server-side chain: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Issue 7 with the real server: a clerk's desktop registers and presents,
/// a leader's assigns, a unit head's re-assigns, a specialist's completes;
/// each sees the new state on its next sync, well within a second, and the
/// report counts the document as on time (domain.md §6 steps 3–4).
#[test]
fn four_desktops_present_assign_reassign_and_complete_section_6() {
    let s = start_server();
    s.admin(
        &[
            "admin",
            "unit",
            "add",
            "--agency",
            A,
            "--code",
            "VP",
            "--name",
            "Văn phòng",
        ],
        None,
    );
    for (user, role, unit) in [
        ("lanhdao", "leader", None),
        ("truongphong", "unit_head", Some("VP")),
        ("chuyenvien", "specialist", Some("VP")),
    ] {
        let mut args = vec![
            "admin",
            "user",
            "add",
            "--agency",
            A,
            "--username",
            user,
            "--full-name",
            user,
            "--role",
            role,
        ];
        if let Some(u) = unit {
            args.extend(["--unit", u]);
        }
        s.admin(&args, Some(&format!("{PASSWORD}\n")));
    }
    let dirs: Vec<tempfile::TempDir> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let [clerk, leader, head, spec] = [0, 1, 2, 3].map(|i| dirs[i].path());
    for (d, u) in [
        (clerk, "vanthu1"),
        (leader, "lanhdao"),
        (head, "truongphong"),
        (spec, "chuyenvien"),
    ] {
        login(d, &s.url(), u);
    }
    let doc = register(clerk, 1);
    let id = doc["Id"].as_str().unwrap().to_string();
    let step = |d: &Path, args: &[&str]| {
        let (ok, v, err) = eoffice(d, args, None);
        assert!(ok, "{args:?}: {err}");
        v
    };
    // Seen by the next desktop: its sync and its queue, timed together.
    let sees = |d: &Path, queue: &str| -> serde_json::Value {
        let t = Instant::now();
        sync(d);
        let items = step(d, &["tasks", "--queue", queue, "--json"]);
        let took = t.elapsed();
        assert!(took < Duration::from_secs(1), "{queue} seen after {took:?}");
        eprintln!("{queue}: seen {took:?} after the step");
        items
    };
    let v = step(
        clerk,
        &[
            "present",
            &id,
            "--to",
            "lanhdao",
            "--propose",
            "VP",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "presented");
    let q = sees(leader, "awaiting");
    assert_eq!(q[0]["DocumentId"], id.as_str());
    // The specialist's desktop is refused before anyone assigned it to them.
    let (ok, _, err) = eoffice(spec, &["complete", &id, "--result", "x", "--json"], None);
    assert!(!ok && err.contains("lỗi:"), "{err}");
    let v = step(
        leader,
        &[
            "assign",
            &id,
            "--lead",
            "VP",
            "--working-days",
            "5",
            "--instruction",
            "Văn phòng tham mưu",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "assigned");
    let q = sees(head, "mine");
    assert_eq!(q[0]["DocumentId"], id.as_str());
    step(head, &["reassign", &id, "--to", "chuyenvien", "--json"]);
    let q = sees(spec, "mine");
    assert_eq!(q[0]["DocumentId"], id.as_str());
    // Opening it records the first view, which the server keeps too.
    step(spec, &["show", &id, "--json"]);
    let v = step(
        spec,
        &[
            "complete",
            &id,
            "--result",
            "Đã trả lời bằng Công văn 45/UBND-VP",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "handled");
    assert_eq!(sync(spec)["Pending"], 0);
    // Every desktop ends with the server's state and the same trace.
    for d in [clerk, leader, head, spec] {
        sync(d);
        let v = step(d, &["handling", &id, "--json"]);
        assert_eq!(v["Stage"], "handled", "{v}");
        assert_eq!(v["Trace"].as_array().unwrap().len(), 5, "{v}");
        verify(d);
    }
    let r = step(
        leader,
        &[
            "report",
            "handling",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
    );
    assert_eq!(r["Total"]["Received"], 1);
    assert_eq!(r["Total"]["CompletedOnTime"], 1, "{r}");
}
