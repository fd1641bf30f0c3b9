//! Every kind of event the log holds, named and versioned once.
//!
//! The name is what the log stores and what the server's feed carries; the
//! version says which payload shape follows, so a reader can tell an old
//! payload from a new one. A new payload shape gets a new version, never a
//! silent change.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    AgencyCreated,
    BookOpened,
    BookClosed,
    IncomingReceived,
    IncomingRegistered,
    IncomingReturned,
    /// Appendix VI asks for every access and view in the history.
    DocumentViewed,
    /// The data folder was restored from a backup (standalone only).
    DataRestored,
    /// A standalone agency moved its books to the server.
    AgencyConnected,
    HandlingPresented,
    HandlingAssigned,
    HandlingForwarded,
    HandlingForInformation,
    HandlingReassigned,
    HandlingViewed,
    HandlingProgress,
    HandlingExtensionRequested,
    HandlingExtensionDecided,
    HandlingSentBack,
    HandlingCompleted,
    OutgoingDrafted,
    OutgoingVersionAdded,
    OutgoingCommented,
    OutgoingSubmitted,
    OutgoingReviewed,
    OutgoingApproved,
    OutgoingSentBack,
    OutgoingSigned,
    OutgoingIssued,
    /// The sender recalled a document received over the exchange
    /// (BussinessDocType 1, domain.md §11).
    IncomingRecalled,
    /// A captured file (inbox, scanner, dropped) taken out of the queue
    /// without being registered: the log says who dropped what and why.
    CaptureDiscarded,
}

impl EventKind {
    pub const ALL: [EventKind; 31] = [
        EventKind::AgencyCreated,
        EventKind::BookOpened,
        EventKind::BookClosed,
        EventKind::IncomingReceived,
        EventKind::IncomingRegistered,
        EventKind::IncomingReturned,
        EventKind::DocumentViewed,
        EventKind::DataRestored,
        EventKind::AgencyConnected,
        EventKind::HandlingPresented,
        EventKind::HandlingAssigned,
        EventKind::HandlingForwarded,
        EventKind::HandlingForInformation,
        EventKind::HandlingReassigned,
        EventKind::HandlingViewed,
        EventKind::HandlingProgress,
        EventKind::HandlingExtensionRequested,
        EventKind::HandlingExtensionDecided,
        EventKind::HandlingSentBack,
        EventKind::HandlingCompleted,
        EventKind::OutgoingDrafted,
        EventKind::OutgoingVersionAdded,
        EventKind::OutgoingCommented,
        EventKind::OutgoingSubmitted,
        EventKind::OutgoingReviewed,
        EventKind::OutgoingApproved,
        EventKind::OutgoingSentBack,
        EventKind::OutgoingSigned,
        EventKind::OutgoingIssued,
        EventKind::IncomingRecalled,
        EventKind::CaptureDiscarded,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EventKind::AgencyCreated => "agency.created",
            EventKind::BookOpened => "book.opened",
            EventKind::BookClosed => "book.closed",
            EventKind::IncomingReceived => "incoming.received",
            EventKind::IncomingRegistered => "incoming.registered",
            EventKind::IncomingReturned => "incoming.returned",
            EventKind::DocumentViewed => "document.viewed",
            EventKind::DataRestored => "data.restored",
            EventKind::AgencyConnected => "agency.connected",
            EventKind::HandlingPresented => "handling.presented",
            EventKind::HandlingAssigned => "handling.assigned",
            EventKind::HandlingForwarded => "handling.forwarded",
            EventKind::HandlingForInformation => "handling.for_information",
            EventKind::HandlingReassigned => "handling.reassigned",
            EventKind::HandlingViewed => "handling.viewed",
            EventKind::HandlingProgress => "handling.progress",
            EventKind::HandlingExtensionRequested => "handling.extension_requested",
            EventKind::HandlingExtensionDecided => "handling.extension_decided",
            EventKind::HandlingSentBack => "handling.sent_back",
            EventKind::HandlingCompleted => "handling.completed",
            EventKind::OutgoingDrafted => "outgoing.drafted",
            EventKind::OutgoingVersionAdded => "outgoing.version_added",
            EventKind::OutgoingCommented => "outgoing.commented",
            EventKind::OutgoingSubmitted => "outgoing.submitted",
            EventKind::OutgoingReviewed => "outgoing.reviewed",
            EventKind::OutgoingApproved => "outgoing.approved",
            EventKind::OutgoingSentBack => "outgoing.sent_back",
            EventKind::OutgoingSigned => "outgoing.signed",
            EventKind::OutgoingIssued => "outgoing.issued",
            EventKind::IncomingRecalled => "incoming.recalled",
            EventKind::CaptureDiscarded => "capture.discarded",
        }
    }

    /// The payload version written today.
    pub fn version(self) -> u32 {
        1
    }

    /// The handling events (handling/mod.rs), whose payload is a `HandlingEvent`.
    pub fn is_handling(self) -> bool {
        self.name().starts_with("handling.")
    }

    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// How the history shows it.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::AgencyCreated => "Tạo cơ quan",
            EventKind::BookOpened => "Mở sổ",
            EventKind::BookClosed => "Khóa sổ",
            EventKind::IncomingReceived => "Tiếp nhận văn bản",
            EventKind::IncomingRegistered => "Vào sổ văn bản đến",
            EventKind::IncomingReturned => "Trả lại văn bản",
            EventKind::DocumentViewed => "Xem văn bản",
            EventKind::DataRestored => "Khôi phục dữ liệu",
            EventKind::AgencyConnected => "Kết nối máy chủ",
            EventKind::HandlingPresented => "Trình lãnh đạo",
            EventKind::HandlingAssigned => "Cho ý kiến, phân công",
            EventKind::HandlingForwarded => "Chuyển lãnh đạo khác",
            EventKind::HandlingForInformation => "Để biết",
            EventKind::HandlingReassigned => "Giao lại trong đơn vị",
            EventKind::HandlingViewed => "Mở xem phần việc",
            EventKind::HandlingProgress => "Báo cáo tiến độ",
            EventKind::HandlingExtensionRequested => "Đề nghị gia hạn",
            EventKind::HandlingExtensionDecided => "Quyết định gia hạn",
            EventKind::HandlingSentBack => "Chuyển lại",
            EventKind::HandlingCompleted => "Hoàn thành xử lý",
            EventKind::OutgoingDrafted => "Tạo dự thảo",
            EventKind::OutgoingVersionAdded => "Thêm phiên bản dự thảo",
            EventKind::OutgoingCommented => "Góp ý dự thảo",
            EventKind::OutgoingSubmitted => "Trình duyệt dự thảo",
            EventKind::OutgoingReviewed => "Lãnh đạo phòng duyệt",
            EventKind::OutgoingApproved => "Duyệt ký",
            EventKind::OutgoingSentBack => "Chuyển lại dự thảo",
            EventKind::OutgoingSigned => "Ký số",
            EventKind::OutgoingIssued => "Phát hành, vào sổ văn bản đi",
            EventKind::IncomingRecalled => "Cơ quan gửi thu hồi văn bản",
            EventKind::CaptureDiscarded => "Bỏ tệp chờ vào sổ",
        }
    }
}

/// The bytes an event hash covers: each field as its length (8 bytes,
/// big-endian) and then its bytes, so no text can move from one field to
/// the next without changing the hash.
pub fn canonical_encoding(fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(fields.iter().map(|f| f.len() + 8).sum());
    for f in fields {
        out.extend_from_slice(&(f.len() as u64).to_be_bytes());
        out.extend_from_slice(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_read_back() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_name(k.name()), Some(k));
            assert!(k.version() >= 1);
        }
        let mut names: Vec<_> = EventKind::ALL.iter().map(|k| k.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), EventKind::ALL.len());
        assert_eq!(EventKind::from_name("incoming.unknown"), None);
    }

    #[test]
    fn text_cannot_move_between_fields() {
        let a = canonical_encoding(&[b"ab", b"c"]);
        let b = canonical_encoding(&[b"a", b"bc"]);
        let c = canonical_encoding(&[b"a\nb", b"c"]);
        let d = canonical_encoding(&[b"a", b"b\nc"]);
        assert_ne!(a, b);
        assert_ne!(c, d);
        assert_eq!(a, canonical_encoding(&[b"ab", b"c"]));
    }
}
