//! The CMS half of a PDF signature: which certificate signed, whether the
//! message digest matches the signed bytes, whether the signature over the
//! signed attributes is sound, and the time-stamp token when there is one.

use crate::cms_signature::{ID_AA_TIME_STAMP_TOKEN, ID_MESSAGE_DIGEST};
use crate::verify::crypto::{self, Hash};
use chrono::{DateTime, TimeZone, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use const_oid::ObjectIdentifier;
use der::asn1::OctetString;
use der::{Decode, Encode, Reader, SliceReader};
use x509_cert::Certificate;

const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

pub struct CmsFacts {
    pub signer: Option<Certificate>,
    pub certificates: Vec<Certificate>,
    pub digest_matches: bool,
    pub signature_sound: bool,
    pub claimed_time: Option<DateTime<Utc>>,
    pub timestamp: Option<TimestampFacts>,
    pub problem: Option<String>,
}

pub struct TimestampFacts {
    pub time: DateTime<Utc>,
    /// The token is sound and covers this signature value.
    pub sound: bool,
    pub tsa: Option<Certificate>,
    pub certificates: Vec<Certificate>,
}

/// Decodes the first DER value of `bytes`, ignoring the zero padding that
/// fills the rest of a signature's /Contents.
fn first_der<'a, T: Decode<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    let mut r = SliceReader::new(bytes).map_err(|e| e.to_string())?;
    let v = T::decode(&mut r).map_err(|e| e.to_string())?;
    let rest = r.remaining_len();
    let tail = &bytes[bytes.len() - u32::from(rest) as usize..];
    if tail.iter().any(|b| *b != 0) {
        return Err("data after the signature".into());
    }
    Ok(v)
}

fn certificates_of(sd: &SignedData) -> Vec<Certificate> {
    sd.certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn find_signer(si: &SignerInfo, certs: &[Certificate]) -> Option<Certificate> {
    match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(isn) => certs
            .iter()
            .find(|c| {
                c.tbs_certificate.issuer == isn.issuer
                    && c.tbs_certificate.serial_number == isn.serial_number
            })
            .cloned(),
        SignerIdentifier::SubjectKeyIdentifier(ski) => certs
            .iter()
            .find(|c| {
                c.tbs_certificate
                    .extensions
                    .iter()
                    .flatten()
                    .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
                    .and_then(|e| OctetString::from_der(e.extn_value.as_bytes()).ok())
                    .is_some_and(|k| k.as_bytes() == ski.0.as_bytes())
            })
            .cloned(),
    }
}

fn attr_value(si: &SignerInfo, oid: ObjectIdentifier, signed: bool) -> Option<&der::Any> {
    let set = if signed {
        si.signed_attrs.as_ref()
    } else {
        si.unsigned_attrs.as_ref()
    }?;
    set.iter().find(|a| a.oid == oid)?.values.iter().next()
}

/// Checks one SignerInfo of `sd` against `content_digest_of`, which gives
/// the digest of the signed content under the signer's digest algorithm.
fn check_signer(
    sd: &SignedData,
    content_digest_of: &dyn Fn(Hash) -> Vec<u8>,
) -> (Option<Certificate>, bool, bool, Option<String>) {
    let certs = certificates_of(sd);
    let Some(si) = sd.signer_infos.0.iter().next() else {
        return (
            None,
            false,
            false,
            Some("the signature has no signer".into()),
        );
    };
    let signer = find_signer(si, &certs);
    let Some(hash) = Hash::from_oid(&si.digest_alg.oid) else {
        return (
            signer,
            false,
            false,
            Some(format!(
                "digest algorithm {} is not supported",
                si.digest_alg.oid
            )),
        );
    };
    let digest = content_digest_of(hash);
    let (digest_matches, message) = match &si.signed_attrs {
        Some(attrs) => {
            let claimed = attr_value(si, ID_MESSAGE_DIGEST, true)
                .and_then(|v| v.decode_as::<OctetString>().ok());
            let matches = claimed.is_some_and(|c| c.as_bytes() == digest.as_slice());
            (matches, attrs.to_der().ok())
        }
        None => (true, None),
    };
    let Some(cert) = signer.clone() else {
        return (
            None,
            digest_matches,
            false,
            Some("the signer's certificate is not in the signature".into()),
        );
    };
    // Without signed attributes the signature is over the content itself,
    // which for a PDF means the digest: only signed attributes are PAdES.
    let Some(message) = message else {
        return (
            signer,
            false,
            false,
            Some("a signature without signed attributes is not PAdES".into()),
        );
    };
    let sound = crypto::verify(
        &cert.tbs_certificate.subject_public_key_info,
        &si.signature_algorithm.oid,
        Some(hash),
        &message,
        si.signature.as_bytes(),
    );
    match sound {
        Ok(ok) => (signer, digest_matches, ok, None),
        Err(e) => (signer, digest_matches, false, Some(e)),
    }
}

pub fn check_cms(contents: &[u8], byte_ranges: &[&[u8]]) -> CmsFacts {
    let fail = |problem: String| CmsFacts {
        signer: None,
        certificates: Vec::new(),
        digest_matches: false,
        signature_sound: false,
        claimed_time: None,
        timestamp: None,
        problem: Some(problem),
    };
    let info: ContentInfo = match first_der(contents) {
        Ok(i) => i,
        Err(e) => return fail(format!("the signature is not CMS: {e}")),
    };
    let sd: SignedData = match info.content.decode_as() {
        Ok(s) => s,
        Err(e) => return fail(format!("the signature is not CMS SignedData: {e}")),
    };
    let (signer, digest_matches, signature_sound, problem) =
        check_signer(&sd, &|h: Hash| h.digest_parts(byte_ranges));
    let si = sd.signer_infos.0.iter().next();
    let claimed_time = si
        .and_then(|si| attr_value(si, ID_SIGNING_TIME, true))
        .and_then(|v| v.to_der().ok())
        .and_then(|d| x509_cert::time::Time::from_der(&d).ok())
        .and_then(|t| {
            Utc.timestamp_opt(t.to_unix_duration().as_secs() as i64, 0)
                .single()
        });
    let timestamp = si.and_then(|si| {
        let token = attr_value(si, ID_AA_TIME_STAMP_TOKEN, false)?;
        check_timestamp(token, si.signature.as_bytes())
    });
    CmsFacts {
        signer,
        certificates: certificates_of(&sd),
        digest_matches,
        signature_sound,
        claimed_time,
        timestamp,
        problem,
    }
}

fn check_timestamp(token: &der::Any, signature_value: &[u8]) -> Option<TimestampFacts> {
    let der = token.to_der().ok()?;
    let info = ContentInfo::from_der(&der).ok()?;
    let sd: SignedData = info.content.decode_as().ok()?;
    if sd.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return None;
    }
    let econtent = sd.encap_content_info.econtent.as_ref()?;
    let tst_der = econtent.decode_as::<OctetString>().ok()?;
    let tst = x509_tsp::TstInfo::from_der(tst_der.as_bytes()).ok()?;
    let time = Utc
        .timestamp_opt(tst.gen_time.to_unix_duration().as_secs() as i64, 0)
        .single()?;
    let imprint_hash = Hash::from_oid(&tst.message_imprint.hash_algorithm.oid);
    let covers = imprint_hash.is_some_and(|h| {
        h.digest_parts(&[signature_value]) == tst.message_imprint.hashed_message.as_bytes()
    });
    let (tsa, digest_ok, sound, _) =
        check_signer(&sd, &|h: Hash| h.digest_parts(&[tst_der.as_bytes()]));
    Some(TimestampFacts {
        time,
        sound: covers && digest_ok && sound,
        tsa,
        certificates: certificates_of(&sd),
    })
}
