//! Every endpoint refuses a request without a token, with an expired one,
//! across agencies, and with too low a role. The list comes from the
//! router's own table, so a new endpoint without a case here fails.

mod common;
use common::*;
use eoffice_server::routes::{self, Access};
use reqwest::blocking::{Client as Http, RequestBuilder};
use reqwest::StatusCode;

/// Agency A's document, for the routes that name one.
static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn code(resp: reqwest::blocking::Response) -> (StatusCode, String) {
    let status = resp.status();
    let body: serde_json::Value = resp.json().unwrap_or_default();
    (
        status,
        body["error"]["code"].as_str().unwrap_or("").to_string(),
    )
}

fn request(http: &Http, base: &str, method: &str, path: &str, sha: &str) -> RequestBuilder {
    let url = format!(
        "{base}{}",
        path.replace("{sha256}", sha)
            .replace("{id}", DOC.get().map_or("", |s| s.as_str()))
    );
    match method {
        "GET" => http.get(url).query(&[("after", "0")]),
        "POST" => http
            .post(url)
            .json(&serde_json::json!({ "ClientId": "t", "Mutations": [] })),
        "PUT" => http
            .put(url)
            .query(&[("offset", "0"), ("total", "4")])
            .body("abcd"),
        m => panic!("method {m}"),
    }
}

fn token(server: &Server, user: &str) -> String {
    Client::new(&server.url)
        .unwrap()
        .login(user, PASSWORD)
        .unwrap()
        .access_token
}

use eoffice_sync::client::Client;

#[test]
fn every_endpoint_refuses_missing_expired_foreign_and_low_role_tokens() {
    let env = setup();
    let server = env.start();
    let http = Http::builder()
        .timeout(std::time::Duration::from_secs(3))
        .build()
        .unwrap();
    let a = server.client("vanthu_a");
    let m = register_mutation(&a, 1);
    let sha = m.args["Sha256"].as_str().unwrap().to_string();
    let doc_id = m.args["DocumentId"].as_str().unwrap().to_string();
    DOC.set(doc_id.clone()).unwrap();
    assert_eq!(
        push_one(&a, m).status,
        eoffice_sync::MutationStatus::Applied
    );

    let expired = token(&server, "vanthu_a2");
    sql(
        &env.db,
        "UPDATE sessions SET access_expires = now() - interval '1 second'
          WHERE user_id = (SELECT id FROM users WHERE username = 'vanthu_a2')",
    );
    let foreign = token(&server, "vanthu_b");
    let clerk = token(&server, "vanthu_a");

    let mut checked = 0;
    for r in routes::all() {
        if r.access == Access::Public {
            // Public on purpose; what they refuse is tested below.
            assert!(
                matches!(
                    r.path,
                    "/api/v1/health"
                        | "/api/v1/auth/login"
                        | "/api/v1/auth/refresh"
                        | "/api/exchange/login"
                ),
                "{} {} is public without a reason",
                r.method,
                r.path
            );
            continue;
        }
        let what = format!("{} {}", r.method, r.path);
        if r.access == Access::ExchangeSystem {
            // The exchange has its own scheme (domain.md §12): no token, a
            // made-up one, or a user's session token are all code 15.
            for bearer in [None, Some("nonsense".to_string()), Some(clerk.clone())] {
                let mut rq = request(&http, &server.url, r.method, r.path, &sha)
                    .header("systemId", "sys-a")
                    .header("secretKey", "khoa-bi-mat-a");
                if let Some(b) = &bearer {
                    rq = rq.bearer_auth(b);
                }
                let resp = rq.send().unwrap();
                let status = resp.status();
                let body: serde_json::Value = resp.json().unwrap();
                assert_eq!(
                    (status, body["errorCode"].as_i64()),
                    (StatusCode::UNAUTHORIZED, Some(15)),
                    "{what} with {bearer:?}"
                );
            }
            checked += 1;
            continue;
        }
        let (s, c) = code(
            request(&http, &server.url, r.method, r.path, &sha)
                .send()
                .unwrap(),
        );
        assert_eq!(
            (s, c.as_str()),
            (StatusCode::UNAUTHORIZED, "unauthorized"),
            "{what} without a token"
        );
        let (s, _) = code(
            request(&http, &server.url, r.method, r.path, &sha)
                .bearer_auth("nonsense")
                .send()
                .unwrap(),
        );
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{what} with a made-up token");
        let (s, _) = code(
            request(&http, &server.url, r.method, r.path, &sha)
                .bearer_auth(&expired)
                .send()
                .unwrap(),
        );
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{what} with an expired token");
        if let Access::Roles(roles) = r.access {
            assert!(!roles.contains(&"clerk"));
            let (s, c) = code(
                request(&http, &server.url, r.method, r.path, &sha)
                    .bearer_auth(&clerk)
                    .send()
                    .unwrap(),
            );
            assert_eq!(
                (s, c.as_str()),
                (StatusCode::FORBIDDEN, "forbidden"),
                "{what} with a clerk's token"
            );
        }
        // Another agency's token sees nothing of agency A.
        let foreign_req = request(&http, &server.url, r.method, r.path, &sha).bearer_auth(&foreign);
        match (r.method, r.path) {
            ("POST", "/api/v1/auth/logout") => {
                assert!(foreign_req.send().unwrap().status().is_success());
                // B signing out leaves A's session alone.
                assert!(a.directory().is_ok(), "{what}");
            }
            ("GET", "/api/v1/directory") => {
                let b = server.client("vanthu_b");
                let d = b.directory().unwrap();
                assert_eq!(d.agency.id, B);
                assert!(d.users.iter().all(|u| u.agency_id == B));
                assert!(d.books.is_empty(), "B has no books: {:?}", d.books);
            }
            ("POST", "/api/v1/push") => {
                let b = server.client("vanthu_b");
                let r = push_one(
                    &b,
                    eoffice_sync::Mutation {
                        id: uuid::Uuid::new_v4().to_string(),
                        name: "incoming.return".into(),
                        args: serde_json::json!({ "DocumentId": doc_id, "Reason": "không phải của B" }),
                    },
                );
                assert_eq!(r.code.as_deref(), Some("not_found"), "{what}");
            }
            ("GET", "/api/v1/pull") => {
                let b = server.client("vanthu_b");
                assert!(all_events(&b).is_empty(), "{what}");
            }
            ("GET", "/api/v1/notices") => {
                let b = server.client("vanthu_b");
                let waiter = std::thread::spawn(move || {
                    b.wait_notice(std::time::Duration::from_millis(1500))
                        .unwrap()
                });
                std::thread::sleep(std::time::Duration::from_millis(300));
                let m = register_mutation(&a, 2);
                assert_eq!(
                    push_one(&a, m).status,
                    eoffice_sync::MutationStatus::Applied
                );
                assert!(!waiter.join().unwrap(), "{what}: B heard of A's change");
            }
            ("GET", "/api/v1/blobs/{sha256}") | ("GET", "/api/v1/blobs/{sha256}/status") => {
                let b = server.client("vanthu_b");
                assert!(matches!(
                    b.download_blob(&sha),
                    Err(eoffice_sync::client::SyncError::Api { status: 404, .. })
                ));
                assert!(!b.blob_status(&sha).unwrap().complete, "{what}");
            }
            ("PUT", "/api/v1/blobs/{sha256}") => {
                // Claiming A's blob by its hash without sending its bytes fails.
                let (s, _) = code(foreign_req.send().unwrap());
                assert!(s.is_client_error(), "{what}: {s}");
                let b = server.client("vanthu_b");
                assert!(b.download_blob(&sha).is_err());
            }
            ("GET", "/api/v1/admin/users") => {
                let resp = http
                    .get(format!("{}{}", server.url, r.path))
                    .bearer_auth(token(&server, "quantri_a"))
                    .send()
                    .unwrap();
                let users: Vec<eoffice_sync::UserInfo> = resp.json().unwrap();
                assert!(users.iter().all(|u| u.agency_id == A) && users.len() == 6);
            }
            ("GET", "/api/v1/documents/{id}/text") => {
                // A fresh token of B's (the one above signed out already).
                let (s, c) = code(
                    http.get(format!("{}/api/v1/documents/{doc_id}/text", server.url))
                        .bearer_auth(token(&server, "vanthu_b"))
                        .send()
                        .unwrap(),
                );
                assert_eq!(
                    (s, c.as_str()),
                    (StatusCode::NOT_FOUND, "not_found"),
                    "{what}"
                );
                let mine = http
                    .get(format!("{}/api/v1/documents/{doc_id}/text", server.url))
                    .bearer_auth(&clerk)
                    .send()
                    .unwrap();
                let body: serde_json::Value = mine.json().unwrap();
                assert!(
                    body["Text"].as_str().unwrap().starts_with("nội dung"),
                    "{body}"
                );
            }
            _ => panic!("no security case for {what}: add one here"),
        }
        checked += 1;
    }
    assert_eq!(
        checked,
        routes::all().filter(|r| r.access != Access::Public).count()
    );
}

#[test]
fn a_thousand_wrong_passwords_are_throttled() {
    let env = setup();
    let server = env.start();
    let c = Client::new(&server.url).unwrap();
    let (mut wrong, mut throttled) = (0, 0);
    for i in 0..1000 {
        match c.login("vanthu_a", &format!("sai-{i}")) {
            Err(eoffice_sync::client::SyncError::Api { status: 401, .. }) => wrong += 1,
            Err(eoffice_sync::client::SyncError::Api {
                status: 429, code, ..
            }) => {
                assert_eq!(code, "throttled");
                throttled += 1
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(wrong, eoffice_server::auth::MAX_USER_FAILURES);
    assert_eq!(throttled, 1000 - wrong);
    // Even the right password waits until the window passes.
    assert!(matches!(
        c.login("vanthu_a", PASSWORD),
        Err(eoffice_sync::client::SyncError::Api { status: 429, .. })
    ));
    // Another user is not locked out by it.
    assert!(c.login("lanhdao_a", PASSWORD).is_ok());
}

#[test]
fn guessing_many_usernames_from_one_address_is_throttled() {
    let env = setup();
    let server = env.start();
    let c = Client::new(&server.url).unwrap();
    let mut throttled = 0;
    for i in 0..60 {
        if let Err(eoffice_sync::client::SyncError::Api { status: 429, .. }) =
            c.login(&format!("khong_co_{i}"), "x")
        {
            throttled += 1;
        }
    }
    assert_eq!(throttled, 60 - eoffice_server::auth::MAX_ADDR_FAILURES);
}

#[test]
fn refresh_rotates_and_a_reused_refresh_token_revokes_the_session() {
    let env = setup();
    let server = env.start();
    let mut c = Client::new(&server.url).unwrap();
    let first = c.login("vanthu_a", PASSWORD).unwrap();
    let second = c.refresh(&first.refresh_token).unwrap();
    assert_ne!(second.access_token, first.access_token);
    c.set_access_token(Some(first.access_token.clone()));
    assert!(
        c.directory().unwrap_err().is_unauthorized(),
        "the old access token still works"
    );
    c.set_access_token(Some(second.access_token.clone()));
    assert!(c.directory().is_ok());
    // The first refresh token again: someone copied it; the session ends.
    assert!(c
        .refresh(&first.refresh_token)
        .unwrap_err()
        .is_unauthorized());
    assert!(c.directory().unwrap_err().is_unauthorized());
    assert!(c
        .refresh(&second.refresh_token)
        .unwrap_err()
        .is_unauthorized());

    // Sign-out revokes both tokens.
    let t = c.login("vanthu_a", PASSWORD).unwrap();
    c.set_access_token(Some(t.access_token));
    c.logout().unwrap();
    assert!(c.directory().unwrap_err().is_unauthorized());
    assert!(c.refresh(&t.refresh_token).unwrap_err().is_unauthorized());
}

#[test]
fn blob_names_sizes_and_hashes_are_checked() {
    let env = setup();
    let server = env.start();
    // No connection reuse: a refused upload closes its connection mid-body.
    let http = Http::builder().pool_max_idle_per_host(0).build().unwrap();
    let t = token(&server, "vanthu_a");
    for bad in [
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "ABCDEF",
        &"g".repeat(64),
        &format!("{}%2F..", "a".repeat(62)),
    ] {
        let (s, c) = code(
            http.get(format!("{}/api/v1/blobs/{bad}/status", server.url))
                .bearer_auth(&t)
                .send()
                .unwrap(),
        );
        assert!(
            s == StatusCode::BAD_REQUEST || s == StatusCode::NOT_FOUND,
            "{bad}: {s}"
        );
        if s == StatusCode::BAD_REQUEST {
            assert_eq!(c, "invalid_input");
        }
        let (s, _) = code(
            http.put(format!(
                "{}/api/v1/blobs/{bad}?offset=0&total=3",
                server.url
            ))
            .bearer_auth(&t)
            .body("abc")
            .send()
            .unwrap(),
        );
        assert!(s.is_client_error(), "{bad}: {s}");
    }
    assert!(!env.dir.path().join("blobs").join("..").join("etc").exists());
    let sha = sha256_hex(b"abc");
    // Declared too large (the limit in this test is 1 MiB).
    let (s, c) = code(
        http.put(format!(
            "{}/api/v1/blobs/{sha}?offset=0&total=2000000",
            server.url
        ))
        .bearer_auth(&t)
        .body("abc")
        .send()
        .unwrap(),
    );
    assert_eq!(
        (s, c.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    // More bytes than declared: refused, or the connection cut while the
    // client still sends; either way nothing is kept.
    let r = http
        .put(format!(
            "{}/api/v1/blobs/{sha}?offset=0&total=2",
            server.url
        ))
        .bearer_auth(&t)
        .body(vec![b'x'; 100_000])
        .send();
    match r {
        Ok(resp) => assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
    assert_eq!(
        server
            .client("vanthu_a")
            .blob_status(&sha)
            .unwrap()
            .received,
        0
    );
    // Bytes that do not hash to the name.
    let (s, _) = code(
        http.put(format!(
            "{}/api/v1/blobs/{sha}?offset=0&total=3",
            server.url
        ))
        .bearer_auth(&t)
        .body("abd")
        .send()
        .unwrap(),
    );
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    // A resumed upload: two parts, then the right bytes come back.
    let c = server.client("vanthu_a");
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let sha = sha256_hex(&data);
    let (s, _) = code(
        http.put(format!(
            "{}/api/v1/blobs/{sha}?offset=0&total={}",
            server.url,
            data.len()
        ))
        .bearer_auth(&t)
        .body(data[..100_000].to_vec())
        .send()
        .unwrap(),
    );
    assert!(s.is_success());
    assert_eq!(c.blob_status(&sha).unwrap().received, 100_000);
    c.upload_blob(&sha, &data, 64 * 1024).unwrap();
    assert_eq!(c.download_blob(&sha).unwrap(), data);
}
