//! The two outside validators every signature of the project must pass:
//! pyHanko (installed in a venv by scripts/setup.sh) and poppler's
//! `pdfsig`, whose text is read because it exits 0 even on a broken
//! digest. Shared by the signing tests of eoffice-sign and eoffice-cli.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
}

pub fn pyhanko() -> PathBuf {
    std::env::var_os("EOFFICE_PYHANKO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root/.cache/eoffice-venv/bin/pyhanko"))
}

/// pyHanko's verdict on every signature of `pdf`, trusting the fixture CA:
/// (exit status success, its report).
pub fn pyhanko_lines(pdf: &Path) -> (bool, String) {
    let out = Command::new(pyhanko())
        .args(["sign", "validate", "--trust"])
        .arg(fixtures().join("pki/ca.cert.pem"))
        .arg(pdf)
        .output()
        .expect("pyhanko runs (scripts/setup.sh installs it in a venv)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// pdfsig's "Signature Validation:" lines, one per signature.
pub fn pdfsig_validations(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdfsig")
        .arg(pdf)
        .output()
        .expect("pdfsig runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("Signature Validation:"))
        .map(|l| l.trim().to_string())
        .collect()
}

/// The text of a PDF as pdftotext reads it (layout kept).
pub fn pdftotext(pdf: &Path) -> String {
    pdftotext_with(pdf, "-layout")
}

/// The text in content order, which keeps a form field's value (drawn
/// over the page) in one piece.
pub fn pdftotext_raw(pdf: &Path) -> String {
    pdftotext_with(pdf, "-raw")
}

fn pdftotext_with(pdf: &Path, mode: &str) -> String {
    let out = Command::new("pdftotext")
        .args([mode, "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
