//! The exchange platform's API (domain.md §12), shared by the client, the
//! provincial server (which speaks it for the agencies of the province)
//! and the gateway emulator the tests run. Login gives a bearer token of
//! about 30 minutes; every call then carries it with the agency's system
//! id and secret key. A package is sent as multipart (`edocFile`,
//! `messageType=edoc|status`).

use serde::{Deserialize, Serialize};

pub const HEADER_SYSTEM_ID: &str = "systemId";
pub const HEADER_SECRET_KEY: &str = "secretKey";
pub const TOKEN_SECONDS: u64 = 30 * 60;

/// The platform's error codes (domain.md §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlatformCode {
    Success,
    InvalidFile,
    WrongSystemOrKey,
    UnknownRecipient,
    SenderNotRegistered,
    PlatformError,
    FileProcessing,
    NotConforming,
    RecipientLocked,
}

impl PlatformCode {
    pub const ALL: [PlatformCode; 9] = [
        PlatformCode::Success,
        PlatformCode::InvalidFile,
        PlatformCode::WrongSystemOrKey,
        PlatformCode::UnknownRecipient,
        PlatformCode::SenderNotRegistered,
        PlatformCode::PlatformError,
        PlatformCode::FileProcessing,
        PlatformCode::NotConforming,
        PlatformCode::RecipientLocked,
    ];

    pub fn code(self) -> i32 {
        match self {
            PlatformCode::Success => 0,
            PlatformCode::InvalidFile => 10,
            PlatformCode::WrongSystemOrKey => 15,
            PlatformCode::UnknownRecipient => 18,
            PlatformCode::SenderNotRegistered => 19,
            PlatformCode::PlatformError => 20,
            PlatformCode::FileProcessing => 21,
            PlatformCode::NotConforming => 22,
            PlatformCode::RecipientLocked => 23,
        }
    }

    pub fn from_code(n: i32) -> Option<PlatformCode> {
        PlatformCode::ALL.into_iter().find(|c| c.code() == n)
    }

    /// Codes 10, 15, 18, 19, 21, 22 and 23 will fail again however often
    /// the call is repeated; 20 (and a network failure) may pass later.
    pub fn is_final(self) -> bool {
        !matches!(self, PlatformCode::Success | PlatformCode::PlatformError)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            PlatformCode::Success => "Thành công",
            PlatformCode::InvalidFile => "Tệp gói tin không hợp lệ",
            PlatformCode::WrongSystemOrKey => "Sai mã hệ thống hoặc khóa bí mật",
            PlatformCode::UnknownRecipient => "Không tìm thấy cơ quan nhận",
            PlatformCode::SenderNotRegistered => "Cơ quan gửi chưa đăng ký trên nền tảng",
            PlatformCode::PlatformError => "Lỗi của nền tảng liên thông",
            PlatformCode::FileProcessing => "Lỗi xử lý tệp",
            PlatformCode::NotConforming => "Gói tin edXML không đúng chuẩn",
            PlatformCode::RecipientLocked => "Cơ quan nhận đang bị khóa",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    pub system_id: String,
    pub secret_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformAnswer<T> {
    pub error_code: i32,
    #[serde(default)]
    pub error_desc: String,
    pub data: Option<T>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginData {
    pub token: String,
    pub expires_in: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentData {
    pub doc_id: String,
}

/// One package waiting for an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedEntry {
    pub doc_id: String,
    pub from: String,
    pub to: String,
    /// `edoc` or `status`.
    pub message_type: String,
    /// Transport status: `pending`, `fetched`, `done`, `fail`.
    pub status: String,
    pub created_time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageData {
    pub doc_id: String,
    pub message_type: String,
    /// The edXML file, base64.
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransportStatus {
    /// `fetched`, `done` or `fail`.
    pub status: String,
    #[serde(default)]
    pub description: String,
}

/// A `multipart/form-data` body with the two parts of a send.
pub fn multipart_body(
    boundary: &str,
    message_type: &str,
    file_name: &str,
    edxml: &[u8],
) -> Vec<u8> {
    let mut body = Vec::with_capacity(edxml.len() + 512);
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"messageType\"\r\n\r\n{message_type}\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"edocFile\"; filename=\"{}\"\r\nContent-Type: application/xml\r\n\r\n",
            file_name.replace(['"', '\r', '\n'], "_")
        )
        .as_bytes(),
    );
    body.extend_from_slice(edxml);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

/// The parts of a send: `(messageType, edocFile)`. Only what the API
/// defines is read; anything else is an invalid file (code 10).
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Result<(String, Vec<u8>), String> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .filter(|b| !b.is_empty() && b.len() <= 200)
        .ok_or("no multipart boundary")?;
    let delimiter = format!("--{boundary}");
    let d = delimiter.as_bytes();
    let mut message_type = None;
    let mut file = None;
    let mut rest = body;
    let start = find(rest, d).ok_or("no first boundary")?;
    rest = &rest[start + d.len()..];
    loop {
        if rest.starts_with(b"--") {
            break;
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or("a boundary is not followed by CRLF")?;
        let head_end = find(rest, b"\r\n\r\n").ok_or("a part has no header end")?;
        let head =
            std::str::from_utf8(&rest[..head_end]).map_err(|_| "a part header is not UTF-8")?;
        let content = &rest[head_end + 4..];
        let next =
            find(content, format!("\r\n{delimiter}").as_bytes()).ok_or("a part has no end")?;
        let value = &content[..next];
        let name = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
            .and_then(|l| {
                l.split(';')
                    .map(str::trim)
                    .find_map(|p| p.strip_prefix("name="))
            })
            .map(|n| n.trim_matches('"').to_string())
            .ok_or("a part has no name")?;
        match name.as_str() {
            "messageType" => {
                message_type = Some(
                    std::str::from_utf8(value)
                        .map_err(|_| "messageType is not text")?
                        .trim()
                        .to_string(),
                )
            }
            "edocFile" => file = Some(value.to_vec()),
            _ => {}
        }
        rest = &content[next + 2 + d.len()..];
    }
    match (message_type, file) {
        (Some(t), Some(f)) if t == "edoc" || t == "status" => Ok((t, f)),
        (Some(t), Some(_)) => Err(format!("messageType {t:?} is neither edoc nor status")),
        _ => Err("messageType and edocFile are both required".into()),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_codes_are_the_ones_domain_12_names() {
        let finals: Vec<i32> = PlatformCode::ALL
            .into_iter()
            .filter(|c| c.is_final())
            .map(|c| c.code())
            .collect();
        assert_eq!(finals, [10, 15, 18, 19, 21, 22, 23]);
        assert!(!PlatformCode::PlatformError.is_final());
        assert_eq!(
            PlatformCode::from_code(20),
            Some(PlatformCode::PlatformError)
        );
        assert_eq!(PlatformCode::from_code(11), None);
    }

    #[test]
    fn a_multipart_send_round_trips_and_a_broken_one_is_refused() {
        let file = b"<edXML>\r\n--not-a-boundary\r\n</edXML>".to_vec();
        let body = multipart_body("b0undary", "edoc", "a.edxml", &file);
        let ct = "multipart/form-data; boundary=b0undary";
        assert_eq!(
            parse_multipart(ct, &body).unwrap(),
            ("edoc".to_string(), file)
        );
        assert!(parse_multipart(ct, &body[..body.len() - 20]).is_err());
        assert!(parse_multipart("multipart/form-data", &body).is_err());
        let other = multipart_body("b0undary", "mail", "a.edxml", b"x");
        assert!(parse_multipart(ct, &other).is_err());
    }
}
