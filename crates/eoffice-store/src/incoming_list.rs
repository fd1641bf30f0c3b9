//! A page of the incoming list, at any depth of a million rows.
//!
//! Each view (filters, a sort column, a direction) is read from one index
//! that holds its order and its filter columns (migration 0008), so the
//! page's 50 rows are found in the index before any row is read. The total
//! comes from `incoming_counts`, kept by triggers, unless a date range asks
//! for a count over the index.
//!
//! Why anchors: SQLite has no order statistics, and `OFFSET 600000` walks
//! 600,000 index entries. The first deep page of a view walks the view once
//! and keeps the key of every `ANCHOR_STEP`-th row; every later page starts
//! from the nearest anchor with a row-value comparison, so it walks at most
//! `ANCHOR_STEP` entries. Anchors are dropped when anything in the database
//! changes (this connection's change count, `PRAGMA data_version` for
//! others), so a page is never off by the rows inserted since.

use crate::StoreError;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use std::collections::HashMap;
use std::sync::Mutex;

/// Rows between anchors: a page walks at most this many index entries past
/// its anchor (more when a filter skips rows).
pub const ANCHOR_STEP: u32 = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    ArrivalNumber,
    ArrivalDate,
    IssuedDate,
    OrganName,
    Subject,
    CodeNumber,
    Priority,
    State,
}

impl SortColumn {
    fn sql(self) -> &'static str {
        match self {
            SortColumn::ArrivalNumber => "arrival_number",
            SortColumn::ArrivalDate => "arrival_date",
            SortColumn::IssuedDate => "issued_key",
            SortColumn::OrganName => "organ_key",
            SortColumn::Subject => "subject_key",
            SortColumn::CodeNumber => "code_key",
            SortColumn::Priority => "priority",
            SortColumn::State => "state",
        }
    }

    /// The index suffix of migration 0008.
    fn index(self) -> &'static str {
        match self {
            SortColumn::ArrivalNumber => "number",
            SortColumn::ArrivalDate => "arrival",
            SortColumn::IssuedDate => "issued",
            SortColumn::OrganName => "organ",
            SortColumn::Subject => "subject",
            SortColumn::CodeNumber => "code",
            SortColumn::Priority => "priority",
            SortColumn::State => "state",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub year: Option<i32>,
    pub book_id: Option<String>,
    pub priority: Option<u8>,
    pub state: Option<String>,
    pub arrival_from: Option<String>,
    pub arrival_to: Option<String>,
    pub sort: SortColumn,
    pub descending: bool,
    pub limit: u32,
    pub offset: u32,
}

/// The list columns: everything a list shows, never the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    pub id: String,
    pub book_id: String,
    pub arrival_number: u32,
    pub arrival_sub: Option<char>,
    pub arrival_date: String,
    pub code_number: Option<String>,
    pub code_notation: Option<String>,
    pub type_name: Option<String>,
    pub issued_date: Option<String>,
    pub organ_name: String,
    pub subject: String,
    pub priority: u8,
    pub secrecy: Option<String>,
    pub state: String,
}

/// How one view is read: the index that holds its order, and the columns
/// of that order (the sort key, then the book order as tie-breakers).
struct View {
    index: Option<String>,
    order: Vec<&'static str>,
}

impl View {
    fn order_by(&self, descending: bool) -> String {
        let dir = if descending { "DESC" } else { "ASC" };
        self.order
            .iter()
            .map(|c| format!("{c} {dir}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn view(q: &ListQuery) -> View {
    let col = q.sort.sql();
    let mut order = Vec::new();
    // A book is one year and at most some tens of thousands of rows; its
    // own index (book_id, number) or the planner's choice serves it.
    let index = if q.book_id.is_some() {
        None
    } else if q.year.is_some() {
        Some(format!("incoming_by_{}", q.sort.index()))
    } else if q.sort == SortColumn::ArrivalNumber {
        // Across years the book order is the year, then the number.
        order.push("arrival_year");
        Some("incoming_by_number".to_string())
    } else {
        Some(format!("incoming_all_by_{}", q.sort.index()))
    };
    if q.sort != SortColumn::ArrivalNumber {
        order.push(col);
        if q.year.is_none() {
            order.push("arrival_year");
        }
    }
    order.extend(["arrival_number", "arrival_sub"]);
    View { index, order }
}

/// `arrival_year` is the year of `arrival_date` (incoming::insert), so a
/// date range inside one year is a view of that year, served by the year's
/// indexes; a wider range still bounds the years.
fn narrowed(q: &ListQuery) -> std::borrow::Cow<'_, ListQuery> {
    let year_of = |d: &Option<String>| d.as_deref().and_then(|d| d.get(..4)?.parse::<i32>().ok());
    match (q.year, year_of(&q.arrival_from), year_of(&q.arrival_to)) {
        (None, Some(a), Some(b)) if a == b => std::borrow::Cow::Owned(ListQuery {
            year: Some(a),
            ..q.clone()
        }),
        _ => std::borrow::Cow::Borrowed(q),
    }
}

fn conditions(q: &ListQuery) -> (Vec<String>, Vec<Value>) {
    let mut cond = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut push = |c: &str, v: Value| {
        args.push(v);
        cond.push(c.replace('?', &format!("?{}", args.len())));
    };
    if let Some(y) = q.year {
        push("arrival_year = ?", Value::Integer(y as i64));
    }
    if let Some(b) = &q.book_id {
        push("book_id = ?", Value::Text(b.clone()));
    }
    if let Some(p) = q.priority {
        push("priority = ?", Value::Integer(p as i64));
    }
    if let Some(s) = &q.state {
        push("state = ?", Value::Text(s.clone()));
    }
    if let Some(f) = &q.arrival_from {
        if q.year.is_none() {
            if let Some(y) = f.get(..4).and_then(|y| y.parse::<i64>().ok()) {
                push("arrival_year >= ?", Value::Integer(y));
            }
        }
        push("arrival_date >= ?", Value::Text(f.clone()));
    }
    if let Some(t) = &q.arrival_to {
        if q.year.is_none() {
            if let Some(y) = t.get(..4).and_then(|y| y.parse::<i64>().ok()) {
                push("arrival_year <= ?", Value::Integer(y));
            }
        }
        push("arrival_date <= ?", Value::Text(t.clone()));
    }
    (cond, args)
}

fn where_sql(cond: &[String]) -> String {
    if cond.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", cond.join(" AND "))
    }
}

/// The keys of every `ANCHOR_STEP`-th row of one view, with the view's
/// total, as of one state of the database.
struct Anchors {
    stamp: (u64, i64),
    keys: Vec<Vec<Value>>,
    total: u64,
}

/// Anchors of the views asked for deeply, per connection. Held by the
/// owner of the connection; cheap when unused.
#[derive(Default)]
pub struct ListAnchors {
    views: Mutex<HashMap<String, Anchors>>,
}

/// Most views anyone keeps open; past this the cache starts again.
const MAX_VIEWS: usize = 64;

fn stamp(conn: &Connection) -> Result<(u64, i64), StoreError> {
    let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok((conn.total_changes(), version))
}

impl ListAnchors {
    /// The anchor at or before `offset` and its position, building the
    /// view's anchors when they are missing or stale.
    fn nearest(
        &self,
        conn: &Connection,
        key: &str,
        build: impl FnOnce() -> Result<(Vec<Vec<Value>>, u64), StoreError>,
        offset: u32,
    ) -> Result<Option<(Vec<Value>, u32)>, StoreError> {
        let now = stamp(conn)?;
        let mut views = self.views.lock().unwrap_or_else(|p| p.into_inner());
        if views.get(key).is_none_or(|a| a.stamp != now) {
            let (keys, total) = build()?;
            if views.len() >= MAX_VIEWS {
                views.clear();
            }
            views.insert(
                key.to_string(),
                Anchors {
                    stamp: now,
                    keys,
                    total,
                },
            );
        }
        let a = &views[key];
        let i = ((offset / ANCHOR_STEP) as usize).min(a.keys.len().saturating_sub(1));
        Ok(a.keys.get(i).map(|k| (k.clone(), i as u32 * ANCHOR_STEP)))
    }

    /// The total of a view whose anchors are current, if any.
    fn total(&self, conn: &Connection, key: &str) -> Result<Option<u64>, StoreError> {
        let now = stamp(conn)?;
        let views = self.views.lock().unwrap_or_else(|p| p.into_inner());
        Ok(views.get(key).filter(|a| a.stamp == now).map(|a| a.total))
    }
}

fn view_key(index: &str, order: &str, cond: &[String], args: &[Value]) -> String {
    format!("{index}|{order}|{}|{args:?}", cond.join(" AND "))
}

pub fn list(
    conn: &Connection,
    anchors: &ListAnchors,
    q: &ListQuery,
) -> Result<Vec<ListRow>, StoreError> {
    let q = &*narrowed(q);
    let (mut cond, mut args) = conditions(q);
    let v = view(q);
    let order = v.order_by(q.descending);
    let from = match &v.index {
        Some(i) => format!("incoming INDEXED BY {i}"),
        None => "incoming".to_string(),
    };
    let mut offset = q.offset;
    if let (Some(index), true) = (&v.index, q.offset >= 2 * ANCHOR_STEP) {
        let key = view_key(index, &order, &cond, &args);
        let build = || {
            let sql = format!(
                "SELECT {cols} FROM {from} {filter} ORDER BY {order}",
                cols = v.order.join(", "),
                filter = where_sql(&cond)
            );
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(args.iter()))?;
            let mut keys = Vec::new();
            let mut total = 0u64;
            while let Some(r) = rows.next()? {
                if total.is_multiple_of(u64::from(ANCHOR_STEP)) {
                    let mut k = Vec::with_capacity(v.order.len());
                    for i in 0..v.order.len() {
                        k.push(r.get::<_, Value>(i)?);
                    }
                    keys.push(k);
                }
                total += 1;
            }
            Ok((keys, total))
        };
        if let Some((anchor, at)) = anchors.nearest(conn, &key, build, q.offset)? {
            let marks: Vec<String> = (0..anchor.len())
                .map(|i| format!("?{}", args.len() + 1 + i))
                .collect();
            cond.push(format!(
                "({}) {} ({})",
                v.order.join(", "),
                if q.descending { "<=" } else { ">=" },
                marks.join(", ")
            ));
            args.extend(anchor);
            offset = q.offset - at;
        }
    }
    // Two steps: the page's rows are found in the index alone, then only
    // those rows are read.
    let sql = format!(
        "SELECT id, book_id, arrival_number, arrival_sub, arrival_date, code_number, code_notation, type_name,
                issued_date, organ_name, subject, priority, secrecy, state
         FROM incoming WHERE seq IN (SELECT seq FROM {from} {filter} ORDER BY {order} LIMIT ?{l} OFFSET ?{o})
         ORDER BY {order}",
        filter = where_sql(&cond),
        l = args.len() + 1,
        o = args.len() + 2,
    );
    args.push(Value::Integer(q.limit as i64));
    args.push(Value::Integer(offset as i64));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        let sub: String = r.get(3)?;
        Ok(ListRow {
            id: r.get(0)?,
            book_id: r.get(1)?,
            arrival_number: r.get(2)?,
            arrival_sub: sub.chars().next(),
            arrival_date: r.get(4)?,
            code_number: r.get(5)?,
            code_notation: r.get(6)?,
            type_name: r.get(7)?,
            issued_date: r.get(8)?,
            organ_name: r.get(9)?,
            subject: r.get(10)?,
            priority: r.get(11)?,
            secrecy: r.get(12)?,
            state: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The total of a view: summed from `incoming_counts` when only the kept
/// columns filter it, taken from current anchors, or counted over the
/// date index.
pub fn count(conn: &Connection, anchors: &ListAnchors, q: &ListQuery) -> Result<u64, StoreError> {
    let q = &*narrowed(q);
    let (cond, args) = conditions(q);
    if q.arrival_from.is_none() && q.arrival_to.is_none() {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT COALESCE(SUM(n), 0) FROM incoming_counts {}",
            where_sql(&cond)
        ))?;
        return Ok(stmt.query_row(params_from_iter(args), |r| r.get(0))?);
    }
    let v = view(q);
    if let Some(index) = &v.index {
        let order = v.order_by(q.descending);
        if let Some(n) = anchors.total(conn, &view_key(index, &order, &cond, &args))? {
            return Ok(n);
        }
    }
    // A date range: the arrival-date index of the year (or of all years)
    // holds it as one range.
    let index = if q.book_id.is_some() {
        String::new()
    } else if q.year.is_some() {
        "INDEXED BY incoming_by_arrival".to_string()
    } else {
        "INDEXED BY incoming_all_by_arrival".to_string()
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT COUNT(*) FROM incoming {index} {}",
        where_sql(&cond)
    ))?;
    Ok(stmt.query_row(params_from_iter(args), |r| r.get(0))?)
}
