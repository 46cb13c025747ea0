//! What the service offers and what the dataset holds, in RDF: the SPARQL 1.1 Service
//! Description (`GET /sparql` without a query) and the VoID description of the dataset
//! (`/.well-known/void`). Both are one document: the endpoint's `sd:defaultDataset` is the
//! `void:Dataset` `{base}.well-known/void#dataset`, so the Service Description links to the
//! VoID description by naming it, and dereferencing the dataset gives both.

use crate::conneg;
use crate::http::{AppError, AppState};
use crate::vocab::{rdf, rdfs};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfSerializer;
use oxigraph::model::{BlankNode, Literal, NamedNode, Term, Triple};

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const VOID: &str = "http://rdfs.org/ns/void#";

/// The formats of results the endpoint serves, by their `http://www.w3.org/ns/formats/` names.
const RESULT_FORMATS: &[&str] = &[
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "JSON-LD",
    "RDF_XML",
];

/// The formats the graph store accepts.
const INPUT_FORMATS: &[&str] = &[
    "Turtle",
    "N-Triples",
    "N-Quads",
    "TriG",
    "JSON-LD",
    "RDF_XML",
    "N3",
];

/// `GET /.well-known/void`.
pub async fn void(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    description(&app, accept).await
}

/// The Service Description and VoID description, in a negotiated RDF format (a browser gets
/// Turtle).
pub async fn description(app: &AppState, accept: Option<&str>) -> Result<Response, AppError> {
    const OFFERED: &[&str] = &[
        "text/turtle",
        "application/ld+json",
        "application/rdf+xml",
        "application/n-triples",
    ];
    let media = conneg::negotiate(accept, OFFERED)
        .or_else(|| conneg::negotiate(accept, &["text/html"]).map(|_| "text/turtle"))
        .ok_or_else(|| AppError::NotAcceptable(OFFERED.to_vec()))?;
    let (_, format) = crate::sparql::choose_graph(Some(media), &[])
        .ok_or_else(|| AppError::NotAcceptable(OFFERED.to_vec()))?;
    let writes = !app.tokens.is_empty();
    let triples = app
        .blocking(move |store| {
            let sources = store
                .sources()?
                .into_iter()
                .map(|s| (s.graph, s.quads))
                .collect::<Vec<_>>();
            Ok(triples(store.minter().base(), &sources, writes))
        })
        .await?;
    let mut serializer = crate::store::with_prefixes(RdfSerializer::from_format(format))
        .with_prefix("sd", SD)
        .and_then(|s| s.with_prefix("void", VOID))
        .map_err(|e| AppError::Internal(e.to_string()))?
        .for_writer(Vec::new());
    for triple in &triples {
        serializer
            .serialize_triple(triple)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    let body = serializer
        .finish()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [(header::CONTENT_TYPE, media), (header::VARY, "accept")],
        body,
    )
        .into_response())
}

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

fn void_term(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{VOID}{local}"))
}

/// The description's triples. `sources` are the source graphs with their sizes; `writes`
/// says whether updates and the graph store are on.
fn triples(base: &str, sources: &[(NamedNode, u64)], writes: bool) -> Vec<Triple> {
    let formats =
        |local: &str| NamedNode::new_unchecked(format!("http://www.w3.org/ns/formats/{local}"));
    let endpoint = NamedNode::new_unchecked(format!("{base}sparql"));
    let dataset = NamedNode::new_unchecked(format!("{base}.well-known/void#dataset"));
    let default_graph = BlankNode::default();
    let rdf_type = rdf::TYPE.into_owned();
    let mut triples = vec![
        Triple::new(endpoint.clone(), rdf_type.clone(), sd("Service")),
        Triple::new(endpoint.clone(), sd("endpoint"), endpoint.clone()),
        Triple::new(
            endpoint.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Query"),
        ),
        Triple::new(endpoint.clone(), sd("feature"), sd("UnionDefaultGraph")),
        Triple::new(endpoint.clone(), sd("defaultDataset"), dataset.clone()),
        Triple::new(dataset.clone(), rdf_type.clone(), sd("Dataset")),
        Triple::new(dataset.clone(), rdf_type.clone(), void_term("Dataset")),
        Triple::new(dataset.clone(), sd("defaultGraph"), default_graph.clone()),
        Triple::new(default_graph.clone(), rdf_type.clone(), sd("Graph")),
        Triple::new(
            default_graph,
            rdfs::COMMENT,
            Literal::new_language_tagged_literal_unchecked(
                "The default graph is the union of all named graphs: one per loaded source, its inferences, the ontology and the provenance of sources. default-graph-uri and named-graph-uri (or FROM and FROM NAMED) select graphs instead.",
                "en",
            ),
        ),
        Triple::new(
            dataset.clone(),
            void_term("sparqlEndpoint"),
            endpoint.clone(),
        ),
        Triple::new(
            dataset.clone(),
            void_term("uriSpace"),
            Literal::new_simple_literal(base),
        ),
        Triple::new(
            dataset.clone(),
            void_term("vocabulary"),
            NamedNode::new_unchecked(crate::vocab::schema::NS),
        ),
        Triple::new(
            dataset.clone(),
            void_term("vocabulary"),
            NamedNode::new_unchecked(crate::vocab::steppe::NS),
        ),
    ];
    if writes {
        triples.push(Triple::new(
            endpoint.clone(),
            sd("supportedLanguage"),
            sd("SPARQL11Update"),
        ));
        for name in INPUT_FORMATS {
            triples.push(Triple::new(
                endpoint.clone(),
                sd("inputFormat"),
                formats(name),
            ));
        }
    }
    for name in RESULT_FORMATS {
        triples.push(Triple::new(
            endpoint.clone(),
            sd("resultFormat"),
            formats(name),
        ));
    }
    let mut total = 0u64;
    for (graph, quads) in sources {
        total += quads;
        let named = BlankNode::default();
        let description = BlankNode::default();
        triples.extend([
            Triple::new(dataset.clone(), sd("namedGraph"), named.clone()),
            Triple::new(named.clone(), rdf_type.clone(), sd("NamedGraph")),
            Triple::new(named.clone(), sd("name"), graph.clone()),
            Triple::new(named, sd("graph"), description.clone()),
            Triple::new(description.clone(), rdf_type.clone(), sd("Graph")),
            Triple::new(description, void_term("triples"), count(*quads)),
            Triple::new(dataset.clone(), void_term("subset"), graph.clone()),
            Triple::new(graph.clone(), rdf_type.clone(), void_term("Dataset")),
            Triple::new(graph.clone(), void_term("triples"), count(*quads)),
        ]);
    }
    // the asserted triples of every source, before entailment
    triples.push(Triple::new(dataset, void_term("triples"), count(total)));
    triples
}

fn count(n: u64) -> Term {
    Literal::from(i64::try_from(n).unwrap_or(i64::MAX)).into()
}
