//! The place-and-date line (địa danh và thời gian), domain.md §3:
//! `Lạng Sơn, ngày 05 tháng 01 năm 2026`.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceDate {
    pub place: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateLineError {
    #[error("no \"ngày … tháng … năm …\" found")]
    NotADateLine,
    #[error("the place before \"ngày\" is missing")]
    MissingPlace,
    #[error("{day:02}/{month:02}/{year} is not a calendar date")]
    NoSuchDate { day: u32, month: u32, year: i32 },
}

/// Formats the line as Decree 30 prints it: day below 10 and months 1 and 2
/// zero-padded, other months not.
pub fn format_date_line(place: &str, date: NaiveDate) -> String {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!(
        "{place}, ngày {:02} tháng {month} năm {}",
        date.day(),
        date.year()
    )
}

/// Reads a place-and-date line, tolerating missing zero padding, extra
/// spaces, NFD input and an absent comma.
pub fn parse_date_line(line: &str) -> Result<PlaceDate, DateLineError> {
    let line: String = line.nfc().collect();
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = |w: &str, want: &str| crate::fold(w) == want;
    let idx = (0..words.len())
        .find(|&i| {
            i + 5 < words.len()
                && at(words[i], "ngay")
                && at(words[i + 2], "thang")
                && at(words[i + 4], "nam")
        })
        .ok_or(DateLineError::NotADateLine)?;
    let num = |w: &str| -> Option<u32> {
        let d: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        d.parse().ok()
    };
    let (day, month, year) = match (
        num(words[idx + 1]),
        num(words[idx + 3]),
        num(words[idx + 5]),
    ) {
        (Some(d), Some(m), Some(y)) => (d, m, y as i32),
        _ => return Err(DateLineError::NotADateLine),
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(DateLineError::NoSuchDate {
        day,
        month,
        year,
    })?;
    let place = words[..idx]
        .join(" ")
        .trim_end_matches(',')
        .trim()
        .to_string();
    if place.is_empty() {
        return Err(DateLineError::MissingPlace);
    }
    Ok(PlaceDate { place, date })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn format_pads_day_and_first_two_months_domain_3() {
        assert_eq!(
            format_date_line("Lạng Sơn", d(2026, 1, 5)),
            "Lạng Sơn, ngày 05 tháng 01 năm 2026"
        );
        assert_eq!(
            format_date_line("Lạng Sơn", d(2026, 2, 28)),
            "Lạng Sơn, ngày 28 tháng 02 năm 2026"
        );
        assert_eq!(
            format_date_line("Hà Nội", d(2018, 3, 5)),
            "Hà Nội, ngày 05 tháng 3 năm 2018"
        );
        assert_eq!(
            format_date_line("Hà Nội", d(2025, 10, 8)),
            "Hà Nội, ngày 08 tháng 10 năm 2025"
        );
    }

    #[test]
    fn parse_is_the_inverse_of_format_over_a_whole_year() {
        let mut day = d(2024, 1, 1);
        while day.year() == 2024 {
            let line = format_date_line("Lạng Sơn", day);
            assert_eq!(
                parse_date_line(&line),
                Ok(PlaceDate {
                    place: "Lạng Sơn".into(),
                    date: day
                })
            );
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn parse_tolerates_printed_variants() {
        let nfd: String = "Lạng Sơn, ngày 5 tháng 3 năm 2018".nfd().collect();
        assert_eq!(parse_date_line(&nfd).unwrap().date, d(2018, 3, 5));
        assert_eq!(
            parse_date_line("Hà Nội ngày  08  tháng 10 năm 2025")
                .unwrap()
                .place,
            "Hà Nội"
        );
    }

    #[test]
    fn parse_reports_what_is_wrong() {
        assert_eq!(
            parse_date_line("Lạng Sơn, ngày …… tháng …… năm ……"),
            Err(DateLineError::NotADateLine)
        );
        assert_eq!(
            parse_date_line("ngày 05 tháng 01 năm 2026"),
            Err(DateLineError::MissingPlace)
        );
        assert_eq!(
            parse_date_line("Lạng Sơn, ngày 30 tháng 02 năm 2026"),
            Err(DateLineError::NoSuchDate {
                day: 30,
                month: 2,
                year: 2026
            })
        );
    }
}
