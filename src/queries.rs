//! SPARQL queries from `queries/`, embedded at build time.
//!
//! Each file's header comment says what it does and which variables get bound; callers bind
//! values with `Store::query`'s bindings, never by editing the text. A test parses every one
//! and checks that every file in `queries/` is embedded here.

/// Entities per type, for the home page.
pub const COUNTS: &str = include_str!("../queries/counts.rq");
/// A paper by DOI (binds ?doi).
pub const PAPER_BY_DOI: &str = include_str!("../queries/paper_by_doi.rq");
/// A paper's authors in order with their affiliation at publication (binds ?paper).
pub const PAPER_AUTHORS: &str = include_str!("../queries/paper_authors.rq");
/// A person's current affiliations and affiliations at publication (binds ?person).
pub const PERSON_AFFILIATIONS: &str = include_str!("../queries/person_affiliations.rq");
/// A journal by any of its ISSNs (binds ?issn).
pub const JOURNAL_BY_ISSN: &str = include_str!("../queries/journal_by_issn.rq");
/// A paper's plain-language summary sections in one language (binds ?paper, ?lang).
pub const SUMMARY_SECTIONS: &str = include_str!("../queries/summary_sections.rq");
/// The document of one entity (binds ?this).
pub const ENTITY: &str = include_str!("../queries/entity.rq");
/// What an entity's document says about what it links to (binds ?this; fills ?link, ?whole).
pub const ENTITY_LINKS: &str = include_str!("../queries/entity_links.rq");
/// One page of the papers of an entity, newest first (binds ?of, ?after).
pub const PAPERS_OF: &str = include_str!("../queries/papers_of.rq");
/// The page before a page of papers, oldest first (binds ?of, ?before).
pub const PAPERS_BEFORE: &str = include_str!("../queries/papers_before.rq");
/// Every subject and object of one property, for the lists index (binds ?property).
pub const LINKS: &str = include_str!("../queries/links.rq");
/// Every authorship's paper, author and affiliation at publication, for the lists index.
pub const AUTHORSHIPS: &str = include_str!("../queries/authorships.rq");
/// Every instance of a class, for the lists index (binds ?class).
pub const INSTANCES: &str = include_str!("../queries/instances.rq");
/// A person's co-authors (binds ?of).
pub const COAUTHORS_OF: &str = include_str!("../queries/coauthors_of.rq");
/// Where a person wrote their papers, with years (binds ?of).
pub const AFFILIATIONS_OF: &str = include_str!("../queries/affiliations_of.rq");
/// An organisation's people (binds ?of).
pub const PEOPLE_OF: &str = include_str!("../queries/people_of.rq");
/// The topics of an entity's papers (binds ?of).
pub const TOPICS_OF: &str = include_str!("../queries/topics_of.rq");
/// Topics related to a topic (binds ?of).
pub const RELATED_TOPICS: &str = include_str!("../queries/related_topics.rq");
/// An entity's papers counted by year (binds ?of).
pub const PAPERS_BY_YEAR: &str = include_str!("../queries/papers_by_year.rq");
/// One page of the entities of a type, by name (binds ?type, ?after).
pub const BROWSE: &str = include_str!("../queries/browse.rq");
/// Entities whose name contains a string (binds ?q).
pub const SEARCH: &str = include_str!("../queries/search.rq");
/// The entity that is the same as an external IRI (binds ?same).
pub const SAME_AS: &str = include_str!("../queries/same_as.rq");
/// The works that cite a paper (binds ?this).
pub const CITED_BY: &str = include_str!("../queries/cited_by.rq");
/// The sources of an entity's statements (binds ?this).
pub const ENTITY_SOURCES: &str = include_str!("../queries/entity_sources.rq");
/// Every triple of one named graph (binds ?g).
pub const GRAPH: &str = include_str!("../queries/graph.rq");
/// Every triple of the default graph of the dataset it runs over.
pub const DEFAULT_GRAPH: &str = include_str!("../queries/default_graph.rq");

/// Every embedded query, by file name.
/// VoID: classes with their instance counts.
pub const VOID_CLASSES: &str = include_str!("../queries/void_classes.rq");
/// VoID: properties with their triple counts.
pub const VOID_PROPERTIES: &str = include_str!("../queries/void_properties.rq");
/// VoID: sameAs links by target graph.
pub const VOID_LINKSETS: &str = include_str!("../queries/void_linksets.rq");
/// The number of quads in named graphs.
pub const NAMED_GRAPH_TRIPLES: &str = include_str!("../queries/named_graph_triples.rq");

pub const ALL: &[(&str, &str)] = &[
    ("void_classes.rq", VOID_CLASSES),
    ("void_properties.rq", VOID_PROPERTIES),
    ("void_linksets.rq", VOID_LINKSETS),
    ("named_graph_triples.rq", NAMED_GRAPH_TRIPLES),
    ("counts.rq", COUNTS),
    ("paper_by_doi.rq", PAPER_BY_DOI),
    ("paper_authors.rq", PAPER_AUTHORS),
    ("person_affiliations.rq", PERSON_AFFILIATIONS),
    ("journal_by_issn.rq", JOURNAL_BY_ISSN),
    ("summary_sections.rq", SUMMARY_SECTIONS),
    ("entity.rq", ENTITY),
    ("entity_links.rq", ENTITY_LINKS),
    ("entity_sources.rq", ENTITY_SOURCES),
    ("cited_by.rq", CITED_BY),
    ("papers_of.rq", PAPERS_OF),
    ("papers_before.rq", PAPERS_BEFORE),
    ("links.rq", LINKS),
    ("authorships.rq", AUTHORSHIPS),
    ("instances.rq", INSTANCES),
    ("coauthors_of.rq", COAUTHORS_OF),
    ("affiliations_of.rq", AFFILIATIONS_OF),
    ("people_of.rq", PEOPLE_OF),
    ("topics_of.rq", TOPICS_OF),
    ("related_topics.rq", RELATED_TOPICS),
    ("papers_by_year.rq", PAPERS_BY_YEAR),
    ("browse.rq", BROWSE),
    ("search.rq", SEARCH),
    ("same_as.rq", SAME_AS),
    ("graph.rq", GRAPH),
    ("default_graph.rq", DEFAULT_GRAPH),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_parses() {
        for (name, text) in ALL {
            let _ = oxigraph::sparql::SparqlEvaluator::new()
                .parse_query(text)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                text.contains("# binds:"),
                "{name} must say which variables it binds"
            );
        }
    }

    #[test]
    fn every_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/queries");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                ALL.iter().any(|(n, _)| *n == name),
                "queries/{name} is not embedded in src/queries.rs"
            );
        }
    }
}

/// A query of `queries/` as the catalogue at `/queries` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NamedQuery {
    /// The file name without `.rq`.
    pub name: &'static str,
    /// The header comment, less the `binds:` line.
    pub description: String,
    /// The variables it takes, from the `binds:` line.
    pub parameters: Vec<Parameter>,
    #[serde(skip)]
    pub text: &'static str,
}

/// A variable a named query takes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Parameter {
    pub name: String,
    /// Whether the value is an IRI (`(IRI)` in the header) rather than a plain string.
    pub iri: bool,
    /// What the header says of it.
    pub note: String,
}

/// Every query of `queries/`, with what its header says.
pub fn catalogue() -> Vec<NamedQuery> {
    ALL.iter()
        .map(|(file, text)| {
            let header = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .map(|l| l.trim_start_matches('#').trim());
            let mut description = Vec::new();
            let mut parameters = Vec::new();
            for line in header {
                match line.strip_prefix("binds:") {
                    Some(binds) => parameters = parse_binds(binds),
                    None => description.push(line),
                }
            }
            NamedQuery {
                name: file.trim_end_matches(".rq"),
                description: description.join(" "),
                parameters,
                text,
            }
        })
        .collect()
}

/// `?a (IRI), ?b (a plain string such as "x")` into parameters.
fn parse_binds(binds: &str) -> Vec<Parameter> {
    binds
        .split('?')
        .skip(1)
        .map(|part| {
            let part = part.trim().trim_end_matches(',').trim();
            let (name, note) = part.split_once(' ').unwrap_or((part, ""));
            let note = note
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_owned();
            Parameter {
                name: name.to_owned(),
                iri: note == "IRI",
                note,
            }
        })
        .collect()
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;

    #[test]
    fn headers_give_descriptions_and_parameters() {
        let catalogue = catalogue();
        let by_doi = catalogue.iter().find(|q| q.name == "paper_by_doi").unwrap();
        assert!(by_doi.description.starts_with("Finds a paper by its DOI"));
        assert_eq!(by_doi.parameters.len(), 1);
        assert_eq!(by_doi.parameters[0].name, "doi");
        assert!(!by_doi.parameters[0].iri);
        let sections = catalogue
            .iter()
            .find(|q| q.name == "summary_sections")
            .unwrap();
        let names: Vec<(&str, bool)> = sections
            .parameters
            .iter()
            .map(|p| (p.name.as_str(), p.iri))
            .collect();
        assert_eq!(names, [("paper", true), ("lang", false)]);
        assert!(
            catalogue
                .iter()
                .find(|q| q.name == "counts")
                .unwrap()
                .parameters
                .is_empty()
        );
    }
}
