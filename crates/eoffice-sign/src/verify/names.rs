//! Names out of X.509 distinguished names, as people read them.

use x509_cert::name::Name;

const CN: const_oid::ObjectIdentifier = const_oid::db::rfc4519::CN;

/// The common name, or the whole name when it has none.
pub fn common_name(name: &Name) -> String {
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == CN {
                if let Some(s) = directory_string(&atv.value) {
                    return s;
                }
            }
        }
    }
    name.to_string()
}

fn directory_string(v: &der::Any) -> Option<String> {
    use der::asn1::{Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
    if let Ok(s) = v.decode_as::<Utf8StringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = v.decode_as::<PrintableStringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = v.decode_as::<Ia5StringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = v.decode_as::<TeletexStringRef<'_>>() {
        return Some(s.as_str().to_string());
    }
    if let Ok(s) = v.decode_as::<der::asn1::BmpString>() {
        return Some(s.to_string());
    }
    None
}

/// "CN=…,OU=…,O=…,C=VN" with the UTF-8 values as text (x509-cert's
/// Display escapes them as hex).
pub fn distinguished_name(name: &Name) -> String {
    let mut parts = Vec::new();
    for rdn in name.0.iter().rev() {
        for atv in rdn.0.iter() {
            let key = match atv.oid.to_string().as_str() {
                "2.5.4.3" => "CN",
                "2.5.4.6" => "C",
                "2.5.4.7" => "L",
                "2.5.4.8" => "ST",
                "2.5.4.10" => "O",
                "2.5.4.11" => "OU",
                "2.5.4.5" => "serialNumber",
                "0.9.2342.19200300.100.1.1" => "UID",
                other => other,
            }
            .to_string();
            let value = directory_string(&atv.value).unwrap_or_default();
            parts.push(format!("{key}={value}"));
        }
    }
    parts.join(",")
}
