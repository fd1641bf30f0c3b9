//! Export a registry book (Appendix IV) to PDF (A4 landscape), XLSX or CSV.
//! The file is written beside its destination and renamed into place, so
//! a failed export never leaves half a file.

use crate::book_rows::{incoming_book_row, outgoing_book_row};
use crate::dto::BookExport;
use crate::export::{csv, xlsx};
use crate::{AppError, AppResult, Eoffice};
use eoffice_domain::book::{BookDirection, BookSpec};
use eoffice_domain::book_columns::{
    INCOMING_BOOK_COLUMNS, INCOMING_BOOK_WIDTHS, OUTGOING_BOOK_COLUMNS, OUTGOING_BOOK_WIDTHS,
};
use eoffice_pdf::book_pdf::{render_table, TableDoc};
use eoffice_store::{books, incoming, outgoing};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Pdf,
    Xlsx,
    Csv,
}

impl ExportFormat {
    pub fn parse(s: &str) -> AppResult<ExportFormat> {
        match s.to_ascii_lowercase().as_str() {
            "pdf" => Ok(ExportFormat::Pdf),
            "xlsx" => Ok(ExportFormat::Xlsx),
            "csv" => Ok(ExportFormat::Csv),
            _ => Err(AppError::invalid(
                format!("Định dạng “{s}” không hỗ trợ; chọn pdf, xlsx hoặc csv."),
                format!("format {s:?} is not supported: use pdf, xlsx or csv"),
            )),
        }
    }

    fn code(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }
}

impl Eoffice {
    pub fn export_book(
        &self,
        direction: &str,
        year: i32,
        secret: bool,
        normative: bool,
        format: ExportFormat,
        out: &Path,
    ) -> AppResult<BookExport> {
        let agency = self.agency()?;
        let direction = BookDirection::from_code(direction).ok_or_else(|| {
            AppError::invalid(
                format!("Loại sổ “{direction}” không có; chọn incoming, outgoing hoặc internal."),
                format!("direction {direction:?}: use incoming, outgoing or internal"),
            )
        })?;
        if direction == BookDirection::Internal {
            return Err(AppError::invalid(
                "Chưa có sổ văn bản nội bộ để xuất.",
                "there is no internal book to export yet",
            ));
        }
        let spec = BookSpec {
            direction,
            year,
            secret,
            normative: normative && direction == BookDirection::Outgoing,
        };
        let book = books::find(&self.conn, &spec)?
            .ok_or_else(|| AppError::not_found("sổ văn bản", "book", &books::book_id(&spec)))?;
        let id = book.id.clone();
        let (columns, widths, rows): (&[&str; 10], &[f32; 10], Vec<Vec<String>>) = match direction {
            BookDirection::Outgoing => {
                let dir = self.directory()?;
                let rows = outgoing::in_book(&self.conn, &id)?
                    .iter()
                    .map(|r| outgoing_book_row(&r.draft, &dir))
                    .collect();
                (&OUTGOING_BOOK_COLUMNS, &OUTGOING_BOOK_WIDTHS, rows)
            }
            _ => {
                let rows = incoming::in_book(&self.conn, &id)?
                    .iter()
                    .map(incoming_book_row)
                    .collect();
                (&INCOMING_BOOK_COLUMNS, &INCOMING_BOOK_WIDTHS, rows)
            }
        };
        let title = if spec.normative {
            "SỔ ĐĂNG KÝ VĂN BẢN QUY PHẠM PHÁP LUẬT".to_string()
        } else {
            spec.direction.label().to_uppercase()
        };
        let subtitle = format!(
            "Năm {year}{}",
            if secret {
                " — Sổ văn bản mật"
            } else {
                ""
            }
        );
        let organ = agency.name.to_uppercase();
        let now = self.clock.now();
        let bytes = match format {
            ExportFormat::Csv => csv::write(columns, &rows),
            ExportFormat::Xlsx => xlsx::write(&xlsx::Sheet {
                name: &match direction {
                    BookDirection::Outgoing => format!("Sổ đi {year}"),
                    _ => format!("Sổ đến {year}"),
                },
                title_lines: &[organ.clone(), format!("{title} — {subtitle}")],
                header: columns,
                widths,
                rows: &rows,
            }),
            ExportFormat::Pdf => render_table(&TableDoc {
                organ: &organ,
                title: &title,
                subtitle: &subtitle,
                columns,
                widths,
                rows: &rows,
                footer: &format!("{} — in lúc {}", book.name, now.format("%H:%M %d/%m/%Y")),
            }),
        };
        write_atomically(out, &bytes)?;
        Ok(BookExport {
            book_id: id,
            rows: rows.len(),
            path: out.display().to_string(),
            format: format.code().into(),
        })
    }
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> AppResult<()> {
    let fail = |e: std::io::Error| {
        AppError::new(
            crate::ErrorCode::Storage,
            format!(
                "Không ghi được tệp {}. Hãy kiểm tra thư mục và quyền ghi.",
                path.display()
            ),
            format!("cannot write {}: {e}", path.display()),
        )
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.part",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}
