//! Where the data folder lives by default. The CLI and the desktop app use
//! the same one, so a clerk sees in the window what a script registered.

use std::path::PathBuf;

/// The identifier the desktop app is built with; its data folder is named
/// after it on every platform.
pub const APP_IDENTIFIER: &str = "vn.eoffice.desktop";

/// `$EOFFICE_DATA_DIR`, else the platform data folder: `$XDG_DATA_HOME` or
/// `~/.local/share` on Linux, `%APPDATA%` on Windows, `~/Library/Application
/// Support` on macOS, each with [`APP_IDENTIFIER`].
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("EOFFICE_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = || {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA")
            .map(PathBuf::from)
            .unwrap_or_else(home)
    } else if cfg!(target_os = "macos") {
        home().join("Library/Application Support")
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| home().join(".local/share"))
    };
    base.join(APP_IDENTIFIER)
}
