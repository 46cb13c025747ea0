//! Micro-benchmarks of the steps behind every answer: content negotiation, minting and
//! resolving ids, JSON-LD building, page rendering (cached and not, on the demo data and on a
//! generated graph's most prolific author) and import mapping.
//!
//!   cargo bench --bench micro                 # all
//!   cargo bench --bench micro -- pages        # one group
//!
//! Compare runs of two commits made in the same session (`--save-baseline` / `--baseline`).

use axum::body::Body;
use axum::http::Request;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use oxigraph::sparql::QueryResults;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;
use steppe::conneg;
use steppe::document::Document;
use steppe::ids::{Doi, Orcid, Ror};
use steppe::mint::Minter;
use steppe::pages::cache::PageCache;
use steppe::pages::paper::{Paper, script_json};
use steppe::source::Source;
use steppe::store::Store;
use steppe::synthetic::{Options, write};
use steppe::{AppState, app, embedded};
use tower::ServiceExt;

const BASE: &str = "http://localhost:7878/";
const SEED_PAPER: &str = "http://localhost:7878/paper/nftgcjpf72";

/// The Accept headers real clients send (browsers, harvesters, RDF and SPARQL libraries).
const ACCEPTS: &[(&str, &str)] = &[
    (
        "browser",
        "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    ),
    ("curl", "*/*"),
    (
        "comunica",
        "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,text/turtle;q=0.6,application/rdf+xml;q=0.5,text/n3;q=0.35,text/html;q=0.2",
    ),
    (
        "pyld",
        "application/ld+json, application/json;q=0.8, text/html;q=0.5, application/xhtml+xml;q=0.5",
    ),
    ("rapper", "text/turtle,application/rdf+xml;q=0.9,*/*;q=0.1"),
];

fn demo_store() -> Store {
    let store = Store::in_memory(BASE).expect("store");
    store
        .install_ontology(embedded::ONTOLOGY)
        .expect("ontology");
    for (path, text) in embedded::DEMO_DATA {
        let name = path.rsplit('/').next().unwrap_or(path);
        store
            .load(Source::from_bytes(
                name,
                RdfFormat::Turtle,
                text.as_bytes().to_vec(),
            ))
            .expect("demo data");
    }
    store
}

/// A store with a generated graph of `papers` papers, and its most prolific author.
fn synthetic_store(papers: usize) -> (Store, String) {
    let options = Options {
        papers,
        seed: 1,
        base: Minter::new(BASE).expect("base"),
    };
    let mut bytes = Vec::new();
    write(&options, &mut bytes).expect("generate");
    let store = Store::in_memory(BASE).expect("store");
    store
        .install_ontology(embedded::ONTOLOGY)
        .expect("ontology");
    store
        .load(Source::from_bytes("synthetic.nq", RdfFormat::NQuads, bytes))
        .expect("load");
    let query = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?w <http://schema.org/author> ?p } \
                 GROUP BY ?p ORDER BY DESC(?n) LIMIT 1";
    let QueryResults::Solutions(mut rows) = store.query(query, &[], None).expect("query") else {
        panic!("not a SELECT")
    };
    let person = rows
        .next()
        .and_then(|row| row.ok()?.get("p").map(ToString::to_string))
        .map(|term| term.trim_matches(['<', '>']).to_owned())
        .expect("an author");
    (store, person)
}

fn conneg(c: &mut Criterion) {
    let offered = [
        "text/html",
        "text/turtle",
        "application/ld+json",
        "application/n-triples",
        "application/n-quads",
        "application/rdf+xml",
    ];
    let mut group = c.benchmark_group("conneg");
    for (client, accept) in ACCEPTS {
        group.bench_with_input(BenchmarkId::new("negotiate", client), accept, |b, a| {
            b.iter(|| conneg::negotiate(black_box(Some(a)), &offered));
        });
    }
    group.finish();
}

fn ids(c: &mut Criterion) {
    let minter = Minter::new(BASE).expect("base");
    let mut group = c.benchmark_group("ids");
    group.bench_function("mint paper from DOI", |b| {
        b.iter(|| {
            let doi = Doi::parse(black_box("https://doi.org/10.1080/09557571.2018.1520809"))
                .expect("doi");
            minter.paper(&doi)
        });
    });
    group.bench_function("mint person from ORCID", |b| {
        b.iter(|| {
            let orcid = Orcid::parse(black_box("0000-0003-3953-765X")).expect("orcid");
            minter.person(&orcid)
        });
    });
    group.bench_function("mint organisation from ROR", |b| {
        b.iter(|| {
            let ror = Ror::parse(black_box("https://ror.org/05jnvbc31")).expect("ror");
            minter.org(&ror)
        });
    });
    // resolving: a DOI to the page of its paper in the store (`/doi/…`, a redirect)
    let runtime = runtime();
    let router = app(AppState::new(demo_store()));
    group.bench_function("resolve /doi/… to its paper", |b| {
        b.iter(|| get(&runtime, &router, "/doi/10.1080/09557571.2018.1520809"));
    });
    group.finish();
}

fn jsonld(c: &mut Criterion) {
    let store = demo_store();
    let iri = NamedNode::new(SEED_PAPER).expect("iri");
    let document = Document::load(&store, &iri, None)
        .expect("load")
        .expect("the seed paper");
    let languages = vec!["en".to_owned()];
    let mut group = c.benchmark_group("jsonld");
    group.bench_function("paper view model", |b| {
        b.iter(|| Paper::from_document(black_box(&document), BASE, &languages));
    });
    let paper = Paper::from_document(&document, BASE, &languages);
    group.bench_function("paper schema.org JSON-LD in script", |b| {
        b.iter(|| script_json(&black_box(&paper).json_ld()));
    });
    group.bench_function("load the paper's document", |b| {
        b.iter(|| Document::load(&store, black_box(&iri), None).expect("load"));
    });
    group.finish();
}

fn get(runtime: &tokio::runtime::Runtime, router: &axum::Router, path: &str) -> usize {
    runtime.block_on(async {
        let request = Request::get(path)
            .header("accept", "text/html")
            .body(Body::empty())
            .expect("request");
        let response = router.clone().oneshot(request).await.expect("response");
        let status = response.status();
        assert!(
            status.is_success() || status.is_redirection(),
            "{path}: {status}"
        );
        let body = response.into_body().collect().await.expect("body");
        body.to_bytes().len()
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn pages(c: &mut Criterion) {
    let runtime = runtime();
    let store = demo_store();
    let cached = app(AppState::new(store.clone()));
    let mut state = AppState::new(store);
    state.pages = Arc::new(PageCache::new(0));
    let uncached = app(state);
    let mut group = c.benchmark_group("pages");
    for path in [
        "/paper/nftgcjpf72",
        "/person/maxat-kassen",
        "/org/kefp653fwt",
    ] {
        group.bench_with_input(BenchmarkId::new("cached", path), path, |b, p| {
            b.iter(|| get(&runtime, &cached, p));
        });
        group.bench_with_input(BenchmarkId::new("uncached", path), path, |b, p| {
            b.iter(|| get(&runtime, &uncached, p));
        });
    }
    // an author with many papers, on 20,000 generated papers (about 1.2 M quads)
    let (store, person) = synthetic_store(20_000);
    let mut state = AppState::new(store);
    state.pages = Arc::new(PageCache::new(0));
    let uncached = app(state);
    let path = person
        .strip_prefix(BASE)
        .map(|p| format!("/{p}"))
        .expect("path");
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("uncached/most prolific author of 20,000 papers", |b| {
        b.iter(|| get(&runtime, &uncached, &path));
    });
    group.finish();
}

fn import(c: &mut Criterion) {
    let minter = Minter::new(BASE).expect("base");
    let record = |path: &str| -> serde_json::Value {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
                .expect("fixture");
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        value.get("message").cloned().unwrap_or(value)
    };
    let crossref = record("tests/fixtures/import/crossref-work.json");
    let openalex = record("tests/fixtures/import/openalex-W2741809807.json");
    let ror = record("tests/fixtures/import/05jnvbc31-astana-it-university.v2.json");
    let mut group = c.benchmark_group("import");
    group.bench_function("map Crossref work", |b| {
        b.iter(|| steppe::import::crossref::map(black_box(&crossref), &minter).expect("map"));
    });
    group.bench_function("map OpenAlex work", |b| {
        b.iter(|| steppe::import::openalex::map(black_box(&openalex), &minter).expect("map"));
    });
    group.bench_function("map ROR record", |b| {
        b.iter(|| steppe::import::ror::map(black_box(&ror), &minter).expect("map"));
    });
    group.finish();
}

criterion_group!(benches, conneg, ids, jsonld, pages, import);
criterion_main!(benches);
