//! Kiểm tra nhật ký: recompute the local event chain and, when connected,
//! the server's feed as pulled; re-hash every stored original; and check
//! that every document row says what its events say.

use crate::dto::AuditReport;
use crate::{AppResult, Eoffice};
use eoffice_store::blobs::sha256_hex;
use eoffice_store::{events, feed, outbox};
use std::collections::HashMap;

/// (number as printed, state) as the events say.
type Expected = (Option<String>, String);

fn expect(
    map: &mut HashMap<String, Expected>,
    handlings: &mut HashMap<String, eoffice_domain::handling::Handling>,
    stream: &str,
    name: &str,
    at: &str,
    payload: &serde_json::Value,
) {
    let kind = eoffice_domain::EventKind::from_name(name);
    if kind.is_some_and(|k| k.is_handling()) {
        // The row's state is the handling stage the events fold to.
        let (Ok(ev), Ok(at)) = (
            serde_json::from_value::<eoffice_domain::handling::HandlingEvent>(payload.clone()),
            chrono::DateTime::parse_from_rfc3339(at),
        ) else {
            return;
        };
        let h = handlings.entry(stream.to_string()).or_default();
        h.apply(&ev, at);
        if let Some(e) = map.get_mut(stream) {
            e.1 = h.stage.code().to_string();
        }
        return;
    }
    match kind {
        Some(eoffice_domain::EventKind::IncomingRegistered) => {
            let number = payload
                .get("ArrivalNumber")
                .and_then(|n| n.as_str())
                .map(str::to_string);
            map.insert(stream.to_string(), (number, "registered".into()));
        }
        Some(eoffice_domain::EventKind::IncomingReturned) => {
            let e = map
                .entry(stream.to_string())
                .or_insert((None, String::new()));
            e.1 = "returned".into();
        }
        Some(eoffice_domain::EventKind::IncomingRecalled) => {
            let e = map
                .entry(stream.to_string())
                .or_insert((None, String::new()));
            e.1 = "recalled".into();
        }
        _ => {}
    }
}

impl Eoffice {
    pub fn verify_audit(&self) -> AppResult<AuditReport> {
        let chain = events::verify(&self.conn)?;
        let pulled = feed::all(&self.conn)?;
        let feed_broken_at = eoffice_sync::verify_chain(eoffice_sync::GENESIS, &pulled)
            .err()
            .map(|(seq, _)| seq)
            .or_else(|| {
                pulled
                    .iter()
                    .enumerate()
                    .find(|(i, e)| e.seq != *i as i64 + 1)
                    .map(|(_, e)| e.seq)
            });

        let mut expected: HashMap<String, Expected> = HashMap::new();
        let mut handlings = HashMap::new();
        for e in events::all(&self.conn)? {
            expect(
                &mut expected,
                &mut handlings,
                &e.stream,
                &e.command,
                &e.at,
                &e.payload,
            );
        }
        for e in &pulled {
            let p: serde_json::Value = serde_json::from_str(&e.payload).unwrap_or_default();
            expect(&mut expected, &mut handlings, &e.stream, &e.name, &e.at, &p);
        }
        let mut row_mismatches = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, book_id, arrival_number, arrival_sub, state FROM incoming ORDER BY seq",
        )?;
        let rows: Vec<(String, String, u32, String, String)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        for (id, book, n, sub, state) in rows {
            // Waiting for the server: the outbox, not the log, speaks for it.
            if eoffice_store::books::is_pending(&book)
                || outbox::for_document(&self.conn, &id)?
                    .iter()
                    .any(|o| o.state == "pending")
            {
                continue;
            }
            let number = eoffice_domain::DocNumber {
                value: n,
                sub: sub.chars().next(),
            }
            .to_string();
            match expected.get(&id) {
                Some((Some(want), want_state)) if *want == number && *want_state == state => {}
                _ => row_mismatches.push(id),
            }
        }

        let mut stmt = self
            .conn
            .prepare("SELECT sha256 FROM blobs WHERE size >= 0 ORDER BY sha256")?;
        let shas: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut damaged = Vec::new();
        let mut missing = Vec::new();
        for sha in &shas {
            match self.blobs.get(sha) {
                Ok(bytes) if sha256_hex(&bytes) == *sha => {}
                Ok(_) => damaged.push(sha.clone()),
                Err(_) => missing.push(sha.clone()),
            }
        }
        let (broken_at, broken_reason) = match chain.broken {
            Some((seq, why)) => (Some(seq), Some(why)),
            None => (None, None),
        };
        Ok(AuditReport {
            ok: broken_at.is_none()
                && feed_broken_at.is_none()
                && row_mismatches.is_empty()
                && damaged.is_empty()
                && missing.is_empty(),
            events: chain.events,
            head_hash: chain.head,
            broken_at,
            broken_reason,
            feed_events: pulled.len() as i64,
            feed_broken_at,
            row_mismatches,
            blobs_checked: shas.len(),
            blobs_damaged: damaged,
            blobs_missing: missing,
        })
    }
}
