//! Bad input loses nothing (issue 2, §6): at least 500 broken variants of
//! the fixture PDFs go through intake and registration. Each ends in an
//! error or a correct result, with no crash and no hang, and afterwards no
//! row, blob or event is half-written and the event chain verifies.

mod common;
use common::*;
use eoffice_app::ErrorCode;
use eoffice_pdf::ExtractLimits;
use std::collections::BTreeMap;
use std::time::Duration;

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn variants(name: &str, pdf: &[u8], rng: &mut Rng) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let n = pdf.len();
    for i in 0..16 {
        let cut = 1 + rng.below(n - 1);
        out.push((
            format!("{name}: truncated {i} at {cut}"),
            pdf[..cut].to_vec(),
        ));
    }
    for i in 0..18 {
        let mut v = pdf.to_vec();
        for _ in 0..(1 + i * 3) {
            let at = rng.below(n);
            v[at] ^= 1 << rng.below(8);
        }
        out.push((format!("{name}: {} bytes flipped", 1 + i * 3), v));
    }
    for i in 0..18 {
        let from = rng.below(n);
        let len = 1 + rng.below((n - from).min(4096));
        let mut v = pdf[..from].to_vec();
        v.extend_from_slice(&pdf[from + len..]);
        out.push((format!("{name}: chunk {i} of {len} bytes cut at {from}"), v));
    }
    for i in 0..5 {
        let from = rng.below(n);
        let len = 1 + rng.below((n - from).min(2048));
        let mut v = pdf[..from + len].to_vec();
        v.extend_from_slice(&pdf[from..]);
        out.push((format!("{name}: chunk {i} repeated at {from}"), v));
    }
    for i in 0..5 {
        let len = rng.below(20_000);
        let mut v: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if i % 2 == 0 {
            // Garbage that claims to be a PDF.
            v.splice(0..0, b"%PDF-1.7\n".iter().copied());
        }
        out.push((format!("{name}: garbage {i} ({len} bytes)"), v));
    }
    out
}

#[test]
fn five_hundred_broken_pdfs_end_in_errors_or_results_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    app.set_extract_limits(ExtractLimits {
        time: Duration::from_secs(10),
        ..ExtractLimits::default()
    });
    let mut rng = Rng(0x5eed_2026_0001);
    let mut all = Vec::new();
    for name in registrable_fixtures() {
        all.extend(variants(&name, &fixture(&name), &mut rng));
    }
    for name in [
        "real02_nd30_phuluc3_mau_trinh_bay_van_ban.pdf",
        "pub08_qd_stttt_tokythuat_scan_2018.pdf",
    ] {
        all.extend(
            variants(name, &fixture(name), &mut rng)
                .into_iter()
                .take(20),
        );
    }
    assert!(all.len() >= 500, "only {} variants", all.len());

    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut registered = 0;
    for (label, bytes) in &all {
        match app.intake(bytes, Some("broken.pdf")) {
            Ok(r) => {
                assert!(
                    r.fields.page_amount.unwrap_or(0) > 0,
                    "{label}: a result has pages"
                );
                *outcomes.entry("intake ok".into()).or_default() += 1;
            }
            Err(e) => {
                assert_eq!(e.code, ErrorCode::UnreadablePdf, "{label}: {e:?}");
                assert!(!e.message.is_empty() && !e.message_en.is_empty());
                *outcomes.entry("intake refused".into()).or_default() += 1;
            }
        }
        match app.register_incoming(bytes, &req("broken.pdf", "2026-11-30")) {
            Ok(doc) => {
                registered += 1;
                assert_eq!(
                    doc.arrival_number,
                    Some(format!("{registered:02}")),
                    "{label}"
                );
                *outcomes.entry("registered".into()).or_default() += 1;
            }
            Err(e) => {
                assert!(
                    matches!(
                        e.code,
                        ErrorCode::UnreadablePdf | ErrorCode::InvalidInput | ErrorCode::Duplicate
                    ),
                    "{label}: unexpected {e:?}"
                );
                *outcomes
                    .entry(format!("register refused: {:?}", e.code))
                    .or_default() += 1;
            }
        }
    }
    println!("{} broken variants: {outcomes:?}", all.len());
    assert!(
        outcomes.get("intake refused").copied().unwrap_or(0) > 100,
        "the corpus must really be broken"
    );

    // Nothing half-written: every row has its text, its index entry, its blob
    // and its two events; every blob file is referenced and whole.
    drop(app);
    let conn = rusqlite::Connection::open(dir.path().join("eoffice.sqlite")).unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT COUNT(*) FROM incoming"), registered as i64);
    assert_eq!(q("SELECT COUNT(*) FROM incoming_text"), registered as i64);
    assert_eq!(
        q("SELECT COUNT(*) FROM incoming i JOIN incoming_text t ON t.incoming_seq = i.seq"),
        registered as i64
    );
    assert_eq!(
        q("SELECT COUNT(*) FROM events WHERE command = 'incoming.registered'"),
        registered as i64
    );
    assert_eq!(
        q("SELECT COUNT(*) FROM events WHERE command = 'incoming.received'"),
        registered as i64
    );
    assert_eq!(
        q("SELECT COUNT(*) FROM incoming WHERE blob_sha256 NOT IN (SELECT sha256 FROM blobs)"),
        0
    );
    assert_eq!(
        q("SELECT last_number FROM books WHERE id = 'incoming-2026'"),
        registered as i64
    );
    let referenced: std::collections::BTreeSet<String> = {
        let mut stmt = conn.prepare("SELECT sha256 FROM blobs").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let files = eoffice_store::BlobStore::new(dir.path().join("blobs"))
        .list()
        .unwrap();
    assert_eq!(
        files
            .iter()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>(),
        referenced,
        "no stray or partial blob files"
    );
    drop(conn);
    let app = open(dir.path(), "2026-12-01T09:00:00+07:00");
    let audit = app.verify_audit().unwrap();
    assert!(audit.ok, "{audit:?}");
}
