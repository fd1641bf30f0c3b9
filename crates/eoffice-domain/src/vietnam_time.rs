//! Vietnam time (UTC+7, no daylight saving): the offset of every date on a
//! document, in a book, and of a signing time shown to a reader (domain.md
//! §8: `2026-05-20T14:03:11+07:00`).

use chrono::FixedOffset;

pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}
