//! The demo agency's outgoing documents: letters drafted by the demo
//! specialist with the number and date left blank, at different steps, so
//! the leader has drafts to approve and sign ("Trình ký"), the office head
//! one to review, and the specialist one sent back with a reason.

use crate::{AppResult, DraftInput, Eoffice};
use chrono::Datelike;
use eoffice_pdf::letter_pdf::{render_letter, Letter};

struct DemoDraft {
    title: Option<&'static str>,
    code: &'static str,
    subject: &'static str,
    to: &'static str,
    body: &'static [&'static str],
}

const DRAFTS: [DemoDraft; 5] = [
    DemoDraft {
        title: None,
        code: "CV",
        subject: "V/v triển khai ký số văn bản đi trên hệ thống quản lý văn bản",
        to: "Các sở, ban, ngành tỉnh",
        body: &[
            "Thực hiện Nghị định số 30/2020/NĐ-CP của Chính phủ về công tác văn thư, Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị triển khai ký số đối với toàn bộ văn bản đi, trừ văn bản mật.",
            "Văn thư cơ quan cấp số, ngày và ký số của cơ quan sau khi người có thẩm quyền đã ký số; văn bản được phát hành ngay trong ngày trên hệ thống.",
        ],
    },
    DemoDraft {
        title: None,
        code: "CV",
        subject: "V/v báo cáo kết quả chuyển đổi số năm 2026",
        to: "Sở Thông tin và Truyền thông",
        body: &[
            "Ủy ban nhân dân tỉnh đề nghị Sở Thông tin và Truyền thông tổng hợp kết quả thực hiện nhiệm vụ chuyển đổi số năm 2026 của các cơ quan, địa phương, báo cáo trước ngày 15 tháng 12 năm 2026.",
        ],
    },
    DemoDraft {
        title: Some("QUYẾT ĐỊNH"),
        code: "QĐ",
        subject: "Về việc ban hành Quy chế công tác văn thư, lưu trữ của Ủy ban nhân dân tỉnh",
        to: "",
        body: &[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư, lưu trữ của Ủy ban nhân dân tỉnh.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        ],
    },
    DemoDraft {
        title: None,
        code: "CV",
        subject: "V/v cử cán bộ tham dự tập huấn nghiệp vụ văn thư",
        to: "Sở Nội vụ",
        body: &["Ủy ban nhân dân tỉnh cử 02 công chức Văn phòng tham dự lớp tập huấn nghiệp vụ văn thư, lưu trữ do Sở Nội vụ tổ chức."],
    },
    DemoDraft {
        title: Some("THÔNG BÁO"),
        code: "TB",
        subject: "Lịch tiếp công dân tháng 01 năm 2027",
        to: "",
        body: &["Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân định kỳ của lãnh đạo tỉnh trong tháng 01 năm 2027 tại Trụ sở tiếp công dân tỉnh."],
    },
];

impl Eoffice {
    pub(crate) fn demo_outgoing(&mut self) -> AppResult<()> {
        if !eoffice_store::outgoing::list(&self.conn, &Default::default())?.is_empty() {
            return Ok(());
        }
        // A folder with people of its own keeps them; the drafts need the
        // demo's specialist, office head and chairman.
        let dir = self.directory()?;
        if ["chuyenvien", "chanhvp", "chutich"]
            .iter()
            .any(|u| dir.person(u).is_none())
        {
            return Ok(());
        }
        let year = self.clock.now().year();
        let author = "chuyenvien";
        for (i, d) in DRAFTS.iter().enumerate() {
            let tail = match d.title {
                None => "/UBND-VP".to_string(),
                Some(_) => format!("/{}-UBND", d.code),
            };
            let to = (!d.to.is_empty()).then_some(d.to);
            let pdf = render_letter(&Letter {
                parent_organ: None,
                organ: "Ủy ban nhân dân tỉnh Lạng Sơn",
                symbol_tail: &tail,
                place: "Lạng Sơn",
                year,
                title: d.title,
                subject: d.subject,
                addressed_to: to,
                body: d.body,
                competence: None,
                position: "CHỦ TỊCH",
                signer: "Hoàng Văn Minh",
                recipients: &[if d.to.is_empty() {
                    "Các sở, ban, ngành tỉnh"
                } else {
                    d.to
                }],
                ..Default::default()
            });
            let doc = self.draft_outgoing(
                author,
                &format!("du-thao-{}.pdf", i + 1),
                &pdf,
                &DraftInput {
                    doc_type: d.code.to_string(),
                    subject: d.subject.to_string(),
                    recipients: vec![if d.to.is_empty() {
                        "Các sở, ban, ngành tỉnh".into()
                    } else {
                        d.to.to_string()
                    }],
                    signer: Some("chutich".into()),
                    ..Default::default()
                },
            )?;
            match i {
                // Three for the chairman to approve and sign.
                0..=2 => {
                    self.submit_outgoing(author, &doc.id)?;
                    self.approve_outgoing("chanhvp", &doc.id)?;
                }
                // One for the office head to review.
                3 => {
                    self.submit_outgoing(author, &doc.id)?;
                }
                // One back with its author, with the reason.
                _ => {
                    self.submit_outgoing(author, &doc.id)?;
                    self.send_back_outgoing(
                        "chanhvp",
                        &doc.id,
                        "Bổ sung địa điểm và thời gian tiếp công dân cụ thể.",
                    )?;
                }
            }
        }
        Ok(())
    }
}
