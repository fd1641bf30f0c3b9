//! Vietnamese sort order (ui.md, "Sorting"): a, ă, â, b, c, d, đ, e, ê, …,
//! with tones compared only when the letters are equal. Plain code-point
//! order puts "Đ" after "Z" and "ă" after "b", which is wrong.
//!
//! [`sort_key`] turns a string into a key whose byte order is that order, so
//! the store can keep it in an indexed column.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// (letter rank, tone rank) of one character, or None for characters that
/// are not Vietnamese letters.
fn ranks(c: char) -> Option<(u8, u8)> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let mut parts: Vec<char> = Vec::new();
    decompose_canonical(lower, |d| parts.push(d));
    let base = parts[0];
    let mut shape = None;
    let mut tone = 0u8;
    for m in &parts[1..] {
        match m {
            '\u{306}' | '\u{302}' | '\u{31b}' => shape = Some(*m),
            '\u{300}' => tone = 1,
            '\u{309}' => tone = 2,
            '\u{303}' => tone = 3,
            '\u{301}' => tone = 4,
            '\u{323}' => tone = 5,
            _ => {}
        }
    }
    const ALPHABET: [&str; 29] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v",
    ];
    let letter: String = match (base, shape) {
        ('đ', _) => "đ".into(),
        (b, Some(s)) => [b, s].iter().collect::<String>().nfc().collect(),
        (b, None) => b.to_string(),
    };
    if let Some(i) = ALPHABET.iter().position(|a| *a == letter) {
        return Some((i as u8 + 1, tone));
    }
    match letter.as_str() {
        "w" => Some((30, tone)),
        "x" => Some((31, tone)),
        "y" => Some((32, tone)),
        "z" => Some((33, tone)),
        _ => None,
    }
}

/// A key whose plain byte order is Vietnamese dictionary order, ignoring
/// case; tones break ties.
pub fn sort_key(s: &str) -> String {
    sort_key_prefix(s, usize::MAX)
}

/// [`sort_key`] of the first `letters` characters only: enough to order a
/// list by subject, and short enough to keep its index small.
pub fn sort_key_prefix(s: &str, letters: usize) -> String {
    let mut primary = String::new();
    let mut secondary = String::new();
    for c in s.nfc().take(letters) {
        match ranks(c) {
            Some((letter, tone)) => {
                primary.push((b'A' + letter) as char);
                secondary.push((b'0' + tone) as char);
            }
            None if c.is_whitespace() => primary.push(' '),
            None if c.is_ascii_digit() => primary.push(c),
            None => {}
        }
    }
    // '!' sorts below every key character, so "an" < "an toàn".
    format!("{primary}!{secondary}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_order_ui_sorting() {
        let mut words = vec![
            "Đà Lạt",
            "Bắc Giang",
            "An Giang",
            "Ăn",
            "Ấp",
            "Dương",
            "Zê",
            "Yên Bái",
            "ơi",
            "ôi",
            "Hà Nội",
            "Ô tô",
        ];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(
            words,
            vec![
                "An Giang",
                "Ăn",
                "Ấp",
                "Bắc Giang",
                "Dương",
                "Đà Lạt",
                "Hà Nội",
                "Ô tô",
                "ôi",
                "ơi",
                "Yên Bái",
                "Zê"
            ]
        );
    }

    #[test]
    fn tones_only_break_ties_and_case_is_ignored() {
        let mut words = vec!["mạ", "má", "mà", "ma", "mã", "mả", "MAI"];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(words, vec!["ma", "mà", "mả", "mã", "má", "mạ", "MAI"]);
        assert_eq!(sort_key("Hà Nội"), sort_key("HÀ NỘI"));
        assert_eq!(
            sort_key_prefix("Về việc triển khai", 7),
            sort_key("Về việc")
        );
    }
}
