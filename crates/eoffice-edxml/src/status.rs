//! The business statuses a receiver sends back to the sender (domain.md
//! §11, status package): arrived, refused, accepted, assigned, in
//! progress, done, and the answers to a recall or an update. Transport
//! statuses of the exchange (fetched, done, failed) are another layer.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusCode {
    /// 01: the package reached the receiver.
    Arrived,
    /// 02: refused, with a reason.
    Refused,
    /// 03: accepted and registered.
    Accepted,
    /// 04: assigned to a unit or person.
    Assigned,
    /// 05: being handled.
    InProgress,
    /// 06: done.
    Done,
    /// 13: recalled by the sender.
    Recalled,
    /// 15: the update or recall was accepted.
    ChangeAccepted,
    /// 16: the update or recall was refused.
    ChangeRefused,
}

impl StatusCode {
    pub const ALL: [StatusCode; 9] = [
        StatusCode::Arrived,
        StatusCode::Refused,
        StatusCode::Accepted,
        StatusCode::Assigned,
        StatusCode::InProgress,
        StatusCode::Done,
        StatusCode::Recalled,
        StatusCode::ChangeAccepted,
        StatusCode::ChangeRefused,
    ];

    /// As written in a status package: two digits.
    pub fn code(self) -> &'static str {
        match self {
            StatusCode::Arrived => "01",
            StatusCode::Refused => "02",
            StatusCode::Accepted => "03",
            StatusCode::Assigned => "04",
            StatusCode::InProgress => "05",
            StatusCode::Done => "06",
            StatusCode::Recalled => "13",
            StatusCode::ChangeAccepted => "15",
            StatusCode::ChangeRefused => "16",
        }
    }

    /// Exactly the two digits of the standard; "1" or "01 " are not read.
    pub fn from_code(s: &str) -> Option<StatusCode> {
        StatusCode::ALL.into_iter().find(|c| c.code() == s)
    }

    /// What the sender sees on its table of recipients.
    pub fn label(self) -> &'static str {
        match self {
            StatusCode::Arrived => "Đã đến",
            StatusCode::Refused => "Bị trả lại",
            StatusCode::Accepted => "Đã tiếp nhận",
            StatusCode::Assigned => "Đã phân công",
            StatusCode::InProgress => "Đang xử lý",
            StatusCode::Done => "Đã hoàn thành",
            StatusCode::Recalled => "Đã thu hồi",
            StatusCode::ChangeAccepted => "Đồng ý thu hồi/cập nhật",
            StatusCode::ChangeRefused => "Từ chối thu hồi/cập nhật",
        }
    }

    /// The order of the handling statuses: a later one is never replaced
    /// on the sender's table by an earlier one that arrives late.
    pub fn progress_rank(self) -> u8 {
        match self {
            StatusCode::Arrived => 1,
            StatusCode::Refused => 7,
            StatusCode::Accepted => 2,
            StatusCode::Assigned => 3,
            StatusCode::InProgress => 4,
            StatusCode::Done => 6,
            StatusCode::Recalled | StatusCode::ChangeAccepted | StatusCode::ChangeRefused => 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_standards_two_digits_domain_11() {
        for c in StatusCode::ALL {
            assert_eq!(StatusCode::from_code(c.code()), Some(c));
            assert_eq!(c.code().len(), 2);
            assert!(!c.label().is_empty());
        }
        assert_eq!(StatusCode::Accepted.code(), "03");
        assert_eq!(StatusCode::ChangeRefused.code(), "16");
        for bad in ["1", "3", "01 ", "07", "14", ""] {
            assert_eq!(StatusCode::from_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_late_earlier_status_never_outranks_a_later_one() {
        use StatusCode::*;
        let order = [Arrived, Accepted, Assigned, InProgress, Done];
        for w in order.windows(2) {
            assert!(w[0].progress_rank() < w[1].progress_rank(), "{w:?}");
        }
        assert!(Refused.progress_rank() > Done.progress_rank());
    }
}
