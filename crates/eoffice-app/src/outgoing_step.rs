//! The one path every outgoing use case takes: load the draft, let the
//! domain decide for the person, fold and save the state, and write each
//! event, all in one transaction. The use cases (draft_outgoing,
//! review_outgoing, sign_outgoing, issue_outgoing) build the command and
//! prepare any file it names before calling this.

use crate::dto::{DraftComment, DraftVersion, OutgoingDocument, OutgoingStep};
use crate::event_log::{record, Actor};
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_domain::outgoing::{
    decide, Context, Draft, OutgoingCommand, OutgoingError, OutgoingEvent,
};
use eoffice_domain::EventKind;
use eoffice_store::{events, outgoing};
use rusqlite::{Connection, TransactionBehavior};

pub(crate) fn outgoing_err(e: OutgoingError) -> AppError {
    let code = if e.is_refusal() {
        ErrorCode::Forbidden
    } else if matches!(
        e,
        OutgoingError::Required(_)
            | OutgoingError::NotNormative(_)
            | OutgoingError::UnknownSigner(_)
    ) {
        ErrorCode::InvalidInput
    } else if matches!(e, OutgoingError::NoDraft) {
        return AppError::not_found("dự thảo", "draft", "");
    } else {
        ErrorCode::InvalidState
    };
    AppError::new(code, e.message_vi(), e.to_string())
}

/// What a command builder may use inside the step's transaction.
pub(crate) struct StepEnv<'a> {
    pub conn: &'a Connection,
    pub blobs: &'a eoffice_store::BlobStore,
    pub agency: &'a eoffice_store::agency::AgencyRow,
    pub now: chrono::DateTime<chrono::FixedOffset>,
}

pub(crate) fn load(conn: &Connection, id: &str) -> AppResult<Draft> {
    outgoing::get(conn, id)?
        .map(|r| r.draft)
        .ok_or_else(|| AppError::not_found("văn bản đi", "outgoing document", id))
}

impl Eoffice {
    /// Decides `cmd` for `actor` on draft `id` (none yet for `Draft`), and
    /// commits the events with the new state.
    pub(crate) fn outgoing_step(
        &mut self,
        actor: &str,
        id: &str,
        cmd: &OutgoingCommand,
    ) -> AppResult<OutgoingDocument> {
        self.outgoing_step_with(actor, id, |_, _| Ok(cmd.clone()))
    }

    /// As `outgoing_step`, with the command built inside the transaction
    /// from the current state (the issue takes its number there, so two
    /// clerks can never take the same one).
    pub(crate) fn outgoing_step_with(
        &mut self,
        actor: &str,
        id: &str,
        build: impl FnOnce(&StepEnv, Option<&Draft>) -> AppResult<OutgoingCommand>,
    ) -> AppResult<OutgoingDocument> {
        let now = self.clock.now();
        let person = self.person_for(actor)?;
        let directory = self.directory()?;
        let who: Actor = self.actor_for(actor)?;
        let agency = self.agency()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = outgoing::get(&tx, id)?.map(|r| r.draft);
        let env = StepEnv {
            conn: &tx,
            blobs: &self.blobs,
            agency: &agency,
            now,
        };
        let cmd = build(&env, current.as_ref())?;
        let cx = Context {
            directory: &directory,
            actor: &person,
            at: now,
        };
        let evs = decide(current.as_ref(), &cmd, &cx).map_err(outgoing_err)?;
        let mut state = current;
        for ev in &evs {
            match &mut state {
                None => state = Draft::start(id, ev),
                Some(d) => d.apply(ev),
            }
            record(
                &tx,
                &agency.id,
                &who,
                now,
                id,
                ev.kind(),
                serde_json::to_value(ev).expect("events serialise"),
            )?;
        }
        let d = state.expect("a draft exists after its first event");
        outgoing::save(&tx, &agency.id, &d, &now.to_rfc3339())?;
        let doc = document(&tx, &d, &now.to_rfc3339())?;
        tx.commit()?;
        Ok(doc)
    }

    pub fn show_outgoing(&self, actor: &str, id: &str) -> AppResult<OutgoingDocument> {
        let _ = self.person_for(actor)?;
        let row = outgoing::get(&self.conn, id)?
            .ok_or_else(|| AppError::not_found("văn bản đi", "outgoing document", id))?;
        document(&self.conn, &row.draft, &row.updated_at)
    }

    /// The PDF a reader of the outgoing document opens now.
    pub fn outgoing_pdf(&self, actor: &str, id: &str) -> AppResult<Vec<u8>> {
        let doc = self.show_outgoing(actor, id)?;
        Ok(self.blobs.get(&doc.pdf)?)
    }
}

/// The PDF a reader opens at each stage.
pub(crate) fn current_pdf(d: &Draft) -> &str {
    d.issue
        .as_ref()
        .and_then(|i| i.pdf.as_deref())
        .or(d.signed_pdf.as_deref())
        .unwrap_or(&d.current().pdf)
}

pub(crate) fn document(
    conn: &Connection,
    d: &Draft,
    updated_at: &str,
) -> AppResult<OutgoingDocument> {
    let mut doc = summary(d, updated_at);
    doc.recalled_at = conn.query_row(
        "SELECT recalled_at FROM outgoing WHERE id = ?1",
        [&d.id],
        |r| r.get(0),
    )?;
    doc.timeline = events::for_stream(conn, &d.id)?
        .into_iter()
        .filter_map(|e| {
            let kind = EventKind::from_name(&e.command)?;
            let ev: OutgoingEvent = serde_json::from_value(e.payload).ok()?;
            let note = match ev {
                OutgoingEvent::Drafted { version, .. }
                | OutgoingEvent::VersionAdded { version } => {
                    Some(format!("Phiên bản {}: {}", version.no, version.file_name))
                }
                OutgoingEvent::Commented { comment } => Some(comment.text),
                OutgoingEvent::SentBack { reason, .. } => Some(reason),
                OutgoingEvent::Issued { issue, .. } => Some(format!("Số {}", issue.symbol)),
                _ => None,
            };
            Some(OutgoingStep {
                at: e.at,
                by: e.actor_name,
                command: e.command,
                label: kind.label().to_string(),
                note,
            })
        })
        .collect();
    Ok(doc)
}

/// The document without its timeline, for lists.
pub(crate) fn summary(d: &Draft, updated_at: &str) -> OutgoingDocument {
    OutgoingDocument {
        id: d.id.clone(),
        stage: d.stage.code().to_string(),
        stage_label: d.stage.label().to_string(),
        type_name: d.meta.doc_type.name().to_string(),
        type_code: d.meta.doc_type.code().map(str::to_string),
        normative: d.meta.normative,
        subject: d.meta.subject.clone(),
        recipients: d.meta.recipients.clone(),
        author: d.author.clone(),
        unit: d.meta.unit.clone(),
        reviewer: d.reviewer.clone(),
        signer: d.meta.signer.clone(),
        priority: d.meta.urgency.priority(),
        secrecy: d.meta.secrecy.map(|s| s.code().to_string()),
        may_e_sign: d.may_e_sign(),
        sent_back_reason: d.sent_back.clone(),
        code: d.issue.as_ref().map(|i| i.symbol.clone()),
        number: d.issue.as_ref().map(|i| i.number),
        issued_date: d.issue.as_ref().map(|i| i.date.to_string()),
        book_id: d.issue.as_ref().map(|i| i.book_id.clone()),
        pdf: current_pdf(d).to_string(),
        versions: d
            .versions
            .iter()
            .map(|v| DraftVersion {
                no: v.no,
                file_name: v.file_name.clone(),
                pdf: v.pdf.clone(),
                source: v.source.clone(),
                by: v.by.clone(),
                at: v.at.to_rfc3339(),
            })
            .collect(),
        comments: d
            .comments
            .iter()
            .map(|c| DraftComment {
                version: c.version,
                by: c.by.clone(),
                at: c.at.to_rfc3339(),
                text: c.text.clone(),
            })
            .collect(),
        timeline: Vec::new(),
        updated_at: updated_at.to_string(),
        recalled_at: None,
    }
}
