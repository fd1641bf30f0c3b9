//! The agency's change feed: append inside the deciding transaction, hash
//! chained per agency, and announced with NOTIFY (delivered at commit, to
//! every instance listening on the same database).

use crate::auth::AuthUser;
use crate::error::ApiResult;
use eoffice_domain::EventKind;
use eoffice_sync::FeedEvent;
use uuid::Uuid;

pub const CHANNEL: &str = "eoffice_feed";

pub struct Actor<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

impl<'a> From<&'a AuthUser> for Actor<'a> {
    fn from(u: &'a AuthUser) -> Actor<'a> {
        Actor {
            id: &u.username,
            name: &u.full_name,
        }
    }
}

pub fn vietnam_now() -> String {
    let tz = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7");
    chrono::Utc::now()
        .with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

#[allow(clippy::too_many_arguments)]
pub async fn append(
    tx: &deadpool_postgres::Transaction<'_>,
    agency_id: &str,
    stream: &str,
    actor: &Actor<'_>,
    at: &str,
    kind: EventKind,
    command_id: Option<Uuid>,
    payload: &serde_json::Value,
) -> ApiResult<FeedEvent> {
    // Locking the agency row serialises its appends: the sequence stays
    // gap-free and each event names its true predecessor.
    let row = tx
        .query_one(
            "UPDATE agencies SET feed_seq = feed_seq + 1 WHERE id = $1 RETURNING feed_seq, feed_head",
            &[&agency_id],
        )
        .await?;
    let mut ev = FeedEvent {
        seq: row.get(0),
        id: Uuid::new_v4().to_string(),
        agency_id: agency_id.to_string(),
        stream: stream.to_string(),
        actor_id: actor.id.to_string(),
        actor_name: actor.name.to_string(),
        at: at.to_string(),
        name: kind.name().to_string(),
        version: kind.version(),
        command_id: command_id.map(|c| c.to_string()),
        payload: serde_json::to_string(payload).expect("JSON values serialise"),
        prev_hash: row.get(1),
        hash: String::new(),
    };
    ev.hash = ev.compute_hash();
    tx.execute(
        "INSERT INTO feed (agency_id, seq, id, stream, actor_id, actor_name, at, name, version, command_id, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        &[
            &ev.agency_id,
            &ev.seq,
            &Uuid::parse_str(&ev.id).expect("made here"),
            &ev.stream,
            &ev.actor_id,
            &ev.actor_name,
            &ev.at,
            &ev.name,
            &(ev.version as i32),
            &command_id,
            &ev.payload,
            &ev.prev_hash,
            &ev.hash,
        ],
    )
    .await?;
    tx.execute(
        "UPDATE agencies SET feed_head = $2 WHERE id = $1",
        &[&agency_id, &ev.hash],
    )
    .await?;
    tx.execute(
        "SELECT pg_notify($1, $2)",
        &[&CHANNEL, &format!("{} {}", agency_id, ev.seq)],
    )
    .await?;
    Ok(ev)
}

pub fn row_to_event(r: &tokio_postgres::Row) -> FeedEvent {
    FeedEvent {
        agency_id: r.get("agency_id"),
        seq: r.get("seq"),
        id: r.get::<_, Uuid>("id").to_string(),
        stream: r.get("stream"),
        actor_id: r.get("actor_id"),
        actor_name: r.get("actor_name"),
        at: r.get("at"),
        name: r.get("name"),
        version: r.get::<_, i32>("version") as u32,
        command_id: r
            .get::<_, Option<Uuid>>("command_id")
            .map(|c| c.to_string()),
        payload: r.get("payload"),
        prev_hash: r.get("prev_hash"),
        hash: r.get("hash"),
    }
}
