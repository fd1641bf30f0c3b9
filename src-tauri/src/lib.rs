//! The desktop shell. It opens the window, holds the open data folder and
//! forwards each UI command to `eoffice-app`; no rule lives here.

mod commands;
mod exchange_commands;
mod exchange_thread;
mod handling_commands;
mod inbox_thread;
mod outgoing_commands;
mod state;
mod sync_thread;

use state::Desktop;

pub fn run() {
    // `--data-dir DIR` opens another folder (a second account, or tests).
    let args: Vec<String> = std::env::args().collect();
    let data_dir = args
        .iter()
        .position(|a| a == "--data-dir")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(eoffice_app::data_dir::default_data_dir);
    let desktop = match Desktop::open(&data_dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {}\nlỗi: {}", e.message_en, e.message);
            std::process::exit(1);
        }
    };
    tauri::Builder::default()
        .manage(desktop)
        .setup(|app| {
            sync_thread::start(app.handle().clone());
            exchange_thread::start(app.handle().clone());
            inbox_thread::start(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::agency,
            commands::create_agency,
            commands::open_demo,
            commands::intake_pdf,
            commands::register_staged,
            commands::list_incoming,
            commands::show_incoming,
            commands::original_file,
            commands::search_incoming,
            commands::return_incoming,
            commands::list_books,
            commands::export_book,
            commands::close_book,
            commands::verify_audit,
            commands::data_folder,
            commands::inbox_files,
            commands::intake_inbox,
            commands::discard_staged,
            commands::next_incoming_number,
            commands::scan_paper,
            commands::ocr_staged,
            commands::staged_file,
            commands::document_types,
            commands::vocabulary,
            commands::backup_data,
            commands::list_backups,
            commands::restore_data,
            commands::sync_status,
            commands::sign_in,
            commands::sign_out,
            commands::sync_now,
            commands::download_originals,
            exchange_commands::received_queue,
            exchange_commands::register_exchanged,
            exchange_commands::return_exchanged,
            exchange_commands::receive_exchange,
            exchange_commands::exchange_organs,
            exchange_commands::recipients_of,
            exchange_commands::send_outgoing,
            exchange_commands::recall_outgoing,
            exchange_commands::put_exchange_organ,
            exchange_commands::exchange_endpoints,
            exchange_commands::set_exchange_endpoint,
            outgoing_commands::draft_outgoing,
            outgoing_commands::add_outgoing_version,
            outgoing_commands::outgoing_step,
            outgoing_commands::list_outgoing,
            outgoing_commands::show_outgoing,
            outgoing_commands::outgoing_book,
            outgoing_commands::outgoing_pdf,
            outgoing_commands::unlock_key,
            outgoing_commands::key_status,
            outgoing_commands::lock_key,
            outgoing_commands::sign_outgoing,
            outgoing_commands::issue_outgoing,
            outgoing_commands::trust_roots,
            outgoing_commands::add_trust_roots,
            handling_commands::local_session,
            handling_commands::sign_in_local,
            handling_commands::sign_out_local,
            handling_commands::directory_info,
            handling_commands::add_user,
            handling_commands::add_unit,
            handling_commands::work_queue,
            handling_commands::queue_counts,
            handling_commands::show_handling,
            handling_commands::present_incoming,
            handling_commands::assign_incoming,
            handling_commands::forward_incoming,
            handling_commands::mark_for_information,
            handling_commands::reassign_incoming,
            handling_commands::report_progress,
            handling_commands::request_extension,
            handling_commands::decide_extension,
            handling_commands::send_back,
            handling_commands::complete_task,
            handling_commands::dashboard,
            handling_commands::handling_report,
            handling_commands::export_handling_report,
            handling_commands::year_calendar,
            handling_commands::set_calendar_day,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("error: the window could not start: {e}\nlỗi: không mở được cửa sổ eOffice.");
            std::process::exit(1);
        });
}
