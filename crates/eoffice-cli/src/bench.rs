pub fn run(_b: &crate::args::BenchArgs) -> eoffice_app::AppResult<()> {
    Ok(())
}
