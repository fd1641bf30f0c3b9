//! Báo cáo tình hình xử lý văn bản đến (Appendix VI §V): for a period and
//! optionally a unit, per unit and per person: received, completed on
//! time, completed late, in progress within the deadline, overdue; with
//! the overdue items listed. Exported to PDF (A4) and XLSX.

use crate::dto::{HandlingReport, QueueItem, ReportLine};
use crate::export::xlsx;
use crate::export_book::{write_atomically, ExportFormat};
use crate::handling_step::date_of;
use crate::work_queues::item;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::NaiveDate;
use eoffice_domain::Party;
use eoffice_pdf::book_pdf::{render_table, TableDoc};
use eoffice_store::handling::{self, ReportCounts};
use std::collections::BTreeMap;
use std::path::Path;

fn line(kind: &str, code: &str, name: &str) -> ReportLine {
    ReportLine {
        kind: kind.into(),
        code: code.into(),
        name: name.into(),
        received: 0,
        completed_on_time: 0,
        completed_late: 0,
        in_progress: 0,
        overdue: 0,
    }
}

fn add(l: &mut ReportLine, c: &ReportCounts) {
    l.received += c.received;
    l.completed_on_time += c.on_time;
    l.completed_late += c.late;
    l.in_progress += c.in_progress;
    l.overdue += c.overdue;
}

/// How many overdue items the screen lists; the figures count them all.
pub const SHOWN_OVERDUE: u32 = 200;

pub const REPORT_COLUMNS: [&str; 7] = [
    "Đơn vị / cá nhân",
    "Tổng số văn bản đến",
    "Đã xử lý đúng hạn",
    "Đã xử lý quá hạn",
    "Đang xử lý trong hạn",
    "Đang xử lý quá hạn",
    "Tỷ lệ đúng hạn",
];
const REPORT_WIDTHS: [f32; 7] = [3.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.0];

fn rate(l: &ReportLine) -> String {
    let done = l.completed_on_time + l.completed_late;
    if done == 0 {
        "—".into()
    } else {
        format!("{:.0}%", 100.0 * l.completed_on_time as f64 / done as f64)
    }
}

impl Eoffice {
    /// The report as the screen shows it: every figure, and the oldest
    /// [`SHOWN_OVERDUE`] overdue items (the export lists them all).
    pub fn handling_report(
        &self,
        actor: &str,
        from: &str,
        to: &str,
        unit: Option<&str>,
    ) -> AppResult<HandlingReport> {
        self.report_listing(actor, from, to, unit, SHOWN_OVERDUE)
    }

    fn report_listing(
        &self,
        actor: &str,
        from: &str,
        to: &str,
        unit: Option<&str>,
        overdue_listed: u32,
    ) -> AppResult<HandlingReport> {
        let me = self.person_for(actor)?;
        if !eoffice_domain::access::sees_whole_agency(me.role)
            && unit.is_none_or(|u| me.unit.as_deref() != Some(u))
        {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                "Bạn chỉ xem được báo cáo của đơn vị mình (chọn --unit là đơn vị của bạn).",
                "you may only report on your own unit",
            ));
        }
        let (from_d, to_d) = (date_of(from)?, date_of(to)?);
        if from_d > to_d {
            return Err(AppError::invalid(
                "Ngày bắt đầu sau ngày kết thúc.",
                "the period starts after it ends",
            ));
        }
        let dir = self.directory()?;
        let today = self.today();
        let cal = self.work_calendar()?;
        let mut units: BTreeMap<String, ReportLine> = BTreeMap::new();
        let mut people: BTreeMap<String, ReportLine> = BTreeMap::new();
        let mut total = line("total", "", "Tổng cộng");
        let (f, t, d) = (from_d.to_string(), to_d.to_string(), today.to_string());
        for c in handling::report_counts(&self.conn, &f, &t, &d)? {
            if unit.is_some() && c.lead_unit.as_deref() != unit {
                continue;
            }
            add(&mut total, &c);
            if let Some(u) = &c.lead_unit {
                let name = dir.display(&Party::Unit(u.clone()));
                add(
                    units
                        .entry(u.clone())
                        .or_insert_with(|| line("unit", u, &name)),
                    &c,
                );
            }
            if let Some(p) = &c.lead_user {
                let name = dir.display(&Party::User(p.clone()));
                add(
                    people
                        .entry(p.clone())
                        .or_insert_with(|| line("user", p, &name)),
                    &c,
                );
            }
        }
        let overdue_items: Vec<QueueItem> =
            handling::overdue_in_period(&self.conn, &f, &t, &d, unit, overdue_listed)?
                .into_iter()
                .map(|r| item(r, &cal, today))
                .collect();
        let mut lines: Vec<ReportLine> = units.into_values().collect();
        lines.extend(people.into_values());
        Ok(HandlingReport {
            from: from_d.to_string(),
            to: to_d.to_string(),
            unit: unit.map(String::from),
            today: today.to_string(),
            lines,
            total,
            overdue_items,
        })
    }

    pub fn export_handling_report(
        &self,
        actor: &str,
        from: &str,
        to: &str,
        unit: Option<&str>,
        format: ExportFormat,
        out: &Path,
    ) -> AppResult<HandlingReport> {
        let report = self.report_listing(actor, from, to, unit, u32::MAX)?;
        let agency = self.agency()?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        let fmt = |l: &ReportLine, indent: &str| {
            vec![
                format!("{indent}{}", l.name),
                l.received.to_string(),
                l.completed_on_time.to_string(),
                l.completed_late.to_string(),
                l.in_progress.to_string(),
                l.overdue.to_string(),
                rate(l),
            ]
        };
        for l in report.lines.iter().filter(|l| l.kind == "unit") {
            rows.push(fmt(l, ""));
        }
        for l in report.lines.iter().filter(|l| l.kind == "user") {
            rows.push(fmt(l, "   "));
        }
        rows.push(fmt(&report.total, ""));
        for o in &report.overdue_items {
            rows.push(vec![
                format!(
                    "Quá hạn: số đến {} — {}/{} — {}",
                    o.arrival_number,
                    o.code_number.clone().unwrap_or_default(),
                    o.code_notation.clone().unwrap_or_default(),
                    o.subject
                ),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                o.deadline
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .map(|d| format!("hạn {}", d.format("%d/%m/%Y")))
                    .unwrap_or_default(),
                String::new(),
            ]);
        }
        let title = "BÁO CÁO TÌNH HÌNH XỬ LÝ VĂN BẢN ĐẾN".to_string();
        let d = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default()
        };
        let subtitle = format!(
            "Từ ngày {} đến ngày {}{}",
            d(&report.from),
            d(&report.to),
            report
                .unit
                .as_ref()
                .map(|u| format!(" — {u}"))
                .unwrap_or_default()
        );
        let organ = agency.name.to_uppercase();
        let now = self.clock.now();
        let bytes = match format {
            ExportFormat::Xlsx => xlsx::write(&xlsx::Sheet {
                name: "Tình hình xử lý",
                title_lines: &[organ.clone(), format!("{title} — {subtitle}")],
                header: &REPORT_COLUMNS,
                widths: &REPORT_WIDTHS,
                rows: &rows,
            }),
            ExportFormat::Pdf => render_table(&TableDoc {
                organ: &organ,
                title: &title,
                subtitle: &subtitle,
                columns: &REPORT_COLUMNS,
                widths: &REPORT_WIDTHS,
                rows: &rows,
                footer: &format!("Lập lúc {}", now.format("%H:%M %d/%m/%Y")),
            }),
            ExportFormat::Csv => {
                return Err(AppError::invalid(
                    "Báo cáo xuất ra pdf hoặc xlsx.",
                    "the report exports to pdf or xlsx",
                ))
            }
        };
        write_atomically(out, &bytes)?;
        Ok(report)
    }
}
