//! Issue 10: a scan pre-fills like a text PDF. Tesseract (vie) and
//! pdftoppm run for real; the ground truth is the fixture's own JSON.
mod common;
use common::*;

fn truth(name: &str) -> serde_json::Value {
    let path = fixtures().join(name.replace(".pdf", ".json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_pub08_scan_pre_fills_number_date_issuer_type_subject_and_signer() {
    let name = "pub08_qd_stttt_tokythuat_scan_2018.pdf";
    let t = truth(name);
    assert_eq!(t["text_layer"], false, "the fixture is a scan");
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let scan = fixture(name);
    let mut progress = Vec::new();
    let r = app
        .intake_with_progress(&scan, Some(name), &mut |done, all| {
            progress.push((done, all))
        })
        .unwrap();
    assert!(r.ocr && !r.needs_ocr && !r.text_layer, "{r:?}");
    assert_eq!(progress, [(0, 2), (1, 2), (2, 2)], "progress page by page");
    let f = &r.fields;
    assert_eq!(
        f.code_number
            .as_deref()
            .map(|n| format!("{n}/{}", f.code_notation.clone().unwrap_or_default())),
        t["number_notation"].as_str().map(String::from)
    );
    assert_eq!(f.issued_date.as_deref(), t["date"].as_str());
    assert_eq!(f.place.as_deref(), t["place"].as_str());
    assert_eq!(f.organ_name.as_deref(), t["issuer"].as_str());
    assert_eq!(f.parent_organ_name.as_deref(), t["parent_organ"].as_str());
    assert_eq!(f.type_name.as_deref(), t["doc_type"].as_str());
    assert_eq!(f.subject.as_deref(), t["subject"].as_str());
    assert_eq!(
        f.signer_info.full_name.as_deref(),
        t["signer_name"].as_str()
    );
    assert_eq!(
        f.signer_info.position.as_deref(),
        t["signer_position"].as_str()
    );
    let recipients: Vec<&str> = t["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(f.to_places, recipients);
    // Every field has a confidence from the OCR words; the position, read
    // back from under the seal, is flagged for the clerk.
    for k in [
        "CodeNumber",
        "IssuedDate",
        "OrganName",
        "TypeName",
        "Subject",
        "SignerInfo",
    ] {
        let c = r.confidence[k];
        assert!(c > 0.0 && c <= 1.0, "{k}: {c}");
    }
    assert!(r.confidence["SignerInfo"] < eoffice_app::dto::LOW_CONFIDENCE);
    assert!(r.confidence["TypeName"] >= eoffice_app::dto::LOW_CONFIDENCE);

    // Registered as read: the OCR text is searchable, the file is kept
    // byte for byte.
    let doc = app
        .register_incoming(&scan, &req(name, "2026-11-20"))
        .unwrap();
    assert_eq!(doc.sha256.as_deref(), Some(r.sha256.as_str()));
    assert!(
        doc.warnings.iter().any(|w| w.contains("OCR")),
        "{:?}",
        doc.warnings
    );
    let hits = app.search_incoming("Triệu Quang Huy", 5, false).unwrap();
    assert_eq!(hits.first().map(|h| h.id.as_str()), Some(doc.id.as_str()));
    let blobs = eoffice_store::blobs::BlobStore::new(dir.path().join("blobs"));
    assert_eq!(
        std::fs::read(blobs.path_of(&r.sha256).unwrap()).unwrap(),
        scan
    );
}

/// The same paper fed upside down and crooked: the whole intake (render,
/// orientation, deskew, OCR, rules) reads what it reads straight. The scan
/// is remade from pub08's first page as a scanner would write it.
#[test]
fn a_scan_fed_upside_down_or_crooked_reads_as_the_straight_one() {
    use eoffice_pdf::image_pdf::{image_pdf, PageImage, PixelKind};
    use eoffice_pdf::ocr::{render_page, OcrOptions};
    let name = "pub08_qd_stttt_tokythuat_scan_2018.pdf";
    let t = truth(name);
    let opts = OcrOptions::default();
    let page = render_page(&fixture(name), 1, &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = new_agency(dir.path());
    for (label, turned) in [
        ("upside down", page.turned(180)),
        ("3.5° crooked", page.rotated(-3.5)),
    ] {
        let scan = image_pdf(
            &[PageImage {
                width: turned.width,
                height: turned.height,
                kind: PixelKind::Gray,
                data: turned.pixels,
            }],
            opts.dpi,
        );
        let r = app
            .intake_with_progress(&scan, Some("lat-nguoc.pdf"), &mut |_, _| {})
            .unwrap();
        assert!(r.ocr, "{label}: read by OCR");
        let f = &r.fields;
        assert_eq!(
            f.code_number
                .as_deref()
                .map(|n| format!("{n}/{}", f.code_notation.clone().unwrap_or_default())),
            t["number_notation"].as_str().map(String::from),
            "{label}"
        );
        assert_eq!(f.issued_date.as_deref(), t["date"].as_str(), "{label}");
        assert_eq!(f.organ_name.as_deref(), t["issuer"].as_str(), "{label}");
        assert_eq!(f.type_name.as_deref(), t["doc_type"].as_str(), "{label}");
        assert_eq!(f.subject.as_deref(), t["subject"].as_str(), "{label}");
    }
}
