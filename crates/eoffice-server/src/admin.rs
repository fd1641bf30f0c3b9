//! `eoffice-server admin …`: the directory, kept by the provincial IT
//! administrator from the command line. Passwords come from stdin only.

use crate::auth::hash_password;
use eoffice_domain::Role;
use eoffice_sync::UserInfo;
use uuid::Uuid;

pub type AdminResult<T> = Result<T, String>;

fn db_err(e: tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        match db.code().code() {
            "23505" => return format!("it already exists ({}) / Đã tồn tại", db.message()),
            "23503" => {
                return format!(
                    "it refers to something that does not exist ({}) / Tham chiếu không tồn tại",
                    db.message()
                )
            }
            _ => {}
        }
    }
    format!("database: {e} / Lỗi cơ sở dữ liệu")
}

async fn client(url: &str) -> AdminResult<tokio_postgres::Client> {
    crate::db::check(url).await.map_err(|e| e.to_string())?;
    crate::db::connect(url).await.map_err(|e| e.to_string())
}

pub async fn add_agency(url: &str, id: &str, name: &str, abbr: &str) -> AdminResult<()> {
    let id = eoffice_domain::AgencyId::parse(id)
        .map_err(|e| format!("{e} / Mã định danh phải có dạng 000.00.00.H37"))?;
    if name.trim().is_empty() || abbr.trim().is_empty() {
        return Err(
            "--name and --abbr must not be empty / Tên và tên viết tắt không được để trống".into(),
        );
    }
    client(url)
        .await?
        .execute(
            "INSERT INTO agencies (id, name, abbr) VALUES ($1, $2, $3)",
            &[&id.as_str(), &name.trim(), &abbr.trim()],
        )
        .await
        .map_err(db_err)?;
    Ok(())
}

pub async fn add_unit(url: &str, agency: &str, code: &str, name: &str) -> AdminResult<()> {
    if code.trim().is_empty() || name.trim().is_empty() {
        return Err(
            "--code and --name must not be empty / Mã và tên đơn vị không được để trống".into(),
        );
    }
    client(url)
        .await?
        .execute(
            "INSERT INTO units (agency_id, code, name) VALUES ($1, $2, $3)",
            &[&agency, &code.trim(), &name.trim()],
        )
        .await
        .map_err(db_err)?;
    Ok(())
}

pub struct NewUser<'a> {
    pub agency: &'a str,
    pub username: &'a str,
    pub full_name: &'a str,
    pub role: &'a str,
    pub unit: Option<&'a str>,
    pub password: &'a str,
}

pub async fn add_user(url: &str, u: NewUser<'_>) -> AdminResult<UserInfo> {
    if Role::from_code(u.role).is_none() {
        return Err(format!(
            "role {:?} is not one of {} / Vai trò không hợp lệ",
            u.role,
            Role::ALL.map(Role::code).join(", ")
        ));
    }
    let username = u.username.trim();
    if username.is_empty()
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err("--username takes letters without diacritics, digits, '.', '_' or '-' / Tên đăng nhập chỉ gồm chữ không dấu, số, '.', '_' hoặc '-'".into());
    }
    if u.password.chars().count() < 8 {
        return Err(
            "the password needs at least 8 characters / Mật khẩu cần ít nhất 8 ký tự".into(),
        );
    }
    let id = Uuid::new_v4();
    let hash = hash_password(u.password);
    client(url)
        .await?
        .execute(
            "INSERT INTO users (id, agency_id, username, full_name, role, unit_code, password_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &id,
                &u.agency,
                &username,
                &u.full_name.trim(),
                &u.role,
                &u.unit,
                &hash,
            ],
        )
        .await
        .map_err(db_err)?;
    Ok(UserInfo {
        id: id.to_string(),
        username: username.to_string(),
        full_name: u.full_name.trim().to_string(),
        role: u.role.to_string(),
        unit_code: u.unit.map(str::to_string),
        agency_id: u.agency.to_string(),
    })
}

pub async fn list_users(url: &str, agency: &str) -> AdminResult<Vec<UserInfo>> {
    let c = client(url).await?;
    // Disabled accounts too: the administrator keeps them.
    let rows = c
        .query(
            &format!(
                "SELECT {} FROM users WHERE agency_id = $1 ORDER BY username",
                crate::api::directory::USER_COLUMNS
            ),
            &[&agency],
        )
        .await
        .map_err(db_err)?;
    Ok(rows.iter().map(crate::api::directory::user_info).collect())
}

/// Recomputes an agency's feed chain on the server; returns the number of
/// events, or the first that does not verify.
pub async fn audit(url: &str, agency: &str) -> AdminResult<i64> {
    let c = client(url).await?;
    let rows = c
        .query(
            "SELECT agency_id, seq, id, stream, stream_version, actor_id, actor_name, at, name, version, command_id, payload, prev_hash, hash
               FROM feed WHERE agency_id = $1 ORDER BY seq",
            &[&agency],
        )
        .await
        .map_err(db_err)?;
    let events: Vec<_> = rows.iter().map(crate::feed::row_to_event).collect();
    for (i, e) in events.iter().enumerate() {
        if e.seq != i as i64 + 1 {
            return Err(format!(
                "feed event {} is missing / Thiếu sự kiện {}",
                i + 1,
                i + 1
            ));
        }
    }
    eoffice_sync::verify_chain(eoffice_sync::GENESIS, &events)
        .map_err(|(seq, why)| format!("feed event {seq}: {why} / Sự kiện {seq} không hợp lệ"))?;
    let head: String = c
        .query_one("SELECT feed_head FROM agencies WHERE id = $1", &[&agency])
        .await
        .map_err(db_err)?
        .get(0);
    if events
        .last()
        .map_or(eoffice_sync::GENESIS, |e| e.hash.as_str())
        != head
    {
        return Err(
            "the agency's feed head does not match its last event / Đầu chuỗi không khớp".into(),
        );
    }
    Ok(events.len() as i64)
}
