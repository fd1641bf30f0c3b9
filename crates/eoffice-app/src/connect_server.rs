//! Kết nối máy chủ: a standalone agency moves its books, documents,
//! originals and history to the provincial server once, every number
//! kept, and this data folder becomes a connected one. Secret documents
//! stay here in their own book (domain.md §4).

use crate::dto::SyncStatus;
use crate::sign_in::sync_error;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_store::{books, connection, events, incoming};
use eoffice_sync::client::Client;
use eoffice_sync::{ImportArgs, Mutation, MutationStatus, PushRequest};

const PAGE: usize = 200;

impl Eoffice {
    pub fn connect_to_server(
        &mut self,
        server: &str,
        username: &str,
        password: &str,
    ) -> AppResult<SyncStatus> {
        let agency = self.agency()?;
        if self.is_connected()? {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Thư mục dữ liệu này đã kết nối máy chủ.",
                "this data folder is already connected",
            ));
        }
        let mut client = Client::new(server).map_err(|e| {
            AppError::invalid(
                format!("Địa chỉ máy chủ “{server}” không hợp lệ."),
                e.to_string(),
            )
        })?;
        let tokens = client.login(username, password).map_err(sync_error)?;
        if tokens.user.agency_id != agency.id {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                format!(
                    "Tài khoản {} thuộc cơ quan {}, không phải {} ({}).",
                    tokens.user.username, tokens.user.agency_id, agency.name, agency.id
                ),
                format!(
                    "{} belongs to {}, not {}",
                    tokens.user.username, tokens.user.agency_id, agency.id
                ),
            ));
        }
        if tokens.user.role != "admin" {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                "Chỉ quản trị của cơ quan được chuyển dữ liệu lên máy chủ.",
                "only an admin of the agency may connect a standalone data folder",
            ));
        }
        client.set_access_token(Some(tokens.access_token.clone()));

        // Every ordinary document, in book order; secret ones stay.
        let mut rows = Vec::new();
        for b in books::list(&self.conn)? {
            if !b.secret && !books::is_pending(&b.id) {
                rows.extend(incoming::in_book(&self.conn, &b.id)?);
            }
        }
        for r in &rows {
            if let Some(sha) = &r.blob_sha256 {
                let bytes = self.blobs.get(sha)?;
                client
                    .upload_blob(sha, &bytes, 1 << 20)
                    .map_err(sync_error)?;
            }
        }
        let mut mutations = Vec::with_capacity(rows.len());
        for r in &rows {
            let doc = crate::show_incoming::document_from_row(r);
            let history: Vec<serde_json::Value> = events::for_stream(&self.conn, &r.id)?
                .into_iter()
                .map(|e| {
                    serde_json::json!({ "Seq": e.seq, "At": e.at, "Actor": e.actor, "Command": e.command, "Payload": e.payload, "Hash": e.hash })
                })
                .collect();
            let args = ImportArgs {
                document_id: r.id.clone(),
                year: r
                    .arrival_date
                    .get(..4)
                    .and_then(|y| y.parse().ok())
                    .unwrap_or(0),
                arrival_number: r.arrival_number,
                arrival_sub: r.arrival_sub.map(String::from),
                arrival_date: r.arrival_date.clone(),
                state: r.state.clone(),
                return_reason: r.return_reason.clone(),
                fields: serde_json::to_value(&doc.fields).expect("serialisable"),
                sha256: r.blob_sha256.clone().unwrap_or_default(),
                file_name: r.file_name.clone(),
                duplicate_key: r.duplicate_key.clone(),
                text: incoming::text(&self.conn, r.seq)?.unwrap_or_default(),
                history,
            };
            // The document's own id makes a second `connect` harmless.
            mutations.push(Mutation {
                id: r.id.clone(),
                name: eoffice_sync::command::IMPORT.into(),
                args: serde_json::to_value(args).expect("serialisable"),
            });
        }
        let client_id = uuid::Uuid::new_v4().to_string();
        let mut refused = Vec::new();
        for page in mutations.chunks(PAGE) {
            let resp = client
                .push(&PushRequest {
                    client_id: client_id.clone(),
                    mutations: page.to_vec(),
                })
                .map_err(sync_error)?;
            for r in resp.results {
                if r.status != MutationStatus::Applied {
                    refused.push(format!("{}: {}", r.id, r.reason.unwrap_or_default()));
                }
            }
        }
        if !refused.is_empty() {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                format!(
                    "Máy chủ không nhận {} văn bản; thư mục vẫn ở chế độ độc lập. {}",
                    refused.len(),
                    refused.first().cloned().unwrap_or_default()
                ),
                format!(
                    "the server refused {} documents; still standalone",
                    refused.len()
                ),
            )
            .with_details(serde_json::json!({ "Refused": refused })));
        }
        let dir = client.directory().map_err(sync_error)?;
        let tx = self.conn.transaction()?;
        // The books take the server's ids, so the feed updates them in place.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for sb in dir.books.iter().filter(|b| !b.secret) {
            let local: Option<String> = tx
                .query_row(
                    "SELECT id FROM books WHERE direction = ?1 AND year = ?2 AND secret = 0",
                    rusqlite::params![sb.direction, sb.year],
                    |r| r.get(0),
                )
                .ok();
            if let Some(old) = local.filter(|old| *old != sb.id) {
                tx.execute(
                    "UPDATE books SET id = ?2 WHERE id = ?1",
                    rusqlite::params![old, sb.id],
                )?;
                tx.execute(
                    "UPDATE incoming SET book_id = ?2 WHERE book_id = ?1",
                    rusqlite::params![old, sb.id],
                )?;
            }
        }
        tx.commit()?;
        connection::insert(
            &self.conn,
            &crate::sign_in::new_connection(client.base(), client_id, tokens, &dir),
        )?;
        // The feed brings every document back under the server's book ids.
        self.sync_now(&mut |_| {})?;
        self.sync_status()
    }
}
