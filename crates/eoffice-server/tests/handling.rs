//! The server decides handling steps again (issue 7): a desktop that skips
//! its own checks still gets a refusal, and applied steps go into the feed
//! as the domain's events (domain.md §6 steps 3–4).

mod common;

use common::*;
use eoffice_sync::{Mutation, MutationStatus};
use serde_json::json;

fn step(doc: &str, command: serde_json::Value) -> Mutation {
    Mutation {
        id: uuid::Uuid::new_v4().to_string(),
        name: "handling.step".into(),
        args: json!({ "DocumentId": doc, "Command": command }),
    }
}

#[test]
fn the_server_repeats_every_handling_check_section_6() {
    let env = setup();
    let server = env.start();
    let clerk = server.client("vanthu_a");
    let leader = server.client("lanhdao_a");
    let head = server.client("truongphong_a");
    let spec = server.client("chuyenvien_a");
    let other = server.client("vanthu_b");
    let m = register_mutation(&clerk, 1);
    let doc = m.args["DocumentId"].as_str().unwrap().to_string();
    assert_eq!(push_one(&clerk, m).status, MutationStatus::Applied);

    let present = json!({"Command": "Present", "to": "lanhdao_a", "proposal": []});
    // Another agency's clerk: the document does not exist for them.
    let r = push_one(&other, step(&doc, present.clone()));
    assert_eq!(r.code.as_deref(), Some("not_found"));
    // A specialist may not present, nor see an unassigned document.
    let r = push_one(&spec, step(&doc, present.clone()));
    assert_eq!(r.status, MutationStatus::Rejected);
    assert_eq!(r.code.as_deref(), Some("not_found"));
    assert_eq!(
        push_one(&clerk, step(&doc, present)).status,
        MutationStatus::Applied
    );

    let assign = json!({
        "Command": "Assign",
        "instruction": "Văn phòng chủ trì",
        "lead": {"party": {"Kind": "Unit", "Code": "VP"}, "deadline": null},
        "coordinate": [], "inform": [], "deadline": null
    });
    let r = push_one(&clerk, step(&doc, assign.clone()));
    assert_eq!(r.code.as_deref(), Some("forbidden"), "{:?}", r.reason);
    assert_eq!(
        push_one(&leader, step(&doc, assign)).status,
        MutationStatus::Applied
    );

    let complete = json!({"Command": "Complete", "result": "Xong", "reply": null});
    let r = push_one(&spec, step(&doc, complete.clone()));
    assert_eq!(r.code.as_deref(), Some("forbidden"));
    let reassign = json!({"Command": "Reassign", "unit": "VP", "lead": "chuyenvien_a", "helpers": [], "deadline": null});
    assert_eq!(
        push_one(&head, step(&doc, reassign)).status,
        MutationStatus::Applied
    );
    let r = push_one(&spec, step(&doc, complete));
    assert_eq!(r.status, MutationStatus::Applied, "{:?}", r.reason);
    assert_eq!(r.result["Stage"], "handled");
    // Malformed commands are refused, never a crash.
    let r = push_one(&spec, step(&doc, json!({"Command": "Explode"})));
    assert_eq!(r.code.as_deref(), Some("invalid_input"));

    let names: Vec<String> = all_events(&clerk)
        .into_iter()
        .filter(|e| e.stream == doc)
        .map(|e| e.name)
        .collect();
    assert_eq!(
        names,
        [
            "incoming.received",
            "incoming.registered",
            "handling.presented",
            "handling.assigned",
            "handling.reassigned",
            "handling.completed"
        ]
    );
    let state: String = sql(&env.db, "SELECT state FROM documents")[0].get(0);
    assert_eq!(state, "handled");
}
