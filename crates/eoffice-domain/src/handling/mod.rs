//! Handling an incoming document after its number (domain.md §6 steps
//! 3–4): present (trình), instruct and assign (cho ý kiến, phân công),
//! re-assign within a unit, handle, complete. One state machine:
//! `decide` checks a command of a person against the state and yields
//! events; `Handling::apply` folds them. The server decides with the same
//! code, so a right is written once.
//!
//! Invariants (tested with random command sequences in `tests.rs`):
//! - an assignment has exactly one lead (chủ trì) at the top level, and at
//!   most one under each unit's part;
//! - nothing is completed before it is assigned;
//! - only the person a step belongs to can take it.

mod apply;
mod decide;
mod error;
#[cfg(test)]
mod tests;

pub use decide::{decide, Context};
pub use error::HandlingError;

use crate::directory::Party;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// The part a task plays (domain.md §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    /// Chủ trì.
    Lead,
    /// Phối hợp.
    Coordinate,
    /// Để biết.
    Inform,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Lead, Part::Coordinate, Part::Inform];

    pub fn code(self) -> &'static str {
        match self {
            Part::Lead => "lead",
            Part::Coordinate => "coordinate",
            Part::Inform => "inform",
        }
    }

    pub fn from_code(s: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Part::Lead => "Chủ trì",
            Part::Coordinate => "Phối hợp",
            Part::Inform => "Để biết",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskState {
    Open,
    Completed,
    /// Chuyển lại: returned to whoever assigned it, with a reason.
    SentBack,
    /// Replaced by a new assignment, or moot once the document is done.
    Closed,
}

impl TaskState {
    pub fn code(self) -> &'static str {
        match self {
            TaskState::Open => "open",
            TaskState::Completed => "completed",
            TaskState::SentBack => "sent_back",
            TaskState::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskState::Open => "Đang xử lý",
            TaskState::Completed => "Đã hoàn thành",
            TaskState::SentBack => "Đã chuyển lại",
            TaskState::Closed => "Đã đóng",
        }
    }
}

/// Where the document stands in its handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Vào sổ, not yet presented.
    Registered,
    /// Waiting for the leader's instruction.
    Presented,
    Assigned,
    Completed,
    /// The leader marked it for information only: nothing to handle.
    ForInformation,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Registered,
        Stage::Presented,
        Stage::Assigned,
        Stage::Completed,
        Stage::ForInformation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Registered => "registered",
            Stage::Presented => "presented",
            Stage::Assigned => "assigned",
            Stage::Completed => "handled",
            Stage::ForInformation => "for_information",
        }
    }

    pub fn from_code(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Registered => "Đã vào sổ",
            Stage::Presented => "Chờ cho ý kiến",
            Stage::Assigned => "Đang xử lý",
            Stage::Completed => "Đã xử lý xong",
            Stage::ForInformation => "Để biết",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// 1, 2, 3 … within the document, in the order they were given.
    pub no: u32,
    pub party: Party,
    pub part: Part,
    pub deadline: Option<NaiveDate>,
    pub assigned_by: String,
    /// The unit task this one was passed down from.
    pub parent: Option<u32>,
    pub state: TaskState,
    pub assigned_at: DateTime<FixedOffset>,
    pub first_viewed_at: Option<DateTime<FixedOffset>>,
    pub percent: Option<u8>,
    pub finished_at: Option<DateTime<FixedOffset>>,
    /// An extension asked for and not yet decided.
    pub extension_asked: Option<NaiveDate>,
}

/// The folded handling state of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handling {
    pub stage: Stage,
    /// The leader whose instruction is awaited (or who last gave one).
    pub leader: Option<String>,
    pub presented_by: Option<String>,
    pub proposal: Vec<Party>,
    pub instruction: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub tasks: Vec<Task>,
    /// Every leader it went through, for access to secret documents.
    pub leaders: Vec<String>,
    pub completed_at: Option<DateTime<FixedOffset>>,
    pub result: Option<String>,
    pub reply: Option<String>,
}

impl Default for Handling {
    fn default() -> Handling {
        Handling {
            stage: Stage::Registered,
            leader: None,
            presented_by: None,
            proposal: Vec::new(),
            instruction: None,
            deadline: None,
            tasks: Vec::new(),
            leaders: Vec::new(),
            completed_at: None,
            result: None,
            reply: None,
        }
    }
}

/// One assignee with an optional deadline of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignee {
    pub party: Party,
    pub deadline: Option<NaiveDate>,
}

/// A step someone asks for. It travels as JSON to the server (tagged by
/// `Command`), which decides it again with the same rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "Command")]
pub enum HandlingCommand {
    Present {
        to: String,
        proposal: Vec<Party>,
    },
    Assign {
        instruction: Option<String>,
        lead: Assignee,
        coordinate: Vec<Assignee>,
        inform: Vec<Party>,
        deadline: Option<NaiveDate>,
    },
    /// Chuyển lãnh đạo khác.
    Forward {
        to: String,
        note: Option<String>,
    },
    ForInformation {
        instruction: Option<String>,
    },
    /// A unit head passes the unit's part to specialists of the unit.
    Reassign {
        unit: String,
        lead: String,
        helpers: Vec<String>,
        deadline: Option<NaiveDate>,
    },
    View,
    Progress {
        note: String,
        percent: Option<u8>,
        files: Vec<String>,
    },
    RequestExtension {
        until: NaiveDate,
        reason: String,
    },
    DecideExtension {
        task: u32,
        accept: bool,
        note: Option<String>,
    },
    SendBack {
        reason: String,
    },
    Complete {
        result: String,
        /// Until outgoing documents exist: the reply's number and symbol.
        reply: Option<String>,
    },
}

/// A task as an event gives it; `apply` makes the `Task`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    pub no: u32,
    pub party: Party,
    pub part: Part,
    pub deadline: Option<NaiveDate>,
    pub parent: Option<u32>,
}

/// What happened, as the log and the server's feed carry it (the payload
/// of `handling.*` events; `by` is the username, `at` the event's time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "Event")]
pub enum HandlingEvent {
    Presented {
        by: String,
        to: String,
        proposal: Vec<Party>,
    },
    Assigned {
        by: String,
        instruction: Option<String>,
        deadline: Option<NaiveDate>,
        tasks: Vec<NewTask>,
    },
    Forwarded {
        by: String,
        to: String,
        note: Option<String>,
    },
    MarkedForInformation {
        by: String,
        instruction: Option<String>,
    },
    Reassigned {
        by: String,
        unit_task: u32,
        tasks: Vec<NewTask>,
    },
    Viewed {
        by: String,
        tasks: Vec<u32>,
    },
    ProgressReported {
        by: String,
        task: u32,
        note: String,
        percent: Option<u8>,
        files: Vec<String>,
    },
    ExtensionRequested {
        by: String,
        task: u32,
        until: NaiveDate,
        reason: String,
    },
    ExtensionDecided {
        by: String,
        task: u32,
        accepted: bool,
        until: NaiveDate,
        note: Option<String>,
    },
    SentBack {
        by: String,
        task: u32,
        reason: String,
    },
    Completed {
        by: String,
        task: u32,
        result: String,
        reply: Option<String>,
    },
}

impl HandlingEvent {
    pub fn kind(&self) -> crate::EventKind {
        use crate::EventKind as K;
        match self {
            HandlingEvent::Presented { .. } => K::HandlingPresented,
            HandlingEvent::Assigned { .. } => K::HandlingAssigned,
            HandlingEvent::Forwarded { .. } => K::HandlingForwarded,
            HandlingEvent::MarkedForInformation { .. } => K::HandlingForInformation,
            HandlingEvent::Reassigned { .. } => K::HandlingReassigned,
            HandlingEvent::Viewed { .. } => K::HandlingViewed,
            HandlingEvent::ProgressReported { .. } => K::HandlingProgress,
            HandlingEvent::ExtensionRequested { .. } => K::HandlingExtensionRequested,
            HandlingEvent::ExtensionDecided { .. } => K::HandlingExtensionDecided,
            HandlingEvent::SentBack { .. } => K::HandlingSentBack,
            HandlingEvent::Completed { .. } => K::HandlingCompleted,
        }
    }

    pub fn by(&self) -> &str {
        match self {
            HandlingEvent::Presented { by, .. }
            | HandlingEvent::Assigned { by, .. }
            | HandlingEvent::Forwarded { by, .. }
            | HandlingEvent::MarkedForInformation { by, .. }
            | HandlingEvent::Reassigned { by, .. }
            | HandlingEvent::Viewed { by, .. }
            | HandlingEvent::ProgressReported { by, .. }
            | HandlingEvent::ExtensionRequested { by, .. }
            | HandlingEvent::ExtensionDecided { by, .. }
            | HandlingEvent::SentBack { by, .. }
            | HandlingEvent::Completed { by, .. } => by,
        }
    }
}

impl Handling {
    pub fn task(&self, no: u32) -> Option<&Task> {
        self.tasks.iter().find(|t| t.no == no)
    }

    /// Everyone named on the document: who presented it, every leader it
    /// went through, every person given a task and everyone who gave one.
    /// Secret documents are seen by these people only (with the heads of
    /// units given a task, which `access` adds).
    pub fn named_people(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: &str| {
            if !out.iter().any(|x| x == s) {
                out.push(s.to_string());
            }
        };
        if let Some(p) = &self.presented_by {
            add(p);
        }
        for l in &self.leaders {
            add(l);
        }
        for t in &self.tasks {
            add(&t.assigned_by);
            if let Party::User(u) = &t.party {
                add(u);
            }
        }
        out
    }

    /// The units given a task.
    pub fn named_units(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.tasks {
            if let Party::Unit(u) = &t.party {
                if !out.contains(u) {
                    out.push(u.clone());
                }
            }
        }
        out
    }
}
