//! Mở cơ quan mẫu: the demo agency with the sample documents registered,
//! so that a new user sees real entries at once.

use crate::dto::{AgencyInfo, Progress};
use crate::{AppResult, Eoffice, ErrorCode, RegisterRequest};
use std::path::Path;

pub const DEMO_AGENCY_ID: &str = "000.00.00.H37";
pub const DEMO_AGENCY_NAME: &str = "UBND tỉnh Lạng Sơn";

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
        Ok(info)
    }
}
