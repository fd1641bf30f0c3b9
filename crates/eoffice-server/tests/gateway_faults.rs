//! The gateway emulator drops, delays and duplicates messages at random
//! (issue 9; domain.md §12): over 50 seeded runs, every package sent
//! reaches the queue exactly once and every status owed is heard exactly
//! once. The apps are the real use cases on real SQLite folders; only the
//! platform is the emulator.

#[path = "support/exchange.rs"]
mod support;

use eoffice_app::Eoffice;
use eoffice_server::exchange::emulator::{Emulator, Faults};
use eoffice_sync::exchange_client::{with_retry, Endpoint, ExchangeClient};
use std::path::Path;
use std::time::Duration;
use support::{app, package, start_emulator, A, C};
const TIMEOUT_MS: u64 = 150;

fn statuses_heard(dir: &Path) -> Vec<(String, String)> {
    let db = rusqlite::Connection::open(dir.join("eoffice.sqlite")).unwrap();
    let mut stmt = db
        .prepare("SELECT document_id, code FROM exchange_status_in ORDER BY document_id, code")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn unsent(dir: &Path) -> i64 {
    let db = rusqlite::Connection::open(dir.join("eoffice.sqlite")).unwrap();
    db.query_row(
        "SELECT (SELECT count(*) FROM exchange_status_out WHERE sent_at IS NULL)
              + (SELECT count(*) FROM exchange_out WHERE sent_at IS NULL)",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// Polls until nothing is owed and nothing waits, as a desktop's timer
/// would; a run that meets a fault simply leaves work for the next.
fn settle(app: &mut Eoffice, emulator: &Emulator, organ: &str) {
    for _ in 0..60 {
        let run = app.receive_exchange();
        let clean = run.as_ref().is_ok_and(|r| r.errors.is_empty());
        let waiting = emulator.pending_for(organ);
        if clean && waiting == 0 {
            return;
        }
    }
    panic!("{organ} did not settle");
}

#[test]
fn fifty_faulty_runs_lose_nothing_and_apply_nothing_twice_domain_12() {
    // Set before any client exists; the apps read it when they build theirs.
    std::env::set_var("EOFFICE_EXCHANGE_TIMEOUT_MS", TIMEOUT_MS.to_string());
    let pdf = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/fixtures/documents/pub02_cv_ubnd_dvc_khan_2018.pdf"),
    )
    .unwrap();
    let (emulator, url) = start_emulator();
    for run in 0..50u64 {
        emulator.set_faults(Faults {
            timeout: 0.08,
            code20: 0.15,
            duplicate: 0.2,
            delay_ms: TIMEOUT_MS * 2,
            seed: 1000 + run,
        });
        let tmp = tempfile::tempdir().unwrap();
        let mut a = app(
            &tmp.path().join("a"),
            A,
            "UBND tỉnh Lạng Sơn",
            &url,
            "gw-a",
            "khoa-cong-a-2026",
        );
        let mut c = app(
            &tmp.path().join("c"),
            C,
            "UBND huyện Cao Lộc",
            &url,
            "gw-c",
            "khoa-cong-c-2026",
        );
        let sender = ExchangeClient::new(Endpoint {
            base: url.clone(),
            system_id: "gw-a".into(),
            secret_key: "khoa-cong-a-2026".into(),
            timeout: Duration::from_millis(TIMEOUT_MS),
        })
        .unwrap();
        for n in 0..2 {
            let bytes = package(run, n, &pdf);
            with_retry(40, Duration::from_millis(5), || {
                sender.send("edoc", "vb.edxml", &bytes)
            })
            .unwrap_or_else(|e| panic!("run {run}: {e}"));
        }
        settle(&mut c, &emulator, C);
        let queue = c.received_queue(true).unwrap();
        assert_eq!(queue.len(), 2, "run {run}: every package once: {queue:?}");
        c.register_exchanged("vt", &queue[0].id, None, None)
            .unwrap_or_else(|e| panic!("run {run}: {e}"));
        settle(&mut c, &emulator, C);
        settle(&mut a, &emulator, A);
        let heard = statuses_heard(&tmp.path().join("a"));
        let codes: Vec<&str> = heard.iter().map(|(_, c)| c.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(sorted, ["01", "01", "03"], "run {run}: {heard:?}");
        // Nothing left owed on either side.
        for dir in ["a", "c"] {
            assert_eq!(unsent(&tmp.path().join(dir)), 0, "run {run}: {dir}");
        }
        emulator.set_faults(Faults::default());
    }
    let injected_total = emulator.injected();
    eprintln!("faults injected over 50 runs: {injected_total:?}");
    // The faults did happen, each kind many times.
    for kind in ["timeout", "code20", "duplicate"] {
        assert!(
            injected_total.get(kind).copied().unwrap_or(0) >= 10,
            "{kind}: {injected_total:?}"
        );
    }
}
