//! RFC 4180 CSV, UTF-8 with a byte-order mark so that spreadsheet programs
//! on office desktops read the Vietnamese text correctly.

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(crate) fn write(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_only_what_needs_quoting() {
        let out = super::write(
            &["Số, ký hiệu", "Trích yếu"],
            &[vec!["15/QĐ-UBND".into(), "Về việc \"A\"".into()]],
        );
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "\u{feff}\"Số, ký hiệu\",Trích yếu\r\n15/QĐ-UBND,\"Về việc \"\"A\"\"\"\r\n"
        );
    }
}
