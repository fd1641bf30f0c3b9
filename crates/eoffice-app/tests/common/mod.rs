//! Shared set-up for the app's integration tests: a real data folder in a
//! temporary directory and the fixture PDFs from `../shared/fixtures`.
#![allow(dead_code)]

use chrono::DateTime;
use eoffice_app::{Eoffice, FixedClock, RegisterRequest};
use std::path::PathBuf;

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/documents")
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Every fixture PDF with a text layer that is a document of its own (not
/// an appendix), by file name.
pub fn registrable_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".pdf"))
        .filter(|n| {
            let truth: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(fixtures().join(n.replace(".pdf", ".json"))).unwrap(),
            )
            .unwrap();
            truth["text_layer"].as_bool().unwrap() && truth["issuer"].is_string()
        })
        .collect();
    names.sort();
    names
}

pub fn at(s: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub fn open(dir: &std::path::Path, now: &str) -> Eoffice {
    Eoffice::open(dir, Box::new(FixedClock(at(now)))).unwrap()
}

pub fn new_agency(dir: &std::path::Path) -> Eoffice {
    let mut app = open(dir, "2026-12-01T09:00:00+07:00");
    app.init_agency(
        "admin",
        "000.00.00.H37",
        "UBND tỉnh Lạng Sơn",
        Some("UBND"),
        Some("Lạng Sơn"),
    )
    .unwrap();
    app
}

pub fn req(file: &str, arrival: &str) -> RegisterRequest {
    RegisterRequest {
        file_name: Some(file.to_string()),
        arrival_date: Some(chrono::NaiveDate::parse_from_str(arrival, "%Y-%m-%d").unwrap()),
        actor: "văn thư".into(),
        ..Default::default()
    }
}
