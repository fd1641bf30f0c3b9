//! Repair of text typed in the legacy Vietnamese encodings TCVN3 (ABC,
//! fonts `.VnTime`, `.VnTimeH`) and VNI (fonts `VNI-Times`).
//!
//! Such PDFs declare a Latin encoding, so their letters come out as Latin-1
//! look-alikes: `Uû ban nh©n d©n` (TCVN3) or `UÛy ban nhaân daân` (VNI).
//! Each chunk of text is decoded with whichever encoding leaves the fewest
//! characters that are not Vietnamese letters; Unicode text has none and is
//! left alone.

use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
}

impl LegacyEncoding {
    pub fn code(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "tcvn3",
            LegacyEncoding::Vni => "vni",
        }
    }
}

/// TCVN 5712:1993 VN3, the code page of the ABC fonts: byte, letter.
/// Upper-case toned letters live in the `.VnTimeH` font at the lower-case
/// positions, so they decode to lower case and are raised by
/// [`raise_case_in_caps_words`].
pub const TCVN3: [(u8, char); 74] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// VNI-Windows marks, as bytes following a base vowel: (byte, combining
/// shape, combining tone). Lower-case marks; the upper-case mark is the byte
/// minus 0x20.
const VNI_MARKS: [(u8, Option<char>, Option<char>); 17] = [
    (0xF9, None, Some('\u{301}')),
    (0xF8, None, Some('\u{300}')),
    (0xFB, None, Some('\u{309}')),
    (0xF5, None, Some('\u{303}')),
    (0xEF, None, Some('\u{323}')),
    (0xE2, Some('\u{302}'), None),
    (0xE1, Some('\u{302}'), Some('\u{301}')),
    (0xE0, Some('\u{302}'), Some('\u{300}')),
    (0xE5, Some('\u{302}'), Some('\u{309}')),
    (0xE3, Some('\u{302}'), Some('\u{303}')),
    (0xE4, Some('\u{302}'), Some('\u{323}')),
    (0xEA, Some('\u{306}'), None),
    (0xE9, Some('\u{306}'), Some('\u{301}')),
    (0xE8, Some('\u{306}'), Some('\u{300}')),
    (0xFA, Some('\u{306}'), Some('\u{309}')),
    (0xFC, Some('\u{306}'), Some('\u{303}')),
    (0xEB, Some('\u{306}'), Some('\u{323}')),
];

/// VNI-Windows letters that take one byte: (byte, letter).
const VNI_SINGLE: [(u8, char); 22] = [
    (0xF4, 'ơ'),
    (0xD4, 'Ơ'),
    (0xF6, 'ư'),
    (0xD6, 'Ư'),
    (0xF1, 'đ'),
    (0xD1, 'Đ'),
    (0xED, 'í'),
    (0xCD, 'Í'),
    (0xEC, 'ì'),
    (0xCC, 'Ì'),
    (0xE6, 'ỉ'),
    (0xC6, 'Ỉ'),
    (0xF3, 'ĩ'),
    (0xD3, 'Ĩ'),
    (0xF2, 'ị'),
    (0xD2, 'Ị'),
    (0xEE, 'ỵ'),
    (0xCE, 'Ỵ'),
    // ơ and ư also take tone marks after them, so they are bases too.
    (0xF4, 'ơ'),
    (0xD4, 'Ơ'),
    (0xF6, 'ư'),
    (0xD6, 'Ư'),
];

/// How a PDF's Latin encoding shows a byte: Windows-1252 for 0x80–0x9F,
/// Latin-1 above.
fn byte_of(c: char) -> Option<u8> {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    let n = c as u32;
    if n < 0x80 || (0xA0..=0xFF).contains(&n) {
        return Some(n as u8);
    }
    CP1252.iter().position(|x| *x == c).map(|i| 0x80 + i as u8)
}

/// The letters of the Vietnamese alphabet, with f, j, w, z for loanwords.
fn vietnamese_letters() -> &'static HashSet<char> {
    static SET: OnceLock<HashSet<char>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set: HashSet<char> = ('a'..='z').chain('A'..='Z').collect();
        set.extend(['đ', 'Đ']);
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for tone in ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"] {
                let s: String = format!("{base}{tone}").nfc().collect();
                for c in s.chars().chain(s.to_uppercase().chars()) {
                    set.insert(c);
                }
            }
        }
        set
    })
}

/// Characters in word positions that no Vietnamese word has.
fn foreign_count(s: &str) -> usize {
    let letters = vietnamese_letters();
    s.chars()
        .filter(|c| {
            let n = *c as u32;
            (0x80..=0x2FF).contains(&n) && !letters.contains(c)
                || matches!(
                    c,
                    '©' | '®'
                        | 'µ'
                        | '¶'
                        | '·'
                        | '¸'
                        | '¹'
                        | '»'
                        | '¼'
                        | '½'
                        | '¾'
                        | '¬'
                        | '\u{ad}'
                        | 'ª'
                        | '«'
                        | '¢'
                        | '£'
                        | '¤'
                        | '¥'
                        | '¦'
                        | '§'
                        | '¨'
                )
        })
        .count()
}

pub fn decode_tcvn3(s: &str) -> String {
    let table: std::collections::HashMap<u8, char> = TCVN3.iter().copied().collect();
    let decoded: String = s
        .chars()
        .map(|c| match byte_of(c) {
            Some(b) if b >= 0x80 => table.get(&b).copied().unwrap_or(c),
            _ => c,
        })
        .collect();
    raise_case_in_caps_words(&decoded)
}

pub fn decode_vni(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let base = match byte_of(c) {
            Some(b) if b >= 0x80 => VNI_SINGLE.iter().find(|(x, _)| *x == b).map(|(_, l)| *l),
            _ => None,
        }
        .unwrap_or(c);
        let can_take_mark = "aeiouyAEIOUYơƠưƯ".contains(base);
        let mark = chars.get(i + 1).and_then(|n| byte_of(*n)).and_then(|b| {
            VNI_MARKS
                .iter()
                .find(|(m, _, _)| *m == b || (base.is_uppercase() && *m - 0x20 == b))
                .copied()
        });
        match mark {
            Some((_, shape, tone)) if can_take_mark => {
                let mut composed = String::from(base);
                composed.extend(shape);
                composed.extend(tone);
                out.extend(composed.nfc());
                i += 2;
            }
            _ => {
                out.push(base);
                i += 1;
            }
        }
    }
    out
}

/// How strongly the raw text shows one encoding's shape: VNI puts its
/// mark bytes right after a vowel ("oä"), TCVN3 puts its letter bytes in
/// place of the vowel, after a consonant ("nh©n").
fn evidence(s: &str, encoding: LegacyEncoding) -> usize {
    let chars: Vec<char> = s.chars().collect();
    let is_vowel = |c: char| "aeiouyAEIOUY".contains(c);
    chars
        .windows(2)
        .filter(|w| {
            let Some(b) = byte_of(w[1]).filter(|b| *b >= 0x80) else {
                return false;
            };
            match encoding {
                LegacyEncoding::Vni => {
                    is_vowel(w[0]) && VNI_MARKS.iter().any(|(m, _, _)| *m == b || *m - 0x20 == b)
                }
                LegacyEncoding::Tcvn3 => !is_vowel(w[0]) && TCVN3.iter().any(|(x, _)| *x == b),
            }
        })
        .count()
}

/// `.VnTimeH` prints upper-case letters at lower-case codes: a decoded
/// lower-case letter inside an otherwise upper-case word is raised.
fn raise_case_in_caps_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Caps when every plain letter after the first is a capital, and
        // there is one: "NHâN", "ñY" are caps; "Uỷ" is title case.
        let rest: Vec<char> = word
            .chars()
            .skip(1)
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        if !rest.is_empty() && rest.iter().all(|c| c.is_ascii_uppercase()) {
            out.extend(word.chars().flat_map(char::to_uppercase));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Which legacy encoding, if any, a whole text was typed in. Unicode
/// Vietnamese never holds Latin-1 characters outside its alphabet (©, µ, ø,
/// ä …); legacy text is full of them. The shape of the text then tells the
/// two encodings apart.
pub fn detect(text: &str) -> Option<LegacyEncoding> {
    let foreign = foreign_count(text);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count().max(1);
    if foreign < 3 && foreign * 500 < letters {
        return None;
    }
    let vni = evidence(text, LegacyEncoding::Vni);
    let tcvn3 = evidence(text, LegacyEncoding::Tcvn3);
    match (vni, tcvn3) {
        (0, 0) => None,
        (v, t) if v > t => Some(LegacyEncoding::Vni),
        _ => Some(LegacyEncoding::Tcvn3),
    }
}

/// Whether a run of text can be legacy-encoded at all: such text has no
/// character beyond Latin-1 and Windows-1252. Unicode runs in a mixed
/// document always have some (ạ, ơ, ư, đ …) and are left alone.
pub fn could_be_legacy(text: &str) -> bool {
    text.chars().all(|c| byte_of(c).is_some())
}

pub fn decode(text: &str, encoding: LegacyEncoding) -> String {
    match encoding {
        LegacyEncoding::Tcvn3 => decode_tcvn3(text),
        LegacyEncoding::Vni => decode_vni(text),
    }
}

/// Detects and decodes one text on its own.
pub fn repair(text: &str) -> (String, Option<LegacyEncoding>) {
    match detect(text) {
        Some(enc) if could_be_legacy(text) => (decode(text, enc), Some(enc)),
        _ => (text.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_from_legacy_documents() {
        assert_eq!(
            repair("Uû ban nh©n d©n tØnh L¹ng S¬n"),
            (
                "Uỷ ban nhân dân tỉnh Lạng Sơn".into(),
                Some(LegacyEncoding::Tcvn3)
            )
        );
        assert_eq!(
            repair("Céng hoµ x· héi chñ nghÜa ViÖt Nam").0,
            "Cộng hoà xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            repair("§éc lËp - Tù do - H¹nh phóc").0,
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(
            repair("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            (
                "Cộng hòa xã hội chủ nghĩa Việt Nam".into(),
                Some(LegacyEncoding::Vni)
            )
        );
        assert_eq!(
            repair("Ñoäc laäp - Töï do - Haïnh phuùc").0,
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(repair("UÛY BAN NHAÂN DAÂN").0, "ỦY BAN NHÂN DÂN");
        assert_eq!(
            repair("Quyeát ñònh veà vieäc thaønh laäp").0,
            "Quyết định về việc thành lập"
        );
    }

    #[test]
    fn unicode_text_is_left_alone() {
        for s in [
            "Ủy ban nhân dân tỉnh Lạng Sơn",
            "Quyết định số 15/QĐ-UBND",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội",
        ] {
            assert_eq!(repair(s), (s.to_string(), None));
        }
    }

    #[test]
    fn caps_words_from_the_h_font_are_raised() {
        // "ỦY BAN" typed in .VnTimeH: ủ's code with capital Y.
        assert_eq!(decode_tcvn3("ñY BAN"), "ỦY BAN");
    }
}
