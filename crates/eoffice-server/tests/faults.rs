//! The server killed at random points of a push, 50 times: every command
//! is applied exactly once, and the book stays gap-free.

mod common;
use common::*;
use eoffice_sync::MutationStatus;
use std::time::Duration;

fn random_below(n: u64) -> u64 {
    let b = uuid::Uuid::new_v4().into_bytes();
    u64::from_le_bytes(b[..8].try_into().unwrap()) % n
}

#[test]
fn killed_mid_push_fifty_times_every_command_applies_once() {
    let env = setup();
    // Blobs first, on a steady instance.
    let mut batches = Vec::new();
    {
        let server = env.start();
        let c = server.client("vanthu_a");
        for round in 0..50 {
            batches.push(
                (0..4)
                    .map(|i| register_mutation(&c, round * 10 + i))
                    .collect::<Vec<_>>(),
            );
        }
    }
    let mut kills_during_push = 0;
    for batch in &batches {
        let mut server = env.start();
        let c = server.client("vanthu_a");
        let push = {
            let url = server.url.clone();
            let token = c.login("vanthu_a", PASSWORD).unwrap().access_token;
            let batch = batch.clone();
            std::thread::spawn(move || {
                let mut c = eoffice_sync::client::Client::new(&url).unwrap();
                c.set_access_token(Some(token));
                c.push(&eoffice_sync::PushRequest {
                    client_id: "faults".into(),
                    mutations: batch,
                })
            })
        };
        std::thread::sleep(Duration::from_micros(random_below(40_000)));
        server.kill();
        if push.join().unwrap().is_err() {
            kills_during_push += 1;
        }
        // The client resends the whole batch after the restart.
        let server = env.start();
        let c = server.client("vanthu_a");
        let r = c
            .push(&eoffice_sync::PushRequest {
                client_id: "faults".into(),
                mutations: batch.clone(),
            })
            .unwrap();
        assert!(
            r.results
                .iter()
                .all(|r| r.status == MutationStatus::Applied),
            "{r:?}"
        );
    }
    assert!(
        kills_during_push > 0,
        "no kill landed during a push; the test proved nothing"
    );
    let numbers: Vec<i32> = sql(
        &env.db,
        "SELECT arrival_number FROM documents ORDER BY arrival_number",
    )
    .iter()
    .map(|r| r.get(0))
    .collect();
    assert_eq!(numbers, (1..=200).collect::<Vec<_>>());
    let commands: i64 = sql(
        &env.db,
        "SELECT count(*) FROM commands WHERE name = 'incoming.register'",
    )[0]
    .get(0);
    assert_eq!(commands, 200);
    let server = env.start();
    let events = all_events(&server.client("vanthu_a"));
    assert_eq!(
        events
            .iter()
            .filter(|e| e.name == "incoming.registered")
            .count(),
        200
    );
    eoffice_sync::verify_chain(eoffice_sync::GENESIS, &events).unwrap();
    eprintln!("faults: {kills_during_push} of 50 kills cut a push");
}
