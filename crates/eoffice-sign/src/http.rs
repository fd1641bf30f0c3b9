//! The one way this crate speaks HTTP (the TSA, CRL distribution points,
//! the remote signer): reqwest's blocking client, created, used and
//! dropped on a thread of its own. The desktop calls signing from async
//! commands, and a blocking client built or dropped on a tokio worker
//! panics; on its own thread it never meets a runtime.

use std::time::Duration;

pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub body: Option<Vec<u8>>,
    pub content_type: Option<&'a str>,
    pub basic_auth: Option<(&'a str, &'a str)>,
    pub timeout: Duration,
}

pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

pub fn send(r: Request<'_>) -> Result<Reply, String> {
    std::thread::scope(|s| {
        s.spawn(move || {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let client = reqwest::blocking::Client::builder()
                .timeout(r.timeout)
                .build()
                .map_err(|e| e.to_string())?;
            let mut req = match r.method {
                "POST" => client.post(r.url),
                _ => client.get(r.url),
            };
            if let Some(ct) = r.content_type {
                req = req.header("Content-Type", ct);
            }
            if let Some((user, pass)) = r.basic_auth {
                req = req.basic_auth(user, Some(pass));
            }
            if let Some(body) = r.body {
                req = req.body(body);
            }
            let resp = req.send().map_err(|e| format!("{}: {e}", r.url))?;
            let status = resp.status().as_u16();
            let body = resp.bytes().map_err(|e| e.to_string())?.to_vec();
            Ok(Reply { status, body })
        })
        .join()
        .unwrap_or_else(|_| Err("the HTTP thread failed".into()))
    })
}
