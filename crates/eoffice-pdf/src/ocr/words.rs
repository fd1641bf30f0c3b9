//! Tesseract's TSV words turned into the layout the field rules read: the
//! same lines and chunks a text PDF gives, in points from the page's top
//! left, with each chunk's worst word confidence.
//!
//! A page fed crooked (up to a few degrees) is straightened here, on the
//! word boxes: the skew is measured from the words of each line and the
//! boxes are turned back, so the header's two columns line up again. The
//! recognition itself is already robust to such skew.

use crate::layout::{Chunk, Line, Page};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    /// Tesseract's block, paragraph and line numbers: its own grouping.
    pub line_key: (u32, u32, u32),
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    /// 0–100.
    pub conf: f32,
    pub text: String,
}

/// Reads the words (level 5) of a TSV page. Rows that are not words, or
/// that do not parse, are skipped: the TSV is the engine's, not a user's.
pub fn parse_tsv(tsv: &str) -> Vec<OcrWord> {
    tsv.lines()
        .skip(1)
        .filter_map(|row| {
            let f: Vec<&str> = row.split('\t').collect();
            if f.len() < 12 || f[0] != "5" {
                return None;
            }
            // Vietnamese has no eth: "Ð" (U+00D0) is always the engine's
            // misreading of "Đ" (U+0110), and looks the same to the clerk.
            let text: String = f[11]
                .nfc()
                .map(|c| match c {
                    'Ð' => 'Đ',
                    'ð' => 'đ',
                    c => c,
                })
                .collect::<String>()
                .trim()
                .to_string();
            let conf: f32 = f[10].parse().ok()?;
            if text.is_empty() || conf < 0.0 {
                return None;
            }
            let n = |i: usize| f[i].parse::<f64>().ok();
            Some(OcrWord {
                line_key: (f[2].parse().ok()?, f[3].parse().ok()?, f[4].parse().ok()?),
                left: n(6)?,
                top: n(7)?,
                width: n(8)?,
                height: n(9)?,
                conf,
                text,
            })
        })
        .collect()
}

/// The page's skew in degrees (positive when lines fall to the right),
/// from the median slope of the word bottoms along each line of three or
/// more words.
pub fn skew_degrees(words: &[OcrWord]) -> f64 {
    let mut slopes = Vec::new();
    for group in by_line(words) {
        if group.len() < 3 {
            continue;
        }
        let pts: Vec<(f64, f64)> = group
            .iter()
            .map(|w| (w.left + w.width / 2.0, w.top + w.height))
            .collect();
        let n = pts.len() as f64;
        let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
        let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
        let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
        let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        if sxx > 0.0 {
            slopes.push(sxy / sxx);
        }
    }
    if slopes.is_empty() {
        return 0.0;
    }
    slopes.sort_by(f64::total_cmp);
    slopes[slopes.len() / 2].atan().to_degrees()
}

fn by_line(words: &[OcrWord]) -> Vec<Vec<&OcrWord>> {
    let mut groups: Vec<Vec<&OcrWord>> = Vec::new();
    for w in words {
        match groups.last_mut() {
            Some(g) if g[0].line_key == w.line_key => g.push(w),
            _ => groups.push(vec![w]),
        }
    }
    groups
}

/// Builds a layout page from a page image's words.
pub fn page_from_words(words: &[OcrWord], width_px: f64, height_px: f64, dpi: f64) -> Page {
    let skew = skew_degrees(words);
    let (s, c) = (-skew).to_radians().sin_cos();
    let (cx, cy) = (width_px / 2.0, height_px / 2.0);
    let straight: Vec<OcrWord> = words
        .iter()
        .map(|w| {
            let (x, y) = (w.left + w.width / 2.0 - cx, w.top + w.height / 2.0 - cy);
            let (nx, ny) = (c * x - s * y + cx, s * x + c * y + cy);
            OcrWord {
                left: nx - w.width / 2.0,
                top: ny - w.height / 2.0,
                ..w.clone()
            }
        })
        .collect();
    let scale = 72.0 / dpi;
    // One row per engine line, then rows at the same height are joined:
    // the engine puts the header's two columns in separate blocks, the
    // rules want them on one line as a text PDF has them.
    struct Row<'a> {
        baseline: f64,
        em: f64,
        words: Vec<&'a OcrWord>,
    }
    let mut rows: Vec<Row> = by_line(&straight)
        .into_iter()
        .map(|g| {
            let mut bottoms: Vec<f64> = g.iter().map(|w| w.top + w.height).collect();
            bottoms.sort_by(f64::total_cmp);
            let mut heights: Vec<f64> = g.iter().map(|w| w.height).collect();
            heights.sort_by(f64::total_cmp);
            Row {
                baseline: bottoms[bottoms.len() / 2],
                // Word boxes are about 0.8 of the font's em: a cap height
                // and a mark above it, or an ascender and a descender.
                em: heights[(heights.len() * 3) / 4] * 1.2,
                words: g,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut merged: Vec<Row> = Vec::new();
    for row in rows {
        match merged.last_mut() {
            Some(m)
                if (m.baseline - row.baseline).abs() <= m.em.min(row.em) * 0.3
                    && !overlaps(&m.words, &row.words) =>
            {
                m.words.extend(row.words);
                m.em = m.em.max(row.em);
            }
            _ => merged.push(row),
        }
    }
    let lines = merged
        .into_iter()
        .filter_map(|mut row| {
            row.words.sort_by(|a, b| a.left.total_cmp(&b.left));
            let mut chunks: Vec<(Chunk, Vec<String>)> = Vec::new();
            for w in &row.words {
                let x0 = w.left * scale;
                let x1 = (w.left + w.width) * scale;
                let size = row.em * scale;
                match chunks.last_mut() {
                    Some((c, texts)) if x0 - c.x1 <= size * 1.6 => {
                        c.x1 = c.x1.max(x1);
                        c.conf = c.conf.min(w.conf / 100.0);
                        texts.push(w.text.clone());
                    }
                    _ => chunks.push((
                        Chunk {
                            x0,
                            x1,
                            size,
                            text: String::new(),
                            conf: w.conf / 100.0,
                        },
                        vec![w.text.clone()],
                    )),
                }
            }
            let chunks: Vec<Chunk> = chunks
                .into_iter()
                .map(|(mut c, texts)| {
                    c.text = texts.join(" ");
                    c
                })
                .collect();
            (!chunks.is_empty()).then_some(Line {
                y: row.baseline * scale,
                chunks,
            })
        })
        .collect();
    Page {
        width: width_px * scale,
        height: height_px * scale,
        lines,
    }
}

fn overlaps(a: &[&OcrWord], b: &[&OcrWord]) -> bool {
    a.iter().any(|x| {
        b.iter()
            .any(|y| x.left < y.left + y.width && y.left < x.left + x.width)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(key: u32, left: f64, top: f64, text: &str, conf: f32) -> OcrWord {
        OcrWord {
            line_key: (key, 1, 1),
            left,
            top,
            width: 60.0,
            height: 40.0,
            conf,
            text: text.into(),
        }
    }

    #[test]
    fn tsv_words_are_read_and_non_words_skipped() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   4\t1\t1\t1\t1\t0\t10\t10\t100\t40\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t10\t50\t40\t91.5\tSo\u{302}\u{301}:\n\
                   5\t1\t1\t1\t1\t2\t70\t10\t50\t40\t-1\t \n";
        let words = parse_tsv(tsv);
        assert_eq!(words.len(), 1);
        assert_eq!(words[0].text, "Số:", "normalised to NFC");
        assert_eq!(words[0].conf, 91.5);
    }

    #[test]
    fn two_header_cells_in_two_blocks_join_one_line_as_two_chunks() {
        let words = vec![
            word(1, 100.0, 300.0, "Số:", 95.0),
            word(1, 170.0, 300.0, "15/QĐ-UBND", 60.0),
            word(2, 1300.0, 303.0, "Lạng", 96.0),
            word(2, 1370.0, 303.0, "Sơn,", 96.0),
        ];
        let page = page_from_words(&words, 2480.0, 3508.0, 300.0);
        assert_eq!(page.lines.len(), 1);
        let chunks = &page.lines[0].chunks;
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].text, "Số: 15/QĐ-UBND");
        assert!((chunks[0].conf - 0.6).abs() < 1e-6, "the worst word counts");
        assert!((page.width - 595.2).abs() < 0.1);
    }

    #[test]
    fn a_page_turned_four_degrees_is_straightened() {
        let angle = 4f64.to_radians();
        let mut words = Vec::new();
        for (row, key) in [(800.0, 1), (1000.0, 2)] {
            for i in 0..6 {
                let x = 300.0 + i as f64 * 80.0;
                words.push(word(key, x, row + (x + 30.0) * angle.tan(), "chữ", 90.0));
            }
        }
        assert!((skew_degrees(&words) - 4.0).abs() < 0.1);
        let page = page_from_words(&words, 2480.0, 3508.0, 300.0);
        assert_eq!(page.lines.len(), 2);
        assert!(page.lines.iter().all(|l| l.chunks.len() == 1));
    }
}
