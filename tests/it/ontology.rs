//! The ontology: every term of ours is labelled in three languages and explained.

use crate::support::{empty_store, select, text};

#[test]
fn every_steppe_term_has_english_kazakh_and_russian_labels_and_a_comment() {
    let store = empty_store();
    let terms = select(
        &store,
        "SELECT DISTINCT ?term WHERE { GRAPH ?g { ?term a ?kind } FILTER(STRSTARTS(STR(?term), STR(steppe:)) && ?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty)) }",
        &[],
    );
    assert!(terms.len() >= 20, "{terms:?}");
    for row in &terms {
        let term = row["term"].clone();
        for lang in ["en", "kk", "ru"] {
            let labels = select(
                &store,
                "SELECT ?term ?lang ?label WHERE { ?term rdfs:label ?label FILTER(LANG(?label) = ?lang) }",
                &[
                    ("term", term.clone()),
                    (
                        "lang",
                        oxigraph::model::Literal::new_simple_literal(lang).into(),
                    ),
                ],
            );
            assert_eq!(
                labels.len(),
                1,
                "{} has no single {lang} label",
                text(&term)
            );
        }
        let comments = select(
            &store,
            "SELECT ?term ?c WHERE { ?term rdfs:comment ?c }",
            &[("term", term.clone())],
        );
        assert!(!comments.is_empty(), "{} has no comment", text(&term));
    }
}

#[test]
fn the_example_in_the_ontology_readme_parses() {
    let readme = std::fs::read_to_string(crate::support::repo("ontology/README.md")).unwrap();
    let start = readme.find("```turtle\n").unwrap() + "```turtle\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let triples: Vec<_> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .with_base_iri("http://steppe.test/")
        .unwrap()
        .for_slice(&readme.as_bytes()[start..end])
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(triples.len() > 10);
}
