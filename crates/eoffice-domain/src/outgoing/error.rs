/// Why an outgoing command was refused, in English (logs, CLI) and in
/// Vietnamese (`message_vi`, for the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutgoingError {
    #[error("the draft already exists")]
    AlreadyDrafted,
    #[error("there is no such draft")]
    NoDraft,
    #[error("{0} must not be empty")]
    Required(&'static str),
    #[error("only the author ({0}) changes or submits the draft")]
    NotTheAuthor(String),
    #[error("the draft is {0}; this step is not possible now")]
    WrongStage(&'static str),
    #[error("the review is for {0}, the head of the drafting unit")]
    NotTheReviewer(String),
    #[error("the draft waits for the signer {0}")]
    NotTheSigner(String),
    #[error("{0} is not a leader of the agency and cannot sign")]
    NotALeader(String),
    #[error("the signer {0} is not a user of the agency")]
    UnknownSigner(String),
    #[error("only a clerk issues numbers and applies the agency's signature")]
    OnlyClerkIssues,
    #[error("a secret document is never signed electronically (domain.md §4)")]
    SecretNotSigned,
    #[error("the document type {0} is not a legal normative type")]
    NotNormative(&'static str),
    #[error("an administrator does not take part in drafting")]
    AdminCannotDraft,
}

impl OutgoingError {
    /// A refusal of the person (the step is not theirs), as opposed to a
    /// wrong input or a state that does not allow the step.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            Self::NotTheAuthor(_)
                | Self::NotTheReviewer(_)
                | Self::NotTheSigner(_)
                | Self::NotALeader(_)
                | Self::OnlyClerkIssues
                | Self::AdminCannotDraft
        )
    }

    pub fn message_vi(&self) -> String {
        match self {
            Self::AlreadyDrafted => "Dự thảo này đã có.".into(),
            Self::NoDraft => "Không có dự thảo này.".into(),
            Self::Required(what) => format!("Chưa nhập {}.", vi_field(what)),
            Self::NotTheAuthor(a) => {
                format!("Chỉ người soạn thảo ({a}) được sửa hoặc trình dự thảo.")
            }
            Self::WrongStage(s) => format!("Dự thảo đang ở bước “{s}”; không làm được việc này."),
            Self::NotTheReviewer(r) => {
                format!("Dự thảo chờ lãnh đạo phòng {r} duyệt, không phải bạn.")
            }
            Self::NotTheSigner(s) => format!("Dự thảo chờ người ký {s}, không phải bạn."),
            Self::NotALeader(p) => format!("{p} không phải lãnh đạo cơ quan, không ký được."),
            Self::UnknownSigner(p) => format!("Người ký “{p}” không có trong danh bạ cơ quan."),
            Self::OnlyClerkIssues => {
                "Chỉ văn thư cấp số, ngày và ký số của cơ quan (đóng dấu).".into()
            }
            Self::SecretNotSigned => "Văn bản mật không được ký số (Mục 4).".into(),
            Self::NotNormative(t) => format!("{t} không phải văn bản quy phạm pháp luật."),
            Self::AdminCannotDraft => "Quản trị hệ thống không tham gia soạn thảo văn bản.".into(),
        }
    }
}

fn vi_field(what: &str) -> &'static str {
    match what {
        "subject" => "trích yếu",
        "reason" => "lý do chuyển lại",
        "comment" => "nội dung góp ý",
        "file" => "tệp dự thảo",
        _ => "thông tin bắt buộc",
    }
}
