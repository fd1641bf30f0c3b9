//! Who sees a document (issue 7, "Access"): a specialist or unit head what
//! was given to them or their unit; a leader, a clerk and an administrator
//! all of their agency's; a secret document only the people named on it.

use crate::directory::{Directory, Person};
use crate::handling::Handling;
use crate::role::Role;

/// What access depends on, besides the person.
pub struct DocumentFacts<'a> {
    pub secret: bool,
    /// Whoever registered it (the clerk of a secret document is named on it).
    pub registered_by: Option<&'a str>,
    pub handling: &'a Handling,
}

pub fn may_see(person: &Person, dir: &Directory, doc: &DocumentFacts) -> bool {
    let named = doc.registered_by == Some(person.username.as_str())
        || doc.handling.named_people().contains(&person.username)
        || doc
            .handling
            .named_units()
            .iter()
            .any(|u| dir.heads_of(u).any(|h| h.username == person.username));
    if doc.secret {
        return named;
    }
    match person.role {
        Role::Clerk | Role::Leader | Role::Admin => true,
        Role::UnitHead | Role::Specialist => {
            named
                || person
                    .unit
                    .as_ref()
                    .is_some_and(|u| doc.handling.named_units().contains(u))
        }
    }
}

/// Roles that see every non-secret document of the agency, so lists need
/// no per-document filter for them.
pub fn sees_whole_agency(role: Role) -> bool {
    matches!(role, Role::Clerk | Role::Leader | Role::Admin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::{Party, Unit};
    use crate::handling::{Part, Task, TaskState};
    use chrono::TimeZone;

    fn p(u: &str, role: Role, unit: Option<&str>) -> Person {
        Person {
            username: u.into(),
            full_name: u.into(),
            role,
            unit: unit.map(String::from),
        }
    }

    #[test]
    fn specialists_see_their_units_and_secrets_only_the_named() {
        let dir = Directory {
            units: vec![Unit {
                code: "VP".into(),
                name: "Văn phòng".into(),
            }],
            people: vec![
                p("tp", Role::UnitHead, Some("VP")),
                p("cv1", Role::Specialist, Some("VP")),
                p("cv9", Role::Specialist, Some("TC")),
                p("ld", Role::Leader, None),
                p("vt", Role::Clerk, None),
            ],
        };
        let mut h = Handling::default();
        let none = DocumentFacts {
            secret: false,
            registered_by: Some("vt"),
            handling: &h,
        };
        assert!(!may_see(dir.person("cv1").unwrap(), &dir, &none));
        assert!(may_see(dir.person("ld").unwrap(), &dir, &none));
        h.leaders.push("ld".into());
        h.tasks.push(Task {
            no: 1,
            party: Party::Unit("VP".into()),
            part: Part::Lead,
            deadline: None,
            assigned_by: "ld".into(),
            parent: None,
            state: TaskState::Open,
            assigned_at: chrono::FixedOffset::east_opt(25200)
                .unwrap()
                .with_ymd_and_hms(2026, 3, 9, 8, 0, 0)
                .unwrap(),
            first_viewed_at: None,
            percent: None,
            finished_at: None,
            extension_asked: None,
        });
        let open = DocumentFacts {
            secret: false,
            registered_by: Some("vt"),
            handling: &h,
        };
        assert!(may_see(dir.person("cv1").unwrap(), &dir, &open));
        assert!(!may_see(dir.person("cv9").unwrap(), &dir, &open));
        let secret = DocumentFacts {
            secret: true,
            registered_by: Some("vt"),
            handling: &h,
        };
        // The unit head is named through the unit; the unit's specialist is not.
        assert!(may_see(dir.person("tp").unwrap(), &dir, &secret));
        assert!(!may_see(dir.person("cv1").unwrap(), &dir, &secret));
        assert!(may_see(dir.person("vt").unwrap(), &dir, &secret));
        assert!(may_see(dir.person("ld").unwrap(), &dir, &secret));
        let other_clerk = p("vt2", Role::Clerk, None);
        assert!(!may_see(&other_clerk, &dir, &secret));
    }
}
