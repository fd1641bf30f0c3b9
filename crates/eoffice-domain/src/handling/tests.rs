use super::*;
use crate::directory::{Directory, Person, Unit};
use crate::role::Role;
use chrono::TimeZone;

fn person(u: &str, role: Role, unit: Option<&str>) -> Person {
    Person {
        username: u.into(),
        full_name: u.to_uppercase(),
        role,
        unit: unit.map(String::from),
    }
}

fn directory() -> Directory {
    Directory {
        units: vec![
            Unit {
                code: "VP".into(),
                name: "Văn phòng".into(),
            },
            Unit {
                code: "TC".into(),
                name: "Phòng Tài chính".into(),
            },
        ],
        people: vec![
            person("vt", Role::Clerk, Some("VP")),
            person("ld1", Role::Leader, None),
            person("ld2", Role::Leader, None),
            person("tp", Role::UnitHead, Some("VP")),
            person("cv1", Role::Specialist, Some("VP")),
            person("cv2", Role::Specialist, Some("VP")),
            person("tp2", Role::UnitHead, Some("TC")),
            person("cv3", Role::Specialist, Some("TC")),
        ],
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
}

fn at(minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 3, 9, 8, minute % 60, 0)
        .unwrap()
}

fn run(
    h: &mut Handling,
    dir: &Directory,
    who: &str,
    cmd: HandlingCommand,
) -> Result<Vec<HandlingEvent>, HandlingError> {
    let actor = dir.person(who).unwrap().clone();
    let cx = Context {
        directory: dir,
        actor: &actor,
        today: today(),
    };
    let evs = decide(h, &cmd, &cx)?;
    for e in &evs {
        h.apply(e, at(0));
    }
    Ok(evs)
}

fn unit(c: &str) -> Party {
    Party::Unit(c.into())
}
fn user(c: &str) -> Party {
    Party::User(c.into())
}

/// domain.md §6 steps 3–4: present, assign, re-assign, view, complete.
#[test]
fn the_whole_path_of_an_incoming_document_section_6() {
    let dir = directory();
    let mut h = Handling::default();
    let due = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
    run(
        &mut h,
        &dir,
        "vt",
        HandlingCommand::Present {
            to: "ld1".into(),
            proposal: vec![unit("VP")],
        },
    )
    .unwrap();
    assert_eq!(h.stage, Stage::Presented);
    assert_eq!(h.leader.as_deref(), Some("ld1"));
    // Another leader cannot instruct what was presented to ld1.
    let err = run(
        &mut h,
        &dir,
        "ld2",
        HandlingCommand::ForInformation { instruction: None },
    )
    .unwrap_err();
    assert_eq!(err, HandlingError::NotYourInstruction("ld1".into()));
    run(
        &mut h,
        &dir,
        "ld1",
        HandlingCommand::Assign {
            instruction: Some("Giao Văn phòng chủ trì, Phòng Tài chính phối hợp.".into()),
            lead: Assignee {
                party: unit("VP"),
                deadline: None,
            },
            coordinate: vec![Assignee {
                party: unit("TC"),
                deadline: Some(NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()),
            }],
            inform: vec![user("ld2")],
            deadline: Some(due),
        },
    )
    .unwrap();
    assert_eq!(h.stage, Stage::Assigned);
    assert_eq!(h.tasks.len(), 3);
    assert_eq!(
        h.tasks[0].deadline,
        Some(due),
        "the lead inherits the deadline"
    );
    // A specialist cannot complete before the unit head passes it on.
    assert_eq!(
        run(
            &mut h,
            &dir,
            "cv1",
            HandlingCommand::Complete {
                result: "x".into(),
                reply: None
            }
        )
        .unwrap_err(),
        HandlingError::NotYourTask
    );
    run(
        &mut h,
        &dir,
        "tp",
        HandlingCommand::Reassign {
            unit: "VP".into(),
            lead: "cv1".into(),
            helpers: vec!["cv2".into()],
            deadline: None,
        },
    )
    .unwrap();
    assert_eq!(h.tasks[3].parent, Some(1));
    assert_eq!(h.tasks[3].part, Part::Lead);
    assert_eq!(h.tasks[4].part, Part::Coordinate);
    // A specialist of another unit is refused.
    assert!(matches!(
        run(
            &mut h,
            &dir,
            "tp",
            HandlingCommand::Reassign {
                unit: "VP".into(),
                lead: "cv3".into(),
                helpers: vec![],
                deadline: None
            }
        ),
        Err(HandlingError::NotInUnit(_, _))
    ));
    let viewed = run(&mut h, &dir, "cv1", HandlingCommand::View).unwrap();
    assert_eq!(viewed.len(), 1);
    assert!(run(&mut h, &dir, "cv1", HandlingCommand::View)
        .unwrap()
        .is_empty());
    run(
        &mut h,
        &dir,
        "cv1",
        HandlingCommand::Progress {
            note: "Đã dự thảo công văn trả lời".into(),
            percent: Some(60),
            files: vec![],
        },
    )
    .unwrap();
    assert_eq!(h.tasks[3].percent, Some(60));
    run(
        &mut h,
        &dir,
        "cv1",
        HandlingCommand::Complete {
            result: "Đã trả lời bằng Công văn số 45/UBND-VP".into(),
            reply: Some("45/UBND-VP".into()),
        },
    )
    .unwrap();
    assert_eq!(h.stage, Stage::Completed);
    assert_eq!(
        h.tasks[0].state,
        TaskState::Completed,
        "the unit's part is done"
    );
    assert_eq!(h.tasks[1].state, TaskState::Closed);
    assert_eq!(h.on_time(), Some(true));
    assert!(h.named_people().contains(&"cv1".to_string()));
}

#[test]
fn send_back_returns_the_document_to_the_assigner_and_extensions_go_to_them() {
    let dir = directory();
    let mut h = Handling::default();
    run(
        &mut h,
        &dir,
        "vt",
        HandlingCommand::Present {
            to: "ld1".into(),
            proposal: vec![],
        },
    )
    .unwrap();
    run(
        &mut h,
        &dir,
        "ld1",
        HandlingCommand::Forward {
            to: "ld2".into(),
            note: Some("Đồng chí Phó Chủ tịch xử lý".into()),
        },
    )
    .unwrap();
    let due = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
    run(
        &mut h,
        &dir,
        "ld2",
        HandlingCommand::Assign {
            instruction: None,
            lead: Assignee {
                party: user("cv3"),
                deadline: None,
            },
            coordinate: vec![],
            inform: vec![],
            deadline: Some(due),
        },
    )
    .unwrap();
    let later = NaiveDate::from_ymd_opt(2026, 3, 19).unwrap();
    run(
        &mut h,
        &dir,
        "cv3",
        HandlingCommand::RequestExtension {
            until: later,
            reason: "Chờ số liệu của các xã".into(),
        },
    )
    .unwrap();
    assert_eq!(
        run(
            &mut h,
            &dir,
            "ld1",
            HandlingCommand::DecideExtension {
                task: 1,
                accept: true,
                note: None
            }
        )
        .unwrap_err(),
        HandlingError::NotTheAssigner(1)
    );
    run(
        &mut h,
        &dir,
        "ld2",
        HandlingCommand::DecideExtension {
            task: 1,
            accept: true,
            note: None,
        },
    )
    .unwrap();
    assert_eq!(h.deadline, Some(later));
    assert_eq!(
        run(
            &mut h,
            &dir,
            "cv3",
            HandlingCommand::SendBack {
                reason: "  ".into()
            }
        )
        .unwrap_err(),
        HandlingError::Required("reason")
    );
    run(
        &mut h,
        &dir,
        "cv3",
        HandlingCommand::SendBack {
            reason: "Không thuộc thẩm quyền của phòng".into(),
        },
    )
    .unwrap();
    assert_eq!(h.stage, Stage::Presented);
    assert_eq!(h.leader.as_deref(), Some("ld2"));
    assert_eq!(h.leaders, vec!["ld1".to_string(), "ld2".to_string()]);
}

#[test]
fn assignment_checks_parties_and_deadlines() {
    let dir = directory();
    let mut h = Handling::default();
    run(
        &mut h,
        &dir,
        "vt",
        HandlingCommand::Present {
            to: "ld1".into(),
            proposal: vec![],
        },
    )
    .unwrap();
    let assign = |lead: Party, coord: Vec<Party>, due: Option<NaiveDate>| HandlingCommand::Assign {
        instruction: None,
        lead: Assignee {
            party: lead,
            deadline: None,
        },
        coordinate: coord
            .into_iter()
            .map(|p| Assignee {
                party: p,
                deadline: Some(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()),
            })
            .collect(),
        inform: vec![],
        deadline: due,
    };
    let mut h2 = h.clone();
    assert_eq!(
        run(&mut h2, &dir, "ld1", assign(unit("XX"), vec![], None)).unwrap_err(),
        HandlingError::UnknownParty("XX".into())
    );
    assert_eq!(
        run(
            &mut h2,
            &dir,
            "ld1",
            assign(unit("VP"), vec![unit("VP")], None)
        )
        .unwrap_err(),
        HandlingError::NamedTwice("VP".into())
    );
    let past = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    assert_eq!(
        run(&mut h2, &dir, "ld1", assign(unit("VP"), vec![], Some(past))).unwrap_err(),
        HandlingError::DeadlineInPast(past)
    );
    let early = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
    assert!(matches!(
        run(
            &mut h2,
            &dir,
            "ld1",
            assign(unit("VP"), vec![unit("TC")], Some(early))
        ),
        Err(HandlingError::DeadlineAfterParent(_, _))
    ));
    assert_eq!(h2, h, "a refused command changes nothing");
    assert_eq!(
        run(
            &mut h2,
            &dir,
            "vt",
            HandlingCommand::Present {
                to: "ld1".into(),
                proposal: vec![]
            }
        )
        .unwrap_err(),
        HandlingError::CannotPresent("Chờ cho ý kiến")
    );
    assert_eq!(
        run(
            &mut Handling::default(),
            &dir,
            "cv1",
            HandlingCommand::Present {
                to: "ld1".into(),
                proposal: vec![]
            }
        )
        .unwrap_err(),
        HandlingError::OnlyClerkPresents
    );
}

/// A small deterministic generator, so the property test needs no crate
/// and every failure names the seed that reproduces it.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn random_command(r: &mut Rng, h: &Handling) -> HandlingCommand {
    let people = [
        "vt", "ld1", "ld2", "tp", "cv1", "cv2", "tp2", "cv3", "nobody",
    ];
    let parties: Vec<Party> = people
        .iter()
        .map(|p| user(p))
        .chain([unit("VP"), unit("TC"), unit("XX")])
        .collect();
    let day = |r: &mut Rng| today() + chrono::Duration::days((r.next() % 40) as i64 - 5);
    let maybe_day = |r: &mut Rng| {
        if r.next().is_multiple_of(2) {
            None
        } else {
            Some(day(r))
        }
    };
    match r.next() % 11 {
        0 => HandlingCommand::Present {
            to: r.pick(&people).to_string(),
            proposal: vec![r.pick(&parties).clone()],
        },
        1 | 2 => HandlingCommand::Assign {
            instruction: Some("ý kiến".into()),
            lead: Assignee {
                party: r.pick(&parties).clone(),
                deadline: maybe_day(r),
            },
            coordinate: (0..r.next() % 3)
                .map(|_| Assignee {
                    party: r.pick(&parties).clone(),
                    deadline: maybe_day(r),
                })
                .collect(),
            inform: (0..r.next() % 2)
                .map(|_| r.pick(&parties).clone())
                .collect(),
            deadline: maybe_day(r),
        },
        3 => HandlingCommand::Forward {
            to: r.pick(&people).to_string(),
            note: None,
        },
        4 => HandlingCommand::Reassign {
            unit: r.pick(&["VP", "TC"]).to_string(),
            lead: r.pick(&people).to_string(),
            helpers: vec![r.pick(&people).to_string()],
            deadline: maybe_day(r),
        },
        5 => HandlingCommand::View,
        6 => HandlingCommand::Progress {
            note: "tiến độ".into(),
            percent: Some((r.next() % 120) as u8),
            files: vec![],
        },
        7 => HandlingCommand::RequestExtension {
            until: day(r),
            reason: "lý do".into(),
        },
        8 => HandlingCommand::DecideExtension {
            task: (r.next() % (h.tasks.len() as u64 + 2)) as u32,
            accept: r.next().is_multiple_of(2),
            note: None,
        },
        9 => HandlingCommand::SendBack {
            reason: "lý do".into(),
        },
        _ => HandlingCommand::Complete {
            result: "xong".into(),
            reply: None,
        },
    }
}

fn check_invariants(h: &Handling, seed: u64) {
    let open_top_leads = h
        .tasks
        .iter()
        .filter(|t| t.parent.is_none() && t.part == Part::Lead && t.state == TaskState::Open)
        .count();
    match h.stage {
        Stage::Assigned => assert_eq!(open_top_leads, 1, "seed {seed}: {h:#?}"),
        _ => assert_eq!(open_top_leads, 0, "seed {seed}: {h:#?}"),
    }
    if h.stage == Stage::Completed {
        let done = h
            .tasks
            .iter()
            .filter(|t| {
                t.parent.is_none() && t.part == Part::Lead && t.state == TaskState::Completed
            })
            .count();
        assert_eq!(done, 1, "seed {seed}");
        assert!(
            h.tasks.iter().all(|t| t.state != TaskState::Open),
            "seed {seed}"
        );
    }
    for parent in &h.tasks {
        let leads = h
            .tasks
            .iter()
            .filter(|t| {
                t.parent == Some(parent.no) && t.part == Part::Lead && t.state == TaskState::Open
            })
            .count();
        assert!(
            leads <= 1,
            "seed {seed}: two open leads under task {}",
            parent.no
        );
    }
    let mut nos: Vec<u32> = h.tasks.iter().map(|t| t.no).collect();
    nos.dedup();
    assert_eq!(
        nos,
        (1..=h.tasks.len() as u32).collect::<Vec<_>>(),
        "seed {seed}"
    );
}

/// Half the time the person whose turn it is acts, so sequences get far.
fn natural_actor(h: &Handling, r: &mut Rng) -> String {
    match h.stage {
        Stage::Registered => "vt".into(),
        Stage::Presented => h.leader.clone().unwrap_or_else(|| "ld1".into()),
        _ => {
            let open: Vec<&Task> = h
                .tasks
                .iter()
                .filter(|t| t.state == TaskState::Open)
                .collect();
            if open.is_empty() {
                return "ld1".into();
            }
            match &r.pick(&open).party {
                Party::User(u) => u.clone(),
                Party::Unit(c) if c == "VP" => "tp".into(),
                Party::Unit(_) => "tp2".into(),
            }
        }
    }
}

/// Any sequence of commands by anyone keeps the invariants of mod.rs.
#[test]
fn random_command_sequences_keep_the_invariants() {
    let dir = directory();
    let mut completed = 0;
    for seed in 1..=3000u64 {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut h = Handling::default();
        for step in 0..40 {
            let cmd = random_command(&mut r, &h);
            let natural = natural_actor(&h, &mut r);
            let who = if r.next().is_multiple_of(2) {
                natural
            } else {
                r.pick(&["vt", "ld1", "ld2", "tp", "cv1", "cv2", "tp2", "cv3"])
                    .to_string()
            };
            let who = who.as_str();
            let actor = dir.person(who).unwrap().clone();
            let cx = Context {
                directory: &dir,
                actor: &actor,
                today: today(),
            };
            let before = h.clone();
            match decide(&h, &cmd, &cx) {
                Ok(evs) => {
                    if let HandlingCommand::Complete { .. }
                    | HandlingCommand::Progress { .. }
                    | HandlingCommand::SendBack { .. }
                    | HandlingCommand::RequestExtension { .. } = cmd
                    {
                        // No action by someone not assigned, none before assignment.
                        assert_eq!(before.stage, Stage::Assigned, "seed {seed} step {step}");
                        let task = match &evs[0] {
                            HandlingEvent::Completed { task, .. }
                            | HandlingEvent::ProgressReported { task, .. }
                            | HandlingEvent::SentBack { task, .. }
                            | HandlingEvent::ExtensionRequested { task, .. } => *task,
                            e => panic!("unexpected {e:?}"),
                        };
                        let t = before.task(task).unwrap();
                        assert_eq!(t.state, TaskState::Open);
                        assert!(dir.acts_for(&actor, &t.party), "seed {seed} step {step}");
                    }
                    for e in &evs {
                        assert_eq!(e.by(), who);
                        let json = serde_json::to_string(e).unwrap();
                        let back: HandlingEvent = serde_json::from_str(&json).unwrap();
                        assert_eq!(&back, e);
                        h.apply(e, at(step));
                    }
                }
                Err(_) => assert_eq!(h, before),
            }
            check_invariants(&h, seed);
        }
        if h.stage == Stage::Completed {
            completed += 1;
        }
    }
    // The generator must reach the interesting states, or the test proves little.
    assert!(
        completed > 20,
        "only {completed} sequences completed a document"
    );
}

#[test]
fn refusals_inputs_and_states_are_told_apart() {
    assert!(HandlingError::NotYourTask.is_refusal());
    assert!(!HandlingError::NotYourTask.is_input());
    assert!(HandlingError::BadPercent.is_input());
    assert!(!HandlingError::BadPercent.is_refusal());
    let state = HandlingError::NotAssigned;
    assert!(!state.is_refusal() && !state.is_input());
}
