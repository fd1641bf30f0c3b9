//! The exported incoming book has exactly the Appendix IV columns, in
//! Vietnamese, shows the agency and the year, and prints on A4 landscape
//! (domain.md §5). Checked with poppler (pdftotext, pdfinfo) and Python's
//! zipfile, not with our own reader.

mod common;
use common::*;
use eoffice_app::ExportFormat;
use eoffice_domain::book_columns::INCOMING_BOOK_COLUMNS;
use std::process::Command;

fn registered_app(dir: &std::path::Path) -> eoffice_app::Eoffice {
    let mut app = new_agency(dir);
    for name in registrable_fixtures() {
        app.register_incoming(&fixture(&name), &req(&name, "2026-11-20"))
            .unwrap();
    }
    app
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is installed by the test command: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pdf_book_is_a4_landscape_with_the_appendix_iv_columns() {
    let dir = tempfile::tempdir().unwrap();
    let app = registered_app(dir.path());
    let out = dir.path().join("so-den-2026.pdf");
    let r = app
        .export_book("incoming", 2026, false, false, ExportFormat::Pdf, &out)
        .unwrap();
    assert_eq!(r.rows, registrable_fixtures().len());
    let info = tool("pdfinfo", &[out.to_str().unwrap()]);
    assert!(
        info.contains("841.89 x 595.28 pts (A4)") || info.contains("842 x 595 pts (A4)"),
        "{info}"
    );
    let text: String = tool("pdftotext", &["-layout", out.to_str().unwrap(), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"), "{flat}");
    assert!(flat.contains("Năm 2026"));
    assert!(flat.contains("UBND TỈNH LẠNG SƠN"));
    for col in INCOMING_BOOK_COLUMNS {
        for word in col.split_whitespace() {
            assert!(flat.contains(word), "column word {word:?} missing");
        }
    }
    assert!(
        flat.contains("215/UBND-KGVX") && flat.contains("20/11/2026"),
        "{flat}"
    );
    assert!(flat.contains("Khẩn"), "urgency shows in Ghi chú");
    // Our own intake reads it too: a valid PDF with real Vietnamese text.
    let read =
        eoffice_pdf::extract_layout(&std::fs::read(&out).unwrap(), Default::default()).unwrap();
    assert!(read.layout.text().contains("Tên loại và trích yếu"));
}

#[test]
fn xlsx_and_csv_books_have_the_columns_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let app = registered_app(dir.path());
    let xlsx = dir.path().join("so.xlsx");
    app.export_book("incoming", 2026, false, false, ExportFormat::Xlsx, &xlsx)
        .unwrap();
    let script = r#"
import sys, zipfile, re, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
ET.fromstring(z.read('xl/workbook.xml')); ET.fromstring(z.read('xl/styles.xml')); ET.fromstring(z.read('[Content_Types].xml'))
for row in sheet.find('m:sheetData', ns):
    print('\t'.join(''.join(t.text or '' for t in c.iter('{%s}t' % ns['m'])) for c in row))
print('ORIENT', sheet.find('m:pageSetup', ns).get('orientation'), sheet.find('m:pageSetup', ns).get('paperSize'))
"#;
    let out = tool("python3", &["-c", script, xlsx.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "UBND TỈNH LẠNG SƠN");
    assert!(lines[1].contains("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN") && lines[1].contains("2026"));
    assert_eq!(lines[2], INCOMING_BOOK_COLUMNS.join("\t"));
    assert_eq!(lines.len(), 3 + registrable_fixtures().len() + 1);
    assert!(lines[3].starts_with("20/11/2026\t01\t"), "{}", lines[3]);
    assert_eq!(*lines.last().unwrap(), "ORIENT landscape 9");

    let csv = dir.path().join("so.csv");
    app.export_book("incoming", 2026, false, false, ExportFormat::Csv, &csv)
        .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(header, "Ngày đến,Số đến,Tác giả,\"Số, ký hiệu\",Ngày tháng văn bản,Tên loại và trích yếu,Đơn vị hoặc người nhận,Ngày chuyển,Ký nhận,Ghi chú");
    assert_eq!(text.lines().count(), 1 + registrable_fixtures().len());
}

#[test]
fn exporting_a_missing_book_or_bad_format_explains_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = registered_app(dir.path());
    let out = dir.path().join("x.pdf");
    let e = app
        .export_book("incoming", 2019, false, false, ExportFormat::Pdf, &out)
        .unwrap_err();
    assert_eq!(e.code, eoffice_app::ErrorCode::NotFound);
    assert!(!out.exists());
    assert!(ExportFormat::parse("docx").is_err());
    let e = app
        .export_book(
            "incoming",
            2026,
            false,
            false,
            ExportFormat::Csv,
            &dir.path().join("no/such/dir/x.csv"),
        )
        .unwrap_err();
    assert_eq!(e.code, eoffice_app::ErrorCode::Storage);
}
