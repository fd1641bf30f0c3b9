//! Trình: the clerk presents a registered document to a leader the same
//! day, with an optional proposal of who should handle it (domain.md §6.3).

use crate::dto::HandlingView;
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::handling::HandlingCommand;

impl Eoffice {
    pub fn present_incoming(
        &mut self,
        actor: &str,
        id: &str,
        to: &str,
        propose: &[String],
    ) -> AppResult<HandlingView> {
        let dir = self.directory()?;
        let proposal = propose
            .iter()
            .map(|w| dir.resolve(w).ok_or_else(|| unknown_who(w)))
            .collect::<AppResult<Vec<_>>>()?;
        self.handling_step(
            actor,
            id,
            HandlingCommand::Present {
                to: to.trim().to_string(),
                proposal,
            },
        )
    }
}

pub(crate) fn unknown_who(w: &str) -> AppError {
    AppError::invalid(
        format!("Không có người dùng hay đơn vị “{w}” trong cơ quan."),
        format!("{w:?} is neither a username nor a unit code of the agency"),
    )
}
