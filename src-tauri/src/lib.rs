//! The desktop shell. It opens the window, holds the open data folder and
//! forwards each UI command to `eoffice-app`; no rule lives here.

mod commands;
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
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("error: the window could not start: {e}\nlỗi: không mở được cửa sổ eOffice.");
            std::process::exit(1);
        });
}
