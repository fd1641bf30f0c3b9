//! The CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1
//! §6.3): detached, SHA-256, with content-type, message-digest and
//! signing-certificate-v2 signed attributes and no signing-time attribute
//! (the time is the signature dictionary's /M, or a time-stamp token as an
//! unsigned attribute for B-T).

use crate::error::SignError;
use crate::key::{KeyAlgorithm, SignerKey};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::db::rfc5911::{ID_AA_SIGNING_CERTIFICATE_V_2, ID_DATA, ID_SIGNED_DATA};
use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, ID_SHA_256, RSA_ENCRYPTION};
use const_oid::ObjectIdentifier;
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;

pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const ID_AA_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// ESSCertIDv2 with the default hash (SHA-256) left out, as DER requires.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    pub cert_hash: OctetString,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
}

/// Gets an RFC 3161 token for the signature value (B-T).
pub trait TimeStamper {
    /// The TimeStampToken (a ContentInfo) over SHA-256(`data`).
    fn stamp(&self, data: &[u8]) -> Result<Vec<u8>, SignError>;
}

fn der_err(e: der::Error) -> SignError {
    SignError::Unsupported(format!("ASN.1 encoding: {e}"))
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, SignError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(der_err)?;
    Ok(Attribute { oid, values })
}

pub fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ID_SHA_256,
        parameters: None,
    }
}

/// The DER of a detached CMS signature over `document_digest`.
pub fn build_cms(
    key: &dyn SignerKey,
    document_digest: &[u8],
    tsa: Option<&dyn TimeStamper>,
) -> Result<Vec<u8>, SignError> {
    let cert = key.certificate();
    let cert_der = cert.to_der().map_err(der_err)?;
    let mut signed_attrs = SetOfVec::new();
    signed_attrs
        .insert(attribute(
            ID_CONTENT_TYPE,
            Any::encode_from(&ID_DATA).map_err(der_err)?,
        )?)
        .map_err(der_err)?;
    let digest = OctetString::new(document_digest.to_vec()).map_err(der_err)?;
    signed_attrs
        .insert(attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&digest).map_err(der_err)?,
        )?)
        .map_err(der_err)?;
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&cert_der).to_vec()).map_err(der_err)?,
        }],
    };
    signed_attrs
        .insert(attribute(
            ID_AA_SIGNING_CERTIFICATE_V_2,
            Any::encode_from(&ess).map_err(der_err)?,
        )?)
        .map_err(der_err)?;
    let to_sign = signed_attrs.to_der().map_err(der_err)?;
    let signature = key.sign(&to_sign)?;
    let signature_algorithm = match key.algorithm() {
        KeyAlgorithm::RsaSha256 => AlgorithmIdentifierOwned {
            oid: RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        KeyAlgorithm::EcdsaP256Sha256 => AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA_256,
            parameters: None,
        },
    };
    let unsigned_attrs = match tsa {
        None => None,
        Some(tsa) => {
            let token = tsa.stamp(&signature)?;
            let token = Any::from_der(&token).map_err(|e| SignError::Tsa(e.to_string()))?;
            let mut set = SetOfVec::new();
            set.insert(attribute(ID_AA_TIME_STAMP_TOKEN, token)?)
                .map_err(der_err)?;
            Some(set)
        }
    };
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm,
        signature: OctetString::new(signature).map_err(der_err)?,
        unsigned_attrs,
    };
    let mut certs = vec![CertificateChoices::Certificate(cert.clone())];
    for c in key.chain() {
        if c != cert {
            certs.push(CertificateChoices::Certificate(c.clone()));
        }
    }
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256_alg()).map_err(der_err)?;
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet::try_from(certs).map_err(der_err)?),
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer]).map_err(der_err)?,
    };
    let info = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed).map_err(der_err)?,
    };
    info.to_der().map_err(der_err)
}
