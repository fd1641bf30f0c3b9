//! Positioned text: the glyphs pdf-extract reports, grouped into lines and
//! chunks (runs of text separated by a column-sized gap).
//!
//! Field extraction works on positions because the Appendix I layout is a
//! two-column header and a two-column footer; plain text order is not
//! reliable (pdftotext and pdf-extract both merge the two header cells).

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A run of text on one line with no column gap inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    pub x0: f64,
    pub x1: f64,
    pub size: f64,
    /// NFC text, single-spaced.
    pub text: String,
    /// 0–1: the worst OCR word confidence in the chunk; 1 for a text layer.
    pub conf: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline, measured from the top of the page downwards.
    pub y: f64,
    pub chunks: Vec<Chunk>,
}

impl Line {
    pub fn x0(&self) -> f64 {
        self.chunks.first().map_or(0.0, |c| c.x0)
    }
    pub fn x1(&self) -> f64 {
        self.chunks.last().map_or(0.0, |c| c.x1)
    }
    pub fn size(&self) -> f64 {
        self.chunks.iter().map(|c| c.size).fold(0.0, f64::max)
    }
    pub fn text(&self) -> String {
        self.chunks
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfLayout {
    pub pages: Vec<Page>,
}

impl PdfLayout {
    /// All text, one line per line, pages separated by a form feed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, p) in self.pages.iter().enumerate() {
            if i > 0 {
                out.push('\u{c}');
            }
            for l in &p.lines {
                out.push_str(&l.text());
                out.push('\n');
            }
        }
        out
    }

    /// Text that came from OCR: some chunk carries a word score below 1
    /// (a text layer's chunks are 1).
    pub fn read_by_ocr(&self) -> bool {
        self.pages
            .iter()
            .flat_map(|p| &p.lines)
            .flat_map(|l| &l.chunks)
            .any(|c| c.conf < 1.0)
    }

    pub fn visible_chars(&self) -> usize {
        self.pages
            .iter()
            .flat_map(|p| &p.lines)
            .flat_map(|l| &l.chunks)
            .map(|c| c.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    }
}

#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    w: f64,
    size: f64,
    text: String,
}

/// Collects glyphs page by page; implements pdf-extract's output device.
#[derive(Default)]
pub(crate) struct Collector {
    pub(crate) pages: Vec<Page>,
    glyphs: Vec<Glyph>,
    width: f64,
    height: f64,
    top: f64,
    left: f64,
    pub(crate) glyph_budget: usize,
    stop: crate::isolate::Stop,
    seen: usize,
}

impl Collector {
    pub(crate) fn new(glyph_budget: usize, stop: crate::isolate::Stop) -> Collector {
        Collector {
            glyph_budget,
            stop,
            ..Default::default()
        }
    }

    /// The caller gave up waiting: abandon the file (isolate.rs).
    fn stopped(&self) -> Result<(), OutputError> {
        if self.stop.is_set() {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        Ok(())
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _n: u32,
        mb: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.stopped()?;
        self.glyphs.clear();
        self.width = (mb.urx - mb.llx).abs();
        self.height = (mb.ury - mb.lly).abs();
        self.top = mb.ury.max(mb.lly);
        self.left = mb.llx.min(mb.urx);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let glyphs = std::mem::take(&mut self.glyphs);
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            lines: build_lines(glyphs),
        });
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        self.seen += 1;
        if self.seen.is_multiple_of(256) {
            self.stopped()?;
        }
        if self.glyph_budget == 0 {
            // A damaged file can claim millions of glyphs; stop collecting
            // rather than exhaust memory.
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        self.glyph_budget -= 1;
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31 - self.left, self.top - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || ch.is_empty() {
            return Ok(());
        }
        // Some fonts (CID fonts whose /W array pdf-extract does not read)
        // report every advance as one em. Such a width is unknown, not real.
        let w = if (width - 1.0).abs() < 1e-9 {
            f64::NAN
        } else {
            width * size
        };
        self.glyphs.push(Glyph {
            x,
            y,
            w,
            size,
            text: ch.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A base glyph with the combining marks that follow it in the stream, so
/// that NFD text (pub05) keeps each mark on its letter when sorted by x.
struct Cluster {
    known_width: bool,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

fn build_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    let mut clusters: Vec<Cluster> = Vec::new();
    for g in glyphs {
        let starts_with_mark = g.text.chars().next().is_some_and(is_combining_mark);
        if starts_with_mark {
            if let Some(last) = clusters.last_mut() {
                if (last.y - g.y).abs() < last.size.max(1.0) {
                    last.text.push_str(&g.text);
                    continue;
                }
            }
        }
        let known_width = g.w.is_finite();
        let w = if known_width {
            g.w.max(0.0)
        } else {
            g.size * 0.5
        };
        clusters.push(Cluster {
            known_width,
            x0: g.x,
            x1: g.x + w,
            y: g.y,
            size: g.size,
            text: g.text,
        });
    }
    // Group by baseline. Sorting by y first keeps this linear after the sort.
    clusters.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<Cluster>> = Vec::new();
    for c in clusters {
        match rows.last_mut() {
            Some(row) if (row[0].y - c.y).abs() <= row[0].size.max(c.size).max(1.0) * 0.35 => {
                row.push(c)
            }
            _ => rows.push(vec![c]),
        }
    }
    let mut lines = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let y = row[0].y;
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut cur: Option<(Chunk, String)> = None;
        for c in row {
            let is_space = c.text.chars().all(char::is_whitespace);
            match cur.as_mut() {
                Some((chunk, raw)) => {
                    let gap = c.x0 - chunk.x1;
                    let size = chunk.size.max(c.size).max(1.0);
                    if gap > size * 1.6 {
                        let (done, raw) = cur.take().expect("present");
                        chunks.push(finish(done, raw));
                        if !is_space {
                            cur = Some(start_chunk(c));
                        }
                        continue;
                    }
                    // Without real widths only a wide gap is a word space; the
                    // PDF's own space glyphs mark the rest.
                    let word_gap = if c.known_width { 0.12 } else { 0.8 };
                    if gap > size * word_gap && !raw.ends_with(' ') {
                        raw.push(' ');
                    }
                    raw.push_str(&c.text);
                    if !is_space {
                        chunk.x1 = chunk.x1.max(c.x1);
                    }
                    chunk.size = chunk.size.max(c.size);
                }
                None if is_space => {}
                None => cur = Some(start_chunk(c)),
            }
        }
        if let Some((chunk, raw)) = cur {
            chunks.push(finish(chunk, raw));
        }
        chunks.retain(|c| !c.text.is_empty());
        if !chunks.is_empty() {
            lines.push(Line { y, chunks });
        }
    }
    lines
}

/// A new chunk at cluster `c`, with its raw text still to be normalised.
fn start_chunk(c: Cluster) -> (Chunk, String) {
    (
        Chunk {
            x0: c.x0,
            x1: c.x1,
            size: c.size,
            text: String::new(),
            conf: 1.0,
        },
        c.text,
    )
}

fn finish(mut chunk: Chunk, raw: String) -> Chunk {
    let nfc: String = raw.nfc().collect();
    chunk.text = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    chunk
}
