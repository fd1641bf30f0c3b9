//! The demo agency's outgoing documents and the batch signature of "Chờ
//! ký" (issue 8): three drafts wait for the chairman, one for the office
//! head, one is back with its author; one key signs a batch, one failure
//! stops nothing, and each signed PDF verifies on its own.

mod common;

use eoffice_app::signing_key::{unlock, KeySource};
use eoffice_app::OutgoingQueue;
use eoffice_sign::verify::{verify_pdf, TrustStore};

fn pki(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/fixtures/pki")
            .join(name),
    )
    .unwrap()
}

#[test]
fn the_demo_has_work_for_each_role_and_a_batch_signs_section_7() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = common::open(dir.path(), "2026-12-02T09:00:00+07:00");
    app.load_demo("someone", None, |_| {}).unwrap();
    let approval = app
        .list_outgoing("chutich", OutgoingQueue::Approval)
        .unwrap();
    assert_eq!(approval.len(), 3);
    assert_eq!(
        app.list_outgoing("chanhvp", OutgoingQueue::Review)
            .unwrap()
            .len(),
        1
    );
    let back = app
        .list_outgoing("chuyenvien", OutgoingQueue::Drafts)
        .unwrap();
    assert_eq!(back.len(), 1);
    assert!(back[0].sent_back_reason.is_some());
    // Loading the demo again adds nothing.
    app.load_demo("someone", None, |_| {}).unwrap();
    assert_eq!(
        app.list_outgoing("chutich", OutgoingQueue::All)
            .unwrap()
            .len(),
        5
    );

    let mut ids: Vec<String> = approval.iter().map(|d| d.id.clone()).collect();
    for id in &ids {
        app.approve_outgoing("chutich", id).unwrap();
    }
    // One that is not the chairman's to sign rides along and fails alone.
    let review = app.list_outgoing("chanhvp", OutgoingQueue::Review).unwrap();
    ids.insert(1, review[0].id.clone());
    let key = unlock(
        KeySource::Pkcs12 {
            bytes: &pki("person-ly-vinh-quang.p12"),
        },
        "test1234",
    )
    .unwrap();
    let mut seen = Vec::new();
    let r = app
        .sign_outgoing_batch("chutich", &ids, key.key.as_ref(), None, None, &mut |p| {
            seen.push((p.done, p.total, p.ok))
        })
        .unwrap();
    assert_eq!((r.signed, r.failed), (3, 1));
    assert!(!r.items[1].ok && r.items[1].error.is_some());
    assert_eq!(
        seen,
        vec![(1, 4, true), (2, 4, false), (3, 4, true), (4, 4, true)]
    );

    let mut trust = TrustStore::new();
    trust.add_file_bytes(&pki("ca.cert.pem")).unwrap();
    for d in app.list_outgoing("vanthu", OutgoingQueue::ToIssue).unwrap() {
        let pdf = app.outgoing_pdf("vanthu", &d.id).unwrap();
        let v = verify_pdf(pdf, &trust, chrono::Utc::now()).unwrap();
        assert!(v.valid, "{v:#?}");
        assert_eq!(v.signatures[0].certification, Some(2));
    }
    // The clerk issues one: the book takes 01.
    let first = &app.list_outgoing("vanthu", OutgoingQueue::ToIssue).unwrap()[0];
    let org = unlock(
        KeySource::Pkcs12 {
            bytes: &pki("org-ubnd-tinh-lang-son.p12"),
        },
        "test1234",
    )
    .unwrap();
    let issued = app
        .issue_outgoing("vanthu", &first.id, Some(org.key.as_ref()), None, None)
        .unwrap();
    assert!(
        issued.code.as_deref().unwrap().starts_with("01/"),
        "{:?}",
        issued.code
    );
    let book = app
        .outgoing_book(issued.book_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(book.rows.len(), 1);
    assert_eq!(book.rows[0][0], issued.code.clone().unwrap());
    assert_eq!(
        book.rows[0][3], "Hoàng Văn Minh",
        "the signer's name, from the directory"
    );
}
