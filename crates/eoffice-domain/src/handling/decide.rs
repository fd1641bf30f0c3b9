//! Who may take which step, and what it yields (domain.md §6 steps 3–4).

use super::*;
use crate::directory::{Directory, Person};
use crate::role::Role;

/// What a decision needs besides the state: the directory, the person
/// acting and today's date (for deadlines; the domain never reads a clock).
pub struct Context<'a> {
    pub directory: &'a Directory,
    pub actor: &'a Person,
    pub today: NaiveDate,
}

pub fn decide(
    h: &Handling,
    cmd: &HandlingCommand,
    cx: &Context,
) -> Result<Vec<HandlingEvent>, HandlingError> {
    use HandlingCommand as C;
    let by = cx.actor.username.clone();
    match cmd {
        C::Present { to, proposal } => {
            if cx.actor.role != Role::Clerk {
                return Err(HandlingError::OnlyClerkPresents);
            }
            if h.stage != Stage::Registered {
                return Err(HandlingError::CannotPresent(h.stage.label()));
            }
            leader(cx.directory, to)?;
            for p in proposal {
                known(cx.directory, p)?;
            }
            Ok(vec![HandlingEvent::Presented {
                by,
                to: to.clone(),
                proposal: proposal.clone(),
            }])
        }
        C::Assign {
            instruction,
            lead,
            coordinate,
            inform,
            deadline,
        } => {
            awaiting_me(h, cx)?;
            if let Some(d) = deadline {
                not_past(*d, cx.today)?;
            }
            let mut seen: Vec<&Party> = Vec::new();
            let mut tasks = Vec::new();
            let all =
                std::iter::once((lead.party.clone(), lead.deadline.or(*deadline), Part::Lead))
                    .chain(
                        coordinate
                            .iter()
                            .map(|a| (a.party.clone(), a.deadline, Part::Coordinate)),
                    )
                    .chain(inform.iter().map(|p| (p.clone(), None, Part::Inform)));
            let all: Vec<_> = all.collect();
            for (no, (party, d, part)) in (h.tasks.len() as u32 + 1..).zip(all.iter()) {
                known(cx.directory, party)?;
                if seen.contains(&party) {
                    return Err(HandlingError::NamedTwice(party.code().to_string()));
                }
                seen.push(party);
                if let Some(d) = d {
                    not_past(*d, cx.today)?;
                    if let Some(all_due) = deadline {
                        if d > all_due {
                            return Err(HandlingError::DeadlineAfterParent(*d, *all_due));
                        }
                    }
                }
                tasks.push(NewTask {
                    no,
                    party: party.clone(),
                    part: *part,
                    deadline: *d,
                    parent: None,
                });
            }
            Ok(vec![HandlingEvent::Assigned {
                by,
                instruction: trimmed(instruction),
                deadline: *deadline,
                tasks,
            }])
        }
        C::Forward { to, note } => {
            awaiting_me(h, cx)?;
            if *to == cx.actor.username {
                return Err(HandlingError::ForwardToSelf);
            }
            leader(cx.directory, to)?;
            Ok(vec![HandlingEvent::Forwarded {
                by,
                to: to.clone(),
                note: trimmed(note),
            }])
        }
        C::ForInformation { instruction } => {
            awaiting_me(h, cx)?;
            Ok(vec![HandlingEvent::MarkedForInformation {
                by,
                instruction: trimmed(instruction),
            }])
        }
        C::Reassign {
            unit,
            lead,
            helpers,
            deadline,
        } => {
            open_for_work(h)?;
            if !(cx.actor.role == Role::UnitHead && cx.actor.unit.as_deref() == Some(unit)) {
                return Err(HandlingError::NotUnitHead(unit.clone()));
            }
            let unit_task = h
                .tasks
                .iter()
                .find(|t| {
                    t.state == TaskState::Open
                        && t.part != Part::Inform
                        && t.party == Party::Unit(unit.clone())
                })
                .ok_or(HandlingError::NotYourTask)?;
            if let Some(d) = deadline {
                not_past(*d, cx.today)?;
                if let Some(ud) = unit_task.deadline {
                    if *d > ud {
                        return Err(HandlingError::DeadlineAfterParent(*d, ud));
                    }
                }
            }
            let due = deadline.or(unit_task.deadline);
            let mut tasks = Vec::new();
            let mut seen: Vec<&String> = Vec::new();
            let named = std::iter::once(lead).chain(helpers.iter()).enumerate();
            for (no, (i, u)) in (h.tasks.len() as u32 + 1..).zip(named) {
                let p = cx
                    .directory
                    .person(u)
                    .ok_or_else(|| HandlingError::UnknownParty(u.clone()))?;
                if p.unit.as_deref() != Some(unit.as_str()) {
                    return Err(HandlingError::NotInUnit(u.clone(), unit.clone()));
                }
                if seen.contains(&u) {
                    return Err(HandlingError::NamedTwice(u.clone()));
                }
                seen.push(u);
                tasks.push(NewTask {
                    no,
                    party: Party::User(u.clone()),
                    // The first carries the unit's own part; the others help.
                    part: if i == 0 {
                        unit_task.part
                    } else {
                        Part::Coordinate
                    },
                    deadline: due,
                    parent: Some(unit_task.no),
                });
            }
            Ok(vec![HandlingEvent::Reassigned {
                by,
                unit_task: unit_task.no,
                tasks,
            }])
        }
        C::View => {
            let fresh: Vec<u32> = h
                .tasks
                .iter()
                .filter(|t| {
                    t.state == TaskState::Open
                        && t.first_viewed_at.is_none()
                        && cx.directory.acts_for(cx.actor, &t.party)
                })
                .map(|t| t.no)
                .collect();
            if fresh.is_empty() {
                Ok(vec![])
            } else {
                Ok(vec![HandlingEvent::Viewed { by, tasks: fresh }])
            }
        }
        C::Progress {
            note,
            percent,
            files,
        } => {
            let t = my_task(h, cx)?;
            let note = required(note, "note")?;
            if percent.is_some_and(|p| p > 100) {
                return Err(HandlingError::BadPercent);
            }
            Ok(vec![HandlingEvent::ProgressReported {
                by,
                task: t.no,
                note,
                percent: *percent,
                files: files.clone(),
            }])
        }
        C::RequestExtension { until, reason } => {
            let t = my_task(h, cx)?;
            let reason = required(reason, "reason")?;
            let current = t.deadline.ok_or(HandlingError::NoDeadline)?;
            if *until <= current {
                return Err(HandlingError::ExtensionNotLater(current));
            }
            if t.extension_asked.is_some() {
                return Err(HandlingError::ExtensionPending);
            }
            Ok(vec![HandlingEvent::ExtensionRequested {
                by,
                task: t.no,
                until: *until,
                reason,
            }])
        }
        C::DecideExtension { task, accept, note } => {
            open_for_work(h)?;
            let t = h.task(*task).ok_or(HandlingError::NoSuchTask(*task))?;
            let until = t
                .extension_asked
                .ok_or(HandlingError::NoExtensionAsked(*task))?;
            if t.assigned_by != cx.actor.username {
                return Err(HandlingError::NotTheAssigner(*task));
            }
            Ok(vec![HandlingEvent::ExtensionDecided {
                by,
                task: *task,
                accepted: *accept,
                until,
                note: trimmed(note),
            }])
        }
        C::SendBack { reason } => {
            let t = my_task(h, cx)?;
            let reason = required(reason, "reason")?;
            Ok(vec![HandlingEvent::SentBack {
                by,
                task: t.no,
                reason,
            }])
        }
        C::Complete { result, reply } => {
            let t = my_task(h, cx)?;
            let result = required(result, "result")?;
            Ok(vec![HandlingEvent::Completed {
                by,
                task: t.no,
                result,
                reply: trimmed(reply),
            }])
        }
    }
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn required(s: &str, what: &'static str) -> Result<String, HandlingError> {
    let s = s.trim();
    if s.is_empty() {
        Err(HandlingError::Required(what))
    } else {
        Ok(s.to_string())
    }
}

fn leader(dir: &Directory, username: &str) -> Result<(), HandlingError> {
    match dir.person(username) {
        Some(p) if p.role == Role::Leader => Ok(()),
        _ => Err(HandlingError::NotALeader(username.to_string())),
    }
}

fn known(dir: &Directory, p: &Party) -> Result<(), HandlingError> {
    let ok = match p {
        Party::User(u) => dir.person(u).is_some(),
        Party::Unit(c) => dir.unit(c).is_some(),
    };
    if ok {
        Ok(())
    } else {
        Err(HandlingError::UnknownParty(p.code().to_string()))
    }
}

fn not_past(d: NaiveDate, today: NaiveDate) -> Result<(), HandlingError> {
    if d < today {
        Err(HandlingError::DeadlineInPast(d))
    } else {
        Ok(())
    }
}

/// The document waits for this leader's instruction.
fn awaiting_me(h: &Handling, cx: &Context) -> Result<(), HandlingError> {
    if h.stage != Stage::Presented {
        return Err(match h.stage {
            Stage::Completed | Stage::ForInformation => HandlingError::Closed(h.stage.label()),
            s => HandlingError::NotPresented(s.label()),
        });
    }
    match &h.leader {
        Some(l) if *l == cx.actor.username => Ok(()),
        Some(l) => Err(HandlingError::NotYourInstruction(l.clone())),
        None => Err(HandlingError::NotPresented(h.stage.label())),
    }
}

fn open_for_work(h: &Handling) -> Result<(), HandlingError> {
    match h.stage {
        Stage::Assigned => Ok(()),
        Stage::Registered | Stage::Presented => Err(HandlingError::NotAssigned),
        Stage::Completed => Err(HandlingError::Closed(h.stage.label())),
        Stage::ForInformation => Err(HandlingError::NothingToHandle),
    }
}

/// The actor's own open task that asks for work: a lead part before a
/// coordinating one, the most recent first among equals (a specialist's
/// part passed down before the unit's).
fn my_task<'h>(h: &'h Handling, cx: &Context) -> Result<&'h Task, HandlingError> {
    open_for_work(h)?;
    h.tasks
        .iter()
        .filter(|t| {
            t.state == TaskState::Open
                && t.part != Part::Inform
                && cx.directory.acts_for(cx.actor, &t.party)
        })
        .min_by_key(|t| (t.part != Part::Lead, std::cmp::Reverse(t.no)))
        .ok_or(HandlingError::NotYourTask)
}
