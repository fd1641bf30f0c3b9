//! The provincial server's exchange: systems, tokens and packages in
//! PostgreSQL (migration 0003). Lenient on prefixes, as a provincial
//! platform may be (domain.md §11); routing is by OrganId among the
//! agencies registered here.

use super::{Backend, PlatformResult};
use crate::auth::sha256_hex;
use crate::state::AppState;
use eoffice_sync::exchange_wire::*;

fn platform_error(e: impl std::fmt::Display) -> (PlatformCode, String) {
    (PlatformCode::PlatformError, e.to_string())
}

fn new_token() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the OS gives random bytes");
    crate::auth::hex(&b)
}

impl AppState {
    async fn client(&self) -> PlatformResult<deadpool_postgres::Object> {
        self.pool.get().await.map_err(platform_error)
    }
}

impl Backend for AppState {
    fn strict(&self) -> bool {
        false
    }

    async fn login(&self, system_id: &str, secret: &str) -> PlatformResult<LoginData> {
        let db = self.client().await?;
        let row = db
            .query_opt(
                "SELECT organ_id, secret_hash FROM exchange_systems WHERE system_id = $1",
                &[&system_id],
            )
            .await
            .map_err(platform_error)?;
        let wrong = || {
            (
                PlatformCode::WrongSystemOrKey,
                "wrong system id or secret key".to_string(),
            )
        };
        let row = row.ok_or_else(wrong)?;
        let hash: String = row.get(1);
        if !crate::auth::verify_password(secret, &hash) {
            return Err(wrong());
        }
        let organ: String = row.get(0);
        let token = new_token();
        db.execute(
            "INSERT INTO exchange_tokens (token_hash, organ_id, secret_sha, expires_at)
             VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
            &[
                &sha256_hex(token.as_bytes()),
                &organ,
                &sha256_hex(secret.as_bytes()),
                &(TOKEN_SECONDS as f64),
            ],
        )
        .await
        .map_err(platform_error)?;
        db.execute("DELETE FROM exchange_tokens WHERE expires_at < now()", &[])
            .await
            .map_err(platform_error)?;
        Ok(LoginData {
            token,
            expires_in: TOKEN_SECONDS,
        })
    }

    async fn authenticate(
        &self,
        token: &str,
        system_id: &str,
        secret: &str,
    ) -> PlatformResult<String> {
        let db = self.client().await?;
        let row = db
            .query_opt(
                "SELECT s.organ_id FROM exchange_tokens t
                   JOIN exchange_systems s ON s.organ_id = t.organ_id
                  WHERE t.token_hash = $1 AND t.expires_at > now() AND s.system_id = $2
                    AND t.secret_sha = $3 AND NOT s.locked",
                &[
                    &sha256_hex(token.as_bytes()),
                    &system_id,
                    &sha256_hex(secret.as_bytes()),
                ],
            )
            .await
            .map_err(platform_error)?;
        match row {
            Some(r) => Ok(r.get(0)),
            _ => Err((
                PlatformCode::WrongSystemOrKey,
                "the token, system id or secret key is not valid".into(),
            )),
        }
    }

    async fn organ(&self, organ_id: &str) -> PlatformResult<Option<bool>> {
        let db = self.client().await?;
        Ok(db
            .query_opt(
                "SELECT locked FROM exchange_systems WHERE organ_id = $1",
                &[&organ_id],
            )
            .await
            .map_err(platform_error)?
            .map(|r| r.get(0)))
    }

    async fn store(
        &self,
        from: &str,
        to: &str,
        message_type: &str,
        body: &[u8],
    ) -> PlatformResult<String> {
        let db = self.client().await?;
        let sha = sha256_hex(body);
        let id = uuid::Uuid::new_v4().to_string();
        let row = db
            .query_one(
                "INSERT INTO exchange_packages (doc_id, from_organ, to_organ, message_type, body, sha256)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (from_organ, to_organ, sha256) DO UPDATE SET updated_at = exchange_packages.updated_at
                 RETURNING doc_id",
                &[&id, &from, &to, &message_type, &body, &sha],
            )
            .await
            .map_err(platform_error)?;
        Ok(row.get(0))
    }

    async fn list(
        &self,
        organ: &str,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        status: Option<&str>,
    ) -> PlatformResult<Vec<ReceivedEntry>> {
        let db = self.client().await?;
        let rows = db
            .query(
                "SELECT doc_id, from_organ, to_organ, message_type, status,
                        to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI:SS')
                   FROM exchange_packages
                  WHERE to_organ = $1 AND ($2::text IS NULL OR status = $2)
                    AND (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $3 AND $4
                  ORDER BY created_at, doc_id LIMIT 5000",
                &[&organ, &status, &from, &to],
            )
            .await
            .map_err(platform_error)?;
        Ok(rows
            .iter()
            .map(|r| ReceivedEntry {
                doc_id: r.get(0),
                from: r.get(1),
                to: r.get(2),
                message_type: r.get(3),
                status: r.get(4),
                created_time: r.get(5),
            })
            .collect())
    }

    async fn get(&self, organ: &str, doc_id: &str) -> PlatformResult<Option<(String, Vec<u8>)>> {
        let db = self.client().await?;
        Ok(db
            .query_opt(
                "SELECT message_type, body FROM exchange_packages WHERE doc_id = $1 AND to_organ = $2",
                &[&doc_id, &organ],
            )
            .await
            .map_err(platform_error)?
            .map(|r| (r.get(0), r.get(1))))
    }

    async fn set_status(
        &self,
        organ: &str,
        doc_id: &str,
        status: &str,
        description: &str,
    ) -> PlatformResult<bool> {
        let db = self.client().await?;
        Ok(db
            .execute(
                "UPDATE exchange_packages SET status = $3, description = $4, updated_at = now()
                  WHERE doc_id = $1 AND to_organ = $2",
                &[&doc_id, &organ, &status, &description],
            )
            .await
            .map_err(platform_error)?
            == 1)
    }
}

/// `eoffice-server admin exchange add`: the agency's system on the
/// exchange, with its secret key (stored as an Argon2id hash).
pub async fn add_system(
    pool: &deadpool_postgres::Pool,
    organ_id: &str,
    system_id: &str,
    secret: &str,
) -> Result<(), String> {
    let db = pool.get().await.map_err(|e| e.to_string())?;
    let hash = crate::auth::hash_password(secret);
    db.execute(
        "INSERT INTO exchange_systems (organ_id, system_id, secret_hash) VALUES ($1, $2, $3)
         ON CONFLICT (organ_id) DO UPDATE SET system_id = excluded.system_id, secret_hash = excluded.secret_hash",
        &[&organ_id, &system_id, &hash],
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(())
}
