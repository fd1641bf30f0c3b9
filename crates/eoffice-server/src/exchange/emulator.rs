//! An emulator of the provincial integration platform (domain.md §12), for
//! the tests and for trying the exchange without the real platform: the
//! same API as the provincial server, kept in memory, strict like the
//! national axis, and able to misbehave on purpose. Faults are drawn from
//! a seeded generator so that a failing run can be replayed:
//! - `timeout`: the answer comes after `delay_ms`, past the client's limit,
//!   though the call did its work (the client sees a failure and retries);
//! - `code20`: the platform answers 20, before or after doing the work;
//! - `duplicate`: a package is delivered twice, under two ids.

use super::{Backend, PlatformResult};
use eoffice_sync::exchange_wire::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct Faults {
    pub timeout: f64,
    pub code20: f64,
    pub duplicate: f64,
    pub delay_ms: u64,
    pub seed: u64,
}

impl Faults {
    /// `timeout=0.1,code20=0.1,duplicate=0.05,delay-ms=800,seed=7`.
    pub fn parse(s: &str) -> Result<Faults, String> {
        let mut f = Faults {
            delay_ms: 1000,
            seed: 1,
            ..Faults::default()
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?} is not name=value"))?;
            let p = || {
                v.parse::<f64>()
                    .map_err(|_| format!("{k}: {v:?} is not a number"))
            };
            match k {
                "timeout" => f.timeout = p()?,
                "code20" => f.code20 = p()?,
                "duplicate" => f.duplicate = p()?,
                "delay-ms" => f.delay_ms = p()? as u64,
                "seed" => f.seed = p()? as u64,
                _ => return Err(format!("unknown fault {k:?}")),
            }
        }
        Ok(f)
    }
}

#[derive(Debug, Clone)]
struct System {
    organ: String,
    secret: String,
    locked: bool,
}

#[derive(Debug, Clone)]
struct Stored {
    doc_id: String,
    from: String,
    to: String,
    message_type: String,
    body: Arc<Vec<u8>>,
    sha: String,
    status: String,
    created: chrono::NaiveDateTime,
}

#[derive(Default)]
struct State {
    systems: HashMap<String, System>,
    tokens: HashMap<String, (String, Instant)>,
    packages: Vec<Stored>,
    next: u64,
    rng: u64,
    /// What the faults did, for the tests to see that they happened.
    injected: HashMap<&'static str, u64>,
}

impl State {
    fn roll(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        // xorshift64*: small, seeded, the same run every time.
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        let x = self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11;
        (x as f64 / (1u64 << 53) as f64) < p
    }
}

#[derive(Clone)]
pub struct Emulator {
    state: Arc<Mutex<State>>,
    faults: Arc<Mutex<Faults>>,
}

enum Fault {
    None,
    Before,
    After,
}

impl Emulator {
    pub fn new(faults: Faults) -> Emulator {
        let seed = faults.seed.max(1);
        Emulator {
            state: Arc::new(Mutex::new(State {
                rng: seed,
                ..State::default()
            })),
            faults: Arc::new(Mutex::new(faults)),
        }
    }

    pub fn add_system(&self, organ: &str, system_id: &str, secret: &str) {
        self.lock().systems.insert(
            system_id.to_string(),
            System {
                organ: organ.to_string(),
                secret: secret.to_string(),
                locked: false,
            },
        );
    }

    pub fn set_locked(&self, organ: &str, locked: bool) {
        for s in self.lock().systems.values_mut() {
            if s.organ == organ {
                s.locked = locked;
            }
        }
    }

    pub fn set_faults(&self, faults: Faults) {
        let seed = faults.seed.max(1);
        *self.faults.lock().unwrap_or_else(|p| p.into_inner()) = faults;
        self.lock().rng = seed;
    }

    /// How often each fault was injected.
    pub fn injected(&self) -> HashMap<&'static str, u64> {
        self.lock().injected.clone()
    }

    /// Packages kept, by recipient and message type.
    pub fn count(&self, to: &str, message_type: &str) -> usize {
        self.lock()
            .packages
            .iter()
            .filter(|p| p.to == to && p.message_type == message_type)
            .count()
    }

    /// Packages a recipient has not marked done or failed yet.
    pub fn pending_for(&self, to: &str) -> usize {
        self.lock()
            .packages
            .iter()
            .filter(|p| p.to == to && (p.status == "pending" || p.status == "fetched"))
            .count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Draws this call's fault; a timeout is served by sleeping.
    async fn fault(&self) -> Fault {
        let f = self
            .faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let (delay, fault) = {
            let mut s = self.lock();
            let delay = s.roll(f.timeout);
            let fault = if s.roll(f.code20) {
                if s.roll(0.5) {
                    Fault::Before
                } else {
                    Fault::After
                }
            } else {
                Fault::None
            };
            if delay {
                *s.injected.entry("timeout").or_default() += 1;
            }
            if !matches!(fault, Fault::None) {
                *s.injected.entry("code20").or_default() += 1;
            }
            (delay, fault)
        };
        if delay {
            tokio::time::sleep(Duration::from_millis(f.delay_ms)).await;
        }
        fault
    }
}

fn code20() -> (PlatformCode, String) {
    (
        PlatformCode::PlatformError,
        "injected platform error".into(),
    )
}

fn sha(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Backend for Emulator {
    fn strict(&self) -> bool {
        true
    }

    async fn login(&self, system_id: &str, secret: &str) -> PlatformResult<LoginData> {
        let mut s = self.lock();
        match s.systems.get(system_id) {
            Some(sys) if sys.secret == secret => {
                let organ = sys.organ.clone();
                s.next += 1;
                let token = format!(
                    "emu-{}-{}",
                    s.next,
                    sha(format!("{organ}{}", s.next).as_bytes())
                );
                s.tokens.insert(
                    token.clone(),
                    (organ, Instant::now() + Duration::from_secs(TOKEN_SECONDS)),
                );
                Ok(LoginData {
                    token,
                    expires_in: TOKEN_SECONDS,
                })
            }
            _ => Err((
                PlatformCode::WrongSystemOrKey,
                "wrong system id or secret key".into(),
            )),
        }
    }

    async fn authenticate(
        &self,
        token: &str,
        system_id: &str,
        secret: &str,
    ) -> PlatformResult<String> {
        let s = self.lock();
        let sys = s.systems.get(system_id);
        match (s.tokens.get(token), sys) {
            (Some((organ, until)), Some(sys))
                if *until > Instant::now() && sys.organ == *organ && sys.secret == secret =>
            {
                Ok(organ.clone())
            }
            _ => Err((
                PlatformCode::WrongSystemOrKey,
                "the token, system id or secret key is not valid".into(),
            )),
        }
    }

    async fn organ(&self, organ_id: &str) -> PlatformResult<Option<bool>> {
        Ok(self
            .lock()
            .systems
            .values()
            .find(|s| s.organ == organ_id)
            .map(|s| s.locked))
    }

    async fn store(
        &self,
        from: &str,
        to: &str,
        message_type: &str,
        body: &[u8],
    ) -> PlatformResult<String> {
        let fault = self.fault().await;
        if matches!(fault, Fault::Before) {
            return Err(code20());
        }
        let f = self
            .faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let digest = sha(body);
        let mut s = self.lock();
        let existing = s
            .packages
            .iter()
            .find(|p| p.from == from && p.to == to && p.sha == digest)
            .map(|p| p.doc_id.clone());
        let copies = if existing.is_some() {
            0
        } else if s.roll(f.duplicate) {
            *s.injected.entry("duplicate").or_default() += 1;
            2
        } else {
            1
        };
        let body = Arc::new(body.to_vec());
        let mut id = existing.unwrap_or_default();
        for copy in 0..copies {
            s.next += 1;
            id = format!("gw-{:08}", s.next);
            let p = Stored {
                doc_id: id.clone(),
                from: from.to_string(),
                to: to.to_string(),
                message_type: message_type.to_string(),
                body: body.clone(),
                // A duplicate delivery is another package to the platform:
                // its own id, and its own identity for a later resend.
                sha: if copy == 0 {
                    digest.clone()
                } else {
                    format!("{digest}-dup{id}")
                },
                status: "pending".into(),
                created: chrono::Utc::now().naive_utc(),
            };
            s.packages.push(p);
        }
        drop(s);
        if matches!(fault, Fault::After) {
            return Err(code20());
        }
        Ok(id)
    }

    async fn list(
        &self,
        organ: &str,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        status: Option<&str>,
    ) -> PlatformResult<Vec<ReceivedEntry>> {
        if !matches!(self.fault().await, Fault::None) {
            return Err(code20());
        }
        Ok(self
            .lock()
            .packages
            .iter()
            .filter(|p| p.to == organ)
            .filter(|p| status.is_none_or(|s| p.status == s))
            .filter(|p| (from..=to).contains(&p.created.date()))
            .map(|p| ReceivedEntry {
                doc_id: p.doc_id.clone(),
                from: p.from.clone(),
                to: p.to.clone(),
                message_type: p.message_type.clone(),
                status: p.status.clone(),
                created_time: p.created.format("%Y-%m-%d %H:%M:%S").to_string(),
            })
            .collect())
    }

    async fn get(&self, organ: &str, doc_id: &str) -> PlatformResult<Option<(String, Vec<u8>)>> {
        if !matches!(self.fault().await, Fault::None) {
            return Err(code20());
        }
        Ok(self
            .lock()
            .packages
            .iter()
            .find(|p| p.doc_id == doc_id && p.to == organ)
            .map(|p| (p.message_type.clone(), p.body.as_ref().clone())))
    }

    async fn set_status(
        &self,
        organ: &str,
        doc_id: &str,
        status: &str,
        _description: &str,
    ) -> PlatformResult<bool> {
        let fault = self.fault().await;
        if matches!(fault, Fault::Before) {
            return Err(code20());
        }
        let found = {
            let mut s = self.lock();
            match s
                .packages
                .iter_mut()
                .find(|p| p.doc_id == doc_id && p.to == organ)
            {
                Some(p) => {
                    p.status = status.to_string();
                    true
                }
                None => false,
            }
        };
        if matches!(fault, Fault::After) {
            return Err(code20());
        }
        Ok(found)
    }
}

/// Serves the emulator on a bound listener until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, emulator: Emulator) -> std::io::Result<()> {
    axum::serve(listener, super::router(emulator)).await
}
