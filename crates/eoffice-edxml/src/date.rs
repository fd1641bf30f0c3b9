//! edXML dates are `yyyy/MM/dd`, trace times `yyyy/MM/dd HH:mm:ss`
//! (domain.md §11). Nothing else is read: "05/03/2018" could be 5 March or
//! 3 May, so it is refused, not guessed.

use crate::error::EdxmlError;
use chrono::{NaiveDate, NaiveDateTime};

pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y/%m/%d").to_string()
}

pub fn format_timestamp(t: NaiveDateTime) -> String {
    t.format("%Y/%m/%d %H:%M:%S").to_string()
}

/// Four-digit year first, two-digit month and day, slashes: the exact
/// shape, so a day-first date cannot slip through.
fn shaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'/'
        && b[7] == b'/'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

pub fn parse_date(at: &str, value: &str) -> Result<NaiveDate, EdxmlError> {
    let v = value.trim();
    let bad = || EdxmlError::BadDate {
        at: at.to_string(),
        value: value.to_string(),
    };
    if !shaped(v) {
        return Err(bad());
    }
    NaiveDate::parse_from_str(v, "%Y/%m/%d").map_err(|_| bad())
}

pub fn parse_timestamp(at: &str, value: &str) -> Result<NaiveDateTime, EdxmlError> {
    let v = value.trim();
    let bad = || EdxmlError::BadTimestamp {
        at: at.to_string(),
        value: value.to_string(),
    };
    let (d, t) = v.split_once(' ').ok_or_else(bad)?;
    if !shaped(d) || t.len() != 8 {
        return Err(bad());
    }
    NaiveDateTime::parse_from_str(v, "%Y/%m/%d %H:%M:%S").map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_and_read_in_the_one_shape_domain_11() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
        assert_eq!(format_date(d), "2026/05/20");
        assert_eq!(parse_date("PromulgationDate", "2026/05/20").unwrap(), d);
        let t = d.and_hms_opt(14, 3, 11).unwrap();
        assert_eq!(format_timestamp(t), "2026/05/20 14:03:11");
        assert_eq!(
            parse_timestamp("Timestamp", "2026/05/20 14:03:11").unwrap(),
            t
        );
    }

    #[test]
    fn a_day_first_date_is_refused_not_guessed() {
        for v in [
            "05/03/2018",
            "2018-03-05",
            "2018/3/5",
            "2026/02/30",
            "",
            "2026/05/20x",
        ] {
            let e = parse_date(
                "edXMLHeader/MessageHeader/PromulgationInfo/PromulgationDate",
                v,
            )
            .unwrap_err();
            assert!(e.to_string().contains("PromulgationDate"), "{e}");
            assert!(e.message_vi().contains("yyyy/MM/dd"));
        }
        for v in [
            "2026/05/20",
            "2026/05/20 14:03",
            "20/05/2026 14:03:11",
            "2026/05/20 25:00:00",
        ] {
            assert!(parse_timestamp("TraceHeader/Timestamp", v).is_err(), "{v}");
        }
    }
}
