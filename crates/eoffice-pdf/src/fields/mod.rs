//! Field extraction from a Vietnamese administrative document laid out per
//! Appendix I of Decree 30/2020/NĐ-CP.
//!
//! The rules follow the layout, not particular files:
//! - page 1 header, left column: parent organ, issuing organ, `Số:`, and for
//!   a công văn the `V/v` subject and the urgency box;
//! - page 1 header, right column: Quốc hiệu, Tiêu ngữ, place and date;
//! - below the header: the type name and the subject (or `Kính gửi:`);
//! - at the end: `Nơi nhận:` on the left, the signer block on the right.
//!
//! Every field carries a confidence in 0–1 so the form can flag the
//! uncertain ones. It is measured, not fixed per field: it rises with the
//! cues that agree (the type code in the number and the title, an organ
//! name that starts as organs do, a subject closed by its rule, a signer
//! block with a position and a name) and, for a scan, falls with the OCR
//! confidence of the words it came from (`ocr_evidence`).

mod ocr_evidence;
mod positions;
#[cfg(test)]
mod tests;

use crate::layout::{Chunk, Line, Page, PdfLayout};
use chrono::NaiveDate;
use eoffice_domain::{parse_date_line, DocumentType, NumberSymbol, Secrecy, SigningForm, Urgency};

#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: T,
    pub confidence: f32,
}

fn field<T>(value: T, confidence: f32) -> Option<Field<T>> {
    Some(Field { value, confidence })
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignerFields {
    pub competence: Option<String>,
    pub position: Option<String>,
    pub full_name: Option<String>,
}

/// The document this one is an appendix of ("Kèm theo Nghị định số …").
#[derive(Debug, Clone, PartialEq)]
pub struct AttachedTo {
    pub type_name: Option<String>,
    pub number_notation: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldSet {
    pub parent_organ: Option<Field<String>>,
    pub issuer: Option<Field<String>>,
    pub number: Option<Field<NumberSymbol>>,
    pub doc_type: Option<Field<DocumentType>>,
    pub place: Option<Field<String>>,
    pub date: Option<Field<NaiveDate>>,
    pub subject: Option<Field<String>>,
    pub signer: Option<Field<SignerFields>>,
    pub urgency: Field<Urgency>,
    pub secrecy: Option<Field<Secrecy>>,
    pub addressees: Option<Field<Vec<String>>>,
    pub recipients: Option<Field<Vec<String>>>,
    pub attached_to: Option<AttachedTo>,
}

impl Default for Field<Urgency> {
    fn default() -> Self {
        Field {
            value: Urgency::Thuong,
            confidence: 0.6,
        }
    }
}

/// Everything intake learns from a PDF's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub fields: FieldSet,
    pub page_count: usize,
}

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
const PLACE_LEVELS: [&str; 8] = [
    "TỈNH",
    "HUYỆN",
    "THÀNH PHỐ",
    "QUẬN",
    "THỊ XÃ",
    "XÃ",
    "PHƯỜNG",
    "THỊ TRẤN",
];
const ORGAN_HEADS: [&str; 44] = [
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HĐND",
    "HỘI ĐỒNG",
    "SỞ",
    "BỘ",
    "VĂN PHÒNG",
    "BAN",
    "CỤC",
    "TỔNG CỤC",
    "CHI CỤC",
    "PHÒNG",
    "TRUNG TÂM",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "VIỆN",
    "HỌC VIỆN",
    "ĐẠI HỌC",
    "CÔNG AN",
    "BỘ CHỈ HUY",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "THỦ TƯỚNG",
    "CHỦ TỊCH NƯỚC",
    "TÒA ÁN",
    "TOÀ ÁN",
    "VIỆN KIỂM SÁT",
    "KHO BẠC",
    "CHI NHÁNH",
    "ĐẢNG ỦY",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "HUYỆN ỦY",
    "CÔNG TY",
    "TẬP ĐOÀN",
    "ĐÀI",
    "BÁO",
    "LIÊN ĐOÀN",
    "HỘI",
    "ĐOÀN",
    "MẶT TRẬN",
    "THANH TRA",
    "BẢO HIỂM",
];

/// Runs the layout rules over a document.
pub fn extract_fields(layout: &PdfLayout) -> FieldSet {
    let mut fs = FieldSet::default();
    let Some(first) = layout.pages.first() else {
        return fs;
    };
    let page1 = split_motto(first);
    let header_limit = page1.height * 0.45;
    let right_x = right_column_x(&page1);
    let number_at = find_number(&page1, header_limit, right_x);
    if let Some((ns, _, conf)) = &number_at {
        fs.number = field(ns.clone(), *conf);
    }
    let blank_number_y = blank_number(&page1);
    let so_y = number_at.as_ref().map(|(_, y, _)| *y).or(blank_number_y);
    if let Some(so_y) = so_y {
        let (parent, issuer) = organs(&page1, so_y, right_x);
        fs.parent_organ = parent.and_then(|p| {
            let c = if starts_like_organ(&p) { 0.85 } else { 0.6 };
            field(p, c)
        });
        fs.issuer = issuer.and_then(|i| {
            let c = if starts_like_organ(&i) { 0.9 } else { 0.65 };
            field(i, c)
        });
    }
    if let Some((place, date, conf)) = find_date(&page1, header_limit) {
        fs.place = field(place, conf);
        fs.date = field(date, conf);
    }
    let title = find_title(&page1, so_y.unwrap_or(0.0), header_limit);
    let vv = find_vv_subject(&page1, header_limit, right_x);
    fs.doc_type = decide_type(
        fs.number.as_ref(),
        blank_number_y.is_some(),
        title.as_ref().map(|t| t.0),
        vv.is_some(),
        &page1,
    );
    fs.subject = match (&vv, &title) {
        (Some(s), _) => field(s.clone(), 0.9),
        (None, Some((_, idx))) => subject_after(&page1, *idx).and_then(|(s, cue)| {
            // A subject the rule saw closed (by its rule line, "Căn cứ" or
            // the authority line) is surest; one ended by a gap but laid out
            // as Appendix I draws a subject (centred under the title, a
            // few lines) nearly so; a gap alone leaves it to check.
            let c = match cue {
                SubjectEnd::Closed => 0.88,
                SubjectEnd::CentredBlock => 0.85,
                SubjectEnd::Gap => 0.7,
            };
            field(s, c)
        }),
        (None, None) => appendix_subject(&page1).and_then(|s| field(s, 0.6)),
    };
    // Two cues that disagree lower both: a number whose type code names
    // another type than the title does.
    if let (Some(n), Some((t, _))) = (fs.number.as_mut(), &title) {
        if n.value.type_code.is_some() && n.value.document_type().0 != *t {
            n.confidence = n.confidence.min(0.7);
            if let Some(d) = fs.doc_type.as_mut() {
                d.confidence = d.confidence.min(0.7);
            }
        }
    }
    if fs.number.is_none() {
        fs.attached_to = attached_to(&page1);
    }
    let (urgency, secrecy) = stamps(&page1, header_limit);
    let scanned = layout.read_by_ocr();
    match urgency {
        Some(u) => {
            fs.urgency = Field {
                value: u,
                confidence: 0.9,
            }
        }
        // No box in a header that was read: the letter is not urgent. A
        // scan may have lost a red stamp to the ink dropout, so it stays
        // flagged there.
        None if !scanned && (fs.number.is_some() || fs.issuer.is_some()) => {
            fs.urgency.confidence = 0.9
        }
        None => {}
    }
    fs.secrecy = secrecy.and_then(|s| field(s, 0.9));
    fs.addressees = addressees(&page1).and_then(|a| field(a, 0.85));
    // An appendix or a template has no signer of its own; looking for one
    // would pick placeholders ("Họ và tên").
    // A draft leaves its number blank for the clerk ("Số:    /UBND-VP"):
    // it is a letter with a signer all the same.
    if fs.number.is_some() || blank_number_y.is_some() || title.is_some() || vv.is_some() {
        let main = main_pages(layout);
        let authority = title.and_then(|(_, idx)| authority_line(&page1, idx));
        let noi_nhan = find_noi_nhan(main);
        if let Some((page_idx, line_idx)) = noi_nhan {
            fs.recipients = field(recipients(&main[page_idx], line_idx), 0.85);
        }
        // The signer block beside "Nơi nhận:"; continued on the next page
        // when the name went over; else a block of its own above it (a
        // biên bản's signers, or a letter without "Nơi nhận").
        let beside = noi_nhan.and_then(|(pi, li)| {
            let page = &main[pi];
            let from = block_top(page, li);
            signer(
                block_from(main, pi, from),
                page.width * 0.45,
                authority.as_deref(),
            )
        });
        fs.signer = beside
            .filter(|s| s.value.full_name.is_some() || s.value.position.is_some())
            .or_else(|| signer_above(main, noi_nhan, authority.as_deref()));
    }
    ocr_evidence::apply(&mut fs, layout);
    fs
}

fn starts_like_organ(name: &str) -> bool {
    ORGAN_HEADS.iter().any(|h| starts_with_word(name, h))
}

/// The authority line of a decision ("GIÁM ĐỐC SỞ …", "CHỦ TỊCH ỦY BAN
/// NHÂN DÂN …"): the first caps line after the title that names a position.
fn authority_line(page: &Page, title_idx: usize) -> Option<String> {
    page.lines[title_idx + 1..]
        .iter()
        .take(8)
        .map(|l| clean(&l.text()))
        .find(|t| is_caps(t) && positions::is_known(t))
}

/// The height of a "Số:" line in the header with the symbol but no
/// number yet, so that the organs above it are still found.
fn blank_number(page: &Page) -> Option<f64> {
    page.lines
        .iter()
        .take_while(|l| l.y < page.height * 0.4)
        .find(|l| {
            let t = clean(&l.text());
            let Some(rest) = t.strip_prefix("Số:").or_else(|| t.strip_prefix("Số :")) else {
                return false;
            };
            let rest = rest.trim_start();
            rest.starts_with('/') && rest[1..].starts_with(|c: char| c.is_alphabetic())
        })
        .map(|l| l.y)
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_rule(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '_' | '-' | '–' | '—' | '.' | '…' | '*'))
}

fn is_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

fn starts_with_word(s: &str, head: &str) -> bool {
    s.strip_prefix(head)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
}

/// Splits a chunk where pdf-extract merged a header cell with the Quốc hiệu
/// or the Tiêu ngữ, which happens when the two cells sit close together.
fn split_motto(page: &Page) -> Page {
    let mut out = page.clone();
    for line in &mut out.lines {
        let mut chunks = Vec::new();
        for c in &line.chunks {
            let mut pushed = false;
            for motto in [QUOC_HIEU, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", TIEU_NGU] {
                if let Some(pos) = c.text.find(motto) {
                    if pos > 0 {
                        let total = c.text.chars().count().max(1) as f64;
                        let before = c.text[..pos].chars().count() as f64;
                        let split_x = c.x0 + (c.x1 - c.x0) * before / total;
                        chunks.push(Chunk {
                            x1: split_x,
                            text: clean(&c.text[..pos]),
                            ..c.clone()
                        });
                        chunks.push(Chunk {
                            x0: split_x,
                            text: clean(&c.text[pos..]),
                            ..c.clone()
                        });
                        pushed = true;
                        break;
                    }
                }
            }
            if !pushed {
                chunks.push(c.clone());
            }
        }
        line.chunks = chunks;
    }
    out
}

/// Where the right header column starts: the Quốc hiệu's left edge, or 45%
/// of the page when it is missing.
fn right_column_x(page: &Page) -> f64 {
    page.lines
        .iter()
        .take(12)
        .flat_map(|l| &l.chunks)
        .find(|c| {
            c.text.starts_with("CỘNG HÒA")
                || c.text.starts_with("CỘNG HOÀ")
                || c.text.starts_with(TIEU_NGU)
        })
        .map(|c| c.x0.min(page.width * 0.55))
        .unwrap_or(page.width * 0.45)
}

fn is_left(c: &Chunk, right_x: f64) -> bool {
    c.x0 < right_x - 5.0 && (c.x0 + c.x1) / 2.0 < right_x
}

fn find_number(page: &Page, limit: f64, right_x: f64) -> Option<(NumberSymbol, f64, f32)> {
    for line in page.lines.iter().take_while(|l| l.y < limit) {
        for (i, c) in line.chunks.iter().enumerate() {
            let t = c.text.as_str();
            let rest = ["Số:", "Số :", "SỐ:", "Số"]
                .iter()
                .find_map(|p| t.strip_prefix(p))
                .filter(|r| {
                    r.is_empty()
                        || r.starts_with([' ', ':'])
                        || r.starts_with(|c: char| c.is_ascii_digit())
                });
            let Some(rest) = rest else { continue };
            let mut candidate = rest.trim_start_matches([' ', ':']).to_string();
            if candidate.is_empty() {
                // "Số:" alone in its chunk: the number is the next chunk.
                match line.chunks.get(i + 1) {
                    Some(next) if is_left(next, right_x) => candidate = next.text.clone(),
                    _ => continue,
                }
            }
            // Hand-typed symbols sometimes have a space around the slash.
            let candidate = candidate.replace(" /", "/").replace("/ ", "/");
            // The number line is found and left blank for handwriting: no
            // later "Số …" (a subject citing another document) is ours.
            if candidate.starts_with('/') {
                return None;
            }
            let token = candidate.split_whitespace().next().unwrap_or("");
            let token = token.trim_end_matches([',', ';', '.']);
            if let Ok(ns) = NumberSymbol::parse(token) {
                let conf = if is_left(c, right_x) { 0.95 } else { 0.7 };
                return Some((ns, line.y, conf));
            }
        }
    }
    None
}

/// The organ lines above `Số:` in the left column, split into the parent
/// organ and the issuing organ.
fn organs(page: &Page, so_y: f64, right_x: f64) -> (Option<String>, Option<String>) {
    let lines: Vec<String> = page
        .lines
        .iter()
        .filter(|l| l.y < so_y - 1.0)
        .filter_map(|l| {
            let t: Vec<&str> = l
                .chunks
                .iter()
                .filter(|c| is_left(c, right_x) && !is_rule(&c.text))
                .map(|c| c.text.as_str())
                .collect();
            (!t.is_empty()).then(|| clean(&t.join(" ")))
        })
        .filter(|t| is_caps(t))
        .collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for line in lines {
        let continues = groups.last().is_some_and(|g| {
            let prev = g.last().expect("groups are never empty");
            let prev_open = prev.ends_with(" VÀ") || prev.ends_with(',') || prev.ends_with('-');
            prev_open
                || starts_with_word(&line, "VÀ")
                || PLACE_LEVELS.iter().any(|p| starts_with_word(&line, p))
                || !ORGAN_HEADS.iter().any(|h| starts_with_word(&line, h))
        });
        match groups.last_mut() {
            Some(g) if continues => g.push(line),
            _ => groups.push(vec![line]),
        }
    }
    let issuer = groups.pop().map(|g| g.join(" "));
    let parent = groups.pop().map(|g| g.join(" "));
    (parent, issuer)
}

fn find_date(page: &Page, limit: f64) -> Option<(String, NaiveDate, f32)> {
    for line in page.lines.iter().take_while(|l| l.y < limit) {
        for c in &line.chunks {
            let mut text = c.text.as_str();
            // A merged "Số: 15/QĐ-UBND Lạng Sơn, ngày …" chunk.
            if text.starts_with("Số") {
                text = text.splitn(3, ' ').nth(2).unwrap_or("");
            }
            if let Ok(pd) = parse_date_line(text) {
                let conf = if pd.place.chars().count() <= 30 {
                    0.95
                } else {
                    0.5
                };
                return Some((pd.place, pd.date, conf));
            }
        }
    }
    None
}

/// The type name printed as a title ("QUYẾT ĐỊNH"), and its line index.
fn find_title(page: &Page, after_y: f64, limit: f64) -> Option<(DocumentType, usize)> {
    page.lines.iter().enumerate().find_map(|(i, l)| {
        if l.y <= after_y || l.y > limit + page.height * 0.1 || l.chunks.len() != 1 {
            return None;
        }
        let t = l.text();
        let t = t.trim_end_matches(':');
        if !is_caps(t) {
            return None;
        }
        DocumentType::from_name(t).map(|d| (d, i))
    })
}

/// A công văn's `V/v` subject in the left header column, over several lines.
fn find_vv_subject(page: &Page, limit: f64, right_x: f64) -> Option<String> {
    let lines: Vec<&Line> = page.lines.iter().take_while(|l| l.y < limit).collect();
    for (i, l) in lines.iter().enumerate() {
        let Some(c) = l
            .chunks
            .iter()
            .find(|c| is_left(c, right_x) && is_vv(&c.text))
        else {
            continue;
        };
        let mut parts = vec![c.text.clone()];
        let mut last_y = l.y;
        for next in &lines[i + 1..] {
            // A word processor's table interleaves the right cell's lines
            // (the date) with the left cell's: those are not the subject's
            // end, only lines to pass over.
            let Some(n) = next.chunks.iter().find(|c| is_left(c, right_x)) else {
                continue;
            };
            if next.y - last_y > n.size.max(c.size) * 1.6
                || Urgency::parse(&n.text).is_some()
                || Secrecy::parse(&n.text).is_some()
                || n.text.starts_with("Kính gửi")
                || is_rule(&n.text)
            {
                break;
            }
            parts.push(n.text.clone());
            last_y = next.y;
        }
        return Some(clean(&parts.join(" ")));
    }
    None
}

fn is_vv(s: &str) -> bool {
    ["V/v ", "V/V ", "v/v "].iter().any(|p| s.starts_with(p))
}

fn decide_type(
    number: Option<&Field<NumberSymbol>>,
    blank_number: bool,
    title: Option<DocumentType>,
    has_vv: bool,
    page: &Page,
) -> Option<Field<DocumentType>> {
    let from_code = number.and_then(|n| {
        n.value
            .type_code
            .as_ref()
            .map(|_| n.value.document_type().0)
    });
    match (from_code, title) {
        (Some(a), Some(b)) if a == b => field(a, 0.98),
        (Some(a), _) => field(a, 0.85),
        (None, Some(b)) => field(b, 0.8),
        // A letter with no title is a công văn, its number typed or left
        // blank for the clerk to write in.
        (None, None) if number.is_some() || blank_number || has_vv => {
            let kinh_gui = page.lines.iter().any(|l| l.text().starts_with("Kính gửi"));
            field(
                DocumentType::CongVan,
                if has_vv || kinh_gui { 0.9 } else { 0.6 },
            )
        }
        (None, None) => None,
    }
}

/// What ended a subject under its title: the cue its confidence rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubjectEnd {
    /// A rule line, "Căn cứ", "Kính gửi" or the authority line in caps.
    Closed,
    /// A gap, after a short block centred under the title.
    CentredBlock,
    Gap,
}

/// The subject lines under the type title: consecutive lines spaced as one
/// paragraph, ended by a rule, a wider gap or the authority line in caps.
/// Also says which cue ended it.
fn subject_after(page: &Page, title_idx: usize) -> Option<(String, SubjectEnd)> {
    let title = &page.lines[title_idx];
    let mut parts = Vec::new();
    let mut last_y = title.y;
    let mut closed = false;
    for l in &page.lines[title_idx + 1..] {
        let t = l.text();
        let size = l.size().max(title.size()).max(1.0);
        if is_rule(&t)
            || (is_caps(&t) && !parts.is_empty())
            || t.starts_with("Căn cứ")
            || t.starts_with("Kính gửi")
        {
            closed = !parts.is_empty();
            break;
        }
        if l.y - last_y > size * 1.45 {
            break;
        }
        parts.push(t);
        last_y = l.y;
    }
    // More than four lines is a body paragraph run on, not a subject.
    let short = parts.len() <= 4;
    let centre = (title.x0() + title.x1()) / 2.0;
    let centred = page.lines[title_idx + 1..]
        .iter()
        .take(parts.len())
        .all(|l| ((l.x0() + l.x1()) / 2.0 - centre).abs() < page.width * 0.06);
    let cue = match (closed && short, centred && parts.len() <= 3) {
        (true, _) => SubjectEnd::Closed,
        (false, true) => SubjectEnd::CentredBlock,
        _ => SubjectEnd::Gap,
    };
    (!parts.is_empty()).then(|| (clean(&parts.join(" ")), cue))
}

/// An appendix ("Phụ lục III") has its title under the label and before
/// "(Kèm theo …)".
fn appendix_subject(page: &Page) -> Option<String> {
    let idx = page.lines.iter().take(6).position(|l| {
        let t = l.text();
        t.starts_with("Phụ lục") || t.starts_with("PHỤ LỤC")
    })?;
    let mut parts = Vec::new();
    for l in &page.lines[idx + 1..] {
        let t = l.text();
        if t.starts_with('(') || is_rule(&t) || parts.len() >= 4 {
            break;
        }
        parts.push(t);
    }
    (!parts.is_empty()).then(|| clean(&parts.join(" ")))
}

fn attached_to(page: &Page) -> Option<AttachedTo> {
    let text: String = page
        .lines
        .iter()
        .take(10)
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join(" ");
    let rest = &text[text.find("Kèm theo ")? + "Kèm theo ".len()..];
    let (type_part, after) = rest.split_once(" số ")?;
    let token = after.split_whitespace().next()?;
    let ns = NumberSymbol::parse(token.trim_end_matches([',', ')', ';'])).ok()?;
    Some(AttachedTo {
        type_name: DocumentType::from_name(type_part).map(|t| t.name().to_string()),
        number_notation: ns.to_string(),
    })
}

fn stamps(page: &Page, limit: f64) -> (Option<Urgency>, Option<Secrecy>) {
    let mut urgency = None;
    let mut secrecy = None;
    for l in page.lines.iter().take_while(|l| l.y < limit) {
        for c in &l.chunks {
            let t = c.text.trim_matches(|c: char| !c.is_alphanumeric());
            if !is_caps(t) {
                continue;
            }
            if urgency.is_none() {
                urgency = Urgency::parse(t).filter(|u| u.is_urgent());
            }
            if secrecy.is_none() {
                secrecy = Secrecy::parse(t);
            }
        }
    }
    (urgency, secrecy)
}

/// Strips the list mark and the closing punctuation of one item.
fn item_text(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_prefix(['-', '+', '–', '•']).unwrap_or(s).trim();
    clean(s.trim_end_matches([';', '.', ',']).trim())
}

/// Collects list items, joining an item printed over two lines.
fn collect_items<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut open = false;
    for t in texts {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let marked = t.starts_with(['-', '+', '–', '•']);
        if marked {
            items.push(t.to_string());
        } else if open {
            let last = items.last_mut().expect("open implies an item");
            last.push(' ');
            last.push_str(t);
        } else if items.is_empty() {
            items.push(t.to_string());
        } else {
            break;
        }
        let last = items.last().expect("just pushed");
        // An item ending in a full stop is the last one.
        if last.ends_with('.') {
            break;
        }
        open = !last.ends_with(';');
    }
    items
        .iter()
        .map(|i| item_text(i))
        .filter(|i| !i.is_empty())
        .collect()
}

fn addressees(page: &Page) -> Option<Vec<String>> {
    let (idx, chunk_idx) = page.lines.iter().enumerate().find_map(|(i, l)| {
        l.chunks
            .iter()
            .position(|c| c.text.starts_with("Kính gửi"))
            .map(|ci| (i, ci))
    })?;
    let line = &page.lines[idx];
    let head = &line.chunks[chunk_idx];
    let after = head
        .text
        .split_once(':')
        .map(|x| x.1.trim().to_string())
        .unwrap_or_default();
    let mut texts: Vec<String> = Vec::new();
    if !after.is_empty() {
        texts.push(after);
    }
    texts.extend(line.chunks[chunk_idx + 1..].iter().map(|c| c.text.clone()));
    // Following lines belong to the list while they are indented past the
    // body margin and no item has closed the list.
    let item_x = line
        .chunks
        .get(chunk_idx + 1)
        .map_or(head.x0 + 20.0, |c| c.x0);
    let mut last_y = line.y;
    for l in &page.lines[idx + 1..] {
        if l.x0() < item_x.min(head.x1) - 15.0 || l.y - last_y > l.size().max(1.0) * 2.2 {
            break;
        }
        texts.push(l.text());
        last_y = l.y;
    }
    let items = collect_items(texts.iter().map(String::as_str));
    (!items.is_empty()).then_some(items)
}

/// The pages of the document itself: an attached document that follows
/// the signature with a header of its own (Quốc hiệu again, or "PHỤ LỤC"
/// at the top of a page) has its own signer, not this one's.
fn main_pages(layout: &PdfLayout) -> &[Page] {
    let starts_own = |p: &Page| {
        p.lines.iter().take(6).any(|l| {
            let t = l.text();
            t.contains("CỘNG HÒA XÃ HỘI")
                || t.contains("CỘNG HOÀ XÃ HỘI")
                || t.starts_with("PHỤ LỤC")
        })
    };
    let end = (1..layout.pages.len())
        .find(|&i| starts_own(&layout.pages[i]))
        .unwrap_or(layout.pages.len());
    &layout.pages[..end]
}

/// The last `Nơi nhận:` that starts a line (the one in the signature block,
/// not a mention in the body).
fn find_noi_nhan(pages: &[Page]) -> Option<(usize, usize)> {
    let mut found = None;
    for (pi, p) in pages.iter().enumerate() {
        for (li, l) in p.lines.iter().enumerate() {
            let t = &l.chunks[0].text;
            let lower = t.to_lowercase();
            if lower.starts_with("nơi nhận:")
                && (l.chunks[0].x0 + l.chunks[0].x1) / 2.0 < p.width * 0.45
            {
                found = Some((pi, li));
            }
        }
    }
    found
}

fn recipients(page: &Page, idx: usize) -> Vec<String> {
    let half = page.width * 0.45;
    let head = &page.lines[idx].chunks[0];
    let mut texts = Vec::new();
    if let Some((_, after)) = head.text.split_once(':') {
        if !after.trim().is_empty() {
            texts.push(after.trim().to_string());
        }
    }
    let mut last_y = page.lines[idx].y;
    for l in &page.lines[idx + 1..] {
        let left: Vec<&Chunk> = l.chunks.iter().filter(|c| c.x0 < half).collect();
        if left.is_empty() {
            continue;
        }
        if l.y - last_y > left[0].size.max(1.0) * 3.0 {
            break;
        }
        texts.push(clean(
            &left
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ));
        last_y = l.y;
    }
    collect_items(texts.iter().map(String::as_str))
}

/// Where the signer block beside `Nơi nhận:` (line `li`) begins. A word
/// processor's table often starts it a line or two higher: right-hand caps
/// lines just above, with nothing on the left, belong to it.
fn block_top(page: &Page, li: usize) -> f64 {
    let half = page.width * 0.45;
    let size = page.lines[li].size().max(10.0);
    let mut top = page.lines[li].y - size * 1.5;
    for l in page.lines[..li].iter().rev() {
        let only_right = !l.chunks.is_empty() && l.chunks.iter().all(|c| c.x0 >= half);
        let caps = l.chunks.iter().all(|c| is_caps(&clean(&c.text)));
        if !only_right || !caps || top - l.y > size * 2.5 {
            break;
        }
        top = l.y - 1.0;
    }
    top
}

/// The lines of a signer block: from `from_y` on page `pi` to its end,
/// then the first lines of the next page, where a name pushed over by the
/// page break lands.
fn block_from(pages: &[Page], pi: usize, from_y: f64) -> Vec<&Line> {
    let mut lines: Vec<&Line> = pages[pi].lines.iter().filter(|l| l.y >= from_y).collect();
    if let Some(next) = pages.get(pi + 1) {
        lines.extend(next.lines.iter().take(6));
    }
    lines
}

/// A signer block with no "Nơi nhận:" beside it: on the document's last
/// page (above "Nơi nhận:" when there is one), the right-hand caps lines
/// that begin with a signing form or a known position, then a name.
fn signer_above(
    pages: &[Page],
    noi_nhan: Option<(usize, usize)>,
    authority: Option<&str>,
) -> Option<Field<SignerFields>> {
    let pi = noi_nhan.map_or(pages.len().checked_sub(1)?, |(pi, _)| pi);
    let page = &pages[pi];
    let half = page.width * 0.45;
    let end = noi_nhan.map_or(page.lines.len(), |(_, li)| li);
    let starts_block = |l: &Line| {
        l.chunks.iter().any(|c| {
            let t = clean(&c.text);
            c.x0 >= half
                && is_caps(&t)
                && (SigningForm::of_line(&t).is_some() || positions::is_known(&t))
        })
    };
    // The topmost line of the lowest block: walk up while the lines above
    // it still belong to the block.
    let mut idx = (0..end).rev().find(|&i| starts_block(&page.lines[i]))?;
    while idx > 0 && starts_block(&page.lines[idx - 1]) {
        idx -= 1;
    }
    let lines: Vec<&Line> = page.lines[idx..].iter().collect();
    signer(lines, half, authority)
}

/// The signer block right of `Nơi nhận:`: competence (KT./TM./…), position,
/// then the name. Its confidence counts the cues found: a name, a known
/// position, a competence that fits the position; OCR doubt lowers it.
fn signer(lines: Vec<&Line>, half: f64, authority: Option<&str>) -> Option<Field<SignerFields>> {
    let mut right: Vec<(String, f32)> = Vec::new();
    for l in lines {
        for c in l.chunks.iter().filter(|c| c.x0 >= half) {
            let t = c
                .text
                .trim_start_matches(|ch: char| !ch.is_alphanumeric() && ch != '(');
            let t = clean(t);
            if t.is_empty()
                || t.starts_with('(')
                || is_rule(&t)
                || t.chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            right.push((t, c.conf));
        }
    }
    let mut s = SignerFields::default();
    let mut competence: Vec<String> = Vec::new();
    let mut position: Vec<String> = Vec::new();
    let mut repaired = false;
    let mut worst: f32 = 1.0;
    for (t, conf) in right {
        // OCR noise in a caps line ("tr+ÁM ĐỐC", the seal over "GI"): the
        // repaired text is not the engine's, so its word score is not used.
        let (t, conf) = match positions::repair(&t, authority) {
            Some(p) if !is_caps(&t) && s.full_name.is_none() && position.is_empty() => {
                repaired = true;
                (p, 1.0)
            }
            _ => (t, conf),
        };
        if is_caps(&t) {
            worst = worst.min(conf);
            if s.full_name.is_some() {
                break;
            }
            let is_comp = SigningForm::of_line(&t).is_some();
            let continues_collective = competence
                .last()
                .is_some_and(|c| SigningForm::of_line(c) == Some(SigningForm::ThayMat))
                && position.is_empty()
                && PLACE_LEVELS.iter().any(|p| starts_with_word(&t, p));
            if (is_comp && position.is_empty()) || continues_collective {
                competence.push(t);
            } else {
                position.push(t);
            }
        } else if looks_like_name(&t) {
            worst = worst.min(conf);
            s.full_name = Some(t);
            break;
        }
    }
    s.competence = (!competence.is_empty()).then(|| competence.join(" "));
    s.position = (!position.is_empty()).then(|| position.join(" "));
    if s.full_name.is_none() && s.position.is_none() && s.competence.is_none() {
        return None;
    }
    let known = s.position.as_deref().is_some_and(positions::is_known);
    let fits = s
        .competence
        .as_deref()
        .and_then(SigningForm::of_line)
        .is_none_or(|f| f.fits(s.position.as_deref()));
    let mut conf: f32 = 0.5;
    if s.full_name.is_some() {
        conf += 0.2;
    }
    if known {
        conf += 0.15;
    }
    if fits {
        conf += 0.1;
    }
    if repaired {
        conf = conf.min(0.72);
    }
    conf *= ocr_evidence::factor(worst);
    field(s, conf)
}

/// A person's name: two to six words, each capitalised, no digits.
fn looks_like_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic())
        })
}
