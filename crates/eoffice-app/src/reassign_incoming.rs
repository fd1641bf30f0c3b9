//! A unit head passes the unit's part to specialists of the unit, keeping
//! the unit's deadline or a shorter one.

use crate::dto::HandlingView;
use crate::handling_step::date_of;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_domain::handling::HandlingCommand;

impl Eoffice {
    pub fn reassign_incoming(
        &mut self,
        actor: &str,
        id: &str,
        lead: &str,
        helpers: &[String],
        deadline: Option<&str>,
    ) -> AppResult<HandlingView> {
        let me = self.person_for(actor)?;
        let unit = me.unit.clone().ok_or_else(|| {
            AppError::new(
                ErrorCode::Forbidden,
                "Bạn không thuộc đơn vị nào nên không giao lại được.",
                "you belong to no unit",
            )
        })?;
        let deadline = match deadline.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(date_of(d)?),
            None => None,
        };
        self.handling_step(
            actor,
            id,
            HandlingCommand::Reassign {
                unit,
                lead: lead.trim().to_string(),
                helpers: helpers.to_vec(),
                deadline,
            },
        )
    }
}
