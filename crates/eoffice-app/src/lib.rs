//! The use-case API of eOffice. Every front end (the `eoffice` CLI, the
//! desktop app) calls these and nothing else; none re-implements a rule.
//!
//! One use case per file. Each opens its transaction, asks
//! `eoffice-domain` to decide, and writes the change and its event together.

pub mod bindings;
pub mod clock;
pub mod data_dir;
pub mod dto;
mod dto_exchange;
mod dto_handling;
mod dto_outgoing;
pub mod error;
mod export;

mod assign_incoming;
mod backup_data;
mod book_rows;
pub mod build_edxml;
mod close_book;
mod connect_server;
mod dashboard;
mod demo_outgoing;
mod document_types;
pub mod draft_outgoing;
mod event_log;
mod exchange_transport;
mod export_book;
mod field_input;
mod handle_task;
mod handling_report;
mod handling_step;
pub mod inbox;
pub mod inbox_watch;
mod init_agency;
mod intake_pdf;
mod issue_outgoing;
mod list_books;
mod list_exchange;
mod list_incoming;
pub mod list_outgoing;
mod load_demo;
mod next_incoming_number;
mod outgoing_step;
pub mod parse_edxml;
pub mod path_component;
mod people;
mod present_incoming;
mod reassign_incoming;
mod recall_incoming;
pub mod receive_edxml;
mod receive_exchange;
pub mod register_exchanged;
mod register_incoming;
mod return_incoming;
mod review_outgoing;
pub mod sane_scanner;
pub mod scan_paper;
mod search_incoming;
mod send_outgoing;
mod show_incoming;
pub mod sign_file;
mod sign_in;
mod sign_outgoing;
pub mod signing_key;
mod sync_now;
pub mod trust_roots;
mod verify_audit;
pub mod verify_file;
mod verify_incoming;
mod work_queues;
mod working_calendar;
mod xml_signature;

pub mod bench;
pub mod bench_handling;
pub mod bench_ocr;
pub mod bench_sign;
pub mod bench_words;

pub use clock::{Clock, FixedClock, SystemClock};
pub use draft_outgoing::DraftInput;
pub use error::{AppError, AppResult, ErrorCode};
pub use event_log::Actor;
pub use export_book::ExportFormat;
pub use field_input::FIELD_NAMES;
pub use list_incoming::ListRequest;
pub use list_outgoing::OutgoingQueue;
pub use load_demo::{DEMO_AGENCY_ID, DEMO_CLERK, DEMO_PASSWORD};
pub use people::NewUser;
pub use register_incoming::{RegisterInput, RegisterRequest};
pub use work_queues::Queue;

use eoffice_pdf::ExtractLimits;
use eoffice_store::BlobStore;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// An open data folder: `eoffice.sqlite` and `blobs/`.
pub struct Eoffice {
    dir: PathBuf,
    conn: Connection,
    blobs: BlobStore,
    clock: Box<dyn Clock>,
    limits: ExtractLimits,
    /// `None` turns OCR off: scans are then typed by hand.
    ocr: Option<eoffice_pdf::ocr::OcrOptions>,
    /// Where deep pages of the lists start from (incoming_list.rs).
    anchors: eoffice_store::incoming::ListAnchors,
}

/// Whether a document of this stored secrecy may go to the server: the
/// domain's rule, with an unknown code taken as secret.
pub(crate) fn may_travel(secrecy: Option<&str>) -> bool {
    use eoffice_domain::Secrecy;
    Secrecy::allows_network_or_e_signature(
        secrecy.map(|c| Secrecy::from_code(c).unwrap_or(Secrecy::Mat)),
    )
}

impl Eoffice {
    /// Opens the data folder, creating it and migrating the database.
    pub fn open(dir: &Path, clock: Box<dyn Clock>) -> AppResult<Eoffice> {
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::new(
                ErrorCode::Storage,
                format!("Không tạo được thư mục dữ liệu {}.", dir.display()),
                format!("cannot create the data folder {}: {e}", dir.display()),
            )
        })?;
        let conn = eoffice_store::open(&dir.join("eoffice.sqlite"))?;
        Ok(Eoffice {
            dir: dir.to_path_buf(),
            conn,
            blobs: BlobStore::new(dir.join("blobs")),
            clock,
            limits: ExtractLimits::default(),
            ocr: Some(Default::default()),
            anchors: Default::default(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    pub fn set_extract_limits(&mut self, limits: ExtractLimits) {
        self.limits = limits;
    }

    /// OCR settings for scans; `None` leaves scans to be typed by hand.
    pub fn set_ocr(&mut self, ocr: Option<eoffice_pdf::ocr::OcrOptions>) {
        self.ocr = ocr;
    }

    /// Signed in to a provincial server (the data folder is its cache).
    pub fn is_connected(&self) -> AppResult<bool> {
        Ok(eoffice_store::connection::get(&self.conn)?.is_some())
    }

    fn agency(&self) -> AppResult<eoffice_store::agency::AgencyRow> {
        eoffice_store::agency::get(&self.conn)?.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotInitialized,
                "Chưa khai báo cơ quan. Hãy tạo cơ quan trước (eoffice init).",
                "no agency yet: run `eoffice init` first",
            )
        })
    }
}
