//! Tra cứu: ranked full-text search with highlighted snippets, with or
//! without diacritics, as you type.

use crate::dto::SearchHit;
use crate::show_incoming::arrival_label;
use crate::{AppError, AppResult, Eoffice};
use eoffice_store::{incoming, search};

const OPEN: &str = "\u{1}";
const CLOSE: &str = "\u{2}";

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Eoffice {
    /// `prefix` treats the last word as unfinished (as-you-type).
    pub fn search_incoming(
        &self,
        query: &str,
        limit: u32,
        prefix: bool,
    ) -> AppResult<Vec<SearchHit>> {
        if query.chars().count() > 500 {
            return Err(AppError::invalid(
                "Nội dung tìm kiếm quá dài.",
                "the query is longer than 500 characters",
            ));
        }
        let toks = search::tokens(query);
        let hits = search::search(&self.conn, query, prefix, limit.clamp(1, 200))?;
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            let Some(row) = incoming::get_by_seq(&self.conn, h.seq)? else {
                continue;
            };
            let meta = format!("{} — {}", row.subject, row.organ_name);
            let marks = |s: &Option<String>| s.as_ref().map_or(0, |s| s.matches(OPEN).count());
            let from_meta = search::snippet(&meta, &toks, prefix, OPEN, CLOSE, 40);
            // The body is read only when the metadata does not show every word.
            let snippet = if marks(&from_meta) >= toks.len() {
                from_meta
            } else {
                let body = incoming::text(&self.conn, h.seq)?
                    .and_then(|t| search::snippet(&t, &toks, prefix, OPEN, CLOSE, 24));
                if marks(&body) > marks(&from_meta) {
                    body
                } else {
                    from_meta
                }
            }
            .unwrap_or_else(|| row.subject.clone());
            out.push(SearchHit {
                id: row.id.clone(),
                arrival_number: arrival_label(&row),
                arrival_date: row.arrival_date.clone(),
                code_number: row.code_number.clone(),
                code_notation: row.code_notation.clone(),
                organ_name: row.organ_name.clone(),
                subject: row.subject.clone(),
                snippet: escape_html(&snippet)
                    .replace(OPEN, "<mark>")
                    .replace(CLOSE, "</mark>"),
                rank: h.rank,
            });
        }
        Ok(out)
    }
}
