//! A real `eoffice-server` on the real PostgreSQL the test command
//! starts: a fresh database per test, migrated, served on a free port.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A binary of the workspace, beside `eoffice`.
pub fn workspace_bin(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_BIN_EXE_eoffice")).with_file_name(name);
    assert!(
        p.exists(),
        "{} is missing: build the workspace (cargo test --workspace does)",
        p.display()
    );
    p
}

pub fn pg_url() -> String {
    std::env::var("EOFFICE_PG_URL")
        .expect("EOFFICE_PG_URL is not set: run scripts/test.sh, which starts PostgreSQL")
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn uuid_like() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{t:x}{}", std::process::id())
}

pub struct Server {
    pub config: PathBuf,
    child: Option<std::process::Child>,
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl Server {
    pub fn admin(&self, args: &[&str], stdin: Option<&str>) {
        let mut c = Command::new(workspace_bin("eoffice-server"))
            .arg("--config")
            .arg(&self.config)
            .args(args)
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        if let Some(s) = stdin {
            c.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
        }
        drop(c.stdin.take());
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A migrated server with no agencies yet, not serving.
    pub fn migrated() -> Server {
        let db = format!("c_{}", uuid_like());
        let out = Command::new("psql")
            .arg(pg_url())
            .arg("-qc")
            .arg(format!("CREATE DATABASE {db}"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("server.toml");
        let url = pg_url();
        let (base, _) = url.rsplit_once('/').unwrap();
        std::fs::write(
            &config,
            format!(
                "database_url = \"{base}/{db}\"\nblob_dir = \"{}\"\n",
                dir.path().join("blobs").display()
            ),
        )
        .unwrap();
        let s = Server {
            config,
            child: None,
            port: free_port(),
            _dir: dir,
        };
        s.admin(&["migrate"], None);
        s
    }

    pub fn run(&mut self) {
        let child = Command::new(workspace_bin("eoffice-server"))
            .arg("--config")
            .arg(&self.config)
            .arg("serve")
            .env("EOFFICE_SERVER_LISTEN", format!("127.0.0.1:{}", self.port))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}
