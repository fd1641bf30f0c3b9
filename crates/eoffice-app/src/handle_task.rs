//! The assignee's steps: report progress, ask for more time (and the
//! assigner's answer), send back with a reason, complete with a result.
//! A reply is a reference by number and symbol until outgoing documents
//! exist.

use crate::dto::HandlingView;
use crate::handling_step::date_of;
use crate::{AppResult, Eoffice};
use eoffice_domain::handling::HandlingCommand;

impl Eoffice {
    pub fn report_progress(
        &mut self,
        actor: &str,
        id: &str,
        note: &str,
        percent: Option<u8>,
    ) -> AppResult<HandlingView> {
        self.handling_step(
            actor,
            id,
            HandlingCommand::Progress {
                note: note.to_string(),
                percent,
                files: Vec::new(),
            },
        )
    }

    pub fn request_extension(
        &mut self,
        actor: &str,
        id: &str,
        until: &str,
        reason: &str,
    ) -> AppResult<HandlingView> {
        let until = date_of(until)?;
        self.handling_step(
            actor,
            id,
            HandlingCommand::RequestExtension {
                until,
                reason: reason.to_string(),
            },
        )
    }

    pub fn decide_extension(
        &mut self,
        actor: &str,
        id: &str,
        task: u32,
        accept: bool,
        note: Option<&str>,
    ) -> AppResult<HandlingView> {
        self.handling_step(
            actor,
            id,
            HandlingCommand::DecideExtension {
                task,
                accept,
                note: note.map(String::from),
            },
        )
    }

    pub fn send_back(&mut self, actor: &str, id: &str, reason: &str) -> AppResult<HandlingView> {
        self.handling_step(
            actor,
            id,
            HandlingCommand::SendBack {
                reason: reason.to_string(),
            },
        )
    }

    pub fn complete_task(
        &mut self,
        actor: &str,
        id: &str,
        result: &str,
        reply: Option<&str>,
    ) -> AppResult<HandlingView> {
        self.handling_step(
            actor,
            id,
            HandlingCommand::Complete {
                result: result.to_string(),
                reply: reply.map(String::from),
            },
        )
    }

    /// Recorded the first time an assignee opens the document.
    pub(crate) fn record_first_view(&mut self, actor: &str, id: &str) -> AppResult<()> {
        self.handling_step(actor, id, HandlingCommand::View)
            .map(|_| ())
    }
}
