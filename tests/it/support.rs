//! Shared helpers: stores with the ontology and demo data, snapshots, the CLI binary.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use oxigraph::io::RdfFormat;
use oxigraph::model::{Quad, Term};
use oxigraph::sparql::QueryResults;
use steppe::embedded;
use steppe::source::Source;
use steppe::store::Store;
use tower::ServiceExt;

pub(crate) const BASE: &str = "http://steppe.test/";

/// An in-memory store with the ontology and nothing else.
pub(crate) fn empty_store() -> Store {
    let store = Store::in_memory(BASE).unwrap();
    store.install_ontology(embedded::ONTOLOGY).unwrap();
    store
}

/// An in-memory store with the ontology and the demo data of `data/`.
pub(crate) fn demo_store() -> Store {
    let store = empty_store();
    for (path, text) in embedded::DEMO_DATA {
        let name = path.rsplit('/').next().unwrap();
        store
            .load(Source::from_bytes(
                name,
                RdfFormat::Turtle,
                text.as_bytes().to_vec(),
            ))
            .unwrap();
    }
    store
}

/// Every quad, as sorted N-Quads lines: compares store content exactly.
pub(crate) fn snapshot(store: &Store) -> Vec<String> {
    let mut lines: Vec<String> = store.quads().unwrap().iter().map(Quad::to_string).collect();
    lines.sort();
    lines
}

/// Runs a SELECT and returns its rows as maps from variable to term.
pub(crate) fn select(
    store: &Store,
    query: &str,
    bindings: &[(&str, Term)],
) -> Vec<std::collections::HashMap<String, Term>> {
    let QueryResults::Solutions(solutions) = store.query(query, bindings, None).unwrap() else {
        panic!("not a SELECT")
    };
    solutions
        .map(|s| {
            let s = s.unwrap();
            s.iter()
                .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                .collect()
        })
        .collect()
}

/// The lexical value of a literal, or the IRI of a named node.
pub(crate) fn text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        Term::BlankNode(b) => b.to_string(),
    }
}

/// Path of a file in the repository.
pub(crate) fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs the `steppe` binary.
pub(crate) fn steppe(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_steppe"))
        .args(args)
        .env("STEPPE_BASE_IRI", BASE)
        .env_remove("STEPPE_STORE")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// Parses an RDF answer of the given media type into one N-Quads line per statement.
pub(crate) fn rdf_lines(body: &str, media_type: &str) -> String {
    let format = oxigraph::io::RdfFormat::from_media_type(media_type).unwrap();
    let quads: Vec<Quad> = oxigraph::io::RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    quads
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Gives the seed paper the headline "A new headline", by SPARQL Update (one write).
pub(crate) fn retitle_seed_paper(store: &Store) {
    store
        .update(
            &format!(
                "PREFIX schema: <http://schema.org/>
                 DELETE {{ GRAPH ?g {{ <{BASE}paper/nftgcjpf72> schema:headline ?h }} }}
                 INSERT {{ GRAPH ?g {{ <{BASE}paper/nftgcjpf72> schema:headline \"A new headline\" }} }}
                 WHERE {{ GRAPH ?g {{ <{BASE}paper/nftgcjpf72> schema:headline ?h }} }}"
            ),
            &Default::default(),
            "test",
            None,
        )
        .unwrap();
}

/// A response, read whole.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) content_type: String,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: String,
}

/// Sends one request through the router and reads the whole answer.
pub(crate) async fn send(app: axum::Router, request: Request<Body>) -> Answer {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    Answer {
        status,
        content_type,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}
