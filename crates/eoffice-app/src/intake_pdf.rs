//! Read a PDF and pre-fill the registration form; nothing is stored.

use crate::dto::{AttachedTo, DocumentFields, IntakeResult, OrganRef, SignerInfo};
use crate::{AppResult, Eoffice};
use eoffice_pdf::ocr::{ocr_pdf, OcrOptions};
use eoffice_pdf::{extract_fields, extract_layout, ExtractLimits, PdfLayout};
use eoffice_store::blobs::sha256_hex;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

/// What intake learns, with the document text for the search index.
#[derive(Clone)]
pub(crate) struct Intake {
    pub result: IntakeResult,
    pub text: String,
}

/// OCR settings with the progress callback: (pages done, pages).
pub(crate) type OcrRun<'a, 'b> = (&'a OcrOptions, &'b mut dyn FnMut(usize, usize));

/// Reads a PDF's text layer; a scan is read by OCR when `ocr` is given,
/// otherwise it comes back with `NeedsOcr` and no fields.
pub(crate) fn read_pdf(
    bytes: &[u8],
    file_name: Option<&str>,
    limits: ExtractLimits,
    ocr: Option<OcrRun<'_, '_>>,
) -> AppResult<Intake> {
    let read = extract_layout(bytes, limits)?;
    let scan = read.needs_ocr();
    // A failed OCR leaves the scan to be typed by hand, with the reason;
    // registration must not depend on the OCR engine.
    let mut ocr_error = None;
    let (layout, ocr_used) = match (scan, ocr) {
        (true, Some((opts, progress))) => match ocr_pdf(
            bytes,
            read.page_count,
            &OcrOptions {
                colour: read.colour_images,
                ..opts.clone()
            },
            progress,
        ) {
            Ok(o) => (o.layout, true),
            Err(e) => {
                ocr_error = Some(e.message_vi());
                (read.layout, false)
            }
        },
        _ => (read.layout, false),
    };
    let needs_ocr = scan && !ocr_used;
    let mut intake = from_layout(&layout, read.page_count, !needs_ocr);
    intake.result.file_name = file_name.map(String::from);
    intake.result.sha256 = sha256_hex(bytes);
    intake.result.text_layer = !scan;
    intake.result.needs_ocr = needs_ocr;
    intake.result.ocr = ocr_used;
    intake.result.ocr_error = ocr_error;
    intake.result.legacy_encoding = read.legacy_encoding.map(|e| e.code().to_string());
    Ok(intake)
}

/// The fields the layout rules find, with their confidences.
fn from_layout(layout: &PdfLayout, page_count: usize, read_fields: bool) -> Intake {
    let mut confidence = BTreeMap::new();
    let mut fields = DocumentFields {
        page_amount: Some(page_count as u32),
        ..Default::default()
    };
    let mut attached = None;
    if read_fields {
        let f = extract_fields(layout);
        let mut conf = |name: &str, c: f32| {
            confidence.insert(name.to_string(), c);
        };
        if let Some(n) = &f.number {
            fields.code_number = Some(n.value.number.to_string());
            fields.code_notation = Some(n.value.notation());
            conf("CodeNumber", n.confidence);
            conf("CodeNotation", n.confidence);
        }
        if let Some(t) = &f.doc_type {
            fields.type_name = Some(t.value.name().to_string());
            conf("TypeName", t.confidence);
        }
        if let Some(d) = &f.date {
            fields.issued_date = Some(d.value.format("%Y-%m-%d").to_string());
            conf("IssuedDate", d.confidence);
        }
        if let Some(p) = &f.place {
            fields.place = Some(p.value.clone());
            conf("Place", p.confidence);
        }
        if let Some(o) = &f.issuer {
            fields.organ_name = Some(o.value.clone());
            conf("OrganName", o.confidence);
        }
        if let Some(o) = &f.parent_organ {
            fields.parent_organ_name = Some(o.value.clone());
            conf("ParentOrganName", o.confidence);
        }
        if let Some(s) = &f.subject {
            fields.subject = Some(s.value.clone());
            conf("Subject", s.confidence);
        }
        if let Some(s) = &f.signer {
            fields.signer_info = SignerInfo {
                competence: s.value.competence.clone(),
                position: s.value.position.clone(),
                full_name: s.value.full_name.clone(),
            };
            conf("SignerInfo", s.confidence);
        }
        fields.priority = f.urgency.value.priority();
        conf("Priority", f.urgency.confidence);
        if let Some(s) = &f.secrecy {
            fields.secrecy = Some(s.value.code().to_string());
            conf("Secrecy", s.confidence);
        }
        if let Some(a) = &f.addressees {
            fields.to = a
                .value
                .iter()
                .map(|n| OrganRef {
                    organ_id: None,
                    organ_name: n.clone(),
                })
                .collect();
            conf("To", a.confidence);
        }
        if let Some(r) = &f.recipients {
            fields.to_places = r.value.clone();
            conf("ToPlaces", r.confidence);
        }
        attached = f.attached_to.map(|a| AttachedTo {
            type_name: a.type_name,
            code: a.number_notation,
        });
    }
    confidence.insert("PageAmount".into(), 1.0);
    Intake {
        text: layout.text(),
        result: IntakeResult {
            file_name: None,
            sha256: String::new(),
            text_layer: true,
            needs_ocr: false,
            ocr: false,
            ocr_error: None,
            legacy_encoding: None,
            fields,
            confidence,
            attached_to: attached,
            duplicate_of: None,
            signatures: None,
        },
    }
}

impl Eoffice {
    /// Reads a PDF and returns the pre-filled fields, with a warning when the
    /// same document is already registered.
    pub fn intake(&self, bytes: &[u8], file_name: Option<&str>) -> AppResult<IntakeResult> {
        self.intake_with_progress(bytes, file_name, &mut |_, _| {})
    }

    /// As [`Eoffice::intake`], reporting OCR progress as (pages done, pages).
    pub fn intake_with_progress(
        &self,
        bytes: &[u8],
        file_name: Option<&str>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> AppResult<IntakeResult> {
        let result = self.read_scanned(bytes, file_name, progress)?.result;
        self.finish_intake(bytes, result)
    }
}

/// Scans read by OCR, by SHA-256, for the whole process: the desktop reads
/// a scan on a connection of its own while the window stays usable, and
/// the registration that follows finds the reading here.
fn ocr_cache() -> &'static Mutex<HashMap<String, Intake>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Intake>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

impl Eoffice {
    /// The quick pre-fill: the text layer, or a scan's OCR reading when it
    /// is already done; otherwise `NeedsOcr` and the OCR is left to
    /// [`Eoffice::intake_with_progress`] in the background.
    pub fn intake_quick(&self, bytes: &[u8], file_name: Option<&str>) -> AppResult<IntakeResult> {
        let sha = sha256_hex(bytes);
        let cached = ocr_cache().lock().expect("not poisoned").get(&sha).cloned();
        let result = match cached {
            Some(mut hit) => {
                hit.result.file_name = file_name.map(String::from);
                hit.result
            }
            None => read_pdf(bytes, file_name, self.limits, None)?.result,
        };
        self.finish_intake(bytes, result)
    }

    /// What every pre-fill adds to the reading: the number and date from
    /// form fields, the duplicate warning and the signature verdict.
    fn finish_intake(&self, bytes: &[u8], mut result: IntakeResult) -> AppResult<IntakeResult> {
        form_number_and_date(bytes, &mut result);
        result.duplicate_of = self.duplicate_of(&result.fields)?;
        result.signatures = self.check_signatures(bytes)?.map(|c| c.badge);
        Ok(result)
    }

    /// Reads a PDF, by OCR when it is a scan. OCR costs seconds a page, so
    /// a scan's reading is kept per SHA-256 for the registration that
    /// follows the pre-fill.
    pub(crate) fn read_scanned(
        &self,
        bytes: &[u8],
        file_name: Option<&str>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> AppResult<Intake> {
        let sha = sha256_hex(bytes);
        if let Some(hit) = ocr_cache().lock().expect("not poisoned").get(&sha) {
            let mut hit = hit.clone();
            hit.result.file_name = file_name.map(String::from);
            return Ok(hit);
        }
        let ocr = self.ocr.as_ref().map(|o| (o, progress));
        let intake = read_pdf(bytes, file_name, self.limits, ocr)?;
        if intake.result.ocr {
            let mut cache = ocr_cache().lock().expect("not poisoned");
            // A clerk's queue holds a few dozen scans, not thousands.
            if cache.len() >= 64 {
                cache.clear();
            }
            cache.insert(sha, intake.clone());
        }
        Ok(intake)
    }
}

/// An issued document keeps its number and date in the form fields the
/// signer left and the clerk filled (issue 8): the page text has only the
/// blank "Số:     /UBND-VP". Those values stand in for what the page
/// text could not give.
pub(crate) fn form_number_and_date(bytes: &[u8], result: &mut IntakeResult) {
    if result.fields.code_number.is_some() && result.fields.issued_date.is_some() {
        return;
    }
    if !bytes.windows(7).any(|w| w == b"/AcroFo") {
        return;
    }
    let Ok(file) = eoffice_sign::pdf::file::PdfFile::open(bytes.to_vec()) else {
        return;
    };
    for (_, value) in file.text_field_values() {
        if result.fields.code_number.is_none() {
            if let Ok(n) = eoffice_domain::NumberSymbol::parse(&value) {
                result.fields.code_number = Some(n.number.to_string());
                result.fields.code_notation = Some(n.notation());
                result.confidence.insert("CodeNumber".into(), 0.95);
                result.confidence.insert("CodeNotation".into(), 0.95);
                continue;
            }
        }
        if result.fields.issued_date.is_none() {
            if let Ok(pd) = eoffice_domain::parse_date_line(&value) {
                result.fields.issued_date = Some(pd.date.format("%Y-%m-%d").to_string());
                result.confidence.insert("IssuedDate".into(), 0.95);
                if result.fields.place.is_none() {
                    result.fields.place = Some(pd.place);
                }
            }
        }
    }
}
