//! Bàn làm việc: what waits for this person, urgent items, and the figures
//! the charts draw (documents per month, on-time rate, per unit).

use crate::dto::{Dashboard, MonthFigure, StageCount, UnitFigure};
use crate::people::summary;
use crate::{AppResult, Eoffice, ErrorCode, Queue};
use eoffice_domain::handling::Stage;
use eoffice_store::handling;
use std::collections::BTreeMap;

impl Eoffice {
    pub fn dashboard(&self, actor: &str, year: i32) -> AppResult<Dashboard> {
        let me = self.person_for(actor)?;
        let waiting = self.queue_counts(actor)?;
        let mut urgent: Vec<_> = self
            .work_queue(actor, Queue::Mine, 50, 0)?
            .into_iter()
            .chain(self.work_queue(actor, Queue::AwaitingInstruction, 50, 0)?)
            .filter(|i| i.priority > 0 || i.tone.as_deref() == Some("overdue"))
            .collect();
        urgent.truncate(10);
        let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
        let counts: BTreeMap<String, u64> = handling::stage_counts(&self.conn, &from, &to)?
            .into_iter()
            .collect();
        let by_stage = Stage::ALL
            .into_iter()
            .map(|s| StageCount {
                stage: s.code().into(),
                label: s.label().into(),
                count: counts.get(s.code()).copied().unwrap_or(0),
            })
            .collect();
        // A specialist may not see the agency's report: no unit chart then.
        let report = match self.handling_report(actor, &from, &to, None) {
            Ok(r) => Some(r),
            Err(e) if e.code == ErrorCode::Forbidden => None,
            Err(e) => return Err(e),
        };
        let mut months: BTreeMap<String, MonthFigure> = (1..=12)
            .map(|m| {
                let k = format!("{year}-{m:02}");
                (
                    k.clone(),
                    MonthFigure {
                        month: k,
                        received: 0,
                        completed: 0,
                        on_time: 0,
                    },
                )
            })
            .collect();
        for (m, received, completed, on_time) in handling::month_counts(&self.conn, &from, &to)? {
            if let Some(f) = months.get_mut(&m) {
                f.received = received;
                f.completed = completed;
                f.on_time = on_time;
            }
        }
        let by_unit = report
            .map(|r| {
                r.lines
                    .into_iter()
                    .filter(|l| l.kind == "unit")
                    .map(|l| UnitFigure {
                        code: l.code,
                        name: l.name,
                        received: l.received,
                        overdue: l.overdue + l.completed_late,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Dashboard {
            user: summary(&me, false),
            waiting,
            urgent,
            by_stage,
            by_month: months.into_values().collect(),
            by_unit,
        })
    }
}
