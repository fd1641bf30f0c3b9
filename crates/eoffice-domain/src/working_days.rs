//! Deadlines in working days ("N ngày làm việc") and how close a deadline
//! is (ui.md: amber two working days before, red once overdue).

use crate::holidays::YearSchedule;
use chrono::{Datelike, Duration, NaiveDate};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The agency's calendar: the schedules an administrator stored, and
/// Article 112 for every other year.
#[derive(Debug, Default)]
pub struct WorkCalendar {
    stored: BTreeMap<i32, YearSchedule>,
    computed: RefCell<BTreeMap<i32, YearSchedule>>,
}

/// How a deadline looks today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineTone {
    Normal,
    /// Due within two working days: amber.
    DueSoon,
    /// Past its date: red.
    Overdue,
}

impl DeadlineTone {
    pub fn code(self) -> &'static str {
        match self {
            DeadlineTone::Normal => "normal",
            DeadlineTone::DueSoon => "due_soon",
            DeadlineTone::Overdue => "overdue",
        }
    }
}

/// How many working days before its date a deadline turns amber.
pub const DUE_SOON_WORKING_DAYS: i64 = 2;

impl WorkCalendar {
    pub fn new(stored: BTreeMap<i32, YearSchedule>) -> WorkCalendar {
        WorkCalendar {
            stored,
            computed: RefCell::new(BTreeMap::new()),
        }
    }

    /// The schedule in force for a year: the stored one, else Article 112.
    pub fn schedule(&self, year: i32) -> YearSchedule {
        if let Some(s) = self.stored.get(&year) {
            return s.clone();
        }
        self.computed
            .borrow_mut()
            .entry(year)
            .or_insert_with(|| YearSchedule::article_112(year))
            .clone()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if let Some(s) = self.stored.get(&d.year()) {
            return s.is_working_day(d);
        }
        self.computed
            .borrow_mut()
            .entry(d.year())
            .or_insert_with(|| YearSchedule::article_112(d.year()))
            .is_working_day(d)
    }

    /// The date `n` working days after `from` (the day of receipt is not
    /// counted). With `n = 0`, `from` itself if it is a working day, else
    /// the next one.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        if n == 0 {
            while !self.is_working_day(d) {
                d += Duration::days(1);
            }
            return d;
        }
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days after `today` up to and including `deadline`; negative
    /// (the working days late) once the deadline has passed.
    pub fn working_days_left(&self, today: NaiveDate, deadline: NaiveDate) -> i64 {
        if deadline >= today {
            let mut n = 0;
            let mut d = today;
            while d < deadline {
                d += Duration::days(1);
                if self.is_working_day(d) {
                    n += 1;
                }
            }
            n
        } else {
            let mut n = 0;
            let mut d = deadline;
            while d < today {
                d += Duration::days(1);
                if self.is_working_day(d) {
                    n -= 1;
                }
            }
            n
        }
    }

    pub fn tone(&self, today: NaiveDate, deadline: NaiveDate) -> DeadlineTone {
        if deadline < today {
            DeadlineTone::Overdue
        } else if self.working_days_left(today, deadline) <= DUE_SOON_WORKING_DAYS {
            DeadlineTone::DueSoon
        } else {
            DeadlineTone::Normal
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::holidays::{DayKind, SpecialDay};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_are_skipped() {
        let c = WorkCalendar::default();
        // Friday 6/3/2026 + 1 working day = Monday 9/3.
        assert_eq!(c.add_working_days(d(2026, 3, 6), 1), d(2026, 3, 9));
        assert_eq!(c.add_working_days(d(2026, 3, 2), 5), d(2026, 3, 9));
        assert_eq!(c.add_working_days(d(2026, 3, 7), 0), d(2026, 3, 9));
        assert_eq!(c.add_working_days(d(2026, 3, 9), 0), d(2026, 3, 9));
    }

    #[test]
    fn tet_and_compensatory_days_are_skipped() {
        let c = WorkCalendar::default();
        // Friday 13/2/2026 + 1: Mon 16 … Fri 20 are Tết, so Monday 23/2.
        assert_eq!(c.add_working_days(d(2026, 2, 13), 1), d(2026, 2, 23));
        // Friday 24/4/2026 + 1: Sun 26 Giỗ Tổ, Mon 27 nghỉ bù → Tuesday 28/4.
        assert_eq!(c.add_working_days(d(2026, 4, 24), 1), d(2026, 4, 28));
        // Across the new year: Wed 31/12/2025 + 1 skips 1/1/2026.
        assert_eq!(c.add_working_days(d(2025, 12, 31), 1), d(2026, 1, 2));
    }

    #[test]
    fn a_stored_year_replaces_the_computed_one() {
        let mut s = YearSchedule::article_112(2026);
        s.days.insert(
            d(2026, 3, 10),
            SpecialDay {
                date: d(2026, 3, 10),
                kind: DayKind::AgencyDayOff,
                name: "Nghỉ theo quyết định của cơ quan".into(),
            },
        );
        let c = WorkCalendar::new(BTreeMap::from([(2026, s)]));
        assert_eq!(c.add_working_days(d(2026, 3, 9), 1), d(2026, 3, 11));
        assert!(!WorkCalendar::default()
            .schedule(2026)
            .days
            .contains_key(&d(2026, 3, 10)));
    }

    #[test]
    fn tone_turns_amber_two_working_days_before_and_red_after() {
        let c = WorkCalendar::default();
        let deadline = d(2026, 3, 11); // Wednesday
        assert_eq!(c.tone(d(2026, 3, 6), deadline), DeadlineTone::Normal);
        assert_eq!(c.tone(d(2026, 3, 9), deadline), DeadlineTone::DueSoon);
        assert_eq!(c.tone(d(2026, 3, 11), deadline), DeadlineTone::DueSoon);
        assert_eq!(c.tone(d(2026, 3, 12), deadline), DeadlineTone::Overdue);
        assert_eq!(c.working_days_left(d(2026, 3, 6), deadline), 3);
        assert_eq!(c.working_days_left(d(2026, 3, 16), deadline), -3);
    }

    /// Adding n working days then counting them back gives n.
    #[test]
    fn adding_and_counting_agree() {
        let c = WorkCalendar::default();
        let mut day = d(2024, 1, 1);
        while day < d(2027, 1, 1) {
            for n in [1u32, 3, 7, 15] {
                let due = c.add_working_days(day, n);
                assert!(c.is_working_day(due));
                assert_eq!(c.working_days_left(day, due), n as i64, "{day} + {n}");
            }
            day += Duration::days(5);
        }
    }
}
