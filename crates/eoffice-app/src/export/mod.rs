//! File formats for exported books: CSV and XLSX here, PDF in
//! `eoffice-pdf`.

pub(crate) mod csv;
pub(crate) mod xlsx;
