//! One file per endpoint group; `routes.rs` is the one list of routes.

pub mod admin_users;
pub mod blobs;
pub mod directory;
pub mod documents;
pub mod health;
pub mod notices;
pub mod pull;
pub mod push;
pub mod session;
