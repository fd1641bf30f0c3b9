//! Signs a PDF as one incremental update: optional form fields and fills,
//! a signature field with its appearance, the signature dictionary, and a
//! CMS signature over every byte except its own /Contents.

use crate::cms_signature::{build_cms, TimeStamper};
use crate::error::SignError;
use crate::key::SignerKey;
use crate::pdf::date::pdf_date;
use crate::pdf::file::PdfFile;
use crate::pdf::image::decode_png;
use crate::pdf::update::Update;
use crate::pdf::write_object::{real, text_string, write_object};
use chrono::{DateTime, FixedOffset};
use eoffice_pdf::font_embed::{Font, REGULAR};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// What the signature looks like on the page.
#[derive(Debug, Clone)]
pub enum Appearance {
    Invisible,
    /// An image (PNG) filling `rect` on page `page` (0-based), in PDF points.
    Image {
        page: usize,
        rect: [f64; 4],
        png: Vec<u8>,
    },
    /// Lines of text in `rect`, right-aligned, 10 pt Times-metric (the
    /// agency signature without image on an attachment, Appendix I).
    Stamp {
        page: usize,
        rect: [f64; 4],
        lines: Vec<String>,
    },
}

/// A blank text field to create under the signature, so that a later
/// form fill (the number and date at issue) stays a permitted change.
#[derive(Debug, Clone)]
pub struct BlankField {
    pub name: String,
    pub page: usize,
    pub rect: [f64; 4],
    pub font_size: f64,
    /// An empty signature field instead of a text field: after a
    /// certification, a new visible signature is not a permitted change
    /// (pyHanko refuses it), but signing a field the certifier left is.
    pub signature: bool,
}

#[derive(Clone)]
pub struct SignOptions<'a> {
    pub field_name: Option<String>,
    pub reason: String,
    pub location: Option<String>,
    pub time: DateTime<FixedOffset>,
    pub appearance: Appearance,
    /// DocMDP permission level (1 no change, 2 form fill and signing,
    /// 3 also annotations): makes this a certification signature.
    pub certify: Option<u8>,
    pub add_fields: Vec<BlankField>,
    /// Values for text fields made by an earlier signer.
    pub fill: Vec<(String, String)>,
    pub tsa: Option<&'a dyn TimeStamper>,
    /// Bytes reserved for the CMS; 0 picks a size from the options.
    pub reserve: usize,
}

impl<'a> SignOptions<'a> {
    pub fn new(reason: &str, time: DateTime<FixedOffset>) -> SignOptions<'a> {
        SignOptions {
            field_name: None,
            reason: reason.into(),
            location: None,
            time,
            appearance: Appearance::Invisible,
            certify: None,
            add_fields: Vec::new(),
            fill: Vec::new(),
            tsa: None,
            reserve: 0,
        }
    }
}

/// The reason written into a person's and an agency's signatures.
pub const REASON_PERSON: &str = "Ký số của người có thẩm quyền";
pub const REASON_AGENCY: &str = "Ký số của cơ quan, tổ chức";

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn rect_obj(r: [f64; 4]) -> Object {
    Object::Array(r.iter().map(|v| Object::Real(*v as f32)).collect())
}

fn form_xobject(w: f64, h: f64, resources: Dictionary, content: Vec<u8>) -> Object {
    let mut d = Dictionary::new();
    d.set("Type", name("XObject"));
    d.set("Subtype", name("Form"));
    d.set(
        "BBox",
        Object::Array(vec![
            0.into(),
            0.into(),
            Object::Real(w as f32),
            Object::Real(h as f32),
        ]),
    );
    d.set("Resources", Object::Dictionary(resources));
    Object::Stream(Stream::new(d, content))
}

pub fn sign_pdf(
    pdf: Vec<u8>,
    key: &dyn SignerKey,
    opts: &SignOptions<'_>,
) -> Result<Vec<u8>, SignError> {
    sign_opened(&PdfFile::open(pdf)?, key, opts)
}

/// Signs a file the caller has already opened (to place the signature),
/// so it is parsed once.
pub fn sign_opened(
    file: &PdfFile,
    key: &dyn SignerKey,
    opts: &SignOptions<'_>,
) -> Result<Vec<u8>, SignError> {
    let mut up = Update::new(file);
    let catalog_id = file.catalog_id()?;
    let mut catalog = file
        .dict(catalog_id)
        .cloned()
        .ok_or_else(|| SignError::Damaged("the catalog is missing".into()))?;
    let pages = file.pages();
    if pages.is_empty() {
        return Err(SignError::Damaged("the PDF has no pages".into()));
    }
    let page_at = |i: usize| pages.get(i).copied().unwrap_or(pages[pages.len() - 1]);
    let (form_id, mut form) = file.acroform().unwrap_or((None, Dictionary::new()));
    let mut fields: Vec<Object> = form
        .get(b"Fields")
        .ok()
        .and_then(|f| file.resolve(f).as_array().ok().cloned())
        .unwrap_or_default();
    let existing = file.fields();
    let mut new_annots: BTreeMap<ObjectId, Vec<ObjectId>> = BTreeMap::new();
    let needs_font = !opts.fill.is_empty() || matches!(opts.appearance, Appearance::Stamp { .. });
    let mut font = Font::new(REGULAR, "LiberationSerif");
    // The font's five objects are numbered before any stream names it.
    let font_id = needs_font.then(|| {
        let first = up.reserve();
        (0..4).for_each(|_| {
            up.reserve();
        });
        first
    });

    for (field, value) in &opts.fill {
        let (id, _) = existing
            .iter()
            .find(|(_, n)| n == field)
            .ok_or_else(|| SignError::NoSuchField(field.clone()))?;
        let mut d = file
            .dict(*id)
            .cloned()
            .ok_or_else(|| SignError::NoSuchField(field.clone()))?;
        if file.field_type(*id).as_deref() != Some(b"Tx") {
            return Err(SignError::NoSuchField(field.clone()));
        }
        let r = d
            .get(b"Rect")
            .ok()
            .and_then(|r| file.resolve(r).as_array().ok())
            .map(|a| {
                a.iter()
                    .filter_map(|o| crate::pdf::file::number(file.resolve(o)))
                    .collect::<Vec<_>>()
            })
            .filter(|v| v.len() == 4)
            .ok_or_else(|| SignError::NoSuchField(field.clone()))?;
        let (w, h) = ((r[2] - r[0]).abs(), (r[3] - r[1]).abs());
        let size = field_font_size(&d).unwrap_or(13.0).min(h);
        let content = text_box(
            &mut font,
            w,
            h,
            std::slice::from_ref(value),
            size,
            Align::Left,
            true,
        );
        let ap = up.add(&form_xobject(w, h, font_resources(font_id), content));
        d.set("V", text_string(value));
        let mut apd = Dictionary::new();
        apd.set("N", Object::Reference(ap));
        d.set("AP", Object::Dictionary(apd));
        up.set(*id, &Object::Dictionary(d));
    }

    for blank in &opts.add_fields {
        let page = page_at(blank.page);
        let (w, h) = (blank.rect[2] - blank.rect[0], blank.rect[3] - blank.rect[1]);
        let ap = up.add(&form_xobject(w, h, Dictionary::new(), Vec::new()));
        let mut d = Dictionary::new();
        d.set("Type", name("Annot"));
        d.set("Subtype", name("Widget"));
        d.set("T", text_string(&blank.name));
        d.set("Rect", rect_obj(blank.rect));
        d.set("F", Object::Integer(4));
        d.set("P", Object::Reference(page));
        if blank.signature {
            d.set("FT", name("Sig"));
        } else {
            d.set("FT", name("Tx"));
            d.set(
                "DA",
                Object::String(
                    format!("/F1 {} Tf 0 g", real(blank.font_size)).into_bytes(),
                    StringFormat::Literal,
                ),
            );
        }
        let mut apd = Dictionary::new();
        apd.set("N", Object::Reference(ap));
        d.set("AP", Object::Dictionary(apd));
        let id = up.add(&Object::Dictionary(d));
        fields.push(Object::Reference(id));
        new_annots.entry(page).or_default().push(id);
    }

    let sig_id = up.reserve();
    // Signing the empty field an earlier certifier left keeps its widget
    // and rectangle; otherwise a new field is made.
    let prepared = opts
        .field_name
        .as_deref()
        .and_then(|n| file.empty_signature_field(n))
        .and_then(|id| Some((id, file.rect_of(id)?, file.dict(id)?.clone())));
    let widget_id = match &prepared {
        Some((id, _, _)) => *id,
        None => up.reserve(),
    };
    let field_name = opts.field_name.clone().unwrap_or_else(|| {
        (1..)
            .map(|i| format!("Signature{i}"))
            .find(|n| !existing.iter().any(|(_, e)| e == n))
            .expect("an unused name")
    });
    let mut widget = match &prepared {
        Some((_, _, d)) => d.clone(),
        None => {
            let mut w = Dictionary::new();
            w.set("Type", name("Annot"));
            w.set("Subtype", name("Widget"));
            w.set("FT", name("Sig"));
            w.set("T", text_string(&field_name));
            w.set("F", Object::Integer(132));
            w
        }
    };
    widget.set("V", Object::Reference(sig_id));
    // An image drawn inside a prepared field: the field's box is the
    // appearance's, the image sits where the caller placed it.
    let frame = |rect: &[f64; 4]| match &prepared {
        Some((_, f, _)) => (*f, rect[0] - f[0], rect[1] - f[1]),
        None => (*rect, 0.0, 0.0),
    };
    let (page_index, rect) = match &opts.appearance {
        Appearance::Invisible => (0, [0.0; 4]),
        Appearance::Image { page, rect, png } => {
            let img = decode_png(png)?;
            let (colour, mask) = img.streams();
            let mut colour = colour;
            if let Some(mask) = mask {
                let mask_id = up.add(&Object::Stream(mask));
                colour.dict.set("SMask", Object::Reference(mask_id));
            }
            let im = up.add(&Object::Stream(colour));
            let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
            let (box_, dx, dy) = frame(rect);
            let mut xo = Dictionary::new();
            xo.set("Im1", Object::Reference(im));
            let mut res = Dictionary::new();
            res.set("XObject", Object::Dictionary(xo));
            let content = format!(
                "q {} 0 0 {} {} {} cm /Im1 Do Q",
                real(w),
                real(h),
                real(dx),
                real(dy)
            )
            .into_bytes();
            let ap = up.add(&form_xobject(
                box_[2] - box_[0],
                box_[3] - box_[1],
                res,
                content,
            ));
            let mut apd = Dictionary::new();
            apd.set("N", Object::Reference(ap));
            widget.set("AP", Object::Dictionary(apd));
            (*page, box_)
        }
        Appearance::Stamp { page, rect, lines } => {
            let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
            let content = text_box(&mut font, w, h, lines, 10.0, Align::Right, false);
            let ap = up.add(&form_xobject(w, h, font_resources(font_id), content));
            let mut apd = Dictionary::new();
            apd.set("N", Object::Reference(ap));
            widget.set("AP", Object::Dictionary(apd));
            (*page, *rect)
        }
    };
    if prepared.is_some() {
        // Already in /Fields and on its page: only the value and the look change.
        up.set(widget_id, &Object::Dictionary(widget));
    } else {
        let page = page_at(page_index);
        widget.set("Rect", rect_obj(rect));
        widget.set("P", Object::Reference(page));
        up.set(widget_id, &Object::Dictionary(widget));
        fields.push(Object::Reference(widget_id));
        new_annots.entry(page).or_default().push(widget_id);
    }

    if let Some(first) = font_id {
        for (i, body) in font.objects(first.0 as usize).into_iter().enumerate() {
            up.set_raw((first.0 + i as u32, 0), body);
        }
    }

    for (page, annots) in new_annots {
        let mut pd = file
            .dict(page)
            .cloned()
            .ok_or_else(|| SignError::Damaged("a page is missing".into()))?;
        let mut list: Vec<Object> = Vec::new();
        match pd.get(b"Annots") {
            Ok(Object::Reference(aid)) => {
                list = file
                    .resolve(&Object::Reference(*aid))
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                list.extend(annots.iter().map(|a| Object::Reference(*a)));
                up.set(*aid, &Object::Array(list));
                continue;
            }
            Ok(Object::Array(a)) => list = a.clone(),
            _ => {}
        }
        list.extend(annots.iter().map(|a| Object::Reference(*a)));
        pd.set("Annots", Object::Array(list));
        up.set(page, &Object::Dictionary(pd));
    }

    form.set("Fields", Object::Array(fields));
    form.set("SigFlags", Object::Integer(3));
    if needs_font || !opts.add_fields.is_empty() {
        let mut dr = match form.get(b"DR").map(|d| file.resolve(d)) {
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        if let Some(first) = font_id {
            let mut fd = match dr.get(b"Font").map(|d| file.resolve(d)) {
                Ok(Object::Dictionary(d)) => d.clone(),
                _ => Dictionary::new(),
            };
            fd.set("F1", Object::Reference(first));
            dr.set("Font", Object::Dictionary(fd));
        }
        form.set("DR", Object::Dictionary(dr));
    }
    let mut catalog_changed = false;
    match form_id {
        Some(fid) => up.set(fid, &Object::Dictionary(form)),
        None => {
            let fid = up.add(&Object::Dictionary(form));
            catalog.set("AcroForm", Object::Reference(fid));
            catalog_changed = true;
        }
    }
    if opts.certify.is_some() {
        let mut perms = Dictionary::new();
        perms.set("DocMDP", Object::Reference(sig_id));
        catalog.set("Perms", Object::Dictionary(perms));
        catalog_changed = true;
    }
    if catalog_changed {
        up.set(catalog_id, &Object::Dictionary(catalog));
    }

    let reserve = if opts.reserve > 0 {
        opts.reserve
    } else if opts.tsa.is_some() {
        24 * 1024
    } else {
        12 * 1024
    };
    let mut sig = Vec::new();
    let mut head = Dictionary::new();
    head.set("Type", name("Sig"));
    head.set("Filter", name("Adobe.PPKLite"));
    head.set("SubFilter", name("ETSI.CAdES.detached"));
    head.set(
        "M",
        Object::String(pdf_date(&opts.time).into_bytes(), StringFormat::Literal),
    );
    head.set("Reason", text_string(&opts.reason));
    if let Some(loc) = &opts.location {
        head.set("Location", text_string(loc));
    }
    head.set(
        "Name",
        text_string(&crate::verify::names::common_name(
            &key.certificate().tbs_certificate.subject,
        )),
    );
    if let Some(p) = opts.certify {
        let mut params = Dictionary::new();
        params.set("Type", name("TransformParams"));
        params.set("P", Object::Integer(p.clamp(1, 3) as i64));
        params.set("V", name("1.2"));
        let mut r = Dictionary::new();
        r.set("Type", name("SigRef"));
        r.set("TransformMethod", name("DocMDP"));
        r.set("TransformParams", Object::Dictionary(params));
        head.set("Reference", Object::Array(vec![Object::Dictionary(r)]));
    }
    let mut head_bytes = Vec::new();
    write_object(&mut head_bytes, &Object::Dictionary(head));
    head_bytes.truncate(head_bytes.len() - 2); // drop ">>" to append the patched keys
    sig.extend_from_slice(&head_bytes);
    sig.extend_from_slice(b"/ByteRange ");
    sig.extend_from_slice(BYTE_RANGE_PLACEHOLDER);
    sig.extend_from_slice(b" /Contents <");
    sig.extend(std::iter::repeat_n(b'0', reserve * 2));
    sig.extend_from_slice(b"> >>");
    up.set_raw(sig_id, sig);

    let appended = up.finish();
    let mut bytes = appended.bytes;
    let sig_at = appended.offsets[&sig_id];
    let br_at = sig_at
        + find(&bytes[sig_at..], b"/ByteRange ").ok_or(SignError::TooLarge)?
        + b"/ByteRange ".len();
    let contents_at = br_at
        + find(&bytes[br_at..], b"/Contents <").ok_or(SignError::TooLarge)?
        + b"/Contents ".len();
    let contents_end = contents_at + reserve * 2 + 2;
    let range = format!(
        "[0 {contents_at} {contents_end} {}]",
        bytes.len() - contents_end
    );
    if range.len() > BYTE_RANGE_PLACEHOLDER.len() {
        return Err(SignError::TooLarge);
    }
    let mut padded = range.into_bytes();
    padded.resize(BYTE_RANGE_PLACEHOLDER.len(), b' ');
    bytes[br_at..br_at + padded.len()].copy_from_slice(&padded);
    let mut h = Sha256::new();
    h.update(&bytes[..contents_at]);
    h.update(&bytes[contents_end..]);
    let digest = h.finalize();
    let cms = build_cms(key, &digest, opts.tsa)?;
    if cms.len() > reserve {
        return Err(SignError::TooLarge);
    }
    let hex: Vec<u8> = cms
        .iter()
        .flat_map(|b| format!("{b:02X}").into_bytes())
        .collect();
    bytes[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(&hex);
    Ok(bytes)
}

const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 0000000000 0000000000 0000000000]";

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn field_font_size(d: &Dictionary) -> Option<f64> {
    let da = d.get(b"DA").ok()?.as_str().ok()?;
    let s = String::from_utf8_lossy(da);
    let parts: Vec<&str> = s.split_whitespace().collect();
    let at = parts.iter().position(|p| *p == "Tf")?;
    parts
        .get(at.checked_sub(1)?)?
        .parse()
        .ok()
        .filter(|v: &f64| *v > 0.0)
}

fn font_resources(first: Option<ObjectId>) -> Dictionary {
    let mut res = Dictionary::new();
    if let Some(id) = first {
        let mut f = Dictionary::new();
        f.set("F1", Object::Reference(id));
        res.set("Font", Object::Dictionary(f));
    }
    res
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// Text lines in a box of `w`×`h`; `cover` paints the box white first so
/// the blank it fills ("Số:   /QĐ-UBND") is replaced, not overprinted.
fn text_box(
    font: &mut Font,
    w: f64,
    h: f64,
    lines: &[String],
    size: f64,
    align: Align,
    cover: bool,
) -> Vec<u8> {
    let mut out = String::new();
    if cover {
        out.push_str(&format!("q 1 g 0 0 {} {} re f Q\n", real(w), real(h)));
    }
    let leading = size * 1.2;
    let total = leading * lines.len() as f64;
    let mut y = h - (h - total).max(0.0) / 2.0 - size;
    for line in lines {
        let tw = font.width(line, size as f32) as f64;
        let x = match align {
            Align::Left => 0.0,
            Align::Right => (w - tw).max(0.0),
        };
        let hex = font.encode(line);
        out.push_str(&format!(
            "BT 0 g /F1 {} Tf {} {} Td {hex} Tj ET\n",
            real(size),
            real(x),
            real(y)
        ));
        y -= leading;
    }
    out.into_bytes()
}
