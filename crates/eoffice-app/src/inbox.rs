//! Thư mục nhận: the folder a scanner, a network share or a mail client
//! drops PDFs into. The clerk registers them one after another from the
//! keyboard; each one registered moves to `da-vao-so/`, each one discarded
//! to `da-bo/`, so nothing is registered twice and nothing is deleted.

use crate::dto::InboxEntry;
use crate::event_log::record;
use crate::path_component::single_component;
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::EventKind;
use eoffice_store::settings;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub const DONE_FOLDER: &str = "da-vao-so";
pub const DISCARDED_FOLDER: &str = "da-bo";

/// A file untouched this long, and ending as a PDF ends, has finished
/// copying. One still growing over a slow share keeps changing its time.
pub const STABLE_AFTER: Duration = Duration::from_millis(1500);
/// A file that never gets its `%%EOF` (a damaged PDF) is offered anyway
/// after this, so that intake can say what is wrong with it.
pub const GIVE_UP_WAITING: Duration = Duration::from_secs(30);

/// Whether a file has finished arriving, from how long it has been still
/// and whether its tail closes the PDF.
pub fn is_whole(still_for: Duration, ends_as_pdf: bool) -> bool {
    (still_for >= STABLE_AFTER && ends_as_pdf) || still_for >= GIVE_UP_WAITING
}

fn ends_as_pdf(path: &Path, len: u64) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let tail = len.min(1024);
    let mut buf = vec![0; tail as usize];
    f.seek(SeekFrom::End(-(tail as i64))).is_ok()
        && f.read_exact(&mut buf).is_ok()
        && buf.windows(5).any(|w| w == b"%%EOF")
}

/// What [`Eoffice::inbox_entries`] shows, for a watcher that holds no
/// database connection.
pub fn list_entries(dir: &Path) -> std::io::Result<Vec<InboxEntry>> {
    let now = SystemTime::now();
    let mut entries: Vec<InboxEntry> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            if !name.to_lowercase().ends_with(".pdf") || !single_component(&name) {
                return None;
            }
            let meta = e.metadata().ok()?;
            let still_for = meta
                .modified()
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .unwrap_or_default();
            Some(InboxEntry {
                ready: is_whole(still_for, ends_as_pdf(&e.path(), meta.len())),
                name,
                size: meta.len(),
            })
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

impl Eoffice {
    /// `$EOFFICE_INBOX`, else the folder set for this desktop, else
    /// `inbox/` in the data folder.
    pub fn inbox_dir(&self) -> PathBuf {
        if let Some(d) = std::env::var_os("EOFFICE_INBOX") {
            return PathBuf::from(d);
        }
        settings::get(&self.conn, settings::INBOX_FOLDER)
            .ok()
            .flatten()
            .map(PathBuf::from)
            .unwrap_or_else(|| self.dir.join("inbox"))
    }

    /// Sets the folder to watch (a network share included); `None` goes
    /// back to the data folder's own inbox.
    pub fn set_inbox_folder(&mut self, folder: Option<&Path>) -> AppResult<PathBuf> {
        if let Some(f) = folder {
            if !f.is_absolute() || !f.is_dir() {
                return Err(AppError::invalid(
                    format!(
                        "“{}” không phải một thư mục có sẵn; hãy cho đường dẫn đầy đủ.",
                        f.display()
                    ),
                    format!(
                        "{} is not an existing folder given by its full path",
                        f.display()
                    ),
                ));
            }
        }
        let value = folder.map(|f| f.to_string_lossy().to_string());
        settings::set(&self.conn, settings::INBOX_FOLDER, value.as_deref())?;
        Ok(self.inbox_dir())
    }

    /// The PDFs in the folder, by name, each with whether it has finished
    /// copying: a file appears at once and opens once it is whole.
    pub fn inbox_entries(&self) -> AppResult<Vec<InboxEntry>> {
        let dir = self.inbox_dir();
        std::fs::create_dir_all(&dir)?;
        Ok(list_entries(&dir)?)
    }

    fn inbox_path(&self, name: &str) -> AppResult<PathBuf> {
        if !single_component(name) {
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

    /// Moves a file out of the queue into `folder`, never over another.
    fn move_out(&self, name: &str, folder: &str) -> AppResult<()> {
        let from = self.inbox_path(name)?;
        let to_dir = self.inbox_dir().join(folder);
        std::fs::create_dir_all(&to_dir)?;
        let mut to = to_dir.join(name);
        let mut n = 2;
        while to.exists() {
            to = to_dir.join(format!("{n}-{name}"));
            n += 1;
        }
        std::fs::rename(&from, to)?;
        Ok(())
    }

    /// Moves a registered file out of the queue.
    pub fn archive_inbox(&self, name: &str) -> AppResult<()> {
        self.move_out(name, DONE_FOLDER)
    }

    /// Takes a captured file out of the queue without registering it. From
    /// the inbox it moves to `da-bo/`; a file dropped on the window was
    /// never stored. Either way the discard, its reason and the file's hash
    /// go in the log.
    pub fn discard_capture(
        &mut self,
        actor: &str,
        file_name: Option<&str>,
        bytes: &[u8],
        reason: &str,
        from_inbox: bool,
    ) -> AppResult<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::invalid(
                "Hãy ghi lý do bỏ tệp (ví dụ: trùng, không phải văn bản).",
                "a discard needs a reason",
            ));
        }
        let agency = self.agency()?;
        let actor = self.actor_for(actor)?;
        let sha256 = eoffice_store::blobs::sha256_hex(bytes);
        if from_inbox {
            let name = file_name.unwrap_or_default();
            self.move_out(name, DISCARDED_FOLDER)?;
        }
        record(
            &self.conn,
            &agency.id,
            &actor,
            self.clock.now(),
            &format!("capture/{sha256}"),
            EventKind::CaptureDiscarded,
            serde_json::json!({
                "FileName": file_name,
                "Sha256": sha256,
                "Reason": reason,
                "Source": if from_inbox { "inbox" } else { "dropped" },
            }),
        )
    }

    /// `eoffice inbox discard NAME --reason …`.
    pub fn discard_inbox(&mut self, actor: &str, name: &str, reason: &str) -> AppResult<()> {
        let bytes = self.read_inbox(name)?;
        self.discard_capture(actor, Some(name), &bytes, reason, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_whole_once_still_and_closed_or_after_the_long_wait() {
        assert!(
            !is_whole(Duration::from_millis(200), true),
            "still being written"
        );
        assert!(is_whole(Duration::from_secs(2), true));
        assert!(
            !is_whole(Duration::from_secs(2), false),
            "no %%EOF yet: a stalled copy"
        );
        assert!(
            is_whole(Duration::from_secs(31), false),
            "damaged: offered to intake"
        );
    }
}
