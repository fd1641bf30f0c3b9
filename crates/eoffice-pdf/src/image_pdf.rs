//! A PDF of scanned page images: what a feeder scan becomes so that it is
//! registered, previewed and OCR'd like any other received PDF.
//!
//! Pages come as the PNM images `scanimage` writes (PBM, PGM or PPM) and go
//! in losslessly (Flate), each on a page sized from its resolution, so the
//! printed size of the paper is kept.

use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PixelKind {
    /// One bit per pixel, 1 black (PBM's convention), rows padded to bytes.
    Bilevel,
    Gray,
    Rgb,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    pub width: usize,
    pub height: usize,
    pub kind: PixelKind,
    pub data: Vec<u8>,
}

impl PageImage {
    /// Reads a binary PNM. 16-bit samples keep their high byte: a letter
    /// needs no more than 8 bits a channel.
    pub fn from_pnm(bytes: &[u8]) -> Option<PageImage> {
        let magic = bytes.get(..2)?;
        let (kind, header_fields) = match magic {
            b"P4" => (PixelKind::Bilevel, 3),
            b"P5" => (PixelKind::Gray, 4),
            b"P6" => (PixelKind::Rgb, 4),
            _ => return None,
        };
        let mut fields: Vec<usize> = Vec::new();
        let mut i = 2;
        while fields.len() < header_fields - 1 {
            match *bytes.get(i)? {
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                c if c.is_ascii_whitespace() => i += 1,
                _ => {
                    let start = i;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                    fields.push(std::str::from_utf8(&bytes[start..i]).ok()?.parse().ok()?);
                }
            }
        }
        // One whitespace byte separates the header from the samples.
        let data = bytes.get(i + 1..)?;
        let (width, height) = (fields[0], fields[1]);
        if width == 0 || height == 0 {
            return None;
        }
        let data = match kind {
            PixelKind::Bilevel => data.get(..width.div_ceil(8).checked_mul(height)?)?.to_vec(),
            PixelKind::Gray | PixelKind::Rgb => {
                let channels = if kind == PixelKind::Rgb { 3 } else { 1 };
                let samples = width.checked_mul(height)?.checked_mul(channels)?;
                match fields[2] {
                    255 => data.get(..samples)?.to_vec(),
                    65535 => data
                        .get(..samples * 2)?
                        .iter()
                        .step_by(2)
                        .copied()
                        .collect(),
                    _ => return None,
                }
            }
        };
        Some(PageImage {
            width,
            height,
            kind,
            data,
        })
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    // Fast level: a 300 dpi colour page is 26 MB and the clerk waits.
    let mut e = ZlibEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).expect("in-memory write");
    e.finish().expect("in-memory write")
}

fn stream(dict: String, data: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "<< {dict} /Length {} /Filter /FlateDecode >>\nstream\n",
        data.len()
    )
    .into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// One page per image, each `dpi` dots per inch.
pub fn image_pdf(pages: &[PageImage], dpi: u32) -> Vec<u8> {
    let dpi = dpi.max(1) as f64;
    // Objects 3.. come in threes per page: page, contents, image.
    let mut objs: Vec<Vec<u8>> = crate::book_pdf::catalog_and_pages(3, 3, pages.len()).to_vec();
    for (i, img) in pages.iter().enumerate() {
        let n = 3 + 3 * i;
        let w = img.width as f64 * 72.0 / dpi;
        let h = img.height as f64 * 72.0 / dpi;
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2} {h:.2}] /Resources << /XObject << /Im1 {} 0 R >> >> /Contents {} 0 R >>",
                n + 2,
                n + 1
            )
            .into_bytes(),
        );
        let content = format!("q {w:.2} 0 0 {h:.2} 0 0 cm /Im1 Do Q");
        objs.push(stream(String::new(), &deflate(content.as_bytes())));
        let (space, bits, decode) = match img.kind {
            PixelKind::Bilevel => ("/DeviceGray", 1, " /Decode [1 0]"),
            PixelKind::Gray => ("/DeviceGray", 8, ""),
            PixelKind::Rgb => ("/DeviceRGB", 8, ""),
        };
        objs.push(stream(
            format!(
                "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace {space} /BitsPerComponent {bits}{decode}",
                img.width, img.height
            ),
            &deflate(&img.data),
        ));
    }
    crate::book_pdf::assemble_pdf(&objs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pnm_headers_of_each_kind_are_read_and_bad_ones_refused() {
        let gray =
            PageImage::from_pnm(b"P5\n# SANE data follows\n3 2\n255\n\x00\x01\x02\x03\x04\x05")
                .unwrap();
        assert_eq!(
            (gray.width, gray.height, gray.kind),
            (3, 2, PixelKind::Gray)
        );
        assert_eq!(gray.data, vec![0, 1, 2, 3, 4, 5]);
        let rgb = PageImage::from_pnm(b"P6 1 1 65535\n\xff\x00\x80\x00\x10\x00").unwrap();
        assert_eq!(rgb.data, vec![0xff, 0x80, 0x10]);
        let bits = PageImage::from_pnm(b"P4\n9 2\n\xff\x80\x00\x00").unwrap();
        assert_eq!((bits.kind, bits.data.len()), (PixelKind::Bilevel, 4));
        assert!(
            PageImage::from_pnm(b"P5\n3 2\n255\n\x00").is_none(),
            "short data"
        );
        assert!(
            PageImage::from_pnm(b"P3\n1 1\n255\n0 0 0").is_none(),
            "ASCII PNM"
        );
        assert!(PageImage::from_pnm(b"P5\n0 2\n255\n").is_none());
    }

    #[test]
    fn each_image_becomes_a_page_of_its_printed_size() {
        let page = PageImage {
            width: 300,
            height: 600,
            kind: PixelKind::Gray,
            data: vec![200; 300 * 600],
        };
        let pdf = image_pdf(&[page.clone(), page], 150);
        let text = String::from_utf8_lossy(&pdf);
        assert_eq!(text.matches("/Type /Page ").count(), 2);
        // 300 px at 150 dpi is 2 in, 144 pt.
        assert!(
            text.contains("/MediaBox [0 0 144.00 288.00]"),
            "{text:.400}"
        );
        assert!(text.contains("/Count 2"));
        assert!(text.ends_with("%%EOF\n"));
    }
}
