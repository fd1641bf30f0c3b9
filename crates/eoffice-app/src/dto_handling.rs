//! The JSON shapes of people and the handling workflow (issue 7). The
//! trace uses the words of edXML's TraceHeaderList (who, when, what), so
//! status packages 04–06 can later be built from it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct UserSummary {
    pub username: String,
    pub full_name: String,
    pub role: String,
    pub role_label: String,
    pub unit_code: Option<String>,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct UnitSummary {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct DirectoryInfo {
    pub units: Vec<UnitSummary>,
    pub users: Vec<UserSummary>,
}

/// A person or a unit, with the name it is shown by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct PartyRef {
    /// `user` or `unit`.
    pub kind: String,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct TaskView {
    pub no: u32,
    pub party: PartyRef,
    /// `lead`, `coordinate`, `inform`.
    pub part: String,
    pub part_label: String,
    pub deadline: Option<String>,
    /// `normal`, `due_soon`, `overdue`, or null without a deadline or once finished.
    pub tone: Option<String>,
    pub state: String,
    pub state_label: String,
    pub assigned_by: String,
    pub assigned_by_name: String,
    pub assigned_at: String,
    pub parent: Option<u32>,
    pub first_viewed_at: Option<String>,
    pub percent: Option<u8>,
    pub extension_asked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct TraceEntry {
    pub at: String,
    pub by: String,
    pub by_name: String,
    /// The event name, `handling.assigned` …
    pub kind: String,
    pub label: String,
    /// The instruction, note, reason or result, as written.
    pub text: Option<String>,
    /// Who it went to, in words ("Chủ trì: Văn phòng; Phối hợp: …").
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct HandlingView {
    pub document_id: String,
    pub stage: String,
    pub stage_label: String,
    pub leader: Option<PartyRef>,
    pub presented_by: Option<String>,
    pub proposal: Vec<PartyRef>,
    pub instruction: Option<String>,
    pub deadline: Option<String>,
    pub tone: Option<String>,
    pub tasks: Vec<TaskView>,
    pub completed_at: Option<String>,
    pub result: Option<String>,
    pub reply: Option<String>,
    pub on_time: Option<bool>,
    pub trace: Vec<TraceEntry>,
    /// What the person asking may do now: `present`, `assign`, `forward`,
    /// `for_information`, `reassign`, `progress`, `extension`,
    /// `decide_extension`, `send_back`, `complete`.
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct AssigneeInput {
    /// A username or a unit code.
    pub who: String,
    pub deadline: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct AssignInput {
    pub instruction: Option<String>,
    pub lead: AssigneeInput,
    pub coordinate: Vec<AssigneeInput>,
    pub inform: Vec<String>,
    /// YYYY-MM-DD; or give `WorkingDays` instead.
    pub deadline: Option<String>,
    pub working_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct QueueItem {
    pub document_id: String,
    pub task_no: Option<u32>,
    pub part: Option<String>,
    pub part_label: Option<String>,
    pub arrival_number: String,
    pub arrival_date: String,
    pub code_number: Option<String>,
    pub code_notation: Option<String>,
    pub subject: String,
    pub organ_name: String,
    pub priority: u8,
    pub secrecy: Option<String>,
    pub deadline: Option<String>,
    pub tone: Option<String>,
    pub stage: String,
    pub stage_label: String,
    pub assigned_by: Option<String>,
    pub viewed: bool,
    pub percent: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct QueueCounts {
    pub mine: u64,
    pub awaiting_instruction: u64,
    pub not_presented: u64,
    pub due_soon: u64,
    pub overdue: u64,
    pub informed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct ReportLine {
    /// `unit` or `user`.
    pub kind: String,
    pub code: String,
    pub name: String,
    pub received: u64,
    pub completed_on_time: u64,
    pub completed_late: u64,
    pub in_progress: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct HandlingReport {
    pub from: String,
    pub to: String,
    pub unit: Option<String>,
    pub today: String,
    pub lines: Vec<ReportLine>,
    pub total: ReportLine,
    pub overdue_items: Vec<QueueItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct MonthFigure {
    /// YYYY-MM.
    pub month: String,
    pub received: u64,
    pub completed: u64,
    pub on_time: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct UnitFigure {
    pub code: String,
    pub name: String,
    pub received: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct StageCount {
    pub stage: String,
    pub label: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct Dashboard {
    pub user: UserSummary,
    pub waiting: QueueCounts,
    pub urgent: Vec<QueueItem>,
    pub by_stage: Vec<StageCount>,
    pub by_month: Vec<MonthFigure>,
    pub by_unit: Vec<UnitFigure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct CalendarDay {
    pub date: String,
    pub kind: String,
    pub kind_label: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "PascalCase")]
pub struct YearCalendar {
    pub year: i32,
    /// An administrator stored this year; otherwise it is Article 112's.
    pub stored: bool,
    pub days: Vec<CalendarDay>,
}
