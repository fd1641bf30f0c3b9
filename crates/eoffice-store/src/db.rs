//! Opening the database and migrating its schema.
//!
//! The schema version is SQLite's `user_version`. Migrations are SQL files
//! in `migrations/`, applied in order. Each migration, its backfill and the
//! new `user_version` commit in one transaction, so a crash at any point
//! leaves either the previous version or the next one, never a half.

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

/// (version, SQL) in order. Version N is reached by applying the first N.
pub const MIGRATIONS: [(i64, &str); 8] = [
    (1, include_str!("../migrations/0001_core.sql")),
    (2, include_str!("../migrations/0002_search_and_lists.sql")),
    (3, include_str!("../migrations/0003_connected.sql")),
    (4, include_str!("../migrations/0004_handling.sql")),
    (5, include_str!("../migrations/0005_outgoing.sql")),
    (6, include_str!("../migrations/0006_exchange.sql")),
    (7, include_str!("../migrations/0007_settings.sql")),
    (8, include_str!("../migrations/0008_lists_at_scale.sql")),
];

pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Opens (creating if needed) the database at `path` and migrates it to the
/// latest version.
pub fn open(path: &Path) -> Result<Connection, StoreError> {
    let conn = open_unmigrated(path)?;
    migrate_to(&conn, LATEST_VERSION)?;
    Ok(conn)
}

/// Opens without migrating; for migration tests and tools.
pub fn open_unmigrated(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Lists and search touch the same index pages over and over; keep them
    // in memory instead of asking the OS each time.
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "mmap_size", 268_435_456)?;
    crate::fts_rank::register(&conn)?;
    Ok(conn)
}

pub fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

pub fn migrate_to(conn: &Connection, target: i64) -> Result<(), StoreError> {
    let current = schema_version(conn)?;
    if current > LATEST_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: current,
            supported: LATEST_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS
        .iter()
        .filter(|(v, _)| *v > current && *v <= target)
    {
        // A migration may rebuild a table others refer to (SQLite's own
        // procedure): foreign keys are off meanwhile, which only works
        // outside a transaction, and are checked before the commit.
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let applied = conn
            .execute_batch(sql)
            .map_err(StoreError::from)
            .and_then(|_| crash_point(*version, "schema"))
            .and_then(|_| backfill(conn, *version))
            .and_then(|_| crash_point(*version, "backfill"))
            .and_then(|_| foreign_keys_hold(conn, *version))
            .and_then(|_| Ok(conn.pragma_update(None, "user_version", version)?));
        let done = match applied {
            Ok(()) => conn.execute_batch("COMMIT").map_err(StoreError::from),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        };
        conn.pragma_update(None, "foreign_keys", "ON")?;
        done?;
    }
    Ok(())
}

fn foreign_keys_hold(conn: &Connection, version: i64) -> Result<(), StoreError> {
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(StoreError::Corrupt(format!(
            "migration {version} would leave {broken} broken references"
        )));
    }
    Ok(())
}

/// For the crash test only: `EOFFICE_TEST_CRASH_IN_MIGRATION=3:backfill`
/// kills the process at that point of that migration, as a power cut would.
fn crash_point(version: i64, step: &str) -> Result<(), StoreError> {
    if let Ok(v) = std::env::var("EOFFICE_TEST_CRASH_IN_MIGRATION") {
        if v == format!("{version}:{step}") {
            std::process::abort();
        }
    }
    Ok(())
}

fn backfill(conn: &Connection, version: i64) -> Result<(), StoreError> {
    match version {
        2 => backfill_v2(conn),
        _ => Ok(()),
    }
}

/// Version 2 added sort keys and the search index; rows written under
/// version 1 get theirs here, inside version 2's transaction.
fn backfill_v2(conn: &Connection) -> Result<(), StoreError> {
    struct V1Row {
        seq: i64,
        organ: String,
        subject: String,
        number: Option<String>,
        notation: Option<String>,
        type_name: Option<String>,
    }
    let rows: Vec<V1Row> = {
        let mut stmt = conn.prepare(
            "SELECT seq, organ_name, subject, code_number, code_notation, type_name FROM incoming WHERE subject_key = ''",
        )?;
        let it = stmt.query_map([], |r| {
            Ok(V1Row {
                seq: r.get(0)?,
                organ: r.get(1)?,
                subject: r.get(2)?,
                number: r.get(3)?,
                notation: r.get(4)?,
                type_name: r.get(5)?,
            })
        })?;
        it.collect::<Result<_, _>>()?
    };
    if rows.is_empty() {
        return Ok(());
    }
    for V1Row {
        seq,
        organ,
        subject,
        number,
        notation,
        type_name,
    } in rows
    {
        let keys = crate::incoming::SortKeys::new(
            &organ,
            &subject,
            number.as_deref(),
            notation.as_deref(),
        );
        conn.execute(
            "UPDATE incoming SET organ_key = ?1, subject_key = ?2, code_key = ?3 WHERE seq = ?4",
            rusqlite::params![keys.organ, keys.subject, keys.code, seq],
        )?;
        let body: String = conn
            .query_row(
                "SELECT body FROM incoming_text WHERE incoming_seq = ?1",
                [seq],
                |r| r.get(0),
            )
            .unwrap_or_default();
        let meta = crate::search::meta_text(
            &organ,
            &subject,
            number.as_deref(),
            notation.as_deref(),
            type_name.as_deref(),
        );
        crate::search::index(conn, seq, &meta, &body)?;
    }
    Ok(())
}
