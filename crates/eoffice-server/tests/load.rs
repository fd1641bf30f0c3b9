//! 200 concurrent clients register on one book for 30 seconds: the numbers
//! are exactly 1…N (domain.md §3). Prints throughput and p95 latency.

mod common;
use common::*;
use eoffice_sync::MutationStatus;
use std::time::{Duration, Instant};

#[test]
fn two_hundred_clients_on_one_book_leave_no_gap() {
    let env = setup();
    let server = env.start_with(&[("EOFFICE_SERVER_POOL_SIZE", "24".to_string())]);
    let tokens: Vec<String> = ["vanthu_a", "vanthu_a2"]
        .iter()
        .map(|u| {
            eoffice_sync::client::Client::new(&server.url)
                .unwrap()
                .login(u, PASSWORD)
                .unwrap()
                .access_token
        })
        .collect();
    // One original for all: each registration still goes through the
    // whole decision (rights, blob, book lock, number, feed).
    let first = server.client("vanthu_a");
    let bytes = b"%PDF-1.4 load test original".to_vec();
    let sha = sha256_hex(&bytes);
    first.upload_blob(&sha, &bytes, 1 << 16).unwrap();

    let seconds: u64 = std::env::var("EOFFICE_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let threads: Vec<_> = (0..200)
        .map(|t| {
            let url = server.url.clone();
            let token = tokens[t % 2].clone();
            let sha = sha.clone();
            std::thread::spawn(move || {
                let mut c = eoffice_sync::client::Client::new(&url).unwrap();
                c.set_access_token(Some(token));
                let mut latencies = Vec::new();
                let mut n = 0;
                while Instant::now() < until {
                    let m = register_mutation_for(&sha, t * 1_000_000 + n);
                    let sent = Instant::now();
                    let r = push_one(&c, m);
                    latencies.push(sent.elapsed());
                    assert_eq!(r.status, MutationStatus::Applied, "{r:?}");
                    n += 1;
                }
                latencies
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let elapsed = start.elapsed();
    latencies.sort();
    let n = latencies.len();
    let numbers: Vec<i32> = sql(
        &env.db,
        "SELECT arrival_number FROM documents ORDER BY arrival_number",
    )
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(numbers.len(), n);
    assert!(
        numbers.iter().enumerate().all(|(i, v)| *v == i as i32 + 1),
        "numbers are not exactly 1..{n}"
    );
    let last: i32 = sql(&env.db, "SELECT last_number FROM books")[0].get(0);
    assert_eq!(last as usize, n);
    println!(
        "load: 200 clients, one book, {:.1} s: {n} registrations, {:.0}/s, p50 {:.1} ms, p95 {:.1} ms, numbers 1..{n} without gap",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        latencies[n / 2].as_secs_f64() * 1e3,
        latencies[n * 95 / 100].as_secs_f64() * 1e3,
    );
}
