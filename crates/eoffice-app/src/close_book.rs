//! Khóa sổ: close a registry book at year end. A closed book takes no more
//! numbers; its printout is signed on paper (domain.md §5).

use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_store::books;
use rusqlite::TransactionBehavior;

impl Eoffice {
    pub fn close_book(&mut self, actor: &str, book_id: &str) -> AppResult<()> {
        let now = self.clock.now();
        let actor = self.actor_for(actor)?;
        let agency = self.agency()?;
        let connected = self.is_connected()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let book = books::get(&tx, book_id)?
            .ok_or_else(|| AppError::not_found("sổ văn bản", "book", book_id))?;
        // A shared book belongs to the server, which issues its numbers.
        if connected && !book.secret {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Sổ dùng chung do máy chủ quản lý; khóa sổ trên máy chủ (chưa hỗ trợ trên máy trạm).",
                "a shared book is the server's; it cannot be closed on a desktop",
            ));
        }
        if !books::close(&tx, book_id, &now.to_rfc3339())? {
            return Err(AppError::new(
                ErrorCode::BookClosed,
                format!("Sổ “{}” đã khóa trước đó.", book.name),
                format!("book {book_id} is already closed"),
            ));
        }
        crate::event_log::record(
            &tx,
            &agency.id,
            &actor,
            now,
            book_id,
            eoffice_domain::EventKind::BookClosed,
            serde_json::json!({ "BookId": book_id, "LastNumber": book.last_number }),
        )?;
        tx.commit()?;
        Ok(())
    }
}
