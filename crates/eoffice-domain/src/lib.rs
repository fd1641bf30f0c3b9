//! The rules of Vietnamese clerical work, as Decree 30/2020/NĐ-CP and
//! QCVN 102:2016 state them (see `shared/docs/domain.md`).
//!
//! Invariant: nothing in this crate does IO or reads the clock. Every
//! function that depends on time takes it as an argument.

pub mod access;
pub mod agency;
pub mod book;
pub mod book_columns;
pub mod collation;
pub mod date_line;
pub mod directory;
pub mod doc_type;
pub mod event;
pub mod fold;
pub mod handling;
pub mod holidays;
pub mod incoming;
pub mod lunar;
pub mod number;
pub mod outgoing;
pub mod role;
pub mod signing_form;
pub mod urgency;
pub mod vietnam_time;
pub mod working_days;

pub use agency::{AgencyId, AgencyIdError};
pub use book::{BookDirection, BookError, ReceiptNumber};
pub use date_line::{format_date_line, parse_date_line, DateLineError, PlaceDate};
pub use directory::{Directory, Party, Person, Unit};
pub use doc_type::{DocumentType, TypeCodeSource};
pub use event::EventKind;
pub use fold::{fold, fold_char};
pub use incoming::{IncomingCommand, IncomingError, IncomingEvent, IncomingState};
pub use number::{DocNumber, NumberSymbol, NumberSymbolError};
pub use role::Role;
pub use signing_form::SigningForm;
pub use urgency::{Secrecy, Urgency};
pub use vietnam_time::vietnam;
