// Typed calls into the Tauri shell. Every command returns its DTO or
// rejects with the `{code, message, details}` error contract.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AgencyInfo, AppError, BackupInfo, DocumentTypeInfo, Vocabulary, AuditReport, BookExport, BookInfo, DocumentDetail, IncomingDocument,
  IntakeResult, ListPage, ListRequest, Progress, RegisterInput, SearchHit, SyncProgress, SyncReport, SyncStatus,
  AssignInput, Dashboard, DirectoryInfo, HandlingReport, HandlingView, QueueCounts, QueueItem, UnitSummary, UserSummary, YearCalendar,
  BatchResult, BookTable, DraftInput, KeyInfo, OutgoingDocument, SignProgress, TrustRootInfo,
  ExchangeEndpointInfo, ExchangeOrgan, ExchangeRun, ReceivedItem, RecipientStatus, InboxEntry, NextNumber, ScanOutcome,
} from './bindings';

/** The outgoing queues, as eoffice-app names them (list_outgoing.rs). */
export type OutgoingQueueName = 'drafts' | 'review' | 'approval' | 'to_sign' | 'to_issue' | 'issued' | 'all';
/** A step on a draft (src-tauri outgoing_commands.rs). */
export type OutgoingStepName = 'submit' | 'approve' | 'send_back' | 'comment';
/** What a key is unlocked for: the person's signature or the agency's seal. */
export type KeyPurpose = 'person' | 'agency';

/** The local sign-in of a standalone folder (src-tauri handling_commands.rs). */
export type LocalSession = { NeedsSignIn: boolean; User: UserSummary | null; Demo: boolean };

/** The work queues, as eoffice-app names them. */
export type QueueName = 'mine' | 'awaiting' | 'not_presented' | 'due_soon' | 'overdue' | 'tracking' | 'informed';

/** The `sync` event of the background sync (src-tauri/src/sync_thread.rs). */
export type SyncEvent = { Status: SyncStatus; Online: boolean; Report: SyncReport | null; Error: string | null };

export type { AppError };

/** Any rejection as the error contract; unknown failures become `storage`. */
export function asAppError(e: unknown): AppError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return e as AppError;
  return { code: 'storage', message: 'Đã có lỗi không mong muốn. Hãy thử lại.', details: String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asAppError(e);
  }
}

export const api = {
  agency: () => call<AgencyInfo | null>('agency'),
  createAgency: (organId: string, organName: string, abbreviation: string | null) =>
    call<AgencyInfo>('create_agency', { organId, organName, abbreviation }),
  openDemo: () => call<AgencyInfo>('open_demo'),
  async intakePdf(bytes: Uint8Array, fileName: string): Promise<IntakeResult> {
    try {
      return await invoke<IntakeResult>('intake_pdf', bytes, { headers: { 'x-file-name': encodeURIComponent(fileName) } });
    } catch (e) {
      throw asAppError(e);
    }
  },
  registerStaged: (sha256: string, input: RegisterInput) => call<IncomingDocument>('register_staged', { sha256, input }),
  listIncoming: (request: ListRequest) => call<ListPage>('list_incoming', { request }),
  showIncoming: (id: string) => call<DocumentDetail>('show_incoming', { id }),
  originalFile: async (id: string) => new Uint8Array(await call<ArrayBuffer>('original_file', { id })),
  search: (query: string, limit: number, prefix: boolean) => call<SearchHit[]>('search_incoming', { query, limit, prefix }),
  returnIncoming: (id: string, reason: string) => call<IncomingDocument>('return_incoming', { id, reason }),
  listBooks: () => call<BookInfo[]>('list_books'),
  exportBook: (year: number, secret: boolean, format: 'pdf' | 'xlsx' | 'csv', direction: 'incoming' | 'outgoing' = 'incoming', normative = false) =>
    call<BookExport>('export_book', { year, secret, format, direction, normative }),
  closeBook: (bookId: string) => call<null>('close_book', { bookId }),
  verifyAudit: () => call<AuditReport>('verify_audit'),
  dataFolder: () => call<string>('data_folder'),
  backupData: () => call<BackupInfo>('backup_data'),
  listBackups: () => call<string[]>('list_backups'),
  restoreData: (name: string) => call<BackupInfo>('restore_data', { name }),
  vocabulary: () => call<Vocabulary>('vocabulary'),
  documentTypes: () => call<DocumentTypeInfo[]>('document_types'),
  inboxFiles: () => call<InboxEntry[]>('inbox_files'),
  /** The inbox queue again, whenever a file arrives, grows, finishes copying or leaves. */
  onInbox: (f: (entries: InboxEntry[]) => void): Promise<UnlistenFn> => listen<InboxEntry[]>('inbox', (e) => f(e.payload)),
  discardStaged: (sha256: string, reason: string) => call<null>('discard_staged', { sha256, reason }),
  /** Scans paper into the inbox folder; the `inbox` event then shows it. */
  scanPaper: (device: string, resolution: number, mode: 'color' | 'gray' | 'lineart', duplex: boolean) =>
    call<ScanOutcome>('scan_paper', { device, resolution, mode, duplex }),
  nextIncomingNumber: (arrivalDate: string, secrecy: string | null) =>
    call<NextNumber>('next_incoming_number', { arrivalDate, secrecy }),
  intakeInbox: (name: string) => call<IntakeResult>('intake_inbox', { name }),
  /** Reads a staged scan by OCR in the background; progress arrives on `onOcr`. */
  ocrStaged: (sha256: string) => call<IntakeResult>('ocr_staged', { sha256 }),
  onOcr: (f: (p: { Sha256: string; Done: number; Pages: number }) => void): Promise<UnlistenFn> =>
    listen<{ Sha256: string; Done: number; Pages: number }>('ocr', (e) => f(e.payload)),
  stagedFile: async (sha256: string) => new Uint8Array(await call<ArrayBuffer>('staged_file', { sha256 })),
  onProgress: (f: (p: Progress) => void): Promise<UnlistenFn> => listen<Progress>('progress', (e) => f(e.payload)),
  syncStatus: () => call<SyncStatus>('sync_status'),
  signIn: (server: string, username: string, password: string) => call<SyncStatus>('sign_in', { server, username, password }),
  signOut: (wipe: boolean, force: boolean) => call<SyncStatus>('sign_out', { wipe, force }),
  syncNow: () => call<SyncReport>('sync_now'),
  downloadOriginals: () => call<number>('download_originals'),
  onSync: (f: (s: SyncEvent) => void): Promise<UnlistenFn> => listen<SyncEvent>('sync', (e) => f(e.payload)),
  onSyncProgress: (f: (p: SyncProgress) => void): Promise<UnlistenFn> => listen<SyncProgress>('sync-progress', (e) => f(e.payload)),
  onNewDocuments: (f: (n: number) => void): Promise<UnlistenFn> => listen<number>('new-documents', (e) => f(e.payload)),
  localSession: () => call<LocalSession>('local_session'),
  signInLocal: (username: string, password: string) => call<UserSummary>('sign_in_local', { username, password }),
  signOutLocal: () => call<null>('sign_out_local'),
  directoryInfo: () => call<DirectoryInfo>('directory_info'),
  addUser: (username: string, fullName: string, role: string, unit: string | null, password: string) =>
    call<UserSummary>('add_user', { username, fullName, role, unit, password }),
  addUnit: (code: string, name: string) => call<UnitSummary>('add_unit', { code, name }),
  workQueue: (queue: QueueName, limit: number, offset: number) => call<QueueItem[]>('work_queue', { queue, limit, offset }),
  queueCounts: () => call<QueueCounts>('queue_counts'),
  showHandling: (id: string) => call<HandlingView>('show_handling', { id }),
  present: (id: string, to: string, propose: string[]) => call<HandlingView>('present_incoming', { id, to, propose }),
  assign: (id: string, input: AssignInput) => call<HandlingView>('assign_incoming', { id, input }),
  forward: (id: string, to: string, note: string | null) => call<HandlingView>('forward_incoming', { id, to, note }),
  forInformation: (id: string, instruction: string | null) => call<HandlingView>('mark_for_information', { id, instruction }),
  reassign: (id: string, lead: string, helpers: string[], deadline: string | null) =>
    call<HandlingView>('reassign_incoming', { id, lead, helpers, deadline }),
  progress: (id: string, note: string, percent: number | null) => call<HandlingView>('report_progress', { id, note, percent }),
  requestExtension: (id: string, until: string, reason: string) => call<HandlingView>('request_extension', { id, until, reason }),
  decideExtension: (id: string, task: number, accept: boolean, note: string | null) =>
    call<HandlingView>('decide_extension', { id, task, accept, note }),
  sendBack: (id: string, reason: string) => call<HandlingView>('send_back', { id, reason }),
  complete: (id: string, result: string, reply: string | null) => call<HandlingView>('complete_task', { id, result, reply }),
  dashboard: (year: number) => call<Dashboard>('dashboard', { year }),
  handlingReport: (from: string, to: string, unit: string | null) => call<HandlingReport>('handling_report', { from, to, unit }),
  exportHandlingReport: (from: string, to: string, unit: string | null, format: 'pdf' | 'xlsx') =>
    call<string>('export_handling_report', { from, to, unit, format }),
  yearCalendar: (year: number) => call<YearCalendar>('year_calendar', { year }),
  setCalendarDay: (date: string, kind: string | null, name: string) => call<YearCalendar>('set_calendar_day', { date, kind, name }),
  async draftOutgoing(bytes: Uint8Array, fileName: string, input: DraftInput): Promise<OutgoingDocument> {
    try {
      return await invoke<OutgoingDocument>('draft_outgoing', bytes, {
        headers: { 'x-file-name': encodeURIComponent(fileName), 'x-draft': encodeURIComponent(JSON.stringify(input)) },
      });
    } catch (e) {
      throw asAppError(e);
    }
  },
  async addOutgoingVersion(id: string, bytes: Uint8Array, fileName: string): Promise<OutgoingDocument> {
    try {
      return await invoke<OutgoingDocument>('add_outgoing_version', bytes, {
        headers: { 'x-file-name': encodeURIComponent(fileName), 'x-id': encodeURIComponent(id) },
      });
    } catch (e) {
      throw asAppError(e);
    }
  },
  outgoingStep: (id: string, step: OutgoingStepName, text: string | null) => call<OutgoingDocument>('outgoing_step', { id, step, text }),
  listOutgoing: (queue: OutgoingQueueName) => call<OutgoingDocument[]>('list_outgoing', { queue }),
  showOutgoing: (id: string) => call<OutgoingDocument>('show_outgoing', { id }),
  outgoingPdf: async (id: string) => new Uint8Array(await call<ArrayBuffer>('outgoing_pdf', { id })),
  outgoingBook: (bookId: string) => call<BookTable>('outgoing_book', { bookId }),
  unlockKey: (purpose: KeyPurpose, kind: 'pkcs12' | 'pkcs11' | 'remote', path: string, slot: number | null, secret: string, image: string | null, remote: string | null = null) =>
    call<KeyInfo>('unlock_key', { purpose, kind, path, slot, secret, image, remote }),
  keyStatus: () => call<Record<string, KeyInfo>>('key_status'),
  lockKey: (purpose: KeyPurpose) => call<null>('lock_key', { purpose }),
  signOutgoing: (ids: string[]) => call<BatchResult>('sign_outgoing', { ids }),
  onSignProgress: (f: (p: SignProgress) => void): Promise<UnlistenFn> => listen<SignProgress>('sign-progress', (e) => f(e.payload)),
  issueOutgoing: (id: string) => call<OutgoingDocument>('issue_outgoing', { id }),
  trustRoots: () => call<TrustRootInfo[]>('trust_roots'),
  receivedQueue: (all: boolean) => call<ReceivedItem[]>('received_queue', { all }),
  registerExchanged: (id: string, arrivalDate: string | null) => call<IncomingDocument>('register_exchanged', { id, arrivalDate }),
  returnExchanged: (id: string, reason: string) => call<ReceivedItem>('return_exchanged', { id, reason }),
  receiveExchange: () => call<ExchangeRun>('receive_exchange'),
  exchangeOrgans: () => call<ExchangeOrgan[]>('exchange_organs'),
  recipientsOf: (id: string) => call<RecipientStatus[]>('recipients_of', { id }),
  sendOutgoing: (id: string, to: string[]) => call<ExchangeRun>('send_outgoing', { id, to }),
  recallOutgoing: (id: string, reason: string) => call<ExchangeRun>('recall_outgoing', { id, reason }),
  putExchangeOrgan: (organ: ExchangeOrgan) => call<ExchangeOrgan[]>('put_exchange_organ', { organ }),
  exchangeEndpoints: () => call<ExchangeEndpointInfo[]>('exchange_endpoints'),
  setExchangeEndpoint: (route: string, url: string, systemId: string, secretKey: string) =>
    call<ExchangeEndpointInfo[]>('set_exchange_endpoint', { route, url, systemId, secretKey }),
  /** Each round of the exchange poll (src-tauri exchange_thread.rs). */
  onExchange: (f: (r: ExchangeRun) => void): Promise<UnlistenFn> => listen<ExchangeRun>('exchange', (e) => f(e.payload)),
  async addTrustRoots(bytes: Uint8Array, fileName: string): Promise<TrustRootInfo[]> {
    try {
      return await invoke<TrustRootInfo[]>('add_trust_roots', bytes, { headers: { 'x-file-name': encodeURIComponent(fileName) } });
    } catch (e) {
      throw asAppError(e);
    }
  },
};
