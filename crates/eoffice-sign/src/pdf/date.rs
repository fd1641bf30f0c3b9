//! PDF dates (ISO 32000-1 §7.9.4), written into /M and read back from it.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};

/// PDF date of the signing time, in its own offset (Vietnam time, +07'00').
pub fn pdf_date(t: &DateTime<FixedOffset>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "D:{}{sign}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        off / 3600,
        (off % 3600) / 60
    )
}

/// "D:20261201090147+07'00'" (and its shorter forms) as a time.
pub fn parse_pdf_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 8 {
        return None;
    }
    let field = |a: usize, b: usize, d: u32| -> u32 {
        digits.get(a..b).and_then(|x| x.parse().ok()).unwrap_or(d)
    };
    let rest = &s[digits.len()..];
    let offset = match rest.chars().next() {
        Some(c @ ('+' | '-')) => {
            let nums: Vec<i32> = rest[1..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            let secs =
                nums.first().copied().unwrap_or(0) * 3600 + nums.get(1).copied().unwrap_or(0) * 60;
            if c == '-' {
                -secs
            } else {
                secs
            }
        }
        _ => 0,
    };
    let tz = FixedOffset::east_opt(offset)?;
    tz.with_ymd_and_hms(
        field(0, 4, 0) as i32,
        field(4, 6, 1),
        field(6, 8, 1),
        field(8, 10, 0),
        field(10, 12, 0),
        field(12, 14, 0),
    )
    .single()
    .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signing_time_round_trips_through_its_pdf_date() {
        let t = DateTime::parse_from_rfc3339("2026-05-20T14:03:11+07:00").unwrap();
        assert_eq!(pdf_date(&t), "D:20260520140311+07'00'");
        assert_eq!(parse_pdf_date(&pdf_date(&t)), Some(t.to_utc()));
        assert_eq!(parse_pdf_date("D:2026"), None);
    }
}
