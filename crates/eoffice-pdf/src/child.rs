//! Outside programs (pdftoppm, tesseract, scanimage) run with a time limit.
//!
//! Unlike a thread, a child process can be killed: a page that makes the
//! OCR engine loop costs its time limit and nothing after it.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChildError {
    #[error("{program} is not installed ({detail})")]
    Missing { program: String, detail: String },
    #[error("{program} took longer than {secs} s and was stopped")]
    TimedOut { program: String, secs: u64 },
    #[error("{program} failed: {detail}")]
    Failed { program: String, detail: String },
}

/// Runs `cmd`, feeding it `input` on stdin, and returns its stdout. The
/// child is killed when it overruns `limit`.
pub fn run_limited(
    mut cmd: Command,
    input: Option<Vec<u8>>,
    limit: Duration,
) -> Result<Vec<u8>, ChildError> {
    let program = cmd.get_program().to_string_lossy().to_string();
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| ChildError::Missing {
        program: program.clone(),
        detail: e.to_string(),
    })?;
    // Pipes are drained on threads of their own so that a child writing
    // more than a pipe holds never blocks against us.
    let feeder = input.and_then(|bytes| {
        let mut stdin = child.stdin.take()?;
        Some(std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        }))
    });
    let mut out_pipe = child.stdout.take().expect("stdout is piped");
    let mut err_pipe = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ChildError::TimedOut {
                    program,
                    secs: limit.as_secs().max(1),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                return Err(ChildError::Failed {
                    program,
                    detail: e.to_string(),
                })
            }
        }
    };
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    if !status.success() {
        let text = String::from_utf8_lossy(&stderr);
        let last = text.lines().rev().find(|l| !l.trim().is_empty());
        return Err(ChildError::Failed {
            program,
            detail: format!("{status}: {}", last.unwrap_or("no message").trim()),
        });
    }
    Ok(stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_that_overruns_is_killed_not_waited_for() {
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let started = Instant::now();
        let err = run_limited(cmd, None, Duration::from_millis(200)).unwrap_err();
        assert!(matches!(err, ChildError::TimedOut { .. }), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn stdin_and_stdout_pass_through_and_failures_carry_the_message() {
        let out = run_limited(
            Command::new("cat"),
            Some(b"xin chao".to_vec()),
            Duration::from_secs(5),
        )
        .unwrap();
        assert_eq!(out, b"xin chao");
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo 'bad page' >&2; exit 3"]);
        let err = run_limited(cmd, None, Duration::from_secs(5)).unwrap_err();
        assert!(err.to_string().contains("bad page"), "{err}");
        let err = run_limited(
            Command::new("no-such-program-eoffice"),
            None,
            Duration::from_secs(1),
        )
        .unwrap_err();
        assert!(matches!(err, ChildError::Missing { .. }));
    }
}
