//! `eoffice outgoing …` (issue 8): draft, version, comment, submit,
//! approve, send-back, sign, issue, list, show, pdf. JSON output is the
//! `OutgoingDocument` DTO the window reads too.

use crate::args::*;
use crate::key_cli::{open_key, time_stamper};
use crate::output::print_json;
use crate::read_file;
use eoffice_app::dto::OutgoingDocument;
use eoffice_app::{AppError, AppResult, DraftInput, Eoffice, OutgoingQueue};
use eoffice_sign::cms_signature::TimeStamper;

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "du-thao.pdf".into())
}

fn show(d: &OutgoingDocument, json: bool) {
    if json {
        print_json(d);
        return;
    }
    println!("{} — {}: {}", d.id, d.type_name, d.subject);
    println!("Trạng thái: {}", d.stage_label);
    if let Some(c) = &d.code {
        println!(
            "Số, ký hiệu: {c}, ngày {}",
            d.issued_date.as_deref().unwrap_or("")
        );
    }
    if let Some(r) = &d.sent_back_reason {
        println!("Chuyển lại: {r}");
    }
    for s in &d.timeline {
        println!(
            "{}  {}  {}{}",
            s.at,
            s.by,
            s.label,
            s.note
                .as_ref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
    }
}

pub fn run(app: &mut Eoffice, actor: &str, cmd: &OutgoingCmd) -> AppResult<bool> {
    match cmd {
        OutgoingCmd::Draft(a) => {
            let bytes = read_file(&a.file)?;
            let d = app.draft_outgoing(
                actor,
                &file_name(&a.file),
                &bytes,
                &DraftInput {
                    doc_type: a.doc_type.clone(),
                    normative: a.normative,
                    subject: a.subject.clone(),
                    recipients: a.to.clone(),
                    signer: a.signer.clone(),
                    urgency: a.urgency.clone(),
                    secrecy: a.secrecy.clone(),
                },
            )?;
            show(&d, a.json);
        }
        OutgoingCmd::Version(a) => {
            let bytes = read_file(&a.file)?;
            let d = app.add_outgoing_version(actor, &a.id, &file_name(&a.file), &bytes)?;
            show(&d, a.json);
        }
        OutgoingCmd::Comment(a) => show(&app.comment_outgoing(actor, &a.id, &a.text)?, a.json),
        OutgoingCmd::Submit(a) => show(&app.submit_outgoing(actor, &a.id)?, a.json),
        OutgoingCmd::Approve(a) => show(&app.approve_outgoing(actor, &a.id)?, a.json),
        OutgoingCmd::SendBack(a) => {
            let reason = a.reason.as_deref().unwrap_or("");
            show(&app.send_back_outgoing(actor, &a.id, reason)?, a.json)
        }
        OutgoingCmd::Sign(a) => {
            let image = a.image.as_deref().map(read_file).transpose()?;
            let key = open_key(&a.key)?;
            let tsa = time_stamper(&a.key)?;
            let r = app.sign_outgoing_batch(
                actor,
                &a.ids,
                key.as_ref(),
                image.as_deref(),
                tsa.as_ref().map(|t| t as &dyn TimeStamper),
                &mut |p| {
                    if !a.json {
                        eprintln!(
                            "[{}/{}] {} {}",
                            p.done,
                            p.total,
                            p.id,
                            if p.ok { "đã ký" } else { "lỗi" }
                        );
                    }
                },
            )?;
            if a.json {
                print_json(&r);
            } else {
                for i in &r.items {
                    if let Some(e) = &i.error {
                        println!("✘ {}: {e}", i.id);
                    }
                }
                println!("Đã ký {} văn bản, lỗi {}.", r.signed, r.failed);
            }
            return Ok(r.failed == 0);
        }
        OutgoingCmd::Issue(a) => {
            let seal = a.seal.as_deref().map(read_file).transpose()?;
            let needs_key = a.key.p12.is_some() || a.key.pkcs11.is_some() || a.key.remote.is_some();
            let key = needs_key.then(|| open_key(&a.key)).transpose()?;
            let tsa = time_stamper(&a.key)?;
            let d = app.issue_outgoing(
                actor,
                &a.id,
                key.as_deref().map(|k| k as &dyn eoffice_sign::SignerKey),
                seal.as_deref(),
                tsa.as_ref().map(|t| t as &dyn TimeStamper),
            )?;
            show(&d, a.json);
        }
        OutgoingCmd::List(a) => {
            let docs = app.list_outgoing(actor, OutgoingQueue::parse(&a.queue)?)?;
            if a.json {
                print_json(&docs);
            } else {
                for d in &docs {
                    println!(
                        "{}  {}  {}  {}",
                        d.id,
                        d.code.as_deref().unwrap_or("—"),
                        d.stage_label,
                        d.subject
                    );
                }
            }
        }
        OutgoingCmd::Show(a) => show(&app.show_outgoing(actor, &a.id)?, a.json),
        OutgoingCmd::Pdf(a) => {
            let pdf = app.outgoing_pdf(actor, &a.id)?;
            std::fs::write(&a.out, pdf).map_err(|e| {
                AppError::invalid(
                    format!("Không ghi được tệp {}.", a.out.display()),
                    format!("cannot write {}: {e}", a.out.display()),
                )
            })?;
        }
    }
    Ok(true)
}
