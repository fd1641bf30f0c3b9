//! The signer's position (chức vụ) as Appendix I prints it, and its repair
//! when OCR lost part of it under the seal.

/// Positions that sign for an organ, longest first so that "PHÓ GIÁM ĐỐC"
/// is tried before "GIÁM ĐỐC".
const POSITIONS: [&str; 34] = [
    "PHÓ CHÁNH VĂN PHÒNG",
    "PHÓ TỔNG GIÁM ĐỐC",
    "PHÓ TRƯỞNG PHÒNG",
    "PHÓ CỤC TRƯỞNG",
    "PHÓ GIÁM ĐỐC",
    "PHÓ CHỦ TỊCH",
    "PHÓ TRƯỞNG BAN",
    "PHÓ VIỆN TRƯỞNG",
    "PHÓ HIỆU TRƯỞNG",
    "PHÓ CHÁNH THANH TRA",
    "PHÓ THỦ TƯỚNG",
    "PHÓ BÍ THƯ",
    "CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA",
    "TỔNG GIÁM ĐỐC",
    "TỔNG CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "TRƯỞNG PHÒNG",
    "TRƯỞNG BAN",
    "TRƯỞNG ĐOÀN",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "GIÁM ĐỐC",
    "CHỦ TỊCH",
    "THỦ TƯỚNG",
    "BÍ THƯ",
    "CHỦ TỌA",
    "CHỦ TRÌ",
    "THƯ KÝ",
    "KẾ TOÁN TRƯỞNG",
];

/// True when the text begins with a known position.
pub(crate) fn is_known(text: &str) -> bool {
    POSITIONS
        .iter()
        .any(|p| text == *p || text.starts_with(&format!("{p} ")))
}

/// A position line OCR damaged ("tr+ÁM ĐỐC": the seal hid "GI"): its
/// readable caps tail is matched against the known positions, preferring
/// the one the authority line names and then the one closest in length.
/// `None` when no tail of five letters or more matches.
pub(crate) fn repair(read: &str, authority: Option<&str>) -> Option<String> {
    let start = read.char_indices().find_map(|(i, c)| {
        let rest = &read[i..];
        let word = rest.split_whitespace().next().unwrap_or("");
        (c.is_uppercase() && word.chars().all(|c| !c.is_lowercase())).then_some(i)
    })?;
    let tail = read[start..].trim();
    if tail.chars().filter(|c| c.is_alphabetic()).count() < 5 {
        return None;
    }
    let read_len = read.chars().count() as i64;
    let mut candidates: Vec<&str> = POSITIONS
        .iter()
        .copied()
        .filter(|p| p.ends_with(tail) && *p != tail)
        .collect();
    if let Some(a) = authority.filter(|a| is_known(a)) {
        if let Some(p) = candidates.iter().find(|p| a.starts_with(&format!("{p} "))) {
            return Some(p.to_string());
        }
    }
    candidates.sort_by_key(|p| (p.chars().count() as i64 - read_len).abs());
    candidates.first().map(|p| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_half_under_the_seal_is_recovered() {
        assert_eq!(repair("tr+ÁM ĐỐC", None).as_deref(), Some("GIÁM ĐỐC"));
        assert_eq!(
            repair("tr+ÁM ĐỐC", Some("PHÓ GIÁM ĐỐC SỞ Y TẾ")).as_deref(),
            Some("PHÓ GIÁM ĐỐC"),
            "the authority line decides between the two"
        );
        assert_eq!(repair("~~Ủ TỊCH", None).as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(repair("x ĐỐC", None), None, "too little left to say");
        assert_eq!(repair("Nguyễn Văn An", None), None);
    }
}
