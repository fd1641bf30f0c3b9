//! Time comes in through a clock, so use cases are testable without
//! sleeping and domain code never reads the system time.

use chrono::{DateTime, FixedOffset, Utc};

pub use eoffice_domain::vietnam;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<FixedOffset>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Utc::now().with_timezone(&vietnam())
    }
}

/// A clock that stands still; for tests and reproducible benchmarks.
pub struct FixedClock(pub DateTime<FixedOffset>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}
