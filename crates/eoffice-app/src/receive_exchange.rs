//! `eoffice receive`, and the desktop's poll: the statuses the handling has
//! earned are owed, documents not yet gone are sent, every package waiting
//! on each route is fetched, queued and marked done on the platform, and
//! last the statuses owed leave (so 01 goes in the run that received). A package the platform delivers twice
//! is queued once; a status the client sends twice is heard once
//! (domain.md §12: status sends are idempotent).

use crate::dto::ExchangeRun;
use crate::exchange_transport::{exchange_error, route_label};
use crate::{AppResult, Eoffice, ErrorCode};
use chrono::Duration;
use eoffice_edxml::*;
use eoffice_store::exchange;

impl Eoffice {
    /// The status package owed for a received document.
    fn status_package(&self, s: &exchange::StatusOut) -> AppResult<Vec<u8>> {
        let agency = self.agency()?;
        let id = DocumentId::parse("DocumentId", &s.document_id)?;
        let timestamp = chrono::DateTime::parse_from_rfc3339(&s.created_at)
            .map(|t| t.naive_local())
            .unwrap_or_else(|_| self.clock.now().naive_local());
        let status = Status {
            response_for: ResponseFor {
                organ_id: id.organ.as_str().to_string(),
                code: id.code.to_string(),
                promulgation_date: id.date,
                document_id: id.clone(),
            },
            from: Organ {
                organ_id: agency.id.clone(),
                organ_name: agency.name.clone(),
                organ_add: agency.place.clone().unwrap_or_default(),
                ..Organ::default()
            },
            status_code: StatusCode::from_code(&s.code).unwrap_or(StatusCode::Arrived),
            description: s.description.clone(),
            timestamp: chrono::Timelike::with_nanosecond(&timestamp, 0).unwrap_or(timestamp),
            staff_info: StaffInfo {
                department: "Văn thư".into(),
                ..StaffInfo::default()
            },
        };
        Ok(write_package(&Package::Status(Box::new(status)))?)
    }

    pub fn receive_exchange(&mut self) -> AppResult<ExchangeRun> {
        self.owe_handling_statuses()?;
        let mut run = self.flush_sent(None)?;
        let transports = self.transports()?;
        if transports.is_empty() {
            return Err(crate::AppError::new(
                ErrorCode::InvalidState,
                "Chưa khai báo kết nối liên thông nào (eoffice exchange connect).",
                "no exchange endpoint is configured",
            ));
        }
        let today = self.clock.now().date_naive();
        let (from, to) = (
            (today - Duration::days(60)).format("%Y-%m-%d").to_string(),
            (today + Duration::days(1)).format("%Y-%m-%d").to_string(),
        );
        for t in &transports {
            let waiting = match t.call(|c| c.received(&from, &to)) {
                Ok(w) => w,
                Err(e) => {
                    run.errors.push(exchange_error(&t.route, &e).message);
                    continue;
                }
            };
            for entry in waiting {
                let (_, bytes) = match t.call(|c| c.get(&entry.doc_id)) {
                    Ok(p) => p,
                    Err(e) => {
                        run.errors.push(exchange_error(&t.route, &e).message);
                        continue;
                    }
                };
                let (mark, note) = match self.receive_package(&bytes) {
                    Ok(outcome) => {
                        run.received.push(outcome);
                        ("done", String::new())
                    }
                    // A package that will never be taken is failed on the
                    // platform, so it stops coming back.
                    Err(e) if e.code == ErrorCode::Package => {
                        run.errors.push(format!(
                            "Gói tin {} từ {} ({}) bị từ chối: {}",
                            entry.doc_id,
                            entry.from,
                            route_label(&t.route),
                            e.message
                        ));
                        ("fail", e.message_en.clone())
                    }
                    // Anything else (disk, database) leaves it on the
                    // platform for the next run.
                    Err(e) => {
                        run.errors.push(e.message);
                        continue;
                    }
                };
                if let Err(e) = t.call(|c| c.set_status(&entry.doc_id, mark, &note)) {
                    run.errors.push(exchange_error(&t.route, &e).message);
                }
            }
        }
        // Statuses go back the way the document came: the sender's route
        // in the directory, else the first route configured.
        for s in exchange::statuses_unsent(&self.conn)? {
            let route = exchange::organ(&self.conn, &s.to_organ)?
                .map(|o| o.route)
                .filter(|r| transports.iter().any(|t| t.route == *r))
                .unwrap_or_else(|| transports[0].route.clone());
            let t = transports
                .iter()
                .find(|t| t.route == route)
                .expect("chosen above");
            let bytes = self.status_package(&s)?;
            let name = format!(
                "status_{}_{}.edxml",
                s.code,
                s.document_id.replace(['/', ','], "_")
            );
            let outcome = t.call(|c| c.send("status", &name, &bytes));
            let at = self.clock.now().to_rfc3339();
            match outcome {
                Ok(_) => {
                    exchange::status_sent(&self.conn, &s, Ok(&at))?;
                    run.statuses_sent += 1;
                }
                Err(e) => {
                    let err = exchange_error(&route, &e);
                    exchange::status_sent(&self.conn, &s, Err(&err.message))?;
                    run.errors.push(err.message);
                }
            }
        }
        Ok(run)
    }
}
