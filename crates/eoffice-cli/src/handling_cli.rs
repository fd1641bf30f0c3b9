//! The handling commands (issue 7): present, assign, forward, reassign,
//! progress, extension, complete, send-back, tasks, handling, report,
//! working-days, user, unit, holidays, dashboard.

use crate::args::*;
use crate::output::print_json;
use eoffice_app::dto::{AssignInput, AssigneeInput, HandlingView, QueueItem};
use eoffice_app::{AppError, AppResult, Eoffice, ExportFormat, NewUser, Queue};

fn view_text(v: &HandlingView) {
    println!("Trạng thái: {}", v.stage_label);
    if let Some(l) = &v.leader {
        println!("Lãnh đạo: {}", l.name);
    }
    if let Some(i) = &v.instruction {
        println!("Ý kiến chỉ đạo: {i}");
    }
    if let Some(d) = &v.deadline {
        println!("Hạn xử lý: {d}");
    }
    for t in &v.tasks {
        println!(
            "  [{}] {} — {} — {}{}",
            t.no,
            t.part_label,
            t.party.name,
            t.state_label,
            t.deadline
                .as_ref()
                .map(|d| format!(" (hạn {d})"))
                .unwrap_or_default()
        );
    }
    for e in &v.trace {
        println!(
            "{}  {}  {}{}",
            e.at,
            e.by_name,
            e.label,
            e.text
                .as_ref()
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        );
    }
}

fn queue_text(items: &[QueueItem]) {
    for i in items {
        let tone = match i.tone.as_deref() {
            Some("overdue") => " [QUÁ HẠN]",
            Some("due_soon") => " [sắp đến hạn]",
            _ => "",
        };
        println!(
            "{}\t{}\t{}/{}\t{}\t{}{}",
            i.arrival_number,
            i.deadline.as_deref().unwrap_or("—"),
            i.code_number.as_deref().unwrap_or(""),
            i.code_notation.as_deref().unwrap_or(""),
            i.subject,
            i.part_label.as_deref().unwrap_or(&i.stage_label),
            tone
        );
    }
    println!("{} văn bản", items.len());
}

/// Connected, a step goes to the server at once when it answers (as
/// `register` does); offline it waits in the outbox.
fn synced(app: &mut Eoffice, actor: &str, v: HandlingView) -> HandlingView {
    if !app.is_connected().unwrap_or(false) {
        return v;
    }
    match app.sync_now(&mut |_| {}) {
        Ok(_) => app.show_handling(actor, &v.document_id).unwrap_or(v),
        Err(_) => v,
    }
}

fn show(v: &HandlingView, json: bool) {
    if json {
        print_json(v);
    } else {
        view_text(v);
    }
}

/// WHO or WHO@YYYY-MM-DD.
fn assignee(s: &str) -> AssigneeInput {
    match s.split_once('@') {
        Some((w, d)) => AssigneeInput {
            who: w.to_string(),
            deadline: Some(d.to_string()),
        },
        None => AssigneeInput {
            who: s.to_string(),
            deadline: None,
        },
    }
}

pub fn run(
    app: &mut Eoffice,
    actor: &str,
    cmd: Command,
    read_password: fn() -> AppResult<String>,
) -> AppResult<()> {
    match cmd {
        Command::Present(a) => {
            let v = app.present_incoming(actor, &a.id, &a.to, &a.propose)?;
            show(&synced(app, actor, v), a.json)
        }
        Command::Assign(a) => {
            let input = AssignInput {
                instruction: a.instruction,
                lead: assignee(&a.lead),
                coordinate: a.coordinate.iter().map(|c| assignee(c)).collect(),
                inform: a.inform,
                deadline: a.deadline,
                working_days: a.working_days,
            };
            let v = app.assign_incoming(actor, &a.id, &input)?;
            show(&synced(app, actor, v), a.json)
        }
        Command::Forward(a) => {
            let v = if a.for_information {
                app.mark_for_information(actor, &a.id, a.note.as_deref())?
            } else {
                app.forward_incoming(
                    actor,
                    &a.id,
                    a.to.as_deref().unwrap_or(""),
                    a.note.as_deref(),
                )?
            };
            show(&synced(app, actor, v), a.json)
        }
        Command::Reassign(a) => {
            let v = app.reassign_incoming(actor, &a.id, &a.to, &a.helper, a.deadline.as_deref())?;
            show(&synced(app, actor, v), a.json)
        }
        Command::Progress(a) => {
            let v = app.report_progress(actor, &a.id, &a.note, a.percent)?;
            show(&synced(app, actor, v), a.json)
        }
        Command::Extension(a) => {
            let v = match (a.until, a.task) {
                (Some(until), None) => app.request_extension(
                    actor,
                    &a.id,
                    &until,
                    a.reason.as_deref().unwrap_or(""),
                )?,
                (None, Some(task)) => {
                    if a.accept == a.refuse {
                        return Err(AppError::invalid(
                            "Chọn --accept hoặc --refuse.",
                            "give --accept or --refuse",
                        ));
                    }
                    app.decide_extension(actor, &a.id, task, a.accept, a.reason.as_deref())?
                }
                _ => {
                    return Err(AppError::invalid(
                        "Đề nghị gia hạn: --until YYYY-MM-DD --reason; quyết định: --task N --accept|--refuse.",
                        "ask with --until and --reason, or decide with --task N --accept|--refuse",
                    ))
                }
            };
            show(&synced(app, actor, v), a.json)
        }
        Command::Complete(a) => {
            let v = app.complete_task(actor, &a.id, &a.result, a.reply.as_deref())?;
            show(&synced(app, actor, v), a.json)
        }
        Command::SendBack(a) => {
            let v = app.send_back(actor, &a.id, &a.reason)?;
            show(&synced(app, actor, v), a.json)
        }
        Command::Handling(a) => show(&app.show_handling(actor, &a.id)?, a.json),
        Command::Tasks(a) => {
            let q = if a.overdue {
                Queue::Overdue
            } else if a.due_soon {
                Queue::DueSoon
            } else if let Some(name) = &a.queue {
                Queue::from_code(name).ok_or_else(|| {
                    AppError::invalid(
                        format!("Không có danh sách “{name}”; chọn mine, awaiting, not_presented, due_soon, overdue, tracking, informed."),
                        format!("no queue {name:?}: mine, awaiting, not_presented, due_soon, overdue, tracking or informed"),
                    )
                })?
            } else {
                Queue::Mine
            };
            let items = app.work_queue(actor, q, a.limit, a.offset)?;
            if a.json {
                print_json(&items);
            } else {
                queue_text(&items);
            }
        }
        Command::Report(ReportCmd::Handling(a)) => match (a.format, a.out) {
            (Some(f), Some(out)) => {
                let format = ExportFormat::parse(&f)?;
                let r = app.export_handling_report(
                    actor,
                    &a.from,
                    &a.to,
                    a.unit.as_deref(),
                    format,
                    &out,
                )?;
                println!(
                    "Đã xuất báo cáo ({} văn bản đến) ra {}",
                    r.total.received,
                    out.display()
                );
            }
            _ => print_json(&app.handling_report(actor, &a.from, &a.to, a.unit.as_deref())?),
        },
        Command::WorkingDays(WorkingDaysCmd::Add(a)) => {
            println!("{}", app.add_working_days(&a.from, a.days)?);
        }
        Command::User(UserCmd::Add(a)) => {
            let password = read_password()?;
            let u = app.add_user(
                actor,
                NewUser {
                    username: &a.username,
                    full_name: &a.full_name,
                    role: &a.role,
                    unit: a.unit.as_deref(),
                    password: &password,
                },
            )?;
            if a.json {
                print_json(&u);
            } else {
                println!(
                    "Đã thêm người dùng {} ({}, {}).",
                    u.username, u.full_name, u.role_label
                );
            }
        }
        Command::User(UserCmd::List(a)) => {
            let d = app.directory_info()?;
            if a.json {
                print_json(&d);
            } else {
                for u in &d.users {
                    println!(
                        "{}\t{}\t{}\t{}",
                        u.username,
                        u.full_name,
                        u.role_label,
                        u.unit_code.as_deref().unwrap_or("")
                    );
                }
            }
        }
        Command::Unit(a) => {
            let u = app.add_unit(actor, &a.code, &a.name)?;
            if a.json {
                print_json(&u);
            } else {
                println!("Đã thêm đơn vị {} ({}).", u.code, u.name);
            }
        }
        Command::Holidays(HolidaysCmd::List(a)) => {
            let y = app.year_calendar(a.year)?;
            if a.json {
                print_json(&y);
            } else {
                for d in &y.days {
                    println!("{}\t{}\t{}", d.date, d.kind_label, d.name);
                }
            }
        }
        Command::Holidays(HolidaysCmd::Set(a)) => {
            let kind = if a.remove { None } else { a.kind.as_deref() };
            let y = app.set_calendar_day(actor, &a.date, kind, &a.name)?;
            if a.json {
                print_json(&y);
            } else {
                println!(
                    "Đã lưu lịch năm {} ({} ngày đặc biệt).",
                    y.year,
                    y.days.len()
                );
            }
        }
        Command::Dashboard(a) => {
            let d = app.dashboard(actor, a.year)?;
            if a.json {
                print_json(&d);
            } else {
                println!(
                    "Việc của tôi: {} · Chờ cho ý kiến: {} · Chờ trình: {} · Sắp đến hạn: {} · Quá hạn: {}",
                    d.waiting.mine,
                    d.waiting.awaiting_instruction,
                    d.waiting.not_presented,
                    d.waiting.due_soon,
                    d.waiting.overdue
                );
            }
        }
        other => unreachable!("not a handling command: {other:?}"),
    }
    Ok(())
}
