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

/// Every embedded query, by file name.
pub const ALL: &[(&str, &str)] = &[
    ("counts.rq", COUNTS),
    ("paper_by_doi.rq", PAPER_BY_DOI),
    ("paper_authors.rq", PAPER_AUTHORS),
    ("person_affiliations.rq", PERSON_AFFILIATIONS),
    ("journal_by_issn.rq", JOURNAL_BY_ISSN),
    ("summary_sections.rq", SUMMARY_SECTIONS),
    ("entity.rq", ENTITY),
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
