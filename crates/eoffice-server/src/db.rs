//! The PostgreSQL pool and the server's migrations.
//!
//! Migrations are the SQL files in `migrations/`, applied in order, each
//! in one transaction together with its row in `schema_migrations`, under
//! an advisory lock so that two instances started together do not race.
//! `serve` refuses to start on a database that is behind.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

pub const MIGRATIONS: [(i32, &str); 3] = [
    (1, include_str!("../migrations/0001_core.sql")),
    (2, include_str!("../migrations/0002_handling.sql")),
    (3, include_str!("../migrations/0003_exchange.sql")),
];
pub const LATEST: i32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Any number; it only has to be the same for every instance.
const MIGRATION_LOCK: i64 = 0x0065_6f66_6669_6365;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database_url is not valid: {0} / database_url không hợp lệ")]
    Url(String),
    #[error("cannot reach PostgreSQL: {0} / Không kết nối được PostgreSQL")]
    Connect(#[from] tokio_postgres::Error),
    #[error("cannot reach PostgreSQL: {0} / Không kết nối được PostgreSQL")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("the database is at schema version {found}, this server needs {needed}: run `eoffice-server migrate` first / Cơ sở dữ liệu chưa được nâng cấp: hãy chạy `eoffice-server migrate`")]
    Behind { found: i32, needed: i32 },
    #[error("the database is at schema version {found}, newer than this server ({needed}) / Cơ sở dữ liệu thuộc phiên bản máy chủ mới hơn")]
    Ahead { found: i32, needed: i32 },
}

pub fn pool(database_url: &str, size: usize) -> Result<Pool, DbError> {
    let pg: tokio_postgres::Config = database_url
        .parse()
        .map_err(|e: tokio_postgres::Error| DbError::Url(e.to_string()))?;
    let mgr = Manager::from_config(
        pg,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(mgr)
        .max_size(size.max(1))
        .build()
        .map_err(|e| DbError::Url(e.to_string()))
}

pub async fn connect(database_url: &str) -> Result<tokio_postgres::Client, DbError> {
    let (client, conn) = tokio_postgres::connect(database_url, NoTls).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(client)
}

async fn applied_version(client: &tokio_postgres::Client) -> Result<i32, DbError> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )
        .await?;
    let row = client
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )
        .await?;
    Ok(row.get(0))
}

/// Applies what is missing; returns the versions applied now.
pub async fn migrate(database_url: &str) -> Result<Vec<i32>, DbError> {
    let mut client = connect(database_url).await?;
    applied_version(&client).await?;
    let mut applied = Vec::new();
    for (version, sql) in MIGRATIONS {
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .await?;
        let done: i64 = tx
            .query_one(
                "SELECT count(*) FROM schema_migrations WHERE version = $1",
                &[&version],
            )
            .await?
            .get(0);
        if done == 0 {
            tx.batch_execute(sql).await?;
            tx.execute(
                "INSERT INTO schema_migrations (version) VALUES ($1)",
                &[&version],
            )
            .await?;
            applied.push(version);
        }
        tx.commit().await?;
    }
    let found = applied_version(&client).await?;
    if found > LATEST {
        return Err(DbError::Ahead {
            found,
            needed: LATEST,
        });
    }
    Ok(applied)
}

/// Refuses a database that is behind or ahead of this binary.
pub async fn check(database_url: &str) -> Result<(), DbError> {
    let client = connect(database_url).await?;
    let found = applied_version(&client).await?;
    match found.cmp(&LATEST) {
        std::cmp::Ordering::Less => Err(DbError::Behind {
            found,
            needed: LATEST,
        }),
        std::cmp::Ordering::Greater => Err(DbError::Ahead {
            found,
            needed: LATEST,
        }),
        std::cmp::Ordering::Equal => Ok(()),
    }
}
