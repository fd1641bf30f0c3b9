//! What can go wrong while signing or verifying, in English (logs, CLI)
//! and in Vietnamese (the window, the CLI's second line).

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the file is not a PDF")]
    NotPdf,
    #[error("the PDF is damaged and cannot be read: {0}")]
    Damaged(String),
    #[error("the PDF is encrypted; remove the password before signing")]
    Encrypted,
    #[error("wrong password or PIN")]
    WrongSecret,
    #[error("the key file cannot be read: {0}")]
    BadKeyFile(String),
    #[error("the key or certificate is not supported: {0}")]
    Unsupported(String),
    #[error("the time-stamping authority failed: {0}")]
    Tsa(String),
    #[error("the signature does not fit the space reserved for it")]
    TooLarge,
    #[error("the image cannot be used: {0}")]
    Image(String),
    #[error("no field named {0} to fill")]
    NoSuchField(String),
    #[error("the token failed: {0}")]
    Token(String),
    #[error("the PIN is locked after too many wrong entries; unlock the token with its PUK")]
    PinLocked,
    #[error("the remote signing service failed: {0}")]
    Remote(String),
    #[error("the signer declined the request on the phone")]
    Declined,
    #[error("the signer did not confirm on the phone in time")]
    ConfirmTimeout,
}

impl SignError {
    pub fn message_vi(&self) -> String {
        match self {
            SignError::NotPdf => "Tệp không phải là PDF.".into(),
            SignError::Damaged(_) => "Tệp PDF bị hỏng, không đọc được.".into(),
            SignError::Encrypted => "Tệp PDF đã đặt mật khẩu; hãy bỏ mật khẩu trước khi ký.".into(),
            SignError::WrongSecret => "Sai mật khẩu hoặc mã PIN.".into(),
            SignError::BadKeyFile(_) => "Không đọc được tệp khóa ký số.".into(),
            SignError::Unsupported(what) => {
                format!("Khóa hoặc chứng thư số chưa được hỗ trợ: {what}.")
            }
            SignError::Tsa(_) => "Máy chủ cấp dấu thời gian không trả lời được.".into(),
            SignError::Token(_) => {
                "Không dùng được USB token: hãy kiểm tra token đã cắm, trình điều khiển (PKCS#11) và khe (slot).".into()
            }
            SignError::PinLocked => {
                "Mã PIN đã bị khóa do nhập sai nhiều lần; hãy mở khóa token bằng mã PUK.".into()
            }
            SignError::Remote(_) => {
                "Dịch vụ ký số từ xa không trả lời được; hãy thử lại sau.".into()
            }
            SignError::Declined => "Người ký đã từ chối yêu cầu ký trên điện thoại.".into(),
            SignError::ConfirmTimeout => {
                "Người ký chưa xác nhận trên điện thoại trong thời gian cho phép.".into()
            }
            SignError::TooLarge => "Chữ ký số vượt quá chỗ dành sẵn trong tệp.".into(),
            SignError::Image(_) => {
                "Không dùng được ảnh chữ ký hoặc ảnh con dấu (cần tệp PNG).".into()
            }
            SignError::NoSuchField(name) => format!("Văn bản không có ô {name} để điền."),
        }
    }
}
