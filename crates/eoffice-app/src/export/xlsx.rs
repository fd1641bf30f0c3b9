//! A workbook of one sheet, written with `rust_xlsxwriter`: the organ and
//! the title merged across the table, a bold header repeated on every
//! printed page, dates as real date cells (a clerk sorts and filters by
//! them), the column widths of the printed book, A4 landscape.

use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

pub(crate) struct Sheet<'a> {
    pub name: &'a str,
    pub title_lines: &'a [String],
    pub header: &'a [&'a str],
    /// Relative widths (they sum to about 100), as the PDF book uses.
    pub widths: &'a [f32],
    pub rows: &'a [Vec<String>],
}

/// A text that a spreadsheet would take as a formula when edited (`=`,
/// `+`, `-`, `@`, or a tab or return in front: OWASP's list). It is written
/// as a string with Excel's quote prefix, so it stays data even after the
/// clerk edits the cell.
pub(crate) fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `dd/mm/yyyy`, the only date shape the books print.
fn as_date(s: &str) -> Option<ExcelDateTime> {
    let mut p = s.split('/');
    let (d, m, y) = (p.next()?, p.next()?, p.next()?);
    if p.next().is_some() || d.len() != 2 || m.len() != 2 || y.len() != 4 {
        return None;
    }
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

fn fill(ws: &mut Worksheet, sheet: &Sheet<'_>) -> Result<(), XlsxError> {
    let last_col = sheet.header.len().saturating_sub(1) as u16;
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let text = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let quoted = text.clone().set_quote_prefix();
    let date = text.clone().set_num_format("dd/mm/yyyy");
    let mut r: u32 = 0;
    for t in sheet.title_lines {
        ws.merge_range(r, 0, r, last_col, t, &title)?;
        r += 1;
    }
    r += 1;
    let header_row = r;
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &header)?;
    }
    for row in sheet.rows {
        r += 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            if let Some(d) = as_date(v) {
                ws.write_datetime_with_format(r, c, &d, &date)?;
            } else if looks_like_formula(v) {
                ws.write_string_with_format(r, c, v, &quoted)?;
            } else {
                ws.write_string_with_format(r, c, v, &text)?;
            }
        }
    }
    for (c, w) in sheet.widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64) * 1.6)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

fn workbook(sheet: &Sheet<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Excel refuses sheet names over 31 characters or with []:*?/\.
    let name: String = sheet
        .name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let ws = wb.add_worksheet().set_name(name)?;
    fill(ws, sheet)?;
    wb.save_to_buffer()
}

pub(crate) fn write(sheet: &Sheet<'_>) -> Vec<u8> {
    // Every value is ours and shaped above; a failure here is a bug in how
    // the writer is used, not bad input.
    workbook(sheet).expect("the book sheet is valid for rust_xlsxwriter")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_the_book_become_date_cells_and_nothing_else_does() {
        assert!(as_date("20/11/2026").is_some());
        for not in [
            "2026-11-20",
            "20/11/26",
            "31/02/2026",
            "215/UBND-KGVX",
            "1/2/2026",
        ] {
            assert!(as_date(not).is_none(), "{not}");
        }
    }

    #[test]
    fn formula_looking_texts_are_the_owasp_list() {
        for f in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\t=1"] {
            assert!(looks_like_formula(f), "{f}");
        }
        assert!(!looks_like_formula("Về việc =1"));
    }
}
