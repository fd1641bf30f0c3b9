//! Measurements of issue 7: work queues and the handling report over a
//! generated agency (printed by `eoffice bench handling`, never timed in
//! tests). Every document is presented, assigned to a lead and two
//! coordinators (three tasks each), and a third of them completed.

use crate::bench::{corpus, Rng, Stats};
use crate::handling_step::{answerable, principals};
use crate::{AppResult, Eoffice, Queue};
use chrono::{Duration as Days, NaiveDate, TimeZone};
use eoffice_domain::handling::{decide, Assignee, Context, Handling, HandlingCommand};
use eoffice_domain::{Directory, Party, Person, Role, Unit};
use eoffice_store::directory::{self, UserRow};
use eoffice_store::handling;
use std::path::Path;
use std::time::Instant;

const UNITS: usize = 10;
const SPECIALISTS_PER_UNIT: usize = 6;

fn people() -> Directory {
    let mut d = Directory::default();
    for u in 0..UNITS {
        d.units.push(Unit {
            code: format!("U{u:02}"),
            name: format!("Phòng {u:02}"),
        });
        d.people.push(Person {
            username: format!("tp{u:02}"),
            full_name: format!("Trưởng phòng {u:02}"),
            role: Role::UnitHead,
            unit: Some(format!("U{u:02}")),
        });
        for s in 0..SPECIALISTS_PER_UNIT {
            d.people.push(Person {
                username: format!("cv{u:02}{s}"),
                full_name: format!("Chuyên viên {u:02}{s}"),
                role: Role::Specialist,
                unit: Some(format!("U{u:02}")),
            });
        }
    }
    for (u, role) in [("vt", Role::Clerk), ("ld", Role::Leader)] {
        d.people.push(Person {
            username: u.into(),
            full_name: u.into(),
            role,
            unit: None,
        });
    }
    d
}

/// The corpus of `corpus()` (one year, 2026) with handling on every document.
pub fn handling_corpus(
    dir: &Path,
    n: u64,
    vocab: &crate::bench_words::Vocabulary,
    mut progress: impl FnMut(u64),
) -> AppResult<Eoffice> {
    let app = corpus(dir, n, &[2026], vocab, &mut progress)?;
    let done: u64 = app
        .conn
        .query_row("SELECT COUNT(*) FROM tasks", [], |r| r.get(0))?;
    if done >= n * 3 {
        return Ok(app);
    }
    let dir_ = people();
    for u in &dir_.units {
        directory::upsert_unit(&app.conn, u)?;
    }
    for p in &dir_.people {
        directory::upsert_user(
            &app.conn,
            &UserRow {
                person: p.clone(),
                password_hash: None,
                disabled: false,
            },
            "2026-01-01T00:00:00+07:00",
        )?;
    }
    let tz = crate::clock::vietnam();
    let mut rng = Rng(0x7a5c_0001);
    let ids: Vec<(String, String, u8)> = app
        .conn
        .prepare("SELECT id, arrival_date, priority FROM incoming ORDER BY seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let person = |u: &str| dir_.person(u).expect("generated").clone();
    let (clerk, leader) = (person("vt"), person("ld"));
    let tx = app.conn.unchecked_transaction()?;
    for (i, (id, arrival, priority)) in ids.iter().enumerate() {
        let day = NaiveDate::parse_from_str(arrival, "%Y-%m-%d").expect("generated");
        let at = tz
            .from_local_datetime(&day.and_hms_opt(9, 0, 0).expect("valid"))
            .single()
            .expect("fixed offset");
        let mut h = Handling::default();
        let step = |h: &mut Handling, actor: &Person, cmd: HandlingCommand, at| {
            let cx = Context {
                directory: &dir_,
                actor,
                today: day,
            };
            if let Ok(evs) = decide(h, &cmd, &cx) {
                for e in &evs {
                    h.apply(e, at);
                }
            }
        };
        step(
            &mut h,
            &clerk,
            HandlingCommand::Present {
                to: "ld".into(),
                proposal: vec![],
            },
            at,
        );
        let unit = rng.below(UNITS);
        let lead = if rng.below(10) < 3 {
            Party::User(format!("cv{unit:02}{}", rng.below(SPECIALISTS_PER_UNIT)))
        } else {
            Party::Unit(format!("U{unit:02}"))
        };
        let co: Vec<Assignee> = (1..=2)
            .map(|k| Assignee {
                party: Party::Unit(format!("U{:02}", (unit + k) % UNITS)),
                deadline: None,
            })
            .collect();
        let deadline = day + Days::days(5 + rng.below(30) as i64);
        step(
            &mut h,
            &leader,
            HandlingCommand::Assign {
                instruction: Some("Giao chủ trì tham mưu".into()),
                lead: Assignee {
                    party: lead.clone(),
                    deadline: None,
                },
                coordinate: co,
                inform: vec![],
                deadline: Some(deadline),
            },
            at,
        );
        if i % 3 == 0 {
            let doer = match &lead {
                Party::User(u) => person(u),
                Party::Unit(u) => person(&format!("tp{}", &u[1..])),
            };
            let finish = at + Days::days(rng.below(40) as i64);
            step(
                &mut h,
                &doer,
                HandlingCommand::Complete {
                    result: "Đã xử lý".into(),
                    reply: None,
                },
                finish,
            );
        }
        let row = eoffice_store::incoming::get(&tx, id)?.expect("generated");
        let pr = principals(&row, &h, &dir_);
        let (lu, lp) = answerable(&h, &dir_);
        handling::put(
            &tx,
            &handling::Put {
                document_id: id,
                handling: &h,
                arrival_date: arrival,
                priority: *priority,
                principals: &pr,
                lead_unit: lu.as_deref(),
                lead_user: lp.as_deref(),
                at: &at.to_rfc3339(),
            },
        )?;
        if i % 10_000 == 9_999 {
            progress(i as u64 + 1);
        }
    }
    tx.commit()?;
    app.conn.execute_batch("PRAGMA optimize;")?;
    Ok(app)
}

/// p50/p95 of one page of 50 of a queue, for a sample of people.
pub fn time_queue(app: &Eoffice, queue: Queue, rounds: usize) -> AppResult<Stats> {
    let dir = people();
    let users: Vec<&Person> = dir
        .people
        .iter()
        .filter(|p| p.role != Role::Clerk)
        .collect();
    let mut samples = Vec::with_capacity(rounds);
    let mut rng = Rng(0x9e37);
    for _ in 0..rounds {
        let u = users[rng.below(users.len())];
        let t = Instant::now();
        let page = app.work_queue(&u.username, queue, 50, 0)?;
        samples.push(t.elapsed());
        std::hint::black_box(page);
    }
    Ok(Stats::of(samples))
}

/// The handling report for the whole generated year, timed `rounds` times.
pub fn time_report(app: &Eoffice, rounds: usize) -> AppResult<(Stats, u64)> {
    let mut samples = Vec::new();
    let mut received = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let r = app.handling_report("ld", "2026-01-01", "2026-12-31", None)?;
        samples.push(t.elapsed());
        received = r.total.received;
    }
    Ok((Stats::of(samples), received))
}

impl Eoffice {
    /// Rows of a table, for benchmark reports.
    pub fn count_rows(&self, table: &str) -> AppResult<u64> {
        let table = match table {
            "tasks" | "handling" | "incoming" => table,
            _ => "incoming",
        };
        Ok(self
            .conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
    }
}
