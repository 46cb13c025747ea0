//! The `steppe` binary: parses the command line, starts logging, runs the command.

use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

/// jemalloc instead of glibc's allocator: bulk loads free millions of small terms, often on
/// another thread than the one that allocated them, where glibc's free dominated the profile.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("steppe=info,tower_http=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match steppe::cli::run(steppe::cli::Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
