//! Đăng nhập máy chủ: sign in to the provincial server. On an empty data
//! folder this makes it a connected one: the agency, its books and its
//! directory come from the server, then the first sync fills the cache.

use crate::dto::SyncStatus;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_domain::book::BookDirection;
use eoffice_store::{agency, books, connection};
use eoffice_sync::client::Client;

pub(crate) fn sync_error(e: eoffice_sync::client::SyncError) -> AppError {
    use eoffice_sync::client::SyncError as S;
    let code = match &e {
        S::Unreachable(_) => ErrorCode::Offline,
        S::Api { status: 401, .. } => ErrorCode::Unauthorized,
        S::Api { status: 403, .. } => ErrorCode::Forbidden,
        S::Api { status: 429, .. } => ErrorCode::Throttled,
        _ => ErrorCode::Server,
    };
    AppError::new(code, e.message_vi(), e.to_string())
}

/// A data folder's link to the server after a sign-in, before any sync.
pub(crate) fn new_connection(
    server: &str,
    client_id: String,
    tokens: eoffice_sync::TokenPair,
    dir: &eoffice_sync::Directory,
) -> connection::ConnectionRow {
    connection::ConnectionRow {
        server: server.to_string(),
        client_id,
        user_id: tokens.user.id,
        username: tokens.user.username,
        full_name: tokens.user.full_name,
        role: tokens.user.role,
        unit_code: tokens.user.unit_code,
        access_token: Some(tokens.access_token),
        refresh_token: Some(tokens.refresh_token),
        cursor: 0,
        feed_head: eoffice_sync::GENESIS.to_string(),
        directory: serde_json::to_string(dir).expect("serialisable"),
        last_sync: None,
    }
}

impl Eoffice {
    pub fn sign_in(
        &mut self,
        server: &str,
        username: &str,
        password: &str,
    ) -> AppResult<SyncStatus> {
        let client = Client::new(server).map_err(|e| {
            AppError::invalid(
                format!("Địa chỉ máy chủ “{server}” không hợp lệ (cần bắt đầu bằng https:// hoặc http://)."),
                e.to_string(),
            )
        })?;
        let existing = connection::get(&self.conn)?;
        let local_agency = agency::get(&self.conn)?;
        if existing.is_none() && local_agency.is_some() {
            return Err(AppError::new(
                ErrorCode::AlreadyInitialized,
                "Thư mục dữ liệu này đang dùng độc lập (không kết nối). Hãy dùng thư mục trống để đăng nhập.",
                "this data folder is a standalone one; sign in on an empty data folder",
            ));
        }
        if let Some(c) = &existing {
            if c.server.trim_end_matches('/') != client.base() {
                return Err(AppError::new(
                    ErrorCode::InvalidState,
                    format!("Thư mục dữ liệu này thuộc máy chủ {}.", c.server),
                    format!("this data folder belongs to the server {}", c.server),
                ));
            }
        }
        let tokens = client.login(username, password).map_err(sync_error)?;
        if let Some(c) = &existing {
            if c.user_id != tokens.user.id {
                return Err(AppError::new(
                    ErrorCode::InvalidState,
                    format!("Thư mục dữ liệu này là của tài khoản {}; hãy đăng xuất và xóa dữ liệu trước.", c.username),
                    format!("this cache belongs to {}; sign out and wipe it first", c.username),
                ));
            }
            connection::set_tokens(
                &self.conn,
                Some(&tokens.access_token),
                Some(&tokens.refresh_token),
            )?;
            return self.sync_status();
        }
        let mut authed = client;
        authed.set_access_token(Some(tokens.access_token.clone()));
        let dir = authed.directory().map_err(sync_error)?;
        let now = self.clock.now().to_rfc3339();
        let tx = self.conn.transaction()?;
        agency::insert(
            &tx,
            &agency::AgencyRow {
                id: dir.agency.id.clone(),
                name: dir.agency.name.clone(),
                abbreviation: Some(dir.agency.abbr.clone()),
                place: None,
                created_at: now.clone(),
            },
        )?;
        for b in &dir.books {
            books::upsert_from_server(
                &tx,
                &books::BookRow {
                    id: b.id.clone(),
                    agency_id: dir.agency.id.clone(),
                    direction: BookDirection::from_code(&b.direction)
                        .unwrap_or(BookDirection::Incoming),
                    year: b.year,
                    secret: b.secret,
                    name: b.name.clone(),
                    last_number: b.last_number.max(0) as u32,
                    closed_at: b.closed.then(|| now.clone()),
                    normative: false,
                },
            )?;
        }
        connection::insert(
            &tx,
            &new_connection(
                authed.base(),
                uuid::Uuid::new_v4().to_string(),
                tokens,
                &dir,
            ),
        )?;
        tx.commit()?;
        self.sync_now(&mut |_| {})?;
        self.sync_status()
    }

    /// Signs out: the server revokes the tokens; with `wipe` the local
    /// cache goes too (pending commands included, so it refuses while any
    /// wait unless `force`).
    pub fn sign_out(&mut self, wipe: bool, force: bool) -> AppResult<SyncStatus> {
        let Some(c) = connection::get(&self.conn)? else {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Chưa đăng nhập máy chủ nào.",
                "not signed in to a server",
            ));
        };
        if let (Ok(mut client), Some(t)) = (Client::new(&c.server), c.access_token.clone()) {
            client.set_access_token(Some(t));
            // Offline: the tokens are forgotten here and expire there.
            let _ = client.logout();
        }
        connection::set_tokens(&self.conn, None, None)?;
        if wipe {
            let pending = eoffice_store::outbox::count_pending(&self.conn)?;
            if pending > 0 && !force {
                return Err(AppError::new(
                    ErrorCode::InvalidState,
                    format!("Còn {pending} thao tác chưa đồng bộ; xóa dữ liệu sẽ mất chúng. Hãy đồng bộ trước."),
                    format!("{pending} commands are not synced yet; sync first or force the wipe"),
                ));
            }
            self.wipe_cache()?;
        }
        self.sync_status()
    }
}
