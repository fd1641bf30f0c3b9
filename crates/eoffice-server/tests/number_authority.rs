//! The server as number authority (domain.md §3, §5): numbers in order of
//! decision, gap-free, never twice, whatever the concurrency; a resent
//! command decided once.

mod common;
use common::*;
use eoffice_sync::MutationStatus;

fn numbers(env: &Env) -> Vec<i32> {
    sql(
        &env.db,
        "SELECT arrival_number FROM documents ORDER BY arrival_number",
    )
    .iter()
    .map(|r| r.get(0))
    .collect()
}

#[test]
fn numbers_are_gap_free_under_concurrency_domain_3() {
    let env = setup();
    let server = env.start();
    let per_client = 15;
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let c = server.client(if t % 2 == 0 { "vanthu_a" } else { "vanthu_a2" });
            std::thread::spawn(move || {
                for i in 0..per_client {
                    let r = push_one(&c, register_mutation(&c, t * 100 + i));
                    assert_eq!(r.status, MutationStatus::Applied, "{r:?}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let want: Vec<i32> = (1..=8 * per_client as i32).collect();
    assert_eq!(numbers(&env), want);
    // The feed is gap-free per agency and its chain verifies.
    let c = server.client("vanthu_a");
    let events = all_events(&c);
    let seqs: Vec<i64> = events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=events.len() as i64).collect::<Vec<_>>());
    eoffice_sync::verify_chain(eoffice_sync::GENESIS, &events).unwrap();
    assert_eq!(events.iter().filter(|e| e.name == "book.opened").count(), 1);
    assert_eq!(
        events
            .iter()
            .filter(|e| e.name == "incoming.registered")
            .count(),
        8 * per_client
    );
}

#[test]
fn a_resent_command_is_decided_once() {
    let env = setup();
    let server = env.start();
    let c = server.client("vanthu_a");
    let m = register_mutation(&c, 1);
    let first = push_one(&c, m.clone());
    assert_eq!(first.status, MutationStatus::Applied);
    for _ in 0..5 {
        assert_eq!(push_one(&c, m.clone()), first);
    }
    // Resent concurrently from several connections.
    let m2 = register_mutation(&c, 2);
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let c = server.client("vanthu_a");
            let m2 = m2.clone();
            std::thread::spawn(move || push_one(&c, m2))
        })
        .collect();
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(results
        .iter()
        .all(|r| r == &results[0] && r.status == MutationStatus::Applied));
    assert_eq!(numbers(&env), vec![1, 2]);
}

#[test]
fn rejections_carry_a_reason_and_use_no_number() {
    let env = setup();
    let server = env.start();
    let clerk = server.client("vanthu_a");
    // Not uploaded yet: not decided, to be sent again.
    let m = register_mutation_for(&"ab".repeat(32), 1);
    let r = push_one(&clerk, m);
    assert_eq!(r.status, MutationStatus::Retry);
    assert_eq!(r.code.as_deref(), Some("blob_missing"));

    // A specialist may not register (domain.md §1).
    let spec = server.client("chuyenvien_a");
    let r = push_one(&spec, register_mutation(&spec, 2));
    assert_eq!(r.status, MutationStatus::Rejected);
    assert_eq!(r.code.as_deref(), Some("forbidden"));
    assert!(r.reason.unwrap().contains("văn thư"));

    // A secret document never reaches the server (domain.md §4).
    let mut m = register_mutation(&clerk, 3);
    m.args["Fields"]["Secrecy"] = serde_json::json!("mat");
    let r = push_one(&clerk, m);
    assert_eq!(r.code.as_deref(), Some("secret"));
    assert_eq!(
        sql(&env.db, "SELECT count(*) FROM documents")[0].get::<_, i64>(0),
        0
    );

    // A duplicate is refused with the earlier number.
    let mut m = register_mutation(&clerk, 4);
    m.args["DuplicateKey"] = serde_json::json!("cao-loc|4|ubnd-vp|2026");
    assert_eq!(push_one(&clerk, m.clone()).status, MutationStatus::Applied);
    let mut again = register_mutation(&clerk, 5);
    again.args["DuplicateKey"] = m.args["DuplicateKey"].clone();
    let r = push_one(&clerk, again.clone());
    assert_eq!(r.code.as_deref(), Some("duplicate"));
    assert!(r.reason.unwrap().contains("số đến 01"));
    again.id = uuid::Uuid::new_v4().to_string();
    again.args["AllowDuplicate"] = serde_json::json!(true);
    assert_eq!(push_one(&clerk, again).status, MutationStatus::Applied);
    assert_eq!(numbers(&env), vec![1, 2]);

    // A return needs a reason and names the real user.
    let doc = m.args["DocumentId"].as_str().unwrap().to_string();
    let ret = |reason: &str| eoffice_sync::Mutation {
        id: uuid::Uuid::new_v4().to_string(),
        name: "incoming.return".into(),
        args: serde_json::json!({ "DocumentId": doc, "Reason": reason }),
    };
    assert_eq!(
        push_one(&clerk, ret(" ")).code.as_deref(),
        Some("invalid_state")
    );
    assert_eq!(
        push_one(&clerk, ret("Gửi nhầm cơ quan")).status,
        MutationStatus::Applied
    );
    let last = all_events(&clerk).pop().unwrap();
    assert_eq!(last.name, "incoming.returned");
    // The document's own history: received 1, registered 2, returned 3.
    assert_eq!(last.stream_version, 3);
    assert_eq!(last.actor_id, "vanthu_a");
    // Agency B cannot touch A's document.
    let b = server.client("vanthu_b");
    let mut r = ret("Không phải của B");
    r.name = "document.viewed".into();
    assert_eq!(push_one(&b, r).code.as_deref(), Some("not_found"));
}

#[test]
fn unknown_or_malformed_commands_are_refused_cleanly() {
    let env = setup();
    let server = env.start();
    let c = server.client("vanthu_a");
    let r = push_one(
        &c,
        eoffice_sync::Mutation {
            id: "not-a-uuid".into(),
            name: "incoming.register".into(),
            args: serde_json::json!({}),
        },
    );
    assert_eq!(r.code.as_deref(), Some("invalid_input"));
    let r = push_one(
        &c,
        eoffice_sync::Mutation {
            id: uuid::Uuid::new_v4().to_string(),
            name: "incoming.explode".into(),
            args: serde_json::json!({}),
        },
    );
    assert_eq!(r.status, MutationStatus::Rejected);
    let r = push_one(
        &c,
        eoffice_sync::Mutation {
            id: uuid::Uuid::new_v4().to_string(),
            name: "incoming.register".into(),
            args: serde_json::json!({ "Fields": 3 }),
        },
    );
    assert_eq!(r.code.as_deref(), Some("invalid_input"));
}
