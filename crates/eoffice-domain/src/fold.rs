//! Vietnamese folding for search: NFC, lower case, diacritics removed,
//! `đ` → `d`.
//!
//! Folding maps one character to exactly one character. The search layer
//! relies on that: a match found in folded text sits at the same character
//! offsets in the original, so snippets can highlight the original words.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// The Latin letters Vietnamese uses (Latin-1 to Latin Extended-B, and
/// Latin Extended Additional), folded once: search folds every character
/// of the texts it ranks, and a table lookup is a tenth of decomposing.
struct LatinTable {
    low: Vec<char>,
    additional: Vec<char>,
}

const LOW: std::ops::RangeInclusive<u32> = 0x80..=0x24F;
const ADDITIONAL: std::ops::RangeInclusive<u32> = 0x1E00..=0x1EFF;

fn latin_table() -> &'static LatinTable {
    static TABLE: std::sync::OnceLock<LatinTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let of = |r: std::ops::RangeInclusive<u32>| {
            r.map(|u| char::from_u32(u).map_or('\u{fffd}', fold_slow))
                .collect()
        };
        LatinTable {
            low: of(LOW),
            additional: of(ADDITIONAL),
        }
    })
}

/// Folds one NFC character.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    if LOW.contains(&u) {
        return latin_table().low[(u - LOW.start()) as usize];
    }
    if ADDITIONAL.contains(&u) {
        return latin_table().additional[(u - ADDITIONAL.start()) as usize];
    }
    fold_slow(c)
}

fn fold_slow(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'đ' | 'ð' => return 'd',
        _ => {}
    }
    let mut base = lower;
    let mut first = true;
    decompose_canonical(lower, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base
}

/// NFC-normalises, then folds every character.
pub fn fold(s: &str) -> String {
    s.nfc().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every Vietnamese vowel with every tone (domain.md §13: search must not
    // need exact diacritics), in both cases.
    const VOWELS: [(&str, char); 12] = [
        ("aàảãáạ", 'a'),
        ("ăằẳẵắặ", 'a'),
        ("âầẩẫấậ", 'a'),
        ("eèẻẽéẹ", 'e'),
        ("êềểễếệ", 'e'),
        ("iìỉĩíị", 'i'),
        ("oòỏõóọ", 'o'),
        ("ôồổỗốộ", 'o'),
        ("ơờởỡớợ", 'o'),
        ("uùủũúụ", 'u'),
        ("ưừửữứự", 'u'),
        ("yỳỷỹýỵ", 'y'),
    ];

    #[test]
    fn every_vowel_with_every_tone_folds_to_its_base_letter() {
        let mut seen = 0;
        for (forms, base) in VOWELS {
            assert_eq!(forms.chars().count(), 6, "{forms}");
            for c in forms.chars() {
                assert_eq!(fold_char(c), base, "{c}");
                let upper: String = c.to_uppercase().collect();
                assert_eq!(fold(&upper), base.to_string(), "{upper}");
                seen += 2;
            }
        }
        assert_eq!(seen, 144);
    }

    #[test]
    fn the_table_agrees_with_decomposition_for_every_latin_letter() {
        for u in LOW.chain(ADDITIONAL) {
            let c = char::from_u32(u).unwrap();
            assert_eq!(fold_char(c), fold_slow(c), "U+{u:04X}");
        }
    }

    #[test]
    fn d_with_stroke_folds_to_d() {
        assert_eq!(fold("Đà Nẵng đường"), "da nang duong");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        let nfd: String = "Giấy mời dịch vụ".nfd().collect();
        assert_ne!(nfd, "Giấy mời dịch vụ");
        assert_eq!(fold(&nfd), "giay moi dich vu");
    }

    #[test]
    fn folding_keeps_one_character_per_nfc_character() {
        let s = "Về việc triển khai dịch vụ công trực tuyến 3, 4 – Điều 5";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }

    #[test]
    fn search_phrase_from_issue() {
        assert_eq!(fold("dịch vụ công trực tuyến"), "dich vu cong truc tuyen");
    }
}
