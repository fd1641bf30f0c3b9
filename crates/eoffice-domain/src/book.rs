//! Registry books (sổ văn bản) and their sequences, domain.md §3 and §5.
//!
//! A book belongs to one agency, one direction and one year, and secret
//! documents have a book of their own. Its sequence starts at 01 on
//! 1 January, is gap-free and never reuses a number. A late insertion takes
//! a sub-number (`15a`) after an existing number instead of shifting the
//! sequence.

use crate::number::DocNumber;
use crate::urgency::Secrecy;

/// Receipt numbers (số đến) share the number shape: `05`, `15a`.
pub type ReceiptNumber = DocNumber;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BookDirection {
    Incoming,
    Outgoing,
    Internal,
}

impl BookDirection {
    pub const ALL: [BookDirection; 3] = [
        BookDirection::Incoming,
        BookDirection::Outgoing,
        BookDirection::Internal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BookDirection::Incoming => "incoming",
            BookDirection::Outgoing => "outgoing",
            BookDirection::Internal => "internal",
        }
    }

    pub fn from_code(s: &str) -> Option<BookDirection> {
        BookDirection::ALL.into_iter().find(|d| d.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            BookDirection::Incoming => "Sổ đăng ký văn bản đến",
            BookDirection::Outgoing => "Sổ đăng ký văn bản đi",
            BookDirection::Internal => "Sổ đăng ký văn bản nội bộ",
        }
    }
}

/// What identifies a book within an agency.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BookSpec {
    pub direction: BookDirection,
    pub year: i32,
    pub secret: bool,
    /// The outgoing book of legal normative documents, kept apart from the
    /// administrative one (domain.md §5).
    pub normative: bool,
}

impl BookSpec {
    /// The book a document goes into: secret documents never share the
    /// ordinary book (domain.md §4).
    pub fn for_document(direction: BookDirection, year: i32, secrecy: Option<Secrecy>) -> BookSpec {
        BookSpec {
            direction,
            year,
            secret: secrecy.is_some(),
            normative: false,
        }
    }

    /// The outgoing book of a document: secret ones in the secret book,
    /// legal normative ones in their own.
    pub fn outgoing(year: i32, secrecy: Option<Secrecy>, normative: bool) -> BookSpec {
        BookSpec {
            direction: BookDirection::Outgoing,
            year,
            secret: secrecy.is_some(),
            normative: normative && secrecy.is_none(),
        }
    }

    pub fn default_name(&self) -> String {
        if self.normative {
            return format!("Sổ đăng ký văn bản quy phạm pháp luật năm {}", self.year);
        }
        let mut s = format!("{} năm {}", self.direction.label(), self.year);
        if self.secret {
            s.push_str(" (Mật)");
        }
        s
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookError {
    #[error("the book for {book_year} is closed")]
    Closed { book_year: i32 },
    #[error("a document arriving in {date_year} cannot go into the book of {book_year}")]
    WrongYear { book_year: i32, date_year: i32 },
    #[error("a secret document must go into the secret book, and an ordinary one into the ordinary book")]
    WrongSecrecy,
    #[error("sub-numbers can only follow a number already issued (last issued: {last:?})")]
    InsertAfterUnissued { after: u32, last: Option<u32> },
    #[error("no sub-number is left after {after} (a … z are used)")]
    SubNumbersExhausted { after: u32 },
}

impl BookError {
    pub fn message_vi(&self) -> String {
        match self {
            BookError::Closed { book_year } => {
                format!("Sổ văn bản năm {book_year} đã khóa sổ, không thể vào sổ thêm.")
            }
            BookError::WrongYear {
                book_year,
                date_year,
            } => format!("Văn bản đến năm {date_year} không thể vào sổ của năm {book_year}."),
            BookError::WrongSecrecy => {
                "Văn bản mật phải vào sổ văn bản mật, văn bản thường vào sổ thường.".into()
            }
            BookError::InsertAfterUnissued { after, .. } => {
                format!("Chỉ có thể chèn số phụ sau một số đã cấp; số {after:02} chưa được cấp.")
            }
            BookError::SubNumbersExhausted { after } => {
                format!("Đã dùng hết số phụ sau số {after:02}.")
            }
        }
    }
}

/// The state of one book's sequence, as the store reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookSequence {
    pub spec: BookSpec,
    pub closed: bool,
    /// The highest main number issued so far.
    pub last_issued: Option<u32>,
}

impl BookSequence {
    fn check_open(&self, date_year: i32, secret: bool) -> Result<(), BookError> {
        if self.closed {
            return Err(BookError::Closed {
                book_year: self.spec.year,
            });
        }
        if date_year != self.spec.year {
            return Err(BookError::WrongYear {
                book_year: self.spec.year,
                date_year,
            });
        }
        if secret != self.spec.secret {
            return Err(BookError::WrongSecrecy);
        }
        Ok(())
    }

    /// The next number in order: 01 for a new book, then one more than the
    /// last, so the sequence has no gap.
    pub fn next(&self, date_year: i32, secret: bool) -> Result<ReceiptNumber, BookError> {
        self.check_open(date_year, secret)?;
        Ok(DocNumber::new(self.last_issued.map_or(1, |n| n + 1)))
    }

    /// A sub-number after `after` for a late insertion: `15a`, then `15b`.
    /// `used_subs` are the letters already issued after that number.
    pub fn next_sub(
        &self,
        after: u32,
        used_subs: &[char],
        date_year: i32,
        secret: bool,
    ) -> Result<ReceiptNumber, BookError> {
        self.check_open(date_year, secret)?;
        match self.last_issued {
            Some(last) if after >= 1 && after <= last => {}
            last => return Err(BookError::InsertAfterUnissued { after, last }),
        }
        let next = match used_subs.iter().max() {
            None => 'a',
            Some('z') => return Err(BookError::SubNumbersExhausted { after }),
            Some(c) => (*c as u8 + 1) as char,
        };
        Ok(DocNumber {
            value: after,
            sub: Some(next),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(last: Option<u32>) -> BookSequence {
        BookSequence {
            spec: BookSpec {
                direction: BookDirection::Incoming,
                year: 2026,
                secret: false,
                normative: false,
            },
            closed: false,
            last_issued: last,
        }
    }

    #[test]
    fn a_new_book_starts_at_01_domain_3() {
        assert_eq!(seq(None).next(2026, false).unwrap().to_string(), "01");
    }

    #[test]
    fn numbers_follow_without_gap() {
        let mut s = seq(None);
        for want in 1..=120u32 {
            let n = s.next(2026, false).unwrap();
            assert_eq!(n, DocNumber::new(want));
            s.last_issued = Some(n.value);
        }
    }

    #[test]
    fn wrong_year_closed_and_secret_books_are_refused_domain_4() {
        assert_eq!(
            seq(Some(3)).next(2027, false),
            Err(BookError::WrongYear {
                book_year: 2026,
                date_year: 2027
            })
        );
        assert_eq!(seq(Some(3)).next(2026, true), Err(BookError::WrongSecrecy));
        let mut closed = seq(Some(3));
        closed.closed = true;
        assert_eq!(
            closed.next(2026, false),
            Err(BookError::Closed { book_year: 2026 })
        );
        assert!(BookSpec::for_document(BookDirection::Incoming, 2026, Some(Secrecy::Mat)).secret);
        assert!(!BookSpec::for_document(BookDirection::Incoming, 2026, None).secret);
    }

    #[test]
    fn sub_numbers_for_a_late_insertion_domain_3() {
        let s = seq(Some(20));
        assert_eq!(s.next_sub(15, &[], 2026, false).unwrap().to_string(), "15a");
        assert_eq!(
            s.next_sub(15, &['a'], 2026, false).unwrap().to_string(),
            "15b"
        );
        assert_eq!(
            s.next_sub(3, &['a', 'c', 'b'], 2026, false)
                .unwrap()
                .to_string(),
            "03d"
        );
        assert!(matches!(
            s.next_sub(21, &[], 2026, false),
            Err(BookError::InsertAfterUnissued { .. })
        ));
        assert!(matches!(
            seq(None).next_sub(1, &[], 2026, false),
            Err(BookError::InsertAfterUnissued { .. })
        ));
        assert_eq!(
            s.next_sub(15, &['z'], 2026, false),
            Err(BookError::SubNumbersExhausted { after: 15 })
        );
    }
}
