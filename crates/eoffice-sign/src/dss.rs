//! Long-term validation data (PAdES B-LT): the certificates of the chain
//! and the revocation lists that show it was good, kept in the file's
//! Document Security Store so the signature can be checked years later
//! without the CA being reachable. Added as its own incremental update
//! after the signature, which pyHanko and DocMDP treat as permitted.
//! CRLs come from the caller (a local list) or from the distribution
//! points the certificates name, fetched once here.

use crate::error::SignError;
use crate::pdf::file::PdfFile;
use crate::pdf::update::Update;
use der::{Decode, Encode};
use lopdf::{Dictionary, Object, Stream};
use std::time::Duration;
use x509_cert::Certificate;

/// Appends a DSS with `certs` and `crls` (DER each) to a signed PDF.
pub fn add_dss(pdf: Vec<u8>, certs: &[Vec<u8>], crls: &[Vec<u8>]) -> Result<Vec<u8>, SignError> {
    let file = PdfFile::open(pdf)?;
    let catalog_id = file.catalog_id()?;
    let mut catalog = file
        .dict(catalog_id)
        .cloned()
        .ok_or_else(|| SignError::Damaged("the catalog is missing".into()))?;
    let mut up = Update::new(&file);
    // What an earlier DSS held stays, so later signatures keep theirs.
    let old = catalog
        .get(b"DSS")
        .ok()
        .and_then(|d| file.resolve(d).as_dict().ok())
        .cloned()
        .unwrap_or_default();
    let list = |up: &mut Update<'_>, key: &[u8], items: &[Vec<u8>]| {
        let mut refs: Vec<Object> = old
            .get(key)
            .ok()
            .and_then(|a| file.resolve(a).as_array().ok())
            .cloned()
            .unwrap_or_default();
        for der in items {
            let id = up.add(&Object::Stream(Stream::new(Dictionary::new(), der.clone())));
            refs.push(Object::Reference(id));
        }
        Object::Array(refs)
    };
    let mut dss = Dictionary::new();
    dss.set("Type", Object::Name(b"DSS".to_vec()));
    let certs_obj = list(&mut up, b"Certs", certs);
    let crls_obj = list(&mut up, b"CRLs", crls);
    dss.set("Certs", certs_obj);
    dss.set("CRLs", crls_obj);
    let dss_id = up.add(&Object::Dictionary(dss));
    catalog.set("DSS", Object::Reference(dss_id));
    up.set(catalog_id, &Object::Dictionary(catalog));
    Ok(up.finish().bytes)
}

/// The HTTP(S) CRL distribution points a certificate names.
pub fn crl_urls(cert: &Certificate) -> Vec<String> {
    use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
    use x509_cert::ext::pkix::CrlDistributionPoints;
    let Some(ext) = cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_CRL_DISTRIBUTION_POINTS)
    else {
        return Vec::new();
    };
    let Ok(points) = CrlDistributionPoints::from_der(ext.extn_value.as_bytes()) else {
        return Vec::new();
    };
    points
        .0
        .iter()
        .filter_map(|p| match &p.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|n| match n {
            GeneralName::UniformResourceIdentifier(u) => Some(u.to_string()),
            _ => None,
        })
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .collect()
}

/// Fetches the CRLs of every certificate in `chain` that names one.
/// Returns what could be fetched and what could not (offline, refused).
pub fn fetch_crls(chain: &[Certificate]) -> (Vec<Vec<u8>>, Vec<String>) {
    let (mut got, mut failed) = (Vec::new(), Vec::new());
    for url in chain.iter().flat_map(crl_urls) {
        let reply = crate::http::send(crate::http::Request {
            method: "GET",
            url: &url,
            body: None,
            content_type: None,
            basic_auth: None,
            timeout: Duration::from_secs(10),
        });
        match reply {
            Ok(r)
                if (200..300).contains(&r.status)
                    && x509_cert::crl::CertificateList::from_der(&r.body).is_ok() =>
            {
                got.push(r.body)
            }
            Ok(r) => failed.push(format!("{url}: HTTP {} or not a CRL", r.status)),
            Err(e) => failed.push(e),
        }
    }
    (got, failed)
}

/// The DER of a signer's chain as its key holder knows it.
pub fn chain_der(key: &dyn crate::SignerKey) -> Vec<Vec<u8>> {
    std::iter::once(key.certificate())
        .chain(key.chain())
        .filter_map(|c| c.to_der().ok())
        .collect()
}
