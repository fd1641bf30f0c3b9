// Generated from the Rust DTOs in crates/eoffice-app by ts-rs. Do not edit:
// run `EOFFICE_WRITE_BINDINGS=1 cargo test -p eoffice-app --test bindings`.

export type ErrorCode = "invalid_input" | "unreadable_pdf" | "duplicate" | "not_found" | "book_closed" | "invalid_state" | "not_initialized" | "already_initialized" | "integrity" | "storage" | "offline" | "unauthorized" | "forbidden" | "throttled" | "server" | "signing" | "conversion" | "package" | "scanner";

export type AppError = { code: ErrorCode, message: string, details: unknown, };

export type SignerInfo = { Competence: string | null, Position: string | null, FullName: string | null, };

export type OrganRef = { OrganId: string | null, OrganName: string, };

export type DocumentFields = { CodeNumber: string | null, CodeNotation: string | null, TypeName: string | null, 
/**
 * YYYY-MM-DD
 */
IssuedDate: string | null, Place: string | null, OrganName: string | null, ParentOrganName: string | null, Subject: string | null, SignerInfo: SignerInfo, 
/**
 * edXML Priority, 0 (thường) to 4 (hỏa tốc hẹn giờ).
 */
Priority: number, 
/**
 * null, `mat`, `toi_mat` or `tuyet_mat`.
 */
Secrecy: string | null, To: Array<OrganRef>, ToPlaces: Array<string>, PageAmount: number | null, };

export type AttachedTo = { TypeName: string | null, Code: string, };

export type DuplicateRef = { Id: string, ArrivalNumber: string, ArrivalDate: string, BookId: string, };

export type IntakeResult = { FileName: string | null, Sha256: string, TextLayer: boolean, 
/**
 * A scan with no text layer that has not been read by OCR yet.
 */
NeedsOcr: boolean, 
/**
 * The fields and text come from OCR of a scan; their confidences carry
 * the OCR word scores.
 */
Ocr: boolean, 
/**
 * Why OCR could not read the scan (Vietnamese), when it failed.
 */
OcrError: string | null, LegacyEncoding: string | null, 
/**
 * Per field, 0–1. Fields below [`LOW_CONFIDENCE`] are flagged.
 */
Confidence: { [key in string]: number }, AttachedTo: AttachedTo | null, DuplicateOf: DuplicateRef | null, 
/**
 * The verdict on the PDF's digital signatures, when it has any.
 */
Signatures: SignatureBadge | null, CodeNumber: string | null, CodeNotation: string | null, TypeName: string | null, 
/**
 * YYYY-MM-DD
 */
IssuedDate: string | null, Place: string | null, OrganName: string | null, ParentOrganName: string | null, Subject: string | null, SignerInfo: SignerInfo, 
/**
 * edXML Priority, 0 (thường) to 4 (hỏa tốc hẹn giờ).
 */
Priority: number, 
/**
 * null, `mat`, `toi_mat` or `tuyet_mat`.
 */
Secrecy: string | null, To: Array<OrganRef>, ToPlaces: Array<string>, PageAmount: number | null, };

export type InboxEntry = { Name: string, Size: number, 
/**
 * Finished copying (still, and closed as a PDF): it can be opened.
 */
Ready: boolean, };

export type ScanOutcome = { File: string, Pages: number, Resolution: number, Bytes: number, };

export type IncomingDocument = { Id: string, BookId: string, 
/**
 * Số đến as printed: `01`, `15a`; null while it waits for the
 * server to issue it (chờ cấp số).
 */
ArrivalNumber: string | null, 
/**
 * Registered here, not yet numbered by the server.
 */
Pending: boolean, ArrivalDate: string, State: string, StateLabel: string, Sha256: string | null, FileName: string | null, ReturnReason: string | null, Warnings: Array<string>, 
/**
 * The verdict on its digital signatures, kept since registration.
 */
Signatures: SignatureBadge | null, CodeNumber: string | null, CodeNotation: string | null, TypeName: string | null, 
/**
 * YYYY-MM-DD
 */
IssuedDate: string | null, Place: string | null, OrganName: string | null, ParentOrganName: string | null, Subject: string | null, SignerInfo: SignerInfo, 
/**
 * edXML Priority, 0 (thường) to 4 (hỏa tốc hẹn giờ).
 */
Priority: number, 
/**
 * null, `mat`, `toi_mat` or `tuyet_mat`.
 */
Secrecy: string | null, To: Array<OrganRef>, ToPlaces: Array<string>, PageAmount: number | null, };

export type ListItem = { Id: string, BookId: string, 
/**
 * Null while waiting for the server's number.
 */
ArrivalNumber: string | null, Pending: boolean, ArrivalDate: string, CodeNumber: string | null, CodeNotation: string | null, TypeName: string | null, IssuedDate: string | null, OrganName: string, Subject: string, Priority: number, Secrecy: string | null, State: string, };

export type ListPage = { Total: number, Offset: number, Items: Array<ListItem>, };

export type HistoryEvent = { Seq: number, At: string, Actor: string, Command: string, Label: string, Payload: unknown, Hash: string, };

export type DocumentDetail = { History: Array<HistoryEvent>, 
/**
 * Present, assign and handle (null for a returned document).
 */
Handling: HandlingView | null, Id: string, BookId: string, 
/**
 * Số đến as printed: `01`, `15a`; null while it waits for the
 * server to issue it (chờ cấp số).
 */
ArrivalNumber: string | null, 
/**
 * Registered here, not yet numbered by the server.
 */
Pending: boolean, ArrivalDate: string, State: string, StateLabel: string, Sha256: string | null, FileName: string | null, ReturnReason: string | null, Warnings: Array<string>, 
/**
 * The verdict on its digital signatures, kept since registration.
 */
Signatures: SignatureBadge | null, CodeNumber: string | null, CodeNotation: string | null, TypeName: string | null, 
/**
 * YYYY-MM-DD
 */
IssuedDate: string | null, Place: string | null, OrganName: string | null, ParentOrganName: string | null, Subject: string | null, SignerInfo: SignerInfo, 
/**
 * edXML Priority, 0 (thường) to 4 (hỏa tốc hẹn giờ).
 */
Priority: number, 
/**
 * null, `mat`, `toi_mat` or `tuyet_mat`.
 */
Secrecy: string | null, To: Array<OrganRef>, ToPlaces: Array<string>, PageAmount: number | null, };

export type SearchHit = { Id: string, ArrivalNumber: string, ArrivalDate: string, CodeNumber: string | null, CodeNotation: string | null, OrganName: string, Subject: string, 
/**
 * HTML-escaped text with the matched words in `<mark>…</mark>`.
 */
Snippet: string, Rank: number, };

export type AgencyInfo = { OrganId: string, OrganName: string, Abbreviation: string | null, Place: string | null, };

export type AuditReport = { Ok: boolean, Events: number, HeadHash: string, BrokenAt: number | null, BrokenReason: string | null, 
/**
 * The server's feed as pulled here (connected mode), verified too.
 */
FeedEvents: number, FeedBrokenAt: number | null, 
/**
 * Documents whose row differs from what their events say.
 */
RowMismatches: Array<string>, BlobsChecked: number, BlobsDamaged: Array<string>, BlobsMissing: Array<string>, };

export type BookExport = { BookId: string, Rows: number, Path: string, Format: string, };

export type BookInfo = { Id: string, Direction: string, Year: number, Secret: boolean, Name: string, 
/**
 * The highest main number issued so far (0 for an empty book).
 */
LastNumber: number, Closed: boolean, 
/**
 * The outgoing book of legal normative documents.
 */
Normative: boolean, };

export type NextNumber = { BookId: string, BookName: string, 
/**
 * Số đến as it will print (`07`); null when the server issues it or
 * the book is closed.
 */
Number: string | null, FromServer: boolean, 
/**
 * The book of that year is closed (khóa sổ): registration will refuse.
 */
Closed: boolean, };

export type DocumentTypeInfo = { Name: string, 
/**
 * The abbreviation in symbols; null for Công văn, Thư công, Luật.
 */
Code: string | null, 
/**
 * edXML `DocumentType/Type` (1–29); null outside Appendix III.
 */
EdxmlType: number | null, };

export type BackupInfo = { Name: string, Path: string, 
/**
 * Original files copied.
 */
Files: number, };

export type CodeLabel = { Code: string, Label: string, };

export type Vocabulary = { 
/**
 * Index = edXML Priority.
 */
Urgency: Array<string>, Secrecy: Array<CodeLabel>, States: Array<CodeLabel>, };

export type Progress = { Task: string, Done: number, Total: number, Label: string, };

export type ListRequest = { Year: number | null, BookId: string | null, Priority: number | null, State: string | null, ArrivalFrom: string | null, ArrivalTo: string | null, 
/**
 * Appendix VI name of the sort column; `ArrivalNumber` by default.
 */
Sort: string | null, Descending: boolean, Limit: number | null, Offset: number, };

export type RegisterInput = { Fields: DocumentFields, 
/**
 * YYYY-MM-DD; today when absent.
 */
ArrivalDate: string | null, InsertAfter: number | null, AllowDuplicate: boolean, };

export type SyncStatus = { 
/**
 * `standalone` or `connected`.
 */
Mode: string, Server: string | null, User: string | null, FullName: string | null, Role: string | null, SignedIn: boolean, 
/**
 * Commands waiting for the server.
 */
Pending: number, LastSync: string | null, Cursor: number, 
/**
 * The latest refusals, with the reason the user sees.
 */
Rejected: Array<RejectedCommand>, };

export type RejectedCommand = { Id: string, Name: string, DocumentId: string | null, Code: string | null, Reason: string | null, };

export type SyncReport = { Uploaded: number, Pushed: number, Confirmed: number, Rejected: Array<RejectedCommand>, 
/**
 * Sent again later (for example a file not yet uploaded).
 */
Retry: number, Pulled: number, Cursor: number, Pending: number, 
/**
 * Documents another desktop registered, now here.
 */
NewDocuments: number, 
/**
 * Originals downloaded to keep them offline (`sync --originals`).
 */
Downloaded: number, };

export type SyncProgress = { Stage: string, Done: number, Total: number, };

export type UserSummary = { Username: string, FullName: string, Role: string, RoleLabel: string, UnitCode: string | null, Disabled: boolean, };

export type UnitSummary = { Code: string, Name: string, };

export type DirectoryInfo = { Units: Array<UnitSummary>, Users: Array<UserSummary>, };

export type PartyRef = { 
/**
 * `user` or `unit`.
 */
Kind: string, Code: string, Name: string, };

export type TaskView = { No: number, Party: PartyRef, 
/**
 * `lead`, `coordinate`, `inform`.
 */
Part: string, PartLabel: string, Deadline: string | null, 
/**
 * `normal`, `due_soon`, `overdue`, or null without a deadline or once finished.
 */
Tone: string | null, State: string, StateLabel: string, AssignedBy: string, AssignedByName: string, AssignedAt: string, Parent: number | null, FirstViewedAt: string | null, Percent: number | null, ExtensionAsked: string | null, };

export type TraceEntry = { At: string, By: string, ByName: string, 
/**
 * The event name, `handling.assigned` …
 */
Kind: string, Label: string, 
/**
 * The instruction, note, reason or result, as written.
 */
Text: string | null, 
/**
 * Who it went to, in words ("Chủ trì: Văn phòng; Phối hợp: …").
 */
Detail: string | null, };

export type HandlingView = { DocumentId: string, Stage: string, StageLabel: string, Leader: PartyRef | null, PresentedBy: string | null, Proposal: Array<PartyRef>, Instruction: string | null, Deadline: string | null, Tone: string | null, Tasks: Array<TaskView>, CompletedAt: string | null, Result: string | null, Reply: string | null, OnTime: boolean | null, Trace: Array<TraceEntry>, 
/**
 * What the person asking may do now: `present`, `assign`, `forward`,
 * `for_information`, `reassign`, `progress`, `extension`,
 * `decide_extension`, `send_back`, `complete`.
 */
Actions: Array<string>, };

export type AssigneeInput = { 
/**
 * A username or a unit code.
 */
Who: string, Deadline: string | null, };

export type AssignInput = { Instruction: string | null, Lead: AssigneeInput, Coordinate: Array<AssigneeInput>, Inform: Array<string>, 
/**
 * YYYY-MM-DD; or give `WorkingDays` instead.
 */
Deadline: string | null, WorkingDays: number | null, };

export type QueueItem = { DocumentId: string, TaskNo: number | null, Part: string | null, PartLabel: string | null, ArrivalNumber: string, ArrivalDate: string, CodeNumber: string | null, CodeNotation: string | null, Subject: string, OrganName: string, Priority: number, Secrecy: string | null, Deadline: string | null, Tone: string | null, Stage: string, StageLabel: string, AssignedBy: string | null, Viewed: boolean, Percent: number | null, };

export type QueueCounts = { Mine: number, AwaitingInstruction: number, NotPresented: number, DueSoon: number, Overdue: number, Informed: number, };

export type ReportLine = { 
/**
 * `unit` or `user`.
 */
Kind: string, Code: string, Name: string, Received: number, CompletedOnTime: number, CompletedLate: number, InProgress: number, Overdue: number, };

export type HandlingReport = { From: string, To: string, Unit: string | null, Today: string, Lines: Array<ReportLine>, Total: ReportLine, OverdueItems: Array<QueueItem>, };

export type MonthFigure = { 
/**
 * YYYY-MM.
 */
Month: string, Received: number, Completed: number, OnTime: number, };

export type UnitFigure = { Code: string, Name: string, Received: number, Overdue: number, };

export type StageCount = { Stage: string, Label: string, Count: number, };

export type Dashboard = { User: UserSummary, Waiting: QueueCounts, Urgent: Array<QueueItem>, ByStage: Array<StageCount>, ByMonth: Array<MonthFigure>, ByUnit: Array<UnitFigure>, };

export type CalendarDay = { Date: string, Kind: string, KindLabel: string, Name: string, };

export type YearCalendar = { Year: number, 
/**
 * An administrator stored this year; otherwise it is Article 112's.
 */
Stored: boolean, Days: Array<CalendarDay>, };

export type DraftVersion = { No: number, FileName: string, 
/**
 * SHA-256 of the PDF shown and signed.
 */
Pdf: string, 
/**
 * SHA-256 of the DOCX/ODT it was converted from, when it was one.
 */
Source: string | null, By: string, At: string, };

export type DraftComment = { Version: number, By: string, At: string, Text: string, };

export type OutgoingStep = { At: string, By: string, 
/**
 * `outgoing.submitted`, `outgoing.sent_back`, …
 */
Command: string, Label: string, 
/**
 * The reason of a send-back, a comment's text, a version's file.
 */
Note: string | null, };

export type OutgoingDocument = { Id: string, 
/**
 * `drafting`, `in_review`, `awaiting_approval`, `approved`, `signed`, `issued`.
 */
Stage: string, StageLabel: string, TypeName: string, TypeCode: string | null, Normative: boolean, Subject: string, Recipients: Array<string>, Author: string, Unit: string | null, Reviewer: string | null, Signer: string | null, Priority: number, Secrecy: string | null, 
/**
 * Whether the document may be signed electronically (never when secret).
 */
MayESign: boolean, SentBackReason: string | null, 
/**
 * After issue: `45/QĐ-UBND`.
 */
Code: string | null, Number: number | null, 
/**
 * YYYY-MM-DD.
 */
IssuedDate: string | null, BookId: string | null, 
/**
 * SHA-256 of the PDF a reader opens now: the issued, signed or latest draft.
 */
Pdf: string, Versions: Array<DraftVersion>, Comments: Array<DraftComment>, Timeline: Array<OutgoingStep>, UpdatedAt: string, 
/**
 * When the document was recalled from its recipients (domain.md §11):
 * from then on it is frozen, never sent again.
 */
RecalledAt: string | null, };

export type BatchItem = { Id: string, Ok: boolean, Signer: string | null, 
/**
 * The Vietnamese reason it failed; the others go on regardless.
 */
Error: string | null, ErrorCode: ErrorCode | null, };

export type BatchResult = { Signed: number, Failed: number, Items: Array<BatchItem>, };

export type SignProgress = { Done: number, Total: number, Id: string, Ok: boolean, };

export type SignatureBadge = { 
/**
 * `valid`, `untrusted` (sound but not chained to a trusted root) or `invalid`.
 */
Verdict: string, Label: string, Signers: Array<string>, Count: number, };

export type BookTable = { BookId: string, Columns: Array<string>, Rows: Array<Array<string>>, 
/**
 * The outgoing document of each row, to open it.
 */
Ids: Array<string>, };

export type TrustRootInfo = { Sha256: string, Subject: string, 
/**
 * YYYY-MM-DD.
 */
NotAfter: string | null, AddedBy: string, AddedAt: string, };

export type KeyInfo = { 
/**
 * The certificate's holder.
 */
Signer: string, Issuer: string, 
/**
 * `pkcs12`, `pkcs11` or `remote`.
 */
Kind: string, 
/**
 * The token's label, for a PKCS#11 key.
 */
Token: string | null, };

export type DraftInput = { 
/**
 * A type code (`QĐ`, `CV` or empty for a công văn) or name (`Công văn`).
 */
DocType: string, Normative: boolean, Subject: string, Recipients: Array<string>, Signer: string | null, 
/**
 * `thuong`, `khan`, `thuong_khan`, `hoa_toc` or a label.
 */
Urgency: string | null, 
/**
 * null, `mat`, `toi_mat`, `tuyet_mat` or a label.
 */
Secrecy: string | null, };

export type ReceivedOutcome = { 
/**
 * `edoc` or `status`.
 */
MessageType: string, 
/**
 * new, recall, update, replace (edoc); the two-digit code (status).
 */
Kind: string, DocumentId: string, FromOrgan: string, 
/**
 * False when the same package (or status) was received before.
 */
New: boolean, 
/**
 * The queue entry, for an edoc.
 */
QueueId: string | null, Note: string, };

export type ReceivedItem = { Id: string, 
/**
 * The sender's DocumentId: `OrganId,yyyy/MM/dd,Number/Notation`.
 */
DocumentId: string, FromOrgan: string, FromName: string, 
/**
 * `new`, `recall`, `update` or `replace`.
 */
Kind: string, Subject: string, 
/**
 * `waiting`, `registered`, `returned`, `recalled`, `applied`, `refused`.
 */
State: string, StateLabel: string, ReceivedAt: string, 
/**
 * Everything the registration form shows, from the package.
 */
Fields: DocumentFields, Signatures: SignatureBadge | null, 
/**
 * Who signed the package itself (its XML signature, verified on
 * arrival); null for an unsigned package.
 */
XmlSigner: string | null, 
/**
 * Whether that signer's certificate chains to a trust root of the agency.
 */
XmlSignerTrusted: boolean | null, 
/**
 * The registered document, once registered.
 */
IncomingId: string | null, 
/**
 * The return reason or the sender's recall reason.
 */
Reason: string | null, };

export type RecipientStatus = { OrganId: string, OrganName: string, 
/**
 * `province` (the provincial server) or `gateway` (the integration platform).
 */
Route: string, SentAt: string | null, Attempts: number, LastError: string | null, 
/**
 * Two digits (01–06, 13, 15, 16), or null before any status.
 */
StatusCode: string | null, StatusLabel: string, StatusAt: string | null, StatusNote: string | null, 
/**
 * Every status heard, in order: `01`, `03`, …
 */
History: Array<string>, };

export type ExchangeOrgan = { OrganId: string, Name: string, Address: string, Email: string, Route: string, };

export type ExchangeRun = { Sent: Array<RecipientStatus>, StatusesSent: number, Received: Array<ReceivedOutcome>, 
/**
 * Failures kept for a retry, in Vietnamese.
 */
Errors: Array<string>, };

export type ExchangeEndpointInfo = { 
/**
 * `province` or `gateway`.
 */
Route: string, Url: string, SystemId: string, };
