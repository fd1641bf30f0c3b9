//! Content-addressed original files: `blobs/ab/cdef….bin`, named by the
//! SHA-256 of their bytes.
//!
//! A blob is written to a temporary file, synced and renamed into place, so
//! a crash leaves either the whole file or none. An existing blob is never
//! rewritten.

use crate::StoreError;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// 64 lowercase hex digits, as [`sha256_hex`] writes them.
pub fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl BlobStore {
    pub fn new(root: impl Into<PathBuf>) -> BlobStore {
        BlobStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file of a blob. The name is built only from a validated hash:
    /// a value from a request or a synced row never reaches the path as
    /// it came (`../`, an absolute path, a short string).
    pub fn path_of(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        if !is_sha256(sha256) {
            return Err(StoreError::NotAHash(sha256.chars().take(80).collect()));
        }
        Ok(self
            .root
            .join(&sha256[..2])
            .join(format!("{}.bin", &sha256[2..])))
    }

    /// Stores `bytes`; returns the hash and whether this call created the
    /// file (so a failed transaction can take back only what it added).
    pub fn put(&self, bytes: &[u8]) -> Result<(String, bool), StoreError> {
        let sha = sha256_hex(bytes);
        let path = self.path_of(&sha)?;
        if path.exists() {
            return Ok((sha, false));
        }
        let dir = path.parent().expect("blob paths have a parent");
        fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{}.tmp-{}", &sha[2..], std::process::id()));
        {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, &path)?;
        Ok((sha, true))
    }

    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        Ok(fs::read(self.path_of(sha256)?)?)
    }

    /// Removes a blob this process just created, when the transaction that
    /// would have referenced it failed.
    pub fn discard_new(&self, sha256: &str) -> Result<(), StoreError> {
        let path = self.path_of(sha256)?;
        if path.exists() {
            fs::remove_file(path)?;
        }
        Ok(())
    }

    /// Every blob file's name, for integrity checks.
    pub fn list(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        if !self.root.exists() {
            return Ok(out);
        }
        for dir in fs::read_dir(&self.root)? {
            let dir = dir?;
            if !dir.file_type()?.is_dir() {
                continue;
            }
            let prefix = dir.file_name().to_string_lossy().to_string();
            for f in fs::read_dir(dir.path())? {
                let name = f?.file_name().to_string_lossy().to_string();
                if let Some(rest) = name.strip_suffix(".bin") {
                    out.push(format!("{prefix}{rest}"));
                } else {
                    out.push(format!("{prefix}/{name}"));
                }
            }
        }
        out.sort();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_are_content_addressed_and_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::new(dir.path());
        let (sha, created) = store.put(b"%PDF-1.4 hello").unwrap();
        assert!(created);
        assert_eq!(sha, sha256_hex(b"%PDF-1.4 hello"));
        let before = fs::metadata(store.path_of(&sha).unwrap())
            .unwrap()
            .modified()
            .unwrap();
        let (again, created) = store.put(b"%PDF-1.4 hello").unwrap();
        assert_eq!((again.as_str(), created), (sha.as_str(), false));
        assert_eq!(
            fs::metadata(store.path_of(&sha).unwrap())
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        assert_eq!(store.get(&sha).unwrap(), b"%PDF-1.4 hello");
        assert_eq!(store.list().unwrap(), vec![sha]);
    }

    #[test]
    fn a_blob_path_is_built_only_from_a_hash() {
        let store = BlobStore::new("/data/blobs");
        let sha = sha256_hex(b"x");
        assert!(store.path_of(&sha).unwrap().starts_with("/data/blobs"));
        for bad in [
            "",
            "ab",
            "../../etc/passwd",
            &sha.to_uppercase(),
            &format!("{}/", &sha[..63]),
        ] {
            assert!(
                matches!(store.path_of(bad), Err(StoreError::NotAHash(_))),
                "{bad:?}"
            );
            assert!(store.get(bad).is_err());
        }
    }
}
