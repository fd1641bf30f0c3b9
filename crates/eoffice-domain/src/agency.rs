//! The organ identifier (mã định danh), QCVN 102 and domain.md §1:
//! `XXX.YY.ZZ.Ann`, e.g. `000.00.00.H37`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AgencyId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("agency identifier {0:?} must look like 000.00.00.H37 (three digits, two, two, a capital letter and two digits)")]
pub struct AgencyIdError(pub String);

impl AgencyId {
    pub fn parse(s: &str) -> Result<AgencyId, AgencyIdError> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('.').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
        let ok = parts.len() == 4
            && digits(parts[0], 3)
            && digits(parts[1], 2)
            && digits(parts[2], 2)
            && parts[3].len() == 3
            && parts[3].starts_with(|c: char| c.is_ascii_uppercase())
            && digits(&parts[3][1..], 2);
        if ok {
            Ok(AgencyId(s.to_string()))
        } else {
            Err(AgencyIdError(s.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AgencyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_identifier_format_domain_1() {
        assert!(AgencyId::parse("000.00.00.H37").is_ok());
        assert!(AgencyId::parse("000.00.00.G22").is_ok());
        for bad in [
            "",
            "000.00.00",
            "00.00.00.H37",
            "000.00.00.h37",
            "000.00.00.H3",
            "000.0a.00.H37",
            "000.00.00.H37.",
        ] {
            assert!(AgencyId::parse(bad).is_err(), "{bad}");
        }
    }
}
