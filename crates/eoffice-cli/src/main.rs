//! `eoffice`: the command line over the same use cases as the desktop app.
//! It parses arguments, calls `eoffice-app` and prints; nothing else.
//!
//! Exit status: 0 on success, 1 on bad input or a refused action (the
//! message is printed in English and Vietnamese), 2 on bad usage.

mod args;
mod bench;
mod exchange_cli;
mod handling_cli;
mod key_cli;
mod outgoing_cli;
mod output;
mod sign_cli;

use args::{AuditCmd, BookCmd, Cli, Command, ListWhat};
use clap::Parser;
use eoffice_app::{
    AppError, AppResult, Eoffice, ExportFormat, ListRequest, RegisterRequest, SystemClock,
};
use output::{print_error, print_json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        // A check that failed has printed its own report.
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            print_error(&e, json);
            ExitCode::from(1)
        }
    }
}

pub(crate) fn read_file(path: &Path) -> AppResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        AppError::invalid(
            format!("Không đọc được tệp {}: {}.", path.display(), vi_io(&e)),
            format!("cannot read {}: {e}", path.display()),
        )
    })
}

fn vi_io(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không có tệp này",
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc",
        _ => "lỗi đọc tệp",
    }
}

pub(crate) fn date(s: &Option<String>, what_vi: &str) -> AppResult<Option<chrono::NaiveDate>> {
    match s {
        None => Ok(None),
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                AppError::invalid(
                    format!("{what_vi} “{d}” phải có dạng YYYY-MM-DD."),
                    format!("date {d:?} must be YYYY-MM-DD"),
                )
            }),
    }
}

/// From stdin when it is piped; otherwise a prompt that does not echo.
/// Never from the command line, where `ps` and the shell history see it.
pub(crate) fn read_password() -> AppResult<String> {
    use std::io::{BufRead, IsTerminal, Write};
    let tty = std::io::stdin().is_terminal();
    if tty {
        eprint!("Mật khẩu / Password: ");
        let _ = std::io::stderr().flush();
        let _ = std::process::Command::new("stty").arg("-echo").status();
    }
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    if tty {
        let _ = std::process::Command::new("stty").arg("echo").status();
        eprintln!();
    }
    read.map_err(|e| {
        AppError::invalid(
            "Không đọc được mật khẩu.",
            format!("cannot read the password: {e}"),
        )
    })?;
    let pw = line.trim_end_matches(['\r', '\n']).to_string();
    if pw.is_empty() {
        return Err(AppError::invalid(
            "Chưa nhập mật khẩu.",
            "no password given on stdin",
        ));
    }
    Ok(pw)
}

fn file_name(p: &Path) -> Option<String> {
    p.file_name().map(|n| n.to_string_lossy().to_string())
}

/// `eoffice scan`: to `--out`, or into the data folder's inbox.
fn scan(a: &args::ScanArgs, dir: &Path) -> AppResult<bool> {
    use eoffice_app::scan_paper::{scan_to_file, ScanMode, ScanRequest, ScanSource};
    let req = ScanRequest {
        device: a.device.clone(),
        resolution: a.resolution,
        mode: ScanMode::parse(&a.mode)?,
        duplex: a.duplex,
        source: ScanSource::parse(&a.source)?,
    };
    let scanner = eoffice_app::sane_scanner::SaneScanner::default();
    let outcome = match &a.out {
        Some(out) => scan_to_file(&scanner, &req, out)?,
        None => Eoffice::open(dir, Box::new(SystemClock))?.scan_into_inbox(&scanner, &req)?,
    };
    if a.json {
        print_json(&outcome);
    } else {
        println!(
            "Đã quét {} trang ({} dpi) vào {}",
            outcome.pages, outcome.resolution, outcome.file
        );
    }
    Ok(true)
}

fn run(cli: Cli) -> AppResult<bool> {
    let dir: PathBuf = cli
        .data_dir
        .clone()
        .unwrap_or_else(eoffice_app::data_dir::default_data_dir);
    let actor = cli
        .actor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "văn thư".into());
    if let Command::Bench(b) = &cli.command {
        bench::run(b)?;
        return Ok(true);
    }
    if let Command::Scan(a) = &cli.command {
        return scan(a, &dir);
    }
    // Signing and verifying work on files, with or without a data folder.
    match &cli.command {
        Command::Sign(a) => return sign_cli::sign(a, cli.actor.as_deref()),
        Command::Verify(a) => return sign_cli::verify(a),
        Command::Edxml(args::EdxmlCmd::Parse(a)) => return exchange_cli::parse(a),
        _ => {}
    }
    if let Command::Edxml(args::EdxmlCmd::Build(a)) = &cli.command {
        let mut app = Eoffice::open(&dir, Box::new(SystemClock))?;
        return exchange_cli::build(&mut app, a);
    }
    if matches!(
        &cli.command,
        Command::Edxml(args::EdxmlCmd::Import(_))
            | Command::Send(_)
            | Command::Receive(_)
            | Command::Exchange(_)
    ) {
        let mut app = Eoffice::open(&dir, Box::new(SystemClock))?;
        return exchange_cli::run(&mut app, &actor, &cli.command);
    }
    if let Command::Outgoing(o) = &cli.command {
        let mut app = Eoffice::open(&dir, Box::new(SystemClock))?;
        return outgoing_cli::run(&mut app, &actor, o);
    }
    let mut app = Eoffice::open(&dir, Box::new(SystemClock))?;
    let cli_json = cli.json();
    match cli.command {
        Command::Demo(a) => {
            let info = app.load_demo(&actor, a.samples.as_deref(), |p| {
                if !cli_json {
                    println!("{}/{} {}", p.done, p.total, p.label);
                }
            })?;
            if a.json {
                print_json(&info);
            } else {
                println!(
                    "Đã mở cơ quan mẫu {} ({}); mật khẩu của người dùng mẫu: {}",
                    info.organ_name,
                    info.organ_id,
                    eoffice_app::DEMO_PASSWORD
                );
            }
        }
        Command::Init(a) => {
            let info = app.init_agency(
                &actor,
                &a.agency_id,
                &a.agency_name,
                a.abbreviation.as_deref(),
                a.place.as_deref(),
            )?;
            if a.json {
                print_json(&info);
            } else {
                println!(
                    "Đã tạo cơ quan {} ({}) tại {}",
                    info.organ_name,
                    info.organ_id,
                    dir.display()
                );
            }
        }
        Command::Inbox(args::InboxCmd::List(a)) => {
            let entries = app.inbox_entries()?;
            if a.json {
                print_json(&entries);
            } else {
                println!("Thư mục nhận: {}", app.inbox_dir().display());
                for e in &entries {
                    let state = if e.ready {
                        "chờ vào sổ"
                    } else {
                        "đang chép…"
                    };
                    println!("{:<48} {:>10} B  {state}", e.name, e.size);
                }
            }
        }
        Command::Inbox(args::InboxCmd::Folder(a)) => {
            let dir = match (&a.path, a.default) {
                (Some(p), _) => app.set_inbox_folder(Some(p))?,
                (None, true) => app.set_inbox_folder(None)?,
                (None, false) => app.inbox_dir(),
            };
            if a.json {
                print_json(&serde_json::json!({ "Folder": dir.display().to_string() }));
            } else {
                println!("Thư mục nhận: {}", dir.display());
            }
        }
        Command::Inbox(args::InboxCmd::Discard(a)) => {
            app.discard_inbox(&actor, &a.name, &a.reason)?;
            if a.json {
                print_json(&serde_json::json!({ "Discarded": a.name, "Reason": a.reason }));
            } else {
                println!(
                    "Đã bỏ “{}” khỏi hàng chờ (giữ trong {}/).",
                    a.name,
                    eoffice_app::inbox::DISCARDED_FOLDER
                );
            }
        }
        Command::Intake(a) => {
            let bytes = read_file(&a.file)?;
            let r = app.intake(&bytes, file_name(&a.file).as_deref())?;
            if a.json {
                print_json(&r);
            } else {
                output::intake_text(&r);
            }
        }
        Command::Register(a) => {
            let bytes = read_file(&a.file)?;
            let mut sets = Vec::new();
            for s in &a.set {
                let (k, v) = s.split_once('=').ok_or_else(|| {
                    AppError::invalid(
                        format!("“{s}” phải có dạng Trường=Giá trị, ví dụ Subject=Về việc …"),
                        format!("{s:?} must be Field=Value"),
                    )
                })?;
                sets.push((k.trim().to_string(), v.to_string()));
            }
            let req = RegisterRequest {
                file_name: file_name(&a.file),
                sets,
                arrival_date: date(&a.arrival_date, "Ngày đến")?,
                book_id: a.book.clone(),
                insert_after: a.insert_after,
                allow_duplicate: a.allow_duplicate,
                actor,
                fields: None,
            };
            let mut doc = app.register_incoming(&bytes, &req)?;
            // Connected and online, the server numbers it now; offline it
            // waits in the outbox (chờ cấp số) for the next sync.
            if doc.pending {
                match app.sync_now(&mut |_| {}) {
                    Ok(_) => {
                        let warnings = std::mem::take(&mut doc.warnings);
                        match app.incoming_document(&doc.id) {
                            Ok(d) => doc = d,
                            Err(e) if e.code == eoffice_app::ErrorCode::NotFound => {
                                // Refused by the server: say why.
                                let st = app.sync_status()?;
                                let why = st
                                    .rejected
                                    .iter()
                                    .find(|r| r.document_id.as_deref() == Some(doc.id.as_str()))
                                    .and_then(|r| r.reason.clone())
                                    .unwrap_or_default();
                                return Err(AppError::new(
                                    eoffice_app::ErrorCode::InvalidState,
                                    format!("Máy chủ từ chối vào sổ: {why}"),
                                    format!("the server refused the registration: {why}"),
                                ));
                            }
                            Err(e) => return Err(e),
                        }
                        doc.warnings = warnings;
                    }
                    Err(e) if e.code == eoffice_app::ErrorCode::Offline => {
                        doc.warnings.push(
                            "Không kết nối được máy chủ: văn bản chờ cấp số, sẽ đồng bộ sau."
                                .into(),
                        );
                    }
                    Err(e) => doc
                        .warnings
                        .push(format!("Chưa đồng bộ được: {}", e.message)),
                }
            }
            for w in &doc.warnings {
                eprintln!("cảnh báo: {w}");
            }
            if a.json {
                print_json(&doc);
            } else {
                println!(
                    "Đã vào sổ {}: số đến {}, ngày {} — {}",
                    doc.book_id,
                    doc.arrival_number.as_deref().unwrap_or("chờ cấp số"),
                    doc.arrival_date,
                    doc.fields.subject.as_deref().unwrap_or("")
                );
                println!("Mã văn bản: {}", doc.id);
            }
        }
        Command::List(l) => match l.what {
            ListWhat::Incoming(a) => {
                let page = app.list_incoming(&ListRequest {
                    year: a.year,
                    book_id: a.book,
                    priority: a.priority,
                    state: a.state,
                    arrival_from: a.from,
                    arrival_to: a.to,
                    sort: a.sort,
                    descending: a.desc,
                    limit: a.limit,
                    offset: a.offset,
                })?;
                if a.json {
                    print_json(&page);
                } else {
                    output::list_text(&page);
                }
            }
        },
        Command::Show(a) => {
            let d = app.show_incoming(&actor, &a.id)?;
            if a.json {
                print_json(&d);
            } else {
                output::detail_text(&d);
            }
        }
        Command::Search(a) => {
            let hits = app.search_incoming(&a.query, a.limit, a.prefix)?;
            if a.json {
                print_json(&hits);
            } else {
                for h in &hits {
                    println!(
                        "{}  {}  {}",
                        h.arrival_number,
                        h.organ_name,
                        output::plain_snippet(&h.snippet)
                    );
                }
                println!("{} kết quả", hits.len());
            }
        }
        Command::Return(a) => {
            let doc = app.return_incoming(&actor, &a.id, &a.reason)?;
            if a.json {
                print_json(&doc);
            } else {
                println!(
                    "Đã trả lại văn bản số đến {}: {}",
                    doc.arrival_number.as_deref().unwrap_or("chờ cấp số"),
                    doc.return_reason.unwrap_or_default()
                );
            }
        }
        Command::Book(b) => match b {
            BookCmd::Export(a) => {
                let format = ExportFormat::parse(&a.format)?;
                let r =
                    app.export_book(&a.direction, a.year, a.secret, a.normative, format, &a.out)?;
                println!(
                    "Đã xuất sổ {} ({} văn bản) ra {}",
                    r.book_id, r.rows, r.path
                );
            }
            BookCmd::Close(a) => {
                app.close_book(&actor, &a.book)?;
                println!("Đã khóa sổ {}", a.book);
            }
        },
        Command::Audit(AuditCmd::Verify(a)) => {
            let r = app.verify_audit()?;
            if a.json {
                print_json(&r);
            } else {
                output::audit_text(&r);
            }
            if !r.ok {
                eprintln!("error: the event chain or a stored original does not verify");
                eprintln!("lỗi: nhật ký hoặc tệp gốc đã bị thay đổi, không còn toàn vẹn.");
                return Ok(false);
            }
        }
        Command::Login(a) => {
            let password = read_password()?;
            let st = app.sign_in(&a.server, &a.username, &password)?;
            if a.json {
                print_json(&st);
            } else {
                println!(
                    "Đã đăng nhập {} với tài khoản {} ({}).",
                    st.server.unwrap_or_default(),
                    st.user.unwrap_or_default(),
                    st.full_name.unwrap_or_default()
                );
            }
        }
        Command::Connect(a) => {
            let password = read_password()?;
            let st = app.connect_to_server(&a.server, &a.username, &password)?;
            if a.json {
                print_json(&st);
            } else {
                println!(
                    "Đã chuyển dữ liệu lên {} và kết nối; con trỏ {}.",
                    st.server.unwrap_or_default(),
                    st.cursor
                );
            }
        }
        Command::Logout(a) => {
            let st = app.sign_out(a.wipe, a.force)?;
            if a.json {
                print_json(&st);
            } else if a.wipe {
                println!("Đã đăng xuất và xóa dữ liệu trên máy.");
            } else {
                println!("Đã đăng xuất.");
            }
        }
        Command::Sync(a) => {
            let mut report = app.sync_now(&mut |p| {
                eprintln!("sync: {} {}/{}", p.stage, p.done, p.total);
            })?;
            if a.originals {
                report.downloaded = app.download_missing_originals(&mut |p| {
                    eprintln!("sync: {} {}/{}", p.stage, p.done, p.total);
                })?;
            }
            if a.json {
                print_json(&report);
            } else {
                println!(
                    "Đã đồng bộ: gửi {} lệnh ({} được chấp nhận, {} bị từ chối), nhận {} sự kiện; còn chờ {}.",
                    report.pushed,
                    report.confirmed,
                    report.rejected.len(),
                    report.pulled,
                    report.pending
                );
                for r in &report.rejected {
                    println!("  bị từ chối: {}", r.reason.clone().unwrap_or_default());
                }
            }
        }
        Command::Status(a) => {
            let st = app.sync_status()?;
            if a.json {
                print_json(&st);
            } else {
                output::status_text(&st);
            }
        }
        Command::Trust(t) => {
            let roots = match &t {
                args::TrustCmd::Add(a) => {
                    let bytes = read_file(&a.file)?;
                    let name = file_name(&a.file).unwrap_or_default();
                    app.add_trust_roots(&actor, &name, &bytes)?
                }
                args::TrustCmd::List(_) => app.trust_roots()?,
            };
            if cli_json {
                print_json(&roots);
            } else {
                for r in &roots {
                    println!(
                        "{}  {}  hết hạn {}",
                        r.sha256,
                        r.subject,
                        r.not_after.as_deref().unwrap_or("?")
                    );
                }
            }
        }
        Command::Bench(_)
        | Command::Scan(_)
        | Command::Edxml(_)
        | Command::Send(_)
        | Command::Receive(_)
        | Command::Exchange(_) => unreachable!("handled above"),
        other => handling_cli::run(&mut app, &actor, other, read_password)?,
    }
    Ok(true)
}
