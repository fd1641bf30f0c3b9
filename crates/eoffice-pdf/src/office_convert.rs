//! DOCX/ODT drafts into PDF through LibreOffice headless (Debian
//! `libreoffice-writer-nogui`), so the PDF a reviewer reads is the one that
//! is signed (issue 8). LibreOffice runs as its own process, with its own
//! throwaway profile (two conversions never share one, and the user's is
//! never touched), under a time limit after which it is killed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The office formats a draft may come in; PDF needs no conversion.
pub const OFFICE_EXTENSIONS: [&str; 5] = ["docx", "doc", "odt", "fodt", "rtf"];

#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("a draft must be PDF, DOCX, DOC, ODT or RTF, not {0:?}")]
    UnsupportedType(String),
    #[error("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")]
    NoLibreOffice,
    #[error("LibreOffice could not convert the file (damaged or not a text document): {0}")]
    Failed(String),
    #[error("LibreOffice took longer than {0} s and was stopped")]
    TimedOut(u64),
    #[error("temporary folder: {0}")]
    Io(#[from] std::io::Error),
}

impl ConvertError {
    pub fn message_vi(&self) -> String {
        match self {
            Self::UnsupportedType(ext) => format!(
                "Dự thảo phải là tệp PDF, DOCX, DOC, ODT hoặc RTF, không nhận tệp “{ext}”."
            ),
            Self::NoLibreOffice => {
                "Máy chưa cài LibreOffice để chuyển DOCX/ODT sang PDF (gói libreoffice-writer-nogui).".into()
            }
            Self::Failed(_) => {
                "Không chuyển được tệp sang PDF: tệp hỏng hoặc không phải văn bản. Dự thảo chưa được lưu.".into()
            }
            Self::TimedOut(s) => format!("Chuyển sang PDF quá {s} giây nên đã dừng. Dự thảo chưa được lưu."),
            Self::Io(_) => "Không ghi được thư mục tạm để chuyển tệp sang PDF.".into(),
        }
    }
}

/// Whether a file name asks for conversion (`Some(ext)`), is a PDF
/// (`None`), or is refused.
pub fn office_extension(file_name: &str) -> Result<Option<String>, ConvertError> {
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ext == "pdf" {
        return Ok(None);
    }
    if OFFICE_EXTENSIONS.contains(&ext.as_str()) {
        return Ok(Some(ext));
    }
    Err(ConvertError::UnsupportedType(ext))
}

/// A folder removed when dropped, whatever happens in between.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch() -> std::io::Result<Scratch> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "eoffice-convert-{}-{}-{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(Scratch(dir))
}

fn soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("EOFFICE_SOFFICE") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Converts `bytes` (a file with extension `ext`) to PDF.
pub fn convert_to_pdf(bytes: &[u8], ext: &str, limit: Duration) -> Result<Vec<u8>, ConvertError> {
    let program = soffice().ok_or(ConvertError::NoLibreOffice)?;
    let dir = scratch()?;
    let input = dir.0.join(format!("draft.{ext}"));
    std::fs::write(&input, bytes)?;
    let out = dir.0.join("out");
    let profile = dir.0.join("profile");
    let mut child = Command::new(program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--nologo", "--nodefault"])
        .args(["--convert-to", "pdf:writer_pdf_Export", "--outdir"])
        .arg(&out)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ConvertError::NoLibreOffice,
            _ => ConvertError::Io(e),
        })?;
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait()? {
            break s;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ConvertError::TimedOut(limit.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let pdf = std::fs::read(out.join("draft.pdf")).ok();
    match pdf {
        Some(pdf) if status.success() && pdf.starts_with(b"%PDF-") => Ok(pdf),
        _ => {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            Err(ConvertError::Failed(format!(
                "exit {status}; {}",
                err.trim().chars().take(300).collect::<String>()
            )))
        }
    }
}
