//! The one error contract at every boundary: `{code, message, details}`.
//!
//! `code` is a closed set that front ends branch on; they never match on
//! the message. `message` is Vietnamese, for the user; `message_en` is for
//! logs and the CLI, which prints both.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is wrong; the message says what to change.
    InvalidInput,
    /// The file is not a readable PDF.
    UnreadablePdf,
    /// The same document is already registered.
    Duplicate,
    NotFound,
    /// The registry book is closed for the year.
    BookClosed,
    /// The action does not fit the document's current state.
    InvalidState,
    /// The data folder has no agency yet.
    NotInitialized,
    AlreadyInitialized,
    /// Stored data failed an integrity check.
    Integrity,
    /// Disk or database failure; nothing was changed.
    Storage,
    /// The server cannot be reached; work goes on offline.
    Offline,
    /// Not signed in, or the session ended: sign in again.
    Unauthorized,
    /// The user's role does not allow it.
    Forbidden,
    /// Too many failed sign-ins; wait.
    Throttled,
    /// The server failed or answered outside the protocol.
    Server,
    /// A key, token, PIN, signing service or time-stamp failed; the file
    /// is unchanged.
    Signing,
    /// A DOCX/ODT draft could not be turned into PDF (damaged file, or
    /// LibreOffice missing); nothing was stored.
    Conversion,
    /// An edXML package was refused (not well-formed, not QCVN 102:2016,
    /// or a value in the wrong shape); the message says where.
    Package,
    /// The scanner is missing, busy or out of paper, or does not offer
    /// what was asked (duplex, a mode, a resolution); nothing was saved.
    Scanner,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::InvalidInput,
        ErrorCode::UnreadablePdf,
        ErrorCode::Duplicate,
        ErrorCode::NotFound,
        ErrorCode::BookClosed,
        ErrorCode::InvalidState,
        ErrorCode::NotInitialized,
        ErrorCode::AlreadyInitialized,
        ErrorCode::Integrity,
        ErrorCode::Storage,
        ErrorCode::Offline,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::Throttled,
        ErrorCode::Server,
        ErrorCode::Signing,
        ErrorCode::Conversion,
        ErrorCode::Package,
        ErrorCode::Scanner,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error, TS)]
#[error("{message_en}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip)]
    pub message_en: String,
    #[ts(type = "unknown")]
    pub details: serde_json::Value,
}

impl AppError {
    pub fn new(
        code: ErrorCode,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> AppError {
        AppError {
            code,
            message: message.into(),
            message_en: message_en.into(),
            details: serde_json::Value::Null,
        }
    }

    pub fn with_details(mut self, details: serde_json::Value) -> AppError {
        self.details = details;
        self
    }

    pub fn invalid(message: impl Into<String>, message_en: impl Into<String>) -> AppError {
        AppError::new(ErrorCode::InvalidInput, message, message_en)
    }

    pub fn not_found(what_vi: &str, what_en: &str, id: &str) -> AppError {
        AppError::new(
            ErrorCode::NotFound,
            format!("Không tìm thấy {what_vi} “{id}”."),
            format!("{what_en} {id:?} not found"),
        )
        .with_details(serde_json::json!({ "id": id }))
    }
}

impl From<eoffice_store::StoreError> for AppError {
    fn from(e: eoffice_store::StoreError) -> AppError {
        match e {
            eoffice_store::StoreError::SchemaTooNew { .. } => AppError::new(
                ErrorCode::Storage,
                "Dữ liệu được tạo bởi phiên bản eOffice mới hơn. Hãy cập nhật phần mềm.",
                e.to_string(),
            ),
            eoffice_store::StoreError::NotAHash(_) => AppError::invalid(
                "Mã tệp không hợp lệ; hãy mở lại văn bản.",
                e.to_string(),
            ),
            eoffice_store::StoreError::Corrupt(_) => {
                AppError::new(ErrorCode::Integrity, "Dữ liệu lưu trữ không nhất quán. Hãy liên hệ quản trị.", e.to_string())
            }
            _ => AppError::new(
                ErrorCode::Storage,
                "Không ghi được dữ liệu; chưa có thay đổi nào được lưu. Hãy kiểm tra ổ đĩa rồi thử lại.",
                e.to_string(),
            ),
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> AppError {
        AppError::from(eoffice_store::StoreError::from(e))
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> AppError {
        AppError::from(eoffice_store::StoreError::from(e))
    }
}

impl From<eoffice_pdf::ExtractError> for AppError {
    fn from(e: eoffice_pdf::ExtractError) -> AppError {
        AppError::new(ErrorCode::UnreadablePdf, e.message_vi(), e.to_string())
    }
}

impl From<eoffice_sign::SignError> for AppError {
    fn from(e: eoffice_sign::SignError) -> AppError {
        use eoffice_sign::SignError as S;
        let code = match &e {
            S::NotPdf | S::Damaged(_) | S::Encrypted => ErrorCode::UnreadablePdf,
            S::Image(_) | S::NoSuchField(_) => ErrorCode::InvalidInput,
            _ => ErrorCode::Signing,
        };
        AppError::new(code, e.message_vi(), e.to_string())
    }
}

impl From<eoffice_pdf::office_convert::ConvertError> for AppError {
    fn from(e: eoffice_pdf::office_convert::ConvertError) -> AppError {
        AppError::new(ErrorCode::Conversion, e.message_vi(), e.to_string())
    }
}

impl From<eoffice_edxml::EdxmlError> for AppError {
    fn from(e: eoffice_edxml::EdxmlError) -> AppError {
        AppError::new(ErrorCode::Package, e.message_vi(), e.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The contract the UI and scripts rely on. Changing it is a breaking
    /// change: update the front ends in the same commit.
    #[test]
    fn error_contract_json_is_pinned() {
        let codes: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| serde_json::to_string(c).unwrap())
            .collect();
        assert_eq!(
            codes,
            [
                "\"invalid_input\"",
                "\"unreadable_pdf\"",
                "\"duplicate\"",
                "\"not_found\"",
                "\"book_closed\"",
                "\"invalid_state\"",
                "\"not_initialized\"",
                "\"already_initialized\"",
                "\"integrity\"",
                "\"storage\"",
                "\"offline\"",
                "\"unauthorized\"",
                "\"forbidden\"",
                "\"throttled\"",
                "\"server\"",
                "\"signing\"",
                "\"conversion\"",
                "\"package\"",
                "\"scanner\""
            ]
        );
        let e = AppError::new(
            ErrorCode::Duplicate,
            "Văn bản đã vào sổ.",
            "already registered",
        )
        .with_details(serde_json::json!({ "ExistingId": "x" }));
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"duplicate","message":"Văn bản đã vào sổ.","details":{"ExistingId":"x"}}"#
        );
    }
}
