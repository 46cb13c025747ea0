//! The `steppe` command line: serve, load, query, dump, validate.
//!
//! Parses arguments, calls the library, prints for people. `anyhow` lives here and in `main`.

use crate::config::StoreArgs;
use crate::embedded;
use crate::results::{self, Format};
use crate::source::{self, Source};
use crate::store::Store;
use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::io::RdfFormat;
use oxigraph::model::{Literal, NamedNode, Term};
use std::io::{IsTerminal, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// steppe: publish papers, authors, institutions, journals and topics as linked data.
#[derive(Debug, Parser)]
#[command(name = "steppe", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the graph over HTTP (loads the demo data into an empty store first).
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        /// Address to listen on.
        #[arg(long, env = "STEPPE_BIND", default_value = "127.0.0.1:7878")]
        bind: SocketAddr,
        /// Time limit of one query, in seconds.
        #[arg(long, env = "STEPPE_QUERY_TIMEOUT", default_value_t = 30)]
        query_timeout: u64,
        /// Do not load the bundled demo data into an empty store.
        #[arg(long)]
        no_demo: bool,
        /// Queries running at once at /sparql; more are answered 429.
        #[arg(long, env = "STEPPE_MAX_CONCURRENT_QUERIES", default_value_t = 8)]
        max_concurrent_queries: usize,
        /// The longest query accepted, in bytes; longer ones are answered 413.
        #[arg(long, env = "STEPPE_MAX_QUERY_BYTES", default_value_t = 256 * 1024)]
        max_query_bytes: usize,
        /// The largest RDF document the graph store (/store) accepts, in bytes; larger ones
        /// are answered 413 (load big files with `steppe load`).
        #[arg(long, env = "STEPPE_MAX_UPLOAD_BYTES", default_value_t = crate::http::DEFAULT_MAX_UPLOAD_BYTES)]
        max_upload_bytes: usize,
        /// Access tokens, one a line: `name scope secret` (scope `read` or `write`, secret of
        /// 24 characters or more). Without it SPARQL Update and the graph store are off.
        #[arg(long, env = "STEPPE_TOKEN_FILE", value_name = "FILE")]
        token_file: Option<PathBuf>,
        /// Where dated dumps are kept and served from (/dumps/); a release is written at start
        /// when the data changed since the newest. Default: `{store}-dumps` next to the store;
        /// with --memory, no dumps unless given.
        #[arg(long, env = "STEPPE_DUMPS", value_name = "DIR")]
        dumps: Option<PathBuf>,
        /// Keep and serve no dumps (for read-only deployments and benchmarks).
        #[arg(long, conflicts_with = "dumps")]
        no_dumps: bool,
        /// Keep no lists index in memory: entity pages run their lists' queries at every
        /// render (slower, for large graphs on little memory, and to measure the index).
        #[arg(long, env = "STEPPE_NO_LISTS")]
        no_lists: bool,
    },
    /// Load RDF files (Turtle, TriG, N-Triples, N-Quads, N3, RDF/XML, JSON-LD; .gz too), each into
    /// its own named graph. A directory loads every RDF file under it. Loading a file with the same
    /// name again replaces what it said.
    Load {
        #[command(flatten)]
        store: StoreArgs,
        /// Files or directories.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// Import records of a scholarly graph (crossref, datacite, openalex, orcid, ror): single records, API list responses,
    /// JSON arrays or JSON Lines, .gz too. Each record becomes a source of its own; importing it
    /// again replaces it. Bad records are skipped with their position and reason.
    Import {
        #[command(flatten)]
        store: StoreArgs,
        /// The source the records come from: crossref, datacite, openalex (works), orcid or ror.
        source: String,
        /// Files of records.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Import nothing from a file in which any record would be skipped.
        #[arg(long)]
        strict: bool,
        /// Print each file's summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run a SPARQL query over the union of all graphs.
    Query {
        #[command(flatten)]
        store: StoreArgs,
        /// The query, or @FILE to read it from a file.
        query: String,
        /// Output: table (default; pretty Turtle for graphs), json, xml, csv, tsv, ttl, nt, nq, trig, rdf, jsonld.
        #[arg(long, default_value = "table")]
        format: String,
        /// Bind a variable: NAME=VALUE, where VALUE is `<IRI>` or a plain string. Repeatable.
        #[arg(long = "bind", value_name = "NAME=VALUE")]
        bindings: Vec<String>,
        /// Time limit in seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
    },
    /// Write the dataset (or one graph) to a file or standard output.
    Dump {
        #[command(flatten)]
        store: StoreArgs,
        /// nq or trig for the dataset; with --graph also ttl, nt, rdf, jsonld.
        #[arg(long, default_value = "nq")]
        format: String,
        /// Only this named graph.
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Output file (standard output when absent).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write today's dated release (N-Quads and TriG, gzip, with SHA-256 files) into this
        /// directory instead, as `serve` serves them at /dumps/.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "graph"])]
        release: Option<PathBuf>,
    },
    /// Write the sitemaps (sitemap.xml and sitemap/*.xml, as `serve` answers them) into a
    /// directory, for publishing as static files.
    Sitemap {
        #[command(flatten)]
        store: StoreArgs,
        /// Output directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write a synthetic scholarly graph in steppe's model as N-Quads (gzip when FILE ends in
    /// .gz), deterministic for a seed: papers, people, institutions, journals, topics,
    /// citations and summaries shaped like real scholarly graphs (bench/README.md).
    Generate {
        /// How many papers.
        #[arg(long)]
        papers: usize,
        /// The seed: the same seed writes the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (standard output when absent).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The base IRI entities are minted under.
        #[arg(long, env = "STEPPE_BASE_IRI", value_name = "IRI", default_value = crate::config::DEFAULT_BASE)]
        base_iri: String,
    },
    /// Check the data against the SHACL shapes of the model; exit status 1 on any violation.
    Validate {
        #[command(flatten)]
        store: StoreArgs,
        /// Validate these files (in a fresh in-memory store with the ontology) instead of the store.
        #[arg(value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
        /// Shapes to use instead of steppe's own (Turtle).
        #[arg(long, value_name = "FILE")]
        shapes: Option<PathBuf>,
    },
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve {
            store,
            bind,
            query_timeout,
            no_demo,
            max_concurrent_queries,
            max_query_bytes,
            max_upload_bytes,
            token_file,
            dumps,
            no_dumps,
            no_lists,
        } => {
            let dumps = dumps.or_else(|| {
                (!store.memory && !no_dumps).then(|| {
                    let mut name = store.store.as_os_str().to_owned();
                    name.push("-dumps");
                    PathBuf::from(name)
                })
            });
            let tokens = match &token_file {
                Some(path) => crate::auth::Tokens::load(path)?,
                None => crate::auth::Tokens::default(),
            };
            let mut limits = crate::http::Limits::new(max_concurrent_queries, max_query_bytes);
            limits.max_upload_bytes = max_upload_bytes;
            serve(
                &store,
                bind,
                Duration::from_secs(query_timeout),
                (no_demo, no_lists),
                limits,
                (tokens, dumps),
            )
        }
        Command::Load { store, paths } => {
            let store = store.open()?;
            load(&store, &paths)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            store,
            source,
            files,
            strict,
            json,
        } => import(&store, &source, &files, strict, json),
        Command::Query {
            store,
            query,
            format,
            bindings,
            timeout,
        } => query_command(
            &store.open()?,
            &query,
            &format,
            &bindings,
            Duration::from_secs(timeout),
        ),
        Command::Dump {
            store,
            release: Some(dir),
            ..
        } => {
            let store = store.open()?;
            let started = Instant::now();
            let (release, quads) =
                crate::dump::write_release(&store, &dir, &crate::dump::today(), |_| {})?;
            let mut out = std::io::stdout().lock();
            for file in &release.files {
                writeln!(
                    out,
                    "{}: {} bytes, sha256 {}",
                    dir.join(&file.name).display(),
                    file.bytes,
                    file.sha256
                )?;
            }
            writeln!(
                out,
                "{quads} quads in {:.1} s",
                started.elapsed().as_secs_f64()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Dump {
            store,
            format,
            graph,
            output,
            release: None,
        } => dump(&store.open()?, &format, graph.as_deref(), output.as_ref()),
        Command::Validate {
            store,
            paths,
            shapes,
        } => validate(&store, &paths, shapes.as_ref()),
        Command::Generate {
            papers,
            seed,
            output,
            base_iri,
        } => generate(papers, seed, output.as_ref(), &base_iri),
        Command::Sitemap { store, out } => {
            let store = store.open()?;
            let started = Instant::now();
            let urls =
                crate::sitemap::write_all(&store, &out).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            writeln!(
                std::io::stdout().lock(),
                "{urls} entity IRIs in {} sitemap(s) under {}, {:.2} s",
                urls.div_ceil(crate::sitemap::PER_SITEMAP as u64),
                out.display(),
                started.elapsed().as_secs_f64()
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn serve(
    args: &StoreArgs,
    bind: SocketAddr,
    query_timeout: Duration,
    (no_demo, no_lists): (bool, bool),
    limits: crate::http::Limits,
    (tokens, dumps): (crate::auth::Tokens, Option<PathBuf>),
) -> anyhow::Result<ExitCode> {
    let store = args
        .open()
        .with_context(|| format!("while opening the store at {}", args.store.display()))?;
    if !no_demo && !store.has_sources()? {
        let started = Instant::now();
        let mut quads = 0;
        for (path, text) in embedded::DEMO_DATA {
            let name = path.rsplit('/').next().unwrap_or(path);
            quads += store
                .load(Source::from_bytes(
                    name,
                    RdfFormat::Turtle,
                    text.as_bytes().to_vec(),
                ))?
                .quads;
        }
        tracing::info!(
            quads,
            seconds = started.elapsed().as_secs_f64(),
            "loaded the demo data into the empty store"
        );
    }
    if tokens.is_empty() {
        tracing::info!("no --token-file: SPARQL Update and the graph store are off");
    }
    if let Some(dir) = &dumps {
        release_if_changed(&store, dir);
    }
    // start reading the lists index in the background; pages run their queries until it is in
    store.use_lists(!no_lists);
    let _ = store.lists();
    let state = crate::http::AppState {
        store,
        query_timeout,
        limits,
        tokens: std::sync::Arc::new(tokens),
        pages: std::sync::Arc::default(),
        replay: std::sync::Arc::default(),
        dumps: dumps.map(std::sync::Arc::new),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind).await.with_context(|| format!("cannot listen on {bind}"))?;
        // a streamed answer is several small writes: without TCP_NODELAY, Nagle's algorithm
        // holds the last one back until the client's delayed ACK (milliseconds per request)
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::warn!(error = %e, "cannot set TCP_NODELAY");
            }
        });
        tracing::info!(address = %axum::serve::Listener::local_addr(&listener)?, base = state.store.minter().base(), "steppe is serving");
        axum::serve(listener, crate::http::app(state)).with_graceful_shutdown(shutdown_signal()).await?;
        tracing::info!("steppe stopped");
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Writes today's dump release in the background when the data changed since the newest
/// release (or there is none), so `/dumps/latest.*` follows the data.
fn release_if_changed(store: &Store, dir: &std::path::Path) {
    let newest = crate::dump::releases(dir)
        .ok()
        .and_then(|r| r.into_iter().next())
        .and_then(|r| std::fs::metadata(dir.join(&r.files[0].name)).ok())
        .and_then(|m| m.modified().ok());
    let changed = store.last_changed();
    if newest.is_some() && changed.is_some_and(|c| newest.is_some_and(|n| n >= c)) {
        return;
    }
    let (store, dir) = (store.clone(), dir.to_owned());
    std::thread::spawn(move || {
        let started = Instant::now();
        match crate::dump::write_release(&store, &dir, &crate::dump::today(), |_| {}) {
            Ok((release, quads)) => tracing::info!(
                release = release.date,
                quads,
                seconds = started.elapsed().as_secs_f64(),
                dir = %dir.display(),
                "wrote a dump release"
            ),
            Err(e) => tracing::error!(error = %e, "cannot write a dump release"),
        }
    });
}

fn import(
    args: &StoreArgs,
    source: &str,
    files: &[PathBuf],
    strict: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let kind = crate::import::Kind::parse(source).with_context(|| {
        format!("unknown source {source:?}: crossref, datacite, openalex, orcid or ror")
    })?;
    let store = args.open()?;
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for file in files {
        let name = file.display().to_string();
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
        let bar = (bytes.len() >= 8 * 1024 * 1024 && std::io::stderr().is_terminal())
            .then(|| {
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {human_pos}/{human_len} records {per_sec} eta {eta}",
                )
                .map(|style| {
                    ProgressBar::new(0)
                        .with_message(name.clone())
                        .with_style(style.progress_chars("=> "))
                })
            })
            .transpose()?;
        let result = crate::import::import_with_progress(
            &store,
            kind,
            &name,
            &bytes,
            strict,
            |done, total| {
                if let Some(bar) = &bar {
                    bar.set_length(total);
                    bar.set_position(done);
                }
            },
        );
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        match result {
            Ok(summary) if json => writeln!(out, "{}", serde_json::to_string(&summary)?)?,
            Ok(summary) => {
                writeln!(
                    out,
                    "{name}: {} records read, {} imported ({} merged with other sources, {} unchanged), {} skipped, {} quads, {:.1} s ({:.0} records/s)",
                    summary.read,
                    summary.imported,
                    summary.merged,
                    summary.unchanged,
                    summary.skipped.values().sum::<u64>(),
                    summary.quads,
                    summary.seconds,
                    summary.records_per_second
                )?;
                for (reason, count) in &summary.skipped {
                    writeln!(out, "  skipped {count}: {reason}")?;
                }
                for skip in &summary.skips {
                    writeln!(out, "    {skip}")?;
                }
                if !summary.dropped.is_empty() {
                    writeln!(
                        out,
                        "  {} invalid identifiers left out:",
                        summary.dropped.len()
                    )?;
                    for dropped in summary.dropped.iter().take(20) {
                        writeln!(out, "    {dropped}")?;
                    }
                }
            }
            Err(e) => {
                writeln!(std::io::stderr(), "error: {e}")?;
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Resolves on ctrl-c or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Loads files and directories, printing a line per file and a summary.
pub fn load(store: &Store, paths: &[PathBuf]) -> anyhow::Result<()> {
    let listing = source::list(paths)?;
    let mut err = std::io::stderr();
    for skipped in &listing.skipped {
        writeln!(err, "skipped {} (not an RDF file)", skipped.display())?;
    }
    let started = Instant::now();
    let (mut quads, mut inferred) = (0u64, 0u64);
    for path in &listing.files {
        let bar = progress_bar(path)?;
        let watch_bar = bar.clone();
        let source = Source::open(path, move |reader| match watch_bar {
            Some(bar) => Box::new(bar.wrap_read(reader)) as Box<dyn Read + Send>,
            None => reader,
        })?;
        let file_started = Instant::now();
        let report = store
            .load(source)
            .with_context(|| format!("nothing was changed by loading {}", path.display()));
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let report = report?;
        writeln!(
            err,
            "{} {}: {} quads (+{} inferred) in {:.2} s into {}",
            if report.replaced {
                "replaced"
            } else {
                "loaded"
            },
            path.display(),
            report.quads,
            report.inferred,
            file_started.elapsed().as_secs_f64(),
            report.graph
        )?;
        quads += report.quads;
        inferred += report.inferred;
    }
    let seconds = started.elapsed().as_secs_f64();
    writeln!(
        err,
        "{} file(s): {quads} quads (+{inferred} inferred) in {seconds:.2} s, {:.0} quads/s",
        listing.files.len(),
        quads as f64 / seconds.max(1e-9)
    )?;
    Ok(())
}

fn progress_bar(path: &std::path::Path) -> anyhow::Result<Option<ProgressBar>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size < 8 * 1024 * 1024 || !std::io::stderr().is_terminal() {
        return Ok(None);
    }
    let bar = ProgressBar::new(size)
        .with_message(path.display().to_string())
        .with_style(
            ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )?
            .progress_chars("=> "),
        );
    Ok(Some(bar))
}

fn query_command(
    store: &Store,
    query: &str,
    format: &str,
    bindings: &[String],
    timeout: Duration,
) -> anyhow::Result<ExitCode> {
    let text = match query.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the query file {file}"))?,
        None => query.to_owned(),
    };
    let Some(format) = Format::parse(format) else {
        bail!(
            "unknown format {format:?}; expected one of {}",
            Format::NAMES.join(", ")
        );
    };
    let bindings = bindings
        .iter()
        .map(|b| parse_binding(b))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bound: Vec<(&str, Term)> = bindings
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    let results = store.query(&text, &bound, Some(timeout))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    results::write(results, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `name=<iri>` or `name=plain string`.
fn parse_binding(binding: &str) -> anyhow::Result<(String, Term)> {
    let Some((name, value)) = binding.split_once('=') else {
        bail!("--bind {binding:?}: expected NAME=VALUE");
    };
    let name = name.trim_start_matches(['?', '$']).to_owned();
    let term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri)
            .with_context(|| format!("--bind {name}: invalid IRI {iri:?}"))?
            .into(),
        None => Literal::new_simple_literal(value).into(),
    };
    Ok((name, term))
}

fn dump(
    store: &Store,
    format: &str,
    graph: Option<&str>,
    output: Option<&PathBuf>,
) -> anyhow::Result<ExitCode> {
    let format = match format {
        "nq" => RdfFormat::NQuads,
        "trig" => RdfFormat::TriG,
        "ttl" => RdfFormat::Turtle,
        "nt" => RdfFormat::NTriples,
        "rdf" => RdfFormat::RdfXml,
        "jsonld" => RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
        other => bail!(
            "unknown dump format {other:?}; expected nq, trig, or with --graph also ttl, nt, rdf, jsonld"
        ),
    };
    if graph.is_none() && !format.supports_datasets() {
        bail!(
            "a dump of the whole dataset needs a dataset format (nq or trig); pass --graph for {}",
            format.name()
        );
    }
    let graph = graph
        .map(NamedNode::new)
        .transpose()
        .context("--graph must be an IRI")?;
    match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            store.dump(format, graph.as_ref(), &mut out)?;
            out.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            store.dump(format, graph.as_ref(), &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn generate(
    papers: usize,
    seed: u64,
    output: Option<&PathBuf>,
    base: &str,
) -> anyhow::Result<ExitCode> {
    let options = crate::synthetic::Options {
        papers,
        seed,
        base: crate::mint::Minter::new(base)?,
    };
    let started = Instant::now();
    let report = match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let file = std::io::BufWriter::with_capacity(1 << 20, file);
            if path.extension().is_some_and(|e| e == "gz") {
                let gzip = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
                crate::synthetic::write(&options, gzip)?
            } else {
                crate::synthetic::write(&options, file)?
            }
        }
        None => {
            let stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            crate::synthetic::write(&options, stdout)?
        }
    };
    eprintln!(
        "{} quads: {} papers, {} people, {} organisations, {} publishers, {} journals, {} topics, \
         {} authorships, {} citations, {} summaries; {:.1} s",
        report.quads,
        report.papers,
        report.people,
        report.organisations,
        report.publishers,
        report.journals,
        report.topics,
        report.authorships,
        report.citations,
        report.summaries,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn validate(
    args: &StoreArgs,
    paths: &[PathBuf],
    shapes: Option<&PathBuf>,
) -> anyhow::Result<ExitCode> {
    let shapes = match shapes {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            embedded::parse_shapes(&path.display().to_string(), &text)?
        }
        None => embedded::shapes()?,
    };
    let store = if paths.is_empty() {
        args.open()?
    } else {
        let memory = StoreArgs {
            memory: true,
            ..args.clone()
        };
        let store = memory.open()?;
        let listing = source::list(paths)?;
        for path in &listing.files {
            store
                .load(Source::open(path, |r| r)?)
                .with_context(|| format!("cannot validate {}", path.display()))?;
        }
        store
    };
    let results = shapes.validate(&store)?;
    let mut out = std::io::stdout().lock();
    for result in &results {
        writeln!(out, "{result}")?;
    }
    let violations = results
        .iter()
        .filter(|r| r.severity == crate::shacl::Severity::Violation)
        .count();
    writeln!(
        out,
        "{} result(s), {violations} violation(s)",
        results.len()
    )?;
    Ok(if violations > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
