//! Document types (Appendix III of Decree 30/2020/NĐ-CP, domain.md §2),
//! the copy forms, and the legal normative types that arrive as incoming
//! mail.

/// Every type the system reads. The first 29 are the administrative types in
/// the order of Appendix III, which is also the edXML `DocumentType/Type`
/// order (18 = Công văn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DocumentType {
    NghiQuyet,
    QuyetDinh,
    ChiThi,
    QuyChe,
    QuyDinh,
    ThongCao,
    ThongBao,
    HuongDan,
    ChuongTrinh,
    KeHoach,
    PhuongAn,
    DeAn,
    DuAn,
    BaoCao,
    BienBan,
    ToTrinh,
    HopDong,
    CongVan,
    CongDien,
    BanGhiNho,
    BanThoaThuan,
    GiayUyQuyen,
    GiayMoi,
    GiayGioiThieu,
    GiayNghiPhep,
    PhieuGui,
    PhieuChuyen,
    PhieuBao,
    ThuCong,
    // Copy forms share one sequence (domain.md §2).
    BanSaoY,
    BanTrichSao,
    BanSaoLuc,
    // Legal normative documents (Law on Promulgation of Legal Documents).
    Luat,
    PhapLenh,
    Lenh,
    NghiDinh,
    ThongTu,
    ThongTuLienTich,
}

use DocumentType::*;

/// (type, name as printed, abbreviation)
const TABLE: [(DocumentType, &str, Option<&str>); 38] = [
    (NghiQuyet, "Nghị quyết", Some("NQ")),
    (QuyetDinh, "Quyết định", Some("QĐ")),
    (ChiThi, "Chỉ thị", Some("CT")),
    (QuyChe, "Quy chế", Some("QC")),
    (QuyDinh, "Quy định", Some("QyĐ")),
    (ThongCao, "Thông cáo", Some("TC")),
    (ThongBao, "Thông báo", Some("TB")),
    (HuongDan, "Hướng dẫn", Some("HD")),
    (ChuongTrinh, "Chương trình", Some("CTr")),
    (KeHoach, "Kế hoạch", Some("KH")),
    (PhuongAn, "Phương án", Some("PA")),
    (DeAn, "Đề án", Some("ĐA")),
    (DuAn, "Dự án", Some("DA")),
    (BaoCao, "Báo cáo", Some("BC")),
    (BienBan, "Biên bản", Some("BB")),
    (ToTrinh, "Tờ trình", Some("TTr")),
    (HopDong, "Hợp đồng", Some("HĐ")),
    (CongVan, "Công văn", None),
    (CongDien, "Công điện", Some("CĐ")),
    (BanGhiNho, "Bản ghi nhớ", Some("BGN")),
    (BanThoaThuan, "Bản thỏa thuận", Some("BTT")),
    (GiayUyQuyen, "Giấy ủy quyền", Some("GUQ")),
    (GiayMoi, "Giấy mời", Some("GM")),
    (GiayGioiThieu, "Giấy giới thiệu", Some("GGT")),
    (GiayNghiPhep, "Giấy nghỉ phép", Some("GNP")),
    (PhieuGui, "Phiếu gửi", Some("PG")),
    (PhieuChuyen, "Phiếu chuyển", Some("PC")),
    (PhieuBao, "Phiếu báo", Some("PB")),
    (ThuCong, "Thư công", None),
    (BanSaoY, "Bản sao y", Some("SY")),
    (BanTrichSao, "Bản trích sao", Some("TrS")),
    (BanSaoLuc, "Bản sao lục", Some("SL")),
    (Luat, "Luật", None),
    (PhapLenh, "Pháp lệnh", Some("PL")),
    (Lenh, "Lệnh", Some("L")),
    (NghiDinh, "Nghị định", Some("NĐ")),
    (ThongTu, "Thông tư", Some("TT")),
    (ThongTuLienTich, "Thông tư liên tịch", Some("TTLT")),
];

/// Codes from the 2011 circular that older systems still send. Accepted when
/// reading, never written (domain.md §2).
const LEGACY_CODES: [(&str, DocumentType); 3] =
    [("GN", GiayNghiPhep), ("TTh", ToTrinh), ("TS", BanTrichSao)];

/// Where a type code came from, so callers can tell a legacy code apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeCodeSource {
    Current,
    Legacy,
}

impl DocumentType {
    pub fn all() -> impl Iterator<Item = DocumentType> {
        TABLE.iter().map(|r| r.0)
    }

    /// The 29 administrative types in Appendix III order.
    pub fn administrative() -> impl Iterator<Item = DocumentType> {
        TABLE[..29].iter().map(|r| r.0)
    }

    fn row(self) -> &'static (DocumentType, &'static str, Option<&'static str>) {
        TABLE
            .iter()
            .find(|r| r.0 == self)
            .expect("every variant is in TABLE")
    }

    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// The abbreviation written in a symbol; `None` for Công văn, Thư công and
    /// Luật, whose symbols carry no type code.
    pub fn code(self) -> Option<&'static str> {
        self.row().2
    }

    /// edXML `DocumentType/Type` (1–29), `None` outside Appendix III.
    pub fn edxml_type(self) -> Option<u8> {
        TABLE[..29]
            .iter()
            .position(|r| r.0 == self)
            .map(|i| i as u8 + 1)
    }

    pub fn from_edxml_type(n: u8) -> Option<DocumentType> {
        TABLE[..29].get((n as usize).checked_sub(1)?).map(|r| r.0)
    }

    pub fn is_copy(self) -> bool {
        matches!(self, BanSaoY | BanTrichSao | BanSaoLuc)
    }

    pub fn is_legal_normative(self) -> bool {
        matches!(
            self,
            Luat | PhapLenh | Lenh | NghiDinh | ThongTu | ThongTuLienTich
        )
    }

    /// Looks a type code up exactly as written in a symbol (case matters:
    /// `QyĐ` and `QĐ` differ), accepting legacy codes.
    pub fn from_code(code: &str) -> Option<(DocumentType, TypeCodeSource)> {
        if let Some(r) = TABLE.iter().find(|r| r.2 == Some(code)) {
            return Some((r.0, TypeCodeSource::Current));
        }
        LEGACY_CODES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, t)| (*t, TypeCodeSource::Legacy))
    }

    /// Looks a printed name up ("QUYẾT ĐỊNH", "Công văn"), ignoring case and
    /// diacritic variants such as "thoả"/"thỏa".
    pub fn from_name(name: &str) -> Option<DocumentType> {
        let wanted = normalized_name(name);
        TABLE
            .iter()
            .find(|r| normalized_name(r.1) == wanted)
            .map(|r| r.0)
    }
}

/// Lower case with the old and new tone placements unified ("oả" / "ỏa"),
/// which both appear in official documents.
fn normalized_name(s: &str) -> String {
    let lower: String = unicode_normalization::UnicodeNormalization::nfc(s)
        .flat_map(char::to_lowercase)
        .collect();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    lower
        .replace("oả", "ỏa")
        .replace("oá", "óa")
        .replace("oà", "òa")
        .replace("oạ", "ọa")
        .replace("oã", "õa")
        .replace("uỷ", "ủy")
        .replace("uý", "úy")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_iii_has_29_types_in_edxml_order() {
        let admin: Vec<_> = DocumentType::administrative().collect();
        assert_eq!(admin.len(), 29);
        assert_eq!(CongVan.edxml_type(), Some(18));
        assert_eq!(NghiQuyet.edxml_type(), Some(1));
        assert_eq!(ThuCong.edxml_type(), Some(29));
        assert_eq!(DocumentType::from_edxml_type(18), Some(CongVan));
        assert_eq!(DocumentType::from_edxml_type(0), None);
        assert_eq!(DocumentType::from_edxml_type(30), None);
        for (i, t) in admin.iter().enumerate() {
            assert_eq!(t.edxml_type(), Some(i as u8 + 1));
            assert_eq!(DocumentType::from_edxml_type(i as u8 + 1), Some(*t));
        }
        assert_eq!(NghiDinh.edxml_type(), None);
    }

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut codes: Vec<&str> = DocumentType::all().filter_map(|t| t.code()).collect();
        let n = codes.len();
        for t in DocumentType::all() {
            if let Some(c) = t.code() {
                assert_eq!(
                    DocumentType::from_code(c),
                    Some((t, TypeCodeSource::Current))
                );
            }
            assert_eq!(DocumentType::from_name(t.name()), Some(t));
        }
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), n);
        assert_eq!(CongVan.code(), None);
        assert_eq!(QuyDinh.code(), Some("QyĐ"));
    }

    #[test]
    fn legacy_codes_are_read_but_never_written_domain_2() {
        for (code, t) in LEGACY_CODES {
            assert_eq!(
                DocumentType::from_code(code),
                Some((t, TypeCodeSource::Legacy))
            );
            assert!(DocumentType::all().all(|x| x.code() != Some(code)));
        }
    }

    #[test]
    fn printed_names_in_caps_and_old_tone_placement() {
        assert_eq!(DocumentType::from_name("QUYẾT ĐỊNH"), Some(QuyetDinh));
        assert_eq!(
            DocumentType::from_name("BẢN THOẢ THUẬN"),
            Some(BanThoaThuan)
        );
        assert_eq!(DocumentType::from_name("Giấy uỷ quyền"), Some(GiayUyQuyen));
        assert_eq!(DocumentType::from_name("NGHỊ ĐỊNH"), Some(NghiDinh));
        assert_eq!(DocumentType::from_name("Quyết"), None);
    }

    #[test]
    fn copies_share_a_family() {
        assert!(BanSaoY.is_copy() && BanTrichSao.is_copy() && BanSaoLuc.is_copy());
        assert!(!CongVan.is_copy());
        assert!(NghiDinh.is_legal_normative() && !QuyetDinh.is_legal_normative());
    }
}
