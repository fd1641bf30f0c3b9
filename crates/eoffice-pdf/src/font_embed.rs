//! Liberation Serif (Times New Roman metrics, full Vietnamese glyphs),
//! embedded as a CID font so every Vietnamese letter prints and copies out
//! as itself: used by the book PDFs and by the signature stamps.

use flate2::write::ZlibEncoder;
use flate2::Compression;
use std::collections::BTreeMap;
use std::io::Write;

pub const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf");

pub struct Font {
    face: ttf_parser::Face<'static>,
    data: &'static [u8],
    name: &'static str,
    used: BTreeMap<u16, char>,
}

impl Font {
    pub fn new(data: &'static [u8], name: &'static str) -> Font {
        Font {
            face: ttf_parser::Face::parse(data, 0).expect("bundled font parses"),
            data,
            name,
            used: BTreeMap::new(),
        }
    }

    pub fn gid(&mut self, c: char) -> u16 {
        let g = self
            .face
            .glyph_index(c)
            .or_else(|| self.face.glyph_index('?'))
            .map_or(0, |g| g.0);
        self.used.entry(g).or_insert(c);
        g
    }

    pub fn advance(&self, c: char) -> f32 {
        let g = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        self.face.glyph_hor_advance(g).unwrap_or(0) as f32 / self.face.units_per_em() as f32
    }

    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// `<hex glyph ids>` for a Tj operator.
    pub fn encode(&mut self, s: &str) -> String {
        let mut out = String::from("<");
        for c in s.chars() {
            out.push_str(&format!("{:04X}", self.gid(c)));
        }
        out.push('>');
        out
    }

    /// The five objects of this font as a Type0/CIDFontType2 with a
    /// ToUnicode map, numbered from `n`: the Type0 font is `n`, the
    /// descendant `n+1`, the descriptor `n+2`, the font file `n+3`, the map
    /// `n+4`. Only the glyphs used so far get widths and map entries.
    pub fn objects(&self, n: usize) -> Vec<Vec<u8>> {
        let f = self;
        let mut objs: Vec<Vec<u8>> = Vec::new();
        let upem = f.face.units_per_em() as f32;
        let scale = |v: f32| (v * 1000.0 / upem).round() as i32;
        let bbox = f.face.global_bounding_box();
        let widths: Vec<String> = f
            .used
            .keys()
            .map(|g| {
                format!(
                    "{} [{}]",
                    g,
                    scale(
                        f.face
                            .glyph_hor_advance(ttf_parser::GlyphId(*g))
                            .unwrap_or(0) as f32
                    )
                )
            })
            .collect();
        objs.push(
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{d} 0 R] /ToUnicode {u} 0 R >>",
                name = f.name,
                d = n + 1,
                u = n + 4
            )
            .into_bytes(),
        );
        objs.push(
            format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {fd} 0 R /CIDToGIDMap /Identity /DW 1000 /W [{w}] >>",
                name = f.name,
                fd = n + 2,
                w = widths.join(" ")
            )
            .into_bytes(),
        );
        objs.push(
            format!(
                "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{} {} {} {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 {ff} 0 R >>",
                scale(bbox.x_min as f32),
                scale(bbox.y_min as f32),
                scale(bbox.x_max as f32),
                scale(bbox.y_max as f32),
                scale(f.face.ascender() as f32),
                scale(f.face.descender() as f32),
                scale(f.face.capital_height().unwrap_or(f.face.ascender()) as f32),
                name = f.name,
                ff = n + 3
            )
            .into_bytes(),
        );
        let font_data = deflate(f.data);
        let mut stream = format!(
            "<< /Length {} /Length1 {} /Filter /FlateDecode >>\nstream\n",
            font_data.len(),
            f.data.len()
        )
        .into_bytes();
        stream.extend(&font_data);
        stream.extend(b"\nendstream");
        objs.push(stream);
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(&u16, &char)> = f.used.iter().collect();
        for chunk in entries.chunks(100) {
            cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
            for (g, c) in chunk {
                let mut utf16 = [0u16; 2];
                let hex: String = c
                    .encode_utf16(&mut utf16)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                cmap.push_str(&format!("<{:04X}> <{hex}>\n", g));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        objs.push(format!("<< /Length {} >>\nstream\n{cmap}endstream", cmap.len()).into_bytes());
        objs
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).expect("in-memory write");
    e.finish().expect("in-memory write")
}
