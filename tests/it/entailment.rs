//! RDFS entailment over the store: hierarchy honoured, inferences kept apart and current.

use crate::support::{demo_store, empty_store, select, snapshot, text};
use oxigraph::io::RdfFormat;
use steppe::source::Source;

fn count(store: &steppe::store::Store, query: &str) -> usize {
    text(&select(store, query, &[])[0]["n"]).parse().unwrap()
}

#[test]
fn organization_finds_a_college_or_university_and_creative_work_finds_a_paper() {
    let store = demo_store();
    let aitu = select(
        &store,
        "SELECT DISTINCT ?o WHERE { ?o a schema:Organization ; schema:name \"Astana IT University\"@en }",
        &[],
    );
    assert_eq!(aitu.len(), 1, "{aitu:?}");
    let paper = select(
        &store,
        "SELECT DISTINCT ?p WHERE { ?p a schema:CreativeWork ; schema:sameAs <https://doi.org/10.1080/09557571.2018.1520809> }",
        &[],
    );
    assert_eq!(paper.len(), 1);
    // sub-properties: the online ISSN is a schema:issn, a schema:name is an rdfs:label
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?j schema:issn \"1474-449X\" }"
        ),
        1
    );
    assert!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?j rdfs:label \"Cambridge Review of International Affairs\"@en }"
        ) >= 1
    );
}

#[test]
fn inferred_triples_live_in_their_own_graphs() {
    let store = demo_store();
    let asserted = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o a schema:Organization } FILTER(STRSTARTS(STR(?g), \"http://steppe.test/graph/source/\")) }",
    );
    let inferred = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o a schema:Organization } FILTER(STRSTARTS(STR(?g), \"http://steppe.test/graph/inferred/\")) }",
    );
    assert!(
        inferred > asserted,
        "asserted {asserted}, inferred {inferred}"
    );
    // nothing inferred lands in a source graph
    let kinds = select(
        &store,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a schema:Thing } }",
        &[],
    );
    assert!(
        kinds
            .iter()
            .all(|r| text(&r["g"]).contains("/graph/inferred/")
                || text(&r["g"]).contains("/graph/ontology")),
        "{kinds:?}"
    );
}

#[test]
fn inferences_follow_a_reloaded_source() {
    let store = empty_store();
    let v1 = "<org/x> a <http://schema.org/CollegeOrUniversity> ; <http://schema.org/name> \"X\" .";
    store
        .load(Source::from_bytes("x.ttl", RdfFormat::Turtle, v1.into()))
        .unwrap();
    let edu = "SELECT (COUNT(*) AS ?n) WHERE { ?o a schema:EducationalOrganization }";
    assert_eq!(count(&store, edu), 1);
    let v2 = "<org/x> a <http://schema.org/Corporation> ; <http://schema.org/name> \"X\" .";
    let report = store
        .load(Source::from_bytes("x.ttl", RdfFormat::Turtle, v2.into()))
        .unwrap();
    assert!(report.replaced);
    assert_eq!(count(&store, edu), 0, "the old inference must be gone");
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?o a schema:Organization }"
        ),
        1
    );
    // and reloading it unchanged adds nothing
    let before = snapshot(&store).len();
    store
        .load(Source::from_bytes("x.ttl", RdfFormat::Turtle, v2.into()))
        .unwrap();
    assert_eq!(snapshot(&store).len(), before);
}

#[test]
fn a_changed_ontology_recomputes_every_inferred_graph() {
    let store = demo_store();
    let query =
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://example.org/Publication> }";
    assert_eq!(count(&store, query), 0);
    let mut ontology = steppe::embedded::ONTOLOGY.to_vec();
    ontology.push(("extra.ttl", "<http://schema.org/Article> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://example.org/Publication> ."));
    assert!(store.install_ontology(&ontology).unwrap());
    let articles = count(
        &store,
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Article }",
    );
    assert!(articles > 1);
    assert_eq!(
        count(&store, query),
        articles,
        "every article of the demo data"
    );
    // the same ontology again changes nothing
    let before = snapshot(&store);
    assert!(!store.install_ontology(&ontology).unwrap());
    assert_eq!(snapshot(&store), before);
}
