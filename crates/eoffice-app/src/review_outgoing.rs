//! Trình, duyệt, chuyển lại: the author submits the draft; the head of the
//! drafting unit reviews it, then the signer approves it; either sends it
//! back to the author with a reason (domain.md §7). Who may take each step
//! is the domain's `outgoing::decide`.

use crate::dto::OutgoingDocument;
use crate::{AppResult, Eoffice};
use eoffice_domain::outgoing::OutgoingCommand;

impl Eoffice {
    pub fn submit_outgoing(&mut self, actor: &str, id: &str) -> AppResult<OutgoingDocument> {
        self.outgoing_step(actor, id, &OutgoingCommand::Submit)
    }

    /// The review of the unit head or the approval of the signer,
    /// whichever the draft waits for.
    pub fn approve_outgoing(&mut self, actor: &str, id: &str) -> AppResult<OutgoingDocument> {
        self.outgoing_step(actor, id, &OutgoingCommand::Approve)
    }

    pub fn send_back_outgoing(
        &mut self,
        actor: &str,
        id: &str,
        reason: &str,
    ) -> AppResult<OutgoingDocument> {
        self.outgoing_step(
            actor,
            id,
            &OutgoingCommand::SendBack {
                reason: reason.to_string(),
            },
        )
    }
}
