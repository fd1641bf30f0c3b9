//! The columns of the registry books, Appendix IV of Decree 30/2020/NĐ-CP
//! (domain.md §5). Every export and every on-screen book uses these.

/// Sổ đăng ký văn bản đến, in order.
pub const INCOMING_BOOK_COLUMNS: [&str; 10] = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// Sổ đăng ký văn bản đi, in order.
pub const OUTGOING_BOOK_COLUMNS: [&str; 10] = [
    "Số, ký hiệu",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu",
    "Người ký",
    "Nơi nhận",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// Relative column widths for printing the incoming book on A4 landscape.
pub const INCOMING_BOOK_WIDTHS: [f32; 10] = [7.0, 5.0, 14.0, 10.0, 8.0, 24.0, 11.0, 7.0, 7.0, 7.0];

/// Relative column widths for printing the outgoing book on A4 landscape.
pub const OUTGOING_BOOK_WIDTHS: [f32; 10] = [10.0, 7.0, 24.0, 11.0, 14.0, 9.0, 5.0, 7.0, 7.0, 6.0];
