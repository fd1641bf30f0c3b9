//! The agency's working-day calendar: count deadlines in working days, and
//! let an administrator store a year's days off (the Prime Minister fixes
//! the Tết days each year), with Article 112's schedule as the default.

use crate::dto::{CalendarDay, YearCalendar};
use crate::handling_step::date_of;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::Datelike;
use eoffice_domain::holidays::{DayKind, SpecialDay};
use eoffice_domain::Role;

impl Eoffice {
    /// The date `days` working days after `from`.
    pub fn add_working_days(&self, from: &str, days: u32) -> AppResult<String> {
        let from = date_of(from)?;
        Ok(self
            .work_calendar()?
            .add_working_days(from, days)
            .to_string())
    }

    pub fn year_calendar(&self, year: i32) -> AppResult<YearCalendar> {
        if !(1900..=2199).contains(&year) {
            return Err(AppError::invalid(
                format!("Năm {year} nằm ngoài lịch (1900–2199)."),
                format!("year {year} is outside 1900–2199"),
            ));
        }
        let stored = eoffice_store::calendar::stored_years(&self.conn)?;
        let is_stored = stored.contains_key(&year);
        let cal = eoffice_domain::working_days::WorkCalendar::new(stored);
        Ok(YearCalendar {
            year,
            stored: is_stored,
            days: cal
                .schedule(year)
                .days
                .values()
                .map(|d| CalendarDay {
                    date: d.date.to_string(),
                    kind: d.kind.code().into(),
                    kind_label: d.kind.label().into(),
                    name: d.name.clone(),
                })
                .collect(),
        })
    }

    /// Sets one special day (or removes it with `kind = None`); the year
    /// is stored from then on, starting from the schedule in force.
    pub fn set_calendar_day(
        &mut self,
        actor: &str,
        date: &str,
        kind: Option<&str>,
        name: &str,
    ) -> AppResult<YearCalendar> {
        if !self.is_connected()? && eoffice_store::directory::count_users(&self.conn)? > 0 {
            let me = self.person_for(actor)?;
            if me.role != Role::Admin {
                return Err(AppError::new(
                    ErrorCode::Forbidden,
                    "Chỉ quản trị sửa lịch ngày nghỉ.",
                    "only an administrator edits the calendar",
                ));
            }
        }
        let date = date_of(date)?;
        let year = date.year();
        let mut schedule = self.work_calendar()?.schedule(year);
        match kind {
            None => {
                schedule.days.remove(&date);
            }
            Some(k) => {
                let kind = DayKind::from_code(k).ok_or_else(|| {
                    AppError::invalid(
                        format!("Loại ngày “{k}” không có; chọn holiday, compensatory, agency_day_off hoặc working_weekend."),
                        format!("day kind {k:?}: holiday, compensatory, agency_day_off or working_weekend"),
                    )
                })?;
                schedule.days.insert(
                    date,
                    SpecialDay {
                        date,
                        kind,
                        name: if name.trim().is_empty() {
                            kind.label().to_string()
                        } else {
                            name.trim().to_string()
                        },
                    },
                );
            }
        }
        let now = self.clock.now().to_rfc3339();
        eoffice_store::calendar::store_year(&self.conn, year, &schedule, actor, &now)?;
        self.year_calendar(year)
    }
}
