//! What the shell holds between commands: the open data folder, and the
//! PDFs a clerk has dropped but not yet registered (so the form does not
//! send the file twice).

use eoffice_app::{AppError, AppResult, Eoffice, ErrorCode, SystemClock};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

#[derive(Clone)]
pub struct Staged {
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
    /// Came from the inbox folder: moved to its done folder once registered.
    pub from_inbox: bool,
}

/// A key the signer unlocked in this window, with the image that goes
/// with it (the person's signature, or the agency's seal).
pub struct HeldKey {
    pub key: eoffice_app::signing_key::UnlockedKey,
    pub image: Option<Vec<u8>>,
}

pub struct Desktop {
    pub app: Mutex<Eoffice>,
    /// `person` and `agency` keys unlocked for the session: the PIN is
    /// asked once while the window is open (issue 8).
    pub keys: Mutex<HashMap<String, HeldKey>>,
    pub staged: Mutex<HashMap<String, Staged>>,
    pub data_dir: PathBuf,
    /// The local user signed in on this window (standalone with users).
    pub user: Mutex<Option<String>>,
}

impl Desktop {
    pub fn open(dir: &Path) -> AppResult<Desktop> {
        Ok(Desktop {
            app: Mutex::new(Eoffice::open(dir, Box::new(SystemClock))?),
            keys: Mutex::new(HashMap::new()),
            staged: Mutex::new(HashMap::new()),
            data_dir: dir.to_path_buf(),
            user: Mutex::new(None),
        })
    }

    /// Who acts: the local user signed in here; else the person signed in
    /// to the computer (a folder without local users); connected, the
    /// app records the server's user whatever this says.
    pub fn actor(&self) -> String {
        if let Some(u) = self.user.lock().ok().and_then(|u| u.clone()) {
            return u;
        }
        std::env::var("USER")
            .ok()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| "văn thư".to_string())
    }

    pub fn app(&self) -> AppResult<MutexGuard<'_, Eoffice>> {
        self.app.lock().map_err(|_| {
            AppError::new(
                ErrorCode::Storage,
                "Phần mềm gặp lỗi nội bộ; hãy khởi động lại.",
                "the app state lock is poisoned",
            )
        })
    }
}
