//! Cho ý kiến, phân công: the leader writes the instruction and assigns
//! one lead, any coordinators and any informed, with deadlines given as a
//! date or as working days (domain.md §6.3; Labour Code 2019 Art. 112).
//! Also the leader's two other answers: hand it to another leader, or
//! mark it for information only.

use crate::dto::{AssignInput, HandlingView};
use crate::handling_step::date_of;
use crate::present_incoming::unknown_who;
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::handling::{Assignee, HandlingCommand};

impl Eoffice {
    pub fn assign_incoming(
        &mut self,
        actor: &str,
        id: &str,
        input: &AssignInput,
    ) -> AppResult<HandlingView> {
        let dir = self.directory()?;
        let who = |w: &str| dir.resolve(w).ok_or_else(|| unknown_who(w));
        let deadline = match (&input.deadline, input.working_days) {
            (Some(_), Some(_)) => {
                return Err(AppError::invalid(
                    "Chỉ chọn một trong hai: hạn xử lý theo ngày hoặc theo số ngày làm việc.",
                    "give either a deadline date or a number of working days, not both",
                ))
            }
            (Some(d), None) if !d.trim().is_empty() => Some(date_of(d)?),
            (_, Some(n)) => Some(self.work_calendar()?.add_working_days(self.today(), n)),
            _ => None,
        };
        let opt_date = |d: &Option<String>| -> AppResult<Option<chrono::NaiveDate>> {
            match d.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(d) => Ok(Some(date_of(d)?)),
                None => Ok(None),
            }
        };
        let lead = Assignee {
            party: who(&input.lead.who)?,
            deadline: opt_date(&input.lead.deadline)?,
        };
        let coordinate = input
            .coordinate
            .iter()
            .map(|a| {
                Ok(Assignee {
                    party: who(&a.who)?,
                    deadline: opt_date(&a.deadline)?,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let inform = input
            .inform
            .iter()
            .map(|w| who(w))
            .collect::<AppResult<Vec<_>>>()?;
        self.handling_step(
            actor,
            id,
            HandlingCommand::Assign {
                instruction: input.instruction.clone(),
                lead,
                coordinate,
                inform,
                deadline,
            },
        )
    }

    /// Chuyển lãnh đạo khác.
    pub fn forward_incoming(
        &mut self,
        actor: &str,
        id: &str,
        to: &str,
        note: Option<&str>,
    ) -> AppResult<HandlingView> {
        self.handling_step(
            actor,
            id,
            HandlingCommand::Forward {
                to: to.trim().to_string(),
                note: note.map(String::from),
            },
        )
    }

    /// Để biết: nothing to handle.
    pub fn mark_for_information(
        &mut self,
        actor: &str,
        id: &str,
        instruction: Option<&str>,
    ) -> AppResult<HandlingView> {
        self.handling_step(
            actor,
            id,
            HandlingCommand::ForInformation {
                instruction: instruction.map(String::from),
            },
        )
    }
}
