//! Urgency (độ khẩn) and secrecy (độ mật), domain.md §4.

/// Độ khẩn, with the edXML `Priority` codes 0–4.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Urgency {
    #[default]
    Thuong,
    Khan,
    ThuongKhan,
    HoaToc,
    /// Hỏa tốc hẹn giờ: edXML priority 4.
    HoaTocHenGio,
}

impl Urgency {
    pub const ALL: [Urgency; 5] = [
        Urgency::Thuong,
        Urgency::Khan,
        Urgency::ThuongKhan,
        Urgency::HoaToc,
        Urgency::HoaTocHenGio,
    ];

    pub fn priority(self) -> u8 {
        match self {
            Urgency::Thuong => 0,
            Urgency::Khan => 1,
            Urgency::ThuongKhan => 2,
            Urgency::HoaToc => 3,
            Urgency::HoaTocHenGio => 4,
        }
    }

    pub fn from_priority(p: u8) -> Option<Urgency> {
        Urgency::ALL.into_iter().find(|u| u.priority() == p)
    }

    pub fn label(self) -> &'static str {
        match self {
            Urgency::Thuong => "Thường",
            Urgency::Khan => "Khẩn",
            Urgency::ThuongKhan => "Thượng khẩn",
            Urgency::HoaToc => "Hỏa tốc",
            Urgency::HoaTocHenGio => "Hỏa tốc hẹn giờ",
        }
    }

    /// Reads a printed stamp ("KHẨN", "Thượng khẩn", "HỎA TỐC"), ignoring
    /// case and diacritics, so that "Hoả tốc" and "HOA TOC" are read too.
    pub fn parse(s: &str) -> Option<Urgency> {
        let f = crate::fold(s.trim());
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        match f.as_str() {
            "thuong" | "binh thuong" => Some(Urgency::Thuong),
            "khan" => Some(Urgency::Khan),
            "thuong khan" => Some(Urgency::ThuongKhan),
            "hoa toc" => Some(Urgency::HoaToc),
            "hoa toc hen gio" => Some(Urgency::HoaTocHenGio),
            _ => None,
        }
    }

    pub fn is_urgent(self) -> bool {
        self != Urgency::Thuong
    }
}

/// Độ mật. A secret document never leaves the machine over the network and
/// is never signed electronically (domain.md §4).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Secrecy {
    Mat,
    ToiMat,
    TuyetMat,
}

impl Secrecy {
    pub const ALL: [Secrecy; 3] = [Secrecy::Mat, Secrecy::ToiMat, Secrecy::TuyetMat];

    /// The stable code used in JSON and in the database.
    pub fn code(self) -> &'static str {
        match self {
            Secrecy::Mat => "mat",
            Secrecy::ToiMat => "toi_mat",
            Secrecy::TuyetMat => "tuyet_mat",
        }
    }

    pub fn from_code(s: &str) -> Option<Secrecy> {
        Secrecy::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Secrecy::Mat => "Mật",
            Secrecy::ToiMat => "Tối mật",
            Secrecy::TuyetMat => "Tuyệt mật",
        }
    }

    /// Reads a printed stamp or a code ("MẬT", "Tối mật", "toi_mat").
    pub fn parse(s: &str) -> Option<Secrecy> {
        if let Some(x) = Secrecy::from_code(s.trim()) {
            return Some(x);
        }
        let f = crate::fold(s.trim());
        let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
        match f.as_str() {
            "mat" => Some(Secrecy::Mat),
            "toi mat" => Some(Secrecy::ToiMat),
            "tuyet mat" => Some(Secrecy::TuyetMat),
            _ => None,
        }
    }

    /// Whether a document of this secrecy may be sent over a network or signed
    /// electronically. Always false: the rule is in one place so that every
    /// sending or signing path asks it.
    pub fn allows_network_or_e_signature(secrecy: Option<Secrecy>) -> bool {
        secrecy.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edxml_priority_mapping_domain_4() {
        let got: Vec<u8> = Urgency::ALL.iter().map(|u| u.priority()).collect();
        assert_eq!(got, vec![0, 1, 2, 3, 4]);
        for u in Urgency::ALL {
            assert_eq!(Urgency::from_priority(u.priority()), Some(u));
        }
        assert_eq!(Urgency::from_priority(5), None);
    }

    #[test]
    fn printed_stamps_are_read_without_exact_diacritics() {
        assert_eq!(Urgency::parse("KHẨN"), Some(Urgency::Khan));
        assert_eq!(Urgency::parse("THƯỢNG  KHẨN"), Some(Urgency::ThuongKhan));
        assert_eq!(Urgency::parse("Hoả tốc"), Some(Urgency::HoaToc));
        assert_eq!(
            Urgency::parse("Hỏa tốc hẹn giờ"),
            Some(Urgency::HoaTocHenGio)
        );
        assert_eq!(Urgency::parse("khẩn trương"), None);
    }

    #[test]
    fn secrecy_codes_round_trip_and_secret_never_goes_out() {
        for s in Secrecy::ALL {
            assert_eq!(Secrecy::from_code(s.code()), Some(s));
            assert_eq!(Secrecy::parse(s.label()), Some(s));
            assert!(!Secrecy::allows_network_or_e_signature(Some(s)));
        }
        assert!(Secrecy::allows_network_or_e_signature(None));
        assert_eq!(Secrecy::parse("TỐI MẬT"), Some(Secrecy::ToiMat));
        assert_eq!(Secrecy::parse("mật khẩu"), None);
    }
}
