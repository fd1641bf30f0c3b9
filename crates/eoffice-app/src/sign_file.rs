//! Signs a PDF file as a person or as the agency (domain.md §8), placing
//! the image where Appendix I puts it. The same path serves the CLI's
//! `eoffice sign`, batch signing and issue.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, FixedOffset};
use eoffice_sign::cms_signature::TimeStamper;
use eoffice_sign::key::pkcs12_file::Pkcs12Key;
use eoffice_sign::pdf::file::PdfFile;
use eoffice_sign::pdf::image::decode_png;
use eoffice_sign::placement;
use eoffice_sign::sign_pdf::{
    sign_opened, Appearance, BlankField, SignOptions, REASON_AGENCY, REASON_PERSON,
};
use eoffice_sign::verify::names::common_name;
use eoffice_sign::SignerKey;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignAs {
    /// The competent person's own signature (box 7c).
    Person,
    /// The agency's signature, the electronic seal (box 8).
    Agency,
}

pub struct SignFileRequest<'a> {
    pub pdf: Vec<u8>,
    pub key: &'a dyn SignerKey,
    pub role: SignAs,
    /// The person's signature or the seal (PNG, 300 dpi).
    pub image: Option<Vec<u8>>,
    pub time: DateTime<FixedOffset>,
    /// For an outgoing document's signer: certify (DocMDP P=2) and leave
    /// blank fields at "Số: …/…" and the date line for the clerk.
    pub leave_issue_fields: bool,
    /// For the clerk at issue: values for those fields.
    pub fill: Vec<(String, String)>,
    /// A time-stamping authority: the signature becomes PAdES B-T.
    pub tsa: Option<&'a dyn TimeStamper>,
    /// CRLs at hand (DER or PEM); with those the chain's distribution
    /// points give, they go into the DSS (B-LT with a time-stamp).
    pub crls: Vec<Vec<u8>>,
}

/// The blank fields the signer leaves and the clerk fills at issue.
pub const FIELD_NUMBER: &str = "SoKyHieu";
pub const FIELD_DATE: &str = "NgayThang";
/// The empty signature field the signer leaves for the agency's seal.
pub const FIELD_SEAL: &str = "ChuKyCoQuan";

/// The seal field is 42 mm square, the largest agency seal (Decree
/// 99/2016), so any seal fits at actual size.
const SEAL_FIELD: f64 = 42.0 * 72.0 / 25.4;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignedFile {
    #[serde(skip)]
    pub pdf: Vec<u8>,
    pub signer: String,
    pub role: &'static str,
    /// Where the signature shows: page (1-based) and rectangle in points,
    /// or none when it has no appearance.
    pub page: Option<usize>,
    pub rect: Option<[f64; 4]>,
    pub level: &'static str,
    pub bytes: usize,
    /// The fields filled in this update (the number and the date at issue).
    pub filled: Vec<String>,
    /// Revocation data kept in the file, or why there is none.
    pub revocation: String,
}

/// Opens a PKCS#12 file; the password is used and dropped, never kept.
pub fn open_pkcs12(bytes: &[u8], password: &str) -> AppResult<Pkcs12Key> {
    Pkcs12Key::open(bytes, password).map_err(AppError::from)
}

pub fn sign_file(req: SignFileRequest<'_>) -> AppResult<SignedFile> {
    let signer = common_name(&req.key.certificate().tbs_certificate.subject);
    let (reason, role) = match req.role {
        SignAs::Person => (REASON_PERSON, "person"),
        SignAs::Agency => (REASON_AGENCY, "agency"),
    };
    // Parsed once: placement reads the same structure the update writes to.
    let file = PdfFile::open(req.pdf.clone())?;
    let seal_field = match req.role {
        SignAs::Agency => file.empty_signature_field(FIELD_SEAL),
        SignAs::Person => None,
    };
    let appearance = match seal_field {
        Some(id) => seal_in_field(&req, &file, id)?,
        None => appearance(&req, &file, &signer)?,
    };
    let spot = match &appearance {
        Appearance::Invisible => None,
        Appearance::Image { page, rect, .. } | Appearance::Stamp { page, rect, .. } => {
            Some((*page + 1, *rect))
        }
    };
    let mut opts = SignOptions::new(reason, req.time);
    opts.appearance = appearance;
    if seal_field.is_some() {
        opts.field_name = Some(FIELD_SEAL.to_string());
    }
    if req.leave_issue_fields {
        // P=2: filling the fields and signing the empty seal field stay
        // permitted changes, so the signer's signature survives the issue.
        opts.certify = Some(2);
        let spots = placement::issue_spots(&req.pdf);
        for (name, spot) in [(FIELD_NUMBER, spots.number), (FIELD_DATE, spots.date)] {
            if let Some(((page, rect), size)) = spot {
                opts.add_fields.push(BlankField {
                    name: name.to_string(),
                    page,
                    rect,
                    font_size: size,
                    signature: false,
                });
            }
        }
        let person = match &opts.appearance {
            Appearance::Image { page, rect, .. } => (*page, *rect),
            _ => placement::person_spot(&req.pdf, NOMINAL_SIGNATURE)
                .unwrap_or_else(|| placement::fallback_person_spot(&file, NOMINAL_SIGNATURE)),
        };
        let (page, r) = placement::seal_spot(person, (SEAL_FIELD, SEAL_FIELD));
        opts.add_fields.push(BlankField {
            name: FIELD_SEAL.to_string(),
            page,
            rect: r,
            font_size: 0.0,
            signature: true,
        });
    }
    let present = file.fields();
    opts.fill = req
        .fill
        .iter()
        .filter(|(name, _)| present.iter().any(|(_, n)| n == name))
        .cloned()
        .collect();
    opts.tsa = req.tsa;
    let pdf = sign_opened(&file, req.key, &opts)?;
    let (pdf, revocation, has_dss) = long_term(pdf, &req)?;
    Ok(SignedFile {
        revocation,
        filled: opts.fill.iter().map(|(n, _)| n.clone()).collect(),
        bytes: pdf.len(),
        pdf,
        signer,
        role,
        page: spot.map(|s| s.0),
        rect: spot.map(|s| s.1),
        level: match (req.tsa.is_some(), has_dss) {
            (true, true) => "B-LT",
            (true, false) => "B-T",
            _ => "B-B",
        },
    })
}

/// Adds the chain and its CRLs in a DSS when any CRL is at hand: the
/// caller's, and those the certificates' distribution points give.
fn long_term(pdf: Vec<u8>, req: &SignFileRequest<'_>) -> AppResult<(Vec<u8>, String, bool)> {
    use eoffice_sign::dss::{add_dss, chain_der, fetch_crls};
    let mut crls = Vec::new();
    for bytes in &req.crls {
        let lists = eoffice_sign::verify::revocation::parse_crls(bytes).map_err(|e| {
            AppError::invalid(
                "Tệp danh sách thu hồi (CRL) không đọc được.",
                format!("the CRL cannot be read: {e}"),
            )
        })?;
        for l in lists {
            use der::Encode;
            crls.push(l.to_der().expect("a parsed CRL encodes"));
        }
    }
    let mut chain = vec![req.key.certificate().clone()];
    chain.extend(req.key.chain().iter().cloned());
    let (fetched, failed) = fetch_crls(&chain);
    crls.extend(fetched);
    if crls.is_empty() {
        let why = if failed.is_empty() {
            "none: the certificates name no CRL".to_string()
        } else {
            format!("none: {}", failed.join("; "))
        };
        return Ok((pdf, why, false));
    }
    let n = crls.len();
    let pdf = add_dss(pdf, &chain_der(req.key), &crls)?;
    Ok((pdf, format!("{n} CRL in the DSS"), true))
}

/// A handwritten signature's usual size (480×190 px at 300 dpi), for
/// placing the seal field when the person signs without an image.
const NOMINAL_SIGNATURE: (f64, f64) = (115.2, 45.6);

/// The seal at actual size, centred in the field the signer left (scaled
/// down only if it is larger than the field).
fn seal_in_field(
    req: &SignFileRequest<'_>,
    file: &PdfFile,
    field: eoffice_sign::ObjectId,
) -> AppResult<Appearance> {
    let page = file.page_of(field).unwrap_or(0);
    let f = file
        .rect_of(field)
        .ok_or_else(|| AppError::from(eoffice_sign::SignError::NoSuchField(FIELD_SEAL.into())))?;
    let Some(png) = &req.image else {
        return Ok(Appearance::Invisible);
    };
    let img = decode_png(png)?;
    let (w, h) = placement::native_size(img.width, img.height);
    let (fw, fh) = (f[2] - f[0], f[3] - f[1]);
    let scale = (fw / w).min(fh / h).min(1.0);
    let (w, h) = (w * scale, h * scale);
    let (cx, cy) = ((f[0] + f[2]) / 2.0, (f[1] + f[3]) / 2.0);
    Ok(Appearance::Image {
        page,
        rect: [cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0],
        png: png.clone(),
    })
}

fn appearance(req: &SignFileRequest<'_>, file: &PdfFile, signer: &str) -> AppResult<Appearance> {
    match (req.role, &req.image) {
        (SignAs::Person, Some(png)) => {
            let img = decode_png(png)?;
            let size = placement::native_size(img.width, img.height);
            let (page, rect) = placement::person_spot(&req.pdf, size)
                .unwrap_or_else(|| placement::fallback_person_spot(file, size));
            Ok(Appearance::Image {
                page,
                rect,
                png: png.clone(),
            })
        }
        (SignAs::Person, None) => Ok(Appearance::Invisible),
        (SignAs::Agency, image) => {
            match (placement::existing_signature_spot(file), image) {
                (Some(person), Some(png)) => {
                    let img = decode_png(png)?;
                    let (page, rect) =
                        placement::seal_spot(person, placement::native_size(img.width, img.height));
                    Ok(Appearance::Image {
                        page,
                        rect,
                        png: png.clone(),
                    })
                }
                (Some(_), None) => Ok(Appearance::Invisible),
                // An attachment in its own file: no image, the number and
                // the time at the top right of page 1 (Appendix I).
                (None, _) => {
                    let (page, rect) = placement::attachment_stamp_spot(file);
                    let mut lines = vec![signer.to_string()];
                    if let Some(n) = placement::number_symbol(&req.pdf) {
                        lines.push(format!("Số: {n}"));
                    }
                    lines.push(req.time.to_rfc3339());
                    Ok(Appearance::Stamp { page, rect, lines })
                }
            }
        }
    }
}
