//! The committed TypeScript bindings match the Rust DTOs.

use std::path::PathBuf;

#[test]
fn typescript_bindings_have_not_drifted() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let want = eoffice_app::bindings::typescript();
    if std::env::var_os("EOFFICE_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(want.contains("export type ErrorCode"), "{want}");
    assert!(want.contains("ArrivalNumber: string"), "{want}");
    assert_eq!(have, want, "ui/src/lib/bindings.ts is stale: run EOFFICE_WRITE_BINDINGS=1 cargo test -p eoffice-app --test bindings");
}
