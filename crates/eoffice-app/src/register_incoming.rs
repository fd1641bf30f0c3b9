//! Vào sổ văn bản đến: register an incoming PDF in the right book with the
//! next receipt number (domain.md §3, §5, §6).
//!
//! Nothing is half-written: the original is stored as a whole blob first;
//! the row, its text, its search entry, the book's new last number and the
//! events then commit in one transaction, and a blob this call created is
//! removed again if that transaction fails.

use crate::dto::{DocumentFields, DuplicateRef, IncomingDocument};
use crate::event_log::{record, Actor};
use crate::field_input::{apply_set, check, duplicate_key};
use crate::show_incoming::document_from_row;
use crate::{AppError, AppResult, Eoffice, ErrorCode};
use chrono::NaiveDate;
use eoffice_domain::book::{BookDirection, BookSpec};
use eoffice_domain::incoming::{apply, decide, IncomingCommand, IncomingEvent};
use eoffice_domain::EventKind;
use eoffice_store::incoming::IncomingRow;
use eoffice_store::{books, incoming, outbox, search};
use rusqlite::TransactionBehavior;

#[derive(Debug, Clone, Default)]
pub struct RegisterRequest {
    pub file_name: Option<String>,
    /// `Field=Value` overrides, applied after intake, in order.
    pub sets: Vec<(String, String)>,
    /// Ngày đến; today (Vietnam time) when absent.
    pub arrival_date: Option<NaiveDate>,
    /// A book chosen by the clerk; it must fit the year and secrecy.
    pub book_id: Option<String>,
    /// Register as a late insertion after this number (`15a`).
    pub insert_after: Option<u32>,
    pub allow_duplicate: bool,
    pub actor: String,
    /// The whole form as the clerk left it; replaces what intake read.
    pub fields: Option<DocumentFields>,
}

/// What the registration form sends.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "PascalCase", default)]
pub struct RegisterInput {
    pub fields: DocumentFields,
    /// YYYY-MM-DD; today when absent.
    pub arrival_date: Option<String>,
    pub insert_after: Option<u32>,
    pub allow_duplicate: bool,
}

impl RegisterRequest {
    /// The request a registration form makes.
    pub fn from_input(
        input: RegisterInput,
        file_name: Option<String>,
        actor: &str,
    ) -> AppResult<RegisterRequest> {
        let arrival_date = match input
            .arrival_date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            None => None,
            Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                AppError::invalid(
                    format!("Ngày đến “{d}” không hợp lệ."),
                    format!("arrival date {d:?} must be YYYY-MM-DD"),
                )
            })?),
        };
        let mut fields = input.fields;
        crate::field_input::check_form(&mut fields)?;
        Ok(RegisterRequest {
            file_name,
            arrival_date,
            insert_after: input.insert_after,
            allow_duplicate: input.allow_duplicate,
            actor: actor.to_string(),
            fields: Some(fields),
            ..Default::default()
        })
    }
}

impl Eoffice {
    pub fn register_incoming(
        &mut self,
        pdf: &[u8],
        req: &RegisterRequest,
    ) -> AppResult<IncomingDocument> {
        let agency = self.agency()?;
        self.check_may_register(&req.actor)?;
        let now = self.clock.now();
        let today = now.date_naive();
        let arrival = req.arrival_date.unwrap_or(today);
        if arrival > today {
            return Err(AppError::invalid(
                "Ngày đến không thể sau ngày hôm nay.",
                format!("the arrival date {arrival} is in the future"),
            ));
        }
        let intake = self.read_scanned(pdf, req.file_name.as_deref(), &mut |_, _| {})?;
        let mut fields: DocumentFields = req
            .fields
            .clone()
            .unwrap_or_else(|| intake.result.fields.clone());
        for (k, v) in &req.sets {
            apply_set(&mut fields, k, v)?;
        }
        let checked = check(&mut fields, arrival)?;
        let dup_key = duplicate_key(checked.number.as_ref(), &checked.organ_name, checked.issued);
        let mut warnings = Vec::new();
        if let Some(key) = &dup_key {
            if let Some(existing) = incoming::find_duplicate(&self.conn, key)? {
                let dup = duplicate_ref(&existing);
                if !req.allow_duplicate {
                    return Err(AppError::new(
                        ErrorCode::Duplicate,
                        format!(
                            "Văn bản {} của {} đã được vào sổ: số đến {}, ngày {}.",
                            fields.code_number.clone().unwrap_or_default()
                                + "/"
                                + fields.code_notation.as_deref().unwrap_or(""),
                            checked.organ_name,
                            dup.arrival_number,
                            dup.arrival_date
                        ),
                        format!(
                            "already registered as {} on {} (id {})",
                            dup.arrival_number, dup.arrival_date, dup.id
                        ),
                    )
                    .with_details(serde_json::to_value(&dup).expect("serialisable")));
                }
                warnings.push(format!(
                    "Văn bản trùng với văn bản đã vào sổ số {} ({}).",
                    dup.arrival_number, dup.id
                ));
            }
        }
        if intake.result.needs_ocr {
            warnings
                .push("Tệp PDF không có lớp chữ (bản quét); các trường do văn thư nhập.".into());
        } else if intake.result.ocr {
            warnings
                .push("Bản quét: chữ được nhận dạng (OCR) để tìm kiếm; tệp gốc giữ nguyên.".into());
        }
        let spec = BookSpec::for_document(
            BookDirection::Incoming,
            arrival.format("%Y").to_string().parse().expect("year"),
            checked.secrecy,
        );

        let actor = self.actor_for(&req.actor)?;
        // Verified before the transaction: the crypto needs no lock.
        let signatures = self.check_signatures(pdf)?;
        let (sha, created) = self.blobs.put(pdf)?;
        let result = self.write_registration(
            &agency.id,
            &actor,
            req,
            &spec,
            arrival,
            now,
            &fields,
            &checked,
            dup_key,
            &sha,
            &intake.text,
            signatures.as_ref(),
        );
        match result {
            Ok(mut doc) => {
                doc.warnings = warnings;
                Ok(doc)
            }
            Err(e) => {
                if created {
                    let _ = self.blobs.discard_new(&sha);
                }
                Err(e)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn write_registration(
        &mut self,
        agency_id: &str,
        actor: &Actor,
        req: &RegisterRequest,
        spec: &BookSpec,
        arrival: NaiveDate,
        now: chrono::DateTime<chrono::FixedOffset>,
        fields: &DocumentFields,
        checked: &crate::field_input::Checked,
        dup_key: Option<String>,
        sha: &str,
        text: &str,
        signatures: Option<&crate::verify_incoming::Checked>,
    ) -> AppResult<IncomingDocument> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Connected: the server issues the number. The entry waits in the
        // pending book (chờ cấp số) and its command in the outbox. Secret
        // documents never leave: their book is this desktop's own.
        let provisional = eoffice_store::connection::get(&tx)?.is_some()
            && crate::may_travel(fields.secrecy.as_deref());
        if provisional && (req.insert_after.is_some() || req.book_id.is_some()) {
            return Err(AppError::invalid(
                "Khi kết nối máy chủ, số đến (kể cả số phụ) do máy chủ cấp; không chọn sổ hay chèn số phụ tại máy.",
                "in connected mode the server issues numbers: --book and --insert-after are not available",
            ));
        }
        let book = match &req.book_id {
            _ if provisional => books::get_or_create_pending(&tx, agency_id, spec.year)?,
            Some(id) => {
                books::get(&tx, id)?.ok_or_else(|| AppError::not_found("sổ văn bản", "book", id))?
            }
            None => {
                let (book, new) = books::get_or_create(&tx, agency_id, spec)?;
                if new {
                    record(
                        &tx,
                        agency_id,
                        actor,
                        now,
                        &book.id,
                        EventKind::BookOpened,
                        serde_json::json!({ "BookId": book.id, "Year": book.year, "Secret": book.secret, "Name": book.name, "Direction": "incoming" }),
                    )?;
                }
                book
            }
        };
        let seq_state = book.sequence();
        let year = spec.year;
        let number = match req.insert_after {
            None if provisional => Ok(eoffice_domain::DocNumber::new(books::next_provisional(
                &tx, &book.id,
            )?)),
            None => seq_state.next(year, spec.secret),
            Some(after) => {
                let used = books::used_subs(&tx, &book.id, after)?;
                seq_state.next_sub(after, &used, year, spec.secret)
            }
        }
        .map_err(|e| {
            let code = if matches!(e, eoffice_domain::BookError::Closed { .. }) {
                ErrorCode::BookClosed
            } else {
                ErrorCode::InvalidInput
            };
            AppError::new(code, e.message_vi(), e.to_string())
                .with_details(serde_json::json!({ "BookId": book.id }))
        })?;
        if number.sub.is_none() && !provisional {
            books::set_last_number(&tx, &book.id, number.value)?;
        }

        let id = uuid::Uuid::new_v4().to_string();
        let received = decide(None, &IncomingCommand::Receive { at: now }).map_err(domain_err)?;
        let state = apply(None, &received[0]);
        let registered = decide(
            Some(&state),
            &IncomingCommand::Register {
                book_id: book.id.clone(),
                number: number.clone(),
                at: now,
            },
        )
        .map_err(domain_err)?;
        let state = apply(Some(state), &registered[0]);

        let row = IncomingRow {
            seq: 0,
            id: id.clone(),
            agency_id: agency_id.to_string(),
            book_id: book.id.clone(),
            arrival_number: number.value,
            arrival_sub: number.sub,
            arrival_date: arrival.format("%Y-%m-%d").to_string(),
            state: state.code().to_string(),
            code_number: fields.code_number.clone(),
            code_notation: fields.code_notation.clone(),
            type_name: fields.type_name.clone(),
            issued_date: checked.issued.map(|d| d.format("%Y-%m-%d").to_string()),
            place: fields.place.clone(),
            organ_name: checked.organ_name.clone(),
            parent_organ_name: fields.parent_organ_name.clone(),
            subject: checked.subject.clone(),
            signer_competence: fields.signer_info.competence.clone(),
            signer_position: fields.signer_info.position.clone(),
            signer_full_name: fields.signer_info.full_name.clone(),
            priority: fields.priority,
            secrecy: fields.secrecy.clone(),
            to_places: fields.to_places.clone(),
            addressees: fields.to.iter().map(|o| o.organ_name.clone()).collect(),
            page_amount: fields.page_amount,
            blob_sha256: Some(sha.to_string()),
            file_name: req.file_name.clone(),
            return_reason: None,
            duplicate_key: dup_key,
            created_at: now.to_rfc3339(),
            updated_at: now.to_rfc3339(),
            registered_by: Some(actor.login.clone()),
        };
        tx.execute(
            "INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (?1, ?2, 'application/pdf', ?3)
             ON CONFLICT (sha256) DO UPDATE SET size = excluded.size WHERE blobs.size < 0",
            rusqlite::params![sha, std::fs::metadata(self.blobs.path_of(sha)?).map(|m| m.len()).unwrap_or(0) as i64, now.to_rfc3339()],
        )?;
        let seq = incoming::insert(&tx, &row)?;
        incoming::insert_text(&tx, seq, text)?;
        let meta = search::meta_text(
            &row.organ_name,
            &row.subject,
            row.code_number.as_deref(),
            row.code_notation.as_deref(),
            row.type_name.as_deref(),
        );
        search::index(&tx, seq, &meta, text)?;
        // A registered document creates an obligation (domain.md §6 step 2):
        // its handling starts now, in the clerk's "chờ trình" list.
        eoffice_store::handling::put(
            &tx,
            &eoffice_store::handling::Put {
                document_id: &id,
                handling: &eoffice_domain::handling::Handling::default(),
                arrival_date: &row.arrival_date,
                priority: row.priority,
                principals: &[format!("u:{}", actor.login)],
                lead_unit: None,
                lead_user: None,
                at: &now.to_rfc3339(),
            },
        )?;
        let row = IncomingRow { seq, ..row };
        let mut doc = document_from_row(&row);
        if let Some(c) = signatures {
            eoffice_store::incoming::set_signatures(&tx, &id, &c.badge.verdict, &c.report)?;
            doc.signatures = Some(c.badge.clone());
        }
        if provisional {
            let command_id = uuid::Uuid::new_v4().to_string();
            let args = serde_json::to_value(eoffice_sync::RegisterArgs {
                document_id: id.clone(),
                fields: serde_json::to_value(fields).expect("serialisable"),
                arrival_date: row.arrival_date.clone(),
                sha256: sha.to_string(),
                file_name: req.file_name.clone(),
                duplicate_key: row.duplicate_key.clone(),
                allow_duplicate: req.allow_duplicate,
                text: text.to_string(),
            })
            .expect("serialisable");
            outbox::push(
                &tx,
                outbox::NewCommand {
                    id: &command_id,
                    name: eoffice_sync::command::REGISTER,
                    args: &args,
                    document_id: Some(&id),
                    blob_sha256: Some(sha),
                    prev_state: None,
                    created_at: &now.to_rfc3339(),
                },
            )?;
            tx.commit()?;
            return Ok(doc);
        }
        for ev in received.iter().chain(&registered) {
            let payload = match ev {
                IncomingEvent::Received { .. } => {
                    serde_json::json!({ "Sha256": sha, "FileName": req.file_name })
                }
                _ => serde_json::to_value(&doc).expect("serialisable"),
            };
            record(&tx, agency_id, actor, now, &id, ev.kind(), payload)?;
        }
        tx.commit()?;
        Ok(doc)
    }

    /// An earlier registration with the same number, symbol and issuer.
    pub(crate) fn duplicate_of(&self, fields: &DocumentFields) -> AppResult<Option<DuplicateRef>> {
        let (Some(n), Some(s), Some(organ)) = (
            &fields.code_number,
            &fields.code_notation,
            &fields.organ_name,
        ) else {
            return Ok(None);
        };
        let Ok(ns) = eoffice_domain::NumberSymbol::parse(&format!("{n}/{s}")) else {
            return Ok(None);
        };
        let issued = fields
            .issued_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let Some(key) = duplicate_key(Some(&ns), organ, issued) else {
            return Ok(None);
        };
        Ok(incoming::find_duplicate(&self.conn, &key)?.map(|r| duplicate_ref(&r)))
    }
}

fn duplicate_ref(r: &IncomingRow) -> DuplicateRef {
    DuplicateRef {
        id: r.id.clone(),
        arrival_number: crate::show_incoming::arrival_label(r),
        arrival_date: r.arrival_date.clone(),
        book_id: r.book_id.clone(),
    }
}

pub(crate) fn domain_err(e: eoffice_domain::IncomingError) -> AppError {
    AppError::new(ErrorCode::InvalidState, e.message_vi(), e.to_string())
}
