//! TypeScript declarations of every type that crosses to the web UI,
//! generated from the Rust types with ts-rs. The UI imports
//! `ui/src/lib/bindings.ts`; a test fails when that file and these types
//! drift apart.

use crate::dto::*;
use crate::{AppError, ErrorCode, ListRequest, RegisterInput};
use ts_rs::{Config, TS};

/// The contents `ui/src/lib/bindings.ts` must have.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ErrorCode::decl(&cfg),
        AppError::decl(&cfg),
        SignerInfo::decl(&cfg),
        OrganRef::decl(&cfg),
        DocumentFields::decl(&cfg),
        AttachedTo::decl(&cfg),
        DuplicateRef::decl(&cfg),
        IntakeResult::decl(&cfg),
        InboxEntry::decl(&cfg),
        crate::scan_paper::ScanOutcome::decl(&cfg),
        IncomingDocument::decl(&cfg),
        ListItem::decl(&cfg),
        ListPage::decl(&cfg),
        HistoryEvent::decl(&cfg),
        DocumentDetail::decl(&cfg),
        SearchHit::decl(&cfg),
        AgencyInfo::decl(&cfg),
        AuditReport::decl(&cfg),
        BookExport::decl(&cfg),
        BookInfo::decl(&cfg),
        NextNumber::decl(&cfg),
        DocumentTypeInfo::decl(&cfg),
        BackupInfo::decl(&cfg),
        CodeLabel::decl(&cfg),
        Vocabulary::decl(&cfg),
        Progress::decl(&cfg),
        ListRequest::decl(&cfg),
        RegisterInput::decl(&cfg),
        SyncStatus::decl(&cfg),
        RejectedCommand::decl(&cfg),
        SyncReport::decl(&cfg),
        SyncProgress::decl(&cfg),
        UserSummary::decl(&cfg),
        UnitSummary::decl(&cfg),
        DirectoryInfo::decl(&cfg),
        PartyRef::decl(&cfg),
        TaskView::decl(&cfg),
        TraceEntry::decl(&cfg),
        HandlingView::decl(&cfg),
        AssigneeInput::decl(&cfg),
        AssignInput::decl(&cfg),
        QueueItem::decl(&cfg),
        QueueCounts::decl(&cfg),
        ReportLine::decl(&cfg),
        HandlingReport::decl(&cfg),
        MonthFigure::decl(&cfg),
        UnitFigure::decl(&cfg),
        StageCount::decl(&cfg),
        Dashboard::decl(&cfg),
        CalendarDay::decl(&cfg),
        YearCalendar::decl(&cfg),
        DraftVersion::decl(&cfg),
        DraftComment::decl(&cfg),
        OutgoingStep::decl(&cfg),
        OutgoingDocument::decl(&cfg),
        BatchItem::decl(&cfg),
        BatchResult::decl(&cfg),
        SignProgress::decl(&cfg),
        SignatureBadge::decl(&cfg),
        BookTable::decl(&cfg),
        crate::trust_roots::TrustRootInfo::decl(&cfg),
        crate::signing_key::KeyInfo::decl(&cfg),
        crate::draft_outgoing::DraftInput::decl(&cfg),
        crate::receive_edxml::ReceivedOutcome::decl(&cfg),
        ReceivedItem::decl(&cfg),
        RecipientStatus::decl(&cfg),
        ExchangeOrgan::decl(&cfg),
        ExchangeRun::decl(&cfg),
        ExchangeEndpointInfo::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust DTOs in crates/eoffice-app by ts-rs. Do not edit:\n\
         // run `EOFFICE_WRITE_BINDINGS=1 cargo test -p eoffice-app --test bindings`.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    out.trim_end().to_string() + "\n"
}
