//! Registration end to end on a real SQLite file with the fixture PDFs:
//! numbering (domain.md §3, §5), duplicates (§6), secret books (§4),
//! returns (§6), history and the audit chain.

mod common;
use common::*;
use eoffice_app::{ErrorCode, ListRequest};

#[test]
fn fixtures_register_with_gap_free_numbers_01_to_n_domain_3() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let names = registrable_fixtures();
    assert!(names.len() >= 7, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        let doc = app
            .register_incoming(&fixture(name), &req(name, "2026-11-20"))
            .unwrap();
        assert_eq!(doc.arrival_number, Some(format!("{:02}", i + 1)), "{name}");
        assert_eq!(doc.book_id, "incoming-2026");
        assert_eq!(doc.state, "registered");
        // Fields come from intake and match the ground truth.
        let truth: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixtures().join(name.replace(".pdf", ".json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            format!(
                "{}/{}",
                doc.fields.code_number.clone().unwrap(),
                doc.fields.code_notation.clone().unwrap()
            ),
            truth["number_notation"].as_str().unwrap()
        );
    }
    let page = app
        .list_incoming(&ListRequest {
            year: Some(2026),
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    let numbers: Vec<String> = page
        .items
        .iter()
        .map(|i| i.arrival_number.clone().unwrap())
        .collect();
    let want: Vec<String> = (1..=names.len()).map(|n| format!("{n:02}")).collect();
    assert_eq!(numbers, want);
    assert_eq!(page.total as usize, names.len());
    let audit = app.verify_audit().unwrap();
    assert!(audit.ok, "{audit:?}");
    assert_eq!(audit.blobs_checked, names.len());
}

#[test]
fn a_duplicate_is_refused_unless_allowed_domain_6() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let pdf = fixture("pub02_cv_ubnd_dvc_khan_2018.pdf");
    let first = app
        .register_incoming(&pdf, &req("a.pdf", "2026-11-02"))
        .unwrap();
    let intake = app.intake(&pdf, None).unwrap();
    assert_eq!(
        intake.duplicate_of.as_ref().map(|d| d.id.clone()),
        Some(first.id.clone())
    );
    let err = app
        .register_incoming(&pdf, &req("a.pdf", "2026-11-03"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Duplicate);
    assert_eq!(err.details["Id"], first.id);
    assert!(err.message.contains("đã được vào sổ"), "{}", err.message);
    // Nothing was written by the refused attempt: the next number is still 02.
    let mut allowed = req("a.pdf", "2026-11-03");
    allowed.allow_duplicate = true;
    let second = app.register_incoming(&pdf, &allowed).unwrap();
    assert_eq!(second.arrival_number.as_deref(), Some("02"));
    assert!(second.warnings.iter().any(|w| w.contains("trùng")));
}

#[test]
fn secret_documents_go_to_their_own_book_and_sequence_domain_4() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let ordinary = app
        .register_incoming(
            &fixture("pub01_tb_ketluan_vp_ubnd_2018.pdf"),
            &req("a", "2026-11-02"),
        )
        .unwrap();
    let mut secret = req("b", "2026-11-02");
    secret.sets.push(("Secrecy".into(), "Mật".into()));
    let s1 = app
        .register_incoming(&fixture("pub04_kh_ubnd_tp_attt_2023.pdf"), &secret)
        .unwrap();
    let ordinary2 = app
        .register_incoming(
            &fixture("pub05_gm_snv_taphuan_nfd_2025.pdf"),
            &req("c", "2026-11-03"),
        )
        .unwrap();
    assert_eq!(
        (
            ordinary.book_id.as_str(),
            ordinary.arrival_number.as_deref().unwrap()
        ),
        ("incoming-2026", "01")
    );
    assert_eq!(
        (s1.book_id.as_str(), s1.arrival_number.as_deref().unwrap()),
        ("incoming-2026-mat", "01")
    );
    assert_eq!(s1.fields.secrecy.as_deref(), Some("mat"));
    assert_eq!(ordinary2.arrival_number.as_deref(), Some("02"));
    // A secret document cannot be forced into the ordinary book.
    let mut forced = req("d", "2026-11-03");
    forced.sets.push(("Secrecy".into(), "toi_mat".into()));
    forced.book_id = Some("incoming-2026".into());
    let err = app
        .register_incoming(&fixture("pub06_cv_btttt_attt_eoffice_2023.pdf"), &forced)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[test]
fn each_year_starts_at_01_and_a_closed_book_takes_no_more_domain_5() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let a = app
        .register_incoming(
            &fixture("pub01_tb_ketluan_vp_ubnd_2018.pdf"),
            &req("a", "2025-12-31"),
        )
        .unwrap();
    let b = app
        .register_incoming(
            &fixture("pub02_cv_ubnd_dvc_khan_2018.pdf"),
            &req("b", "2026-01-01"),
        )
        .unwrap();
    assert_eq!(
        (a.book_id.as_str(), a.arrival_number.as_deref().unwrap()),
        ("incoming-2025", "01")
    );
    assert_eq!(
        (b.book_id.as_str(), b.arrival_number.as_deref().unwrap()),
        ("incoming-2026", "01")
    );
    app.close_book("văn thư", "incoming-2025").unwrap();
    let err = app
        .register_incoming(
            &fixture("pub03_qd_ubnd_eoffice_phuluc_2024.pdf"),
            &req("c", "2025-12-31"),
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::BookClosed);
    assert_eq!(
        app.close_book("văn thư", "incoming-2025").unwrap_err().code,
        ErrorCode::BookClosed
    );
}

#[test]
fn late_insertion_takes_a_sub_number_and_the_sequence_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    for (i, f) in [
        "pub01_tb_ketluan_vp_ubnd_2018.pdf",
        "pub02_cv_ubnd_dvc_khan_2018.pdf",
    ]
    .iter()
    .enumerate()
    {
        app.register_incoming(&fixture(f), &req(f, &format!("2026-11-0{}", i + 1)))
            .unwrap();
    }
    let mut late = req("late", "2026-11-01");
    late.insert_after = Some(1);
    assert_eq!(
        app.register_incoming(&fixture("pub03_qd_ubnd_eoffice_phuluc_2024.pdf"), &late)
            .unwrap()
            .arrival_number
            .as_deref(),
        Some("01a")
    );
    late.insert_after = Some(1);
    assert_eq!(
        app.register_incoming(&fixture("pub04_kh_ubnd_tp_attt_2023.pdf"), &late)
            .unwrap()
            .arrival_number
            .as_deref(),
        Some("01b")
    );
    late.insert_after = Some(9);
    assert_eq!(
        app.register_incoming(&fixture("pub05_gm_snv_taphuan_nfd_2025.pdf"), &late)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    let next = app
        .register_incoming(
            &fixture("pub06_cv_btttt_attt_eoffice_2023.pdf"),
            &req("n", "2026-11-03"),
        )
        .unwrap();
    assert_eq!(next.arrival_number.as_deref(), Some("03"));
    let page = app
        .list_incoming(&ListRequest {
            year: Some(2026),
            ..Default::default()
        })
        .unwrap();
    let order: Vec<&str> = page
        .items
        .iter()
        .map(|i| i.arrival_number.as_deref().unwrap())
        .collect();
    assert_eq!(order, ["01", "01a", "01b", "02", "03"]);
}

#[test]
fn a_scan_is_registered_by_hand_and_bad_fields_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    // OCR off (an agency may turn it off): the scan is typed by hand.
    app.set_ocr(None);
    let scan = fixture("pub08_qd_stttt_tokythuat_scan_2018.pdf");
    let intake = app.intake(&scan, None).unwrap();
    assert!(intake.needs_ocr && !intake.text_layer && !intake.ocr);
    assert_eq!(intake.fields.page_amount, Some(2));
    let err = app
        .register_incoming(&scan, &req("scan", "2026-11-02"))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("Trích yếu"), "{}", err.message);

    let mut r = req("scan", "2026-11-02");
    for (k, v) in [
        ("CodeNumber", "15"),
        ("CodeNotation", "QĐ-UBND"),
        ("OrganName", "Sở Thông tin và Truyền thông"),
        ("Subject", "Về việc thành lập Tổ kỹ thuật"),
        ("IssuedDate", "2018-01-29"),
    ] {
        r.sets.push((k.into(), v.into()));
    }
    let bad_cases: [(&str, &str, &str); 5] = [
        ("CodeNotation", "QĐ--UBND", "phần trống"),
        ("IssuedDate", "29/01/2018", "YYYY-MM-DD"),
        ("Priority", "rất gấp", "Độ khẩn"),
        ("Colour", "red", "Không có trường"),
        ("IssuedDate", "2027-01-01", "sau ngày đến"),
    ];
    for (k, v, want) in bad_cases {
        let mut bad = r.clone();
        bad.sets.push((k.into(), v.into()));
        let e = app.register_incoming(&scan, &bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput, "{k}={v}");
        assert!(e.message.contains(want), "{k}={v}: {}", e.message);
    }
    let doc = app.register_incoming(&scan, &r).unwrap();
    assert_eq!(
        doc.arrival_number.as_deref(),
        Some("01"),
        "failed attempts used no number"
    );
    assert_eq!(doc.fields.type_name.as_deref(), Some("Quyết định"));
    assert!(doc.warnings.iter().any(|w| w.contains("không có lớp chữ")));
}

#[test]
fn return_with_reason_is_recorded_in_the_history_domain_6() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let doc = app
        .register_incoming(
            &fixture("pub06_cv_btttt_attt_eoffice_2023.pdf"),
            &req("a", "2026-11-02"),
        )
        .unwrap();
    assert_eq!(
        app.return_incoming("văn thư", &doc.id, " ")
            .unwrap_err()
            .code,
        ErrorCode::InvalidState
    );
    let back = app
        .return_incoming("văn thư", &doc.id, "Gửi nhầm cơ quan")
        .unwrap();
    assert_eq!(
        (back.state.as_str(), back.return_reason.as_deref()),
        ("returned", Some("Gửi nhầm cơ quan"))
    );
    assert_eq!(
        app.return_incoming("văn thư", &doc.id, "lần nữa")
            .unwrap_err()
            .code,
        ErrorCode::InvalidState
    );
    let detail = app.show_incoming("lanhdao", &doc.id).unwrap();
    let commands: Vec<&str> = detail.history.iter().map(|e| e.command.as_str()).collect();
    // Opening it is in the history too, under who opened it (Appendix VI).
    assert_eq!(
        commands,
        [
            "incoming.received",
            "incoming.registered",
            "incoming.returned",
            "document.viewed"
        ]
    );
    assert_eq!(detail.history[3].actor, "lanhdao");
    assert_eq!(detail.history[2].payload["Reason"], "Gửi nhầm cơ quan");
    assert_eq!(detail.history[1].actor, "văn thư");
    assert_eq!(
        app.show_incoming("văn thư", "no-such-id").unwrap_err().code,
        ErrorCode::NotFound
    );
    // The original is kept byte for byte.
    assert_eq!(
        app.original_file(&doc.id).unwrap(),
        fixture("pub06_cv_btttt_attt_eoffice_2023.pdf")
    );
    assert!(app.verify_audit().unwrap().ok);
}

#[test]
fn search_ignores_diacritics_ranks_and_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    for name in registrable_fixtures() {
        app.register_incoming(&fixture(&name), &req(&name, "2026-11-20"))
            .unwrap();
    }
    let hits = app
        .search_incoming("dich vu cong truc tuyen", 10, false)
        .unwrap();
    assert!(hits.len() >= 2, "{hits:?}");
    assert!(hits
        .iter()
        .take(2)
        .any(|h| h.code_notation.as_deref() == Some("UBND-KGVX")));
    assert!(
        hits[0].snippet.contains("<mark>dịch</mark>"),
        "{}",
        hits[0].snippet
    );
    // As you type: an unfinished last word.
    let typed = app.search_incoming("tap hua", 5, true).unwrap();
    assert_eq!(
        typed
            .first()
            .and_then(|h| h.code_notation.clone())
            .as_deref(),
        Some("GM-SNV")
    );
    assert!(app.search_incoming("tap hua", 5, false).unwrap().is_empty());
    // By number and symbol, and FTS syntax in the input is only text.
    assert_eq!(
        app.search_incoming("2517/BTTTT", 5, false).unwrap()[0]
            .code_number
            .as_deref(),
        Some("2517")
    );
    for hostile in ["\"", "a OR b*", "NEAR(", "col:val", "-x", "*", ")"] {
        app.search_incoming(hostile, 5, true).unwrap();
    }
    // Snippets are HTML-escaped apart from the marks.
    assert!(hits.iter().all(|h| !h
        .snippet
        .replace("<mark>", "")
        .replace("</mark>", "")
        .contains('<')));
}

#[test]
fn lists_sort_in_vietnamese_order_and_never_need_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    for name in registrable_fixtures() {
        app.register_incoming(&fixture(&name), &req(&name, "2026-11-20"))
            .unwrap();
    }
    let by_organ = app
        .list_incoming(&ListRequest {
            year: Some(2026),
            sort: Some("OrganName".into()),
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    let organs: Vec<String> = by_organ
        .items
        .iter()
        .map(|i| i.organ_name.clone())
        .collect();
    let mut sorted = organs.clone();
    sorted.sort_by_key(|o| eoffice_domain::collation::sort_key(o));
    assert_eq!(organs, sorted);
    // "BỘ …" before "CHÍNH PHỦ" before "ỦY BAN …" before "VĂN PHÒNG".
    assert!(organs.first().unwrap().starts_with("BỘ"));
    assert_eq!(organs.last().unwrap(), "VĂN PHÒNG");
    let urgent = app
        .list_incoming(&ListRequest {
            year: Some(2026),
            priority: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        urgent
            .items
            .iter()
            .map(|i| i.code_notation.clone().unwrap())
            .collect::<Vec<_>>(),
        ["UBND-KGVX"]
    );
    assert_eq!(
        app.list_incoming(&ListRequest {
            sort: Some("Colour".into()),
            ..Default::default()
        })
        .unwrap_err()
        .code,
        ErrorCode::InvalidInput
    );

    // Lists read no text: they still work with the text table gone.
    drop(app);
    let conn = rusqlite::Connection::open(dir.path().join("eoffice.sqlite")).unwrap();
    conn.execute_batch("ALTER TABLE incoming_text RENAME TO incoming_text_hidden")
        .unwrap();
    drop(conn);
    let app = open(dir.path(), "2026-12-01T09:00:00+07:00");
    let page = app
        .list_incoming(&ListRequest {
            year: Some(2026),
            sort: Some("Subject".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.items.len(), registrable_fixtures().len());
}

#[test]
fn agency_is_created_once_with_a_valid_identifier_domain_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), "2026-12-01T09:00:00+07:00");
    let err = app
        .register_incoming(
            &fixture("pub01_tb_ketluan_vp_ubnd_2018.pdf"),
            &req("a", "2026-11-02"),
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotInitialized);
    assert_eq!(
        app.init_agency("a", "H37", "UBND", None, None)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    app.init_agency("a", "000.00.00.H37", "UBND tỉnh Lạng Sơn", None, None)
        .unwrap();
    assert_eq!(
        app.init_agency("a", "000.00.00.H37", "UBND tỉnh Lạng Sơn", None, None)
            .unwrap_err()
            .code,
        ErrorCode::AlreadyInitialized
    );
    assert_eq!(app.agency_info().unwrap().organ_name, "UBND tỉnh Lạng Sơn");
}

/// The form's values pass the `--set` checks: a bad priority or secrecy is
/// a field error naming the field, and nothing is stored.
#[test]
fn form_values_with_a_bad_priority_or_secrecy_are_field_errors_not_storage_errors() {
    use eoffice_app::{ErrorCode, RegisterInput, RegisterRequest};
    let dir = tempfile::tempdir().unwrap();
    let app = new_agency(dir.path());
    let name = registrable_fixtures().remove(0);
    let intake = app.intake(&fixture(&name), Some(&name)).unwrap();
    let input = |f: &dyn Fn(&mut eoffice_app::dto::DocumentFields)| {
        let mut fields = intake.fields.clone();
        f(&mut fields);
        RegisterInput {
            fields,
            arrival_date: Some("2026-11-20".into()),
            insert_after: None,
            allow_duplicate: false,
        }
    };
    for (bad, field) in [
        (input(&|f| f.secrecy = Some("bí mật".into())), "Secrecy"),
        (input(&|f| f.priority = 9), "Priority"),
        (input(&|f| f.page_amount = Some(0)), "PageAmount"),
    ] {
        let e = RegisterRequest::from_input(bad, Some(name.clone()), "văn thư").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput, "{field}: {e:?}");
        assert_eq!(e.details["Field"], field);
    }
    let list = app.list_incoming(&Default::default()).unwrap();
    assert_eq!(list.total, 0, "nothing stored");
    // A secrecy given as its printed stamp is read as the code.
    let ok = RegisterRequest::from_input(
        input(&|f| {
            f.secrecy = Some("Tối mật".into());
            f.subject = Some("  Về   việc  thử ".into());
        }),
        Some(name.clone()),
        "văn thư",
    )
    .unwrap();
    let fields = ok.fields.unwrap();
    assert_eq!(fields.secrecy.as_deref(), Some("toi_mat"));
    assert_eq!(fields.subject.as_deref(), Some("Về việc thử"));
}

/// The form shows the book and the number registration will take, from
/// the app's own rule (domain.md §5): the year's book, the secret book for
/// a secret document, and a closed book said to be closed.
#[test]
fn the_next_number_and_its_book_come_from_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    let n = app.next_incoming_number("2026-11-20", None).unwrap();
    assert_eq!(
        (n.book_id.as_str(), n.number.as_deref()),
        ("incoming-2026", Some("01"))
    );
    for name in registrable_fixtures().into_iter().take(2) {
        app.register_incoming(&fixture(&name), &req(&name, "2026-11-20"))
            .unwrap();
    }
    let n = app.next_incoming_number("2026-11-21", None).unwrap();
    assert_eq!(n.number.as_deref(), Some("03"));
    assert!(!n.from_server && !n.closed);
    let secret = app.next_incoming_number("2026-11-21", Some("Mật")).unwrap();
    assert_eq!(
        (secret.book_id.as_str(), secret.number.as_deref()),
        ("incoming-2026-mat", Some("01"))
    );
    assert_eq!(
        app.next_incoming_number("21/11/2026", None)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    assert_eq!(
        app.next_incoming_number("2026-11-21", Some("bí mật"))
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    app.close_book("văn thư", "incoming-2026").unwrap();
    let closed = app.next_incoming_number("2026-11-21", None).unwrap();
    assert!(closed.closed && closed.number.is_none(), "{closed:?}");
}
