//! The sync protocol between a desktop (or the CLI) and the provincial
//! server. Only this crate and `eoffice-server` know the wire format.
//!
//! The shape follows Replicache's: a client pushes commands that carry
//! UUIDs it made, the server decides each once, and the client pulls the
//! agency's change feed after a cursor. Unlike Replicache, the server also
//! decides numbers and rights, so a command can come back rejected with a
//! reason the user sees.

pub mod exchange_wire;
pub mod wire;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client")]
pub mod exchange_client;

pub use wire::*;

#[cfg(feature = "password")]
pub mod password;
