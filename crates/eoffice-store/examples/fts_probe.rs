//! Times the parts of one search against a bench corpus:
//! `cargo run --release -p eoffice-store --example fts_probe -- DB QUERY`.
use std::time::Instant;
fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("db path");
    let q = args.next().expect("query");
    let conn = eoffice_store::open(std::path::Path::new(&db)).unwrap();
    let expr = eoffice_store::search::fts_expression(&q, false).unwrap();
    for table in ["incoming_fts", "incoming_body_fts"] {
        for sql in [
            format!("SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT 60"),
            format!("SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT 60"),
            format!("SELECT count(*) FROM {table} WHERE {table} MATCH ?1"),
        ] {
            for _ in 0..2 {
                let t = Instant::now();
                let mut stmt = conn.prepare(&sql).unwrap();
                let n = stmt.query_map([&expr], |_| Ok(())).unwrap().count();
                println!("{:>8.2} ms {n:>6} {sql}", t.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    for tok in eoffice_store::search::tokens(&q) {
        let t = Instant::now();
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM incoming_fts WHERE incoming_fts MATCH ?1",
                [format!("\"{tok}\"")],
                |r| r.get(0),
            )
            .unwrap();
        println!(
            "{:>8.2} ms token {tok:<10} meta docs {n}",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
}
