//! What the exchange tests and the exchange benchmark share: an emulator
//! served in-process, an agency's app on the gateway, and edoc packages
//! from A to C with a real PDF.
#![allow(dead_code)]

use eoffice_app::{Eoffice, SystemClock};
use eoffice_edxml::*;
use eoffice_server::exchange::emulator::{Emulator, Faults};
use std::path::Path;

pub const A: &str = "000.00.00.H37";
pub const C: &str = "000.00.41.H37";

pub fn start_emulator() -> (Emulator, String) {
    let emulator = Emulator::new(Faults::default());
    emulator.add_system(A, "gw-a", "khoa-cong-a-2026");
    emulator.add_system(C, "gw-c", "khoa-cong-c-2026");
    let (tx, rx) = std::sync::mpsc::channel();
    let served = emulator.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            eoffice_server::exchange::emulator::serve(listener, served)
                .await
                .unwrap();
        });
    });
    let addr = rx.recv().unwrap();
    (emulator, format!("http://{addr}"))
}

pub fn app(dir: &Path, id: &str, name: &str, url: &str, system: &str, secret: &str) -> Eoffice {
    let mut app = Eoffice::open(dir, Box::new(SystemClock)).unwrap();
    app.init_agency("vt", id, name, Some("UBND"), Some("Lạng Sơn"))
        .unwrap();
    app.set_exchange_endpoint("vt", "gateway", url, system, secret)
        .unwrap();
    app
}

pub fn package(run: u64, n: u32, pdf: &[u8]) -> Vec<u8> {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 1 + (run % 28) as u32).unwrap();
    let code = format!("{:02}/UBND-VP", 10 + n);
    let id = DocumentId::parse("t", &format!("{A},{},{code}", format_date(date))).unwrap();
    let organ = |id: &str, name: &str| Organ {
        organ_id: id.into(),
        organ_name: name.into(),
        ..Organ::default()
    };
    let attachment = Attachment {
        content_type: "application/pdf".into(),
        content_id: format!("run{run}-doc{n}"),
        description: "Văn bản điện tử".into(),
        attachment_name: "vb.pdf".into(),
        data: pdf.to_vec(),
    };
    let edoc = Edoc {
        message_header: MessageHeader {
            from: organ(A, "UBND tỉnh Lạng Sơn"),
            to: vec![organ(C, "UBND huyện Cao Lộc")],
            code: Code {
                code_number: format!("{:02}", 10 + n),
                code_notation: "UBND-VP".into(),
            },
            promulgation_info: PromulgationInfo {
                place: "Lạng Sơn".into(),
                promulgation_date: date,
            },
            document_type: DocumentTypeInfo {
                r#type: 18,
                type_name: "Công văn".into(),
            },
            subject: format!("Về việc thử lượt {run}, văn bản {n}"),
            content: String::new(),
            signer_info: SignerInfo::default(),
            due_date: None,
            to_places: Vec::new(),
            other_info: OtherInfo::default(),
            response_for: Vec::new(),
            steering_type: None,
            document_id: id,
        },
        trace_header_list: Vec::new(),
        bussiness: Bussiness::default(),
        manifest: manifest_for(std::slice::from_ref(&attachment)),
        attachments: vec![attachment],
        signature: None,
    };
    write_package(&Package::Edoc(Box::new(edoc))).unwrap()
}
