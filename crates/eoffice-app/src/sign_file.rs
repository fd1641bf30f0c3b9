//! Signs a PDF file as a person or as the agency (domain.md §8), placing
//! the image where Appendix I puts it. The same path serves the CLI's
//! `eoffice sign`, batch signing and issue.

use crate::error::{AppError, AppResult};
use chrono::{DateTime, FixedOffset};
use eoffice_sign::key::pkcs12_file::Pkcs12Key;
use eoffice_sign::pdf::file::PdfFile;
use eoffice_sign::pdf::image::decode_png;
use eoffice_sign::placement;
use eoffice_sign::sign_pdf::{sign_opened, Appearance, SignOptions, REASON_AGENCY, REASON_PERSON};
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
}

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
    let appearance = appearance(&req, &file, &signer)?;
    let spot = match &appearance {
        Appearance::Invisible => None,
        Appearance::Image { page, rect, .. } | Appearance::Stamp { page, rect, .. } => {
            Some((*page + 1, *rect))
        }
    };
    let mut opts = SignOptions::new(reason, req.time);
    opts.appearance = appearance;
    let pdf = sign_opened(&file, req.key, &opts)?;
    Ok(SignedFile {
        bytes: pdf.len(),
        pdf,
        signer,
        role,
        page: spot.map(|s| s.0),
        rect: spot.map(|s| s.1),
        level: "B-B",
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
