//! The package's XML signature, `edXML:DigitalSignature` (domain.md §11):
//! an enveloped XML-DSig over the whole package with exclusive
//! canonicalization and SHA-256, RSA or ECDSA P-256, the signer's
//! certificate in `KeyInfo`. The cryptography itself is the caller's
//! (`eoffice-sign` holds the keys and verifies): this module decides what
//! bytes are signed and checks that the signature covers the package.

use crate::c14n::{canonicalize, declarations};
use crate::error::EdxmlError;
use crate::tree::{read_tree, Element, Limits};
use base64::Engine;
use sha2::{Digest, Sha256};

pub const DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
pub const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
pub const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
pub const ECDSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

/// Whoever holds the agency's key.
pub trait XmlSigner {
    /// `RSA_SHA256` or `ECDSA_SHA256`.
    fn algorithm(&self) -> &'static str;
    fn certificate_der(&self) -> Vec<u8>;
    /// The signature over `data` as XML-DSig writes it: PKCS#1 v1.5 for
    /// RSA, `r‖s` for ECDSA.
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, String>;
}

/// Checks a signature value: `(algorithm, certificate DER, data, value)`.
pub type Verifier<'a> = &'a dyn Fn(&str, &[u8], &[u8], &[u8]) -> Result<bool, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCheck {
    pub certificate_der: Vec<u8>,
    pub algorithm: String,
}

const EMPTY_SLOT: &str = "<edXML:DigitalSignature/>";

fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

fn is_signature(e: &Element) -> bool {
    e.local == "Signature" && e.namespace.as_deref() == Some(DSIG)
}

fn find<'a>(e: &'a Element, pred: &dyn Fn(&Element) -> bool) -> Option<&'a Element> {
    if pred(e) {
        return Some(e);
    }
    e.children.iter().find_map(|c| find(c, pred))
}

/// The namespaces declared on the ancestors of `target`, outermost first.
fn inherited(root: &Element, target: &Element) -> Vec<(String, String)> {
    fn walk(e: &Element, target: &Element, acc: &mut Vec<(String, String)>) -> bool {
        if std::ptr::eq(e, target) {
            return true;
        }
        let before = acc.len();
        acc.extend(declarations(e));
        for c in &e.children {
            if walk(c, target, acc) {
                return true;
            }
        }
        acc.truncate(before);
        false
    }
    let mut acc = Vec::new();
    walk(root, target, &mut acc);
    acc
}

fn signed_info(digest: &str, algorithm: &str) -> String {
    format!(
        "<SignedInfo xmlns=\"{DSIG}\"><CanonicalizationMethod Algorithm=\"{EXC_C14N}\"></CanonicalizationMethod><SignatureMethod Algorithm=\"{algorithm}\"></SignatureMethod><Reference URI=\"\"><Transforms><Transform Algorithm=\"{ENVELOPED}\"></Transform><Transform Algorithm=\"{EXC_C14N}\"></Transform></Transforms><DigestMethod Algorithm=\"{SHA256}\"></DigestMethod><DigestValue>{digest}</DigestValue></Reference></SignedInfo>"
    )
}

/// Signs a package written by `write_package` (its signature slot empty).
pub fn sign_package(bytes: &[u8], signer: &dyn XmlSigner) -> Result<Vec<u8>, EdxmlError> {
    let text = std::str::from_utf8(bytes).map_err(|_| EdxmlError::Signature {
        why: "the package is not UTF-8".into(),
    })?;
    if text.matches(EMPTY_SLOT).count() != 1 {
        return Err(EdxmlError::Signature {
            why: "the package has no empty edXML:DigitalSignature to sign into".into(),
        });
    }
    let root = read_tree(bytes, Limits::default())?;
    let digest = b64(&Sha256::digest(canonicalize(&root, &[], &|_| false)));
    // SignedInfo is written in its canonical form, so the bytes signed are
    // the bytes a verifier canonicalizes back.
    let info = signed_info(&digest, signer.algorithm());
    let value = signer
        .sign(info.as_bytes())
        .map_err(|why| EdxmlError::Signature { why })?;
    let signature = format!(
        "<edXML:DigitalSignature><Signature xmlns=\"{DSIG}\">{}<SignatureValue>{}</SignatureValue><KeyInfo><X509Data><X509Certificate>{}</X509Certificate></X509Data></KeyInfo></Signature></edXML:DigitalSignature>",
        &info.replacen(&format!(" xmlns=\"{DSIG}\""), "", 1),
        b64(&value),
        b64(&signer.certificate_der())
    );
    Ok(text.replacen(EMPTY_SLOT, &signature, 1).into_bytes())
}

/// Verifies the package's XML signature; `Ok(None)` when it has none.
pub fn verify_package(
    bytes: &[u8],
    verifier: Verifier<'_>,
) -> Result<Option<SignatureCheck>, EdxmlError> {
    let bad = |why: &str| EdxmlError::Signature { why: why.into() };
    let root = read_tree(bytes, Limits::default())?;
    let Some(sig) = find(&root, &is_signature) else {
        return Ok(None);
    };
    let child = |e: &'_ Element, name: &str| -> Result<Element, EdxmlError> {
        e.children
            .iter()
            .find(|c| c.local == name && c.namespace.as_deref() == Some(DSIG))
            .cloned()
            .ok_or_else(|| EdxmlError::Signature {
                why: format!("{name} is missing"),
            })
    };
    let info = child(sig, "SignedInfo")?;
    let method = |e: &Element, name: &str| -> Result<String, EdxmlError> {
        Ok(child(e, name)?
            .attribute("Algorithm")
            .unwrap_or_default()
            .to_string())
    };
    if method(&info, "CanonicalizationMethod")? != EXC_C14N {
        return Err(bad("only exclusive canonicalization is accepted"));
    }
    let algorithm = method(&info, "SignatureMethod")?;
    if algorithm != RSA_SHA256 && algorithm != ECDSA_SHA256 {
        return Err(bad("only RSA-SHA256 and ECDSA-SHA256 are accepted"));
    }
    let reference = child(&info, "Reference")?;
    if reference.attribute("URI") != Some("") {
        return Err(bad("the signature must cover the whole package (URI=\"\")"));
    }
    let transforms: Vec<String> = child(&reference, "Transforms")?
        .children
        .iter()
        .map(|t| t.attribute("Algorithm").unwrap_or_default().to_string())
        .collect();
    if transforms != [ENVELOPED, EXC_C14N] && transforms != [ENVELOPED] {
        return Err(bad(
            "the transforms must be enveloped-signature and exclusive canonicalization",
        ));
    }
    if method(&reference, "DigestMethod")? != SHA256 {
        return Err(bad("the digest must be SHA-256"));
    }
    let decode = |s: &str| {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact)
            .map_err(|_| bad("a value is not base64"))
    };
    let expected = decode(&child(&reference, "DigestValue")?.text)?;
    let actual = Sha256::digest(canonicalize(&root, &[], &|e| is_signature(e)));
    if expected != actual.as_slice() {
        return Err(bad(
            "the package was changed after it was signed (digest mismatch)",
        ));
    }
    let cert = decode(
        &find(sig, &|e| e.local == "X509Certificate")
            .ok_or_else(|| bad("the signer's certificate is missing"))?
            .text,
    )?;
    let value = decode(&child(sig, "SignatureValue")?.text)?;
    // SignedInfo in context: the namespaces its ancestors declare.
    let info_in_tree = find(sig, &|e| e.local == "SignedInfo").expect("found above");
    let canonical_info = canonicalize(info_in_tree, &inherited(&root, info_in_tree), &|_| false);
    match verifier(&algorithm, &cert, &canonical_info, &value) {
        Ok(true) => Ok(Some(SignatureCheck {
            certificate_der: cert,
            algorithm,
        })),
        Ok(false) => Err(bad("the signature value does not match the signer's key")),
        Err(why) => Err(EdxmlError::Signature { why }),
    }
}
