//! `edxml parse`: what a package says, with the edXML names, and whether
//! the national axis would take it as written (domain.md §11).

use crate::error::AppResult;
use eoffice_edxml::{read_package, Package};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ParsedPackage {
    #[serde(flatten)]
    pub package: Package,
    /// False when elements lack the `edXML:` prefix: read here, refused by
    /// the national axis.
    pub national_axis_accepts: bool,
    pub unprefixed: Vec<String>,
    pub xml_signature_present: bool,
}

pub fn parse_edxml(bytes: &[u8]) -> AppResult<ParsedPackage> {
    let read = read_package(bytes)?;
    let xml_signature_present = read.signed;
    Ok(ParsedPackage {
        national_axis_accepts: read.national_axis_would_accept(),
        unprefixed: read.unprefixed,
        xml_signature_present,
        package: read.package,
    })
}
