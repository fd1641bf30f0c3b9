//! A transparent PNG (signature or seal) as a PDF image: the colour in one
//! Flate stream, the alpha channel as its soft mask.

use crate::error::SignError;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Object, Stream};
use std::io::Write;

pub struct PdfImage {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
    pub alpha: Option<Vec<u8>>,
}

const MAX_SIDE: u32 = 8000;

pub fn decode_png(bytes: &[u8]) -> Result<PdfImage, SignError> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| SignError::Image(e.to_string()))?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(SignError::Image(format!(
            "{w}×{h} pixels is not a usable size"
        )));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| SignError::Image("too large".into()))?;
    let mut buf = vec![0; size];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|e| SignError::Image(e.to_string()))?;
    let data = &buf[..frame.buffer_size()];
    let n = (w * h) as usize;
    let mut rgb = Vec::with_capacity(n * 3);
    let mut alpha = None;
    match frame.color_type {
        png::ColorType::Rgba => {
            let mut a = Vec::with_capacity(n);
            for px in data.chunks_exact(4) {
                rgb.extend_from_slice(&px[..3]);
                a.push(px[3]);
            }
            alpha = Some(a);
        }
        png::ColorType::Rgb => rgb.extend_from_slice(data),
        png::ColorType::GrayscaleAlpha => {
            let mut a = Vec::with_capacity(n);
            for px in data.chunks_exact(2) {
                rgb.extend_from_slice(&[px[0], px[0], px[0]]);
                a.push(px[1]);
            }
            alpha = Some(a);
        }
        png::ColorType::Grayscale => {
            for &g in data {
                rgb.extend_from_slice(&[g, g, g]);
            }
        }
        png::ColorType::Indexed => return Err(SignError::Image("palette not expanded".into())),
    }
    Ok(PdfImage {
        width: w,
        height: h,
        rgb,
        alpha,
    })
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).expect("in-memory write");
    e.finish().expect("in-memory write")
}

fn image_stream(w: u32, h: u32, space: &[u8], data: &[u8]) -> Stream {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", Object::Integer(w as i64));
    d.set("Height", Object::Integer(h as i64));
    d.set("ColorSpace", Object::Name(space.to_vec()));
    d.set("BitsPerComponent", Object::Integer(8));
    d.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    Stream::new(d, deflate(data))
}

impl PdfImage {
    /// The image stream and, when the PNG has alpha, its soft mask; the
    /// caller links them with /SMask once the mask has an object number.
    pub fn streams(&self) -> (Stream, Option<Stream>) {
        let colour = image_stream(self.width, self.height, b"DeviceRGB", &self.rgb);
        let mask = self
            .alpha
            .as_ref()
            .map(|a| image_stream(self.width, self.height, b"DeviceGray", a));
        (colour, mask)
    }

    /// Size in points when printed at `dpi`.
    pub fn size_at(&self, dpi: f64) -> (f64, f64) {
        (
            self.width as f64 * 72.0 / dpi,
            self.height as f64 * 72.0 / dpi,
        )
    }
}
