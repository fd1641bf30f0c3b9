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
    let tz = eoffice_domain::vietnam();
    chrono::Utc::now()
        .with_timezone(&tz)
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

/// One event to append; see [`append_all`].
pub struct NewFeedEvent<'a> {
    pub stream: &'a str,
    /// The stream's version this event makes (its previous version + 1);
    /// 0 asks `append_all` to find it.
    pub stream_version: i64,
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
            stream_version: 0,
            kind,
            payload,
        }],
    )
    .await?;
    Ok(evs.remove(0))
}

/// The events that follow `(last_seq, head)`, hashed: pure, so a caller
/// holding the agency's lock can write them in the same statement as its
/// other changes.
pub fn chain(
    agency_id: &str,
    last_seq: i64,
    head: &str,
    actor: &Actor<'_>,
    at: &str,
    command_id: Option<Uuid>,
    new: &[NewFeedEvent<'_>],
) -> Vec<FeedEvent> {
    let mut prev = head.to_string();
    new.iter()
        .enumerate()
        .map(|(i, n)| {
            let mut ev = FeedEvent {
                seq: last_seq + 1 + i as i64,
                id: Uuid::new_v4().to_string(),
                agency_id: agency_id.to_string(),
                stream: n.stream.to_string(),
                stream_version: n.stream_version,
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
            ev
        })
        .collect()
}

/// Column values of feed rows, in `INSERT_COLUMNS` order, for binding.
pub struct FeedRows {
    ids: Vec<Uuid>,
    versions: Vec<i32>,
    command_ids: Vec<Option<Uuid>>,
}

pub const INSERT_COLUMNS: &str =
    "agency_id, seq, id, stream, stream_version, actor_id, actor_name, at, name, version, command_id, payload, prev_hash, hash";

impl FeedRows {
    pub fn new(events: &[FeedEvent]) -> FeedRows {
        FeedRows {
            ids: events
                .iter()
                .map(|e| Uuid::parse_str(&e.id).expect("made here"))
                .collect(),
            versions: events.iter().map(|e| e.version as i32).collect(),
            command_ids: events
                .iter()
                .map(|e| {
                    e.command_id
                        .as_deref()
                        .and_then(|c| Uuid::parse_str(c).ok())
                })
                .collect(),
        }
    }

    /// `VALUES (...)` for the events, numbered from `$first`, and their
    /// parameters appended to `params`.
    pub fn values<'a>(
        &'a self,
        events: &'a [FeedEvent],
        first: usize,
        params: &mut Vec<&'a (dyn tokio_postgres::types::ToSql + Sync)>,
    ) -> String {
        let mut rows = Vec::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            let b = first + i * 14;
            let ph: Vec<String> = (0..14).map(|k| format!("${}", b + k)).collect();
            rows.push(format!("({})", ph.join(",")));
            params.extend([
                &e.agency_id as &(dyn tokio_postgres::types::ToSql + Sync),
                &e.seq,
                &self.ids[i],
                &e.stream,
                &e.stream_version,
                &e.actor_id,
                &e.actor_name,
                &e.at,
                &e.name,
                &self.versions[i],
                &self.command_ids[i],
                &e.payload,
                &e.prev_hash,
                &e.hash,
            ]);
        }
        rows.join(",")
    }
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
    let head: String = row.get(1);
    // Streams continue from their last version.
    let mut versions: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    let mut filled = Vec::with_capacity(new.len());
    for n in new {
        let v = match (n.stream_version, versions.get(n.stream)) {
            (0, Some(v)) => v + 1,
            (0, None) => {
                let r = tx
                    .query_one(
                        "SELECT COALESCE(MAX(stream_version), 0) FROM feed WHERE agency_id = $1 AND stream = $2",
                        &[&agency_id, &n.stream],
                    )
                    .await?;
                r.get::<_, i64>(0) + 1
            }
            (v, _) => v,
        };
        versions.insert(n.stream, v);
        filled.push(NewFeedEvent {
            stream: n.stream,
            stream_version: v,
            kind: n.kind,
            payload: n.payload,
        });
    }
    let out = chain(
        agency_id,
        last - new.len() as i64,
        &head,
        actor,
        at,
        command_id,
        &filled,
    );
    let rows = FeedRows::new(&out);
    let mut params = Vec::new();
    let values = rows.values(&out, 1, &mut params);
    tx.execute(
        format!("INSERT INTO feed ({INSERT_COLUMNS}) VALUES {values}").as_str(),
        &params,
    )
    .await?;
    let new_head = out.last().map_or(head.clone(), |e| e.hash.clone());
    tx.execute(
        "WITH head AS (UPDATE agencies SET feed_head = $2 WHERE id = $1) SELECT pg_notify($3, $4)",
        &[
            &agency_id,
            &new_head,
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
        stream_version: r.get("stream_version"),
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
