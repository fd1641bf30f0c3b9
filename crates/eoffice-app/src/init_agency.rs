//! Create the agency a standalone data folder belongs to.

use crate::dto::AgencyInfo;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use eoffice_domain::AgencyId;
use eoffice_store::agency;

impl Eoffice {
    pub fn init_agency(
        &mut self,
        actor: &str,
        id: &str,
        name: &str,
        abbreviation: Option<&str>,
        place: Option<&str>,
    ) -> AppResult<AgencyInfo> {
        let id = AgencyId::parse(id).map_err(|e| {
            AppError::invalid(
                format!("Mã định danh “{}” không đúng dạng 000.00.00.H37.", e.0),
                e.to_string(),
            )
        })?;
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::invalid(
                "Tên cơ quan không được để trống.",
                "the agency name is empty",
            ));
        }
        if let Some(existing) = agency::get(&self.conn)? {
            return Err(AppError::new(
                ErrorCode::AlreadyInitialized,
                format!(
                    "Thư mục dữ liệu đã có cơ quan “{}” ({}).",
                    existing.name, existing.id
                ),
                format!(
                    "this data folder already belongs to {} ({})",
                    existing.name, existing.id
                ),
            )
            .with_details(serde_json::json!({ "OrganId": existing.id })));
        }
        let now = self.clock.now();
        let row = agency::AgencyRow {
            id: id.to_string(),
            name: name.to_string(),
            abbreviation: abbreviation
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
            place: place
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from),
            created_at: now.to_rfc3339(),
        };
        let tx = self.conn.transaction()?;
        agency::insert(&tx, &row)?;
        crate::event_log::record(
            &tx,
            &row.id,
            &crate::event_log::Actor {
                login: actor.to_string(),
                name: actor.to_string(),
            },
            now,
            &row.id,
            eoffice_domain::EventKind::AgencyCreated,
            serde_json::json!({ "OrganId": row.id, "OrganName": row.name, "Abbreviation": row.abbreviation, "Place": row.place }),
        )?;
        tx.commit()?;
        Ok(info(&row))
    }

    pub fn agency_info(&self) -> AppResult<AgencyInfo> {
        Ok(info(&self.agency()?))
    }
}

fn info(row: &agency::AgencyRow) -> AgencyInfo {
    AgencyInfo {
        organ_id: row.id.clone(),
        organ_name: row.name.clone(),
        abbreviation: row.abbreviation.clone(),
        place: row.place.clone(),
    }
}
