//! Bàn làm việc: what waits for this person, urgent items, and the figures
//! the charts draw (documents per month, on-time rate, per unit).

use crate::dto::{Dashboard, MonthFigure, StageCount, UnitFigure};
use crate::people::summary;
use crate::{AppResult, Eoffice, Queue};
use eoffice_domain::handling::Stage;
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
        let mut by_stage = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT stage, COUNT(*) FROM handling WHERE arrival_date >= ?1 AND arrival_date <= ?2 GROUP BY stage")?;
        let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
        let rows = stmt.query_map([&from, &to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u64>(1)?))
        })?;
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for r in rows {
            let (s, n) = r?;
            counts.insert(s, n);
        }
        for s in Stage::ALL {
            by_stage.push(StageCount {
                stage: s.code().into(),
                label: s.label().into(),
                count: counts.get(s.code()).copied().unwrap_or(0),
            });
        }
        let report = self.handling_report(actor, &from, &to, None).ok();
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(arrival_date, 1, 7), COUNT(*),
                    SUM(stage IN ('handled', 'for_information')),
                    SUM(stage IN ('handled', 'for_information') AND (deadline IS NULL OR substr(completed_at, 1, 10) <= deadline))
             FROM handling WHERE arrival_date >= ?1 AND arrival_date <= ?2 GROUP BY 1",
        )?;
        let rows = stmt.query_map([&from, &to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u64>(1)?,
                r.get::<_, Option<u64>>(2)?.unwrap_or(0),
                r.get::<_, Option<u64>>(3)?.unwrap_or(0),
            ))
        })?;
        for r in rows {
            let (m, received, completed, on_time) = r?;
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
