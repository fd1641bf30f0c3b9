//! Capture (issue 10): paper through SANE's own `test` device (a real SANE
//! backend that needs no hardware), the inbox folder watched as files
//! arrive, and discards recorded in the log.

mod common;
use common::*;
use eoffice_app::inbox_watch::watch_inbox;
use eoffice_app::sane_scanner::SaneScanner;
use eoffice_app::scan_paper::{scan_to_file, ScanMode, ScanRequest, ScanSource};
use eoffice_app::ErrorCode;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

fn pdfinfo(path: &std::path::Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("poppler-utils is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pdfimages(path: &std::path::Path) -> Vec<String> {
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(str::to_string)
        .collect()
}

fn request(source: ScanSource, mode: ScanMode) -> ScanRequest {
    ScanRequest {
        device: "test".into(),
        // Low resolution keeps ten pages quick; the path is the same at 300.
        resolution: 75,
        mode,
        duplex: false,
        source,
    }
}

#[test]
fn a_feeder_scan_of_ten_sheets_becomes_one_pdf_of_ten_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ban-quet.pdf");
    let r = scan_to_file(
        &SaneScanner::default(),
        &request(ScanSource::Feeder, ScanMode::Gray),
        &out,
    )
    .unwrap();
    // SANE's test feeder is "empty after 10 scans".
    assert_eq!(r.pages, 10);
    let info = pdfinfo(&out);
    assert!(info.contains("Pages:           10"), "{info}");
    // The test device reaches 200 mm: at 75 dpi, 590 pixels, 566.4 pt.
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let w: f64 = size.split_whitespace().nth(2).unwrap().parse().unwrap();
    assert!((w - 566.9).abs() < 2.0, "{size}");
    let images = pdfimages(&out);
    assert_eq!(images.len(), 10);
    assert!(images.iter().all(|l| l.contains(" gray ")), "{images:?}");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["ban-quet.pdf"]);
}

#[test]
fn the_flatbed_gives_one_colour_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mot-trang.pdf");
    let r = scan_to_file(
        &SaneScanner::default(),
        &request(ScanSource::Flatbed, ScanMode::Color),
        &out,
    )
    .unwrap();
    assert_eq!(r.pages, 1);
    let images = pdfimages(&out);
    assert_eq!(images.len(), 1);
    assert!(images[0].contains(" rgb "), "{images:?}");
}

#[test]
fn what_the_device_cannot_do_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let scanner = SaneScanner::default();
    let mut duplex = request(ScanSource::Auto, ScanMode::Color);
    duplex.duplex = true;
    let e = scan_to_file(&scanner, &duplex, &out).unwrap_err();
    assert_eq!(e.code, ErrorCode::Scanner);
    assert!(e.message.contains("hai mặt"), "{}", e.message);
    let lineart = request(ScanSource::Auto, ScanMode::Lineart);
    let e = scan_to_file(&scanner, &lineart, &out).unwrap_err();
    assert_eq!(e.code, ErrorCode::Scanner);
    let mut missing = request(ScanSource::Auto, ScanMode::Gray);
    missing.device = "khong-co-may-nay".into();
    let e = scan_to_file(&scanner, &missing, &out).unwrap_err();
    assert_eq!(e.code, ErrorCode::Scanner);
    assert!(e.message.contains("khong-co-may-nay"), "{}", e.message);
    let mut silly = request(ScanSource::Auto, ScanMode::Gray);
    silly.resolution = 5;
    assert_eq!(
        scan_to_file(&scanner, &silly, &out).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert!(!out.exists());
}

#[test]
fn a_scan_into_the_inbox_waits_there_and_a_discard_is_logged_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let r = app
        .scan_into_inbox(
            &SaneScanner::default(),
            &request(ScanSource::Flatbed, ScanMode::Gray),
        )
        .unwrap();
    let name = std::path::Path::new(&r.file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(name.starts_with("ban-quet-"), "{name}");
    let entries = app.inbox_entries().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].name, name);
    let bytes = app.read_inbox(&name).unwrap();

    let e = app.discard_inbox("văn thư", &name, "  ").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput, "a discard needs a reason");
    assert_eq!(app.inbox_entries().unwrap().len(), 1, "nothing moved");
    assert_eq!(
        app.discard_inbox("văn thư", "../eoffice.sqlite", "x")
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );

    app.discard_inbox("văn thư", &name, "Trang trắng, quét nhầm")
        .unwrap();
    assert!(app.inbox_entries().unwrap().is_empty());
    let kept = app
        .inbox_dir()
        .join(eoffice_app::inbox::DISCARDED_FOLDER)
        .join(&name);
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        bytes,
        "the file is kept, byte for byte"
    );

    let conn = rusqlite::Connection::open(dir.path().join("eoffice.sqlite")).unwrap();
    let events = eoffice_store::events::all(&conn).unwrap();
    let ev = events
        .iter()
        .find(|e| e.command == "capture.discarded")
        .expect("the discard is logged");
    assert_eq!(ev.payload["Reason"], "Trang trắng, quét nhầm");
    assert_eq!(ev.payload["FileName"], name.as_str());
    assert_eq!(
        ev.payload["Sha256"],
        eoffice_store::blobs::sha256_hex(&bytes).as_str()
    );
    assert_eq!(ev.payload["Source"], "inbox");
    assert!(
        app.verify_audit().unwrap().ok,
        "the log's chain holds with the new kind"
    );
}

#[test]
fn the_watched_inbox_shows_a_file_at_once_and_opens_it_once_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (tx, rx) = mpsc::channel();
    let _watch = watch_inbox(dir.path(), move |entries| {
        let _ = tx.send(entries);
    })
    .unwrap();
    let first = rx.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(first.is_empty());

    let pdf = fixture("pub02_cv_ubnd_dvc_khan_2018.pdf");
    let path = dir.path().join("cv-den.pdf");
    std::fs::write(&path, &pdf[..pdf.len() / 2]).unwrap();
    let shown = rx
        .recv_timeout(Duration::from_secs(2))
        .expect("shown at once");
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].name, "cv-den.pdf");
    assert!(!shown[0].ready, "half a file is still being copied");
    // The copy stalls longer than the stable time, but the PDF is not
    // closed yet: it stays "being copied".
    std::thread::sleep(Duration::from_millis(1800));
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    f.write_all(&pdf[pdf.len() / 2..]).unwrap();
    drop(f);
    let mut last = shown;
    while !last.first().is_some_and(|e| e.ready) {
        last = rx
            .recv_timeout(Duration::from_secs(5))
            .expect("ready once whole and still");
        assert!(last.iter().all(|e| e.ready || e.size <= pdf.len() as u64));
    }
    assert_eq!(last[0].size, pdf.len() as u64);
    // Files that are not PDFs, and partial files, are not the queue's.
    std::fs::write(dir.path().join("ghi-chu.txt"), "x").unwrap();
    std::fs::write(dir.path().join(".ban-quet.pdf.part"), "%PDF-").unwrap();
    std::fs::remove_file(&path).unwrap();
    let gone = rx.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(gone.is_empty(), "{gone:?}");
}

#[test]
fn the_inbox_folder_is_set_for_this_desktop_and_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let share = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    assert_eq!(app.inbox_dir(), dir.path().join("inbox"));
    assert_eq!(
        app.set_inbox_folder(Some(std::path::Path::new("relative/share")))
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        app.set_inbox_folder(Some(&share.path().join("missing")))
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        app.set_inbox_folder(Some(share.path())).unwrap(),
        share.path()
    );
    drop(app);
    let app = open(dir.path(), "2026-12-01T09:00:00+07:00");
    assert_eq!(app.inbox_dir(), share.path(), "kept across restarts");
}
