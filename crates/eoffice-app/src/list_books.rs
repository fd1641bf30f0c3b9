//! The registry books of the agency, newest year first.

use crate::dto::BookInfo;
use crate::{AppResult, Eoffice};
use eoffice_store::books;

impl Eoffice {
    pub fn list_books(&self) -> AppResult<Vec<BookInfo>> {
        Ok(books::list(&self.conn)?
            .into_iter()
            // Entries waiting for the server's number are in no book yet.
            .filter(|b| !books::is_pending(&b.id))
            .map(|b| BookInfo {
                id: b.id,
                direction: b.direction.code().to_string(),
                year: b.year,
                secret: b.secret,
                name: b.name,
                last_number: b.last_number,
                closed: b.closed_at.is_some(),
                normative: b.normative,
            })
            .collect())
    }
}
