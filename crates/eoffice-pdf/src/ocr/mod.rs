//! OCR of scanned PDFs: poppler's `pdftoppm` renders each page, Tesseract 5
//! with the Vietnamese model reads it, and the words become a
//! [`PdfLayout`] the field rules read like a text PDF's.
//!
//! Invariant: both programs run out of process under a time limit per
//! page (`child::run_limited`), so a page that hangs the engine is killed
//! and costs only its limit. The PDF bytes are never changed.

pub mod raster;
pub mod words;

use crate::child::{run_limited, ChildError};
use crate::layout::{Page, PdfLayout};
use raster::Gray;
use std::process::Command;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct OcrOptions {
    pub dpi: u32,
    /// Tesseract's language list, `vie` by default.
    pub lang: String,
    /// Each program's limit for one page.
    pub page_time: Duration,
    /// Pages past this are left unread (the fields are on the first and
    /// last pages; a 300-page annex would hold the queue for minutes).
    pub max_pages: usize,
    /// Render in colour, for the ink dropout; a scan of grey images is
    /// rendered grey, which is faster and loses nothing.
    pub colour: bool,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            dpi: 300,
            lang: "vie".into(),
            page_time: Duration::from_secs(60),
            max_pages: 40,
            colour: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OcrError {
    #[error(
        "OCR needs {0}; install the Debian packages tesseract-ocr tesseract-ocr-vie poppler-utils"
    )]
    NotInstalled(String),
    #[error("page {page} could not be rendered: {detail}")]
    Render { page: usize, detail: String },
    #[error("page {page}: OCR took longer than {secs} s and was stopped")]
    TimedOut { page: usize, secs: u64 },
    #[error("page {page}: the OCR engine failed: {detail}")]
    Engine { page: usize, detail: String },
}

impl OcrError {
    pub fn message_vi(&self) -> String {
        match self {
            OcrError::NotInstalled(p) => format!(
                "Máy chưa cài chương trình nhận dạng chữ ({p}). Hãy cài gói tesseract-ocr, tesseract-ocr-vie và poppler-utils."
            ),
            OcrError::Render { page, .. } => {
                format!("Không dựng được ảnh trang {page} để nhận dạng chữ; tệp có thể bị hỏng.")
            }
            OcrError::TimedOut { page, secs } => format!(
                "Nhận dạng chữ trang {page} quá {secs} giây nên đã dừng; hãy nhập tay các trường."
            ),
            OcrError::Engine { page, .. } => {
                format!("Chương trình nhận dạng chữ lỗi ở trang {page}; hãy nhập tay các trường.")
            }
        }
    }

    fn from_child(page: usize, e: ChildError, render: bool) -> OcrError {
        match e {
            ChildError::Missing { program, .. } => OcrError::NotInstalled(program),
            ChildError::TimedOut { secs, .. } => OcrError::TimedOut { page, secs },
            ChildError::Failed { detail, .. } if render => OcrError::Render { page, detail },
            ChildError::Failed { detail, .. } => OcrError::Engine { page, detail },
        }
    }
}

/// How one page was read.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrPage {
    /// Quarter turns applied before reading (0, 90, 180, 270).
    pub turned: u32,
    /// The skew measured and removed, in degrees.
    pub skew: f64,
    /// Mean word confidence, 0–1.
    pub mean_conf: f32,
    pub words: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OcrRead {
    pub layout: PdfLayout,
    pub pages: Vec<OcrPage>,
}

/// Reads every page (up to `max_pages`) of a scanned PDF. `progress` is
/// called with (pages done, pages to do) before and after each page.
pub fn ocr_pdf(
    bytes: &[u8],
    page_count: usize,
    opts: &OcrOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<OcrRead, OcrError> {
    let todo = page_count.min(opts.max_pages);
    let mut read = OcrRead {
        layout: PdfLayout::default(),
        pages: Vec::new(),
    };
    progress(0, todo);
    for n in 1..=todo {
        let image = render_page(bytes, n, opts)?;
        let (page, info) = ocr_image(&image, n, opts)?;
        read.layout.pages.push(page);
        read.pages.push(info);
        progress(n, todo);
    }
    Ok(read)
}

/// Renders page `n` (1-based) as greyscale at the options' resolution.
pub fn render_page(bytes: &[u8], n: usize, opts: &OcrOptions) -> Result<Gray, OcrError> {
    let mut cmd = Command::new("pdftoppm");
    cmd.args(["-r", &opts.dpi.to_string()])
        .args(["-f", &n.to_string(), "-l", &n.to_string()]);
    if !opts.colour {
        cmd.arg("-gray");
    }
    cmd.arg("-");
    let out = run_limited(cmd, Some(bytes.to_vec()), opts.page_time)
        .map_err(|e| OcrError::from_child(n, e, true))?;
    Gray::from_pnm(&out).ok_or_else(|| OcrError::Render {
        page: n,
        detail: "pdftoppm gave no image".into(),
    })
}

/// Reads one page image. A page that reads badly is asked for its
/// orientation and read again turned, keeping the better reading.
pub fn ocr_image(image: &Gray, n: usize, opts: &OcrOptions) -> Result<(Page, OcrPage), OcrError> {
    let first = recognise(image, n, opts)?;
    let (mut words, mut turned, mut img) = (first, 0, None);
    if reads_badly(&words) {
        if let Some(rotate) = orientation(image, n, opts)? {
            let t = image.turned(rotate);
            let again = recognise(&t, n, opts)?;
            if mean_conf(&again) > mean_conf(&words) {
                (words, turned, img) = (again, rotate, Some(t));
            }
        }
    }
    // Word boxes are straightened after reading, but at a few degrees
    // Tesseract's own layout analysis starts to drop whole blocks (a title,
    // a subject). A page that crooked is turned straight and read again;
    // the reading with more confident words wins.
    // Skew is measured on enough text to trust: on a last page of a few
    // lines, the seal and the signature tilt it.
    let skew = words::skew_degrees(&words);
    if skew.abs() >= STRAIGHTEN_FROM && words.len() >= 40 {
        let straight = img.as_ref().unwrap_or(image).rotated(skew);
        let again = recognise(&straight, n, opts)?;
        if total_conf(&again) > total_conf(&words) {
            (words, img) = (again, Some(straight));
        }
    }
    let img = img.as_ref().unwrap_or(image);
    let dpi = opts.dpi as f64;
    let page = words::page_from_words(&words, img.width as f64, img.height as f64, dpi);
    let info = OcrPage {
        turned,
        skew: words::skew_degrees(&words),
        mean_conf: mean_conf(&words),
        words: words.len(),
    };
    Ok((page, info))
}

/// Skew from which a page is turned straight and read again (degrees).
const STRAIGHTEN_FROM: f64 = 1.5;

fn total_conf(words: &[words::OcrWord]) -> f32 {
    words.iter().map(|w| w.conf).sum()
}

fn reads_badly(words: &[words::OcrWord]) -> bool {
    words.len() < 15 || mean_conf(words) < 0.6
}

fn mean_conf(words: &[words::OcrWord]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().map(|w| w.conf).sum::<f32>() / words.len() as f32 / 100.0
}

/// A page image handed to Tesseract as a file: Leptonica reads a file a
/// quarter faster than the same image from a pipe. Removed when dropped.
struct PageFile(std::path::PathBuf);

impl PageFile {
    fn write(image: &Gray, n: usize) -> Result<PageFile, OcrError> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let k = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("eoffice-ocr-{}-{k}.pgm", std::process::id()));
        std::fs::write(&path, image.to_pgm()).map_err(|e| OcrError::Render {
            page: n,
            detail: format!("cannot write the page image: {e}"),
        })?;
        Ok(PageFile(path))
    }
}

impl Drop for PageFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn tesseract(page: &PageFile, opts: &OcrOptions) -> Command {
    let mut cmd = Command::new("tesseract");
    // One thread per page: Tesseract's OpenMP threads spin and cost more
    // system time than they save on a two-core desktop.
    cmd.env("OMP_THREAD_LIMIT", "1")
        .arg(&page.0)
        .args(["stdout", "--dpi", &opts.dpi.to_string()]);
    cmd
}

fn recognise(image: &Gray, n: usize, opts: &OcrOptions) -> Result<Vec<words::OcrWord>, OcrError> {
    let page = PageFile::write(image, n)?;
    let mut cmd = tesseract(&page, opts);
    cmd.args(["-l", &opts.lang, "--psm", "3", "tsv"]);
    let out =
        run_limited(cmd, None, opts.page_time).map_err(|e| OcrError::from_child(n, e, false))?;
    Ok(words::parse_tsv(&String::from_utf8_lossy(&out)))
}

/// The quarter turn (clockwise) Tesseract's orientation detection asks
/// for, when it is sure enough; `None` for upright or undecided.
fn orientation(image: &Gray, n: usize, opts: &OcrOptions) -> Result<Option<u32>, OcrError> {
    let page = PageFile::write(image, n)?;
    let mut cmd = tesseract(&page, opts);
    cmd.args(["--psm", "0"]);
    let out = match run_limited(cmd, None, opts.page_time) {
        Ok(out) => out,
        // A page with too little text for the detector is not an error.
        Err(ChildError::Failed { .. }) => return Ok(None),
        Err(e) => return Err(OcrError::from_child(n, e, false)),
    };
    let text = String::from_utf8_lossy(&out);
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse::<f64>().ok())
    };
    let (Some(rotate), Some(conf)) = (value("Rotate:"), value("Orientation confidence:")) else {
        return Ok(None);
    };
    let rotate = rotate as u32 % 360;
    Ok((rotate != 0 && conf >= 1.0).then_some(rotate))
}
