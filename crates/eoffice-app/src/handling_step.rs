//! The one path every handling use case takes: load the document and its
//! handling state, check that the person may see it, let the domain decide,
//! apply and record the events, rewrite the queue rows, and queue the
//! command for the server when connected. The use cases (present_incoming,
//! assign_incoming, …) only build the domain command.

use crate::dto::{HandlingView, PartyRef, TaskView, TraceEntry};
use crate::event_log::{record, Actor};
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::NaiveDate;
use eoffice_domain::access::{may_see, DocumentFacts};
use eoffice_domain::handling::{
    decide, Context, Handling, HandlingCommand, HandlingError, HandlingEvent, Part, Stage,
    TaskState,
};
use eoffice_domain::working_days::WorkCalendar;
use eoffice_domain::{Directory, EventKind, Party, Person, Role};
use eoffice_store::incoming::IncomingRow;
use eoffice_store::{books, events, handling, incoming, outbox};
use rusqlite::{Connection, TransactionBehavior};

pub(crate) fn handling_err(e: HandlingError) -> AppError {
    let code = if e.is_refusal() {
        ErrorCode::Forbidden
    } else if e.is_input() {
        ErrorCode::InvalidInput
    } else {
        ErrorCode::InvalidState
    };
    AppError::new(code, e.message_vi(), e.to_string())
}

/// A document the person may not see is answered like one that does not
/// exist, so a refusal gives away nothing about it.
pub(crate) fn hidden(id: &str) -> AppError {
    AppError::not_found("văn bản", "document", id)
}

pub(crate) fn date_of(s: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::invalid(
            format!("Ngày “{s}” không hợp lệ; hãy nhập theo dạng YYYY-MM-DD."),
            format!("bad date {s:?}: use YYYY-MM-DD"),
        )
    })
}

pub(crate) fn facts<'a>(row: &'a IncomingRow, h: &'a Handling) -> DocumentFacts<'a> {
    DocumentFacts {
        secret: row.secrecy.is_some(),
        registered_by: row.registered_by.as_deref(),
        handling: h,
    }
}

/// Everyone and every unit named on the document, for the access rows.
pub(crate) fn principals(row: &IncomingRow, h: &Handling, dir: &Directory) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(r) = &row.registered_by {
        out.push(format!("u:{r}"));
    }
    for p in h.named_people() {
        out.push(format!("u:{p}"));
    }
    for u in h.named_units() {
        for head in dir.heads_of(&u) {
            out.push(format!("u:{}", head.username));
        }
        out.push(format!("unit:{u}"));
    }
    out.sort();
    out.dedup();
    out
}

/// The unit and the person answering for the document in the report: the
/// lead's part, and the specialist it was passed down to.
pub(crate) fn answerable(h: &Handling, dir: &Directory) -> (Option<String>, Option<String>) {
    let Some(lead) = h
        .tasks
        .iter()
        .rev()
        .find(|t| t.parent.is_none() && t.part == Part::Lead && t.state != TaskState::Closed)
    else {
        return (None, None);
    };
    match &lead.party {
        Party::Unit(u) => {
            let person = h
                .tasks
                .iter()
                .rev()
                .find(|t| t.parent == Some(lead.no) && t.part == Part::Lead)
                .map(|t| t.party.code().to_string());
            (Some(u.clone()), person)
        }
        Party::User(p) => (dir.person(p).and_then(|x| x.unit.clone()), Some(p.clone())),
    }
}

/// The principals a person's own tasks are given to.
pub(crate) fn own_principals(p: &Person) -> Vec<String> {
    let mut v = vec![format!("u:{}", p.username)];
    if p.role == Role::UnitHead {
        if let Some(u) = &p.unit {
            v.push(format!("unit:{u}"));
        }
    }
    v
}

pub(crate) fn party_ref(dir: &Directory, p: &Party) -> PartyRef {
    PartyRef {
        kind: match p {
            Party::User(_) => "user".into(),
            Party::Unit(_) => "unit".into(),
        },
        code: p.code().to_string(),
        name: dir.display(p),
    }
}

fn user_name(dir: &Directory, u: &str) -> String {
    dir.display(&Party::User(u.to_string()))
}

/// What this person may do now; the UI shows only these actions.
fn actions(h: &Handling, me: &Person, dir: &Directory) -> Vec<String> {
    let mut a: Vec<&str> = Vec::new();
    let mine_open = h.tasks.iter().any(|t| {
        t.state == TaskState::Open && t.part != Part::Inform && dir.acts_for(me, &t.party)
    });
    match h.stage {
        Stage::Registered if me.role == Role::Clerk => a.push("present"),
        Stage::Presented if h.leader.as_deref() == Some(me.username.as_str()) => {
            a.extend(["assign", "forward", "for_information"])
        }
        Stage::Assigned => {
            if me.role == Role::UnitHead
                && h.tasks.iter().any(|t| {
                    t.state == TaskState::Open
                        && t.part != Part::Inform
                        && me
                            .unit
                            .as_ref()
                            .is_some_and(|u| t.party == Party::Unit(u.clone()))
                })
            {
                a.push("reassign");
            }
            if mine_open {
                a.extend(["progress", "extension", "send_back", "complete"]);
            }
            if h.tasks
                .iter()
                .any(|t| t.extension_asked.is_some() && t.assigned_by == me.username)
            {
                a.push("decide_extension");
            }
        }
        _ => {}
    }
    a.into_iter().map(String::from).collect()
}

fn task_tone(
    cal: &WorkCalendar,
    today: NaiveDate,
    d: Option<NaiveDate>,
    open: bool,
) -> Option<String> {
    if !open {
        return None;
    }
    d.map(|d| cal.tone(today, d).code().to_string())
}

fn trace_entry(dir: &Directory, at: String, ev: &HandlingEvent, h: &Handling) -> TraceEntry {
    use HandlingEvent as E;
    let by = ev.by().to_string();
    let tasks_text = |tasks: &[eoffice_domain::handling::NewTask]| {
        let mut parts: Vec<String> = Vec::new();
        for part in Part::ALL {
            let names: Vec<String> = tasks
                .iter()
                .filter(|t| t.part == part)
                .map(|t| {
                    let due = t
                        .deadline
                        .map(|d| format!(" (hạn {})", d.format("%d/%m/%Y")))
                        .unwrap_or_default();
                    format!("{}{due}", dir.display(&t.party))
                })
                .collect();
            if !names.is_empty() {
                parts.push(format!("{}: {}", part.label(), names.join(", ")));
            }
        }
        Some(parts.join("; "))
    };
    let task_name = |no: &u32| h.task(*no).map(|t| dir.display(&t.party));
    let (text, detail) = match ev {
        E::Presented { to, proposal, .. } => (
            None,
            Some(format!(
                "Trình {}{}",
                user_name(dir, to),
                if proposal.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; đề xuất: {}",
                        proposal
                            .iter()
                            .map(|p| dir.display(p))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            )),
        ),
        E::Assigned {
            instruction,
            tasks,
            deadline,
            ..
        } => (
            instruction.clone(),
            tasks_text(tasks).map(|t| match deadline {
                Some(d) => format!("{t}. Hạn xử lý: {}", d.format("%d/%m/%Y")),
                None => t,
            }),
        ),
        E::Forwarded { to, note, .. } => {
            (note.clone(), Some(format!("Chuyển {}", user_name(dir, to))))
        }
        E::MarkedForInformation { instruction, .. } => (instruction.clone(), None),
        E::Reassigned { tasks, .. } => (None, tasks_text(tasks)),
        E::Viewed { .. } => (None, None),
        E::ProgressReported {
            note,
            percent,
            task,
            ..
        } => (
            Some(note.clone()),
            Some(format!(
                "{}{}",
                task_name(task).unwrap_or_default(),
                percent.map(|p| format!(" — {p}%")).unwrap_or_default()
            )),
        ),
        E::ExtensionRequested { until, reason, .. } => (
            Some(reason.clone()),
            Some(format!("Đến ngày {}", until.format("%d/%m/%Y"))),
        ),
        E::ExtensionDecided {
            accepted,
            until,
            note,
            ..
        } => (
            note.clone(),
            Some(if *accepted {
                format!("Đồng ý gia hạn đến {}", until.format("%d/%m/%Y"))
            } else {
                "Không đồng ý gia hạn".to_string()
            }),
        ),
        E::SentBack { reason, .. } => (Some(reason.clone()), None),
        E::Completed { result, reply, .. } => (
            Some(result.clone()),
            reply.as_ref().map(|r| format!("Văn bản trả lời: {r}")),
        ),
    };
    TraceEntry {
        at,
        by_name: user_name(dir, &by),
        by,
        kind: ev.kind().name().to_string(),
        label: ev.kind().label().to_string(),
        text,
        detail,
    }
}

/// The handling trace of a document, oldest first: the server's feed in
/// connected mode, the local log otherwise.
fn trace(
    conn: &Connection,
    dir: &Directory,
    doc: &str,
    h: &Handling,
) -> AppResult<Vec<TraceEntry>> {
    let mut out = Vec::new();
    let mut push = |name: &str, payload: serde_json::Value, at: String| {
        if EventKind::from_name(name).is_some_and(|k| k.is_handling()) {
            if let Ok(ev) = serde_json::from_value::<HandlingEvent>(payload) {
                out.push(trace_entry(dir, at, &ev, h));
            }
        }
    };
    for e in events::for_stream(conn, doc)? {
        push(&e.command, e.payload.clone(), e.at.clone());
    }
    for e in eoffice_store::feed::for_stream(conn, doc)? {
        let payload = serde_json::from_str(&e.payload).unwrap_or_default();
        push(&e.name, payload, e.at.clone());
    }
    out.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(out)
}

impl Eoffice {
    pub(crate) fn work_calendar(&self) -> AppResult<WorkCalendar> {
        Ok(WorkCalendar::new(eoffice_store::calendar::stored_years(
            &self.conn,
        )?))
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.clock.now().date_naive()
    }

    pub(crate) fn handling_view(
        &self,
        me: &Person,
        dir: &Directory,
        doc: &str,
        h: &Handling,
    ) -> AppResult<HandlingView> {
        build_view(
            &self.conn,
            &self.work_calendar()?,
            self.today(),
            me,
            dir,
            doc,
            h,
        )
    }
}

pub(crate) fn build_view(
    conn: &Connection,
    cal: &WorkCalendar,
    today: NaiveDate,
    me: &Person,
    dir: &Directory,
    doc: &str,
    h: &Handling,
) -> AppResult<HandlingView> {
    {
        let open = matches!(h.stage, Stage::Assigned);
        Ok(HandlingView {
            document_id: doc.to_string(),
            stage: h.stage.code().into(),
            stage_label: h.stage.label().into(),
            leader: h
                .leader
                .as_ref()
                .map(|l| party_ref(dir, &Party::User(l.clone()))),
            presented_by: h.presented_by.clone(),
            proposal: h.proposal.iter().map(|p| party_ref(dir, p)).collect(),
            instruction: h.instruction.clone(),
            deadline: h.deadline.map(|d| d.to_string()),
            tone: task_tone(cal, today, h.deadline, open),
            tasks: h
                .tasks
                .iter()
                .map(|t| TaskView {
                    no: t.no,
                    party: party_ref(dir, &t.party),
                    part: t.part.code().into(),
                    part_label: t.part.label().into(),
                    deadline: t.deadline.map(|d| d.to_string()),
                    tone: task_tone(
                        cal,
                        today,
                        t.deadline,
                        t.state == TaskState::Open && t.part != Part::Inform,
                    ),
                    state: t.state.code().into(),
                    state_label: t.state.label().into(),
                    assigned_by_name: user_name(dir, &t.assigned_by),
                    assigned_by: t.assigned_by.clone(),
                    assigned_at: t.assigned_at.to_rfc3339(),
                    parent: t.parent,
                    first_viewed_at: t.first_viewed_at.map(|d| d.to_rfc3339()),
                    percent: t.percent,
                    extension_asked: t.extension_asked.map(|d| d.to_string()),
                })
                .collect(),
            completed_at: h.completed_at.map(|d| d.to_rfc3339()),
            result: h.result.clone(),
            reply: h.reply.clone(),
            on_time: h.on_time(),
            trace: trace(conn, dir, doc, h)?,
            actions: actions(h, me, dir),
        })
    }
}

impl Eoffice {
    /// A document's handling as this person may see it.
    pub fn show_handling(&self, actor: &str, id: &str) -> AppResult<HandlingView> {
        let me = self.person_for(actor)?;
        let dir = self.directory()?;
        let row = incoming::get(&self.conn, id)?.ok_or_else(|| hidden(id))?;
        let h = handling::get(&self.conn, id)?.unwrap_or_default();
        if !may_see(&me, &dir, &facts(&row, &h)) {
            return Err(hidden(id));
        }
        self.handling_view(&me, &dir, id, &h)
    }

    pub(crate) fn handling_step(
        &mut self,
        actor: &str,
        id: &str,
        cmd: HandlingCommand,
    ) -> AppResult<HandlingView> {
        let now = self.clock.now();
        let me = self.person_for(actor)?;
        let dir = self.directory()?;
        let agency = self.agency()?;
        let connected = self.is_connected()?;
        let cal = self.work_calendar()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row = incoming::get(&tx, id)?.ok_or_else(|| hidden(id))?;
        let h = handling::get(&tx, id)?.unwrap_or_default();
        if !may_see(&me, &dir, &facts(&row, &h)) {
            return Err(hidden(id));
        }
        if row.state == "returned" || row.state == "received" {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Văn bản chưa vào sổ hoặc đã trả lại; không xử lý được.",
                "the document is not registered (or was returned)",
            ));
        }
        let shared = connected && crate::may_travel(row.secrecy.as_deref());
        if shared && books::is_pending(&row.book_id) {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Văn bản đang chờ máy chủ cấp số; hãy đồng bộ rồi mới xử lý.",
                "the document waits for its number from the server; sync first",
            ));
        }
        let cx = Context {
            directory: &dir,
            actor: &me,
            today: now.date_naive(),
        };
        let evs = decide(&h, &cmd, &cx).map_err(handling_err)?;
        let mut next = h.clone();
        let who = Actor {
            login: me.username.clone(),
            name: me.full_name.clone(),
        };
        for e in &evs {
            next.apply(e, now);
            if !shared {
                record(
                    &tx,
                    &agency.id,
                    &who,
                    now,
                    id,
                    e.kind(),
                    serde_json::to_value(e).expect("events serialise"),
                )?;
            }
        }
        if !evs.is_empty() {
            if shared {
                outbox::push(
                    &tx,
                    outbox::NewCommand {
                        id: &uuid::Uuid::new_v4().to_string(),
                        name: eoffice_sync::command::HANDLE,
                        args: &serde_json::to_value(eoffice_sync::HandleArgs {
                            document_id: id.to_string(),
                            command: serde_json::to_value(&cmd).expect("serialisable"),
                        })
                        .expect("serialisable"),
                        document_id: Some(id),
                        blob_sha256: None,
                        prev_state: None,
                        created_at: &now.to_rfc3339(),
                    },
                )?;
            }
            let principals = principals(&row, &next, &dir);
            let (lead_unit, lead_user) = answerable(&next, &dir);
            handling::put(
                &tx,
                &handling::Put {
                    document_id: id,
                    handling: &next,
                    arrival_date: &row.arrival_date,
                    priority: row.priority,
                    principals: &principals,
                    lead_unit: lead_unit.as_deref(),
                    lead_user: lead_user.as_deref(),
                    at: &now.to_rfc3339(),
                },
            )?;
            incoming::set_state(&tx, id, next.stage.code(), &now.to_rfc3339())?;
        }
        let view = build_view(&tx, &cal, now.date_naive(), &me, &dir, id, &next)?;
        tx.commit()?;
        Ok(view)
    }
}

/// Connected mode: a document's handling is what the server's feed says,
/// with this desktop's pending steps decided again on top (they stay
/// optimistic until the server answers). Called when the feed brings a
/// handling event or a step is refused.
pub(crate) fn refold(
    tx: &Connection,
    me: &Person,
    dir: &Directory,
    today: NaiveDate,
    doc: &str,
) -> AppResult<()> {
    let Some(row) = incoming::get(tx, doc)? else {
        return Ok(());
    };
    let mut h = Handling::default();
    for e in eoffice_store::feed::for_stream(tx, doc)? {
        if !EventKind::from_name(&e.name).is_some_and(|k| k.is_handling()) {
            continue;
        }
        let (Ok(ev), Ok(at)) = (
            serde_json::from_str::<HandlingEvent>(&e.payload),
            chrono::DateTime::parse_from_rfc3339(&e.at),
        ) else {
            continue;
        };
        h.apply(&ev, at);
    }
    let cx = Context {
        directory: dir,
        actor: me,
        today,
    };
    for o in outbox::for_document(tx, doc)? {
        if o.state != "pending" || o.name != eoffice_sync::command::HANDLE {
            continue;
        }
        let Ok(args) = serde_json::from_value::<eoffice_sync::HandleArgs>(o.args.clone()) else {
            continue;
        };
        let Ok(cmd) = serde_json::from_value::<HandlingCommand>(args.command) else {
            continue;
        };
        let at = chrono::DateTime::parse_from_rfc3339(&o.created_at)
            .unwrap_or_else(|_| chrono::Utc::now().fixed_offset());
        if let Ok(evs) = decide(&h, &cmd, &cx) {
            for e in &evs {
                h.apply(e, at);
            }
        }
    }
    let principals = principals(&row, &h, dir);
    let (lead_unit, lead_user) = answerable(&h, dir);
    handling::put(
        tx,
        &handling::Put {
            document_id: doc,
            handling: &h,
            arrival_date: &row.arrival_date,
            priority: row.priority,
            principals: &principals,
            lead_unit: lead_unit.as_deref(),
            lead_user: lead_user.as_deref(),
            at: &chrono::Utc::now().to_rfc3339(),
        },
    )?;
    if row.state != "returned" {
        incoming::set_state(tx, doc, h.stage.code(), &chrono::Utc::now().to_rfc3339())?;
    }
    Ok(())
}
