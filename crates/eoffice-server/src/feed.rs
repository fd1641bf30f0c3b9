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

/// One event to append; see [`append_all`].
pub struct NewFeedEvent<'a> {
    pub stream: &'a str,
    pub kind: EventKind,
    pub payload: &'a serde_json::Value,
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
    let mut evs = append_all(
        tx,
        agency_id,
        actor,
        at,
        command_id,
        &[NewFeedEvent {
            stream,
            kind,
            payload,
        }],
    )
    .await?;
    Ok(evs.remove(0))
}

/// Appends events in order, in three round trips however many there are:
/// the agency row is locked and its sequence advanced once, the rows go in
/// one INSERT, and the head moves with the notice.
pub async fn append_all(
    tx: &deadpool_postgres::Transaction<'_>,
    agency_id: &str,
    actor: &Actor<'_>,
    at: &str,
    command_id: Option<Uuid>,
    new: &[NewFeedEvent<'_>],
) -> ApiResult<Vec<FeedEvent>> {
    // Locking the agency row serialises its appends: the sequence stays
    // gap-free and each event names its true predecessor.
    let row = tx
        .query_one(
            "UPDATE agencies SET feed_seq = feed_seq + $2 WHERE id = $1 RETURNING feed_seq, feed_head",
            &[&agency_id, &(new.len() as i64)],
        )
        .await?;
    let last: i64 = row.get(0);
    let mut prev: String = row.get(1);
    let mut out = Vec::with_capacity(new.len());
    for (i, n) in new.iter().enumerate() {
        let mut ev = FeedEvent {
            seq: last - new.len() as i64 + 1 + i as i64,
            id: Uuid::new_v4().to_string(),
            agency_id: agency_id.to_string(),
            stream: n.stream.to_string(),
            actor_id: actor.id.to_string(),
            actor_name: actor.name.to_string(),
            at: at.to_string(),
            name: n.kind.name().to_string(),
            version: n.kind.version(),
            command_id: command_id.map(|c| c.to_string()),
            payload: serde_json::to_string(n.payload).expect("JSON values serialise"),
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        ev.hash = ev.compute_hash();
        prev = ev.hash.clone();
        out.push(ev);
    }
    let mut sql = String::from(
        "INSERT INTO feed (agency_id, seq, id, stream, actor_id, actor_name, at, name, version, command_id, payload, prev_hash, hash) VALUES ",
    );
    let ids: Vec<Uuid> = out
        .iter()
        .map(|e| Uuid::parse_str(&e.id).expect("made here"))
        .collect();
    let versions: Vec<i32> = out.iter().map(|e| e.version as i32).collect();
    let mut params: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = Vec::new();
    for (i, e) in out.iter().enumerate() {
        let b = i * 13;
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&format!(
            "(${},${},${},${},${},${},${},${},${},${},${},${},${})",
            b + 1,
            b + 2,
            b + 3,
            b + 4,
            b + 5,
            b + 6,
            b + 7,
            b + 8,
            b + 9,
            b + 10,
            b + 11,
            b + 12,
            b + 13
        ));
        params.extend([
            &e.agency_id as &(dyn tokio_postgres::types::ToSql + Sync),
            &e.seq,
            &ids[i],
            &e.stream,
            &e.actor_id,
            &e.actor_name,
            &e.at,
            &e.name,
            &versions[i],
            &command_id,
            &e.payload,
            &e.prev_hash,
            &e.hash,
        ]);
    }
    tx.execute(sql.as_str(), &params).await?;
    tx.execute(
        "WITH head AS (UPDATE agencies SET feed_head = $2 WHERE id = $1) SELECT pg_notify($3, $4)",
        &[
            &agency_id,
            &prev,
            &CHANNEL,
            &format!("{} {}", agency_id, last),
        ],
    )
    .await?;
    Ok(out)
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
