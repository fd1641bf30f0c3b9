//! Lenient where the intent is plain, never wrong, and bounded on hostile
//! input (issue 9; domain.md §11).

use eoffice_edxml::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/edxml")
        .join(name);
    String::from_utf8(std::fs::read(p).unwrap()).unwrap()
}

fn edoc() -> String {
    fixture("edoc_new_congvan_215-UBND-KGVX.edxml")
}

#[test]
fn a_package_without_prefixes_is_read_but_flagged_for_the_national_axis() {
    let original = read_package(edoc().as_bytes()).unwrap();
    let bare = edoc().replace("<edXML:", "<").replace("</edXML:", "</");
    let read = read_package(bare.as_bytes()).unwrap();
    assert_eq!(read.package, original.package);
    assert!(!read.national_axis_would_accept());
    assert!(read.unprefixed_count > 50, "{}", read.unprefixed_count);
    assert!(
        read.unprefixed[0].ends_with("edXMLEnvelope"),
        "{:?}",
        read.unprefixed
    );
}

#[test]
fn a_day_first_date_is_a_located_error_not_3_may() {
    let bad = edoc().replace(
        "<edXML:PromulgationDate>2018/03/05</edXML:PromulgationDate>",
        "<edXML:PromulgationDate>05/03/2018</edXML:PromulgationDate>",
    );
    let e = read_package(bad.as_bytes()).unwrap_err();
    assert!(matches!(e, EdxmlError::BadDate { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("edXMLHeader/MessageHeader/PromulgationInfo/PromulgationDate"),
        "{e}"
    );
    assert!(e.message_vi().contains("yyyy/MM/dd"));
}

#[test]
fn a_reference_to_no_attachment_is_refused() {
    let bad = edoc().replace(
        "xlink:href=\"cid:aa82c98e-be71-5006-8a3d-b1b25164d4a1\"",
        "xlink:href=\"cid:00000000-0000-0000-0000-000000000000\"",
    );
    let e = read_package(bad.as_bytes()).unwrap_err();
    assert!(matches!(e, EdxmlError::UnknownCid { .. }), "{e:?}");
    assert!(e.to_string().contains("edXMLManifest/Reference"), "{e}");
    assert!(e.message_vi().contains("không khớp tệp đính kèm"));
}

#[test]
fn a_missing_mandatory_field_is_named() {
    let start = edoc().find("<edXML:Subject>").unwrap();
    let end = edoc().find("</edXML:Subject>").unwrap() + "</edXML:Subject>".len();
    let mut bad = edoc();
    bad.replace_range(start..end, "");
    let e = read_package(bad.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        EdxmlError::Missing {
            at: "edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Subject".into()
        }
    );
    assert!(e.message_vi().contains("thiếu trường bắt buộc"));
}

#[test]
fn a_document_id_that_disagrees_with_the_header_is_refused() {
    let bad = edoc().replace(
        "<edXML:DocumentId>000.00.00.H37,2018/03/05,215/UBND-KGVX</edXML:DocumentId>",
        "<edXML:DocumentId>000.00.00.H37,2018/03/05,216/UBND-KGVX</edXML:DocumentId>",
    );
    let e = read_package(bad.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("disagrees with Code"), "{e}");
}

#[test]
fn another_namespace_is_not_edxml() {
    let bad = edoc().replace(
        "xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"",
        "xmlns:edXML=\"http://example.com/other\"",
    );
    let e = read_package(bad.as_bytes()).unwrap_err();
    assert!(matches!(e, EdxmlError::WrongNamespace { .. }), "{e:?}");
}

#[test]
fn a_huge_declared_attachment_in_a_small_file_costs_nothing() {
    // A declared size is never trusted for an allocation: only the bytes
    // present are decoded, and they are bounded by the file.
    let bad = edoc().replace(
        "<edXML:ContentType>application/pdf</edXML:ContentType>",
        "<edXML:ContentType>application/pdf</edXML:ContentType><edXML:Size>1073741824</edXML:Size>",
    ).replace("<ContentType>application/pdf</ContentType>", "<ContentType>application/pdf</ContentType><Size>1073741824</Size><ContentLength>1073741824</ContentLength>");
    let read = read_package(bad.as_bytes()).unwrap();
    let Package::Edoc(e) = read.package else {
        panic!()
    };
    assert_eq!(e.attachments[0].data.len(), 59349);
    // A package over the limit is refused before anything is decoded.
    let big = format!("<edXML>{}</edXML>", "A".repeat(2 * 1024 * 1024));
    let e = read_package_with(
        big.as_bytes(),
        Limits {
            max_bytes: 1024 * 1024,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert!(matches!(e, EdxmlError::TooLarge { .. }), "{e:?}");
    // Nested deep inside a real envelope.
    let deep = edoc().replace(
        "<edXML:Subject>",
        &format!("{}<edXML:Subject>", "<edXML:X>".repeat(100_000)),
    );
    let e = read_package(deep.as_bytes()).unwrap_err();
    assert!(
        matches!(e, EdxmlError::TooDeep { .. } | EdxmlError::Xml { .. }),
        "{e:?}"
    );
}

/// A small xorshift generator: the mutations are the same on every run,
/// so a failure can be replayed from its index.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn small_package() -> Vec<u8> {
    let read = read_package(edoc().as_bytes()).unwrap();
    let Package::Edoc(mut e) = read.package else {
        panic!()
    };
    e.attachments[0].data.truncate(300);
    write_package(&Package::Edoc(e)).unwrap()
}

fn mutate(base: &[u8], rng: &mut Rng) -> Vec<u8> {
    const NASTY: [&[u8]; 12] = [
        b"<",
        b">",
        b"&",
        b"&lol;",
        b"]]>",
        b"<!DOCTYPE x [<!ENTITY a \"b\">]>",
        b"</edXML:To>",
        b"<edXML:To>",
        b"\xff\xfe",
        b"&#0;",
        b"cid:",
        b"/",
    ];
    let mut m = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(m.len());
        match rng.below(6) {
            0 => m[at] = rng.next() as u8,
            1 => {
                let end = (at + rng.below(64)).min(m.len());
                m.drain(at..end);
            }
            2 => {
                let piece = NASTY[rng.below(NASTY.len())];
                m.splice(at..at, piece.iter().copied());
            }
            3 => m.truncate(at),
            4 => {
                let end = (at + rng.below(200)).min(m.len());
                let copy = m[at..end].to_vec();
                let to = rng.below(m.len());
                m.splice(to..to, copy);
            }
            _ => {
                // A digit changed inside a value: dates, numbers, codes.
                if let Some(p) = m[at..].iter().position(u8::is_ascii_digit) {
                    m[at + p] = b'0' + rng.below(10) as u8;
                }
            }
        }
        if m.is_empty() {
            break;
        }
    }
    m
}

#[test]
fn ten_thousand_mutated_packages_give_a_result_or_an_error_never_a_crash() {
    let base = small_package();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut refused) = (0, 0);
    for i in 0..10_000 {
        let m = mutate(&base, &mut rng);
        let outcome = std::panic::catch_unwind(|| read_package(&m));
        match outcome {
            Ok(Ok(read)) => {
                ok += 1;
                // Whatever is accepted can be written back strictly.
                write_package(&read.package)
                    .unwrap_or_else(|e| panic!("mutation {i}: accepted but not writable: {e}"));
            }
            Ok(Err(e)) => {
                refused += 1;
                assert!(!e.to_string().is_empty() && !e.message_vi().is_empty());
            }
            Err(_) => panic!("mutation {i} crashed the reader"),
        }
    }
    assert_eq!(ok + refused, 10_000);
    // Both outcomes happen: the mutations neither all break the file nor
    // all miss it.
    assert!(ok > 100 && refused > 1000, "ok {ok}, refused {refused}");
}
