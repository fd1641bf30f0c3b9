//! Passwords as the server and a standalone desktop store them: Argon2id
//! in PHC form with a random salt. One implementation, so a hash made by
//! either verifies in either.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the OS gives random bytes");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes make a salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2id hashes any password")
        .to_string()
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash_password("matkhau-2026");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("matkhau-2026", &h));
        assert!(!verify_password("matkhau-2027", &h));
        assert!(!verify_password("matkhau-2026", "not a hash"));
        assert_ne!(h, hash_password("matkhau-2026"), "salted");
    }
}
