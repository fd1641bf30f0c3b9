//! The server's configuration: a TOML file, every key also settable by an
//! `EOFFICE_SERVER_<KEY>` variable, which wins (so a systemd unit or a
//! container can override one key without another file).

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub database_url: String,
    #[serde(default = "default_listen")]
    pub listen: String,
    pub blob_dir: PathBuf,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Seconds an access token lives.
    #[serde(default = "default_access_ttl")]
    pub access_ttl_secs: i64,
    /// Seconds a refresh token lives.
    #[serde(default = "default_refresh_ttl")]
    pub refresh_ttl_secs: i64,
    /// The largest blob accepted, in bytes.
    #[serde(default = "default_max_blob")]
    pub max_blob_bytes: u64,
    #[serde(default = "default_pool")]
    pub pool_size: usize,
}

fn default_listen() -> String {
    "127.0.0.1:8443".into()
}
fn default_access_ttl() -> i64 {
    15 * 60
}
fn default_refresh_ttl() -> i64 {
    30 * 24 * 3600
}
fn default_max_blob() -> u64 {
    200 * 1024 * 1024
}
fn default_pool() -> usize {
    16
}

pub const KEYS: [&str; 9] = [
    "database_url",
    "listen",
    "blob_dir",
    "tls_cert",
    "tls_key",
    "access_ttl_secs",
    "refresh_ttl_secs",
    "max_blob_bytes",
    "pool_size",
];

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration {path}: {err} / Không đọc được tệp cấu hình {path}")]
    Read { path: String, err: std::io::Error },
    #[error("the configuration {path} is not valid: {err} / Tệp cấu hình {path} không hợp lệ")]
    Parse { path: String, err: String },
    #[error("tls_cert and tls_key go together / Cần khai báo cả tls_cert và tls_key")]
    HalfTls,
}

impl Config {
    /// Reads `path` (which may be absent when every required key comes from
    /// the environment) and applies `EOFFICE_SERVER_*` overrides.
    pub fn load(path: &Path, env: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && env("EOFFICE_SERVER_DATABASE_URL").is_some() =>
            {
                String::new()
            }
            Err(err) => {
                return Err(ConfigError::Read {
                    path: path.display().to_string(),
                    err,
                })
            }
        };
        let parse_err = |err: String| ConfigError::Parse {
            path: path.display().to_string(),
            err,
        };
        let mut table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| parse_err(e.to_string()))?;
        for key in KEYS {
            if let Some(v) = env(&format!("EOFFICE_SERVER_{}", key.to_uppercase())) {
                let value = match key {
                    "access_ttl_secs" | "refresh_ttl_secs" | "max_blob_bytes" | "pool_size" => {
                        v.parse::<i64>().map(toml::Value::Integer).map_err(|_| {
                            parse_err(format!(
                                "EOFFICE_SERVER_{} must be a number",
                                key.to_uppercase()
                            ))
                        })?
                    }
                    _ => toml::Value::String(v),
                };
                table.insert(key.to_string(), value);
            }
        }
        let config: Config = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| parse_err(e.to_string()))?;
        if config.tls_cert.is_some() != config.tls_key.is_some() {
            return Err(ConfigError::HalfTls);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("server.toml");
        std::fs::write(
            &path,
            "database_url = \"postgres://a\"\nblob_dir = \"/var/lib/x\"\nlisten = \"127.0.0.1:1\"\n",
        )
        .unwrap();
        let c = Config::load(&path, |k| {
            (k == "EOFFICE_SERVER_LISTEN").then(|| "0.0.0.0:9".to_string())
        })
        .unwrap();
        assert_eq!(c.listen, "0.0.0.0:9");
        assert_eq!(c.database_url, "postgres://a");
        assert_eq!(c.access_ttl_secs, 900);
        let c = Config::load(&path, |k| {
            (k == "EOFFICE_SERVER_POOL_SIZE").then(|| "3".to_string())
        })
        .unwrap();
        assert_eq!(c.pool_size, 3);
    }

    #[test]
    fn unknown_keys_and_half_tls_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("server.toml");
        std::fs::write(
            &path,
            "database_url = \"x\"\nblob_dir = \"y\"\nlisen = \"z\"\n",
        )
        .unwrap();
        assert!(matches!(
            Config::load(&path, |_| None),
            Err(ConfigError::Parse { .. })
        ));
        std::fs::write(
            &path,
            "database_url = \"x\"\nblob_dir = \"y\"\ntls_cert = \"c\"\n",
        )
        .unwrap();
        assert!(matches!(
            Config::load(&path, |_| None),
            Err(ConfigError::HalfTls)
        ));
        assert!(matches!(
            Config::load(&dir.path().join("missing.toml"), |_| None),
            Err(ConfigError::Read { .. })
        ));
    }
}
