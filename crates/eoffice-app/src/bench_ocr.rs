//! `eoffice bench ocr`: what OCR of a one-page A4 scan at 300 dpi costs
//! through the whole pipeline (render, ink dropout, Tesseract, orientation
//! check, layout, field rules), beside the `tesseract` command alone on the
//! same page image (issue 10: the pipeline within 1.3× of it).

use crate::bench::Stats;
use crate::{AppError, AppResult};
use eoffice_pdf::image_pdf::{image_pdf, PageImage, PixelKind};
use eoffice_pdf::letter_pdf::{render_letter, Letter};
use eoffice_pdf::ocr::{ocr_pdf, render_page, OcrOptions};
use eoffice_pdf::{extract_fields, extract_layout, ExtractLimits};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct OcrFigures {
    /// extract (finds no text) + OCR + field rules, as intake runs them.
    pub pipeline: Stats,
    /// `tesseract page.pgm stdout -l vie`, as installed (its own threads).
    pub tesseract: Stats,
    /// The same with one thread, as the pipeline runs it.
    pub tesseract_one_thread: Stats,
    pub words: usize,
    pub fields_found: usize,
}

/// A one-page letter printed and scanned: the image PDF a scanner writes.
pub fn one_page_scan(opts: &OcrOptions) -> AppResult<Vec<u8>> {
    let pdf = render_letter(&Letter {
        parent_organ: Some("UBND TỈNH LẠNG SƠN"),
        organ: "Sở Thông tin và Truyền thông",
        symbol_tail: "",
        place: "Lạng Sơn",
        year: 2026,
        title: Some("QUYẾT ĐỊNH"),
        subject: "Về việc thành lập Tổ kỹ thuật chuyển đổi số",
        body: &[crate::bench_sign::PARAGRAPH; 4],
        competence: Some("KT. GIÁM ĐỐC"),
        position: "PHÓ GIÁM ĐỐC",
        signer: "Triệu Quang Huy",
        recipients: &["Như trên"],
        number: Some("15/QĐ-STTTT"),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 5),
        ..Default::default()
    });
    let page = render_page(&pdf, 1, opts).map_err(ocr_err)?;
    Ok(image_pdf(
        &[PageImage {
            width: page.width,
            height: page.height,
            kind: PixelKind::Gray,
            data: page.pixels,
        }],
        opts.dpi,
    ))
}

fn ocr_err(e: eoffice_pdf::ocr::OcrError) -> AppError {
    AppError::invalid(e.message_vi(), e.to_string())
}

fn tesseract(image: &Path, one_thread: bool) -> AppResult<Duration> {
    let mut cmd = Command::new("tesseract");
    cmd.arg(image).args(["stdout", "-l", "vie"]);
    if one_thread {
        cmd.env("OMP_THREAD_LIMIT", "1");
    }
    let t = Instant::now();
    let out = cmd.output().map_err(|e| {
        AppError::invalid(
            "Chưa cài Tesseract (tesseract-ocr).",
            format!("tesseract: {e}"),
        )
    })?;
    let took = t.elapsed();
    if !out.status.success() {
        return Err(AppError::invalid(
            "Tesseract báo lỗi.",
            String::from_utf8_lossy(&out.stderr).to_string(),
        ));
    }
    Ok(took)
}

pub fn ocr_figures(scan: Option<&[u8]>, rounds: u32, work: &Path) -> AppResult<OcrFigures> {
    let opts = OcrOptions::default();
    let scan = match scan {
        Some(s) => s.to_vec(),
        None => one_page_scan(&opts)?,
    };
    std::fs::create_dir_all(work)?;
    // The same page image tesseract gets from the pipeline: page 1 at the
    // pipeline's resolution, grey.
    let image = work.join("page.pgm");
    std::fs::write(
        &image,
        render_page(&scan, 1, &opts).map_err(ocr_err)?.to_pgm(),
    )?;
    let (mut ours, mut theirs, mut theirs_one) = (Vec::new(), Vec::new(), Vec::new());
    let (mut words, mut fields_found) = (0, 0);
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        // As intake reads a scan (intake_pdf.rs): grey images render grey.
        let read = extract_layout(&scan, ExtractLimits::default())?;
        let run = OcrOptions {
            colour: read.colour_images,
            ..opts.clone()
        };
        let ocr = ocr_pdf(&scan, read.page_count.min(1), &run, &mut |_, _| {}).map_err(ocr_err)?;
        let fs = extract_fields(&ocr.layout);
        ours.push(t.elapsed());
        words = ocr.layout.text().split_whitespace().count();
        fields_found = [
            fs.number.is_some(),
            fs.date.is_some(),
            fs.issuer.is_some(),
            fs.doc_type.is_some(),
            fs.subject.is_some(),
            fs.signer.is_some(),
        ]
        .iter()
        .filter(|x| **x)
        .count();
        theirs.push(tesseract(&image, false)?);
        theirs_one.push(tesseract(&image, true)?);
    }
    Ok(OcrFigures {
        pipeline: Stats::of(ours),
        tesseract: Stats::of(theirs),
        tesseract_one_thread: Stats::of(theirs_one),
        words,
        fields_found,
    })
}
