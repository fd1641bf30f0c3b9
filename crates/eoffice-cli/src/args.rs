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
    /// Who is acting: in standalone mode the local user (`--as USERNAME`),
    /// recorded in the event log. Connected, the signed-in user.
    #[arg(long, global = true, visible_alias = "as")]
    pub actor: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn json(&self) -> bool {
        match &self.command {
            Command::Init(a) => a.json,
            Command::Intake(a) => a.json,
            Command::Scan(a) => a.json,
            Command::Inbox(InboxCmd::List(a)) => a.json,
            Command::Inbox(InboxCmd::Discard(a)) => a.json,
            Command::Inbox(InboxCmd::Folder(a)) => a.json,
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
            Command::Present(a) => a.json,
            Command::Assign(a) => a.json,
            Command::Forward(a) => a.json,
            Command::Reassign(a) => a.json,
            Command::Progress(a) => a.json,
            Command::Extension(a) => a.json,
            Command::Complete(a) => a.json,
            Command::SendBack(a) => a.json,
            Command::Tasks(a) => a.json,
            Command::Handling(a) => a.json,
            Command::Report(_) => false,
            Command::WorkingDays(_) => false,
            Command::User(UserCmd::Add(a)) => a.json,
            Command::User(UserCmd::List(a)) => a.json,
            Command::Unit(a) => a.json,
            Command::Holidays(HolidaysCmd::List(a)) => a.json,
            Command::Holidays(HolidaysCmd::Set(a)) => a.json,
            Command::Dashboard(a) => a.json,
            Command::Sign(a) => a.json,
            Command::Verify(a) => a.json,
            Command::Trust(TrustCmd::Add(a)) => a.json,
            Command::Trust(TrustCmd::List(a)) => a.json,
            Command::Demo(a) => a.json,
            Command::Edxml(EdxmlCmd::Parse(a)) => a.json,
            Command::Edxml(EdxmlCmd::Build(a)) => a.json,
            Command::Edxml(EdxmlCmd::Import(a)) => a.json,
            Command::Send(a) => a.json,
            Command::Receive(a) => a.json,
            Command::Exchange(e) => match e {
                ExchangeCmd::Connect(a) => a.json,
                ExchangeCmd::Organ(a) => a.json,
                ExchangeCmd::Organs(a) => a.json,
                ExchangeCmd::Queue(a) => a.json,
                ExchangeCmd::Register(a) => a.json,
                ExchangeCmd::Return(a) => a.json,
                ExchangeCmd::Recipients(a) => a.json,
                ExchangeCmd::Recall(a) | ExchangeCmd::Update(a) => a.json,
                ExchangeCmd::Replace(a) => a.json,
            },
            Command::Outgoing(o) => match o {
                OutgoingCmd::Draft(a) => a.json,
                OutgoingCmd::Version(a) => a.json,
                OutgoingCmd::Comment(a) => a.json,
                OutgoingCmd::Submit(a) | OutgoingCmd::Approve(a) | OutgoingCmd::SendBack(a) => {
                    a.json
                }
                OutgoingCmd::Sign(a) => a.json,
                OutgoingCmd::Issue(a) => a.json,
                OutgoingCmd::List(a) => a.json,
                OutgoingCmd::Show(a) => a.json,
                OutgoingCmd::Pdf(_) => false,
            },
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create the agency of this data folder.
    Init(InitArgs),
    /// Open the demo agency in this data folder (as the window's "Mở cơ
    /// quan mẫu"): its users, drafts, directory and the sample documents.
    Demo(DemoArgs),
    /// Read a PDF and print the extracted fields; nothing is stored.
    Intake(IntakeArgs),
    /// Scan paper through SANE into one PDF (into the inbox without --out).
    Scan(ScanArgs),
    /// The inbox queue: files waiting to be registered, and discarding one.
    #[command(subcommand)]
    Inbox(InboxCmd),
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
    /// Trình: present a registered document to a leader.
    Present(PresentArgs),
    /// Cho ý kiến, phân công: a lead, coordinators, informed, a deadline.
    Assign(AssignArgs),
    /// Chuyển lãnh đạo khác, or --for-information.
    Forward(ForwardArgs),
    /// A unit head passes the unit's part to specialists of the unit.
    Reassign(ReassignArgs),
    /// Report progress on an assigned document.
    Progress(ProgressArgs),
    /// Ask for more time (--until), or decide a request (--task N --accept|--refuse).
    Extension(ExtensionArgs),
    /// Complete the handling with a result.
    Complete(CompleteArgs),
    /// Send a document back to whoever assigned it, with a reason.
    SendBack(SendBackArgs),
    /// Work queues: mine by default; --overdue, --due-soon, --queue NAME.
    Tasks(TasksArgs),
    /// A document's handling state and trace.
    Handling(HandlingArgs),
    /// Reports.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Working-day arithmetic.
    #[command(subcommand)]
    WorkingDays(WorkingDaysCmd),
    /// Local users (standalone mode).
    #[command(subcommand)]
    User(UserCmd),
    /// Add a unit of the agency (standalone mode).
    Unit(UnitArgs),
    /// The year's days off (Labour Code 2019, Art. 112, and the agency's own).
    #[command(subcommand)]
    Holidays(HolidaysCmd),
    /// What waits for the user and the figures of the dashboard.
    Dashboard(DashboardArgs),
    /// Sign a PDF (PAdES): `--as person` (default) places the signature image
    /// between the position and the name; `--as agency` applies the seal over
    /// the person's signature, or on an attachment the stamp at the top right.
    /// The password comes from stdin.
    Sign(SignArgs),
    /// Verify every signature of a PDF against the given trust roots.
    Verify(VerifyArgs),
    /// The root certificates trusted when verifying signed incoming PDFs.
    #[command(subcommand)]
    Trust(TrustCmd),
    /// edXML packages of the document exchange (QCVN 102:2016).
    #[command(subcommand)]
    Edxml(EdxmlCmd),
    /// Send an issued outgoing document over the exchange, by route: the
    /// provincial server or the integration gateway.
    Send(SendArgs),
    /// Send what is owed (documents, statuses), then fetch what waits and
    /// put it in the queue "Văn bản điện tử đến".
    Receive(JsonFlag),
    /// The document exchange: connection, directory, queue, recipients.
    #[command(subcommand)]
    Exchange(ExchangeCmd),
    /// Outgoing documents: draft, submit, approve, send back, sign, issue.
    #[command(subcommand)]
    Outgoing(OutgoingCmd),
}

#[derive(Args, Debug)]
pub struct SignArgs {
    pub input: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub key: KeyArgs,
    /// The signature image or the seal image (transparent PNG, 300 dpi).
    #[arg(long)]
    pub image: Option<PathBuf>,
    /// A CRL (DER or PEM) to keep in the file (PAdES B-LT with --tsa);
    /// the certificates' own distribution points are fetched as well.
    #[arg(long)]
    pub crl: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    pub file: PathBuf,
    /// A trusted root certificate (PEM or DER); may be repeated.
    #[arg(long)]
    pub trust: Vec<PathBuf>,
    /// A CRL (DER or PEM) to check revocation with, besides the file's DSS.
    #[arg(long)]
    pub crl: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct PresentArgs {
    pub id: String,
    /// The leader's username.
    #[arg(long)]
    pub to: String,
    /// Đề xuất: a unit code or username to handle it (repeatable).
    #[arg(long)]
    pub propose: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct AssignArgs {
    pub id: String,
    /// Chủ trì: a username or a unit code.
    #[arg(long)]
    pub lead: String,
    /// Phối hợp (repeatable); WHO or WHO@YYYY-MM-DD for its own deadline.
    #[arg(long)]
    pub coordinate: Vec<String>,
    /// Để biết (repeatable).
    #[arg(long)]
    pub inform: Vec<String>,
    /// Hạn xử lý, YYYY-MM-DD.
    #[arg(long, conflicts_with = "working_days")]
    pub deadline: Option<String>,
    /// Hạn xử lý as N working days from today.
    #[arg(long)]
    pub working_days: Option<u32>,
    /// Ý kiến chỉ đạo.
    #[arg(long)]
    pub instruction: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ForwardArgs {
    pub id: String,
    /// Another leader's username.
    #[arg(long, required_unless_present = "for_information")]
    pub to: Option<String>,
    /// Mark it for information only instead.
    #[arg(long)]
    pub for_information: bool,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ReassignArgs {
    pub id: String,
    /// The specialist who leads the unit's part.
    #[arg(long)]
    pub to: String,
    /// Specialists who help (repeatable).
    #[arg(long)]
    pub helper: Vec<String>,
    #[arg(long)]
    pub deadline: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ProgressArgs {
    pub id: String,
    #[arg(long)]
    pub note: String,
    #[arg(long)]
    pub percent: Option<u8>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExtensionArgs {
    pub id: String,
    /// Ask for the deadline to move to this date.
    #[arg(long, conflicts_with = "task")]
    pub until: Option<String>,
    #[arg(long)]
    pub reason: Option<String>,
    /// Decide the request of this task.
    #[arg(long)]
    pub task: Option<u32>,
    #[arg(long, conflicts_with = "refuse")]
    pub accept: bool,
    #[arg(long)]
    pub refuse: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct CompleteArgs {
    pub id: String,
    #[arg(long)]
    pub result: String,
    /// The reply's number and symbol, e.g. 45/UBND-VP.
    #[arg(long)]
    pub reply: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SendBackArgs {
    pub id: String,
    #[arg(long)]
    pub reason: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct TasksArgs {
    #[arg(long, conflicts_with_all = ["due_soon", "queue"])]
    pub overdue: bool,
    #[arg(long, conflicts_with = "queue")]
    pub due_soon: bool,
    /// mine, awaiting, not_presented, due_soon, overdue, tracking, informed.
    #[arg(long)]
    pub queue: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct HandlingArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum ReportCmd {
    /// Báo cáo tình hình xử lý văn bản đến (Appendix VI §V).
    Handling(ReportHandlingArgs),
}

#[derive(Args, Debug)]
pub struct ReportHandlingArgs {
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub to: String,
    /// Only this unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// pdf or xlsx; without --out the figures print as JSON.
    #[arg(long, requires = "out")]
    pub format: Option<String>,
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum WorkingDaysCmd {
    /// Print the date N working days after --from.
    Add(WorkingDaysAddArgs),
}

#[derive(Args, Debug)]
pub struct WorkingDaysAddArgs {
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub days: u32,
}

#[derive(Subcommand, Debug)]
pub enum UserCmd {
    /// Add a local user; the password comes from stdin or a prompt.
    Add(UserAddArgs),
    List(JsonFlag),
}

#[derive(Args, Debug)]
pub struct UserAddArgs {
    pub username: String,
    #[arg(long)]
    pub full_name: String,
    /// clerk, leader, unit_head, specialist or admin.
    #[arg(long)]
    pub role: String,
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct JsonFlag {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct UnitArgs {
    pub code: String,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum HolidaysCmd {
    List(HolidaysListArgs),
    /// Set a day (--kind) or remove it (--remove); the year is stored from then on.
    Set(HolidaysSetArgs),
}

#[derive(Args, Debug)]
pub struct HolidaysListArgs {
    #[arg(long)]
    pub year: i32,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct HolidaysSetArgs {
    pub date: String,
    /// holiday, compensatory, agency_day_off or working_weekend.
    #[arg(long, required_unless_present = "remove")]
    pub kind: Option<String>,
    #[arg(long, default_value = "")]
    pub name: String,
    #[arg(long)]
    pub remove: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DashboardArgs {
    #[arg(long)]
    pub year: i32,
    #[arg(long)]
    pub json: bool,
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
pub struct ScanArgs {
    /// The SANE device, as `scanimage -L` names it (`test` is SANE's own).
    #[arg(long)]
    pub device: String,
    #[arg(long, default_value_t = 300)]
    pub resolution: u32,
    /// color, gray or lineart.
    #[arg(long, default_value = "color")]
    pub mode: String,
    /// auto (the feeder when there is one), flatbed or adf.
    #[arg(long, default_value = "auto")]
    pub source: String,
    /// Both sides of each sheet (needs a duplex feeder).
    #[arg(long)]
    pub duplex: bool,
    /// Where the PDF goes; the data folder's inbox when absent.
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum InboxCmd {
    /// Files waiting in the inbox, with whether each is whole yet.
    List(JsonFlag),
    /// Take a file out of the queue without registering it; it is kept in
    /// the inbox's discarded folder and the discard is logged.
    Discard(DiscardArgs),
    /// The folder this desktop watches (a network share included); with
    /// no PATH, shows it; `--default` goes back to the data folder's inbox.
    Folder(FolderArgs),
}

#[derive(Args, Debug)]
pub struct FolderArgs {
    pub path: Option<PathBuf>,
    #[arg(long, conflicts_with = "path")]
    pub default: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DiscardArgs {
    /// The file's name in the inbox.
    pub name: String,
    /// Why (for the log): "trùng", "không phải văn bản", …
    #[arg(long)]
    pub reason: String,
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
    /// The outgoing book of legal normative documents.
    #[arg(long)]
    pub normative: bool,
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
    /// OCR of a one-page A4 scan at 300 dpi through the whole pipeline,
    /// against the `tesseract` command alone on the same page image.
    Ocr {
        /// A scan to measure; a generated one-page letter scan otherwise.
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long, default_value_t = 5)]
        rounds: u32,
    },
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
        /// The books the documents are spread over, one a year up to 2026.
        #[arg(long, default_value_t = 1)]
        years: u32,
        /// Keep the generated corpus here (reused when it already holds N documents).
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// The PDFs whose text gives the corpus its words (the fixture
        /// letters beside the checkout by default).
        #[arg(long)]
        words_from: Option<PathBuf>,
    },
    /// List pages (with their totals) over a generated corpus: within the
    /// newest year and, with more than one year, across all of them.
    List {
        #[arg(long, default_value_t = 100_000)]
        docs: u64,
        #[arg(long, default_value_t = 1)]
        years: u32,
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Pages timed per view.
        #[arg(long, default_value_t = 200)]
        rounds: usize,
        /// The PDFs whose text gives the corpus its words (the fixture
        /// letters beside the checkout by default).
        #[arg(long)]
        words_from: Option<PathBuf>,
    },
    /// Work queues and the handling report over N documents with three
    /// tasks each (issue 7).
    Handling {
        #[arg(long, default_value_t = 100_000)]
        docs: u64,
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// The PDFs whose text gives the corpus its words (the fixture
        /// letters beside the checkout by default).
        #[arg(long)]
        words_from: Option<PathBuf>,
    },
    /// Signing and verifying (issue 8): a 2-page letter as person then
    /// agency, a large PDF against one SHA-256 pass, a batch of drafts.
    /// The PKCS#12 password comes from stdin.
    Sign {
        /// The person's PKCS#12 file.
        #[arg(long)]
        person: PathBuf,
        /// The agency's PKCS#12 file.
        #[arg(long)]
        agency: PathBuf,
        /// The root both chain to.
        #[arg(long)]
        ca: PathBuf,
        #[arg(long, default_value_t = 50)]
        rounds: usize,
        #[arg(long, default_value_t = 10)]
        big_mb: usize,
        #[arg(long, default_value_t = 100)]
        batch: usize,
        /// The person's signature image: also time the whole `sign` with
        /// the appearance placed from the layout.
        #[arg(long, requires = "seal")]
        image: Option<PathBuf>,
        /// The agency's seal image.
        #[arg(long)]
        seal: Option<PathBuf>,
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

/// Where the signing key is: a PKCS#12 file or a PKCS#11 token. The
/// password or PIN comes from stdin, never from the command line.
#[derive(Args, Debug, Clone)]
pub struct KeyArgs {
    /// A PKCS#12 file (.p12, .pfx).
    #[arg(long, conflicts_with = "pkcs11")]
    pub p12: Option<PathBuf>,
    /// The token's PKCS#11 module (.so), e.g. the USB token driver.
    #[arg(long, requires = "slot")]
    pub pkcs11: Option<PathBuf>,
    /// The token's slot: its slot id, or its position among slots with a token.
    #[arg(long)]
    pub slot: Option<u64>,
    /// A remote signing service (SmartCA/MySign shape); the client secret
    /// comes from stdin and each signature is confirmed on the phone.
    #[arg(long, conflicts_with_all = ["p12", "pkcs11"], requires_all = ["remote_client", "remote_user"])]
    pub remote: Option<String>,
    /// The agency's client id at the remote signing service.
    #[arg(long)]
    pub remote_client: Option<String>,
    /// The signer's user id at the remote signing service.
    #[arg(long)]
    pub remote_user: Option<String>,
    /// An RFC 3161 time-stamping authority: the signature becomes PAdES B-T.
    #[arg(long)]
    pub tsa: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum OutgoingCmd {
    /// Upload a draft (PDF, DOCX or ODT) with its metadata.
    Draft(OutgoingDraftArgs),
    /// The author's new version of a draft.
    Version(OutgoingVersionArgs),
    /// Comment on the current version.
    Comment(OutgoingCommentArgs),
    /// The author submits the draft for review.
    Submit(OutgoingStepArgs),
    /// The unit head's review or the signer's approval.
    Approve(OutgoingStepArgs),
    /// Send the draft back to its author with a reason.
    SendBack(OutgoingStepArgs),
    /// The signer signs approved drafts (one or many, one PIN entry).
    Sign(OutgoingSignArgs),
    /// The clerk issues: number, date and the agency's signature (seal).
    Issue(OutgoingIssueArgs),
    /// A queue of outgoing documents.
    List(OutgoingListArgs),
    /// One outgoing document with its versions, comments and timeline.
    Show(OutgoingShowArgs),
    /// Write the PDF a reader opens now (draft, signed or issued).
    Pdf(OutgoingPdfArgs),
}

#[derive(Args, Debug)]
pub struct OutgoingDraftArgs {
    pub file: PathBuf,
    /// The type code (QĐ, TB, BC…) or name; CV or empty for a công văn.
    #[arg(long = "type", default_value = "CV")]
    pub doc_type: String,
    #[arg(long)]
    pub subject: String,
    /// A recipient (nơi nhận); repeatable.
    #[arg(long = "to")]
    pub to: Vec<String>,
    /// The username of the person who signs.
    #[arg(long)]
    pub signer: Option<String>,
    #[arg(long)]
    pub urgency: Option<String>,
    #[arg(long)]
    pub secrecy: Option<String>,
    /// A legal normative document: its own book, the year in the symbol.
    #[arg(long)]
    pub normative: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingVersionArgs {
    pub id: String,
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingCommentArgs {
    pub id: String,
    #[arg(long)]
    pub text: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingStepArgs {
    pub id: String,
    /// Why it is sent back (send-back only).
    #[arg(long)]
    pub reason: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingSignArgs {
    /// One or more approved drafts.
    #[arg(required = true)]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub key: KeyArgs,
    /// The signer's signature image (transparent PNG, 300 dpi).
    #[arg(long)]
    pub image: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingIssueArgs {
    pub id: String,
    #[command(flatten)]
    pub key: KeyArgs,
    /// The seal image (transparent PNG, 300 dpi, actual size).
    #[arg(long)]
    pub seal: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingListArgs {
    /// drafts, review, approval, to_sign, to_issue, issued or all.
    #[arg(long, default_value = "all")]
    pub queue: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingShowArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct OutgoingPdfArgs {
    pub id: String,
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum TrustCmd {
    /// Trust the root certificates of a PEM or DER file.
    Add(TrustAddArgs),
    /// The trusted roots.
    List(JsonFlag),
}

#[derive(Args, Debug)]
pub struct TrustAddArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum EdxmlCmd {
    /// Read a package: its fields with the edXML names; exit 1 with a
    /// located error if it is refused.
    Parse(EdxmlParseArgs),
    /// Write the package of an issued outgoing document.
    Build(Box<EdxmlBuildArgs>),
    /// Receive a package from a file (a USB stick, a mail) into the queue.
    Import(EdxmlParseArgs),
}

#[derive(Args, Debug)]
pub struct SendArgs {
    /// The outgoing document's id.
    pub id: String,
    /// A recipient's OrganId; may be repeated. Without it, the recipients
    /// named on the document that the exchange directory knows.
    #[arg(long = "to")]
    pub to: Vec<String>,
    /// The agency's key, to sign the package (XML-DSig); optional.
    #[command(flatten)]
    pub key: KeyArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand, Debug)]
pub enum ExchangeCmd {
    /// The agency's system on a route (the secret key from stdin).
    Connect(ExchangeConnectArgs),
    /// Add or correct an organ of the exchange directory.
    Organ(ExchangeOrganArgs),
    /// The exchange directory.
    Organs(JsonFlag),
    /// "Văn bản điện tử đến": what waits (--all for everything received).
    Queue(ExchangeQueueArgs),
    /// Register a received electronic document (its fields from the package).
    Register(ExchangeRegisterArgs),
    /// Return a received electronic document to its sender, with a reason.
    Return(ExchangeReturnArgs),
    /// Each recipient of a sent outgoing document and its latest status.
    Recipients(ExchangeIdArgs),
    /// Recall a sent outgoing document from every recipient.
    Recall(ExchangeRecallArgs),
    /// Send a sent outgoing document again as an update, with a reason.
    Update(ExchangeRecallArgs),
    /// Send a newly issued document in place of an earlier one, to the
    /// earlier one's recipients.
    Replace(ExchangeReplaceArgs),
}

#[derive(Args, Debug)]
pub struct ExchangeReplaceArgs {
    /// The new outgoing document.
    pub id: String,
    /// The outgoing document it replaces.
    #[arg(long)]
    pub replaces: String,
    /// The agency's key, to sign the package (XML-DSig); optional.
    #[command(flatten)]
    pub key: KeyArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExchangeConnectArgs {
    /// `province` (the provincial server) or `gateway` (the integration platform).
    #[arg(long)]
    pub route: String,
    #[arg(long)]
    pub url: String,
    #[arg(long)]
    pub system_id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExchangeOrganArgs {
    /// The organ's identifier, 000.00.00.H37.
    pub organ_id: String,
    #[arg(long)]
    pub name: String,
    /// `province` or `gateway`.
    #[arg(long)]
    pub route: String,
    #[arg(long, default_value = "")]
    pub address: String,
    #[arg(long, default_value = "")]
    pub email: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExchangeQueueArgs {
    #[arg(long)]
    pub all: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExchangeRegisterArgs {
    /// The queue entry's id.
    pub id: String,
    /// Ngày đến, YYYY-MM-DD; today when absent.
    #[arg(long)]
    pub arrival_date: Option<String>,
    #[arg(long)]
    pub book: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExchangeReturnArgs {
    pub id: String,
    #[arg(long)]
    pub reason: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExchangeIdArgs {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ExchangeRecallArgs {
    pub id: String,
    #[arg(long)]
    pub reason: String,
    /// The agency's key, to sign the package (XML-DSig); optional.
    #[command(flatten)]
    pub key: KeyArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EdxmlParseArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct EdxmlBuildArgs {
    /// The outgoing document's id.
    pub id: String,
    #[arg(long)]
    pub out: PathBuf,
    /// A recipient's OrganId; may be repeated. Without it, the recipients
    /// named on the document that the exchange directory knows.
    #[arg(long = "to")]
    pub to: Vec<String>,
    /// The agency's key, to sign the package (XML-DSig); optional.
    #[command(flatten)]
    pub key: KeyArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// A folder of sample PDFs to register.
    #[arg(long)]
    pub samples: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}
