//! The `eoffice` command line as scripts use it: exit codes (0 success,
//! 1 bad input, 2 bad usage), JSON names from Appendix VI, messages in
//! English and Vietnamese, and never a panic.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/documents")
}

fn eoffice(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eoffice"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("EOFFICE_DATA_DIR")
        .output()
        .unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn fixture(name: &str) -> String {
    fixtures().join(name).to_string_lossy().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn init(dir: &Path) {
    let o = eoffice(
        dir,
        &[
            "init",
            "--agency-id",
            "000.00.00.H37",
            "--agency-name",
            "UBND tỉnh Lạng Sơn",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn intake_prints_appendix_vi_fields_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = eoffice(
        dir.path(),
        &[
            "intake",
            &fixture("pub02_cv_ubnd_dvc_khan_2018.pdf"),
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["CodeNumber"], "215");
    assert_eq!(v["CodeNotation"], "UBND-KGVX");
    assert_eq!(v["TypeName"], "Công văn");
    assert_eq!(v["IssuedDate"], "2018-03-05");
    assert_eq!(v["Place"], "Lạng Sơn");
    assert_eq!(v["OrganName"], "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN");
    assert_eq!(v["SignerInfo"]["Competence"], "KT. CHỦ TỊCH");
    assert_eq!(v["SignerInfo"]["FullName"], "Lý Vinh Quang");
    assert_eq!(v["Priority"], 1);
    assert_eq!(v["Secrecy"], Value::Null);
    assert_eq!(v["PageAmount"], 2);
    assert_eq!(v["ToPlaces"][0], "Như trên");
    assert!(v["Confidence"]["CodeNumber"].as_f64().unwrap() > 0.8);
    assert!(!dir.path().join("blobs").exists(), "intake stores nothing");
}

#[test]
fn intake_of_a_scan_reports_ocr_and_per_field_confidences() {
    let dir = tempfile::tempdir().unwrap();
    let o = eoffice(
        dir.path(),
        &[
            "intake",
            &fixture("pub08_qd_stttt_tokythuat_scan_2018.pdf"),
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["Ocr"], true);
    assert_eq!(v["NeedsOcr"], false);
    assert_eq!(v["TextLayer"], false);
    assert_eq!(v["TypeName"], "Quyết định");
    for k in [
        "CodeNumber",
        "IssuedDate",
        "OrganName",
        "Subject",
        "SignerInfo",
    ] {
        let c = v["Confidence"][k].as_f64().unwrap_or(-1.0);
        assert!(c > 0.0 && c <= 1.0, "{k}: {c}");
    }
}

/// `eoffice scan` on SANE's own test device: its feeder gives ten sheets,
/// which become one PDF; a duplex request it cannot meet is refused in
/// both languages with the scanner's error code.
#[test]
fn scan_from_the_sane_test_device_writes_one_pdf_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quet.pdf");
    let o = eoffice(
        dir.path(),
        &[
            "scan",
            "--device",
            "test",
            "--resolution",
            "75",
            "--mode",
            "gray",
            "--source",
            "adf",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["Pages"], 10);
    assert_eq!(v["Resolution"], 75);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));

    let o = eoffice(
        dir.path(),
        &[
            "scan",
            "--device",
            "test",
            "--duplex",
            "--out",
            dir.path().join("hai-mat.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("duplex") && e.contains("hai mặt"), "{e}");
    assert!(!dir.path().join("hai-mat.pdf").exists());
    let o = eoffice(
        dir.path(),
        &[
            "scan", "--device", "test", "--mode", "sepia", "--out", "x.pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("color, gray"), "{}", stderr(&o));
}

/// Without `--out` the scan goes to the inbox, where `inbox list` shows it
/// and `inbox discard` takes it out with a reason kept in the log.
#[test]
fn a_scan_lands_in_the_inbox_and_is_discarded_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let o = eoffice(
        dir.path(),
        &[
            "scan",
            "--device",
            "test",
            "--resolution",
            "75",
            "--source",
            "flatbed",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = eoffice(dir.path(), &["inbox", "list", "--json"]);
    let list = json(&o);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let name = list[0]["Name"].as_str().unwrap().to_string();
    let o = eoffice(
        dir.path(),
        &["inbox", "discard", &name, "--reason", "", "--json"],
    );
    assert_eq!(o.status.code(), Some(1), "a reason is needed");
    let o = eoffice(
        dir.path(),
        &[
            "inbox",
            "discard",
            &name,
            "--reason",
            "Quét nhầm trang trắng",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["Discarded"], name.as_str());
    let o = eoffice(dir.path(), &["inbox", "list", "--json"]);
    assert_eq!(json(&o), serde_json::json!([]));
    assert!(dir.path().join("inbox/da-bo").join(&name).is_file());
    let o = eoffice(dir.path(), &["audit", "verify", "--json"]);
    assert_eq!(json(&o)["Ok"], true);
}

/// `eoffice bench ocr` runs once here so that the benchmark cannot rot;
/// its figures are measured in release, outside the test command.
#[test]
fn the_ocr_benchmark_runs_and_prints_the_pipeline_beside_tesseract() {
    let dir = tempfile::tempdir().unwrap();
    let o = eoffice(dir.path(), &["bench", "ocr", "--rounds", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("6/6 header and signer fields found"), "{out}");
    let ratio = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("ratio eoffice/tesseract: "))
        .and_then(|r| r.split('×').next())
        .and_then(|r| r.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("no ratio in {out}"));
    assert!(ratio > 0.0, "{out}");
}

/// The search and list benchmarks of issue 11 run once on a tiny corpus:
/// the realistic vocabulary is read from the fixture letters, every query
/// kind and every list view prints a line.
#[test]
fn the_search_and_list_benchmarks_run_on_a_tiny_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("corpus");
    let w = work.to_str().unwrap();
    let o = eoffice(
        dir.path(),
        &[
            "bench",
            "search",
            "--docs",
            "400",
            "--years",
            "2",
            "--work-dir",
            w,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let words: usize = out
        .split(" distinct words")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no vocabulary size in {out}"));
    assert!(words > 2_000, "{out}");
    for kind in [
        "common words",
        "rare word",
        "prefix while typing",
        "number and symbol",
        "organ plus topic",
        "a person's name",
    ] {
        assert!(out.contains(kind), "{kind} missing from {out}");
    }
    // The same corpus is reused by the list benchmark.
    let o = eoffice(
        dir.path(),
        &[
            "bench",
            "list",
            "--docs",
            "400",
            "--years",
            "2",
            "--rounds",
            "3",
            "--work-dir",
            w,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("one year, 200 documents"), "{out}");
    assert!(out.contains("all 2 years, 400 documents"), "{out}");
    assert_eq!(out.matches("worst p95 over all views").count(), 2, "{out}");
    assert_eq!(out.matches("sort Subject desc").count(), 2, "{out}");
}

#[test]
fn register_list_show_search_and_audit_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let o = eoffice(
        dir.path(),
        &[
            "register",
            &fixture("pub05_gm_snv_taphuan_nfd_2025.pdf"),
            "--arrival-date",
            "2026-10-09",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = json(&o);
    assert_eq!(
        (doc["ArrivalNumber"].as_str(), doc["ArrivalDate"].as_str()),
        (Some("01"), Some("2026-10-09"))
    );
    assert_eq!(
        doc["Subject"],
        "Dự Hội nghị tập huấn nghiệp vụ văn thư, lưu trữ và quản lý văn bản điện tử năm 2025"
    );
    let id = doc["Id"].as_str().unwrap().to_string();

    let o = eoffice(
        dir.path(),
        &[
            "register",
            &fixture("pub07_ttr_stttt_dvc_q_gd_2019.pdf"),
            "--set",
            "Priority=Thượng khẩn",
            "--set",
            "Subject=Về việc thử",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["Priority"], 2);
    assert_eq!(json(&o)["Subject"], "Về việc thử");

    let o = eoffice(
        dir.path(),
        &[
            "list", "incoming", "--year", "2026", "--limit", "10", "--json",
        ],
    );
    let page = json(&o);
    assert_eq!(page["Total"], 2);
    assert_eq!(page["Items"][0]["ArrivalNumber"], "01");
    assert!(page["Items"][0].get("Body").is_none() && page["Items"][0].get("Text").is_none());

    let o = eoffice(dir.path(), &["show", &id, "--json"]);
    let detail = json(&o);
    // Received, registered, and this opening (Appendix VI records views).
    assert_eq!(detail["History"].as_array().unwrap().len(), 3);
    assert_eq!(detail["History"][1]["Command"], "incoming.registered");
    assert_eq!(detail["History"][2]["Command"], "document.viewed");

    let o = eoffice(
        dir.path(),
        &["search", "giay moi tap huan van thu", "--json"],
    );
    let hits = json(&o);
    assert_eq!(hits[0]["Id"], id.as_str());

    let out = dir.path().join("book.csv");
    let o = eoffice(
        dir.path(),
        &[
            "book",
            "export",
            "--direction",
            "incoming",
            "--year",
            "2026",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out).unwrap().contains("45/GM-SNV"));

    let o = eoffice(dir.path(), &["audit", "verify", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["Ok"], true);
}

#[test]
fn bad_input_exits_1_with_english_and_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let garbage = dir.path().join("garbage.pdf");
    std::fs::write(&garbage, b"%PDF-1.7\n this is not really a pdf").unwrap();
    let not_pdf = dir.path().join("letter.txt");
    std::fs::write(&not_pdf, "Kính gửi").unwrap();
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            vec!["register".into(), garbage.display().to_string()],
            "damaged",
            "bị hỏng",
        ),
        (
            vec!["intake".into(), not_pdf.display().to_string()],
            "not a PDF",
            "không phải là PDF",
        ),
        (
            vec!["intake".into(), "/no/such/file.pdf".into()],
            "cannot read",
            "không có tệp này",
        ),
        (
            vec![
                "register".into(),
                fixture("pub01_tb_ketluan_vp_ubnd_2018.pdf"),
                "--arrival-date".into(),
                "20/11/2026".into(),
            ],
            "YYYY-MM-DD",
            "YYYY-MM-DD",
        ),
        (
            vec![
                "register".into(),
                fixture("pub01_tb_ketluan_vp_ubnd_2018.pdf"),
                "--set".into(),
                "CodeNotation=QĐ UBND".into(),
            ],
            "spaces",
            "dấu cách",
        ),
        (
            vec![
                "register".into(),
                fixture("pub01_tb_ketluan_vp_ubnd_2018.pdf"),
                "--set".into(),
                "Subject".into(),
            ],
            "Field=Value",
            "Trường=Giá trị",
        ),
        (
            vec!["show".into(), "nope".into()],
            "not found",
            "Không tìm thấy",
        ),
        (
            vec![
                "init".into(),
                "--agency-id".into(),
                "000.00.00.H37".into(),
                "--agency-name".into(),
                "X".into(),
            ],
            "already belongs",
            "đã có cơ quan",
        ),
    ];
    for (args, en, vi) in cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = eoffice(dir.path(), &a);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{a:?}: {err}");
        assert!(err.contains("error: ") && err.contains(en), "{a:?}: {err}");
        assert!(err.contains("lỗi: ") && err.contains(vi), "{a:?}: {err}");
        assert!(!err.contains("panicked"), "{a:?}: {err}");
    }
    // With --json the error contract is on stdout too.
    let o = eoffice(dir.path(), &["show", "nope", "--json"]);
    assert_eq!(json(&o)["error"]["code"], "not_found");
    // Nothing was registered by any of that.
    let o = eoffice(dir.path(), &["list", "incoming", "--json"]);
    assert_eq!(json(&o)["Total"], 0);
}

#[test]
fn duplicates_are_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let f = fixture("pub03_qd_ubnd_eoffice_phuluc_2024.pdf");
    assert_eq!(
        eoffice(dir.path(), &["register", &f]).status.code(),
        Some(0)
    );
    let o = eoffice(dir.path(), &["register", &f, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["error"]["code"], "duplicate");
    assert!(stderr(&o).contains("đã được vào sổ"));
    let o = eoffice(dir.path(), &["register", &f, "--allow-duplicate", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["ArrivalNumber"], "02");
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["frobnicate"],
        vec!["register"],
        vec!["list"],
        vec!["search"],
        vec!["init", "--agency-id", "x"],
        vec!["list", "incoming", "--limit", "many"],
    ] {
        let o = eoffice(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn audit_verify_fails_when_the_log_or_an_original_is_tampered_with() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    assert_eq!(
        eoffice(
            dir.path(),
            &["register", &fixture("pub04_kh_ubnd_tp_attt_2023.pdf")]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        eoffice(dir.path(), &["audit", "verify"]).status.code(),
        Some(0)
    );
    // Damage the stored original.
    let blobs = dir.path().join("blobs");
    let sub = std::fs::read_dir(&blobs)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = std::fs::read_dir(&sub)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    let o = eoffice(dir.path(), &["audit", "verify", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["Ok"], false);
    bytes[100] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(
        eoffice(dir.path(), &["audit", "verify"]).status.code(),
        Some(0)
    );
    // Rewrite history behind the triggers' back.
    let conn = rusqlite::Connection::open(dir.path().join("eoffice.sqlite")).unwrap();
    conn.execute_batch("DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'someone else' WHERE seq = 2;").unwrap();
    drop(conn);
    let o = eoffice(dir.path(), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không"), "{}", stderr(&o));
}
