//! Server and sync benchmarks (issue 6 §4), against a real PostgreSQL:
//!   scripts/bench-server.sh        (starts a throwaway cluster, runs this)
//! Prints figures; asserts only that numbers stay gap-free.
//! - throughput: registrations/s over 20 agencies, and on one book;
//! - a change on client A showing on client B (notice, then pull): p50/p95;
//! - first sync of 100,000 documents' metadata into an empty desktop cache.

#[path = "../tests/common/mod.rs"]
mod common;
use common::*;
use eoffice_sync::{MutationStatus, PushRequest};
use std::time::{Duration, Instant};

fn pct(v: &mut [Duration], p: usize) -> f64 {
    v.sort();
    v[(v.len() * p / 100).min(v.len() - 1)].as_secs_f64() * 1e3
}

fn run_load(
    server: &Server,
    users: &[(String, String)],
    clients: usize,
    seconds: u64,
) -> (usize, f64, Vec<Duration>) {
    let until = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|t| {
            let (token, sha) = users[t % users.len()].clone();
            let url = server.url.clone();
            std::thread::spawn(move || {
                let mut c = eoffice_sync::client::Client::new(&url).unwrap();
                c.set_access_token(Some(token));
                let mut lat = Vec::new();
                let mut n = 0;
                while Instant::now() < until {
                    let m = register_mutation_for(&sha, t * 10_000_000 + n);
                    let sent = Instant::now();
                    let r = c
                        .push(&PushRequest {
                            client_id: "bench".into(),
                            mutations: vec![m],
                        })
                        .unwrap();
                    assert_eq!(r.results[0].status, MutationStatus::Applied);
                    lat.push(sent.elapsed());
                    n += 1;
                }
                lat
            })
        })
        .collect();
    let lat: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let n = lat.len();
    (n, n as f64 / start.elapsed().as_secs_f64(), lat)
}

fn main() {
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let docs: usize = std::env::var("BENCH_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let env = setup();
    // 20 agencies, a clerk each.
    for i in 1..=20 {
        let id = format!("000.00.{i:02}.H37");
        let out = env.admin(
            &[
                "admin",
                "agency",
                "add",
                "--id",
                &id,
                "--name",
                &format!("Sở {i}"),
                "--abbr",
                "S",
            ],
            None,
        );
        assert!(out.status.success());
        env.add_user(&id, &format!("clerk{i:02}"), "clerk", None);
    }
    let server = env.start_with(&[("EOFFICE_SERVER_POOL_SIZE", "32".into())]);
    let bytes = b"%PDF-1.4 bench original".to_vec();
    let sha = sha256_hex(&bytes);
    let users: Vec<(String, String)> = (1..=20)
        .map(|i| {
            let c = server.client(&format!("clerk{i:02}"));
            c.upload_blob(&sha, &bytes, 1 << 16).unwrap();
            let t = eoffice_sync::client::Client::new(&server.url)
                .unwrap()
                .login(&format!("clerk{i:02}"), PASSWORD)
                .unwrap();
            (t.access_token, sha.clone())
        })
        .collect();

    let (n, rate, mut lat) = run_load(&server, &users, 40, seconds);
    println!(
        "throughput, 20 agencies, 40 clients, {seconds} s: {n} registrations, {rate:.0}/s, p50 {:.1} ms, p95 {:.1} ms (target >= 1000/s)",
        pct(&mut lat, 50),
        pct(&mut lat, 95)
    );
    let a = server.client("vanthu_a");
    a.upload_blob(&sha, &bytes, 1 << 16).unwrap();
    let one: Vec<(String, String)> = vec![(
        eoffice_sync::client::Client::new(&server.url)
            .unwrap()
            .login("vanthu_a", PASSWORD)
            .unwrap()
            .access_token,
        sha.clone(),
    )];
    for clients in [8, 40] {
        let before: i64 = sql(
            &env.db,
            &format!("SELECT count(*) FROM documents WHERE agency_id = '{A}'"),
        )[0]
        .get(0);
        let (n, rate, mut lat) = run_load(&server, &one, clients, seconds);
        let numbers: Vec<i32> = sql(
            &env.db,
            &format!("SELECT arrival_number FROM documents WHERE agency_id = '{A}' ORDER BY 1"),
        )
        .iter()
        .map(|r| r.get(0))
        .collect();
        assert!(
            numbers.iter().enumerate().all(|(i, v)| *v == i as i32 + 1),
            "gap in the book"
        );
        println!(
            "throughput, one book, {clients} clients, {seconds} s: {n} registrations, {rate:.0}/s, p50 {:.1} ms, p95 {:.1} ms, numbers 1..{} without gap (target >= 300/s)",
            pct(&mut lat, 50),
            pct(&mut lat, 95),
            before as usize + n
        );
    }

    // A change on A showing on B: A pushes, B hears the notice and pulls it.
    let b = server.client("lanhdao_a");
    let (tx, rx) = std::sync::mpsc::channel::<i64>();
    let listener = server.client("lanhdao_a");
    std::thread::spawn(move || {
        let _ = listener.follow_notices(|seq| tx.send(seq).is_ok());
    });
    std::thread::sleep(Duration::from_millis(300));
    let mut cursor = b.pull(0, 1).unwrap().last_seq;
    let mut seen = Vec::new();
    for i in 0..200 {
        let m = register_mutation_for(&sha, 900_000_000 + i);
        let id = m.args["DocumentId"].as_str().unwrap().to_string();
        let sent = Instant::now();
        a.push(&PushRequest {
            client_id: "bench".into(),
            mutations: vec![m],
        })
        .unwrap();
        'wait: loop {
            let _ = rx.recv_timeout(Duration::from_secs(2)).expect("a notice");
            let page = b.pull(cursor, 100).unwrap();
            cursor = page.events.last().map_or(cursor, |e| e.seq);
            if page.events.iter().any(|e| e.stream == id) {
                seen.push(sent.elapsed());
                break 'wait;
            }
        }
    }
    println!(
        "change on A seen on B (notice + pull), 200 changes: p50 {:.1} ms, p95 {:.1} ms (target p95 <= 500 ms)",
        pct(&mut seen, 50),
        pct(&mut seen, 95)
    );

    // First sync: a new desktop of an agency with `docs` documents.
    let big = "000.00.00.H40";
    let out = env.admin(
        &[
            "admin",
            "agency",
            "add",
            "--id",
            big,
            "--name",
            "UBND tỉnh lớn",
            "--abbr",
            "UBND",
        ],
        None,
    );
    assert!(out.status.success());
    env.add_user(big, "vanthu_big", "clerk", None);
    let seeded = Instant::now();
    let total = seed(&env.db, big, docs, &sha);
    println!(
        "(seeded {total} documents and their feed directly in PostgreSQL in {:.0} s)",
        seeded.elapsed().as_secs_f64()
    );
    let dir = tempfile::tempdir().unwrap();
    let mut app =
        eoffice_app::Eoffice::open(dir.path(), Box::new(eoffice_app::SystemClock)).unwrap();
    let start = Instant::now();
    let st = app.sign_in(&server.url, "vanthu_big", PASSWORD).unwrap();
    let took = start.elapsed();
    let page = app
        .list_incoming(&eoffice_app::ListRequest::default())
        .unwrap();
    assert_eq!(page.total as usize, total);
    println!(
        "first sync of {total} documents' metadata (sign-in to a browsable list, {} feed events): {:.1} s (target <= 30 s)",
        st.cursor,
        took.as_secs_f64()
    );
}

/// Writes `docs` registered documents of `agency` and their feed (a valid
/// hash chain, as the server would have written it), fast.
fn seed(db: &str, agency: &str, docs: usize, sha: &str) -> usize {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (c, conn) = tokio_postgres::connect(db, tokio_postgres::NoTls).await.unwrap();
        tokio::spawn(conn);
        let book = format!("{agency}/incoming-2026");
        c.execute(
            "INSERT INTO books (id, agency_id, direction, year, secret, name, last_number) VALUES ($1, $2, 'incoming', 2026, false, 'Sổ đến 2026', $3)",
            &[&book, &agency, &(docs as i32)],
        )
        .await
        .unwrap();
        c.execute("INSERT INTO blob_access (sha256, agency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[&sha, &agency])
            .await
            .unwrap();
        let words = ["kế hoạch", "triển khai", "chuyển đổi số", "cải cách hành chính", "dịch vụ công", "an toàn thông tin", "văn thư lưu trữ", "tập huấn"];
        let mut prev = eoffice_sync::GENESIS.to_string();
        let mut seq = 0i64;
        for chunk_start in (0..docs).step_by(500) {
            let tx_rows: Vec<usize> = (chunk_start..(chunk_start + 500).min(docs)).collect();
            let mut doc_rows = Vec::new();
            let mut feed_rows = Vec::new();
            for i in &tx_rows {
                let id = uuid::Uuid::new_v4();
                let n = i + 1;
                let snapshot = serde_json::json!({
                    "Id": id.to_string(), "BookId": book, "ArrivalNumber": format!("{n:02}"), "ArrivalDate": "2026-06-01",
                    "State": "registered", "CodeNumber": (n % 900 + 1).to_string(), "CodeNotation": "UBND-VP",
                    "OrganName": format!("UBND huyện {}", n % 11), "Subject": format!("Về việc {} năm 2026 ({n})", words[n % words.len()]),
                    "Priority": (n % 5) as u8, "Secrecy": null, "Sha256": sha, "FileName": format!("vb{n}.pdf"),
                    "SignerInfo": {"Competence": "KT. CHỦ TỊCH", "Position": "PHÓ CHỦ TỊCH", "FullName": "Nguyễn Văn A"},
                    "To": [], "ToPlaces": ["Như trên", "Lưu: VT"], "TypeName": "Công văn", "IssuedDate": "2026-05-30"
                });
                for (name, payload) in [
                    ("incoming.received", serde_json::json!({ "Sha256": sha, "FileName": format!("vb{n}.pdf") })),
                    ("incoming.registered", snapshot.clone()),
                ] {
                    seq += 1;
                    let mut e = eoffice_sync::FeedEvent {
                        seq,
                        id: uuid::Uuid::new_v4().to_string(),
                        agency_id: agency.to_string(),
                        stream: id.to_string(),
                        stream_version: if name == "incoming.received" { 1 } else { 2 },
                        actor_id: "vanthu_big".into(),
                        actor_name: "Văn thư".into(),
                        at: "2026-06-01T08:00:00.000+07:00".into(),
                        name: name.into(),
                        version: 1,
                        command_id: None,
                        payload: serde_json::to_string(&payload).unwrap(),
                        prev_hash: prev.clone(),
                        hash: String::new(),
                    };
                    e.hash = e.compute_hash();
                    prev = e.hash.clone();
                    feed_rows.push(e);
                }
                doc_rows.push((id, n as i32, snapshot));
            }
            let mut sql = String::from(
                "INSERT INTO documents (id, agency_id, book_id, arrival_number, arrival_date, state, snapshot, blob_sha256) VALUES ",
            );
            let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = vec![&agency, &book, &sha];
            for (k, (id, n, snap)) in doc_rows.iter().enumerate() {
                if k > 0 {
                    sql.push(',');
                }
                // $1..$3 are shared; three placeholders per row after them.
                let b = 3 + k * 3;
                sql.push_str(&format!("(${}, $1, $2, ${}, DATE '2026-06-01', 'registered', ${}, $3)", b + 1, b + 2, b + 3));
                params.extend([id as &(dyn tokio_postgres::types::ToSql + Sync), n, snap]);
            }
            c.execute(sql.as_str(), &params).await.unwrap();
            let ids: Vec<uuid::Uuid> = feed_rows.iter().map(|e| uuid::Uuid::parse_str(&e.id).unwrap()).collect();
            let mut fsql = String::from(
                "INSERT INTO feed (agency_id, seq, id, stream, actor_id, actor_name, at, name, version, payload, prev_hash, hash, stream_version) VALUES ",
            );
            let mut fparams: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = Vec::new();
            let one = 1i32;
            for (k, e) in feed_rows.iter().enumerate() {
                if k > 0 {
                    fsql.push(',');
                }
                let b = k * 13;
                let ph: Vec<String> = (1..=13).map(|i| format!("${}", b + i)).collect();
                fsql.push_str(&format!("({})", ph.join(",")));
                fparams.extend([
                    &e.agency_id as &(dyn tokio_postgres::types::ToSql + Sync),
                    &e.seq,
                    &ids[k],
                    &e.stream,
                    &e.actor_id,
                    &e.actor_name,
                    &e.at,
                    &e.name,
                    &one,
                    &e.payload,
                    &e.prev_hash,
                    &e.hash,
                    &e.stream_version,
                ]);
            }
            c.execute(fsql.as_str(), &fparams).await.unwrap();
        }
        c.execute("UPDATE agencies SET feed_seq = $2, feed_head = $3 WHERE id = $1", &[&agency, &seq, &prev])
            .await
            .unwrap();
        docs
    })
}
