//! Thư mục nhận: the folder a scanner or a mail client drops PDFs into.
//! The clerk registers them one after another from the keyboard; each one
//! registered moves to `da-vao-so/`, so nothing is registered twice and
//! nothing is deleted.

use crate::{AppError, AppResult, Eoffice};
use std::path::PathBuf;

pub const DONE_FOLDER: &str = "da-vao-so";

impl Eoffice {
    /// `$EOFFICE_INBOX`, else `inbox/` in the data folder.
    pub fn inbox_dir(&self) -> PathBuf {
        std::env::var_os("EOFFICE_INBOX")
            .map(PathBuf::from)
            .unwrap_or_else(|| self.dir.join("inbox"))
    }

    /// The PDFs waiting, by name.
    pub fn inbox_files(&self) -> AppResult<Vec<String>> {
        let dir = self.inbox_dir();
        std::fs::create_dir_all(&dir)?;
        let mut names: Vec<String> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.to_lowercase().ends_with(".pdf"))
            .collect();
        names.sort();
        Ok(names)
    }

    fn inbox_path(&self, name: &str) -> AppResult<PathBuf> {
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(AppError::invalid(
                "Tên tệp không hợp lệ.",
                format!("{name:?} is not a file name in the inbox"),
            ));
        }
        Ok(self.inbox_dir().join(name))
    }

    pub fn read_inbox(&self, name: &str) -> AppResult<Vec<u8>> {
        let path = self.inbox_path(name)?;
        std::fs::read(&path).map_err(|e| {
            AppError::invalid(
                format!("Không đọc được tệp “{name}” trong thư mục nhận."),
                format!("cannot read {}: {e}", path.display()),
            )
        })
    }

    /// Moves a registered file out of the queue.
    pub fn archive_inbox(&self, name: &str) -> AppResult<()> {
        let from = self.inbox_path(name)?;
        let done = self.inbox_dir().join(DONE_FOLDER);
        std::fs::create_dir_all(&done)?;
        std::fs::rename(&from, done.join(name))?;
        Ok(())
    }
}
