//! Exchange benchmarks (issue 9), printed beside their targets:
//!   cargo bench -p eoffice-server --bench exchange
//! - parse and validate a package with a 10 MB attachment, against
//!   base64-decoding that attachment alone (target ≤ 3×);
//! - 1,000 packages received from the gateway emulator and queued by the
//!   real use case on a real SQLite folder (target ≤ 10 s).

#[path = "../tests/support/exchange.rs"]
mod support;

use base64::Engine;
use eoffice_edxml::*;
use std::time::{Duration, Instant};
use support::{app, package, start_emulator, A, C};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn parse_figure() {
    let pdf = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/fixtures/documents/pub02_cv_ubnd_dvc_khan_2018.pdf"),
    )
    .unwrap();
    let read = read_package(&package(0, 0, &pdf)).unwrap();
    let Package::Edoc(mut e) = read.package else {
        unreachable!()
    };
    // 10 MB of bytes that do not compress: a scan-like attachment.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    e.attachments[0].data = (0..10 * 1024 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let bytes = write_package(&Package::Edoc(e.clone())).unwrap();
    let encoded = base64::engine::general_purpose::STANDARD.encode(&e.attachments[0].data);
    let (mut parse, mut decode) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let t = Instant::now();
        let p = read_package(&bytes).unwrap();
        parse.push(t.elapsed());
        std::hint::black_box(p);
        let t = Instant::now();
        let d = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_bytes())
            .unwrap();
        decode.push(t.elapsed());
        std::hint::black_box(d);
    }
    let (p, d) = (median(parse), median(decode));
    println!(
        "parse + validate, 10 MB attachment ({:.1} MB package): {:.1} ms; base64 decode alone {:.1} ms; ratio {:.2}× (target ≤ 3×)",
        bytes.len() as f64 / 1e6,
        p.as_secs_f64() * 1e3,
        d.as_secs_f64() * 1e3,
        p.as_secs_f64() / d.as_secs_f64()
    );
}

fn receive_figure(n: u32) {
    let pdf = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/fixtures/documents/pub02_cv_ubnd_dvc_khan_2018.pdf"),
    )
    .unwrap();
    let (emulator, url) = start_emulator();
    let sender = eoffice_sync::exchange_client::ExchangeClient::new(
        eoffice_sync::exchange_client::Endpoint {
            base: url.clone(),
            system_id: "gw-a".into(),
            secret_key: "khoa-cong-a-2026".into(),
            timeout: Duration::from_secs(30),
        },
    )
    .unwrap();
    for i in 0..n {
        sender
            .send("edoc", "vb.edxml", &package(0, i, &pdf))
            .unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut c = app(
        tmp.path(),
        C,
        "UBND huyện Cao Lộc",
        &url,
        "gw-c",
        "khoa-cong-c-2026",
    );
    let t = Instant::now();
    let run = c.receive_exchange().unwrap();
    let took = t.elapsed();
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    let queued = c.received_queue(true).unwrap().len();
    assert_eq!(queued as u32, n);
    assert_eq!(emulator.pending_for(C), 0);
    println!(
        "{n} packages from {A} received from the emulator and queued: {:.2} s ({:.1} ms each; target ≤ 10 s for 1,000)",
        took.as_secs_f64(),
        took.as_secs_f64() * 1e3 / n as f64
    );
}

fn main() {
    let n = std::env::args()
        .skip_while(|a| a != "--packages")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    parse_figure();
    receive_figure(n);
}
