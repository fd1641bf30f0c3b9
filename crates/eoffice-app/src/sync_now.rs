//! Đồng bộ: push the outbox, then pull the agency's feed into the cache.
//!
//! Order matters: files first (the server refuses a registration whose
//! original it does not have, so a document never shows as synced before
//! its file is), then commands, then the feed. Every step commits as it
//! goes, so a sync killed at any point resumes where it stopped: a command
//! sent twice is decided once by its UUID, and the cursor moves only in
//! the transaction that applied the events.

use crate::dto::{DocumentFields, RejectedCommand, SyncProgress, SyncReport, SyncStatus};
use crate::sign_in::sync_error;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_domain::book::BookDirection;
use eoffice_domain::EventKind;
use eoffice_store::incoming::IncomingRow;
use eoffice_store::{books, connection, feed, incoming, outbox, search};
use eoffice_sync::client::{Client, SyncError};
use eoffice_sync::{FeedEvent, Mutation, MutationStatus, PushRequest};
use rusqlite::Connection;

const PUSH_PAGE: i64 = 100;
const PULL_PAGE: i64 = 1000;
const CHUNK: usize = 1 << 20;

fn not_connected() -> AppError {
    AppError::new(
        ErrorCode::InvalidState,
        "Thư mục dữ liệu này không kết nối máy chủ (chế độ độc lập).",
        "this data folder is standalone, not connected to a server",
    )
}

fn signed_out() -> AppError {
    AppError::new(
        ErrorCode::Unauthorized,
        "Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại (eoffice login).",
        "signed out: log in again",
    )
}

impl Eoffice {
    pub fn sync_status(&self) -> AppResult<SyncStatus> {
        let Some(c) = connection::get(&self.conn)? else {
            return Ok(SyncStatus {
                mode: "standalone".into(),
                server: None,
                user: None,
                full_name: None,
                role: None,
                signed_in: false,
                pending: 0,
                last_sync: None,
                cursor: 0,
                rejected: Vec::new(),
            });
        };
        Ok(SyncStatus {
            mode: "connected".into(),
            server: Some(c.server),
            user: Some(c.username),
            full_name: Some(c.full_name),
            role: Some(c.role),
            signed_in: c.access_token.is_some(),
            pending: outbox::count_pending(&self.conn)?,
            last_sync: c.last_sync,
            cursor: c.cursor,
            rejected: outbox::rejected(&self.conn, 20)?
                .into_iter()
                .map(rejected)
                .collect(),
        })
    }

    /// Runs `call` with the access token, refreshing it once when the
    /// server says it expired.
    fn authed<T>(
        &mut self,
        client: &mut Client,
        call: impl Fn(&Client) -> Result<T, SyncError>,
    ) -> AppResult<T> {
        match call(client) {
            Err(e) if e.is_unauthorized() => {
                let c = connection::get(&self.conn)?.ok_or_else(not_connected)?;
                let refresh = c.refresh_token.ok_or_else(signed_out)?;
                let pair = client.refresh(&refresh).map_err(|e| {
                    if e.is_unauthorized() {
                        let _ = connection::set_tokens(&self.conn, None, None);
                        signed_out()
                    } else {
                        sync_error(e)
                    }
                })?;
                connection::set_tokens(
                    &self.conn,
                    Some(&pair.access_token),
                    Some(&pair.refresh_token),
                )?;
                client.set_access_token(Some(pair.access_token));
                call(client).map_err(sync_error)
            }
            r => r.map_err(sync_error),
        }
    }

    /// A client with this folder's token, for waiting on notices without
    /// holding the app.
    pub fn server_client(&self) -> AppResult<Client> {
        let c = connection::get(&self.conn)?.ok_or_else(not_connected)?;
        let token = c.access_token.ok_or_else(signed_out)?;
        let mut client = Client::new(&c.server).map_err(sync_error)?;
        client.set_access_token(Some(token));
        Ok(client)
    }

    pub fn sync_now(&mut self, progress: &mut dyn FnMut(SyncProgress)) -> AppResult<SyncReport> {
        let mut client = self.server_client()?;
        let c = connection::get(&self.conn)?.ok_or_else(not_connected)?;
        let mut report = SyncReport::default();

        // 1. Files of pending registrations.
        let pending = outbox::pending(&self.conn, i64::MAX)?;
        let files: Vec<String> = pending
            .iter()
            .filter_map(|o| o.blob_sha256.clone())
            .collect();
        for (i, sha) in files.iter().enumerate() {
            let bytes = self.blobs.get(sha)?;
            self.authed(&mut client, |cl| cl.upload_blob(sha, &bytes, CHUNK))?;
            report.uploaded += 1;
            progress(SyncProgress {
                stage: "upload".into(),
                done: i as i64 + 1,
                total: files.len() as i64,
            });
        }

        // 2. Commands, in the order they were made.
        let mut sent_ids = std::collections::HashSet::new();
        loop {
            let page: Vec<_> = outbox::pending(&self.conn, PUSH_PAGE)?
                .into_iter()
                .filter(|o| !sent_ids.contains(&o.id))
                .collect();
            if page.is_empty() {
                break;
            }
            let req = PushRequest {
                client_id: c.client_id.clone(),
                mutations: page
                    .iter()
                    .map(|o| Mutation {
                        id: o.id.clone(),
                        name: o.name.clone(),
                        args: o.args.clone(),
                    })
                    .collect(),
            };
            let resp = self.authed(&mut client, |cl| cl.push(&req))?;
            let now = self.clock.now().to_rfc3339();
            let (me, dir, today) = (self.person_for("")?, self.directory()?, self.today());
            let tx = self.conn.transaction()?;
            for r in &resp.results {
                sent_ids.insert(r.id.clone());
                let Some(o) = page.iter().find(|o| o.id == r.id) else {
                    continue;
                };
                match r.status {
                    MutationStatus::Applied => {
                        outbox::decide(&tx, &o.id, "confirmed", None, None, &now)?;
                        report.confirmed += 1;
                    }
                    MutationStatus::Rejected => {
                        outbox::decide(
                            &tx,
                            &o.id,
                            "rejected",
                            r.code.as_deref(),
                            r.reason.as_deref(),
                            &now,
                        )?;
                        undo(&tx, o, &now)?;
                        if o.name == eoffice_sync::command::HANDLE {
                            if let Some(doc) = &o.document_id {
                                crate::handling_step::refold(&tx, &me, &dir, today, doc)?;
                            }
                        }
                        report.rejected.push(RejectedCommand {
                            id: o.id.clone(),
                            name: o.name.clone(),
                            document_id: o.document_id.clone(),
                            code: r.code.clone(),
                            reason: r.reason.clone(),
                        });
                    }
                    MutationStatus::Retry => report.retry += 1,
                }
            }
            tx.commit()?;
            report.pushed += page.len();
            progress(SyncProgress {
                stage: "push".into(),
                done: report.pushed as i64,
                total: report.pushed as i64 + outbox::count_pending(&self.conn)?,
            });
        }

        // 3. The feed after our cursor, page by page.
        loop {
            let c = connection::get(&self.conn)?.ok_or_else(not_connected)?;
            let cursor = c.cursor;
            let page = self.authed(&mut client, |cl| cl.pull(cursor, PULL_PAGE))?;
            if page.events.is_empty() {
                report.cursor = cursor;
                break;
            }
            let head = eoffice_sync::verify_chain(&c.feed_head, &page.events).map_err(|(seq, why)| {
                AppError::new(
                    ErrorCode::Integrity,
                    "Dữ liệu nhận từ máy chủ không khớp chuỗi nhật ký; chưa áp dụng. Hãy báo quản trị.",
                    format!("feed event {seq}: {why}"),
                )
            })?;
            let agency = self.agency()?;
            let me = self.person_for("")?;
            let dir = self.directory()?;
            let today = self.today();
            let tx = self.conn.transaction()?;
            let mut handled: Vec<&str> = Vec::new();
            for e in &page.events {
                feed::insert(&tx, e)?;
                report.new_documents += apply(&tx, &agency.id, e)?;
                if EventKind::from_name(&e.name).is_some_and(|k| k.is_handling())
                    && !handled.contains(&e.stream.as_str())
                {
                    handled.push(&e.stream);
                }
            }
            for doc in handled {
                crate::handling_step::refold(&tx, &me, &dir, today, doc)?;
            }
            let last = page.events.last().expect("not empty").seq;
            connection::advance(&tx, last, &head)?;
            tx.commit()?;
            report.pulled += page.events.len();
            report.cursor = last;
            progress(SyncProgress {
                stage: "pull".into(),
                done: last,
                total: page.last_seq,
            });
            if !page.more {
                break;
            }
        }
        connection::set_last_sync(&self.conn, &self.clock.now().to_rfc3339())?;
        report.pending = outbox::count_pending(&self.conn)?;
        Ok(report)
    }

    /// Waits up to `timeout` for the server to say there is something new.
    pub fn wait_for_changes(&self, timeout: std::time::Duration) -> AppResult<bool> {
        self.server_client()?
            .wait_notice(timeout)
            .map_err(sync_error)
    }

    /// Keeps every original of the cache on this machine (for working
    /// offline): downloads those known only by their hash. Returns how many.
    pub fn download_missing_originals(
        &mut self,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> AppResult<usize> {
        let missing: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT sha256 FROM blobs WHERE size < 0 ORDER BY sha256")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for (i, sha) in missing.iter().enumerate() {
            self.fetch_original(sha)?;
            progress(SyncProgress {
                stage: "download".into(),
                done: i as i64 + 1,
                total: missing.len() as i64,
            });
        }
        Ok(missing.len())
    }

    /// The text of a document another desktop registered, fetched when it
    /// is first opened here and then searchable by its body too. Offline,
    /// nothing happens: metadata search still finds it.
    pub(crate) fn fetch_text(&mut self, row: &IncomingRow) -> AppResult<()> {
        if incoming::text(&self.conn, row.seq)?.is_some_and(|t| !t.is_empty()) {
            return Ok(());
        }
        let mut client = self.server_client()?;
        let Ok(text) = self.authed(&mut client, |cl| cl.document_text(&row.id)) else {
            return Ok(());
        };
        if text.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE incoming_text SET body = ?2 WHERE incoming_seq = ?1",
            rusqlite::params![row.seq, text],
        )?;
        let meta = search::meta_text(
            &row.organ_name,
            &row.subject,
            row.code_number.as_deref(),
            row.code_notation.as_deref(),
            row.type_name.as_deref(),
        );
        search::unindex(&tx, row.seq)?;
        search::index(&tx, row.seq, &meta, &text)?;
        tx.commit()?;
        Ok(())
    }

    /// The original from the server, for a document another desktop
    /// registered; kept here afterwards.
    pub(crate) fn fetch_original(&mut self, sha: &str) -> AppResult<Vec<u8>> {
        let mut client = self.server_client()?;
        let bytes = self.authed(&mut client, |cl| cl.download_blob(sha))?;
        if eoffice_store::blobs::sha256_hex(&bytes) != sha {
            return Err(AppError::new(
                ErrorCode::Integrity,
                "Tệp tải về từ máy chủ không khớp mã băm.",
                format!("downloaded bytes do not hash to {sha}"),
            ));
        }
        self.blobs.put(&bytes)?;
        self.conn.execute(
            "INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (?1, ?2, 'application/pdf', ?3)
             ON CONFLICT (sha256) DO UPDATE SET size = excluded.size",
            rusqlite::params![sha, bytes.len() as i64, self.clock.now().to_rfc3339()],
        )?;
        Ok(bytes)
    }

    /// Removes the local cache: a fresh, empty data folder.
    pub(crate) fn wipe_cache(&mut self) -> AppResult<()> {
        drop(std::mem::replace(
            &mut self.conn,
            Connection::open_in_memory()?,
        ));
        for f in ["eoffice.sqlite", "eoffice.sqlite-wal", "eoffice.sqlite-shm"] {
            let _ = std::fs::remove_file(self.dir.join(f));
        }
        let _ = std::fs::remove_dir_all(self.dir.join("blobs"));
        self.conn = eoffice_store::open(&self.dir.join("eoffice.sqlite"))?;
        Ok(())
    }
}

fn rejected(o: outbox::OutboxRow) -> RejectedCommand {
    RejectedCommand {
        id: o.id,
        name: o.name,
        document_id: o.document_id,
        code: o.code,
        reason: o.reason,
    }
}

/// Takes back what a refused command had changed here. The original file
/// stays, so nothing the clerk brought in is lost.
fn undo(tx: &Connection, o: &outbox::OutboxRow, at: &str) -> AppResult<()> {
    let Some(doc) = &o.document_id else {
        return Ok(());
    };
    match o.name.as_str() {
        eoffice_sync::command::REGISTER => incoming::remove_provisional(tx, doc)?,
        eoffice_sync::command::RETURN => {
            incoming::set_state(tx, doc, o.prev_state.as_deref().unwrap_or("registered"), at)?
        }
        _ => {}
    }
    Ok(())
}

fn str_of(v: &serde_json::Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

/// Applies one feed event to the cache; returns 1 for a document that was
/// not here before.
fn apply(tx: &Connection, agency_id: &str, e: &FeedEvent) -> AppResult<usize> {
    let p: serde_json::Value = serde_json::from_str(&e.payload).unwrap_or_default();
    match EventKind::from_name(&e.name) {
        Some(EventKind::BookOpened) => {
            let year = p.get("Year").and_then(|y| y.as_i64()).unwrap_or(0) as i32;
            books::upsert_from_server(
                tx,
                &books::BookRow {
                    id: str_of(&p, "BookId").unwrap_or_else(|| e.stream.clone()),
                    agency_id: agency_id.to_string(),
                    direction: BookDirection::from_code(
                        &str_of(&p, "Direction").unwrap_or_default(),
                    )
                    .unwrap_or(BookDirection::Incoming),
                    year,
                    secret: p.get("Secret").and_then(|s| s.as_bool()).unwrap_or(false),
                    name: str_of(&p, "Name").unwrap_or_default(),
                    last_number: 0,
                    closed_at: None,
                    normative: false,
                },
            )?;
            Ok(0)
        }
        Some(EventKind::IncomingRegistered) => {
            let number = str_of(&p, "ArrivalNumber")
                .and_then(|n| eoffice_domain::DocNumber::parse(&n).ok())
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::Server,
                        "Máy chủ gửi số đến không hợp lệ.",
                        "bad ArrivalNumber in feed",
                    )
                })?;
            let book_id = str_of(&p, "BookId").unwrap_or_default();
            let state = str_of(&p, "State").unwrap_or_else(|| "registered".into());
            let at = e.at.clone();
            books::raise_last_number(tx, &book_id, number.value)?;
            if incoming::get(tx, &e.stream)?.is_some() {
                incoming::confirm_number(tx, &e.stream, &book_id, number.value, &state, &at)?;
                return Ok(0);
            }
            let f: DocumentFields = serde_json::from_value(p.clone()).unwrap_or_default();
            let row = IncomingRow {
                seq: 0,
                id: e.stream.clone(),
                agency_id: agency_id.to_string(),
                book_id,
                arrival_number: number.value,
                arrival_sub: number.sub,
                arrival_date: str_of(&p, "ArrivalDate").unwrap_or_default(),
                state,
                code_number: f.code_number,
                code_notation: f.code_notation,
                type_name: f.type_name,
                issued_date: f.issued_date,
                place: f.place,
                organ_name: f.organ_name.unwrap_or_default(),
                parent_organ_name: f.parent_organ_name,
                subject: f.subject.unwrap_or_default(),
                signer_competence: f.signer_info.competence,
                signer_position: f.signer_info.position,
                signer_full_name: f.signer_info.full_name,
                priority: f.priority,
                secrecy: None,
                to_places: f.to_places,
                addressees: f.to.into_iter().map(|o| o.organ_name).collect(),
                page_amount: f.page_amount,
                blob_sha256: str_of(&p, "Sha256"),
                file_name: str_of(&p, "FileName"),
                return_reason: None,
                duplicate_key: str_of(&p, "DuplicateKey"),
                created_at: at.clone(),
                updated_at: at,
                registered_by: None,
            };
            // Known, not here yet: size -1 until the original is first opened.
            if let Some(sha) = &row.blob_sha256 {
                tx.execute(
                    "INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?1, -1, 'application/pdf', ?2)",
                    rusqlite::params![sha, row.created_at],
                )?;
            }
            let seq = incoming::insert(tx, &row)?;
            eoffice_store::handling::put(
                tx,
                &eoffice_store::handling::Put {
                    document_id: &row.id,
                    handling: &eoffice_domain::handling::Handling::default(),
                    arrival_date: &row.arrival_date,
                    priority: row.priority,
                    principals: &[],
                    lead_unit: None,
                    lead_user: None,
                    at: &row.created_at,
                },
            )?;
            // The text stays on the server until the document is opened here.
            incoming::insert_text(tx, seq, "")?;
            let meta = search::meta_text(
                &row.organ_name,
                &row.subject,
                row.code_number.as_deref(),
                row.code_notation.as_deref(),
                row.type_name.as_deref(),
            );
            search::index(tx, seq, &meta, "")?;
            Ok(1)
        }
        Some(EventKind::IncomingReturned) => {
            incoming::set_returned(
                tx,
                &e.stream,
                &str_of(&p, "Reason").unwrap_or_default(),
                &e.at,
            )?;
            Ok(0)
        }
        _ => Ok(0),
    }
}
