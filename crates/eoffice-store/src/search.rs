//! Full-text search over metadata and text, diacritic-insensitive.
//!
//! The index holds folded text (`eoffice_domain::fold`), so `dich vu cong`
//! finds `dịch vụ công`. User input never reaches FTS5 as syntax: it is cut
//! into plain alphanumeric tokens, each quoted, the last one a prefix for
//! as-you-type search. Snippets are cut from the original text: folding
//! keeps one character per character, so positions found in the folded text
//! are positions in the original.

use crate::StoreError;
use eoffice_domain::fold;
use rusqlite::{params, Connection};
use unicode_normalization::UnicodeNormalization;

/// The metadata that search covers, in one string.
pub fn meta_text(
    organ: &str,
    subject: &str,
    number: Option<&str>,
    notation: Option<&str>,
    type_name: Option<&str>,
) -> String {
    let code = match (number, notation) {
        (Some(n), Some(s)) => format!("{n}/{s}"),
        (Some(n), None) => n.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => String::new(),
    };
    [type_name.unwrap_or(""), &code, organ, subject].join(" \u{2022} ")
}

pub fn index(conn: &Connection, seq: i64, meta: &str, body: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO incoming_fts (rowid, meta) VALUES (?1, ?2)")?
        .execute(params![seq, fold(meta)])?;
    conn.prepare_cached("INSERT INTO incoming_body_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(params![seq, fold(body)])?;
    Ok(())
}

/// Drops a row's entries from both indexes (the tables are contentless
/// with `contentless_delete`, so a DELETE by rowid works).
pub fn unindex(conn: &Connection, seq: i64) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM incoming_fts WHERE rowid = ?1")?
        .execute([seq])?;
    conn.prepare_cached("DELETE FROM incoming_body_fts WHERE rowid = ?1")?
        .execute([seq])?;
    Ok(())
}

/// Plain tokens of a user's query, folded.
pub fn tokens(input: &str) -> Vec<String> {
    fold(input)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(16)
        .map(str::to_string)
        .collect()
}

/// The FTS5 expression for `input`: every token must match; the last one as
/// a prefix when `prefix` is set. None when the input has no token.
pub fn fts_expression(input: &str, prefix: bool) -> Option<String> {
    let mut toks = tokens(input);
    // A one-letter prefix matches most of the index and tells nothing yet.
    if prefix && toks.len() > 1 && toks.last().is_some_and(|t| t.chars().count() < 2) {
        toks.pop();
    }
    let last = toks.len().checked_sub(1)?;
    Some(
        toks.iter()
            .enumerate()
            .map(|(i, t)| {
                if prefix && i == last {
                    format!("\"{t}\"*")
                } else {
                    format!("\"{t}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub seq: i64,
    pub rank: f64,
}

/// How many of the newest matches are ranked in each index. Below this
/// many matches the ranking covers them all.
pub const RANKED_CANDIDATES: u32 = 400;

/// The newest matches of `expr` in one index, ranked by `eoffice_tf`
/// (fts_rank.rs) from the index alone: no text is read to rank.
fn ranked(conn: &Connection, table: &str, expr: &str) -> Result<Vec<Hit>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, eoffice_tf({table}) FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![expr, RANKED_CANDIDATES], |r| {
        Ok(Hit {
            seq: r.get(0)?,
            rank: r.get(1)?,
        })
    })?;
    let mut hits: Vec<Hit> = rows.collect::<Result<_, _>>()?;
    // Lower is better, as with FTS5's bm25(); among equals the newer first.
    hits.sort_by(|a, b| a.rank.total_cmp(&b.rank).then(b.seq.cmp(&a.seq)));
    Ok(hits)
}

/// Documents whose metadata has every word come first, ranked; then, when
/// they are fewer than `limit`, documents whose text has them.
pub fn search(
    conn: &Connection,
    input: &str,
    prefix: bool,
    limit: u32,
) -> Result<Vec<Hit>, StoreError> {
    let Some(expr) = fts_expression(input, prefix) else {
        return Ok(Vec::new());
    };
    let mut hits = ranked(conn, "incoming_fts", &expr)?;
    hits.truncate(limit as usize);
    if hits.len() < limit as usize {
        let seen: std::collections::HashSet<i64> = hits.iter().map(|h| h.seq).collect();
        let more = ranked(conn, "incoming_body_fts", &expr)?
            .into_iter()
            .filter(|h| !seen.contains(&h.seq));
        hits.extend(more.take(limit as usize - seen.len()));
    }
    Ok(hits)
}

/// A window of `text` around the best run of query words, with each match
/// wrapped in `open`/`close`. Returns None when no token occurs.
pub fn snippet(
    text: &str,
    toks: &[String],
    prefix_last: bool,
    open: &str,
    close: &str,
    width: usize,
) -> Option<String> {
    let original: Vec<char> = text.nfc().collect();
    let folded: Vec<char> = original
        .iter()
        .map(|c| eoffice_domain::fold_char(*c))
        .collect();
    // Word spans in the folded text.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in folded.iter().enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, folded.len()));
    }
    let last = toks.len().checked_sub(1)?;
    let matches: Vec<bool> = words
        .iter()
        .map(|(s, e)| {
            let w: String = folded[*s..*e].iter().collect();
            toks.iter()
                .enumerate()
                .any(|(i, t)| w == *t || (prefix_last && i == last && w.starts_with(t.as_str())))
        })
        .collect();
    let first = matches.iter().position(|m| *m)?;
    // Start a few words before the best-scoring window.
    let best = (0..words.len())
        .filter(|i| matches[*i])
        .max_by_key(|i| {
            let end = (*i + width).min(words.len());
            (
                matches[*i..end].iter().filter(|m| **m).count(),
                std::cmp::Reverse(*i),
            )
        })
        .unwrap_or(first);
    let from = best.saturating_sub(3);
    let to = (from + width).min(words.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut pos = words[from].0;
    for i in from..to {
        let (s, e) = words[i];
        out.extend(&original[pos..s]);
        if matches[i] {
            out.push_str(open);
            out.extend(&original[s..e]);
            out.push_str(close);
        } else {
            out.extend(&original[s..e]);
        }
        pos = e;
    }
    if to < words.len() {
        out.push('…');
    }
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_never_becomes_fts_syntax() {
        assert_eq!(
            fts_expression("dịch vụ", true).as_deref(),
            Some("\"dich\" \"vu\"*")
        );
        assert_eq!(
            fts_expression("a\" OR b* NEAR(c) -d ^e", false).as_deref(),
            Some("\"a\" \"or\" \"b\" \"near\" \"c\" \"d\" \"e\"")
        );
        assert_eq!(fts_expression("\"*()-:^", true), None);
        // A one-letter unfinished word is left out until it says more.
        assert_eq!(fts_expression("dịch v", true).as_deref(), Some("\"dich\"*"));
        assert_eq!(fts_expression("v", true).as_deref(), Some("\"v\"*"));
        assert_eq!(
            fts_expression("215/UBND-KGVX", false).as_deref(),
            Some("\"215\" \"ubnd\" \"kgvx\"")
        );
    }

    #[test]
    fn snippets_highlight_the_original_words() {
        let text = "Về việc triển khai cung cấp dịch vụ công trực tuyến mức độ 3, 4 năm 2018";
        let s = snippet(text, &tokens("dich vu cong truc"), true, "[", "]", 12).unwrap();
        assert_eq!(
            s,
            "…khai cung cấp [dịch] [vụ] [công] [trực] tuyến mức độ 3, 4…"
        );
        assert_eq!(
            snippet(text, &tokens("không có"), false, "[", "]", 10),
            None
        );
    }
}
