//! Each rule on small constructed layouts, one variant of Appendix I per
//! test, so that the rules hold beyond the files they were written against
//! (issue 10). Positions are in points on an A4 page, baselines from the
//! top; the left column starts at 60, the right one at 300.

use super::*;

const SIZE: f64 = 13.0;

fn chunk(x0: f64, text: &str) -> Chunk {
    Chunk {
        x0,
        x1: x0 + text.chars().count() as f64 * SIZE * 0.5,
        size: SIZE,
        text: text.to_string(),
        conf: 1.0,
    }
}

fn line(y: f64, parts: &[(f64, &str)]) -> Line {
    Line {
        y,
        chunks: parts.iter().map(|(x, t)| chunk(*x, t)).collect(),
    }
}

fn page(lines: Vec<Line>) -> Page {
    Page {
        width: 595.0,
        height: 842.0,
        lines,
    }
}

fn doc(pages: Vec<Page>) -> PdfLayout {
    PdfLayout { pages }
}

/// The header of a Văn phòng UBND letter; `number` is what the `Số:` line
/// holds, `date` whether the place and date line is printed.
fn header(number: &str, date: bool) -> Vec<Line> {
    header_with(&[(60.0, number)], date)
}

fn header_with(so_line: &[(f64, &str)], date: bool) -> Vec<Line> {
    let mut l = vec![
        line(
            60.0,
            &[
                (60.0, "ỦY BAN NHÂN DÂN"),
                (300.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ],
        ),
        line(
            76.0,
            &[
                (70.0, "TỈNH LẠNG SƠN"),
                (330.0, "Độc lập - Tự do - Hạnh phúc"),
            ],
        ),
        line(92.0, &[(90.0, "VĂN PHÒNG")]),
    ];
    let mut so = so_line.to_vec();
    if date {
        so.push((330.0, "Lạng Sơn, ngày 20 tháng 11 năm 2026"));
    }
    l.push(line(120.0, &so));
    l
}

/// Nơi nhận on the left, the signer block on the right, from `y`.
fn footer(y: f64, block: &[&str]) -> Vec<Line> {
    let left = ["Nơi nhận:", "- Như trên;", "- Lưu: VT."];
    (0..left.len().max(block.len()))
        .map(|i| {
            let mut parts = Vec::new();
            if let Some(t) = left.get(i) {
                parts.push((60.0, *t));
            }
            if let Some(t) = block.get(i) {
                parts.push((340.0, *t));
            }
            line(y + 16.0 * i as f64, &parts)
        })
        .collect()
}

fn body(from: f64, n: usize) -> Vec<Line> {
    (0..n)
        .map(|i| {
            line(
                from + 18.0 * i as f64,
                &[(
                    60.0,
                    "Nội dung văn bản được trình bày theo đoạn, căn đều hai lề.",
                )],
            )
        })
        .collect()
}

fn signer_of(fs: &FieldSet) -> SignerFields {
    fs.signer.as_ref().expect("a signer").value.clone()
}

#[test]
fn a_number_left_blank_for_handwriting_keeps_the_organs_type_and_signer() {
    for blank in [
        vec![(60.0, "Số:      /UBND-VP")],
        vec![(60.0, "Số:"), (120.0, "/UBND-VP")],
    ] {
        let mut lines = header_with(&blank, true);
        lines.push(line(140.0, &[(60.0, "V/v tổng kết công tác văn thư")]));
        lines.push(line(200.0, &[(200.0, "Kính gửi: Các sở, ban, ngành tỉnh")]));
        lines.extend(body(240.0, 3));
        lines.extend(footer(
            600.0,
            &["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "", "Nguyễn Văn An"],
        ));
        let fs = extract_fields(&doc(vec![page(lines)]));
        assert!(fs.number.is_none(), "nothing to read yet");
        assert_eq!(fs.issuer.as_ref().unwrap().value, "VĂN PHÒNG");
        assert_eq!(
            fs.parent_organ.as_ref().unwrap().value,
            "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
        );
        assert_eq!(fs.doc_type.as_ref().unwrap().value, DocumentType::CongVan);
        assert_eq!(signer_of(&fs).full_name.as_deref(), Some("Nguyễn Văn An"));
    }
}

#[test]
fn the_signer_is_found_even_when_no_number_was_read() {
    // OCR misread the number line beyond parsing.
    let mut lines = header("S6: l5/UBND-VP", true);
    lines.push(line(140.0, &[(60.0, "V/v báo cáo số liệu")]));
    lines.extend(body(220.0, 4));
    lines.extend(footer(
        600.0,
        &[
            "KT. CHÁNH VĂN PHÒNG",
            "PHÓ CHÁNH VĂN PHÒNG",
            "",
            "",
            "Lê Thị Hoa",
        ],
    ));
    let fs = extract_fields(&doc(vec![page(lines)]));
    assert!(fs.number.is_none());
    let s = signer_of(&fs);
    assert_eq!(s.competence.as_deref(), Some("KT. CHÁNH VĂN PHÒNG"));
    assert_eq!(s.position.as_deref(), Some("PHÓ CHÁNH VĂN PHÒNG"));
    assert_eq!(s.full_name.as_deref(), Some("Lê Thị Hoa"));
}

#[test]
fn a_bien_ban_without_place_and_date_line_with_two_signers_above_noi_nhan() {
    let mut lines = header("Số: 03/BB-VP", false);
    lines.push(line(170.0, &[(250.0, "BIÊN BẢN")]));
    lines.push(line(186.0, &[(180.0, "Họp Ban chỉ đạo chuyển đổi số")]));
    lines.extend(body(230.0, 5));
    lines.push(line(560.0, &[(90.0, "THƯ KÝ"), (380.0, "CHỦ TỌA")]));
    lines.push(line(
        640.0,
        &[(70.0, "Trần Thị Bình"), (360.0, "Nguyễn Văn An")],
    ));
    lines.push(line(690.0, &[(60.0, "Nơi nhận:")]));
    lines.push(line(706.0, &[(60.0, "- Lưu: VT.")]));
    let fs = extract_fields(&doc(vec![page(lines)]));
    assert_eq!(fs.doc_type.as_ref().unwrap().value, DocumentType::BienBan);
    assert!(
        fs.date.is_none() && fs.place.is_none(),
        "no date line, none invented"
    );
    assert_eq!(
        fs.subject.as_ref().unwrap().value,
        "Họp Ban chỉ đạo chuyển đổi số"
    );
    // The right-hand signer (the chair) signs for the record; the secretary
    // on the left is not mixed in.
    let s = signer_of(&fs);
    assert_eq!(s.position.as_deref(), Some("CHỦ TỌA"));
    assert_eq!(s.full_name.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(fs.recipients.as_ref().unwrap().value, ["Lưu: VT"]);
}

#[test]
fn the_signer_block_on_the_next_page_is_found_there() {
    let mut p1 = header("Số: 45/QĐ-VP", true);
    p1.push(line(170.0, &[(250.0, "QUYẾT ĐỊNH")]));
    p1.push(line(186.0, &[(200.0, "Về việc ban hành Quy chế văn thư")]));
    p1.extend(body(240.0, 25));
    let mut p2 = body(60.0, 3);
    p2.extend(footer(140.0, &["CHÁNH VĂN PHÒNG", "", "", "Phạm Minh Đức"]));
    let fs = extract_fields(&doc(vec![page(p1), page(p2)]));
    let s = signer_of(&fs);
    assert_eq!(s.position.as_deref(), Some("CHÁNH VĂN PHÒNG"));
    assert_eq!(s.full_name.as_deref(), Some("Phạm Minh Đức"));

    // The page break fell inside the block: the name is at the top of the
    // next page.
    let mut p1 = header("Số: 46/QĐ-VP", true);
    p1.push(line(170.0, &[(250.0, "QUYẾT ĐỊNH")]));
    p1.push(line(186.0, &[(200.0, "Về việc cử cán bộ")]));
    p1.extend(body(240.0, 18));
    p1.extend(footer(
        770.0,
        &["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
    ));
    let p2 = vec![line(70.0, &[(360.0, "Hoàng Thu Trang")])];
    let fs = extract_fields(&doc(vec![page(p1), page(p2)]));
    assert_eq!(signer_of(&fs).full_name.as_deref(), Some("Hoàng Thu Trang"));
}

#[test]
fn an_attached_document_after_the_signature_keeps_its_own_signer() {
    let mut p1 = header("Số: 12/QĐ-VP", true);
    p1.push(line(170.0, &[(250.0, "QUYẾT ĐỊNH")]));
    p1.push(line(186.0, &[(200.0, "Về việc ban hành Kế hoạch")]));
    p1.extend(body(240.0, 6));
    p1.extend(footer(600.0, &["CHÁNH VĂN PHÒNG", "", "", "Phạm Minh Đức"]));
    // Page 2: the plan it issues, with a header and a signer of its own.
    let mut p2 = header_with(&[], true);
    p2.push(line(170.0, &[(250.0, "KẾ HOẠCH")]));
    p2.extend(body(220.0, 4));
    p2.extend(footer(500.0, &["TRƯỞNG PHÒNG", "", "", "Vũ Văn Khánh"]));
    let fs = extract_fields(&doc(vec![page(p1), page(p2)]));
    assert_eq!(signer_of(&fs).full_name.as_deref(), Some("Phạm Minh Đức"));
    assert_eq!(fs.number.as_ref().unwrap().value.to_string(), "12/QĐ-VP");
    assert_eq!(fs.doc_type.as_ref().unwrap().value, DocumentType::QuyetDinh);
}

#[test]
fn a_subject_citing_another_documents_number_does_not_become_the_number() {
    let mut lines = header("Số:      /VP-TH", true);
    lines.push(line(140.0, &[(60.0, "V/v trả lời Công văn")]));
    lines.push(line(156.0, &[(60.0, "số 123/SNV-VP ngày 01/11/2026")]));
    lines.push(line(172.0, &[(60.0, "Số 45/STC-NS của Sở Tài chính")]));
    lines.extend(body(230.0, 3));
    lines.extend(footer(600.0, &["CHÁNH VĂN PHÒNG", "", "", "Phạm Minh Đức"]));
    let fs = extract_fields(&doc(vec![page(lines)]));
    assert!(fs.number.is_none(), "{:?}", fs.number);
    let subject = &fs.subject.as_ref().unwrap().value;
    assert!(subject.contains("123/SNV-VP"), "{subject}");

    // A decision whose subject amends another decision.
    let mut lines = header("Số: 77/QĐ-VP", true);
    lines.push(line(170.0, &[(250.0, "QUYẾT ĐỊNH")]));
    lines.push(line(
        186.0,
        &[(
            130.0,
            "Về việc sửa đổi Quyết định số 12/QĐ-VP ngày 05/3/2026",
        )],
    ));
    lines.extend(body(240.0, 3));
    lines.extend(footer(600.0, &["CHÁNH VĂN PHÒNG", "", "", "Phạm Minh Đức"]));
    let fs = extract_fields(&doc(vec![page(lines)]));
    assert_eq!(fs.number.as_ref().unwrap().value.to_string(), "77/QĐ-VP");
    assert!(fs
        .subject
        .as_ref()
        .unwrap()
        .value
        .ends_with("12/QĐ-VP ngày 05/3/2026"));
}

#[test]
fn da_ky_in_place_of_a_signature_is_skipped_not_taken_for_a_name() {
    let mut lines = header("Số: 88/TB-VP", true);
    lines.push(line(170.0, &[(250.0, "THÔNG BÁO")]));
    lines.push(line(186.0, &[(200.0, "Lịch trực Tết Nguyên đán")]));
    lines.extend(body(240.0, 3));
    lines.extend(footer(
        600.0,
        &[
            "KT. CHÁNH VĂN PHÒNG",
            "PHÓ CHÁNH VĂN PHÒNG",
            "(Đã ký)",
            "",
            "Lê Thị Hoa",
        ],
    ));
    let fs = extract_fields(&doc(vec![page(lines)]));
    let s = signer_of(&fs);
    assert_eq!(s.full_name.as_deref(), Some("Lê Thị Hoa"));
    assert_eq!(s.position.as_deref(), Some("PHÓ CHÁNH VĂN PHÒNG"));
    assert!(
        fs.signer.as_ref().unwrap().confidence >= 0.8,
        "all cues agree"
    );
}

#[test]
fn a_collective_competence_on_two_lines_is_one_competence() {
    let mut lines = vec![
        line(
            60.0,
            &[
                (60.0, "ỦY BAN NHÂN DÂN"),
                (300.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ],
        ),
        line(
            76.0,
            &[
                (70.0, "TỈNH LẠNG SƠN"),
                (330.0, "Độc lập - Tự do - Hạnh phúc"),
            ],
        ),
        line(
            120.0,
            &[
                (60.0, "Số: 9/CT-UBND"),
                (330.0, "Lạng Sơn, ngày 20 tháng 11 năm 2026"),
            ],
        ),
        line(170.0, &[(250.0, "CHỈ THỊ")]),
        line(186.0, &[(160.0, "Về tăng cường công tác văn thư, lưu trữ")]),
    ];
    lines.extend(body(240.0, 3));
    lines.extend(footer(
        600.0,
        &[
            "TM. ỦY BAN NHÂN DÂN",
            "TỈNH LẠNG SƠN",
            "CHỦ TỊCH",
            "",
            "Hồ Tiến Thiệu",
        ],
    ));
    let fs = extract_fields(&doc(vec![page(lines)]));
    let s = signer_of(&fs);
    assert_eq!(
        s.competence.as_deref(),
        Some("TM. ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN")
    );
    assert_eq!(s.position.as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(s.full_name.as_deref(), Some("Hồ Tiến Thiệu"));
    assert_eq!(
        fs.issuer.as_ref().unwrap().value,
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    );
    assert!(fs.parent_organ.is_none());
}

#[test]
fn a_signing_form_that_does_not_fit_the_position_lowers_the_confidence() {
    let build = |block: &[&str]| {
        let mut lines = header("Số: 5/TB-VP", true);
        lines.push(line(170.0, &[(250.0, "THÔNG BÁO")]));
        lines.push(line(186.0, &[(200.0, "Kết luận cuộc họp")]));
        lines.extend(body(240.0, 2));
        lines.extend(footer(600.0, block));
        extract_fields(&doc(vec![page(lines)]))
            .signer
            .unwrap()
            .confidence
    };
    let fits = build(&[
        "KT. CHÁNH VĂN PHÒNG",
        "PHÓ CHÁNH VĂN PHÒNG",
        "",
        "Lê Thị Hoa",
    ]);
    // KT. is signed by a deputy (Phó …), never by the head himself.
    let misfit = build(&["KT. CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "", "Lê Thị Hoa"]);
    let no_name = build(&["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]);
    assert!(fits > misfit, "{fits} > {misfit}");
    assert!(fits > no_name, "{fits} > {no_name}");
    assert!(misfit < 0.9 && no_name < 0.8, "{misfit} {no_name}");
}
