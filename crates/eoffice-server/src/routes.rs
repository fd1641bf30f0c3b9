//! The one list of routes. The router is built from it, the OpenAPI
//! document is checked against it, and the security test walks it, so an
//! endpoint cannot be added without all three knowing.

use crate::api;
use crate::exchange;
use crate::state::AppState;
use axum::routing::{get, post, put, MethodRouter};
use axum::Router;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No token.
    Public,
    /// Any signed-in user; the handler limits what they see to their agency.
    User,
    /// Only these roles.
    Roles(&'static [&'static str]),
    /// The exchange platform's own scheme (domain.md §12): a bearer token
    /// from its login, with the agency's system id and secret key.
    ExchangeSystem,
}

#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    /// axum's path syntax, which is also OpenAPI's.
    pub path: &'static str,
    pub access: Access,
}

pub const ROUTES: [Route; 12] = [
    Route {
        method: "GET",
        path: "/api/v1/health",
        access: Access::Public,
    },
    Route {
        method: "POST",
        path: "/api/v1/auth/login",
        access: Access::Public,
    },
    Route {
        method: "POST",
        path: "/api/v1/auth/refresh",
        access: Access::Public,
    },
    Route {
        method: "POST",
        path: "/api/v1/auth/logout",
        access: Access::User,
    },
    Route {
        method: "GET",
        path: "/api/v1/directory",
        access: Access::User,
    },
    Route {
        method: "POST",
        path: "/api/v1/push",
        access: Access::User,
    },
    Route {
        method: "GET",
        path: "/api/v1/pull",
        access: Access::User,
    },
    Route {
        method: "GET",
        path: "/api/v1/notices",
        access: Access::User,
    },
    Route {
        method: "GET",
        path: "/api/v1/blobs/{sha256}",
        access: Access::User,
    },
    Route {
        method: "PUT",
        path: "/api/v1/blobs/{sha256}",
        access: Access::User,
    },
    Route {
        method: "GET",
        path: "/api/v1/blobs/{sha256}/status",
        access: Access::User,
    },
    Route {
        method: "GET",
        path: "/api/v1/documents/{id}/text",
        access: Access::User,
    },
];

pub const ADMIN_ROUTES: [Route; 1] = [Route {
    method: "GET",
    path: "/api/v1/admin/users",
    access: Access::Roles(&["admin"]),
}];

/// The integration platform's API, for the agencies of the province.
pub const EXCHANGE_ROUTES: [Route; 5] = [
    Route {
        method: "POST",
        path: "/api/exchange/login",
        access: Access::Public,
    },
    Route {
        method: "POST",
        path: "/api/exchange/send",
        access: Access::ExchangeSystem,
    },
    Route {
        method: "GET",
        path: "/api/exchange/received",
        access: Access::ExchangeSystem,
    },
    Route {
        method: "GET",
        path: "/api/exchange/package/{doc_id}",
        access: Access::ExchangeSystem,
    },
    Route {
        method: "POST",
        path: "/api/exchange/package/{doc_id}/status",
        access: Access::ExchangeSystem,
    },
];

pub fn all() -> impl Iterator<Item = Route> {
    ROUTES
        .into_iter()
        .chain(ADMIN_ROUTES)
        .chain(EXCHANGE_ROUTES)
}

fn handler(method: &str, path: &str) -> MethodRouter<AppState> {
    match (method, path) {
        ("GET", "/api/v1/health") => get(api::health::get),
        ("POST", "/api/v1/auth/login") => post(api::session::login),
        ("POST", "/api/v1/auth/refresh") => post(api::session::refresh),
        ("POST", "/api/v1/auth/logout") => post(api::session::logout),
        ("GET", "/api/v1/directory") => get(api::directory::get),
        ("POST", "/api/v1/push") => post(api::push::post),
        ("GET", "/api/v1/pull") => get(api::pull::get),
        ("GET", "/api/v1/notices") => get(api::notices::get),
        ("GET", "/api/v1/blobs/{sha256}") => get(api::blobs::get),
        ("PUT", "/api/v1/blobs/{sha256}") => put(api::blobs::put),
        ("GET", "/api/v1/blobs/{sha256}/status") => get(api::blobs::status),
        ("GET", "/api/v1/admin/users") => get(api::admin_users::list),
        ("GET", "/api/v1/documents/{id}/text") => get(api::documents::text),
        ("POST", "/api/exchange/login") => post(exchange::login::<AppState>),
        ("POST", "/api/exchange/send") => post(exchange::send::<AppState>),
        ("GET", "/api/exchange/received") => get(exchange::received::<AppState>),
        ("GET", "/api/exchange/package/{doc_id}") => get(exchange::package::<AppState>),
        ("POST", "/api/exchange/package/{doc_id}/status") => post(exchange::status::<AppState>),
        _ => panic!("route {method} {path} is listed but has no handler"),
    }
}

pub fn router(state: AppState) -> Router {
    let mut by_path: std::collections::BTreeMap<&str, MethodRouter<AppState>> = Default::default();
    for r in all() {
        let h = handler(r.method, r.path);
        let entry = by_path.remove(r.path).map_or(h.clone(), |m| m.merge(h));
        by_path.insert(r.path, entry);
    }
    let mut router = Router::new();
    for (path, m) in by_path {
        router = router.route(path, m);
    }
    router
        .layer(axum::extract::DefaultBodyLimit::max(
            (state.config.max_blob_bytes as usize).saturating_add(1 << 20),
        ))
        .fallback(|| async { crate::error::ApiError::not_found("no such endpoint") })
        .with_state(state)
}
