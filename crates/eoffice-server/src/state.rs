//! What every request handler shares.

use crate::config::Config;
use deadpool_postgres::Pool;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// A new feed event: (agency, sequence). Fed by PostgreSQL LISTEN, so it
/// carries what any instance on the same database wrote.
pub type FeedNotice = (String, i64);

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub config: Arc<Config>,
    pub notices: broadcast::Sender<FeedNotice>,
    /// One queue per agency for the commands that take the agency's row
    /// lock: waiting here costs nothing, while forty transactions queued on
    /// one PostgreSQL row lock cost more than their work. The row lock
    /// still decides between instances.
    pub agency_queues: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
}

impl AppState {
    pub fn new(
        pool: Pool,
        config: Arc<Config>,
        notices: broadcast::Sender<FeedNotice>,
    ) -> AppState {
        AppState {
            pool,
            config,
            notices,
            agency_queues: Arc::default(),
        }
    }

    pub fn agency_queue(&self, agency: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut map = self.agency_queues.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(agency.to_string()).or_default().clone()
    }
}
