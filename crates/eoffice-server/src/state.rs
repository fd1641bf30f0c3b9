//! What every request handler shares.

use crate::config::Config;
use deadpool_postgres::Pool;
use std::sync::Arc;
use tokio::sync::broadcast;

/// A new feed event: (agency, sequence). Fed by PostgreSQL LISTEN, so it
/// carries what any instance on the same database wrote.
pub type FeedNotice = (String, i64);

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub config: Arc<Config>,
    pub notices: broadcast::Sender<FeedNotice>,
}
