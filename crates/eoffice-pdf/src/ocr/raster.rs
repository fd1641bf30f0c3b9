//! Greyscale pages as pdftoppm writes them (binary PGM, `P5`), and the
//! turns orientation needs. Kept to PGM so that no image crate is needed.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    /// Row-major, one byte per pixel, 0 black – 255 white.
    pub pixels: Vec<u8>,
}

impl Gray {
    pub fn blank(width: usize, height: usize) -> Gray {
        Gray {
            width,
            height,
            pixels: vec![255; width * height],
        }
    }

    /// Reads a binary PGM (maxval 255) or PPM. A PPM is turned grey with
    /// red and blue dropped out: the red seal is stamped over the signer's
    /// position and the blue signature across it, and read as grey they
    /// become words. Official text is black.
    pub fn from_pnm(bytes: &[u8]) -> Option<Gray> {
        use crate::image_pdf::{PageImage, PixelKind};
        let img = PageImage::from_pnm(bytes)?;
        let pixels = match img.kind {
            PixelKind::Gray => img.data,
            PixelKind::Rgb => img
                .data
                .chunks_exact(3)
                .map(|p| {
                    let (r, g, b) = (p[0] as i32, p[1] as i32, p[2] as i32);
                    // Reddish and light in red: seal ink, or its pink edge.
                    // Black text under the seal stays dark in every channel.
                    if (r - g.max(b) > 30 && r > 140) || b - r.max(g) > 40 {
                        255
                    } else {
                        ((r * 299 + g * 587 + b * 114) / 1000) as u8
                    }
                })
                .collect(),
            PixelKind::Bilevel => {
                let row = img.width.div_ceil(8);
                (0..img.height)
                    .flat_map(|y| (0..img.width).map(move |x| (y, x)))
                    .map(|(y, x)| {
                        let black = img.data[y * row + x / 8] & (0x80 >> (x % 8)) != 0;
                        if black {
                            0
                        } else {
                            255
                        }
                    })
                    .collect()
            }
        };
        Some(Gray {
            width: img.width,
            height: img.height,
            pixels,
        })
    }

    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }

    /// Turns the page by a multiple of 90° clockwise.
    pub fn turned(&self, degrees: u32) -> Gray {
        let (w, h) = (self.width, self.height);
        match degrees % 360 {
            180 => Gray {
                width: w,
                height: h,
                pixels: self.pixels.iter().rev().copied().collect(),
            },
            90 | 270 => {
                let mut pixels = vec![255; w * h];
                for y in 0..h {
                    for x in 0..w {
                        let (nx, ny) = if degrees % 360 == 90 {
                            (h - 1 - y, x)
                        } else {
                            (y, w - 1 - x)
                        };
                        pixels[ny * h + nx] = self.pixels[y * w + x];
                    }
                }
                Gray {
                    width: h,
                    height: w,
                    pixels,
                }
            }
            _ => self.clone(),
        }
    }

    /// Rotates by `degrees` (counter-clockwise positive) about the centre,
    /// bilinear, filling with white: a page fed crooked into a scanner.
    pub fn rotated(&self, degrees: f64) -> Gray {
        let (w, h) = (self.width as f64, self.height as f64);
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (w / 2.0, h / 2.0);
        let mut out = Gray::blank(self.width, self.height);
        for y in 0..self.height {
            for x in 0..self.width {
                let (dx, dy) = (x as f64 - cx, y as f64 - cy);
                // The source point that lands on (x, y).
                let sx = c * dx - s * dy + cx;
                let sy = s * dx + c * dy + cy;
                out.pixels[y * self.width + x] = self.sample(sx, sy);
            }
        }
        out
    }

    fn sample(&self, x: f64, y: f64) -> u8 {
        if x < 0.0 || y < 0.0 || x > (self.width - 1) as f64 || y > (self.height - 1) as f64 {
            return 255;
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (fx, fy) = (x - x0 as f64, y - y0 as f64);
        let p = |x: usize, y: usize| self.pixels[y * self.width + x] as f64;
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        (top * (1.0 - fy) + bottom * fy).round() as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Gray {
        Gray {
            width: 3,
            height: 2,
            pixels: vec![0, 1, 2, 3, 4, 5],
        }
    }

    #[test]
    fn pgm_round_trips_and_junk_is_refused() {
        let g = sample();
        assert_eq!(Gray::from_pnm(&g.to_pgm()), Some(g));
        assert_eq!(Gray::from_pnm(b"P5\n3 2\n255\n\x00"), None);
        assert_eq!(Gray::from_pnm(b"GIF89a"), None);
        assert_eq!(Gray::from_pnm(b"P5\n99999999999 99999999999\n255\n"), None);
    }

    #[test]
    fn seal_red_and_signature_blue_drop_out_and_black_stays() {
        let ppm = [
            b"P6\n3 1\n255\n".as_slice(),
            &[200, 30, 40, 20, 20, 20, 30, 40, 160],
        ]
        .concat();
        let g = Gray::from_pnm(&ppm).unwrap();
        assert_eq!(g.pixels[0], 255, "a red seal is dropped");
        assert_eq!(g.pixels[1], 20);
        assert_eq!(g.pixels[2], 255, "a blue signature is dropped");
    }

    #[test]
    fn quarter_turns_compose_to_the_original() {
        let g = sample();
        let r = g.turned(90);
        assert_eq!((r.width, r.height), (2, 3));
        // Clockwise: the bottom-left pixel becomes the top-left.
        assert_eq!(r.pixels[0], 3);
        assert_eq!(r.turned(270), g);
        assert_eq!(g.turned(180).turned(180), g);
        assert_eq!(g.turned(90).turned(90), g.turned(180));
    }
}
