//! edXML, the package format of the national document exchange (QCVN
//! 102:2016, domain.md §11). Strict when writing, lenient when reading,
//! never wrong: a value in another shape than the standard's is a located
//! error in English and Vietnamese, never a guess.

pub mod c14n;
pub mod date;
pub mod document_id;
pub mod error;
pub mod model;
pub mod read;
pub mod signature;
pub mod status;
pub mod tree;
pub mod write;

pub use date::{format_date, format_timestamp, parse_date, parse_timestamp};
pub use document_id::DocumentId;
pub use error::EdxmlError;
pub use model::*;
pub use read::{read_package, read_package_with, ReadPackage};
pub use signature::{sign_package, verify_package, SignatureCheck, XmlSigner};
pub use status::StatusCode;
pub use tree::{Limits, NAMESPACE};
pub use write::{manifest_for, write_package};
