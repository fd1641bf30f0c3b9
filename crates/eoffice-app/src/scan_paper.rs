//! Quét văn bản giấy: paper from a scanner becomes one PDF that waits in
//! the inbox like any file dropped there.
//!
//! The scanner sits behind [`Scanner`] so that the rest never knows which
//! driver stack answered: SANE on Linux ([`crate::sane_scanner`]) today,
//! WIA or TWAIN on Windows next (ARCHITECTURE.md, "Capture").

use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_pdf::image_pdf::{image_pdf, PageImage};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMode {
    Color,
    Gray,
    /// Black and white: smallest files, for plain typed letters.
    Lineart,
}

impl ScanMode {
    pub fn parse(s: &str) -> AppResult<ScanMode> {
        match s.to_lowercase().as_str() {
            "color" | "colour" | "mau" | "màu" => Ok(ScanMode::Color),
            "gray" | "grey" | "xam" | "xám" => Ok(ScanMode::Gray),
            "lineart" | "bw" | "den-trang" | "đen-trắng" => Ok(ScanMode::Lineart),
            _ => Err(AppError::invalid(
                format!("Chế độ quét “{s}” không có; hãy chọn color, gray hoặc lineart."),
                format!("scan mode {s:?} is not one of color, gray, lineart"),
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanSource {
    /// The feeder when the device has one, else the glass.
    Auto,
    Flatbed,
    Feeder,
}

impl ScanSource {
    pub fn parse(s: &str) -> AppResult<ScanSource> {
        match s.to_lowercase().as_str() {
            "auto" => Ok(ScanSource::Auto),
            "flatbed" | "kinh" | "kính" => Ok(ScanSource::Flatbed),
            "adf" | "feeder" | "khay" => Ok(ScanSource::Feeder),
            _ => Err(AppError::invalid(
                format!("Nguồn giấy “{s}” không có; hãy chọn auto, flatbed hoặc adf."),
                format!("scan source {s:?} is not one of auto, flatbed, adf"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanRequest {
    pub device: String,
    pub resolution: u32,
    pub mode: ScanMode,
    /// Both sides of each sheet; needs a duplex feeder.
    pub duplex: bool,
    pub source: ScanSource,
}

impl ScanRequest {
    /// 300 dpi in colour: what the OCR reads best and what keeps the red
    /// seal distinguishable from the text.
    pub fn new(device: &str) -> ScanRequest {
        ScanRequest {
            device: device.to_string(),
            resolution: 300,
            mode: ScanMode::Color,
            duplex: false,
            source: ScanSource::Auto,
        }
    }
}

/// A device the driver stack reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScanDevice {
    pub name: String,
    pub description: String,
}

/// One driver stack: SANE here, WIA/TWAIN on Windows.
pub trait Scanner {
    fn devices(&self) -> AppResult<Vec<ScanDevice>>;
    /// Every page the request gives (a feeder until empty), in order.
    fn scan(&self, req: &ScanRequest) -> AppResult<Vec<PageImage>>;
}

/// What a scan wrote: the PDF, its pages and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "PascalCase")]
pub struct ScanOutcome {
    pub file: String,
    pub pages: usize,
    pub resolution: u32,
    pub bytes: usize,
}

pub(crate) fn scanner_error(vi: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::new(ErrorCode::Scanner, vi, en)
}

/// Scans and writes the PDF to `out`, whole or not at all: it is written
/// beside and renamed, so a watch folder never sees half a file.
pub fn scan_to_file(
    scanner: &dyn Scanner,
    req: &ScanRequest,
    out: &Path,
) -> AppResult<ScanOutcome> {
    if req.resolution < 75 || req.resolution > 1200 {
        return Err(AppError::invalid(
            format!(
                "Độ phân giải {} dpi không hợp lệ; hãy chọn từ 75 đến 1200 (thường là 300).",
                req.resolution
            ),
            format!("resolution {} dpi is outside 75..=1200", req.resolution),
        ));
    }
    let pages = scanner.scan(req)?;
    if pages.is_empty() {
        return Err(scanner_error(
            "Máy quét không trả về trang nào; hãy đặt giấy vào rồi quét lại.",
            "the scanner returned no page",
        ));
    }
    let pdf = image_pdf(&pages, req.resolution);
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| {
            AppError::invalid(
                "Hãy cho tên tệp PDF sẽ lưu bản quét.",
                format!("{} has no file name", out.display()),
            )
        })?;
    let part = out.with_file_name(format!(".{name}.part"));
    std::fs::write(&part, &pdf)
        .and_then(|_| std::fs::rename(&part, out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&part);
            AppError::new(
                ErrorCode::Storage,
                format!("Không ghi được bản quét vào {}.", out.display()),
                format!("cannot write {}: {e}", out.display()),
            )
        })?;
    Ok(ScanOutcome {
        file: out.display().to_string(),
        pages: pages.len(),
        resolution: req.resolution,
        bytes: pdf.len(),
    })
}

impl Eoffice {
    /// Where the next scan goes in the inbox; the name carries the time so
    /// that scans never overwrite each other. The window asks for it and
    /// then scans without holding the data folder.
    pub fn next_scan_path(&self) -> AppResult<PathBuf> {
        let dir = self.inbox_dir();
        std::fs::create_dir_all(&dir)?;
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S");
        let mut name = format!("ban-quet-{stamp}.pdf");
        let mut n = 2;
        while dir.join(&name).exists() {
            name = format!("ban-quet-{stamp}-{n}.pdf");
            n += 1;
        }
        Ok(dir.join(name))
    }

    /// Scans into the inbox, where it waits to be registered.
    pub fn scan_into_inbox(
        &self,
        scanner: &dyn Scanner,
        req: &ScanRequest,
    ) -> AppResult<ScanOutcome> {
        scan_to_file(scanner, req, &self.next_scan_path()?)
    }
}
