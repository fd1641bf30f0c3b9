//! `eoffice-gateway-emulator`: the integration platform of domain.md §12
//! in memory, for the tests and for trying the exchange without the real
//! platform. It prints the address it listens on, then serves.
//!
//! ```text
//! eoffice-gateway-emulator --port 0 \
//!     --system 000.00.41.H37:caoloc:secret --faults timeout=0.1,code20=0.1,duplicate=0.1,delay-ms=800,seed=7
//! ```

use clap::Parser;
use eoffice_server::exchange::emulator::{serve, Emulator, Faults};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "eoffice-gateway-emulator",
    about = "Emulator of the provincial integration platform (domain.md §12)"
)]
struct Cli {
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// ORGAN_ID:SYSTEM_ID:SECRET_KEY; may be repeated.
    #[arg(long = "system")]
    systems: Vec<String>,
    /// timeout=P,code20=P,duplicate=P,delay-ms=N,seed=N
    #[arg(long, default_value = "")]
    faults: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let faults = match Faults::parse(&cli.faults) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: --faults: {e}");
            eprintln!("lỗi: tham số --faults không hợp lệ: {e}");
            return ExitCode::from(2);
        }
    };
    let emulator = Emulator::new(faults);
    for s in &cli.systems {
        let parts: Vec<&str> = s.splitn(3, ':').collect();
        let [organ, system, secret] = parts[..] else {
            eprintln!("error: --system {s:?} must be ORGAN_ID:SYSTEM_ID:SECRET_KEY");
            eprintln!("lỗi: --system phải có dạng MÃ_CƠ_QUAN:MÃ_HỆ_THỐNG:KHÓA_BÍ_MẬT");
            return ExitCode::from(2);
        };
        emulator.add_system(organ, system, secret);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let result = rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", cli.port)).await?;
        println!("listening on http://{}", listener.local_addr()?);
        use std::io::Write;
        let _ = std::io::stdout().flush();
        serve(listener, emulator).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("lỗi: không chạy được bộ giả lập: {e}");
            ExitCode::from(1)
        }
    }
}
