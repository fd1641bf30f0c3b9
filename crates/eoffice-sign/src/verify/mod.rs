pub mod chain;
pub mod changes;
pub mod cms_check;
pub mod crypto;
pub mod names;
pub mod report;
pub mod revocation;
pub mod verify_pdf;

pub use chain::TrustStore;
pub use report::{SignatureReport, Verification};
pub use verify_pdf::verify_pdf;
