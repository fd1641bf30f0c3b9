//! Stored years of the working-day calendar (an administrator's edits).

use crate::StoreError;
use chrono::NaiveDate;
use eoffice_domain::holidays::{DayKind, SpecialDay, YearSchedule};
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

pub fn stored_years(conn: &Connection) -> Result<BTreeMap<i32, YearSchedule>, StoreError> {
    let mut out: BTreeMap<i32, YearSchedule> = BTreeMap::new();
    let mut years = conn.prepare_cached("SELECT year FROM calendar_years")?;
    for y in years.query_map([], |r| r.get::<_, i32>(0))? {
        out.insert(y?, YearSchedule::default());
    }
    let mut stmt = conn.prepare_cached("SELECT date, year, kind, name FROM calendar_days")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (date, year, kind, name) = row?;
        let (Ok(date), Some(kind)) = (
            NaiveDate::parse_from_str(&date, "%Y-%m-%d"),
            DayKind::from_code(&kind),
        ) else {
            continue;
        };
        out.entry(year)
            .or_default()
            .days
            .insert(date, SpecialDay { date, kind, name });
    }
    Ok(out)
}

/// Stores a year's whole schedule; from now on it replaces the computed one.
pub fn store_year(
    conn: &Connection,
    year: i32,
    schedule: &YearSchedule,
    by: &str,
    at: &str,
) -> Result<(), StoreError> {
    conn.execute("DELETE FROM calendar_days WHERE year = ?1", [year])?;
    conn.execute(
        "INSERT INTO calendar_years (year, edited_by, edited_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (year) DO UPDATE SET edited_by = excluded.edited_by, edited_at = excluded.edited_at",
        params![year, by, at],
    )?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO calendar_days (date, year, kind, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for d in schedule.days.values() {
        ins.execute(params![
            d.date.format("%Y-%m-%d").to_string(),
            year,
            d.kind.code(),
            d.name
        ])?;
    }
    Ok(())
}

/// Drops a stored year, so Article 112's computed schedule applies again.
pub fn reset_year(conn: &Connection, year: i32) -> Result<(), StoreError> {
    conn.execute("DELETE FROM calendar_days WHERE year = ?1", [year])?;
    conn.execute("DELETE FROM calendar_years WHERE year = ?1", [year])?;
    Ok(())
}
