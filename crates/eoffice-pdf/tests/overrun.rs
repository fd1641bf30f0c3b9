//! A PDF that overruns the extraction time limit is stopped, not left
//! running on a thread (issue 10, hardening). Alone in its test binary so
//! that the count of live reader threads is this test's only.

use eoffice_pdf::book_pdf::assemble_pdf;
use eoffice_pdf::isolate::live_readers;
use eoffice_pdf::{extract_layout, ExtractError, ExtractLimits};
use std::time::{Duration, Instant};

/// One page with millions of glyphs in a standard font: valid, and slow to
/// lay out (several seconds when nothing stops it).
fn slow_pdf() -> Vec<u8> {
    let mut content = String::from("BT /F1 1 Tf ");
    for _ in 0..150_000 {
        content.push_str("(abcdefghij) Tj ");
    }
    content.push_str("ET");
    let objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(),
            content.into_bytes(),
            b"\nendstream".to_vec(),
        ]
        .concat(),
    ];
    assemble_pdf(&objs)
}

#[test]
fn an_overrunning_pdf_is_stopped_soon_after_its_time_limit() {
    let pdf = slow_pdf();
    let limits = ExtractLimits {
        time: Duration::from_millis(200),
        max_glyphs: usize::MAX,
        ..Default::default()
    };
    let started = Instant::now();
    let err = extract_layout(&pdf, limits).unwrap_err();
    assert!(matches!(err, ExtractError::Timeout(_)), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the caller waited {:?}",
        started.elapsed()
    );
    // The reader thread ends by itself shortly after, instead of working on.
    let timed_out_at = Instant::now();
    while live_readers() > 0 && timed_out_at.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    let lingered = timed_out_at.elapsed();
    assert_eq!(
        live_readers(),
        0,
        "the reader still runs after {lingered:?}"
    );
    assert!(
        lingered < Duration::from_secs(1),
        "the reader lingered {lingered:?}"
    );

    // The same file with time to finish is read whole: the stop is what
    // ended it above, not a failure of the file.
    let started = Instant::now();
    let read = extract_layout(
        &pdf,
        ExtractLimits {
            time: Duration::from_secs(120),
            max_glyphs: usize::MAX,
            ..Default::default()
        },
    )
    .unwrap();
    let whole = started.elapsed();
    assert!(read.layout.visible_chars() > 1_000_000);
    eprintln!("stopped {lingered:?} after the limit; left alone the file takes {whole:?}");
    assert!(
        whole > lingered * 2,
        "uninterrupted it takes {whole:?}, stopped it lingered {lingered:?}"
    );
}
