//! The handling workflow at the use-case level, with a clock that moves:
//! deadlines going amber and red, late completion in the report, secret
//! documents seen only by the people named on them, and the demo agency
//! (issue 7; domain.md §4, §6).

mod common;

use common::*;
use eoffice_app::dto::{AssignInput, AssigneeInput};
use eoffice_app::{Eoffice, NewUser, Queue};

fn people(app: &mut Eoffice) {
    app.add_unit("", "VP", "Văn phòng").unwrap();
    for (u, role, unit) in [
        ("qt", "admin", None),
        ("vt", "clerk", Some("VP")),
        ("ld", "leader", None),
        ("ld2", "leader", None),
        ("cv", "specialist", Some("VP")),
    ] {
        app.add_user(
            "qt",
            NewUser {
                username: u,
                full_name: &u.to_uppercase(),
                role,
                unit,
                password: "matkhau-2026",
            },
        )
        .unwrap();
    }
}

fn assign_to_cv(days: u32) -> AssignInput {
    AssignInput {
        instruction: Some("Đồng chí Chuyên viên tham mưu".into()),
        lead: AssigneeInput {
            who: "cv".into(),
            deadline: None,
        },
        coordinate: vec![],
        inform: vec![],
        deadline: None,
        working_days: Some(days),
    }
}

#[test]
fn a_late_document_turns_red_and_the_report_counts_it_late() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    people(&mut app);
    let mut r = req("pub02_cv_ubnd_dvc_khan_2018.pdf", "2026-12-01");
    r.actor = "vt".into();
    let doc = app
        .register_incoming(&fixture("pub02_cv_ubnd_dvc_khan_2018.pdf"), &r)
        .unwrap();
    // A document not yet presented has no deadline: it counts as received
    // and in progress, nothing else.
    let rep = app
        .handling_report("ld", "2026-12-01", "2026-12-31", None)
        .unwrap();
    assert_eq!(
        (rep.total.received, rep.total.in_progress, rep.total.overdue),
        (1, 1, 0)
    );
    app.present_incoming("vt", &doc.id, "ld", &[]).unwrap();
    // Tuesday 1/12/2026 + 2 working days = Thursday 3/12.
    let v = app
        .assign_incoming("ld", &doc.id, &assign_to_cv(2))
        .unwrap();
    assert_eq!(v.deadline.as_deref(), Some("2026-12-03"));
    assert_eq!(v.tasks[0].tone.as_deref(), Some("due_soon"));
    drop(app);

    // A week later the task is overdue, red in the specialist's list.
    let mut app = open(dir.path(), "2026-12-08T09:00:00+07:00");
    let overdue = app.work_queue("cv", Queue::Overdue, 50, 0).unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].tone.as_deref(), Some("overdue"));
    assert_eq!(
        app.work_queue("ld", Queue::Overdue, 50, 0).unwrap().len(),
        1,
        "agency-wide for the leader"
    );
    let rep = app
        .handling_report("ld", "2026-12-01", "2026-12-31", None)
        .unwrap();
    assert_eq!(rep.total.overdue, 1);
    assert_eq!(rep.overdue_items[0].document_id, doc.id);
    let done = app.complete_task("cv", &doc.id, "Đã xử lý", None).unwrap();
    // The report's SQL and the domain's Handling::on_time agree.
    assert_eq!(done.on_time, Some(false));
    let rep = app
        .handling_report("ld", "2026-12-01", "2026-12-31", None)
        .unwrap();
    assert_eq!((rep.total.completed_late, rep.total.overdue), (1, 0));
    let dash = app.dashboard("ld", 2026).unwrap();
    let dec = dash.by_month.iter().find(|m| m.month == "2026-12").unwrap();
    assert_eq!((dec.received, dec.completed, dec.on_time), (1, 1, 0));
}

#[test]
fn a_secret_document_is_seen_only_by_the_people_named_on_it_section_4() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    people(&mut app);
    let mut r = req("pub02_cv_ubnd_dvc_khan_2018.pdf", "2026-12-01");
    r.actor = "vt".into();
    r.sets = vec![("Secrecy".into(), "mat".into())];
    let doc = app
        .register_incoming(&fixture("pub02_cv_ubnd_dvc_khan_2018.pdf"), &r)
        .unwrap();
    app.present_incoming("vt", &doc.id, "ld", &[]).unwrap();
    // Another leader is not named: refused, and told nothing about it.
    let e = app.show_handling("ld2", &doc.id).unwrap_err();
    assert_eq!(e.code, eoffice_app::ErrorCode::NotFound);
    assert!(app.show_incoming("ld2", &doc.id).is_err());
    assert!(app
        .work_queue("ld2", Queue::AwaitingInstruction, 50, 0)
        .unwrap()
        .is_empty());
    assert!(app.show_handling("ld", &doc.id).is_ok());
    assert_eq!(app.queue_counts("ld2").unwrap().awaiting_instruction, 0);
    assert_eq!(app.queue_counts("ld").unwrap().awaiting_instruction, 1);
    app.assign_incoming("ld", &doc.id, &assign_to_cv(5))
        .unwrap();
    assert!(
        app.show_incoming("cv", &doc.id).is_ok(),
        "the assignee is named now"
    );
}

#[test]
fn the_demo_agency_has_people_and_work_in_every_queue() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(dir.path(), "2026-12-01T09:00:00+07:00");
    app.load_demo("someone", Some(&fixtures()), |_| {}).unwrap();
    assert!(app.has_local_users().unwrap());
    assert!(app
        .sign_in_local("chutich", eoffice_app::DEMO_PASSWORD)
        .is_ok());
    assert!(app.sign_in_local("chutich", "sai-mat-khau").is_err());
    assert_eq!(
        app.work_queue("chutich", Queue::AwaitingInstruction, 50, 0)
            .unwrap()
            .len(),
        1
    );
    assert!(!app
        .work_queue("vanthu", Queue::NotPresented, 50, 0)
        .unwrap()
        .is_empty());
    // The unit head keeps the unit's part even once a specialist has it.
    assert_eq!(
        app.work_queue("chanhvp", Queue::Mine, 50, 0).unwrap().len(),
        2
    );
    assert_eq!(
        app.work_queue("chuyenvien", Queue::Mine, 50, 0)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.work_queue("phochutich", Queue::Informed, 50, 0)
            .unwrap()
            .len(),
        2
    );
    // The sidebar's counts are the queues' lengths, for every role.
    for u in [
        "vanthu",
        "chutich",
        "phochutich",
        "chanhvp",
        "chuyenvien",
        "truongtc",
        "quantri",
    ] {
        let c = app.queue_counts(u).unwrap();
        let n = |q| app.work_queue(u, q, 500, 0).unwrap().len() as u64;
        assert_eq!(c.mine, n(Queue::Mine), "{u} mine");
        assert_eq!(c.awaiting_instruction, n(Queue::AwaitingInstruction), "{u}");
        assert_eq!(c.not_presented, n(Queue::NotPresented), "{u}");
        assert_eq!(c.due_soon, n(Queue::DueSoon), "{u}");
        assert_eq!(c.overdue, n(Queue::Overdue), "{u}");
        assert_eq!(c.informed, n(Queue::Informed), "{u}");
    }
    let dash = app.dashboard("chutich", 2026).unwrap();
    let handled = dash.by_stage.iter().find(|s| s.stage == "handled").unwrap();
    assert_eq!(handled.count, 1);
    assert!(app.verify_audit().unwrap().ok);
}
