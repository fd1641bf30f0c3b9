//! The integration platform's API (domain.md §12), served by the
//! provincial server for the agencies of the province (PostgreSQL, `pg`)
//! and by the gateway emulator the tests run (memory, with injected
//! faults, `emulator`). Both share these handlers, so the client meets one
//! protocol; only where packages are kept and how strict the platform is
//! differ.

pub mod emulator;
pub mod pg;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use eoffice_edxml::{read_package, EdxmlError, Package};
use eoffice_sync::exchange_wire::*;
use serde::Serialize;
use std::future::Future;

/// Largest package accepted: a document with appendices, base64.
pub const MAX_PACKAGE_BYTES: usize = 64 * 1024 * 1024;

pub type PlatformResult<T> = Result<T, (PlatformCode, String)>;

/// Where packages are kept, and who the systems are.
pub trait Backend: Clone + Send + Sync + 'static {
    /// The national axis refuses unprefixed packages; a provincial server
    /// may take them (domain.md §11).
    fn strict(&self) -> bool;
    fn login(
        &self,
        system_id: &str,
        secret: &str,
    ) -> impl Future<Output = PlatformResult<LoginData>> + Send;
    /// The organ a request acts for, from its token and system headers.
    fn authenticate(
        &self,
        token: &str,
        system_id: &str,
        secret: &str,
    ) -> impl Future<Output = PlatformResult<String>> + Send;
    /// `Some(locked)` for a registered organ, `None` for an unknown one.
    fn organ(&self, organ_id: &str) -> impl Future<Output = PlatformResult<Option<bool>>> + Send;
    /// Keeps one package for one recipient; the same bytes to the same
    /// recipient again give the same id.
    fn store(
        &self,
        from: &str,
        to: &str,
        message_type: &str,
        body: &[u8],
    ) -> impl Future<Output = PlatformResult<String>> + Send;
    fn list(
        &self,
        organ: &str,
        from_date: chrono::NaiveDate,
        to_date: chrono::NaiveDate,
        status: Option<&str>,
    ) -> impl Future<Output = PlatformResult<Vec<ReceivedEntry>>> + Send;
    fn get(
        &self,
        organ: &str,
        doc_id: &str,
    ) -> impl Future<Output = PlatformResult<Option<(String, Vec<u8>)>>> + Send;
    fn set_status(
        &self,
        organ: &str,
        doc_id: &str,
        status: &str,
        description: &str,
    ) -> impl Future<Output = PlatformResult<bool>> + Send;
}

pub(crate) fn answer<T: Serialize>(r: PlatformResult<T>) -> Response {
    match r {
        Ok(data) => Json(PlatformAnswer {
            error_code: 0,
            error_desc: String::new(),
            data: Some(data),
        })
        .into_response(),
        Err((code, desc)) => {
            let status = match code {
                PlatformCode::WrongSystemOrKey => StatusCode::UNAUTHORIZED,
                PlatformCode::PlatformError => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::OK,
            };
            (
                status,
                Json(PlatformAnswer::<()> {
                    error_code: code.code(),
                    error_desc: desc,
                    data: None,
                }),
            )
                .into_response()
        }
    }
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

async fn who<B: Backend>(b: &B, h: &HeaderMap) -> PlatformResult<String> {
    let token = header(h, "authorization")
        .strip_prefix("Bearer ")
        .unwrap_or("")
        .trim();
    let (system, secret) = (header(h, HEADER_SYSTEM_ID), header(h, HEADER_SECRET_KEY));
    if token.is_empty() || system.is_empty() || secret.is_empty() {
        return Err((
            PlatformCode::WrongSystemOrKey,
            "the bearer token, systemId and secretKey are required".into(),
        ));
    }
    b.authenticate(token, system, secret).await
}

pub async fn login<B: Backend>(
    State(b): State<B>,
    body: Result<Json<LoginRequest>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(req)) = body else {
        return answer::<()>(Err((
            PlatformCode::WrongSystemOrKey,
            "systemId and secretKey are required".into(),
        )));
    };
    answer(b.login(&req.system_id, &req.secret_key).await)
}

/// Which recipients a package goes to, refusing what the platform refuses.
fn recipients(strict: bool, from: &str, bytes: &[u8]) -> PlatformResult<(String, Vec<String>)> {
    let read = read_package(bytes).map_err(|e| {
        let code = match e {
            EdxmlError::Xml { .. }
            | EdxmlError::Dtd
            | EdxmlError::Entity { .. }
            | EdxmlError::TooLarge { .. }
            | EdxmlError::TooDeep { .. }
            | EdxmlError::TooManyElements { .. }
            | EdxmlError::NotAPackage { .. } => PlatformCode::InvalidFile,
            _ => PlatformCode::NotConforming,
        };
        (code, e.to_string())
    })?;
    if strict && !read.national_axis_would_accept() {
        return Err((
            PlatformCode::NotConforming,
            format!("elements without the edXML: prefix: {:?}", read.unprefixed),
        ));
    }
    match read.package {
        Package::Edoc(e) => {
            let m = &e.message_header;
            if m.from.organ_id != from {
                return Err((
                    PlatformCode::SenderNotRegistered,
                    format!(
                        "From/OrganId {} is not the sending system's organ {from}",
                        m.from.organ_id
                    ),
                ));
            }
            Ok((
                "edoc".into(),
                m.to.iter().map(|t| t.organ_id.clone()).collect(),
            ))
        }
        Package::Status(s) => {
            if s.from.organ_id != from {
                return Err((
                    PlatformCode::SenderNotRegistered,
                    format!(
                        "From/OrganId {} is not the sending system's organ {from}",
                        s.from.organ_id
                    ),
                ));
            }
            Ok(("status".into(), vec![s.response_for.organ_id.clone()]))
        }
    }
}

pub async fn send<B: Backend>(State(b): State<B>, headers: HeaderMap, body: Bytes) -> Response {
    answer(send_inner(&b, &headers, &body).await)
}

async fn send_inner<B: Backend>(
    b: &B,
    headers: &HeaderMap,
    body: &[u8],
) -> PlatformResult<SentData> {
    let organ = who(b, headers).await?;
    if body.len() > MAX_PACKAGE_BYTES {
        return Err((PlatformCode::InvalidFile, "the package is too large".into()));
    }
    let (declared, file) = parse_multipart(header(headers, "content-type"), body)
        .map_err(|e| (PlatformCode::InvalidFile, e))?;
    let (kind, to) = recipients(b.strict(), &organ, &file)?;
    if declared != kind {
        return Err((
            PlatformCode::InvalidFile,
            format!("messageType {declared} but the package is a {kind}"),
        ));
    }
    // Every recipient is checked before any is stored: a package goes to
    // all of them or to none.
    for t in &to {
        match b.organ(t).await? {
            None => {
                return Err((
                    PlatformCode::UnknownRecipient,
                    format!("{t} is not registered on this platform"),
                ))
            }
            Some(true) => return Err((PlatformCode::RecipientLocked, format!("{t} is locked"))),
            Some(false) => {}
        }
    }
    let mut ids = Vec::new();
    for t in &to {
        ids.push(b.store(&organ, t, &kind, &file).await?);
    }
    Ok(SentData {
        doc_id: ids.join(","),
    })
}

#[derive(serde::Deserialize)]
pub struct ListQuery {
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
}

pub async fn received<B: Backend>(
    State(b): State<B>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    let r = async {
        let organ = who(&b, &headers).await?;
        // The range is read here once, for every backend.
        let date = |d: Option<&str>, default: chrono::NaiveDate| match d {
            None => Ok(default),
            Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                (
                    PlatformCode::InvalidFile,
                    format!("date {d:?} is not yyyy-MM-dd"),
                )
            }),
        };
        // Without a range, every date PostgreSQL and the emulator can hold.
        let from = date(
            q.from.as_deref(),
            chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date"),
        )?;
        let to = date(
            q.to.as_deref(),
            chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date"),
        )?;
        b.list(&organ, from, to, q.status.as_deref()).await
    }
    .await;
    answer(r)
}

pub async fn package<B: Backend>(
    State(b): State<B>,
    headers: HeaderMap,
    Path(doc_id): Path<String>,
) -> Response {
    let r = async {
        let organ = who(&b, &headers).await?;
        match b.get(&organ, &doc_id).await? {
            Some((message_type, body)) => {
                use base64::Engine;
                Ok(PackageData {
                    doc_id,
                    message_type,
                    content: base64::engine::general_purpose::STANDARD.encode(body),
                })
            }
            None => Err((
                PlatformCode::InvalidFile,
                format!("no package {doc_id} for {organ}"),
            )),
        }
    }
    .await;
    answer(r)
}

pub async fn status<B: Backend>(
    State(b): State<B>,
    headers: HeaderMap,
    Path(doc_id): Path<String>,
    body: Result<Json<TransportStatus>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let r = async {
        let organ = who(&b, &headers).await?;
        let Ok(Json(s)) = body else {
            return Err((PlatformCode::InvalidFile, "a status is required".into()));
        };
        if !matches!(s.status.as_str(), "fetched" | "done" | "fail") {
            return Err((
                PlatformCode::InvalidFile,
                format!("status {:?} is not fetched, done or fail", s.status),
            ));
        }
        if b.set_status(&organ, &doc_id, &s.status, &s.description)
            .await?
        {
            Ok(serde_json::json!({}))
        } else {
            Err((
                PlatformCode::InvalidFile,
                format!("no package {doc_id} for {organ}"),
            ))
        }
    }
    .await;
    answer(r)
}

/// The API's routes over a backend, as `(method, path)` and handler.
pub fn router<B: Backend>(backend: B) -> axum::Router {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/api/exchange/login", post(login::<B>))
        .route("/api/exchange/send", post(send::<B>))
        .route("/api/exchange/received", get(received::<B>))
        .route("/api/exchange/package/{doc_id}", get(package::<B>))
        .route("/api/exchange/package/{doc_id}/status", post(status::<B>))
        .layer(axum::extract::DefaultBodyLimit::max(
            MAX_PACKAGE_BYTES + (1 << 20),
        ))
        .with_state(backend)
}
