//! A PDF opened for reading its structure and for appending to it.
//!
//! lopdf parses (behind the panic boundary, since it panics on damaged
//! files); the update itself is written here, so the original bytes stay
//! exactly as they were and every earlier signature keeps its byte range.

use crate::error::SignError;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::time::Duration;

/// How long parsing may take before the file is called damaged.
pub const PARSE_TIME: Duration = Duration::from_secs(20);

pub struct PdfFile {
    pub bytes: Vec<u8>,
    pub doc: Document,
    /// Offset of the last cross-reference section, the update's /Prev.
    pub startxref: usize,
    /// The last section is a cross-reference stream, so the update writes one too.
    pub xref_stream: bool,
}

impl PdfFile {
    pub fn open(bytes: Vec<u8>) -> Result<PdfFile, SignError> {
        if bytes.is_empty() {
            return Err(SignError::NotPdf);
        }
        if !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
        {
            return Err(SignError::NotPdf);
        }
        let startxref = last_startxref(&bytes)
            .ok_or_else(|| SignError::Damaged("no startxref at the end of the file".into()))?;
        let (bytes, doc) = eoffice_pdf::isolate(PARSE_TIME, move || {
            let parsed = Document::load_mem(&bytes).map_err(|e| e.to_string());
            (bytes, parsed)
        })
        .map_err(|e| SignError::Damaged(format!("{e:?}")))?;
        let doc = doc.map_err(SignError::Damaged)?;
        if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
            return Err(SignError::Encrypted);
        }
        let xref_stream = !bytes
            .get(startxref..)
            .is_some_and(|rest| rest.starts_with(b"xref"));
        Ok(PdfFile {
            bytes,
            doc,
            startxref,
            xref_stream,
        })
    }

    pub fn catalog_id(&self) -> Result<ObjectId, SignError> {
        self.doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| SignError::Damaged("the trailer names no catalog".into()))
    }

    pub fn dict(&self, id: ObjectId) -> Option<&Dictionary> {
        self.doc.get_object(id).ok().and_then(|o| o.as_dict().ok())
    }

    /// Follows references (at most a few deep: a loop is damage, not data).
    pub fn resolve<'a>(&'a self, mut o: &'a Object) -> &'a Object {
        for _ in 0..8 {
            match o {
                Object::Reference(id) => match self.doc.get_object(*id) {
                    Ok(next) => o = next,
                    Err(_) => return &Object::Null,
                },
                _ => return o,
            }
        }
        &Object::Null
    }

    pub fn pages(&self) -> Vec<ObjectId> {
        self.doc.get_pages().into_values().collect()
    }

    /// The page's size, from its (possibly inherited) MediaBox.
    pub fn page_box(&self, page: ObjectId) -> [f64; 4] {
        let mut id = Some(page);
        for _ in 0..32 {
            let Some(d) = id.and_then(|i| self.dict(i)) else {
                break;
            };
            if let Ok(mb) = d.get(b"MediaBox") {
                if let Ok(arr) = self.resolve(mb).as_array() {
                    let v: Vec<f64> = arr.iter().filter_map(|o| number(self.resolve(o))).collect();
                    if v.len() == 4 {
                        return [v[0], v[1], v[2], v[3]];
                    }
                }
            }
            id = d.get(b"Parent").and_then(Object::as_reference).ok();
        }
        [0.0, 0.0, 595.28, 841.89]
    }

    /// The catalog's AcroForm, wherever it lives: (its object id when it
    /// is indirect, its dictionary).
    pub fn acroform(&self) -> Option<(Option<ObjectId>, Dictionary)> {
        let catalog = self.dict(self.catalog_id().ok()?)?;
        match catalog.get(b"AcroForm").ok()? {
            Object::Reference(id) => Some((Some(*id), self.dict(*id)?.clone())),
            Object::Dictionary(d) => Some((None, d.clone())),
            _ => None,
        }
    }

    /// Every terminal form field, with its full name.
    pub fn fields(&self) -> Vec<(ObjectId, String)> {
        let mut out = Vec::new();
        let Some((_, form)) = self.acroform() else {
            return out;
        };
        let Ok(fields) = form.get(b"Fields").map(|f| self.resolve(f)) else {
            return out;
        };
        let mut stack: Vec<(ObjectId, String, usize)> = fields
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|o| o.as_reference().ok())
                    .map(|id| (id, String::new(), 0))
                    .collect()
            })
            .unwrap_or_default();
        while let Some((id, prefix, depth)) = stack.pop() {
            if depth > 16 || out.len() > 10_000 {
                break;
            }
            let Some(d) = self.dict(id) else { continue };
            let own = d
                .get(b"T")
                .ok()
                .and_then(|t| t.as_str().ok())
                .map(crate::pdf::write_object::read_text_string)
                .unwrap_or_default();
            let name = match (prefix.is_empty(), own.is_empty()) {
                (true, _) => own,
                (false, true) => prefix,
                (false, false) => format!("{prefix}.{own}"),
            };
            let kids: Vec<ObjectId> = d
                .get(b"Kids")
                .ok()
                .and_then(|k| self.resolve(k).as_array().ok())
                .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
                .unwrap_or_default();
            let has_field_kids = kids
                .iter()
                .any(|k| self.dict(*k).is_some_and(|kd| kd.has(b"T")));
            if has_field_kids {
                stack.extend(kids.into_iter().map(|k| (k, name.clone(), depth + 1)));
            } else {
                out.push((id, name));
            }
        }
        out
    }

    /// A field's type, inherited from its parents as ISO 32000 allows.
    pub fn field_type(&self, id: ObjectId) -> Option<Vec<u8>> {
        let mut cur = Some(id);
        for _ in 0..16 {
            let d = self.dict(cur?)?;
            if let Ok(ft) = d.get(b"FT").and_then(Object::as_name) {
                return Some(ft.to_vec());
            }
            cur = d.get(b"Parent").and_then(Object::as_reference).ok();
        }
        None
    }
}

impl PdfFile {
    /// A widget's /Rect, normalised so x0 < x1 and y0 < y1.
    pub fn rect_of(&self, id: ObjectId) -> Option<[f64; 4]> {
        let d = self.dict(id)?;
        let v: Vec<f64> = self
            .resolve(d.get(b"Rect").ok()?)
            .as_array()
            .ok()?
            .iter()
            .filter_map(|o| number(self.resolve(o)))
            .collect();
        (v.len() == 4).then(|| {
            [
                v[0].min(v[2]),
                v[1].min(v[3]),
                v[0].max(v[2]),
                v[1].max(v[3]),
            ]
        })
    }

    /// A signature field nobody has signed yet, by its full name: the
    /// place a certifying signer left for the next signature.
    pub fn empty_signature_field(&self, name: &str) -> Option<ObjectId> {
        let (id, _) = self.fields().into_iter().find(|(_, n)| n == name)?;
        let d = self.dict(id)?;
        (self.field_type(id).as_deref() == Some(b"Sig") && d.get(b"V").is_err()).then_some(id)
    }

    /// The page (0-based) a widget sits on, from its /P.
    pub fn page_of(&self, id: ObjectId) -> Option<usize> {
        let p = self
            .dict(id)?
            .get(b"P")
            .and_then(Object::as_reference)
            .ok()?;
        self.pages().iter().position(|x| *x == p)
    }
}

pub fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// The offset after the last `startxref` keyword.
pub fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let tail_start = bytes.len().saturating_sub(2048);
    let tail = &bytes[tail_start..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let digits: String = tail[at + 9..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    let offset: usize = digits.parse().ok()?;
    (offset < bytes.len()).then_some(offset)
}

impl PdfFile {
    /// The text fields that carry a value, by full name: where an issued
    /// document keeps its number and date (they are drawn in the fields'
    /// appearances, which a page-text reader never sees).
    pub fn text_field_values(&self) -> Vec<(String, String)> {
        self.fields()
            .into_iter()
            .filter(|(id, _)| self.field_type(*id).as_deref() == Some(b"Tx"))
            .filter_map(|(id, name)| {
                let v = self.dict(id)?.get(b"V").ok()?;
                let bytes = self.resolve(v).as_str().ok()?;
                Some((name, crate::pdf::write_object::read_text_string(bytes)))
            })
            .collect()
    }
}
