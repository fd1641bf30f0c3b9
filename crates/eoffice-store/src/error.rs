#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file system: {0}")]
    Io(#[from] std::io::Error),
    #[error("the database schema version {found} is newer than this program ({supported})")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The bundled SQLite lacks something the store relies on (FTS5).
    #[error("the SQLite engine: {0}")]
    Engine(String),
    /// A stored file was asked for by something that is not a SHA-256.
    #[error("{0:?} is not a SHA-256 in hex")]
    NotAHash(String),
}
