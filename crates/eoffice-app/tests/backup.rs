//! Backup and restore of the data folder lose nothing (domain.md §10,
//! "Backup and restore").

mod common;
use common::*;
use eoffice_app::ListRequest;

#[test]
fn restore_brings_back_the_backup_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_agency(dir.path());
    app.register_incoming(
        &fixture("pub01_tb_ketluan_vp_ubnd_2018.pdf"),
        &req("a", "2026-11-02"),
    )
    .unwrap();
    let backup = app.backup_data().unwrap();
    assert_eq!(backup.files, 1);
    // Later work, then a restore to the backup.
    let later = open(dir.path(), "2026-12-01T10:00:00+07:00");
    drop(app);
    let mut app = later;
    app.register_incoming(
        &fixture("pub02_cv_ubnd_dvc_khan_2018.pdf"),
        &req("b", "2026-11-03"),
    )
    .unwrap();
    let total =
        |app: &eoffice_app::Eoffice| app.list_incoming(&ListRequest::default()).unwrap().total;
    assert_eq!(total(&app), 2);
    assert_eq!(app.list_backups().unwrap(), vec![backup.name.clone()]);
    let safety = app.restore_data(&backup.name).unwrap();
    assert_eq!(total(&app), 1);
    assert!(app.verify_audit().unwrap().ok);
    // The replaced state was kept as a backup of its own.
    assert!(app.list_backups().unwrap().contains(&safety.name));
    app.restore_data(&safety.name).unwrap();
    assert_eq!(total(&app), 2);
    assert_eq!(
        app.restore_data("../etc").unwrap_err().code,
        eoffice_app::ErrorCode::InvalidInput,
        "one normal path component"
    );
    assert!(app.restore_data("/etc").is_err() && app.restore_data("..").is_err());
    assert!(app.restore_data("no-such-backup").is_err());
    assert_eq!(total(&app), 2, "a refused restore changes nothing");
}
