//! Phát hành: the clerk takes the next number of the outgoing book, writes
//! the number and the date into the signed PDF (the fields the signer
//! left), and applies the agency's signature with the seal, in one
//! incremental update (domain.md §7, §8). The number is taken inside the
//! transaction that records the issue, so a failed signature leaves no gap
//! and two clerks never take the same number. A secret document is issued
//! on paper: it gets its number in the secret book and is never signed.

use crate::dto::OutgoingDocument;
use crate::outgoing_step::load;
use crate::sign_file::{sign_file, SignAs, SignFileRequest, FIELD_DATE, FIELD_NUMBER};
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::{Datelike, Timelike};
use eoffice_domain::book::BookSpec;
use eoffice_domain::format_date_line;
use eoffice_domain::outgoing::{outgoing_symbol, OutgoingCommand, SymbolParts};
use eoffice_sign::cms_signature::TimeStamper;
use eoffice_sign::SignerKey;
use eoffice_store::books;

impl Eoffice {
    pub fn issue_outgoing(
        &mut self,
        actor: &str,
        id: &str,
        key: Option<&dyn SignerKey>,
        seal: Option<&[u8]>,
        tsa: Option<&dyn TimeStamper>,
    ) -> AppResult<OutgoingDocument> {
        if self.is_connected()? {
            return Err(AppError::new(
                ErrorCode::InvalidState,
                "Chưa phát hành được văn bản đi khi kết nối máy chủ: số văn bản đi phải do máy chủ cấp, việc này chưa có. Hãy phát hành ở máy độc lập.",
                "issuing outgoing documents in connected mode is not supported yet: the server must issue outgoing numbers",
            ));
        }
        let d = load(&self.conn, id)?;
        let today = self.clock.now().date_naive();
        // Checked first so a wrong person or stage never touches the key.
        self.check_outgoing_step(
            actor,
            id,
            &OutgoingCommand::Issue {
                book_id: String::new(),
                number: 1,
                symbol: String::new(),
                date: today,
                pdf: d.may_e_sign().then(String::new),
            },
        )?;
        let key = match (d.may_e_sign(), key) {
            (true, Some(k)) => Some(k),
            (true, None) => {
                return Err(AppError::new(
                    ErrorCode::Signing,
                    "Cần chứng thư số của cơ quan (tệp .p12 hoặc USB token) để phát hành văn bản điện tử.",
                    "the agency's key (PKCS#12 or token) is needed to issue an electronic document",
                ))
            }
            // Secret: never signed, whatever was passed (domain.md §4).
            (false, _) => None,
        };
        let seal = seal.map(<[u8]>::to_vec);
        self.outgoing_step_with(actor, id, move |env, d| {
            let d = d.ok_or_else(|| AppError::not_found("văn bản đi", "outgoing document", id))?;
            let spec = BookSpec::outgoing(today.year(), d.meta.secrecy, d.meta.normative);
            let (book, _) = books::get_or_create(env.conn, &env.agency.id, &spec)?;
            let number = book
                .sequence()
                .next(today.year(), spec.secret)
                .map_err(|e| {
                    let code = match e {
                        eoffice_domain::BookError::Closed { .. } => ErrorCode::BookClosed,
                        _ => ErrorCode::InvalidState,
                    };
                    AppError::new(code, e.message_vi(), e.to_string())
                })?;
            books::set_last_number(env.conn, &book.id, number.value)?;
            let agency_abbr = env
                .agency
                .abbreviation
                .clone()
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| initials(&env.agency.name));
            let symbol = outgoing_symbol(
                number.value,
                &SymbolParts {
                    doc_type: d.meta.doc_type,
                    normative: d.meta.normative,
                    year: today.year(),
                    agency: &agency_abbr,
                    unit: d.meta.unit.as_deref(),
                },
            );
            let pdf = match key {
                None => None,
                Some(key) => {
                    let signed_sha = d.signed_pdf.as_deref().ok_or_else(|| {
                        AppError::new(
                            ErrorCode::InvalidState,
                            "Văn bản chưa được người có thẩm quyền ký số.",
                            "the document has not been signed by its signer",
                        )
                    })?;
                    let place = env.agency.place.clone().unwrap_or_default();
                    let signed = sign_file(SignFileRequest {
                        pdf: env.blobs.get(signed_sha)?,
                        key,
                        role: SignAs::Agency,
                        image: seal,
                        time: env.now.with_nanosecond(0).expect("0 ns is valid"),
                        leave_issue_fields: false,
                        fill: vec![
                            (FIELD_NUMBER.to_string(), format!("Số: {symbol}")),
                            (FIELD_DATE.to_string(), format_date_line(&place, today)),
                        ],
                        tsa,
                        crls: Vec::new(),
                    })?;
                    let (sha, _) = env.blobs.put(&signed.pdf)?;
                    eoffice_store::outgoing::record_blob(
                        env.conn,
                        &sha,
                        signed.pdf.len() as u64,
                        "application/pdf",
                        &env.now.to_rfc3339(),
                    )?;
                    Some(sha)
                }
            };
            Ok(OutgoingCommand::Issue {
                book_id: book.id,
                number: number.value,
                symbol,
                date: today,
                pdf,
            })
        })
    }
}

/// An agency without an abbreviation on record: the initials of its name,
/// as symbols are usually formed (`Ủy ban nhân dân` → `UBND`).
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| eoffice_domain::fold_char(c).to_ascii_uppercase())
        .collect()
}
