//! Every error answer is `{"error": {code, message, message_en, details}}`
//! with a code from the closed set in `eoffice_sync::ERROR_CODES`; the
//! message is Vietnamese for the user, `message_en` for logs.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use eoffice_sync::{ErrorBody, ErrorInfo};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub message_en: String,
    pub details: serde_json::Value,
    /// Seconds, for a throttled answer.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> ApiError {
        debug_assert!(eoffice_sync::ERROR_CODES.contains(&code));
        ApiError {
            status,
            code,
            message: vi.into(),
            message_en: en.into(),
            details: serde_json::Value::Null,
            retry_after: None,
        }
    }

    pub fn with_details(mut self, details: serde_json::Value) -> ApiError {
        self.details = details;
        self
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Hãy đăng nhập lại.",
            "missing, invalid, expired or revoked token",
        )
    }

    pub fn forbidden(vi: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden", vi, en)
    }

    pub fn invalid(vi: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_input", vi, en)
    }

    pub fn not_found(en: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Không tìm thấy dữ liệu yêu cầu.",
            en,
        )
    }

    pub fn server(en: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server",
            "Máy chủ gặp lỗi; yêu cầu chưa được thực hiện. Hãy thử lại sau.",
            en.to_string(),
        )
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(e: tokio_postgres::Error) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Máy chủ tạm thời không truy cập được cơ sở dữ liệu. Hãy thử lại sau.",
            format!(
                "database: {}",
                e.as_db_error().map_or_else(
                    || e.to_string(),
                    |d| format!("{} ({})", d.message(), d.code().code())
                )
            ),
        )
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(e: deadpool_postgres::PoolError) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Máy chủ tạm thời không truy cập được cơ sở dữ liệu. Hãy thử lại sau.",
            format!("database pool: {e}"),
        )
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> ApiError {
        ApiError::server(format!("blob store: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorInfo {
                code: self.code.to_string(),
                message: self.message,
                message_en: self.message_en,
                details: self.details,
            },
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Some(s) = self.retry_after {
            resp.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(s),
            );
        }
        resp
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
