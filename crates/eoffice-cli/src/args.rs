//! The command-line interface. It is part of the product: clerks script
//! batch imports and administrators script checks, so names stay stable.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "eoffice",
    version,
    about = "eOffice: văn bản đến, sổ văn bản, tra cứu (Nghị định 30/2020/NĐ-CP)"
)]
pub struct Cli {
    /// Data folder (database and original files); shared with the desktop app.
    #[arg(long, global = true, env = "EOFFICE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Who is acting, recorded in the event log.
    #[arg(long, global = true)]
    pub actor: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn json(&self) -> bool {
        match &self.command {
            Command::Init(a) => a.json,
            Command::Intake(a) => a.json,
            Command::Register(a) => a.json,
            Command::List(l) => match &l.what {
                ListWhat::Incoming(a) => a.json,
            },
            Command::Show(a) => a.json,
            Command::Search(a) => a.json,
            Command::Return(a) => a.json,
            Command::Audit(AuditCmd::Verify(a)) => a.json,
            Command::Login(a) | Command::Connect(a) => a.json,
            Command::Logout(a) => a.json,
            Command::Sync(a) => a.json,
            Command::Status(a) => a.json,
            Command::Book(_) | Command::Bench(_) => false,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create the agency of this data folder.
    Init(InitArgs),
    /// Read a PDF and print the extracted fields; nothing is stored.
    Intake(IntakeArgs),
    /// Register an incoming PDF with the next receipt number.
    Register(RegisterArgs),
    /// List documents.
    List(ListArgs),
    /// A document's metadata and history.
    Show(ShowArgs),
    /// Full-text search, with or without diacritics.
    Search(SearchArgs),
    /// Return a document to its sender, with a reason.
    Return(ReturnArgs),
    /// Registry books.
    #[command(subcommand)]
    Book(BookCmd),
    /// Integrity checks.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Benchmarks that print figures.
    Bench(BenchArgs),
    /// Sign in to the provincial server (the password from stdin or a
    /// prompt). An empty data folder becomes a connected one.
    Login(LoginArgs),
    /// Move this standalone agency (books, documents, originals, history)
    /// to the server once, every number kept; an admin of the agency signs in.
    Connect(LoginArgs),
    /// Sign out of the server.
    Logout(LogoutArgs),
    /// Push pending commands and pull the agency's changes.
    Sync(SyncArgs),
    /// Standalone or connected, pending commands, last sync.
    Status(StatusArgs),
}

#[derive(Args, Debug)]
pub struct LoginArgs {
    #[arg(long)]
    pub server: String,
    #[arg(long)]
    pub username: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct LogoutArgs {
    /// Also delete the local cache (refused while commands are pending,
    /// unless --force).
    #[arg(long)]
    pub wipe: bool,
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SyncArgs {
    /// Also download every original not yet on this machine (to keep the
    /// whole book offline).
    #[arg(long)]
    pub originals: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    #[arg(long)]
    pub agency_id: String,
    #[arg(long)]
    pub agency_name: String,
    #[arg(long)]
    pub abbreviation: Option<String>,
    /// Địa danh printed in the date line, e.g. "Lạng Sơn".
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct IntakeArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct RegisterArgs {
    pub file: PathBuf,
    /// Override or fill a field: --set Subject="Về việc …" (repeatable).
    #[arg(long = "set", value_name = "Field=Value")]
    pub set: Vec<String>,
    /// Ngày đến, YYYY-MM-DD; today when absent.
    #[arg(long)]
    pub arrival_date: Option<String>,
    /// Register into this book instead of the year's default one.
    #[arg(long)]
    pub book: Option<String>,
    /// Late insertion: take a sub-number after this number (15 → 15a).
    #[arg(long)]
    pub insert_after: Option<u32>,
    /// Register even when the same document is already in a book.
    #[arg(long)]
    pub allow_duplicate: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(subcommand)]
    pub what: ListWhat,
}

#[derive(Subcommand, Debug)]
pub enum ListWhat {
    /// Incoming documents (văn bản đến).
    Incoming(ListIncomingArgs),
}

#[derive(Args, Debug)]
pub struct ListIncomingArgs {
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long)]
    pub limit: Option<u32>,
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    /// ArrivalNumber, ArrivalDate, IssuedDate, OrganName, Subject, CodeNumber, Priority or State.
    #[arg(long)]
    pub sort: Option<String>,
    #[arg(long)]
    pub desc: bool,
    #[arg(long)]
    pub priority: Option<u8>,
    #[arg(long)]
    pub state: Option<String>,
    #[arg(long)]
    pub book: Option<String>,
    /// Arrival date from, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Arrival date to, YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    pub query: String,
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
    /// Treat the last word as unfinished (as-you-type).
    #[arg(long)]
    pub prefix: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ReturnArgs {
    pub id: String,
    #[arg(long)]
    pub reason: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum BookCmd {
    /// Export a book with the Appendix IV columns.
    Export(BookExportArgs),
    /// Close a book at year end.
    Close(BookCloseArgs),
}

#[derive(Args, Debug)]
pub struct BookExportArgs {
    #[arg(long, default_value = "incoming")]
    pub direction: String,
    #[arg(long)]
    pub year: i32,
    /// pdf, xlsx or csv.
    #[arg(long)]
    pub format: String,
    #[arg(long)]
    pub out: PathBuf,
    /// The secret book (sổ văn bản mật).
    #[arg(long)]
    pub secret: bool,
}

#[derive(Args, Debug)]
pub struct BookCloseArgs {
    /// Book identifier, e.g. incoming-2026.
    #[arg(long)]
    pub book: String,
}

#[derive(Subcommand, Debug)]
pub enum AuditCmd {
    /// Check the event chain and the stored originals; exits 1 if broken.
    Verify(AuditVerifyArgs),
}

#[derive(Args, Debug)]
pub struct AuditVerifyArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub what: BenchWhat,
}

#[derive(Subcommand, Debug)]
pub enum BenchWhat {
    /// Intake over a folder of PDFs, against pdftotext over the same files.
    Intake {
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value_t = 5)]
        rounds: u32,
    },
    /// Search p50/p95 over a generated corpus of N documents.
    Search {
        #[arg(long, default_value_t = 100_000)]
        docs: u64,
        /// Keep the generated corpus here (reused when it already holds N documents).
        #[arg(long)]
        work_dir: Option<PathBuf>,
    },
    /// List-page p50/p95 over a generated corpus.
    List {
        #[arg(long, default_value_t = 100_000)]
        docs: u64,
        #[arg(long)]
        work_dir: Option<PathBuf>,
    },
    /// Registrations per second through the whole use case.
    Register {
        #[arg(long, default_value_t = 300)]
        count: u32,
        /// A PDF to register repeatedly (each with a different number).
        #[arg(long)]
        file: PathBuf,
    },
}
