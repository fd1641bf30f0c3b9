//! List pages at any depth (issue 11): pages read from anchors equal the
//! pages a plain `OFFSET` over the whole table gives, for every sort, both
//! ways, within a year and across years, with and without filters; the
//! totals kept by triggers equal a count; and a change to the data is seen
//! by the next page.

use eoffice_store::incoming::{self, IncomingRow, ListAnchors, ListQuery, SortColumn};
use eoffice_store::incoming_list::ANCHOR_STEP;
use rusqlite::Connection;

const SORTS: [(SortColumn, &str); 8] = [
    (SortColumn::ArrivalNumber, ""),
    (SortColumn::ArrivalDate, "arrival_date"),
    (SortColumn::IssuedDate, "IFNULL(issued_date, '')"),
    (SortColumn::OrganName, "organ_key"),
    (SortColumn::Subject, "subject_key"),
    (SortColumn::CodeNumber, "code_key"),
    (SortColumn::Priority, "priority"),
    (SortColumn::State, "state"),
];

const ORGANS: [&str; 5] = [
    "Sở Nội vụ",
    "Ủy ban nhân dân tỉnh",
    "Sở Y tế",
    "Bộ Tài chính",
    "Đài Phát thanh",
];
const STATES: [&str; 3] = ["registered", "assigned", "done"];

fn db(dir: &std::path::Path, per_year: u32) -> Connection {
    let conn = eoffice_store::open(&dir.join("list.sqlite")).unwrap();
    conn.execute_batch(
        "INSERT INTO agency (id, name, created_at) VALUES ('A', 'UBND', '2026-01-01T00:00:00+07:00');",
    )
    .unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    let mut x: u64 = 12345;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for year in [2024, 2025, 2026] {
        let book = format!("incoming-{year}");
        tx.execute(
            "INSERT INTO books (id, agency_id, direction, year, name, last_number) VALUES (?1, 'A', 'incoming', ?2, 'Sổ đến', 0)",
            rusqlite::params![book, year],
        )
        .unwrap();
        for n in 1..=per_year {
            let r = next();
            let day = 1 + (n * 360 / per_year).min(359);
            let date = chrono::NaiveDate::from_yo_opt(year, day)
                .unwrap()
                .to_string();
            let row = IncomingRow {
                id: format!("{year}-{n}"),
                agency_id: "A".into(),
                book_id: book.clone(),
                arrival_number: n,
                arrival_date: date.clone(),
                state: STATES[(r % 3) as usize].into(),
                code_number: Some(format!("{}", r % 400)),
                code_notation: Some("UBND-VP".into()),
                // Some without a date: they sort first, as before.
                issued_date: (r % 7 != 0).then(|| date.clone()),
                organ_name: ORGANS[(r / 3 % 5) as usize].into(),
                // Repeated subjects make ties that only the book order breaks.
                subject: format!("Về việc số {}", r / 15 % 40),
                priority: (r / 600 % 4) as u8,
                created_at: date.clone(),
                updated_at: date,
                ..Default::default()
            };
            incoming::insert(&tx, &row).unwrap();
        }
    }
    tx.commit().unwrap();
    conn
}

/// The same page without indexes or anchors: the whole table sorted.
fn reference(conn: &Connection, q: &ListQuery) -> Vec<String> {
    let mut cond = vec!["1".to_string()];
    if let Some(y) = q.year {
        cond.push(format!("arrival_year = {y}"));
    }
    if let Some(p) = q.priority {
        cond.push(format!("priority = {p}"));
    }
    if let Some(s) = &q.state {
        cond.push(format!("state = '{s}'"));
    }
    if let Some(f) = &q.arrival_from {
        cond.push(format!("arrival_date >= '{f}'"));
    }
    if let Some(t) = &q.arrival_to {
        cond.push(format!("arrival_date <= '{t}'"));
    }
    let dir = if q.descending { "DESC" } else { "ASC" };
    let key = SORTS.iter().find(|s| s.0 == q.sort).unwrap().1;
    let mut order = Vec::new();
    if !key.is_empty() {
        order.push(format!("{key} {dir}"));
    }
    if q.year.is_none() {
        order.push(format!("arrival_year {dir}"));
    }
    order.push(format!("arrival_number {dir}"));
    order.push(format!("arrival_sub {dir}"));
    let sql = format!(
        "SELECT id FROM incoming NOT INDEXED WHERE {} ORDER BY {} LIMIT {} OFFSET {}",
        cond.join(" AND "),
        order.join(", "),
        q.limit,
        q.offset
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

fn reference_total(conn: &Connection, q: &ListQuery) -> u64 {
    reference(
        conn,
        &ListQuery {
            limit: u32::MAX,
            offset: 0,
            ..q.clone()
        },
    )
    .len() as u64
}

fn ids(conn: &Connection, anchors: &ListAnchors, q: &ListQuery) -> Vec<String> {
    incoming::list(conn, anchors, q)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn deep_pages_from_anchors_equal_plain_offsets_for_every_view() {
    let dir = tempfile::tempdir().unwrap();
    let conn = db(dir.path(), 700);
    let anchors = ListAnchors::default();
    let filters = [
        ListQuery::default(),
        ListQuery {
            priority: Some(1),
            ..Default::default()
        },
        ListQuery {
            state: Some("assigned".into()),
            ..Default::default()
        },
        ListQuery {
            arrival_from: Some("2025-03-01".into()),
            arrival_to: Some("2026-08-31".into()),
            ..Default::default()
        },
    ];
    let mut checked = 0;
    for year in [Some(2025), None] {
        for f in &filters {
            for (sort, _) in SORTS {
                for descending in [false, true] {
                    let base = ListQuery {
                        year,
                        sort,
                        descending,
                        limit: 50,
                        ..f.clone()
                    };
                    let total = incoming::count(&conn, &anchors, &base).unwrap();
                    assert_eq!(total, reference_total(&conn, &base), "{base:?}");
                    // The first pages, pages past the first anchors, one
                    // straddling an anchor, and the last.
                    for offset in [
                        0,
                        3 * ANCHOR_STEP - 20,
                        5 * ANCHOR_STEP + 7,
                        total.saturating_sub(30) as u32,
                    ] {
                        let q = ListQuery {
                            offset,
                            ..base.clone()
                        };
                        assert_eq!(ids(&conn, &anchors, &q), reference(&conn, &q), "{q:?}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 2 * 4 * 8 * 2 * 4);
}

#[test]
fn a_change_is_seen_by_the_next_deep_page_and_the_totals_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let conn = db(dir.path(), 400);
    let anchors = ListAnchors::default();
    let q = ListQuery {
        sort: SortColumn::Subject,
        limit: 50,
        offset: 900,
        ..Default::default()
    };
    let before = ids(&conn, &anchors, &q);
    assert_eq!(before, reference(&conn, &q));
    // A row that sorts first shifts every later page by one.
    let row = IncomingRow {
        id: "first".into(),
        agency_id: "A".into(),
        book_id: "incoming-2026".into(),
        arrival_number: 401,
        arrival_date: "2026-12-30".into(),
        state: "registered".into(),
        organ_name: "Sở Nội vụ".into(),
        subject: "A đầu tiên".into(),
        priority: 2,
        created_at: "2026-12-30".into(),
        updated_at: "2026-12-30".into(),
        ..Default::default()
    };
    incoming::insert(&conn, &row).unwrap();
    let after = ids(&conn, &anchors, &q);
    assert_eq!(after, reference(&conn, &q));
    assert_eq!(after[1..], before[..49]);

    // Totals kept by the triggers: insert, update of a counted column,
    // delete, and a write from another connection.
    let total = |q: &ListQuery| incoming::count(&conn, &anchors, q).unwrap();
    let urgent = ListQuery {
        priority: Some(2),
        ..Default::default()
    };
    assert_eq!(total(&urgent), reference_total(&conn, &urgent));
    conn.execute(
        "UPDATE incoming SET priority = 3, state = 'done' WHERE id = 'first'",
        [],
    )
    .unwrap();
    assert_eq!(total(&urgent), reference_total(&conn, &urgent));
    let deep = ListQuery {
        offset: 700,
        limit: 50,
        ..Default::default()
    };
    assert_eq!(ids(&conn, &anchors, &deep), reference(&conn, &deep));
    let other = eoffice_store::open(&dir.path().join("list.sqlite")).unwrap();
    other
        .execute("DELETE FROM incoming WHERE id = '2024-5'", [])
        .unwrap();
    for q in [
        ListQuery::default(),
        ListQuery {
            year: Some(2024),
            ..Default::default()
        },
        ListQuery {
            state: Some("done".into()),
            priority: Some(3),
            ..Default::default()
        },
    ] {
        assert_eq!(total(&q), reference_total(&conn, &q), "{q:?}");
    }
    // The anchors built before the other connection's delete are dropped.
    assert_eq!(ids(&conn, &anchors, &deep), reference(&conn, &deep));
}
