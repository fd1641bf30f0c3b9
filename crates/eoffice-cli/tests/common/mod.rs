//! What the CLI tests share: running `eoffice` as a script would (stdin
//! for passwords, exit codes, JSON on stdout, both languages on stderr),
//! the fixtures, and the outside signature validators.
#![allow(dead_code)]

#[path = "../../../eoffice-sign/tests/common/validators.rs"]
pub mod validators;

pub mod server;

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
}

pub fn fx(rel: &str) -> String {
    fixtures().join(rel).to_string_lossy().into_owned()
}

/// Runs `eoffice` with `args`, in data folder `dir` when given.
pub fn eoffice(dir: Option<&Path>, args: &[&str], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_eoffice"));
    if let Some(d) = dir {
        cmd.arg("--data-dir").arg(d);
    }
    let mut child = cmd
        .args(args)
        .env_remove("EOFFICE_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

/// A command that must succeed, with its JSON.
pub fn ok_in(dir: &Path, args: &[&str], stdin: &str) -> Value {
    let o = eoffice(Some(dir), args, stdin);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    json(&o)
}

/// A refusal: exit 1, both languages on stderr, no data on stdout.
pub fn refused_in(dir: &Path, args: &[&str], stdin: &str) -> String {
    let o = eoffice(Some(dir), args, stdin);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{args:?} should be refused: {err}"
    );
    if !o.stdout.is_empty() {
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["error"], "a refusal prints no data: {args:?}");
    }
    assert!(err.contains("error:") && err.contains("lỗi:"), "{err}");
    err
}

/// An agency with an administrator, a clerk, two leaders, a unit head and a
/// specialist (password `matkhau-2026`).
pub fn agency(dir: &Path, id: &str, name: &str) {
    ok_in(
        dir,
        &[
            "init",
            "--agency-id",
            id,
            "--agency-name",
            name,
            "--abbreviation",
            "UBND",
            "--place",
            "Lạng Sơn",
            "--json",
        ],
        "",
    );
    ok_in(dir, &["unit", "VP", "--name", "Văn phòng", "--json"], "");
    add_users(
        dir,
        &[
            ("qt", "Quản trị viên", "admin", None),
            ("vt", "Nguyễn Thị Văn Thư", "clerk", Some("VP")),
            ("ld", "Lý Vinh Quang", "leader", None),
            ("ld2", "Lê Thị Phó", "leader", None),
            ("tp", "Trần Văn Chánh", "unit_head", Some("VP")),
            ("cv", "Phạm Thu Chuyên", "specialist", Some("VP")),
        ],
    );
}

/// Adds local users as the administrator `qt` (login, full name, role,
/// unit), each with the password `matkhau-2026`.
pub fn add_users(dir: &Path, users: &[(&str, &str, &str, Option<&str>)]) {
    for &(u, name, role, unit) in users {
        let mut args = vec![
            "--as",
            "qt",
            "user",
            "add",
            u,
            "--full-name",
            name,
            "--role",
            role,
            "--json",
        ];
        if let Some(unit) = unit {
            args.extend(["--unit", unit]);
        }
        ok_in(dir, &args, "matkhau-2026\n");
    }
}
