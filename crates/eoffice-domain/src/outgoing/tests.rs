use super::*;
use crate::directory::{Directory, Person, Unit};
use crate::role::Role;
use chrono::TimeZone;

fn person(u: &str, role: Role, unit: Option<&str>) -> Person {
    Person {
        username: u.into(),
        full_name: u.into(),
        role,
        unit: unit.map(str::to_string),
    }
}

fn dir() -> Directory {
    Directory {
        units: vec![Unit {
            code: "VP".into(),
            name: "Văn phòng".into(),
        }],
        people: vec![
            person("cv", Role::Specialist, Some("VP")),
            person("tp", Role::UnitHead, Some("VP")),
            person("ld", Role::Leader, None),
            person("ld2", Role::Leader, None),
            person("vt", Role::Clerk, None),
            person("qt", Role::Admin, None),
        ],
    }
}

fn at() -> DateTime<FixedOffset> {
    crate::vietnam()
        .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .unwrap()
}

fn meta(secrecy: Option<Secrecy>) -> DraftMeta {
    DraftMeta {
        doc_type: DocumentType::CongVan,
        normative: false,
        subject: "V/v báo cáo tình hình".into(),
        recipients: vec!["Sở Nội vụ".into()],
        signer: Some("ld".into()),
        urgency: Urgency::Thuong,
        secrecy,
        unit: None,
    }
}

/// Runs a command as `who` and folds its events into `d`.
fn run(
    d: &mut Option<Draft>,
    who: &str,
    cmd: OutgoingCommand,
) -> Result<Vec<OutgoingEvent>, OutgoingError> {
    let dir = dir();
    let actor = dir.person(who).unwrap().clone();
    let cx = Context {
        directory: &dir,
        actor: &actor,
        at: at(),
    };
    let before = d.clone();
    let evs = decide(d.as_ref(), &cmd, &cx)?;
    for ev in &evs {
        match d {
            None => *d = Draft::start("D1", ev),
            Some(x) => x.apply(ev),
        }
    }
    assert_ne!(&before, d, "an accepted command changes the state");
    Ok(evs)
}

fn drafted(secrecy: Option<Secrecy>) -> Option<Draft> {
    let mut d = None;
    run(
        &mut d,
        "cv",
        OutgoingCommand::Draft {
            meta: meta(secrecy),
            pdf: "sha-v1".into(),
            source: Some("sha-docx".into()),
            file_name: "du-thao.docx".into(),
        },
    )
    .unwrap();
    d
}

fn issue_cmd(pdf: Option<&str>) -> OutgoingCommand {
    OutgoingCommand::Issue {
        book_id: "outgoing-2026".into(),
        number: 1,
        symbol: "01/UBND-VP".into(),
        date: at().date_naive(),
        pdf: pdf.map(str::to_string),
    }
}

#[test]
fn the_whole_path_of_domain_7() {
    let mut d = drafted(None);
    assert_eq!(d.as_ref().unwrap().meta.unit.as_deref(), Some("VP"));
    run(&mut d, "cv", OutgoingCommand::Submit).unwrap();
    assert_eq!(d.as_ref().unwrap().stage, Stage::InReview);
    assert_eq!(d.as_ref().unwrap().reviewer.as_deref(), Some("tp"));
    run(&mut d, "tp", OutgoingCommand::Approve).unwrap();
    assert_eq!(d.as_ref().unwrap().stage, Stage::AwaitingApproval);
    run(&mut d, "ld", OutgoingCommand::Approve).unwrap();
    assert_eq!(d.as_ref().unwrap().stage, Stage::Approved);
    run(
        &mut d,
        "ld",
        OutgoingCommand::Sign {
            pdf: "sha-signed".into(),
        },
    )
    .unwrap();
    assert_eq!(d.as_ref().unwrap().stage, Stage::Signed);
    run(&mut d, "vt", issue_cmd(Some("sha-issued"))).unwrap();
    let d = d.unwrap();
    assert_eq!(d.stage, Stage::Issued);
    assert_eq!(d.issue.unwrap().symbol, "01/UBND-VP");
}

#[test]
fn send_back_needs_a_reason_and_returns_to_the_author() {
    let mut d = drafted(None);
    run(&mut d, "cv", OutgoingCommand::Submit).unwrap();
    assert_eq!(
        run(
            &mut d,
            "tp",
            OutgoingCommand::SendBack {
                reason: "  ".into()
            }
        ),
        Err(OutgoingError::Required("reason"))
    );
    run(
        &mut d,
        "tp",
        OutgoingCommand::SendBack {
            reason: "Sửa căn cứ pháp lý".into(),
        },
    )
    .unwrap();
    let x = d.as_ref().unwrap();
    assert_eq!(x.stage, Stage::Drafting);
    assert_eq!(x.sent_back.as_deref(), Some("Sửa căn cứ pháp lý"));
    run(
        &mut d,
        "tp",
        OutgoingCommand::Comment {
            text: "Xem lại đoạn 2".into(),
        },
    )
    .unwrap();
    run(
        &mut d,
        "cv",
        OutgoingCommand::AddVersion {
            pdf: "sha-v2".into(),
            source: None,
            file_name: "v2.pdf".into(),
        },
    )
    .unwrap();
    let x = d.as_ref().unwrap();
    assert_eq!(x.current().no, 2);
    assert_eq!(x.comments[0].version, 1);
    assert_eq!(x.sent_back, None);
}

#[test]
fn every_step_belongs_to_one_person() {
    let mut d = drafted(None);
    assert!(matches!(
        run(&mut d, "tp", OutgoingCommand::Submit),
        Err(OutgoingError::NotTheAuthor(_))
    ));
    run(&mut d, "cv", OutgoingCommand::Submit).unwrap();
    for who in ["cv", "ld", "vt"] {
        let e = run(&mut d, who, OutgoingCommand::Approve).unwrap_err();
        assert!(e.is_refusal(), "{who}: {e}");
    }
    assert!(matches!(
        run(
            &mut d,
            "cv",
            OutgoingCommand::AddVersion {
                pdf: "x".into(),
                source: None,
                file_name: "x.pdf".into()
            }
        ),
        Err(OutgoingError::WrongStage(_))
    ));
    run(&mut d, "tp", OutgoingCommand::Approve).unwrap();
    assert_eq!(
        run(&mut d, "ld2", OutgoingCommand::Approve),
        Err(OutgoingError::NotTheSigner("ld".into()))
    );
    assert!(matches!(
        run(&mut d, "ld", OutgoingCommand::Sign { pdf: "s".into() }),
        Err(OutgoingError::WrongStage(_))
    ));
    run(&mut d, "ld", OutgoingCommand::Approve).unwrap();
    assert_eq!(
        run(&mut d, "ld", issue_cmd(None)),
        Err(OutgoingError::OnlyClerkIssues)
    );
    assert!(matches!(
        run(&mut d, "vt", issue_cmd(None)),
        Err(OutgoingError::WrongStage(_))
    ));
    assert!(matches!(
        run(&mut d, "qt", OutgoingCommand::Comment { text: "x".into() }),
        Err(OutgoingError::AdminCannotDraft)
    ));
}

#[test]
fn a_secret_document_is_never_e_signed_domain_4() {
    let mut d = drafted(Some(Secrecy::Mat));
    run(&mut d, "cv", OutgoingCommand::Submit).unwrap();
    run(&mut d, "tp", OutgoingCommand::Approve).unwrap();
    run(&mut d, "ld", OutgoingCommand::Approve).unwrap();
    assert_eq!(
        run(&mut d, "ld", OutgoingCommand::Sign { pdf: "s".into() }),
        Err(OutgoingError::SecretNotSigned)
    );
    assert_eq!(
        run(&mut d, "vt", issue_cmd(Some("sealed"))),
        Err(OutgoingError::SecretNotSigned)
    );
    run(&mut d, "vt", issue_cmd(None)).unwrap();
    assert_eq!(d.unwrap().stage, Stage::Issued);
}

#[test]
fn a_unit_head_author_goes_straight_to_the_signer() {
    let mut d = None;
    run(
        &mut d,
        "tp",
        OutgoingCommand::Draft {
            meta: DraftMeta {
                signer: None,
                ..meta(None)
            },
            pdf: "p".into(),
            source: None,
            file_name: "p.pdf".into(),
        },
    )
    .unwrap();
    run(&mut d, "tp", OutgoingCommand::Submit).unwrap();
    assert_eq!(d.as_ref().unwrap().stage, Stage::AwaitingApproval);
    // No signer named: any leader approves and becomes the signer.
    assert!(matches!(
        run(&mut d, "vt", OutgoingCommand::Approve),
        Err(OutgoingError::NotALeader(_))
    ));
    run(&mut d, "ld2", OutgoingCommand::Approve).unwrap();
    assert_eq!(d.unwrap().meta.signer.as_deref(), Some("ld2"));
}

#[test]
fn draft_input_is_checked() {
    let mut d = None;
    let bad = |m: DraftMeta| OutgoingCommand::Draft {
        meta: m,
        pdf: "p".into(),
        source: None,
        file_name: "p.pdf".into(),
    };
    assert_eq!(
        run(
            &mut d,
            "cv",
            bad(DraftMeta {
                subject: " ".into(),
                ..meta(None)
            })
        ),
        Err(OutgoingError::Required("subject"))
    );
    assert_eq!(
        run(
            &mut d,
            "cv",
            bad(DraftMeta {
                signer: Some("cv".into()),
                ..meta(None)
            })
        ),
        Err(OutgoingError::NotALeader("cv".into()))
    );
    assert!(matches!(
        run(
            &mut d,
            "cv",
            bad(DraftMeta {
                normative: true,
                ..meta(None)
            })
        ),
        Err(OutgoingError::NotNormative(_))
    ));
    for e in [
        OutgoingError::Required("subject"),
        OutgoingError::SecretNotSigned,
        OutgoingError::WrongStage("x"),
    ] {
        assert!(!e.message_vi().is_empty());
    }
}

#[test]
fn symbols_per_decree_30_domain_3() {
    let p = |t, normative, unit| SymbolParts {
        doc_type: t,
        normative,
        year: 2026,
        agency: "UBND",
        unit,
    };
    assert_eq!(
        outgoing_symbol(45, &p(DocumentType::QuyetDinh, false, Some("VP"))),
        "45/QĐ-UBND"
    );
    assert_eq!(
        outgoing_symbol(123, &p(DocumentType::CongVan, false, Some("VP"))),
        "123/UBND-VP"
    );
    assert_eq!(
        outgoing_symbol(25, &p(DocumentType::QuyetDinh, true, None)),
        "25/2026/QĐ-UBND"
    );
    assert_eq!(
        outgoing_symbol(5, &p(DocumentType::CongVan, false, None)),
        "05/UBND"
    );
    // What is written reads back with the same parts.
    let n = crate::NumberSymbol::parse("25/2026/QĐ-UBND").unwrap();
    assert_eq!(n.year, Some(2026));
}
