//! Fields typed or overridden by the clerk (`--set Field=Value` in the CLI,
//! the form in the app), checked against the domain rules.

use crate::dto::{DocumentFields, OrganRef};
use crate::{AppError, AppResult};
use chrono::NaiveDate;
use eoffice_domain::{fold, DocumentType, NumberSymbol, Secrecy, Urgency};

/// The names `--set` accepts (Appendix VI / edXML).
pub const FIELD_NAMES: [&str; 16] = [
    "CodeNumber",
    "CodeNotation",
    "TypeName",
    "IssuedDate",
    "Place",
    "OrganName",
    "ParentOrganName",
    "Subject",
    "SignerInfo.Competence",
    "SignerInfo.Position",
    "SignerInfo.FullName",
    "Priority",
    "Secrecy",
    "To",
    "ToPlaces",
    "PageAmount",
];

fn opt(v: &str) -> Option<String> {
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    (!v.is_empty()).then_some(v)
}

fn list(v: &str) -> Vec<String> {
    v.split(';').filter_map(opt).collect()
}

/// Applies one `Field=Value`. An empty value clears the field.
pub(crate) fn apply_set(f: &mut DocumentFields, name: &str, value: &str) -> AppResult<()> {
    match name {
        "CodeNumber" => f.code_number = opt(value),
        "CodeNotation" => f.code_notation = opt(value),
        "TypeName" => f.type_name = opt(value),
        "IssuedDate" => f.issued_date = opt(value),
        "Place" => f.place = opt(value),
        "OrganName" => f.organ_name = opt(value),
        "ParentOrganName" => f.parent_organ_name = opt(value),
        "Subject" => f.subject = opt(value),
        "SignerInfo.Competence" => f.signer_info.competence = opt(value),
        "SignerInfo.Position" => f.signer_info.position = opt(value),
        "SignerInfo.FullName" => f.signer_info.full_name = opt(value),
        "Priority" => {
            let v = value.trim();
            f.priority = match v.parse::<u8>().ok().and_then(Urgency::from_priority).or_else(|| Urgency::parse(v)) {
                Some(u) => u.priority(),
                None => {
                    return Err(AppError::invalid(
                        format!("Độ khẩn “{v}” không hợp lệ: dùng 0–4 hoặc Thường, Khẩn, Thượng khẩn, Hỏa tốc."),
                        format!("Priority {v:?} is invalid: use 0-4 or a name"),
                    ))
                }
            }
        }
        "Secrecy" => {
            let v = value.trim();
            f.secrecy = if v.is_empty() || fold(v) == "null" || fold(v) == "thuong" {
                None
            } else {
                match Secrecy::parse(v) {
                    Some(s) => Some(s.code().to_string()),
                    None => {
                        return Err(AppError::invalid(
                            format!("Độ mật “{v}” không hợp lệ: dùng Mật, Tối mật hoặc Tuyệt mật."),
                            format!("Secrecy {v:?} is invalid: use mat, toi_mat or tuyet_mat"),
                        ))
                    }
                }
            }
        }
        "To" => {
            f.to = list(value)
                .into_iter()
                .map(|n| OrganRef {
                    organ_id: None,
                    organ_name: n,
                })
                .collect()
        }
        "ToPlaces" => f.to_places = list(value),
        "PageAmount" => {
            let v = value.trim();
            f.page_amount = if v.is_empty() {
                None
            } else {
                Some(v.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    AppError::invalid(
                        format!("Số trang “{v}” không hợp lệ."),
                        format!("PageAmount {v:?} is not a positive number"),
                    )
                })?)
            }
        }
        other => {
            return Err(AppError::invalid(
                format!(
                    "Không có trường “{other}”. Các trường: {}.",
                    FIELD_NAMES.join(", ")
                ),
                format!(
                    "unknown field {other:?}; fields are: {}",
                    FIELD_NAMES.join(", ")
                ),
            )
            .with_details(serde_json::json!({ "Field": other, "Allowed": FIELD_NAMES })))
        }
    }
    Ok(())
}

/// The registration form's values through the same checks as `--set`,
/// so that a bad priority, secrecy or page count is a field error the
/// form can point at, never a storage error. Organ references keep their
/// ids; texts get their spaces tidied as `--set` does.
pub(crate) fn check_form(f: &mut DocumentFields) -> AppResult<()> {
    let at = |name: &'static str| {
        move |e: AppError| {
            e.with_details(serde_json::json!({ "Field": name, "Allowed": FIELD_NAMES }))
        }
    };
    let priority = f.priority.to_string();
    apply_set(f, "Priority", &priority).map_err(at("Priority"))?;
    if let Some(s) = f.secrecy.clone() {
        apply_set(f, "Secrecy", &s).map_err(at("Secrecy"))?;
    }
    if let Some(n) = f.page_amount {
        apply_set(f, "PageAmount", &n.to_string()).map_err(at("PageAmount"))?;
    }
    for text in [
        &mut f.code_number,
        &mut f.code_notation,
        &mut f.type_name,
        &mut f.issued_date,
        &mut f.place,
        &mut f.organ_name,
        &mut f.parent_organ_name,
        &mut f.subject,
        &mut f.signer_info.competence,
        &mut f.signer_info.position,
        &mut f.signer_info.full_name,
    ] {
        *text = text.as_deref().and_then(opt);
    }
    f.to_places = f.to_places.iter().filter_map(|p| opt(p)).collect();
    Ok(())
}

/// Fields that passed the checks, in domain types.
pub(crate) struct Checked {
    pub number: Option<NumberSymbol>,
    pub issued: Option<NaiveDate>,
    pub secrecy: Option<Secrecy>,
    pub organ_name: String,
    pub subject: String,
}

/// Checks what registration needs (domain.md §6: every field of the book)
/// and normalises the number, symbol and type name in place.
pub(crate) fn check(f: &mut DocumentFields, arrival: NaiveDate) -> AppResult<Checked> {
    let mut missing = Vec::new();
    if f.organ_name.is_none() {
        missing.push(("OrganName", "Tác giả (cơ quan ban hành)"));
    }
    if f.subject.is_none() {
        missing.push(("Subject", "Trích yếu"));
    }
    if !missing.is_empty() {
        let vi: Vec<&str> = missing.iter().map(|m| m.1).collect();
        let en: Vec<&str> = missing.iter().map(|m| m.0).collect();
        return Err(AppError::invalid(
            format!("Chưa có {}. Hãy nhập trước khi vào sổ.", vi.join(", ")),
            format!("missing {}: set them with --set", en.join(", ")),
        )
        .with_details(serde_json::json!({ "Missing": en })));
    }
    let number = match (&f.code_number, &f.code_notation) {
        (None, None) => None,
        (Some(n), Some(s)) => {
            let ns = NumberSymbol::parse(&format!("{n}/{s}")).map_err(|e| {
                AppError::invalid(e.message_vi(), format!("number and symbol {n}/{s}: {e}"))
                    .with_details(serde_json::json!({ "Field": "CodeNumber" }))
            })?;
            f.code_number = Some(ns.number.to_string());
            f.code_notation = Some(ns.notation());
            Some(ns)
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(AppError::invalid(
                "Cần nhập cả số và ký hiệu văn bản, ví dụ 15 và QĐ-UBND.",
                "CodeNumber and CodeNotation go together",
            ))
        }
    };
    if let Some(t) = &f.type_name {
        let ty = DocumentType::from_name(t).ok_or_else(|| {
            AppError::invalid(
                format!("Tên loại văn bản “{t}” không có trong danh mục."),
                format!("unknown document type {t:?}"),
            )
        })?;
        f.type_name = Some(ty.name().to_string());
    } else if let Some(ns) = &number {
        f.type_name = Some(ns.document_type().0.name().to_string());
    }
    let issued = match &f.issued_date {
        None => None,
        Some(d) => {
            let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                AppError::invalid(
                    format!("Ngày văn bản “{d}” phải có dạng YYYY-MM-DD."),
                    format!("IssuedDate {d:?} must be YYYY-MM-DD"),
                )
            })?;
            if date > arrival {
                return Err(AppError::invalid(
                    "Ngày văn bản không thể sau ngày đến.",
                    format!("IssuedDate {date} is after the arrival date {arrival}"),
                ));
            }
            Some(date)
        }
    };
    let secrecy = f.secrecy.as_deref().and_then(Secrecy::from_code);
    Ok(Checked {
        number,
        issued,
        secrecy,
        organ_name: f.organ_name.clone().expect("checked above"),
        subject: f.subject.clone().expect("checked above"),
    })
}

/// Same number and symbol from the same issuer in the same year is the same
/// document (domain.md §3, §6).
pub(crate) fn duplicate_key(
    number: Option<&NumberSymbol>,
    organ: &str,
    issued: Option<NaiveDate>,
) -> Option<String> {
    let n = number?;
    let organ: String = fold(organ).split_whitespace().collect::<Vec<_>>().join(" ");
    let year = issued
        .map(|d| d.format("%Y").to_string())
        .unwrap_or_default();
    Some(format!("{}|{}|{}", fold(&n.to_string()), organ, year))
}
