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
    // Read with Python's zipfile and XML parser, not with the writer: shared
    // strings resolved, a cell styled with a date format shown as its date.
    let script = r#"
import sys, zipfile, datetime, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
sst = [''.join(t.text or '' for t in si.iter(m + 't')) for si in ET.fromstring(z.read('xl/sharedStrings.xml'))]
styles = ET.fromstring(z.read('xl/styles.xml'))
fmts = {f.get('numFmtId'): f.get('formatCode') for f in styles.iter(m + 'numFmt')}
xfs = [fmts.get(x.get('numFmtId'), '') for x in styles.find(m + 'cellXfs')]
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
for row in sheet.find(m + 'sheetData'):
    cells = []
    for c in row:
        v = c.find(m + 'v')
        if v is None:
            cells.append('')
        elif c.get('t') == 's':
            cells.append(sst[int(v.text)])
        elif 'dd/mm/yyyy' in xfs[int(c.get('s', 0))]:
            d = datetime.date(1899, 12, 30) + datetime.timedelta(days=float(v.text))
            cells.append('DATE:' + d.strftime('%d/%m/%Y'))
        else:
            cells.append('NUM:' + v.text)
    print('\t'.join(cells).rstrip('\t'))
ps = sheet.find(m + 'pageSetup')
print('ORIENT', ps.get('orientation'), ps.get('paperSize'))
print('MERGED', ' '.join(mc.get('ref') for mc in sheet.iter(m + 'mergeCell')))
print('WIDTHS', ' '.join(c.get('width') for c in sheet.iter(m + 'col') for _ in range(int(c.get('min')), int(c.get('max')) + 1)))
"#;
    let out = tool("python3", &["-c", script, xlsx.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "UBND TỈNH LẠNG SƠN");
    assert!(lines[1].contains("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN") && lines[1].contains("2026"));
    assert_eq!(lines[2], INCOMING_BOOK_COLUMNS.join("\t"));
    let n = registrable_fixtures().len();
    assert_eq!(lines.len(), 3 + n + 3);
    // Ngày đến is a real date cell, not the text "20/11/2026".
    assert!(
        lines[3].starts_with("DATE:20/11/2026\t01\t"),
        "{}",
        lines[3]
    );
    assert_eq!(lines[3 + n], "ORIENT landscape 9");
    // The organ and the title are merged across all ten columns.
    assert_eq!(lines[4 + n], "MERGED A1:J1 A2:J2");
    let widths: Vec<f64> = lines[5 + n]
        .trim_start_matches("WIDTHS ")
        .split(' ')
        .map(|w| w.parse().unwrap())
        .collect();
    assert_eq!(widths.len(), INCOMING_BOOK_COLUMNS.len());
    // Trích yếu is the widest column, as in the printed book.
    let widest = widths.iter().cloned().fold(0.0, f64::max);
    assert_eq!(widths[5], widest, "{widths:?}");

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

/// A subject or issuer read from a PDF is data: in CSV it gets an
/// apostrophe, in XLSX it is a string cell with Excel's quote prefix, and
/// neither ever becomes a formula (formula injection, OWASP).
#[test]
fn formula_looking_subjects_and_issuers_stay_text_in_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let name = registrable_fixtures().remove(0);
    let mut r = req(&name, "2026-11-20");
    r.sets = vec![
        ("Subject".into(), "=HYPERLINK(\"http://x\",\"y\")".into()),
        ("OrganName".into(), "@SUM(1+1)".into()),
    ];
    app.register_incoming(&fixture(&name), &r).unwrap();

    let csv = dir.path().join("so.csv");
    app.export_book("incoming", 2026, false, false, ExportFormat::Csv, &csv)
        .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    // The issuer column begins with the text itself and is neutralised;
    // the subject's column begins with the type name ("Thông báo:
    // =HYPERLINK…"), so it is safe as it is.
    assert!(text.contains(",'@SUM(1+1),"), "{text}");
    assert!(text.contains("=HYPERLINK"), "{text}");
    for line in text.lines() {
        for cell in line.split(',') {
            assert!(
                !cell.trim_start_matches('"').starts_with(['=', '+', '@']),
                "a live formula in {line}"
            );
        }
    }

    let xlsx = dir.path().join("so.xlsx");
    app.export_book("incoming", 2026, false, false, ExportFormat::Xlsx, &xlsx)
        .unwrap();
    let script = r#"
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
sst = [''.join(t.text or '' for t in si.iter(m + 't')) for si in ET.fromstring(z.read('xl/sharedStrings.xml'))]
xfs = list(ET.fromstring(z.read('xl/styles.xml')).find(m + 'cellXfs'))
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
print('FORMULAS', len(list(sheet.iter(m + 'f'))))
for c in sheet.iter(m + 'c'):
    v = c.find(m + 'v')
    if c.get('t') == 's' and ('=' in sst[int(v.text)] or '@' in sst[int(v.text)]):
        print(sst[int(v.text)], xfs[int(c.get('s', 0))].get('quotePrefix'))
"#;
    let out = tool("python3", &["-c", script, xlsx.to_str().unwrap()]);
    assert!(out.contains("FORMULAS 0"), "{out}");
    assert!(
        out.contains("=HYPERLINK(\"http://x\",\"y\")"),
        "kept as text: {out}"
    );
    assert!(out.contains("@SUM(1+1) 1"), "quote-prefixed: {out}");
}
