//! The work queues (issue 7, "Chasing"): Việc của tôi, Chờ cho ý kiến,
//! Chờ trình, Sắp đến hạn, Quá hạn, Theo dõi, Để biết. Urgent first, then
//! by deadline; a deadline turns amber two working days before (ui.md).

use crate::dto::{QueueCounts, QueueItem};
use crate::handling_step::own_principals;
use crate::{AppError, AppResult, Eoffice};
use chrono::NaiveDate;
use eoffice_domain::access::sees_whole_agency;
use eoffice_domain::handling::{Part, Stage};
use eoffice_domain::working_days::{WorkCalendar, DUE_SOON_WORKING_DAYS};
use eoffice_domain::{DocNumber, Person, Role};
use eoffice_store::handling::{self, DocumentFilter, QueueRow, TaskFilter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Việc của tôi.
    Mine,
    /// Chờ cho ý kiến (a leader's).
    AwaitingInstruction,
    /// Chờ trình (the clerk's).
    NotPresented,
    DueSoon,
    Overdue,
    /// Theo dõi: everything in handling, agency-wide.
    Tracking,
    /// Để biết.
    Informed,
}

impl Queue {
    pub const ALL: [Queue; 7] = [
        Queue::Mine,
        Queue::AwaitingInstruction,
        Queue::NotPresented,
        Queue::DueSoon,
        Queue::Overdue,
        Queue::Tracking,
        Queue::Informed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Queue::Mine => "mine",
            Queue::AwaitingInstruction => "awaiting",
            Queue::NotPresented => "not_presented",
            Queue::DueSoon => "due_soon",
            Queue::Overdue => "overdue",
            Queue::Tracking => "tracking",
            Queue::Informed => "informed",
        }
    }

    pub fn from_code(s: &str) -> Option<Queue> {
        Queue::ALL.into_iter().find(|q| q.code() == s)
    }
}

pub(crate) fn item(r: QueueRow, cal: &WorkCalendar, today: NaiveDate) -> QueueItem {
    let stage = Stage::from_code(&r.stage).unwrap_or(Stage::Registered);
    let open = r.task_state.as_deref().is_none_or(|s| s == "open") && stage == Stage::Assigned;
    let tone = r
        .deadline
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|_| open && r.part.as_deref() != Some("inform"))
        .map(|d| cal.tone(today, d).code().to_string());
    QueueItem {
        document_id: r.document_id,
        task_no: r.task_no,
        part_label: r
            .part
            .as_deref()
            .and_then(Part::from_code)
            .map(|p| p.label().to_string()),
        part: r.part,
        arrival_number: DocNumber {
            value: r.arrival_number,
            sub: r.arrival_sub,
        }
        .to_string(),
        arrival_date: r.arrival_date,
        code_number: r.code_number,
        code_notation: r.code_notation,
        subject: r.subject,
        organ_name: r.organ_name,
        priority: r.priority,
        secrecy: r.secrecy,
        deadline: r.deadline,
        tone,
        stage: stage.code().into(),
        stage_label: stage.label().into(),
        assigned_by: r.assigned_by,
        viewed: r.first_viewed_at.is_some(),
        percent: r.percent,
    }
}

impl Eoffice {
    /// The last day that counts as "due soon" from today.
    fn due_soon_by(&self, cal: &WorkCalendar) -> NaiveDate {
        cal.add_working_days(self.today(), DUE_SOON_WORKING_DAYS as u32)
    }

    fn queue_rows(
        &self,
        me: &Person,
        q: Queue,
        cal: &WorkCalendar,
        limit: u32,
        offset: u32,
    ) -> AppResult<Vec<QueueRow>> {
        let today = self.today().to_string();
        let by = self.due_soon_by(cal).to_string();
        let whole = sees_whole_agency(me.role);
        let mine = own_principals(me);
        let rows = match q {
            Queue::Mine => handling::tasks_of(&self.conn, &mine, &TaskFilter::Open, limit, offset)?,
            Queue::Informed => {
                handling::tasks_of(&self.conn, &mine, &TaskFilter::Informed, limit, offset)?
            }
            Queue::AwaitingInstruction => handling::documents(
                &self.conn,
                &DocumentFilter::AwaitingInstruction {
                    leader: me.username.clone(),
                },
                limit,
                offset,
            )?,
            Queue::NotPresented if me.role == Role::Clerk || me.role == Role::Admin => {
                handling::documents(&self.conn, &DocumentFilter::NotPresented, limit, offset)?
            }
            Queue::NotPresented => Vec::new(),
            // Whoever sees the whole agency chases the whole agency; the
            // others chase their own tasks.
            Queue::DueSoon if whole => handling::documents(
                &self.conn,
                &DocumentFilter::DueBy { today, by },
                limit,
                offset,
            )?,
            Queue::DueSoon => handling::tasks_of(
                &self.conn,
                &mine,
                &TaskFilter::DueBy { today, by },
                limit,
                offset,
            )?,
            Queue::Overdue if whole => handling::documents(
                &self.conn,
                &DocumentFilter::Overdue { today },
                limit,
                offset,
            )?,
            Queue::Overdue => handling::tasks_of(
                &self.conn,
                &mine,
                &TaskFilter::Overdue { today },
                limit,
                offset,
            )?,
            Queue::Tracking if whole => {
                handling::documents(&self.conn, &DocumentFilter::InHandling, limit, offset)?
            }
            Queue::Tracking => {
                return Err(AppError::new(
                    crate::ErrorCode::Forbidden,
                    "Chỉ lãnh đạo, văn thư và quản trị theo dõi toàn cơ quan.",
                    "only leaders, clerks and administrators track the whole agency",
                ))
            }
        };
        // Secret documents only for the people named on them.
        Ok(rows
            .into_iter()
            .filter(|r| r.secrecy.is_none() || self.named_on(me, &r.document_id))
            .collect())
    }

    fn named_on(&self, me: &Person, doc: &str) -> bool {
        self.conn
            .query_row(
                "SELECT 1 FROM doc_access WHERE principal = ?1 AND document_id = ?2",
                rusqlite::params![format!("u:{}", me.username), doc],
                |_| Ok(()),
            )
            .is_ok()
    }

    /// One page of a queue for the person acting.
    pub fn work_queue(
        &self,
        actor: &str,
        queue: Queue,
        limit: u32,
        offset: u32,
    ) -> AppResult<Vec<QueueItem>> {
        let me = self.person_for(actor)?;
        let cal = self.work_calendar()?;
        let today = self.today();
        Ok(self
            .queue_rows(&me, queue, &cal, limit.clamp(1, 500), offset)?
            .into_iter()
            .map(|r| item(r, &cal, today))
            .collect())
    }

    /// What waits for this person, for the sidebar and the dashboard:
    /// the same rules as the queues, counted in SQL.
    pub fn queue_counts(&self, actor: &str) -> AppResult<QueueCounts> {
        let me = self.person_for(actor)?;
        let cal = self.work_calendar()?;
        let today = self.today().to_string();
        let by = self.due_soon_by(&cal).to_string();
        let whole = sees_whole_agency(me.role);
        let mine = own_principals(&me);
        let who = format!("u:{}", me.username);
        let tasks = |f: TaskFilter| handling::count_tasks(&self.conn, &mine, &f, &who);
        let docs = |f: DocumentFilter| handling::count_documents(&self.conn, &f, &who);
        Ok(QueueCounts {
            mine: tasks(TaskFilter::Open)?,
            awaiting_instruction: docs(DocumentFilter::AwaitingInstruction {
                leader: me.username.clone(),
            })?,
            not_presented: if me.role == Role::Clerk || me.role == Role::Admin {
                docs(DocumentFilter::NotPresented)?
            } else {
                0
            },
            due_soon: if whole {
                docs(DocumentFilter::DueBy {
                    today: today.clone(),
                    by,
                })?
            } else {
                tasks(TaskFilter::DueBy {
                    today: today.clone(),
                    by,
                })?
            },
            overdue: if whole {
                docs(DocumentFilter::Overdue {
                    today: today.clone(),
                })?
            } else {
                tasks(TaskFilter::Overdue { today })?
            },
            informed: tasks(TaskFilter::Informed)?,
        })
    }
}
