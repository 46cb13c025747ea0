//! The demo data: the seed paper complete and correct, queried as a user would.

use crate::support::{demo_store, select, text};
use oxigraph::model::{Literal, NamedNode, Term};
use steppe::ids::{Doi, Issn, Orcid, Ror, WikidataId};
use steppe::queries;

const DOI: &str = "10.1080/09557571.2018.1520809";

fn seed_paper(store: &steppe::store::Store) -> NamedNode {
    store.minter().paper(&Doi::parse(DOI).unwrap())
}

#[test]
fn finds_the_seed_paper_by_doi() {
    let store = demo_store();
    let rows = select(
        &store,
        queries::PAPER_BY_DOI,
        &[("doi", Literal::new_simple_literal(DOI).into())],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["paper"], Term::from(seed_paper(&store)));
    assert_eq!(
        text(&rows[0]["title"]),
        "Understanding foreign policy strategies of Kazakhstan: a case study of the landlocked and transcontinental country"
    );
    assert_eq!(text(&rows[0]["date"]), "2018-11-15");
    let none = select(
        &store,
        queries::PAPER_BY_DOI,
        &[("doi", Literal::new_simple_literal("10.1000/none").into())],
    );
    assert!(none.is_empty());
}

#[test]
fn author_in_position_one_with_affiliation_at_publication() {
    let store = demo_store();
    let rows = select(
        &store,
        queries::PAPER_AUTHORS,
        &[("paper", seed_paper(&store).into())],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(text(&rows[0]["position"]), "1");
    assert_eq!(text(&rows[0]["name"]), "Maxat Kassen");
    assert_eq!(
        text(&rows[0]["affiliationName"]),
        "Eurasian Humanities Institute"
    );
}

#[test]
fn authors_of_an_imported_work_stay_in_order() {
    let store = demo_store();
    let paper = store
        .minter()
        .paper(&Doi::parse("10.1038/nrn3475").unwrap());
    let rows = select(&store, queries::PAPER_AUTHORS, &[("paper", paper.into())]);
    let positions: Vec<u32> = rows
        .iter()
        .map(|r| text(&r["position"]).parse().unwrap())
        .collect();
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(positions, sorted);
    assert_eq!(text(&rows[0]["name"]), "Katherine S. Button");
}

#[test]
fn both_affiliations_are_told_apart() {
    let store = demo_store();
    let person = store
        .minter()
        .local(steppe::mint::Kind::Person, "maxat-kassen")
        .unwrap();
    let rows = select(
        &store,
        queries::PERSON_AFFILIATIONS,
        &[("person", person.into())],
    );
    let found: Vec<(String, String)> = rows
        .iter()
        .map(|r| (text(&r["kind"]), text(&r["name"])))
        .collect();
    assert_eq!(
        found,
        [
            (
                "at publication".to_owned(),
                "Eurasian Humanities Institute".to_owned()
            ),
            ("current".to_owned(), "Astana IT University".to_owned()),
        ]
    );
    // the current one is the ROR organisation, one entity with the ROR record's facts
    let aitu = store.minter().org(&Ror::parse("05jnvbc31").unwrap());
    assert!(rows.iter().any(|r| r["org"] == Term::from(aitu.clone())));
    let names = select(
        &store,
        "SELECT ?org ?n WHERE { ?org schema:alternateName ?n }",
        &[("org", aitu.into())],
    );
    assert_eq!(text(&names[0]["n"]), "AITU");
}

#[test]
fn finds_the_journal_by_either_issn() {
    let store = demo_store();
    let journal = store.minter().journal(&Issn::parse("0955-7571").unwrap());
    for issn in ["0955-7571", "1474-449X"] {
        let rows = select(
            &store,
            queries::JOURNAL_BY_ISSN,
            &[("issn", Literal::new_simple_literal(issn).into())],
        );
        assert_eq!(rows.len(), 1, "{issn}: {rows:?}");
        assert_eq!(rows[0]["journal"], Term::from(journal.clone()));
        assert_eq!(
            text(&rows[0]["name"]),
            "Cambridge Review of International Affairs"
        );
    }
}

#[test]
fn three_summary_sections_in_english_verbatim() {
    let store = demo_store();
    let rows = select(
        &store,
        queries::SUMMARY_SECTIONS,
        &[
            ("paper", seed_paper(&store).into()),
            ("lang", Literal::new_simple_literal("en").into()),
        ],
    );
    let headings: Vec<String> = rows.iter().map(|r| text(&r["heading"])).collect();
    assert_eq!(
        headings,
        ["What is it about?", "Why is it important?", "Perspectives"]
    );
    assert!(
        text(&rows[0]["text"])
            .starts_with("Examining Kazakhstan's foreign policy through the lens")
    );
    assert!(text(&rows[2]["text"]).ends_with("bilateral inter governmental initiatives."));
    assert_eq!(text(&rows[0]["writer"]), "Maxat Kassen");
    // the abstract is "What is it about?" followed by "Why is it important?"
    let abstracts = select(
        &store,
        "SELECT ?paper ?a WHERE { ?paper schema:abstract ?a }",
        &[("paper", seed_paper(&store).into())],
    );
    assert_eq!(
        text(&abstracts[0]["a"]),
        format!("{} {}", text(&rows[0]["text"]), text(&rows[1]["text"]))
    );
}

#[test]
fn seed_paper_has_its_bibliographic_facts() {
    let store = demo_store();
    let rows = select(
        &store,
        "SELECT ?paper ?volume ?issue ?start ?end ?publisher WHERE {
           ?paper schema:isPartOf ?i ; schema:pageStart ?start ; schema:pageEnd ?end ; schema:publisher/schema:name ?publisher .
           ?i schema:issueNumber ?issue ; schema:isPartOf ?v . ?v schema:volumeNumber ?volume }",
        &[("paper", seed_paper(&store).into())],
    );
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        [
            text(&r["volume"]),
            text(&r["issue"]),
            text(&r["start"]),
            text(&r["end"]),
            text(&r["publisher"])
        ],
        ["31", "3-4", "314", "343", "Taylor & Francis"]
    );
}

/// Every entity in data/ with an identifier carries the IRI `mint` gives for it.
#[test]
fn data_iris_are_the_minted_ones() {
    let store = demo_store();
    let rows = select(
        &store,
        "SELECT DISTINCT ?entity ?scheme ?value WHERE { ?entity schema:identifier ?id . ?id schema:propertyID ?scheme ; schema:value ?value }",
        &[],
    );
    let minter = store.minter();
    let mut checked = 0;
    for row in &rows {
        let value = text(&row["value"]);
        let entity = text(&row["entity"]);
        let expected = match text(&row["scheme"]).as_str() {
            "doi" => minter.paper(&Doi::parse(&value).unwrap()),
            "orcid" if entity.contains("/person/") => minter.person(&Orcid::parse(&value).unwrap()),
            "ror" => minter.org(&Ror::parse(&value).unwrap()),
            "wikidata" if entity.contains("/topic/") => {
                minter.topic(&WikidataId::parse(&value).unwrap())
            }
            _ => continue,
        };
        assert_eq!(entity, expected.as_str(), "{row:?}");
        checked += 1;
    }
    assert!(checked > 150, "only {checked} identifiers checked");
}

#[test]
fn lists_and_counts_are_not_trivial() {
    let store = demo_store();
    let counts = steppe::pages::home::counts(&store, None).unwrap();
    let get = |label: &str| counts.iter().find(|c| c.label == label).unwrap().count;
    assert!(get("Papers") >= 10, "{counts:?}");
    assert!(get("People") >= 20, "{counts:?}");
    assert!(get("Organisations") >= 84, "{counts:?}");
    assert!(get("Journals") >= 5, "{counts:?}");
    assert!(get("Topics") >= 9, "{counts:?}");
    assert_eq!(get("Plain-language summaries"), 1);
}

#[test]
fn every_data_file_is_embedded() {
    let mut found = Vec::new();
    let root = crate::support::repo("data");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if steppe::source::format_of(&path).is_some() {
                found.push(
                    path.strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    for file in &found {
        assert!(
            steppe::embedded::DEMO_DATA.iter().any(|(p, _)| p == file),
            "data/{file} is not in embedded::DEMO_DATA"
        );
    }
    assert_eq!(found.len(), steppe::embedded::DEMO_DATA.len());
}
