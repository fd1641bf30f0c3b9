//! A generator of administrative letters nobody has seen, each with its
//! ground truth (issue 10): every Appendix III type, every signing form
//! (KT., TM., Q., TL., TUQ., and none), urgency boxes, one and two pages,
//! three typefaces from our own writer, and LibreOffice as a second PDF
//! producer. Deterministic: the same seed gives the same letters.
#![allow(dead_code)]

use eoffice_domain::DocumentType;
use eoffice_pdf::letter_pdf::{render_letter, Letter, LetterFonts};

/// xorshift64*: small, deterministic, good enough to vary letters.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// What the letter says, as a clerk would type it into the book.
#[derive(Debug, Clone)]
pub struct Truth {
    pub id: String,
    pub producer: &'static str,
    pub parent_organ: Option<String>,
    pub issuer: String,
    pub number: String,
    pub doc_type: DocumentType,
    pub place: String,
    /// YYYY-MM-DD
    pub date: String,
    pub subject: String,
    pub competence: Option<String>,
    pub position: Option<String>,
    pub signer: String,
    pub urgency: Option<&'static str>,
    pub pages_hint: usize,
}

impl Truth {
    pub fn issued(&self) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .expect("the generator writes ISO dates")
    }
}

pub struct Generated {
    pub truth: Truth,
    pub pdf: Vec<u8>,
}

/// (parent organ, issuing organ, the symbol's organ part, place).
const ORGANS: [(Option<&str>, &str, &str, &str); 14] = [
    (None, "Ủy ban nhân dân tỉnh Lạng Sơn", "UBND", "Lạng Sơn"),
    (Some("UBND TỈNH LẠNG SƠN"), "Sở Nội vụ", "SNV", "Lạng Sơn"),
    (
        Some("UBND TỈNH LẠNG SƠN"),
        "Sở Tài chính",
        "STC",
        "Lạng Sơn",
    ),
    (Some("UBND TỈNH BẮC GIANG"), "Sở Y tế", "SYT", "Bắc Giang"),
    (
        Some("UBND HUYỆN CAO LỘC"),
        "Phòng Tư pháp",
        "PTP",
        "Cao Lộc",
    ),
    (None, "Ủy ban nhân dân huyện Văn Lãng", "UBND", "Văn Lãng"),
    (None, "Ủy ban nhân dân xã Tân Thành", "UBND", "Tân Thành"),
    (Some("BỘ Y TẾ"), "Cục Quản lý Dược", "QLD", "Hà Nội"),
    (Some("UBND TỈNH LẠNG SƠN"), "Văn phòng", "VP", "Lạng Sơn"),
    (
        Some("UBND TỈNH CAO BẰNG"),
        "Sở Giáo dục và Đào tạo",
        "SGDĐT",
        "Cao Bằng",
    ),
    (
        None,
        "Ủy ban nhân dân thành phố Lạng Sơn",
        "UBND",
        "Lạng Sơn",
    ),
    (Some("UBND TỈNH LẠNG SƠN"), "Ban Dân tộc", "BDT", "Lạng Sơn"),
    (
        Some("BỘ NỘI VỤ"),
        "Cục Văn thư và Lưu trữ nhà nước",
        "VTLTNN",
        "Hà Nội",
    ),
    (
        Some("UBND TỈNH THÁI NGUYÊN"),
        "Sở Công Thương",
        "SCT",
        "Thái Nguyên",
    ),
];

const TOPICS: [&str; 24] = [
    "triển khai hệ thống quản lý văn bản và điều hành",
    "tổ chức tập huấn nghiệp vụ văn thư, lưu trữ năm 2026",
    "kiểm tra công tác cải cách hành chính",
    "báo cáo kết quả thực hiện dịch vụ công trực tuyến",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "tăng cường bảo đảm an toàn thông tin mạng",
    "thành lập Tổ công tác chuyển đổi số",
    "phân bổ kinh phí sự nghiệp giáo dục",
    "điều chỉnh kế hoạch đầu tư công trung hạn",
    "tổng kết phong trào thi đua yêu nước",
    "quản lý, sử dụng chữ ký số chuyên dùng",
    "lấy ý kiến góp ý dự thảo quy chế làm việc",
    "cử cán bộ tham dự hội nghị trực tuyến",
    "công tác tiếp công dân và giải quyết khiếu nại",
    "thực hiện chế độ báo cáo thống kê định kỳ",
    "chuẩn bị tổ chức Tết Nguyên đán Bính Ngọ",
    "rà soát thủ tục hành chính thuộc thẩm quyền",
    "phát triển du lịch cộng đồng vùng biên giới",
    "bảo vệ môi trường lưu vực sông Kỳ Cùng",
    "kiện toàn Ban chỉ đạo phòng, chống dịch bệnh",
    "quy định về chế độ công tác phí",
    "ứng dụng công nghệ thông tin trong cơ quan nhà nước",
    "giao chỉ tiêu tuyển sinh lớp 10 năm học 2026-2027",
    "xử lý hồ sơ tồn đọng về đất đai",
];

const SENTENCES: [&str; 10] = [
    "Căn cứ chức năng, nhiệm vụ được giao, cơ quan đề nghị các đơn vị triển khai thực hiện nghiêm túc các nội dung sau đây.",
    "Các cơ quan, đơn vị rà soát quy trình tiếp nhận, xử lý văn bản đến và phát hành văn bản đi trên hệ thống, bảo đảm thời hạn xử lý theo quy định.",
    "Thủ trưởng các cơ quan chịu trách nhiệm trước cấp trên về kết quả thực hiện và báo cáo định kỳ hằng quý.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp thời để được hướng dẫn, giải quyết.",
    "Văn phòng chủ trì, phối hợp với các phòng chuyên môn theo dõi, đôn đốc, tổng hợp kết quả thực hiện.",
    "Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của cơ quan, đơn vị theo phân cấp hiện hành.",
    "Cán bộ, công chức, viên chức có trách nhiệm thực hiện đúng quy định về thể thức và kỹ thuật trình bày văn bản.",
    "Việc lập hồ sơ và giao nộp hồ sơ, tài liệu vào lưu trữ cơ quan được thực hiện theo danh mục hồ sơ đã ban hành.",
    "Đề nghị các đơn vị gửi báo cáo bằng văn bản điện tử có ký số qua hệ thống trước ngày 25 hằng tháng.",
    "Quyết định này có hiệu lực kể từ ngày ký; các quy định trước đây trái với Quyết định này đều bãi bỏ.",
];

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bế", "Nông", "Lương", "Triệu", "Hà",
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Minh", "Thu", "Đức", "Quang", "Ngọc", "Hữu"];
const GIVEN: [&str; 14] = [
    "An", "Bình", "Hằng", "Dũng", "Lan", "Thắng", "Hòa", "Khánh", "Trang", "Tuấn", "Hiền", "Phúc",
    "Sơn", "Yến",
];

/// (competence lines, position) by signing form, and a head's own block.
const SIGNING: [(Option<&str>, &str); 11] = [
    (Some("KT. GIÁM ĐỐC"), "PHÓ GIÁM ĐỐC"),
    (Some("KT. CHỦ TỊCH"), "PHÓ CHỦ TỊCH"),
    (Some("KT. BỘ TRƯỞNG"), "THỨ TRƯỞNG"),
    (Some("TM. ỦY BAN NHÂN DÂN"), "CHỦ TỊCH"),
    (Some("TM. ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"), "CHỦ TỊCH"),
    (Some("Q. GIÁM ĐỐC"), ""),
    (Some("TL. GIÁM ĐỐC"), "CHÁNH VĂN PHÒNG"),
    (Some("TL. CHỦ TỊCH"), "CHÁNH VĂN PHÒNG"),
    (Some("TUQ. CHỦ TỊCH"), "GIÁM ĐỐC SỞ NỘI VỤ"),
    (None, "GIÁM ĐỐC"),
    (None, "CHỦ TỊCH"),
];

const URGENCY: [&str; 3] = ["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"];

fn leak(path: &str) -> &'static [u8] {
    Box::leak(
        std::fs::read(path)
            .unwrap_or_else(|e| {
                panic!("{path} is installed by setup (fonts-dejavu, fonts-liberation2): {e}")
            })
            .into_boxed_slice(),
    )
}

/// The three faces of our own producer: Liberation Serif (bundled, the
/// Times New Roman metrics most templates use), DejaVu Serif (wider) and
/// Liberation Sans.
pub fn faces() -> Vec<(&'static str, Option<LetterFonts>)> {
    vec![
        ("writer-liberation-serif", None),
        (
            "writer-dejavu-serif",
            Some(LetterFonts {
                regular: leak("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
                bold: leak("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
                regular_name: "DejaVuSerif",
                bold_name: "DejaVuSerif-Bold",
            }),
        ),
        (
            "writer-liberation-sans",
            Some(LetterFonts {
                regular: leak("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
                bold: leak("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
                regular_name: "LiberationSans",
                bold_name: "LiberationSans-Bold",
            }),
        ),
    ]
}

/// The truth of letter `i`: type by turn (so every type appears), the
/// rest drawn at random.
pub fn truth(i: usize, rng: &mut Rng) -> Truth {
    let types: Vec<DocumentType> = DocumentType::administrative().collect();
    let doc_type = types[i % types.len()];
    let (parent, organ, organ_code, place) = *rng.pick(&ORGANS);
    // Appendix I writes numbers below 10 with a leading zero.
    let n = format!("{:02}", 1 + rng.below(1500));
    let number = match doc_type.code() {
        Some(code) => format!("{n}/{code}-{organ_code}"),
        // Công văn and Thư công: the symbol names the organ and its unit.
        None => format!("{n}/{organ_code}-{}", rng.pick(&["VP", "TH", "KT", "NV"])),
    };
    let topic = *rng.pick(&TOPICS);
    let subject = if doc_type == DocumentType::CongVan {
        format!("V/v {topic}")
    } else if rng.chance(70) {
        format!("Về việc {topic}")
    } else {
        upper_first(topic)
    };
    let (competence, position) = *rng.pick(&SIGNING);
    let signer = format!(
        "{} {} {}",
        rng.pick(&FAMILY),
        rng.pick(&MIDDLE),
        rng.pick(&GIVEN)
    );
    let (d, m, y) = (
        1 + rng.below(28) as u32,
        1 + rng.below(12) as u32,
        2024 + rng.below(3) as i32,
    );
    let urgency = rng.chance(25).then(|| *rng.pick(&URGENCY));
    Truth {
        id: format!("letter-{i:03}"),
        producer: "",
        parent_organ: parent.map(str::to_string),
        issuer: organ.to_uppercase(),
        number,
        doc_type,
        place: place.to_string(),
        date: format!("{y:04}-{m:02}-{d:02}"),
        subject,
        competence: competence.map(|c| c.replace('\n', " ")),
        position: (!position.is_empty()).then(|| position.to_string()),
        signer,
        urgency,
        pages_hint: if rng.chance(30) { 2 } else { 1 },
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn body(t: &Truth, rng: &mut Rng) -> Vec<&'static str> {
    let n = if t.pages_hint == 2 {
        12 + rng.below(5)
    } else {
        2 + rng.below(3)
    };
    (0..n).map(|_| *rng.pick(&SENTENCES)).collect()
}

/// A letter from our own writer in one of its faces.
pub fn render(t: &Truth, face: Option<LetterFonts>, rng: &mut Rng) -> Vec<u8> {
    let date = t.issued();
    let title = (t.doc_type != DocumentType::CongVan).then(|| t.doc_type.name().to_uppercase());
    let competence = SIGNING
        .iter()
        .find(|(c, p)| {
            c.map(|c| c.replace('\n', " ")) == t.competence
                && t.position.as_deref().unwrap_or("") == *p
        })
        .and_then(|(c, _)| *c);
    let body = body(t, rng);
    let addressed = (t.doc_type == DocumentType::CongVan).then_some("Các sở, ban, ngành tỉnh");
    render_letter(&Letter {
        parent_organ: t.parent_organ.as_deref(),
        organ: &t.issuer,
        symbol_tail: "",
        place: &t.place,
        year: chrono::Datelike::year(&date),
        title: title.as_deref(),
        subject: &t.subject,
        addressed_to: addressed,
        body: &body,
        competence,
        position: t.position.as_deref().unwrap_or(""),
        signer: &t.signer,
        recipients: &["Như trên", "Chủ tịch UBND tỉnh (b/c)"],
        number: Some(&t.number),
        date: Some(date),
        urgency: t.urgency,
        fonts: face,
    })
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The same letter as an office template lays it out in a word processor
/// (two-column header and footer tables), for LibreOffice to turn into
/// PDF: a second producer with its own text runs and spacing.
pub fn html(t: &Truth) -> String {
    let date = eoffice_domain::format_date_line(&t.place, t.issued());
    let left_head = match &t.parent_organ {
        Some(p) => format!("{}<br><b>{}</b>", esc(p), esc(&t.issuer)),
        None => format!("<b>{}</b>", esc(&t.issuer)),
    };
    let under_number = if t.doc_type == DocumentType::CongVan {
        format!("<br>{}", esc(&t.subject))
    } else {
        String::new()
    };
    let urgency = t
        .urgency
        .map(|u| format!("<br><b>{u}</b>"))
        .unwrap_or_default();
    let title = if t.doc_type == DocumentType::CongVan {
        "<p align=center>Kính gửi: Các sở, ban, ngành tỉnh.</p>".to_string()
    } else {
        format!(
            "<p align=center><b>{}</b><br><b>{}</b></p>",
            esc(&t.doc_type.name().to_uppercase()),
            esc(&t.subject)
        )
    };
    let block = {
        let mut b = String::new();
        if let Some(c) = &t.competence {
            b.push_str(&format!("<b>{}</b><br>", esc(c)));
        }
        if let Some(p) = &t.position {
            b.push_str(&format!("<b>{}</b><br>", esc(p)));
        }
        format!("{b}<br><br><br><br><b>{}</b>", esc(&t.signer))
    };
    format!(
        "<html><head><meta charset=utf-8><style>body{{font-family:'Liberation Serif';font-size:13pt}} td{{vertical-align:top}}</style></head><body>\
<table width=100%><tr><td width=40% align=center>{left_head}<br>Số: {number}{under_number}{urgency}</td>\
<td width=60% align=center><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br><br><i>{date}</i></td></tr></table>\
{title}<p>{body}</p><p>{body2}</p>\
<table width=100%><tr><td width=45%><b><i>Nơi nhận:</i></b><br>- Như trên;<br>- Lưu: VT.</td><td width=55% align=center>{block}</td></tr></table>\
</body></html>",
        number = esc(&t.number),
        body = SENTENCES[0],
        body2 = SENTENCES[1],
    )
}
