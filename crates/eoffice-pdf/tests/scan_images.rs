//! A scan's images tell OCR whether to render in colour (for the seal and
//! signature dropout) or in grey (faster, nothing lost).

use eoffice_pdf::image_pdf::{image_pdf, PageImage, PixelKind};
use eoffice_pdf::letter_pdf::{render_letter, Letter};
use eoffice_pdf::{extract_layout, ExtractLimits};
use std::path::PathBuf;

fn page(kind: PixelKind) -> Vec<u8> {
    let channels = if kind == PixelKind::Rgb { 3 } else { 1 };
    image_pdf(
        &[PageImage {
            width: 40,
            height: 60,
            kind,
            data: vec![200; 40 * 60 * channels],
        }],
        100,
    )
}

#[test]
fn grey_scans_render_grey_and_colour_ones_in_colour() {
    let read = |pdf: &[u8]| extract_layout(pdf, ExtractLimits::default()).unwrap();
    let grey = read(&page(PixelKind::Gray));
    assert!(grey.has_images && !grey.colour_images);
    let colour = read(&page(PixelKind::Rgb));
    assert!(colour.has_images && colour.colour_images);
    let pub08 = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/fixtures/documents/pub08_qd_stttt_tokythuat_scan_2018.pdf"),
    )
    .unwrap();
    let scan = read(&pub08);
    assert!(
        scan.needs_ocr() && scan.colour_images,
        "the fixture scan keeps its red seal"
    );
    let letter = read(&render_letter(&Letter {
        organ: "Sở Nội vụ",
        position: "GIÁM ĐỐC",
        signer: "Nguyễn Văn An",
        subject: "V/v thử",
        ..Default::default()
    }));
    assert!(!letter.has_images && !letter.colour_images);
}
