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
    let revision = app.store.revision();
    let key = format!("void\u{0}{media}\u{0}{writes}");
    if let Some(hit) = app.pages.get(&revision, &key) {
        return Ok(hit.response());
    }
    let dumps = app.dumps.clone();
    let timeout = Some(app.query_timeout);
    let triples = app
        .blocking(move |store| {
            let mut sources = store
                .sources()?
                .into_iter()
                .map(|s| (s.graph, s.quads))
                .collect::<Vec<_>>();
            // the largest sources by name; an import has one per record
            sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            sources.truncate(LISTED_SOURCES);
            let dataset = crate::dataset::Description::gather(
                store,
                dumps.as_deref().map(|d| d.as_path()),
                timeout,
            )?;
            Ok(triples(store.minter().base(), &sources, writes, &dataset))
        })
        .await?;
    let mut serializer = crate::store::with_prefixes(RdfSerializer::from_format(format))
        .with_prefix("sd", SD)
        .and_then(|s| s.with_prefix("void", VOID))
        .and_then(|s| s.with_prefix("dcat", DCAT))
        .and_then(|s| s.with_prefix("spdx", SPDX))
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
    let response = (
        [(header::CONTENT_TYPE, media), (header::VARY, "accept")],
        body,
    )
        .into_response();
    app.pages.keep(&revision, key, response, None).await
}

/// Sources listed one by one (the largest); `void:triples` of the dataset counts them all.
const LISTED_SOURCES: usize = 100;

fn sd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SD}{local}"))
}

fn void_term(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{VOID}{local}"))
}

/// The description's triples. `sources` are the source graphs with their sizes; `writes`
/// says whether updates and the graph store are on.
fn triples(
    base: &str,
    sources: &[(NamedNode, u64)],
    writes: bool,
    about: &crate::dataset::Description,
) -> Vec<Triple> {
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
    ];
    triples.extend(described(base, &dataset, about));
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
    for (graph, quads) in sources {
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
    triples
}

const DCAT: &str = "http://www.w3.org/ns/dcat#";
const SPDX: &str = "http://spdx.org/rdf/terms#";

fn dcat(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{DCAT}{local}"))
}

fn dcterms(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("http://purl.org/dc/terms/{local}"))
}

/// VoID and DCAT statements about the dataset: what it is, what it holds (triples, classes,
/// properties, vocabularies, links out as linksets), where to download it, when it changed.
fn described(base: &str, dataset: &NamedNode, about: &crate::dataset::Description) -> Vec<Triple> {
    let rdf_type = rdf::TYPE.into_owned();
    let mut out = vec![
        Triple::new(dataset.clone(), rdf_type.clone(), dcat("Dataset")),
        Triple::new(dataset.clone(), void_term("triples"), count(about.triples)),
        Triple::new(
            dataset.clone(),
            dcat("landingPage"),
            NamedNode::new_unchecked(format!("{base}dataset")),
        ),
        Triple::new(
            dataset.clone(),
            void_term("rootResource"),
            NamedNode::new_unchecked(base),
        ),
    ];
    let text = |value: &str| Literal::new_language_tagged_literal_unchecked(value, "en");
    if let Some(name) = &about.name {
        out.push(Triple::new(dataset.clone(), dcterms("title"), text(name)));
    }
    if let Some(description) = &about.description {
        out.push(Triple::new(
            dataset.clone(),
            dcterms("description"),
            text(description),
        ));
    }
    if let Some(license) = &about.license {
        out.push(Triple::new(
            dataset.clone(),
            dcterms("license"),
            NamedNode::new_unchecked(license.as_str()),
        ));
    }
    if let Some((name, url)) = &about.creator {
        let creator = NamedNode::new_unchecked(format!("{base}.well-known/void#publisher"));
        out.push(Triple::new(
            dataset.clone(),
            dcterms("creator"),
            creator.clone(),
        ));
        out.push(Triple::new(
            dataset.clone(),
            dcterms("publisher"),
            creator.clone(),
        ));
        out.push(Triple::new(
            creator.clone(),
            NamedNode::new_unchecked("http://xmlns.com/foaf/0.1/name"),
            Literal::new_simple_literal(name),
        ));
        if let Some(url) = url {
            out.push(Triple::new(
                creator,
                NamedNode::new_unchecked("http://xmlns.com/foaf/0.1/homepage"),
                NamedNode::new_unchecked(url.as_str()),
            ));
        }
    }
    for keyword in &about.keywords {
        out.push(Triple::new(dataset.clone(), dcat("keyword"), text(keyword)));
    }
    if let Some(modified) = &about.modified {
        out.push(Triple::new(
            dataset.clone(),
            dcterms("modified"),
            Literal::new_typed_literal(modified, crate::vocab::xsd::DATE_TIME),
        ));
    }
    if let Some(example) = &about.example {
        out.push(Triple::new(
            dataset.clone(),
            void_term("exampleResource"),
            NamedNode::new_unchecked(example.as_str()),
        ));
    }
    for vocabulary in about.vocabularies() {
        out.push(Triple::new(
            dataset.clone(),
            void_term("vocabulary"),
            NamedNode::new_unchecked(vocabulary),
        ));
    }
    for (class, entities) in &about.classes {
        let partition = BlankNode::default();
        out.push(Triple::new(
            dataset.clone(),
            void_term("classPartition"),
            partition.clone(),
        ));
        out.push(Triple::new(
            partition.clone(),
            void_term("class"),
            class.clone(),
        ));
        out.push(Triple::new(
            partition,
            void_term("entities"),
            count(*entities),
        ));
    }
    for (property, triples) in &about.properties {
        let partition = BlankNode::default();
        out.push(Triple::new(
            dataset.clone(),
            void_term("propertyPartition"),
            partition.clone(),
        ));
        out.push(Triple::new(
            partition.clone(),
            void_term("property"),
            property.clone(),
        ));
        out.push(Triple::new(
            partition,
            void_term("triples"),
            count(*triples),
        ));
    }
    for (key, name, prefix) in crate::dataset::LINK_TARGETS {
        let links = about
            .linksets
            .iter()
            .find(|(k, _)| k == key)
            .map_or(0, |(_, n)| *n);
        if links == 0 {
            continue;
        }
        let linkset = NamedNode::new_unchecked(format!("{base}.well-known/void#links-{key}"));
        let target = NamedNode::new_unchecked(format!("{base}.well-known/void#{key}"));
        out.extend([
            Triple::new(dataset.clone(), void_term("subset"), linkset.clone()),
            Triple::new(linkset.clone(), rdf_type.clone(), void_term("Linkset")),
            Triple::new(
                linkset.clone(),
                void_term("subjectsTarget"),
                dataset.clone(),
            ),
            Triple::new(linkset.clone(), void_term("objectsTarget"), target.clone()),
            Triple::new(
                linkset.clone(),
                void_term("linkPredicate"),
                crate::vocab::schema::SAME_AS.into_owned(),
            ),
            Triple::new(linkset, void_term("triples"), count(links)),
            Triple::new(target.clone(), rdf_type.clone(), void_term("Dataset")),
            Triple::new(
                target.clone(),
                dcterms("title"),
                Literal::new_simple_literal(*name),
            ),
            Triple::new(
                target,
                void_term("uriSpace"),
                Literal::new_simple_literal(*prefix),
            ),
        ]);
    }
    if let Some(latest) = about.releases.first() {
        for file in &latest.files {
            let url = NamedNode::new_unchecked(format!("{base}dumps/{}", file.name));
            let distribution =
                NamedNode::new_unchecked(format!("{base}.well-known/void#dump-{}", file.name));
            let checksum = BlankNode::default();
            out.extend([
                Triple::new(dataset.clone(), void_term("dataDump"), url.clone()),
                Triple::new(dataset.clone(), dcat("distribution"), distribution.clone()),
                Triple::new(distribution.clone(), rdf_type.clone(), dcat("Distribution")),
                Triple::new(distribution.clone(), dcat("downloadURL"), url),
                Triple::new(
                    distribution.clone(),
                    dcat("mediaType"),
                    NamedNode::new_unchecked(format!(
                        "https://www.iana.org/assignments/media-types/{}",
                        file.media
                    )),
                ),
                Triple::new(
                    distribution.clone(),
                    dcat("compressFormat"),
                    NamedNode::new_unchecked(
                        "https://www.iana.org/assignments/media-types/application/gzip",
                    ),
                ),
                Triple::new(distribution.clone(), dcat("byteSize"), count(file.bytes)),
                Triple::new(
                    distribution.clone(),
                    dcterms("issued"),
                    Literal::new_typed_literal(&latest.date, crate::vocab::xsd::DATE),
                ),
                Triple::new(
                    distribution.clone(),
                    NamedNode::new_unchecked(format!("{SPDX}checksum")),
                    checksum.clone(),
                ),
                Triple::new(
                    checksum.clone(),
                    NamedNode::new_unchecked(format!("{SPDX}algorithm")),
                    NamedNode::new_unchecked(format!("{SPDX}checksumAlgorithm_sha256")),
                ),
                Triple::new(
                    checksum,
                    NamedNode::new_unchecked(format!("{SPDX}checksumValue")),
                    Literal::new_simple_literal(&file.sha256),
                ),
            ]);
        }
    }
    out
}

fn count(n: u64) -> Term {
    Literal::from(i64::try_from(n).unwrap_or(i64::MAX)).into()
}
