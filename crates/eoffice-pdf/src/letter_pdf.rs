//! An administrative letter laid out as Decree 30 Appendix I draws it,
//! with the number and the date left blank for the clerk ("Số:    /UBND-VP",
//! "Lạng Sơn, ngày    tháng    năm 2026"): the drafts of the demo agency,
//! and the letters the signing benchmarks and tests sign. Liberation Serif
//! (Times New Roman metrics), 13–14 pt, A4 portrait.

use crate::book_pdf::{wrap, write_pdf};
use crate::font_embed::{Font, BOLD, REGULAR};

pub const A4: (f32, f32) = (595.28, 841.89);
const LEFT: f32 = 85.0; // 30 mm
const RIGHT: f32 = 57.0; // 20 mm
const TOP: f32 = 57.0;
const BOTTOM: f32 = 57.0;

#[derive(Debug, Clone, Default)]
pub struct Letter<'a> {
    /// Cơ quan chủ quản, when there is one (upper line of the left header).
    pub parent_organ: Option<&'a str>,
    pub organ: &'a str,
    /// What follows the blank number: `/UBND-VP`, `/QĐ-UBND`.
    pub symbol_tail: &'a str,
    pub place: &'a str,
    pub year: i32,
    /// `QUYẾT ĐỊNH`; none for a công văn (its subject sits under the number).
    pub title: Option<&'a str>,
    pub subject: &'a str,
    pub addressed_to: Option<&'a str>,
    pub body: &'a [&'a str],
    pub competence: Option<&'a str>,
    pub position: &'a str,
    pub signer: &'a str,
    pub recipients: &'a [&'a str],
    /// The number and symbol once issued (`15/QĐ-UBND`); a draft leaves
    /// it blank and shows `symbol_tail` after an empty space.
    pub number: Option<&'a str>,
    /// The date once issued; blank in a draft.
    pub date: Option<chrono::NaiveDate>,
    /// The urgency box under the number (`HỎA TỐC`, `KHẨN`).
    pub urgency: Option<&'a str>,
    /// Another regular and bold face with its PDF name, for letters that
    /// come from other offices' templates; Liberation Serif otherwise.
    pub fonts: Option<LetterFonts>,
}

#[derive(Debug, Clone, Copy)]
pub struct LetterFonts {
    pub regular: &'static [u8],
    pub bold: &'static [u8],
    pub regular_name: &'static str,
    pub bold_name: &'static str,
}

struct Writer {
    pages: Vec<String>,
    cur: String,
    y: f32,
}

impl Writer {
    fn text(&mut self, font_no: u8, font: &mut Font, size: f32, x: f32, s: &str) {
        let hex = font.encode(s);
        self.cur.push_str(&format!(
            "BT /F{font_no} {size:.1} Tf {x:.2} {:.2} Td {hex} Tj ET\n",
            self.y
        ));
    }

    fn centred(&mut self, font_no: u8, font: &mut Font, size: f32, centre: f32, s: &str) {
        let w = font.width(s, size);
        self.text(font_no, font, size, centre - w / 2.0, s);
    }

    fn down(&mut self, by: f32) {
        self.y -= by;
        if self.y < BOTTOM {
            self.pages.push(std::mem::take(&mut self.cur));
            self.y = A4.1 - TOP;
        }
    }
}

pub fn render_letter(l: &Letter<'_>) -> Vec<u8> {
    let (mut reg, mut bold) = match l.fonts {
        Some(f) => (
            Font::new(f.regular, f.regular_name),
            Font::new(f.bold, f.bold_name),
        ),
        None => (
            Font::new(REGULAR, "LiberationSerif"),
            Font::new(BOLD, "LiberationSerif-Bold"),
        ),
    };
    let (w, h) = A4;
    // Column centres as the template draws them: the organ over the left
    // ~60 mm, the national title over the right ~100 mm.
    let left_c = LEFT + 80.0;
    let right_c = w - RIGHT - 125.0;
    let mut p = Writer {
        pages: Vec::new(),
        cur: String::new(),
        y: h - TOP,
    };
    // Header: the parent organ (regular) and the organ (bold, on two lines
    // when long: ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN) on the left; the national
    // title and the motto on the right.
    let mut left: Vec<(u8, String)> = l
        .parent_organ
        .map(|p| (1, p.to_uppercase()))
        .into_iter()
        .collect();
    let organ_lines = if l.parent_organ.is_some() {
        vec![l.organ.to_uppercase()]
    } else {
        wrap(&bold, &l.organ.to_uppercase(), 12.5, 140.0)
    };
    left.extend(organ_lines.into_iter().map(|t| (2, t)));
    for (i, (font_no, text)) in left.iter().enumerate() {
        let font = if *font_no == 1 { &mut reg } else { &mut bold };
        p.centred(*font_no, font, 12.5, left_c, text);
        match i {
            0 => p.centred(
                2,
                &mut bold,
                12.5,
                right_c,
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ),
            1 => p.centred(2, &mut bold, 13.5, right_c, "Độc lập - Tự do - Hạnh phúc"),
            _ => {}
        }
        p.down(15.0);
    }
    if left.len() < 2 {
        p.centred(2, &mut bold, 13.5, right_c, "Độc lập - Tự do - Hạnh phúc");
        p.down(15.0);
    }
    p.down(11.0);
    let number = match l.number {
        Some(n) => format!("Số: {n}"),
        None => format!("Số:         {}", l.symbol_tail),
    };
    p.centred(1, &mut reg, 13.0, left_c, &number);
    let date = match l.date {
        Some(d) => eoffice_domain::format_date_line(l.place, d),
        None => format!("{}, ngày      tháng      năm {}", l.place, l.year),
    };
    p.centred(1, &mut reg, 13.0, right_c, &date);
    p.down(18.0);
    let text_w = w - LEFT - RIGHT;
    match l.title {
        None => {
            for line in wrap(&reg, l.subject, 12.0, 190.0) {
                p.centred(1, &mut reg, 12.0, left_c, &line);
                p.down(14.0);
            }
            p.down(10.0);
            if let Some(u) = l.urgency {
                p.centred(2, &mut bold, 13.0, left_c, u);
                p.down(18.0);
            }
        }
        Some(title) => {
            if let Some(u) = l.urgency {
                p.centred(2, &mut bold, 13.0, left_c, u);
                p.down(14.0);
            }
            p.down(10.0);
            p.centred(2, &mut bold, 14.0, w / 2.0 + 14.0, title);
            p.down(17.0);
            for line in wrap(&bold, l.subject, 14.0, text_w - 60.0) {
                p.centred(2, &mut bold, 14.0, w / 2.0 + 14.0, &line);
                p.down(17.0);
            }
            p.down(10.0);
        }
    }
    if let Some(to) = l.addressed_to {
        p.centred(
            1,
            &mut reg,
            14.0,
            w / 2.0 + 14.0,
            &format!("Kính gửi: {to}."),
        );
        p.down(24.0);
    }
    for para in l.body {
        let lines = wrap(&reg, para, 14.0, text_w - 28.0);
        for (i, line) in lines.iter().enumerate() {
            let x = if i == 0 { LEFT + 28.0 } else { LEFT };
            p.text(1, &mut reg, 14.0, x, line);
            p.down(19.5);
        }
        p.down(4.0);
    }
    // The signer block (box 7) at the right, "Nơi nhận" (box 9) at the left.
    p.down(8.0);
    if p.y < BOTTOM + 150.0 {
        p.down(p.y);
    }
    let top = p.y;
    // A collective's name can take two lines ("TM. ỦY BAN NHÂN DÂN" /
    // "TỈNH LẠNG SƠN"); "Q. GIÁM ĐỐC" has no position line under it.
    for c in l.competence.iter().flat_map(|c| c.lines()) {
        p.centred(2, &mut bold, 13.5, right_c, c);
        p.down(16.0);
    }
    if !l.position.is_empty() {
        p.centred(2, &mut bold, 13.5, right_c, l.position);
    }
    p.down(84.0);
    p.centred(2, &mut bold, 14.0, right_c, l.signer);
    p.y = top;
    p.text(2, &mut bold, 12.0, LEFT, "Nơi nhận:");
    p.down(14.0);
    for r in l.recipients {
        p.text(1, &mut reg, 11.0, LEFT, &format!("- {r};"));
        p.down(13.0);
    }
    p.text(1, &mut reg, 11.0, LEFT, "- Lưu: VT.");
    p.pages.push(std::mem::take(&mut p.cur));
    write_pdf(&p.pages, &[&reg, &bold], A4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract_fields, extract_layout, ExtractLimits};

    fn letter(body: &[&str]) -> Vec<u8> {
        render_letter(&Letter {
            parent_organ: None,
            organ: "Ủy ban nhân dân tỉnh Lạng Sơn",
            symbol_tail: "/UBND-VP",
            place: "Lạng Sơn",
            year: 2026,
            title: None,
            subject: "V/v triển khai ký số văn bản đi",
            addressed_to: Some("Các sở, ban, ngành tỉnh"),
            body,
            competence: Some("KT. CHỦ TỊCH"),
            position: "PHÓ CHỦ TỊCH",
            signer: "Lương Thị Hà",
            recipients: &["Như trên", "Chủ tịch UBND tỉnh"],
            ..Default::default()
        })
    }

    /// What intake reads back is what was laid out: the organ, the signer,
    /// and a number line with no number yet (Appendix I).
    #[test]
    fn intake_reads_the_letter_it_lays_out() {
        let pdf = letter(&["Ủy ban nhân dân tỉnh đề nghị các cơ quan triển khai ký số văn bản đi theo Nghị định 30/2020/NĐ-CP, bảo đảm đúng thể thức và kỹ thuật trình bày."]);
        let read = extract_layout(&pdf, ExtractLimits::default()).unwrap();
        assert_eq!(read.page_count, 1);
        let f = extract_fields(&read.layout);
        let signer = f.signer.expect("the signer block is found").value;
        assert_eq!(signer.full_name.as_deref(), Some("Lương Thị Hà"));
        assert!(f.number.is_none(), "the number is left blank for the clerk");
        let text = read.layout.text();
        assert!(text.contains("Số:") && text.contains("/UBND-VP"), "{text}");
        assert!(text.contains("Lạng Sơn, ngày"), "{text}");
    }

    #[test]
    fn a_long_body_flows_onto_a_second_page() {
        let para = "Các cơ quan, đơn vị rà soát quy trình tiếp nhận, xử lý văn bản đến và phát hành văn bản đi trên hệ thống quản lý văn bản điện tử, bảo đảm thời hạn xử lý theo quy định.";
        let body = [para; 14];
        let pdf = letter(&body);
        let read = extract_layout(&pdf, ExtractLimits::default()).unwrap();
        assert_eq!(read.page_count, 2);
    }
}
