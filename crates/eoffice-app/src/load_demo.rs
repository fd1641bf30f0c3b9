//! Mở cơ quan mẫu: the demo agency with the sample documents registered,
//! so that a new user sees real entries at once.

use crate::dto::{AgencyInfo, Progress};
use crate::{AppResult, Eoffice, ErrorCode, RegisterRequest};
use std::path::Path;

pub const DEMO_AGENCY_ID: &str = "000.00.00.H37";
pub const DEMO_AGENCY_NAME: &str = "UBND tỉnh Lạng Sơn";
/// Every demo user's password (shown on the demo's sign-in card).
pub const DEMO_PASSWORD: &str = "eoffice2026";
/// The demo clerk, who registers the sample documents.
pub const DEMO_CLERK: &str = "vanthu";

const DEMO_UNITS: [(&str, &str); 2] = [("VP", "Văn phòng"), ("TC", "Sở Tài chính")];
const DEMO_USERS: [(&str, &str, &str, Option<&str>); 8] = [
    ("quantri", "Quản trị hệ thống", "admin", None),
    ("vanthu", "Nguyễn Thị Lan", "clerk", Some("VP")),
    ("chutich", "Hoàng Văn Minh", "leader", None),
    ("phochutich", "Lương Thị Hà", "leader", None),
    ("chanhvp", "Vi Văn Thắng", "unit_head", Some("VP")),
    ("chuyenvien", "Nông Thu Trang", "specialist", Some("VP")),
    ("truongtc", "Hà Quốc Bảo", "unit_head", Some("TC")),
    ("chuyenvientc", "Lý Minh Đức", "specialist", Some("TC")),
];

/// The demo's exchange directory (OrganIds as in the shared edXML fixtures).
pub const DEMO_ORGANS: [(&str, &str, &str); 2] = [
    (
        "000.00.17.H37",
        "Sở Thông tin và Truyền thông tỉnh Lạng Sơn",
        "province",
    ),
    ("000.00.41.H37", "UBND huyện Cao Lộc", "gateway"),
];

impl Eoffice {
    /// Creates the demo agency if the folder has none, then registers every
    /// PDF in `samples` that is a document of its own (appendices and scans
    /// without typed fields are skipped and reported). Documents already in
    /// a book are not registered twice.
    pub fn load_demo(
        &mut self,
        actor: &str,
        samples: Option<&Path>,
        mut progress: impl FnMut(Progress),
    ) -> AppResult<AgencyInfo> {
        let info = match self.agency_info() {
            Ok(i) => i,
            Err(e) if e.code == ErrorCode::NotInitialized => self.init_agency(
                actor,
                DEMO_AGENCY_ID,
                DEMO_AGENCY_NAME,
                Some("UBND"),
                Some("Lạng Sơn"),
            )?,
            Err(e) => return Err(e),
        };
        if eoffice_store::directory::count_users(&self.conn)? == 0 && !self.is_connected()? {
            for (code, name) in DEMO_UNITS {
                self.add_unit("", code, name)?;
            }
            for (username, full_name, role, unit) in DEMO_USERS {
                self.add_user(
                    "quantri",
                    crate::NewUser {
                        username,
                        full_name,
                        role,
                        unit,
                        password: DEMO_PASSWORD,
                    },
                )?;
            }
        }
        if !self.is_connected()? {
            self.demo_outgoing()?;
            // The exchange directory: two organs the demo can send to, one
            // inside the province and one reached through the gateway.
            if eoffice_store::exchange::organs(&self.conn)?.is_empty() {
                for (organ_id, name, route) in DEMO_ORGANS {
                    self.put_exchange_organ(
                        "quantri",
                        &crate::dto::ExchangeOrgan {
                            organ_id: organ_id.into(),
                            name: name.into(),
                            address: "Tỉnh Lạng Sơn".into(),
                            email: String::new(),
                            route: route.into(),
                        },
                    )?;
                }
            }
        }
        // The samples are registered by the demo clerk, whoever opened it.
        let actor = DEMO_CLERK;
        let Some(dir) = samples.filter(|d| d.is_dir()) else {
            return Ok(info);
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
            .collect();
        files.sort();
        let total = files.len() as u32;
        for (i, path) in files.iter().enumerate() {
            let name = path.file_name().map(|n| n.to_string_lossy().to_string());
            let bytes = std::fs::read(path)?;
            let req = RegisterRequest {
                file_name: name.clone(),
                actor: actor.to_string(),
                ..Default::default()
            };
            let label = match self.register_incoming(&bytes, &req) {
                Ok(doc) => format!(
                    "Số đến {}: {}",
                    doc.arrival_number
                        .as_deref()
                        .unwrap_or(crate::show_incoming::PENDING_LABEL),
                    doc.fields.subject.unwrap_or_default()
                ),
                Err(e) => format!("{}: {}", name.clone().unwrap_or_default(), e.message),
            };
            progress(Progress {
                task: "demo".into(),
                done: i as u32 + 1,
                total,
                label,
            });
        }
        self.demo_handling()?;
        Ok(info)
    }

    /// Puts the first sample documents at different points of their
    /// handling, so each demo user's queues show something: presented to
    /// the chairman, assigned to the office, passed to a specialist, done.
    fn demo_handling(&mut self) -> AppResult<()> {
        let ids: Vec<String> = self
            .work_queue(DEMO_CLERK, crate::Queue::NotPresented, 6, 0)?
            .into_iter()
            .map(|i| i.document_id)
            .collect();
        let assign = |lead: &str, days: u32| crate::dto::AssignInput {
            instruction: Some(format!("Giao {lead} chủ trì tham mưu, báo cáo kết quả.")),
            lead: crate::dto::AssigneeInput {
                who: lead.to_string(),
                deadline: None,
            },
            coordinate: vec![crate::dto::AssigneeInput {
                who: "TC".into(),
                deadline: None,
            }],
            inform: vec!["phochutich".into()],
            deadline: None,
            working_days: Some(days),
        };
        for (i, id) in ids.iter().enumerate() {
            // The last two stay with the clerk, still to be presented.
            if i >= 4 {
                break;
            }
            self.present_incoming(DEMO_CLERK, id, "chutich", &["VP".to_string()])?;
            match i {
                0 => {}
                1 => {
                    self.assign_incoming("chutich", id, &assign("VP", 2))?;
                }
                2 => {
                    self.assign_incoming("chutich", id, &assign("VP", 10))?;
                    self.reassign_incoming("chanhvp", id, "chuyenvien", &[], None)?;
                }
                _ => {
                    self.assign_incoming("chutich", id, &assign("VP", 5))?;
                    self.reassign_incoming("chanhvp", id, "chuyenvien", &[], None)?;
                    self.complete_task(
                        "chuyenvien",
                        id,
                        "Đã tham mưu văn bản trả lời, trình lãnh đạo ký ban hành.",
                        Some("45/UBND-VP"),
                    )?;
                }
            }
        }
        Ok(())
    }
}
