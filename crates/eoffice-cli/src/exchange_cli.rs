//! `eoffice edxml …`, `send`, `receive` and `exchange …` (issue 9): the
//! document exchange for scripts and checks. JSON output uses the edXML
//! names for packages and the DTOs the window reads for the rest.

use crate::args::*;
use crate::output::print_json;
use crate::{date, read_file, read_password};
use eoffice_app::dto::{ExchangeOrgan, ExchangeRun, ReceivedItem, RecipientStatus};
use eoffice_app::{AppError, AppResult, Eoffice};

/// The agency's key when one is named; sending unsigned otherwise.
fn optional_key(k: &KeyArgs) -> AppResult<Option<Box<dyn eoffice_sign::SignerKey + Send>>> {
    if k.p12.is_none() && k.pkcs11.is_none() && k.remote.is_none() {
        return Ok(None);
    }
    crate::key_cli::open_key(k).map(Some)
}

pub fn parse(a: &EdxmlParseArgs) -> AppResult<bool> {
    let bytes = read_file(&a.file)?;
    let parsed = eoffice_app::parse_edxml::parse_edxml(&bytes)?;
    if a.json {
        print_json(&parsed);
        return Ok(true);
    }
    match &parsed.package {
        eoffice_edxml::Package::Edoc(e) => {
            let m = &e.message_header;
            println!("Văn bản điện tử: {} — {}", m.document_id, m.subject);
            println!("Cơ quan gửi: {} ({})", m.from.organ_name, m.from.organ_id);
            for t in &m.to {
                println!("Nơi nhận: {} ({})", t.organ_name, t.organ_id);
            }
            for at in &e.attachments {
                println!("Đính kèm: {} ({} byte)", at.attachment_name, at.data.len());
            }
        }
        eoffice_edxml::Package::Status(s) => {
            println!(
                "Trạng thái {} ({}) của {} cho văn bản {}",
                s.status_code.code(),
                s.status_code.label(),
                s.from.organ_name,
                s.response_for.document_id
            );
        }
    }
    if !parsed.national_axis_accepts {
        println!(
            "Cảnh báo: gói tin thiếu tiền tố edXML: ở {} phần tử; trục liên thông quốc gia sẽ từ chối.",
            parsed.unprefixed.len()
        );
    }
    Ok(true)
}

pub fn build(app: &mut Eoffice, a: &EdxmlBuildArgs) -> AppResult<bool> {
    let to = if a.to.is_empty() {
        app.exchange_organs()?
            .into_iter()
            .map(|o| o.organ_id)
            .collect::<Vec<_>>()
    } else {
        a.to.clone()
    };
    let built = app.build_edxml(
        &a.id,
        &to,
        &eoffice_app::build_edxml::PackageKind::new_document(),
    )?;
    let bytes = match optional_key(&a.key)? {
        Some(k) => eoffice_app::build_edxml::sign_built(&built.bytes, k.as_ref())?,
        None => built.bytes.clone(),
    };
    std::fs::write(&a.out, &bytes).map_err(|e| {
        AppError::invalid(
            format!("Không ghi được tệp {}.", a.out.display()),
            format!("cannot write {}: {e}", a.out.display()),
        )
    })?;
    if a.json {
        print_json(&serde_json::json!({
            "DocumentId": built.document_id.to_string(),
            "File": a.out,
            "Bytes": bytes.len(),
            "Signed": bytes.len() != built.bytes.len(),
            "To": built.recipients.iter().map(|r| &r.organ_id).collect::<Vec<_>>(),
        }));
    } else {
        println!(
            "Đã ghi gói tin {} ({} byte) vào {}",
            built.document_id,
            bytes.len(),
            a.out.display()
        );
    }
    Ok(true)
}

/// A run that left something owed says so on stderr, in both languages,
/// and exits 1; what it did is on stdout all the same.
fn report_failures(r: &ExchangeRun) -> bool {
    if r.errors.is_empty() {
        return true;
    }
    eprintln!(
        "error: {} exchange operation(s) failed; what is owed stays owed and the next run retries it",
        r.errors.len()
    );
    for e in &r.errors {
        eprintln!("lỗi: {e}");
    }
    false
}

fn run_text(r: &ExchangeRun) {
    for s in &r.sent {
        recipient_line(s);
    }
    for x in &r.received {
        println!(
            "Nhận {} {} từ {}: {}",
            x.message_type, x.document_id, x.from_organ, x.note
        );
    }
    if r.statuses_sent > 0 {
        println!("Đã gửi {} trạng thái xử lý", r.statuses_sent);
    }
    for e in &r.errors {
        println!("Lỗi: {e}");
    }
}

fn recipient_line(s: &RecipientStatus) {
    println!(
        "{:<16} {:<40} {:<9} {}{}",
        s.organ_id,
        s.organ_name,
        if s.sent_at.is_some() {
            "đã gửi"
        } else {
            "chưa gửi"
        },
        s.status_label,
        s.last_error
            .as_ref()
            .map(|e| format!(" — {e}"))
            .unwrap_or_default()
    );
}

fn queue_line(i: &ReceivedItem) {
    println!(
        "{}  {:<14} {:<30} {}  {}",
        i.id, i.state_label, i.from_name, i.document_id, i.subject
    );
}

pub fn run(app: &mut Eoffice, actor: &str, cmd: &crate::args::Command) -> AppResult<bool> {
    use crate::args::Command;
    match cmd {
        Command::Edxml(EdxmlCmd::Import(a)) => {
            let bytes = read_file(&a.file)?;
            let r = app.receive_package(&bytes)?;
            if a.json {
                print_json(&r);
            } else {
                println!("{} {}: {}", r.message_type, r.document_id, r.note);
            }
        }
        Command::Send(a) => {
            let key = optional_key(&a.key)?;
            let r = app.send_outgoing(&a.id, &a.to, key.as_deref().map(|k| k as _))?;
            if a.json {
                print_json(&r);
            } else {
                run_text(&r);
            }
            // Nothing left for a recipient: the script sees a failure.
            return Ok(report_failures(&r));
        }
        Command::Receive(a) => {
            let r = app.receive_exchange()?;
            if a.json {
                print_json(&r);
            } else {
                run_text(&r);
            }
            return Ok(report_failures(&r));
        }
        Command::Exchange(e) => exchange(app, actor, e)?,
        _ => unreachable!("only exchange commands come here"),
    }
    Ok(true)
}

fn exchange(app: &mut Eoffice, actor: &str, cmd: &ExchangeCmd) -> AppResult<()> {
    match cmd {
        ExchangeCmd::Connect(a) => {
            let secret = read_password()?;
            app.set_exchange_endpoint(actor, &a.route, &a.url, &a.system_id, &secret)?;
            if a.json {
                print_json(
                    &serde_json::json!({ "Route": a.route, "Url": a.url, "SystemId": a.system_id }),
                );
            } else {
                println!("Đã lưu kết nối liên thông {} ({})", a.route, a.url);
            }
        }
        ExchangeCmd::Organ(a) => {
            let o = ExchangeOrgan {
                organ_id: a.organ_id.clone(),
                name: a.name.clone(),
                address: a.address.clone(),
                email: a.email.clone(),
                route: a.route.clone(),
            };
            app.put_exchange_organ(actor, &o)?;
            if a.json {
                print_json(&o);
            } else {
                println!("Đã lưu {} ({}) vào danh bạ liên thông", o.name, o.organ_id);
            }
        }
        ExchangeCmd::Organs(a) => {
            let organs = app.exchange_organs()?;
            if a.json {
                print_json(&organs);
            } else {
                for o in organs {
                    println!("{:<16} {:<9} {}", o.organ_id, o.route, o.name);
                }
            }
        }
        ExchangeCmd::Queue(a) => {
            let items = app.received_queue(!a.all)?;
            if a.json {
                print_json(&items);
            } else {
                items.iter().for_each(queue_line);
            }
        }
        ExchangeCmd::Register(a) => {
            let doc = app.register_exchanged(
                actor,
                &a.id,
                date(&a.arrival_date, "Ngày đến")?,
                a.book.clone(),
            )?;
            if a.json {
                print_json(&doc);
            } else {
                println!(
                    "Đã vào sổ văn bản đến số {}, ngày {}",
                    doc.arrival_number.as_deref().unwrap_or("(chờ cấp số)"),
                    doc.arrival_date
                );
            }
        }
        ExchangeCmd::Return(a) => {
            app.return_exchanged(actor, &a.id, &a.reason)?;
            let item = app.received_item(&a.id)?;
            if a.json {
                print_json(&item);
            } else {
                println!("Đã trả lại văn bản: {}", a.reason);
            }
        }
        ExchangeCmd::Recipients(a) => {
            let r = app.recipients_of(&a.id)?;
            if a.json {
                print_json(&r);
            } else {
                r.iter().for_each(recipient_line);
            }
        }
        ExchangeCmd::Replace(a) => {
            let key = optional_key(&a.key)?;
            let r = app.replace_outgoing(&a.id, &a.replaces, key.as_deref().map(|k| k as _))?;
            if a.json {
                print_json(&r);
            } else {
                run_text(&r);
            }
        }
        ExchangeCmd::Recall(a) | ExchangeCmd::Update(a) => {
            let key = optional_key(&a.key)?;
            let key = key.as_deref().map(|k| k as _);
            let r = if matches!(cmd, ExchangeCmd::Recall(_)) {
                app.recall_outgoing(&a.id, &a.reason, key)?
            } else {
                app.update_outgoing(&a.id, &a.reason, key)?
            };
            if a.json {
                print_json(&r);
            } else {
                run_text(&r);
            }
        }
    }
    Ok(())
}
