//! Migrations run from an empty file and from every earlier schema version,
//! and end in the same schema with the data kept (issue 2, §3).

use eoffice_store::db::{migrate_to, open_unmigrated, schema_version};
use eoffice_store::{events, search, LATEST_VERSION, MIGRATIONS};
use rusqlite::Connection;

fn schema(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(|r| r.unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Data as a program at `version` would have written it.
fn seed(conn: &Connection, version: i64) {
    if version < 1 {
        return;
    }
    conn.execute_batch(
        "INSERT INTO agency (id, name, created_at) VALUES ('000.00.00.H37', 'UBND tỉnh Lạng Sơn', '2026-01-02T08:00:00+07:00');
         INSERT INTO books (id, agency_id, direction, year, name, last_number) VALUES ('incoming-2026', '000.00.00.H37', 'incoming', 2026, 'Sổ đến', 1);
         INSERT INTO incoming (seq, id, agency_id, book_id, arrival_number, arrival_date, arrival_year, state, organ_name, subject, code_number, code_notation, created_at, updated_at)
           VALUES (1, 'doc-1', '000.00.00.H37', 'incoming-2026', 1, '2026-01-05', 2026, 'registered', 'Sở Nội vụ', 'Về việc tập huấn văn thư lưu trữ', '45', 'GM-SNV', '2026-01-05T08:00:00+07:00', '2026-01-05T08:00:00+07:00');
         INSERT INTO incoming_text (incoming_seq, body) VALUES (1, 'Hội nghị tập huấn nghiệp vụ văn thư');",
    )
    .unwrap();
    if version >= 2 {
        // A version-2 program writes sort keys and indexes the row itself.
        let keys = eoffice_store::incoming::SortKeys::new(
            "Sở Nội vụ",
            "Về việc tập huấn văn thư lưu trữ",
            Some("45"),
            Some("GM-SNV"),
        );
        conn.execute(
            "UPDATE incoming SET organ_key = ?1, subject_key = ?2, code_key = ?3 WHERE seq = 1",
            rusqlite::params![keys.organ, keys.subject, keys.code],
        )
        .unwrap();
        let meta = search::meta_text(
            "Sở Nội vụ",
            "Về việc tập huấn văn thư lưu trữ",
            Some("45"),
            Some("GM-SNV"),
            None,
        );
        search::index(conn, 1, &meta, "Hội nghị tập huấn nghiệp vụ văn thư").unwrap();
    }
    if version >= 3 {
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-05T08:00:00+07:00").unwrap();
        events::append(
            conn,
            events::NewEvent {
                agency_id: "000.00.00.H37",
                stream: "doc-1",
                actor: "vt",
                actor_name: "Văn thư",
                at,
                kind: eoffice_domain::EventKind::IncomingRegistered,
                command_id: None,
                payload: serde_json::json!({"n": 1}),
            },
        )
        .unwrap();
    } else {
        // What a program before version 3 wrote: a version-1 hash.
        let payload = r#"{"n":1}"#;
        let ph = eoffice_store::blobs::sha256_hex(payload.as_bytes());
        let at = "2026-01-05T08:00:00+07:00";
        let hash = eoffice_store::blobs::sha256_hex(
            format!(
                "1\nev-1\ndoc-1\nvt\n{at}\nincoming.registered\n{ph}\n{}",
                events::GENESIS
            )
            .as_bytes(),
        );
        conn.execute(
            "INSERT INTO events (seq, id, stream, actor, at, command, payload, payload_hash, prev_hash, hash)
             VALUES (1, 'ev-1', 'doc-1', 'vt', ?1, 'incoming.registered', ?2, ?3, ?4, ?5)",
            rusqlite::params![at, payload, ph, events::GENESIS, hash],
        )
        .unwrap();
    }
}

#[test]
fn migrations_from_every_version_reach_the_same_schema() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = open_unmigrated(&dir.path().join("fresh.sqlite")).unwrap();
    assert_eq!(schema_version(&fresh).unwrap(), 0);
    migrate_to(&fresh, LATEST_VERSION).unwrap();
    assert_eq!(schema_version(&fresh).unwrap(), LATEST_VERSION);
    let want = schema(&fresh);
    assert!(want.iter().any(|s| s.contains("incoming_fts")));

    for (from, _) in std::iter::once((0, "")).chain(MIGRATIONS.iter().copied()) {
        let path = dir.path().join(format!("from-{from}.sqlite"));
        let conn = open_unmigrated(&path).unwrap();
        migrate_to(&conn, from).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), from);
        seed(&conn, from);
        drop(conn);
        let conn = eoffice_store::open(&path).unwrap();
        assert_eq!(
            schema_version(&conn).unwrap(),
            LATEST_VERSION,
            "from {from}"
        );
        assert_eq!(
            schema(&conn),
            want,
            "schema after migrating from version {from}"
        );
        if from >= 1 {
            let subject: String = conn
                .query_row("SELECT subject FROM incoming WHERE id = 'doc-1'", [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(subject, "Về việc tập huấn văn thư lưu trữ");
            let key: String = conn
                .query_row(
                    "SELECT subject_key FROM incoming WHERE id = 'doc-1'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(!key.is_empty(), "sort keys are backfilled");
            let hits = search::search(&conn, "tap huan van thu", false, 10).unwrap();
            assert_eq!(
                hits.len(),
                1,
                "rows written before the search index are indexed"
            );
            assert!(events::verify(&conn).unwrap().broken.is_none());
            // Version 8 keeps the list totals: rows written before it are
            // counted by the backfill.
            let kept: i64 = conn
                .query_row(
                    "SELECT SUM(n) FROM incoming_counts WHERE arrival_year = 2026 AND state = 'registered'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(kept, 1, "from {from}");
        }
        if (1..4).contains(&from) {
            // Version 4: a registered document starts its handling, and its
            // registrar is named on it.
            let h = eoffice_store::handling::get(&conn, "doc-1").unwrap();
            assert_eq!(h, Some(eoffice_domain::handling::Handling::default()));
            let named: Vec<String> = conn
                .prepare("SELECT principal FROM doc_access WHERE document_id = 'doc-1'")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(named, vec!["u:vt".to_string()], "from {from}");
        }
        if (1..5).contains(&from) {
            // Version 5 rebuilt the books table (the normative flag): the
            // book and the documents that point at it are intact.
            let (n, normative): (i64, i64) = conn
                .query_row(
                    "SELECT last_number, normative FROM books WHERE id = 'incoming-2026'",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!((n, normative), (1, 0), "from {from}");
            let broken: i64 = conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(broken, 0);
            let fk: i64 = conn
                .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
                .unwrap();
            assert_eq!(fk, 1, "foreign keys are on again after the rebuild");
            // The administrative and the normative outgoing book of a year
            // live side by side (domain.md §5).
            conn.execute_batch(
                "INSERT INTO books (id, agency_id, direction, year, name, normative) VALUES ('outgoing-2026', '000.00.00.H37', 'outgoing', 2026, 'Sổ đi', 0);
                 INSERT INTO books (id, agency_id, direction, year, name, normative) VALUES ('outgoing-2026-qppl', '000.00.00.H37', 'outgoing', 2026, 'Sổ QPPL', 1);",
            )
            .unwrap();
            conn.execute_batch("DELETE FROM books WHERE id LIKE 'outgoing-%'")
                .unwrap();
        }
        // Opening again changes nothing.
        drop(conn);
        let conn = eoffice_store::open(&path).unwrap();
        assert_eq!(schema(&conn), want);
    }
}

#[test]
fn a_newer_schema_is_refused_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let conn = eoffice_store::open(&path).unwrap();
    conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    drop(conn);
    let err = eoffice_store::open(&path).unwrap_err();
    assert!(
        matches!(err, eoffice_store::StoreError::SchemaTooNew { .. }),
        "{err}"
    );
}

#[test]
fn the_event_log_is_append_only_and_tampering_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let conn = eoffice_store::open(&dir.path().join("e.sqlite")).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-01-05T08:00:00+07:00").unwrap();
    for i in 0..5 {
        events::append(
            &conn,
            events::NewEvent {
                agency_id: "000.00.00.H37",
                stream: "s",
                actor: "vt",
                actor_name: "Văn thư",
                at,
                kind: eoffice_domain::EventKind::IncomingRegistered,
                command_id: None,
                payload: serde_json::json!({ "i": i }),
            },
        )
        .unwrap();
    }
    let report = events::verify(&conn).unwrap();
    assert_eq!((report.events, report.broken.clone()), (5, None));
    let versions: Vec<i64> = events::for_stream(&conn, "s")
        .unwrap()
        .iter()
        .map(|e| e.seq)
        .collect();
    assert_eq!(versions.len(), 5);
    let sv: Vec<i64> = conn
        .prepare("SELECT stream_version FROM events WHERE stream = 's' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(sv, vec![1, 2, 3, 4, 5], "per-stream versions");
    assert!(conn
        .execute("UPDATE events SET actor = 'x' WHERE seq = 2", [])
        .is_err());
    assert!(conn
        .execute("DELETE FROM events WHERE seq = 2", [])
        .is_err());
    // Someone who drops the triggers still cannot hide a change.
    conn.execute_batch(
        "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;",
    )
    .unwrap();
    conn.execute("UPDATE events SET payload = '{\"i\":9}' WHERE seq = 3", [])
        .unwrap();
    assert_eq!(events::verify(&conn).unwrap().broken.map(|b| b.0), Some(3));
    conn.execute("DELETE FROM events WHERE seq = 3", [])
        .unwrap();
    assert_eq!(events::verify(&conn).unwrap().broken.map(|b| b.0), Some(4));
}

#[test]
fn text_moved_between_fields_breaks_the_hash() {
    let dir = tempfile::tempdir().unwrap();
    let conn = eoffice_store::open(&dir.path().join("m.sqlite")).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-01-05T08:00:00+07:00").unwrap();
    events::append(
        &conn,
        events::NewEvent {
            agency_id: "000.00.00.H37",
            stream: "ab",
            actor: "c",
            actor_name: "",
            at,
            kind: eoffice_domain::EventKind::DocumentViewed,
            command_id: None,
            payload: serde_json::json!({}),
        },
    )
    .unwrap();
    conn.execute_batch("DROP TRIGGER events_append_only_update;")
        .unwrap();
    // "ab"+"c" and "a"+"bc" join to the same text; they must not hash alike.
    conn.execute("UPDATE events SET stream = 'a', actor = 'bc'", [])
        .unwrap();
    assert_eq!(events::verify(&conn).unwrap().broken.map(|b| b.0), Some(1));
}

/// Runs in a child process: migrates the database it is given, and dies
/// where EOFFICE_TEST_CRASH_IN_MIGRATION says. Not a check of its own: it
/// is ignored in the normal run and started by the test below.
#[test]
#[ignore = "helper process of a_crash_between_migration_steps_leaves_a_whole_version"]
fn migration_crash_child() {
    if let Ok(path) = std::env::var("EOFFICE_CRASH_CHILD_DB") {
        let _ = eoffice_store::open(std::path::Path::new(&path));
    }
}

#[test]
fn a_crash_between_migration_steps_leaves_a_whole_version() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.sqlite");
    {
        let conn = open_unmigrated(&v1).unwrap();
        migrate_to(&conn, 1).unwrap();
        seed(&conn, 1);
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    for point in ["2:schema", "2:backfill", "3:schema", "3:backfill"] {
        let path = dir
            .path()
            .join(format!("crash-{}.sqlite", point.replace(':', "-")));
        std::fs::copy(&v1, &path).unwrap();
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "migration_crash_child",
                "--include-ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("EOFFICE_CRASH_CHILD_DB", &path)
            .env("EOFFICE_TEST_CRASH_IN_MIGRATION", point)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(!status.success(), "{point}: the child was meant to die");
        let want_version: i64 = point[..1].parse::<i64>().unwrap() - 1;
        {
            let conn = open_unmigrated(&path).unwrap();
            assert_eq!(schema_version(&conn).unwrap(), want_version, "{point}");
            if want_version == 1 {
                // Nothing of version 2 survived the crash: no half-added column.
                assert!(
                    conn.prepare("SELECT subject_key FROM incoming").is_err(),
                    "{point}"
                );
            }
        }
        let conn = eoffice_store::open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), LATEST_VERSION);
        let key: String = conn
            .query_row(
                "SELECT subject_key FROM incoming WHERE id = 'doc-1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(!key.is_empty(), "{point}: sort keys backfilled");
        assert_eq!(
            search::search(&conn, "tap huan", false, 10).unwrap().len(),
            1,
            "{point}"
        );
        assert!(events::verify(&conn).unwrap().broken.is_none(), "{point}");
    }
}
