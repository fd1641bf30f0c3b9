//! The directory: an agency's units and people (domain.md §1). In
//! connected mode it comes from the server; standalone, the settings
//! screen keeps it. Either way the rules read this one shape.

use crate::role::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub unit: Option<String>,
}

/// Who a task goes to: one person or a whole unit (its head acts for it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "Kind", content = "Code")]
pub enum Party {
    User(String),
    Unit(String),
}

impl Party {
    pub fn code(&self) -> &str {
        match self {
            Party::User(c) | Party::Unit(c) => c,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    pub units: Vec<Unit>,
    pub people: Vec<Person>,
}

impl Directory {
    pub fn person(&self, username: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.username == username)
    }

    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }

    /// WHO on the command line and in forms: a username, else a unit code.
    pub fn resolve(&self, who: &str) -> Option<Party> {
        let who = who.trim();
        if self.person(who).is_some() {
            Some(Party::User(who.to_string()))
        } else if self.unit(who).is_some() {
            Some(Party::Unit(who.to_string()))
        } else {
            None
        }
    }

    /// The heads of a unit: they act for a task given to the unit.
    pub fn heads_of<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a Person> + 'a {
        self.people
            .iter()
            .filter(move |p| p.role == Role::UnitHead && p.unit.as_deref() == Some(unit))
    }

    /// The name a person or unit is shown by.
    pub fn display(&self, party: &Party) -> String {
        match party {
            Party::User(u) => self
                .person(u)
                .map(|p| p.full_name.clone())
                .unwrap_or_else(|| u.clone()),
            Party::Unit(c) => self
                .unit(c)
                .map(|u| u.name.clone())
                .unwrap_or_else(|| c.clone()),
        }
    }

    /// Whether this person acts for the party: it is them, or they head the unit.
    pub fn acts_for(&self, person: &Person, party: &Party) -> bool {
        match party {
            Party::User(u) => *u == person.username,
            Party::Unit(c) => person.role == Role::UnitHead && person.unit.as_deref() == Some(c),
        }
    }
}
