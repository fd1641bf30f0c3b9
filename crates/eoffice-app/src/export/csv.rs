//! RFC 4180 CSV, UTF-8 with a byte-order mark so that spreadsheet programs
//! on office desktops read the Vietnamese text correctly.

/// A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// or a tab or return in front, OWASP's list) gets a leading apostrophe:
/// a subject or an issuer read from a PDF is data, never a command.
fn neutralised(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

fn field(s: &str) -> String {
    let s = &*neutralised(s);
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
    fn text_that_looks_like_a_formula_stays_text() {
        let out = super::write(
            &["Trích yếu"],
            &[
                vec!["=HYPERLINK(\"http://x\",\"bấm\")".into()],
                vec!["+84 205".into()],
                vec!["-1".into()],
                vec!["@SUM(A1)".into()],
                vec!["Về việc = nhau".into()],
            ],
        );
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.split("\r\n").collect();
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\"");
        assert_eq!(lines[2], "'+84 205");
        assert_eq!(lines[3], "'-1");
        assert_eq!(lines[4], "'@SUM(A1)");
        assert_eq!(
            lines[5], "Về việc = nhau",
            "only a leading sign is neutralised"
        );
    }

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
