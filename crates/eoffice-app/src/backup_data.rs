//! Sao lưu và khôi phục: a consistent copy of the data folder (database
//! via `VACUUM INTO`, originals copied), and putting one back. A backup is
//! checked (event chain and originals) before it replaces anything, and the
//! data it replaces is itself kept as a backup first, so a restore loses
//! nothing.

use crate::dto::BackupInfo;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use std::path::{Path, PathBuf};

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<usize> {
    let mut n = 0;
    if !from.exists() {
        return Ok(0);
    }
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            n += copy_tree(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), &target)?;
            n += 1;
        }
    }
    Ok(n)
}

impl Eoffice {
    pub fn backups_dir(&self) -> PathBuf {
        self.dir.join("backups")
    }

    /// Writes `backups/eoffice-YYYYMMDD-HHMMSS/` and returns it.
    pub fn backup_data(&self) -> AppResult<BackupInfo> {
        let stamp = self.clock.now().format("%Y%m%d-%H%M%S").to_string();
        // Two backups in the same second get a suffix rather than collide.
        let name = (1..)
            .map(|n| {
                if n == 1 {
                    format!("eoffice-{stamp}")
                } else {
                    format!("eoffice-{stamp}-{n}")
                }
            })
            .find(|n| !self.backups_dir().join(n).exists())
            .expect("some suffix is free");
        let dest = self.backups_dir().join(&name);
        std::fs::create_dir_all(&dest)?;
        let db = dest.join("eoffice.sqlite");
        self.conn
            .execute("VACUUM INTO ?1", [db.to_string_lossy()])?;
        let files = copy_tree(self.blobs.root(), &dest.join("blobs"))?;
        Ok(BackupInfo {
            name: format!("eoffice-{stamp}"),
            path: dest.display().to_string(),
            files: files as u32,
        })
    }

    pub fn list_backups(&self) -> AppResult<Vec<String>> {
        let dir = self.backups_dir();
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut names: Vec<String> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("eoffice.sqlite").is_file())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names.reverse();
        Ok(names)
    }

    /// Replaces the data with the backup `name` and reopens it; the current
    /// data is backed up first.
    pub fn restore_data(&mut self, name: &str) -> AppResult<BackupInfo> {
        // Exactly one normal path component: never `..`, a separator or an
        // absolute path that would restore from outside the backups folder.
        if !crate::path_component::single_component(name) {
            return Err(AppError::invalid(
                "Tên bản sao lưu không hợp lệ.",
                format!("{name:?} is not a backup name"),
            ));
        }
        // Connected, the server holds the history; rewinding this cache
        // would fork it. A restore there is a rebuild from the server.
        if self.is_connected()? {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Máy đang kết nối máy chủ: dữ liệu được khôi phục bằng cách đăng xuất, xóa dữ liệu trên máy rồi đăng nhập lại để tải lại từ máy chủ.",
                "connected: restore means rebuilding the cache from the server (sign out with wipe, sign in again)",
            ));
        }
        let src = self.backups_dir().join(name);
        if !src.join("eoffice.sqlite").is_file() {
            return Err(AppError::not_found("bản sao lưu", "backup", name));
        }
        {
            let probe = Eoffice::open(&src, Box::new(crate::FixedClock(self.clock.now())))?;
            if !probe.verify_audit()?.ok {
                return Err(AppError::new(
                    ErrorCode::Integrity,
                    "Bản sao lưu không toàn vẹn nên không khôi phục.",
                    "the backup does not verify",
                ));
            }
        }
        let safety = self.backup_data()?;
        // Close the database before its file is replaced.
        drop(std::mem::replace(
            &mut self.conn,
            rusqlite::Connection::open_in_memory()?,
        ));
        for f in ["eoffice.sqlite-wal", "eoffice.sqlite-shm"] {
            let _ = std::fs::remove_file(self.dir.join(f));
        }
        std::fs::copy(src.join("eoffice.sqlite"), self.dir.join("eoffice.sqlite"))?;
        // Originals are content-addressed: adding the backup's loses none.
        copy_tree(&src.join("blobs"), self.blobs.root())?;
        self.conn = eoffice_store::open(&self.dir.join("eoffice.sqlite"))?;
        // The restored log says it was restored, and from what: the events
        // after the backup live on in the safety copy, not silently gone.
        let agency = self.agency()?;
        let actor = self.actor_for("quản trị")?;
        let now = self.clock.now();
        crate::event_log::record(
            &self.conn,
            &agency.id,
            &actor,
            now,
            &agency.id,
            eoffice_domain::EventKind::DataRestored,
            serde_json::json!({ "Backup": name, "ReplacedDataKeptIn": safety.name }),
        )?;
        Ok(safety)
    }
}
