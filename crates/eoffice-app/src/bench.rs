//! Measurements behind `eoffice bench`: generated corpora and timed runs of
//! the real use cases. Nothing here runs in the test command.
//!
//! Corpora are written straight through the store (rows, text, search
//! index) to reach 10⁵–10⁶ documents in minutes; they carry no events and
//! live in their own data folder.

use crate::bench_words::Vocabulary;
use crate::{AppResult, Eoffice, FixedClock, ListRequest, RegisterRequest};
use eoffice_domain::book::{BookDirection, BookSpec};
use eoffice_store::incoming::IncomingRow;
use eoffice_store::{books, incoming, search};
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub n: usize,
    pub p50: Duration,
    pub p95: Duration,
    pub max: Duration,
}

impl Stats {
    pub fn of(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        let n = samples.len().max(1);
        let at = |q: f64| {
            samples
                .get(
                    ((n as f64 * q).ceil() as usize)
                        .saturating_sub(1)
                        .min(n - 1),
                )
                .copied()
                .unwrap_or_default()
        };
        Stats {
            n: samples.len(),
            p50: at(0.50),
            p95: at(0.95),
            max: samples.last().copied().unwrap_or_default(),
        }
    }
}

/// A deterministic generator (xorshift), so runs are comparable.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Skewed towards the first items, as word use is.
    pub fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.skewed(items.len())]
    }
}

const ORGANS: [&str; 24] = [
    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "SỞ NỘI VỤ",
    "SỞ TÀI CHÍNH",
    "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "SỞ Y TẾ",
    "SỞ TƯ PHÁP",
    "SỞ GIAO THÔNG VẬN TẢI",
    "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    "SỞ CÔNG THƯƠNG",
    "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "SỞ XÂY DỰNG",
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    "CÔNG AN TỈNH",
    "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
    "BỘ NỘI VỤ",
    "VĂN PHÒNG CHÍNH PHỦ",
    "ỦY BAN NHÂN DÂN THÀNH PHỐ LẠNG SƠN",
    "ỦY BAN NHÂN DÂN HUYỆN CAO LỘC",
    "ỦY BAN NHÂN DÂN HUYỆN HỮU LŨNG",
    "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN",
    "KHO BẠC NHÀ NƯỚC LẠNG SƠN",
];
const ORGAN_CODES: [&str; 24] = [
    "UBND", "STTTT", "SNV", "STC", "SKHĐT", "SGDĐT", "SYT", "STP", "SGTVT", "SNNPTNT", "STNMT",
    "SCT", "SVHTTDL", "SXD", "SLĐTBXH", "CAT", "BTTTT", "BNV", "VPCP", "UBND", "UBND", "UBND",
    "BQLKKT", "KBNN",
];
const TYPES: [(&str, Option<&str>); 8] = [
    ("Công văn", None),
    ("Quyết định", Some("QĐ")),
    ("Kế hoạch", Some("KH")),
    ("Thông báo", Some("TB")),
    ("Báo cáo", Some("BC")),
    ("Tờ trình", Some("TTr")),
    ("Giấy mời", Some("GM")),
    ("Hướng dẫn", Some("HD")),
];
const ACTIONS: [&str; 16] = [
    "triển khai",
    "tăng cường",
    "hướng dẫn thực hiện",
    "phê duyệt",
    "tổ chức",
    "báo cáo kết quả",
    "đề nghị",
    "góp ý dự thảo",
    "kiểm tra",
    "rà soát",
    "đôn đốc thực hiện",
    "ban hành",
    "điều chỉnh",
    "bố trí kinh phí",
    "cử cán bộ tham dự",
    "tổng kết",
];
const TOPICS: [&str; 24] = [
    "dịch vụ công trực tuyến",
    "cải cách hành chính",
    "chuyển đổi số",
    "an toàn thông tin mạng",
    "phòng, chống thiên tai",
    "công tác văn thư, lưu trữ",
    "xây dựng nông thôn mới",
    "quản lý đất đai",
    "giải phóng mặt bằng",
    "phòng cháy, chữa cháy",
    "tuyển dụng công chức",
    "thi đua, khen thưởng",
    "phòng, chống tham nhũng",
    "kế hoạch đầu tư công",
    "bảo vệ môi trường",
    "giáo dục và đào tạo",
    "an toàn giao thông",
    "phát triển du lịch",
    "hệ thống quản lý văn bản và điều hành",
    "chữ ký số",
    "một cửa điện tử",
    "cổng thông tin điện tử",
    "thu ngân sách nhà nước",
    "y tế cơ sở",
];
const PLACES: [&str; 10] = [
    "trên địa bàn tỉnh",
    "năm 2026",
    "giai đoạn 2026 - 2030",
    "quý IV năm 2026",
    "tại các xã biên giới",
    "của các sở, ban, ngành",
    "tháng 12 năm 2026",
    "trong cơ quan nhà nước",
    "huyện Cao Lộc",
    "thành phố Lạng Sơn",
];
/// The subject and body of one generated document.
pub struct Letter {
    pub subject: String,
    pub body: String,
}

/// A subject of 8 to 30 syllables as clerks see them ("V/v triển khai …"),
/// and a body of one to several pages: a long-tailed length around 300
/// syllables, in sentences that cite other documents, people and places.
pub fn letter(rng: &mut Rng, vocab: &Vocabulary, has_code: bool) -> Letter {
    let mut subject = format!(
        "{} {} {}",
        if has_code { "Về việc" } else { "V/v" },
        rng.pick(&ACTIONS),
        rng.pick(&TOPICS)
    );
    if rng.below(2) == 0 {
        subject.push(' ');
        let n = 1 + rng.below(8);
        vocab.run(rng, n, &mut subject);
    }
    subject.push(' ');
    match rng.below(3) {
        0 => subject.push_str(&vocab.place(rng)),
        _ => subject.push_str(rng.pick(&PLACES)),
    }
    // Exponential around 220 past a floor of 80: most letters fit a page,
    // some run to several.
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let target = (80.0 - 220.0 * (1.0 - u).max(1e-9).ln()).min(1_500.0) as usize;
    let mut body = String::with_capacity(target * 7);
    body.push_str(&subject);
    body.push_str(". ");
    let mut words = 0;
    while words < target {
        let start = body.len();
        let n = 8 + rng.below(18);
        vocab.run(rng, n, &mut body);
        words += n;
        match rng.below(12) {
            0 => {
                body.push_str(if rng.below(2) == 0 { " ông " } else { " bà " });
                body.push_str(&vocab.person(rng));
                words += 4;
            }
            1 => {
                body.push_str(" tại ");
                body.push_str(&vocab.place(rng));
                words += 4;
            }
            2 => {
                let (_, code) = TYPES[1 + rng.below(TYPES.len() - 1)];
                body.push_str(&format!(
                    " theo văn bản số {}/{}-{} ngày {}/{}/{}",
                    1 + rng.below(3000),
                    code.unwrap_or("UBND"),
                    ORGAN_CODES[rng.skewed(ORGAN_CODES.len())],
                    1 + rng.below(28),
                    1 + rng.below(12),
                    2017 + rng.below(10)
                ));
                words += 6;
            }
            3 => {
                body.push_str(&format!(
                    " với kinh phí {} triệu đồng",
                    10 * (1 + rng.below(5000))
                ));
                words += 5;
            }
            _ => {}
        }
        body.push('.');
        // Sentences start with a capital, as the letters do.
        let first = body[start..].chars().next().unwrap_or(' ');
        let cap: String = first.to_uppercase().collect();
        body.replace_range(start..start + first.len_utf8(), &cap);
        body.push(' ');
    }
    body.truncate(body.trim_end().len());
    Letter { subject, body }
}

/// Where the benchmark's words come from by default: the fixture letters
/// beside the checkout (`../shared/fixtures/documents` from the repository).
pub fn default_words_folder() -> Option<std::path::PathBuf> {
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .map(|a| a.join("shared/fixtures/documents"))
        .find(|p| p.is_dir())
}

/// Builds (or reuses) a corpus of `n` documents spread over `years` books.
pub fn corpus(
    dir: &Path,
    n: u64,
    years: &[i32],
    vocab: &Vocabulary,
    mut progress: impl FnMut(u64),
) -> AppResult<Eoffice> {
    let clock = FixedClock(
        chrono::DateTime::parse_from_rfc3339("2026-12-31T16:00:00+07:00").expect("valid"),
    );
    let mut app = Eoffice::open(dir, Box::new(clock))?;
    if app.agency().is_err() {
        app.init_agency(
            "bench",
            "000.00.00.H37",
            "UBND tỉnh Lạng Sơn",
            Some("UBND"),
            Some("Lạng Sơn"),
        )?;
    }
    let have: u64 = app
        .conn
        .query_row("SELECT COUNT(*) FROM incoming", [], |r| r.get(0))?;
    if have >= n {
        return Ok(app);
    }
    let mut rng = Rng(0x00e0_ff1c_e000_0001 ^ have);
    let per_year = n.div_ceil(years.len() as u64);
    let agency = app.agency()?.id;
    let mut done = have;
    while done < n {
        let tx = app.conn.transaction()?;
        for _ in 0..10_000.min(n - done) {
            let year = years[((done / per_year) as usize).min(years.len() - 1)];
            let spec = BookSpec {
                direction: BookDirection::Incoming,
                year,
                secret: false,
                normative: false,
            };
            let (book, _) = books::get_or_create(&tx, &agency, &spec)?;
            let number = book.last_number + 1;
            books::set_last_number(&tx, &book.id, number)?;
            let organ_i = rng.skewed(ORGANS.len());
            let (type_name, code) = TYPES[rng.skewed(TYPES.len())];
            let Letter { subject, body } = letter(&mut rng, vocab, code.is_some());
            let notation = match code {
                Some(c) => format!("{c}-{}", ORGAN_CODES[organ_i]),
                None => format!("{}-VP", ORGAN_CODES[organ_i]),
            };
            let day = 1 + (number as u64 * 365 / per_year.max(1)).min(364);
            let date = chrono::NaiveDate::from_yo_opt(year, day as u32)
                .expect("day of year")
                .format("%Y-%m-%d")
                .to_string();
            let row = IncomingRow {
                id: format!("bench-{done}"),
                agency_id: agency.clone(),
                book_id: book.id.clone(),
                arrival_number: number,
                arrival_date: date.clone(),
                state: "registered".into(),
                code_number: Some(format!("{:02}", 1 + rng.below(3000))),
                code_notation: Some(notation),
                type_name: Some(type_name.into()),
                issued_date: Some(date.clone()),
                organ_name: ORGANS[organ_i].into(),
                subject: subject.clone(),
                priority: if rng.below(10) == 0 {
                    1 + rng.below(3) as u8
                } else {
                    0
                },
                created_at: date.clone(),
                updated_at: date,
                ..Default::default()
            };
            let seq = incoming::insert(&tx, &row)?;
            incoming::insert_text(&tx, seq, &body)?;
            let meta = search::meta_text(
                &row.organ_name,
                &subject,
                row.code_number.as_deref(),
                row.code_notation.as_deref(),
                Some(type_name),
            );
            search::index(&tx, seq, &meta, &body)?;
            done += 1;
        }
        tx.commit()?;
        progress(done);
    }
    app.conn.execute_batch(
        "PRAGMA optimize; INSERT INTO incoming_fts(incoming_fts) VALUES('optimize');
         INSERT INTO incoming_body_fts(incoming_body_fts) VALUES('optimize');",
    )?;
    Ok(app)
}

/// The kinds of query in the search mix, for figures per kind.
pub const QUERY_KINDS: [&str; 7] = [
    "common words",
    "common words, no diacritics",
    "rare word",
    "prefix while typing",
    "number and symbol",
    "organ plus topic",
    "a person's name",
];

/// One query of the search mix.
pub struct Query {
    pub text: String,
    pub prefix: bool,
    pub kind: usize,
}

/// The search mix: the commonest words of the real texts (which match most
/// documents), rare ones from the tail, as-you-type prefixes, a number and
/// symbol, an organ with a topic, and people's names.
pub fn search_queries(vocab: &Vocabulary, rng: &mut Rng, count: usize) -> Vec<Query> {
    let mut out = Vec::new();
    for i in 0..count {
        let kind = i % QUERY_KINDS.len();
        let topic = TOPICS[rng.below(TOPICS.len())];
        let (text, prefix) = match kind {
            0 | 1 => {
                let mut s = String::new();
                vocab.run(rng, 2, &mut s);
                if kind == 1 {
                    s = eoffice_domain::fold(&s);
                }
                (s, false)
            }
            2 => {
                let tail = vocab.len() - vocab.text_words();
                (
                    vocab
                        .rank(vocab.text_words() + tail / 2 + rng.below(tail / 2 + 1))
                        .to_string(),
                    false,
                )
            }
            3 => {
                let t: String = eoffice_domain::fold(topic);
                let cut = t
                    .char_indices()
                    .nth(3 + rng.below(8))
                    .map_or(t.len(), |(i, _)| i);
                (t[..cut].to_string(), true)
            }
            4 => (
                format!(
                    "{}/{}",
                    1 + rng.below(3000),
                    ORGAN_CODES[rng.below(ORGAN_CODES.len())]
                ),
                false,
            ),
            5 => (
                format!(
                    "{} {}",
                    ORGANS[rng.below(ORGANS.len())].to_lowercase(),
                    topic
                ),
                false,
            ),
            _ => (vocab.person(rng), false),
        };
        out.push(Query { text, prefix, kind });
    }
    out
}

/// The whole mix, then each kind: (stats of all, stats per kind, results).
pub fn time_search(app: &Eoffice, queries: &[Query]) -> AppResult<(Stats, Vec<Stats>, usize)> {
    let mut samples = Vec::new();
    let mut by_kind = vec![Vec::new(); QUERY_KINDS.len()];
    let mut hits = 0;
    let verbose = std::env::var_os("EOFFICE_BENCH_VERBOSE").is_some();
    for q in queries {
        let t = Instant::now();
        let n = app.search_incoming(&q.text, 20, q.prefix)?.len();
        let took = t.elapsed();
        hits += n;
        samples.push(took);
        by_kind[q.kind].push(took);
        if verbose {
            eprintln!(
                "{:>8.2} ms  {n:>3}  {:?}{}",
                took.as_secs_f64() * 1000.0,
                q.text,
                if q.prefix { " (prefix)" } else { "" }
            );
        }
    }
    Ok((
        Stats::of(samples),
        by_kind.into_iter().map(Stats::of).collect(),
        hits,
    ))
}

pub const SORTS: [&str; 8] = [
    "ArrivalNumber",
    "ArrivalDate",
    "IssuedDate",
    "OrganName",
    "Subject",
    "CodeNumber",
    "Priority",
    "State",
];

/// Pages of 50 with their totals, as the list asks for them, at random
/// offsets: every sort column both ways and the filters, in one year or
/// (`year` None) across all years.
pub fn time_list(
    app: &Eoffice,
    year: Option<i32>,
    rounds: usize,
) -> AppResult<Vec<(String, Stats)>> {
    let mut rng = Rng(42);
    let mut out = Vec::new();
    let mut views: Vec<(String, ListRequest)> = Vec::new();
    let base = ListRequest {
        year,
        ..Default::default()
    };
    for s in SORTS {
        for desc in [false, true] {
            views.push((
                format!("sort {s}{}", if desc { " desc" } else { "" }),
                ListRequest {
                    sort: Some(s.into()),
                    descending: desc,
                    ..base.clone()
                },
            ));
        }
    }
    views.push((
        "filter Priority=1".into(),
        ListRequest {
            priority: Some(1),
            ..base.clone()
        },
    ));
    views.push((
        "filter Priority=1, by subject".into(),
        ListRequest {
            priority: Some(1),
            sort: Some("Subject".into()),
            ..base.clone()
        },
    ));
    let y = year.unwrap_or(2026);
    views.push((
        "filter arrival date range (one month)".into(),
        ListRequest {
            arrival_from: Some(format!("{y}-03-01")),
            arrival_to: Some(format!("{y}-03-31")),
            ..base.clone()
        },
    ));
    views.push((
        "filter State=registered, newest first".into(),
        ListRequest {
            state: Some("registered".into()),
            descending: true,
            ..base.clone()
        },
    ));
    for (label, mut req) in views {
        req.limit = Some(50);
        let view_total = app.list_incoming(&req)?.total as usize;
        let mut samples = Vec::new();
        for _ in 0..rounds {
            req.offset = rng.below(view_total.saturating_sub(50).max(1)) as u32;
            let t = Instant::now();
            let page = app.list_incoming(&req)?;
            samples.push(t.elapsed());
            assert!(page.items.len() <= 50);
        }
        out.push((label, Stats::of(samples)));
    }
    Ok(out)
}

/// Registrations per second of one PDF through the whole use case
/// (extraction, checks, blob, row, index, events).
pub fn time_register(dir: &Path, pdf: &[u8], count: u32) -> AppResult<(u32, Duration)> {
    let clock = FixedClock(
        chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00+07:00").expect("valid"),
    );
    let mut app = Eoffice::open(dir, Box::new(clock))?;
    if app.agency().is_err() {
        app.init_agency("bench", "000.00.00.H37", "UBND tỉnh Lạng Sơn", None, None)?;
    }
    let t = Instant::now();
    for i in 0..count {
        let req = RegisterRequest {
            file_name: Some(format!("bench-{i}.pdf")),
            sets: vec![("CodeNumber".into(), format!("{}", i + 1))],
            allow_duplicate: true,
            actor: "bench".into(),
            ..Default::default()
        };
        app.register_incoming(pdf, &req)?;
    }
    Ok((count, t.elapsed()))
}

/// Intake of every PDF in `dir` (in process) against `pdftotext FILE -`
/// over the same files, `rounds` times each; returns (ours, pdftotext).
pub fn time_intake(dir: &Path, rounds: u32) -> AppResult<(Duration, Duration, usize)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    let bytes: Vec<Vec<u8>> = files.iter().map(std::fs::read).collect::<Result<_, _>>()?;
    let mut ours = Duration::ZERO;
    let mut theirs = Duration::ZERO;
    for _ in 0..rounds {
        for (path, b) in files.iter().zip(&bytes) {
            let t = Instant::now();
            let _ =
                crate::intake_pdf::read_pdf(b, None, eoffice_pdf::ExtractLimits::default(), None);
            ours += t.elapsed();
            let t = Instant::now();
            let status = std::process::Command::new("pdftotext")
                .arg(path)
                .arg("-")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .map_err(|e| {
                    crate::AppError::invalid(
                        "Không chạy được pdftotext.",
                        format!("pdftotext: {e}"),
                    )
                })?;
            theirs += t.elapsed();
            if !status.success() {
                return Err(crate::AppError::invalid(
                    format!("pdftotext không đọc được {}.", path.display()),
                    format!("pdftotext failed on {}", path.display()),
                ));
            }
        }
    }
    Ok((ours, theirs, files.len()))
}
