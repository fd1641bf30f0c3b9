//! PDF intake and PDF output.
//!
//! Invariant: a PDF, however broken, gives an error and never a crash.
//! pdf-extract panics on many damaged files, so every call into it goes
//! through [`extract::extract_layout`], which runs it on its own thread behind
//! `catch_unwind` and a time limit.

pub mod book_pdf;
pub mod child;
pub mod extract;
pub mod fields;
pub mod font_embed;
pub mod image_pdf;
pub mod isolate;
pub mod layout;
pub mod legacy;
pub mod letter_pdf;
pub mod ocr;
pub mod office_convert;
mod panic_quiet;

pub use extract::{extract_layout, ExtractError, ExtractLimits, ReadPdf};
pub use fields::{extract_fields, Extracted, Field, FieldSet, SignerFields};
pub use isolate::{isolate, Isolated};
pub use layout::{Chunk, Line, Page, PdfLayout};
pub use legacy::LegacyEncoding;
