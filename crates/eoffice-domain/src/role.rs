//! People and roles (domain.md §1): who may do what. The server and the
//! desktop ask these, so a right is written once.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Văn thư.
    Clerk,
    /// Lãnh đạo.
    Leader,
    /// Lãnh đạo phòng/đơn vị.
    UnitHead,
    /// Chuyên viên.
    Specialist,
    /// Quản trị.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Clerk,
        Role::Leader,
        Role::UnitHead,
        Role::Specialist,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Leader => "leader",
            Role::UnitHead => "unit_head",
            Role::Specialist => "specialist",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Clerk => "Văn thư",
            Role::Leader => "Lãnh đạo",
            Role::UnitHead => "Lãnh đạo phòng",
            Role::Specialist => "Chuyên viên",
            Role::Admin => "Quản trị",
        }
    }

    /// The clerk receives, registers and returns incoming documents.
    pub fn may_register_incoming(self) -> bool {
        self == Role::Clerk
    }

    /// Moving an agency's books to the server is an administrator's act.
    pub fn may_import_books(self) -> bool {
        self == Role::Admin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_rights_follow_domain_1() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("boss"), None);
        let registrars: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.may_register_incoming())
            .collect();
        assert_eq!(registrars, vec![Role::Clerk]);
        assert!(Role::Admin.may_import_books() && !Role::Clerk.may_import_books());
    }
}
