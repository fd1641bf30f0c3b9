//! Number and symbol (số, ký hiệu), domain.md §3: `15/QĐ-UBND`,
//! `123/UBND-VP` (công văn), `05/SY-UBND`, `30/2020/NĐ-CP`, `15a/QĐ-UBND`.

use crate::doc_type::{DocumentType, TypeCodeSource};
use std::fmt;

/// The number part: Arabic, zero-padded below 10, with an optional
/// sub-number letter for a late insertion (`15a`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocNumber {
    pub value: u32,
    pub sub: Option<char>,
}

impl DocNumber {
    pub fn new(value: u32) -> DocNumber {
        DocNumber { value, sub: None }
    }

    pub fn parse(s: &str) -> Result<DocNumber, NumberSymbolError> {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = &s[digits.len()..];
        if digits.is_empty() {
            return Err(NumberSymbolError::BadNumber(s.to_string()));
        }
        let value: u32 = digits
            .parse()
            .map_err(|_| NumberSymbolError::NumberTooLarge(s.to_string()))?;
        if value == 0 {
            return Err(NumberSymbolError::NumberZero);
        }
        if value > 999_999 {
            return Err(NumberSymbolError::NumberTooLarge(s.to_string()));
        }
        let mut rest_chars = rest.chars();
        let sub = match (rest_chars.next(), rest_chars.next()) {
            (None, _) => None,
            (Some(c), None) if c.is_ascii_lowercase() => Some(c),
            _ => return Err(NumberSymbolError::BadNumber(s.to_string())),
        };
        Ok(DocNumber { value, sub })
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.value)?;
        if let Some(c) = self.sub {
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

/// A parsed `Số, ký hiệu`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberSymbol {
    pub number: DocNumber,
    /// The year carried by legal normative documents (`30/2020/NĐ-CP`).
    pub year: Option<u16>,
    /// The type abbreviation; `None` for a công văn.
    pub type_code: Option<String>,
    /// The issuing organ, then the drafting unit (công văn) or further
    /// co-issuing organs, as written between hyphens.
    pub organ_parts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberSymbolError {
    #[error("the number and symbol is empty")]
    Empty,
    #[error("a slash must separate the number from the symbol, as in 15/QĐ-UBND")]
    NoSlash,
    #[error("the number {0:?} must be digits, optionally followed by one lower-case letter (15a)")]
    BadNumber(String),
    #[error("the number must start at 01, not 0")]
    NumberZero,
    #[error("the number {0:?} is too large")]
    NumberTooLarge(String),
    #[error("the symbol after the slash is missing")]
    EmptyNotation,
    #[error("the number and symbol must not contain spaces")]
    Whitespace,
    #[error("the year {0:?} in the symbol is not a four-digit year")]
    BadYear(String),
    #[error("the symbol has an empty part between hyphens")]
    EmptyPart,
    #[error("the symbol contains the character {0:?}, which is not allowed")]
    BadChar(char),
    #[error("the symbol has only a type code ({0}); the issuing organ is missing")]
    MissingOrgan(String),
}

impl NumberSymbolError {
    /// The message shown to a Vietnamese user.
    pub fn message_vi(&self) -> String {
        match self {
            Self::Empty => "Số, ký hiệu đang để trống.".into(),
            Self::NoSlash => "Số và ký hiệu phải cách nhau bằng dấu “/”, ví dụ 15/QĐ-UBND.".into(),
            Self::BadNumber(s) => format!(
                "Số “{s}” không hợp lệ: chỉ gồm chữ số, có thể thêm một chữ cái thường (15a)."
            ),
            Self::NumberZero => "Số văn bản bắt đầu từ 01, không phải 0.".into(),
            Self::NumberTooLarge(s) => format!("Số “{s}” quá lớn."),
            Self::EmptyNotation => "Thiếu ký hiệu sau dấu “/”.".into(),
            Self::Whitespace => "Số, ký hiệu không được có dấu cách.".into(),
            Self::BadYear(s) => format!("Năm “{s}” trong ký hiệu phải có bốn chữ số."),
            Self::EmptyPart => "Ký hiệu có phần trống giữa hai dấu “-”.".into(),
            Self::BadChar(c) => format!("Ký hiệu có ký tự “{c}” không được phép."),
            Self::MissingOrgan(c) => {
                format!("Ký hiệu chỉ có tên loại ({c}), thiếu cơ quan ban hành.")
            }
        }
    }
}

impl NumberSymbol {
    /// Parses a number and symbol as printed, with or without the leading
    /// `Số:`.
    pub fn parse(input: &str) -> Result<NumberSymbol, NumberSymbolError> {
        let mut s = input.trim();
        for prefix in ["Số:", "số:", "SỐ:", "Số", "So:"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start();
                break;
            }
        }
        if s.is_empty() {
            return Err(NumberSymbolError::Empty);
        }
        if s.chars().any(char::is_whitespace) {
            return Err(NumberSymbolError::Whitespace);
        }
        let (num, notation) = s.split_once('/').ok_or(NumberSymbolError::NoSlash)?;
        let number = DocNumber::parse(num)?;
        if notation.is_empty() {
            return Err(NumberSymbolError::EmptyNotation);
        }
        let (year, symbol) = match notation.split_once('/') {
            Some((y, rest)) => {
                if y.len() != 4 || !y.chars().all(|c| c.is_ascii_digit()) {
                    return Err(NumberSymbolError::BadYear(y.to_string()));
                }
                (Some(y.parse::<u16>().expect("four digits")), rest)
            }
            None => (None, notation),
        };
        if symbol.is_empty() {
            return Err(NumberSymbolError::EmptyNotation);
        }
        if let Some(c) = symbol
            .chars()
            .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '.' || *c == '&'))
        {
            return Err(NumberSymbolError::BadChar(c));
        }
        let parts: Vec<&str> = symbol.split('-').collect();
        if parts.iter().any(|p| p.is_empty()) {
            return Err(NumberSymbolError::EmptyPart);
        }
        let (type_code, organ_parts) = match DocumentType::from_code(parts[0]) {
            Some(_) if parts.len() == 1 => {
                return Err(NumberSymbolError::MissingOrgan(parts[0].to_string()))
            }
            Some(_) => (Some(parts[0].to_string()), &parts[1..]),
            None => (None, &parts[..]),
        };
        Ok(NumberSymbol {
            number,
            year,
            type_code,
            organ_parts: organ_parts.iter().map(|p| p.to_string()).collect(),
        })
    }

    /// Everything after the first slash (edXML `CodeNotation`).
    pub fn notation(&self) -> String {
        let mut s = String::new();
        if let Some(y) = self.year {
            s.push_str(&format!("{y}/"));
        }
        if let Some(t) = &self.type_code {
            s.push_str(t);
            s.push('-');
        }
        s.push_str(&self.organ_parts.join("-"));
        s
    }

    /// The document type the symbol names, and whether its code is legacy.
    /// `CongVan` when the symbol carries no type code.
    pub fn document_type(&self) -> (DocumentType, TypeCodeSource) {
        match &self.type_code {
            Some(c) => DocumentType::from_code(c).expect("checked when parsed"),
            None => (DocumentType::CongVan, TypeCodeSource::Current),
        }
    }

    pub fn issuing_organ(&self) -> &str {
        &self.organ_parts[0]
    }
}

impl fmt::Display for NumberSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.number, self.notation())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc_type::DocumentType::*;

    #[test]
    fn typed_document_domain_3() {
        let n = NumberSymbol::parse("Số: 15/QĐ-UBND").unwrap();
        assert_eq!(n.number, DocNumber::new(15));
        assert_eq!(n.type_code.as_deref(), Some("QĐ"));
        assert_eq!(n.issuing_organ(), "UBND");
        assert_eq!(n.document_type().0, QuyetDinh);
        assert_eq!(n.to_string(), "15/QĐ-UBND");
    }

    #[test]
    fn cong_van_has_organ_and_unit_domain_3() {
        let n = NumberSymbol::parse("123/UBND-VP").unwrap();
        assert_eq!(n.type_code, None);
        assert_eq!(n.organ_parts, vec!["UBND", "VP"]);
        assert_eq!(n.document_type().0, CongVan);
        assert_eq!(n.notation(), "UBND-VP");
    }

    #[test]
    fn copy_and_legal_normative_forms() {
        let n = NumberSymbol::parse("05/SY-UBND").unwrap();
        assert_eq!(n.document_type().0, BanSaoY);
        assert_eq!(n.to_string(), "05/SY-UBND");
        let n = NumberSymbol::parse("30/2020/NĐ-CP").unwrap();
        assert_eq!(n.year, Some(2020));
        assert_eq!(n.document_type().0, NghiDinh);
        assert_eq!(n.notation(), "2020/NĐ-CP");
        let n = NumberSymbol::parse("10/2016/TTLT-BTC-BNV").unwrap();
        assert_eq!(n.organ_parts, vec!["BTC", "BNV"]);
    }

    #[test]
    fn zero_padding_below_ten_domain_3() {
        assert_eq!(
            NumberSymbol::parse("5/QĐ-UBND").unwrap().to_string(),
            "05/QĐ-UBND"
        );
        assert_eq!(DocNumber::new(9).to_string(), "09");
        assert_eq!(DocNumber::new(10).to_string(), "10");
        assert_eq!(DocNumber::new(1856).to_string(), "1856");
    }

    #[test]
    fn sub_numbers_for_late_insertion() {
        let n = NumberSymbol::parse("15a/QĐ-UBND").unwrap();
        assert_eq!(
            n.number,
            DocNumber {
                value: 15,
                sub: Some('a')
            }
        );
        assert_eq!(n.to_string(), "15a/QĐ-UBND");
        assert_eq!(
            DocNumber {
                value: 3,
                sub: Some('b')
            }
            .to_string(),
            "03b"
        );
    }

    #[test]
    fn legacy_type_code_is_read() {
        let n = NumberSymbol::parse("12/TTh-UBND").unwrap();
        assert_eq!(n.document_type(), (ToTrinh, TypeCodeSource::Legacy));
    }

    #[test]
    fn validation_says_what_is_wrong() {
        use NumberSymbolError::*;
        let cases: [(&str, NumberSymbolError); 12] = [
            ("", Empty),
            ("Số: ", Empty),
            ("15-QĐ-UBND", NoSlash),
            ("x/QĐ-UBND", BadNumber("x".into())),
            ("15ab/QĐ-UBND", BadNumber("15ab".into())),
            ("0/QĐ-UBND", NumberZero),
            ("15/", EmptyNotation),
            ("15 /QĐ-UBND", Whitespace),
            ("30/20/NĐ-CP", BadYear("20".into())),
            ("15/QĐ--UBND", EmptyPart),
            ("15/QĐ_UBND", BadChar('_')),
            ("15/QĐ", MissingOrgan("QĐ".into())),
        ];
        for (input, want) in cases {
            assert_eq!(NumberSymbol::parse(input), Err(want.clone()), "{input:?}");
            assert!(!want.message_vi().is_empty());
        }
        assert!(matches!(
            NumberSymbol::parse("99999999999/QĐ-UBND"),
            Err(NumberTooLarge(_))
        ));
    }
}
