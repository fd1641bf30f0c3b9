/// Why a handling command was refused, in English (logs, CLI) and in
/// Vietnamese (`message_vi`, for the user).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandlingError {
    #[error("only the clerk presents a document")]
    OnlyClerkPresents,
    #[error("{0} is not a leader of the agency")]
    NotALeader(String),
    #[error("the document is {0}; it cannot be presented now")]
    CannotPresent(&'static str),
    #[error("the document waits for the instruction of {0}")]
    NotYourInstruction(String),
    #[error("the document is {0}; it is not waiting for an instruction")]
    NotPresented(&'static str),
    #[error("{0} is neither a user nor a unit of the agency")]
    UnknownParty(String),
    #[error("{0} is named twice in the assignment")]
    NamedTwice(String),
    #[error("a deadline cannot be in the past ({0})")]
    DeadlineInPast(chrono::NaiveDate),
    #[error("a task's deadline ({0}) is after the document's ({1})")]
    DeadlineAfterParent(chrono::NaiveDate, chrono::NaiveDate),
    #[error("the document has not been assigned yet")]
    NotAssigned,
    #[error("the document is closed ({0})")]
    Closed(&'static str),
    #[error("nothing on this document is assigned to you")]
    NotYourTask,
    #[error("only the head of unit {0} passes its part on")]
    NotUnitHead(String),
    #[error("{0} is not a member of unit {1}")]
    NotInUnit(String, String),
    #[error("{0} must not be empty")]
    Required(&'static str),
    #[error("percent must be between 0 and 100")]
    BadPercent,
    #[error("the task has no deadline to extend")]
    NoDeadline,
    #[error("an extension must move the deadline later than {0}")]
    ExtensionNotLater(chrono::NaiveDate),
    #[error("an extension of this task is already waiting for a decision")]
    ExtensionPending,
    #[error("no extension of task {0} is waiting")]
    NoExtensionAsked(u32),
    #[error("only whoever assigned task {0} decides on its extension")]
    NotTheAssigner(u32),
    #[error("there is no task {0}")]
    NoSuchTask(u32),
    #[error("a document for information only has no one to hand it to")]
    NothingToHandle,
    #[error("you cannot forward a document to yourself")]
    ForwardToSelf,
}

impl HandlingError {
    /// A refusal of the person (the step is not theirs), as opposed to a
    /// wrong input or a state that does not allow the step. The desktop
    /// and the server both answer these as "forbidden".
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            HandlingError::NotYourTask
                | HandlingError::NotYourInstruction(_)
                | HandlingError::OnlyClerkPresents
                | HandlingError::NotUnitHead(_)
                | HandlingError::NotTheAssigner(_)
        )
    }

    /// A fault in what was typed or chosen, which the person can correct.
    pub fn is_input(&self) -> bool {
        use HandlingError as E;
        matches!(
            self,
            E::UnknownParty(_)
                | E::NamedTwice(_)
                | E::DeadlineInPast(_)
                | E::DeadlineAfterParent(_, _)
                | E::Required(_)
                | E::BadPercent
                | E::ExtensionNotLater(_)
                | E::NotALeader(_)
                | E::NotInUnit(_, _)
                | E::ForwardToSelf
                | E::NoSuchTask(_)
        )
    }

    pub fn message_vi(&self) -> String {
        use HandlingError as E;
        match self {
            E::OnlyClerkPresents => "Chỉ văn thư trình văn bản.".into(),
            E::NotALeader(u) => format!("{u} không phải lãnh đạo của cơ quan."),
            E::CannotPresent(s) => format!("Văn bản đang ở trạng thái “{s}”, không trình được."),
            E::NotYourInstruction(l) => format!("Văn bản đang chờ ý kiến của lãnh đạo {l}."),
            E::NotPresented(s) => {
                format!("Văn bản đang ở trạng thái “{s}”, không ở trạng thái chờ cho ý kiến.")
            }
            E::UnknownParty(w) => format!("Không có người dùng hay đơn vị “{w}” trong cơ quan."),
            E::NamedTwice(w) => format!("“{w}” được chọn hai lần trong phân công."),
            E::DeadlineInPast(d) => {
                format!(
                    "Hạn xử lý {} đã qua. Hãy chọn ngày từ hôm nay.",
                    d.format("%d/%m/%Y")
                )
            }
            E::DeadlineAfterParent(d, p) => format!(
                "Hạn {} muộn hơn hạn xử lý chung {}.",
                d.format("%d/%m/%Y"),
                p.format("%d/%m/%Y")
            ),
            E::NotAssigned => "Văn bản chưa được phân công xử lý.".into(),
            E::Closed(s) => format!("Văn bản đã kết thúc xử lý (“{s}”)."),
            E::NotYourTask => "Văn bản này không được giao cho bạn.".into(),
            E::NotUnitHead(u) => format!("Chỉ lãnh đạo đơn vị {u} giao lại phần việc của đơn vị."),
            E::NotInUnit(p, u) => format!("{p} không thuộc đơn vị {u}."),
            E::Required(what) => format!("Chưa nhập {}.", vi_field(what)),
            E::BadPercent => "Tỷ lệ hoàn thành phải từ 0 đến 100.".into(),
            E::NoDeadline => "Phần việc này không có hạn để gia hạn.".into(),
            E::ExtensionNotLater(d) => {
                format!(
                    "Ngày gia hạn phải sau hạn hiện tại {}.",
                    d.format("%d/%m/%Y")
                )
            }
            E::ExtensionPending => "Đã có đề nghị gia hạn đang chờ quyết định.".into(),
            E::NoExtensionAsked(t) => format!("Phần việc {t} không có đề nghị gia hạn nào."),
            E::NotTheAssigner(t) => {
                format!("Chỉ người giao phần việc {t} mới quyết định gia hạn.")
            }
            E::NoSuchTask(t) => format!("Không có phần việc số {t}."),
            E::NothingToHandle => "Văn bản chỉ để biết, không có việc để giao.".into(),
            E::ForwardToSelf => "Không chuyển văn bản cho chính mình.".into(),
        }
    }
}

fn vi_field(what: &str) -> &'static str {
    match what {
        "note" => "nội dung báo cáo",
        "reason" => "lý do",
        "result" => "kết quả xử lý",
        _ => "nội dung",
    }
}
