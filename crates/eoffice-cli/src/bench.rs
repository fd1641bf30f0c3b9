//! `eoffice bench`: prints figures beside the targets of issue 2.

use crate::args::{BenchArgs, BenchWhat};
use eoffice_app::bench::{
    corpus, search_queries, time_intake, time_list, time_register, time_search, Rng, Stats,
};
use eoffice_app::AppResult;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn work_dir(given: &Option<PathBuf>, name: &str) -> PathBuf {
    given
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join(name))
}

fn stats_line(label: &str, s: &Stats) -> String {
    format!(
        "{label:<42} n={:<5} p50={:<10} p95={:<10} max={}",
        s.n,
        ms(s.p50),
        ms(s.p95),
        ms(s.max)
    )
}

pub fn run(b: &BenchArgs) -> AppResult<()> {
    match &b.what {
        BenchWhat::Sign {
            person,
            agency,
            ca,
            rounds,
            big_mb,
            batch,
            image,
            seal,
        } => {
            let password = crate::read_password()?;
            let images = match (image, seal) {
                (Some(i), Some(s)) => Some((crate::read_file(i)?, crate::read_file(s)?)),
                _ => None,
            };
            let work =
                std::env::temp_dir().join(format!("eoffice-bench-sign-{}", std::process::id()));
            let (person, agency, ca) = (
                crate::read_file(person)?,
                crate::read_file(agency)?,
                crate::read_file(ca)?,
            );
            let f = eoffice_app::bench_sign::sign_figures(&eoffice_app::bench_sign::SignBench {
                person_p12: &person,
                agency_p12: &agency,
                password: &password,
                ca: &ca,
                rounds: *rounds,
                big_bytes: big_mb * 1024 * 1024,
                batch_docs: *batch,
                images: images.as_ref().map(|(i, s)| (i.as_slice(), s.as_slice())),
                work: &work,
            })?;
            let _ = std::fs::remove_dir_all(&work);
            println!("sign: a {}-page letter, {rounds} rounds", f.letter_pages);
            println!(
                "  {} (target ≤ 25 ms)",
                stats_line("sign as the person", &f.person)
            );
            println!(
                "  {} (target ≤ 25 ms)",
                stats_line("verify (1 signature)", &f.verify_person)
            );
            println!(
                "  {} (target ≤ 25 ms)",
                stats_line("sign as the agency", &f.agency)
            );
            println!(
                "  {} (target ≤ 25 ms)",
                stats_line("verify (2 signatures)", &f.verify_both)
            );
            if let Some((p, a)) = &f.placed {
                println!(
                    "  {} (target ≤ 25 ms)",
                    stats_line("eoffice sign --as person --image (placed)", p)
                );
                println!(
                    "  {} (target ≤ 25 ms)",
                    stats_line("eoffice sign --as agency --image (seal)", a)
                );
            }
            println!(
                "  {:.1} MB PDF: {}; {}",
                f.big_bytes as f64 / 1e6,
                stats_line("SHA-256 pass", &f.sha256_pass),
                stats_line("sign", &f.big_sign)
            );
            println!(
                "  ratio sign/SHA-256 (p50): {:.2}× (target ≤ 4×)",
                f.big_sign.p50.as_secs_f64() / f.sha256_pass.p50.as_secs_f64()
            );
            println!(
                "  batch of {} drafts with one PKCS#12 key: {:.2} s, {} failed (target ≤ 5 s)",
                f.batch_docs,
                f.batch.as_secs_f64(),
                f.batch_failed
            );
        }
        BenchWhat::Handling { docs, work_dir: w } => {
            use eoffice_app::bench_handling::{handling_corpus, time_queue, time_report};
            use eoffice_app::Queue;
            let dir = work_dir(w, &format!("eoffice-bench-handling-{docs}"));
            let t = Instant::now();
            let app = handling_corpus(&dir, *docs, |n| eprint!("\r  {n} documents…"))?;
            eprintln!();
            let tasks: u64 = app.count_rows("tasks")?;
            println!(
                "handling: {docs} documents, {tasks} tasks in {} (set-up {:.1} s)",
                dir.display(),
                t.elapsed().as_secs_f64()
            );
            for (q, label) in [
                (Queue::Mine, "Việc của tôi, page of 50"),
                (Queue::Overdue, "Quá hạn, page of 50"),
                (Queue::DueSoon, "Sắp đến hạn, page of 50"),
            ] {
                let s = time_queue(&app, q, 400)?;
                println!("  {} (target p95 ≤ 5 ms)", stats_line(label, &s));
            }
            let (s, received) = time_report(&app, 10)?;
            println!(
                "  {} (target ≤ 200 ms; {received} documents counted)",
                stats_line("handling report, one year", &s)
            );
        }
        BenchWhat::Ocr { file, rounds } => {
            let scan = file.as_ref().map(|f| crate::read_file(f)).transpose()?;
            let work =
                std::env::temp_dir().join(format!("eoffice-bench-ocr-{}", std::process::id()));
            let f = eoffice_app::bench_ocr::ocr_figures(scan.as_deref(), *rounds, &work);
            let _ = std::fs::remove_dir_all(&work);
            let f = f?;
            println!(
                "ocr: a one-page A4 scan at 300 dpi, {rounds} rounds ({} words read, {}/6 header and signer fields found)",
                f.words, f.fields_found
            );
            println!(
                "  {}",
                stats_line("eoffice: extract + OCR + fields", &f.pipeline)
            );
            println!(
                "  {}",
                stats_line("tesseract alone (as installed)", &f.tesseract)
            );
            println!(
                "  {}",
                stats_line("tesseract alone (one thread)", &f.tesseract_one_thread)
            );
            let ratio = |a: &Stats, b: &Stats| a.p50.as_secs_f64() / b.p50.as_secs_f64();
            println!(
                "  ratio eoffice/tesseract: {:.2}× as installed, {:.2}× one thread (target ≤ 1.3×)",
                ratio(&f.pipeline, &f.tesseract),
                ratio(&f.pipeline, &f.tesseract_one_thread)
            );
        }
        BenchWhat::Intake { dir, rounds } => {
            let (ours, theirs, files) = time_intake(dir, *rounds)?;
            println!("intake: {files} PDFs × {rounds} rounds");
            println!(
                "  eoffice intake (extract + fields, in process): {}",
                ms(ours)
            );
            println!(
                "  pdftotext (one process per file):               {}",
                ms(theirs)
            );
            println!(
                "  ratio eoffice/pdftotext: {:.2}× (target ≤ 1.5×)",
                ours.as_secs_f64() / theirs.as_secs_f64()
            );
        }
        BenchWhat::Search { docs, work_dir: w } => {
            let dir = work_dir(w, &format!("eoffice-bench-search-{docs}"));
            let years: Vec<i32> = if *docs >= 500_000 {
                (2017..=2026).collect()
            } else {
                vec![2026]
            };
            let t = Instant::now();
            let app = corpus(&dir, *docs, &years, |n| {
                if n % 100_000 == 0 {
                    eprintln!(
                        "  corpus: {n} documents ({:.0} s)",
                        t.elapsed().as_secs_f64()
                    )
                }
            })?;
            println!(
                "search corpus: {docs} documents in {} (ready after {:.1} s)",
                dir.display(),
                t.elapsed().as_secs_f64()
            );
            let queries = search_queries(&mut Rng(7), 300);
            let _ = time_search(&app, &queries[..30])?;
            let (s, hits) = time_search(&app, &queries)?;
            println!(
                "{}",
                stats_line("search (top 20, ranked, with snippets)", &s)
            );
            println!("  results returned: {hits}; target p95 ≤ 20 ms at N = 1,000,000");
        }
        BenchWhat::List { docs, work_dir: w } => {
            let dir = work_dir(w, &format!("eoffice-bench-list-{docs}"));
            let t = Instant::now();
            let app = corpus(&dir, *docs, &[2026], |_| {})?;
            println!(
                "list corpus: {docs} documents in year 2026 (ready after {:.1} s)",
                t.elapsed().as_secs_f64()
            );
            let mut all = Vec::new();
            for (label, s) in time_list(&app, 2026, 200)? {
                println!("{}", stats_line(&label, &s));
                all.push(s.p95);
            }
            all.sort();
            println!(
                "  worst p95 over all views: {} (target ≤ 5 ms)",
                ms(*all.last().unwrap_or(&Duration::ZERO))
            );
        }
        BenchWhat::Register { count, file } => {
            let dir =
                std::env::temp_dir().join(format!("eoffice-bench-register-{}", std::process::id()));
            let bytes = std::fs::read(file)?;
            let (n, took) = time_register(&dir, &bytes, *count)?;
            println!(
                "register: {n} registrations of {} in {:.2} s: {:.0} per second ({} each)",
                file.display(),
                took.as_secs_f64(),
                n as f64 / took.as_secs_f64(),
                ms(took / n.max(1))
            );
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    Ok(())
}
