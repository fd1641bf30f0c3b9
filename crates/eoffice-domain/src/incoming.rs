//! The incoming document as a state machine (domain.md §6):
//! received → registered, or returned with a reason. Presented, assigned
//! and handled are states that later commands reach.
//!
//! `decide` checks a command against the current state and yields events;
//! `apply` folds events into the state. Neither does IO.

use crate::number::DocNumber;
use chrono::{DateTime, FixedOffset};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncomingState {
    Received,
    Registered { book_id: String, number: DocNumber },
    Returned { reason: String },
    Presented,
    Assigned,
    Handled,
}

impl IncomingState {
    pub fn code(&self) -> &'static str {
        match self {
            IncomingState::Received => "received",
            IncomingState::Registered { .. } => "registered",
            IncomingState::Returned { .. } => "returned",
            IncomingState::Presented => "presented",
            IncomingState::Assigned => "assigned",
            IncomingState::Handled => "handled",
        }
    }

    /// Every state's stored code and Vietnamese name, in workflow order.
    pub const CODES_AND_LABELS: [(&'static str, &'static str); 8] = [
        ("received", "Đã tiếp nhận"),
        ("registered", "Đã vào sổ"),
        ("returned", "Đã trả lại"),
        ("presented", "Đã trình"),
        ("assigned", "Đã giao xử lý"),
        ("handled", "Đã xử lý xong"),
        ("for_information", "Để biết"),
        ("recalled", "Đã bị thu hồi"),
    ];

    /// The Vietnamese name of a state stored by its code.
    pub fn label_of_code(code: &str) -> Option<&'static str> {
        IncomingState::CODES_AND_LABELS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| *l)
    }

    pub fn label(&self) -> &'static str {
        IncomingState::label_of_code(self.code()).expect("every state has a label")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncomingCommand {
    Receive {
        at: DateTime<FixedOffset>,
    },
    Register {
        book_id: String,
        number: DocNumber,
        at: DateTime<FixedOffset>,
    },
    Return {
        reason: String,
        at: DateTime<FixedOffset>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncomingEvent {
    Received {
        at: DateTime<FixedOffset>,
    },
    Registered {
        book_id: String,
        number: DocNumber,
        at: DateTime<FixedOffset>,
    },
    Returned {
        reason: String,
        at: DateTime<FixedOffset>,
    },
}

impl IncomingEvent {
    pub fn kind(&self) -> crate::EventKind {
        match self {
            IncomingEvent::Received { .. } => crate::EventKind::IncomingReceived,
            IncomingEvent::Registered { .. } => crate::EventKind::IncomingRegistered,
            IncomingEvent::Returned { .. } => crate::EventKind::IncomingReturned,
        }
    }

    /// The stable name written into the event log.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IncomingError {
    #[error("the document was already received")]
    AlreadyReceived,
    #[error("the document must be received first")]
    NotReceived,
    #[error("a document in state {0} cannot be registered")]
    CannotRegister(&'static str),
    #[error("a document in state {0} cannot be returned")]
    CannotReturn(&'static str),
    #[error("returning a document needs a reason")]
    ReasonRequired,
}

impl IncomingError {
    pub fn message_vi(&self) -> String {
        match self {
            IncomingError::AlreadyReceived => "Văn bản này đã được tiếp nhận.".into(),
            IncomingError::NotReceived => "Văn bản chưa được tiếp nhận.".into(),
            IncomingError::CannotRegister(s) => {
                format!("Văn bản ở trạng thái “{s}” không thể vào sổ.")
            }
            IncomingError::CannotReturn(s) => {
                format!("Văn bản ở trạng thái “{s}” không thể trả lại.")
            }
            IncomingError::ReasonRequired => "Cần nhập lý do trả lại văn bản.".into(),
        }
    }
}

pub fn decide(
    state: Option<&IncomingState>,
    command: &IncomingCommand,
) -> Result<Vec<IncomingEvent>, IncomingError> {
    use IncomingCommand as C;
    use IncomingState as S;
    match (state, command) {
        (None, C::Receive { at }) => Ok(vec![IncomingEvent::Received { at: *at }]),
        (Some(_), C::Receive { .. }) => Err(IncomingError::AlreadyReceived),
        (None, _) => Err(IncomingError::NotReceived),
        (
            Some(S::Received),
            C::Register {
                book_id,
                number,
                at,
            },
        ) => Ok(vec![IncomingEvent::Registered {
            book_id: book_id.clone(),
            number: number.clone(),
            at: *at,
        }]),
        (Some(s), C::Register { .. }) => Err(IncomingError::CannotRegister(s.code())),
        // A clerk returns a document that is invalid or misdirected, before or
        // after registering it, but not once it is in the leader's hands.
        (Some(S::Received | S::Registered { .. }), C::Return { reason, at }) => {
            let reason = reason.trim();
            if reason.chars().count() < 3 {
                return Err(IncomingError::ReasonRequired);
            }
            Ok(vec![IncomingEvent::Returned {
                reason: reason.to_string(),
                at: *at,
            }])
        }
        (Some(s), C::Return { .. }) => Err(IncomingError::CannotReturn(s.code())),
    }
}

pub fn apply(_state: Option<IncomingState>, event: &IncomingEvent) -> IncomingState {
    match event {
        IncomingEvent::Received { .. } => IncomingState::Received,
        IncomingEvent::Registered {
            book_id, number, ..
        } => IncomingState::Registered {
            book_id: book_id.clone(),
            number: number.clone(),
        },
        IncomingEvent::Returned { reason, .. } => IncomingState::Returned {
            reason: reason.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-01-05T08:30:00+07:00").unwrap()
    }

    fn run(cmds: &[IncomingCommand]) -> Result<Option<IncomingState>, IncomingError> {
        let mut state = None;
        for c in cmds {
            for e in decide(state.as_ref(), c)? {
                state = Some(apply(state, &e));
            }
        }
        Ok(state)
    }

    fn register() -> IncomingCommand {
        IncomingCommand::Register {
            book_id: "b".into(),
            number: DocNumber::new(1),
            at: t(),
        }
    }

    fn ret(reason: &str) -> IncomingCommand {
        IncomingCommand::Return {
            reason: reason.into(),
            at: t(),
        }
    }

    #[test]
    fn received_then_registered_domain_6() {
        let s = run(&[IncomingCommand::Receive { at: t() }, register()]).unwrap();
        assert_eq!(
            s,
            Some(IncomingState::Registered {
                book_id: "b".into(),
                number: DocNumber::new(1)
            })
        );
    }

    #[test]
    fn returned_with_a_reason_domain_6() {
        let s = run(&[
            IncomingCommand::Receive { at: t() },
            ret("  Gửi nhầm cơ quan "),
        ])
        .unwrap();
        assert_eq!(
            s,
            Some(IncomingState::Returned {
                reason: "Gửi nhầm cơ quan".into()
            })
        );
        assert_eq!(
            run(&[IncomingCommand::Receive { at: t() }, ret("  ")]),
            Err(IncomingError::ReasonRequired)
        );
    }

    #[test]
    fn every_state_code_has_a_vietnamese_label() {
        for s in [
            IncomingState::Received,
            IncomingState::Presented,
            IncomingState::Assigned,
            IncomingState::Handled,
        ] {
            assert!(IncomingState::label_of_code(s.code()).is_some());
        }
        assert_eq!(
            IncomingState::label_of_code("registered"),
            Some("Đã vào sổ")
        );
        assert_eq!(IncomingState::label_of_code("nope"), None);
    }

    #[test]
    fn illegal_transitions_are_refused() {
        assert_eq!(run(&[register()]), Err(IncomingError::NotReceived));
        let recv = IncomingCommand::Receive { at: t() };
        assert_eq!(
            run(&[recv.clone(), recv.clone()]),
            Err(IncomingError::AlreadyReceived)
        );
        assert_eq!(
            run(&[recv.clone(), register(), register()]),
            Err(IncomingError::CannotRegister("registered"))
        );
        assert_eq!(
            run(&[recv.clone(), ret("Sai thể thức"), register()]),
            Err(IncomingError::CannotRegister("returned"))
        );
        assert_eq!(
            run(&[recv, ret("Sai thể thức"), ret("lần nữa")]),
            Err(IncomingError::CannotReturn("returned"))
        );
    }
}
