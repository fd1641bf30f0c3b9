//! The panic-proof boundary around pdf-extract.
//!
//! pdf-extract (and lopdf under it) panics on many damaged files and can
//! loop on some. Parsing runs on a thread of its own, inside
//! `catch_unwind`, and the caller waits at most `ExtractLimits::time`; at
//! the deadline the reader is told to stop and ends at its next page or
//! glyph batch (isolate.rs).

use crate::layout::{Collector, PdfLayout};
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct ExtractLimits {
    pub time: Duration,
    /// Files larger than this are refused before parsing.
    pub max_bytes: usize,
    pub max_glyphs: usize,
}

impl Default for ExtractLimits {
    fn default() -> Self {
        ExtractLimits {
            time: Duration::from_secs(20),
            max_bytes: 200 * 1024 * 1024,
            max_glyphs: 5_000_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("the file is not a PDF (it does not start with %PDF-)")]
    NotPdf,
    #[error("the file is empty")]
    Empty,
    #[error("the PDF is larger than {0} MiB")]
    TooLarge(usize),
    #[error("the PDF is damaged and cannot be read: {0}")]
    Damaged(String),
    #[error("the PDF is encrypted")]
    Encrypted,
    #[error("reading the PDF took longer than {0} s")]
    Timeout(u64),
}

impl ExtractError {
    pub fn message_vi(&self) -> String {
        match self {
            ExtractError::NotPdf => "Tệp không phải là PDF. Hãy chọn đúng tệp văn bản PDF.".into(),
            ExtractError::Empty => "Tệp rỗng, không có nội dung.".into(),
            ExtractError::TooLarge(mb) => format!("Tệp PDF lớn hơn {mb} MiB, không thể tiếp nhận."),
            ExtractError::Damaged(_) => {
                "Tệp PDF bị hỏng, không đọc được. Hãy xin cơ quan gửi lại bản khác.".into()
            }
            ExtractError::Encrypted => "Tệp PDF đã đặt mật khẩu, không đọc được nội dung.".into(),
            ExtractError::Timeout(s) => format!("Đọc tệp PDF quá {s} giây; tệp có thể bị hỏng."),
        }
    }
}

/// What was read from a PDF: its layout, page count and whether it has
/// images (a scan has images and no text).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadPdf {
    pub layout: PdfLayout,
    pub page_count: usize,
    pub has_images: bool,
    /// Some image is in colour: a scan whose red seal and blue signature
    /// must be told from the black text, so OCR renders it in colour.
    pub colour_images: bool,
    /// Set when some text was typed in TCVN3 or VNI and has been repaired.
    pub legacy_encoding: Option<crate::legacy::LegacyEncoding>,
}

impl ReadPdf {
    /// True when the file has pages but nothing to read: a scan that needs OCR.
    pub fn needs_ocr(&self) -> bool {
        self.page_count > 0 && self.layout.visible_chars() < 10 * self.page_count.min(3)
    }
}

pub fn extract_layout(bytes: &[u8], limits: ExtractLimits) -> Result<ReadPdf, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(ExtractError::TooLarge(limits.max_bytes / (1024 * 1024)));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(ExtractError::NotPdf);
    }
    let owned = bytes.to_vec();
    match crate::isolate::isolate_stoppable(limits.time, move |stop| {
        read(&owned, limits.max_glyphs, stop)
    }) {
        Ok(r) => r,
        Err(crate::isolate::Isolated::TimedOut) => {
            Err(ExtractError::Timeout(limits.time.as_secs().max(1)))
        }
        Err(crate::isolate::Isolated::Panicked(msg) | crate::isolate::Isolated::Lost(msg)) => {
            Err(ExtractError::Damaged(msg))
        }
    }
}

fn read(
    bytes: &[u8],
    max_glyphs: usize,
    stop: crate::isolate::Stop,
) -> Result<ReadPdf, ExtractError> {
    let doc =
        pdf_extract::Document::load_mem(bytes).map_err(|e| ExtractError::Damaged(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(ExtractError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ExtractError::Damaged("no pages".into()));
    }
    let images: Vec<Option<bool>> = pages.values().map(|id| page_image(&doc, *id)).collect();
    let has_images = images.iter().any(Option::is_some);
    let colour_images = images.contains(&Some(true));
    let mut collector = Collector::new(max_glyphs, stop);
    pdf_extract::output_doc(&doc, &mut collector)
        .map_err(|e| ExtractError::Damaged(format!("{e:?}")))?;
    let mut layout = PdfLayout {
        pages: collector.pages,
    };
    let legacy_encoding = crate::legacy::detect(&layout.text());
    if let Some(enc) = legacy_encoding {
        for chunk in layout
            .pages
            .iter_mut()
            .flat_map(|p| &mut p.lines)
            .flat_map(|l| &mut l.chunks)
        {
            if crate::legacy::could_be_legacy(&chunk.text) {
                chunk.text = crate::legacy::decode(&chunk.text, enc);
            }
        }
    }
    Ok(ReadPdf {
        page_count: pages.len(),
        layout,
        has_images,
        colour_images,
        legacy_encoding,
    })
}

/// Whether an image XObject is in colour: anything but one grey channel
/// (DeviceGray, CalGray, a one-component ICC profile) or a 1-bit mask.
fn image_is_colour(doc: &pdf_extract::Document, dict: &pdf_extract::Dictionary) -> bool {
    use pdf_extract::Object;
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    if dict.get(b"ImageMask").ok().and_then(|o| o.as_bool().ok()) == Some(true) {
        return false;
    }
    let Some(cs) = dict.get(b"ColorSpace").ok().and_then(resolve) else {
        return false;
    };
    match cs {
        Object::Name(n) => !matches!(n.as_slice(), b"DeviceGray" | b"CalGray" | b"G"),
        Object::Array(a) => {
            let family = a.first().and_then(|f| f.as_name().ok());
            match family {
                Some(b"CalGray") => false,
                Some(b"ICCBased") => {
                    let n = a.get(1).and_then(resolve).and_then(|o| {
                        o.as_stream()
                            .ok()
                            .and_then(|s| s.dict.get(b"N").ok())
                            .and_then(|n| n.as_i64().ok())
                    });
                    n != Some(1)
                }
                _ => true,
            }
        }
        _ => true,
    }
}

/// `None` when the page shows no image; else whether one is in colour.
fn page_image(doc: &pdf_extract::Document, page: pdf_extract::ObjectId) -> Option<bool> {
    let Ok((resources, ids)) = doc.get_page_resources(page) else {
        return None;
    };
    let mut dicts: Vec<&pdf_extract::Dictionary> = resources.into_iter().collect();
    dicts.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    let mut found = None;
    for res in &dicts {
        let Ok(xobjects) = res.get(b"XObject") else {
            continue;
        };
        let xobjects = match xobjects {
            pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            pdf_extract::Object::Dictionary(d) => Some(d),
            _ => None,
        };
        for (_, v) in xobjects.into_iter().flat_map(|x| x.iter()) {
            let stream = v
                .as_reference()
                .ok()
                .and_then(|id| doc.get_object(id).ok())
                .and_then(|o| o.as_stream().ok());
            if let Some(s) = stream.filter(|s| {
                s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Image")
            }) {
                let colour = image_is_colour(doc, &s.dict);
                found = Some(found.unwrap_or(false) || colour);
            }
        }
    }
    found
}
