//! edXML, the package format of the national document exchange (QCVN
//! 102:2016, domain.md §11). Strict when writing, lenient when reading,
//! never wrong: a value in another shape than the standard's is a located
//! error in English and Vietnamese, never a guess.
//!
//! Issue 9 builds the envelope here; this first part holds the value rules
//! every field of it uses: dates, the DocumentId and the status codes.

pub mod date;
pub mod document_id;
pub mod error;
pub mod status;

pub use date::{format_date, format_timestamp, parse_date, parse_timestamp};
pub use document_id::DocumentId;
pub use error::EdxmlError;
pub use status::StatusCode;
