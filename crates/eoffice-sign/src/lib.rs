//! PAdES signatures (ETSI EN 319 142-1) on PDFs: signing as incremental
//! updates with keys from a PKCS#12 file, a PKCS#11 token or a remote
//! signing service, and verification of every signature a PDF carries.
//!
//! Invariant: the bytes of the PDF before an update are never changed;
//! every signature already in a file keeps its byte range.
//! Invariant: a private key, a PIN or a password is never logged, stored
//! or sent anywhere but to its own holder.

pub mod cms_signature;
pub mod dss;
pub mod error;
pub mod http;
pub mod key;
pub mod pdf;
pub mod placement;
pub mod sign_pdf;
pub mod tsa_client;
pub mod verify;

pub use error::SignError;
pub use key::{KeyAlgorithm, SignerKey};
/// Object ids of the PDF structure callers place signatures in.
pub use lopdf::ObjectId;
