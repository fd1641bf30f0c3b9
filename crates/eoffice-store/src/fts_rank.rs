//! `eoffice_tf(table)`: an FTS5 auxiliary function that scores a match from
//! the index alone: how often each query phrase occurs in the row (FTS5's
//! instance list) and the row's length in tokens (its `docsize`), against
//! the table's average length.
//!
//! Why here and not in Rust after reading each text: ranking the newest
//! few hundred matches of a common word meant reading and folding a few
//! hundred bodies per query, most of the time of a search. The index
//! already knows the positions.
//!
//! Why not FTS5's `bm25()`: it first counts, for every query phrase, all
//! rows that hold it (for "sở" or "và" in a million documents that is most
//! of them), which costs more than the rest of the search. Every candidate
//! holds every phrase (the query is an AND), so the missing IDF factor
//! would only weigh phrases against each other, not rows.
//!
//! The score is BM25's term-frequency part (k1 = 1.2, b = 0.75), negated
//! so that lower is better, as with `bm25()`.

use crate::StoreError;
use rusqlite::ffi;
use rusqlite::Connection;
use std::os::raw::{c_int, c_void};

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// FTS5 queries hold at most 16 words (`search::tokens`); more phrases than
/// this are counted together in the last slot.
const MAX_PHRASES: usize = 32;

/// Registers `eoffice_tf` on `conn`. FTS5 functions live per connection.
pub fn register(conn: &Connection) -> Result<(), StoreError> {
    // SAFETY: the handle is valid for the life of `conn`; the statement is
    // finalized on every path; `fts5(?1)` writes the API pointer into
    // `api` through the pointer binding, as SQLite documents.
    unsafe {
        let db = conn.handle();
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let sql = c"SELECT fts5(?1)";
        let rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, std::ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            return Err(StoreError::Engine(format!(
                "FTS5 is not available (prepare returned {rc})"
            )));
        }
        let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        if api.is_null() || (*api).iVersion < 2 {
            return Err(StoreError::Engine("FTS5 API version 2 is missing".into()));
        }
        let Some(create) = (*api).xCreateFunction else {
            return Err(StoreError::Engine("FTS5 has no xCreateFunction".into()));
        };
        let rc = create(
            api,
            c"eoffice_tf".as_ptr(),
            std::ptr::null_mut(),
            Some(eoffice_tf),
            None,
        );
        if rc != ffi::SQLITE_OK {
            return Err(StoreError::Engine(format!(
                "cannot register eoffice_tf (returned {rc})"
            )));
        }
    }
    Ok(())
}

/// BM25's term-frequency part for one row.
pub fn tf_score(counts: &[u32], len: f64, avg_len: f64) -> f64 {
    let norm = K1 * (1.0 - B + B * len.max(1.0) / avg_len.max(1.0));
    counts
        .iter()
        .map(|tf| {
            let tf = f64::from(*tf);
            tf * (K1 + 1.0) / (tf + norm)
        })
        .sum()
}

/// The callback. It must not unwind into C: nothing in it panics (no
/// indexing out of bounds, no unwrap), and every FTS5 call's failure ends
/// in an SQL error rather than a wrong score.
unsafe extern "C" fn eoffice_tf(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _n_val: c_int,
    _values: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: SQLite passes a valid API table and context for the duration
    // of the call; every out-pointer is a local.
    unsafe {
        let fail = |msg: &std::ffi::CStr| ffi::sqlite3_result_error(ctx, msg.as_ptr(), -1);
        let api = &*api;
        let (
            Some(inst_count),
            Some(inst),
            Some(phrase_count),
            Some(column_size),
            Some(total_size),
            Some(row_count),
        ) = (
            api.xInstCount,
            api.xInst,
            api.xPhraseCount,
            api.xColumnSize,
            api.xColumnTotalSize,
            api.xRowCount,
        )
        else {
            fail(c"eoffice_tf: FTS5 API incomplete");
            return;
        };
        let phrases = (phrase_count(fts).max(0) as usize).min(MAX_PHRASES);
        let mut counts = [0u32; MAX_PHRASES];
        let mut n: c_int = 0;
        if inst_count(fts, &mut n) != ffi::SQLITE_OK {
            fail(c"eoffice_tf: xInstCount failed");
            return;
        }
        for i in 0..n {
            let (mut phrase, mut col, mut off) = (0, 0, 0);
            if inst(fts, i, &mut phrase, &mut col, &mut off) != ffi::SQLITE_OK {
                fail(c"eoffice_tf: xInst failed");
                return;
            }
            let slot = (phrase.max(0) as usize).min(MAX_PHRASES - 1);
            counts[slot] = counts[slot].saturating_add(1);
        }
        let mut len: c_int = 0;
        let mut total: ffi::sqlite3_int64 = 0;
        let mut rows: ffi::sqlite3_int64 = 0;
        if column_size(fts, -1, &mut len) != ffi::SQLITE_OK
            || total_size(fts, -1, &mut total) != ffi::SQLITE_OK
            || row_count(fts, &mut rows) != ffi::SQLITE_OK
        {
            fail(c"eoffice_tf: sizes unavailable");
            return;
        }
        let avg = total as f64 / (rows.max(1)) as f64;
        let score = tf_score(&counts[..phrases.max(1)], f64::from(len), avg);
        ffi::sqlite3_result_double(ctx, -score);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_occurrences_in_a_shorter_text_score_higher() {
        let short = tf_score(&[3], 50.0, 100.0);
        let long = tf_score(&[3], 400.0, 100.0);
        let fewer = tf_score(&[1], 50.0, 100.0);
        assert!(short > long && short > fewer, "{short} {long} {fewer}");
        // Saturation: the tenth occurrence adds less than the second.
        assert!(
            tf_score(&[10], 100.0, 100.0) - tf_score(&[9], 100.0, 100.0)
                < tf_score(&[2], 100.0, 100.0) - tf_score(&[1], 100.0, 100.0)
        );
    }

    #[test]
    fn the_function_scores_from_the_index() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (body, content = '', contentless_delete = 1);
             INSERT INTO t (rowid, body) VALUES (1, 'dich vu cong dich vu'), (2, 'dich vu va nhieu tu khac nua o day'),
                                                (3, 'khong co gi');",
        )
        .unwrap();
        let mut stmt = conn
            .prepare("SELECT rowid, eoffice_tf(t) FROM t WHERE t MATCH ?1 ORDER BY 2, rowid")
            .unwrap();
        let rows: Vec<(i64, f64)> = stmt
            .query_map(["\"dich\" \"vu\""], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![1, 2]);
        assert!(rows[0].1 < rows[1].1 && rows[1].1 < 0.0, "{rows:?}");
        // A prefix phrase counts its prefix matches.
        let p: f64 = conn
            .query_row(
                "SELECT eoffice_tf(t) FROM t WHERE t MATCH '\"kh\"*' AND rowid = 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(p < 0.0);
    }
}
