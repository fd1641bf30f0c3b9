//! A real server process on a fresh PostgreSQL database, for the tests.
//! The cluster comes from the test command (`EOFFICE_PG_URL`, started by
//! scripts/postgres.sh); each test gets a database of its own.
#![allow(dead_code)]

use eoffice_sync::client::Client;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_eoffice-server");
pub const A: &str = "000.00.00.H37";
pub const B: &str = "000.00.00.H38";
pub const PASSWORD: &str = "matkhau-thu-nghiem";

pub fn pg_url() -> String {
    std::env::var("EOFFICE_PG_URL").expect(
        "EOFFICE_PG_URL is not set: run scripts/test.sh, which starts a throwaway PostgreSQL, \
         or point it at a superuser URL",
    )
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// A new, empty database; returns its URL.
pub fn fresh_database() -> String {
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    let admin = pg_url();
    block_on(async {
        let (c, conn) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        c.batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
    });
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

pub fn sql(url: &str, statement: &str) -> Vec<tokio_postgres::Row> {
    block_on(async {
        let (c, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        c.query(statement, &[]).await.unwrap()
    })
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct Env {
    pub db: String,
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("server.toml")
    }

    pub fn admin(&self, args: &[&str], stdin: Option<&str>) -> std::process::Output {
        let mut child = Command::new(BIN)
            .arg("--config")
            .arg(self.config())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(s) = stdin {
            child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    pub fn add_user(&self, agency: &str, username: &str, role: &str, unit: Option<&str>) {
        let mut args = vec![
            "admin",
            "user",
            "add",
            "--agency",
            agency,
            "--username",
            username,
            "--full-name",
            username,
            "--role",
            role,
        ];
        if let Some(u) = unit {
            args.extend(["--unit", u]);
        }
        let out = self.admin(&args, Some(&format!("{PASSWORD}\n")));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts an instance; it is killed when dropped.
    pub fn start(&self) -> Server {
        self.start_with(&[])
    }

    pub fn start_with(&self, env: &[(&str, String)]) -> Server {
        let port = free_port();
        let mut cmd = Command::new(BIN);
        cmd.arg("--config")
            .arg(self.config())
            .arg("serve")
            .env("EOFFICE_SERVER_LISTEN", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let server = Server { child, url, port };
        server.wait_ready();
        server
    }
}

/// A database migrated, with agencies A and B, a unit each and a user of
/// every role in A, a clerk in B.
pub fn setup() -> Env {
    let db = fresh_database();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("server.toml"),
        format!(
            "database_url = \"{db}\"\nblob_dir = \"{}\"\nmax_blob_bytes = 1048576\npool_size = 8\n",
            dir.path().join("blobs").display()
        ),
    )
    .unwrap();
    let env = Env { db, dir };
    let out = env.admin(&["migrate"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (id, name) in [(A, "UBND tỉnh Lạng Sơn"), (B, "UBND tỉnh Cao Bằng")] {
        let out = env.admin(
            &[
                "admin", "agency", "add", "--id", id, "--name", name, "--abbr", "UBND",
            ],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = env.admin(
            &[
                "admin",
                "unit",
                "add",
                "--agency",
                id,
                "--code",
                "VP",
                "--name",
                "Văn phòng",
            ],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    env.add_user(A, "vanthu_a", "clerk", Some("VP"));
    env.add_user(A, "vanthu_a2", "clerk", Some("VP"));
    env.add_user(A, "lanhdao_a", "leader", None);
    env.add_user(A, "truongphong_a", "unit_head", Some("VP"));
    env.add_user(A, "chuyenvien_a", "specialist", Some("VP"));
    env.add_user(A, "quantri_a", "admin", None);
    env.add_user(B, "vanthu_b", "clerk", Some("VP"));
    env
}

pub struct Server {
    pub child: Child,
    pub url: String,
    pub port: u16,
}

impl Server {
    pub fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                if let Ok(c) = Client::new(&self.url) {
                    if c.health().is_ok() {
                        return;
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server on {} did not start", self.url);
    }

    pub fn client(&self, username: &str) -> Client {
        let mut c = Client::new(&self.url).unwrap();
        let t = c.login(username, PASSWORD).unwrap();
        c.set_access_token(Some(t.access_token));
        c
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// A register command for a small made-up file; `n` makes it unique.
pub fn register_mutation(client: &Client, n: usize) -> eoffice_sync::Mutation {
    let bytes = format!("%PDF-1.4 test document {n} {}", uuid::Uuid::new_v4()).into_bytes();
    let sha = sha256_hex(&bytes);
    client.upload_blob(&sha, &bytes, 1 << 16).unwrap();
    register_mutation_for(&sha, n)
}

pub fn register_mutation_for(sha: &str, n: usize) -> eoffice_sync::Mutation {
    eoffice_sync::Mutation {
        id: uuid::Uuid::new_v4().to_string(),
        name: "incoming.register".into(),
        args: serde_json::to_value(eoffice_sync::RegisterArgs {
            document_id: uuid::Uuid::new_v4().to_string(),
            fields: serde_json::json!({
                "CodeNumber": n.to_string(),
                "CodeNotation": "UBND-VP",
                "OrganName": "UBND huyện Cao Lộc",
                "Subject": format!("Về việc thử nghiệm số {n}"),
                "Priority": 0,
                "Secrecy": null,
            }),
            arrival_date: "2026-11-20".into(),
            sha256: sha.to_string(),
            file_name: Some(format!("vb{n}.pdf")),
            duplicate_key: None,
            allow_duplicate: false,
            text: format!("nội dung {n}"),
        })
        .unwrap(),
    }
}

pub fn push_one(client: &Client, m: eoffice_sync::Mutation) -> eoffice_sync::MutationResult {
    let r = client
        .push(&eoffice_sync::PushRequest {
            client_id: "test".into(),
            mutations: vec![m],
        })
        .unwrap();
    r.results.into_iter().next().unwrap()
}

/// Every feed event of an agency, in order.
pub fn all_events(client: &Client) -> Vec<eoffice_sync::FeedEvent> {
    let mut after = 0;
    let mut out = Vec::new();
    loop {
        let p = client.pull(after, 1000).unwrap();
        after = p.events.last().map_or(after, |e| e.seq);
        out.extend(p.events);
        if !p.more {
            return out;
        }
    }
}
