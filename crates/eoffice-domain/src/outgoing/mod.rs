//! Outgoing documents (domain.md §7): a draft (dự thảo) with versions and
//! comments, reviewed by the head of the drafting unit, approved and
//! signed by the signer, then numbered, dated and sealed by the clerk and
//! written in the outgoing book. One state machine: `decide` checks a
//! person's command against the state and yields events; `Draft::apply`
//! folds them, so the timeline and the state can never disagree.
//!
//! Invariants (tests in `tests.rs`):
//! - only the author adds a version, and only while the draft is with them;
//! - a step belongs to one person (the reviewer, the signer, the clerk) and
//!   nobody else can take it;
//! - a secret document is never signed electronically (§4): it is issued
//!   on paper straight after approval;
//! - a number is issued once, to a signed (or secret, approved) draft.

mod decide;
mod error;
mod symbol;
#[cfg(test)]
mod tests;

pub use decide::{decide, Context};
pub use error::OutgoingError;
pub use symbol::{outgoing_symbol, SymbolParts};

use crate::doc_type::DocumentType;
use crate::urgency::{Secrecy, Urgency};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a draft stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// With its author: being written, or sent back.
    Drafting,
    /// Submitted; the head of the drafting unit reviews it.
    InReview,
    /// Reviewed; waiting for the signer's approval (trình ký).
    AwaitingApproval,
    /// Approved; waiting for the signer's digital signature (chờ ký).
    Approved,
    /// Signed by the signer; waiting for the clerk to issue it.
    Signed,
    /// Numbered, dated, sealed and in the outgoing book (phát hành).
    Issued,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Drafting,
        Stage::InReview,
        Stage::AwaitingApproval,
        Stage::Approved,
        Stage::Signed,
        Stage::Issued,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Drafting => "drafting",
            Stage::InReview => "in_review",
            Stage::AwaitingApproval => "awaiting_approval",
            Stage::Approved => "approved",
            Stage::Signed => "signed",
            Stage::Issued => "issued",
        }
    }

    pub fn from_code(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Drafting => "Đang soạn thảo",
            Stage::InReview => "Chờ lãnh đạo phòng duyệt",
            Stage::AwaitingApproval => "Trình ký",
            Stage::Approved => "Chờ ký",
            Stage::Signed => "Đã ký, chờ phát hành",
            Stage::Issued => "Đã phát hành",
        }
    }
}

/// What the draft is, as the author describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftMeta {
    pub doc_type: DocumentType,
    /// Văn bản quy phạm pháp luật: its own book, the year in the symbol.
    pub normative: bool,
    pub subject: String,
    /// Nơi nhận.
    pub recipients: Vec<String>,
    /// The username of the person who signs; any leader when `None`.
    pub signer: Option<String>,
    pub urgency: Urgency,
    pub secrecy: Option<Secrecy>,
    /// The drafting unit's code: the second part of a công văn's symbol.
    pub unit: Option<String>,
}

/// One uploaded version. `pdf` is what is shown and what will be signed;
/// `source` is the DOCX/ODT it was converted from, kept as uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub no: u32,
    pub pdf: String,
    pub source: Option<String>,
    pub file_name: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub version: u32,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub text: String,
}

/// The number the clerk issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub book_id: String,
    pub number: u32,
    /// `45/QĐ-UBND`, `123/UBND-VP`, `25/2026/QĐ-UBND`.
    pub symbol: String,
    pub date: NaiveDate,
    /// The issued PDF (number, date and the agency's signature); `None`
    /// for a secret document, issued on paper.
    pub pdf: Option<String>,
    pub by: String,
}

/// The folded state of one outgoing document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub stage: Stage,
    pub meta: DraftMeta,
    pub author: String,
    pub versions: Vec<Version>,
    pub comments: Vec<Comment>,
    /// The unit head who reviews it, chosen at submission.
    pub reviewer: Option<String>,
    pub approved_by: Option<String>,
    /// Why it was last sent back, until the author answers with a version.
    pub sent_back: Option<String>,
    /// The PDF with the signer's signature.
    pub signed_pdf: Option<String>,
    pub signed_by: Option<String>,
    pub issue: Option<Issue>,
}

impl Draft {
    pub fn current(&self) -> &Version {
        self.versions.last().expect("a draft has its first version")
    }

    /// Whether this document may be signed electronically (§4).
    pub fn may_e_sign(&self) -> bool {
        Secrecy::allows_network_or_e_signature(self.meta.secrecy)
    }

    /// The event's effect. `Drafted` starts a state; `apply` on any other
    /// event takes the state `decide` accepted it for.
    pub fn start(id: &str, ev: &OutgoingEvent) -> Option<Draft> {
        match ev {
            OutgoingEvent::Drafted { meta, version } => Some(Draft {
                id: id.to_string(),
                stage: Stage::Drafting,
                meta: meta.clone(),
                author: version.by.clone(),
                versions: vec![version.clone()],
                comments: Vec::new(),
                reviewer: None,
                approved_by: None,
                sent_back: None,
                signed_pdf: None,
                signed_by: None,
                issue: None,
            }),
            _ => None,
        }
    }

    pub fn apply(&mut self, ev: &OutgoingEvent) {
        match ev {
            OutgoingEvent::Drafted { .. } => {}
            OutgoingEvent::VersionAdded { version } => {
                self.versions.push(version.clone());
                self.sent_back = None;
            }
            OutgoingEvent::Commented { comment } => self.comments.push(comment.clone()),
            OutgoingEvent::Submitted { reviewer, .. } => {
                self.reviewer = reviewer.clone();
                self.sent_back = None;
                self.stage = if reviewer.is_some() {
                    Stage::InReview
                } else {
                    Stage::AwaitingApproval
                };
            }
            OutgoingEvent::Reviewed { .. } => self.stage = Stage::AwaitingApproval,
            OutgoingEvent::Approved { by, .. } => {
                self.approved_by = Some(by.clone());
                if self.meta.signer.is_none() {
                    self.meta.signer = Some(by.clone());
                }
                self.stage = Stage::Approved;
            }
            OutgoingEvent::SentBack { reason, .. } => {
                self.sent_back = Some(reason.clone());
                self.stage = Stage::Drafting;
            }
            OutgoingEvent::Signed { by, pdf, .. } => {
                self.signed_by = Some(by.clone());
                self.signed_pdf = Some(pdf.clone());
                self.stage = Stage::Signed;
            }
            OutgoingEvent::Issued { issue, .. } => {
                self.issue = Some(issue.clone());
                self.stage = Stage::Issued;
            }
        }
    }
}

/// What happened to an outgoing document; the log stores these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutgoingEvent {
    Drafted {
        meta: DraftMeta,
        version: Version,
    },
    VersionAdded {
        version: Version,
    },
    Commented {
        comment: Comment,
    },
    Submitted {
        by: String,
        at: DateTime<FixedOffset>,
        reviewer: Option<String>,
    },
    Reviewed {
        by: String,
        at: DateTime<FixedOffset>,
    },
    Approved {
        by: String,
        at: DateTime<FixedOffset>,
    },
    SentBack {
        by: String,
        at: DateTime<FixedOffset>,
        reason: String,
    },
    Signed {
        by: String,
        at: DateTime<FixedOffset>,
        pdf: String,
    },
    Issued {
        at: DateTime<FixedOffset>,
        issue: Issue,
    },
}

impl OutgoingEvent {
    pub fn kind(&self) -> crate::EventKind {
        use crate::EventKind as K;
        match self {
            OutgoingEvent::Drafted { .. } => K::OutgoingDrafted,
            OutgoingEvent::VersionAdded { .. } => K::OutgoingVersionAdded,
            OutgoingEvent::Commented { .. } => K::OutgoingCommented,
            OutgoingEvent::Submitted { .. } => K::OutgoingSubmitted,
            OutgoingEvent::Reviewed { .. } => K::OutgoingReviewed,
            OutgoingEvent::Approved { .. } => K::OutgoingApproved,
            OutgoingEvent::SentBack { .. } => K::OutgoingSentBack,
            OutgoingEvent::Signed { .. } => K::OutgoingSigned,
            OutgoingEvent::Issued { .. } => K::OutgoingIssued,
        }
    }
}

/// What a person asks of an outgoing document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutgoingCommand {
    Draft {
        meta: DraftMeta,
        pdf: String,
        source: Option<String>,
        file_name: String,
    },
    AddVersion {
        pdf: String,
        source: Option<String>,
        file_name: String,
    },
    Comment {
        text: String,
    },
    Submit,
    /// The reviewer's or the signer's yes, whichever the stage waits for.
    Approve,
    SendBack {
        reason: String,
    },
    Sign {
        pdf: String,
    },
    Issue {
        book_id: String,
        number: u32,
        symbol: String,
        date: NaiveDate,
        pdf: Option<String>,
    },
}
