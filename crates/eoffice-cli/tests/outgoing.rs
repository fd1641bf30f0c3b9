//! Outgoing documents through the command line (issue 8's exact forms),
//! in standalone mode with local users, domain.md §7 and §8: a DOCX draft
//! converted by LibreOffice, review and approval with a send-back, the
//! signer's certification signature, the clerk's number, date and seal,
//! the outgoing book; every PDF checked by our verifier, pdfsig and
//! pyHanko.

mod common;

use common::validators::{pdfsig_validations, pdftotext, pdftotext_raw, pyhanko_lines};
use common::{eoffice, fx, ok_in, refused_in};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const PASSWORD: &str = "test1234\n";

fn ok(dir: &Path, args: &[&str]) -> Value {
    ok_in(dir, args, "")
}

fn agency(dir: &Path) {
    common::agency(dir, "000.00.00.H37", "Ủy ban nhân dân tỉnh Lạng Sơn");
}

/// A công văn as a flat ODT, the way a template leaves the number and the
/// date blank for the clerk (Appendix I).
fn template(subject: &str) -> String {
    let cell = |t: &str, bold: bool| {
        format!(
            "<table:table-cell><text:p text:style-name=\"{}\">{t}</text:p></table:table-cell>",
            if bold { "C" } else { "N" }
        )
    };
    let row = |a: String, b: String| format!("<table:table-row>{a}{b}</table:table-row>");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="N" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="R" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-right="1cm"/></style:style>
<style:style style:name="J" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<table:table table:name="H"><table:table-column table:number-columns-repeated="2"/>
{}
{}
{}
{}
</table:table>
<text:p text:style-name="C">Kính gửi: Sở Nội vụ tỉnh Lạng Sơn.</text:p>
<text:p text:style-name="J">Thực hiện chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh, Văn phòng báo cáo tình hình thực hiện nhiệm vụ chuyển đổi số trong tháng như sau: các cơ quan đã triển khai hệ thống quản lý văn bản điện tử, ký số văn bản đi và liên thông văn bản với các cơ quan trong tỉnh.</text:p>
<text:p text:style-name="J">Đề nghị Sở Nội vụ tổng hợp, báo cáo theo quy định./.</text:p>
<table:table table:name="S"><table:table-column table:number-columns-repeated="2"/>
{}
{}
{}
{}
</table:table>
</office:text></office:body></office:document>
"#,
        row(
            cell("ỦY BAN NHÂN DÂN", true),
            cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true)
        ),
        row(
            cell("TỈNH LẠNG SƠN", true),
            cell("Độc lập - Tự do - Hạnh phúc", true)
        ),
        row(
            cell("Số:        /UBND-VP", false),
            cell("Lạng Sơn, ngày      tháng      năm 2026", false)
        ),
        row(cell(subject, false), cell("", false)),
        row(cell("Nơi nhận:", true), cell("CHỦ TỊCH", true)),
        row(cell("- Như trên;", false), cell("", false)),
        row(cell("- Lưu: VT, VP.", false), cell("", false)),
        row(cell("", false), cell("Lý Vinh Quang", true)),
    )
}

/// A DOCX made from the template by LibreOffice, as a specialist's Word
/// file would arrive.
fn docx(dir: &Path, subject: &str) -> std::path::PathBuf {
    let fodt = dir.join("du-thao.fodt");
    std::fs::write(&fodt, template(subject)).unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo-profile",
            dir.display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(dir)
        .arg(&fodt)
        .output()
        .expect("LibreOffice runs (scripts/setup.sh installs libreoffice-writer-nogui)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = dir.join("du-thao.docx");
    assert!(p.exists());
    p
}

fn id_of(v: &Value) -> String {
    v["Id"].as_str().unwrap().to_string()
}

#[test]
fn draft_review_sign_issue_and_book_domain_7() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency(d);
    let file = docx(d, "V/v báo cáo tình hình chuyển đổi số");
    let v = ok(
        d,
        &[
            "--as",
            "cv",
            "outgoing",
            "draft",
            file.to_str().unwrap(),
            "--type",
            "CV",
            "--subject",
            "V/v báo cáo tình hình chuyển đổi số",
            "--to",
            "Sở Nội vụ tỉnh Lạng Sơn",
            "--signer",
            "ld",
            "--json",
        ],
    );
    let id = id_of(&v);
    assert_eq!(v["Stage"], "drafting");
    assert_eq!(v["Unit"], "VP", "the drafting unit is the author's");
    assert!(v["Versions"][0]["Source"].is_string(), "the DOCX is kept");
    // The PDF shown is LibreOffice's rendering of the DOCX.
    let shown = d.join("shown.pdf");
    let o = eoffice(
        Some(d),
        &[
            "--as",
            "cv",
            "outgoing",
            "pdf",
            &id,
            "--out",
            shown.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success());
    let text = pdftotext(&shown);
    assert!(text.contains("Kính gửi: Sở Nội vụ tỉnh Lạng Sơn"), "{text}");
    assert!(text.contains("Số:") && text.contains("/UBND-VP"), "{text}");

    // Review by the unit head, then the signer sends it back.
    refused_in(d, &["--as", "tp", "outgoing", "submit", &id, "--json"], "");
    let v = ok(d, &["--as", "cv", "outgoing", "submit", &id, "--json"]);
    assert_eq!(v["Stage"], "in_review");
    assert_eq!(v["Reviewer"], "tp");
    refused_in(d, &["--as", "ld", "outgoing", "approve", &id, "--json"], "");
    ok(d, &["--as", "tp", "outgoing", "approve", &id, "--json"]);
    let err = refused_in(
        d,
        &["--as", "ld", "outgoing", "send-back", &id, "--json"],
        "",
    );
    assert!(err.contains("lý do"), "{err}");
    let v = ok(
        d,
        &[
            "--as",
            "ld",
            "outgoing",
            "send-back",
            &id,
            "--reason",
            "Bổ sung số liệu quý IV",
            "--json",
        ],
    );
    assert_eq!(v["Stage"], "drafting");
    assert_eq!(v["SentBackReason"], "Bổ sung số liệu quý IV");
    ok(
        d,
        &[
            "--as",
            "tp",
            "outgoing",
            "comment",
            &id,
            "--text",
            "Thêm bảng số liệu",
            "--json",
        ],
    );
    let v = ok(
        d,
        &[
            "--as",
            "cv",
            "outgoing",
            "version",
            &id,
            shown.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(v["Versions"].as_array().unwrap().len(), 2);
    assert_eq!(v["Comments"][0]["Version"], 1);
    ok(d, &["--as", "cv", "outgoing", "submit", &id, "--json"]);
    ok(d, &["--as", "tp", "outgoing", "approve", &id, "--json"]);
    let v = ok(d, &["--as", "ld", "outgoing", "approve", &id, "--json"]);
    assert_eq!(v["Stage"], "approved");
    let to_sign = ok(
        d,
        &[
            "--as", "ld", "outgoing", "list", "--queue", "to_sign", "--json",
        ],
    );
    assert_eq!(to_sign.as_array().unwrap().len(), 1);

    // The clerk cannot issue before the signer has signed.
    refused_in(
        d,
        &[
            "--as",
            "vt",
            "outgoing",
            "issue",
            &id,
            "--p12",
            &fx("pki/org-ubnd-tinh-lang-son.p12"),
            "--json",
        ],
        PASSWORD,
    );
    let v = ok_in(
        d,
        &[
            "--as",
            "ld",
            "outgoing",
            "sign",
            &id,
            "--p12",
            &fx("pki/person-ly-vinh-quang.p12"),
            "--image",
            &fx("images/signature-ly-vinh-quang.png"),
            "--json",
        ],
        PASSWORD,
    );
    assert_eq!(v["Signed"], 1, "{v}");
    let v = ok_in(
        d,
        &[
            "--as",
            "vt",
            "outgoing",
            "issue",
            &id,
            "--p12",
            &fx("pki/org-ubnd-tinh-lang-son.p12"),
            "--seal",
            &fx("images/seal-ubnd-tinh-lang-son.png"),
            "--json",
        ],
        PASSWORD,
    );
    assert_eq!(v["Stage"], "issued");
    assert_eq!(v["Code"], "01/UBND-VP", "Decree 30 symbol of a công văn");
    assert_eq!(v["BookId"], "outgoing-2026");
    let labels: Vec<&str> = v["Timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Command"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "outgoing.drafted",
            "outgoing.submitted",
            "outgoing.reviewed",
            "outgoing.sent_back",
            "outgoing.commented",
            "outgoing.version_added",
            "outgoing.submitted",
            "outgoing.reviewed",
            "outgoing.approved",
            "outgoing.signed",
            "outgoing.issued"
        ]
    );

    // The issued PDF: number and date written where the template left
    // them blank, both signatures valid everywhere, the leader's change
    // to it a permitted form fill.
    let issued = d.join("issued.pdf");
    let o = eoffice(
        Some(d),
        &[
            "--as",
            "vt",
            "outgoing",
            "pdf",
            &id,
            "--out",
            issued.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success());
    let text = pdftotext_raw(&issued);
    assert!(text.contains("Số: 01/UBND-VP"), "{text}");
    let date = v["IssuedDate"].as_str().unwrap();
    let (y, m, dd) = (
        &date[0..4],
        date[5..7].parse::<u32>().unwrap(),
        &date[8..10],
    );
    let month = if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    };
    assert!(
        text.contains(&format!("Lạng Sơn, ngày {dd} tháng {month} năm {y}")),
        "{text}"
    );
    // Intake on the issued file reads the number and date from its fields,
    // as the recipient's eOffice will.
    let r = ok(d, &["intake", issued.to_str().unwrap(), "--json"]);
    assert_eq!(
        (r["CodeNumber"].as_str(), r["CodeNotation"].as_str()),
        (Some("01"), Some("UBND-VP")),
        "{r}"
    );
    assert_eq!(r["IssuedDate"], date, "{r}");
    let o = eoffice(
        None,
        &[
            "verify",
            issued.to_str().unwrap(),
            "--trust",
            &fx("pki/ca.cert.pem"),
            "--json",
        ],
        "",
    );
    let v = common::json(&o);
    assert_eq!(v["Valid"], true, "{v:#}");
    assert_eq!(v["Signatures"][0]["Signer"], "Lý Vinh Quang");
    assert_eq!(v["Signatures"][1]["Signer"], "UBND tỉnh Lạng Sơn");
    let lines = pdfsig_validations(&issued);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines.iter().all(|l| l.ends_with("Signature is Valid.")),
        "{lines:?}"
    );
    let _ = std::fs::copy(&issued, "/tmp/issued-debug.pdf");
    let (ok_, report) = pyhanko_lines(&issued);
    assert!(ok_, "pyHanko: {report}");
    assert_eq!(report.matches("INTACT:TRUSTED").count(), 2, "{report}");

    // The outgoing book (Appendix IV), in PDF.
    let book = d.join("so-di.pdf");
    let o = eoffice(
        Some(d),
        &[
            "book",
            "export",
            "--direction",
            "outgoing",
            "--year",
            y,
            "--format",
            "pdf",
            "--out",
            book.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = pdftotext(&book);
    assert!(text.contains("SỔ ĐĂNG KÝ VĂN BẢN ĐI"), "{text}");
    assert!(
        text.contains("01/UBND-VP") && text.contains("Lý Vinh Quang"),
        "{text}"
    );
}

/// Numbers per book, gap-free; legal normative documents in their own book
/// with the year in the symbol; a secret document is numbered in the secret
/// book and never signed (domain.md §3, §4, §5).
#[test]
fn books_symbols_and_secret_documents_domain_3_4_5() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency(d);
    let pdf = fx("documents/pub04_kh_ubnd_tp_attt_2023.pdf");
    let through_approval = |ty: &str, extra: &[&str]| -> String {
        let mut args = vec![
            "--as",
            "tp",
            "outgoing",
            "draft",
            pdf.as_str(),
            "--type",
            ty,
            "--subject",
            "Về việc thử",
            "--json",
        ];
        args.extend(extra);
        let id = id_of(&ok(d, &args));
        // The unit head drafts: no review, straight to a leader.
        let v = ok(d, &["--as", "tp", "outgoing", "submit", &id, "--json"]);
        assert_eq!(v["Stage"], "awaiting_approval");
        ok(d, &["--as", "ld", "outgoing", "approve", &id, "--json"]);
        id
    };
    let sign = |id: &str| {
        ok_in(
            d,
            &[
                "--as",
                "ld",
                "outgoing",
                "sign",
                id,
                "--p12",
                &fx("pki/person-ly-vinh-quang.p12"),
                "--json",
            ],
            PASSWORD,
        );
    };
    let issue = |id: &str| -> Value {
        ok_in(
            d,
            &[
                "--as",
                "vt",
                "outgoing",
                "issue",
                id,
                "--p12",
                &fx("pki/org-ubnd-tinh-lang-son.p12"),
                "--json",
            ],
            PASSWORD,
        )
    };
    let a = through_approval("CV", &[]);
    let b = through_approval("QĐ", &["--normative"]);
    let c = through_approval("QĐ", &[]);
    for id in [&a, &b, &c] {
        sign(id);
    }
    let year = issue(&a)["IssuedDate"].as_str().unwrap()[..4].to_string();
    assert_eq!(issue(&b)["Code"], format!("01/{year}/QĐ-UBND"));
    assert_eq!(
        issue(&c)["Code"],
        "02/QĐ-UBND",
        "one sequence per book, gap-free"
    );
    assert_eq!(
        ok(d, &["--as", "vt", "outgoing", "show", &b, "--json"])["BookId"],
        format!("outgoing-{year}-qppl")
    );

    let s = through_approval("CV", &["--secrecy", "Mật"]);
    // A batch reports each document: exit 1, the reason on the item.
    let o = eoffice(
        Some(d),
        &[
            "--as",
            "ld",
            "outgoing",
            "sign",
            &s,
            "--p12",
            &fx("pki/person-ly-vinh-quang.p12"),
            "--json",
        ],
        PASSWORD,
    );
    assert_eq!(o.status.code(), Some(1));
    let v = common::json(&o);
    assert_eq!(v["Failed"], 1);
    assert!(
        v["Items"][0]["Error"]
            .as_str()
            .unwrap()
            .contains("không được ký số"),
        "{v}"
    );
    let v = ok(d, &["--as", "vt", "outgoing", "issue", &s, "--json"]);
    assert_eq!(v["Code"], "01/UBND-VP");
    assert_eq!(v["BookId"], format!("outgoing-{year}-mat"));
    assert_eq!(v["MayESign"], false);
    // Issued on paper: the PDF is the approved draft, with no signature.
    let out = d.join("secret.pdf");
    assert!(eoffice(
        Some(d),
        &[
            "--as",
            "vt",
            "outgoing",
            "pdf",
            &s,
            "--out",
            out.to_str().unwrap()
        ],
        ""
    )
    .status
    .success());
    assert!(pdfsig_validations(&out).is_empty());
}

#[test]
fn bad_drafts_are_refused_and_nothing_is_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    agency(d);
    let junk = d.join("hong.docx");
    std::fs::write(&junk, b"PK\x03\x04 not really a zip").unwrap();
    let err = refused_in(
        d,
        &[
            "--as",
            "cv",
            "outgoing",
            "draft",
            junk.to_str().unwrap(),
            "--subject",
            "Thử",
            "--json",
        ],
        "",
    );
    assert!(err.contains("Không chuyển được tệp sang PDF"), "{err}");
    let exe = d.join("a.exe");
    std::fs::write(&exe, b"MZ").unwrap();
    let err = refused_in(
        d,
        &[
            "--as",
            "cv",
            "outgoing",
            "draft",
            exe.to_str().unwrap(),
            "--subject",
            "Thử",
            "--json",
        ],
        "",
    );
    assert!(err.contains("PDF, DOCX"), "{err}");
    let pdf = fx("documents/pub04_kh_ubnd_tp_attt_2023.pdf");
    let err = refused_in(
        d,
        &[
            "--as",
            "cv",
            "outgoing",
            "draft",
            &pdf,
            "--type",
            "XYZ",
            "--subject",
            "Thử",
            "--json",
        ],
        "",
    );
    assert!(err.contains("Phụ lục III"), "{err}");
    refused_in(
        d,
        &[
            "--as",
            "qt",
            "outgoing",
            "draft",
            &pdf,
            "--subject",
            "Thử",
            "--json",
        ],
        "",
    );
    let all = ok(d, &["--as", "vt", "outgoing", "list", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 0);
}
