//! A minimal Office Open XML workbook: one sheet with a title, a bold
//! header row and the data, set to print on A4 landscape. The package is a
//! ZIP with stored (uncompressed) entries, which every spreadsheet program
//! reads.

fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}'))
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn col_name(mut i: usize) -> String {
    let mut s = String::new();
    i += 1;
    while i > 0 {
        let r = (i - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        i = (i - 1) / 26;
    }
    s
}

/// Every cell is an inline string: a spreadsheet shows it as text and never
/// evaluates it, so a subject beginning with `=` from a PDF stays data.
fn cell(col: usize, row: usize, text: &str, style: u8) -> String {
    format!(
        "<c r=\"{}{row}\" t=\"inlineStr\" s=\"{style}\"><is><t xml:space=\"preserve\">{}</t></is></c>",
        col_name(col),
        xml_escape(text)
    )
}

pub(crate) struct Sheet<'a> {
    pub name: &'a str,
    pub title_lines: &'a [String],
    pub header: &'a [&'a str],
    pub widths: &'a [f32],
    pub rows: &'a [Vec<String>],
}

pub(crate) fn write(sheet: &Sheet<'_>) -> Vec<u8> {
    let mut rows_xml = String::new();
    let mut r = 0;
    for t in sheet.title_lines {
        r += 1;
        rows_xml.push_str(&format!("<row r=\"{r}\">{}</row>", cell(0, r, t, 1)));
    }
    r += 1;
    let header_row = r + 1;
    r += 1;
    rows_xml.push_str(&format!(
        "<row r=\"{r}\">{}</row>",
        sheet
            .header
            .iter()
            .enumerate()
            .map(|(i, h)| cell(i, r, h, 2))
            .collect::<String>()
    ));
    for row in sheet.rows {
        r += 1;
        rows_xml.push_str(&format!(
            "<row r=\"{r}\">{}</row>",
            row.iter()
                .enumerate()
                .map(|(i, v)| cell(i, r, v, 3))
                .collect::<String>()
        ));
    }
    let cols: String = sheet
        .widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            format!(
                "<col min=\"{0}\" max=\"{0}\" width=\"{1:.1}\" customWidth=\"1\"/>",
                i + 1,
                w * 1.6
            )
        })
        .collect();
    let last = col_name(sheet.header.len().saturating_sub(1));
    let worksheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\"A1:{last}{r}\"/>\
<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"{hs}\" topLeftCell=\"A{hr1}\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>\
<cols>{cols}</cols><sheetData>{rows_xml}</sheetData>\
<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>\
<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/></worksheet>",
        hs = header_row,
        hr1 = header_row + 1,
    );
    let workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets>\
<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'{}'!${hr}:${hr}</definedName></definedNames></workbook>",
        xml_escape(sheet.name),
        xml_escape(sheet.name).replace('\'', "''"),
        hr = header_row,
    );
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Times New Roman\"/></font>\
<font><b/><sz val=\"13\"/><name val=\"Times New Roman\"/></font>\
<font><b/><sz val=\"11\"/><name val=\"Times New Roman\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"2\"><border/><border><left style=\"thin\"/><right style=\"thin\"/><top style=\"thin\"/><bottom style=\"thin\"/></border></borders>\
<cellStyleXfs count=\"1\"><xf/></cellStyleXfs>\
<cellXfs count=\"4\"><xf/><xf fontId=\"1\" applyFont=\"1\"/>\
<xf fontId=\"2\" borderId=\"1\" applyFont=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>\
<xf borderId=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf></cellXfs></styleSheet>";
    let files: [(&str, String); 6] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"
                .into(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>"
                .into(),
        ),
        (
            "docProps/core.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
<dc:title>{}</dc:title><dc:creator>eOffice</dc:creator></cp:coreProperties>",
                xml_escape(sheet.title_lines.first().map(String::as_str).unwrap_or(sheet.name))
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
                .into(),
        ),
        ("xl/workbook.xml", workbook),
        ("xl/worksheets/sheet1.xml", worksheet),
    ];
    let mut all: Vec<(&str, Vec<u8>)> = files
        .iter()
        .map(|(n, c)| (*n, c.clone().into_bytes()))
        .collect();
    all.push(("xl/styles.xml", styles.as_bytes().to_vec()));
    stored_zip(&all)
}

/// A ZIP archive with stored entries and UTF-8 names.
fn stored_zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    // 1 January 2026, 00:00, MS-DOS format; the content carries no time.
    let (time, date): (u16, u16) = (0, ((2026 - 1980) << 9) | (1 << 5) | 1);
    for (name, data) in files {
        let crc = crc32fast::hash(data);
        let offset = out.len() as u32;
        let put16 = |v: &mut Vec<u8>, x: u16| v.extend(x.to_le_bytes());
        let put32 = |v: &mut Vec<u8>, x: u32| v.extend(x.to_le_bytes());
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20);
        put16(&mut out, 0x0800);
        put16(&mut out, 0);
        put16(&mut out, time);
        put16(&mut out, date);
        put32(&mut out, crc);
        put32(&mut out, data.len() as u32);
        put32(&mut out, data.len() as u32);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0);
        out.extend(name.as_bytes());
        out.extend(data);

        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 20);
        put16(&mut central, 20);
        put16(&mut central, 0x0800);
        put16(&mut central, 0);
        put16(&mut central, time);
        put16(&mut central, date);
        put32(&mut central, crc);
        put32(&mut central, data.len() as u32);
        put32(&mut central, data.len() as u32);
        put16(&mut central, name.len() as u16);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put32(&mut central, 0);
        put32(&mut central, offset);
        central.extend(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_formula_looking_text_is_an_inline_string_never_a_formula() {
        let c = super::cell(2, 5, "=HYPERLINK(\"http://x\")", 0);
        // Columns count from 0: the third is C.
        assert!(c.starts_with("<c r=\"C5\" t=\"inlineStr\""), "{c}");
        assert!(
            c.contains("<t xml:space=\"preserve\">=HYPERLINK(&quot;http://x&quot;)</t>"),
            "{c}"
        );
        assert!(!c.contains("<f>"), "{c}");
    }
}
