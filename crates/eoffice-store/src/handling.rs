//! The handling state of documents and the rows work queues read.
//!
//! The state is folded by `eoffice-domain` (`Handling::apply`); this module
//! stores the fold and rewrites its task and access rows in the caller's
//! transaction, so a queue never disagrees with the state.

use crate::StoreError;
use eoffice_domain::handling::Handling;
use eoffice_domain::Party;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

pub const NO_DEADLINE: &str = "9999-12-31";

pub fn principal_of(p: &Party) -> String {
    match p {
        Party::User(u) => format!("u:{u}"),
        Party::Unit(c) => format!("unit:{c}"),
    }
}

pub fn get(conn: &Connection, document_id: &str) -> Result<Option<Handling>, StoreError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT state FROM handling WHERE document_id = ?1",
            [document_id],
            |r| r.get(0),
        )
        .optional()?;
    match json {
        None => Ok(None),
        Some(j) => serde_json::from_str(&j)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(format!("handling of {document_id}: {e}"))),
    }
}

pub struct Put<'a> {
    pub document_id: &'a str,
    pub handling: &'a Handling,
    pub arrival_date: &'a str,
    pub priority: u8,
    /// Everyone and every unit named on it (`u:…`, `unit:…`).
    pub principals: &'a [String],
    /// Who answers for it in the handling report.
    pub lead_unit: Option<&'a str>,
    pub lead_user: Option<&'a str>,
    pub at: &'a str,
}

pub fn put(conn: &Connection, p: &Put) -> Result<(), StoreError> {
    let h = p.handling;
    let json = serde_json::to_string(h).expect("handling serialises");
    conn.execute(
        "INSERT INTO handling (document_id, stage, leader, deadline, completed_at, arrival_date, priority, state, updated_at,
                               lead_unit, lead_user)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (document_id) DO UPDATE SET stage = excluded.stage, leader = excluded.leader,
             deadline = excluded.deadline, completed_at = excluded.completed_at,
             priority = excluded.priority, state = excluded.state, updated_at = excluded.updated_at,
             lead_unit = excluded.lead_unit, lead_user = excluded.lead_user",
        params![
            p.document_id,
            h.stage.code(),
            h.leader,
            h.deadline.map(|d| d.format("%Y-%m-%d").to_string()),
            h.completed_at.map(|d| d.to_rfc3339()),
            p.arrival_date,
            p.priority,
            json,
            p.at,
            p.lead_unit,
            p.lead_user
        ],
    )?;
    conn.execute("DELETE FROM tasks WHERE document_id = ?1", [p.document_id])?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO tasks (document_id, no, party, part, state, due, priority, parent, assigned_by,
                            assigned_at, first_viewed_at, finished_at, percent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for t in &h.tasks {
        ins.execute(params![
            p.document_id,
            t.no,
            principal_of(&t.party),
            t.part.code(),
            t.state.code(),
            t.deadline
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| NO_DEADLINE.to_string()),
            p.priority,
            t.parent,
            t.assigned_by,
            t.assigned_at.to_rfc3339(),
            t.first_viewed_at.map(|d| d.to_rfc3339()),
            t.finished_at.map(|d| d.to_rfc3339()),
            t.percent,
        ])?;
    }
    set_access(conn, p.document_id, p.principals)
}

pub fn set_access(
    conn: &Connection,
    document_id: &str,
    principals: &[String],
) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM doc_access WHERE document_id = ?1",
        [document_id],
    )?;
    let mut ins = conn.prepare_cached(
        "INSERT OR IGNORE INTO doc_access (principal, document_id) VALUES (?1, ?2)",
    )?;
    for pr in principals {
        ins.execute(params![pr, document_id])?;
    }
    Ok(())
}

/// A row of a work queue: the task (if any) and the list columns of its document.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub document_id: String,
    pub task_no: Option<u32>,
    pub part: Option<String>,
    pub task_state: Option<String>,
    pub deadline: Option<String>,
    pub assigned_by: Option<String>,
    pub first_viewed_at: Option<String>,
    pub percent: Option<u8>,
    pub stage: String,
    pub leader: Option<String>,
    pub arrival_number: u32,
    pub arrival_sub: Option<char>,
    pub arrival_date: String,
    pub code_number: Option<String>,
    pub code_notation: Option<String>,
    pub organ_name: String,
    pub subject: String,
    pub priority: u8,
    pub secrecy: Option<String>,
}

const DOC_COLUMNS: &str =
    "i.arrival_number, i.arrival_sub, i.arrival_date, i.code_number, i.code_notation,
     i.organ_name, i.subject, i.priority, i.secrecy";

fn doc_row(r: &rusqlite::Row) -> rusqlite::Result<QueueRow> {
    let sub: String = r.get(5)?;
    Ok(QueueRow {
        document_id: r.get(0)?,
        task_no: None,
        part: None,
        task_state: None,
        deadline: r.get(2)?,
        assigned_by: None,
        first_viewed_at: None,
        percent: None,
        stage: r.get(1)?,
        leader: r.get(3)?,
        arrival_number: r.get(4)?,
        arrival_sub: sub.chars().next(),
        arrival_date: r.get(6)?,
        code_number: r.get(7)?,
        code_notation: r.get(8)?,
        organ_name: r.get(9)?,
        subject: r.get(10)?,
        priority: r.get(11)?,
        secrecy: r.get(12)?,
    })
}

/// Which open tasks of a person to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskFilter {
    /// Every open task asking for work, urgent first, then by deadline.
    Open,
    /// Open tasks due on or before this date (and not yet overdue).
    DueBy { today: String, by: String },
    /// Open tasks whose deadline is before today.
    Overdue { today: String },
    /// The "để biết" tasks.
    Informed,
}

/// The open tasks given to any of `principals` (the person and, for a
/// unit head, their unit). Each principal's page is read in index order
/// (party, state, priority, due) and the pages merged here, so a page
/// costs the same however many tasks a unit has.
pub fn tasks_of(
    conn: &Connection,
    principals: &[String],
    filter: &TaskFilter,
    limit: u32,
    offset: u32,
) -> Result<Vec<QueueRow>, StoreError> {
    let want = (limit + offset) as i64;
    let (cond, extra): (&str, Vec<String>) = match filter {
        TaskFilter::Open => ("AND part != 'inform'", vec![]),
        TaskFilter::Informed => ("AND part = 'inform'", vec![]),
        TaskFilter::DueBy { today, by } => (
            "AND part != 'inform' AND due >= ?4 AND due <= ?5",
            vec![today.clone(), by.clone()],
        ),
        TaskFilter::Overdue { today } => ("AND part != 'inform' AND due < ?4", vec![today.clone()]),
    };
    let sql = format!(
        "SELECT priority, due, document_id, no FROM tasks
         WHERE party = ?1 AND state = 'open' {cond}
         ORDER BY priority DESC, due LIMIT ?2 OFFSET ?3"
    );
    let mut keys: Vec<(i64, String, String, u32)> = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    for p in principals {
        let mut args: Vec<Value> = vec![
            Value::Text(p.clone()),
            Value::Integer(want),
            Value::Integer(0),
        ];
        args.extend(extra.iter().map(|e| Value::Text(e.clone())));
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        for r in rows {
            keys.push(r?);
        }
    }
    keys.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    let page: Vec<_> = keys
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    let mut one = conn.prepare_cached(&format!(
        "SELECT t.document_id, t.no, t.part, t.state, t.due, t.assigned_by, t.first_viewed_at, t.percent,
                h.document_id, h.stage, h.deadline, h.leader, {DOC_COLUMNS}
         FROM tasks t JOIN handling h ON h.document_id = t.document_id
              JOIN incoming i ON i.id = t.document_id
         WHERE t.document_id = ?1 AND t.no = ?2"
    ))?;
    let mut out = Vec::with_capacity(page.len());
    for (_, _, doc, no) in page {
        if let Some(r) = one
            .query_row(rusqlite::params![doc, no], queue_row_task)
            .optional()?
        {
            out.push(r);
        }
    }
    Ok(out)
}

fn queue_row_task(r: &rusqlite::Row) -> rusqlite::Result<QueueRow> {
    let sub: String = r.get(13)?;
    let due: String = r.get(4)?;
    Ok(QueueRow {
        document_id: r.get(0)?,
        task_no: r.get(1)?,
        part: r.get(2)?,
        task_state: r.get(3)?,
        deadline: Some(due).filter(|d| d != NO_DEADLINE),
        assigned_by: r.get(5)?,
        first_viewed_at: r.get(6)?,
        percent: r.get(7)?,
        stage: r.get(9)?,
        leader: r.get(11)?,
        arrival_number: r.get(12)?,
        arrival_sub: sub.chars().next(),
        arrival_date: r.get(14)?,
        code_number: r.get(15)?,
        code_notation: r.get(16)?,
        organ_name: r.get(17)?,
        subject: r.get(18)?,
        priority: r.get(19)?,
        secrecy: r.get(20)?,
    })
}

/// Documents by handling state, agency-wide (leaders, clerks, trackers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentFilter {
    /// Presented to this leader, waiting for the instruction.
    AwaitingInstruction {
        leader: String,
    },
    /// Registered and not yet presented (the clerk's "Chờ trình").
    NotPresented,
    /// Being handled, by deadline: the tracker's "Theo dõi".
    InHandling,
    DueBy {
        today: String,
        by: String,
    },
    Overdue {
        today: String,
    },
}

pub fn documents(
    conn: &Connection,
    filter: &DocumentFilter,
    limit: u32,
    offset: u32,
) -> Result<Vec<QueueRow>, StoreError> {
    let mut args: Vec<Value> = Vec::new();
    let (cond, order) = match filter {
        DocumentFilter::AwaitingInstruction { leader } => {
            args.push(Value::Text(leader.clone()));
            (
                "h.stage = 'presented' AND h.leader = ?1".to_string(),
                "h.priority DESC, h.arrival_date",
            )
        }
        DocumentFilter::NotPresented => (
            "h.stage = 'registered'".to_string(),
            "h.priority DESC, h.arrival_date",
        ),
        DocumentFilter::InHandling => (
            "h.stage = 'assigned'".to_string(),
            "h.deadline IS NULL, h.deadline, h.priority DESC",
        ),
        DocumentFilter::DueBy { today, by } => {
            args.push(Value::Text(today.clone()));
            args.push(Value::Text(by.clone()));
            (
                "h.stage = 'assigned' AND h.deadline >= ?1 AND h.deadline <= ?2".to_string(),
                "h.deadline, h.priority DESC",
            )
        }
        DocumentFilter::Overdue { today } => {
            args.push(Value::Text(today.clone()));
            (
                "h.stage = 'assigned' AND h.deadline < ?1".to_string(),
                "h.deadline, h.priority DESC",
            )
        }
    };
    args.push(Value::Integer(limit as i64));
    args.push(Value::Integer(offset as i64));
    let sql = format!(
        "SELECT h.document_id, h.stage, h.deadline, h.leader, {DOC_COLUMNS}
         FROM handling h JOIN incoming i ON i.id = h.document_id
         WHERE {cond} ORDER BY {order} LIMIT ?{l} OFFSET ?{o}",
        l = args.len() - 1,
        o = args.len()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), doc_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// The report's rules in SQL, written once for every figure that uses them.
// They mirror `Handling::on_time` in eoffice-domain (finished by the
// deadline's date, or without a deadline); a test compares the two.
const FINISHED: &str = "stage IN ('handled', 'for_information')";
const ON_TIME: &str = "stage IN ('handled', 'for_information') AND (deadline IS NULL OR substr(completed_at, 1, 10) <= deadline)";

/// Documents per month of a period: received, finished, finished on time.
pub fn month_counts(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, u64, u64, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT substr(arrival_date, 1, 7), COUNT(*),
                CAST(TOTAL({FINISHED}) AS INTEGER), CAST(TOTAL({ON_TIME}) AS INTEGER)
         FROM handling INDEXED BY handling_report WHERE arrival_date >= ?1 AND arrival_date <= ?2 GROUP BY 1"
    ))?;
    let rows = stmt.query_map([from, to], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Documents per handling stage of a period.
pub fn stage_counts(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT stage, COUNT(*) FROM handling INDEXED BY handling_report
         WHERE arrival_date >= ?1 AND arrival_date <= ?2 GROUP BY stage",
    )?;
    let rows = stmt.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Counts of one (unit, person) of a report period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCounts {
    pub lead_unit: Option<String>,
    pub lead_user: Option<String>,
    pub received: u64,
    pub on_time: u64,
    pub late: u64,
    pub in_progress: u64,
    pub overdue: u64,
}

/// The handling report's figures in one pass of the covering index
/// `handling_report` (named, so the bundled SQLite's planner cannot choose
/// to read the rows with their JSON instead): a
/// document is on time when finished by its deadline (the date of
/// `completed_at`, written in the agency's offset), overdue when open past it.
pub fn report_counts(
    conn: &Connection,
    from: &str,
    to: &str,
    today: &str,
) -> Result<Vec<ReportCounts>, StoreError> {
    // TOTAL, not SUM: a group whose conditions are all NULL (documents
    // without a deadline) counts 0, not NULL.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT lead_unit, lead_user, COUNT(*),
                CAST(TOTAL({ON_TIME}) AS INTEGER),
                CAST(TOTAL({FINISHED} AND NOT ({ON_TIME})) AS INTEGER),
                CAST(TOTAL(NOT ({FINISHED}) AND (deadline IS NULL OR deadline >= ?3)) AS INTEGER),
                CAST(TOTAL(NOT ({FINISHED}) AND deadline IS NOT NULL AND deadline < ?3) AS INTEGER)
         FROM handling INDEXED BY handling_report WHERE arrival_date >= ?1 AND arrival_date <= ?2
         GROUP BY lead_unit, lead_user"
    ))?;
    let rows = stmt.query_map([from, to, today], |r| {
        Ok(ReportCounts {
            lead_unit: r.get(0)?,
            lead_user: r.get(1)?,
            received: r.get(2)?,
            on_time: r.get(3)?,
            late: r.get(4)?,
            in_progress: r.get(5)?,
            overdue: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The documents of the period open past their deadline.
pub fn overdue_in_period(
    conn: &Connection,
    from: &str,
    to: &str,
    today: &str,
    unit: Option<&str>,
    limit: u32,
) -> Result<Vec<QueueRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT h.document_id, h.stage, h.deadline, h.leader, {DOC_COLUMNS}
         FROM handling h JOIN incoming i ON i.id = h.document_id
         WHERE h.document_id IN (
             SELECT document_id FROM handling
             WHERE stage = ?6 AND deadline < ?3 AND arrival_date >= ?1 AND arrival_date <= ?2
               AND (?4 IS NULL OR lead_unit = ?4)
             ORDER BY deadline LIMIT ?5)
         ORDER BY h.deadline"
    ))?;
    // Open past the deadline: assigned, or sent back to the leader with
    // the deadline it had.
    let mut out: Vec<QueueRow> = Vec::new();
    for stage in ["assigned", "presented"] {
        let rows = stmt.query_map(
            rusqlite::params![from, to, today, unit, limit, stage],
            doc_row,
        )?;
        for r in rows {
            out.push(r?);
        }
    }
    out.sort_by(|a, b| a.deadline.cmp(&b.deadline));
    out.truncate(limit as usize);
    Ok(out)
}

/// How many rows `tasks_of` would list, secret documents counted only
/// when `me` (`u:…`) is named on them.
pub fn count_tasks(
    conn: &Connection,
    principals: &[String],
    filter: &TaskFilter,
    me: &str,
) -> Result<u64, StoreError> {
    let (cond, extra): (&str, Vec<String>) = match filter {
        TaskFilter::Open => ("AND t.part != 'inform'", vec![]),
        TaskFilter::Informed => ("AND t.part = 'inform'", vec![]),
        TaskFilter::DueBy { today, by } => (
            "AND t.part != 'inform' AND t.due >= ?3 AND t.due <= ?4",
            vec![today.clone(), by.clone()],
        ),
        TaskFilter::Overdue { today } => {
            ("AND t.part != 'inform' AND t.due < ?3", vec![today.clone()])
        }
    };
    let sql = format!(
        "SELECT COUNT(*) FROM tasks t JOIN incoming i ON i.id = t.document_id
         WHERE t.party = ?1 AND t.state = 'open' {cond}
           AND (i.secrecy IS NULL OR EXISTS (SELECT 1 FROM doc_access a WHERE a.principal = ?2 AND a.document_id = t.document_id))"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut n = 0;
    for p in principals {
        let mut args = vec![Value::Text(p.clone()), Value::Text(me.to_string())];
        args.extend(extra.iter().map(|e| Value::Text(e.clone())));
        n += stmt.query_row(params_from_iter(args), |r| r.get::<_, u64>(0))?;
    }
    Ok(n)
}

/// How many rows `documents` would list (the same secret rule).
pub fn count_documents(
    conn: &Connection,
    filter: &DocumentFilter,
    me: &str,
) -> Result<u64, StoreError> {
    let mut args: Vec<Value> = vec![Value::Text(me.to_string())];
    let cond = match filter {
        DocumentFilter::AwaitingInstruction { leader } => {
            args.push(Value::Text(leader.clone()));
            "h.stage = 'presented' AND h.leader = ?2"
        }
        DocumentFilter::NotPresented => "h.stage = 'registered'",
        DocumentFilter::InHandling => "h.stage = 'assigned'",
        DocumentFilter::DueBy { today, by } => {
            args.push(Value::Text(today.clone()));
            args.push(Value::Text(by.clone()));
            "h.stage = 'assigned' AND h.deadline >= ?2 AND h.deadline <= ?3"
        }
        DocumentFilter::Overdue { today } => {
            args.push(Value::Text(today.clone()));
            "h.stage = 'assigned' AND h.deadline < ?2"
        }
    };
    let sql = format!(
        "SELECT COUNT(*) FROM handling h JOIN incoming i ON i.id = h.document_id
         WHERE {cond}
           AND (i.secrecy IS NULL OR EXISTS (SELECT 1 FROM doc_access a WHERE a.principal = ?1 AND a.document_id = h.document_id))"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(args), |r| r.get(0))?)
}
