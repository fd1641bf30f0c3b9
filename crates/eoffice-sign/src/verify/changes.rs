//! What changed after a signature, and whether a reader would see it.
//!
//! The revision a signature covers is compared object by object with the
//! file as it is now. Signing (signature dictionaries and fields, the
//! AcroForm's field list, the DSS, appearance streams of new widgets) and
//! filling text fields that already existed are permitted, as DocMDP
//! level 2 allows; level 1 permits nothing but a DSS and document
//! time-stamps. Anything else (page content, a page's resources, a new
//! annotation that is not a form widget, a changed form XObject) is a
//! change a reader sees.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeReview {
    /// What was done after the signature that is allowed ("chữ ký Signature2", "điền ô SoKyHieu").
    pub permitted: Vec<String>,
    /// What a reader sees that the signer did not sign.
    pub forbidden: Vec<String>,
}

fn name_of<'a>(d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    d.get(key).ok().and_then(|o| o.as_name().ok())
}

fn is_sig_dict(d: &Dictionary) -> bool {
    matches!(name_of(d, b"Type"), Some(b"Sig") | Some(b"DocTimeStamp"))
        || (d.has(b"ByteRange") && d.has(b"Contents") && d.has(b"Filter"))
}

fn field_type(doc: &Document, d: &Dictionary) -> Option<Vec<u8>> {
    let mut cur = d.clone();
    for _ in 0..16 {
        if let Some(ft) = name_of(&cur, b"FT") {
            return Some(ft.to_vec());
        }
        let parent = cur.get(b"Parent").ok()?.as_reference().ok()?;
        cur = doc.get_object(parent).ok()?.as_dict().ok()?.clone();
    }
    None
}

fn text(d: &Dictionary, key: &[u8]) -> String {
    d.get(key)
        .ok()
        .and_then(|o| o.as_str().ok())
        .map(crate::pdf::write_object::read_text_string)
        .unwrap_or_default()
}

/// Keys that differ between two dictionaries.
fn changed_keys(old: &Dictionary, new: &Dictionary) -> BTreeSet<Vec<u8>> {
    let mut keys: BTreeSet<Vec<u8>> = BTreeSet::new();
    for (k, v) in new.iter() {
        if old.get(k).ok() != Some(v) {
            keys.insert(k.clone());
        }
    }
    for (k, _) in old.iter() {
        if !new.has(k) {
            keys.insert(k.clone());
        }
    }
    keys
}

fn only(keys: &BTreeSet<Vec<u8>>, allowed: &[&[u8]]) -> bool {
    keys.iter().all(|k| allowed.contains(&k.as_slice()))
}

/// Objects reachable from a page's content: its /Contents and /Resources.
fn page_content_ids(doc: &Document) -> BTreeSet<ObjectId> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<Object> = Vec::new();
    for (_, page) in doc.get_pages() {
        if let Ok(d) = doc.get_object(page).and_then(Object::as_dict) {
            for key in [b"Contents".as_slice(), b"Resources"] {
                if let Ok(o) = d.get(key) {
                    stack.push(o.clone());
                }
            }
        }
    }
    while let Some(o) = stack.pop() {
        if out.len() > 200_000 {
            break;
        }
        match o {
            Object::Reference(id) if out.insert(id) => {
                if let Ok(next) = doc.get_object(id) {
                    stack.push(next.clone());
                }
            }
            Object::Array(a) => stack.extend(a),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v.clone())),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v.clone())),
            _ => {}
        }
    }
    out
}

pub fn review(old: &Document, new: &Document, docmdp: Option<u8>) -> ChangeReview {
    let mut r = ChangeReview::default();
    let level = docmdp.unwrap_or(2);
    let old_catalog = old.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let new_catalog = new.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let old_form = old_catalog
        .and_then(|c| old.get_object(c).ok())
        .and_then(|c| c.as_dict().ok())
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| f.as_reference().ok());
    let old_content = page_content_ids(old);
    let new_content = page_content_ids(new);
    for (id, obj) in &new.objects {
        let before = old.objects.get(id);
        if before == Some(obj) {
            continue;
        }
        let describe = || format!("object {} {}", id.0, id.1);
        let dict = match obj {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        };
        let old_dict = before.and_then(|o| match o {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        });
        // Cross-reference and object streams are containers, not content.
        if dict.is_some_and(|d| matches!(name_of(d, b"Type"), Some(b"XRef") | Some(b"ObjStm"))) {
            continue;
        }
        if Some(*id) == new_catalog {
            let keys = match (old_dict, dict) {
                (Some(o), Some(n)) => changed_keys(o, n),
                _ => BTreeSet::new(),
            };
            let allowed: &[&[u8]] = if level >= 2 {
                &[b"AcroForm", b"DSS", b"Extensions", b"Version", b"Metadata"]
            } else {
                &[b"DSS", b"Extensions", b"Version"]
            };
            if !only(&keys, allowed) {
                r.forbidden
                    .push("danh mục tài liệu (catalog) bị sửa".into());
            }
            continue;
        }
        let Some(d) = dict else {
            // A changed array: a page's /Annots or the form's /Fields when
            // they are indirect; what they point at is judged on its own.
            if matches!(obj, Object::Array(_)) && !old_content.contains(id) {
                continue;
            }
            r.forbidden.push(describe());
            continue;
        };
        if is_sig_dict(d) {
            if before.is_none() {
                continue;
            }
            r.forbidden.push("một chữ ký đã có bị sửa".into());
            continue;
        }
        if Some(*id) == old_form || (before.is_none() && d.has(b"Fields")) {
            let keys = old_dict.map(|o| changed_keys(o, d)).unwrap_or_default();
            if !only(
                &keys,
                &[b"Fields", b"SigFlags", b"DR", b"DA", b"NeedAppearances"],
            ) {
                r.forbidden.push("biểu mẫu (AcroForm) bị sửa".into());
            }
            continue;
        }
        if name_of(d, b"Type") == Some(b"Page") {
            let keys = old_dict.map(|o| changed_keys(o, d)).unwrap_or_default();
            if before.is_none() || !only(&keys, &[b"Annots"]) {
                r.forbidden.push("trang văn bản bị sửa".into());
            } else if let (Some(o), Ok(n)) = (old_dict, d.get(b"Annots")) {
                let old_annots = o.get(b"Annots").ok().cloned();
                check_new_annots(new, old_annots.as_ref(), n, &mut r);
            }
            continue;
        }
        if name_of(d, b"Subtype") == Some(b"Widget") || d.has(b"FT") || d.has(b"T") {
            let ft = field_type(new, d);
            match ft.as_deref() {
                Some(b"Sig") => {
                    if before.is_none() {
                        r.permitted.push(format!("thêm ô chữ ký {}", text(d, b"T")));
                    } else {
                        let keys = old_dict.map(|o| changed_keys(o, d)).unwrap_or_default();
                        // An empty signature field may be signed later; a
                        // signed one may not be re-signed.
                        let was_signed = old_dict.is_some_and(|o| o.has(b"V"));
                        let resigned = was_signed && keys.contains(b"V".as_slice());
                        if resigned || !only(&keys, &[b"V", b"AP", b"F", b"MK"]) {
                            r.forbidden.push("ô chữ ký đã ký bị sửa".into());
                        }
                    }
                }
                Some(b"Tx") | Some(b"Ch") | Some(b"Btn") if before.is_some() => {
                    let keys = old_dict.map(|o| changed_keys(o, d)).unwrap_or_default();
                    if level >= 2 && only(&keys, &[b"V", b"AP", b"AS", b"MK", b"DA"]) {
                        r.permitted.push(format!("điền ô {}", text(d, b"T")));
                    } else {
                        r.forbidden.push(format!("ô {} bị sửa", text(d, b"T")));
                    }
                }
                _ => r
                    .forbidden
                    .push(format!("thêm hoặc sửa ô biểu mẫu {}", text(d, b"T"))),
            }
            continue;
        }
        if d.has(b"DSS") || matches!(name_of(d, b"Type"), Some(b"DSS") | Some(b"VRI")) {
            continue;
        }
        if name_of(d, b"Type") == Some(b"Annot") {
            r.forbidden.push("thêm chú thích lên trang".into());
            continue;
        }
        if before.is_some() {
            if old_content.contains(id) || new_content.contains(id) {
                r.forbidden.push("nội dung trang bị sửa".into());
            } else if name_of(d, b"Type") == Some(b"Metadata")
                || d.has(b"Producer")
                || d.has(b"ModDate")
            {
                // XMP metadata and the Info dictionary: not on the page.
            } else if name_of(d, b"Subtype") == Some(b"Form") {
                r.forbidden.push("hình xuất hiện bị thay".into());
            }
            continue;
        }
        // A new object: harmless unless page content reaches it.
        if new_content.contains(id) {
            r.forbidden.push("nội dung mới được thêm vào trang".into());
        }
    }
    r.forbidden.sort();
    r.forbidden.dedup();
    r
}

/// Annotations added to a page after the signature: only form widgets
/// (signature and field widgets, judged on their own) are permitted.
fn check_new_annots(
    new: &Document,
    old_annots: Option<&Object>,
    new_annots: &Object,
    r: &mut ChangeReview,
) {
    let ids = |o: Option<&Object>, doc: &Document| -> Vec<ObjectId> {
        let arr = match o {
            Some(Object::Array(a)) => a.clone(),
            Some(Object::Reference(id)) => doc
                .get_object(*id)
                .ok()
                .and_then(|a| a.as_array().ok().cloned())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        arr.iter().filter_map(|o| o.as_reference().ok()).collect()
    };
    let before = ids(old_annots, new);
    for a in ids(Some(new_annots), new) {
        if before.contains(&a) {
            continue;
        }
        let widget = new
            .get_object(a)
            .ok()
            .and_then(|o| o.as_dict().ok())
            .is_some_and(|d| name_of(d, b"Subtype") == Some(b"Widget"));
        if !widget {
            r.forbidden.push("thêm chú thích lên trang".into());
        }
    }
}
