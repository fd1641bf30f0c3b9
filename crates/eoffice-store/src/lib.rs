//! The local store: one SQLite file in WAL mode beside a folder of
//! content-addressed blobs.
//!
//! Invariants:
//! - every change writes its event in the same transaction ([`events`]);
//! - original files are stored byte for byte and never rewritten ([`blobs`]);
//! - list queries never read document text ([`incoming::list`]).
//!
//! No business rules live here; they come from `eoffice-domain`.

pub mod agency;
pub mod blobs;
pub mod books;
pub mod calendar;
pub mod connection;
pub mod db;
pub mod directory;
pub mod error;
pub mod events;
pub mod exchange;
pub mod feed;
pub mod fts_rank;
pub mod handling;
pub mod incoming;
pub mod incoming_list;
pub mod outbox;
pub mod outgoing;
pub mod search;
pub mod settings;
pub mod trust;

pub use blobs::BlobStore;
pub use db::{open, LATEST_VERSION, MIGRATIONS};
pub use error::StoreError;
