//! Names that arrive from a front end (an inbox file, a backup) and are
//! joined to a folder of ours: each must be exactly one normal path
//! component, so that no name reaches outside that folder.

use std::path::{Component, Path};

/// One normal path component: no separator, no `..`, no hidden or
/// partial file (`.x.part`, which a scan being written is called).
pub fn single_component(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!(
        (parts.next(), parts.next()),
        (Some(Component::Normal(_)), None)
    ) && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_normal_path_component_is_a_name() {
        for ok in ["cv-12.pdf", "Công văn số 5.pdf", "a..b.pdf"] {
            assert!(single_component(ok), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x.pdf",
            "a/b.pdf",
            "a\\b.pdf",
            "/etc/passwd",
            ".x.pdf.part",
            "x\0.pdf",
        ] {
            assert!(!single_component(bad), "{bad:?}");
        }
    }
}
