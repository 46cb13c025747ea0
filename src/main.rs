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
    let cli = steppe::cli::Cli::parse();
    if matches!(
        cli.command,
        steppe::cli::Command::Load { .. } | steppe::cli::Command::Import { .. }
    ) {
        keep_freed_pages();
    }
    match steppe::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", message(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each once. Most errors here, and Oxigraph's, say their cause in
/// their own message and also give it as their source, so printing the chain (`{:#}`) said it
/// two or three times ("SPARQL syntax error: error at 1:8: …: error at 1:8: …"); a cause whose
/// message the text already ends with is left out.
fn message(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.ends_with(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// Has jemalloc keep the pages a bulk command frees for its next batches instead of returning
/// them to the system. By default it returns them within seconds (and pages of allocations over
/// 8 MiB at once), and each of a load's batches, sorted on a thread of its own, then faulted
/// every page of its tables in again: at 100,000 papers 744,000 page faults and three seconds of
/// system time; 203,000 and under two seconds with this. The command exits when done, and its
/// peak memory stays its batches' (about 400 MB). The server keeps jemalloc's default.
fn keep_freed_pages() {
    use tikv_jemalloc_ctl::{Access, AsName};
    const NEVER: isize = -1;
    // arenas made from now on: each new thread's, and the one for allocations over 8 MiB
    if let Err(e) = b"arenas.dirty_decay_ms\0".name().write(NEVER) {
        tracing::debug!("jemalloc keeps its decay: {e}");
        return;
    }
    // and those made already
    let made: u32 = b"arenas.narenas\0".name().read().unwrap_or(0);
    if let Ok(mut arena) = b"arena.0.dirty_decay_ms\0".name().mib::<[usize; 3]>() {
        for index in 0..made as usize {
            arena[1] = index;
            // an arena not made yet is refused, and takes the new default when it is
            let _ = arena.write(NEVER);
        }
    }
}

#[cfg(test)]
mod tests {
    use tikv_jemalloc_ctl::{Access, AsName};

    #[test]
    fn bulk_commands_keep_the_pages_they_free() {
        let default: isize = b"arenas.dirty_decay_ms\0".name().read().unwrap();
        assert!(default > 0, "jemalloc's default returns freed pages");
        super::keep_freed_pages();
        let new: isize = b"arenas.dirty_decay_ms\0".name().read().unwrap();
        let made: isize = b"arena.0.dirty_decay_ms\0".name().read().unwrap();
        assert_eq!((new, made), (-1, -1));
    }
}
