//! PDF output of registry books and reports: a table on A4 landscape, in
//! Liberation Serif (Times New Roman metrics, full Vietnamese glyphs),
//! embedded as a CID font so every Vietnamese letter prints and copies out
//! as itself.

use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::io::Write;

use crate::font_embed::{Font, BOLD, REGULAR};

/// A4 landscape, in points.
pub const PAGE_W: f32 = 841.89;
pub const PAGE_H: f32 = 595.28;
const MARGIN: f32 = 36.0;

/// What to print.
pub struct TableDoc<'a> {
    /// Left header line: the agency, in caps.
    pub organ: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub columns: &'a [&'a str],
    /// Relative widths, one per column.
    pub widths: &'a [f32],
    pub rows: &'a [Vec<String>],
    /// Printed at the foot of every page, e.g. the export time.
    pub footer: &'a str,
}

/// Breaks `text` into lines no wider than `width`, by words, and inside a
/// word only when the word alone is too wide.
pub(crate) fn wrap(font: &Font, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if font.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if font.width(&piece, size) > width && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

struct Pages {
    pages: Vec<String>,
    cur: String,
}

impl Pages {
    fn text(&mut self, font_ref: &str, font: &mut Font, size: f32, x: f32, y: f32, s: &str) {
        let hex = font.encode(s);
        self.cur.push_str(&format!(
            "BT /{font_ref} {size:.1} Tf {x:.2} {y:.2} Td {hex} Tj ET\n"
        ));
    }
    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.cur
            .push_str(&format!("{x1:.2} {y1:.2} m {x2:.2} {y2:.2} l S\n"));
    }
    fn finish_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.cur));
    }
}

/// Renders the table, repeating the header row on every page.
pub fn render_table(doc: &TableDoc<'_>) -> Vec<u8> {
    let mut reg = Font::new(REGULAR, "LiberationSerif");
    let mut bold = Font::new(BOLD, "LiberationSerif-Bold");
    let total_w: f32 = doc.widths.iter().sum();
    let avail = PAGE_W - 2.0 * MARGIN;
    let col_w: Vec<f32> = doc.widths.iter().map(|w| w / total_w * avail).collect();
    let (size, head_size, lead, pad) = (9.0_f32, 9.0_f32, 11.0_f32, 3.0_f32);
    let mut out = Pages {
        pages: Vec::new(),
        cur: String::new(),
    };
    let mut page_no = 0;

    let header_cells: Vec<Vec<String>> = doc
        .columns
        .iter()
        .zip(&col_w)
        .map(|(c, w)| wrap(&bold, c, head_size, w - 2.0 * pad))
        .collect();
    let header_h = header_cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lead + 2.0 * pad;

    let start_page =
        |out: &mut Pages, reg: &mut Font, bold: &mut Font, page_no: &mut usize| -> f32 {
            *page_no += 1;
            out.cur.push_str("0.5 w 0 0 0 RG 0 0 0 rg\n");
            let mut y = PAGE_H - MARGIN;
            if *page_no == 1 {
                out.text("F2", bold, 11.0, MARGIN, y - 11.0, doc.organ);
                let tw = bold.width(doc.title, 15.0);
                out.text("F2", bold, 15.0, (PAGE_W - tw) / 2.0, y - 34.0, doc.title);
                let sw = reg.width(doc.subtitle, 12.0);
                out.text("F1", reg, 12.0, (PAGE_W - sw) / 2.0, y - 52.0, doc.subtitle);
                y -= 66.0;
            }
            // Header row.
            let mut x = MARGIN;
            out.line(MARGIN, y, PAGE_W - MARGIN, y);
            for (cell, w) in header_cells.iter().zip(&col_w) {
                for (i, l) in cell.iter().enumerate() {
                    let lw = bold.width(l, head_size);
                    out.text(
                        "F2",
                        bold,
                        head_size,
                        x + (w - lw) / 2.0,
                        y - pad - head_size - i as f32 * lead + 1.0,
                        l,
                    );
                }
                x += w;
            }
            let footer = format!("{} — Trang {}", doc.footer, page_no);
            let fw = reg.width(&footer, 8.0);
            out.text("F1", reg, 8.0, PAGE_W - MARGIN - fw, MARGIN / 2.0, &footer);
            y - header_h
        };
    let draw_verticals = |out: &mut Pages, top: f32, bottom: f32| {
        let mut x = MARGIN;
        out.line(x, top, x, bottom);
        for w in &col_w {
            x += w;
            out.line(x, top, x, bottom);
        }
    };

    let mut y = start_page(&mut out, &mut reg, &mut bold, &mut page_no);
    let mut table_top = y + header_h;
    out.line(MARGIN, y, PAGE_W - MARGIN, y);
    for row in doc.rows {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(&col_w)
            .map(|(c, w)| wrap(&reg, c, size, w - 2.0 * pad))
            .collect();
        let h = cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lead + 2.0 * pad;
        if y - h < MARGIN {
            draw_verticals(&mut out, table_top, y);
            out.finish_page();
            y = start_page(&mut out, &mut reg, &mut bold, &mut page_no);
            table_top = y + header_h;
            out.line(MARGIN, y, PAGE_W - MARGIN, y);
        }
        let mut x = MARGIN;
        for (cell, w) in cells.iter().zip(&col_w) {
            for (i, l) in cell.iter().enumerate() {
                out.text(
                    "F1",
                    &mut reg,
                    size,
                    x + pad,
                    y - pad - size - i as f32 * lead + 1.0,
                    l,
                );
            }
            x += w;
        }
        y -= h;
        out.line(MARGIN, y, PAGE_W - MARGIN, y);
    }
    draw_verticals(&mut out, table_top, y);
    out.finish_page();
    write_pdf(&out.pages, &[&reg, &bold], (PAGE_W, PAGE_H))
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).expect("in-memory write");
    e.finish().expect("in-memory write")
}

/// A PDF of `pages` (content streams) of `size` points, with `fonts` as
/// `/F1`, `/F2`, … on every page.
pub(crate) fn write_pdf(pages: &[String], fonts: &[&Font], size: (f32, f32)) -> Vec<u8> {
    let (page_w, page_h) = size;
    let mut objs: Vec<Vec<u8>> = Vec::new();
    // Object numbers: 1 catalog, 2 pages, then fonts (5 each), then pages.
    let font_base = 3;
    let page_base = font_base + 5 * fonts.len();
    objs.extend(catalog_and_pages(page_base, 2, pages.len()));
    for f in fonts {
        let first = objs.len() + 1;
        objs.extend(f.objects(first));
    }
    let font_res: Vec<String> = (0..fonts.len())
        .map(|i| format!("/F{} {} 0 R", i + 1, font_base + 5 * i))
        .collect();
    for (i, content) in pages.iter().enumerate() {
        let n = page_base + 2 * i;
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w} {page_h}] /Resources << /Font << {} >> >> /Contents {} 0 R >>",
                font_res.join(" "),
                n + 1
            )
            .into_bytes(),
        );
        let data = deflate(content.as_bytes());
        let mut stream = format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            data.len()
        )
        .into_bytes();
        stream.extend(&data);
        stream.extend(b"\nendstream");
        objs.push(stream);
    }
    assemble_pdf(&objs)
}

/// Objects 1 and 2 of a PDF: the catalog and the page tree, whose `count`
/// pages are objects `first`, `first + stride`, ….
pub(crate) fn catalog_and_pages(first: usize, stride: usize, count: usize) -> [Vec<u8>; 2] {
    let kids: Vec<String> = (0..count)
        .map(|i| format!("{} 0 R", first + stride * i))
        .collect();
    [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {count} >>",
            kids.join(" ")
        )
        .into_bytes(),
    ]
}

/// A whole PDF from its objects, numbered from 1 (the catalog first), with
/// the cross-reference table and the trailer.
pub fn assemble_pdf(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend(o);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        pdf.extend(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    pdf
}
