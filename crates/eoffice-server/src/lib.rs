//! The provincial document server: the directory of agencies, units and
//! users; sign-in; the number authority; the per-agency change feed that
//! clients pull; blobs. PostgreSQL holds everything but the blob bytes.

pub mod admin;
pub mod api;
pub mod auth;
pub mod commands;
pub mod config;
pub mod db;
pub mod error;
pub mod exchange;
pub mod feed;
pub mod routes;
pub mod serve;
pub mod state;
