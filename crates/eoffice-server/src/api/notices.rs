//! `GET /api/v1/notices`: server-sent "pull now" notices for the caller's
//! agency. They come from PostgreSQL LISTEN, so a change made through any
//! instance reaches clients of every instance.

use crate::auth::AuthUser;
use crate::state::{AppState, FeedNotice};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast;

pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.notices.subscribe();
    let agency = user.agency_id.clone();
    let stream = futures_util::stream::unfold((rx, agency), |(mut rx, agency)| async move {
        loop {
            match rx.recv().await {
                Ok((a, seq)) if a == agency => {
                    let ev = Event::default()
                        .event("feed")
                        .json_data(eoffice_sync::Notice { seq })
                        .expect("serialisable");
                    return Some((Ok(ev), (rx, agency)));
                }
                Ok(_) => continue,
                // Fell behind: one notice is enough, the client pulls.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    let ev = Event::default().event("feed").data("{\"Seq\":0}");
                    return Some((Ok(ev), (rx, agency)));
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Listens on the feed channel for the life of the process, reconnecting
/// with a growing pause when the database goes away.
pub async fn listen(database_url: String, tx: broadcast::Sender<FeedNotice>) {
    let mut pause = Duration::from_millis(200);
    loop {
        if let Ok((client, mut conn)) =
            tokio_postgres::connect(&database_url, tokio_postgres::NoTls).await
        {
            let (ntx, mut nrx) = tokio::sync::mpsc::unbounded_channel();
            let pump = tokio::spawn(async move {
                loop {
                    match futures_util::future::poll_fn(|cx| conn.poll_message(cx)).await {
                        Some(Ok(tokio_postgres::AsyncMessage::Notification(n))) => {
                            if ntx.send(n.payload().to_string()).is_err() {
                                break;
                            }
                        }
                        Some(Ok(_)) => {}
                        _ => break,
                    }
                }
            });
            if client
                .batch_execute(&format!("LISTEN {}", crate::feed::CHANNEL))
                .await
                .is_ok()
            {
                pause = Duration::from_millis(200);
                while let Some(p) = nrx.recv().await {
                    if let Some((agency, seq)) = p.rsplit_once(' ') {
                        let _ = tx.send((agency.to_string(), seq.parse().unwrap_or(0)));
                    }
                }
            }
            pump.abort();
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(10));
    }
}
