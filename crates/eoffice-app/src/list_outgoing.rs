//! The outgoing queues: what waits for the person asking (their drafts,
//! reviews, approvals, "Chờ ký"), what waits for the clerk to issue, and
//! what has been issued.

use crate::dto::OutgoingDocument;
use crate::outgoing_step::summary;
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::outgoing::Stage;
use eoffice_store::outgoing::{self, OutgoingQuery};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutgoingQueue {
    /// Dự thảo của tôi: drafts with their author.
    Drafts,
    /// Chờ duyệt: in review by this unit head.
    Review,
    /// Trình ký: waiting for this signer's approval.
    Approval,
    /// Chờ ký: approved, waiting for this signer's signature.
    ToSign,
    /// Chờ phát hành: signed (or secret and approved), for the clerk.
    ToIssue,
    /// Đã phát hành.
    Issued,
    /// Everything, newest first (the detail search of a leader or clerk).
    All,
}

impl OutgoingQueue {
    pub fn parse(s: &str) -> AppResult<OutgoingQueue> {
        Ok(match s {
            "drafts" => OutgoingQueue::Drafts,
            "review" => OutgoingQueue::Review,
            "approval" => OutgoingQueue::Approval,
            "to_sign" => OutgoingQueue::ToSign,
            "to_issue" => OutgoingQueue::ToIssue,
            "issued" => OutgoingQueue::Issued,
            "all" => OutgoingQueue::All,
            _ => {
                return Err(AppError::invalid(
                    format!("Không có danh sách “{s}”."),
                    format!("unknown queue {s:?}: drafts, review, approval, to_sign, to_issue, issued or all"),
                ))
            }
        })
    }
}

impl Eoffice {
    pub fn list_outgoing(
        &self,
        actor: &str,
        queue: OutgoingQueue,
    ) -> AppResult<Vec<OutgoingDocument>> {
        let me = self.person_for(actor)?.username;
        let (stages, waiting_for) = match queue {
            OutgoingQueue::Drafts => (vec![Stage::Drafting], Some(me)),
            OutgoingQueue::Review => (vec![Stage::InReview], Some(me)),
            OutgoingQueue::Approval => (vec![Stage::AwaitingApproval], Some(me)),
            OutgoingQueue::ToSign => (vec![Stage::Approved], Some(me)),
            OutgoingQueue::ToIssue => (vec![Stage::Signed, Stage::Approved], None),
            OutgoingQueue::Issued => (vec![Stage::Issued], None),
            OutgoingQueue::All => (Vec::new(), None),
        };
        let rows = outgoing::list(
            &self.conn,
            &OutgoingQuery {
                stages,
                waiting_for,
                limit: 500,
            },
        )?;
        Ok(rows
            .iter()
            .filter(|r| match queue {
                // An approved document waits for the clerk only when it is
                // secret (issued on paper, never signed).
                OutgoingQueue::ToIssue => r.draft.stage == Stage::Signed || !r.draft.may_e_sign(),
                // The leader signs only what may be signed electronically.
                OutgoingQueue::ToSign => r.draft.may_e_sign(),
                _ => true,
            })
            .map(|r| summary(&r.draft, &r.updated_at))
            .collect())
    }
}

impl Eoffice {
    /// The outgoing book as the window shows it, in the columns the export
    /// prints (Appendix IV).
    pub fn outgoing_book(&self, book_id: &str) -> AppResult<crate::dto::BookTable> {
        let dir = self.directory()?;
        let rows = outgoing::in_book(&self.conn, book_id)?;
        Ok(crate::dto::BookTable {
            book_id: book_id.to_string(),
            columns: eoffice_domain::book_columns::OUTGOING_BOOK_COLUMNS
                .iter()
                .map(|c| c.to_string())
                .collect(),
            rows: rows
                .iter()
                .map(|r| crate::book_rows::outgoing_book_row(&r.draft, &dir))
                .collect(),
            ids: rows.iter().map(|r| r.draft.id.clone()).collect(),
        })
    }
}
