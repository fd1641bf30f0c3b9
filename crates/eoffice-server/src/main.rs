//! `eoffice-server`: migrate, serve, and keep the directory.
//!
//! Exit status: 0 success, 1 refused or failed (message in English and
//! Vietnamese), 2 bad usage.

use clap::{Parser, Subcommand};
use eoffice_server::admin::{self, NewUser};
use eoffice_server::config::Config;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "eoffice-server", about = "eOffice provincial document server")]
struct Cli {
    /// The TOML configuration; EOFFICE_SERVER_* variables override its keys.
    #[arg(long, global = true, default_value = "/etc/eoffice-server/server.toml")]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Applies the database migrations that are missing.
    Migrate,
    /// Serves the API.
    Serve,
    /// Agencies, units and users.
    #[command(subcommand)]
    Admin(AdminCmd),
}

#[derive(Subcommand)]
enum AdminCmd {
    #[command(subcommand)]
    Agency(AgencyCmd),
    #[command(subcommand)]
    Unit(UnitCmd),
    #[command(subcommand)]
    User(UserCmd),
    /// The agency's system on the document exchange (domain.md §12).
    #[command(subcommand)]
    Exchange(ExchangeCmd),
    /// Recomputes an agency's event chain; exit 1 if it does not verify.
    Audit {
        #[arg(long)]
        agency: String,
    },
}

#[derive(Subcommand)]
enum AgencyCmd {
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        abbr: String,
    },
}

#[derive(Subcommand)]
enum ExchangeCmd {
    /// Registers (or re-keys) an agency's system; the secret key is read
    /// from stdin, never from arguments.
    Add {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        system_id: String,
    },
}

#[derive(Subcommand)]
enum UnitCmd {
    Add {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum UserCmd {
    /// Adds a user; the password is read from stdin, never from arguments.
    Add {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        full_name: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        unit: Option<String>,
    },
    List {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(&cli.config, |k| std::env::var(k).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eoffice-server: {e}");
            return ExitCode::from(1);
        }
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match rt.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eoffice-server: {e}");
            ExitCode::from(1)
        }
    }
}

async fn run(command: Command, config: Config) -> Result<(), String> {
    let url = config.database_url.clone();
    match command {
        Command::Migrate => {
            let applied = eoffice_server::db::migrate(&url)
                .await
                .map_err(|e| e.to_string())?;
            if applied.is_empty() {
                println!(
                    "schema is up to date (version {}) / Cơ sở dữ liệu đã ở phiên bản mới nhất",
                    eoffice_server::db::LATEST
                );
            } else {
                println!("applied migrations {applied:?} / Đã nâng cấp cơ sở dữ liệu");
            }
            Ok(())
        }
        Command::Serve => eoffice_server::serve::run(config).await,
        Command::Admin(AdminCmd::Agency(AgencyCmd::Add { id, name, abbr })) => {
            admin::add_agency(&url, &id, &name, &abbr).await?;
            println!("agency {id} added / Đã thêm cơ quan {name}");
            Ok(())
        }
        Command::Admin(AdminCmd::Unit(UnitCmd::Add { agency, code, name })) => {
            admin::add_unit(&url, &agency, &code, &name).await?;
            println!("unit {code} added / Đã thêm đơn vị {name}");
            Ok(())
        }
        Command::Admin(AdminCmd::User(UserCmd::Add {
            agency,
            username,
            full_name,
            role,
            unit,
        })) => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input).map_err(|e| {
                format!("cannot read the password from stdin: {e} / Không đọc được mật khẩu")
            })?;
            let password = input.lines().next().unwrap_or("").to_string();
            let u = admin::add_user(
                &url,
                NewUser {
                    agency: &agency,
                    username: &username,
                    full_name: &full_name,
                    role: &role,
                    unit: unit.as_deref(),
                    password: &password,
                },
            )
            .await?;
            println!(
                "user {} ({}) added / Đã thêm người dùng {}",
                u.username, u.role, u.full_name
            );
            Ok(())
        }
        Command::Admin(AdminCmd::Exchange(ExchangeCmd::Add { agency, system_id })) => {
            let mut input = String::new();
            std::io::stdin().read_to_string(&mut input).map_err(|e| {
                format!("cannot read the secret key from stdin: {e} / Không đọc được khóa bí mật")
            })?;
            let secret = input.lines().next().unwrap_or("").trim().to_string();
            if secret.len() < 12 {
                return Err("the secret key must have at least 12 characters / Khóa bí mật phải có ít nhất 12 ký tự".into());
            }
            let pool = eoffice_server::db::pool(&url, 1).map_err(|e| e.to_string())?;
            eoffice_server::exchange::pg::add_system(&pool, &agency, &system_id, &secret)
                .await
                .map_err(|e| format!("{e} / Không đăng ký được hệ thống liên thông (cơ quan đã có trên máy chủ chưa?)"))?;
            println!("exchange system {system_id} of {agency} registered / Đã đăng ký hệ thống liên thông");
            Ok(())
        }
        Command::Admin(AdminCmd::Audit { agency }) => {
            let n = admin::audit(&url, &agency).await?;
            println!("feed of {agency}: {n} events, chain verified / Chuỗi sự kiện hợp lệ");
            Ok(())
        }
        Command::Admin(AdminCmd::User(UserCmd::List { agency, json })) => {
            let users = admin::list_users(&url, &agency).await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&users).expect("serialisable")
                );
            } else {
                for u in users {
                    println!(
                        "{}\t{}\t{}\t{}",
                        u.username,
                        u.role,
                        u.unit_code.unwrap_or_default(),
                        u.full_name
                    );
                }
            }
            Ok(())
        }
    }
}
