//! The receipt number the next registration will take, shown in the form
//! before saving (ui.md, Registration). The book and the number come from
//! the same rule registration uses, so the form never guesses either.

use crate::dto::NextNumber;
use crate::{AppError, AppResult, Eoffice};
use chrono::{Datelike, NaiveDate};
use eoffice_domain::book::{BookDirection, BookSpec};
use eoffice_domain::{BookError, Secrecy};
use eoffice_store::books;

impl Eoffice {
    /// `arrival` is YYYY-MM-DD; `secrecy` the form's value (a code or a
    /// printed stamp), which picks the secret book (domain.md §5).
    pub fn next_incoming_number(
        &self,
        arrival: &str,
        secrecy: Option<&str>,
    ) -> AppResult<NextNumber> {
        let date = NaiveDate::parse_from_str(arrival.trim(), "%Y-%m-%d").map_err(|_| {
            AppError::invalid(
                format!("Ngày đến “{arrival}” không hợp lệ."),
                format!("arrival date {arrival:?} must be YYYY-MM-DD"),
            )
        })?;
        let secrecy = secrecy.map(str::trim).filter(|s| !s.is_empty()).map(|s| {
            Secrecy::parse(s).ok_or_else(|| {
                AppError::invalid(
                    format!("Độ mật “{s}” không hợp lệ: dùng Mật, Tối mật hoặc Tuyệt mật."),
                    format!("Secrecy {s:?} is invalid"),
                )
            })
        });
        let secrecy = secrecy.transpose()?;
        let spec = BookSpec::for_document(BookDirection::Incoming, date.year(), secrecy);
        let book_id = books::book_id(&spec);
        let name = spec.default_name();
        // Connected, the provincial server issues the number (domain.md §3);
        // a secret document's book stays this desktop's own.
        if self.is_connected()? && secrecy.is_none() {
            return Ok(NextNumber {
                book_id,
                book_name: name,
                number: None,
                from_server: true,
                closed: false,
            });
        }
        let row = books::find(&self.conn, &spec)?;
        let secret = spec.secret;
        let seq =
            row.as_ref()
                .map(|b| b.sequence())
                .unwrap_or(eoffice_domain::book::BookSequence {
                    spec,
                    closed: false,
                    last_issued: None,
                });
        let (number, closed) = match seq.next(date.year(), secret) {
            Ok(n) => (Some(n.to_string()), false),
            Err(BookError::Closed { .. }) => (None, true),
            Err(e) => return Err(AppError::invalid(e.message_vi(), e.to_string())),
        };
        Ok(NextNumber {
            book_id: row.as_ref().map_or(book_id, |b| b.id.clone()),
            book_name: row.map_or(name, |b| b.name),
            number,
            from_server: false,
            closed,
        })
    }
}
