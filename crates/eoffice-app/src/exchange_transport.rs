//! Where packages go and how: the agency's system on the provincial
//! server (route `province`) and on the integration gateway (route
//! `gateway`), both spoken to with the one client of domain.md §12. A call
//! that may pass later is retried a few times with a doubling pause; what
//! still fails stays owed and is sent again by the next run.

use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_store::exchange::{self, EndpointRow};
use eoffice_sync::exchange_client::{with_retry, Endpoint, ExchangeClient, ExchangeError};
use std::time::Duration;

pub const ROUTES: [&str; 2] = ["province", "gateway"];

pub fn route_label(route: &str) -> &'static str {
    match route {
        "province" => "máy chủ văn bản tỉnh",
        "gateway" => "nền tảng liên thông",
        _ => "đường gửi không rõ",
    }
}

/// How long one call may take; `EOFFICE_EXCHANGE_TIMEOUT_MS` shortens it
/// (the fault tests use a fraction of a second).
fn call_timeout() -> Duration {
    std::env::var("EOFFICE_EXCHANGE_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
        .unwrap_or(Duration::from_secs(30))
}

fn retry_pause() -> Duration {
    (call_timeout() / 10).clamp(Duration::from_millis(20), Duration::from_secs(2))
}

pub(crate) const ATTEMPTS: u32 = 4;

pub(crate) fn exchange_error(route: &str, e: &ExchangeError) -> AppError {
    let code = if e.is_final() {
        ErrorCode::Server
    } else {
        ErrorCode::Offline
    };
    AppError::new(
        code,
        format!("Gửi qua {}: {}", route_label(route), e.message_vi()),
        format!("{route}: {e}"),
    )
}

pub(crate) struct Transport {
    pub route: String,
    pub client: ExchangeClient,
}

impl Transport {
    pub fn call<T>(
        &self,
        mut f: impl FnMut(&ExchangeClient) -> Result<T, ExchangeError>,
    ) -> Result<T, ExchangeError> {
        with_retry(ATTEMPTS, retry_pause(), || f(&self.client))
    }
}

impl Eoffice {
    /// Routes and the directory are the clerk's or the administrator's,
    /// in a folder with local users (the server decides when connected).
    pub(crate) fn check_exchange_admin(&self, actor: &str) -> AppResult<()> {
        if self.is_connected()? || eoffice_store::directory::count_users(&self.conn)? == 0 {
            return Ok(());
        }
        let p = self.person_for(actor)?;
        if !matches!(
            p.role,
            eoffice_domain::Role::Admin | eoffice_domain::Role::Clerk
        ) {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                "Chỉ văn thư hoặc quản trị khai báo kết nối và danh bạ liên thông.",
                "only a clerk or an administrator sets the exchange routes and directory",
            ));
        }
        Ok(())
    }

    /// Sets the agency's system on one route; the secret key is kept in
    /// the data folder's database.
    pub fn set_exchange_endpoint(
        &mut self,
        actor: &str,
        route: &str,
        url: &str,
        system_id: &str,
        secret_key: &str,
    ) -> AppResult<()> {
        self.check_exchange_admin(actor)?;
        if !ROUTES.contains(&route) {
            return Err(AppError::invalid(
                "Đường gửi phải là “province” (máy chủ tỉnh) hoặc “gateway” (nền tảng liên thông).",
                format!("route {route:?} must be province or gateway"),
            ));
        }
        let url = url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(AppError::invalid(
                format!("Địa chỉ “{url}” phải bắt đầu bằng http:// hoặc https://."),
                format!("{url:?} must start with http:// or https://"),
            ));
        }
        if system_id.trim().is_empty() || secret_key.is_empty() {
            return Err(AppError::invalid(
                "Cần mã hệ thống và khóa bí mật do đơn vị quản lý nền tảng cấp.",
                "the system id and the secret key are required",
            ));
        }
        exchange::put_endpoint(
            &self.conn,
            &EndpointRow {
                route: route.into(),
                url: url.into(),
                system_id: system_id.trim().into(),
                secret_key: secret_key.into(),
            },
            &self.clock.now().to_rfc3339(),
        )?;
        Ok(())
    }

    /// The routes configured; the secret keys never leave the database.
    pub fn exchange_endpoints(&self) -> AppResult<Vec<crate::dto::ExchangeEndpointInfo>> {
        Ok(exchange::endpoints(&self.conn)?
            .into_iter()
            .map(|e| crate::dto::ExchangeEndpointInfo {
                route: e.route,
                url: e.url,
                system_id: e.system_id,
            })
            .collect())
    }

    /// Whether any route is configured: the desktop polls only then.
    pub fn exchange_configured(&self) -> AppResult<bool> {
        Ok(!exchange::endpoints(&self.conn)?.is_empty())
    }

    pub(crate) fn transports(&self) -> AppResult<Vec<Transport>> {
        exchange::endpoints(&self.conn)?
            .into_iter()
            .map(|e| {
                let client = ExchangeClient::new(Endpoint {
                    base: e.url.clone(),
                    system_id: e.system_id.clone(),
                    secret_key: e.secret_key.clone(),
                    timeout: call_timeout(),
                })
                .map_err(|err| exchange_error(&e.route, &err))?;
                Ok(Transport {
                    route: e.route,
                    client,
                })
            })
            .collect()
    }

    pub(crate) fn transport(&self, route: &str) -> AppResult<Transport> {
        self.transports()?
            .into_iter()
            .find(|t| t.route == route)
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::InvalidState,
                    format!(
                        "Chưa khai báo kết nối {} (eoffice exchange connect --route {route}).",
                        route_label(route)
                    ),
                    format!("no {route} endpoint is configured"),
                )
            })
    }
}
