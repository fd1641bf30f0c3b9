//! Printing: JSON for scripts, short Vietnamese lines for people, and
//! errors in English and Vietnamese.

use eoffice_app::dto::{AuditReport, DocumentDetail, IntakeResult, ListPage};
use eoffice_app::AppError;
use serde::Serialize;

pub fn print_json<T: Serialize>(v: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(v).expect("DTOs serialise")
    );
}

pub fn print_error(e: &AppError, json: bool) {
    eprintln!("error: {}", e.message_en);
    eprintln!("lỗi: {}", e.message);
    if json {
        println!("{}", serde_json::json!({ "error": e }));
    }
}

pub fn plain_snippet(s: &str) -> String {
    s.replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

pub fn intake_text(r: &IntakeResult) {
    let f = &r.fields;
    if r.needs_ocr {
        println!(
            "Tệp không có lớp chữ (bản quét): cần nhận dạng ký tự hoặc nhập tay. Số trang: {}",
            f.page_amount.unwrap_or(0)
        );
        if let Some(e) = &r.ocr_error {
            println!("{e}");
        }
        return;
    }
    if r.ocr {
        println!("Bản quét: các trường được nhận dạng chữ (OCR); hãy kiểm tra lại từng trường trước khi vào sổ.");
    }
    let show = |k: &str, v: Option<&str>| println!("{k:<22} {}", v.unwrap_or("—"));
    let code = f
        .code_number
        .as_ref()
        .map(|n| format!("{n}/{}", f.code_notation.clone().unwrap_or_default()));
    show("Số, ký hiệu", code.as_deref());
    show("Tên loại", f.type_name.as_deref());
    show("Cơ quan ban hành", f.organ_name.as_deref());
    show("Cơ quan chủ quản", f.parent_organ_name.as_deref());
    show("Địa danh", f.place.as_deref());
    show("Ngày văn bản", f.issued_date.as_deref());
    show("Trích yếu", f.subject.as_deref());
    show("Thẩm quyền ký", f.signer_info.competence.as_deref());
    show("Chức vụ", f.signer_info.position.as_deref());
    show("Người ký", f.signer_info.full_name.as_deref());
    println!("{:<22} {}", "Độ khẩn (Priority)", f.priority);
    show("Độ mật", f.secrecy.as_deref());
    println!("{:<22} {}", "Số trang", f.page_amount.unwrap_or(0));
    if let Some(d) = &r.duplicate_of {
        println!(
            "Cảnh báo: trùng văn bản đã vào sổ số {} ngày {}",
            d.arrival_number, d.arrival_date
        );
    }
}

pub fn list_text(p: &ListPage) {
    for i in &p.items {
        let code = i
            .code_number
            .as_ref()
            .map(|n| format!("{n}/{}", i.code_notation.clone().unwrap_or_default()))
            .unwrap_or_default();
        println!(
            "{:>5}  {}  {:<20}  {:<28}  {}",
            i.arrival_number.as_deref().unwrap_or("chờ"),
            i.arrival_date,
            code,
            i.organ_name,
            i.subject
        );
    }
    println!("{} / {} văn bản", p.items.len(), p.total);
}

pub fn detail_text(d: &DocumentDetail) {
    let doc = &d.document;
    println!(
        "Số đến {} ({}), ngày đến {} — {}",
        doc.arrival_number.as_deref().unwrap_or("chờ cấp số"),
        doc.book_id,
        doc.arrival_date,
        doc.state_label
    );
    println!("{}", doc.fields.subject.as_deref().unwrap_or(""));
    println!("Lịch sử:");
    for e in &d.history {
        println!("  {}  {:<24} {}", e.at, e.label, e.actor);
    }
}

pub fn audit_text(r: &AuditReport) {
    if r.ok {
        println!(
            "Nhật ký hợp lệ: {} sự kiện, {} tệp gốc đã kiểm tra. (audit OK)",
            r.events, r.blobs_checked
        );
    } else {
        println!(
            "Nhật ký KHÔNG hợp lệ: sự kiện {:?} ({}); tệp hỏng {:?}; tệp thiếu {:?}",
            r.broken_at,
            r.broken_reason.clone().unwrap_or_default(),
            r.blobs_damaged,
            r.blobs_missing
        );
    }
}

pub fn status_text(st: &eoffice_app::dto::SyncStatus) {
    if st.mode == "standalone" {
        println!("Chế độ độc lập (không kết nối máy chủ).");
        return;
    }
    println!(
        "Kết nối {} — tài khoản {} ({}){}",
        st.server.as_deref().unwrap_or(""),
        st.user.as_deref().unwrap_or(""),
        st.role.as_deref().unwrap_or(""),
        if st.signed_in {
            ""
        } else {
            ", đã đăng xuất"
        }
    );
    println!(
        "Chờ đồng bộ: {}; lần đồng bộ gần nhất: {}; con trỏ: {}",
        st.pending,
        st.last_sync.as_deref().unwrap_or("chưa"),
        st.cursor
    );
    for r in &st.rejected {
        println!("  bị từ chối: {}", r.reason.as_deref().unwrap_or(""));
    }
}
