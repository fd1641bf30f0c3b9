//! The handling workflow through the `eoffice` command line (issue 7), in
//! standalone mode with local users: present, assign, re-assign, handle,
//! complete, then the queues and the report; and for every step, a person
//! without the right gets a refusal and no data (domain.md §1, §6).

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    common::fx(&format!("documents/{name}"))
}

fn eoffice_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    common::eoffice(Some(dir), args, stdin)
}

fn ok(dir: &Path, args: &[&str]) -> Value {
    common::ok_in(dir, args, "")
}

/// A refusal: exit 1, both languages on stderr, nothing on stdout.
fn refused(dir: &Path, args: &[&str]) -> String {
    common::refused_in(dir, args, "")
}

fn text(dir: &Path, args: &[&str]) -> String {
    let o = eoffice_in(dir, args, "");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn agency(dir: &Path) {
    ok(
        dir,
        &[
            "init",
            "--agency-id",
            "000.00.00.H37",
            "--agency-name",
            "UBND xã Hữu Lũng",
            "--json",
        ],
    );
    // The first user of an empty folder is the administrator.
    for (code, name) in [("VP", "Văn phòng"), ("TC", "Phòng Tài chính")] {
        ok(dir, &["unit", code, "--name", name, "--json"]);
    }
    let users = [
        ("qt", "Quản trị viên", "admin", None),
        ("vt", "Nguyễn Thị Văn Thư", "clerk", Some("VP")),
        ("ld", "Hoàng Văn Chủ Tịch", "leader", None),
        ("ld2", "Lê Thị Phó Chủ Tịch", "leader", None),
        ("tp", "Trần Văn Chánh", "unit_head", Some("VP")),
        ("cv", "Phạm Thu Chuyên", "specialist", Some("VP")),
        ("tp2", "Đỗ Văn Trưởng", "unit_head", Some("TC")),
        ("cv2", "Vũ Minh Kế", "specialist", Some("TC")),
    ];
    common::add_users(dir, &users);
}

#[test]
fn present_assign_reassign_complete_then_queues_and_report_section_6() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    agency(d);
    // Only the clerk registers once users exist (domain.md §1).
    let pdf = fixture("pub02_cv_ubnd_dvc_khan_2018.pdf");
    refused(d, &["--as", "cv", "register", &pdf, "--json"]);
    let doc = ok(d, &["--as", "vt", "register", &pdf, "--json"]);
    let id = doc["Id"].as_str().unwrap().to_string();
    let id = id.as_str();
    // The clerk's queue holds it until it is presented.
    let waiting = ok(
        d,
        &["--as", "vt", "tasks", "--queue", "not_presented", "--json"],
    );
    assert_eq!(waiting[0]["DocumentId"], id);

    // Present (trình): only the clerk, only to a leader.
    refused(d, &["--as", "cv", "present", id, "--to", "ld", "--json"]);
    let e = refused(d, &["--as", "vt", "present", id, "--to", "cv", "--json"]);
    assert!(e.contains("không phải lãnh đạo"), "{e}");
    let v = ok(
        d,
        &[
            "--as",
            "vt",
            "present",
            id,
            "--to",
            "ld",
            "--propose",
            "VP",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "presented");
    assert_eq!(v["Proposal"][0]["Name"], "Văn phòng");
    let queue = ok(d, &["--as", "ld", "tasks", "--queue", "awaiting", "--json"]);
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(
        ok(
            d,
            &["--as", "ld2", "tasks", "--queue", "awaiting", "--json"]
        ),
        Value::Array(vec![])
    );

    // A specialist not yet assigned does not see it at all.
    refused(d, &["--as", "cv", "show", id, "--json"]);
    refused(d, &["--as", "cv", "handling", id, "--json"]);

    // Assign: only the leader it was presented to.
    refused(
        d,
        &[
            "--as",
            "ld2",
            "assign",
            id,
            "--lead",
            "VP",
            "--working-days",
            "5",
            "--json",
        ],
    );
    refused(
        d,
        &["--as", "ld", "assign", id, "--lead", "KHONGCO", "--json"],
    );
    let v = ok(
        d,
        &[
            "--as",
            "ld",
            "assign",
            id,
            "--lead",
            "VP",
            "--coordinate",
            "TC",
            "--inform",
            "ld2",
            "--working-days",
            "5",
            "--instruction",
            "Giao Văn phòng chủ trì tham mưu trả lời.",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "assigned");
    assert_eq!(v["Tasks"].as_array().unwrap().len(), 3);
    assert_eq!(v["Tasks"][0]["Part"], "lead");
    assert_eq!(v["Instruction"], "Giao Văn phòng chủ trì tham mưu trả lời.");
    // The deadline is five working days from today, as working-days computes it.
    let today = vietnam_today().to_string();
    let due = text(d, &["working-days", "add", "--from", &today, "--days", "5"]);
    assert_eq!(v["Deadline"], due.as_str());

    // Re-assign within the unit: only that unit's head, only its people.
    refused(d, &["--as", "tp2", "reassign", id, "--to", "cv", "--json"]);
    refused(d, &["--as", "cv", "reassign", id, "--to", "cv", "--json"]);
    refused(d, &["--as", "tp", "reassign", id, "--to", "cv2", "--json"]);
    let v = ok(d, &["--as", "tp", "reassign", id, "--to", "cv", "--json"]);
    assert_eq!(v["Tasks"][3]["Party"]["Code"], "cv");
    assert_eq!(v["Tasks"][3]["Parent"], 1);

    // The specialist now sees it, first at the top of "Việc của tôi".
    let mine = ok(d, &["--as", "cv", "tasks", "--json"]);
    assert_eq!(mine[0]["DocumentId"], id);
    assert_eq!(mine[0]["Viewed"], false);
    ok(d, &["--as", "cv", "show", id, "--json"]);
    let mine = ok(d, &["--as", "cv", "tasks", "--json"]);
    assert_eq!(mine[0]["Viewed"], true, "the first view is recorded");

    // Handle: only an assignee; a reason and a result are required.
    refused(d, &["--as", "cv2", "progress", id, "--note", "x", "--json"]);
    refused(
        d,
        &["--as", "ld2", "complete", id, "--result", "x", "--json"],
    );
    refused(
        d,
        &["--as", "cv", "send-back", id, "--reason", " ", "--json"],
    );
    let v = ok(
        d,
        &[
            "--as",
            "cv",
            "progress",
            id,
            "--note",
            "Đã dự thảo văn bản trả lời",
            "--percent",
            "70",
            "--json",
        ],
    );
    assert_eq!(v["Tasks"][3]["Percent"], 70);
    let v = ok(
        d,
        &[
            "--as",
            "cv",
            "complete",
            id,
            "--result",
            "Đã trả lời bằng Công văn số 45/UBND-VP",
            "--reply",
            "45/UBND-VP",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "handled");
    assert_eq!(v["OnTime"], true);
    assert_eq!(v["Tasks"][0]["State"], "completed");
    let kinds: Vec<&str> = v["Trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["Kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "handling.presented",
            "handling.assigned",
            "handling.reassigned",
            "handling.viewed",
            "handling.progress",
            "handling.completed"
        ]
    );
    assert_eq!(
        ok(d, &["--as", "cv", "tasks", "--json"]),
        Value::Array(vec![])
    );
    refused(d, &["--as", "cv", "tasks", "--queue", "tracking", "--json"]);

    // The report counts it once for the unit and once for the person, on time.
    let r = ok(
        d,
        &[
            "--as",
            "ld",
            "report",
            "handling",
            "--from",
            "2000-01-01",
            "--to",
            "2099-12-31",
        ],
    );
    assert_eq!(r["Total"]["Received"], 1);
    assert_eq!(r["Total"]["CompletedOnTime"], 1);
    let unit = r["Lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["Code"] == "VP")
        .unwrap();
    assert_eq!(unit["CompletedOnTime"], 1);
    let person = r["Lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["Code"] == "cv")
        .unwrap();
    assert_eq!(person["Name"], "Phạm Thu Chuyên");
    refused(
        d,
        &[
            "--as",
            "cv2",
            "report",
            "handling",
            "--from",
            "2000-01-01",
            "--to",
            "2099-12-31",
            "--unit",
            "VP",
        ],
    );
    for fmt in ["pdf", "xlsx"] {
        let out = d.join(format!("bao-cao.{fmt}"));
        let o = eoffice_in(
            d,
            &[
                "--as",
                "ld",
                "report",
                "handling",
                "--from",
                "2000-01-01",
                "--to",
                "2099-12-31",
                "--format",
                fmt,
                "--out",
                out.to_str().unwrap(),
            ],
            "",
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.len() > 500);
        if fmt == "pdf" {
            let t = Command::new("pdftotext")
                .arg(&out)
                .arg("-")
                .output()
                .unwrap();
            let t = String::from_utf8_lossy(&t.stdout);
            assert!(t.contains("BÁO CÁO TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN"), "{t}");
            assert!(
                t.contains("Văn phòng") && t.contains("Phạm Thu Chuyên"),
                "{t}"
            );
        } else {
            assert_eq!(&bytes[..2], b"PK");
        }
    }
    // The dashboard counts it.
    let dash = ok(
        d,
        &["--as", "ld", "dashboard", "--year", &today[..4], "--json"],
    );
    let handled = dash["ByStage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Stage"] == "handled")
        .unwrap();
    assert_eq!(handled["Count"], 1);
    // The event chain still verifies with the handling events in it.
    let audit = ok(d, &["audit", "verify", "--json"]);
    assert_eq!(audit["Ok"], true, "{audit}");
}

#[test]
fn send_back_extension_and_overdue_section_6() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    agency(d);
    let doc = ok(
        d,
        &[
            "--as",
            "vt",
            "register",
            &fixture("pub02_cv_ubnd_dvc_khan_2018.pdf"),
            "--json",
        ],
    );
    let id = doc["Id"].as_str().unwrap().to_string();
    let id = id.as_str();
    ok(d, &["--as", "vt", "present", id, "--to", "ld", "--json"]);
    ok(
        d,
        &[
            "--as",
            "ld",
            "forward",
            id,
            "--to",
            "ld2",
            "--note",
            "Chuyển đồng chí Phó Chủ tịch",
            "--json",
        ],
    );
    refused(d, &["--as", "ld", "assign", id, "--lead", "cv", "--json"]);
    let today = vietnam_today();
    let due = today.to_string();
    ok(
        d,
        &[
            "--as",
            "ld2",
            "assign",
            id,
            "--lead",
            "cv",
            "--deadline",
            &due,
            "--json",
        ],
    );
    // Due today: amber.
    let mine = ok(d, &["--as", "cv", "tasks", "--due-soon", "--json"]);
    assert_eq!(mine[0]["Tone"], "due_soon");
    let later = (today + chrono::Duration::days(20)).to_string();
    ok(
        d,
        &[
            "--as",
            "cv",
            "extension",
            id,
            "--until",
            &later,
            "--reason",
            "Chờ số liệu",
            "--json",
        ],
    );
    refused(
        d,
        &[
            "--as",
            "ld",
            "extension",
            id,
            "--task",
            "1",
            "--accept",
            "--json",
        ],
    );
    let v = ok(
        d,
        &[
            "--as",
            "ld2",
            "extension",
            id,
            "--task",
            "1",
            "--accept",
            "--json",
        ],
    );
    assert_eq!(v["Deadline"], later.as_str());
    let v = ok(
        d,
        &[
            "--as",
            "cv",
            "send-back",
            id,
            "--reason",
            "Không thuộc chức năng của Văn phòng",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "presented");
    assert_eq!(v["Leader"]["Code"], "ld2");
    // Nothing is overdue, and a past deadline is refused.
    assert_eq!(
        ok(d, &["--as", "ld2", "tasks", "--overdue", "--json"]),
        Value::Array(vec![])
    );
    let past = (today - chrono::Duration::days(3)).to_string();
    let e = refused(
        d,
        &[
            "--as",
            "ld2",
            "assign",
            id,
            "--lead",
            "TC",
            "--deadline",
            &past,
            "--json",
        ],
    );
    assert!(e.contains("đã qua"), "{e}");
}

#[test]
fn working_days_skip_tet_and_the_stored_calendar_wins() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    agency(d);
    // Friday 13/2/2026 + 1 working day: Tết Bính Ngọ (16–20/2) is skipped.
    assert_eq!(
        text(
            d,
            &["working-days", "add", "--from", "2026-02-13", "--days", "1"]
        ),
        "2026-02-23"
    );
    // 30/4 and 1/5/2026 (Thursday, Friday) are holidays.
    assert_eq!(
        text(
            d,
            &["working-days", "add", "--from", "2026-04-29", "--days", "1"]
        ),
        "2026-05-04"
    );
    let y = ok(d, &["holidays", "list", "--year", "2026", "--json"]);
    assert_eq!(y["Stored"], false);
    // An administrator adds a day off; only an administrator may.
    refused(
        d,
        &[
            "--as",
            "vt",
            "holidays",
            "set",
            "2026-03-10",
            "--kind",
            "agency_day_off",
            "--json",
        ],
    );
    let y = ok(
        d,
        &[
            "--as",
            "qt",
            "holidays",
            "set",
            "2026-03-10",
            "--kind",
            "agency_day_off",
            "--name",
            "Nghỉ theo quyết định của UBND xã",
            "--json",
        ],
    );
    assert_eq!(y["Stored"], true);
    assert_eq!(
        text(
            d,
            &["working-days", "add", "--from", "2026-03-09", "--days", "1"]
        ),
        "2026-03-11"
    );
    // Bad input: a clear bilingual error, nothing printed.
    let e = refused(
        d,
        &["working-days", "add", "--from", "13/02/2026", "--days", "1"],
    );
    assert!(e.contains("YYYY-MM-DD"), "{e}");
}

/// Dates are Vietnam's (UTC+7), as the app's clock gives them.
fn vietnam_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}
