use super::{Comment, Draft, OutgoingCommand, OutgoingError, OutgoingEvent, Stage, Version};
use crate::directory::{Directory, Person};
use crate::role::Role;
use chrono::{DateTime, FixedOffset};

/// Who asks, among whom, and when.
pub struct Context<'a> {
    pub directory: &'a Directory,
    pub actor: &'a Person,
    pub at: DateTime<FixedOffset>,
}

pub fn decide(
    d: Option<&Draft>,
    cmd: &OutgoingCommand,
    cx: &Context,
) -> Result<Vec<OutgoingEvent>, OutgoingError> {
    use OutgoingCommand as C;
    let by = cx.actor.username.clone();
    let at = cx.at;
    let d = match (d, cmd) {
        (
            None,
            C::Draft {
                meta,
                pdf,
                source,
                file_name,
            },
        ) => {
            if cx.actor.role == Role::Admin {
                return Err(OutgoingError::AdminCannotDraft);
            }
            if meta.subject.trim().is_empty() {
                return Err(OutgoingError::Required("subject"));
            }
            if pdf.is_empty() {
                return Err(OutgoingError::Required("file"));
            }
            if meta.normative && !normative_allowed(meta.doc_type) {
                return Err(OutgoingError::NotNormative(meta.doc_type.name()));
            }
            if let Some(s) = &meta.signer {
                signer_of(cx.directory, s)?;
            }
            let mut meta = meta.clone();
            meta.normative |= meta.doc_type.is_legal_normative();
            meta.subject = meta.subject.trim().to_string();
            if meta.unit.is_none() {
                meta.unit = cx.actor.unit.clone();
            }
            return Ok(vec![OutgoingEvent::Drafted {
                meta,
                version: Version {
                    no: 1,
                    pdf: pdf.clone(),
                    source: source.clone(),
                    file_name: file_name.clone(),
                    by,
                    at,
                },
            }]);
        }
        (Some(_), C::Draft { .. }) => return Err(OutgoingError::AlreadyDrafted),
        (None, _) => return Err(OutgoingError::NoDraft),
        (Some(d), _) => d,
    };
    match cmd {
        C::Draft { .. } => unreachable!("handled above"),
        C::AddVersion {
            pdf,
            source,
            file_name,
        } => {
            author_drafting(d, &by)?;
            if pdf.is_empty() {
                return Err(OutgoingError::Required("file"));
            }
            Ok(vec![OutgoingEvent::VersionAdded {
                version: Version {
                    no: d.current().no + 1,
                    pdf: pdf.clone(),
                    source: source.clone(),
                    file_name: file_name.clone(),
                    by,
                    at,
                },
            }])
        }
        C::Comment { text } => {
            if d.stage == Stage::Issued {
                return Err(OutgoingError::WrongStage(d.stage.label()));
            }
            if cx.actor.role == Role::Admin {
                return Err(OutgoingError::AdminCannotDraft);
            }
            if text.trim().is_empty() {
                return Err(OutgoingError::Required("comment"));
            }
            Ok(vec![OutgoingEvent::Commented {
                comment: Comment {
                    version: d.current().no,
                    by,
                    at,
                    text: text.trim().to_string(),
                },
            }])
        }
        C::Submit => {
            author_drafting(d, &by)?;
            let reviewer = reviewer_for(cx.directory, &d.author, d.meta.unit.as_deref());
            Ok(vec![OutgoingEvent::Submitted { by, at, reviewer }])
        }
        C::Approve => match d.stage {
            Stage::InReview => {
                is_reviewer(d, &by)?;
                Ok(vec![OutgoingEvent::Reviewed { by, at }])
            }
            Stage::AwaitingApproval => {
                is_signer(d, cx)?;
                Ok(vec![OutgoingEvent::Approved { by, at }])
            }
            s => Err(OutgoingError::WrongStage(s.label())),
        },
        C::SendBack { reason } => {
            match d.stage {
                Stage::InReview => is_reviewer(d, &by)?,
                Stage::AwaitingApproval | Stage::Approved => is_signer(d, cx)?,
                s => return Err(OutgoingError::WrongStage(s.label())),
            }
            if reason.trim().is_empty() {
                return Err(OutgoingError::Required("reason"));
            }
            Ok(vec![OutgoingEvent::SentBack {
                by,
                at,
                reason: reason.trim().to_string(),
            }])
        }
        C::Sign { pdf } => {
            if !d.may_e_sign() {
                return Err(OutgoingError::SecretNotSigned);
            }
            if d.stage != Stage::Approved {
                return Err(OutgoingError::WrongStage(d.stage.label()));
            }
            is_signer(d, cx)?;
            Ok(vec![OutgoingEvent::Signed {
                by,
                at,
                pdf: pdf.clone(),
            }])
        }
        C::Issue {
            book_id,
            number,
            symbol,
            date,
            pdf,
        } => {
            if cx.actor.role != Role::Clerk {
                return Err(OutgoingError::OnlyClerkIssues);
            }
            // A secret document goes out on paper after approval; every
            // other one only once its signer has signed it.
            let ready = if d.may_e_sign() {
                d.stage == Stage::Signed
            } else {
                d.stage == Stage::Approved
            };
            if !ready {
                return Err(OutgoingError::WrongStage(d.stage.label()));
            }
            if pdf.is_some() && !d.may_e_sign() {
                return Err(OutgoingError::SecretNotSigned);
            }
            Ok(vec![OutgoingEvent::Issued {
                at,
                issue: super::Issue {
                    book_id: book_id.clone(),
                    number: *number,
                    symbol: symbol.clone(),
                    date: *date,
                    pdf: pdf.clone(),
                    by,
                },
            }])
        }
    }
}

/// Types whose legal normative form exists (Law on Promulgation of Legal
/// Documents): resolutions, decisions and directives of local bodies, and
/// the central normative types.
fn normative_allowed(t: crate::DocumentType) -> bool {
    use crate::DocumentType as T;
    t.is_legal_normative() || matches!(t, T::NghiQuyet | T::QuyetDinh | T::ChiThi)
}

fn author_drafting(d: &Draft, by: &str) -> Result<(), OutgoingError> {
    if d.author != by {
        return Err(OutgoingError::NotTheAuthor(d.author.clone()));
    }
    if d.stage != Stage::Drafting {
        return Err(OutgoingError::WrongStage(d.stage.label()));
    }
    Ok(())
}

fn is_reviewer(d: &Draft, by: &str) -> Result<(), OutgoingError> {
    match &d.reviewer {
        Some(r) if r == by => Ok(()),
        Some(r) => Err(OutgoingError::NotTheReviewer(r.clone())),
        None => Err(OutgoingError::WrongStage(d.stage.label())),
    }
}

/// The named signer, or any leader when the draft names none.
fn is_signer(d: &Draft, cx: &Context) -> Result<(), OutgoingError> {
    match &d.meta.signer {
        Some(s) if *s == cx.actor.username => Ok(()),
        Some(s) => Err(OutgoingError::NotTheSigner(s.clone())),
        None if cx.actor.role == Role::Leader => Ok(()),
        None => Err(OutgoingError::NotALeader(cx.actor.username.clone())),
    }
}

fn signer_of<'a>(dir: &'a Directory, username: &str) -> Result<&'a Person, OutgoingError> {
    let p = dir
        .person(username)
        .ok_or_else(|| OutgoingError::UnknownSigner(username.to_string()))?;
    if !matches!(p.role, Role::Leader | Role::UnitHead) {
        return Err(OutgoingError::NotALeader(username.to_string()));
    }
    Ok(p)
}

/// The head of the drafting unit, unless the author is that head (or the
/// unit has none): then the draft goes straight to the signer.
fn reviewer_for(dir: &Directory, author: &str, unit: Option<&str>) -> Option<String> {
    let unit = unit?;
    dir.people
        .iter()
        .find(|p| p.role == Role::UnitHead && p.unit.as_deref() == Some(unit))
        .filter(|p| p.username != author)
        .map(|p| p.username.clone())
}
