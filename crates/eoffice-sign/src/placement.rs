//! Where a signature goes on the page (Decree 30, Appendix I; domain.md
//! §8), found from the layout intake already reads:
//! - the person's signature image centred between the position line and
//!   the name (box 7c);
//! - the seal at actual size over about the left third of the person's
//!   signature (box 8);
//! - on an attachment in its own file, the agency signature without image
//!   at the top right of page 1.

use crate::pdf::file::PdfFile;
use eoffice_pdf::{extract_fields, extract_layout, ExtractLimits, PdfLayout};

/// A placement: page (0-based) and rectangle in PDF points (origin at the
/// bottom left).
pub type Spot = (usize, [f64; 4]);

/// Native size of a 300 dpi image, in points.
pub fn native_size(width_px: u32, height_px: u32) -> (f64, f64) {
    (
        width_px as f64 * 72.0 / 300.0,
        height_px as f64 * 72.0 / 300.0,
    )
}

fn layout(pdf: &[u8]) -> Option<PdfLayout> {
    extract_layout(pdf, ExtractLimits::default())
        .ok()
        .map(|r| r.layout)
}

/// The box for the person's signature image of `size` (points).
pub fn person_spot(pdf: &[u8], size: (f64, f64)) -> Option<Spot> {
    let layout = layout(pdf)?;
    let fields = extract_fields(&layout);
    let signer = fields.signer.map(|s| s.value)?;
    let name = signer.full_name?;
    let marks: Vec<String> = [signer.position, signer.competence]
        .into_iter()
        .flatten()
        .collect();
    for (pi, page) in layout.pages.iter().enumerate().rev() {
        let right = page.width * 0.4;
        let Some(ni) = page
            .lines
            .iter()
            .rposition(|l| l.x0() > right * 0.5 && l.text().contains(&name))
        else {
            continue;
        };
        let name_line = &page.lines[ni];
        let chunk = name_line
            .chunks
            .iter()
            .find(|c| c.text.contains(&name))
            .unwrap_or(&name_line.chunks[0]);
        let centre = (chunk.x0 + chunk.x1) / 2.0;
        let above = page.lines[..ni].iter().rev().find(|l| {
            let t = l.text();
            l.x1() > right
                && marks
                    .iter()
                    .any(|m| m.split_whitespace().any(|w| t.contains(w)))
        });
        let top = above.map_or(name_line.y - name_line.size() - size.1 - 8.0, |l| l.y + 3.0);
        let bottom = name_line.y - name_line.size();
        let gap = (bottom - top).max(20.0);
        let scale = (gap - 2.0).min(size.1) / size.1;
        let (w, h) = (size.0 * scale, size.1 * scale);
        let mid = (top + bottom) / 2.0;
        // Layout y runs down from the top; PDF y runs up from the bottom.
        let y0 = page.height - (mid + h / 2.0);
        return Some((pi, [centre - w / 2.0, y0, centre + w / 2.0, y0 + h]));
    }
    None
}

/// The seal's box: actual size, its right edge a third of the way into
/// the person's signature, centred on it vertically.
pub fn seal_spot(person: Spot, seal_size: (f64, f64)) -> Spot {
    let (page, r) = person;
    let right = r[0] + (r[2] - r[0]) / 3.0;
    let cy = (r[1] + r[3]) / 2.0;
    (
        page,
        [
            right - seal_size.0,
            cy - seal_size.1 / 2.0,
            right,
            cy + seal_size.1 / 2.0,
        ],
    )
}

/// The person's signature already on the file: the first visible
/// signature widget.
pub fn existing_signature_spot(file: &PdfFile) -> Option<Spot> {
    let pages = file.pages();
    for (id, _) in file.fields() {
        if file.field_type(id).as_deref() != Some(b"Sig") {
            continue;
        }
        let d = file.dict(id)?;
        let r: Vec<f64> = d
            .get(b"Rect")
            .ok()
            .and_then(|r| file.resolve(r).as_array().ok())
            .map(|a| {
                a.iter()
                    .filter_map(|o| crate::pdf::file::number(file.resolve(o)))
                    .collect()
            })
            .unwrap_or_default();
        if r.len() != 4 || (r[2] - r[0]).abs() < 1.0 {
            continue;
        }
        let page = d
            .get(b"P")
            .ok()
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| pages.iter().position(|x| *x == p))
            .unwrap_or(0);
        return Some((page, [r[0], r[1], r[2], r[3]]));
    }
    None
}

/// The right margin of Appendix I (15 mm), in points.
const RIGHT_MARGIN: f64 = 15.0 * 72.0 / 25.4;

/// When no signer block can be read: bottom right of the last page.
pub fn fallback_person_spot(file: &PdfFile, size: (f64, f64)) -> Spot {
    let pages = file.pages();
    let last = pages.len().saturating_sub(1);
    let right = file.page_box(pages[last])[2] - RIGHT_MARGIN;
    (last, [right - size.0, 120.0, right, 120.0 + size.1])
}

/// Top right of page 1, inside the top margin.
pub fn attachment_stamp_spot(file: &PdfFile) -> Spot {
    let b = file.page_box(file.pages()[0]);
    let right = b[2] - RIGHT_MARGIN;
    let top = b[3] - 4.0;
    (0, [right - 210.0, top - 40.0, right, top])
}

/// The number and symbol printed after "Số:", when intake can read one.
pub fn number_symbol(pdf: &[u8]) -> Option<String> {
    let layout = layout(pdf)?;
    let n = extract_fields(&layout).number?;
    Some(n.value.to_string())
}

/// Where the clerk's number and date go at issue: the "Số: …/…" line in
/// the left column of page 1 and the place-and-date line in the right
/// one, each with the size of its text. The fill covers the whole line,
/// so the template's dots are replaced, not overprinted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IssueSpots {
    pub number: Option<(Spot, f64)>,
    pub date: Option<(Spot, f64)>,
}

pub fn issue_spots(pdf: &[u8]) -> IssueSpots {
    let none = IssueSpots {
        number: None,
        date: None,
    };
    let Some(layout) = layout(pdf) else {
        return none;
    };
    let Some(page) = layout.pages.first() else {
        return none;
    };
    // The two columns of the header (Appendix I): left the organ and the
    // number, right the motto and the date. One layout line may hold both
    // when they share a baseline, so the split is by chunk.
    let mid = page.width * 0.42;
    let mut spots = none;
    // Only the header band: a "Số" or a date further down is body text.
    for line in page.lines.iter().filter(|l| l.y < page.height * 0.45) {
        let left: Vec<&eoffice_pdf::layout::Chunk> =
            line.chunks.iter().filter(|c| c.x0 < mid).collect();
        let right: Vec<&eoffice_pdf::layout::Chunk> =
            line.chunks.iter().filter(|c| c.x0 >= mid).collect();
        let text = |cs: &[&eoffice_pdf::layout::Chunk]| {
            cs.iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let size = line.size().max(8.0);
        let rect = |x0: f64, x1: f64| {
            let y0 = page.height - (line.y + size * 0.35);
            (0, [x0 - 2.0, y0, x1 + 2.0, y0 + size * 1.45])
        };
        if spots.number.is_none() {
            if let Some(i) = left
                .iter()
                .position(|c| c.text.trim_start().starts_with("Số"))
            {
                let x0 = left[i].x0;
                let x1 = left
                    .last()
                    .map_or(x0, |c| c.x1)
                    .max(x0 + 150.0)
                    .min(mid - 4.0);
                spots.number = Some((rect(x0, x1), size));
            }
        }
        let t = text(&right);
        if spots.date.is_none() && t.contains("ngày") && t.contains("tháng") && t.contains("năm")
        {
            let x0 = right[0].x0;
            let x1 = right
                .last()
                .map_or(x0, |c| c.x1)
                .max(x0 + 220.0)
                .min(page.width - 20.0);
            spots.date = Some((rect(x0, x1), size));
        }
    }
    spots
}
