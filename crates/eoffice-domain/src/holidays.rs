//! A year's days off for public servants: the public holidays of the
//! Labour Code 2019, Article 112, with compensatory days, plus the days an
//! agency or the Prime Minister's yearly decision adds or moves.
//!
//! The computed schedule is only the default: the exact Tết days are fixed
//! each year by the Prime Minister, so an administrator can replace a
//! year's schedule, and what is stored wins.

use crate::lunar::{lunar_new_year, lunar_to_solar};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A public holiday of Article 112.
    Holiday,
    /// A working day given off because a holiday fell on a weekend (Art. 112 §3).
    Compensatory,
    /// A day off an agency or a decision adds.
    AgencyDayOff,
    /// A Saturday or Sunday made a working day (a swap in the yearly decision).
    WorkingWeekend,
}

impl DayKind {
    pub const ALL: [DayKind; 4] = [
        DayKind::Holiday,
        DayKind::Compensatory,
        DayKind::AgencyDayOff,
        DayKind::WorkingWeekend,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Compensatory => "compensatory",
            DayKind::AgencyDayOff => "agency_day_off",
            DayKind::WorkingWeekend => "working_weekend",
        }
    }

    pub fn from_code(s: &str) -> Option<DayKind> {
        DayKind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            DayKind::Holiday => "Ngày lễ, Tết",
            DayKind::Compensatory => "Nghỉ bù",
            DayKind::AgencyDayOff => "Nghỉ theo quyết định",
            DayKind::WorkingWeekend => "Làm việc bù",
        }
    }

    pub fn is_off(self) -> bool {
        self != DayKind::WorkingWeekend
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// The special days of one year; every other Monday–Friday is a working
/// day and every other Saturday and Sunday is a day off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearSchedule {
    pub days: BTreeMap<NaiveDate, SpecialDay>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl YearSchedule {
    /// Article 112 for `year`: 1/1; Tết (the eve and the first four days of
    /// the lunar year); 10/3 lunar; 30/4; 1/5; 2/9 with the day before; and
    /// for each that falls on a Saturday or Sunday a compensatory day on
    /// the next working day.
    pub fn article_112(year: i32) -> YearSchedule {
        let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid date");
        let mut holidays: Vec<(NaiveDate, &str)> = vec![(ymd(1, 1), "Tết Dương lịch")];
        let tet = lunar_new_year(year);
        holidays.push((tet - Duration::days(1), "Tết Nguyên Đán (30 Tết)"));
        for i in 0..4 {
            holidays.push((tet + Duration::days(i), "Tết Nguyên Đán"));
        }
        if let Some(hung) = lunar_to_solar(10, 3, year) {
            holidays.push((hung, "Giỗ Tổ Hùng Vương"));
        }
        holidays.push((ymd(4, 30), "Ngày Chiến thắng"));
        holidays.push((ymd(5, 1), "Ngày Quốc tế lao động"));
        holidays.push((ymd(9, 1), "Quốc khánh (ngày liền kề)"));
        holidays.push((ymd(9, 2), "Quốc khánh"));
        let mut s = YearSchedule::default();
        for (date, name) in &holidays {
            s.days.insert(
                *date,
                SpecialDay {
                    date: *date,
                    kind: DayKind::Holiday,
                    name: name.to_string(),
                },
            );
        }
        let mut on_weekend: Vec<(NaiveDate, String)> = holidays
            .iter()
            .filter(|(d, _)| is_weekend(*d))
            .map(|(d, n)| (*d, n.to_string()))
            .collect();
        on_weekend.sort();
        for (date, name) in on_weekend {
            let mut c = date + Duration::days(1);
            while is_weekend(c) || s.days.contains_key(&c) {
                c += Duration::days(1);
            }
            s.days.insert(
                c,
                SpecialDay {
                    date: c,
                    kind: DayKind::Compensatory,
                    name: format!("Nghỉ bù {name} ({})", date.format("%d/%m")),
                },
            );
        }
        s
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(s) => !s.kind.is_off(),
            None => !is_weekend(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn article_112_days_of_2026() {
        let s = YearSchedule::article_112(2026);
        // Tết Bính Ngọ: 17/2/2026 is mùng 1; the eve and four days are off.
        for day in 16..=20 {
            assert!(!s.is_working_day(d(2026, 2, day)), "{day}/2/2026");
        }
        assert!(s.is_working_day(d(2026, 2, 23)));
        assert!(!s.is_working_day(d(2026, 1, 1)));
        assert!(!s.is_working_day(d(2026, 4, 30)));
        assert!(!s.is_working_day(d(2026, 5, 1)));
        assert!(!s.is_working_day(d(2026, 9, 2)));
        assert!(!s.is_working_day(d(2026, 9, 1)));
        // Giỗ Tổ on Sunday 26/4/2026 gives Monday 27/4 off.
        assert_eq!(
            s.days.get(&d(2026, 4, 27)).map(|x| x.kind),
            Some(DayKind::Compensatory)
        );
        assert!(s.is_working_day(d(2026, 4, 28)));
        // An ordinary weekend is off, an ordinary Monday is not.
        assert!(!s.is_working_day(d(2026, 3, 7)));
        assert!(s.is_working_day(d(2026, 3, 9)));
    }

    #[test]
    fn compensatory_days_skip_other_holidays() {
        // 2027: 1/5 is a Saturday; the next working day is Monday 3/5.
        let s = YearSchedule::article_112(2027);
        assert_eq!(
            s.days.get(&d(2027, 5, 3)).map(|x| x.kind),
            Some(DayKind::Compensatory)
        );
        // 2021: 1/5 Saturday, 30/4 Friday: Monday 3/5 is the compensatory day.
        let s = YearSchedule::article_112(2021);
        assert_eq!(
            s.days.get(&d(2021, 5, 3)).map(|x| x.kind),
            Some(DayKind::Compensatory)
        );
        // No compensatory day ever lands on a weekend or a holiday.
        for y in 2024..=2030 {
            let s = YearSchedule::article_112(y);
            for day in s.days.values() {
                if day.kind == DayKind::Compensatory {
                    assert!(!is_weekend(day.date), "{}", day.date);
                }
            }
        }
    }

    #[test]
    fn a_working_weekend_overrides_the_weekend() {
        let mut s = YearSchedule::article_112(2025);
        let sat = d(2025, 2, 8);
        assert!(!s.is_working_day(sat));
        s.days.insert(
            sat,
            SpecialDay {
                date: sat,
                kind: DayKind::WorkingWeekend,
                name: "Làm bù".into(),
            },
        );
        assert!(s.is_working_day(sat));
        for k in DayKind::ALL {
            assert_eq!(DayKind::from_code(k.code()), Some(k));
        }
    }
}
