//! The signing forms of the signer block (domain.md §7, Decree 30 Art. 13
//! and Appendix I): the prefix printed above the position, and which
//! position each form fits.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningForm {
    /// `KT.`: a deputy signs for the head.
    KyThay,
    /// `TM.`: on behalf of a collective body.
    ThayMat,
    /// `Q.`: acting head.
    Quyen,
    /// `TL.`: by order of the head.
    ThuaLenh,
    /// `TUQ.`: by delegation, time-limited, not re-delegable.
    ThuaUyQuyen,
}

impl SigningForm {
    pub const ALL: [SigningForm; 5] = [
        SigningForm::KyThay,
        SigningForm::ThayMat,
        SigningForm::Quyen,
        SigningForm::ThuaLenh,
        SigningForm::ThuaUyQuyen,
    ];

    pub fn prefix(self) -> &'static str {
        match self {
            SigningForm::KyThay => "KT.",
            SigningForm::ThayMat => "TM.",
            SigningForm::Quyen => "Q.",
            SigningForm::ThuaLenh => "TL.",
            SigningForm::ThuaUyQuyen => "TUQ.",
        }
    }

    /// The form a competence line starts with ("KT. CHỦ TỊCH").
    pub fn of_line(line: &str) -> Option<SigningForm> {
        SigningForm::ALL
            .into_iter()
            .find(|f| line.starts_with(&format!("{} ", f.prefix())))
    }

    /// Whether the signer's position fits the form: `KT.` is signed by a
    /// deputy (PHÓ …), `TM.` by a named position of the collective.
    pub fn fits(self, position: Option<&str>) -> bool {
        match self {
            // A deputy: Phó …, or a vice-minister signing for the minister.
            SigningForm::KyThay => {
                position.is_some_and(|p| p.starts_with("PHÓ ") || p.starts_with("THỨ TRƯỞNG"))
            }
            SigningForm::ThayMat => position.is_some(),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_read_from_their_line_and_fit_their_positions_domain_7() {
        assert_eq!(
            SigningForm::of_line("KT. CHỦ TỊCH"),
            Some(SigningForm::KyThay)
        );
        assert_eq!(
            SigningForm::of_line("TUQ. GIÁM ĐỐC"),
            Some(SigningForm::ThuaUyQuyen)
        );
        assert_eq!(SigningForm::of_line("KTCHỦ TỊCH"), None);
        assert!(SigningForm::KyThay.fits(Some("PHÓ CHỦ TỊCH")));
        assert!(!SigningForm::KyThay.fits(Some("CHỦ TỊCH")));
        assert!(
            SigningForm::KyThay.fits(Some("THỨ TRƯỞNG")),
            "KT. BỘ TRƯỞNG, signed by a vice-minister"
        );
        assert!(!SigningForm::ThayMat.fits(None));
        assert!(SigningForm::ThuaLenh.fits(Some("CHÁNH VĂN PHÒNG")));
    }
}
