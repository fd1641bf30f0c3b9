//! The agency's key as the package's XML signer, and the check of a
//! received package's XML signature, with `eoffice-sign`'s cryptography
//! (domain.md §11: `edXML:DigitalSignature`, XML-DSig with SHA-256).

use eoffice_edxml::signature::{
    verify_package, SignatureCheck, XmlSigner, ECDSA_SHA256, RSA_SHA256,
};
use eoffice_edxml::EdxmlError;
use eoffice_sign::verify::crypto::{ecdsa_der_to_raw, verify_with_certificate};
use eoffice_sign::{KeyAlgorithm, SignerKey};

pub(crate) struct AgencyXmlSigner<'a>(pub &'a dyn SignerKey);

impl XmlSigner for AgencyXmlSigner<'_> {
    fn algorithm(&self) -> &'static str {
        match self.0.algorithm() {
            KeyAlgorithm::RsaSha256 => RSA_SHA256,
            KeyAlgorithm::EcdsaP256Sha256 => ECDSA_SHA256,
        }
    }

    fn certificate_der(&self) -> Vec<u8> {
        use der::Encode;
        self.0.certificate().to_der().unwrap_or_default()
    }

    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        let value = self.0.sign(data).map_err(|e| e.to_string())?;
        match self.0.algorithm() {
            KeyAlgorithm::RsaSha256 => Ok(value),
            KeyAlgorithm::EcdsaP256Sha256 => ecdsa_der_to_raw(&value),
        }
    }
}

/// `Ok(None)` for an unsigned package; an error when a signature is there
/// and does not cover the package as received.
pub(crate) fn verify_xml(bytes: &[u8]) -> Result<Option<SignatureCheck>, EdxmlError> {
    verify_package(bytes, &|alg, cert, data, value| {
        verify_with_certificate(cert, alg == ECDSA_SHA256, data, value)
    })
}

/// The signer's name, from its certificate's common name.
pub(crate) fn signer_name(check: &SignatureCheck) -> String {
    use der::Decode;
    x509_cert::Certificate::from_der(&check.certificate_der)
        .map(|c| eoffice_sign::verify::names::common_name(&c.tbs_certificate.subject))
        .unwrap_or_else(|_| "không rõ".into())
}

/// Whether the signer's certificate chains to one of the agency's trust
/// roots and is valid now; a sound signature by an unknown key is shown as
/// such, not as trusted.
pub(crate) fn signer_trusted(
    check: &SignatureCheck,
    trust: &eoffice_sign::verify::chain::TrustStore,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    use der::Decode;
    use eoffice_sign::verify::chain::{build_chain, valid_at};
    x509_cert::Certificate::from_der(&check.certificate_der)
        .is_ok_and(|c| valid_at(&c, now) && build_chain(&c, &[], trust).trusted)
}
