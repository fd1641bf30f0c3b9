//! The SANE adapter of [`Scanner`]: `scanimage` (Debian `sane-utils`), run
//! out of process with a time limit so that a jammed or hung device costs
//! its limit and never the window.
//!
//! What a device offers differs from driver to driver (the feeder is
//! "ADF", "Automatic Document Feeder" or "ADF Front"), so the request is
//! matched against the options the device itself lists, and a request it
//! cannot meet is refused before any paper moves.

use crate::scan_paper::{scanner_error, ScanDevice, ScanMode, ScanRequest, ScanSource, Scanner};
use crate::AppResult;
use eoffice_pdf::child::{run_limited, ChildError};
use eoffice_pdf::image_pdf::PageImage;
use std::process::Command;
use std::time::Duration;

/// A4 in millimetres: the paper of every official letter (Appendix I).
const A4_MM: (u32, u32) = (210, 297);

pub struct SaneScanner {
    program: String,
    /// A whole feeder batch: fifty sheets at 300 dpi take minutes.
    limit: Duration,
}

impl Default for SaneScanner {
    fn default() -> Self {
        SaneScanner {
            program: "scanimage".into(),
            limit: Duration::from_secs(15 * 60),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Resolutions {
    Range(u32, u32),
    List(Vec<u32>),
}

/// The options of one device, read from `scanimage -A`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeviceOptions {
    pub sources: Vec<String>,
    pub modes: Vec<String>,
    pub resolutions: Option<Resolutions>,
    pub max_mm: (Option<u32>, Option<u32>),
}

fn values_of(rest: &str) -> Option<&str> {
    // "Flatbed|ADF [Flatbed]": the values end where the default begins.
    let rest = rest.trim();
    let end = rest
        .find(" [")
        .or_else(|| rest.find(" ("))
        .unwrap_or(rest.len());
    let v = rest[..end].trim();
    (!v.is_empty()).then_some(v)
}

fn number_prefix(s: &str) -> Option<u32> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

pub fn parse_options(text: &str) -> DeviceOptions {
    let mut o = DeviceOptions::default();
    for line in text.lines() {
        let t = line.trim_start();
        if t.contains("[inactive]") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("--source ") {
            if let Some(v) = values_of(rest) {
                o.sources = v.split('|').map(|s| s.trim().to_string()).collect();
            }
        } else if let Some(rest) = t.strip_prefix("--mode ") {
            if let Some(v) = values_of(rest) {
                o.modes = v.split('|').map(|s| s.trim().to_string()).collect();
            }
        } else if let Some(rest) = t.strip_prefix("--resolution ") {
            if let Some(v) = values_of(rest) {
                let v = v.trim_end_matches("dpi");
                o.resolutions = if let Some((a, b)) = v.split_once("..") {
                    number_prefix(a)
                        .zip(number_prefix(b))
                        .map(|(a, b)| Resolutions::Range(a, b))
                } else {
                    Some(Resolutions::List(
                        v.split('|').filter_map(number_prefix).collect(),
                    ))
                };
            }
        } else if let Some(rest) = t.strip_prefix("-x ").or_else(|| t.strip_prefix("-y ")) {
            let max = values_of(rest)
                .and_then(|v| v.split_once(".."))
                .and_then(|(_, b)| number_prefix(b.trim()));
            if t.starts_with("-x") {
                o.max_mm.0 = max;
            } else {
                o.max_mm.1 = max;
            }
        }
    }
    o
}

fn is_duplex(s: &str) -> bool {
    s.to_lowercase().contains("duplex")
}

fn is_feeder(s: &str) -> bool {
    let l = s.to_lowercase();
    !is_duplex(s) && (l.contains("adf") || l.contains("feeder") || l.contains("automatic"))
}

fn is_flatbed(s: &str) -> bool {
    let l = s.to_lowercase();
    l.contains("flatbed") || l.contains("glass") || l.contains("platen") || l == "normal"
}

/// The device's source for the request, `None` when it has no choice.
pub fn choose_source(req: &ScanRequest, o: &DeviceOptions) -> AppResult<Option<String>> {
    let listed = o.sources.join(", ");
    let find = |f: fn(&str) -> bool| o.sources.iter().find(|s| f(s.as_str())).cloned();
    if req.duplex {
        return find(is_duplex).map(Some).ok_or_else(|| {
            scanner_error(
                format!(
                    "Máy quét “{}” không quét được hai mặt (nguồn giấy: {}). Hãy bỏ chọn hai mặt.",
                    req.device,
                    if listed.is_empty() {
                        "chỉ một"
                    } else {
                        listed.as_str()
                    }
                ),
                format!("{} has no duplex source (sources: {listed})", req.device),
            )
        });
    }
    match req.source {
        ScanSource::Feeder => find(is_feeder).map(Some).ok_or_else(|| {
            scanner_error(
                format!(
                    "Máy quét “{}” không có khay nạp giấy tự động (ADF).",
                    req.device
                ),
                format!("{} has no document feeder (sources: {listed})", req.device),
            )
        }),
        ScanSource::Flatbed => {
            if o.sources.is_empty() {
                return Ok(None);
            }
            find(is_flatbed).map(Some).ok_or_else(|| {
                scanner_error(
                    format!("Máy quét “{}” không có mặt kính (flatbed).", req.device),
                    format!("{} has no flatbed (sources: {listed})", req.device),
                )
            })
        }
        ScanSource::Auto => Ok(find(is_feeder).or_else(|| find(is_flatbed))),
    }
}

pub fn choose_mode(req: &ScanRequest, o: &DeviceOptions) -> AppResult<Option<String>> {
    if o.modes.is_empty() {
        return Ok(None);
    }
    let words: &[&str] = match req.mode {
        ScanMode::Color => &["color", "colour", "rgb", "24bit"],
        ScanMode::Gray => &["gray", "grey", "grayscale", "8bit"],
        ScanMode::Lineart => &["lineart", "binary", "black", "bw", "monochrome"],
    };
    o.modes
        .iter()
        .find(|m| {
            let l = m.to_lowercase();
            words.iter().any(|w| l.contains(w))
        })
        .cloned()
        .map(Some)
        .ok_or_else(|| {
            scanner_error(
                format!(
                    "Máy quét “{}” không có chế độ này; các chế độ có: {}.",
                    req.device,
                    o.modes.join(", ")
                ),
                format!("{} offers modes {:?} only", req.device, o.modes),
            )
        })
}

pub fn check_resolution(req: &ScanRequest, o: &DeviceOptions) -> AppResult<()> {
    let ok = match &o.resolutions {
        None => true,
        Some(Resolutions::Range(a, b)) => (*a..=*b).contains(&req.resolution),
        Some(Resolutions::List(v)) => v.contains(&req.resolution),
    };
    if ok {
        return Ok(());
    }
    let offered = match &o.resolutions {
        Some(Resolutions::Range(a, b)) => format!("{a}–{b}"),
        Some(Resolutions::List(v)) => v.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
        None => String::new(),
    };
    Err(scanner_error(
        format!(
            "Máy quét “{}” không quét được {} dpi; độ phân giải có: {offered} dpi.",
            req.device, req.resolution
        ),
        format!(
            "{} cannot scan at {} dpi (offers {offered})",
            req.device, req.resolution
        ),
    ))
}

fn child_error(device: &str, e: ChildError) -> crate::AppError {
    match &e {
        ChildError::Missing { .. } => scanner_error(
            "Chưa cài chương trình quét (scanimage, gói sane-utils).",
            format!("scanimage is not installed: {e}"),
        ),
        ChildError::TimedOut { secs, .. } => scanner_error(
            format!(
                "Máy quét “{device}” không trả lời sau {secs} giây; hãy kiểm tra máy rồi quét lại."
            ),
            e.to_string(),
        ),
        ChildError::Failed { detail, .. } => {
            let vi = if detail.contains("out of documents") || detail.contains("no docs") {
                "Khay nạp giấy trống; hãy đặt giấy vào rồi quét lại.".to_string()
            } else if detail.contains("jammed") {
                "Giấy bị kẹt; hãy gỡ giấy rồi quét lại.".to_string()
            } else if detail.contains("open of device") || detail.contains("Invalid argument") {
                format!("Không mở được máy quét “{device}”; hãy kiểm tra tên máy và cáp nối.")
            } else {
                format!("Máy quét “{device}” báo lỗi: {detail}")
            };
            scanner_error(vi, e.to_string())
        }
    }
}

impl SaneScanner {
    pub fn options(&self, device: &str) -> AppResult<DeviceOptions> {
        let mut cmd = Command::new(&self.program);
        cmd.args(["-d", device, "-A"]);
        let out =
            run_limited(cmd, None, Duration::from_secs(60)).map_err(|e| child_error(device, e))?;
        Ok(parse_options(&String::from_utf8_lossy(&out)))
    }
}

impl Scanner for SaneScanner {
    fn devices(&self) -> AppResult<Vec<ScanDevice>> {
        let mut cmd = Command::new(&self.program);
        cmd.args(["-f", "%d\t%v %m%n"]);
        let out =
            run_limited(cmd, None, Duration::from_secs(60)).map_err(|e| child_error("", e))?;
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(d, m)| ScanDevice {
                name: d.to_string(),
                description: m.trim().to_string(),
            })
            .collect())
    }

    fn scan(&self, req: &ScanRequest) -> AppResult<Vec<PageImage>> {
        let o = self.options(&req.device)?;
        let source = choose_source(req, &o)?;
        let mode = choose_mode(req, &o)?;
        check_resolution(req, &o)?;
        let dir = std::env::temp_dir().join(format!("eoffice-scan-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir)?;
        let mut cmd = Command::new(&self.program);
        cmd.args(["-d", &req.device, "--format=pnm"])
            .arg(format!("--batch={}/p%04d.pnm", dir.display()))
            .arg(format!("--resolution={}", req.resolution));
        if let Some(m) = &mode {
            cmd.arg(format!("--mode={m}"));
        }
        let feeding = source
            .as_deref()
            .is_some_and(|s| is_feeder(s) || is_duplex(s));
        if let Some(s) = &source {
            cmd.arg(format!("--source={s}"));
        }
        if !feeding {
            // The glass holds one sheet; batch mode would ask again forever.
            cmd.arg("--batch-count=1");
        }
        // The whole sheet, up to what the device can reach.
        let x = o.max_mm.0.map_or(A4_MM.0, |m| m.min(A4_MM.0));
        let y = o.max_mm.1.map_or(A4_MM.1, |m| m.min(A4_MM.1));
        if o.max_mm.0.is_some() {
            cmd.args(["-x", &x.to_string()]);
        }
        if o.max_mm.1.is_some() {
            cmd.args(["-y", &y.to_string()]);
        }
        let run = run_limited(cmd, None, self.limit).map_err(|e| child_error(&req.device, e));
        let pages = run.and_then(|_| read_pages(&dir, &req.device));
        let _ = std::fs::remove_dir_all(&dir);
        pages
    }
}

fn read_pages(dir: &std::path::Path, device: &str) -> AppResult<Vec<PageImage>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pnm"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p)?;
            PageImage::from_pnm(&bytes).ok_or_else(|| {
                scanner_error(
                    format!("Máy quét “{device}” trả về một trang không đọc được."),
                    format!("{} is not a binary PNM page", p.display()),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_BACKEND: &str = "Options specific to device `test':
  Scan Mode:
    --mode Gray|Color [Gray]
    --three-pass[=(yes|no)] [inactive]
    --resolution 1..1200dpi (in steps of 1) [50]
    --source Flatbed|Automatic Document Feeder [Flatbed]
  Geometry:
    -x 0..200mm (in steps of 1) [80]
    -y 0..200mm (in steps of 1) [100]
";

    // The shape office feeders with duplex print (an HP or Epson backend).
    const OFFICE_FEEDER: &str = "
    --mode Lineart|Gray|Color [Color]
    --resolution 75|100|150|200|300|600dpi [300]
    --source Flatbed|ADF|ADF Duplex [Flatbed]
    -x 0..215.9mm [215.9]
    -y 0..355.6mm [355.6]
";

    #[test]
    fn options_are_read_from_what_each_driver_prints() {
        let o = parse_options(TEST_BACKEND);
        assert_eq!(o.sources, ["Flatbed", "Automatic Document Feeder"]);
        assert_eq!(o.modes, ["Gray", "Color"]);
        assert_eq!(o.resolutions, Some(Resolutions::Range(1, 1200)));
        assert_eq!(o.max_mm, (Some(200), Some(200)));
        let o = parse_options(OFFICE_FEEDER);
        assert_eq!(o.sources, ["Flatbed", "ADF", "ADF Duplex"]);
        assert_eq!(
            o.resolutions,
            Some(Resolutions::List(vec![75, 100, 150, 200, 300, 600]))
        );
        assert_eq!(o.max_mm, (Some(215), Some(355)));
    }

    #[test]
    fn the_request_is_matched_to_the_device_or_refused_before_paper_moves() {
        let test = parse_options(TEST_BACKEND);
        let office = parse_options(OFFICE_FEEDER);
        let mut req = ScanRequest::new("test");
        assert_eq!(
            choose_source(&req, &test).unwrap().as_deref(),
            Some("Automatic Document Feeder"),
            "auto prefers the feeder"
        );
        req.duplex = true;
        let e = choose_source(&req, &test).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Scanner);
        assert!(e.message.contains("hai mặt"), "{}", e.message);
        assert_eq!(
            choose_source(&req, &office).unwrap().as_deref(),
            Some("ADF Duplex")
        );
        req.duplex = false;
        req.source = ScanSource::Flatbed;
        assert_eq!(
            choose_source(&req, &office).unwrap().as_deref(),
            Some("Flatbed")
        );
        req.mode = ScanMode::Lineart;
        assert_eq!(
            choose_mode(&req, &office).unwrap().as_deref(),
            Some("Lineart")
        );
        let e = choose_mode(&req, &test).unwrap_err();
        assert!(e.message.contains("Gray, Color"), "{}", e.message);
        req.resolution = 250;
        assert!(check_resolution(&req, &test).is_ok());
        let e = check_resolution(&req, &office).unwrap_err();
        assert!(e.message.contains("300"), "{}", e.message);
    }
}
