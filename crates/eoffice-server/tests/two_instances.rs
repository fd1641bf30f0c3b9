//! Two server instances on one database work as one: a change made
//! through instance 2 reaches a client of instance 1 within a second,
//! carried by PostgreSQL LISTEN/NOTIFY.

mod common;
use common::*;
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[test]
fn a_change_through_instance_2_reaches_a_client_of_instance_1() {
    let env = setup();
    let one = env.start();
    let two = env.start();
    let listener = one.client("lanhdao_a");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = listener.follow_notices(|seq| tx.send((Instant::now(), seq)).is_ok());
    });
    std::thread::sleep(Duration::from_millis(500));
    let writer = two.client("vanthu_a");
    let mut delays = Vec::new();
    for n in 0..5 {
        let m = register_mutation(&writer, n);
        let sent = Instant::now();
        let r = writer
            .push(&eoffice_sync::PushRequest {
                client_id: "two".into(),
                mutations: vec![m],
            })
            .unwrap();
        assert_eq!(r.results[0].status, eoffice_sync::MutationStatus::Applied);
        // Notices until one names the feed head this push reached.
        loop {
            let (at, seq) = rx
                .recv_timeout(Duration::from_secs(1))
                .expect("a notice within a second");
            if seq >= r.feed_seq {
                delays.push(at.saturating_duration_since(sent));
                break;
            }
        }
    }
    assert!(
        delays.iter().all(|d| *d < Duration::from_secs(1)),
        "{delays:?}"
    );
    // And the change itself is there through instance 1.
    let reader = one.client("lanhdao_a");
    let events = all_events(&reader);
    assert_eq!(
        events
            .iter()
            .filter(|e| e.name == "incoming.registered")
            .count(),
        5
    );
    eoffice_sync::verify_chain(eoffice_sync::GENESIS, &events).unwrap();
}
