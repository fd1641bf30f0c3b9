//! TCVN3 and VNI repair, checked against real mappings over whole
//! documents, not a handful of letters (issue 2, §4).
//!
//! TCVN3: glibc's iconv `TCVN5712-1` is the oracle. VNI has no system
//! codec, so the VNI-Windows table is written out here, letter by letter,
//! independently of the decoder's own tables.

use eoffice_pdf::legacy::{decode, repair, LegacyEncoding};
use eoffice_pdf::{extract_layout, ExtractLimits};
use std::io::Write;
use std::process::{Command, Stdio};

const VIETNAMESE: [&str; 12] = [
    "aàảãáạ",
    "ăằẳẵắặ",
    "âầẩẫấậ",
    "eèẻẽéẹ",
    "êềểễếệ",
    "iìỉĩíị",
    "oòỏõóọ",
    "ôồổỗốộ",
    "ơờởỡớợ",
    "uùủũúụ",
    "ưừửữứự",
    "yỳỷỹýỵ",
];

/// VNI-Windows, in the same order as `VIETNAMESE`.
const VNI: [[&str; 6]; 12] = [
    ["a", "aø", "aû", "aõ", "aù", "aï"],
    ["aê", "aè", "aú", "aü", "aé", "aë"],
    ["aâ", "aà", "aå", "aã", "aá", "aä"],
    ["e", "eø", "eû", "eõ", "eù", "eï"],
    ["eâ", "eà", "eå", "eã", "eá", "eä"],
    ["i", "ì", "æ", "ó", "í", "ò"],
    ["o", "oø", "oû", "oõ", "où", "oï"],
    ["oâ", "oà", "oå", "oã", "oá", "oä"],
    ["ô", "ôø", "ôû", "ôõ", "ôù", "ôï"],
    ["u", "uø", "uû", "uõ", "uù", "uï"],
    ["ö", "öø", "öû", "öõ", "öù", "öï"],
    ["y", "yø", "yû", "yõ", "yù", "î"],
];

fn vni_encode(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap();
        let found = VIETNAMESE
            .iter()
            .enumerate()
            .find_map(|(i, row)| row.chars().position(|x| x == lower).map(|j| VNI[i][j]));
        let enc = match (lower, found) {
            ('đ', _) => "ñ".to_string(),
            (_, Some(v)) => v.to_string(),
            _ => c.to_string(),
        };
        // VNI's capitals are its Latin-1 capitals (0x20 below the small ones).
        if c.is_uppercase() {
            out.extend(enc.chars().flat_map(char::to_uppercase));
        } else {
            out.push_str(&enc);
        }
    }
    out
}

fn iconv_tcvn3(text: &str) -> String {
    let mut child = Command::new("iconv")
        .args(["-f", "UTF-8", "-t", "TCVN5712-1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("iconv (glibc) is installed");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "iconv failed on {text:?}");
    // A PDF with a Latin encoding shows each byte as its Latin-1 character.
    out.stdout.iter().map(|b| *b as char).collect()
}

/// Words from a real fixture letter, lower-cased (TCVN3's code page has
/// upper-case toned letters only in the separate `.VnTimeH` font).
fn corpus_words() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/documents/pub01_tb_ketluan_vp_ubnd_2018.pdf"
    );
    let read = extract_layout(&std::fs::read(path).unwrap(), ExtractLimits::default()).unwrap();
    let text = read.layout.text();
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_ascii() && w.chars().all(char::is_alphabetic))
        .collect();
    assert!(words.len() > 300, "corpus too small: {}", words.len());
    words
}

#[test]
fn tcvn3_every_letter_matches_glibc() {
    for row in VIETNAMESE {
        for c in row.chars().filter(|c| !c.is_ascii()) {
            let word = format!("t{c}n");
            let garbled = iconv_tcvn3(&word);
            assert_eq!(decode(&garbled, LegacyEncoding::Tcvn3), word, "{c}");
        }
    }
    for c in ['đ', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'] {
        let word = format!("x{c}y");
        assert_eq!(
            decode(&iconv_tcvn3(&word), LegacyEncoding::Tcvn3),
            word,
            "{c}"
        );
    }
}

#[test]
fn tcvn3_whole_letter_round_trips_through_glibc() {
    let words: Vec<String> = corpus_words().iter().map(|w| w.to_lowercase()).collect();
    let text = words.join(" ");
    let garbled = iconv_tcvn3(&text);
    let (fixed, enc) = repair(&garbled);
    assert_eq!(enc, Some(LegacyEncoding::Tcvn3));
    assert_eq!(fixed, text);
}

#[test]
fn vni_every_letter_in_both_cases() {
    let mut n = 0;
    for row in VIETNAMESE {
        for c in row.chars().filter(|c| !c.is_ascii()) {
            for letter in [c, c.to_uppercase().next().unwrap()] {
                let word = if letter.is_uppercase() {
                    format!("T{letter}N")
                } else {
                    format!("t{letter}n")
                };
                let garbled = vni_encode(&word);
                assert_eq!(
                    decode(&garbled, LegacyEncoding::Vni),
                    word,
                    "{letter} as {garbled}"
                );
                n += 1;
            }
        }
    }
    for word in ["đi", "ĐI"] {
        assert_eq!(decode(&vni_encode(word), LegacyEncoding::Vni), word);
    }
    assert_eq!(n, 132);
}

#[test]
fn vni_whole_letter_round_trips() {
    let text = corpus_words().join(" ");
    let garbled = vni_encode(&text);
    let (fixed, enc) = repair(&garbled);
    assert_eq!(enc, Some(LegacyEncoding::Vni));
    assert_eq!(fixed, text);
}
