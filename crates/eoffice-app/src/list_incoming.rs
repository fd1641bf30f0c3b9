//! A page of the incoming list. Reads list columns only, never text.

use crate::dto::{ListItem, ListPage};
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::DocNumber;
use eoffice_store::incoming::{self, ListQuery, SortColumn};

#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListRequest {
    pub year: Option<i32>,
    pub book_id: Option<String>,
    pub priority: Option<u8>,
    pub state: Option<String>,
    pub arrival_from: Option<String>,
    pub arrival_to: Option<String>,
    /// Appendix VI name of the sort column; `ArrivalNumber` by default.
    pub sort: Option<String>,
    pub descending: bool,
    pub limit: Option<u32>,
    pub offset: u32,
}

pub const MAX_PAGE: u32 = 500;

fn sort_column(name: &str) -> AppResult<SortColumn> {
    Ok(match name {
        "ArrivalNumber" => SortColumn::ArrivalNumber,
        "ArrivalDate" => SortColumn::ArrivalDate,
        "IssuedDate" => SortColumn::IssuedDate,
        "OrganName" => SortColumn::OrganName,
        "Subject" => SortColumn::Subject,
        "CodeNumber" => SortColumn::CodeNumber,
        "Priority" => SortColumn::Priority,
        "State" => SortColumn::State,
        other => {
            return Err(AppError::invalid(
                format!("Không sắp xếp được theo “{other}”."),
                format!("cannot sort by {other:?}; use ArrivalNumber, ArrivalDate, IssuedDate, OrganName, Subject, CodeNumber, Priority or State"),
            ))
        }
    })
}

fn check_date(d: &Option<String>) -> AppResult<()> {
    if let Some(d) = d {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            AppError::invalid(
                format!("Ngày “{d}” phải có dạng YYYY-MM-DD."),
                format!("date {d:?} must be YYYY-MM-DD"),
            )
        })?;
    }
    Ok(())
}

fn query(req: &ListRequest) -> AppResult<ListQuery> {
    check_date(&req.arrival_from)?;
    check_date(&req.arrival_to)?;
    if req.priority.is_some_and(|p| p > 4) {
        return Err(AppError::invalid(
            "Độ khẩn phải từ 0 đến 4.",
            "priority must be 0-4",
        ));
    }
    Ok(ListQuery {
        year: req.year,
        book_id: req.book_id.clone(),
        priority: req.priority,
        state: req.state.clone(),
        arrival_from: req.arrival_from.clone(),
        arrival_to: req.arrival_to.clone(),
        sort: sort_column(req.sort.as_deref().unwrap_or("ArrivalNumber"))?,
        descending: req.descending,
        limit: req.limit.unwrap_or(50).clamp(1, MAX_PAGE),
        offset: req.offset,
    })
}

fn item(r: incoming::ListRow) -> ListItem {
    ListItem {
        arrival_number: (!eoffice_store::books::is_pending(&r.book_id)).then(|| {
            DocNumber {
                value: r.arrival_number,
                sub: r.arrival_sub,
            }
            .to_string()
        }),
        pending: eoffice_store::books::is_pending(&r.book_id),
        id: r.id,
        book_id: r.book_id,
        arrival_date: r.arrival_date,
        code_number: r.code_number,
        code_notation: r.code_notation,
        type_name: r.type_name,
        issued_date: r.issued_date,
        organ_name: r.organ_name,
        subject: r.subject,
        priority: r.priority,
        secrecy: r.secrecy,
        state: r.state,
    }
}

impl Eoffice {
    /// A page with the total of the view.
    pub fn list_incoming(&self, req: &ListRequest) -> AppResult<ListPage> {
        let q = query(req)?;
        let total = incoming::count(&self.conn, &self.anchors, &q)?;
        let items = incoming::list(&self.conn, &self.anchors, &q)?
            .into_iter()
            .map(item)
            .collect();
        Ok(ListPage {
            total,
            offset: req.offset,
            items,
        })
    }

    /// One page without the total, for scrolling a view whose total is known.
    pub fn list_page(&self, req: &ListRequest) -> AppResult<Vec<ListItem>> {
        Ok(incoming::list(&self.conn, &self.anchors, &query(req)?)?
            .into_iter()
            .map(item)
            .collect())
    }
}
