//! People of the agency: the directory the rules read, local users and
//! their sign-in in standalone mode (a commune office often has one
//! computer and three people), and who is acting.

use crate::dto::{DirectoryInfo, UnitSummary, UserSummary};
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_domain::{Directory, Person, Role, Unit};
use eoffice_store::directory::{self, UserRow};
use eoffice_sync::password::{hash_password, verify_password};

/// The fewest characters a local password may have.
pub const MIN_PASSWORD: usize = 8;

pub(crate) fn summary(p: &Person, disabled: bool) -> UserSummary {
    UserSummary {
        username: p.username.clone(),
        full_name: p.full_name.clone(),
        role: p.role.code().to_string(),
        role_label: p.role.label().to_string(),
        unit_code: p.unit.clone(),
        disabled,
    }
}

fn wrong_sign_in() -> AppError {
    AppError::new(
        ErrorCode::Unauthorized,
        "Sai tên đăng nhập hoặc mật khẩu.",
        "wrong username or password",
    )
}

/// The fields of a new local user.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub full_name: &'a str,
    pub role: &'a str,
    pub unit: Option<&'a str>,
    pub password: &'a str,
}

impl Eoffice {
    /// The agency's units and people: the server's in connected mode, the
    /// local ones otherwise.
    pub(crate) fn directory(&self) -> AppResult<Directory> {
        if let Some(c) = eoffice_store::connection::get(&self.conn)? {
            // A folder connected before the directory was kept has none:
            // the rules then know only the signed-in user, and the server
            // decides with the full directory anyway.
            let Ok(d) = serde_json::from_str::<eoffice_sync::Directory>(&c.directory) else {
                return Ok(Directory::default());
            };
            return Ok(Directory {
                units: d
                    .units
                    .into_iter()
                    .map(|u| Unit {
                        code: u.code,
                        name: u.name,
                    })
                    .collect(),
                people: d
                    .users
                    .into_iter()
                    .map(|u| Person {
                        role: Role::from_code(&u.role).unwrap_or(Role::Specialist),
                        username: u.username,
                        full_name: u.full_name,
                        unit: u.unit_code,
                    })
                    .collect(),
            });
        }
        Ok(Directory {
            units: directory::units(&self.conn)?,
            people: directory::users(&self.conn)?
                .into_iter()
                .filter(|u| !u.disabled)
                .map(|u| u.person)
                .collect(),
        })
    }

    /// The person acting: the signed-in user in connected mode, else the
    /// local user of that name.
    pub(crate) fn person_for(&self, requested: &str) -> AppResult<Person> {
        if let Some(c) = eoffice_store::connection::get(&self.conn)? {
            return Ok(Person {
                username: c.username,
                full_name: c.full_name,
                role: Role::from_code(&c.role).unwrap_or(Role::Specialist),
                unit: c.unit_code,
            });
        }
        match directory::user(&self.conn, requested)? {
            Some(u) if !u.disabled => Ok(u.person),
            Some(_) => Err(AppError::new(
                ErrorCode::Forbidden,
                format!("Tài khoản {requested} đã bị khóa."),
                format!("user {requested} is disabled"),
            )),
            None if directory::count_users(&self.conn)? == 0 => Err(AppError::new(
                ErrorCode::Forbidden,
                "Chưa có người dùng nào. Hãy thêm người dùng (Cài đặt › Người dùng, hoặc eoffice user add).",
                "no local users yet: add one with `eoffice user add`",
            )),
            None => Err(AppError::new(
                ErrorCode::Forbidden,
                format!("Không có người dùng “{requested}”. Hãy chọn người dùng bằng --as."),
                format!("no local user {requested:?}; pick one with --as"),
            )),
        }
    }

    /// The person whose rights apply, or None in a standalone folder
    /// without local users (one clerk, as before users existed).
    pub(crate) fn viewer(&self, requested: &str) -> AppResult<Option<Person>> {
        if !self.is_connected()? && directory::count_users(&self.conn)? == 0 {
            return Ok(None);
        }
        self.person_for(requested).map(Some)
    }

    pub fn directory_info(&self) -> AppResult<DirectoryInfo> {
        let d = self.directory()?;
        // Standalone, the list shows disabled local users too (marked);
        // the rules' directory leaves them out.
        let users: Vec<UserSummary> = if self.is_connected()? {
            d.people.iter().map(|p| summary(p, false)).collect()
        } else {
            directory::users(&self.conn)?
                .iter()
                .map(|u| summary(&u.person, u.disabled))
                .collect()
        };
        Ok(DirectoryInfo {
            units: d
                .units
                .into_iter()
                .map(|u| UnitSummary {
                    code: u.code,
                    name: u.name,
                })
                .collect(),
            users,
        })
    }

    /// Standalone only: an administrator adds a unit (the first unit and
    /// user may be added by anyone, on a folder with no users yet).
    pub fn add_unit(&mut self, actor: &str, code: &str, name: &str) -> AppResult<UnitSummary> {
        self.local_admin(actor)?;
        let code = code.trim();
        let name = name.trim();
        if code.is_empty() || name.is_empty() || code.contains(char::is_whitespace) {
            return Err(AppError::invalid(
                "Mã đơn vị (không dấu cách) và tên đơn vị là bắt buộc.",
                "a unit needs a code without spaces and a name",
            ));
        }
        directory::upsert_unit(
            &self.conn,
            &Unit {
                code: code.into(),
                name: name.into(),
            },
        )?;
        Ok(UnitSummary {
            code: code.into(),
            name: name.into(),
        })
    }

    pub fn add_user(&mut self, actor: &str, u: NewUser) -> AppResult<UserSummary> {
        self.local_admin(actor)?;
        let role = Role::from_code(u.role).ok_or_else(|| {
            AppError::invalid(
                format!(
                    "Vai trò “{}” không có. Chọn: clerk, leader, unit_head, specialist, admin.",
                    u.role
                ),
                format!(
                    "unknown role {:?}: clerk, leader, unit_head, specialist or admin",
                    u.role
                ),
            )
        })?;
        let username = u.username.trim();
        if username.is_empty()
            || !username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            return Err(AppError::invalid(
                "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang.",
                "a username is ASCII letters, digits, '.', '_' or '-'",
            ));
        }
        if u.full_name.trim().is_empty() {
            return Err(AppError::invalid(
                "Chưa nhập họ và tên.",
                "the full name is empty",
            ));
        }
        if u.password.chars().count() < MIN_PASSWORD {
            return Err(AppError::invalid(
                format!("Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự."),
                format!("a password needs at least {MIN_PASSWORD} characters"),
            ));
        }
        if let Some(unit) = u.unit {
            if directory::units(&self.conn)?.iter().all(|x| x.code != unit) {
                return Err(AppError::invalid(
                    format!("Không có đơn vị “{unit}”. Hãy thêm đơn vị trước."),
                    format!("no unit {unit:?}; add it first"),
                ));
            }
        }
        if matches!(role, Role::UnitHead | Role::Specialist) && u.unit.is_none() {
            return Err(AppError::invalid(
                "Lãnh đạo phòng và chuyên viên phải thuộc một đơn vị.",
                "unit heads and specialists belong to a unit",
            ));
        }
        let person = Person {
            username: username.into(),
            full_name: u.full_name.trim().into(),
            role,
            unit: u.unit.map(String::from),
        };
        let now = self.clock.now().to_rfc3339();
        directory::upsert_user(
            &self.conn,
            &UserRow {
                person: person.clone(),
                password_hash: Some(hash_password(u.password)),
                disabled: false,
            },
            &now,
        )?;
        Ok(summary(&person, false))
    }

    /// Local sign-in (standalone): checks the password, returns the user.
    pub fn sign_in_local(&self, username: &str, password: &str) -> AppResult<UserSummary> {
        if self.is_connected()? {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Máy này đã kết nối máy chủ; hãy đăng nhập bằng tài khoản máy chủ.",
                "connected: sign in to the server instead",
            ));
        }
        let u = directory::user(&self.conn, username.trim())?.ok_or_else(wrong_sign_in)?;
        let ok = u
            .password_hash
            .as_deref()
            .is_some_and(|h| verify_password(password, h));
        if !ok || u.disabled {
            return Err(wrong_sign_in());
        }
        Ok(summary(&u.person, false))
    }

    /// The person acting, as the UI shows them.
    pub fn current_user(&self, requested: &str) -> AppResult<UserSummary> {
        Ok(summary(&self.person_for(requested)?, false))
    }

    /// Whether this standalone folder asks for a local sign-in.
    pub fn has_local_users(&self) -> AppResult<bool> {
        Ok(!self.is_connected()? && directory::count_users(&self.conn)? > 0)
    }

    fn local_admin(&self, actor: &str) -> AppResult<()> {
        if self.is_connected()? {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Người dùng và đơn vị do máy chủ quản lý khi đã kết nối.",
                "connected: users and units are managed on the server",
            ));
        }
        if directory::count_users(&self.conn)? == 0 {
            return Ok(());
        }
        let p = self.person_for(actor)?;
        if p.role != Role::Admin {
            return Err(AppError::new(
                ErrorCode::Forbidden,
                "Chỉ quản trị thêm người dùng và đơn vị.",
                "only an administrator adds users and units",
            ));
        }
        Ok(())
    }
}
