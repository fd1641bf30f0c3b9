//! How far OCR words can be trusted, carried into a field's confidence.
//!
//! A text layer's chunks have confidence 1 and change nothing. For a scan,
//! each field is traced back to the chunks its value came from, and the
//! worst of their words scales the rule's confidence: a subject with one
//! word the engine doubted is flagged for the clerk to check.

use super::FieldSet;
use crate::layout::{Line, PdfLayout};

/// The rule's confidence is kept for words the engine is sure of (0.9 and
/// up) and falls steeply below: Tesseract scores most wrong words under 0.7.
pub(crate) fn factor(word_conf: f32) -> f32 {
    if word_conf >= 0.9 {
        1.0
    } else {
        ((word_conf - 0.5) / 0.4).clamp(0.1, 1.0)
    }
}

fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '(')
        .to_string()
}

/// The worst confidence of the chunks that `value` was read from, or 1
/// when none can be traced.
pub(crate) fn evidence<'a>(lines: impl Iterator<Item = &'a Line>, value: &str) -> f32 {
    let value = key(value);
    if value.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return 1.0;
    }
    let mut worst: f32 = 1.0;
    for c in lines.flat_map(|l| &l.chunks) {
        let t = key(&c.text);
        if t.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
            continue;
        }
        // A chunk is a source when it is part of the value, or holds the
        // value with only a label before it ("Số: 15/QĐ-UBND") or a date
        // after it ("Lạng Sơn, ngày …"); a body line that merely mentions
        // the value is not.
        let holds = t.contains(&value)
            && (t.starts_with(&value) || (t.ends_with(&value) && t.len() <= value.len() * 2));
        if value.contains(&t) || holds {
            worst = worst.min(c.conf);
        }
    }
    worst
}

/// Scales every field of `fs` by the OCR evidence behind it.
pub(crate) fn apply(fs: &mut FieldSet, layout: &PdfLayout) {
    let Some(first) = layout.pages.first().filter(|_| layout.read_by_ocr()) else {
        return;
    };
    let header = || first.lines.iter().filter(|l| l.y < first.height * 0.5);
    let scale = |conf: &mut f32, e: f32| *conf = (*conf * factor(e)).clamp(0.0, 1.0);
    if let Some(f) = fs.parent_organ.as_mut() {
        scale(&mut f.confidence, evidence(header(), &f.value));
    }
    if let Some(f) = fs.issuer.as_mut() {
        scale(&mut f.confidence, evidence(header(), &f.value));
    }
    let number_e = fs
        .number
        .as_ref()
        .map(|n| evidence(header(), &n.value.to_string()));
    if let (Some(f), Some(e)) = (fs.number.as_mut(), number_e) {
        scale(&mut f.confidence, e);
    }
    if let Some(f) = fs.doc_type.as_mut() {
        // The type has two cues, the code in the number and the title:
        // either read cleanly is enough.
        let title_e = evidence(header(), &f.value.name().to_uppercase());
        scale(&mut f.confidence, title_e.max(number_e.unwrap_or(0.0)));
    }
    if let Some(place) = fs.place.as_mut() {
        let e = evidence(header(), &place.value);
        scale(&mut place.confidence, e);
        if let Some(d) = fs.date.as_mut() {
            scale(&mut d.confidence, e);
        }
    }
    if let Some(f) = fs.subject.as_mut() {
        scale(&mut f.confidence, evidence(header(), &f.value));
    }
    if let Some(f) = fs.addressees.as_mut() {
        let e = f
            .value
            .iter()
            .map(|a| evidence(first.lines.iter(), a))
            .fold(1.0, f32::min);
        scale(&mut f.confidence, e);
    }
    if let Some(f) = fs.recipients.as_mut() {
        let all = || layout.pages.iter().flat_map(|p| &p.lines);
        let e = f
            .value
            .iter()
            .map(|r| evidence(all(), r))
            .fold(1.0, f32::min);
        scale(&mut f.confidence, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Chunk;

    fn line(y: f64, text: &str, conf: f32) -> Line {
        Line {
            y,
            chunks: vec![Chunk {
                x0: 80.0,
                x1: 300.0,
                size: 13.0,
                text: text.into(),
                conf,
            }],
        }
    }

    #[test]
    fn a_field_is_as_sure_as_its_worst_source_chunk() {
        let lines = [
            line(100.0, "Về việc thành lập Tổ kỹ thuật", 0.95),
            line(115.0, "hỗ trợ phần mềm", 0.55),
            line(130.0, "Căn cứ Luật", 0.2),
        ];
        let e = evidence(
            lines.iter(),
            "Về việc thành lập Tổ kỹ thuật hỗ trợ phần mềm",
        );
        assert!((e - 0.55).abs() < 1e-6, "{e}");
        assert_eq!(evidence(lines.iter(), "Không có ở đây"), 1.0);
        assert_eq!(factor(0.95), 1.0);
        assert!(factor(0.55) < 0.2);
        assert!(factor(0.8) > 0.7 && factor(0.8) < 0.8);
    }
}
