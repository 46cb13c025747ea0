//! The W3C SPARQL 1.1 Protocol, Graph Store Protocol and Service Description tests
//! (`tests/w3c/`, see its SOURCE.md), run against the real router.
//!
//! Each test is a connection: its requests run in order against a fresh server whose store
//! holds the test's `ut:graphData`. Paths are mapped to ours (`/sparql/` → `/sparql`,
//! `/gsp?…` → `/store?…`, `/gsp/…` → `/graph/…`), every request carries a write token, and
//! each response is checked for its status, and where the manifest says so its boolean, its
//! kind of format, its `Location` and its graph (up to blank node renaming).

use crate::support::{Answer, send};
use axum::body::Body;
use axum::http::{Request, header};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::graph::CanonicalizationAlgorithm;
use oxigraph::model::{Graph, GraphName, NamedNode, NamedOrBlankNode, Term, TermRef, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use std::sync::Arc;
use steppe::auth::Tokens;
use steppe::store::Store;

const TOKEN: &str = "Bearer w3c-test-suite-token-0123456789";
const BASE: &str = "http://www.example/";

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const HT: &str = "http://www.w3.org/2011/http#";
const HTS: &str = "http://www.w3.org/2011/http-statusCodes#";
const CNT: &str = "http://www.w3.org/2011/content#";
const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";

/// Tests not run, each with the reason. Empty: every test runs.
const SKIPPED: &[(&str, &str)] = &[];

struct Manifest {
    graph: Graph,
    dir: std::path::PathBuf,
}

impl Manifest {
    fn load(relative: &str) -> Self {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/w3c")
            .join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        let base = format!("file://{}", path.display());
        let graph = RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(&base)
            .unwrap()
            .for_slice(text.as_bytes())
            .map(|q| q.map(Triple::from))
            .collect::<Result<Graph, _>>()
            .unwrap();
        Self {
            graph,
            dir: path.parent().unwrap().to_owned(),
        }
    }

    fn object(&self, subject: &Term, predicate: &str) -> Option<Term> {
        let subject = as_subject(subject)?;
        self.graph
            .object_for_subject_predicate(&subject, NamedNode::new_unchecked(predicate).as_ref())
            .map(TermRef::into_owned)
    }

    fn objects(&self, subject: &Term, predicate: &str) -> Vec<Term> {
        let Some(subject) = as_subject(subject) else {
            return Vec::new();
        };
        self.graph
            .objects_for_subject_predicate(&subject, NamedNode::new_unchecked(predicate).as_ref())
            .map(TermRef::into_owned)
            .collect()
    }

    fn string(&self, subject: &Term, predicate: &str) -> Option<String> {
        match self.object(subject, predicate)? {
            Term::Literal(l) => Some(l.value().to_owned()),
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            Term::BlankNode(_) => None,
        }
    }

    fn list(&self, head: Term) -> Vec<Term> {
        let mut items = Vec::new();
        let mut node = head;
        while node != Term::NamedNode(NamedNode::new_unchecked(format!("{RDF}nil"))) {
            items.push(self.object(&node, &format!("{RDF}first")).unwrap());
            node = self.object(&node, &format!("{RDF}rest")).unwrap();
        }
        items
    }

    fn entries(&self) -> Vec<Term> {
        let manifest = self
            .graph
            .subjects_for_predicate_object(
                NamedNode::new_unchecked(format!("{RDF}type")).as_ref(),
                NamedNode::new_unchecked(format!("{MF}Manifest")).as_ref(),
            )
            .next()
            .unwrap()
            .into_owned();
        let head = self
            .object(&manifest.into(), &format!("{MF}entries"))
            .unwrap();
        self.list(head)
    }
}

fn as_subject(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        Term::Literal(_) => None,
    }
}

fn path(manifest_path: &str) -> String {
    let (path, query) = match manifest_path.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (manifest_path, None),
    };
    let path = if path == "/gsp" {
        "/store".to_owned()
    } else if let Some(rest) = path.strip_prefix("/gsp/") {
        format!("/graph/{rest}")
    } else {
        path.trim_end_matches('/').to_owned()
    };
    match query {
        Some(query) => format!("{path}?{query}"),
        None => path,
    }
}

fn statuses(manifest: &Manifest, response: &Term) -> Vec<(u16, u16)> {
    manifest
        .objects(response, &format!("{MF}expectedStatus"))
        .iter()
        .map(|status| {
            let Term::NamedNode(status) = status else {
                panic!("a status is an IRI")
            };
            match status.as_str().strip_prefix(HTS).unwrap() {
                "OK" => (200, 200),
                "Created" => (201, 201),
                "NoContent" => (204, 204),
                "NotFound" => (404, 404),
                "StatusCode2xx" => (200, 299),
                "StatusCode3xx" => (300, 399),
                "StatusCode4xx" => (400, 499),
                other => panic!("unknown status {other}"),
            }
        })
        .collect()
}

fn parse_graph(body: &str, media_type: &str) -> Graph {
    let media = media_type.split(';').next().unwrap().trim();
    let format = RdfFormat::from_media_type(media).unwrap_or_else(|| panic!("{media}"));
    let mut graph = RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .map(|q| q.map(Triple::from))
        .collect::<Result<Graph, _>>()
        .unwrap_or_else(|e| panic!("{e}: {body}"));
    graph.canonicalize(CanonicalizationAlgorithm::Unstable);
    graph
}

fn load_graph_data(manifest: &Manifest, test: &Term, store: &Store) {
    for data in manifest.objects(test, &format!("{UT}graphData")) {
        let Some(Term::NamedNode(file)) = manifest.object(&data, &format!("{UT}graph")) else {
            panic!("graphData without a file")
        };
        let name = manifest.string(&data, &format!("{RDFS}label")).unwrap();
        let file = manifest.dir.join(file.as_str().rsplit('/').next().unwrap());
        let graph: GraphName = NamedNode::new(name).unwrap().into();
        let quads = store
            .parse_graph(&std::fs::read(file).unwrap(), RdfFormat::NTriples, &graph)
            .unwrap();
        store.replace_graph(&graph, &quads, "w3c").unwrap();
    }
}

/// Runs every test of a manifest; returns the names of those that ran.
async fn run(manifest_path: &str) -> Vec<String> {
    let manifest = Manifest::load(manifest_path);
    let mut ran = Vec::new();
    for test in manifest.entries() {
        let name = test.to_string();
        if let Some((_, reason)) = SKIPPED.iter().find(|(id, _)| name.contains(id)) {
            eprintln!("skipped {name}: {reason}");
            continue;
        }
        let store = Store::in_memory(BASE).unwrap();
        store.install_ontology(steppe::embedded::ONTOLOGY).unwrap();
        load_graph_data(&manifest, &test, &store);
        let mut state = steppe::AppState::new(store);
        state.tokens = Arc::new(
            Tokens::parse(
                &format!("w3c write {}", TOKEN.trim_start_matches("Bearer ")),
                "tokens",
            )
            .unwrap(),
        );
        let app = steppe::app(state);
        let action = manifest.object(&test, &format!("{MF}action")).unwrap();
        let requests = manifest.list(manifest.object(&action, &format!("{HT}requests")).unwrap());
        let mut location: Option<(String, String)> = None;
        for (index, request) in requests.iter().enumerate() {
            let what = format!("{name}, request {}", index + 1);
            let substitute = |s: String| match &location {
                Some((variable, value)) => s.replace(variable, value),
                None => s,
            };
            let method = manifest
                .string(request, &format!("{HT}methodName"))
                .unwrap();
            let target = substitute(path(
                &manifest
                    .string(request, &format!("{HT}absolutePath"))
                    .unwrap(),
            ));
            let mut builder = Request::builder()
                .method(method.as_str())
                .uri(&target)
                .header(header::AUTHORIZATION, TOKEN);
            if let Some(headers) = manifest.object(request, &format!("{HT}headers")) {
                for h in manifest.list(headers) {
                    builder = builder.header(
                        manifest.string(&h, &format!("{HT}fieldName")).unwrap(),
                        manifest.string(&h, &format!("{HT}fieldValue")).unwrap(),
                    );
                }
            }
            let body = manifest
                .object(request, &format!("{HT}body"))
                .and_then(|b| manifest.string(&b, &format!("{CNT}chars")))
                .map(&substitute)
                // the manifests write bodies with LF line ends; multipart needs CRLF, and
                // SPARQL and Turtle take either
                .map(|b| b.replace("\r\n", "\n").replace('\n', "\r\n"))
                .unwrap_or_default();
            let answer: Answer = send(app.clone(), builder.body(Body::from(body)).unwrap()).await;
            let response = manifest.object(request, &format!("{HT}resp")).unwrap();
            let status = answer.status.as_u16();
            let expected = statuses(&manifest, &response);
            assert!(
                expected
                    .iter()
                    .any(|(low, high)| (*low..=*high).contains(&status)),
                "{what}: {method} {target} answered {status}, expected {expected:?}: {}",
                answer.body
            );
            if let Some(variable) = manifest.string(&response, &format!("{MF}expectedLocation")) {
                let value = answer.headers[header::LOCATION]
                    .to_str()
                    .unwrap()
                    .to_owned();
                location = Some((variable, value));
            }
            if let Some(format) = manifest.string(&response, &format!("{MF}expectedFormat")) {
                let media = answer
                    .content_type
                    .split(';')
                    .next()
                    .unwrap()
                    .trim()
                    .to_owned();
                let fits = match format.as_str() {
                    "boolean" => matches!(
                        media.as_str(),
                        "application/sparql-results+json" | "application/sparql-results+xml"
                    ),
                    "tabular" => QueryResultsFormat::from_media_type(&media).is_some(),
                    "RDF" => RdfFormat::from_media_type(&media).is_some(),
                    other => panic!("unknown format {other}"),
                };
                assert!(fits, "{what}: {media} is not a {format} format");
            }
            if let Some(Term::Literal(expected)) =
                manifest.object(&response, &format!("{MF}expectedBoolean"))
            {
                let format = QueryResultsFormat::from_media_type(&answer.content_type).unwrap();
                let SliceQueryResultsParserOutput::Boolean(value) =
                    QueryResultsParser::from_format(format)
                        .for_slice(answer.body.as_bytes())
                        .unwrap()
                else {
                    panic!("{what}: not a boolean: {}", answer.body)
                };
                assert_eq!(value.to_string(), expected.value(), "{what}");
            }
            if let Some(expected_body) = manifest
                .object(&response, &format!("{HT}body"))
                .and_then(|b| manifest.string(&b, &format!("{CNT}chars")))
            {
                let expected_type = manifest
                    .object(&response, &format!("{HT}headers"))
                    .map(|h| manifest.list(h))
                    .unwrap_or_default()
                    .iter()
                    .find_map(|h| manifest.string(h, &format!("{HT}fieldValue")))
                    .unwrap_or_else(|| "text/turtle".to_owned());
                assert_eq!(
                    parse_graph(&answer.body, &answer.content_type),
                    parse_graph(&expected_body, &expected_type),
                    "{what}: the graph differs"
                );
            }
        }
        ran.push(name);
    }
    ran
}

#[tokio::test]
async fn sparql_protocol() {
    let ran = run("protocol/manifest.ttl").await;
    assert_eq!(ran.len() + SKIPPED.len(), 34, "{ran:?}");
}

#[tokio::test]
async fn graph_store_protocol() {
    let direct = run("graph-store-protocol/manifest-direct.ttl").await;
    let indirect = run("graph-store-protocol/manifest-indirect.ttl").await;
    assert_eq!(direct.len() + indirect.len(), 13, "{direct:?} {indirect:?}");
}

/// The SPARQL 1.1 Service Description vocabulary (SPARQL 1.1 Service Description, section 3).
const SD_TERMS: &[&str] = &[
    "Service",
    "Feature",
    "Language",
    "Function",
    "Aggregate",
    "EntailmentRegime",
    "EntailmentProfile",
    "GraphCollection",
    "Dataset",
    "NamedGraph",
    "Graph",
    "endpoint",
    "feature",
    "defaultEntailmentRegime",
    "entailmentRegime",
    "defaultSupportedEntailmentProfile",
    "supportedEntailmentProfile",
    "extensionFunction",
    "extensionAggregate",
    "languageExtension",
    "supportedLanguage",
    "propertyFeature",
    "defaultDataset",
    "availableGraphs",
    "resultFormat",
    "inputFormat",
    "defaultGraph",
    "namedGraph",
    "name",
    "graph",
    "SPARQL10Query",
    "SPARQL11Query",
    "SPARQL11Update",
    "DereferencesURIs",
    "UnionDefaultGraph",
    "RequiresDataset",
    "EmptyGraphs",
    "BasicFederatedQuery",
];

/// `service-description/manifest.ttl` names its three tests only; they are written out here.
#[tokio::test]
async fn service_description() {
    let manifest = Manifest::load("service-description/manifest.ttl");
    let names: Vec<String> = manifest.entries().iter().map(ToString::to_string).collect();
    assert_eq!(names.len(), 3);
    let sd = "http://www.w3.org/ns/sparql-service-description#";
    let store = Store::in_memory(BASE).unwrap();
    store.install_ontology(steppe::embedded::ONTOLOGY).unwrap();
    let mut state = steppe::AppState::new(store);
    state.tokens = Arc::new(
        Tokens::parse(
            &format!("w3c write {}", TOKEN.trim_start_matches("Bearer ")),
            "t",
        )
        .unwrap(),
    );
    let app = steppe::app(state);
    for accept in [
        "text/turtle",
        "application/rdf+xml",
        "application/ld+json",
        "*/*",
    ] {
        // returns-rdf: GET on the endpoint returns RDF
        let answer = send(
            app.clone(),
            Request::get("/sparql")
                .header(header::ACCEPT, accept)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(answer.status.as_u16(), 200, "{accept}");
        let graph = parse_graph(&answer.body, &answer.content_type);
        // has-endpoint-triple: a matching sd:endpoint triple
        let endpoint = NamedNode::new_unchecked(format!("{BASE}sparql"));
        assert!(
            graph
                .triples_for_predicate(NamedNode::new_unchecked(format!("{sd}endpoint")).as_ref())
                .any(|t| t.object == endpoint.as_ref().into()),
            "{accept}: {}",
            answer.body
        );
        // conforms-to-schema: every sd: term is the vocabulary's, used where it belongs
        for triple in graph.iter() {
            for term in [
                Term::from(triple.predicate.into_owned()),
                triple.object.into_owned(),
            ] {
                if let Term::NamedNode(n) = &term
                    && let Some(local) = n.as_str().strip_prefix(sd)
                {
                    assert!(
                        SD_TERMS.contains(&local),
                        "{accept}: sd:{local} is not in the vocabulary"
                    );
                }
            }
            let predicate = triple.predicate.as_str().strip_prefix(sd).unwrap_or("");
            if matches!(
                predicate,
                "endpoint"
                    | "resultFormat"
                    | "inputFormat"
                    | "supportedLanguage"
                    | "feature"
                    | "name"
            ) {
                assert!(
                    matches!(triple.object, TermRef::NamedNode(_)),
                    "{accept}: sd:{predicate} takes an IRI"
                );
            }
        }
        let languages: Vec<String> = graph
            .triples_for_predicate(
                NamedNode::new_unchecked(format!("{sd}supportedLanguage")).as_ref(),
            )
            .map(|t| t.object.to_string())
            .collect();
        assert!(
            languages.iter().any(|l| l.contains("SPARQL11Update")),
            "{languages:?}"
        );
    }
}

#[tokio::test]
async fn the_void_description_counts_every_source() {
    let store = crate::support::demo_store();
    let sources = store.sources().unwrap();
    let store_for_count = store.clone();
    let app = steppe::app(steppe::AppState::new(store));
    let answer = send(
        app,
        Request::get("/.well-known/void")
            .header(header::ACCEPT, "application/n-triples")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status.as_u16(), 200);
    let void = "http://rdfs.org/ns/void#";
    let dataset = format!("<{}.well-known/void#dataset>", crate::support::BASE);
    let lines = answer.body;
    assert!(
        lines.contains(&format!(
            "{dataset} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{void}Dataset>"
        )),
        "{lines}"
    );
    assert!(lines.contains(&format!(
        "{dataset} <{void}sparqlEndpoint> <{}sparql>",
        crate::support::BASE
    )));
    // every statement served: the quads of every named graph
    let rows = crate::support::select(
        &store_for_count,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        &[],
    );
    let total = crate::support::text(&rows[0]["n"]);
    assert!(
        lines.contains(&format!(
            "{dataset} <{void}triples> \"{total}\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        )),
        "{lines}"
    );
    for source in &sources {
        assert!(lines.contains(&format!(
            "{dataset} <{void}subset> <{}>",
            source.graph.as_str()
        )));
        assert!(lines.contains(&format!(
            "<{}> <{void}triples> \"{}\"",
            source.graph.as_str(),
            source.quads
        )));
    }
    assert!(
        !lines.contains("SPARQL11Update"),
        "no tokens: no updates offered"
    );
}
